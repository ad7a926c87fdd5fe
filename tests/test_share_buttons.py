"""Share buttons on tip pages, clicked in headless Chromium: links, copy link, Mastodon, no JavaScript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from coachblog.posts.post import Post
from coachblog.posts.schema import Kind
from coachblog.social.share import share_buttons, share_links
from coachblog.templating import TEMPLATES
from tests.content import tip
from tests.helpers import Served, Site, by_class, minimal_site, parse, serve

TITLE = 'Hills & "dales": 10% faster? #win 🏃'
SUMMARY = "Up & down, then up again; it's worth it."
PAGE = "https://example.org/blog/tips/hills/"
# Records window.open instead of opening other sites: the browser never leaves 127.0.0.1.
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RECORD_OPENED = (
    "window.__opened = [];"
    " window.open = (url, target, features) => {"
    " window.__opened.push([url, target, features]); return null; };"
)


@pytest.fixture(scope="module")
def share_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = minimal_site(tmp_path_factory.mktemp("share-site"))
    quoted = "'" + TITLE.replace("'", "''") + "'"
    site.write("tips/hills.md", tip(title=quoted, summary="'" + SUMMARY.replace("'", "''") + "'"))
    site.write("tips/other.md", tip(title="Another tip", date="2025-11-01"))
    site.build()
    return site


@pytest.fixture(scope="module")
def served(share_site: Site) -> Iterator[Served]:
    with serve(share_site.out, "/blog/") as running:
        yield running


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile that may only reach the local server."""
    context = browser.new_context()
    outside: list[str] = []

    def block(route: Route) -> None:
        outside.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith("http://127.0.0.1:"), block)
    yield context
    context.close()
    assert outside == []


def open_tip(context: BrowserContext, served: Served, init_script: str = RECORD_OPENED) -> Page:
    context.add_init_script(init_script)
    page = context.new_page()
    page.goto(served.page_url("tips/hills/"))
    return page


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)


def test_every_share_link_carries_the_page_address_and_title(context: BrowserContext, served: Served) -> None:
    page = open_tip(context, served)
    links = page.eval_on_selector_all(
        ".cb-share a[data-share]", "els => els.map(a => [a.dataset.share, a.href, a.textContent])"
    )
    by_id = {name: href for name, href, _ in links}
    assert list(by_id) == ["x", "facebook", "linkedin", "whatsapp", "bluesky", "email"]
    text = f"{TITLE} {PAGE}"
    assert by_id["x"].startswith("https://x.com/intent/post?")
    assert query(by_id["x"]) == {"text": [TITLE], "url": [PAGE]}
    assert by_id["facebook"].startswith("https://www.facebook.com/sharer/sharer.php?")
    assert query(by_id["facebook"]) == {"u": [PAGE]}
    assert by_id["linkedin"].startswith("https://www.linkedin.com/sharing/share-offsite/?")
    assert query(by_id["linkedin"]) == {"url": [PAGE]}
    assert by_id["whatsapp"].startswith("https://wa.me/?")
    assert query(by_id["whatsapp"]) == {"text": [text]}
    assert by_id["bluesky"].startswith("https://bsky.app/intent/compose?")
    assert query(by_id["bluesky"]) == {"text": [text]}
    mail = urlsplit(by_id["email"])
    assert (mail.scheme, mail.path) == ("mailto", "")
    assert "+" not in mail.query  # mail programs read '+' literally: spaces must be %20
    assert query(by_id["email"]) == {"subject": [TITLE], "body": [f"{SUMMARY}\r\n\r\n{PAGE}"]}
    for name, _href, label in links:
        assert label.strip(), name
    new_tab = page.locator(".cb-share a[target=_blank]")
    assert new_tab.count() == 5
    for i in range(5):
        assert new_tab.nth(i).get_attribute("rel") == "noopener noreferrer"


def test_each_tip_shares_its_own_address(share_site: Site) -> None:
    page = parse(share_site.html("tips/other/"))
    box = page.xpath(f"//section[{by_class('cb-share')}]")
    assert len(box) == 1 and box[0].get("data-share-url") == "https://example.org/blog/tips/other/"
    assert query(box[0].xpath(".//a[@data-share='facebook']/@href")[0]) == {
        "u": ["https://example.org/blog/tips/other/"]
    }
    for url_path in ("", "tips/", "tags/routes/"):
        assert parse(share_site.html(url_path)).xpath(f"//*[{by_class('cb-share')}]") == [], url_path


def test_the_share_block_ends_the_posts_article_where_feeds_never_see_it(share_site: Site) -> None:
    article = parse(share_site.html("tips/other/")).xpath(f"//article[{by_class('md-content__inner')}]")
    (last,) = article[0].xpath("./*[last()]")
    assert last.tag == "section" and "cb-share" in last.get("class", "").split()
    feeds = [share_site.out / name for name in ("feed.xml", "atom.xml", "feed.json")]
    assert any(feed.is_file() for feed in feeds)
    for feed in feeds:
        assert not feed.is_file() or "cb-share" not in feed.read_text(encoding="utf-8"), feed


def test_copy_link_puts_the_address_on_the_clipboard_and_says_so(browser: Browser, served: Served) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = open_tip(context, served)
        status = page.locator(".cb-share__status")
        assert status.get_attribute("aria-live") == "polite"
        page.get_by_role("button", name="Copy link").click()
        expect(status).to_have_text("Link copied to the clipboard.")
        assert page.evaluate("navigator.clipboard.readText()") == PAGE
    finally:
        context.close()


def test_mastodon_asks_for_the_server_once_and_remembers_it(context: BrowserContext, served: Served) -> None:
    page = open_tip(context, served)
    mastodon = page.get_by_role("button", name="Mastodon", exact=True)
    server = page.get_by_label("Your Mastodon server")
    expect(server).to_be_hidden()
    mastodon.click()
    expect(mastodon).to_have_attribute("aria-expanded", "true")
    expect(server).to_be_focused()
    for bad in (
        "not a host",
        "localhost",
        "https://user:pw@example.social",
        "example.social:8080",
        "<script>",
    ):
        server.fill(bad)
        server.press("Enter")
        expect(server).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#cb-share-mastodon-error")).to_contain_text(
            "does not look like a server address"
        )
    assert page.evaluate("window.__opened") == []
    server.fill("@alex@Mastodon.Example.social")
    server.press("Enter")
    opened = page.evaluate("window.__opened")
    expected = "https://mastodon.example.social/share?text=" + page.evaluate(
        "t => encodeURIComponent(t)", f"{TITLE} {PAGE}"
    )
    assert opened == [[expected, "_blank", "noopener"]]
    assert query(opened[0][0]) == {"text": [f"{TITLE} {PAGE}"]}
    expect(server).to_be_hidden()
    expect(mastodon).to_be_focused()
    assert page.evaluate("localStorage.getItem('coachblog.mastodon-server')") == "mastodon.example.social"

    page.reload()
    page.get_by_role("button", name="Mastodon", exact=True).click()
    expect(page.get_by_label("Your Mastodon server")).to_be_hidden()
    assert page.evaluate("window.__opened") == [[expected, "_blank", "noopener"]]
    expect(page.locator(".cb-share__remembered")).to_contain_text("mastodon.example.social")
    page.get_by_role("button", name="Change").click()
    expect(page.get_by_label("Your Mastodon server")).to_be_focused()
    assert page.evaluate("localStorage.getItem('coachblog.mastodon-server')") is None


def test_the_share_buttons_work_from_the_keyboard(context: BrowserContext, served: Served) -> None:
    page = open_tip(context, served)
    page.get_by_role("button", name="Copy link").focus()
    page.keyboard.press("Tab")  # the system share sheet and "Copy link" come first, then the services
    assert page.evaluate("document.activeElement.dataset.share") == "x"
    page.get_by_role("link", name="Bluesky").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.shareAction") == "mastodon"
    page.keyboard.press("Enter")
    page.keyboard.type("https://fosstodon.org/@someone")
    page.keyboard.press("Enter")
    opened = page.evaluate("window.__opened")
    assert [o[0].split("?")[0] for o in opened] == ["https://fosstodon.org/share"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.share") == "email"
    page.get_by_role("button", name="Mastodon", exact=True).click()  # remembered: opens at once
    page.get_by_role("button", name="Change").click()
    page.keyboard.press("Escape")
    expect(page.get_by_label("Your Mastodon server")).to_be_hidden()
    expect(page.get_by_role("button", name="Mastodon", exact=True)).to_be_focused()


def test_the_system_share_sheet_is_offered_only_where_the_browser_has_one(
    context: BrowserContext, served: Served
) -> None:
    page = open_tip(context, served)
    assert page.evaluate("typeof navigator.share") == "undefined"
    expect(page.get_by_role("button", name="Share…")).to_be_hidden()
    page.close()
    fake = (
        RECORD_OPENED
        + " window.__shared = []; navigator.share = async (data) => { window.__shared.push(data); };"
    )
    page = open_tip(context, served, fake)
    page.get_by_role("button", name="Share…").click()
    assert page.evaluate("window.__shared") == [{"title": TITLE, "text": SUMMARY, "url": PAGE}]


def test_without_javascript_the_links_remain_and_script_buttons_stay_hidden(
    browser: Browser, served: Served
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served.page_url("tips/hills/"))
        for name in ("X", "Facebook", "LinkedIn", "WhatsApp", "Bluesky", "Email"):
            expect(page.get_by_role("link", name=name)).to_be_visible()
        for name in ("Share…", "Mastodon", "Copy link"):
            expect(page.get_by_role("button", name=name, exact=True)).to_be_hidden()
        expect(page.locator("#cb-share-mastodon")).to_be_hidden()
    finally:
        context.close()


def test_the_share_block_passes_axe_with_the_mastodon_form_open(
    context: BrowserContext, served: Served
) -> None:
    page = open_tip(context, served)
    page.get_by_role("button", name="Mastodon", exact=True).click()
    page.get_by_label("Your Mastodon server").fill("nope")
    page.get_by_label("Your Mastodon server").press("Enter")
    page.add_script_tag(path=str(AXE_JS))
    script = (
        "([where, tags]) => axe.run(where,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
    )
    results = page.evaluate(script, [".cb-share", WCAG_TAGS])
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]] == []


def test_share_links_percent_encode_every_character_as_quote_does() -> None:
    ascii_text = "".join(chr(code) for code in range(128))
    for title, url in [(ascii_text, PAGE), (TITLE, PAGE + "?a=1&b=" + ascii_text)]:
        heading, page, text = (quote(value, safe="") for value in (title, url, f"{title} {url}"))
        hrefs = {link.id: link.href for link in share_links(url, title, SUMMARY)}
        assert hrefs["x"] == f"https://x.com/intent/post?text={heading}&url={page}"
        assert hrefs["whatsapp"] == f"https://wa.me/?text={text}"
        assert hrefs["email"].endswith("&body=" + quote(f"{SUMMARY}\r\n\r\n{url}", safe=""))


@pytest.mark.parametrize("kind", ["tip", "article"])
def test_the_share_block_is_the_template_rendered_with_the_posts_own_values(kind: Kind) -> None:
    post = Post(
        kind,
        "hills",
        "tips/hills.md",
        TITLE + " <b>'&'</b>",
        SUMMARY,
        dt.datetime(2025, 11, 1, 9),
        extra={"description": 'Says "more" & <less>'},
    )
    summary = 'Says "more" & <less>'
    expected = TEMPLATES.get_template("share_buttons.html").render(
        url=PAGE, title=post.title, summary=summary, kind=kind, links=share_links(PAGE, post.title, summary)
    )
    assert share_buttons(PAGE, post) == expected


def _post(title: str, summary: str) -> Post:
    return Post("tip", "hills", "tips/hills.md", title, summary, dt.datetime(2025, 11, 1, 9))


def test_the_share_block_costs_at_most_two_kilobytes_besides_the_posts_own_words() -> None:
    # Each post's address, title and summary appear in the block, encoded, in every link that carries
    # them; what the block adds around them is fixed, and small: no icon is drawn in the page.
    bare = len(share_buttons("", _post("", "")).encode())
    assert bare <= 2048
    long_title, long_summary = "T" * 80, "S" * 200
    url = "https://coach-blog.example.org/run-tips/tips/" + "a" * 40 + "/"
    typical = share_buttons(url, _post(long_title, long_summary))
    assert len(typical.encode()) <= 3072, len(typical.encode())
    assert "<svg" not in typical and "<!--" not in typical


def rows(page: Page, selector: str) -> int:
    """How many lines the visible controls under `selector` are laid out on."""
    tops = page.eval_on_selector_all(
        selector,
        "els => els.filter(e => e.offsetParent !== null).map(e => Math.round(e.getBoundingClientRect().top))",
    )
    return len({top // 8 for top in tops})  # controls on one line share a top (a few pixels apart at most)


@pytest.mark.parametrize("has_share_sheet", [False, True])
def test_on_a_390_pixel_phone_the_share_block_takes_two_rows(
    browser: Browser, served: Served, has_share_sheet: bool
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        fake = "navigator.share = async () => {};" if has_share_sheet else ""
        page = open_tip(context, served, RECORD_OPENED + fake)
        controls = ".cb-share a, .cb-share button"
        expect(page.get_by_role("button", name="Copy link")).to_be_visible()
        sheet = page.get_by_role("button", name="Share…")
        if has_share_sheet:
            expect(sheet).to_be_visible()
        else:
            expect(sheet).to_be_hidden()
        assert rows(page, controls) == 2
        assert rows(page, ".cb-share__list a, .cb-share__list button") == 1
        for box in page.eval_on_selector_all(
            controls,
            "els => els.filter(e => e.offsetParent).map(e => {"
            " const r = e.getBoundingClientRect(); return [r.width, r.height, r.right]; })",
        ):
            width, height, right = box
            assert width >= 24 and height >= 24 and right <= 390  # WCAG 2.2 target size; nothing off-screen
    finally:
        context.close()
