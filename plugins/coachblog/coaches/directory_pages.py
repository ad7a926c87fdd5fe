"""The directory's no-JavaScript list pages: which exist, their addresses, and the coaches each lists
(a page per country, or per region of a big country, and one of the coaches who coach online only)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from coachblog.coaches.fields import Coach
from coachblog.text import slugify

# The no-JavaScript lists live under <coaches_dir>/places/: "places" is a reserved slug, so no coach's
# profile can take that address.
LISTS_DIR = "places"
ONLINE_LIST = "online"  # <coaches_dir>/places/online/: coaches who coach online only
REGION_PAGES_OVER = 300  # a country with more coaches than this gets a page per region
LIST_PAGE_MAX = 1000  # a region with more is listed on several pages, by place


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


def list_markdown(listing: ListPage) -> str:
    """The Markdown of a list page: its title (json.dumps writes a valid YAML string), no sidebars."""
    return f"---\ntitle: {json.dumps(listing.title)}\nhide: [navigation, toc]\n---\n"


def _list_url(coaches_dir: str, use_directory_urls: bool, *names: str) -> tuple[str, str]:
    """(path, url) of a no-JavaScript list page: places/<country>[/<region>] in the coaches folder."""
    path = "/".join((coaches_dir, LISTS_DIR, *names))
    return path, (f"{path}/" if use_directory_urls else f"{path}.html")


def list_pages(listed: list[Coach], coaches_dir: str, use_directory_urls: bool) -> list[ListPage]:
    """The complete list without JavaScript: a page per country, or per region for a country with
    more than REGION_PAGES_OVER coaches (a region of more than LIST_PAGE_MAX on several pages, by
    place), and one for the coaches who coach online only. Every coach is on exactly one of them."""
    tree: dict[str, dict[str, list[Coach]]] = defaultdict(lambda: defaultdict(list))
    for coach in listed:
        if not coach.online_only:
            tree[coach.country_name][coach.region].append(coach)
    pages: list[ListPage] = []
    country_slugs = _unique_slugs(sorted(tree), taken={ONLINE_LIST})
    for country in sorted(tree):
        regions = {r: _by_place(cs) for r, cs in sorted(tree[country].items())}
        path, url = _list_url(coaches_dir, use_directory_urls, country_slugs[country])
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
                part_path, part_url = _list_url(
                    coaches_dir, use_directory_urls, country_slugs[country], region_slugs[region], *numbered
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
    online = [c for c in listed if c.online_only]  # by name
    batches = [online[i : i + LIST_PAGE_MAX] for i in range(0, len(online), LIST_PAGE_MAX)]
    for n, batch in enumerate(batches, 1):
        path, url = _list_url(coaches_dir, use_directory_urls, ONLINE_LIST, *((str(n),) if n > 1 else ()))
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
