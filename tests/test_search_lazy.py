"""Search costs a page nothing until the reader uses it, and no page fetches sitemap.xml.

Every page is opened in headless Chromium from the built site served under a sub-path (/coach-blog/),
with each request recorded: before any interaction there is no search index, no search worker and no
sitemap; once the reader focuses the search box (by clicking it or with Material's keys), the index
arrives and tips are found by words of their text, coaches by name and by town.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route

from tests.helpers import Served, Site, SourcePost, parse

INDEX = "search/search_index.json"
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json"}
RESULT = ".md-search-result__item a"


@dataclass
class Visit:
    """A page in Chromium, with every request it made and every script error it hit."""

    page: Page
    served: Served
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def search_requests(self) -> list[str]:
        """Requests for anything of search, or for a sitemap."""
        wanted = ("search_index", "/workers/search", "sitemap.xml")
        return [u for u in self.requests if any(part in u for part in wanted)]

    def result_for(self, url: str, timeout: float = 10000) -> str:
        """The address the search result for the site-relative `url` leads to, once it is shown."""
        wanted = self.served.page_url(url)
        for _ in range(int(timeout / 100)):
            if wanted in self.results():
                return wanted
            self.page.wait_for_timeout(100)
        raise AssertionError(f"no result for {url} among {self.results()}")

    def results(self) -> list[str]:
        """The addresses the shown search results lead to, without their query or fragment."""
        hrefs: list[str] = self.page.evaluate(
            "selector => [...document.querySelectorAll(selector)].map(a => a.href)", RESULT
        )
        return [href.split("?")[0].split("#")[0] for href in hrefs]


@pytest.fixture
def visit(browser: Browser, served_pages_site: Served) -> Iterator[Callable[..., Visit]]:
    """Opens a site-relative address of the served site: visit(url, **new_page_options) -> Visit."""
    opened: list[Visit] = []

    def open_page(url: str, **options: Any) -> Visit:
        page = browser.new_page(**options)
        seen = Visit(page, served_pages_site)
        page.on("request", lambda request: seen.requests.append(request.url))
        page.on("pageerror", lambda error: seen.errors.append(str(error)))
        page.goto(served_pages_site.page_url(url), wait_until="networkidle")
        opened.append(seen)
        return seen

    yield open_page
    for seen in opened:
        seen.page.close()
    assert [error for seen in opened for error in seen.errors] == []


def rare_word(site: Site, tip: SourcePost) -> str:
    """A word of the tip's text (not its title) that the fewest other pages of the index contain."""
    docs: list[dict[str, str]] = json.loads((site.out / INDEX).read_text(encoding="utf-8"))["docs"]
    (entry,) = [d for d in docs if d["location"] == tip.url]
    text = html.unescape(re.sub(r"<[^>]+>", " ", entry["text"]))
    words: set[str] = set(re.findall(r"[A-Za-z]{5,}", text)) - set(re.findall(r"[A-Za-z]+", tip.title))
    assert words, tip.path

    def pages_with(word: str) -> int:
        return sum(1 for d in docs if word.lower() in d["text"].lower())

    return min(sorted(words), key=pages_with)


def first_tip(site: Site) -> SourcePost:
    tips = site.content().listed_tips
    assert tips
    return tips[0]


def page_kinds(site: Site) -> list[str]:
    """Site-relative addresses of the home page, a tip, the tip index, a tag page and the finder."""
    content = site.content()
    tags = sorted(content.tagged())
    return ["", first_tip(site).url, "tips/", *([f"tags/{tags[0]}/"] if tags else []), "coaches/"]


def test_no_page_fetches_search_or_a_sitemap_before_the_reader_searches(
    pages_site: Site, visit: Callable[..., Visit]
) -> None:
    for url in page_kinds(pages_site):
        seen = visit(url)
        assert any("/assets/javascripts/bundle." in u for u in seen.requests), url  # the theme's script ran
        assert seen.search_requests() == [], url
        # The feed autodiscovery links are still there, exactly as feed readers look for them.
        links = parse(pages_site.html(url)).xpath("/html/head/link[@rel='alternate']")
        assert {link.get("type") for link in links} >= FEED_TYPES, url
        seen.page.wait_for_timeout(300)
        assert seen.search_requests() == [], url


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_a_tip_is_found_by_a_word_of_its_text_once_the_box_is_focused(
    pages_site: Site, served_pages_site: Served, visit: Callable[..., Visit], color_scheme: str
) -> None:
    tip = first_tip(pages_site)
    word = rare_word(pages_site, tip)
    seen = visit(tip.url, color_scheme=color_scheme)
    assert seen.search_requests() == []
    seen.page.locator("input.md-search__input").click()
    seen.page.locator("input.md-search__input").press_sequentially(word, delay=20)
    assert seen.result_for(tip.url)
    # From a page two folders down, the index comes from the site's own base under the sub-path.
    assert served_pages_site.page_url(INDEX) in seen.requests
    assert [u for u in seen.requests if "sitemap.xml" in u] == []


def test_a_coach_is_found_by_name_and_by_town(pages_site: Site, visit: Callable[..., Visit]) -> None:
    coaches = pages_site.content().coaches
    assert coaches
    seen = visit(coaches[0].url)
    search = seen.page.locator("input.md-search__input")
    for coach in coaches[:2]:
        for query in (coach.name, coach.place):
            search.fill("")
            search.press_sequentially(query, delay=10)
            assert seen.result_for(coach.url), query


@pytest.mark.parametrize("key", ["/", "s"])
def test_the_keyboard_opens_search_and_what_is_typed_is_found(
    pages_site: Site, visit: Callable[..., Visit], key: str
) -> None:
    tip = first_tip(pages_site)
    word = rare_word(pages_site, tip)
    seen = visit("")
    seen.page.keyboard.press(key)
    seen.page.keyboard.type(word, delay=20)
    assert seen.result_for(tip.url)
    assert seen.page.locator("input.md-search__input").input_value() == word


def test_typing_before_the_index_arrives_is_answered_once_it_does(
    pages_site: Site, visit: Callable[..., Visit]
) -> None:
    tip = first_tip(pages_site)
    word = rare_word(pages_site, tip)
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    seen = visit(tip.url)
    seen.page.route("**/" + INDEX, hold)  # the index waits until the test lets it through
    meta = seen.page.locator(".md-search-result__meta")
    initializing = meta.text_content()  # Material's "Initializing search", in the site's language
    seen.page.locator("input.md-search__input").focus()
    seen.page.locator("input.md-search__input").press_sequentially(word, delay=20)
    seen.page.wait_for_timeout(300)
    assert len(held) == 1, "the index was asked for once, on focus"
    assert meta.is_visible() and meta.text_content() == initializing
    assert seen.page.locator(RESULT).count() == 0
    held[0].continue_()
    assert seen.result_for(tip.url)
    assert meta.text_content() != initializing


def test_a_page_opened_from_a_search_result_highlights_the_words_searched(
    pages_site: Site, visit: Callable[..., Visit]
) -> None:
    tip = first_tip(pages_site)
    word = rare_word(pages_site, tip)
    seen = visit(f"{tip.url}?h={word}")  # where Material's search results lead
    seen.page.locator("article mark", has_text=re.compile(word, re.I)).first.wait_for(timeout=10000)


def test_on_a_phone_the_magnifier_opens_search_and_finds_a_tip(
    pages_site: Site, visit: Callable[..., Visit]
) -> None:
    tip = first_tip(pages_site)
    word = rare_word(pages_site, tip)
    seen = visit(tip.url, viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    assert seen.search_requests() == []
    seen.page.locator("label.md-header__button[for=__search]").tap()
    seen.page.keyboard.type(word, delay=20)
    assert seen.result_for(tip.url)
