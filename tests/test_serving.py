"""The built site works where Pages serves it: under a project sub-path, and at the root of a custom domain.

Each test serves a real build on 127.0.0.1 and crawls it from the home page: every internal link,
asset, feed, social image, canonical URL and sitemap entry must answer 200 and stay inside the
site's path; every built page must be reached; a missing page at any depth gets a working 404 page.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
import pytest
from lxml import etree
from lxml.html import HtmlElement

from tests.helpers import Served, Site, parse, serve

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:")
# Read by other sites (search engines, link previews): these must be absolute URLs of the site.
ABSOLUTE_KINDS = {"canonical", "social image", "social url"}
SOCIAL_META = {
    "og:image": "social image",
    "og:image:url": "social image",
    "og:image:secure_url": "social image",
    "twitter:image": "social image",
    "og:url": "social url",
}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}
CRAWLED_TYPES = {"text/html", "text/css", "text/xml", "application/xml", *FEED_TYPES}


@dataclass(frozen=True)
class Ref:
    """One URL a document refers to: what kind of reference it is, and the URL as written."""

    kind: str
    url: str


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    url: str


def fetch(url: str) -> Response:
    """GET `url` from the local server, following redirects (a folder without its slash)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return Response(answer.status, answer.headers.get_content_type(), answer.read(), answer.geturl())
    except HTTPError as error:
        return Response(error.code, error.headers.get_content_type(), error.read(), url)


def html_refs(page: HtmlElement) -> list[Ref]:
    """Every URL an HTML page links to or loads."""
    refs = [Ref("link", str(u)) for u in page.xpath("//a/@href | //area/@href")]
    for link in page.xpath("//link[@href]"):
        rel = set(str(link.get("rel", "")).lower().split())
        kind = "canonical" if "canonical" in rel else "asset"
        if "alternate" in rel and link.get("type") in FEED_TYPES:
            kind = "feed"
        refs.append(Ref(kind, str(link.get("href"))))
    loaded = page.xpath(
        "//script/@src | //img/@src | //source/@src | //video/@poster | //audio/@src"
        " | //iframe/@src | //embed/@src | //object/@data | //input[@type='image']/@src"
    )
    refs += [Ref("asset", str(u)) for u in loaded]
    for srcset in page.xpath("//img/@srcset | //source/@srcset"):
        refs += [Ref("asset", part.split()[0]) for part in str(srcset).split(",") if part.strip()]
    for meta in page.xpath("//meta[@property or @name]"):
        social = SOCIAL_META.get(str(meta.get("property") or meta.get("name")))
        if social:
            refs.append(Ref(social, str(meta.get("content", ""))))
    for config in page.xpath("//script[@id='__config']/text()"):
        settings = json.loads(str(config))  # Material's base URL and its search worker
        refs += [Ref("asset", settings["base"].rstrip("/") + "/"), Ref("asset", settings["search"])]
    return refs


def css_refs(text: str) -> list[Ref]:
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", text)
    return [Ref("asset", u) for u in urls]


def feed_refs(response: Response) -> list[Ref]:
    """Links in an RSS/Atom feed (read by feedparser) or a JSON Feed, including in entry content."""
    if response.url.endswith(".json"):
        feed = json.loads(response.body)
        urls = [feed.get("home_page_url"), feed.get("feed_url"), feed.get("icon"), feed.get("favicon")]
        items = feed.get("items", [])
        urls += [i.get(key) for i in items for key in ("url", "external_url", "image", "banner_image")]
        html = [i.get("content_html", "") for i in items]
    else:
        parsed = feedparser.parse(response.body)
        urls = [parsed.feed.get("link"), parsed.feed.get("image", {}).get("href")]
        urls += [link.get("href") for link in parsed.feed.get("links", [])]
        for entry in parsed.entries:
            urls += [entry.get("link"), *(link.get("href") for link in entry.get("links", []))]
            urls += [media.get("url") for media in entry.get("media_content", [])]
        html = [
            c.value for e in parsed.entries for c in [*e.get("content", []), e.get("summary_detail")] if c
        ]
    refs = [Ref("feed link", str(u)) for u in urls if u]
    for fragment in html:
        if fragment.strip():
            refs += [
                Ref("feed link", r.url) for r in html_refs(parse(fragment)) if r.kind in ("link", "asset")
            ]
    return refs


@dataclass
class Crawl:
    """A crawl of a served site from its home page, collecting problems rather than stopping at the first."""

    served: Served
    site_url: str
    problems: list[str] = field(default_factory=list)
    pages: dict[str, HtmlElement] = field(default_factory=dict)
    responses: dict[str, Response] = field(default_factory=dict)
    queue: deque[str] = field(default_factory=deque)

    def get(self, url: str) -> Response:
        if url not in self.responses:
            self.responses[url] = fetch(url)
        return self.responses[url]

    def local(self, ref: Ref, base: str) -> str | None:
        """The served address `ref` stands for, or None for another site's URL (not ours to check)."""
        if ref.url.startswith(SKIPPED_SCHEMES):
            return None
        parts = urlsplit(ref.url)
        if parts.scheme and parts.netloc != urlsplit(self.site_url).netloc:
            return None
        if parts.scheme:
            served_origin = self.served.url.removesuffix(self.served.prefix)
            return served_origin + parts.path + (f"?{parts.query}" if parts.query else "")
        return urljoin(base, ref.url)

    def check(self, ref: Ref, base: str, where: str) -> None:
        if ref.kind in ABSOLUTE_KINDS and not ref.url.startswith(self.site_url):
            self.problems.append(
                f"{where}: {ref.kind} {ref.url!r} is not an absolute URL under {self.site_url}"
            )
            return
        target = self.local(ref, base)
        if target is None:
            return
        address, fragment = urldefrag(target)
        if not urlsplit(address).path.startswith(self.served.prefix):
            self.problems.append(f"{where}: {ref.kind} {ref.url!r} points outside {self.served.prefix}")
            return
        response = self.get(address)
        if response.status != 200:
            self.problems.append(f"{where}: {ref.kind} {ref.url!r} answers {response.status}")
            return
        self.follow(address, response)
        if fragment and ref.kind == "link" and address in self.pages:
            self.check_anchor(self.pages[address], fragment, f"{where}: link {ref.url!r}")

    def check_anchor(self, page: HtmlElement, fragment: str, where: str) -> None:
        if not page.xpath("//*[@id=$f] | //a[@name=$f]", f=fragment):
            self.problems.append(f"{where}: no element with id {fragment!r} on the page")

    def follow(self, address: str, response: Response) -> None:
        """Queue a newly reached page or stylesheet or feed to have its own references checked."""
        seen = address in self.pages or address in self.queue
        if not seen and response.content_type in CRAWLED_TYPES:
            if response.content_type == "text/html":
                self.pages[address] = parse(response.body.decode("utf-8"))
            self.queue.append(address)

    def run(self, start: str) -> Crawl:
        response = self.get(start)
        assert response.status == 200, (start, response.status)
        self.follow(start, response)
        done: set[str] = set()
        while self.queue:
            address = self.queue.popleft()
            if address not in done:
                done.add(address)
                self.check_document(address, self.responses[address])
        return self

    def check_document(self, address: str, response: Response) -> None:
        where = urlsplit(address).path
        page = None
        if response.content_type == "text/html":
            page = self.pages[address] if address in self.pages else parse(response.body.decode("utf-8"))
            refs = html_refs(page)
        elif response.content_type == "text/css":
            refs = css_refs(response.body.decode("utf-8"))
        elif address.endswith("sitemap.xml"):
            return
        else:
            refs = feed_refs(response)
        for ref in refs:
            if ref.url.startswith("#") and page is not None:
                if ref.url != "#":
                    self.check_anchor(page, ref.url[1:], f"{where}: link {ref.url!r}")
                continue
            self.check(ref, response.url, where)


def built_pages(site: Site, served: Served) -> set[str]:
    """The served address of every HTML page in the build, but the 404 page (reached only by a miss)."""
    pages = set()
    for path in site.out.rglob("*.html"):
        rel = path.relative_to(site.out).as_posix()
        if rel != "404.html":
            pages.add(served.url + rel.removesuffix("index.html"))
    return pages


def assert_whole_site_works(site: Site, served: Served, site_url: str) -> Crawl:
    crawl = Crawl(served, site_url).run(served.url)
    assert crawl.problems == []
    reached = {address.partition("?")[0] for address in crawl.pages}
    assert reached == built_pages(site, served), "every page is reached from the home page"
    return crawl


def test_every_link_asset_feed_and_social_image_works_under_a_project_sub_path(
    pages_site: Site, served_pages_site: Served
) -> None:
    crawl = assert_whole_site_works(pages_site, served_pages_site, "https://example.github.io/coach-blog/")
    content = pages_site.content()
    reached = {address.partition("?")[0] for address in crawl.pages}
    own_pages = [t.url for t in content.tips] + [c.url for c in content.coaches]
    assert own_pages and {served_pages_site.page_url(url) for url in own_pages} <= reached
    assert all(urlsplit(r).path.startswith("/coach-blog/") for r in served_pages_site.requests)


def test_every_sitemap_entry_is_a_page_under_the_site_url(
    pages_site: Site, served_pages_site: Served
) -> None:
    sitemap = etree.fromstring((pages_site.out / "sitemap.xml").read_bytes())
    locations = [str(loc) for loc in sitemap.xpath("//*[local-name()='loc']/text()")]
    crawl = Crawl(served_pages_site, "https://example.github.io/coach-blog/")
    for location in locations:
        crawl.check(Ref("canonical", location), served_pages_site.url, "sitemap.xml")
    assert crawl.problems == []
    assert {a.partition("?")[0] for a in crawl.pages} == built_pages(pages_site, served_pages_site)


@pytest.mark.parametrize("missing", ["missing", "a/missing.html", "a/b/c/missing", "tips/no-such-tip/"])
def test_a_missing_page_at_any_depth_gets_the_404_page_with_working_links(
    served_pages_site: Served, missing: str
) -> None:
    address = served_pages_site.page_url(missing)
    response = fetch(address)
    assert response.status == 404
    page = parse(response.body.decode("utf-8"))
    assert "404" in " ".join(page.xpath("//h1//text()"))
    crawl = Crawl(served_pages_site, "https://example.github.io/coach-blog/")
    crawl.responses[address] = response
    crawl.check_document(address, response)
    assert crawl.problems == []
    assert len(crawl.responses) > 5  # the stylesheets, script, favicon and nav links were all checked


def test_the_404_page_links_by_absolute_paths_from_the_site_url(pages_site: Site) -> None:
    # MkDocs writes the 404 page's links from site_url's path, so they work at any depth.
    page = parse((pages_site.out / "404.html").read_text(encoding="utf-8"))
    internal = [r.url for r in html_refs(page) if not urlsplit(r.url).scheme and not r.url.startswith("#")]
    assert internal
    assert [u for u in internal if not u.startswith("/coach-blog/")] == []


def test_a_site_url_without_its_final_slash_still_gives_the_sub_path(
    repo_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # actions/configure-pages gives base_url without a final slash; the workflow passes it as SITE_URL.
    monkeypatch.setenv("SITE_URL", "https://example.github.io/coach-blog")
    assert repo_site.config()["site_url"] == "https://example.github.io/coach-blog/"


def test_the_site_works_at_the_root_of_a_custom_domain(repo_site: Site) -> None:
    site = repo_site
    site.build(site_url="https://tips.example.org/")
    assert site.warnings == []
    with serve(site.out, "/") as served:
        crawl = assert_whole_site_works(site, served, "https://tips.example.org/")
        missing = fetch(served.page_url("a/b/c/missing"))
        assert missing.status == 404
        crawl.check_document(served.page_url("a/b/c/missing"), missing)
    assert crawl.problems == []
    canonical = crawl.pages[served.url].xpath("//link[@rel='canonical']/@href")
    assert canonical == ["https://tips.example.org/"]


def test_the_crawl_reports_each_kind_of_broken_reference(tmp_path: Path) -> None:
    (tmp_path / "style.css").write_text("body { background: url(missing.png); }", encoding="utf-8")
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "index.html").write_text("<p id='here'>fine</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        "<html><head><link rel='canonical' href='index.html'><link rel='stylesheet' href='style.css'>"
        "<meta property='og:image' content='https://elsewhere.example/card.png'></head><body>"
        "<a href='ok/'>fine</a> <a href='ok/#here'>fine</a> <a href='ok/#gone'>anchor</a>"
        "<a href='nowhere/'>missing</a> <a href='/other-repo/'>outside</a> <a href='#top'>top</a>"
        "<a href='https://example.github.io/coach-blog/ok/'>absolute, fine</a>"
        "<img src='https://example.github.io/elsewhere.png' alt=''></body></html>",
        encoding="utf-8",
    )
    with serve(tmp_path, "/coach-blog/") as served:
        problems = Crawl(served, "https://example.github.io/coach-blog/").run(served.url).problems
    assert sorted(problems) == sorted(
        [
            "/coach-blog/: canonical 'index.html' is not an absolute URL under https://example.github.io/coach-blog/",
            "/coach-blog/: social image 'https://elsewhere.example/card.png' is not an absolute URL under "
            "https://example.github.io/coach-blog/",
            "/coach-blog/: link 'ok/#gone': no element with id 'gone' on the page",
            "/coach-blog/: link 'nowhere/' answers 404",
            "/coach-blog/: link '/other-repo/' points outside /coach-blog/",
            "/coach-blog/: link '#top': no element with id 'top' on the page",
            "/coach-blog/: asset 'https://example.github.io/elsewhere.png' points outside /coach-blog/",
            "/coach-blog/style.css: asset 'missing.png' answers 404",
        ]
    )
