"""The coach finder in headless Chromium: filters, town search, distance, geolocation, the address, no JS."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.helpers import REPO, Served, Site, minimal_site, serve

FIXTURES = REPO / "tests" / "coach_fixtures" / "finder"
NEAR = "#cb-results-main-list li"
ONLINE = "#cb-results-online-list li"
# Counts calls of getCurrentPosition, so a test can tell the location was asked for only after a click.
COUNT_GEOLOCATION = """
window.geolocationCalls = 0;
const original = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
navigator.geolocation.getCurrentPosition = (...args) => {
  window.geolocationCalls++;
  return original(...args);
};
"""


def load_script(name: str) -> ModuleType:
    """A module from scripts/, which is not a package."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def finder_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Seven made-up coaches around Britain (one online only, one placed by coordinates), served."""
    site = minimal_site(tmp_path_factory.mktemp("finder"))
    for path in FIXTURES.glob("*.yml"):
        site.write(f"coaches/{path.name}", path.read_text(encoding="utf-8"))
    site.build()
    with serve(site.out) as served:
        yield served


@pytest.fixture
def finder(browser: Browser, finder_site: Served) -> Iterator[Page]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(finder_site.page_url("coaches/"))
    yield page
    page.close()
    assert errors == []


def names(page: Page, selector: str = NEAR) -> list[str]:
    return [text.strip() for text in page.locator(f"{selector} a").all_text_contents()]


def test_without_javascript_every_coach_is_listed_by_region(browser: Browser, finder_site: Served) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(finder_site.page_url("coaches/"))
    expect(page.locator("#cb-finder-form")).to_be_hidden()
    expect(page.get_by_role("status")).to_have_text("7 coaches, listed by country and region.")
    listed = page.locator("#cb-directory li.cb-coach a")
    assert sorted(listed.all_text_contents()) == sorted(
        [
            "Ari Ambleside",
            "Bea Belfast",
            "Bo Boxhill",
            "Cai Online",
            "Dana Downs",
            "Eddie Edinburgh",
            "Gil Guildford",
        ]
    )
    headings = page.locator("#cb-directory h3").all_text_contents()
    assert headings == ["England", "Northern Ireland", "Scotland"]
    assert page.locator("#online-only ~ ul li").all_text_contents()[0].split()[:2] == ["Cai", "Online"]
    page.locator("#cb-directory a", has_text="Dana Downs").click()
    expect(page.locator("h1")).to_have_text("Dana Downs")
    context.close()


def test_the_place_list_is_fetched_only_when_the_town_field_is_used(
    finder: Page, finder_site: Served
) -> None:
    expect(finder.locator("#cb-finder-form")).to_be_visible()
    finder.wait_for_timeout(300)
    assert not any("places.json" in r for r in finder_site.requests)
    with finder.expect_response(re.compile(r"places\.json$")):
        finder.get_by_label("Town or village").focus()


def test_specialty_and_way_of_coaching_filter_and_go_in_the_address(finder: Page) -> None:
    finder.get_by_role("checkbox", name="Fell and mountain running").check()
    expect(finder.get_by_role("status")).to_have_text("2 coaches match.")
    assert sorted(names(finder)) == ["Ari Ambleside", "Bo Boxhill"]
    expect(finder.locator("#cb-directory")).to_be_hidden()
    finder.get_by_role("checkbox", name="Online").check()
    expect(finder.get_by_role("status")).to_have_text("1 coach matches.")
    assert names(finder) == ["Ari Ambleside"]
    assert finder.url.endswith("/coaches/?s=fell&m=online")
    finder.get_by_role("button", name="Clear all").click()
    expect(finder.get_by_role("status")).to_have_text("7 coaches, listed by country and region.")
    expect(finder.locator("#cb-directory")).to_be_visible()
    assert finder.url.endswith("/coaches/")


def test_name_search_waits_for_typing_to_pause(finder: Page) -> None:
    finder.get_by_label("Coach's name").press_sequentially("DANA d", delay=20)
    expect(finder.get_by_role("status")).to_have_text("1 coach matches.")
    assert names(finder) == ["Dana Downs"]
    assert finder.url.endswith("?q=DANA+d")


def test_a_town_is_suggested_then_coaches_are_sorted_by_distance(finder: Page) -> None:
    town = finder.get_by_label("Town or village")
    town.press_sequentially("Dork", delay=30)
    expect(finder.locator("#cb-near-list option").first).to_have_attribute("value", "Dorking")
    town.fill("Dorking")
    town.press("Enter")
    expect(finder.get_by_role("status")).to_have_text(
        "3 coaches within 25 miles of Dorking, and 2 coaches coaching online."
    )
    assert names(finder) == ["Dana Downs", "Bo Boxhill", "Gil Guildford"]
    distances = finder.locator(f"{NEAR} .cb-coach__distance").all_text_contents()
    assert distances[0] == "0.0 mi (0 km)" and distances[1].startswith("1.") and "mi" in distances[2]
    miles = [float(d.split()[0]) for d in distances]
    assert miles == sorted(miles)
    assert names(finder, ONLINE) == ["Ari Ambleside", "Cai Online"]
    assert finder.locator(ONLINE).nth(1).locator(".cb-badge").text_content() == "Online only"
    assert finder.locator(f"{ONLINE} .cb-coach__distance").count() == 0, "online coaches are not 'far away'"
    assert finder.url.endswith("?near=Dorking")


def test_the_radius_narrows_or_widens_the_search(finder: Page) -> None:
    finder.get_by_label("Town or village").fill("Dorking")
    finder.get_by_label("Town or village").press("Enter")
    finder.get_by_label("Within").select_option("5")
    expect(finder.get_by_role("status")).to_have_text(re.compile(r"^2 coaches within 5 miles of Dorking"))
    assert names(finder) == ["Dana Downs", "Bo Boxhill"]
    assert finder.url.endswith("?near=Dorking&r=5")
    finder.get_by_label("Within").select_option("0")
    expect(finder.get_by_role("status")).to_have_text(re.compile(r"^6 coaches by distance from Dorking"))
    assert names(finder) == [
        "Dana Downs",
        "Bo Boxhill",
        "Gil Guildford",
        "Ari Ambleside",
        "Bea Belfast",
        "Eddie Edinburgh",
    ]
    assert names(finder, ONLINE) == ["Cai Online"]


def test_an_unknown_town_says_so(finder: Page) -> None:
    finder.get_by_label("Town or village").fill("Xyzzyville")
    finder.get_by_label("Town or village").press("Enter")
    expect(finder.get_by_role("status")).to_contain_text("No town or village called “Xyzzyville”")


def test_a_shared_address_restores_the_search(browser: Browser, finder_site: Served) -> None:
    page = browser.new_page()
    page.goto(finder_site.page_url("coaches/?s=trail&m=in-person&near=Dorking&r=5"))
    expect(page.get_by_role("status")).to_have_text("2 coaches within 5 miles of Dorking.")
    assert names(page) == ["Dana Downs", "Bo Boxhill"]
    expect(page.get_by_role("checkbox", name="Trail running")).to_be_checked()
    expect(page.get_by_role("checkbox", name="In person")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Road running")).not_to_be_checked()
    expect(page.get_by_label("Town or village")).to_have_value("Dorking")
    expect(page.get_by_label("Within")).to_have_value("5")
    page.close()


def test_my_location_is_asked_for_only_after_a_click_and_never_put_in_the_address(
    browser: Browser, finder_site: Served
) -> None:
    context = browser.new_context(
        geolocation={"latitude": 54.43, "longitude": -2.96}, permissions=["geolocation"]
    )
    context.add_init_script(COUNT_GEOLOCATION)
    page = context.new_page()
    page.goto(finder_site.page_url("coaches/"))
    expect(page.locator("#cb-finder-form")).to_be_visible()
    page.wait_for_timeout(300)
    assert page.evaluate("window.geolocationCalls") == 0
    page.get_by_role("button", name="Use my location").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^1 coach within 25 miles of your location"))
    assert page.evaluate("window.geolocationCalls") == 1
    assert names(page) == ["Ari Ambleside"]
    assert page.locator(f"{NEAR} .cb-coach__distance").text_content() == "0.2 mi (0 km)"
    assert page.url.endswith("/coaches/")
    context.close()


def test_the_finder_works_from_the_keyboard(finder: Page) -> None:
    finder.get_by_label("Coach's name").focus()
    finder.keyboard.press("Tab")  # to the town field
    finder.keyboard.type("Guildford")
    finder.keyboard.press("Enter")
    expect(finder.get_by_role("status")).to_contain_text("within 25 miles of Guildford")
    assert names(finder)[0] == "Gil Guildford"
    finder.get_by_role("checkbox", name="Road running").focus()
    finder.keyboard.press("Space")
    expect(finder.get_by_role("status")).to_contain_text("1 coach within 25 miles of Guildford")


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """120 generated coaches: more than one page of results."""
    site: Site = minimal_site(tmp_path_factory.mktemp("crowded"))
    load_script("gen_coaches").generate(120, site.docs / "coaches", seed=3)
    site.build()
    with serve(site.out) as served:
        yield served


def test_long_result_lists_are_shown_fifty_at_a_time(browser: Browser, crowded_site: Served) -> None:
    page = browser.new_page()
    page.goto(crowded_site.page_url("coaches/"))
    assert page.locator("#cb-directory li.cb-coach").count() == 120
    for mode in ("In person", "Online", "Groups"):  # every coach coaches in at least one way
        page.get_by_role("checkbox", name=mode).check()
    expect(page.get_by_role("status")).to_have_text("120 coaches match.")
    assert page.locator(NEAR).count() == 50
    more = page.locator("#cb-results-main .cb-more")
    expect(more).to_have_text("Show 50 more (70 not shown)")
    more.click()
    assert page.locator(NEAR).count() == 100
    expect(page.locator(f"{NEAR}:nth-child(51) a")).to_be_focused()
    more.click()
    assert page.locator(NEAR).count() == 120
    expect(more).to_be_hidden()
    page.close()


def test_the_generator_makes_distinct_valid_coaches(tmp_path: Path) -> None:
    paths = load_script("gen_coaches").generate(40, tmp_path, seed=5)
    assert len({p.name for p in paths}) == 40
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert sum("coaching: [online]" in t for t in texts) >= 1
