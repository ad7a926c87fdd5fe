"""The plugin's page-only stylesheets are linked from exactly the pages that use their classes."""

from __future__ import annotations

import re
from pathlib import Path

from coachblog.coaches.directory_files import FINDER_CSS, FINDER_CSS_PARTS
from coachblog.page_styles import PAGE_STYLESHEETS, link_stylesheets, needed_stylesheets
from tests.helpers import Site

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "coachblog"
SHARE, FRONT, FINDER = PAGE_STYLESHEETS


def test_a_sheet_is_needed_where_its_class_names_occur() -> None:
    assert needed_stylesheets('<div class="cb-share x">') == [SHARE]
    assert needed_stylesheets('<p class="md-typeset cb-share__title">') == [SHARE]
    assert needed_stylesheets("<ul class='cb-coach-list'>") == [FINDER]  # cb-coach-list is part of cb-coach
    assert needed_stylesheets('<div class="cb-front-finder">') == [FRONT]
    assert needed_stylesheets('<div class="cb-card cb-tag">') == []  # the site-wide sheet's classes
    assert needed_stylesheets('<svg class="cb-map"><a class="cb-profile__x"></a></svg>') == [FINDER]


def test_sheets_are_linked_after_the_last_site_wide_sheet_relative_to_the_page() -> None:
    page = (
        '<head><link rel="stylesheet" href="../../assets/coachblog/coachblog.css">'
        '<link rel="stylesheet" href="../../assets/coachblog/pictures.css"><script></script></head>'
        '<body><div class="cb-share"></div><svg class="cb-map"></svg></body>'
    )
    out = link_stylesheets(page, "tips/a-tip/", "assets/coachblog/pictures.css")
    hrefs = re.findall(r'stylesheet" href="([^"]+)"', out)
    assert hrefs == [
        "../../assets/coachblog/coachblog.css",
        "../../assets/coachblog/pictures.css",
        "../../assets/coachblog/share.css",
        "../../assets/coachblog/coach-finder.css",
    ]
    assert link_stylesheets('<div class="cb-share">', "x/", "pictures.css") == '<div class="cb-share">'


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


def test_every_page_of_the_site_links_each_sheet_that_styles_its_classes_and_no_other(
    built_repo_site: Site,
) -> None:
    pages = sorted(built_repo_site.out.rglob("*.html"))
    linked_somewhere = set()
    for path in pages:
        html = path.read_text(encoding="utf-8")
        used = class_names(html)
        linked = {s for s in PAGE_STYLESHEETS if re.search(r'stylesheet" href="[^"]*' + re.escape(s), html)}
        for sheet in PAGE_STYLESHEETS:
            if styled := sorted(used & _styled_classes(sheet)):
                assert sheet in linked, f"{path}: uses {styled} but misses {sheet}"
        assert linked == set(needed_stylesheets(html)), path
        linked_somewhere |= linked
        for sheet in linked:  # each link points at a file of the site
            (href,) = re.findall(r'rel="stylesheet" href="([^"]*' + re.escape(sheet) + ')"', html)
            assert (path.parent / href).resolve().is_file(), (path, href)
    # The share block is on every post and the finder's sheet on the finder: both used somewhere.
    assert {SHARE, FINDER} <= linked_somewhere
    tip_pages = [p for p in pages if 'class="cb-tip-header' in p.read_text(encoding="utf-8")]
    assert tip_pages and all(FINDER not in p.read_text(encoding="utf-8") for p in tip_pages)
