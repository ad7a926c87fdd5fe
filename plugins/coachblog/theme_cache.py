"""Theme parts rendered once per build and reused on every page where they come out the same.

Material renders its whole navigation, search box, palette toggle and script config on every page:
close to half a page's template time, and the same text on every page the nav does not list (tips,
tag pages, coach profiles) up to the relative links. Each part here is looked up under a key built
from everything its text depends on, and rendered only for a key not seen yet in this build.

- A partial (an `{% include %}`d file) is swapped, through the Jinja loader, for a call to GLOBAL; the
  theme's own file (or a custom_dir override of it) stays reachable under ORIGINAL.
- A block is wrapped by the theme override (`overrides/main.html`), which hands its `super` to
  BLOCK_GLOBAL when the plugin is on.

Plain Jinja: MkDocs' objects (nav, page, config) are only read, by attribute.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, DictLoader, Environment, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from coachblog.urls import page_folder

ORIGINAL = "coachblog-original"  # the theme's own partial: "coachblog-original/partials/nav.html"
GLOBAL = "coachblog_memo"
BLOCK_GLOBAL = "coachblog_memo_block"


class SiteFolders:
    """Which pages share their relative links: those in one folder that holds no other site file.

    A relative link from the page at 'tips/a/' to any URL outside 'tips/a/' is '../' and then the
    link from 'tips/', so every such page of 'tips/' shares it; a page whose folder holds other
    files (its images, say) keeps a key of its own. (A part that links a page to itself is not one
    to memoize: nav items that do are marked active, and the nav key leaves those pages out.)
    """

    def __init__(self, urls: Iterable[str]) -> None:
        self.holding: set[str] = set()  # folders, like 'tips/a/', that hold a site URL other than their own
        self._keys: dict[str, str] = {}
        for url in urls:
            parts = url.rstrip("/").split("/")[:-1]
            self.holding.update("/".join(parts[: i + 1]) + "/" for i in range(len(parts)))

    def key(self, page_url: str) -> str:
        """The same for any two pages whose relative link to every site URL is the same."""
        if (known := self._keys.get(page_url)) is None:
            known = self._keys[page_url] = self._key(page_url)
        return known

    def _key(self, page_url: str) -> str:
        base = page_folder(page_url)  # where links start, as with MkDocs' url filter
        if not base or base == "/":
            return ""
        if base in self.holding:
            return base
        return "../" + self._key(posixpath.dirname(base.rstrip("/")) + "/")


# What a part's text depends on, from the page's template context and the build's memo; None: render afresh.
KeyFunction = Callable[[Context, "PartialMemo"], Hashable | None]


class PartialMemo:
    """Rendered theme parts of one build, by name and key; counts what it renders and reuses."""

    def __init__(self, partials: Mapping[str, KeyFunction], blocks: Mapping[str, KeyFunction]) -> None:
        self.partials = dict(partials)
        self.blocks = dict(blocks)
        self.folders = SiteFolders([])
        self.texts: dict[tuple[str, Hashable], Markup] = {}
        self._nav_items: dict[int, list[Any]] = {}
        self.rendered = 0
        self.reused = 0

    def install(self, env: Environment, site_urls: Iterable[str]) -> None:
        """Route the memoized parts of `env` through this memo; the theme's own stay reachable."""
        theme: BaseLoader | None = env.loader
        assert theme is not None, "MkDocs' theme environment always has a loader"
        self.folders = SiteFolders(site_urls)
        stubs = {name: f"{{{{ {GLOBAL}({name!r}) }}}}" for name in self.partials}
        env.loader = ChoiceLoader([DictLoader(stubs), PrefixLoader({ORIGINAL: theme}), theme])
        env.globals[GLOBAL] = self._partial
        if self.blocks:
            env.globals[BLOCK_GLOBAL] = self._block

    def nav_items(self, nav: Any) -> list[Any]:
        """Every item of the build's nav, sections' children included, worked out once."""
        if id(nav) not in self._nav_items:
            self._nav_items[id(nav)] = list(_walk(nav.items))
        return self._nav_items[id(nav)]

    @pass_context
    def _partial(self, context: Context, name: str) -> Markup:
        # As `{% include %}` does: the theme's partial sees the including template's context.
        template = context.environment.get_template(f"{ORIGINAL}/{name}")
        return self._text(name, self.partials[name], context, lambda: template.render(context.get_all()))

    @pass_context
    def _block(self, context: Context, name: str, super_block: Callable[[], str]) -> Markup:
        return self._text(f"block {name}", self.blocks[name], context, super_block)

    def _text(self, name: str, key_of: KeyFunction, context: Context, render: Callable[[], str]) -> Markup:
        key = key_of(context, self)
        if key is not None and (text := self.texts.get((name, key))) is not None:
            self.reused += 1
            return text
        text = Markup(render())
        self.rendered += 1
        if key is not None:
            self.texts[(name, key)] = text
        return text


def nav_key(context: Context, memo: PartialMemo) -> Hashable | None:
    """Material's `partials/nav.html`: the same on every page that no nav item leads to, up to its links.

    The nav prints a page's own table of contents and marks it (and its sections) active only when
    the page is in the nav, so those pages render it afresh.
    """
    nav, page = context.get("nav"), context.get("page")
    if nav is None or page is None:
        return None
    if any(getattr(item, "active", False) or item is page for item in memo.nav_items(nav)):
        return None
    return memo.folders.key(page.url)


def tabs_key(context: Context, memo: PartialMemo) -> Hashable | None:
    """Material's `partials/tabs.html`: the nav's top-level items as tabs, the page's section marked
    active. The same on every page of one section (and on every page outside the nav), up to its links."""
    nav, page = context.get("nav"), context.get("page")
    if nav is None or page is None:
        return None
    active = tuple(i for i, item in enumerate(nav.items) if getattr(item, "active", False))
    return memo.folders.key(page.url), active


def toc_key(context: Context, memo: PartialMemo) -> Hashable | None:
    """Material's `partials/toc.html` on a page with no table of contents (only its title, if that)."""
    page = context.get("page")
    toc = list(getattr(page, "toc", None) or [])
    if not toc:
        return ()
    # As the partial does, a lone h1 stands for the page: an empty list, though with other whitespace.
    lone_title = len(toc) == 1 and toc[0].level == 1 and not list(toc[0].children)
    return ("title only",) if lone_title else None


def page_links_key(context: Context, memo: PartialMemo) -> Hashable | None:
    """A part that shows only the build's settings and relative links (stylesheets, scripts, config)."""
    page = context.get("page")
    return None if page is None else (memo.folders.key(page.url), context.get("base_url"))


def footer_key(context: Context, memo: PartialMemo) -> Hashable | None:
    """Material's `partials/footer.html` on a page with no previous/next links (those not in the nav).

    Besides the settings and relative links it shows our copyright partial's Subscribe link, whose
    target comes from `coachblog_feeds`.
    """
    page = context.get("page")
    if page is None or page.previous_page is not None or page.next_page is not None:
        return None
    feeds = context.get("coachblog_feeds")
    return memo.folders.key(page.url), feeds.get("subscribe_url") if isinstance(feeds, dict) else None


def feed_links_key(context: Context, memo: PartialMemo) -> Hashable | None:
    """Our `partials/feed-links.html`: the feeds a page links to (a tag page's own first), relatively."""
    page, feeds = context.get("page"), context.get("coachblog_feeds")
    if page is None:
        return None
    links = feeds.get("links") if isinstance(feeds, dict) else None
    return memo.folders.key(page.url), tuple((f["path"], f["title"], f["type"]) for f in links or ())


def settings_key(context: Context, memo: PartialMemo) -> Hashable | None:
    """A part that shows only the build's settings (search box, palette toggle, back-to-top button)."""
    return ()


def _walk(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


PARTIAL_KEYS: dict[str, KeyFunction] = {
    "partials/nav.html": nav_key,
    "partials/tabs.html": tabs_key,
    "partials/search.html": settings_key,
    "partials/palette.html": settings_key,
    "partials/footer.html": footer_key,
    "partials/top.html": settings_key,
    "partials/feed-links.html": feed_links_key,
    "partials/toc.html": toc_key,
}
BLOCK_KEYS: dict[str, KeyFunction] = {
    "styles": page_links_key,
    "config": page_links_key,
    "scripts": page_links_key,
}
