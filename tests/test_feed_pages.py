"""The feeds on the site: autodiscovery links, the Subscribe link and the subscribe page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml.html import HtmlElement
from playwright.sync_api import Browser, Route, expect

from tests.conftest import PAGES_SITE_URL
from tests.content import post, write_posts
from tests.helpers import Served, Site, by_class, hrefs, parse, texts

KINDS = [
    ("application/rss+xml", "RSS", "feed.xml"),
    ("application/atom+xml", "Atom", "atom.xml"),
    ("application/feed+json", "JSON Feed", "feed.json"),
]


def feeds_at(site: Site, folder: str = "", topic: str = "") -> list[tuple[str, str, str]]:
    """The autodiscovery links expected for the feeds in `folder`: the site's, or a tag's (`topic`)."""
    name = site.config()["site_name"] + (f": {topic}" if topic else "")
    return [(kind, f"{name} ({label})", site.site_url + folder + file) for kind, label, file in KINDS]


def first_tag(site: Site) -> str:
    """A tag of the site, chosen from what its posts say."""
    return sorted(site.content().tagged())[0]


def alternates(page: HtmlElement, page_url: str) -> list[tuple[str, str, str]]:
    """The page's feed autodiscovery links: (type, title, href resolved against the page's URL)."""
    return [
        (str(link.get("type")), str(link.get("title")), urljoin(page_url, str(link.get("href"))))
        for link in page.xpath("/html/head/link[@rel='alternate']")
    ]


def published_url(site: Site, path: Path, base: str | None = None) -> str:
    """Where a built HTML file is served under `base` (the site's own site_url by default)."""
    rel = path.relative_to(site.out).as_posix()
    return (base or site.site_url) + rel.removesuffix("index.html")


def subscribe_link(page: HtmlElement) -> list[str]:
    return hrefs(page, f"//footer//div[{by_class('cb-subscribe-link')}]/a")


def test_every_page_head_names_the_three_site_feeds(built_repo_site: Site) -> None:
    out = built_repo_site.out
    pages = sorted(out.rglob("*.html"))
    tags = {f"tags/{tag}/index.html" for tag in built_repo_site.content().tagged()}
    assert pages
    for path in pages:
        links = alternates(parse(path.read_text(encoding="utf-8")), published_url(built_repo_site, path))
        assert links[-3:] == feeds_at(built_repo_site), path
        # A page with feeds of its own lists them first: a tag's, and the coach directory's (a writing
        # coach's profile, the finder, a list page), which are beside it.
        own = path.relative_to(out).as_posix() in tags or (
            path.parent != out and (path.parent / "feed.xml").is_file()
        )
        assert len(links) == (6 if own else 3), path
        if own:
            folder = published_url(built_repo_site, path.parent / "index.html")
            assert [href for _, _, href in links[:3]] == [folder + file for _, _, file in KINDS], path


def test_every_tip_page_has_the_site_feeds_and_a_visible_subscribe_link(built_repo_site: Site) -> None:
    for tip in built_repo_site.content().listed_tips:
        page = parse(built_repo_site.html(tip.url))
        assert alternates(page, built_repo_site.site_url + tip.url) == feeds_at(built_repo_site)
        assert subscribe_link(page) == ["../../subscribe/"]
        assert texts(page, f"//div[{by_class('cb-subscribe-link')}]") == ["Subscribe"]
        assert page.xpath(f"//div[{by_class('cb-subscribe-link')}]//svg")  # the feed icon
    assert (built_repo_site.out / "subscribe/index.html").exists()


def test_every_tag_page_offers_its_own_feed_first(built_repo_site: Site) -> None:
    for tag, urls in built_repo_site.content().tagged().items():
        folder = f"tags/{tag}/"
        page = parse(built_repo_site.html(folder))
        own = feeds_at(built_repo_site, folder, tag)
        assert alternates(page, built_repo_site.site_url + folder) == own + feeds_at(built_repo_site)
        line = page.xpath(f"//p[{by_class('cb-subscribe')}]")[0]
        assert hrefs(line, "./a") == ["feed.xml", "../../subscribe/"]
        assert " ".join(line.text_content().split()).startswith(f"Subscribe to “{tag}”")
        feed = feedparser.parse((built_repo_site.out / folder / "feed.xml").read_bytes())
        assert not feed.bozo and feed.entries
        assert {e.link.removeprefix(built_repo_site.site_url) for e in feed.entries} <= urls
        assert all(tag in [t.term for t in e.tags] for e in feed.entries)


def test_the_subscribe_page_offers_one_way_to_follow_before_every_feed_folded_away(
    built_repo_site: Site,
) -> None:
    page = parse(built_repo_site.html("subscribe/"))
    assert page.xpath("//h1/text()") == ["Subscribe"]
    (box,) = page.xpath(f"//section[{by_class('cb-follow')}]")
    (folded,) = page.xpath(f"//details[{by_class('cb-feed-more')}]")
    everything = list(page.iter())
    assert everything.index(box) < everything.index(folded)  # the one choice comes first
    assert folded.get("open") is None  # and the rest is closed
    assert "A feed reader is a free app or website" in " ".join(box.text_content().split())
    rss = feeds_at(built_repo_site)[0][2]
    assert texts(box, f".//code[{by_class('cb-follow__url')}]") == [rss]
    assert box.xpath(".//button/@data-copy") == [rss]
    assert box.xpath(".//a[@type]") == []  # a feed opened in a browser shows raw XML: no link to it here
    listed = hrefs(folded, ".//a")
    tags = sorted(built_repo_site.content().tagged())
    assert listed[:3] == ["../feed.xml", "../atom.xml", "../feed.json"]
    assert listed[3:] == [f"../tags/{tag}/{file}" for tag in tags for _, _, file in KINDS]
    for href in listed:
        assert (built_repo_site.out / "subscribe" / href).resolve().is_file(), href
    assert texts(folded, ".//code") == [url for _, _, url in feeds_at(built_repo_site)]
    assert "Subscribe" in texts(page, "//nav[@aria-label='Navigation']//a")


def test_the_subscribe_page_copies_the_feed_address_and_needs_no_other_site(
    browser: Browser, pages_site: Site, served_pages_site: Served
) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    outside: list[str] = []

    def block(route: Route) -> None:
        outside.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith("http://127.0.0.1:"), block)
    try:
        page = context.new_page()
        page.goto(served_pages_site.page_url("subscribe/"), wait_until="networkidle")
        expect(page.locator("details.cb-feed-more a[type]").first).to_be_hidden()  # folded away
        page.get_by_role("button", name="Copy address").click()
        expect(page.locator(".cb-follow [role=status]")).to_contain_text("Address copied")
        assert page.evaluate("navigator.clipboard.readText()") == feeds_at(pages_site)[0][2]
        page.locator("details.cb-feed-more > summary").click()
        expect(page.locator("details.cb-feed-more a[type]").first).to_be_visible()
    finally:
        context.close()
    assert outside == []


def test_without_javascript_the_subscribe_page_shows_the_address_and_no_copy_button(
    browser: Browser, served_pages_site: Served
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served_pages_site.page_url("subscribe/"))
        expect(page.locator(".cb-follow__url")).to_be_visible()
        expect(page.get_by_role("button", name="Copy address")).to_be_hidden()
    finally:
        context.close()


def test_a_hand_written_subscribe_page_is_kept_and_gets_the_list(make_site: Callable[..., Site]) -> None:
    site = write_posts(make_site(), post("one"))
    site.write("subscribe.md", "# Follow us\n\nOur own words.\n\n<!-- feed-list -->\n")
    site.build()
    page = parse(site.html("subscribe/"))
    assert texts(page, "//h1") == ["Follow us"]
    assert hrefs(page, f"//div[{by_class('cb-feed-list')}]//a[@type]")[:3] == [
        "../feed.xml",
        "../atom.xml",
        "../feed.json",
    ]


def test_the_404_page_links_the_feeds_too(built_repo_site: Site) -> None:
    page = parse((built_repo_site.out / "404.html").read_text(encoding="utf-8"))
    assert alternates(page, built_repo_site.site_url + "any/depth/missing") == feeds_at(built_repo_site)
    assert subscribe_link(page) == [urlsplit(built_repo_site.site_url).path + "subscribe/"]


def _served(served: Served, url: str) -> str:
    """A feed's published URL as the local test server serves it."""
    assert url.startswith(PAGES_SITE_URL), url
    return served.url + url.removeprefix(PAGES_SITE_URL)


def test_a_reader_finds_and_follows_the_feeds_in_a_browser(
    browser: Browser, pages_site: Site, served_pages_site: Served
) -> None:
    page = browser.new_page()
    try:
        page.goto(served_pages_site.page_url(pages_site.content().listed_tips[0].url))
        subscribe = page.locator("footer .cb-subscribe-link a")
        expect(subscribe).to_be_visible()
        expect(subscribe.locator("svg")).to_be_visible()
        subscribe.click()
        expect(page).to_have_url(served_pages_site.page_url("subscribe/"))
        expect(page.locator("h1")).to_have_text(re.compile("Subscribe"))

        tag = first_tag(pages_site)
        page.goto(served_pages_site.page_url(f"tags/{tag}/"))
        own = page.locator(".cb-subscribe a[type='application/rss+xml']")
        expect(own).to_be_visible()
        expect(own).to_have_text(re.compile(f"Subscribe to “{tag}”"))
        feed_url = page.evaluate(
            "document.querySelector(\".cb-subscribe a[type='application/rss+xml']\").href"
        )
        response = page.request.get(feed_url)
        assert response.status == 200
        feed = feedparser.parse(response.body())
        assert not feed.bozo and feed.feed.title == f"{pages_site.config()['site_name']}: {tag}"
        for link in page.locator("head link[rel='alternate']").all():
            served = page.request.get(str(link.evaluate("link => link.href")))
            assert served.status == 200, link.get_attribute("href")
            if link.get_attribute("type") != "application/feed+json":
                assert not feedparser.parse(served.body()).bozo
    finally:
        page.close()


def test_the_feeds_cost_no_request_to_another_site(pages_site: Site) -> None:
    # Relative, so the sitemap.xml Material's script fetches beside each link stays on this origin.
    for path in Path(pages_site.out).rglob("*.html"):
        page = parse(path.read_text(encoding="utf-8"))
        for href in page.xpath("/html/head/link[@rel='alternate']/@href"):
            assert not re.match(r"^[a-z]+:|^//", str(href)), (path, href)
            assert urljoin(published_url(pages_site, path, PAGES_SITE_URL), str(href)).startswith(
                PAGES_SITE_URL
            ), (path, href)
