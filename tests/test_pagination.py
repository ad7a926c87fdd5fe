"""The tip index and tag pages in pages of `posts_per_page` posts, the topics row and "More tips like
this": small sites built into tmp_path, and one of 3,000 generated tips for the size budget."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
from collections.abc import Callable

import pytest
import yaml
from lxml.html import HtmlElement

from bench import benchgen  # scripts/bench/benchgen.py
from tests.content import post
from tests.helpers import (
    Site,
    SourcePost,
    by_class,
    card_links,
    hrefs,
    list_pages,
    minimal_site,
    parse,
    site_path,
    texts,
)

PAGER = f"//nav[{by_class('cb-pager')}]"
ROW = f"//nav[{by_class('cb-tag-nav')}]/ul[{by_class('cb-tags')}]/li/a"
FOLDED = f"//nav[{by_class('cb-tag-nav')}]/details/ul/li/a"


def cards(pages: list[tuple[str, HtmlElement]]) -> list[list[str]]:
    """The site-relative links of each page's cards."""
    return [[site_path(link, url) for link in card_links(page)] for url, page in pages]


def newest_urls(posts: list[SourcePost]) -> list[str]:
    """Posts as the lists order them: newest first, the greater slug first on the same date and time."""
    return [p.url for p in sorted(posts, key=lambda p: (p.published, p.slug), reverse=True)]


def write_tips(
    site: Site, count: int, first_day: int = 1, tags: Callable[[int], str] = lambda n: "[routes]"
) -> None:
    """`count` tips a day apart from 2025-01-<first_day>, written in an order that is not their dates'."""
    start = dt.date(2025, 1, 1) + dt.timedelta(days=first_day - 1)
    for n in sorted(range(count), key=lambda n: (n * 7) % count):
        day = start + dt.timedelta(days=n)
        path, text = post(f"tip-{day:%m-%d}", day.isoformat(), tags=tags(n))
        site.write(path, text)


def test_the_tip_index_shows_the_newest_posts_and_older_pages_hold_the_rest_in_order(
    make_site: Callable[..., Site],
) -> None:
    site = make_site(plugin_options={"posts_per_page": 3})
    write_tips(site, 8)
    path, text = post("not-yet", "2025-03-01", extra="draft: true\n")
    site.write(path, text)
    site.build()
    listed = site.content().listed_tips
    pages = list_pages(site, "tips/")
    shown = cards(pages)
    assert [link for page in shown for link in page] == newest_urls(listed)
    assert len(shown[0]) == min(3, len(listed)) and all(1 <= len(page) <= 3 for page in shown)
    assert len(pages) == 1 + math.ceil((len(listed) - 3) / 3)
    assert [texts(page, f"{PAGER}/p") for _, page in pages] == [
        [f"Page {n} of {len(pages)}"] for n in range(1, len(pages) + 1)
    ]
    newer = [[site_path(h, url) for h in hrefs(page, f"{PAGER}//a[@rel='prev']")] for url, page in pages]
    assert newer == [[]] + [[url] for url, _ in pages[:-1]]
    # Older pages count from the oldest: page/1/ holds the oldest posts.
    assert [url for url, _ in pages] == ["tips/"] + [f"tips/page/{n}/" for n in range(len(pages) - 1, 0, -1)]


def test_an_older_page_keeps_its_posts_as_new_tips_are_added(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin_options={"posts_per_page": 2})
    write_tips(site, 5)
    config = site.config()
    site.build(config)
    before = dict(
        zip((url for url, _ in list_pages(site, "tips/")), cards(list_pages(site, "tips/")), strict=True)
    )
    for added in range(3):
        site.write(*post(f"newer-{added}", f"2025-06-0{added + 1}"))
        site.build(config)  # the same config and plugin, as `mkdocs serve` rebuilds
        pages = list_pages(site, "tips/")
        now = dict(zip((url for url, _ in pages), cards(pages), strict=True))
        assert now["tips/"][0] == f"tips/newer-{added}/"
        for url, links in before.items():
            if url == "tips/":
                continue
            if len(links) == 2:  # a full older page never changes
                assert now[url] == links, url
            else:  # the newest older page fills up from the top
                assert now[url][-len(links) :] == links, url
        before = now


def test_tag_pages_are_paged_like_the_index_and_tags_link_their_first_page(
    make_site: Callable[..., Site],
) -> None:
    site = make_site(plugin_options={"posts_per_page": 2})
    write_tips(site, 7, tags=lambda n: "[hills, routes]" if n % 3 else "[routes]")
    site.build()
    for tag, urls in site.content().tagged().items():
        pages = list_pages(site, f"tags/{tag}/")
        tagged = [p for p in site.content().listed if p.url in urls]
        assert [link for page in cards(pages) for link in page] == newest_urls(tagged), tag
        assert len(pages) == 1 + math.ceil(max(len(tagged) - 2, 0) / 2), tag
        for url, page in pages:
            # Every page of a tag names it as the current topic and links each tag's first page.
            assert texts(page, f"{ROW}[@aria-current='page']") == [f"{tag} ({len(tagged)})"], url
            for link in hrefs(page, f"//article[{by_class('cb-card')}]//a[{by_class('cb-tag')}]"):
                assert "/page/" not in site_path(link, url), (url, link)
            assert page.xpath(f"//p[{by_class('cb-subscribe')}]"), url


def test_a_list_that_fits_one_page_has_no_pager_and_no_older_pages(make_site: Callable[..., Site]) -> None:
    site = make_site()
    write_tips(site, 3)
    site.build()
    assert parse(site.html("tips/")).xpath(PAGER) == []
    assert not (site.out / "tips/page").exists() and not (site.out / "tags/routes/page").exists()


def test_older_pages_work_with_plain_html_urls(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin_options={"posts_per_page": 2}, extra_config={"use_directory_urls": False})
    write_tips(site, 5)
    site.build()
    pages = list_pages(site, "tips/index.html")
    assert [url for url, _ in pages] == [
        "tips/index.html",
        "tips/page/2/index.html",
        "tips/page/1/index.html",
    ]
    shown = [link for page in cards(pages) for link in page]
    assert len(shown) == 5 and all((site.out / link).is_file() for link in shown)


def test_the_pages_of_lists_stay_out_of_the_site_search(make_site: Callable[..., Site]) -> None:
    site = make_site(extra_config={"plugins": ["search", {"coachblog": {"posts_per_page": 2}}]})
    write_tips(site, 5)
    site.build()
    index = json.loads((site.out / "search/search_index.json").read_text("utf-8"))["docs"]
    locations = {doc["location"].split("#")[0] for doc in index}
    assert {t.url for t in site.content().listed_tips} <= locations
    assert not any(loc.startswith(("tips/page/", "tags/routes")) or loc == "tips/" for loc in locations)


def test_the_topics_row_shows_the_most_used_first_and_folds_the_rest(make_site: Callable[..., Site]) -> None:
    site = make_site()
    names = [f"topic-{chr(ord('a') + n)}" for n in range(12)]
    # topic-a on every tip, topic-b on every other... the last ones on one tip each.
    write_tips(
        site, 12, tags=lambda n: "[" + ", ".join(t for i, t in enumerate(names) if n % (i + 1) == 0) + "]"
    )
    site.build()
    tagged = site.content().tagged()
    by_use = sorted(tagged, key=lambda tag: (-len(tagged[tag]), tag))
    index = parse(site.html("tips/"))
    row = [name.split(" (")[0] for name in texts(index, ROW)]
    folded = [name.split(" (")[0] for name in texts(index, FOLDED)]
    assert row == by_use[:8]
    assert folded == sorted(by_use[8:])
    assert texts(index, f"//nav[{by_class('cb-tag-nav')}]/details/summary") == [f"All {len(tagged)} topics"]
    [to_index] = hrefs(index, f"//nav[{by_class('cb-tag-nav')}]/details//p/a")  # the tag index is reachable
    assert site_path(to_index, "tips/") == "tags/"
    rare = by_use[-1]  # in the folded part on the index; its own page shows it in the row, marked
    page = parse(site.html(f"tags/{rare}/"))
    assert [name.split(" (")[0] for name in texts(page, ROW)] == [*by_use[:8], rare]
    assert texts(page, f"{ROW}[@aria-current='page']") == [f"{rare} ({len(tagged[rare])})"]
    assert rare not in [name.split(" (")[0] for name in texts(page, FOLDED)]
    every = parse(site.html("tags/"))  # the tag index lists every tag, nothing folded
    assert sorted(name.split(" (")[0] for name in texts(every, ROW)) == sorted(tagged)
    assert every.xpath(f"//nav[{by_class('cb-tag-nav')}]/details") == []


def test_posts_and_lists_read_as_one_column_without_the_docs_sidebar_or_contents(
    make_site: Callable[..., Site],
) -> None:
    site = make_site(plugin_options={"posts_per_page": 1})
    write_tips(site, 2)
    site.write(
        "articles/winter.md",
        "---\ntitle: Winter\nsummary: Dark mornings.\ndate: 2025-02-01\n---\n\n## Part\n\nText.\n",
    )
    site.build()
    for url in (
        "tips/tip-01-01/",
        "articles/winter/",
        "tips/",
        "tips/page/1/",
        "tags/routes/",
        "tags/routes/page/1/",
    ):
        page = parse(site.html(url))
        assert page.xpath("//div[@data-md-type='navigation'][@hidden]"), url
        assert page.xpath("//div[@data-md-type='toc'][@hidden]"), url
    home = parse(site.html(""))
    assert home.xpath("//div[@data-md-type='navigation'][not(@hidden)]")


def related_at(site: Site, url: str) -> list[str]:
    page = parse(site.html(url))
    links = hrefs(page, f"//section[{by_class('cb-related')}]//li/a")
    return [site_path(link, url) for link in links]


def test_a_tip_ends_with_up_to_three_posts_sharing_most_tags_then_newest(
    make_site: Callable[..., Site],
) -> None:
    site = make_site(extra_config={"plugins": ["search", "coachblog"]})
    for slug, date, tags in (
        ("subject", "2025-03-01", "[hills, winter, kit]"),
        ("all-three", "2025-01-01", "[kit, winter, hills]"),
        ("two-old", "2025-01-02", "[hills, winter]"),
        ("two-new", "2025-02-20", "[winter, kit, road]"),
        ("one-newest", "2025-04-01", "[kit]"),
        ("one-older", "2025-02-25", "[hills]"),
        ("nothing-shared", "2025-04-02", "[road]"),
        ("alone", "2025-04-03", "[solo]"),
    ):
        site.write(*post(slug, date, tags=tags))
    site.write(*post("draft-three", "2025-03-02", tags="[hills, winter, kit]", extra="draft: true\n"))
    site.build()
    assert related_at(site, "tips/subject/") == ["tips/all-three/", "tips/two-new/", "tips/two-old/"]
    assert related_at(site, "tips/one-older/") == ["tips/subject/", "tips/two-old/", "tips/all-three/"]
    assert related_at(site, "tips/alone/") == []
    assert parse(site.html("tips/alone/")).xpath(f"//section[{by_class('cb-related')}]") == []
    # A draft is never suggested, but gets suggestions itself.
    assert "tips/draft-three/" not in related_at(site, "tips/all-three/")
    assert related_at(site, "tips/draft-three/")[0] == "tips/subject/"
    section = parse(site.html("tips/subject/")).xpath(f"//section[{by_class('cb-related')}]")[0]
    assert section.get("data-search-exclude") is not None
    assert texts(section, ".//h2") == ["More tips like this"]
    index = json.loads((site.out / "search/search_index.json").read_text("utf-8"))["docs"]
    subject = " ".join(d["text"] for d in index if d["location"].startswith("tips/subject/"))
    assert "All three" not in subject and "More tips like this" not in subject


def test_more_tips_like_this_leaves_out_the_previous_and_next_tip_already_linked(
    make_site: Callable[..., Site],
) -> None:
    site = make_site()
    site.write(
        "articles/winter.md", "---\ntitle: Winter\nsummary: Dark mornings.\ndate: 2025-01-01\n---\n\nText.\n"
    )
    for n in range(1, 6):
        site.write(
            *post(f"part-{n}", f"2025-02-0{n}", tags="[winter]", extra=f"article: winter\norder: {n}\n")
        )
    site.build()
    related = related_at(site, "tips/part-3/")
    assert related == ["tips/part-5/", "tips/part-1/"]  # part-2 and part-4 are its previous and next


# ---------------------------------------------------------------- the size budget at 3,000 tips

BUDGET_GZIP = 100_000  # bytes: the largest tip index or tag page, compressed as GitHub Pages serves it
LARGE_SITE_TIPS = 3000


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """3,000 generated tips (benchgen's titles, summaries, dates and tags; one-line bodies, which list pages
    never show), no coaches, cards off, a nav like the project's."""
    root = tmp_path_factory.mktemp("large-site")
    content = benchgen.make_content(LARGE_SITE_TIPS, 0, 7)
    for tip in content.tips:
        tip.body = tip.summary + "\n"
    for article in content.articles:
        article.intro, article.outro = article.summary, ""
    site = minimal_site(root, {"social_cards": False})
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["nav"] = [{"Home": "index.md"}, {"Tips": "tips/index.md"}, {"Tags": "tags/index.md"}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    benchgen.write_ours(content, site.docs)
    site.build()
    return site


def test_every_page_of_the_tip_index_and_tag_pages_stays_under_100_kb_gzip_at_3000_tips(
    large_site: Site,
) -> None:
    out = large_site.out
    lists = [out / "tips/index.html", *(out / "tips/page").rglob("index.html")]
    lists += [p for p in (out / "tags").rglob("index.html") if p != out / "tags/index.html"]
    sizes = {p.relative_to(out).as_posix(): len(gzip.compress(p.read_bytes(), 9)) for p in lists}
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] < BUDGET_GZIP, (largest, sizes[largest])
    listed = large_site.content().listed_tips
    assert len(listed) > 2000  # the generated dates are mostly before the build
    shown = [link for page in cards(list_pages(large_site, "tips/")) for link in page]
    assert shown == newest_urls(listed)


def test_pages_of_a_large_site_are_reachable_from_the_first(large_site: Site) -> None:
    out = large_site.out
    written = {p.parent.relative_to(out).as_posix() + "/" for p in (out / "tips/page").rglob("index.html")}
    linked = {url for url, _ in list_pages(large_site, "tips/")} - {"tips/"}
    assert written == linked
