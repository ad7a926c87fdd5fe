"""The coach finder in headless Chromium: filters, town search, distance, geolocation, the address, no JS."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path
from types import ModuleType

import pytest
from playwright.sync_api import Browser, Page, expect

from coachblog.coaches import finder_data
from coachblog.text import slugify
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


def open_filters(page: Page) -> None:
    """Open the "Filters" disclosure (closed when the page loads) if it is not open yet."""
    if page.locator("#cb-filters").get_attribute("open") is None:
        page.locator("#cb-filters summary").click()


def list_pages(page: Page, start: str) -> dict[str, list[str]]:
    """Every no-JavaScript list page reached from the finder at `start`: its address -> coach names.
    A country page that only links to its regions is followed to them."""
    page.goto(start)
    todo = page.eval_on_selector_all("#cb-directory a", "links => links.map(a => a.href)")
    found: dict[str, list[str]] = {}
    while todo:
        url = todo.pop(0)
        if url in found:
            continue
        page.goto(url)
        found[url] = page.locator("li.cb-coach a.cb-coach__name").all_text_contents()
        todo += page.eval_on_selector_all(".cb-list__parts a", "links => links.map(a => a.href)")
    return found


def test_without_javascript_every_coach_is_on_one_list_page_linked_from_the_finder(
    browser: Browser, finder_site: Served
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(finder_site.page_url("coaches/"))
    expect(page.locator("#cb-finder-form")).to_be_hidden()
    expect(page.locator("#cb-results-main .cb-more")).to_be_hidden()
    expect(page.get_by_role("status")).to_have_text("7 coaches, by name.")
    pages = list_pages(page, finder_site.page_url("coaches/"))
    listed = [name for names in pages.values() for name in names]
    assert sorted(listed) == sorted(
        [
            "Ari Ambleside",
            "Bea Belfast",
            "Bo Boxhill",
            "Cai Online",
            "Dana Downs",
            "Eddie Edinburgh",
            "Gil Guildford",
        ]
    ), "each coach on exactly one page"
    online = [url for url in pages if url.endswith("/places/online/")]
    assert len(online) == 1 and pages[online[0]] == ["Cai Online"]
    page.goto(finder_site.page_url("coaches/places/united-kingdom/"))
    assert page.locator("h2").all_text_contents()[:3] == ["England", "Northern Ireland", "Scotland"]
    page.locator("li.cb-coach a", has_text="Dana Downs").click()
    expect(page.locator("h1")).to_have_text("Dana Downs")
    context.close()


def test_nothing_is_fetched_until_the_form_is_used_then_only_the_places_typed(
    browser: Browser, finder_site: Served
) -> None:
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(finder_site.page_url("coaches/"))
    expect(page.locator("#cb-finder-form")).to_be_visible()
    page.wait_for_timeout(300)
    # The map (finder/map.svg) loads when scrolled near, which on a short page is at once; no data.
    assert not [url for url in asked if ("/finder/" in url or url.endswith(".json")) and "map.svg" not in url]
    asked.clear()
    page.get_by_label("Town or village").focus()
    with page.expect_response(re.compile(r"/finder/coaches\.json$")):
        page.get_by_label("Town or village").press_sequentially("Do", delay=30)
    data = [url.rsplit("/", 1)[-1] for url in asked if "/finder/" in url]
    assert data == ["places-do.json", "coaches.json"], "suggestions first, then the coaches' data"
    assert not [url for url in asked if url.endswith("/places.json")], "not the join page's whole list"
    page.close()


def test_specialty_and_way_of_coaching_filter_and_go_in_the_address(finder: Page) -> None:
    open_filters(finder)
    finder.get_by_role("checkbox", name="Fell and mountain running").check()
    expect(finder.get_by_role("status")).to_have_text("2 coaches match.")
    assert sorted(names(finder)) == ["Ari Ambleside", "Bo Boxhill"]
    finder.get_by_role("checkbox", name="Online").check()
    expect(finder.get_by_role("status")).to_have_text("1 coach matches.")
    assert names(finder) == ["Ari Ambleside"]
    expect(finder.locator("#cb-filters summary")).to_have_text("Filters (2 chosen)")
    assert finder.url.endswith("/coaches/?s=fell&m=online")
    finder.get_by_role("button", name="Clear all").click()
    expect(finder.get_by_role("status")).to_have_text("7 coaches, by name.")
    assert len(names(finder)) == 7
    assert finder.url.endswith("/coaches/")


def test_name_search_waits_for_typing_to_pause(finder: Page) -> None:
    open_filters(finder)
    finder.get_by_label("Coach's name").press_sequentially("DANA d", delay=20)
    expect(finder.get_by_role("status")).to_have_text("1 coach matches.")
    assert names(finder) == ["Dana Downs"]
    assert finder.url.endswith("?q=DANA+d")


def test_a_town_is_suggested_then_coaches_are_sorted_by_distance(finder: Page) -> None:
    town = finder.get_by_label("Town or village")
    town.press_sequentially("Dork", delay=30)
    expect(finder.locator("#cb-near-list").get_by_role("option").first).to_have_text("Dorking")
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


def test_arrow_keys_choose_a_suggestion_and_enter_uses_it(finder: Page) -> None:
    town = finder.get_by_label("Town or village")
    town.press_sequentially("Gu", delay=30)
    options = finder.locator("#cb-near-list").get_by_role("option")
    expect(options.first).to_be_visible()
    expect(town).to_have_attribute("aria-expanded", "true")
    assert town.get_attribute("aria-activedescendant") is None
    labels = options.all_text_contents()
    assert len(labels) >= 2 and all(label.lower().startswith("gu") for label in labels)
    town.press("ArrowDown")
    town.press("ArrowDown")
    expect(town).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id") or "")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    town.press("ArrowUp")
    expect(town).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id") or "")
    town.press("Enter")
    expect(town).to_have_value(labels[0])
    expect(town).to_have_attribute("aria-expanded", "false")
    expect(finder.get_by_role("status")).to_contain_text(f"of {labels[0]}")
    town.press_sequentially(" x", delay=30)
    town.press("Escape")
    expect(finder.locator("#cb-near-list")).to_be_hidden()


def test_the_radius_narrows_or_widens_the_search(finder: Page) -> None:
    finder.get_by_label("Town or village").fill("Dorking")
    finder.get_by_label("Town or village").press("Enter")
    finder.get_by_label("within").select_option("5")
    expect(finder.get_by_role("status")).to_have_text(re.compile(r"^2 coaches within 5 miles of Dorking"))
    assert names(finder) == ["Dana Downs", "Bo Boxhill"]
    assert finder.url.endswith("?near=Dorking&r=5")
    finder.get_by_label("within").select_option("0")
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
    open_filters(page)
    expect(page.get_by_role("checkbox", name="Trail running")).to_be_checked()
    expect(page.get_by_role("checkbox", name="In person")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Road running")).not_to_be_checked()
    expect(page.get_by_label("Town or village")).to_have_value("Dorking")
    expect(page.get_by_label("within")).to_have_value("5")
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
    page.get_by_role("button", name="Near me").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^1 coach within 25 miles of your location"))
    assert page.evaluate("window.geolocationCalls") == 1
    assert names(page) == ["Ari Ambleside"]
    assert page.locator(f"{NEAR} .cb-coach__distance").text_content() == "0.2 mi (0 km)"
    assert page.url.endswith("/coaches/")
    context.close()


# Counts every change of the live region and every results event, from before the page's scripts run.
WATCH = """
window.announced = [];
window.results = [];
document.addEventListener("coachfinder:results", event => window.results.push(event.detail));
document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("cb-status");
  new MutationObserver(records => window.announced.push(status.textContent))
    .observe(status, {childList: true, characterData: true, subtree: true});
});
"""


def test_each_change_is_announced_once_and_told_to_the_map(browser: Browser, finder_site: Served) -> None:
    page = browser.new_page()
    page.add_init_script(WATCH)
    page.goto(finder_site.page_url("coaches/"))
    page.wait_for_load_state("load")
    first = page.evaluate("window.results")
    assert page.evaluate("window.announced") == [], "nothing is said as the page starts"
    assert [r["ids"] for r in first] == [
        page.locator(NEAR).evaluate_all("els => els.map(e => e.dataset.coachId)")
    ]
    assert first[0]["place"] is None and first[0]["radiusKm"] is None
    town = page.get_by_label("Town or village")
    town.press_sequentially("Dorking", delay=20)
    town.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("within 25 miles of Dorking")
    page.wait_for_timeout(400)
    town.blur()  # leaving the box is not a second search
    page.wait_for_timeout(400)
    assert page.evaluate("window.announced") == [page.get_by_role("status").text_content()]
    told = page.evaluate("window.results")[-1]
    assert told["ids"] == ["dana-downs", "bo-boxhill", "gil-guildford", "ari-ambleside", "cai-online"]
    assert told["place"]["name"] == "Dorking" and abs(told["place"]["lat"] - 51.23) < 0.05
    assert abs(told["radiusKm"] - 25 * 1.609344) < 1e-6
    open_filters(page)
    page.get_by_role("checkbox", name="Road running").check()
    expect(page.get_by_role("status")).to_contain_text("1 coach within 25 miles of Dorking")
    page.wait_for_timeout(400)
    assert len(page.evaluate("window.announced")) == 2
    assert page.evaluate("window.results")[-1]["ids"] == ["gil-guildford"]
    page.close()


def test_the_finder_works_from_the_keyboard(finder: Page) -> None:
    finder.get_by_label("Town or village").focus()
    finder.keyboard.type("Guildford")
    finder.keyboard.press("Enter")
    expect(finder.get_by_role("status")).to_contain_text("within 25 miles of Guildford")
    assert names(finder)[0] == "Gil Guildford"
    finder.locator("#cb-filters summary").focus()
    finder.keyboard.press("Enter")
    finder.get_by_role("checkbox", name="Road running").focus()
    finder.keyboard.press("Space")
    expect(finder.get_by_role("status")).to_contain_text("1 coach within 25 miles of Guildford")


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """120 generated coaches (more than one page of results), and two whose address is not simply
    their name: one with accents and an apostrophe, one whose file has another name."""
    site: Site = minimal_site(tmp_path_factory.mktemp("crowded"))
    load_script("gen_coaches").generate(120, site.docs / "coaches", seed=3)
    dana = (FIXTURES / "dana-downs.yml").read_text(encoding="utf-8")
    site.write("coaches/zoe-obrien.yml", dana.replace("Dana Downs", "Zoë O’Brien"))
    site.write(
        "coaches/runs-with-odon.yml", dana.replace("Dana Downs", "Ödön Ünal").replace("dana@", "odon@")
    )
    site.build()
    with serve(site.out) as served:
        yield served


def test_the_page_lists_a_first_batch_and_the_script_shows_more(
    browser: Browser, crowded_site: Served
) -> None:
    page = browser.new_page()
    page.goto(crowded_site.page_url("coaches/"))
    assert page.locator(NEAR).count() == 25
    more = page.locator("#cb-results-main .cb-more")
    expect(more).to_have_text("Show 25 more (97 not shown)")
    first = names(page)
    more.click()
    expect(page.locator(NEAR)).to_have_count(50)
    assert names(page)[:25] == first and names(page) == sorted(names(page), key=str.lower)
    expect(page.locator(f"{NEAR}:nth-child(26) a")).to_be_focused()
    open_filters(page)
    for mode in ("In person", "Online", "Groups"):  # every coach coaches in at least one way
        page.get_by_role("checkbox", name=mode).check()
    expect(page.get_by_role("status")).to_have_text("122 coaches match.")
    assert page.locator(NEAR).count() == 25
    for shown in (50, 75, 100, 122):
        more.click()
        expect(page.locator(NEAR)).to_have_count(shown)
    expect(more).to_be_hidden()
    page.close()


def test_every_link_the_script_writes_leads_to_the_coach(browser: Browser, crowded_site: Served) -> None:
    page = browser.new_page()
    page.goto(crowded_site.page_url("coaches/?m=in-person&m=online&m=groups"))
    expect(page.get_by_role("status")).to_have_text("122 coaches match.")
    for _ in range(4):
        page.locator("#cb-results-main .cb-more").click()
    shown = page.locator(f"{NEAR} a").evaluate_all(
        "links => links.map(a => [a.textContent, new URL(a.href).pathname, a.closest('li').dataset.coachId])"
    )
    assert len(shown) == 122
    for name, path, coach_id in shown:
        profile = crowded_site.root / path.lstrip("/") / "index.html"
        assert f"<h1>{escape(name, quote=False)}</h1>" in profile.read_text(encoding="utf-8"), (name, path)
        assert path.endswith(f"/{coach_id}/")
    assert {"/coaches/zoe-obrien/", "/coaches/runs-with-odon/"} <= {path for _, path, _ in shown}
    page.close()


def test_the_generator_makes_distinct_valid_coaches(tmp_path: Path) -> None:
    paths = load_script("gen_coaches").generate(40, tmp_path, seed=5)
    assert len({p.name for p in paths}) == 40
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert sum("coaching: [online]" in t for t in texts) >= 1


def script_function(name: str) -> str:
    """The source of one small function of coach-finder.js, to run it on its own."""
    script = (REPO / "plugins/coachblog/assets/coach-finder.js").read_text(encoding="utf-8")
    found = re.search(rf"^  function {name}\(.*?^  }}$", script, re.MULTILINE | re.DOTALL)
    assert found, name
    return found.group(0)


def test_the_script_folds_names_and_makes_addresses_as_the_build_does(
    finder: Page, finder_site: Served
) -> None:
    places = json.loads((finder_site.root / "coaches/places.json").read_text(encoding="utf-8"))["places"]
    labels = [str(row[0]) for row in places] + [
        "Saint-Étienne",
        "Zoë O’Brien",
        "Łódź",
        "Ōita",
        "St. Ives, Cornwall",
    ]
    script = f"labels => {{ {script_function('fold')}; {script_function('slugify')}; "
    script += "return labels.map(label => [fold(label), slugify(label)]); }"
    assert finder.evaluate(script, labels) == [[finder_data.fold(label), slugify(label)] for label in labels]


def test_the_map_loads_when_scrolled_to_shows_every_placed_coach_and_follows_the_filters(
    finder: Page,
) -> None:
    finder.locator("#cb-map").scroll_into_view_if_needed()
    markers = finder.locator("#cb-map svg [data-coach-id]")
    groups = finder.locator("#cb-map svg [data-coach-ids]")
    expect(finder.locator("#cb-map svg.cb-map__svg[data-kx]")).to_be_visible()
    placed = markers.count() + sum(
        len((groups.nth(i).get_attribute("data-coach-ids") or "").split()) for i in range(groups.count())
    )
    assert placed == 6  # seven coaches, one online only: not on the map
    for i in range(markers.count()):  # each marker is a named link to a profile of the site
        href = markers.nth(i).get_attribute("href") or ""
        assert href.endswith("/") and not href.startswith(("http", "/")), href
        assert markers.nth(i).get_attribute("aria-label")
    open_filters(finder)
    finder.get_by_role("checkbox", name="Fell and mountain running").check()
    expect(finder.get_by_role("status")).to_have_text("2 coaches match.")
    results = set(
        finder.evaluate(
            "() => [...document.querySelectorAll('#cb-results-main-list li')].map(li => li.dataset.coachId)"
        )
    )
    drawn = finder.evaluate(
        """() => [...document.querySelectorAll('#cb-map svg [data-coach-id], #cb-map svg [data-coach-ids]')]
            .map(el => [(el.dataset.coachId || el.dataset.coachIds).split(' '),
                        el.getAttribute('display') !== 'none',
                        el.querySelector('text') ? Number(el.querySelector('text').textContent) : 1])"""
    )
    on_map = set()
    for ids, visible, number in drawn:
        kept = results & set(ids)
        assert visible == bool(kept), ids
        assert not visible or number == len(kept), (ids, number)  # a group counts only those shown
        on_map |= kept
    assert on_map == results
