"""The coach directory's pages: the finder at /coaches/, a profile per coach, the join page, and their
data files."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from importlib.resources import files as package_files
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup

from coachblog import fold_script
from coachblog.coaches import join, schema
from coachblog.coaches.directory import load_coaches
from coachblog.coaches.fields import Coach, CoachSource, Folder, url_problem
from coachblog.coaches.json_schema import schema_json
from coachblog.coaches.map import FinderMap, coach_point, finder_map_parts, profile_map
from coachblog.coaches.reading import MAX_BYTES
from coachblog.errors import ContentError, Problem, taken_by_hand
from coachblog.places import gazetteer as geo
from coachblog.search_index import SearchEntry
from coachblog.templating import TEMPLATES
from coachblog.text import search_key, slugify
from coachblog.urls import absolute_url, page_url, relative_url

FINDER_JS = "assets/coachblog/coach-finder.js"
# The directory's stylesheet (finder, lists, profiles): the package's coach-finder.css and coach-map.css
# as one file, one request fewer before a directory page can show.
FINDER_CSS = "assets/coachblog/coach-finder.css"
FINDER_CSS_PARTS = ("assets/coach-finder.css", "assets/coach-map.css")
MAP_JS = "assets/coachblog/coach-map.js"
MAP_NAME = "map.svg"  # <coaches_dir>/finder/map.svg: the finder's map, fetched when scrolled to
SCHEMA_NAME = "schema.json"  # the coach file as a JSON Schema, for editors
PLACES_NAME = "places.json"
RADII_MILES = (5, 10, 25, 50, 100)
DEFAULT_RADIUS = 25
# The no-JavaScript lists live under <coaches_dir>/places/: "places" is a reserved slug, so no coach's
# profile can take that address.
LISTS_DIR = "places"
ONLINE_LIST = "online"  # <coaches_dir>/places/online/: coaches who coach online only
REGION_PAGES_OVER = 300  # a country with more coaches than this gets a page per region
LIST_PAGE_MAX = 1000  # a region with more is listed on several pages, by place
FIRST_BATCH = 25  # coaches in the finder's own HTML; the script shows more, this many at a time
DATA_DIR = "finder"  # <coaches_dir>/finder/: the script's data, fetched on first use
COACH_DATA = "coaches.json"
PLACE_CHUNK_ROWS = 1500  # a suggestion file with more places than this is split by one more letter


@dataclass(frozen=True)
class CoachSettings:
    """Where coach files live and how their pages are addressed."""

    coaches_dir: str = "coaches"
    docs_label: str = "docs"
    use_directory_urls: bool = True
    repo_url: str | None = None
    edit_branch: str = "main"  # the branch of repo_url coach files are proposed to (option edit_branch)
    site_url: str | None = None  # where the site is published: the JSON Schema's $id


@dataclass(frozen=True)
class Follow:
    """What a directory page's "new coaches" feeds follow: its country, region or the online-only
    coaches, all of them (a list on several pages is followed from its first)."""

    where: str  # 'in Wales', 'in England, United Kingdom', 'online'
    coaches: tuple[Coach, ...]


@dataclass(frozen=True)
class FollowedPage:
    """A directory page with feeds of its newest coaches (build_steps hands them to the feeds): the
    finder, with every coach, or the first page of a list."""

    src_uri: str
    url: str  # site-relative
    folder: str  # the site folder of its feeds: 'coaches/', 'coaches/places/wales/'
    follow: Follow


@dataclass(frozen=True)
class ListPage:
    """A page of the complete list without JavaScript: a country's (or a region's) coaches, or the
    online-only coaches; a country split by region lists its regions as links instead."""

    title: str  # "Coaches in England, United Kingdom"
    heading: str  # "England"
    path: str  # "coaches/places/united-kingdom/england": the source is path + ".md"
    url: str
    groups: list[tuple[str, list[Coach]]]  # (region, coaches), region "" when not told
    parts: list[tuple[str, str, int]] = field(default_factory=list)  # (name, url, count) of region pages
    parent: tuple[str, str] | None = None  # (name, url) of the country page a region page belongs to
    follow: Follow | None = None  # what its feeds follow; None on the later pages of a list

    @property
    def count(self) -> int:
        return sum(len(coaches) for _, coaches in self.groups) + sum(n for _, _, n in self.parts)


@dataclass(frozen=True)
class CoachPage:
    """A page the directory adds to the site: its source path, Markdown, and the coach of a profile or
    the list of a no-JavaScript list page (neither for the finder and the join page)."""

    src_uri: str
    markdown: str
    coach: Coach | None = None
    listing: ListPage | None = None


def safe_json(data: object) -> Markup:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' that could end or bend it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return Markup(text)  # every character that could close the element is escaped above


def safe_link(url: str | None) -> str | None:
    """The URL if it is an http(s) link, else None: checked again here so nothing unsafe is ever linked."""
    return url.strip() if url and url_problem(url) is None else None


def contact_links(coach: Coach) -> dict[str, object]:
    """The profile's links, each address once: a contact page that is also the website or a social
    profile is shown once, under the more telling name."""
    social = [(schema.SOCIAL[k], link) for k, v in coach.social if (link := safe_link(v))]
    website = safe_link(coach.website)
    contact = safe_link(coach.contact_url)
    shown = {_same(link) for _, link in social}
    if website and _same(website) in shown:
        website = None
    if contact and _same(contact) in shown | {_same(website or "")}:
        contact = None
    return {"website": website, "contact_url": contact, "social": social}


def _same(link: str) -> str:
    return link.lower().rstrip("/").removeprefix("https://").removeprefix("http://").removeprefix("www.")


def mailto(email: str | None) -> str | None:
    return f"mailto:{quote(email, safe='@.+-_')}" if email else None


class CoachSite:
    """The coaches of one build and the pages made from them."""

    def __init__(
        self,
        settings: CoachSettings,
        sources: Iterable[CoachSource],
        all_uris: Iterable[str],
        gazetteer: Callable[[], geo.Gazetteer] = geo.load_gazetteer,
    ) -> None:
        self.settings = settings
        folder = settings.coaches_dir
        self.folder = Folder(folder, f"{settings.docs_label}/{folder}/")
        sources = list(sources)
        result = load_coaches(sources, all_uris, self.folder, gazetteer=gazetteer)
        if result.problems:
            raise ContentError(result.problems)
        self.coaches = result.coaches
        self._gazetteer = gazetteer
        self._rows: list[list[object]] | None = None
        self.finder_src = f"{folder}/index.md"
        self.finder_url = f"{folder}/" if settings.use_directory_urls else f"{folder}/index.html"
        self.join_src = f"{folder}/{join.JOIN_SLUG}.md"
        self.join_url = page_url(folder, join.JOIN_SLUG, settings.use_directory_urls)
        self.repo = join.github_repo(settings.repo_url, settings.edit_branch)
        self.pages = [CoachPage(self.finder_src, _FINDER_MARKDOWN), CoachPage(self.join_src, _JOIN_MARKDOWN)]
        self.pages += [CoachPage(self.profile_src(c), "", c) for c in self.coaches]
        self.lists = self._list_pages()
        self.pages += [CoachPage(f"{p.path}.md", _list_markdown(p), listing=p) for p in self.lists]
        self.by_src = {p.src_uri: p for p in self.pages}
        # "Tips by <name>" on a profile, from the slug and the page's URL: set by the build once the posts
        # are read (build_steps.add_authors); coaches do not know about posts.
        self.coach_tips: Callable[[str, str], str] = lambda slug, base: ""
        # A profile's photo (srcsets of its square files), from the slug and the page's URL: set by the
        # build once the photos are made (build_steps.add_coach_photos); None shows no photo.
        self.profile_photo: Callable[[str, str], dict[str, Any] | None] = lambda slug, base: None
        # A coach's thumbnail in the finder and the list pages, from the slug: site-relative URLs of its
        # files (1x and 2x, WebP and JPEG), its width ("size"), their folder and the short "key" the
        # finder's data holds for it. Set by the build with the photos, which then writes the finder's
        # data again (`coach_data`); None shows no photo.
        self.list_photo: Callable[[str], dict[str, Any] | None] = lambda slug: None
        # The "Follow" line of a page with feeds of its own (a profile, the finder, a list page), from
        # the page's source and URL: set by the build once the feeds are made (build_steps.start_feeds);
        # coaches do not know about feeds. Markup (it is printed as it is); '' shows none.
        self.follow: Callable[[str, str], str] = lambda src_uri, base: ""
        # The directory's open data (coaches/open_data.py) as the finder links it, from the page's URL: the
        # data page's and files' links and the licence. Set by the build (build_steps.add_open_data).
        self.open_data: Callable[[str], dict[str, str] | None] = lambda base: None
        # Coach files feed the pages; they are not published as they are.
        self.unpublished = {
            s.src_uri for s in sources if s.src_uri.startswith(f"{folder}/") and not _is_photo(s.src_uri)
        }
        self.unpublished.add(f"{folder}/README.md")

    def _list_url(self, *names: str) -> tuple[str, str]:
        """(path, url) of a no-JavaScript list page: places/<country>[/<region>] in the coaches folder."""
        path = "/".join((self.settings.coaches_dir, LISTS_DIR, *names))
        return path, (f"{path}/" if self.settings.use_directory_urls else f"{path}.html")

    def _list_pages(self) -> list[ListPage]:
        """The complete list without JavaScript: a page per country, or per region for a country with
        more than REGION_PAGES_OVER coaches (a region of more than LIST_PAGE_MAX on several pages, by
        place), and one for the coaches who coach online only. Every coach is on exactly one of them."""
        tree: dict[str, dict[str, list[Coach]]] = defaultdict(lambda: defaultdict(list))
        for coach in self.coaches:
            if not coach.online_only:
                tree[coach.country_name][coach.region].append(coach)
        pages: list[ListPage] = []
        country_slugs = _unique_slugs(sorted(tree), taken={ONLINE_LIST})
        for country in sorted(tree):
            regions = {r: _by_place(cs) for r, cs in sorted(tree[country].items())}
            path, url = self._list_url(country_slugs[country])
            title = f"Running coaches in {country}"
            everyone = Follow(f"in {country}", tuple(c for cs in regions.values() for c in cs))
            if sum(len(cs) for cs in regions.values()) <= REGION_PAGES_OVER:
                pages.append(ListPage(title, country, path, url, list(regions.items()), follow=everyone))
                continue
            named = [r for r in regions if r]
            region_slugs = _unique_slugs(named)
            parts = []
            for region in named:
                coaches = regions[region]
                batches = [coaches[i : i + LIST_PAGE_MAX] for i in range(0, len(coaches), LIST_PAGE_MAX)]
                for n, batch in enumerate(batches, 1):
                    numbered = (str(n),) if n > 1 else ()
                    part_path, part_url = self._list_url(
                        country_slugs[country], region_slugs[region], *numbered
                    )
                    places = f" ({batch[0].place} to {batch[-1].place})" if len(batches) > 1 else ""
                    part = ListPage(
                        f"Running coaches in {region}, {country}{places}",
                        f"{region}{places}",
                        part_path,
                        part_url,
                        [(region, batch)],
                        parent=(country, url),
                        follow=Follow(f"in {region}, {country}", tuple(coaches)) if n == 1 else None,
                    )
                    pages.append(part)
                    parts.append((part.heading, part_url, part.count))
            unplaced = [("", regions[""])] if "" in regions else []
            pages.append(ListPage(title, country, path, url, unplaced, parts, follow=everyone))
        online = [c for c in self.coaches if c.online_only]  # by name
        batches = [online[i : i + LIST_PAGE_MAX] for i in range(0, len(online), LIST_PAGE_MAX)]
        for n, batch in enumerate(batches, 1):
            path, url = self._list_url(ONLINE_LIST, *((str(n),) if n > 1 else ()))
            names = f" ({batch[0].name} to {batch[-1].name})" if len(batches) > 1 else ""
            pages.append(
                ListPage(
                    f"Running coaches online only{names}",
                    f"Online only{names}",
                    path,
                    url,
                    [("", batch)],
                    follow=Follow("online", tuple(online)) if n == 1 else None,
                )
            )
        return pages

    def _countries(self) -> list[str]:
        """The coaches' countries, whose places places.json lists, in its order."""
        return sorted({c.country for c in self.coaches})

    def _place_ranges(self) -> dict[str, tuple[int, int]]:
        """Where each country's places are in places.json, so the join page suggests only the chosen one's."""
        countries = self._countries()
        if not countries:
            return {}
        gazetteer = self._gazetteer()
        return join.place_ranges((country, len(gazetteer.places_in(country))) for country in countries)

    def profile_url(self, coach: Coach) -> str:
        return page_url(self.settings.coaches_dir, coach.slug, self.settings.use_directory_urls)

    def profile_src(self, coach: Coach) -> str:
        return f"{self.settings.coaches_dir}/{coach.slug}.md"

    def followed(self) -> list[FollowedPage]:
        """The pages readers can follow for new coaches: the finder, then the first page of each list."""
        folder = self.settings.coaches_dir
        pages = [
            FollowedPage(self.finder_src, self.finder_url, f"{folder}/", Follow("", tuple(self.coaches)))
        ]
        pages += [FollowedPage(f"{p.path}.md", p.url, f"{p.path}/", p.follow) for p in self.lists if p.follow]
        return pages

    def taken_sources(self, src_uris: Iterable[str]) -> list[Problem]:
        """Problems for hand-written pages that stand where a generated coach page must go."""
        return taken_by_hand(src_uris, self.by_src, "from the coach files")

    def _place_rows(self) -> list[list[object]]:
        countries = self._countries()
        if not countries:
            return []
        if self._rows is None:
            self._rows = self._gazetteer().suggestion_rows(countries)
        return self._rows

    def _place_chunks(self) -> dict[str, list[list[object]]]:
        """The places for the finder's suggestions, split by the first letters of their folded name."""
        return place_chunks([(fold(str(row[0])), row) for row in self._place_rows()])

    def assets(self) -> dict[str, bytes]:
        """Files to add to the site: the finder's and join page's scripts and styles, the place names for
        suggestions (all in one file for the join page, in small files by first letters for the finder),
        the finder's coach data, and one small file per coach with their entry's values, for the join
        page."""
        package = package_files("coachblog")
        rows = self._place_rows()
        places = {"source": f"{geo.ATTRIBUTION}, {geo.LICENCE}", "places": rows}
        folder = self.settings.coaches_dir
        data = f"{folder}/{DATA_DIR}"
        files = {
            fold_script.SITE_PATH: package.joinpath(fold_script.PACKAGE_PATH).read_bytes(),
            FINDER_JS: package.joinpath("assets/coach-finder.js").read_bytes(),
            FINDER_CSS: b"\n".join(package.joinpath(part).read_bytes() for part in FINDER_CSS_PARTS),
            join.JOIN_JS: package.joinpath("assets/coach-join.js").read_bytes(),
            join.JOIN_CSS: package.joinpath("assets/coach-join.css").read_bytes(),
            MAP_JS: package.joinpath("assets/coach-map.js").read_bytes(),
            f"{folder}/{PLACES_NAME}": json.dumps(places, separators=(",", ":")).encode(),
            f"{folder}/{SCHEMA_NAME}": self._json_schema(folder).encode(),
            **dict([self.coach_data()]),
        }
        if self._map is not None:
            files[f"{data}/{MAP_NAME}"] = str(self._map.svg).encode()
        for name, chunk in self._place_chunks().items():
            files[f"{data}/places-{chunk_file(name)}.json"] = _compact(
                {
                    "label": [row[0] for row in chunk],
                    "lat": [_milli(row[1]) for row in chunk],
                    "lon": [_milli(row[2]) for row in chunk],
                }
            )
        for coach in self.coaches:
            entry = json.dumps(join.entry_json(coach), ensure_ascii=False, separators=(",", ":"))
            files[f"{folder}/{coach.slug}{join.ENTRY_SUFFIX}"] = entry.encode()
        return files

    def coach_data(self) -> tuple[str, bytes]:
        """The finder's coach data file: its site path and bytes."""
        return f"{self.settings.coaches_dir}/{DATA_DIR}/{COACH_DATA}", _compact(self._coach_columns())

    def _json_schema(self, folder: str) -> str:
        """The coach file's JSON Schema, its $id where the site publishes it (when site_url is known)."""
        site = self.settings.site_url
        return schema_json(absolute_url(site, f"{folder}/{SCHEMA_NAME}")) if site else schema_json()

    def page_meta(self, src_uri: str) -> dict[str, object]:
        """Title and description for the theme, HTML-escaped: Material prints them unescaped.

        Profiles stay out of the theme's search indexing: `search_entries` indexes each coach instead.
        """
        page = self.by_src.get(src_uri)
        if page is not None and page.listing is not None:
            listing = page.listing
            what = f"{listing.count} running {'coach' if listing.count == 1 else 'coaches'}"
            return {
                "title": escape(listing.title),
                "description": escape(f"{what}: {listing.title.removeprefix('Running coaches ')}."),
                "search": {"exclude": True},
            }
        if page is None or page.coach is None:
            return {}
        coach = page.coach
        what = ", ".join(schema.SPECIALTIES[s].lower() for s in coach.specialties)
        where = "online" if coach.online_only else f"in {coach.place}"
        description = f"{coach.name}, running coach {where}: {what}."
        return {
            "title": escape(coach.name),
            "description": escape(description),
            "search": {"exclude": True},
            "hide": ["navigation", "toc"],  # the directory's pages have no docs sidebars
        }

    def search_entries(self) -> list[SearchEntry]:
        """One search entry per coach: name, place, specialties, qualifications and bio."""
        template = TEMPLATES.get_template("coach_search.html")
        return [
            {
                "location": self.profile_url(coach),
                "title": escape(coach.name, quote=False),
                "text": template.render(
                    **self._entry(coach, ""),
                    qualifications=coach.qualifications,
                    bio=[p.strip() for p in coach.bio.split("\n\n") if p.strip()],
                ),
            }
            for coach in self.coaches
        ]

    def decorate(self, src_uri: str, url: str, html: str) -> str:
        """The page's HTML with the finder or the coach's profile added."""
        page = self.by_src.get(src_uri)
        if page is None:
            return html
        if src_uri == self.join_src:
            return html + self._join(url)
        if page.listing is not None:
            return self._list(page.listing, url) + html
        if page.coach is None:
            return html + self._finder(url)
        return self._profile(page.coach, url) + html

    def _entry(self, coach: Coach, base: str) -> dict[str, Any]:
        return {
            "href": relative_url(self.profile_url(coach), base),
            "name": coach.name,
            "place": coach.place,
            "where": ", ".join(filter(None, (coach.place, coach.region or coach.country_name))),
            "specialties": [schema.SPECIALTIES[s] for s in coach.specialties],
            "coaching": [schema.COACHING[m] for m in coach.coaching],
            "online": "online" in coach.coaching,
            "online_only": coach.online_only,
        }

    def _nav(self, base: str) -> list[dict[str, Any]]:
        """The list pages as the finder links them: countries, each with its region pages if it has any."""
        return [
            {
                "title": p.heading,
                "href": relative_url(p.url, base),
                "count": p.count,
                "parts": [{"title": n, "href": relative_url(u, base), "count": c} for n, u, c in p.parts],
            }
            for p in self.lists
            if p.parent is None
        ]

    def _coach_columns(self) -> dict[str, Any]:
        """Every coach for the finder script, one array per field, in the finder's order (by name), so
        that repeats sit together and gzip well: name; slug, or 0 where it is the name slugified (the
        script does the same); index in `places` of [place shown, latitude, longitude], in thousandths
        of a degree (coaches in one town share it); specialties and ways of coaching as bits in schema
        order; the photo's key (the script makes its files' names from it and the slug), or 0."""
        specialties, modes = list(schema.SPECIALTIES), list(schema.COACHING)
        place_index: dict[tuple[str, int | None, int | None], int] = {}
        columns: dict[str, list[Any]] = {k: [] for k in ("name", "slug", "place", "s", "m", "photo")}
        for coach in self.coaches:
            photo = self.list_photo(coach.slug)
            place = (where_shown(coach), _milli(coach.latitude), _milli(coach.longitude))
            columns["name"].append(coach.name)
            columns["slug"].append(0 if coach.slug == slugify(coach.name) else coach.slug)
            columns["place"].append(place_index.setdefault(place, len(place_index)))
            columns["s"].append(sum(1 << specialties.index(s) for s in coach.specialties))
            columns["m"].append(sum(1 << modes.index(m) for m in coach.coaching))
            columns["photo"].append(photo["key"] if photo else 0)
        return {"count": len(self.coaches), "places": [list(p) for p in place_index], **columns}

    def _row(self, coach: Coach, base: str) -> list[Any]:
        """One coach as the page's inline data lists the first batch: href, name, place, position, bits."""
        specialties, modes = list(schema.SPECIALTIES), list(schema.COACHING)
        lat = round(coach.latitude, 3) if coach.latitude is not None else None
        lon = round(coach.longitude, 3) if coach.longitude is not None else None
        spec_bits = sum(1 << specialties.index(s) for s in coach.specialties)
        mode_bits = sum(1 << modes.index(m) for m in coach.coaching)
        return [
            relative_url(self.profile_url(coach), base),
            coach.name,
            where_shown(coach),
            lat,
            lon,
            spec_bits,
            mode_bits,
        ]

    def _data(self, base: str) -> dict[str, Any]:
        """What the finder script needs before it fetches anything: labels, where its data files are,
        and the coaches the page shows first (the rest come from the coach data file, on first use)."""
        marker = "coach-slug"
        profile = page_url(self.settings.coaches_dir, marker, self.settings.use_directory_urls)
        prefix, _, suffix = relative_url(profile, base).rpartition(marker)
        folder = self.settings.coaches_dir
        return {
            "specialties": list(schema.SPECIALTIES.items()),
            "coaching": list(schema.COACHING.items()),
            "count": len(self.coaches),
            "batch": FIRST_BATCH,
            "profile": [prefix, suffix],
            "data": relative_url(f"{folder}/{DATA_DIR}/{COACH_DATA}", base),
            "places": relative_url(f"{folder}/{DATA_DIR}/places-", base),
            "chunks": sorted(self._place_chunks()),
            "coaches": [self._row(c, base) for c in self.coaches[:FIRST_BATCH]],
            "photos": self._photo_folder(base),
        }

    def _photo_folder(self, base: str) -> dict[str, Any] | None:
        """Where the coaches' thumbnails are, from the page at `base`, and their width: None when no
        coach has a photo (the lists then leave room for none)."""
        shown = next((p for c in self.coaches if (p := self.list_photo(c.slug))), None)
        return {"folder": relative_url(shown["folder"], base), "size": shown["size"]} if shown else None

    def _listed(self, coach: Coach, base: str, photos: bool) -> dict[str, Any]:
        """A coach as the finder and the list pages print them: the profile's facts, their thumbnail (its
        srcsets from the page at `base`) or, in a list with photos (`photos`), their initial instead."""
        thumb = self.list_photo(coach.slug)
        photo = None
        if thumb is not None:
            webp, jpeg = ([relative_url(url, base) for url in thumb[kind]] for kind in ("webp", "jpeg"))
            photo = {
                "webp": _srcset(webp, thumb["widths"]),
                "jpeg": _srcset(jpeg, thumb["widths"]),
                "src": jpeg[0],
                "size": thumb["size"],
            }
        initial = coach.name[:1] if photos and photo is None else ""
        return {
            **self._entry(coach, base),
            # in the schema's order, as the finder's script writes them from its bits
            "specialties": [label for key, label in schema.SPECIALTIES.items() if key in coach.specialties],
            "coaching": [label for key, label in schema.COACHING.items() if key in coach.coaching],
            "id": coach.slug,
            "photo": photo,
            "initial": initial,
        }

    @cached_property
    def _map(self) -> FinderMap | None:
        """The finder's map, drawn at build time, its links relative to the finder: its SVG is a file of
        its own that the finder fetches when the reader scrolls near it, so the finder's first load
        stays the same at any size."""
        base = self.finder_url
        lists = {
            c.slug: relative_url(page.url, base) for page in self.lists for _, cs in page.groups for c in cs
        }
        points = (
            coach_point(c, relative_url(self.profile_url(c), base), lists.get(c.slug, "#cb-directory"))
            for c in self.coaches
            if not c.online_only
        )
        return finder_map_parts(p for p in points if p is not None)

    def _finder(self, url: str) -> str:
        base = url
        count = len(self.coaches)
        photos = self._photo_folder(base) is not None
        context = {
            "first": [self._listed(c, base, photos) for c in self.coaches[:FIRST_BATCH]],
            "photos": photos,
            "count": count,
            "more": max(0, count - FIRST_BATCH),
            "batch": FIRST_BATCH,
            "nav": self._nav(base),
            "data": safe_json(self._data(base)),
            "specialties": list(schema.SPECIALTIES.items()),
            "coaching": list(schema.COACHING.items()),
            "radii": RADII_MILES,
            "default_radius": DEFAULT_RADIUS,
            "places_href": relative_url(f"{self.settings.coaches_dir}/{PLACES_NAME}", base),
            "fold_script_href": relative_url(fold_script.SITE_PATH, base),
            "script_href": relative_url(FINDER_JS, base),
            "map_script_href": relative_url(MAP_JS, base),
            "map_href": relative_url(f"{self.settings.coaches_dir}/{DATA_DIR}/{MAP_NAME}", base),
            "map": self._map,
            "join_href": relative_url(self.join_url, base),
            "guide_href": self._repo_link("blob", "CONTRIBUTING.md"),
            "open_data": self.open_data(base),
            "follow": self.follow(self.finder_src, base),
            "geonames": {
                "name": geo.ATTRIBUTION,
                "url": geo.ATTRIBUTION_URL,
                "licence": geo.LICENCE,
                "licence_url": geo.LICENCE_URL,
            },
        }
        return TEMPLATES.get_template("coach_finder.html").render(**context)

    def _list(self, listing: ListPage, url: str) -> str:
        """A no-JavaScript list page: its coaches by region and place, or links to its region pages."""
        photos = any(self.list_photo(c.slug) for _, coaches in listing.groups for c in coaches)
        context = {
            "title": listing.title,
            "count": listing.count,
            "photos": photos,
            "groups": [
                {
                    "title": title,
                    "id": _anchor(title),
                    "coaches": [self._listed(c, url, photos) for c in coaches],
                }
                for region, coaches in listing.groups
                for title in [region or ("Other places" if len(listing.groups) > 1 or listing.parts else "")]
            ],
            "parts": [{"title": n, "href": relative_url(u, url), "count": c} for n, u, c in listing.parts],
            "parent": {"title": listing.parent[0], "href": relative_url(listing.parent[1], url)}
            if listing.parent
            else None,
            "finder_href": relative_url(self.finder_url, url),
            "follow": self.follow(f"{listing.path}.md", url),
        }
        return TEMPLATES.get_template("coach_list.html").render(**context)

    def _repo_link(self, kind: str, path: str) -> str | None:
        if self.repo is not None:
            return self.repo.page(kind, path)
        repo = self.settings.repo_url
        if not repo or safe_link(repo) is None:
            return None
        return f"{repo.rstrip('/')}/{kind}/{quote(self.settings.edit_branch, safe='/')}/{path}"

    def _file_in_repo(self, src_uri: str) -> str:
        """A file under docs/ as a path in the repository (docs/coaches/alex-example.yml)."""
        return f"{self.settings.docs_label.strip('/')}/{src_uri}"

    def _join(self, url: str) -> str:
        """The join page's form, made from the schema, and the guide shown instead without JavaScript."""
        folder = self.settings.coaches_dir
        marker = "coach-slug"  # a profile's address around any slug
        profile_prefix, _, profile_suffix = relative_url(
            page_url(folder, marker, self.settings.use_directory_urls), url
        ).rpartition(marker)
        links = join.JoinLinks(
            folder_shown=self.folder.shown,
            entry_prefix=relative_url(f"{folder}/", url),
            profile_prefix=profile_prefix,
            profile_suffix=profile_suffix,
            places=relative_url(f"{folder}/{PLACES_NAME}", url),
            repo=self.repo,
            repo_folder=self._file_in_repo(folder),
            guide=self._repo_link("blob", "CONTRIBUTING.md"),
        )
        countries = geo.country_names()
        common = Counter(c.country for c in self.coaches).most_common(1)
        context = {
            "groups": join.form_groups(),
            "countries": sorted(countries.items(), key=lambda item: item[1]),
            "default_country": common[0][0] if common else schema.FIELDS_BY_KEY["country"].example,
            "rules": safe_json(join.rules(links, self._place_ranges(), MAX_BYTES)),
            "guide_href": links.guide,
            "github": self.repo is not None,
            "github_new": self.repo.page("new", links.repo_folder) if self.repo else None,
            "folder": self.folder.shown,
            "template_yaml": schema.template_yaml(),
            "finder_href": relative_url(self.finder_url, url),
            "fold_script_href": relative_url(fold_script.SITE_PATH, url),
            "script_href": relative_url(join.JOIN_JS, url),
            "style_href": relative_url(join.JOIN_CSS, url),
            "places_source": f"{geo.ATTRIBUTION}, {geo.LICENCE}",
        }
        return TEMPLATES.get_template("coach_join.html").render(**context)

    def _profile(self, coach: Coach, url: str) -> str:
        photo = None
        if coach.photo:
            photo = {"picture": self.profile_photo(coach.slug, url), "link": safe_link(coach.photo)}
        finder = relative_url(self.finder_url, url)
        context = {
            **self._entry(coach, url),
            "country_name": coach.country_name,
            "region": coach.region,
            "qualifications": coach.qualifications,
            "bio": [p.strip() for p in coach.bio.split("\n\n") if p.strip()],
            **contact_links(coach),
            "email": coach.email,
            "mailto": mailto(coach.email),
            "photo": photo,
            "joined": f"{coach.joined:%B %Y}",
            "joined_iso": coach.joined.isoformat(),
            "confirmed": f"{coach.confirmed.day} {coach.confirmed:%B %Y}" if coach.confirmed else None,
            "confirmed_iso": coach.confirmed.isoformat() if coach.confirmed else None,
            "finder_href": finder,
            "near_href": f"{finder}?{urlencode({'near': coach.found_as})}" if coach.found_as else None,
            "change_href": f"{relative_url(self.join_url, url)}?{urlencode({'from': coach.slug})}",
            "edit_href": self.repo.page("edit", self._file_in_repo(coach.src_uri)) if self.repo else None,
            "delete_href": self.repo.page("delete", self._file_in_repo(coach.src_uri)) if self.repo else None,
            "locator_map": profile_map(coach),
            "coach_tips": self.coach_tips(coach.slug, url),
            "follow": self.follow(self.profile_src(coach), url),
        }
        return TEMPLATES.get_template("coach_profile.html").render(**context)


_FINDER_MARKDOWN = """---
title: Find a coach
description: Running coaches near you or online, by specialty and way of coaching.
hide: [navigation, toc]
---

# Find a coach
"""


_JOIN_MARKDOWN = """---
title: Join the coach directory
description: Add yourself to the directory of running coaches. A short form writes your entry for you.
---

# Join the coach directory

Running coaches can list themselves in this directory for free. Fill in the form: it checks your
answers, shows how runners will see you, and writes your entry, a small text file, ready to send
to us. Everything you write here will be public.
"""


def _list_markdown(listing: ListPage) -> str:
    """The Markdown of a list page: its title (json.dumps writes a valid YAML string), no sidebars."""
    return f"---\ntitle: {json.dumps(listing.title)}\nhide: [navigation, toc]\n---\n"


def _srcset(urls: Iterable[str], widths: Iterable[int]) -> str:
    """A srcset of files by their widths in pixels."""
    return ", ".join(f"{url} {width}w" for url, width in zip(urls, widths, strict=True))


def where_shown(coach: Coach) -> str:
    return ", ".join(filter(None, (coach.place, coach.region or coach.country_name)))


def _by_place(coaches: list[Coach]) -> list[Coach]:
    return sorted(coaches, key=lambda c: (c.place.lower(), c.name.lower()))


def _unique_slugs(names: Iterable[str], taken: Iterable[str] = ()) -> dict[str, str]:
    """A URL name for each name, made unique with -2, -3... (two names can fold to one slug)."""
    used, slugs = set(taken), {}
    for name in names:
        slug = base = slugify(name) or "places"
        n = 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        slugs[name] = slug
    return slugs


def _milli(value: object) -> int | None:
    """A latitude or longitude in thousandths of a degree (about 100 m): short and exact in JSON."""
    return None if value is None else round(float(value) * 1000)  # type: ignore[arg-type]


def finder_degrees(value: float | None) -> float | None:
    """A latitude or longitude as the finder's script reads it from its data (thousandths / 1000)."""
    milli = _milli(value)
    return None if milli is None else milli / 1000


def _compact(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def fold(text: str) -> str:
    """A place name as the finder script compares it (coach-finder.js, fold): text.search_key, which
    ascii-fold.js gives the script. The two must agree: the script picks a suggestion file by the
    first letters of this."""
    return search_key(text)


def place_chunks(keyed: Iterable[tuple[str, list[object]]], length: int = 2) -> dict[str, list[list[object]]]:
    """Rows grouped by the first `length` letters of their key; a group of more than PLACE_CHUNK_ROWS
    is split by one more letter (its keys of exactly `length` letters stay under the shorter name)."""
    groups: dict[str, list[tuple[str, list[object]]]] = defaultdict(list)
    for key, row in keyed:
        if key:
            groups[key[:length]].append((key, row))
    chunks: dict[str, list[list[object]]] = {}
    for name, items in groups.items():
        if len(items) <= PLACE_CHUNK_ROWS or length >= 6:
            chunks[name] = [row for _, row in items]
            continue
        short = [row for key, row in items if len(key) <= length]
        if short:
            chunks[name] = short
        chunks.update(place_chunks([(k, r) for k, r in items if len(k) > length], length + 1))
    return chunks


def chunk_file(name: str) -> str:
    """The file name part of a suggestion file: the folded letters, a space as '_', a comma as '-'."""
    return name.replace(" ", "_").replace(",", "-")


def _anchor(*parts: str) -> str:
    return "-".join(slugify(p) for p in parts if p) or "coaches"


def _is_photo(src_uri: str) -> bool:
    return PurePosixPath(src_uri).suffix.lower() in schema.PHOTO_SUFFIXES
