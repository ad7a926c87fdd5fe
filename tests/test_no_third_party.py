"""Loading any page asks nothing of another site: every request Chromium makes goes to our own server.

Each built page is opened in Debian's headless Chromium, as are a missing page deep in the site and a
search, and every request the pages make (documents, styles, scripts, fonts, images, the search
worker and its index) is recorded with page.on("request"). Once deployed, the site_url's origin is
the page's own origin, so requests to it are ours too: the test routes them to the local server.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Request, Response, Route

from tests.helpers import Served, Site

LOCAL_SCHEMES = {"data", "blob", "about"}  # made by the page itself, never fetched from anywhere
SITE_URL = "https://example.github.io/coach-blog/"  # where pages_site is built for
TABS = 4


class Recorder:
    """Every request a page makes, and those that failed or were answered with an error."""

    def __init__(self, page: Page | BrowserContext, served: Served) -> None:
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.served = served
        page.route(SITE_URL + "**", self.to_local_server)
        page.on("request", self.on_request)
        page.on("requestfailed", self.on_failed)
        page.on("response", self.on_response)

    def on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def on_failed(self, request: Request) -> None:
        # A tab moving on to the next address aborts what its page was still fetching (the finder's
        # map is fetched when scrolled near, which can be just after the network went quiet): that
        # is the test leaving, not the site failing. Anything else is a failure.
        if request.failure != "net::ERR_ABORTED":
            self.failures.append(f"{request.url}: {request.failure}")

    def to_local_server(self, route: Route) -> None:
        answer = route.fetch(url=self.served.url + route.request.url.removeprefix(SITE_URL))
        # Served from its own origin once deployed, so the browser would not block it as cross-origin.
        route.fulfill(response=answer, headers={**answer.headers, "access-control-allow-origin": "*"})

    def on_response(self, response: Response) -> None:
        request = response.request
        expected = request.is_navigation_request() and response.status == 404  # the missing-page visit
        if response.status >= 400 and not expected:
            self.failures.append(f"{response.url}: {response.status}")


def elsewhere(requests: list[str], served: Served) -> list[str]:
    ours = {urlsplit(served.url).netloc, urlsplit(SITE_URL).netloc}
    return [u for u in requests if urlsplit(u).scheme not in LOCAL_SCHEMES and urlsplit(u).netloc not in ours]


def page_addresses(site: Site, served: Served) -> list[str]:
    paths = sorted(p.relative_to(site.out).as_posix() for p in site.out.rglob("*.html"))
    return [served.page_url(p.removesuffix("index.html")) for p in paths if p != "404.html"]


def test_no_page_requests_anything_from_another_origin(
    browser: Browser, pages_site: Site, served_pages_site: Served
) -> None:
    context = browser.new_context()
    recorder = Recorder(context, served_pages_site)
    addresses = page_addresses(pages_site, served_pages_site)
    # Several tabs load at once: each waits for its network to be idle, and those waits overlap.
    tabs = [context.new_page() for _ in range(TABS)]
    visits = [*addresses, served_pages_site.page_url("a/b/c/missing")]
    try:
        for start in range(0, len(visits), TABS):
            batch = list(zip(tabs, visits[start : start + TABS], strict=False))
            responses = [tab.goto(address, wait_until="commit") for tab, address in batch]
            for (tab, address), response in zip(batch, responses, strict=True):
                tab.wait_for_load_state("networkidle")
                assert response is not None
                assert response.status == (404 if address.endswith("missing") else 200), address
                assert tab.locator(".md-header").is_visible(), f"{address} is styled"
    finally:
        context.close()
    content = pages_site.content()
    own_pages = [t.url for t in content.tips] + [c.url for c in content.coaches]
    assert own_pages and {served_pages_site.page_url(url) for url in own_pages} <= set(addresses)
    assert not [u for u in recorder.requests if "/search/" in u or u.endswith("sitemap.xml")]
    assert elsewhere(recorder.requests, served_pages_site) == []
    assert recorder.failures == []


def test_searching_asks_nothing_of_another_origin(
    browser: Browser, pages_site: Site, served_pages_site: Served
) -> None:
    title = pages_site.content().listed_tips[0].title
    word = max(re.findall(r"\w+", title), key=len)  # a word of a tip's title: the search finds it
    page = browser.new_page()
    recorder = Recorder(page, served_pages_site)
    try:
        page.goto(served_pages_site.url, wait_until="networkidle")
        page.locator("input.md-search__input").press_sequentially(word, delay=20)
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=5000)
        page.wait_for_load_state("networkidle")
    finally:
        page.close()
    assert any(u.endswith("search/search_index.json") for u in recorder.requests)
    assert any("/assets/javascripts/workers/search" in u for u in recorder.requests)
    assert elsewhere(recorder.requests, served_pages_site) == []
    assert recorder.failures == []


def test_the_check_sees_a_request_to_another_origin(browser: Browser, served_pages_site: Served) -> None:
    page = browser.new_page()
    recorder = Recorder(page, served_pages_site)
    page.route("https://fonts.example.net/**", lambda route: route.fulfill(status=200, body=""))
    try:
        page.goto(served_pages_site.url, wait_until="networkidle")
        page.evaluate("url => fetch(url)", "https://fonts.example.net/font.woff2")
    finally:
        page.close()
    assert elsewhere(recorder.requests, served_pages_site) == ["https://fonts.example.net/font.woff2"]
