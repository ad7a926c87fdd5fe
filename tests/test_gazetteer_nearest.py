"""`Gazetteer.nearest`: the true nearest place anywhere on the globe, the same as weighing every place."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import pytest

from coachblog.coaches.directory import load_coaches
from coachblog.coaches.fields import CoachSource, Folder
from coachblog.places import gazetteer
from coachblog.places.gazetteer import Gazetteer, Place, distance_km, load_gazetteer
from coachblog.places.grid import PlaceGrid
from tests.helpers import BuildFailed, Site, by_class, parse, texts

Answer = tuple[Place, float] | None
Filters = dict[str, Any]  # min_population, unlike


def weigh_every_place(
    places: Sequence[Place],
    latitude: float,
    longitude: float,
    *,
    min_population: int = 0,
    unlike: str | None = None,
) -> Answer:
    """The nearest place by the distance to every one of them; on a tie, the one listed first.

    To be quick it first measures the straight line through the Earth to each place (which grows
    with the distance over it), then works out the distance of those within a hair of the shortest.
    """
    here = unit_vector(latitude, longitude)
    lines = [math.dist(here, there) for there in unit_vectors(tuple(places))]
    if min_population or unlike:
        lines = [
            line if p.population >= min_population and not (unlike and p.name == unlike) else math.inf
            for p, line in zip(places, lines, strict=True)
        ]
    shortest = min(lines, default=math.inf)
    if shortest == math.inf:
        return None
    near = [order for order, line in enumerate(lines) if line <= shortest * (1 + 1e-9) + 1e-12]
    km, order = min(
        (distance_km(latitude, longitude, places[o].latitude, places[o].longitude), o) for o in near
    )
    return places[order], km


def unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    lat, lon = math.radians(latitude), math.radians(longitude)
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


@cache
def unit_vectors(places: tuple[Place, ...]) -> list[tuple[float, float, float]]:
    return [unit_vector(p.latitude, p.longitude) for p in places]


def anywhere(rng: random.Random) -> tuple[float, float]:
    """A point drawn evenly over the whole sphere (so as often near the poles as their area says)."""
    return math.degrees(math.asin(rng.uniform(-1, 1))), rng.uniform(-180, 180)


# Countries from the Arctic to the Antarctic and on both sides of 180°: a world of places to sample.
WORLD = (
    "NO",
    "SJ",
    "IS",
    "GL",
    "FI",
    "RU",
    "US",
    "CA",
    "FJ",
    "KI",
    "TO",
    "WS",
    "NZ",
    "AU",
    "CL",
    "AR",
    "ZA",
    "BR",
    "ID",
    "GB",
    "EG",
    "IN",
    "JP",
    "NC",
    "FK",
    "GS",
)


@cache
def country(code: str) -> tuple[tuple[Place, ...], Gazetteer]:
    """A country's places (biggest first: the list order decides ties) and a gazetteer of just them."""
    places = tuple(load_gazetteer().places_in(code))
    return places, Gazetteer(places, gazetteer.country_names())


@cache
def world_sample() -> tuple[tuple[Place, ...], PlaceGrid]:
    """A seeded sample of places worldwide, with made-up ones at the poles and on 180°, and their grid."""
    rng = random.Random(14)
    everywhere = [p for code in WORLD for p in country(code)[0]]
    edges = [
        Place("North Pole camp", "XX", "", 90.0, 0.0, 600),
        Place("South Pole station", "XX", "", -90.0, 135.0, 600),
        Place("Near the north pole", "XX", "", 89.95, -120.0, 600),
        Place("On 180 east", "XX", "", 10.0, 180.0, 600),
        Place("On 180 west", "XX", "", -10.0, -180.0, 600),
    ]
    places = tuple(rng.sample(everywhere, 1000) + edges)
    return places, PlaceGrid.of(places)


def test_anywhere_on_earth_the_answer_is_the_nearest_of_every_place() -> None:
    places, grid = world_sample()
    rng = random.Random(5)
    wrong = []
    for n in range(2400):
        latitude, longitude = anywhere(rng)
        if n % 3 == 1:  # near a place, where coaches are
            place = rng.choice(places)
            latitude = max(-90.0, min(90.0, place.latitude + rng.gauss(0, 0.2)))
            longitude = (place.longitude + rng.gauss(0, 0.4) + 180) % 360 - 180
        choices: list[Filters] = [{}, {"min_population": 20000}, {"unlike": rng.choice(places).name}]
        filters = choices[n % 3]
        got = grid.nearest(latitude, longitude, **filters)
        expected = weigh_every_place(places, latitude, longitude, **filters)
        if got != expected:
            wrong.append(f"{latitude}, {longitude} {filters}: got {got}, expected {expected}")
    assert wrong == [], "\n".join(wrong[:10])


TARGETS = {
    "north pole": [(90.0, 0.0), (90.0, 180.0), (89.999, -45.0), (89.6, 179.9)],
    "south pole": [(-90.0, 0.0), (-90.0, -180.0), (-89.99, 60.0)],
    "either side of 180° in Fiji": [(-16.8, 179.99), (-16.8, -179.99), (-16.8, -179.95), (-18.0, 180.0)],
    "Chukotka and Alaska over 180°": [(65.0, -179.5), (65.0, 179.5), (52.0, -179.9), (52.9, 173.0)],
    "on the date line itself": [(0.0, 180.0), (0.0, -180.0), (-40.0, 180.0), (60.0, -180.0)],
    "northern Norway": [(70.0, 21.5), (68.01, 11.96), (71.1, 25.8), (69.65, 18.95)],
    "Svalbard": [(78.22, 15.65), (79.0, 12.0), (80.5, 20.0), (76.5, 25.0)],
    "the equator": [(0.0, 0.0), (0.0, 100.0), (0.0, -78.5), (1e-9, -1e-9)],
    "empty ocean": [(-48.88, -123.39), (0.0, -140.0), (30.0, -40.0), (-60.0, 90.0), (40.0, -160.0)],
}


@pytest.mark.parametrize("where", TARGETS)
def test_at_the_poles_the_date_line_and_out_at_sea_the_answer_is_exact(where: str) -> None:
    places, grid = world_sample()
    for latitude, longitude in TARGETS[where]:
        each: list[Filters] = [{}, {"min_population": 5000}]
        for filters in each:
            expected = weigh_every_place(places, latitude, longitude, **filters)
            assert grid.nearest(latitude, longitude, **filters) == expected, (latitude, longitude, filters)


@pytest.mark.parametrize(
    ("code", "south", "north", "west", "east"),
    [
        ("NO", 67.0, 72.0, 5.0, 32.0),  # northern Norway, where a half-degree of longitude is 20 km
        ("SJ", 74.0, 81.0, 5.0, 35.0),  # Svalbard
        ("FJ", -22.0, -12.0, 176.0, 184.0),  # across 180°
        ("RU", 62.0, 70.0, 170.0, 192.0),  # Chukotka, across 180°
        ("US", 50.0, 72.0, 170.0, 230.0),  # Alaska and the Aleutians, across 180°
        ("KI", -12.0, 5.0, 168.0, 210.0),  # atolls on both sides of 180°
    ],
)
def test_every_place_of_the_country_is_weighed_near_the_poles_and_over_180_degrees(
    code: str, south: float, north: float, west: float, east: float
) -> None:
    places, gaz = country(code)
    rng = random.Random(code)
    for n in range(40 if len(places) > 10000 else 90):  # every place weighed each time: fewer in the US
        latitude, longitude = rng.uniform(south, north), (rng.uniform(west, east) + 180) % 360 - 180
        if n % 2:
            place = rng.choice(places)
            latitude, longitude = place.latitude + rng.gauss(0, 0.05), place.longitude + rng.gauss(0, 0.1)
            longitude = (longitude + 180) % 360 - 180
        choices: list[Filters] = [{}, {"min_population": 2000}, {"unlike": rng.choice(places).name}]
        filters = choices[n % 3]
        expected = weigh_every_place(places, latitude, longitude, **filters)
        assert gaz.nearest(latitude, longitude, code, **filters) == expected, (latitude, longitude, filters)


# Where the ring search of old stopped short, and what the true nearest place is.
NEARER_THAN_BEFORE = [
    ("NO", 70.0, 21.5, "Skjervøy", 20.38),  # the rings stopped at Burfjord, 22.13 km
    ("NO", 68.01, 11.96, "Reine", 47.89),  # they stopped at Sørland, 49.23 km
    ("FJ", -16.8, -179.95, "Savusavu", 76.08),  # across 180°: they found Tubou, 200 km
    ("FJ", -16.8, 179.99, "Savusavu", 69.70),
    ("IS", 66.5, -18.0, "Siglufjörður", 56.05),  # Grímsey, out here, has fewer than 500 people
]


@pytest.mark.parametrize(("code", "latitude", "longitude", "name", "km"), NEARER_THAN_BEFORE)
def test_high_latitudes_and_the_antimeridian_give_the_truly_nearest_town(
    code: str, latitude: float, longitude: float, name: str, km: float
) -> None:
    places, gaz = country(code)
    got = gaz.nearest(latitude, longitude, code)
    assert got == weigh_every_place(places, latitude, longitude)
    assert got is not None and got[0].name == name and got[1] == pytest.approx(km, abs=0.01)


def test_on_a_tie_the_place_listed_first_wins_whatever_its_cell() -> None:
    twin_a = Place("Twin A", "GB", "ENG", 51.2, 0.1, 900)
    twin_b = Place("Twin B", "GB", "ENG", 51.2, 0.1, 800)  # the very same spot
    west = Place("West", "GB", "ENG", 51.0, -0.1, 700)  # as far from (51, 0) as East is, another cell
    east = Place("East", "GB", "ENG", 51.0, 0.1, 700)
    assert distance_km(51.0, 0.0, 51.0, -0.1) == distance_km(51.0, 0.0, 51.0, 0.1)
    for places, first_twin, first_side in (
        ([twin_a, twin_b, west, east], twin_a, west),
        ([east, west, twin_b, twin_a], twin_b, east),
    ):
        gaz = Gazetteer(places, gazetteer.country_names())
        assert gaz.nearest(51.2, 0.1, "GB") == (first_twin, 0.0)
        assert gaz.nearest(51.0, 0.0, "GB") == (first_side, distance_km(51.0, 0.0, 51.0, 0.1))
    # Equally far either side of 180° (as far as the sums can tell), the same as weighing both.
    over = [
        Place("East of 180", "FJ", "", -16.0, 179.9, 600),
        Place("West of 180", "FJ", "", -16.0, -179.9, 600),
    ]
    for places in (over, over[::-1]):
        assert PlaceGrid.of(places).nearest(-16.0, 180.0) == weigh_every_place(places, -16.0, 180.0)


def test_nothing_is_found_only_where_the_country_has_no_such_place() -> None:
    places, gb = country("GB")
    assert gb.nearest(10.0, 10.0, "AQ") is None
    assert PlaceGrid.of([]).nearest(0.0, 0.0) is None
    assert gb.nearest(51.5, 0.0, "GB", min_population=10**9) is None
    # However far away: mid-Atlantic, latitude and longitude swapped, the far side of the Earth.
    for latitude, longitude in ((45.0, -30.0), (-0.33, 51.23), (-51.5, 180.0), (-90.0, 0.0)):
        got = gb.nearest(latitude, longitude, "GB")
        assert got is not None and got == weigh_every_place(places, latitude, longitude)


def test_a_position_outside_the_map_is_weighed_against_every_place() -> None:
    places, gb = country("GB")
    for latitude, longitude in ((51.5, 360.1), (91.0, 0.0), (-95.0, -200.0)):
        assert gb.nearest(latitude, longitude, "GB") == weigh_every_place(places, latitude, longitude)


def test_labels_worked_out_afresh_are_the_ones_stored() -> None:
    # The stored labels are derived with this same nearest-place rule: 'Newport, near Telford' stays.
    stored = load_gazetteer()
    for code in ("GB", "US", "NO", "NZ", "AU"):
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
            "puts you 1854 km from any town in United Kingdom (got (45.0, -30.0)); "
            "allowed: a position in United Kingdom. ",
        ),
        (
            -16.8,
            179.99,
            "FJ",
            "puts you 70 km from any town in Fiji (got (-16.8, 179.99)); allowed: a position in Fiji. ",
        ),
        (
            -16.8,
            -179.95,
            "FJ",
            "puts you 76 km from any town in Fiji (got (-16.8, -179.95)); allowed: a position in Fiji. ",
        ),
    ],
)
def test_a_far_off_coordinate_says_how_far_the_nearest_town_is(
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
    lead = texts(parse(site.html("coaches/alex-example/")), f"//p[{by_class('cb-lead')}]")[0]
    assert "Storey Arms, Wales, United Kingdom" in lead

    site.write("coaches/alex-example.yml", coach_file("Storey Arms", 56.0, 3.0))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert WHERE + "puts you 284 km from any town in United Kingdom" in str(failure.value)
