"""Site search finds each coach by name, place or specialty, through one entry of their own."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from coachblog.search_index import add_entries
from tests.content import EVIL, NAME
from tests.helpers import Served, Site, minimal_site


def _index(site: Site) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads((site.out / "search" / "search_index.json").read_text())["docs"]
    return docs


def test_each_coach_has_one_entry_made_from_their_file(built_repo_site: Site) -> None:
    docs = _index(built_repo_site)
    coaches = built_repo_site.content().coaches
    assert coaches
    for coach in coaches:
        entries = [d for d in docs if d["location"].startswith(coach.url)]
        assert len(entries) == 1, coach.path
        (entry,) = entries
        assert entry["location"] == coach.url
        assert html.unescape(entry["title"]) == coach.name
        text = " ".join(html.unescape(entry["text"]).split())
        assert coach.place in text
        assert " ".join(str(coach.fields["bio"]).split()[:6]) in text


def test_text_every_profile_shares_is_not_indexed(built_repo_site: Site) -> None:
    docs = _index(built_repo_site)
    coach_docs = [d for d in docs if d["location"].startswith("coaches/")]
    for phrase in ("insurance", "Get in touch", "All coaches", "Contact page"):
        assert [d["location"] for d in coach_docs if phrase in d["text"]] == [], phrase
    # The finder page is found by what it is for, not by every name in its lists.
    (finder,) = [d for d in docs if d["location"] == "coaches/"]
    assert "Running coaches" in finder["text"]
    names = [c.name for c in built_repo_site.content().coaches]
    assert names and [n for n in names if n in finder["text"]] == []
    assert [d["location"] for d in docs if d["location"].startswith("coaches/#")] == []


def test_a_coach_entry_keeps_their_markup_as_text(tmp_path: Path) -> None:
    site = minimal_site(tmp_path, extra_config={"plugins": ["search", {"coachblog": {}}]})
    site.write("coaches/evil-coach.yml", EVIL)
    site.build()
    (entry,) = [d for d in _index(site) if d["location"] == "coaches/evil-coach/"]
    assert "<script" not in entry["title"] + entry["text"]
    assert "<iframe" not in entry["text"]
    assert entry["title"] == NAME.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_an_index_of_an_unknown_shape_is_reported_not_overwritten(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text('{"entries": []}')
    problem = add_entries(tmp_path, [{"location": "coaches/a/", "title": "A", "text": "<p>A</p>"}])
    assert problem is not None and "1 coach profiles could not be added" in problem
    assert index.read_text() == '{"entries": []}'
    assert add_entries(tmp_path / "no-search", [{"location": "x/", "title": "X", "text": ""}]) is None


def test_the_search_box_finds_coaches_by_town(
    browser: Browser, pages_site: Site, served_pages_site: Served
) -> None:
    coaches = pages_site.content().coaches[:5]  # a few are enough; a big directory stays quick to test
    assert coaches
    page = browser.new_page()
    try:
        page.goto(served_pages_site.url, wait_until="networkidle")
        search = page.locator("input.md-search__input")
        for coach in coaches:
            search.fill("")
            search.press_sequentially(coach.place, delay=20)
            # Their profile is among the results: other pages may name the town or the coach too
            # (an owner's home page saying "I coach in Keswick"), so it need not be the first.
            profile = f"/coach-blog/{coach.url}"
            results = page.locator(".md-search-result__item a")
            results.first.wait_for(state="visible", timeout=5000)
            found = page.locator(f".md-search-result__item a[href*='{profile}']", has_text=coach.name)
            found.first.wait_for(state="visible", timeout=5000)
            hrefs = [str(a.get_attribute("href")).split("?")[0] for a in found.all()]
            assert [h for h in hrefs if h.endswith(profile)], coach.path
    finally:
        page.close()


@pytest.mark.parametrize("word", ["insurance"])
def test_the_search_box_does_not_list_every_coach_for_shared_words(
    browser: Browser, served_pages_site: Served, word: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(served_pages_site.url, wait_until="networkidle")
        page.locator("input.md-search__input").press_sequentially(word, delay=20)
        page.locator(".md-search-result__meta").wait_for(state="visible", timeout=5000)
        page.wait_for_timeout(300)
        hrefs = [a.get_attribute("href") or "" for a in page.locator(".md-search-result__item a").all()]
    finally:
        page.close()
    assert [h for h in hrefs if "/coaches/" in h] == []
