"""The coach finder's layout in headless Chromium: results first on a phone, nothing moves as the
script starts, and few Tab presses from the town box to the first coach."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.helpers import DESKTOP, LAYOUT_SHIFT_TOTAL, PHONE, REPO, Served, minimal_site, serve

FIXTURES = REPO / "tests" / "coach_fixtures" / "finder"
FIRST = "#cb-results-main-list li a"


@pytest.fixture(scope="module")
def finder_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Seven made-up coaches around Britain, served."""
    site = minimal_site(tmp_path_factory.mktemp("finder-layout"))
    for path in FIXTURES.glob("*.yml"):
        site.write(f"coaches/{path.name}", path.read_text(encoding="utf-8"))
    site.build()
    with serve(site.out) as served:
        yield served


@pytest.mark.parametrize("scripts", [True, False], ids=["with-javascript", "without-javascript"])
def test_on_a_phone_the_first_coach_shows_without_scrolling(
    browser: Browser, finder_site: Served, scripts: bool
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=scripts)
    page = context.new_page()
    page.goto(finder_site.page_url("coaches/"))
    page.wait_for_load_state("networkidle")
    first = page.locator(FIRST).first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    if scripts:
        expect(page.get_by_label("Town or village")).to_be_visible()
    assert page.evaluate("window.scrollY") == 0
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_nothing_moves_as_the_page_and_its_script_start(
    browser: Browser, finder_site: Served, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(finder_site.page_url("coaches/"))
    page.wait_for_load_state("networkidle")
    shift = page.evaluate(LAYOUT_SHIFT_TOTAL)
    assert shift < 0.02, shift
    context.close()


def test_the_suggestions_open_over_the_page_without_moving_it(browser: Browser, finder_site: Served) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(finder_site.page_url("coaches/"))
    before = page.locator(FIRST).first.bounding_box()
    page.get_by_label("Town or village").press_sequentially("Dor", delay=30)
    expect(page.locator("#cb-near-list [role=option]").first).to_be_visible()
    assert page.locator(FIRST).first.bounding_box() == before
    context.close()


@pytest.mark.parametrize("near", ["", "?near=Dorking"], ids=["start", "after-a-search"])
def test_at_most_five_tab_presses_lead_from_the_town_box_to_the_first_coach(
    browser: Browser, finder_site: Served, near: str
) -> None:
    page = browser.new_page()
    page.goto(finder_site.page_url(f"coaches/{near}"))
    if near:
        expect(page.get_by_role("status")).to_contain_text("Dorking")
    page.get_by_label("Town or village").focus()
    first = page.locator(FIRST).first
    presses = 0
    while presses < 10 and not first.evaluate("link => link === document.activeElement"):
        page.keyboard.press("Tab")
        presses += 1
    assert presses <= 5, presses
    expect(first).to_be_focused()
    page.close()
