"""The one folding rule (coachblog/text.py): real place names typed with and without their letters find
the same place in Python, the check script and the finder; ascii-fold.js folds as text.py does."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from coachblog.coaches import finder_data, join
from coachblog.fold_script import REPO_PATH, fold_script
from coachblog.places.gazetteer import load_gazetteer
from coachblog.text import (
    LETTERS,
    ascii_fold,
    ascii_text,
    ascii_words,
    fold,
    plain_letters,
    search_key,
    slugify,
)
from tests.content import coach, run, site_folder
from tests.helpers import REPO, Served, minimal_site, serve

# (GeoNames' name, country, the name as typed on a keyboard without its letters): 30 countries.
PLACES = [
    ("Łódź", "PL", "Lodz"),
    ("Kraków", "PL", "Krakow"),
    ("Wrocław", "PL", "Wroclaw"),
    ("Białystok", "PL", "Bialystok"),
    ("Tromsø", "NO", "Tromso"),
    ("Brønnøysund", "NO", "Bronnoysund"),
    ("Ålesund", "NO", "Alesund"),
    ("Ærøskøbing", "DK", "Aeroskobing"),
    ("Næstved", "DK", "Naestved"),
    ("Malmö", "SE", "Malmo"),
    ("Västerås", "SE", "Vasteras"),
    ("Gießen", "DE", "Giessen"),
    ("Weißenfels", "DE", "Weissenfels"),
    ("Düsseldorf", "DE", "Dusseldorf"),
    ("Weißkirchen in Steiermark", "AT", "Weisskirchen in Steiermark"),
    ("Wörgl", "AT", "Worgl"),
    ("Þorlákshöfn", "IS", "Thorlakshofn"),
    ("Hafnarfjörður", "IS", "Hafnarfjordur"),
    ("Tórshavn", "FO", "Torshavn"),
    ("Đurđevac", "HR", "Durdevac"),
    ("Međugorje", "BA", "Medugorje"),
    ("Čačak", "RS", "Cacak"),
    ("Iğdır", "TR", "Igdir"),
    ("Diyarbakır", "TR", "Diyarbakir"),
    ("Əhmədbəyli", "AZ", "Ehmedbeyli"),
    ("Xgħajra", "MT", "Xghajra"),
    ("Ħamrun", "MT", "Hamrun"),
    ("Œuilly", "FR", "Oeuilly"),
    ("Saint-Étienne", "FR", "saint etienne"),
    ("Vandœuvres", "CH", "Vandoeuvres"),
    ("A Coruña", "ES", "A Coruna"),
    ("Guimarães", "PT", "Guimaraes"),
    ("São Paulo", "BR", "Sao Paulo"),
    ("Timișoara", "RO", "Timisoara"),
    ("České Budějovice", "CZ", "Ceske Budejovice"),
    ("Győr", "HU", "Gyor"),
    ("Jyväskylä", "FI", "Jyvaskyla"),
    ("Šiauliai", "LT", "Siauliai"),
    ("Liepāja", "LV", "Liepaja"),
    ("Pärnu", "EE", "Parnu"),
    ("Dún Laoghaire", "IE", "Dun Laoghaire"),
    ("Haʻikū", "US", "Haiku"),
    ("Mazatlán", "MX", "Mazatlan"),
    ("Ōita", "JP", "Oita"),
]
# Names in other scripts, and text that is awkward to fold: kept letters, marks, ligatures, odd spacing.
TRICKY = [
    "Москва",
    "Київ",
    "Αθήνα",
    "ΟΔΟΣ ΣΤΑΘΜΟΣ",
    "القاهرة",
    "תל אביב",
    "नई दिल्ली",
    "北京市",
    "İstanbul",
    "Şanlıurfa",
    "Đà Nẵng",
    "ﬁnland ²",
    "STRAẞE",
    "Straße",
    "Zoë O’Brien",
    "Alex O'Brien",
    "Ra’s al Khaymah",
    "Muzayri‘",
    "St. Ives, Cornwall",
    "Saint Ives",
    "  newcastle   UPON tyne ",
    "Bettws-y-coed",
    "Sainte-Anne's, Île",
    "Llívia · Ŀ",
    "Neufchâtel-Est–Lebourgneuf",
    "Dún Laoghaire-1",
    "",
]
CORPUS = [name for name, _, _ in PLACES] + [typed for _, _, typed in PLACES] + TRICKY


def test_the_corpus_covers_many_countries() -> None:
    assert len({country for _, country, _ in PLACES}) >= 15


@pytest.mark.parametrize(("name", "country", "typed"), PLACES, ids=[p[0] for p in PLACES])
def test_a_place_name_folds_to_what_people_type(name: str, country: str, typed: str) -> None:
    assert search_key(name) == search_key(typed)
    assert slugify(name) == slugify(typed)
    assert "".join(ascii_words(name)) == "".join(ascii_words(typed))  # an apostrophe splits words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("STRAẞE", "strasse"),
        ("Ærøskøbing", "aeroskobing"),
        ("Þingvellir", "thingvellir"),
        ("Œuvre", "oeuvre"),
        ("Diyarbakır", "diyarbakir"),
        ("Москва", ""),
    ],
)
def test_ascii_fold_spells_out_letters_nfkd_cannot_split(text: str, folded: str) -> None:
    assert ascii_fold(text) == folded


def test_letters_nfkd_cannot_split_are_in_the_table_and_agree_in_case() -> None:
    for letter, spelled in LETTERS.items():
        assert unicodedata.normalize("NFKD", letter) == letter, f"{letter} splits: it needs no entry"
        assert spelled.isascii() and spelled.isalpha(), letter
        if letter.lower() != letter and letter.lower() in LETTERS:
            assert spelled.lower() == LETTERS[letter.lower()], letter
    # Every letter of Latin-1 and Latin Extended-A has an ASCII form.
    latin = [chr(c) for c in range(0xC0, 0x180) if unicodedata.category(chr(c)).startswith("L")]
    assert [c for c in latin if not ascii_fold(c)] == []


def test_other_scripts_are_kept_to_compare_and_dropped_from_slugs() -> None:
    assert search_key("Москва") == "москва"
    assert search_key("Αθήνα") == "αθηνα"
    assert search_key("北京市") == "北京市"
    assert fold("ΟΔΟΣ") == "οδος"
    assert slugify("Москва") == "" and ascii_words("Москва") == []


def test_the_compare_form_keeps_the_finders_rules() -> None:
    assert search_key("St. Ives, Cornwall") == search_key("Saint Ives, cornwall") == "st ives, cornwall"
    assert search_key("  newcastle   UPON tyne ") == "newcastle upon tyne"
    assert search_key("Sainte-Anne's, Île") == "sainte annes, ile"
    assert search_key("Ra’s al Khaymah") == search_key("Ra's al Khaymah") == "ras al khaymah"
    assert finder_data.fold("Łódź") == search_key("Łódź") == "lodz"


def test_slugs_and_words_build_on_the_fold() -> None:
    assert slugify("Alex O'Brien") == slugify("Alex O’Brien") == "alex-obrien"
    assert slugify("Zoë Łukasiewicz-Æsir") == "zoe-lukasiewicz-aesir"
    assert slugify("Weißenfels") == "weissenfels"
    assert ascii_words("Dún Laoghaire-1") == ["dun", "laoghaire", "1"]
    assert ascii_words("Łódź Kaliska 2") == ["lodz", "kaliska", "2"]
    assert ascii_text("Łódź Runners") == "Lodz Runners"


@pytest.mark.parametrize(("name", "country", "typed"), PLACES, ids=[p[0] for p in PLACES])
def test_the_gazetteer_finds_a_place_however_it_is_typed(name: str, country: str, typed: str) -> None:
    gazetteer = load_gazetteer()
    found = gazetteer.lookup(name, country).place
    assert found is not None and search_key(found.name) == search_key(name)  # ş or ș: both are s
    for text in (typed, typed.upper(), f"  {typed.lower()} "):
        assert gazetteer.lookup(text, country).place == found, text


def test_the_gazetteer_finds_a_place_by_another_name_it_goes_by() -> None:
    found = load_gazetteer().lookup("Cracow", "PL").place
    assert found is not None and found.name == "Kraków"


@pytest.mark.parametrize(
    ("typed", "offered"),
    [("st. ives", "St Ives"), ("Bettws-y-coed", "Betws-y-Coed"), ("newcastle upon TYNE", None)],
)
def test_odd_spacing_case_and_marks_find_the_place_or_suggestions(typed: str, offered: str | None) -> None:
    found = load_gazetteer().lookup(typed, "GB")
    if offered is None:
        assert found.place is not None and found.place.name == "Newcastle upon Tyne"
    else:
        assert any(p.name.startswith(offered) for p in found.candidates), found


def test_the_check_accepts_a_place_typed_without_its_letters(tmp_path: Path) -> None:
    root = site_folder(tmp_path)
    (root / "docs/coaches/alex-example.yml").write_text(coach(place="Krakow", country="PL"), encoding="utf-8")
    (root / "docs/coaches/lee-lodz.yml").write_text(
        coach(name="Lee Lodz", place="lodz", country="PL", email="lee@example.org", website=""),
        encoding="utf-8",
    )
    result = run("check_coaches.py", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "4 coach files checked: all good."


def test_the_script_is_what_the_generator_writes() -> None:
    assert (REPO / REPO_PATH).read_text(encoding="utf-8") == fold_script()
    check = [sys.executable, str(REPO / "scripts/ascii_fold_js.py"), "--check"]
    assert subprocess.run(check, capture_output=True, check=False).returncode == 0


# ---------------------------------------------------------------- the browser's copy

COACHES = {
    "lee-lodz.yml": "name: Lee Łukasz\nplace: Łódź\ncountry: PL\nspecialties: [road]\n",
    "tove-tromso.yml": "name: Tove Ærø\nplace: Tromsø\ncountry: NO\nspecialties: [trail]\n",
}


@pytest.fixture(scope="module")
def fold_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Two coaches in places whose names carry letters NFKD cannot split, served."""
    site = minimal_site(tmp_path_factory.mktemp("fold"))
    for name, text in COACHES.items():
        extra = "coaching: [in-person]\nemail: x@example.org\nbio: Made up.\njoined: 2025-10-04\n"
        site.write(f"coaches/{name}", text + extra.replace("x@", f"{name[:3]}@"))
    site.build()
    with serve(site.out) as served:
        yield served


@pytest.fixture
def finder(browser: Browser, fold_site: Served) -> Iterator[Page]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(fold_site.page_url("coaches/"))
    yield page
    page.close()
    assert errors == []


def test_the_browser_folds_as_python_does(finder: Page, fold_site: Served) -> None:
    places = json.loads((fold_site.root / "coaches/places.json").read_text(encoding="utf-8"))["places"]
    texts = CORPUS + [str(row[0]) for row in places]
    script = "texts => texts.map(t => { const f = window.coachblogFold; "
    script += "return [f.plain(t), f.fold(t), f.ascii(t), f.key(t), f.slug(t)]; })"
    expected = [[plain_letters(t), fold(t), ascii_fold(t), search_key(t), slugify(t)] for t in texts]
    assert finder.evaluate(script, texts) == expected
    assert len(texts) > 1000, "the countries' place names are in the corpus too"


@pytest.mark.parametrize(("typed", "place"), [("Lodz", "Łódź"), ("TROMSO", "Tromsø")])
def test_the_finder_finds_a_coach_from_the_ascii_spelling(finder: Page, typed: str, place: str) -> None:
    town = finder.get_by_label("Town or village")
    town.press_sequentially(typed, delay=30)
    expect(finder.locator("#cb-near-list").get_by_role("option", name=place, exact=True)).to_be_visible()
    town.press("Enter")
    expect(finder.get_by_role("status")).to_have_text(re.compile(rf"^1 coach within 25 miles of {place}"))


def test_the_join_page_knows_a_place_typed_without_its_letters(browser: Browser, fold_site: Served) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(fold_site.page_url("coaches/join/"))
    sources = page.eval_on_selector_all("script[src]", "s => s.map(e => e.getAttribute('src'))")
    names = [s.rsplit("/", 1)[-1] for s in sources]
    assert names.index("ascii-fold.js") < names.index("coach-join.js")
    place, error = f"#{join.FIELD_ID}place", f"#{join.FIELD_ID}place-error"
    page.select_option(f"#{join.FIELD_ID}country", "PL")
    page.locator(place).press_sequentially("Lod", delay=30)
    expect(page.locator("#cbj-place-list option[value='Łódź']")).to_have_count(1)
    page.fill(place, "Lodzz")
    page.get_by_role("button", name="Write my entry").click()
    expect(page.locator(error)).to_contain_text("Did you mean Łódź")
    page.fill(place, "LODZ")
    page.get_by_role("button", name="Write my entry").click()
    expect(page.locator(error)).to_be_hidden()
    page.close()
    assert errors == []
