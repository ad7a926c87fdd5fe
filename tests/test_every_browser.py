"""Readers' flows in every engine the suite has: Chromium, Firefox ESR and WebKitGTK (tests/browsers.py).

Each flow is written once against `Tab` and runs in the three (the `engine` fixture). The site is a
fixture built here with the project's own theme overrides, so what readers get is what is tested:
home, a tip, the tip index, subscribe, about, tags, the finder (town box, suggestions, keyboard,
"Near me", the map), the join form, the share block, search and dark mode. Where an engine lacks an
API (the share sheet, the clipboard, geolocation) the page must offer what it can and never throw:
those paths are tested with the API taken away.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from coachblog.places.gazetteer import Gazetteer, load_gazetteer
from coachblog.search_index import INDEX_PATH
from tests.browsers import (
    ENGINES,
    Engine,
    Tab,
    serve_for_engines,
    start_engine,
    versions,
    virtual_display,
)
from tests.content import ABROAD, ARTICLE, abroad_site, tip
from tests.helpers import REPO, Served, Site, minimal_site

pytestmark = pytest.mark.browser

FINDER_COACHES = REPO / "tests" / "coach_fixtures" / "finder"
PALETTE = [
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "toggle": {"icon": "material/weather-night", "name": "Dark"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "toggle": {"icon": "material/weather-sunny", "name": "Light"},
    },
]
PAGES = {  # what a reader opens, by kind: site-relative addresses of the fixture site
    "home": "",
    "tip": "tips/reverse-your-route/",
    "tip index": "tips/",
    "article": "articles/mojo/",
    "subscribe": "subscribe/",
    "about": "about/",
    "tags": "tags/",
    "finder": "coaches/",
    "join": "coaches/join/",
    "profile": "coaches/dana-downs/",
    "not found": "no-such-page/",
}
SETTLED = "() => document.readyState === 'complete'"


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    with virtual_display() as name:
        yield name


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """Each engine once per test session; its browsers are ended, by their processes, at the end."""
    started = start_engine(
        request.param, lambda: request.getfixturevalue("browser"), lambda: request.getfixturevalue("display")
    )
    try:
        yield started
    finally:
        started.close()


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A small site with every kind of page readers open, built with the project's theme overrides."""
    theme = {
        "name": "material",
        "font": False,
        "custom_dir": str(REPO / "overrides"),
        "palette": PALETTE,
        "features": ["navigation.tabs", "search.suggest", "search.highlight"],
    }
    config = {"theme": theme, "plugins": ["search", {"coachblog": {}}], "repo_url": "https://github.com/o/r"}
    site: Site = minimal_site(tmp_path_factory.mktemp("readers"), extra_config=config)
    site.write("index.md", "# Home\n\n<!-- coach-finder-box -->\n\n<!-- newest-tips -->\n")
    site.write("about.md", "# About\n\nWho writes here.\n")
    site.write("articles/mojo.md", ARTICLE)
    site.write("tips/reverse-your-route.md", tip("article: mojo\norder: 1\n"))
    site.write("tips/hill-reps.md", tip("article: mojo\norder: 2\n", title="Hill reps", date="2025-11-21"))
    for path in FINDER_COACHES.glob("*.yml"):
        site.write(f"coaches/{path.name}", path.read_text(encoding="utf-8"))
    site.build()
    with serve_for_engines(site.out, "/blog/") as served:
        yield served


@pytest.fixture
def tab(engine: Engine) -> Iterator[Tab]:
    with engine.tab() as opened:
        yield opened
        assert opened.errors() == [], f"{engine.name}: script errors"


def open_page(tab: Tab, site: Served, path: str) -> None:
    tab.goto(site.page_url(path))
    tab.wait(SETTLED, what="the page to load")


# ---------------------------------------------------------------- every page


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_every_kind_of_page_loads_without_a_script_error(
    engine: Engine, reader_site: Served, phone: bool
) -> None:
    found = {}
    with engine.tab(phone=phone) as opened:
        for kind, path in PAGES.items():
            before = len(opened.errors())
            open_page(opened, reader_site, path)
            opened.call("() => new Promise(done => setTimeout(done, 150))")  # scripts that run after load
            width = opened.call("() => document.documentElement.clientWidth")
            assert (width <= 390) == phone, (kind, width)
            found[kind] = opened.errors()[before:]
    assert {kind: errors for kind, errors in found.items() if errors} == {}, engine.name


def test_a_script_error_during_load_is_caught(engine: Engine, reader_site: Served, tmp_path: Path) -> None:
    """The catching itself: a page that throws while it loads is reported, in every engine."""
    broken = reader_site.root / "broken" / "index.html"
    broken.parent.mkdir(exist_ok=True)
    broken.write_text("<!doctype html><html><head><script>null.boom()</script></head><body>x</body></html>")
    with engine.tab() as opened:
        open_page(opened, reader_site, "broken/")
        opened.call("() => new Promise(done => setTimeout(done, 100))")
        assert opened.errors(), engine.name


# ---------------------------------------------------------------- the finder


def test_the_finder_finds_a_typed_town_and_sorts_by_distance(tab: Tab, reader_site: Served) -> None:
    open_page(tab, reader_site, "coaches/")
    tab.type("#cb-near", "Dorking")
    tab.press("#cb-near", "Enter")
    tab.wait_for_text("#cb-status", "within 25 miles of Dorking")
    names = tab.call(
        "() => [...document.querySelectorAll('#cb-results-main-list li a.cb-coach__name')]"
        ".map(a => a.textContent.trim())"
    )
    assert names[:3] == ["Dana Downs", "Bo Boxhill", "Gil Guildford"], tab.engine
    assert tab.call("() => location.search") == "?near=Dorking"


def test_suggestions_are_chosen_from_the_keyboard(tab: Tab, reader_site: Served) -> None:
    open_page(tab, reader_site, "coaches/")
    tab.type("#cb-near", "Dork")
    tab.wait("() => document.querySelectorAll('#cb-near-list [role=option]').length > 0", what="suggestions")
    assert tab.text("#cb-near-list [role=option]").strip() == "Dorking"
    tab.press("#cb-near", "ArrowDown")
    tab.wait(
        "() => document.getElementById('cb-near').getAttribute('aria-activedescendant')",
        what="a chosen option",
    )
    tab.press("#cb-near", "Enter")
    tab.wait_for_text("#cb-status", "of Dorking")
    assert tab.call("() => document.getElementById('cb-near').value") == "Dorking"


@pytest.mark.parametrize(
    "typed", ["st. ives", "ST IVES", "Newcastle upon tyne", "Bettws-y-coed", "  dorking  "]
)
def test_a_place_typed_loosely_finds_it_or_offers_suggestions(
    tab: Tab, reader_site: Served, typed: str
) -> None:
    open_page(tab, reader_site, "coaches/")
    tab.type("#cb-near", typed)
    tab.press("#cb-near", "Enter")
    said = tab.wait(
        "() => { const t = document.getElementById('cb-status').textContent;"
        " return /miles of|No town or village/.test(t) ? t : '' }",
        what="an answer",
    )
    if "No town or village" in said:  # then it offers the places spelt nearly so, at once
        assert "Did you mean" in said, said
        offered = tab.wait(
            "() => [...document.querySelectorAll('#cb-near-list [role=option]')].map(o => o.textContent)",
            what="suggestions",
        )
        assert any(o.lower().startswith(typed.strip().lower()[:3]) for o in offered), offered


def test_near_me_says_it_is_looking_at_once_and_offers_the_town_box_when_nothing_comes(
    tab: Tab, reader_site: Served
) -> None:
    """A location prompt nobody answers (Safari's is easy to miss): the wait counts from the click."""
    open_page(tab, reader_site, "coaches/")
    tab.call(
        """() => {
          const never = {getCurrentPosition() {}};
          Object.defineProperty(navigator, 'geolocation', {configurable: true, value: never});
          const later = window.setTimeout;
          window.setTimeout = (f, ms, ...rest) => later(f, ms >= 15000 ? 300 : ms, ...rest);
        }"""
    )
    tab.click("#cb-locate")
    assert tab.text("#cb-status") == "Finding your location..."
    tab.wait_for_text("#cb-status", "Type a town instead")
    assert tab.call("() => document.activeElement && document.activeElement.id") == "cb-near"


def test_near_me_where_the_browser_has_no_geolocation_says_so(tab: Tab, reader_site: Served) -> None:
    open_page(tab, reader_site, "coaches/")
    tab.call(
        "() => { Object.defineProperty(navigator, 'geolocation', {configurable: true, value: undefined}) }"
    )
    tab.click("#cb-locate")
    tab.wait_for_text("#cb-status", "cannot share your location")


def test_near_me_uses_the_position_the_browser_gives(tab: Tab, reader_site: Served) -> None:
    open_page(tab, reader_site, "coaches/")
    tab.call(
        """() => { Object.defineProperty(navigator, 'geolocation', {configurable: true, value: {
             getCurrentPosition(ok) {
               setTimeout(() => ok({coords: {latitude: 54.43, longitude: -2.96}}), 50) }}}) }"""
    )
    tab.click("#cb-locate")
    tab.wait_for_text("#cb-status", "1 coach within 25 miles of your location")
    assert tab.call("() => location.search") == ""  # never put in the address


def test_the_map_shows_every_placed_coach_and_follows_the_search(tab: Tab, reader_site: Served) -> None:
    open_page(tab, reader_site, "coaches/")
    tab.call("() => document.getElementById('cb-map').scrollIntoView()")
    tab.wait("() => document.querySelector('#cb-map svg.cb-map__svg[data-kx]')", what="the map")
    placed = tab.call(
        """() => [...document.querySelectorAll('#cb-map svg [data-coach-id], #cb-map svg [data-coach-ids]')]
             .reduce((n, el) => n + (el.dataset.coachId ? 1 : el.dataset.coachIds.split(' ').length), 0)"""
    )
    assert placed == 6, tab.engine  # seven coaches, one online only
    tab.type("#cb-near", "Dorking")
    tab.press("#cb-near", "Enter")
    tab.wait("() => document.querySelector('#cb-map .cb-map__place')", what="the searched town on the map")


# ---------------------------------------------------------------- the join form


def test_the_join_form_preview_follows_what_is_typed(tab: Tab, reader_site: Served) -> None:
    open_page(tab, reader_site, "coaches/join/")
    name = tab.call(
        "() => { const f = document.querySelector('#cbj-form input[name=name]'); return f && f.id }"
    )
    assert name, "the form has a name field"
    tab.type(f"#{name}", "Zoë Ångström")
    tab.wait(
        "() => (document.getElementById('cbj-preview') || document.body)"
        ".textContent.includes('Zoë Ångström')",
        what="the preview to show the name",
    )
    slug = tab.call(
        "() => { const s = document.getElementById('cbj-slug'); return s && (s.value || s.textContent) }"
    )
    assert slug and "zo" in slug, slug


# ---------------------------------------------------------------- the share block


def share_status(tab: Tab) -> str:
    return str(
        tab.call(
            "() => { const s = document.querySelector('.cb-share .cb-share__status');"
            " return s ? s.textContent : '' }"
        )
    )


def test_copy_link_says_what_happened_with_or_without_a_clipboard(tab: Tab, reader_site: Served) -> None:
    open_page(tab, reader_site, "tips/reverse-your-route/")
    tab.click(".cb-share [data-share-action=copy]")
    said = tab.wait(
        "() => { const s = document.querySelector('.cb-share .cb-share__status');"
        " return s && s.textContent }",
        what="a message",
    )
    assert said.startswith(("Link copied", "Could not copy", "Copying is not possible")), said
    tab.call(
        "() => { Object.defineProperty(navigator, 'clipboard', {configurable: true, value: undefined}) }"
    )
    tab.click(".cb-share [data-share-action=copy]")
    tab.wait(
        "() => document.querySelector('.cb-share').textContent.includes('Copying is not possible')",
        what="the fallback",
    )
    assert "/tips/reverse-your-route/" in share_status(tab)


def test_the_share_sheet_is_offered_only_where_the_browser_has_one_and_a_refusal_is_explained(
    tab: Tab, reader_site: Served
) -> None:
    open_page(tab, reader_site, "tips/reverse-your-route/")
    has_sheet = tab.call("() => typeof navigator.share === 'function'")
    offered = tab.call("() => document.documentElement.classList.contains('cb-can-share')")
    assert offered == has_sheet, tab.engine
    tab.call(
        """() => { navigator.share = () => Promise.reject(new DOMException('no', 'NotAllowedError'));
                   document.documentElement.classList.add('cb-can-share'); }"""
    )
    tab.click(".cb-share [data-share-action=native]")
    tab.wait(
        "() => document.querySelector('.cb-share').textContent.includes('Sharing did not work')",
        what="the message",
    )


# ---------------------------------------------------------------- search, dark mode, layout


def open_search(tab: Tab) -> None:
    """Material's search box, opened as its magnifier opens it, and focused."""
    tab.call(
        "() => { const t = document.getElementById('__search'); t.checked = true;"
        " t.dispatchEvent(new Event('change')) }"
    )
    tab.wait(
        "() => { const i = document.querySelector('.md-search__input');"
        " return i && i.offsetParent !== null }",
        what="the search box",
    )
    tab.click(".md-search__input")


def test_search_finds_a_tip_by_a_word_of_its_title(tab: Tab, reader_site: Served) -> None:
    open_page(tab, reader_site, "")
    open_search(tab)
    tab.type(".md-search__input", "reverse")
    tab.wait(
        "() => [...document.querySelectorAll('.md-search-result__item')]"
        ".some(li => li.textContent.includes('Reverse your route'))",
        timeout=20,
        what="a search result",
    )


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_colour_scheme_follows_the_readers_setting(
    engine: Engine, reader_site: Served, dark: bool
) -> None:
    with engine.tab(dark=dark) as opened:
        open_page(opened, reader_site, "tips/reverse-your-route/")
        assert opened.call("() => matchMedia('(prefers-color-scheme: dark)').matches") == dark, engine.name
        scheme = opened.call("() => document.body.getAttribute('data-md-color-scheme')")
        assert scheme == ("slate" if dark else "default"), engine.name
        background = opened.call("() => getComputedStyle(document.body).backgroundColor")
        channels = [
            int(c) for c in background[background.index("(") + 1 : background.index(")")].split(",")[:3]
        ]
        assert (sum(channels) / 3 < 100) == dark, background
        assert opened.errors() == []


def test_layout_shift_is_small_where_the_engine_measures_it(tab: Tab, reader_site: Served) -> None:
    open_page(tab, reader_site, "coaches/")
    measured = tab.call("() => (PerformanceObserver.supportedEntryTypes || []).includes('layout-shift')")
    if tab.engine == "chromium":
        assert measured
    if not measured:  # Firefox and WebKit do not report layout shifts (yet): this notices when they do
        assert tab.engine != "chromium"
        return
    total = tab.call(
        """() => new Promise(done => { let t = 0;
             new PerformanceObserver(l => { for (const e of l.getEntries())
             if (!e.hadRecentInput) t += e.value }).observe({type: 'layout-shift', buffered: true});
             setTimeout(() => done(t), 800) })"""
    )
    assert total < 0.1, total


def test_the_finder_is_usable_from_the_keyboard_alone(tab: Tab, reader_site: Served) -> None:
    open_page(tab, reader_site, "coaches/")
    tab.call("() => document.getElementById('cb-near').focus()")
    tab.type("#cb-near", "Dorking")
    tab.press("#cb-near", "Enter")
    tab.wait_for_text("#cb-status", "of Dorking")
    tab.press("#cb-near", "Tab")
    focused = tab.call(
        "() => document.activeElement && (document.activeElement.id || document.activeElement.tagName)"
    )
    assert focused and focused != "BODY", focused


README_NAMES = {"chromium": "Chromium", "firefox": "Firefox ESR", "webkit": "WebKitGTK"}


def test_the_readme_names_each_engine_at_the_version_the_suite_runs(engine: Engine) -> None:
    """README's "Works in" line says which engines and versions the suite ran (the major version, and
    WebKitGTK's minor one, which is how its releases are told apart)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    line = next((ln for ln in readme.splitlines() if ln.startswith("Works in")), "")
    assert line, "README.md has no 'Works in' line"
    found = re.search(r"\d+(\.\d+)+", versions().get(engine.name, ""))
    assert found, engine.name
    parts = found[0].split(".")
    number = ".".join(parts[:2]) if engine.name == "webkit" else parts[0]
    assert f"{README_NAMES[engine.name]} {number}" in line, (engine.name, found[0], line)


# ---------------------------------------------------------------- places however they are typed

# A coach in each of 16 countries, in a place whose name carries letters outside ASCII, and pages that
# name places abroad (tests/content.py's ABROAD): found from the name typed in plain letters too.


@pytest.fixture(scope="module")
def abroad(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    site = abroad_site(tmp_path_factory.mktemp("abroad"))
    site.build()
    with serve_for_engines(site.out, "/") as served:
        yield served


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_a_place_is_found_from_its_own_spelling_and_from_plain_letters(tab: Tab, abroad: Served) -> None:
    open_page(tab, abroad, "coaches/")
    missed = []
    for place, _, typed, _ in ABROAD:
        for spelling in (typed, place, typed.upper()):
            tab.type("#cb-near", spelling)
            tab.press("#cb-near", "Enter")
            said = tab.wait(
                "() => { const t = document.getElementById('cb-status').textContent;"
                " return /miles of|No town or village/.test(t) ? t : '' }",
                what=f"an answer for {spelling}",
            )
            if f"of {place}" not in said:
                missed.append((spelling, said))
            tab.type("#cb-near", "")
            tab.press("#cb-near", "Enter")
            tab.wait(
                "() => !/miles of/.test(document.getElementById('cb-status').textContent)", what="a reset"
            )
    assert missed == [], tab.engine


@pytest.mark.parametrize(("place", "typed"), [(p, t) for p, _, t, _ in ABROAD[:4]])
def test_a_shared_address_names_a_place_in_plain_letters(
    tab: Tab, abroad: Served, place: str, typed: str
) -> None:
    """`?near=Lodz`, as someone types it into a link, restores the search for Łódź."""
    open_page(tab, abroad, f"coaches/?near={typed}")
    tab.wait_for_text("#cb-status", f"of {place}")


# Searches for ABROAD's places and names in plain letters and as they are spelt: (typed, the page it
# must find, what its result shows of the page's own spelling).
SEARCHES = [
    ("Lodz", "coaches/coach-0/", "Łódź"),
    ("Łódź", "coaches/coach-0/", "Łódź"),
    ("Krakow", "tips/race-weekend-in-krakow/", "Kraków"),
    ("Kraków", "tips/race-weekend-in-krakow/", "Kraków"),
    ("Tromso", "travel/", "Tromsø"),
    ("aeroskobing", "travel/", "Ærøskøbing"),
    ("GUIMARAES", "coaches/coach-12/", "Guimarães"),
    ("Gudmundsdottir", "coaches/coach-6/", "Guðmundsdóttir"),
]
RESULT_FOR = """(path) => {
  const link = [...document.querySelectorAll('.md-search-result__item a.md-search-result__link')]
    .find(a => new URL(a.href).pathname === path);
  const article = link && link.querySelector('article');
  return article ? {shown: article.textContent} : null }"""


def test_site_search_finds_a_place_typed_in_plain_letters_and_shows_its_own_spelling(
    tab: Tab, abroad: Served
) -> None:
    docs = json.loads((abroad.root / INDEX_PATH).read_text(encoding="utf-8"))["docs"]
    folded = {
        d["location"]: {w for k, v in d.items() if k.startswith("folded_") for w in v.split()} for d in docs
    }
    open_page(tab, abroad, "")
    open_search(tab)
    for typed, path, spelling in SEARCHES:
        tab.type(".md-search__input", typed)
        result = tab.wait(
            RESULT_FOR, urlsplit(abroad.page_url(path)).path, timeout=20, what=f"{path} found by {typed!r}"
        )
        shown = result["shown"]
        assert spelling in shown, (tab.engine, typed, shown)
        # The folded words are for finding only: none of them is shown, unless the page has it too.
        words = set(re.findall(r"\w+", shown.lower()))
        assert folded[path] and words & folded[path] == set(), (tab.engine, typed, shown)
        assert "folded" not in shown and "Missing" not in shown, (tab.engine, typed, shown)


# ---------------------------------------------------------------- the join form's place field

JOIN_PLACE = """(country, typed) => {
  const select = document.getElementById('cbj-f-country');
  if (select.value !== country) {
    select.value = country;
    select.dispatchEvent(new Event('change', {bubbles: true}));
  }
  document.getElementById('cbj-summary').hidden = true;
}"""
CHECKED = """() => {
  const summary = document.getElementById('cbj-summary');
  const error = document.getElementById('cbj-f-place-error');
  return summary.hidden ? null : {error: error.hidden ? '' : error.textContent.trim(),
    offered: [...document.querySelectorAll('#cbj-place-list option')].map(o => o.value)} }"""


def join_verdict(tab: Tab, country: str, typed: str) -> dict[str, Any]:
    """What the join page says of `typed` as a place in `country` once "Write my entry" is pressed:
    {error: the place's problem or '', offered: the places it suggests}."""
    tab.call(JOIN_PLACE, country, typed)
    tab.type("#cbj-f-place", typed)
    tab.click("#cbj-submit")  # other fields are empty, so the summary of problems always shows
    verdict: dict[str, Any] = tab.wait(CHECKED, what=f"the check of {typed!r}")
    return verdict


def test_the_join_form_takes_a_place_typed_in_plain_letters_as_the_check_does(
    tab: Tab, abroad: Served, gazetteer: Gazetteer
) -> None:
    open_page(tab, abroad, "coaches/join/")
    wrong = []
    for place, country, typed, _ in ABROAD:
        found = gazetteer.lookup(typed, country).place
        assert found is not None and found.name == place, typed  # the Python check finds it
        label = gazetteer.label(found)
        verdict = join_verdict(tab, country, typed)
        offered = tab.wait(
            "(label) => [...document.querySelectorAll('#cbj-place-list option')]"
            ".some(o => o.value === label)",
            label,
            what=f"{label} offered for {typed!r}",
        )
        if verdict["error"] or not offered:
            wrong.append((typed, verdict))
    assert wrong == [], tab.engine


@pytest.mark.parametrize(
    "typed",
    ["st. ives", "ST IVES", "Newcastle upon tyne", "newcastle-upon-tyne", "Bettws-y-coed", "  dorking  "],
)
def test_the_join_form_takes_a_place_typed_loosely_as_the_check_does_and_never_throws(
    tab: Tab, reader_site: Served, gazetteer: Gazetteer, typed: str
) -> None:
    open_page(tab, reader_site, "coaches/join/")
    verdict = join_verdict(tab, "GB", typed)
    found = gazetteer.lookup(typed, "GB")
    if found.place is not None:
        assert verdict["error"] == "", (tab.engine, verdict)
    else:  # refused as the check refuses it, naming a place meant where it finds one close
        assert "is not a town or village we know" in verdict["error"], (tab.engine, verdict)
        if found.ambiguous:
            assert any(gazetteer.label(p) in verdict["error"] for p in found.candidates), verdict
