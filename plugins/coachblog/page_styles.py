"""The plugin's stylesheets that only some pages need, chosen by the classes a finished page uses.

Every page gets the site-wide sheets (MkDocs' extra_css); a sheet listed here is linked only from the
pages whose HTML has an element of one of its classes, so a tip does not download and match the
finder's rules, nor the front page the share block's. Knows nothing of MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from coachblog.urls import relative_url

# Site path of the sheet -> the class names (or beginnings of names, ending in '-') it styles.
# Their order is the order they are linked in, each after the site-wide sheets.
PAGE_STYLESHEETS: dict[str, tuple[str, ...]] = {
    "assets/coachblog/share.css": ("cb-share",),
    "assets/coachblog/front.css": ("cb-featured", "cb-front-"),
    # The finder's, lists' and profiles' rules with the maps' (coaches/pages.py writes them as one file).
    "assets/coachblog/coach-finder.css": (
        "cb-finder",
        "cb-coach",
        "cb-profile",
        "cb-combo",
        "cb-directory",
        "cb-map",
    ),
}


def needed_stylesheets(html: str, sheets: Mapping[str, tuple[str, ...]] = PAGE_STYLESHEETS) -> list[str]:
    """The sheets of `sheets` whose class names (or their beginnings) occur in `html`, in the order of
    `sheets`. A plain search of the text, not a parse: a page that merely mentions a name gets a sheet
    it does not need (harmless), and none that uses a class can miss its sheet. It costs microseconds
    a page, where reading every class attribute cost most of a millisecond."""
    return [sheet for sheet, wanted in sheets.items() if any(name in html for name in wanted)]


def link_stylesheets(
    html: str, page_url: str, after: str, sheets: Mapping[str, tuple[str, ...]] = PAGE_STYLESHEETS
) -> str:
    """`html` (a whole page at `page_url`) with a <link> for each sheet it needs, placed right after the
    <link> whose href ends with `after` (the last site-wide sheet, so the cascade keeps its order).
    A page without that link (a theme that prints no extra_css) is returned unchanged."""
    wanted = needed_stylesheets(html, sheets)
    if not wanted:
        return html
    anchor = re.search(r'<link rel="stylesheet" href="[^"]*' + re.escape(after) + r'">', html)
    if anchor is None:
        return html
    links = "".join(
        f'\n    <link rel="stylesheet" href="{relative_url(sheet, page_url)}">' for sheet in wanted
    )
    return html[: anchor.end()] + links + html[anchor.end() :]
