"""The feed modules alone, without building a site: absolute URLs, bad characters, future dates, writers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import feedparser
import pytest

from coachblog.errors import ContentError
from coachblog.feeds.absolute_html import absolutize, unreadable_characters
from coachblog.feeds.model import FeedPlaces, FeedSettings, build_time
from coachblog.feeds.site_feeds import Feeds
from coachblog.posts.catalog import Catalog
from coachblog.posts.frontmatter import read_front_matter
from coachblog.posts.post import Post, PostSettings, parse_post

PAGE = "https://example.github.io/coach-blog/tips/hills/"


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<a href="../flats/">x</a>', '<a href="https://example.github.io/coach-blog/tips/flats/">x</a>'),
        ('<a href="#why">x</a>', f'<a href="{PAGE}#why">x</a>'),
        ('<img src="../../img/a.png">', '<img src="https://example.github.io/coach-blog/img/a.png">'),
        ('<a href="/coach-blog/tags/">x</a>', '<a href="https://example.github.io/coach-blog/tags/">x</a>'),
        ('<a href="?page=2">x</a>', f'<a href="{PAGE}?page=2">x</a>'),
        ('<a href="//example.net/x">x</a>', '<a href="https://example.net/x">x</a>'),
        ('<a href="mailto:a@example.org">x</a>', '<a href="mailto:a@example.org">x</a>'),
        ('<a href="https://example.net/">x</a>', '<a href="https://example.net/">x</a>'),
        (
            '<img srcset="a.png 1x, ../b.png 2x" alt="">',
            f'<img srcset="{PAGE}a.png 1x, https://example.github.io/coach-blog/tips/b.png 2x" alt="">',
        ),
        (
            '<video poster="p.jpg" src="v.mp4"></video>',
            f'<video poster="{PAGE}p.jpg" src="{PAGE}v.mp4"></video>',
        ),
    ],
)
def test_every_relative_url_is_resolved_against_the_page(fragment: str, expected: str) -> None:
    assert absolutize(fragment, PAGE) == expected


def test_heading_anchors_go_and_text_stays_exact() -> None:
    html = '<h2 id="a">Hills &amp; dales<a class="headerlink" href="#a">¶</a></h2>\n<p>1 &lt; 2 🏃 Холмы</p>'
    assert absolutize(html, PAGE) == '<h2 id="a">Hills &amp; dales</h2>\n<p>1 &lt; 2 🏃 Холмы</p>'


def test_text_before_the_first_element_is_kept() -> None:
    assert (
        absolutize('Lead & <a href="x/">link</a> tail', PAGE)
        == f'Lead &amp; <a href="{PAGE}x/">link</a> tail'
    )


def test_control_characters_are_found_with_their_line() -> None:
    source = "---\ntitle: T\n---\n\nFine\ttabs\r\nand\x0bthis\n\nand \x1b here\n"
    problems = unreadable_characters("tips/x.md", source)
    assert [(p.line, p.message) for p in problems] == [
        (6, "has the invisible control character U+000B, which feeds cannot carry"),
        (8, "has the invisible control character U+001B, which feeds cannot carry"),
    ]
    assert unreadable_characters("tips/ok.md", "Tabs\tand\r\nnew lines and émoji 🏃\n") == []


NOW = dt.datetime(2025, 12, 1, 12, tzinfo=dt.UTC)


def _parse(date: str, future_posts: str = "draft") -> Post | list[object]:
    fm = read_front_matter(f"---\ntitle: T\nsummary: S\ndate: '{date}'\n---\n", "tips/t.md")
    return parse_post("tip", "t", fm, PostSettings("Europe/London", 9, future_posts, NOW))  # type: ignore[return-value]


def test_a_post_dated_after_the_build_is_a_scheduled_draft() -> None:
    later = _parse("2025-12-02")
    assert isinstance(later, Post) and later.draft and later.scheduled
    now = _parse("2025-12-01 12:00")  # exactly the build's time counts as published
    assert isinstance(now, Post) and not now.draft and not now.scheduled


def test_future_posts_error_reports_the_file_line_and_value() -> None:
    problems = _parse("2025-12-02", "error")
    assert isinstance(problems, list) and len(problems) == 1
    assert str(problems[0]) == (
        "tips/t.md:4: field 'date': is in the future (got '2025-12-02'); allowed: a date up to the "
        "build's time, 2025-12-01 12:00 UTC. Or set the plugin's 'future_posts: wait' to publish it "
        "on that date"
    )


def _feeds(posts: list[Post], **settings: object) -> Feeds:
    options = {
        "site_url": "https://example.org/blog",
        "title": "Blog & co",
        "description": "D",
        "language": "en",
        "author": "A",
        "places": FeedPlaces(),
    } | settings
    for p in posts:
        p.url = f"tips/{p.slug}/"
    return Feeds(FeedSettings(**options), Catalog(posts))  # type: ignore[arg-type]


def _post(slug: str, day: int, tags: tuple[str, ...] = ()) -> Post:
    when = dt.datetime(2025, 11, day, 9, tzinfo=dt.UTC)
    return Post("tip", slug, f"tips/{slug}.md", slug.title(), f"About {slug}", when, tags)


def test_a_site_url_without_its_final_slash_still_gives_urls_under_it() -> None:
    feeds = _feeds([_post("a", 1, ("x",))])
    assert feeds.channel().url("rss") == "https://example.org/blog/feed.xml"
    assert feeds.channel("x").home_url == "https://example.org/blog/tags/x/"
    assert feeds.links("x")["links"][0]["href"] == "https://example.org/blog/tags/x/feed.xml"


def test_the_writers_give_feeds_feedparser_accepts(tmp_path: Path) -> None:
    out = tmp_path
    posts = [_post("a", 1, ("x",)), _post("b", 2)]
    feeds = _feeds(posts)
    for post in posts:
        feeds.add_body(post, post.url, f"<p>Body of {post.slug} &amp; more</p>")
    written = feeds.write(out)
    assert sorted(p.relative_to(out).as_posix() for p in written) == [
        "atom.xml",
        "feed.json",
        "feed.xml",
        "tags/x/atom.xml",
        "tags/x/feed.json",
        "tags/x/feed.xml",
    ]
    for name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse((out / name).read_bytes())
        assert not parsed.bozo and parsed.feed.title == "Blog & co"
        assert [e.title for e in parsed.entries] == ["B", "A"]
    raw = (out / "feed.json").read_bytes()
    assert json.loads(raw)["items"][0]["content_html"] == "<p>About b</p>\n<p>Body of b &amp; more</p>"


def test_a_post_whose_page_never_rendered_is_an_error_not_an_empty_entry(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"tips/a\.md: was not rendered"):
        _feeds([_post("a", 1)]).write(tmp_path)


BUILT = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)


def test_a_channel_is_dated_by_its_newest_post_not_the_build() -> None:
    feeds = _feeds([_post("a", 1, ("x",)), _post("b", 7), _post("c", 3, ("x",))], built=BUILT)
    assert feeds.channel().updated == dt.datetime(2025, 11, 7, 9, tzinfo=dt.UTC)
    assert feeds.channel("x").updated == dt.datetime(2025, 11, 3, 9, tzinfo=dt.UTC)


def test_an_empty_channel_is_dated_by_the_build_not_1970(tmp_path: Path) -> None:
    _feeds([], built=BUILT).write(tmp_path)
    rss = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    atom = feedparser.parse((tmp_path / "atom.xml").read_bytes())
    assert not rss.bozo and not atom.bozo
    assert rss.feed.updated == "Wed, 04 Mar 2026 05:06:07 +0000"
    assert atom.feed.updated == "2026-03-04T05:06:07+00:00"
    raw = (tmp_path / "feed.json").read_text(encoding="utf-8")
    assert json.loads(raw)["items"] == [] and "1970" not in raw  # JSON Feed 1.1 has no feed date


def test_the_build_time_is_source_date_epoch_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT.timestamp())))
    assert build_time() == BUILT
    assert FeedSettings("https://example.org/", "T", "D", "en", "A").built == BUILT
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = dt.datetime.now(dt.UTC)
    assert before <= build_time() <= dt.datetime.now(dt.UTC)
