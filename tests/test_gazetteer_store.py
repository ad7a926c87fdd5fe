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
    assert [stored.label(p) for p in WAITANGIS[:2]] == [
        "Waitangi, near Masterton",
        "Waitangi, near Whangarei",
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
    assert Gazetteer.stored(store).label(WAITANGIS[0]) == "Waitangi, near Masterton"
