"""`Gazetteer.nearest`: the same answer as weighing every place of the country, found cheaply."""

from __future__ import annotations

import datetime as dt
import math
import random
import zlib
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import pytest

from coachblog.coaches.directory import load_coaches
from coachblog.coaches.fields import CoachSource, Folder
from coachblog.places import gazetteer
from coachblog.places.gazetteer import Gazetteer, Place, distance_km, load_gazetteer
from tests.helpers import BuildFailed, Site, by_class, parse, texts

Answer = tuple[Place, float] | None
Filters = dict[str, Any]  # min_population, unlike


def every_place_reference(
    places: Sequence[Place],
    latitude: float,
    longitude: float,
    *,
    min_population: int = 0,
    unlike: str | None = None,
) -> Answer:
    """What `nearest` promises, worked out by weighing every place of the list.

    Half-degree cells, not wrapping at 180°; ring k is the cells k rows or columns away. The search
    stops after the first ring k holding a place within k * 25 km, or after ring 39. The answer is
    the nearest place in the rings searched; on a tie the first in ring, row, column and list order.
    """
    row, col = math.floor(latitude * 2), math.floor(longitude * 2)
    best_in_ring: dict[int, tuple[tuple[float, int, int, int, int], Place]] = {}
    for order, place in enumerate(places):
        if place.population < min_population or (unlike and place.name == unlike):
            continue
        r, c = math.floor(place.latitude * 2), math.floor(place.longitude * 2)
        ring = max(abs(r - row), abs(c - col))
        key = (distance_km(latitude, longitude, place.latitude, place.longitude), ring, r, c, order)
        if ring < 40 and (ring not in best_in_ring or key < best_in_ring[ring][0]):
            best_in_ring[ring] = (key, place)
    best: tuple[tuple[float, int, int, int, int], Place] | None = None
    for ring in range(40):
        if ring in best_in_ring and (best is None or best_in_ring[ring][0] < best[0]):
            best = best_in_ring[ring]
        if best is not None and best[0][0] <= ring * 25:
            break
    return None if best is None else (best[1], best[0][0])


def true_nearest(places: Sequence[Place], latitude: float, longitude: float) -> tuple[Place, float]:
    kms = ((p, distance_km(latitude, longitude, p.latitude, p.longitude)) for p in places)
    return min(kms, key=lambda answer: answer[1])


@cache
def country(code: str) -> tuple[tuple[Place, ...], Gazetteer]:
    """A country's places (biggest first: the list order decides ties) and a gazetteer of just them."""
    places = tuple(load_gazetteer().places_in(code))
    return places, Gazetteer(places, gazetteer.country_names())


def questions(code: str, count: int) -> list[tuple[float, float, Filters]]:
    """Seeded positions in and around a country, each with a size or name filter or none."""
    places, _ = country(code)
    rng = random.Random(zlib.crc32(code.encode()))
    south, north = min(p.latitude for p in places), max(p.latitude for p in places)
    west, east = min(p.longitude for p in places), max(p.longitude for p in places)
    asked: list[tuple[float, float, Filters]] = []
    for n in range(count):
        place = rng.choice(places)
        latitude, longitude = [
            (place.latitude + rng.gauss(0, 0.15), place.longitude + rng.gauss(0, 0.3)),  # where people live
            (rng.uniform(south - 3, north + 3), rng.uniform(west - 3, east + 3)),  # anywhere in its box
            (place.latitude, place.longitude),  # on a place: 0 km
            # on a cell's edge or a hair either side of it
            (
                round(place.latitude * 2) / 2 + rng.choice((0, 1e-12, -1e-12)),
                round(place.longitude * 2) / 2 + rng.choice((0, 1e-12, -1e-12)),
            ),
            (place.latitude + rng.gauss(0, 3), place.longitude + rng.gauss(0, 6)),  # out to sea, over borders
        ][n % 5]
        filters: Filters = rng.choice(
            [
                {},
                {},
                {"min_population": 1000},
                {"min_population": 20000},
                {"unlike": place.name},
                {"min_population": max(20000, place.population + 1), "unlike": place.name},
            ]  # as labels ask
        )
        asked.append((max(-90.0, min(90.0, latitude)), (longitude + 180) % 360 - 180, filters))
    return asked


COUNTRIES = {
    "GB": 250,  # dense, and far-flung (Cyprus bases, Gibraltar)
    "NO": 250,  # up to 71°N, where a half-degree cell is 18 km wide
    "IS": 250,  # 63-66°N, few places
    "NZ": 250,  # the Chatham Islands lie past 180°
    "FJ": 250,  # on both sides of 180°
    "KI": 250,  # atolls on both sides of 180°, over thousands of km
    "US": 80,  # 21,000 places, from Alaska to Hawaii
}


@pytest.mark.parametrize(("code", "count"), COUNTRIES.items())
def test_nearest_answers_as_weighing_every_place_does(code: str, count: int) -> None:
    places, gaz = country(code)
    wrong = []
    for latitude, longitude, filters in questions(code, count):
        got = gaz.nearest(latitude, longitude, code, **filters)
        expected = every_place_reference(places, latitude, longitude, **filters)
        if got != expected:
            wrong.append(f"{latitude}, {longitude} {filters}: got {got}, expected {expected}")
    assert wrong == [], "\n".join(wrong[:10])


def test_the_questions_reach_far_places_nothing_and_zero_km() -> None:
    _, fiji = country("FJ")
    answers = [
        fiji.nearest(latitude, longitude, "FJ", **f) for latitude, longitude, f in questions("FJ", 250)
    ]
    kms = [a[1] for a in answers if a is not None]
    assert None in answers and 0.0 in kms and max(kms) > 500


def test_south_of_60_degrees_north_the_answer_is_the_true_nearest_place() -> None:
    # There a half-degree cell is wider than 25 km, so the search can stop early without missing a place.
    places, gaz = country("GB")
    rng = random.Random(60)
    for place in rng.sample([p for p in places if 50 < p.latitude < 59.5 and p.longitude < 2], 150):
        latitude, longitude = place.latitude + rng.gauss(0, 0.1), place.longitude + rng.gauss(0, 0.2)
        assert gaz.nearest(latitude, longitude, "GB") == true_nearest(places, latitude, longitude)


# Where the rings stop short of the true nearest place: the answer stays what it always was.
KNOWN_CASES = [
    ("NO", 70.0, 21.5, "Burfjord", 22.13),  # Skjervøy is 20.38 km away, in a cell not searched
    ("NO", 68.01, 11.96, "Sørland", 49.23),
    ("FJ", -16.8, -179.95, "Tubou", 200.17),  # Savusavu is 76 km away, across 180°
    ("FJ", -16.8, 179.99, "Savusavu", 69.70),
    ("IS", 66.5, -18.0, "Siglufjörður", 56.05),  # Grímsey, out here, has fewer than 500 people
    ("IS", 66.07, -23.12, "Ísafjörður", 0.86),
]


@pytest.mark.parametrize(("code", "latitude", "longitude", "name", "km"), KNOWN_CASES)
def test_high_latitudes_and_the_antimeridian_keep_their_answers(
    code: str, latitude: float, longitude: float, name: str, km: float
) -> None:
    places, gaz = country(code)
    got = gaz.nearest(latitude, longitude, code)
    assert got == every_place_reference(places, latitude, longitude)
    assert got is not None and got[0].name == name and round(got[1], 1) == pytest.approx(km, abs=0.1)


def test_on_a_tie_the_first_cell_searched_then_the_first_listed_place_wins() -> None:
    twin_a = Place("Twin A", "GB", "ENG", 51.2, 0.1, 900)
    twin_b = Place("Twin B", "GB", "ENG", 51.2, 0.1, 800)  # the very same spot
    west = Place("West", "GB", "ENG", 51.0, -0.1, 700)  # as far from (51, 0) as East is
    east = Place("East", "GB", "ENG", 51.0, 0.1, 700)
    for places, first_twin in (
        ([twin_a, twin_b, west, east], twin_a),
        ([east, west, twin_b, twin_a], twin_b),
    ):
        gaz = Gazetteer(places, gazetteer.country_names())
        assert gaz.nearest(51.2, 0.1, "GB") == (first_twin, 0.0)
        # (51, 0) is in the cell of East; West's cell is searched after it, whatever the list's order.
        near = gaz.nearest(51.0, 0.0, "GB")
        assert near is not None and near[0] == east
        assert near == every_place_reference(places, 51.0, 0.0)
        assert near[1] == distance_km(51.0, 0.0, 51.0, -0.1)


def test_a_country_without_places_and_a_position_far_from_all_give_nothing() -> None:
    _, gb = country("GB")
    assert gb.nearest(10.0, 10.0, "AQ") is None
    assert gb.nearest(45.0, -30.0, "GB") is None  # mid-Atlantic: more than 39 cells from any place
    assert gb.nearest(-0.33, 51.23, "GB") is None  # latitude and longitude swapped


def test_labels_worked_out_afresh_are_the_ones_stored() -> None:
    # The stored labels were made with the search as it was; 'Newport, near Telford' must not change.
    stored = load_gazetteer()
    for code in ("GB", "US", "NO", "NZ"):
        places = stored.places_in(code)
        fresh = Gazetteer(places, gazetteer.country_names())
        assert [fresh.label(p) for p in places] == [stored.label(p) for p in places]


# ---------------------------------------------------------------- coach files with coordinates

FOLDER = Folder("coaches", "docs/coaches/")


def coach_file(place: str, latitude: float, longitude: float, country_code: str = "GB") -> str:
    return (
        f"name: Alex Example\nplace: {place}\ncountry: {country_code}\nlatitude: {latitude}\n"
        f"longitude: {longitude}\nspecialties: [trail]\ncoaching: [in-person]\nemail: alex@example.org\n"
        "bio: I coach trail runners.\njoined: 2025-11-01\n"
    )


def load_one(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    source = CoachSource("coaches/alex-example.yml", text, "docs/coaches/alex-example.yml")
    result = load_coaches([source], [], FOLDER, gazetteer=load_gazetteer, today=dt.date(2026, 1, 15))
    return [(c.region, c.country_name) for c in result.coaches], [str(p) for p in result.problems]


@pytest.mark.parametrize(
    ("place", "latitude", "longitude", "code", "region"),
    [
        ("Storey Arms", 51.8697, -3.4727, "GB", ("Wales", "United Kingdom")),
        ("Ranmore Common", 51.2475, -0.3690, "GB", ("England", "United Kingdom")),
        ("Glenmore Lodge", 57.1676, -3.6944, "GB", ("Scotland", "United Kingdom")),
        ("Slieve Donard car park", 54.2130, -5.8920, "GB", ("Northern Ireland", "United Kingdom")),
        ("Hammerfest harbour", 70.66, 23.68, "NO", ("", "Norway")),
        ("Grimsey", 66.5, -18.0, "IS", ("", "Iceland")),
    ],
)
def test_a_coach_file_with_coordinates_gets_its_region(
    place: str, latitude: float, longitude: float, code: str, region: tuple[str, str]
) -> None:
    assert load_one(coach_file(place, latitude, longitude, code)) == ([region], [])


WHERE = "docs/coaches/alex-example.yml:4: field 'latitude': "
FAR_HINT = "Check that latitude (north-south) comes first; west is negative"


@pytest.mark.parametrize(
    ("latitude", "longitude", "code", "message"),
    [
        (
            56.0,
            3.0,
            "GB",
            "puts you 284 km from any town in United Kingdom (got (56.0, 3.0)); "
            "allowed: a position in United Kingdom. ",
        ),
        (
            57.596,
            -13.687,
            "GB",
            "puts you 378 km from any town in United Kingdom (got (57.596, -13.687)); "
            "allowed: a position in United Kingdom. ",
        ),
        (
            45.0,
            -30.0,
            "GB",
            "puts you far from any town in United Kingdom (got (45.0, -30.0)); "
            "allowed: a position in United Kingdom. ",
        ),
        (
            -16.8,
            179.99,
            "FJ",
            "puts you 70 km from any town in Fiji (got (-16.8, 179.99)); allowed: a position in Fiji. ",
        ),
    ],
)
def test_a_far_off_coordinate_gives_the_same_error_as_before(
    latitude: float, longitude: float, code: str, message: str
) -> None:
    assert load_one(coach_file("Out at sea", latitude, longitude, code)) == ([], [WHERE + message + FAR_HINT])


def test_a_built_site_places_a_coach_by_coordinates_and_refuses_one_at_sea(
    make_site: Callable[..., Site],
) -> None:
    site = make_site()
    site.write("coaches/alex-example.yml", coach_file("Storey Arms", 51.8697, -3.4727))
    site.build()
    assert site.warnings == []
    finder = parse(site.html("coaches/"))
    assert texts(finder, "//div[@id='cb-directory']//h3") == ["Wales"]
    lead = texts(parse(site.html("coaches/alex-example/")), f"//p[{by_class('cb-lead')}]")[0]
    assert "Storey Arms, Wales, United Kingdom" in lead

    site.write("coaches/alex-example.yml", coach_file("Storey Arms", 56.0, 3.0))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert WHERE + "puts you 284 km from any town in United Kingdom" in str(failure.value)
