"""Country outlines for the coach maps, read from the package's data/outlines.json (no network).

The file is Natural Earth's public-domain 1:50m countries, simplified by scripts/derive_outlines.py;
data/OUTLINES-SOURCE.md says where it came from. Coordinates are (longitude, latitude) in degrees.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib.resources import files as package_files

DATA = "places/data/outlines.json"
SOURCE_NAME = "Natural Earth"
SOURCE_URL = "https://www.naturalearthdata.com/"
LICENCE = "public domain"
NO_COUNTRY = "--"  # land Natural Earth draws that has no ISO 3166-1 code of its own

Ring = tuple[tuple[float, float], ...]


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


def _decode(flat: list[int], scale: float) -> Ring:
    x, y = flat[0], flat[1]
    points = [(x / scale, y / scale)]
    for i in range(2, len(flat), 2):
        x, y = x + flat[i], y + flat[i + 1]
        points.append((x / scale, y / scale))
    return tuple(points)


@functools.cache
def outlines() -> dict[str, Outline]:
    """Every country's outline by ISO 3166-1 alpha-2 code ('GB'), read once per process."""
    data = json.loads(package_files("coachblog").joinpath(DATA).read_text(encoding="utf-8"))
    scale = float(data["units_per_degree"])
    found = {}
    for code, encoded in data["countries"].items():
        rings = tuple(_decode(flat, scale) for flat in encoded)
        extents = tuple(ring_extent(ring) for ring in rings)
        west, south = min(e[0] for e in extents), min(e[1] for e in extents)
        east, north = max(e[2] for e in extents), max(e[3] for e in extents)
        found[code] = Outline(code, rings, extents, west, south, east, north)
    return found


def outline(code: str) -> Outline | None:
    """The outline of the country with this code, or None where the file has none."""
    return outlines().get(code.upper())


def ring_extent(ring: Ring) -> tuple[float, float, float, float]:
    """(west, south, east, north) of one ring."""
    lons = [lon for lon, _ in ring]
    lats = [lat for _, lat in ring]
    return min(lons), min(lats), max(lons), max(lats)
