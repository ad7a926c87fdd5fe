"""The join page at /coaches/join/: a form made from the coach schema writes a coach file that passes the
check, hands it to GitHub, and starts from an existing entry; profiles link to GitHub's edit and delete
pages. Browser tests drive headless Chromium; the files the page writes are read back with PyYAML and
with scripts/check_coaches.py unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import axe_playwright_python
import mkdocs
import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from playwright.sync_api import Browser, Page, expect

from coachblog.coaches import join, schema
from coachblog.coaches.fields import CoachSource, Folder, parse_coach
from coachblog.coaches.reading import read_coach_text
from coachblog.text import SLUG_PATTERN
from coachblog.yaml_lines import YamlDocument
from tests.content import GOOD, coach, run, site_folder
from tests.helpers import REPO, BuildFailed, Served, Site, by_class, hrefs, minimal_site, parse, serve, texts

FIXTURES = REPO / "tests" / "coach_fixtures" / "finder"
REPO_URL = "https://github.com/example-org/run-tips"
BRANCH = "coach-entries"
GITHUB = f"https://github.com/example-org/run-tips/new/{BRANCH}/docs/coaches"
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# A coach with every kind of field the finder fixtures leave out: social profiles, qualifications, github.
SOL = """\
name: Sol Socials
place: Guildford
country: GB
specialties: [road, strength]
coaching: [in-person, online]
qualifications: [England Athletics Coach in Running Fitness, UKA Leader in Running Fitness]
website: https://example.org/sol
bio: |-
  Road and strength coach.

  Online plans too.
social: {instagram: "@solruns", mastodon: "@sol@mastodon.social", strava: https://www.strava.com/athletes/123}
joined: 2025-09-01
github: sol-socials
"""
KIM = {
    "name": "Kim Keys",
    "place": "Dorking",
    "specialties": ["beginners", "trail"],
    "coaching": ["in-person", "online"],
    "email": "kim@example.org",
    "bio": "I coach trail runners on the North Downs.\n\nBeginners welcome.",
}


# ---------------------------------------------------------------- sites


def repo_theme(dest: Path) -> dict[str, Any]:
    """The project's own theme settings (palette, contrast overrides), copied into the site at `dest`."""

    class Loader(yaml.SafeLoader):
        """mkdocs.yml's !ENV tags read as nothing."""

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    shutil.copytree(REPO / "overrides", dest / "overrides")
    theme: dict[str, Any] = config["theme"]
    return theme


def coach_site(dest: Path, **extra: Any) -> Site:
    """The finder fixtures and Sol, in a site that looks like the project's own, with its search, built."""
    plugins = ["search", {"coachblog": {"edit_branch": BRANCH}}]
    site = minimal_site(dest, extra_config={"theme": repo_theme(dest), "plugins": plugins, **extra})
    for path in FIXTURES.glob("*.yml"):
        site.write(f"coaches/{path.name}", path.read_text(encoding="utf-8"))
    site.write("coaches/sol-socials.yml", SOL)
    site.build()
    assert site.warnings == []
    return site


@pytest.fixture(scope="module")
def gh_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A site whose repo_url is a GitHub repository, proposing to a branch of its own."""
    return coach_site(tmp_path_factory.mktemp("join-github"), repo_url=REPO_URL)


@pytest.fixture(scope="module")
def gh_served(gh_site: Site) -> Iterator[Served]:
    with serve(gh_site.out) as served:
        yield served


@pytest.fixture(scope="module")
def plain_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A site with no repo_url."""
    site = coach_site(tmp_path_factory.mktemp("join-plain"))
    with serve(site.out) as served:
        yield served


@pytest.fixture
def join_page(browser: Browser, gh_served: Served) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(gh_served.page_url("coaches/join/"))
    expect(page.locator("#cbj-form")).to_be_visible()
    yield page
    context.close()
    assert errors == []


# ---------------------------------------------------------------- filling the form


def fid(key: str) -> str:
    return f"#{join.FIELD_ID}{key}"


def fill(page: Page, answers: dict[str, Any]) -> None:
    """Type the answers into the form, each the way its control takes it."""
    for key, value in answers.items():
        spec = schema.FIELDS_BY_KEY[key]
        if spec.kind == "choices":
            for choice in value:
                page.locator(f"input[name='{key}'][value='{choice}']").check()
        elif spec.kind == "social":
            for network, text in value.items():
                page.fill(f"{fid('social')}-{network}", text)
        elif spec.kind == "texts":
            page.fill(fid(key), "\n".join(value))
        elif spec.kind == "country":
            page.select_option(fid(key), value)
        else:
            if spec.kind == "coordinate" and not page.locator(fid(key)).is_visible():
                page.locator("#cbj-position summary").click()
            page.fill(fid(key), value)


def write_entry(page: Page, answers: dict[str, Any]) -> str:
    """Fill in the form, write the entry, and return the file's text as the page shows it."""
    fill(page, answers)
    page.get_by_role("button", name="Write my entry").click()
    expect(page.locator("#cbj-result")).to_be_visible()
    return str(page.locator("#cbj-file").text_content())


def check_file(tmp_path: Path, name: str, text: str) -> str:
    """Run scripts/check_coaches.py, unchanged, on the file in a site folder; its output if it fails."""
    root = site_folder(tmp_path)
    path = root / "docs" / "coaches" / name
    path.write_text(text, encoding="utf-8")
    done = run("check_coaches.py", f"docs/coaches/{name}", cwd=root)
    return "" if done.returncode == 0 else done.stdout + done.stderr


def fields_of(text: str) -> dict[str, Any]:
    """The file as plain PyYAML reads it."""
    values = yaml.safe_load(text)
    assert isinstance(values, dict), text
    return values


def ours(text: str) -> dict[str, Any]:
    """The file as the build and the check read it."""
    document = read_coach_text(text, "docs/coaches/x.yml")
    assert isinstance(document, YamlDocument), document
    return dict(document.values)


def active(page: Page) -> dict[str, str]:
    return dict(
        page.evaluate(
            "() => { const e = document.activeElement;"
            " return {id: e.id, name: e.name || '', value: e.value || '', type: e.type || ''}; }"
        )
    )


# ---------------------------------------------------------------- a coach fills the form


def test_a_coach_fills_the_form_and_the_file_passes_the_check(join_page: Page, tmp_path: Path) -> None:
    text = write_entry(join_page, KIM)
    assert check_file(tmp_path, "kim-keys.yml", text) == ""
    values = fields_of(text)
    assert {k: values[k] for k in KIM} == KIM
    assert values["country"] == "GB" and values["joined"] == dt.date.today().isoformat()
    assert list(values) == [spec.key for spec in schema.FIELDS if spec.key in values], "the schema's order"
    assert text.startswith("# docs/coaches/kim-keys.yml: ")
    expect(join_page.locator("#cbj-result-title")).to_be_focused()
    with join_page.expect_download() as download:
        join_page.get_by_role("link", name="Download the file").click()
    assert download.value.suggested_filename == "kim-keys.yml"
    assert Path(download.value.path()).read_text(encoding="utf-8") == text


def test_the_github_address_is_well_formed_and_decodes_to_exactly_the_file(join_page: Page) -> None:
    text = write_entry(join_page, KIM)
    button = join_page.get_by_role("link", name=re.compile("^Propose it on GitHub"))
    expect(button).to_be_visible()
    address = str(button.get_attribute("href"))
    assert len(address) < join.GITHUB_URL_MAX
    parts = urlsplit(address)
    assert (parts.scheme, parts.netloc, parts.path, parts.fragment) == (
        "https", "github.com", f"/example-org/run-tips/new/{BRANCH}/docs/coaches", ""
    )  # fmt: skip
    assert re.fullmatch(r"[A-Za-z0-9_.~!*'()%=&-]+", parts.query), "all else is percent-encoded"
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert query == {"filename": ["kim-keys.yml"], "value": [text]}
    assert button.get_attribute("target") == "_blank" and "noopener" in str(button.get_attribute("rel"))
    expect(join_page.locator("#cbj-steps-new")).to_be_visible()
    expect(join_page.locator("#cbj-steps-new")).to_contain_text("Create pull request")


def test_a_coach_can_do_it_all_by_keyboard(browser: Browser, gh_served: Served, tmp_path: Path) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(gh_served.page_url("coaches/join/"))
    expect(page.locator("#cbj-form")).to_be_visible()
    typed = {
        "cbj-f-name": "Kai Keyboard",
        "cbj-f-bio": "I coach road runners, all by keyboard.",
        "cbj-f-place": "Guildford",
        "cbj-f-email": "kai@example.org",
    }
    ticked = {("specialties", "road"), ("coaching", "groups")}
    for _ in range(200):
        page.keyboard.press("Tab")
        now = active(page)
        if now["id"] in typed and not now["value"]:
            page.keyboard.type(typed[now["id"]])
        elif now["type"] == "checkbox" and (now["name"], now["value"]) in ticked:
            page.keyboard.press("Space")
        elif now["id"] == "cbj-submit":
            page.keyboard.press("Enter")
            break
    else:
        pytest.fail("the form's button was never reached with Tab")
    expect(page.locator("#cbj-result-title")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name=re.compile("^Propose it on GitHub"))).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Copy the text")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#cbj-status")).to_contain_text("Copied")
    text = str(page.locator("#cbj-file").text_content())
    assert page.evaluate("navigator.clipboard.readText()") == text
    page.keyboard.press("Tab")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert Path(download.value.path()).read_text(encoding="utf-8") == text
    assert check_file(tmp_path, "kai-keyboard.yml", text) == ""
    values = fields_of(text)
    assert (values["specialties"], values["coaching"], values["place"]) == (["road"], ["groups"], "Guildford")
    context.close()


# ---------------------------------------------------------------- hostile input


HOSTILE = {
    "name": 'Mallory "Q" O\'Brien # no: @x',
    "place": "Dorking",
    "specialties": ["trail"],
    "coaching": ["online"],
    "qualifications": ["no", "null", "~", "yes", "@x", "<script>alert(1)</script>", "a: b # c", "- [x] {y}"],
    "website": "https://example.org/a?b=%22c%22&d=1#e",
    "email": "mallory+no@example.org",
    "bio": 'x\nname: Mallory\n# comment\n"quoted" --- ...\nno\nnull\n~\n@x\n<script>alert(2)</script>'
    "\n- item\n\\n",
    "social": {"instagram": "@null", "x": "@no", "mastodon": "@mallory@example.org"},
    "github": "no",
}


def test_hostile_input_comes_out_as_inert_yaml(join_page: Page, tmp_path: Path) -> None:
    text = write_entry(join_page, HOSTILE)
    values = fields_of(text)
    expected = {**HOSTILE, "country": "GB", "joined": dt.date.today().isoformat()}
    assert set(values) == set(expected)
    assert values == expected
    assert ours(text) == expected, "the build and the check read what PyYAML reads"
    assert check_file(tmp_path, "mallory-q-obrien-no-x.yml", text) == ""
    preview = join_page.locator("#cbj-preview li")
    expect(preview.locator(".cb-coach__name")).to_have_text(HOSTILE["name"])
    # The page's own: the rules, ascii-fold.js and coach-join.js.
    assert join_page.locator("#cb-join script").count() == 3, "no script came from what was typed"


def test_the_writer_keeps_every_value_in_its_field_whatever_it_is_given(join_page: Page) -> None:
    """Values the form's own controls cannot even hold (line breaks in a one-line field, unknown fields
    and networks, YAML's line separators, half a surrogate pair) still cannot add or bend a field."""
    given = {
        "name": "x\nname: Mallory",
        "place": "Dorking\u2028email: m@example.org",
        "country": 'GB"\nemail: m@example.org',
        "specialties": ["trail\n- road", "fell], [x"],
        "bio": 'nel\x85 sep\u2029 bom\ufeff del\x7f tab\t quote" back\\ half\ud800 end',
        "social": {"instagram": "@x\nemail: m@example.org", "evil: key": "v", "__proto__": "p"},
        "extra": "not a field",
        "name: again": "no",
    }
    text = join_page.evaluate("values => CoachJoin.fileText(values, 'kim\\nname: x')", given)
    values = fields_of(text)
    assert list(values) == ["name", "place", "country", "specialties", "bio", "social"]
    assert values["name"] == given["name"] and values["place"] == given["place"]
    assert values["country"] == given["country"] and values["specialties"] == given["specialties"]
    assert values["bio"] == str(given["bio"]).replace("\ud800", "\ufffd")
    assert values["social"] == {"instagram": "@x\nemail: m@example.org"}
    assert ours(text) == values
    assert text.startswith("# docs/coaches/your-name.yml: ")


# ---------------------------------------------------------------- the checks as the coach types


def test_missing_answers_are_listed_and_tied_to_their_fields(join_page: Page) -> None:
    join_page.get_by_role("button", name="Write my entry").click()
    summary = join_page.locator("#cbj-summary")
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    targets = [str(link.get_attribute("href")) for link in links.all()]
    assert targets == [
        fid("name"),
        fid("bio"),
        fid("place"),
        fid("specialties"),
        fid("coaching"),
        fid("email"),
    ]
    name = join_page.locator(fid("name"))
    expect(name).to_have_attribute("aria-invalid", "true")
    described = str(name.get_attribute("aria-describedby")).split()
    assert described == [f"{fid('name')[1:]}-help", f"{fid('name')[1:]}-error"]
    expect(join_page.locator(f"{fid('name')}-error")).to_have_text(links.first.inner_text())
    email = join_page.locator(fid("email"))
    assert "cbj-contact-error" in str(email.get_attribute("aria-describedby"))
    specialties = join_page.locator(fid("specialties"))
    assert f"{fid('specialties')[1:]}-error" in str(specialties.get_attribute("aria-describedby"))
    links.nth(3).click()
    expect(join_page.locator("input[name='specialties']").first).to_be_focused()
    expect(join_page.locator("#cbj-result")).to_be_hidden()
    name.fill("Kim Keys")
    expect(name).not_to_have_attribute("aria-invalid", "true")
    expect(links).to_have_count(5)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"website": "example.org/me"}, "needs https:// at the start"),
        ({"website": "javascript:alert(1)"}, "must start with https://"),
        ({"website": "https://192.168.1.1/"}, "IP address"),
        ({"website": "https://intranet.local/"}, "private or reserved"),
        ({"email": "mailto:kim@example.org"}, "Write just the address: kim@example.org"),
        ({"email": "kim@"}, "should look like alex@example.org"),
        ({"github": "https://github.com/kim"}, "should be just your user name"),
        ({"photo": "docs/coaches/photos/kim.jpg"}, "Write photos/kim.jpg"),
        ({"photo": "photos/kim.gif"}, "is not a .jpg"),
        ({"name": "Kim\u202eKeys"}, "invisible or control character"),
        ({"name": "K" * 81}, "is 81 characters long: at most 80"),
        ({"qualifications": ["Q"] * 9}, "has 9 lines: at most 8"),
        ({"latitude": "51.2N", "longitude": "-0.33"}, "is not a number of degrees"),
        ({"latitude": "51.2"}, "Give longitude too"),
        ({"social": {"instagram": "https://example.com.evil/me"}}, "should be a link on instagram.com"),
        ({"social": {"mastodon": "@kim"}}, "a user name like @yourname@mastodon.social"),
        ({"joined": "2999-01-01"}, "is in the future"),
    ],
    ids=lambda value: "-".join(value) if isinstance(value, dict) else None,
)
def test_a_wrong_answer_is_explained_at_its_field(
    join_page: Page, answers: dict[str, Any], message: str
) -> None:
    fill(join_page, {**KIM, **answers})
    join_page.get_by_role("button", name="Write my entry").click()
    errors = join_page.locator(".cbj-error:not([hidden])")
    expect(errors).to_have_count(1)
    expect(errors).to_contain_text(message)
    expect(join_page.locator("#cbj-summary")).to_contain_text(message)
    expect(join_page.locator("#cbj-result")).to_be_hidden()


def test_an_email_is_checked_when_its_field_is_left_before_any_submit(join_page: Page) -> None:
    email = join_page.locator(fid("email"))
    error = join_page.locator(f"{fid('email')}-error")
    email.fill("kim@example")
    expect(error).to_be_hidden()  # not while typing
    join_page.locator(fid("name")).focus()
    expect(error).to_be_visible()
    expect(error).to_contain_text("should look like alex@example.org")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(join_page.locator(".cbj-error:not([hidden])")).to_have_count(1)  # no other field yet
    email.fill("kim@example.org")
    expect(error).to_be_hidden()
    expect(email).not_to_have_attribute("aria-invalid", "true")


def test_an_unknown_place_is_refused_and_places_are_suggested(join_page: Page) -> None:
    join_page.locator(fid("place")).press_sequentially("Dork", delay=30)
    expect(join_page.locator("#cbj-place-list option").first).to_have_attribute("value", "Dorking")
    fill(join_page, {**KIM, "place": "Dorkingg"})
    join_page.get_by_role("button", name="Write my entry").click()
    expect(join_page.locator(f"{fid('place')}-error")).to_contain_text("is not a town or village we know")
    expect(join_page.locator(f"{fid('place')}-error")).to_contain_text("Did you mean Dorking")
    fill(join_page, {"latitude": "51.2323", "longitude": "-0.3326"})
    expect(join_page.locator(f"{fid('place')}-error")).to_be_hidden()


def test_a_name_another_coach_has_is_refused(join_page: Page) -> None:
    fill(join_page, {**KIM, "name": "Dana Downs"})
    expect(join_page.locator("#cbj-slug")).to_have_value("dana-downs")
    join_page.get_by_role("button", name="Write my entry").click()
    expect(join_page.locator("#cbj-slug-error")).to_contain_text("Another coach already has the address")
    join_page.locator("#cbj-slug").fill("dana-downs-dorking")
    join_page.get_by_role("button", name="Write my entry").click()
    expect(join_page.locator("#cbj-result")).to_be_visible()
    assert "filename=dana-downs-dorking.yml" in str(
        join_page.locator("#cbj-action-github").get_attribute("href")
    )


def test_the_preview_is_the_finders_entry(join_page: Page, browser: Browser, gh_served: Served) -> None:
    fill(join_page, KIM)
    item = join_page.locator("#cbj-preview li")
    expect(item.locator(".cb-coach__name")).to_have_text("Kim Keys")
    expect(item.locator(".cb-coach__where")).to_have_text("Dorking, United Kingdom")
    expect(item.locator(".cb-badge")).to_have_text("Also online")
    expect(item.locator(".cb-coach__about")).to_have_text(
        "Beginners and returners, Trail running · In person, Online"
    )
    shape = "el => [...el.querySelectorAll('*')].map(e => e.tagName + '.' + e.className).join(' ')"
    finder = browser.new_page()
    finder.goto(gh_served.page_url("coaches/?q=ari"))
    finder_item = finder.locator("#cb-results-main-list li").first
    expect(finder_item).to_be_visible()
    assert item.evaluate(shape) == finder_item.evaluate(shape)
    assert item.evaluate("el => el.className") == finder_item.evaluate("el => el.className")
    finder.close()


# ---------------------------------------------------------------- GitHub and no GitHub


def test_without_a_github_repository_there_is_no_github_button(
    browser: Browser, plain_served: Served
) -> None:
    page = browser.new_page()
    page.goto(plain_served.page_url("coaches/join/"))
    write_entry(page, KIM)
    expect(page.locator("#cbj-action-github")).to_have_count(0)
    expect(page.get_by_role("button", name="Copy the text")).to_be_visible()
    expect(page.get_by_role("link", name="Download the file")).to_be_visible()
    expect(page.locator("#cbj-why")).to_contain_text("name no GitHub repository")
    assert "github.com" not in page.locator("#cb-join").inner_html()
    page.close()


def test_a_file_too_long_for_an_address_is_offered_to_copy_and_download_only(join_page: Page) -> None:
    long = {**KIM, "bio": "🏃" * 600, "qualifications": ["🏅" * 120] * 8}
    text = write_entry(join_page, long)
    expect(join_page.locator("#cbj-action-github")).to_be_hidden()
    expect(join_page.locator("#cbj-why")).to_contain_text("too long")
    expect(join_page.locator("#cbj-why")).to_contain_text("8,000")
    expect(join_page.locator("#cbj-steps-long")).to_be_visible()
    empty = str(join_page.locator("#cbj-action-github-empty").get_attribute("href"))
    assert empty == f"{GITHUB}?filename=kim-keys.yml"
    assert fields_of(text)["bio"] == "🏃" * 600


def test_without_javascript_the_page_shows_the_guide(browser: Browser, gh_served: Served) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(gh_served.page_url("coaches/join/"))
    expect(page.locator("#cbj-form")).to_be_hidden()
    guide = page.locator("#cbj-guide")
    expect(guide).to_be_visible()
    expect(guide.get_by_role("link", name=re.compile("guide for coaches"))).to_have_attribute(
        "href", f"{REPO_URL}/blob/{BRANCH}/CONTRIBUTING.md"
    )
    example = fields_of(str(guide.locator("pre").text_content()))
    assert set(example) <= set(schema.FIELDS_BY_KEY)
    context.close()


# ---------------------------------------------------------------- changing or leaving


def test_profiles_link_to_github_to_edit_or_remove_their_own_file(gh_site: Site) -> None:
    for path in [*FIXTURES.glob("*.yml"), Path("sol-socials.yml")]:
        slug = path.stem
        page = parse(gh_site.html(f"coaches/{slug}/"))
        edit = f"//p[{by_class('cb-profile__edit')}]//a"
        assert hrefs(page, edit) == [
            f"{REPO_URL}/edit/{BRANCH}/docs/coaches/{slug}.yml",
            f"{REPO_URL}/delete/{BRANCH}/docs/coaches/{slug}.yml",
            f"../join/?from={slug}",
        ]
        assert texts(page, edit)[:2] == ["Edit this entry", "remove this entry"]


def test_without_github_a_profile_offers_the_form_only(make_site: Callable[..., Site]) -> None:
    site = make_site(extra_config={"repo_url": "https://gitlab.com/example-org/run-tips"})
    site.write("coaches/dana-downs.yml", (FIXTURES / "dana-downs.yml").read_text(encoding="utf-8"))
    site.build(use_directory_urls=False)
    page = parse((site.out / "coaches/dana-downs.html").read_text(encoding="utf-8"))
    assert hrefs(page, f"//p[{by_class('cb-profile__edit')}]//a") == ["join.html?from=dana-downs"]
    join_page = parse((site.out / "coaches/join.html").read_text(encoding="utf-8"))
    rules = json.loads(join_page.xpath("//script[@id='cbj-rules']")[0].text)
    assert rules["github"] is None
    assert rules["entry"] == {"prefix": "./", "suffix": ".json"}
    assert rules["profile"] == {"prefix": "", "suffix": ".html"}
    assert rules["guide"] == "https://gitlab.com/example-org/run-tips/blob/main/CONTRIBUTING.md"


def test_the_form_starts_from_an_entry_and_offers_githubs_edit_page(
    join_page: Page, gh_served: Served, tmp_path: Path
) -> None:
    join_page.goto(gh_served.page_url("coaches/join/?from=bo-boxhill"))
    expect(join_page.locator("#cbj-from")).to_contain_text("changing the entry of Bo Boxhill")
    expect(join_page.locator(fid("name"))).to_have_value("Bo Boxhill")
    expect(join_page.locator(fid("latitude"))).to_have_value("51.2557")
    expect(join_page.locator("#cbj-position")).to_have_attribute("open", "")
    expect(join_page.locator("#cbj-slug")).to_have_value("bo-boxhill")
    expect(join_page.locator("#cbj-slug")).to_have_attribute("readonly", "")
    join_page.fill(fid("bio"), "Trail coach on Box Hill, now with more hills.")
    join_page.get_by_role("button", name="Write my entry").click()
    button = join_page.get_by_role("link", name=re.compile("^Open my file on GitHub"))
    expect(button).to_have_attribute("href", f"{REPO_URL}/edit/{BRANCH}/docs/coaches/bo-boxhill.yml")
    expect(join_page.locator("#cbj-steps-edit")).to_contain_text("select all")
    text = str(join_page.locator("#cbj-file").text_content())
    original = yaml.safe_load((FIXTURES / "bo-boxhill.yml").read_text(encoding="utf-8"))
    changed = {k: str(v) if not isinstance(v, list) else v for k, v in original.items()}
    assert fields_of(text) == {**changed, "bio": "Trail coach on Box Hill, now with more hills."}
    assert check_file(tmp_path, "bo-boxhill.yml", text) == ""


def test_an_entry_with_every_kind_of_field_comes_back_as_written(join_page: Page, gh_served: Served) -> None:
    join_page.goto(gh_served.page_url("coaches/join/?from=sol-socials"))
    expect(join_page.locator(fid("name"))).to_have_value("Sol Socials")
    join_page.get_by_role("button", name="Write my entry").click()
    expect(join_page.locator("#cbj-result")).to_be_visible()
    values = fields_of(str(join_page.locator("#cbj-file").text_content()))
    written = yaml.safe_load(SOL)
    assert values["social"] == {
        "instagram": "@solruns", "mastodon": "@sol@mastodon.social", "strava": "123"
    }  # fmt: skip
    for key in ("name", "qualifications", "website", "bio", "github", "specialties", "coaching"):
        assert values[key] == written[key], key
    assert values["joined"] == "2025-09-01"


def test_an_unknown_entry_says_so_and_the_form_adds_a_new_one(join_page: Page, gh_served: Served) -> None:
    join_page.goto(gh_served.page_url("coaches/join/?from=no-such-coach"))
    expect(join_page.locator("#cbj-from")).to_contain_text("No coach has the address")
    expect(join_page.locator("#cbj-slug")).not_to_have_attribute("readonly", "")
    write_entry(join_page, KIM)
    expect(join_page.get_by_role("link", name=re.compile("^Propose it on GitHub"))).to_be_visible()


def test_each_coach_has_one_small_entry_file_and_none_holds_every_coach(gh_site: Site) -> None:
    sizes = {}
    for path in [*FIXTURES.glob("*.yml")]:
        entry = json.loads((gh_site.out / "coaches" / f"{path.stem}.json").read_text(encoding="utf-8"))
        written = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert entry["slug"] == path.stem
        assert set(entry["values"]) == set(written)
        for key in ("name", "place", "country", "specialties", "coaching", "bio"):
            assert entry["values"][key] == written[key], (path, key)
        sizes[path.stem] = (gh_site.out / "coaches" / f"{path.stem}.json").stat().st_size
    assert max(sizes.values()) < 1024
    json_files = [p for p in gh_site.out.rglob("*.json") if p.parent.name == "coaches"]
    shared = ("places.json", "schema.json", "directory.json", "feed.json")  # the directory's own files
    entries = [p for p in json_files if p.name not in shared]
    biggest = max(entries, key=lambda p: p.stat().st_size)
    assert json.loads(biggest.read_text(encoding="utf-8"))["slug"] == biggest.stem


# ---------------------------------------------------------------- one source: the schema


def test_the_form_has_a_labelled_control_for_every_field_of_the_schema(gh_site: Site) -> None:
    page = parse(gh_site.html("coaches/join/"))
    form = page.xpath("//form[@id='cbj-form']")[0]
    for spec in schema.FIELDS:
        if spec.kind == "choices":
            assert sorted(form.xpath(f".//input[@name='{spec.key}']/@value")) == sorted(spec.choices)
            assert form.xpath(f".//fieldset[@id='{join.FIELD_ID}{spec.key}']/legend"), spec.key
        elif spec.kind == "social":
            names = form.xpath(".//input[starts-with(@name, 'social.')]/@name")
            assert names == [f"social.{key}" for key in schema.NETWORKS]
        else:
            assert form.xpath(f".//*[@name='{spec.key}']/@id") == [f"{join.FIELD_ID}{spec.key}"], spec.key
    for control in form.xpath(".//input[not(@type='checkbox')] | .//select | .//textarea"):
        assert form.xpath(f".//label[@for='{control.get('id')}']"), control.get("id")
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids)), "every id on the page is used once"
    required = {
        spec.key for spec in schema.FIELDS if spec.required and spec.kind not in ("choices", "country")
    }
    assert set(form.xpath(".//*[@required]/@name")) == required | {"slug"}


def test_the_rules_the_page_checks_with_come_from_the_schema(gh_site: Site) -> None:
    page = parse(gh_site.html("coaches/join/"))
    rules = json.loads(page.xpath("//script[@id='cbj-rules']")[0].text)
    assert [f["key"] for f in rules["fields"]] == [spec.key for spec in schema.FIELDS]
    for rule, spec in zip(rules["fields"], schema.FIELDS, strict=True):
        assert (rule["kind"], rule["required"], rule["choices"]) == (
            spec.kind,
            spec.required,
            list(spec.choices),
        )
        assert rule["max"] == (
            spec.max_length or (schema.TEXT_MAX if spec.kind in ("text", "place", "texts") else None)
        )
    assert [n["key"] for n in rules["networks"]] == list(schema.NETWORKS)
    assert rules["reserved"] == list(schema.RESERVED_SLUGS) and "join" in rules["reserved"]
    assert rules["url_max"] == schema.URL_MAX and rules["contact"] == [*schema.CONTACT_FIELDS, "social"]
    assert rules["github"]["new"] == GITHUB and rules["github"]["max"] == join.GITHUB_URL_MAX
    assert rules["places"]["href"] == "../places.json" and set(rules["places"]["countries"]) == {"GB"}
    places = json.loads((gh_site.out / "coaches/places.json").read_text(encoding="utf-8"))["places"]
    assert rules["places"]["countries"]["GB"] == [0, len(places)]


def test_a_field_added_to_the_schema_appears_in_the_form_and_its_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    extra = schema.FieldSpec("club", "text", False, "the running club you coach at", "Dorking Runners", 80)
    monkeypatch.setattr(schema, "FIELDS", (*schema.FIELDS, extra))
    monkeypatch.setitem(schema.FIELDS_BY_KEY, "club", extra)
    controls = [f for group in join.form_groups() for f in group["fields"]]
    assert [c["key"] for c in controls].count("club") == 1
    links = join.JoinLinks("docs/coaches/", "../", "../", "/", "../places.json", None, "docs/coaches", None)
    rules = join.rules(links, {}, 16384)
    assert rules["fields"][-1]["key"] == "club" and rules["fields"][-1]["max"] == 80


def test_line_breaks_are_allowed_in_the_same_fields_as_the_check_allows_them() -> None:
    for spec in schema.FIELDS:
        if spec.kind not in ("text", "place"):
            continue
        text = coach(**{spec.key: json.dumps("First line.\n\nSecond line.")})
        _, problems = parse_coach(CoachSource("coaches/alex-example.yml", text), Folder())
        broke = [p for p in problems if p.field == spec.key and "line break" in p.message]
        assert (not broke) == (spec.key in join.MULTILINE), spec.key


def test_the_patterns_the_page_uses_match_as_pythons_do(join_page: Page) -> None:
    samples = [
        "alexexample_runs", "run.surrey_hills", "12345678", "yourname.bsky.social", "you@mastodon.social",
        "you", "your.page.name", "a-b", "-ab", "a--b", "x" * 40, "alex@example.org", "a b@example.org",
        "a@b", "in-person", "Alex", "", "you@mastodon", "ünïcode",
    ]  # fmt: skip
    patterns = {f"handle of {key}": n.handle for key, n in schema.NETWORKS.items()}
    patterns |= {"github": schema.GITHUB_PATTERN, "slug": SLUG_PATTERN}
    for name, pattern in patterns.items():
        source = join.js_pattern(pattern)
        in_browser = join_page.evaluate("([p, xs]) => xs.map(x => new RegExp(p).test(x))", [source, samples])
        assert in_browser == [bool(pattern.match(s)) for s in samples], name


# ---------------------------------------------------------------- the repository, the branch, the links


@pytest.mark.parametrize(
    ("repo_url", "found"),
    [
        ("https://github.com/example-org/run-tips", ("example-org", "run-tips")),
        ("https://github.com/example-org/run-tips/", ("example-org", "run-tips")),
        ("https://github.com/example-org/run.tips.git", ("example-org", "run.tips")),
        ("http://www.github.com/Ex/r", ("Ex", "r")),
        ("https://gitlab.com/example-org/run-tips", None),
        ("https://github.com/example-org", None),
        ("https://github.com/example-org/run-tips/tree/main", None),
        ("https://github.com.evil.example/a/b", None),
        ("git@github.com:example-org/run-tips.git", None),
        ("javascript:alert(1)//github.com/a/b", None),
        (None, None),
    ],
)
def test_only_a_github_repository_gets_github_pages(
    repo_url: str | None, found: tuple[str, str] | None
) -> None:
    repo = join.github_repo(repo_url, "main")
    assert (None if repo is None else (repo.owner, repo.name)) == found


def test_github_addresses_are_encoded_path_by_path() -> None:
    repo = join.GitHubRepo("o", "r", "feature/coach entries#1")
    assert repo.page("edit", "docs/coaches/a b.yml") == (
        "https://github.com/o/r/edit/feature/coach%20entries%231/docs/coaches/a%20b.yml"
    )


def load_options(site: Site) -> Any:
    return load_config(str(site.root / "mkdocs.yml")).plugins["coachblog"].config


@pytest.mark.parametrize("branch", ["main", "gh-pages", "feature/coaches", "v1.2", "coach_entries"])
def test_the_branch_option_takes_a_git_branch_name(make_site: Callable[..., Site], branch: str) -> None:
    assert load_options(make_site(plugin_options={"edit_branch": branch})).edit_branch == branch


def test_the_branch_is_main_by_default(make_site: Callable[..., Site]) -> None:
    assert load_options(make_site()).edit_branch == "main"


@pytest.mark.parametrize(
    ("branch", "problem"),
    [
        ("my branch", "has a space"),
        ("a..b", "'..'"),
        ("-main", "starts with '-'"),
        ("main/", "ends with '/'"),
        ("x.lock", "'.lock'"),
        ("feature/.hidden", "starting with '.'"),
        ("main.", "ends with '.'"),
        ("a:b", "one of ~ ^ :"),
        (12, "is not a branch name"),
        ("", "is empty"),
    ],
)
def test_a_bad_branch_is_refused_in_one_line(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture, branch: object, problem: str
) -> None:
    site = make_site(plugin_options={"edit_branch": branch})
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=mkdocs.__name__), pytest.raises(Abort):
        load_config(str(site.root / "mkdocs.yml"))
    logged = [r.getMessage() for r in caplog.records if r.name.startswith(mkdocs.__name__)]
    assert len(logged) == 1 and "\n" not in logged[0], logged
    assert "Plugin 'coachblog' option 'edit_branch'" in logged[0] and problem in logged[0]
    assert "such as 'main'" in logged[0]


def test_the_finder_and_the_guide_link_to_the_join_page(gh_site: Site) -> None:
    finder = parse(gh_site.html("coaches/"))
    assert hrefs(finder, "//a[normalize-space()='Add yourself']") == ["join/", "join/"]
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "/coaches/join/" in guide.split(schema.GUIDE_START)[0]


def test_the_site_search_finds_the_join_page_but_not_its_form(gh_site: Site) -> None:
    index = json.loads((gh_site.out / "search/search_index.json").read_text(encoding="utf-8"))
    entries = [e for e in index["docs"] if e["location"].startswith("coaches/join/")]
    assert [e["location"] for e in entries] == ["coaches/join/"]
    assert entries[0]["title"] == "Join the coach directory" and "list themselves" in entries[0]["text"]
    for label in [*join.LABELS.values(), "Add yourself by hand", "Your entry is ready"]:
        assert label not in entries[0]["text"], label


def test_the_join_page_is_not_a_coach_and_a_coach_cannot_take_its_name(
    make_site: Callable[..., Site],
) -> None:
    site = make_site()
    site.write("coaches/join.yml", GOOD)
    with pytest.raises(BuildFailed, match="has a file name the finder uses itself"):
        site.build()


# ---------------------------------------------------------------- accessibility


def axe_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    script = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
    found = page.evaluate(script, WCAG_TAGS)["violations"]
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in found]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_join_page(browser: Browser, gh_served: Served, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(gh_served.page_url("coaches/join/"), wait_until="networkidle")
    assert (
        page.locator("body").get_attribute("data-md-color-scheme")
        == {"light": "default", "dark": "slate"}[scheme]
    )
    assert axe_violations(page) == [], "the empty form"
    page.get_by_role("button", name="Write my entry").click()
    expect(page.locator("#cbj-summary")).to_be_focused()
    page.wait_for_timeout(600)  # Material's "Back to top" button fades in as the page scrolls up to the list
    assert axe_violations(page) == [], "the form with its problems shown"
    page.reload()
    write_entry(page, KIM)
    assert axe_violations(page) == [], "the entry written"
    context.close()
