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
    monkeypatch.setattr(gazetteer, "_read_geonames", lambda: reads.append(1) or (PLACES, {}))
    whole = Gazetteer(PLACES, gazetteer.country_names())

    stored = Gazetteer.stored(CountryStore(tmp_path))
    assert stored.places_in("GB") == whole.places_in("GB")
    assert [stored.label(p) for p in PLACES[:3]] == [whole.label(p) for p in PLACES[:3]]
    assert stored.label(PLACES[0]) == "Newport, Wales"

    again = Gazetteer.stored(CountryStore(tmp_path))
    assert again.lookup("Dorking", "GB").place == PLACES[2]
    assert again.countries_with("Cork") == ["IE"]
    assert reads == [1]  # the big file was read once, for the first store only
