"""The plugin's page-only stylesheets are linked from exactly the pages that use their classes, chosen
by the page's kind (never by searching its HTML), and the theme prints them after the site-wide ones."""

from __future__ import annotations

import re
from pathlib import Path

import material

from coachblog.coaches.directory_files import FINDER_CSS_PARTS
from coachblog.page_styles import (
    FINDER_CSS,
    FRONT_CSS,
    PAGE_STYLESHEETS,
    SHARE_CSS,
    Kind,
    PageShape,
    layout,
    page_stylesheets,
    parts_asked,
)
from tests.helpers import REPO, Site, parse

PACKAGE = REPO / "plugins" / "coachblog"
SIDEBARS = frozenset({"navigation", "toc"})


def test_each_kind_of_page_gets_the_sheets_of_what_it_shows() -> None:
    assert page_stylesheets(PageShape("post", shared=True)) == [SHARE_CSS]
    assert page_stylesheets(PageShape("post")) == []  # no site_url: no share block, no sheet for it
    assert page_stylesheets(PageShape("page", home=True)) == [FRONT_CSS]
    assert page_stylesheets(PageShape("page", parts=frozenset({"featured-article"}))) == [FRONT_CSS]
    assert page_stylesheets(PageShape("page", parts=frozenset({"coach-finder-box"}))) == [FRONT_CSS]
    assert page_stylesheets(PageShape("page", parts=frozenset({"newest-tips"}))) == []  # cards: site-wide
    for kind in ("finder", "join", "coach-list", "profile"):
        assert page_stylesheets(PageShape(kind)) == [FINDER_CSS], kind
    for kind in ("post-list", "page"):
        assert page_stylesheets(PageShape(kind, hidden=SIDEBARS)) == [], kind
    # Several at once come in the order of PAGE_STYLESHEETS, which is the cascade's.
    both = PageShape("post", parts=frozenset({"featured-article"}), shared=True)
    assert page_stylesheets(both) == [SHARE_CSS, FRONT_CSS]


def test_only_a_page_of_text_that_hides_both_sidebars_reads_in_the_posts_column() -> None:
    assert layout(PageShape("page", hidden=SIDEBARS)) == "prose"  # About
    assert layout(PageShape("profile", hidden=SIDEBARS)) == "prose"
    assert layout(PageShape("page", hidden=frozenset({"navigation"}))) == "wide"  # the data page
    assert layout(PageShape("page", home=True, hidden=SIDEBARS)) == "wide"
    wide: list[Kind] = ["post", "post-list", "finder", "join", "coach-list"]
    for kind in wide:
        assert layout(PageShape(kind, hidden=SIDEBARS)) == "wide", kind
    for part in ("featured-article", "newest-tips", "feed-list"):  # a grid of cards, the feed list
        assert layout(PageShape("page", parts=frozenset({part}), hidden=SIDEBARS)) == "wide", part
    assert layout(PageShape("page", parts=frozenset({"coach-finder-box"}), hidden=SIDEBARS)) == "prose"


def test_a_page_asks_for_a_part_by_its_marker() -> None:
    markers = {"featured-article": "<!-- featured-article -->", "feed-list": "<!-- feed-list -->"}
    assert parts_asked("# Home\n\n<!-- featured-article -->\n", markers) == {"featured-article"}
    assert parts_asked("# About\n\nNo lists here.\n", markers) == frozenset()


def class_names(html: str) -> set[str]:
    """Every class name used in `html`."""
    names: set[str] = set()
    for double, single in re.findall(r"""\sclass=(?:"([^"]*)"|'([^']*)')""", html):
        names.update((double or single).split())
    return names


def _styled_classes(sheet: str) -> set[str]:
    """The cb- classes a page-only sheet has rules for (the directory's is made of two files)."""
    parts = FINDER_CSS_PARTS if sheet == FINDER_CSS else (f"assets/{sheet.rsplit('/', 1)[1]}",)
    css = "".join((PACKAGE / part).read_text(encoding="utf-8") for part in parts)
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return set(re.findall(r"\.(cb-[a-z0-9_-]+)", css)) - {"cb-js", "cb-can-share", "cb-visually-hidden"}


def test_every_page_links_each_page_only_sheet_exactly_when_it_uses_the_sheets_classes(
    built_repo_site: Site,
) -> None:
    pages = sorted(built_repo_site.out.rglob("*.html"))
    linked_somewhere = set()
    for path in pages:
        html = path.read_text(encoding="utf-8")
        used = class_names(html)
        links = parse(html).xpath("//head/link[@rel='stylesheet']/@href")
        linked = [s for s in PAGE_STYLESHEETS for href in links if href.endswith(s)]
        for sheet in PAGE_STYLESHEETS:
            styled = sorted(used & _styled_classes(sheet))
            assert (sheet in linked) == bool(styled), f"{path}: uses {styled or 'none'} of {sheet}'s classes"
        assert len(linked) == len(set(linked)), f"{path}: a sheet linked twice"
        # After every site-wide sheet (the cascade's order), each pointing at a file of the site.
        last = links[len(links) - len(linked) :]
        assert [sheet for href in last for sheet in linked if href.endswith(sheet)] == linked, path
        for href in last:
            assert (path.parent / href).resolve().is_file(), (path, href)
        linked_somewhere |= set(linked)
    # The share block is on every post and the finder's sheet on the finder: both used somewhere.
    assert {SHARE_CSS, FINDER_CSS} <= linked_somewhere


def test_the_stylesheet_partial_ends_with_materials_own_partial_as_it_is() -> None:
    """overrides/partials/javascripts/base.html prints the page's sheets, then Material's partial,
    repeated because a template cannot include the one it overrides: it must not fall behind."""
    materials = Path(material.__file__).parent / "templates" / "partials" / "javascripts" / "base.html"
    own = REPO / "overrides" / "partials" / "javascripts" / "base.html"
    theirs = re.sub(r"^\{#-.*?-#\}\s*", "", materials.read_text(encoding="utf-8"), flags=re.S).strip()
    assert own.read_text(encoding="utf-8").rstrip("\n").endswith("\n" + theirs)
    assert "\n" not in theirs, "Material's partial is one script; our copy would need more than a line"
