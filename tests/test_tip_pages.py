"""Tip pages in small sites: slugs, rebuilds under `mkdocs serve`, drafts and adding a tip."""

from __future__ import annotations

from collections.abc import Callable

from tests.html import by_class, hrefs, parse
from tests.sitebuild import Site
from tests.test_front_matter_errors import tip


def card_links(site: Site, url: str) -> list[str]:
    return hrefs(parse(site.html(url)), f"//article[{by_class('cb-card')}]//h2/a")


def test_a_tip_in_a_sub_folder_is_served_at_its_slug(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/winter/dark-mornings.md", tip())
    site.write("tips/other.md", tip(slug="sunrise-runs"))
    site.build()
    assert (site.out / "tips/dark-mornings/index.html").exists()
    assert (site.out / "tips/sunrise-runs/index.html").exists()
    assert sorted(card_links(site, "tips/")) == ["dark-mornings/", "sunrise-runs/"]


def test_adding_one_markdown_file_adds_the_tip_everywhere(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/first.md", tip())
    site.build()
    site.write("tips/second.md", tip(date="2025-12-01", tags="[routes, winter]"))
    site.build()
    assert card_links(site, "tips/") == ["second/", "first/"]
    assert card_links(site, "tags/winter/") == ["../../tips/second/"]
    assert card_links(site, "")[0] == "tips/second/"


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
    assert card_links(site, "tags/routes/") == ["../../tips/second/", "../../tips/first/"]


def test_drafts_get_a_page_but_stay_out_of_lists(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/ready.md", tip())
    site.write("tips/not-yet.md", tip(draft="true"))
    site.build()
    assert (site.out / "tips/not-yet/index.html").exists()
    assert card_links(site, "tips/") == ["ready/"]


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
    assert card_links(site, "tips/index.html") == ["first.html"]
    assert card_links(site, "tags/routes.html") == ["../tips/first.html"]


def test_a_tag_only_a_draft_uses_is_shown_unlinked_on_the_draft(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/ready.md", tip())
    site.write("tips/not-yet.md", tip(draft="true", tags="[secret-plans]"))
    site.build()
    page = parse(site.html("tips/not-yet/"))
    assert [" ".join(t.split()) for t in page.xpath("//span[@class='cb-tag']/text()")] == ["secret-plans"]
    assert not (site.out / "tags/secret-plans").exists()
