"""Tip pages in small sites: slugs, `mkdocs serve` rebuilds, drafts, adding a tip, articles, newest tips."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.content import tip
from tests.helpers import Site, by_class, cards_at, hrefs, parse


def test_a_tip_in_a_sub_folder_is_served_at_its_slug(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/winter/dark-mornings.md", tip())
    site.write("tips/other.md", tip(slug="sunrise-runs"))
    site.build()
    assert (site.out / "tips/dark-mornings/index.html").exists()
    assert (site.out / "tips/sunrise-runs/index.html").exists()
    assert sorted(cards_at(site, "tips/")) == ["dark-mornings/", "sunrise-runs/"]


def test_adding_one_markdown_file_adds_the_tip_everywhere(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/first.md", tip())
    site.build()
    site.write("tips/second.md", tip(date="2025-12-01", tags="[routes, winter]"))
    site.build()
    assert cards_at(site, "tips/") == ["second/", "first/"]
    assert cards_at(site, "tags/winter/") == ["../../tips/second/"]
    assert cards_at(site, "")[0] == "tips/second/"


def test_a_rebuild_like_mkdocs_serve_shows_edits_without_duplicates(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/first.md", tip())
    site.write("tips/second.md", tip(date="2025-12-01"))
    config = site.config()
    site.build(config)
    site.write("tips/first.md", tip(title="Run it backwards"))
    site.build(config)  # the same config and plugin instance, as `mkdocs serve` reuses them
    page = parse(site.html("tips/"))
    titles = [" ".join(t.split()) for t in page.xpath(f"//article[{by_class('cb-card')}]//h2/a/text()")]
    assert titles == ["Reverse your route", "Run it backwards"]
    assert cards_at(site, "tags/routes/") == ["../../tips/second/", "../../tips/first/"]


def test_drafts_get_a_page_but_stay_out_of_lists(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/ready.md", tip())
    site.write("tips/not-yet.md", tip(draft="true"))
    site.build()
    assert (site.out / "tips/not-yet/index.html").exists()
    assert cards_at(site, "tips/") == ["ready/"]


def test_untidy_text_in_front_matter_is_escaped(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/odd.md", tip(title="'Hills & <b>dales</b> \"fast\" 🏃 Холмы'"))
    site.build()
    page = parse(site.html("tips/"))
    assert page.xpath("//b") == []
    title = page.xpath(f"//article[{by_class('cb-card')}]//h2/a")[0].text_content()
    assert title == 'Hills & <b>dales</b> "fast" 🏃 Холмы'


def test_plain_html_urls_work_too(make_site: Callable[..., Site]) -> None:
    site = make_site(extra_config={"use_directory_urls": False})
    site.write("tips/first.md", tip())
    site.build()
    assert cards_at(site, "tips/index.html") == ["first.html"]
    assert cards_at(site, "tags/routes.html") == ["../tips/first.html"]


def test_a_tag_only_a_draft_uses_is_shown_unlinked_on_the_draft(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/ready.md", tip())
    site.write("tips/not-yet.md", tip(draft="true", tags="[secret-plans]"))
    site.build()
    page = parse(site.html("tips/not-yet/"))
    assert [" ".join(t.split()) for t in page.xpath("//span[@class='cb-tag']/text()")] == ["secret-plans"]
    assert not (site.out / "tags/secret-plans").exists()


WINTER = """---
title: Winter running
summary: Three ideas for dark mornings.
date: 2025-11-01
---

Words before the list.

<!-- tip-list -->

Words after the list.
"""


@pytest.fixture
def article_site(make_site: Callable[..., Site]) -> Site:
    """An article with three tips, written out of order, and a tip of no article."""
    site = make_site()
    site.write("articles/winter.md", WINTER)
    for slug, order, date in (
        ("third", 3, "2025-11-02"),
        ("first", 1, "2025-11-04"),
        ("second", 2, "2025-11-03"),
    ):
        site.write(
            f"tips/{slug}.md",
            tip(title=slug.capitalize(), date=date, extra=f"article: winter\norder: {order}\n"),
        )
    site.write("tips/alone.md", tip(title="Alone"))
    site.build()
    return site


def test_an_article_lists_its_tips_in_their_order_where_its_marker_is(article_site: Site) -> None:
    html = article_site.html("articles/winter/")
    page = parse(html)
    items = page.xpath(f"//ol[{by_class('cb-article-tips')}]/li")
    assert [" ".join(li.text_content().split()) for li in items] == [
        "First: Run your loop the other way round.",
        "Second: Run your loop the other way round.",
        "Third: Run your loop the other way round.",
    ]
    assert hrefs(page, f"//ol[{by_class('cb-article-tips')}]/li/a") == [
        "../../tips/first/",
        "../../tips/second/",
        "../../tips/third/",
    ]
    body = " ".join(page.xpath("//article")[0].text_content().split())
    assert body.index("Words before the list.") < body.index("First:") < body.index("Words after the list.")
    assert "<!-- tip-list -->" not in html


def test_tips_of_an_article_link_their_neighbours_and_say_where_they_are(article_site: Site) -> None:
    first, second, third = (parse(article_site.html(f"tips/{s}/")) for s in ("first", "second", "third"))
    assert (hrefs(first, "//a[@rel='prev']"), hrefs(first, "//a[@rel='next']")) == ([], ["../second/"])
    assert (hrefs(second, "//a[@rel='prev']"), hrefs(second, "//a[@rel='next']")) == (
        ["../first/"],
        ["../third/"],
    )
    assert (hrefs(third, "//a[@rel='prev']"), hrefs(third, "//a[@rel='next']")) == (["../second/"], [])
    meta = " ".join(second.xpath("//p[@class='cb-meta']")[0].text_content().split())
    assert meta == "3 November 2025 · Tip 2 of 3 from Winter running"
    assert hrefs(second, "//p[@class='cb-meta']/a") == ["../../articles/winter/"]
    alone = parse(article_site.html("tips/alone/"))
    assert alone.xpath("//a[@rel='prev' or @rel='next']") == [] and "Tip " not in alone.text_content()


def test_the_newest_tips_marker_shows_as_many_tips_as_newest_count(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin_options={"newest_count": 2})
    for n in range(1, 4):
        site.write(f"tips/tip-{n}.md", tip(date=f"2025-11-0{n}"))
    site.write("articles/winter.md", WINTER.replace("2025-11-01", "2025-11-09"))  # newer, but no tip
    site.build()
    assert cards_at(site, "") == ["tips/tip-3/", "tips/tip-2/"]
