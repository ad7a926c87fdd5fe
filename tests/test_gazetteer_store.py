"""The derived per-country place files: read the package's 80 MB file once, then only small files."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachblog.places import gazetteer
from coachblog.places.gazetteer import CountryStore, Gazetteer, Place

PLACES = [
    Place("Newport", "GB", "WLS", 51.588, -2.998, 161506),
    Place("Newport", "GB", "ENG", 50.701, -1.291, 24884),
    Place("Dorking", "GB", "ENG", 51.232, -0.332, 17098),
    Place("Cork", "IE", "M", 51.898, -8.471, 190384),
]


def test_places_and_their_labels_come_back_from_the_derived_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []

    def read() -> tuple[list[Place], dict[Place, tuple[str, ...]]]:
        reads.append(1)
        return PLACES, {}

    monkeypatch.setattr(gazetteer, "_read_geonames", read)
    whole = Gazetteer(PLACES, gazetteer.country_names())

    stored = Gazetteer.stored(CountryStore(tmp_path))
    assert stored.places_in("GB") == whole.places_in("GB")
    assert [stored.label(p) for p in PLACES[:3]] == [whole.label(p) for p in PLACES[:3]]
    assert stored.label(PLACES[0]) == "Newport, Wales"

    again = Gazetteer.stored(CountryStore(tmp_path))
    assert again.lookup("Dorking", "GB").place == PLACES[2]
    assert again.countries_with("Cork") == ["IE"]
    assert reads == [1]  # the big file was read once, for the first store only


# Two places of one name, one on the Chatham Islands, east of 180°, where its nearest big town lies.
WAITANGIS = [
    Place("Waitangi", "NZ", "E7", -43.954, -176.560, 600),
    Place("Waitangi", "NZ", "F6", -35.270, 174.081, 600),
    Place("Masterton", "NZ", "F6", -40.951, 175.658, 20791),
    Place("Whangarei", "NZ", "F6", -35.725, 174.324, 52200),
]


def test_labels_are_derived_with_the_nearest_town_even_across_180_degrees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gazetteer, "_read_geonames", lambda: (WAITANGIS, {}))
    stored = Gazetteer.stored(CountryStore(tmp_path))
    # Masterton, 720 km away across the date line, is still the nearest town: given with its distance.
    assert [stored.label(p) for p in WAITANGIS[:2]] == [
        "Waitangi, 720 km south-east of Masterton",
        "Waitangi, 60 km north-west of Whangarei",
    ]


def test_files_derived_by_an_earlier_version_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Labels of old were made with another nearest-place rule: a new version derives its own files.
    monkeypatch.setattr(gazetteer, "_read_geonames", lambda: (WAITANGIS, {}))
    store = CountryStore(tmp_path)
    assert store.folder.name.endswith(f"-{gazetteer.STORE_VERSION}")
    stale = tmp_path / store.folder.name.replace(f"-{gazetteer.STORE_VERSION}", "-v3")
    stale.mkdir()
    (stale / "NZ.json").write_text(
        '[["Waitangi","NZ","E7",-43.954,-176.56,600,"Waitangi",[]]]', encoding="utf-8"
    )
    assert Gazetteer.stored(store).label(WAITANGIS[0]) == "Waitangi, 720 km south-east of Masterton"


# Same-named places of very different sizes, and landmarks near and far (made-up people counts).
PERTHS = [
    Place("Perth", "AU", "08", -31.952, 115.861, 1_900_000),  # the city
    Place("Perth", "AU", "06", -41.573, 147.171, 2_400),  # the town in Tasmania
    Place("Launceston", "AU", "06", -41.439, 147.135, 75_000),
    Place("Melbourne", "AU", "07", -37.814, 144.963, 4_900_000),
]


def test_the_city_everyone_means_keeps_its_name_and_the_small_namesake_names_its_landmark() -> None:
    labels = Gazetteer(PERTHS, gazetteer.country_names())
    assert labels.label(PERTHS[0]) == "Perth"
    assert labels.label(PERTHS[1]) == "Perth, near Launceston"


def test_a_far_landmark_is_given_with_its_distance_and_direction_never_as_near() -> None:
    # Without Launceston the nearest big place is Melbourne, 460 km north-west of the Tasmanian Perth.
    places = [PERTHS[0], PERTHS[1], PERTHS[3]]
    labels = Gazetteer(places, gazetteer.country_names())
    assert labels.label(PERTHS[1]) == "Perth, 460 km south-east of Melbourne"
    assert labels.label(PERTHS[0]) == "Perth"


def test_two_namesakes_of_like_size_both_name_a_landmark() -> None:
    towns = [
        Place("Newport", "GB", "ENG", 52.769, -2.379, 11_000),  # Shropshire
        Place("Newport", "GB", "ENG", 50.701, -1.289, 25_000),  # Isle of Wight
        Place("Telford", "GB", "ENG", 52.677, -2.449, 140_000),
        Place("Gosport", "GB", "ENG", 50.795, -1.125, 80_000),
    ]
    labels = Gazetteer(towns, gazetteer.country_names())
    assert [labels.label(t) for t in towns[:2]] == ["Newport, near Telford", "Newport, near Gosport"]


def test_bearings_follow_the_compass() -> None:
    centre = Place("Centre", "GB", "", 52.0, -1.0, 1)
    for lat, lon, way in [
        (53, -1, "north"),
        (51, -1, "south"),
        (52, 0.5, "east"),
        (52, -2.5, "west"),
        (53, 0.5, "north-east"),
    ]:
        assert gazetteer.bearing(centre, Place("X", "GB", "", lat, lon, 1)) == way


def test_a_label_of_old_naming_a_far_landmark_still_finds_its_place() -> None:
    labels = Gazetteer([PERTHS[0], PERTHS[1], PERTHS[3]], gazetteer.country_names())
    assert labels.lookup("Perth, near Melbourne", "AU").place == PERTHS[1]  # written before the change
    assert labels.lookup("Perth, 460 km south-east of Melbourne", "AU").place == PERTHS[1]
    assert labels.lookup("Perth", "AU").place == PERTHS[0]
