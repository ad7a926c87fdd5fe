"""The plain modules alone, without building a site: URLs, dates and front matter."""

from __future__ import annotations

import datetime as dt
import itertools
import posixpath

import pytest

from coachblog.errors import ContentError
from coachblog.posts.catalog import Catalog
from coachblog.posts.frontmatter import read_front_matter
from coachblog.posts.pages import SitePosts, SiteSettings, archive_number, split_pages
from coachblog.posts.post import Post, PostSettings, to_datetime
from coachblog.urls import LinksFrom, relative_url


@pytest.mark.parametrize(
    ("target", "base", "expected"),
    [
        ("tips/a/", "tips/", "a/"),
        ("tags/winter/", "tips/a/", "../../tags/winter/"),
        ("", "tags/winter/", "../../"),
        ("tips/a/", "", "tips/a/"),
        ("tips/a/", "tips/a/", "./"),
        ("tips/a.html", "tags/winter.html", "../tips/a.html"),
        ("tips/a.html", "tips/index.html", "a.html"),
    ],
)
def test_relative_url_links_pages_from_anywhere(target: str, base: str, expected: str) -> None:
    assert relative_url(target, base) == expected


def relpath_link(target: str, base: str) -> str:
    """The link rule spelt out with posixpath.relpath, to check the faster code against."""
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    rel = posixpath.relpath("/" + target, "/" + base_dir)
    if target.endswith("/") or not target:
        rel = rel.rstrip("/") + "/"
    return "./" if rel in {"./", "/"} else rel


def test_links_from_a_page_follow_posixpath_relpath_for_every_kind_of_url() -> None:
    names = ["", "tips", "tags", "a", "index.html", "a.html", ".", ".."]
    # Every URL of one and two parts, and every seventh of three (all 584 against all: 6 s for no more kinds).
    deep = list(itertools.product(names, repeat=3))[::7]
    shallow = [parts for n in (1, 2) for parts in itertools.product(names, repeat=n)]
    urls = sorted({"/".join(parts) for parts in shallow + deep})
    for base in urls:
        links = LinksFrom(base)
        for target in urls:
            expected = relpath_link(target, base)
            assert relative_url(target, base) == expected, (target, base)
            assert links.to(target) == expected, (target, base)
            assert links.to(target) == expected, (target, base)  # the remembered link


def test_a_bare_date_is_published_at_the_default_hour_in_the_site_time_zone() -> None:
    when = to_datetime("2025-07-01", PostSettings("Europe/London", 9))
    assert when == dt.datetime(2025, 7, 1, 8, 0, tzinfo=dt.UTC)


def test_a_date_with_a_time_and_offset_keeps_its_offset() -> None:
    when = to_datetime("2025-11-20T07:30:00+01:00", PostSettings())
    assert when is not None and when.utcoffset() == dt.timedelta(hours=1)


def test_front_matter_keeps_the_line_of_each_field() -> None:
    fm = read_front_matter("---\ntitle: A\n\nsummary: B\n---\nbody\n", "tips/a.md")
    assert fm.lines == {"title": 2, "summary": 4}
    assert fm.values["summary"] == "B"


def test_dates_stay_text_so_a_bad_one_gets_our_own_message() -> None:
    fm = read_front_matter("---\ndate: 2025-13-01\n---\n", "tips/a.md")
    assert fm.values["date"] == "2025-13-01"


def test_a_file_without_front_matter_has_none() -> None:
    assert read_front_matter("# Just a page\n", "a.md").values == {}


def test_front_matter_that_is_a_list_is_refused() -> None:
    with pytest.raises(ContentError, match="is not a list of 'field: value' lines"):
        read_front_matter("---\n- a\n- b\n---\n", "tips/a.md")


def made_post(n: int, tags: tuple[str, ...] = (), draft: bool = False) -> Post:
    """Post number `n`, published `n` days after the first: a greater number is a newer post."""
    when = dt.datetime(2025, 1, 1, 9, tzinfo=dt.UTC) + dt.timedelta(days=n)
    return Post("tip", f"tip-{n:04}", f"tips/tip-{n:04}.md", f"Tip {n}", "Summary.", when, tags, draft=draft)


@pytest.mark.parametrize("per_page", [1, 2, 3, 5, 24])
def test_older_pages_keep_their_posts_whatever_is_added_after_them(per_page: int) -> None:
    before: dict[int, list[Post]] = {}
    for total in range(0, 4 * per_page + 3):
        posts = [made_post(n) for n in range(total, 0, -1)]  # newest first
        pages = split_pages(posts, per_page)
        assert [p for page in pages for p in page] == posts
        assert len(pages[0]) == min(per_page, total) and all(1 <= len(page) <= per_page for page in pages[1:])
        now = {archive_number(position, len(pages)): page for position, page in enumerate(pages[1:], 2)}
        assert sorted(now) == list(range(1, len(pages)))
        for number, page in before.items():
            if len(page) == per_page:
                assert now[number] == page, (total, number)
            else:  # the newest older page gains the posts that leave the first page, on top
                assert now[number][-len(page) :] == page, (total, number)
        before = now


def test_related_posts_share_most_tags_then_are_newest_and_leave_out_drafts_and_the_post() -> None:
    posts = [
        made_post(1, ("a", "b", "c")),
        made_post(2, ("a", "b")),
        made_post(3, ("c",)),
        made_post(4, ("b", "a", "b")),  # a tag written twice counts once
        made_post(5, ("a", "b", "c"), draft=True),
        made_post(6, ("d",)),
        made_post(7, ("a", "b", "c")),
    ]
    catalog = Catalog(posts)
    first, second, third, fourth, _, sixth, seventh = posts
    assert catalog.related(seventh) == [first, fourth, second]
    assert catalog.related(seventh, 2, [first]) == [fourth, second]
    assert catalog.related(third) == [seventh, first]
    assert catalog.related(sixth) == []
    assert catalog.related(posts[4], 5) == [seventh, first, fourth, second, third]


def test_page_meta_hides_the_docs_frame_and_links_the_pages_of_a_list() -> None:
    sources = [
        (f"tips/tip-{n}.md", f"---\ntitle: T{n}\nsummary: S.\ndate: 2025-01-0{n}\n---\n") for n in (1, 2, 3)
    ]
    site = SitePosts(SiteSettings(posts_per_page=1), sources)
    reading = ["navigation", "toc"]
    assert site.page_meta("tips/index.md") == {"hide": reading, "coachblog_pager": {"next": "tips/page/2/"}}
    assert site.page_meta("tips/page/2/index.md") == {
        "hide": reading,
        "coachblog_pager": {"prev": "tips/", "next": "tips/page/1/"},
    }
    assert site.page_meta("tips/page/1/index.md") == {
        "hide": reading,
        "coachblog_pager": {"prev": "tips/page/2/"},
    }
    assert site.page_meta("tips/tip-1.md")["hide"] == reading
    assert site.page_meta("tags/index.md") == {}
