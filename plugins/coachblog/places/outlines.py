"""Country and region outlines for the coach maps, read from the package's data/outlines.json and
data/regions.json (no network).

The files are Natural Earth's public-domain 1:50m countries and map units, simplified by
scripts/derive_outlines.py and scripts/derive_regions.py; data/OUTLINES-SOURCE.md says where they came
from. Coordinates are (longitude, latitude) in degrees.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections import defaultdict
from dataclasses import dataclass
from importlib.resources import files as package_files
from typing import Any

DATA = "places/data/outlines.json"
REGIONS_DATA = "places/data/regions.json"
SOURCE_NAME = "Natural Earth"
SOURCE_URL = "https://www.naturalearthdata.com/"
LICENCE = "public domain"
NO_COUNTRY = "--"  # land Natural Earth draws that has no ISO 3166-1 code of its own

Ring = tuple[tuple[float, float], ...]
Line = tuple[tuple[float, float], ...]
_Cell = tuple[int, int]  # a point in the files' whole units (1/units_per_degree of a degree)


@dataclass(frozen=True)
class Outline:
    """One country's rings (outer edges and holes alike: draw them with the even-odd rule) and extent."""

    code: str
    rings: tuple[Ring, ...]
    extents: tuple[tuple[float, float, float, float], ...]  # each ring's (west, south, east, north)
    west: float
    south: float
    east: float
    north: float


def _cells(flat: list[int]) -> list[_Cell]:
    """[x0, y0, dx1, dy1, ...] as whole-unit points."""
    x, y = flat[0], flat[1]
    points = [(x, y)]
    for i in range(2, len(flat), 2):
        x, y = x + flat[i], y + flat[i + 1]
        points.append((x, y))
    return points


def _degrees(cells: list[_Cell], scale: float) -> tuple[tuple[float, float], ...]:
    return tuple((x / scale, y / scale) for x, y in cells)


def _outline(code: str, rings: tuple[Ring, ...]) -> Outline:
    extents = tuple(ring_extent(ring) for ring in rings)
    west, south = min(e[0] for e in extents), min(e[1] for e in extents)
    east, north = max(e[2] for e in extents), max(e[3] for e in extents)
    return Outline(code, rings, extents, west, south, east, north)


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(package_files("coachblog").joinpath(name).read_text(encoding="utf-8"))
    return data


@functools.cache
def outlines() -> dict[str, Outline]:
    """Every country's outline by ISO 3166-1 alpha-2 code ('GB'), read once per process."""
    data = _read(DATA)
    scale = float(data["units_per_degree"])
    return {
        code: _outline(code, tuple(_degrees(_cells(flat), scale) for flat in encoded))
        for code, encoded in data["countries"].items()
    }


def outline(code: str) -> Outline | None:
    """The outline of the country with this code, or None where the file has none."""
    return outlines().get(code.upper())


@functools.cache
def _regions() -> tuple[float, dict[str, dict[str, list[list[_Cell]]]]]:
    """(units per degree, {country: {admin1: rings in whole units}}), read once per process."""
    data = _read(REGIONS_DATA)
    found = {
        country: {admin1: [_cells(flat) for flat in encoded] for admin1, encoded in regions.items()}
        for country, regions in data["regions"].items()
    }
    return float(data["units_per_degree"]), found


@functools.cache
def regions(country: str) -> dict[str, Outline]:
    """The country's first-level regions by GeoNames admin1 code ('ENG' in 'GB'), each outline's code
    'GB-ENG'; empty for a country the file has no regions of."""
    scale, found = _regions()
    return {
        admin1: _outline(f"{country.upper()}-{admin1}", tuple(_degrees(ring, scale) for ring in rings))
        for admin1, rings in found.get(country.upper(), {}).items()
    }


@functools.cache
def region_borders(country: str) -> tuple[Line, ...]:
    """The lines where two of the country's regions meet, each once, to draw over its land (coasts are
    the country's outline); empty for a country without regions. The file holds a shared border as the
    same points in both regions' rings, so these are the edges found in the rings of two regions."""
    scale, found = _regions()
    return tuple(_degrees(line, scale) for line in _shared_lines(found.get(country.upper(), {})))


def _shared_lines(rings_by_region: dict[str, list[list[_Cell]]]) -> list[list[_Cell]]:
    """Runs of consecutive edges that a region's ring shares with another region: each border is taken
    from the ring of the region whose code sorts first, so it comes once."""
    owners: dict[frozenset[_Cell], set[str]] = defaultdict(set)
    for region, rings in rings_by_region.items():
        for ring in rings:
            for a, b in itertools.pairwise([*ring, ring[0]]):
                owners[frozenset((a, b))].add(region)
    lines: list[list[_Cell]] = []
    for region, rings in sorted(rings_by_region.items()):
        for ring in rings:
            n = len(ring)
            shared = [
                any(other > region for other in owners[frozenset((ring[i], ring[(i + 1) % n]))])
                for i in range(n)
            ]
            # Start after an edge that is not shared, so no line is cut in two where the ring closes.
            start = next((i + 1 for i in range(n) if not shared[i]), 0)
            line: list[_Cell] = []
            for i in (j % n for j in range(start, start + n)):
                if shared[i]:
                    line += [ring[i], ring[(i + 1) % n]] if not line else [ring[(i + 1) % n]]
                elif line:
                    lines.append(line)
                    line = []
            if line:
                lines.append(line)
    return lines


def ring_extent(ring: Ring) -> tuple[float, float, float, float]:
    """(west, south, east, north) of one ring."""
    lons = [lon for lon, _ in ring]
    lats = [lat for _, lat in ring]
    return min(lons), min(lats), max(lons), max(lats)
