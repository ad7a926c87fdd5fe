"""A site that stays light at any size: with 3,000 tips and 10,000 coaches, what a reader downloads on
opening any kind of page stays within 10 % of the same page on the project's own site.

Weights are first loads in Chromium on a phone (every file fetched before any interaction, gzip as
GitHub Pages serves it), measured by scripts/page_weights.py, which `make bench` also prints.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import LARGE_COACHES, LARGE_TIPS
from tests.helpers import REPO, Site, copy_repo_site, serve

sys.path.insert(0, str(REPO / "scripts"))
from bench import page_weights  # scripts/bench/page_weights.py

TIPS, COACHES = 3000, 10_000
HEADROOM = 1.10  # a page of the large site may weigh at most 10 % more than on the sample site
LIST_PAGE_LIMIT = 100 * 1024  # the largest tip index or tag page, gzip


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, cards_cache: Path) -> Path:
    site = copy_repo_site(tmp_path_factory.mktemp("sample-site"), "as-is", cards_cache)
    site.build()
    return site.out


@pytest.fixture(scope="module")
def large(large_site: Site) -> Path:
    assert (LARGE_TIPS, LARGE_COACHES) == (TIPS, COACHES), "the budgets hold at 3,000 tips and 10,000 coaches"
    return large_site.out


@pytest.fixture(scope="module")
def weights(browser: Browser, sample: Path, large: Path) -> dict[str, dict[str, page_weights.Weight]]:
    kinds = page_weights.page_kinds(sample)
    assert {"home", "tip", "tip index", "tag page", "coach finder", "coach profile"} <= set(kinds), kinds
    large_kinds = page_weights.page_kinds(large)
    assert set(large_kinds) >= set(kinds), (kinds, large_kinds)
    return {
        "sample": page_weights.first_loads(sample, kinds, browser),
        "large": page_weights.first_loads(large, {k: large_kinds[k] for k in kinds}, browser),
    }


def test_every_page_kind_weighs_at_most_10_percent_more_on_a_site_of_3000_tips_and_10000_coaches(
    weights: dict[str, dict[str, page_weights.Weight]],
) -> None:
    table = page_weights.table(weights)
    heavy = {
        kind: f"{page_weights.kb(big.total)} against {page_weights.kb(weights['sample'][kind].total)}: "
        + page_weights.biggest_files(big)
        for kind, big in weights["large"].items()
        if big.total > HEADROOM * weights["sample"][kind].total
    }
    assert not heavy, f"{table}\n{heavy}"


def test_no_page_fetches_the_search_index_or_the_sitemap_before_the_reader_searches(
    weights: dict[str, dict[str, page_weights.Weight]],
) -> None:
    for site, kinds in weights.items():
        for kind, weight in kinds.items():
            fetched = [f for f in weight.files if f.startswith("search/") or f.endswith("sitemap.xml")]
            assert not fetched, (site, kind, fetched)
            assert not weight.elsewhere, (site, kind, weight.elsewhere)


def test_the_largest_tip_index_or_tag_page_stays_under_100_kb_gzip(large: Path) -> None:
    pages = page_weights.list_pages(large)
    assert len(pages) > 2, "the large site has a tip index and tag pages"
    page, size = page_weights.largest_list_page(large)
    assert size < LIST_PAGE_LIMIT, f"{page}: {page_weights.kb(size)} gzip"


def _results(page: Page) -> list[str]:
    hrefs: list[str] = page.evaluate(
        "() => [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href)"
    )
    return [href.split("?")[0].split("#")[0] for href in hrefs]


def _search(page: Page, query: str, wanted: set[str], timeout_s: int = 90) -> None:
    """Type `query` into the search box and wait until a result leads to one of `wanted` (full addresses)."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=20)
    for _ in range(timeout_s * 10):
        if wanted & set(_results(page)):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"no result for {wanted} on {query!r} among {_results(page)[:20]}")


def test_on_the_large_site_search_finds_a_tip_by_a_word_of_its_text_and_a_coach_by_town(
    browser: Browser, large_site: Site
) -> None:
    docs = json.loads((large_site.out / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    words = [
        set(
            re.findall(
                r"[a-z]{5,}", html.unescape(re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"])).lower()
            )
        )
        for d in docs
    ]
    pages_with = Counter(w for found in words for w in found)
    content = large_site.content()
    tips = {t.url: t for t in content.listed_tips}
    # The tip with the rarest word of its text (not its title): that word finds it among few pages.
    rarest = [
        (min((pages_with[w], w) for w in found - set(d["title"].lower().split())), d["location"])
        for d, found in zip(docs, words, strict=True)
        if d["location"] in tips and found - set(d["title"].lower().split())
    ]
    (count, word), url = min(rarest)
    assert count <= 20, (word, count)
    tip = tips[url]
    coach = next(c for c in content.coaches if "(" not in c.place)
    with serve(large_site.out) as served:
        page = browser.new_page()
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(served.page_url(tip.url), wait_until="networkidle")
        assert not [u for u in asked if "search_index" in u or "/workers/search" in u]
        page.locator("input.md-search__input").click()
        _search(page, word, {served.page_url(tip.url)})
        there = {served.page_url(c.url) for c in content.coaches if c.place == coach.place}
        _search(page, coach.place, there)  # a coach of that town
        page.close()
