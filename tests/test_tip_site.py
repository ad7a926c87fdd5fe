"""The project's own site: the article, one page per tip, the tip index and tag pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.html import by_class, hrefs, parse, texts
from tests.sitebuild import REPO, Site

TIP_FILES = sorted((REPO / "docs" / "tips").glob("*.md"))


def test_the_site_has_eleven_tips_each_with_its_own_page(built_repo_site: Site) -> None:
    assert len(TIP_FILES) == 11
    for tip in TIP_FILES:
        page = parse(built_repo_site.html(f"tips/{tip.stem}/"))
        assert page.xpath("//h1"), tip.stem
        assert texts(page, f"//p[{by_class('cb-lead')}]")[0], tip.stem
        assert page.xpath("//time[@datetime]"), tip.stem


def test_every_tip_is_a_card_in_the_index_newest_first(built_repo_site: Site) -> None:
    page = parse(built_repo_site.html("tips/"))
    links = hrefs(page, f"//article[{by_class('cb-card')}]//h2/a")
    assert sorted(links) == sorted(f"{t.stem}/" for t in TIP_FILES)
    dates = [el.get("datetime") for el in page.xpath(f"//article[{by_class('cb-card')}]//time")]
    assert dates == sorted(dates, reverse=True)
    summaries = texts(page, f"//p[{by_class('cb-card__summary')}]")
    assert len(summaries) == 11 and all(summaries)


def test_every_tag_page_lists_exactly_the_tips_with_that_tag(built_repo_site: Site) -> None:
    tagged: dict[str, set[str]] = {}
    for tip in TIP_FILES:
        front = tip.read_text(encoding="utf-8").split("---")[1]
        tags = re.search(r"^tags: \[(.*)\]$", front, re.M)
        assert tags, tip
        for tag in tags.group(1).split(","):
            tagged.setdefault(tag.strip(), set()).add(tip.stem)
    for tag, stems in tagged.items():
        page = parse(built_repo_site.html(f"tags/{tag}/"))
        links = hrefs(page, f"//article[{by_class('cb-card')}]//h2/a")
        tips = {link.split("/")[-2] for link in links if "/tips/" in link}
        assert tips == stems, tag


def test_the_article_lists_its_tips_in_order_with_working_links(built_repo_site: Site) -> None:
    page = parse(built_repo_site.html("articles/lost-your-run-mojo/"))
    links = hrefs(page, f"//ol[{by_class('cb-article-tips')}]/li/a")
    orders = {}
    for tip in TIP_FILES:
        order = re.search(r"^order: (\d+)$", tip.read_text(encoding="utf-8"), re.M)
        assert order
        orders[int(order.group(1))] = tip.stem
    assert links == [f"../../tips/{orders[n]}/" for n in range(1, 12)]
    for link in links:
        assert (built_repo_site.out / "articles/lost-your-run-mojo" / link / "index.html").exists()
    body = " ".join(page.xpath("//article")[0].text_content().split())
    assert "<!-- tip-list -->" not in built_repo_site.html("articles/lost-your-run-mojo/")
    assert body.index("Lost your run mojo?") < body.index("Inspire someone else")


def test_tips_link_to_the_previous_and_next_tip_of_their_article(built_repo_site: Site) -> None:
    first = parse(built_repo_site.html("tips/inspire-someone-else/"))
    assert hrefs(first, "//a[@rel='prev']") == []
    assert hrefs(first, "//a[@rel='next']") == ["../run-for-adventure/"]
    last = parse(built_repo_site.html("tips/take-a-break/"))
    assert hrefs(last, "//a[@rel='prev']") == ["../sign-up-for-an-event/"]
    assert hrefs(last, "//a[@rel='next']") == []


def test_home_page_shows_the_newest_tips(built_repo_site: Site) -> None:
    page = parse(built_repo_site.html(""))
    links = hrefs(page, f"//article[{by_class('cb-card')}]//h2/a")
    assert links[0] == "tips/take-a-break/"
    assert len(links) == 6


def test_pages_load_nothing_from_other_sites(built_repo_site: Site) -> None:
    for path in built_repo_site.out.rglob("*.html"):
        page = parse(path.read_text(encoding="utf-8"))
        loaded = page.xpath("//script/@src | //img/@src | //link[@rel='stylesheet']/@href"
                            " | //link[@rel='preconnect']/@href")  # fmt: skip
        outside = [url for url in loaded if re.match(r"^(https?:)?//", str(url))]
        assert outside == [], path


def test_search_toggle_and_about_page_are_there(built_repo_site: Site) -> None:
    page = parse(built_repo_site.html("about/"))
    assert page.xpath("//input[@data-md-component='search-query']")
    assert len(page.xpath("//input[@data-md-color-scheme]")) == 2
    assert (built_repo_site.out / "search" / "search_index.json").exists()


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


def test_search_finds_tips_but_not_the_lists_that_repeat_them(built_repo_site: Site) -> None:
    index = json.loads((built_repo_site.out / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "tips/take-a-break/" in locations
    assert "tips/" not in locations
    assert not any(loc.startswith("tags/") and loc != "tags/" for loc in locations)


def test_share_buttons_are_on_the_page_but_not_in_its_search_text(built_repo_site: Site) -> None:
    page = parse(built_repo_site.html("tips/take-a-break/"))
    assert page.xpath("//article[contains(@class, 'md-content__inner')]//a[contains(@href, 'bsky.app')]")
    index = json.loads((built_repo_site.out / "search/search_index.json").read_text(encoding="utf-8"))
    texts_of_tip = [doc["text"] for doc in index["docs"] if doc["location"].startswith("tips/take-a-break/")]
    assert texts_of_tip and not any("bsky" in t or "Copy link" in t for t in texts_of_tip)
