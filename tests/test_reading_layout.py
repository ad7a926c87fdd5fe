"""The reading layout in headless Chromium: a post's column, its headlines, the header in both colour
schemes, the share block on a phone, and the contrast of the colours the site's stylesheets set."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route

from tests.helpers import REPO, Served, Site, by_class, parse

STYLESHEETS = REPO / "overrides" / "assets" / "stylesheets"
SCHEMES = ["light", "dark"]

# Characters on each full line of the body paragraphs (a paragraph's last line is left out).
LINE_LENGTHS = """() => {
  const counts = [];
  for (const p of document.querySelectorAll('.md-content__inner > p:not([class])')) {
    const lines = new Map();
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const line = Math.round(rect.top / 4);
        lines.set(line, (lines.get(line) || 0) + 1);
      }
    }
    const perLine = [...lines.values()];
    perLine.pop();
    counts.push(...perLine);
  }
  return counts;
}"""

COLOURS = """([selector, property]) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const style = getComputedStyle(el);
  return [style[property], style.opacity];
}"""


# ---------------------------------------------------------------- colours and contrast


def parse_colour(text: str) -> tuple[float, float, float, float]:
    """An sRGB colour as CSS writes it (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba()): r, g, b in 0-255, alpha."""
    text = text.strip().lower()
    if text.startswith("#"):
        digits = text[1:]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        values = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
        alpha = values[3] / 255 if len(values) == 4 else 1.0
        return values[0], values[1], values[2], alpha
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    if text.startswith("rgb") and len(numbers) in (3, 4):
        return numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) == 4 else 1.0
    raise ValueError(f"not a colour this test reads: {text!r}")


def over(
    top: tuple[float, float, float, float], under: tuple[float, float, float, float]
) -> tuple[float, ...]:
    """`top` painted over the opaque colour `under`."""
    alpha = top[3]
    return (*(top[i] * alpha + under[i] * (1 - alpha) for i in range(3)), 1.0)


def luminance(colour: tuple[float, ...]) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def declared(css: str, selector: str, prop: str) -> str:
    """The value a stylesheet gives `prop` in the first rule whose selector is exactly `selector`."""
    for rule_selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        if rule_selector.strip() == selector:
            found = re.search(rf"(?:^|;)\s*{re.escape(prop)}\s*:\s*([^;]+)", body)
            if found:
                return found.group(1).strip()
    raise AssertionError(f"{selector} sets no {prop}")


def test_the_colour_pairs_the_stylesheet_sets_meet_wcag_aa() -> None:
    css = (STYLESHEETS / "contrast.css").read_text(encoding="utf-8")
    white, black = (255.0, 255.0, 255.0, 1.0), (0.0, 0.0, 0.0, 1.0)
    slate_background = (30.0, 33.0, 41.0, 1.0)  # Material's slate: hsl(232, 15%, 14%)
    light = '[data-md-color-primary="green"]'
    light_accent = '[data-md-color-accent="deep-orange"]'
    dark = '[data-md-color-scheme="slate"][data-md-color-primary="green"]'
    dark_accent = '[data-md-color-scheme="slate"][data-md-color-accent="deep-orange"]'
    header = (
        '[data-md-color-scheme="slate"]'
        ' :is(.md-header, .md-tabs, .md-nav--primary .md-nav__title[for="__drawer"])'
    )

    def colour(selector: str, prop: str) -> tuple[float, float, float, float]:
        return parse_colour(declared(css, selector, prop))

    pairs = {
        "light header text": (white, colour(light, "--md-primary-fg-color")),  # Material's white on the green
        "light links": (colour(light, "--md-primary-fg-color"), white),
        "light accent on white": (colour(light_accent, "--md-accent-fg-color"), white),
        "dark green on the page": (colour(dark, "--md-primary-fg-color"), slate_background),
        "dark text on dark green": (
            over(colour(dark, "--md-primary-bg-color"), colour(dark, "--md-primary-fg-color")),
            colour(dark, "--md-primary-fg-color"),
        ),
        "dark accent on the page": (colour(dark_accent, "--md-accent-fg-color"), slate_background),
        "dark header text": (
            colour(header, "--md-primary-bg-color"),
            colour(header, "--md-primary-fg-color"),
        ),
        "dark header faint text": (
            over(colour(header, "--md-primary-bg-color--light"), colour(header, "--md-primary-fg-color")),
            colour(header, "--md-primary-fg-color"),
        ),
    }
    low = {name: round(contrast(a, b), 2) for name, (a, b) in pairs.items() if contrast(a, b) < 4.5}
    assert low == {}
    assert luminance(colour(header, "--md-primary-fg-color")) < 0.05  # the dark scheme's header is dark
    assert contrast(white, black) > 20  # the formula itself: black on white is 21:1


def test_the_contrast_formula_rejects_a_pale_pair() -> None:
    assert contrast(parse_colour("#eee"), parse_colour("#fff")) < 1.2
    assert round(contrast(parse_colour("#2e7d32"), parse_colour("#ffffff")), 1) == 5.1


# ---------------------------------------------------------------- pages in Chromium


def keep_local(context: BrowserContext, outside: list[str]) -> None:
    """Let `context` reach the local server only; record anything else it asks for."""

    def block(route: Route) -> None:
        outside.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith("http://127.0.0.1:"), block)


@pytest.fixture
def local_only(browser: Browser) -> Iterator[list[str]]:
    """Requests to any other site than the local server, made by contexts from `open_page`."""
    outside: list[str] = []
    yield outside
    assert outside == []


def open_page(
    browser: Browser, served: Served, path: str, outside: list[str], scheme: str = "light", width: int = 1280
) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    keep_local(context, outside)
    page = context.new_page()
    page.goto(served.page_url(path), wait_until="networkidle")
    return context, page


def post_paths(site: Site) -> list[str]:
    """The first listed tip and article of the site (one of each kind it has)."""
    content = site.content()
    tips = [t.url for t in content.listed_tips[:1]]
    articles = [a.url for a in content.articles if a.listed][:1]
    return tips + articles


def colour_of(page: Page, selector: str, prop: str) -> tuple[float, float, float, float]:
    value = page.evaluate(COLOURS, [selector, prop])
    assert value is not None, selector
    colour = parse_colour(value[0])
    return colour[0], colour[1], colour[2], colour[3] * float(value[1])


def page_background(page: Page) -> tuple[float, float, float, float]:
    for selector in ("body", "html"):
        colour = colour_of(page, selector, "backgroundColor")
        if colour[3] > 0:
            return colour
    return (255.0, 255.0, 255.0, 1.0)


def test_a_posts_body_lines_run_60_to_80_characters_on_a_desktop(
    browser: Browser, pages_site: Site, served_pages_site: Served, local_only: list[str]
) -> None:
    for path in post_paths(pages_site):
        context, page = open_page(browser, served_pages_site, path, local_only)
        try:
            lengths = page.evaluate(LINE_LENGTHS)
        finally:
            context.close()
        if len(lengths) < 3:
            continue  # too little running text on this post to measure a column
        assert 60 <= sum(lengths) / len(lengths) <= 80, (path, lengths)
        assert max(lengths) <= 80, (path, lengths)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_headlines_are_bold_and_as_dark_as_the_text(
    browser: Browser, pages_site: Site, served_pages_site: Served, local_only: list[str], scheme: str
) -> None:
    for path in [*post_paths(pages_site), "subscribe/"]:
        context, page = open_page(browser, served_pages_site, path, local_only, scheme, 390)
        try:
            weight = int(
                page.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).fontWeight")
            )
            size = float(
                page.evaluate(
                    "parseFloat(getComputedStyle(document.querySelector('.md-typeset h1')).fontSize)"
                )
            )
            heading = colour_of(page, ".md-typeset h1", "color")
            text = colour_of(page, ".md-typeset p", "color")
            background = page_background(page)
        finally:
            context.close()
        assert weight >= 700, path
        assert size >= 28, path
        assert heading[3] >= text[3] - 0.01, path  # never fainter than the body text
        assert contrast(over(heading, background), background) >= 7, path


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_header_and_tabs_read_clearly_and_are_dark_in_the_dark_scheme(
    browser: Browser, served_pages_site: Served, local_only: list[str], scheme: str, width: int
) -> None:
    context, page = open_page(browser, served_pages_site, "", local_only, scheme, width)
    try:
        background = colour_of(page, ".md-header", "backgroundColor")
        title = colour_of(page, ".md-header__topic", "color")
        tabs = []
        if page.locator(".md-tabs").is_visible():
            tabs_background = colour_of(page, ".md-tabs", "backgroundColor")
            for link in page.locator(".md-tabs__link").all():
                style = link.evaluate("a => [getComputedStyle(a).color, getComputedStyle(a).opacity]")
                colour = parse_colour(style[0])
                tabs.append(
                    contrast(
                        over((*colour[:3], colour[3] * float(style[1])), tabs_background), tabs_background
                    )
                )
            assert tabs, "the site's sections show as tabs on a desktop"
    finally:
        context.close()
    assert background[3] == 1
    assert contrast(over(title, background), background) >= 4.5
    assert all(ratio >= 4.5 for ratio in tabs), tabs
    if scheme == "dark":
        assert luminance(background) < 0.05
    assert (width == 1280) == bool(tabs)


def test_the_sections_are_tabs_on_a_desktop_and_in_the_drawer_on_a_phone(
    browser: Browser, served_pages_site: Served, local_only: list[str]
) -> None:
    context, page = open_page(browser, served_pages_site, "", local_only)
    try:
        tabs = [" ".join(t.split()) for t in page.locator(".md-tabs__link").all_inner_texts()]
    finally:
        context.close()
    for section in ("Tips", "Find a coach", "Subscribe", "About"):
        assert section in tabs
    context, page = open_page(browser, served_pages_site, "", local_only, width=390)
    try:
        page.locator(".md-header label[for='__drawer']").click()
        drawer = page.locator("nav.md-nav--primary")
        for section in ("Tips", "Find a coach", "Subscribe", "About"):
            assert drawer.get_by_role("link", name=section, exact=True).first.is_visible()
    finally:
        context.close()


def share_block_height(context: BrowserContext, url: str) -> float:
    page = context.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        return float(page.eval_on_selector(".cb-share", "box => box.getBoundingClientRect().height"))
    finally:
        page.close()


@pytest.mark.parametrize("has_share_sheet", [False, True])
def test_the_share_block_is_laid_out_once_and_takes_two_rows_on_a_phone(
    browser: Browser,
    pages_site: Site,
    served_pages_site: Served,
    local_only: list[str],
    has_share_sheet: bool,
) -> None:
    def phone() -> BrowserContext:
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        keep_local(context, local_only)
        if has_share_sheet:
            context.add_init_script("navigator.share = async () => {};")
        return context

    context, before_script = phone(), phone()
    # share.js held back: the block as first drawn, before its script runs. The same height once the
    # script has run means its buttons appear without moving anything (no layout shift).
    before_script.route("**/share.js", lambda route: route.abort())
    try:
        for path in post_paths(pages_site):
            url = served_pages_site.page_url(path)
            shipped = pages_site.html(path)  # as served: before share.js adds its form
            start = shipped.index('<section class="cb-share"')
            assert len(shipped[start : shipped.index("</section>", start)].encode()) <= 3072, path
            assert share_block_height(before_script, url) == share_block_height(context, url), path
            page = context.new_page()
            page.goto(url, wait_until="networkidle")
            tops = page.eval_on_selector_all(
                ".cb-share a, .cb-share button",
                "els => els.filter(e => e.offsetParent)"
                ".map(e => Math.round(e.getBoundingClientRect().top / 8))",
            )
            assert len(set(tops)) == 2, path
            labels = page.eval_on_selector_all(
                ".cb-share__main button", "els => els.filter(e => e.offsetParent).map(e => e.textContent)"
            )
            assert labels == (["Share…", "Copy link"] if has_share_sheet else ["Copy link"])
            page.close()
    finally:
        context.close()
        before_script.close()


# What keeps a page at the content's width though it hides both sidebars: a post's header, a grid of
# cards, a featured article, the finder and the lists, the join form, the feed list.
WIDE_PARTS = ("cb-tip-header", "cb-cards", "cb-featured", "cb-finder", "cb-join")


def test_only_pages_of_text_that_hide_both_sidebars_are_marked_to_read_in_the_posts_column(
    built_repo_site: Site,
) -> None:
    """The plugin marks them by kind (page_styles.layout); this checks the result page by page."""
    marked_somewhere = False
    for path in sorted(built_repo_site.out.rglob("*.html")):
        root = parse(path.read_text(encoding="utf-8"))
        sidebars = root.xpath(f"//div[{by_class('md-sidebar')}]")
        hides_both = len(sidebars) == 2 and all(s.get("hidden") is not None for s in sidebars)
        article = root.xpath(f"//article[{by_class('md-content__inner')}]")
        wide = any(root.xpath(f"//*[{by_class(name)}]") for name in WIDE_PARTS)
        wide = wide or bool(root.xpath(f"//section[{by_class('cb-follow')}]"))
        home = path == built_repo_site.out / "index.html"
        marked = bool(root.xpath(f"//article//span[{by_class('cb-prose')}]"))
        assert marked == (bool(article) and hides_both and not wide and not home), path
        marked_somewhere |= marked
    assert marked_somewhere, "the About page and the profiles read as prose"


def test_the_stylesheets_link_nothing_from_another_site() -> None:
    for path in [*STYLESHEETS.glob("*.css"), *(REPO / "plugins" / "coachblog" / "assets").glob("*.css")]:
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8")):
            assert url.startswith("data:") or not re.match(r"^[a-z]+:|^//", url), (path, url)
