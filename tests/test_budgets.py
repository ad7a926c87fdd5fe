"""A site that stays light at any size: with 3,000 tips and 10,000 coaches, what a reader downloads on
opening any kind of page stays within 10 % of the same page on the project's own site.

Weights are first loads in Chromium on a phone (every file fetched before any interaction, gzip as
GitHub Pages serves it), measured by scripts/page_weights.py, which `make bench` also prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import LARGE_COACHES, LARGE_TIPS
from tests.helpers import REPO, Site, copy_repo_site

sys.path.insert(0, str(REPO / "scripts"))
import page_weights  # scripts/page_weights.py

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
def weights(sample: Path, large: Path) -> dict[str, dict[str, page_weights.Weight]]:
    kinds = page_weights.page_kinds(sample)
    assert {"home", "tip", "tip index", "tag page", "coach finder", "coach profile"} <= set(kinds), kinds
    large_kinds = page_weights.page_kinds(large)
    assert set(large_kinds) >= set(kinds), (kinds, large_kinds)
    return {
        "sample": page_weights.first_loads(sample, kinds),
        "large": page_weights.first_loads(large, {k: large_kinds[k] for k in kinds}),
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
