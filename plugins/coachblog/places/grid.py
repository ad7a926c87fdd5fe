"""Places on the globe, distances between them, and a grid of a country's places for 'nearest' questions."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

EARTH_RADIUS_KM = 6371.0088
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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


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
        return cls(
            rows,
            [row[0].latitude for row in rows],
            min(lats),
            max(lats),
            min(lons),
            max(lons),
            max(p.population for p in places),
        )

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
class PlaceGrid:
    """A country's places in half-degree cells, with the span of rows and columns that hold any."""

    cells: dict[tuple[int, int], _Cell]
    rows: tuple[int, int] = (0, -1)
    cols: tuple[int, int] = (0, -1)

    @classmethod
    def of(cls, places: Iterable[Place]) -> PlaceGrid:
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

    def nearest(
        self, latitude: float, longitude: float, min_population: int = 0, unlike: str | None = None
    ) -> tuple[Place, float] | None:
        """The nearest place (at least this big, not named `unlike`) and its distance in km.

        Cells of half a degree are searched in rings around the position's cell, stopping after the
        first ring whose number times RING_KM is at least the best distance found (or after
        SEARCH_RINGS rings: None when nothing was found). The answer is the nearest place within the
        rings searched, the first in ring, row, column and file order on a tie. (North of about
        60°, where a cell is narrower than 25 km, and across 180°, a nearer place can lie outside
        those rings; the stored labels were made with this rule, so it stays.) Only places that
        could beat the best so far have their distance worked out: whole cells and places too far
        north, south, east or west are passed over on a lower bound of their distance.
        """
        row, col = _cell(latitude, longitude)
        search = _Search(latitude, longitude, min_population, unlike)
        last_ring = self.reach(row, col)  # rings past this one hold no place of the country
        for ring in range(SEARCH_RINGS):
            for cell in self.ring(row, col, ring):
                search.visit(cell)
            if search.best is not None and search.km <= ring * RING_KM:
                break
            if ring >= last_ring:  # the whole country is searched: more rings would change nothing
                break
        return None if search.best is None else (search.best, search.km)
