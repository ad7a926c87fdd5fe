"""The project's own site: the articles, one page per tip, the tip index and tag pages.

Runs on each variant of the site (tests/conftest.py); what to expect comes from the copy's own files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml.html import HtmlElement

from tests.helpers import Site, SourcePost, by_class, card_links, hrefs, list_pages, parse, site_path, texts

NEWEST_TIPS = "<!-- newest-tips -->"


def card_dates(page: HtmlElement) -> list[str]:
    return [str(d) for d in page.xpath(f"//article[{by_class('cb-card')}]//time/@datetime")]


def listed_cards(site: Site, url: str) -> tuple[list[str], list[str], list[str]]:
    """The site-relative links, dates and summaries of the cards on every page of a paged list."""
    links, dates, summaries = [], [], []
    for page_url, page in list_pages(site, url):
        links += [site_path(link, page_url) for link in card_links(page)]
        dates += card_dates(page)
        summaries += texts(page, f"//p[{by_class('cb-card__summary')}]")
    return links, dates, summaries


def test_every_tip_file_has_a_page_with_its_title_summary_and_date(built_repo_site: Site) -> None:
    tips = built_repo_site.content().tips
    assert tips
    for tip in tips:
        page = parse(built_repo_site.html(tip.url))
        assert texts(page, "//h1") == [tip.title], tip.path
        assert texts(page, f"//p[{by_class('cb-lead')}]") == [" ".join(tip.summary.split())], tip.path
        assert page.xpath("//p[@class='cb-meta']/time/@datetime") == [tip.published.date().isoformat()]


def test_a_post_dated_after_the_build_has_no_page_nor_any_trace(built_repo_site: Site) -> None:
    """Whatever the content: a post waiting for its date is in no page, sitemap, search index or feed."""
    waiting = built_repo_site.content().waiting
    everything = [p for p in built_repo_site.out.rglob("*") if p.suffix in (".html", ".xml", ".json")]
    texts_out = "\n".join(p.read_text(encoding="utf-8") for p in everything)
    for post in waiting:
        assert not (built_repo_site.out / post.url).exists(), post.path
        assert f"/{post.url}" not in texts_out and f'"{post.url}' not in texts_out, post.path


def test_every_listed_tip_is_a_card_in_the_index_newest_first(built_repo_site: Site) -> None:
    content = built_repo_site.content()
    links, dates, summaries = listed_cards(built_repo_site, "tips/")
    assert sorted(links) == sorted(t.url for t in content.listed_tips) and len(set(links)) == len(links)
    assert dates == sorted(dates, reverse=True)
    assert summaries == [" ".join(content.post(url).summary.split()) for url in links]
    per_page = (
        (built_repo_site.built_with or built_repo_site.config()).plugins["coachblog"].config.posts_per_page
    )
    assert len(card_links(parse(built_repo_site.html("tips/")))) == min(per_page, len(links))


def test_every_tag_page_lists_exactly_the_posts_with_that_tag(built_repo_site: Site) -> None:
    tagged = built_repo_site.content().tagged()
    assert tagged
    index = parse(built_repo_site.html("tags/"))
    nav = {site_path(h, "tags/") for h in hrefs(index, f"//nav[{by_class('cb-tag-nav')}]//a")}
    assert nav == {f"tags/{tag}/" for tag in tagged}
    for tag, urls in tagged.items():
        links, dates, _ = listed_cards(built_repo_site, f"tags/{tag}/")
        assert sorted(links) == sorted(urls), tag
        assert dates == sorted(dates, reverse=True), tag


def test_each_article_lists_its_tips_in_their_order_with_working_links(built_repo_site: Site) -> None:
    content = built_repo_site.content()
    with_tips = [a for a in content.articles if content.article_tips(a.slug)]
    assert with_tips or not any(t.article for t in content.tips)
    for article in with_tips:
        html = built_repo_site.html(article.url)
        page = parse(html)
        links = hrefs(page, f"//ol[{by_class('cb-article-tips')}]/li/a")
        assert [site_path(link, article.url) for link in links] == [
            t.url for t in content.article_tips(article.slug)
        ]
        titles = texts(page, f"//ol[{by_class('cb-article-tips')}]/li/a")
        assert titles == [t.title for t in content.article_tips(article.slug)]
        for link in links:
            assert (built_repo_site.out / article.url / link / "index.html").exists()
        assert "<!-- tip-list -->" not in html


def test_tips_link_to_the_previous_and_next_tip_of_their_article(built_repo_site: Site) -> None:
    content = built_repo_site.content()
    for article in content.articles:
        tips = content.article_tips(article.slug)
        for n, tip in enumerate(tips):
            page = parse(built_repo_site.html(tip.url))
            before: list[SourcePost] = tips[n - 1 : n] if n else []
            after = tips[n + 1 : n + 2]
            assert [site_path(h, tip.url) for h in hrefs(page, "//a[@rel='prev']")] == [t.url for t in before]
            assert [site_path(h, tip.url) for h in hrefs(page, "//a[@rel='next']")] == [t.url for t in after]
            meta = texts(page, "//p[@class='cb-meta']")[0]
            assert f"Tip {n + 1} of {len(tips)} from {article.title}" in meta, tip.path
    for tip in content.tips:
        if tip.article is None:
            assert parse(built_repo_site.html(tip.url)).xpath("//a[@rel='prev' or @rel='next']") == []


def test_pages_with_the_newest_tips_marker_show_the_newest_listed_tips(built_repo_site: Site) -> None:
    content = built_repo_site.content()
    pages = [p for p in built_repo_site.docs.rglob("*.md") if NEWEST_TIPS in p.read_text(encoding="utf-8")]
    for source in pages:
        url = page_url(source.relative_to(built_repo_site.docs))
        page = parse(built_repo_site.html(url))
        shown = [content.post(site_path(link, url)) for link in card_links(page)]
        assert all(p.kind == "tip" and p.listed for p in shown), url
        assert len(shown) == min(content.newest_count, len(content.listed_tips)), url
        assert [p.published for p in shown] == sorted((p.published for p in shown), reverse=True)
        left_out = [t for t in content.listed_tips if t not in shown]
        assert not shown or all(t.published <= shown[-1].published for t in left_out), url


def page_url(source: Path) -> str:
    """The site-relative URL MkDocs gives a Markdown page (directory URLs)."""
    path = source.with_suffix("").as_posix()
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def test_every_markdown_page_is_built_with_the_search_box_and_palette_toggle(built_repo_site: Site) -> None:
    options = (built_repo_site.built_with or built_repo_site.config()).plugins["coachblog"].config
    posts = (options.tips_dir, options.articles_dir, options.coaches_dir)
    pages = [p.relative_to(built_repo_site.docs) for p in built_repo_site.docs.rglob("*.md")]
    plain = [p for p in pages if p.parts[0] not in posts]
    assert plain
    for source in plain:
        page = parse(built_repo_site.html(page_url(source)))
        assert page.xpath("//input[@data-md-component='search-query']"), source
        assert len(page.xpath("//input[@data-md-color-scheme]")) == 2, source
    assert (built_repo_site.out / "search" / "search_index.json").exists()


def test_pages_load_nothing_from_other_sites(built_repo_site: Site) -> None:
    for path in built_repo_site.out.rglob("*.html"):
        page = parse(path.read_text(encoding="utf-8"))
        loaded = page.xpath(
            "//script/@src | //img/@src | //link[@rel='stylesheet']/@href | //link[@rel='preconnect']/@href"
        )
        outside = [url for url in loaded if re.match(r"^(https?:)?//", str(url))]
        assert outside == [], path


def test_two_builds_with_source_date_epoch_are_byte_identical(
    repo_site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027: after every post
    first = repo_site.out
    repo_site.build()
    second = tmp_path / "second"
    repo_site.build(site_dir=str(second))
    files_first = {p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file()}
    files_second = {p.relative_to(second): p.read_bytes() for p in second.rglob("*") if p.is_file()}
    assert files_first.keys() == files_second.keys()
    different = [str(k) for k in files_first if files_first[k] != files_second[k]]
    assert different == []


def search_index(site: Site) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads((site.out / "search/search_index.json").read_text("utf-8"))[
        "docs"
    ]
    return docs


def test_search_finds_tips_but_not_the_lists_that_repeat_them(built_repo_site: Site) -> None:
    locations = {doc["location"].split("#")[0] for doc in search_index(built_repo_site)}
    tips = {t.url for t in built_repo_site.content().listed_tips}
    assert tips and tips <= locations
    assert "tips/" not in locations
    assert not any(loc.startswith("tags/") and loc != "tags/" for loc in locations)


def test_share_buttons_are_on_every_tip_but_not_in_its_search_text(built_repo_site: Site) -> None:
    index = search_index(built_repo_site)
    for tip in built_repo_site.content().listed_tips:
        page = parse(built_repo_site.html(tip.url))
        assert page.xpath("//article[contains(@class, 'md-content__inner')]//a[contains(@href, 'bsky.app')]")
        texts_of_tip = [doc["text"] for doc in index if doc["location"].startswith(tip.url)]
        assert texts_of_tip and not any("bsky" in t or "Copy link" in t for t in texts_of_tip), tip.url


def test_posts_and_post_lists_have_no_docs_sidebar_or_contents(built_repo_site: Site) -> None:
    content = built_repo_site.content()
    lists = [url for tag in content.tagged() for url, _ in list_pages(built_repo_site, f"tags/{tag}/")]
    lists += [url for url, _ in list_pages(built_repo_site, "tips/")]
    for url in [p.url for p in content.tips + content.articles] + lists:
        page = parse(built_repo_site.html(url))
        assert page.xpath("//div[@data-md-type='navigation'][@hidden]"), url
        assert page.xpath("//div[@data-md-type='toc'][@hidden]"), url


def test_more_tips_like_this_share_a_tag_with_the_tip_and_are_listed(built_repo_site: Site) -> None:
    content = built_repo_site.content()
    for tip in content.tips:
        page = parse(built_repo_site.html(tip.url))
        links = hrefs(page, f"//section[{by_class('cb-related')}]//li/a")
        related = [content.post(site_path(link, tip.url)) for link in links]
        assert len(related) <= 3, tip.path
        assert all(p.listed and p.url != tip.url and set(p.tags) & set(tip.tags) for p in related), tip.path
        sharing = [p for p in content.listed if p.url != tip.url and set(p.tags) & set(tip.tags)]
        if not sharing:
            assert related == [], tip.path
