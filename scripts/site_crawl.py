"""A crawl of a served site from its home page: every link, asset, feed, social image and canonical URL
must answer 200 and stay under the site's path, and nothing may be loaded from another site.

Used by scripts/check_site.py (the content gate that publishing waits for) and tests/test_serving.py.
The served site is anything with `url` (ending in '/') and `prefix` (the path it is served under), such
as static_server.serve's.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
from lxml import html as lxml_html
from lxml.html import HtmlElement


class ServedSite(Protocol):
    url: str
    prefix: str


def parse(text: str) -> HtmlElement:
    return lxml_html.fromstring(text)


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
# A <link> with one of these makes the browser fetch its address; others (me, author, prev...) only name one.
LOADING_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "prefetch", "modulepreload", "manifest"}
LOADING_RELS |= {"preconnect", "dns-prefetch", "prerender", "mask-icon"}
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
        kind = "canonical" if "canonical" in rel else "asset" if rel & LOADING_RELS else "link"
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

    served: ServedSite
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
        parts, site = urlsplit(ref.url), urlsplit(self.site_url)
        inside = parts.path == site.path.rstrip("/") or parts.path.startswith(site.path)
        if parts.scheme and (parts.netloc != site.netloc or not inside):
            return None  # another site, or another one on the same host (user.github.io/other-project/)
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
            if ref.kind == "asset" and not ref.url.startswith(SKIPPED_SCHEMES):
                self.problems.append(
                    f"{where}: loads {ref.url!r} from outside the site "
                    "(a page may load only the site's own files)"
                )
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
            if page.xpath("//*[@data-md-component='source']"):
                self.problems.append(
                    f'{where}: Material\'s repository widget (data-md-component="source") makes every '
                    "reader's browser ask api.github.com; overrides/partials/source.html keeps it a "
                    "plain link"
                )
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


def built_pages(out: Path, served: ServedSite) -> set[str]:
    """The served address of every HTML page in the build, but the 404 page (reached only by a miss)."""
    pages = set()
    for path in out.rglob("*.html"):
        rel = path.relative_to(out).as_posix()
        if rel != "404.html":
            pages.add(served.url + rel.removesuffix("index.html"))
    return pages
