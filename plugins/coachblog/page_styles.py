"""What a page's kind asks of the theme: the stylesheets only some pages need, and its layout.

Every page gets the site-wide sheets (MkDocs' extra_css); a sheet here is linked only from the pages
whose kind uses its classes, so a tip does not download and match the finder's rules, nor the front
page the share block's. The plugin tells what kind a page is (it made or read every page it styles)
and puts the answers in the template context; `overrides/main.html` and its partials print them.
Knows nothing of MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SHARE_CSS = "assets/coachblog/share.css"  # the share block at the end of a post
FRONT_CSS = "assets/coachblog/front.css"  # the featured article, the town box, the home page's own boxes
# The finder's, lists', join page's and profiles' rules with the maps' (coaches/directory_files.py
# writes the file).
FINDER_CSS = "assets/coachblog/coach-finder.css"
# In the order they are linked, each after the site-wide sheets.
PAGE_STYLESHEETS = (SHARE_CSS, FRONT_CSS, FINDER_CSS)

# What the plugin knows a page to be: a tip or an article, the tip index or a tag page, one of the
# coach directory's pages, or any other page (written by hand, or the data and subscribe pages).
Kind = Literal["post", "post-list", "finder", "join", "coach-list", "profile", "page"]
COACH_PAGES: frozenset[Kind] = frozenset({"finder", "join", "coach-list", "profile"})
# The plugin's parts a page's text can ask for by a marker (posts/pages.py and feeds/ fill them in).
Part = Literal["featured-article", "coach-finder-box", "newest-tips", "feed-list"]
FRONT_PARTS: frozenset[Part] = frozenset({"featured-article", "coach-finder-box"})  # styled by front.css
WIDE_PARTS: frozenset[Part] = frozenset({"featured-article", "newest-tips", "feed-list"})  # grids, boxes
READING_SIDEBARS = frozenset({"navigation", "toc"})  # hidden both: a page of prose, unless it is wide
Layout = Literal["prose", "wide"]


@dataclass(frozen=True)
class PageShape:
    """What the plugin knows of a page that decides its sheets and layout."""

    kind: Kind
    home: bool = False  # the site's home page: the front page, styled by front.css
    parts: frozenset[Part] = frozenset()
    hidden: frozenset[str] = frozenset()  # the sidebars its `hide:` takes away
    shared: bool = False  # it carries the share block


def page_stylesheets(shape: PageShape) -> list[str]:
    """The page-only sheets (site paths) a page of `shape` uses, in the order they are linked."""
    wanted = {
        SHARE_CSS: shape.shared,
        FRONT_CSS: shape.home or bool(shape.parts & FRONT_PARTS),
        FINDER_CSS: shape.kind in COACH_PAGES,
    }
    return [sheet for sheet in PAGE_STYLESHEETS if wanted[sheet]]


def layout(shape: PageShape) -> Layout:
    """'prose' for a page of text that hides both sidebars (About, a coach's profile): it reads in the
    posts' column (reading.css). Posts, lists, the finder and the join form, and pages that hold a grid
    of cards, a featured article or the feed list, keep the content's width."""
    text = shape.kind in ("page", "profile") and not shape.parts & WIDE_PARTS
    return "prose" if text and not shape.home and shape.hidden >= READING_SIDEBARS else "wide"


def parts_asked(text: str, markers: dict[Part, str]) -> frozenset[Part]:
    """The parts whose marker (by part, as the modules that fill them define it) `text` holds."""
    return frozenset(part for part, marker in markers.items() if marker in text)
