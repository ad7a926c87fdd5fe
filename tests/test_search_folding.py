"""Site search finds places however they are typed: the index carries each page's words folded (text.py's
one rule) in fields the search reads but no result shows, and only the words folding changes."""

from __future__ import annotations

import copy
import html
import json
from pathlib import Path
from typing import Any

import pytest

from coachblog import json_text
from coachblog.search_index import INDEX_PATH, add_entries, add_folded_words, folded_words
from coachblog.text import fold
from tests.content import ABROAD, abroad_site
from tests.helpers import Site

MATERIAL_CONFIG = {
    "lang": ["en"],
    "separator": "[\\s\\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}


def material_index(*docs: dict[str, Any]) -> dict[str, Any]:
    return {"config": copy.deepcopy(MATERIAL_CONFIG), "docs": [dict(d) for d in docs]}


def test_only_the_words_folding_changes_are_added_once_each() -> None:
    assert folded_words("<p>Łódź &amp; Kraków, then <em>Łódź</em> again</p>") == ["lodz", "krakow"]
    assert folded_words("Plain English only, 10 km") == []
    assert folded_words(["Straße", "trail"]) == ["strasse"]  # tags are a list
    assert folded_words("Москва") == []  # another script is left as it is: folding does not change it
    assert folded_words(None) == []


def test_each_searched_field_gets_a_folded_companion_with_its_boost() -> None:
    index = material_index(
        {"location": "a/", "title": "Race weekend in Kraków", "text": "<p>From Łódź</p>", "tags": ["Tromsø"]},
        {"location": "b/", "title": "Hill reps", "text": "<p>Plain words</p>"},
    )
    add_folded_words(index)
    first, second = index["docs"]
    assert first["folded_title"] == "krakow"
    assert first["folded_text"] == "lodz"
    assert first["folded_tags"] == "tromso"
    assert first["title"] == "Race weekend in Kraków" and first["text"] == "<p>From Łódź</p>"
    assert second == {"location": "b/", "title": "Hill reps", "text": "<p>Plain words</p>"}  # nothing added
    fields = index["config"]["fields"]
    assert fields["folded_title"] == fields["title"] and fields["folded_text"] == fields["text"]
    assert fields["folded_tags"] == fields["tags"]


def test_a_field_no_entry_needs_is_not_declared_and_a_second_run_changes_nothing() -> None:
    index = material_index({"location": "a/", "title": "Tromsø", "text": "<p>plain</p>"})
    add_folded_words(index)
    assert set(index["config"]["fields"]) == {"title", "text", "tags", "folded_title"}
    once = json.dumps(index)
    add_folded_words(index)
    assert json.dumps(index) == once


def test_an_index_that_names_no_fields_gets_nothing(tmp_path: Path) -> None:
    """MkDocs' own theme's index: its worker searches title and text only, so a companion is dead weight."""
    index = {"config": {"lang": ["en"]}, "docs": [{"location": "a/", "title": "Łódź", "text": ""}]}
    before = copy.deepcopy(index)
    add_folded_words(index)
    assert index == before


def test_the_rewritten_index_keeps_markup_escaped(tmp_path: Path) -> None:
    path = tmp_path / INDEX_PATH
    path.parent.mkdir()
    index = material_index({"location": "a/", "title": "Kraków &amp; Łódź", "text": "<p>Gießen &lt;3</p>"})
    path.write_text(json.dumps(index), encoding="utf-8")
    assert (
        add_entries(tmp_path, [{"location": "coaches/z/", "title": "Zoë", "text": "<p>Tromsø</p>"}]) is None
    )
    written = path.read_text(encoding="utf-8")
    assert "<" not in written and ">" not in written and "&" not in written
    assert written == json_text.dumps(json.loads(written))
    docs = json.loads(written)["docs"]
    assert [d.get("folded_title") for d in docs] == ["krakow lodz", "zoe"]
    assert [d.get("folded_text") for d in docs] == ["giessen", "tromso"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = abroad_site(tmp_path_factory.mktemp("search-abroad"))
    site.build()
    return site


def _docs(site: Site) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads((site.out / INDEX_PATH).read_text(encoding="utf-8"))["docs"]
    return docs


def test_a_built_site_finds_pages_and_coaches_by_their_places_folded(built: Site) -> None:
    docs = _docs(built)
    by_location = {d["location"]: d for d in docs}
    for number, (place, _, typed, name) in enumerate(ABROAD):
        entry = by_location[f"coaches/coach-{number}/"]
        assert html.unescape(entry["title"]) == name  # what a result shows: the coach's own spelling
        assert place in html.unescape(entry["text"])
        words = entry.get("folded_text", "").split()
        changed = [fold(w) for w in place.split() if fold(w) != w.lower()]
        assert changed and set(changed) <= set(words), (place, words)
        assert " ".join(fold(w) for w in place.split()) == fold(typed)  # what a reader types finds them
    tip = next(d for d in docs if d["location"] == "tips/race-weekend-in-krakow/")
    assert "krakow" in tip["folded_title"].split()
    assert "wroclaw" in tip["folded_text"].split()
    travel = [d for d in docs if d["location"].startswith("travel/")]
    assert any({"tromso", "aeroskobing"} <= set(d.get("folded_text", "").split()) for d in travel)


def test_a_built_index_adds_folded_words_only_where_folding_changes_them(built: Site) -> None:
    docs = _docs(built)
    for doc in docs:
        for field in ("title", "text"):
            companion = doc.get(f"folded_{field}")
            if companion is None:
                assert folded_words(doc[field]) == [], doc["location"]
                continue
            words = companion.split()
            assert len(words) == len(set(words)), doc["location"]
            assert all(w not in html.unescape(doc[field]).lower().split() for w in words), doc["location"]
    plain = [d for d in docs if d["text"].isascii() and d["title"].isascii()]
    assert plain and all(not any(k.startswith("folded_") for k in d) for d in plain)
