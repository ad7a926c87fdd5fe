"""RSS, Atom and JSON feeds, read back from real builds with feedparser and json."""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
from lxml import html as lxml_html

from tests.content import post, write_posts
from tests.helpers import BuildFailed, Site, by_class, cards_at, parse, texts

FORMATS = ("feed.xml", "atom.xml", "feed.json")
ORIGIN = "https://example.org/blog/"  # minimal_site's site_url


def parsed(site: Site, path: str) -> Any:
    """The feed at site-relative `path`, parsed by feedparser, which must find nothing wrong."""
    result = feedparser.parse((site.out / path).read_bytes())
    assert not result.bozo, (path, result.get("bozo_exception"))
    return result


def json_feed(site: Site, path: str = "feed.json") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site.out / path).read_text(encoding="utf-8"))
    return data


def entry_links(site: Site, path: str) -> list[str]:
    """The entries' permalinks, in document order, whatever the format."""
    if path.endswith(".json"):
        return [item["url"] for item in json_feed(site, path)["items"]]
    return [entry.link for entry in parsed(site, path).entries]


@pytest.fixture
def three_tips(make_site: Callable[..., Site]) -> Site:
    site = make_site()
    return write_posts(
        site,
        post("old", "2025-10-01", tags="[winter]"),
        post("mid", "2025-10-15"),
        post("new", "2025-11-01", tags="[winter, routes]"),
    )


def test_the_site_feeds_carry_the_newest_listed_posts_newest_first_in_each_format(
    built_repo_site: Site,
) -> None:
    content = built_repo_site.content()
    listed = {built_repo_site.site_url + p.url: p for p in content.listed}
    for name in FORMATS:
        shown = [listed[link] for link in entry_links(built_repo_site, name)]
        assert len(shown) == min(content.max_entries, len(listed)), name
        assert [p.published for p in shown] == sorted((p.published for p in shown), reverse=True), name
        left_out = [p for p in listed.values() if p not in shown]
        assert all(p.published <= shown[-1].published for p in left_out), name
    rss = [(e.link, e.published_parsed) for e in parsed(built_repo_site, "feed.xml").entries]
    for link, published in rss:
        assert dt.datetime.fromtimestamp(calendar.timegm(published), dt.UTC) == listed[link].published


PLUGIN_PART = "contains(@class, 'cb-')"  # the plugin's own elements: header, tip navigation, share box


def body_paragraphs(site: Site, url: str) -> list[str]:
    """The text of each paragraph a post's page shows of its own Markdown (not the plugin's parts)."""
    page = parse(site.html(url))
    return texts(
        page, f"//article[{by_class('md-content__inner')}]//p[not(ancestor-or-self::*[{PLUGIN_PART}])]"
    )


def text_of(fragment: str) -> str:
    return " ".join(lxml_html.fragment_fromstring(fragment, create_parent="div").text_content().split())


def test_entries_carry_the_full_text_and_summary_of_the_post(built_repo_site: Site) -> None:
    content = built_repo_site.content()
    rss = parsed(built_repo_site, "feed.xml").entries
    atom = {e.link: e for e in parsed(built_repo_site, "atom.xml").entries}
    items = {i["url"]: i for i in json_feed(built_repo_site)["items"]}
    assert rss
    for entry in rss:
        post = content.post(entry.link.removeprefix(built_repo_site.site_url))
        paragraphs = body_paragraphs(built_repo_site, post.url)
        assert paragraphs, post.path
        for html in (
            entry.content[0].value,
            atom[entry.link].content[0].value,
            items[entry.link]["content_html"],
        ):
            text = text_of(html)
            assert [p for p in paragraphs if p not in text] == [], post.path
        summary = " ".join(post.summary.split())
        assert entry.summary == atom[entry.link].summary == items[entry.link]["summary"] == summary
        # the page's furniture (header meta, tip navigation, "¶" anchors) stays on the page
        for html in (entry.content[0].value, items[entry.link]["content_html"]):
            assert "cb-tip-nav" not in html and "headerlink" not in html and "¶" not in html


def test_an_article_entry_lists_its_tips_with_absolute_links(built_repo_site: Site) -> None:
    content = built_repo_site.content()
    base = built_repo_site.site_url
    entries = {e.link: e for e in parsed(built_repo_site, "feed.xml").entries}
    articles = [a for a in content.articles if base + a.url in entries and content.article_tips(a.slug)]
    for article in articles:
        html = entries[base + article.url].content[0].value
        links = lxml_html.fragment_fromstring(html, create_parent="div").xpath("//a/@href")
        assert [base + t.url for t in content.article_tips(article.slug)] == [
            link for link in links if link.startswith(base + "tips/")
        ][: len(content.article_tips(article.slug))]
        assert "<!-- tip-list -->" not in html


def test_entries_have_title_guid_categories_and_author(built_repo_site: Site) -> None:
    content = built_repo_site.content()
    base, author = built_repo_site.site_url, built_repo_site.config()["site_author"]
    rss = parsed(built_repo_site, "feed.xml").entries
    atom = {e.link: e for e in parsed(built_repo_site, "atom.xml").entries}
    items = {i["url"]: i for i in json_feed(built_repo_site)["items"]}
    assert rss and author
    for entry in rss:
        post = content.post(entry.link.removeprefix(base))
        assert entry.title == atom[entry.link].title == items[entry.link]["title"] == post.title
        assert entry.id == entry.link == base + post.url
        assert atom[entry.link].id == entry.link and items[entry.link]["id"] == entry.link
        assert [t.term for t in entry.get("tags", [])] == list(post.tags)
        assert [t.term for t in atom[entry.link].get("tags", [])] == list(post.tags)
        assert items[entry.link].get("tags", []) == list(post.tags)
        assert entry.author == atom[entry.link].author == author  # dc:creator, from site_author


def test_the_channel_names_the_site_and_its_own_address(built_repo_site: Site) -> None:
    base, config = built_repo_site.site_url, built_repo_site.config()
    rss = parsed(built_repo_site, "feed.xml").feed
    assert rss.title == config["site_name"]
    assert rss.link == base
    assert rss.subtitle == config["site_description"]
    assert rss.language == config["theme"]["language"]
    favicon = base + config["theme"]["favicon"]
    assert rss.image.href == favicon
    assert {"rel": "self", "href": base + "feed.xml", "type": "application/rss+xml"} in rss.links
    atom = parsed(built_repo_site, "atom.xml").feed
    assert atom.id == base + "atom.xml"
    assert atom.icon == favicon
    assert {"rel": "self", "href": base + "atom.xml", "type": "application/atom+xml"} in atom.links
    assert json_feed(built_repo_site)["feed_url"] == base + "feed.json"


WINTER = """---
title: Winter running
summary: Ideas for dark mornings.
date: 2025-11-01
tags: [winter]
---

Before the list.

<!-- tip-list -->

After the list.
"""


def test_an_entry_says_exactly_what_the_post_says(make_site: Callable[..., Site]) -> None:
    site = make_site(extra_config={"site_author": "Coach Team"})
    site.write("articles/winter.md", WINTER)
    body = "First paragraph.\n\n## A heading\n\nLast paragraph of the tip."
    write_posts(
        site,
        post("first", "2025-11-03", tags="[winter, routes]", body=body, extra="article: winter\norder: 1\n"),
        post("second", "2025-11-02", extra="article: winter\norder: 2\n"),
    )
    site.build()
    rss = parsed(site, "feed.xml").entries
    assert [e.link for e in rss] == [
        ORIGIN + "tips/first/",
        ORIGIN + "tips/second/",
        ORIGIN + "articles/winter/",
    ]
    first, _, winter = rss
    assert (first.title, first.summary, first.author) == ("First", "Summary of first.", "Coach Team")
    assert [t.term for t in first.tags] == ["winter", "routes"]
    assert (
        text_of(first.content[0].value)
        == "Summary of first. First paragraph. A heading Last paragraph of the tip."
    )
    assert "headerlink" not in first.content[0].value and "cb-tip-nav" not in first.content[0].value
    links = lxml_html.fragment_fromstring(winter.content[0].value, create_parent="div").xpath("//a/@href")
    assert links == [ORIGIN + "tips/first/", ORIGIN + "tips/second/"]
    assert text_of(winter.content[0].value) == (
        "Ideas for dark mornings. Before the list. First: Summary of first. "
        "Second: Summary of second. After the list."
    )
    item = json_feed(site)["items"][0]
    assert (item["title"], item["summary"], item["tags"]) == (
        "First",
        "Summary of first.",
        ["winter", "routes"],
    )
    assert item["content_html"] == first.content[0].value


def test_last_build_date_is_the_newest_entrys_date_not_the_clock(three_tips: Site) -> None:
    three_tips.write(*post("mid", "2025-10-15", extra="updated: 2025-11-05 18:30\n"))
    three_tips.build()
    rss = parsed(three_tips, "feed.xml")
    assert rss.feed.updated == "Wed, 05 Nov 2025 18:30:00 +0000"
    atom = parsed(three_tips, "atom.xml")
    assert atom.feed.updated == "2025-11-05T18:30:00+00:00"
    mid = next(e for e in atom.entries if e.link.endswith("/mid/"))
    assert (mid.published, mid.updated) == ("2025-10-15T09:00:00+01:00", "2025-11-05T18:30:00+00:00")
    item = next(i for i in json_feed(three_tips)["items"] if i["url"].endswith("/mid/"))
    assert item["date_modified"] == "2025-11-05T18:30:00+00:00"


def test_dates_keep_the_site_time_zone_and_the_default_hour(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin_options={"timezone": "Europe/Paris", "default_hour": 7})
    write_posts(
        site,
        post("summer", "2025-07-01"),
        post("winter", "2025-12-01"),
        post("exact", "'2025-09-10 18:45'"),
        post("offset", "'2025-08-01T06:00:00-05:00'"),
    )
    site.build()
    expected = {
        "summer": ("Tue, 01 Jul 2025 07:00:00 +0200", "2025-07-01T07:00:00+02:00"),
        "winter": ("Mon, 01 Dec 2025 07:00:00 +0100", "2025-12-01T07:00:00+01:00"),
        "exact": ("Wed, 10 Sep 2025 18:45:00 +0200", "2025-09-10T18:45:00+02:00"),
        "offset": ("Fri, 01 Aug 2025 06:00:00 -0500", "2025-08-01T06:00:00-05:00"),
    }
    rss = {e.link.split("/")[-2]: e.published for e in parsed(site, "feed.xml").entries}
    atom = {e.link.split("/")[-2]: e.published for e in parsed(site, "atom.xml").entries}
    items = {i["url"].split("/")[-2]: i["date_published"] for i in json_feed(site)["items"]}
    for slug, (rfc822, rfc3339) in expected.items():
        assert (rss[slug], atom[slug], items[slug]) == (rfc822, rfc3339, rfc3339), slug
    assert list(rss) == ["winter", "exact", "offset", "summer"]


def test_max_entries_keeps_the_newest_posts(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin_options={"feeds": {"max_entries": 2}})
    write_posts(site, *(post(f"tip-{n}", f"2025-10-{n:02d}") for n in range(1, 6)))
    site.build()
    for name in FORMATS:
        assert [link.split("/")[-2] for link in entry_links(site, name)] == ["tip-5", "tip-4"], name
        assert len(entry_links(site, f"tags/routes/{name}")) == 2


def test_a_bad_max_entries_fails_the_build(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin_options={"feeds": {"max_entries": 0}})
    with pytest.raises(
        BuildFailed, match=r"'feeds': Sub-option 'max_entries': must be a whole number 1 or more, got 0"
    ):
        site.build()


def test_each_tag_has_feeds_with_only_its_posts(three_tips: Site) -> None:
    three_tips.build()
    for name in FORMATS:
        assert [u.split("/")[-2] for u in entry_links(three_tips, f"tags/winter/{name}")] == ["new", "old"]
        assert [u.split("/")[-2] for u in entry_links(three_tips, f"tags/routes/{name}")] == ["new", "mid"]
    rss = parsed(three_tips, "tags/winter/feed.xml").feed
    assert rss.title == "Test site: winter"
    assert rss.link == ORIGIN + "tags/winter/"
    assert {
        "rel": "self",
        "href": ORIGIN + "tags/winter/feed.xml",
        "type": "application/rss+xml",
    } in rss.links
    data = json_feed(three_tips, "tags/winter/feed.json")
    assert (data["home_page_url"], data["feed_url"]) == (
        ORIGIN + "tags/winter/",
        ORIGIN + "tags/winter/feed.json",
    )


def test_tag_feeds_can_be_turned_off(make_site: Callable[..., Site]) -> None:
    site = write_posts(make_site(plugin_options={"feeds": {"tag_feeds": False}}), post("one"))
    site.build()
    assert (site.out / "feed.xml").exists()
    assert not (site.out / "tags/routes/feed.xml").exists()
    assert "Subscribe to" not in site.html("tags/routes/")


def test_turning_feeds_off_writes_none_and_links_none(make_site: Callable[..., Site]) -> None:
    site = write_posts(make_site(plugin_options={"feeds": {"enabled": False}}), post("one"))
    site.build()
    assert [p.name for p in site.out.rglob("*.xml")] == ["sitemap.xml"]
    assert not list(site.out.rglob("feed.json"))
    assert not (site.out / "subscribe").exists()
    for page in ("", "tips/one/", "tags/routes/"):
        html = site.html(page)
        assert "application/rss+xml" not in html and "Subscribe" not in html, page


def test_drafts_stay_out_of_every_feed(three_tips: Site) -> None:
    three_tips.write(*post("hidden", "2025-12-01", tags="[winter]", extra="draft: true\n"))
    three_tips.build()
    for path in ("feed.xml", "atom.xml", "feed.json", "tags/winter/feed.xml"):
        assert not any("hidden" in link for link in entry_links(three_tips, path)), path


def test_tricky_text_comes_out_exactly(make_site: Callable[..., Site]) -> None:
    title = 'Hills & <b>dales</b> "fast" 🏃 Холмы'
    body = "Use `a < b && c > d` & run 🏃‍♀️ in Ελλάδα, 丘.\n\n<p>Raw &amp; fine</p>"
    site = write_posts(make_site(), post("odd", title=f"'{title.replace(chr(39), chr(39) * 2)}'", body=body))
    site.build()
    for name in ("feed.xml", "atom.xml"):
        entry = parsed(site, name).entries[0]
        assert entry.title == title, name
        assert "<code>a &lt; b &amp;&amp; c &gt; d</code>" in entry.content[0].value, name
        assert "run 🏃‍♀️ in Ελλάδα, 丘." in entry.content[0].value, name
    item = json_feed(site)["items"][0]
    assert item["title"] == title
    assert "<code>a &lt; b &amp;&amp; c &gt; d</code>" in item["content_html"]
    assert "<b>" not in (site.out / "feed.xml").read_text(encoding="utf-8")  # escaped, never markup


def test_a_site_with_no_posts_has_valid_empty_feeds_dated_by_the_build(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    built = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(built.timestamp())))
    site = make_site()
    site.build()
    rss = parsed(site, "feed.xml")
    assert rss.entries == [] and rss.feed.updated == "Wed, 04 Mar 2026 05:06:07 +0000"
    atom = parsed(site, "atom.xml")
    assert atom.entries == [] and atom.feed.updated == "2026-03-04T05:06:07+00:00"
    assert json_feed(site)["items"] == []


def test_feeds_need_a_site_url(make_site: Callable[..., Site]) -> None:
    site = make_site(extra_config={"site_url": None})
    with pytest.raises(BuildFailed, match=r"Feeds need absolute URLs: set site_url"):
        site.build()


def test_a_control_character_in_a_post_fails_with_its_line(make_site: Callable[..., Site]) -> None:
    site = write_posts(make_site(), post("ok"), post("bad", body="First line.\n\nSecond\x0c line."))
    with pytest.raises(BuildFailed, match=r"tips/bad\.md:10: has the invisible control character U\+000C"):
        site.build()


def test_plain_html_urls_give_html_links_in_the_feeds(make_site: Callable[..., Site]) -> None:
    site = write_posts(make_site(extra_config={"use_directory_urls": False}), post("one"))
    site.build()
    assert entry_links(site, "feed.xml") == [ORIGIN + "tips/one.html"]
    assert parsed(site, "tags/routes/feed.xml").feed.link == ORIGIN + "tags/routes.html"
    assert 'href="routes/feed.xml"' in site.html("tags/routes.html")


def test_a_rebuild_like_mkdocs_serve_starts_the_feeds_afresh(three_tips: Site) -> None:
    config = three_tips.config()
    three_tips.build(config)
    three_tips.write(*post("old", "2025-10-01", title="Renamed", tags="[winter]"))
    (three_tips.docs / "tips/mid.md").unlink()
    three_tips.build(config)  # the same config and plugin instance, as `mkdocs serve` reuses them
    titles = [e.title for e in parsed(three_tips, "feed.xml").entries]
    assert titles == ["New", "Renamed"]


def test_two_builds_with_one_source_date_epoch_give_identical_feeds(
    repo_site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feeds: list[dict[str, bytes]] = []
    for epoch, out in ((1800000000, "a"), (1800000000, "b"), (1900000000, "c")):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        repo_site.build(site_dir=str(tmp_path / out))
        files = [p for p in (tmp_path / out).rglob("*") if p.name in FORMATS]
        feeds.append({str(p.relative_to(tmp_path / out)): p.read_bytes() for p in files})
    every = len(list((tmp_path / "a").rglob("feed.xml")))  # the site's, each tag's, the directory's
    assert every >= 1 + len(list((tmp_path / "a/tags").glob("*/feed.xml")))
    assert len(feeds[0]) == 3 * every
    assert feeds[0] == feeds[1]
    assert feeds[0] == feeds[2]  # a later build time changes nothing: no clock in any feed


def test_a_post_dated_after_the_build_waits_until_its_date(
    three_tips: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    three_tips.write(*post("later", "2025-12-24", tags="[winter]"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 12, 1, tzinfo=dt.UTC).timestamp())))
    three_tips.build()
    assert not (three_tips.out / "tips/later").exists()  # not published at all (test_scheduled_posts.py)
    for path in ("feed.xml", "atom.xml", "feed.json", "tags/winter/feed.xml"):
        assert not any("later" in link for link in entry_links(three_tips, path)), path
    assert "later/" not in cards_at(three_tips, "tips/")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 12, 24, 9, tzinfo=dt.UTC).timestamp())))
    three_tips.build()
    assert entry_links(three_tips, "feed.xml")[0] == ORIGIN + "tips/later/"


def test_a_future_date_can_be_made_an_error(make_site: Callable[..., Site]) -> None:
    site = write_posts(make_site(plugin_options={"future_posts": "error"}), post("later", "2999-01-01"))
    with pytest.raises(BuildFailed) as failed:
        site.build()
    message = str(failed.value)
    assert "tips/later.md:4: field 'date': is in the future (got '2999-01-01')" in message
    assert "allowed: a date up to the build's time" in message
