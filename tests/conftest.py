"""Shared fixtures: real sites built into tmp_path.

The project's own site is built in each of VARIANTS (`site_variant`): as it is, and with real-looking
content in place of the samples. Every test of it runs on both, so it can only assert what holds for
any valid content: expectations come from the copy's own files (`Site.content()`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests import helpers
from tests.compiled_templates import compiled_once
from tests.helpers import REPO, VARIANTS, Served, Site, chromium, copy_repo_site, minimal_site, serve

sys.path.insert(0, str(REPO / "scripts"))
from bench import page_weights  # scripts/bench/page_weights.py

# The large generated site of the size budgets (issues "Find a coach" and "A site that stays light").
# COACHBLOG_LARGE_COACHES=500 makes it smaller while you work on those tests (the budgets then say so).
LARGE_TIPS = 3000
LARGE_COACHES = int(os.environ.get("COACHBLOG_LARGE_COACHES", "10000"))

# Marked by what a test uses, so a new test is marked without anyone remembering to.
BROWSER_FIXTURES = {"browser"}
SLOW_FIXTURES = {"site_variant", "repo_site", "large_site"}  # builds of the project's own site, both variants
SLOW_MODULES = {
    "test_bench",
    "test_html_validity",
    "test_workflows",
    "test_system_packages",
    "test_pagination",
    "test_budgets",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`browser` for tests that drive Chromium, `slow` for those that build the project's own site or
    run a long tool: `make test-fast` leaves both out."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & SLOW_FIXTURES or item.module.__name__.rsplit(".", 1)[-1] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        if "large_site" in used:
            # `make test` runs `pytest -n 2 --dist loadgroup`: the tests of the large generated site all
            # go to one worker, which builds it once. Other tests go wherever a worker is free; session
            # fixtures are per worker, each with its own tmp dirs, free ports and Chromium.
            item.add_marker(pytest.mark.xdist_group("large_site"))


@pytest.fixture(scope="session", autouse=True)
def theme_templates_compiled_once() -> Iterator[None]:
    """Material's templates compiled once per worker, not once per build (tests/compiled_templates.py)."""
    with compiled_once():
        yield


@pytest.fixture(scope="session", autouse=True)
def shared_caches(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One card and picture cache for the small sites of this worker (helpers.minimal_site)."""
    helpers.SHARED_CACHES = tmp_path_factory.mktemp("shared-caches")
    yield
    helpers.SHARED_CACHES = None


@pytest.fixture(scope="session", params=VARIANTS)
def site_variant(request: pytest.FixtureRequest) -> str:
    """Which content the copies of the project's site carry: 'as-is' or 'real-content'."""
    return str(request.param)


@pytest.fixture(scope="session")
def cards_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Social cards shared by every copy of the project's site in this test session."""
    return tmp_path_factory.mktemp("social-cards")


@pytest.fixture
def repo_site(tmp_path: Path, site_variant: str, cards_cache: Path) -> Site:
    """A copy of the project's own site, not yet built."""
    return copy_repo_site(tmp_path, site_variant, cards_cache)


@pytest.fixture(scope="session")
def built_repo_site(tmp_path_factory: pytest.TempPathFactory, site_variant: str, cards_cache: Path) -> Site:
    """The project's own site, built once for the tests that only read it."""
    site = copy_repo_site(tmp_path_factory.mktemp(f"repo-site-{site_variant}"), site_variant, cards_cache)
    site.build()
    assert site.warnings == []
    return site


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Site]:
    """A factory for a small site with only what the test writes."""
    return lambda **kwargs: minimal_site(tmp_path, **kwargs)


# Served sites and the browser, for the serving, web-standards and browser tests.
PAGES_SITE_URL = "https://example.github.io/coach-blog/"
PAGES_REPO_URL = "https://github.com/example/coach-blog"  # publish.yml sets REPO_URL to the repository


@pytest.fixture(scope="session")
def pages_site(tmp_path_factory: pytest.TempPathFactory, site_variant: str, cards_cache: Path) -> Site:
    """The project's own site built as a GitHub Pages project site, at https://example.github.io/coach-blog/."""
    site = copy_repo_site(tmp_path_factory.mktemp(f"pages-site-{site_variant}"), site_variant, cards_cache)
    site.build(site_url=PAGES_SITE_URL, repo_url=PAGES_REPO_URL)  # as the publish workflow builds it
    assert site.warnings == []
    return site


@pytest.fixture(scope="session")
def served_pages_site(pages_site: Site) -> Iterator[Served]:
    """`pages_site` served on 127.0.0.1 under /coach-blog/, as Pages serves it."""
    with serve(pages_site.out, "/coach-blog/") as served:
        yield served


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, shared by the browser tests."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The project's config over 3,000 generated tips and 10,000 coaches (scripts/benchgen.py), social
    cards off, built once per session: the size budgets and the finder at scale read it."""
    config = page_weights.large_site(tmp_path_factory.mktemp("large-site"), LARGE_TIPS, LARGE_COACHES)
    site = Site(config.parent)
    site.build()
    return site
