"""Places on the globe, distances between them, and a grid of a country's places for 'nearest' questions."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

EARTH_RADIUS_KM = 6371.0088
HALF_WAY_ROUND_KM = math.pi * EARTH_RADIUS_KM  # no two points on Earth are further apart
BAND_DEGREES = 0.5  # the grid's rows are bands of latitude this high...
# ...cut into cells about as wide as they are high at the band's edge nearest the equator, so a cell
# is never much narrower than 55 km, up to the poles, where a band has a few wedge-shaped cells.
BAND_COLUMNS = tuple(
    max(
        1, math.floor(360 / BAND_DEGREES * math.cos(math.radians(min(abs(south), abs(south + BAND_DEGREES)))))
    )
    for south in (-90 + band * BAND_DEGREES for band in range(round(180 / BAND_DEGREES)))
)
FIRST_REACH_KM = 20.0  # `nearest` first weighs the cells within this distance, then reaches further
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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _band(latitude: float) -> int:
    return min(max(math.floor(latitude / BAND_DEGREES) + round(90 / BAND_DEGREES), 0), len(BAND_COLUMNS) - 1)


def _column(band: int, longitude: float) -> int:
    """The cell of the band holding this longitude, or, outside -180..180, the one it would hold."""
    columns = BAND_COLUMNS[band]
    return math.floor((longitude + 180) * columns / 360)


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    band = _band(latitude)
    return band, min(max(_column(band, longitude), 0), BAND_COLUMNS[band] - 1)


def _column_spans(band: int, longitude: float, half_width: float) -> list[tuple[int, int]]:
    """The columns of a band (first, last) within `half_width` degrees either way, wrapping at 180°."""
    count = BAND_COLUMNS[band]
    west, east = _column(band, longitude - half_width), _column(band, longitude + half_width)
    if east - west + 1 >= count:
        return [(0, count - 1)]
    if west < 0:
        return [(0, east), (west + count, count - 1)]
    if east >= count:
        return [(0, east - count), (west, count - 1)]
    return [(west, east)]


def _unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    lat, lon = math.radians(latitude), math.radians(longitude)
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


def _first(row: tuple[float, tuple[int, int], _Cell]) -> float:
    return row[0]


def _inside_km(key: tuple[int, int], latitude: float, longitude: float, cos_lat: float) -> float:
    """How far a position in the cell `key` is from the cell's edges: anything nearer is in the cell."""
    band, column = key
    south = (band - round(90 / BAND_DEGREES)) * BAND_DEGREES
    lat_margin = min(latitude - south, south + BAND_DEGREES - latitude)
    width = 360 / BAND_COLUMNS[band]
    west = -180 + column * width
    lon_margin = 90.0 if width == 360 else min(longitude - west, west + width - longitude, 90.0)
    across = math.asin(min(1.0, cos_lat * math.sin(math.radians(max(lon_margin - _SLACK_DEGREES, 0.0)))))
    return EARTH_RADIUS_KM * min(math.radians(max(lat_margin - _SLACK_DEGREES, 0.0)), across)


@dataclass
class _Cell:
    """The places of one grid cell, south to north, and the box and population that bound them."""

    places: list[tuple[Place, int, float, float, float]]  # place, order in the grid's list, unit vector
    latitudes: list[float]
    south: float
    north: float
    west: float
    east: float
    max_population: int

    @classmethod
    def of(cls, places: list[tuple[int, Place]]) -> _Cell:
        rows = [(p, order, *_unit_vector(p.latitude, p.longitude)) for order, p in places]
        rows.sort(key=lambda row: row[0].latitude)
        lats = [p.latitude for _, p in places]
        lons = [p.longitude for _, p in places]
        return cls(
            rows,
            [row[0].latitude for row in rows],
            min(lats),
            max(lats),
            min(lons),
            max(lons),
            max(p.population for _, p in places),
        )

    def lower_bound_km(self, latitude: float, longitude: float, cos_lat: float) -> float:
        """No place in the cell is nearer than this to a position (latitude -90..90, longitude -180..180).

        A place is at least its difference in latitude away. It is also no nearer than the meridian
        its difference in longitude away (the shorter way round, across 180° or not), which is
        asin(cos(latitude) * sin(difference)) away; past 90° of longitude, no nearer than the pole.
        Both hold at the poles, where the second is 0.
        """
        lat_gap = max(self.south - latitude, latitude - self.north, 0.0)
        if longitude < self.west:
            lon_gap = min(self.west - longitude, longitude + 360 - self.east)
        elif longitude > self.east:
            lon_gap = min(longitude - self.east, self.west + 360 - longitude)
        else:
            lon_gap = 0.0
        across = math.asin(min(1.0, cos_lat * math.sin(math.radians(min(lon_gap, 90.0)))))
        return EARTH_RADIUS_KM * max(math.radians(lat_gap), across)


class _Search:
    """One 'nearest place' question and the best answer so far, to which cells are shown one by one."""

    def __init__(self, latitude: float, longitude: float, min_population: int, unlike: str | None) -> None:
        self.latitude, self.longitude = latitude, longitude
        self.min_population, self.unlike = min_population, unlike
        self.vector = _unit_vector(latitude, longitude)
        self.cos_lat = math.cos(math.radians(latitude))
        self.best: Place | None = None
        self.km = math.inf
        self._order = 0
        self._chord_limit = math.inf
        self._span = math.inf  # degrees of latitude beyond which no place can beat the best

    def visit(self, cell: _Cell) -> None:
        """Weigh the cell's places, working out the distance only of those that could beat the best."""
        # Out from the position's latitude, north then south, until the gap alone is too far.
        middle = bisect_left(cell.latitudes, self.latitude)
        self._sweep(cell, range(middle, len(cell.places)))
        self._sweep(cell, range(middle - 1, -1, -1))

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
            # On a tie the place listed first wins, whatever cell it is in.
            if km < self.km or (km == self.km and order < self._order):
                self.best, self.km, self._order = place, km, order
                self._chord_limit = (math.sqrt(chord2) + _SLACK_CHORD) ** 2
                self._span = math.degrees(km / EARTH_RADIUS_KM) + _SLACK_DEGREES


@dataclass
class PlaceGrid:
    """A country's places in cells of half a degree of latitude by about as many kilometres across.

    Only cells holding places are kept: by band, the sorted columns that have any.
    """

    cells: dict[tuple[int, int], _Cell]
    places: list[Place] = field(default_factory=list)
    columns: dict[int, list[int]] = field(default_factory=dict)
    bands: tuple[int, int] = (0, -1)

    @classmethod
    def of(cls, places: Iterable[Place]) -> PlaceGrid:
        """A grid of places with latitude -90..90 and longitude -180..180; the list order settles ties."""
        listed = list(places)
        by_cell: dict[tuple[int, int], list[tuple[int, Place]]] = defaultdict(list)
        for order, place in enumerate(listed):
            by_cell[_cell(place.latitude, place.longitude)].append((order, place))
        if not by_cell:
            return cls({})
        cells = {key: _Cell.of(group) for key, group in by_cell.items()}
        columns: dict[int, list[int]] = defaultdict(list)
        for band, column in sorted(cells):
            columns[band].append(column)
        return cls(cells, listed, dict(columns), (min(columns), max(columns)))

    def cells_within(self, latitude: float, longitude: float, km: float) -> Iterator[tuple[int, int]]:
        """The cells (band, column) holding places that may lie within `km` of a position.

        Within an angle r of latitude φ lie latitudes φ - r to φ + r, and, unless a pole is that
        near, longitudes no more than asin(sin r / cos φ) either way, wrapping round at 180°.
        """
        angle = km / EARTH_RADIUS_KM + 1e-12
        reach = math.degrees(angle) + _SLACK_DEGREES
        south, north = latitude - reach, latitude + reach
        half_width = 360.0  # a cap around a pole takes in every longitude
        if south > -90 and north < 90 and angle < math.pi / 2:
            sine = math.sin(angle) / math.cos(math.radians(latitude))
            if sine < 1:
                half_width = math.degrees(math.asin(sine)) + _SLACK_DEGREES
        first, last = max(_band(south), self.bands[0]), min(_band(north), self.bands[1])
        for band in range(first, last + 1):
            taken = self.columns.get(band)
            if not taken:
                continue
            for low, high in _column_spans(band, longitude, half_width):
                for index in range(bisect_left(taken, low), len(taken)):
                    if taken[index] > high:
                        break
                    yield band, taken[index]

    def nearest(
        self, latitude: float, longitude: float, min_population: int = 0, unlike: str | None = None
    ) -> tuple[Place, float] | None:
        """The nearest place (at least this big, not named `unlike`) and its distance in km, or None
        when the grid has no such place. On a tie, the place listed first.

        The position's own cell is weighed first: a place in it nearer than the cell's edges is the
        answer. Otherwise the cells within FIRST_REACH_KM are weighed, nearest first by a lower bound
        of their distance; whole cells, and places too far north, south, east or west, are passed
        over when that bound shows they cannot beat the best so far. If the best is no further than
        the reach, no place outside it can be nearer; if it is further, every cell within the best
        distance is weighed, after which the answer is exact; if there is none yet, the reach grows
        fourfold, until it takes in the whole globe.
        """
        if not self.cells:
            return None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):  # also NaN: weigh every place
            return self._weigh_all(latitude, longitude, min_population, unlike)
        search = _Search(latitude, longitude, min_population, unlike)
        home = _cell(latitude, longitude)
        cell = self.cells.get(home)
        if cell is not None and cell.max_population >= min_population:
            search.visit(cell)
            if search.km + _SLACK_KM < _inside_km(home, latitude, longitude, search.cos_lat):
                return None if search.best is None else (search.best, search.km)
        reach = max(FIRST_REACH_KM, search.km) if search.best is not None else FIRST_REACH_KM
        self._reach_out(search, {home}, reach)
        return None if search.best is None else (search.best, search.km)

    def _reach_out(self, search: _Search, seen: set[tuple[int, int]], reach: float) -> None:
        """Weigh the cells within `reach` not yet seen, nearest first, then further ones until the best
        found is no further than the reach."""
        cells, latitude, longitude, cos_lat = self.cells, search.latitude, search.longitude, search.cos_lat
        while True:
            fresh = []
            for key in self.cells_within(latitude, longitude, reach):
                if key not in seen:
                    seen.add(key)
                    cell = cells[key]
                    if cell.max_population >= search.min_population:
                        fresh.append((cell.lower_bound_km(latitude, longitude, cos_lat), key, cell))
            fresh.sort(key=_first)
            for bound, _, cell in fresh:
                if bound > search.km + _SLACK_KM:
                    break
                search.visit(cell)
            if search.km <= reach or reach >= HALF_WAY_ROUND_KM:
                return
            reach = search.km if search.best is not None else reach * 4

    def _weigh_all(
        self, latitude: float, longitude: float, min_population: int, unlike: str | None
    ) -> tuple[Place, float] | None:
        best: tuple[float, int] | None = None
        for order, place in enumerate(self.places):
            if place.population < min_population or (unlike and place.name == unlike):
                continue
            km = distance_km(latitude, longitude, place.latitude, place.longitude)
            if best is None or (km, order) < best:
                best = (km, order)
        return None if best is None else (self.places[best[1]], best[0])
