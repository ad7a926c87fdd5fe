"""Coach files are strangers' text: markup, scripts, event attributes and script links stay inert."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from lxml.html import HtmlElement
from playwright.sync_api import Browser, Page

from coachblog.coaches.safe import safe_json, safe_link
from tests.content import (
    BIO,
    CONTACT,
    EVIL,
    MASTODON,
    NAME,
    PHOTO,
    PLACE,
    QUALIFICATIONS,
    WEBSITE,
    coach,
    load,
    one,
)
from tests.helpers import BuildFailed, Served, Site, minimal_site, parse, serve

SAFE_SCHEMES = ("https://", "http://", "mailto:")


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A site whose only coach tries every trick in every field."""
    site = minimal_site(tmp_path_factory.mktemp("evil"))
    site.write("coaches/evil-coach.yml", EVIL)
    site.build()
    return site


def _dangerous(page: HtmlElement) -> list[str]:
    """Anything in a page that could run code: event attributes, script links, stray elements."""
    found = []
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.tag} {name}={value!r}>")
            link = name in ("href", "src", "action") and ":" in value.split("/")[0]
            if link and not value.lower().startswith(SAFE_SCHEMES):
                found.append(f"<{element.tag} {name}={value!r}>")
        if element.tag in ("iframe", "object", "embed") or element.get("src") == "x":
            found.append(f"<{element.tag}>")
        data = element.get("type") == "application/json"
        if element.tag == "script" and not data and "alert(" in (element.text or ""):
            found.append("<script> with the payload")
    return found


@pytest.mark.parametrize("path", ["coaches/", "coaches/evil-coach/"])
def test_markup_in_every_field_is_shown_as_text_and_never_runs(evil_site: Site, path: str) -> None:
    html = evil_site.html(path)
    page = parse(html)
    assert _dangerous(page) == []
    for raw in ("<script>alert(", "<img src=x", "<svg onload", "<iframe"):  # never unescaped in the page
        assert raw not in html, raw
    assert NAME in page.text_content()
    title = page.xpath("//title")[0].text
    assert title.startswith(NAME if path.endswith("evil-coach/") else "Find a coach")


def test_every_field_is_on_the_profile_as_typed(evil_site: Site) -> None:
    page = parse(evil_site.html("coaches/evil-coach/"))
    text = page.text_content()
    for value in (NAME, PLACE, BIO, *QUALIFICATIONS):
        assert value in text, value
    links = page.xpath("//ul[@class='cb-profile__contact']//a/@href")
    assert links == ["mailto:evil@example.org", CONTACT, WEBSITE, MASTODON, PHOTO]
    assert page.xpath("//img[contains(@class, 'cb-profile__photo')]") == [], (
        "photos from elsewhere are not loaded"
    )
    assert page.xpath("//meta[@name='description']/@content")[0].startswith(NAME)


def test_the_finder_data_survives_the_script_element_intact(evil_site: Site) -> None:
    html = evil_site.html("coaches/")
    script = parse(html).xpath("//script[@id='cb-coach-data']")[0]
    data = json.loads(script.text)
    assert data["coaches"][0][1] == NAME
    assert data["coaches"][0][2].startswith(PLACE)
    inside = html.split('id="cb-coach-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in inside and ">" not in inside and "&" not in inside


def test_safe_json_escapes_everything_that_could_close_a_script_element() -> None:
    text = str(safe_json({"a": "</script><!-- & \u2028 \u2029"}))
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028 \\u2029"}'
    assert json.loads(text) == {"a": "</script><!-- & \u2028 \u2029"}


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "//example.org/x",
        "https://",
        "https://user:pw@example.org/",
    ],
)
def test_only_web_links_are_ever_linked(url: str) -> None:
    assert safe_link(url) is None


@pytest.mark.parametrize("field", ["website", "contact_url", "photo", "social"])
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x"]
)
def test_a_script_link_in_any_url_field_fails_the_check(field: str, url: str) -> None:
    value = f"{{strava: '{url}'}}" if field == "social" else f"'{url}'"
    problems = load(one(coach(**{field: value}))).problems
    assert [(p.field, p.message) for p in problems] == [(field, "is not an https:// or http:// link")]


def test_a_script_link_fails_the_build(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("coaches/alex-example.yml", coach(website="'javascript:alert(1)'"))
    with pytest.raises(BuildFailed, match="field 'website': is not an https:// or http:// link"):
        site.build()


@pytest.fixture(scope="module")
def served_evil(evil_site: Site) -> Iterator[Served]:
    with serve(evil_site.out) as served:
        yield served


def _watch(page: Page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


INJECTED = (
    "document.querySelectorAll('[onerror],[onload],[onmouseover],[onfocus],iframe,img[src=\"x\"]').length"
)


@pytest.mark.parametrize("path", ["coaches/evil-coach/", "coaches/"])
def test_nothing_runs_in_chromium(browser: Browser, served_evil: Served, path: str) -> None:
    page = browser.new_page()
    dialogs = _watch(page)
    page.goto(served_evil.page_url(path))
    for link in page.locator("article a").all():  # hover and focus every link, as a reader might
        link.hover()
        link.focus()
    assert page.evaluate(INJECTED) == 0
    assert NAME in page.locator("article").first.text_content()
    assert dialogs == []
    page.close()


def test_nothing_runs_when_the_finder_script_shows_the_coach(browser: Browser, served_evil: Served) -> None:
    page = browser.new_page()
    dialogs = _watch(page)
    page.goto(served_evil.page_url("coaches/?q=script"))
    result = page.locator("#cb-results-main-list li a")
    assert result.text_content() == NAME
    result.hover()
    page.get_by_label("Town or village").fill("Dorking")
    page.keyboard.press("Enter")
    page.locator("#cb-results-main-list .cb-coach__distance").wait_for()
    assert PLACE in page.locator("#cb-results-main-list li").first.text_content()
    assert page.evaluate(INJECTED) == 0
    assert dialogs == []
    page.close()
