"""The plain modules alone, without building a site: URLs, dates and front matter."""

from __future__ import annotations

import datetime as dt
import itertools
import posixpath

import pytest

from coachblog.errors import ContentError
from coachblog.posts.frontmatter import read_front_matter
from coachblog.posts.post import PostSettings, to_datetime
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
    urls = sorted({"/".join(parts) for n in (1, 2, 3) for parts in itertools.product(names, repeat=n)})
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
