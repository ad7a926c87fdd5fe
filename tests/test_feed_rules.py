"""The rules the W3C feed validator applies most often, the JSON Feed 1.1 spec, and a project sub-path.

Checked on the project's own site built for https://example.github.io/coach-blog/ (`pages_site`).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree
from lxml import html as lxml_html
from PIL import Image

from tests.conftest import PAGES_SITE_URL
from tests.content import post, write_posts
from tests.helpers import Site

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
NS = {"atom": ATOM, "content": CONTENT}
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action", "longdesc", "background", "data")


def feed_files(site: Site, name: str) -> list[Path]:
    found = sorted(site.out.rglob(name))
    assert found, name
    return found


def location(site: Site, path: Path, base: str = PAGES_SITE_URL) -> str:
    """Where the file is served: the site's URL and its path in the build."""
    return base + path.relative_to(site.out).as_posix()


def urls_in_html(content: str) -> Iterator[str]:
    """Every URL an HTML fragment refers to: hrefs, srcs and each candidate of a srcset."""
    root = lxml_html.fragment_fromstring(content, create_parent="div")
    for element in root.iter():
        for name in URL_ATTRIBUTES:
            if element.get(name) is not None:
                yield element.get(name)
        for candidate in (element.get("srcset") or "").split(","):
            if candidate.strip():
                yield candidate.split()[0]


def assert_absolute(url: str, where: object) -> None:
    parts = urlsplit(url)
    assert parts.scheme in ("https", "http", "mailto") and (parts.netloc or parts.scheme == "mailto"), (
        url,
        where,
    )
    if parts.netloc == "example.github.io":
        assert url.startswith(PAGES_SITE_URL), (url, where)


def test_rss_self_link_guid_dates_and_namespaces_follow_the_validator(pages_site: Site) -> None:
    for path in feed_files(pages_site, "feed.xml"):
        root = etree.parse(str(path)).getroot()
        channel = root.find("channel")
        assert channel.find("atom:link[@rel='self']", NS).get("href") == location(pages_site, path)
        assert channel.findtext("link").startswith(PAGES_SITE_URL)
        dates = [channel.findtext("lastBuildDate")] + [i.findtext("pubDate") for i in channel.iter("item")]
        for date in dates:
            assert RFC822.match(date), (path, date)
            assert email.utils.parsedate_to_datetime(date).tzinfo is not None
        for item in channel.iter("item"):
            guid = item.find("guid")
            assert guid.get("isPermaLink") == "true"
            assert guid.text == item.findtext("link")
            assert_absolute(guid.text, path)
            assert item.findtext("title").strip() and item.findtext("description").strip()
        declared = set(root.nsmap.values())
        used = {etree.QName(el).namespace for el in root.iter() if etree.QName(el).namespace}
        assert used == declared, path  # every prefix used is declared on the root, none unused


def test_atom_ids_dates_self_link_and_authors_follow_the_validator(pages_site: Site) -> None:
    for path in feed_files(pages_site, "atom.xml"):
        root = etree.parse(str(path)).getroot()
        assert root.tag == f"{{{ATOM}}}feed" and set(root.nsmap.values()) == {ATOM}
        assert root.find("atom:link[@rel='self']", NS).get("href") == location(pages_site, path)
        assert root.findtext("atom:id", namespaces=NS) == location(pages_site, path)
        assert root.find("atom:author/atom:name", NS) is not None
        for date in root.iterfind(".//atom:updated", NS):
            assert RFC3339.match(date.text), (path, date.text)
        for entry in root.iterfind("atom:entry", NS):
            assert_absolute(entry.findtext("atom:id", namespaces=NS), path)
            assert RFC3339.match(entry.findtext("atom:published", namespaces=NS))
            assert entry.find("atom:content", NS).get("type") == "html"
            # a link with no rel is the alternate link (RFC 4287, 4.2.7.2); feedgen writes none
            alternate = entry.xpath("atom:link[not(@rel) or @rel='alternate']/@href", namespaces=NS)
            assert alternate == [entry.findtext("atom:id", namespaces=NS)]


def test_no_relative_url_in_any_entry_content(pages_site: Site) -> None:
    contents: list[tuple[Path, str]] = []
    for path in feed_files(pages_site, "feed.xml"):
        root = etree.parse(str(path)).getroot()
        contents += [(path, c.text) for c in root.iter(f"{{{CONTENT}}}encoded")]
    for path in feed_files(pages_site, "atom.xml"):
        contents += [(path, c.text) for c in etree.parse(str(path)).getroot().iter(f"{{{ATOM}}}content")]
    for path in feed_files(pages_site, "feed.json"):
        contents += [(path, i["content_html"]) for i in json.loads(path.read_text("utf-8"))["items"]]
    assert contents
    seen = 0
    for path, content in contents:
        for url in urls_in_html(content):
            assert_absolute(url, path)
            seen += 1
    site = pages_site.content()
    in_feed = {item.findtext("link") for item in etree.parse(str(pages_site.out / "feed.xml")).iter("item")}
    in_articles = sum(
        len(site.article_tips(a.slug)) for a in site.articles if PAGES_SITE_URL + a.url in in_feed
    )
    assert seen >= 3 * in_articles  # each article's tip list links its tips, in each of the three feeds


def test_json_feeds_have_the_fields_json_feed_1_1_requires(pages_site: Site) -> None:
    for path in feed_files(pages_site, "feed.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        assert isinstance(data["title"], str) and data["title"]
        assert data["feed_url"] == location(pages_site, path)
        assert data["home_page_url"].startswith(PAGES_SITE_URL)
        assert all(isinstance(a["name"], str) for a in data["authors"])
        assert data["language"] == "en"
        ids = [item["id"] for item in data["items"]]
        assert len(ids) == len(set(ids)) and all(isinstance(i, str) for i in ids)
        for item in data["items"]:
            assert item["url"] == item["id"] and item["url"].startswith(PAGES_SITE_URL)
            assert item["content_html"] and item["title"]
            assert RFC3339.match(item["date_published"])
            assert dt.datetime.fromisoformat(item["date_published"]).tzinfo is not None
            assert all(isinstance(t, str) for t in item.get("tags", []))
            assert set(item) <= {
                "id",
                "url",
                "title",
                "summary",
                "content_html",
                "date_published",
                "date_modified",
                "tags",
                "authors",
                "image",
            }


def test_every_url_in_every_feed_starts_with_the_sub_path(pages_site: Site) -> None:
    for name in ("feed.xml", "atom.xml"):
        for path in feed_files(pages_site, name):
            root = etree.parse(str(path)).getroot()
            urls = [el.get("href") for el in root.iter() if el.get("href")]
            named = ("link", "guid", "id", "url", "icon")
            urls += [el.text for el in root.iter() if etree.QName(el).localname in named and el.text]
            assert urls and all(u.startswith(PAGES_SITE_URL) for u in urls), (path, urls)
    for path in feed_files(pages_site, "feed.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        urls = [data["home_page_url"], data["feed_url"], data["favicon"]]
        urls += [u for item in data["items"] for u in (item["id"], item["url"])]
        assert all(u.startswith(PAGES_SITE_URL) for u in urls), path


@pytest.fixture
def sub_path_site(make_site: Callable[..., Site]) -> Site:
    """A small site at a project sub-path, with an image and links of every kind in a tip."""
    site = make_site(extra_config={"site_url": PAGES_SITE_URL})
    (site.docs / "images").mkdir()
    (site.docs / "images/hill.png").write_bytes(_tiny_png())
    body = (
        "See [the other tip](other.md), [its heading](other.md#why) or [this one's](#how).\n\n"
        "![A hill](../images/hill.png)\n\n"
        '<img src="../../images/hill.png" alt=""\n'
        'srcset="../../images/hill.png 1x, /coach-blog/images/hill.png 2x">\n\n'
        "[Mail](mailto:coach@example.org) and [elsewhere](https://example.net/page).\n\n## How\n\nText.\n"
    )
    return write_posts(
        site, post("linked", "2025-11-02", body=body), post("other", body="## Why\n\nBecause.")
    )


def _tiny_png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return buffer.getvalue()


def test_links_and_images_in_content_resolve_under_the_sub_path(sub_path_site: Site) -> None:
    sub_path_site.build()
    out = sub_path_site.out
    link = PAGES_SITE_URL + "tips/linked/"
    rss = etree.parse(str(out / "feed.xml")).getroot()
    atom = etree.parse(str(out / "atom.xml")).getroot()
    contents = {  # read raw: feedparser's sanitizer drops srcset
        "rss": rss.xpath("//item[link=$u]/content:encoded/text()", u=link, namespaces=NS)[0],
        "atom": atom.xpath("//atom:entry[atom:id=$u]/atom:content/text()", u=link, namespaces=NS)[0],
        "json": next(
            i for i in json.loads((out / "feed.json").read_text("utf-8"))["items"] if i["url"] == link
        )["content_html"],
    }
    image = PAGES_SITE_URL + "images/hill.png"
    for name, content in contents.items():
        assert list(urls_in_html(content)) == [
            PAGES_SITE_URL + "tips/other/",
            PAGES_SITE_URL + "tips/other/#why",
            link + "#how",
            image,  # Markdown image, written by MkDocs relative to the page
            image,  # raw HTML img src
            image,  # srcset, relative
            image,  # srcset, from the domain's root
            "mailto:coach@example.org",
            "https://example.net/page",
        ], name
    assert (out / "images/hill.png").exists()
