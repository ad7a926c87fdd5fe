"""axe-core in headless Chromium finds no WCAG 2.2 A/AA violation on each kind of page, light or dark.

The page kinds come from what the site builds: the coach finder and a coach profile are checked
as soon as there are coach files in docs/coaches/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import axe_playwright_python
import pytest
import yaml
from playwright.sync_api import Browser, Page

from tests.browser import Served
from tests.html import by_class, hrefs, parse
from tests.sitebuild import REPO, Site

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
COACH_FILES = sorted((REPO / "docs" / "coaches").glob("*.yml"))

PAGE_KINDS = ["home", "tip", "tip index", "tag", "article", "about", "404"]
if COACH_FILES:
    PAGE_KINDS += ["coach finder", "coach profile"]


def site_path(kind: str, site: Site) -> str:
    """The site-relative address of a page of this kind in the built site."""
    if kind == "tip":
        return "tips/" + hrefs(parse(site.html("tips/")), f"//article[{by_class('cb-card')}]//h2/a")[0]
    if kind == "tag":
        tag_nav = f"//nav[{by_class('cb-tag-nav')}]//a"
        return "tags/" + hrefs(parse(site.html("tags/")), tag_nav)[0]
    fixed = {
        "home": "", "tip index": "tips/", "article": "articles/lost-your-run-mojo/", "about": "about/",
        "404": "no/such/page/", "coach finder": f"coaches/?near={quote_plus(first_coach_place())}",
    }  # fmt: skip
    if kind == "coach profile":
        return f"coaches/{COACH_FILES[0].stem}/"
    return fixed[kind]


def first_coach_place() -> str:
    return str(yaml.safe_load(COACH_FILES[0].read_text(encoding="utf-8"))["place"])


SHOWS_A_PROFILE_LINK = """slugs => [...document.querySelectorAll("main a")].some(a =>
    a.offsetParent !== null && slugs.some(slug => new URL(a.href).pathname.endsWith(`/coaches/${slug}/`)))"""


def show_coach_results(page: Page) -> None:
    """Wait until the finder, opened for a place as its own links do, lists at least one coach."""
    page.wait_for_function(SHOWS_A_PROFILE_LINK, arg=[f.stem for f in COACH_FILES], timeout=10_000)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE_JS))
    script = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
    results: dict[str, Any] = page.evaluate(script, WCAG_TAGS)
    violations: list[dict[str, Any]] = results["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_wcag_violations(
    browser: Browser, pages_site: Site, served_pages_site: Served, kind: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        page.goto(served_pages_site.page_url(site_path(kind, pages_site)), wait_until="networkidle")
        theme = page.locator("body").get_attribute("data-md-color-scheme")
        assert theme == {"light": "default", "dark": "slate"}[scheme]
        if kind == "coach finder":
            show_coach_results(page)
        assert describe(axe_violations(page)) == []
    finally:
        context.close()


def test_axe_reports_a_violation_on_a_page_made_to_fail(browser: Browser, tmp_path: Path) -> None:
    page = browser.new_page()
    try:
        page.set_content(
            "<html><body><img src='data:,'><a href='#'></a><p style='color:#eee'>pale</p></body></html>"
        )
        found = {v["id"] for v in axe_violations(page)}
    finally:
        page.close()
    assert {"html-has-lang", "image-alt", "link-name", "color-contrast"} <= found
