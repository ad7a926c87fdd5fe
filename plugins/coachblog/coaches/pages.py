"""The coach directory's pages: the finder at /coaches/, a profile per coach, the join page, and their
data files."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from importlib.resources import files as package_files
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup

from coachblog.coaches import join, schema
from coachblog.coaches.directory import load_coaches
from coachblog.coaches.fields import Coach, CoachSource, Folder, url_problem
from coachblog.coaches.json_schema import schema_json
from coachblog.coaches.reading import MAX_BYTES
from coachblog.errors import ContentError, Problem, taken_by_hand
from coachblog.places import gazetteer as geo
from coachblog.search_index import SearchEntry
from coachblog.templating import TEMPLATES
from coachblog.text import slugify
from coachblog.urls import absolute_url, page_url, relative_url

FINDER_JS = "assets/coachblog/coach-finder.js"
FINDER_CSS = "assets/coachblog/coach-finder.css"
SCHEMA_NAME = "schema.json"  # the coach file as a JSON Schema, for editors
PLACES_NAME = "places.json"
RADII_MILES = (5, 10, 25, 50, 100)
DEFAULT_RADIUS = 25


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
class CoachPage:
    """A page the directory adds to the site: its source path, Markdown and coach (None for the finder)."""

    src_uri: str
    markdown: str
    coach: Coach | None = None


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
        self.finder_src = f"{folder}/index.md"
        self.finder_url = f"{folder}/" if settings.use_directory_urls else f"{folder}/index.html"
        self.join_src = f"{folder}/{join.JOIN_SLUG}.md"
        self.join_url = page_url(folder, join.JOIN_SLUG, settings.use_directory_urls)
        self.repo = join.github_repo(settings.repo_url, settings.edit_branch)
        self.pages = [CoachPage(self.finder_src, _FINDER_MARKDOWN), CoachPage(self.join_src, _JOIN_MARKDOWN)]
        self.pages += [CoachPage(f"{folder}/{c.slug}.md", "", c) for c in self.coaches]
        self.by_src = {p.src_uri: p for p in self.pages}
        # Coach files feed the pages; they are not published as they are.
        self.unpublished = {
            s.src_uri for s in sources if s.src_uri.startswith(f"{folder}/") and not _is_photo(s.src_uri)
        }
        self.unpublished.add(f"{folder}/README.md")

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

    def taken_sources(self, src_uris: Iterable[str]) -> list[Problem]:
        """Problems for hand-written pages that stand where a generated coach page must go."""
        return taken_by_hand(src_uris, self.by_src, "from the coach files")

    def assets(self) -> dict[str, bytes]:
        """Files to add to the site: the finder's and join page's scripts and styles, the place names for
        suggestions, and one small file per coach with their entry's values, for the join page."""
        package = package_files("coachblog")
        countries = self._countries()
        rows = self._gazetteer().suggestion_rows(countries) if countries else []
        places = {"source": f"{geo.ATTRIBUTION}, {geo.LICENCE}", "places": rows}
        folder = self.settings.coaches_dir
        files = {
            FINDER_JS: package.joinpath("assets/coach-finder.js").read_bytes(),
            FINDER_CSS: package.joinpath("assets/coach-finder.css").read_bytes(),
            join.JOIN_JS: package.joinpath("assets/coach-join.js").read_bytes(),
            join.JOIN_CSS: package.joinpath("assets/coach-join.css").read_bytes(),
            f"{folder}/{PLACES_NAME}": json.dumps(places, separators=(",", ":")).encode(),
            f"{folder}/{SCHEMA_NAME}": self._json_schema(folder).encode(),
        }
        for coach in self.coaches:
            entry = json.dumps(join.entry_json(coach), ensure_ascii=False, separators=(",", ":"))
            files[f"{folder}/{coach.slug}{join.ENTRY_SUFFIX}"] = entry.encode()
        return files

    def _json_schema(self, folder: str) -> str:
        """The coach file's JSON Schema, its $id where the site publishes it (when site_url is known)."""
        site = self.settings.site_url
        return schema_json(absolute_url(site, f"{folder}/{SCHEMA_NAME}")) if site else schema_json()

    def page_meta(self, src_uri: str) -> dict[str, object]:
        """Title and description for the theme, HTML-escaped: Material prints them unescaped.

        Profiles stay out of the theme's search indexing: `search_entries` indexes each coach instead.
        """
        page = self.by_src.get(src_uri)
        if page is None or page.coach is None:
            return {}
        coach = page.coach
        what = ", ".join(schema.SPECIALTIES[s].lower() for s in coach.specialties)
        where = "online" if coach.online_only else f"in {coach.place}"
        description = f"{coach.name}, running coach {where}: {what}."
        return {"title": escape(coach.name), "description": escape(description), "search": {"exclude": True}}

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

    def _groups(self, base: str) -> list[dict[str, Any]]:
        """Coaches by country and region, then the online-only coaches, for the list without JavaScript."""
        tree: dict[str, dict[str, list[Coach]]] = defaultdict(lambda: defaultdict(list))
        online = [c for c in self.coaches if c.online_only]
        for coach in self.coaches:
            if not coach.online_only:
                tree[coach.country_name][coach.region].append(coach)
        groups = []
        for country in sorted(tree):
            regions = [
                {
                    "id": _anchor(country, region),
                    "title": region,
                    "coaches": [
                        self._entry(c, base)
                        for c in sorted(coaches, key=lambda c: (c.place.lower(), c.name.lower()))
                    ],
                }
                for region, coaches in sorted(tree[country].items())
            ]
            count = sum(len(r["coaches"]) for r in regions)
            groups.append({"id": _anchor(country), "title": country, "regions": regions, "count": count})
        if online:
            entries = [self._entry(c, base) for c in online]
            groups.append(
                {
                    "id": "online-only",
                    "title": "Online only",
                    "count": len(entries),
                    "regions": [{"id": "", "title": "", "coaches": entries}],
                }
            )
        return groups

    def _data(self, base: str) -> dict[str, Any]:
        """What the finder script needs, one compact row per coach."""
        specialties, modes = list(schema.SPECIALTIES), list(schema.COACHING)
        rows = []
        for coach in self.coaches:
            entry = self._entry(coach, base)
            spec_bits = sum(1 << specialties.index(s) for s in coach.specialties)
            mode_bits = sum(1 << modes.index(m) for m in coach.coaching)
            lat = round(coach.latitude, 3) if coach.latitude is not None else None
            lon = round(coach.longitude, 3) if coach.longitude is not None else None
            rows.append([entry["href"], coach.name, entry["where"], lat, lon, spec_bits, mode_bits])
        return {
            "specialties": list(schema.SPECIALTIES.items()),
            "coaching": list(schema.COACHING.items()),
            "coaches": rows,
        }

    def _finder(self, url: str) -> str:
        base = url
        context = {
            "groups": self._groups(base),
            "count": len(self.coaches),
            "data": safe_json(self._data(base)),
            "specialties": list(schema.SPECIALTIES.items()),
            "coaching": list(schema.COACHING.items()),
            "radii": RADII_MILES,
            "default_radius": DEFAULT_RADIUS,
            "places_href": relative_url(f"{self.settings.coaches_dir}/{PLACES_NAME}", base),
            "script_href": relative_url(FINDER_JS, base),
            "join_href": relative_url(self.join_url, base),
            "guide_href": self._repo_link("blob", "CONTRIBUTING.md"),
            "geonames": {
                "name": geo.ATTRIBUTION,
                "url": geo.ATTRIBUTION_URL,
                "licence": geo.LICENCE,
                "licence_url": geo.LICENCE_URL,
            },
        }
        return TEMPLATES.get_template("coach_finder.html").render(**context)

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
            "script_href": relative_url(join.JOIN_JS, url),
            "style_href": relative_url(join.JOIN_CSS, url),
            "places_source": f"{geo.ATTRIBUTION}, {geo.LICENCE}",
        }
        return TEMPLATES.get_template("coach_join.html").render(**context)

    def _profile(self, coach: Coach, url: str) -> str:
        photo = None
        if coach.photo:
            external = safe_link(coach.photo)
            local = None if external or ":" in coach.photo else f"{self.settings.coaches_dir}/{coach.photo}"
            photo = {"src": relative_url(local, url) if local else None, "link": external}
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
            "finder_href": finder,
            "near_href": f"{finder}?{urlencode({'near': coach.found_as})}" if coach.found_as else None,
            "change_href": f"{relative_url(self.join_url, url)}?{urlencode({'from': coach.slug})}",
            "edit_href": self.repo.page("edit", self._file_in_repo(coach.src_uri)) if self.repo else None,
            "delete_href": self.repo.page("delete", self._file_in_repo(coach.src_uri)) if self.repo else None,
        }
        return TEMPLATES.get_template("coach_profile.html").render(**context)


_FINDER_MARKDOWN = """---
title: Find a coach
description: Running coaches near you or online, by specialty and way of coaching.
---

# Find a coach

Running coaches who have added themselves to this directory. Search by name, pick what you
would like help with, or find coaches near a town or near you.
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


def _anchor(*parts: str) -> str:
    return "-".join(slugify(p) for p in parts if p) or "coaches"


def _is_photo(src_uri: str) -> bool:
    return PurePosixPath(src_uri).suffix.lower() in schema.PHOTO_SUFFIXES
