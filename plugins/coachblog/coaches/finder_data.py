"""The finder's data: the coaches as its script reads them (the first batch inline, the rest in one
file), each listed coach's thumbnail, and the place names for its suggestions in small files by their
first letters."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any, Protocol

from coachblog import json_text
from coachblog.coaches import schema
from coachblog.coaches.fields import Coach
from coachblog.coaches.map import FinderMap, coach_point, finder_map_parts
from coachblog.coaches.site_directory import CoachDirectory, where_shown
from coachblog.text import search_key, slugify
from coachblog.urls import page_url, relative_url

FIRST_BATCH = 25  # coaches in the finder's own HTML; the script shows more, this many at a time
DATA_DIR = "finder"  # <coaches_dir>/finder/: the script's data, fetched on first use
COACH_DATA = "coaches.json"
PLACE_CHUNK_ROWS = 1500  # a suggestion file with more places than this is split by one more letter


class ShownPhoto(Protocol):
    """A coach's photo as the directory's pages show it (pictures/coach_photos.py makes them)."""

    def thumb(self) -> dict[str, Any]:
        """Beside a name in a list: site-relative URLs and widths of its files, its width ("size"), their
        folder and the short "key" the finder's data holds for it."""
        ...

    def profile(self, base: str) -> dict[str, Any]:
        """On the profile at site-relative URL `base`: srcsets, the fallback file, its size."""
        ...


class FinderData:
    """What the finder and the list pages know of the coaches beyond their files: their photos (by
    slug; a coach with none is not in `photos`), the finder's data, its map and its place names."""

    def __init__(self, directory: CoachDirectory, photos: Mapping[str, ShownPhoto]) -> None:
        self.directory = directory
        self.photos = photos
        self._rows: list[list[object]] | None = None

    def thumb(self, slug: str) -> dict[str, Any] | None:
        """A coach's thumbnail in the finder and the list pages; None shows no photo."""
        shown = self.photos.get(slug)
        return shown.thumb() if shown is not None else None

    def _countries(self) -> list[str]:
        """The coaches' countries, whose places places.json lists, in its order."""
        return sorted({c.country for c in self.directory.coaches})

    def place_rows(self) -> list[list[object]]:
        """[label, latitude, longitude] of every place in the coaches' countries, biggest first."""
        countries = self._countries()
        if not countries:
            return []
        if self._rows is None:
            self._rows = self.directory.gazetteer().suggestion_rows(countries)
        return self._rows

    def place_chunks(self) -> dict[str, list[list[object]]]:
        """The places for the finder's suggestions, split by the first letters of their folded name."""
        return place_chunks([(fold(str(row[0])), row) for row in self.place_rows()])

    def coach_data(self) -> tuple[str, bytes]:
        """The finder's coach data file: its site path and bytes."""
        return f"{self.directory.settings.coaches_dir}/{DATA_DIR}/{COACH_DATA}", compact(
            self._coach_columns()
        )

    def _coach_columns(self) -> dict[str, Any]:
        """Every coach for the finder script, one array per field, in the finder's order (by name), so
        that repeats sit together and gzip well: name; slug, or 0 where it is the name slugified (the
        script does the same); index in `places` of [place shown, latitude, longitude], in thousandths
        of a degree (coaches in one town share it); specialties and ways of coaching as bits in schema
        order; the photo's key (the script makes its files' names from it and the slug), or 0."""
        specialties, modes = list(schema.SPECIALTIES), list(schema.COACHING)
        place_index: dict[tuple[str, int | None, int | None], int] = {}
        columns: dict[str, list[Any]] = {k: [] for k in ("name", "slug", "place", "s", "m", "photo")}
        for coach in self.directory.coaches:
            photo = self.thumb(coach.slug)
            place = (where_shown(coach), milli(coach.latitude), milli(coach.longitude))
            columns["name"].append(coach.name)
            columns["slug"].append(0 if coach.slug == slugify(coach.name) else coach.slug)
            columns["place"].append(place_index.setdefault(place, len(place_index)))
            columns["s"].append(sum(1 << specialties.index(s) for s in coach.specialties))
            columns["m"].append(sum(1 << modes.index(m) for m in coach.coaching))
            columns["photo"].append(photo["key"] if photo else 0)
        return {"count": len(self.directory.coaches), "places": [list(p) for p in place_index], **columns}

    def _row(self, coach: Coach, base: str) -> list[Any]:
        """One coach as the page's inline data lists the first batch: href, name, place, position, bits."""
        specialties, modes = list(schema.SPECIALTIES), list(schema.COACHING)
        lat = round(coach.latitude, 3) if coach.latitude is not None else None
        lon = round(coach.longitude, 3) if coach.longitude is not None else None
        spec_bits = sum(1 << specialties.index(s) for s in coach.specialties)
        mode_bits = sum(1 << modes.index(m) for m in coach.coaching)
        return [
            relative_url(self.directory.profile_url(coach), base),
            coach.name,
            where_shown(coach),
            lat,
            lon,
            spec_bits,
            mode_bits,
        ]

    def inline(self, base: str) -> dict[str, Any]:
        """What the finder script needs before it fetches anything: labels, where its data files are,
        and the coaches the page shows first (the rest come from the coach data file, on first use)."""
        marker = "coach-slug"
        settings = self.directory.settings
        profile = page_url(settings.coaches_dir, marker, settings.use_directory_urls)
        prefix, _, suffix = relative_url(profile, base).rpartition(marker)
        folder = settings.coaches_dir
        return {
            "specialties": list(schema.SPECIALTIES.items()),
            "coaching": list(schema.COACHING.items()),
            "count": len(self.directory.coaches),
            "batch": FIRST_BATCH,
            "profile": [prefix, suffix],
            "data": relative_url(f"{folder}/{DATA_DIR}/{COACH_DATA}", base),
            "places": relative_url(f"{folder}/{DATA_DIR}/places-", base),
            "chunks": sorted(self.place_chunks()),
            "coaches": [self._row(c, base) for c in self.directory.coaches[:FIRST_BATCH]],
            "photos": self.photo_folder(base),
        }

    def photo_folder(self, base: str) -> dict[str, Any] | None:
        """Where the coaches' thumbnails are, from the page at `base`, and their width: None when no
        coach has a photo (the lists then leave room for none)."""
        shown = next((p for c in self.directory.coaches if (p := self.thumb(c.slug))), None)
        return {"folder": relative_url(shown["folder"], base), "size": shown["size"]} if shown else None

    def listed(self, coach: Coach, base: str, photos: bool) -> dict[str, Any]:
        """A coach as the finder and the list pages print them: the profile's facts, their thumbnail (its
        srcsets from the page at `base`) or, in a list with photos (`photos`), their initial instead."""
        thumb = self.thumb(coach.slug)
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
            **self.directory.entry(coach, base),
            # in the schema's order, as the finder's script writes them from its bits
            "specialties": [label for key, label in schema.SPECIALTIES.items() if key in coach.specialties],
            "coaching": [label for key, label in schema.COACHING.items() if key in coach.coaching],
            "id": coach.slug,
            "photo": photo,
            "initial": initial,
        }

    @cached_property
    def map(self) -> FinderMap | None:
        """The finder's map, drawn at build time, its links relative to the finder: its SVG is a file of
        its own that the finder fetches when the reader scrolls near it, so the finder's first load
        stays the same at any size."""
        base = self.directory.finder_url
        lists = {
            c.slug: relative_url(page.url, base)
            for page in self.directory.lists
            for _, cs in page.groups
            for c in cs
        }
        points = (
            coach_point(
                c, relative_url(self.directory.profile_url(c), base), lists.get(c.slug, "#cb-directory")
            )
            for c in self.directory.coaches
            if not c.online_only
        )
        return finder_map_parts(p for p in points if p is not None)


def _srcset(urls: Iterable[str], widths: Iterable[int]) -> str:
    """A srcset of files by their widths in pixels."""
    return ", ".join(f"{url} {width}w" for url, width in zip(urls, widths, strict=True))


def milli(value: object) -> int | None:
    """A latitude or longitude in thousandths of a degree (about 100 m): short and exact in JSON."""
    return None if value is None else round(float(value) * 1000)  # type: ignore[arg-type]


def finder_degrees(value: float | None) -> float | None:
    """A latitude or longitude as the finder's script reads it from its data (thousandths / 1000)."""
    thousandths = milli(value)
    return None if thousandths is None else thousandths / 1000


def compact(data: object) -> bytes:
    return json_text.dumps(data).encode()


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
