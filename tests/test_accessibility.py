"""axe-core in headless Chromium finds no WCAG 2.2 A/AA violation on each kind of page, light or dark.

Each kind's page is picked from what the site was built from: the first tip, tag, article and
coach; a kind the content has none of (no articles, no coaches) is skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page

from tests.helpers import Served, Site, by_class, card_links, hrefs, parse

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_KINDS = ["home", "tip", "tip index", "tag", "article", "page", "404", "coach finder", "coach profile"]


def site_path(kind: str, site: Site) -> str | None:
    """The site-relative address of a page of this kind in the built site, or None if it has none."""
    content = site.content()
    options = (site.built_with or site.config()).plugins["coachblog"].config
    posts = {options.tips_dir, options.articles_dir, options.coaches_dir}
    own_pages = sorted(p.relative_to(site.docs) for p in site.docs.rglob("*.md") if p.name != "index.md")
    tag_nav = f"//nav[{by_class('cb-tag-nav')}]//a"
    first_coach = content.coaches[0] if content.coaches else None
    paths = {
        "home": "",
        "tip": "tips/" + card_links(parse(site.html("tips/")))[0],
        "tip index": "tips/",
        "tag": "tags/" + hrefs(parse(site.html("tags/")), tag_nav)[0],
        "article": next((a.url for a in content.articles if a.listed), None),
        # a page of the site's own, like about.md
        "page": next(
            (p.with_suffix("").as_posix() + "/" for p in own_pages if p.parts[0] not in posts), None
        ),
        "404": "no/such/page/",
        "coach finder": f"coaches/?near={quote_plus(first_coach.place)}" if first_coach else "coaches/",
        "coach profile": first_coach.url if first_coach else None,
    }
    return paths[kind]


SHOWS_A_PROFILE_LINK = """urls => [...document.querySelectorAll("main a")].some(a =>
    a.offsetParent !== null && urls.some(url => new URL(a.href).pathname.endsWith(`/${url}`)))"""


def show_coach_results(page: Page, site: Site) -> None:
    """Wait until the finder, opened for a place as its own links do, lists at least one coach."""
    urls = [c.url for c in site.content().coaches]
    if urls:
        page.wait_for_function(SHOWS_A_PROFILE_LINK, arg=urls, timeout=10_000)


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
    address = site_path(kind, pages_site)
    if address is None:  # nothing to audit, and that must be the content's doing, not a page gone missing
        content = pages_site.content()
        missing = {
            "article": not [a for a in content.articles if a.listed],
            "coach profile": not content.coaches,
        }
        assert missing.get(kind), f"the site's content has a {kind}, but no page of it was found"
        return
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        page.goto(served_pages_site.page_url(address), wait_until="networkidle")
        theme = page.locator("body").get_attribute("data-md-color-scheme")
        assert theme == {"light": "default", "dark": "slate"}[scheme]
        if kind == "coach finder":
            show_coach_results(page, pages_site)
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
