"""The coach finder with 10,000 coaches (scripts/gen_coaches.py), in headless Chromium: a light first
load, suggestions soon after, fast filters, and the complete list on pages without JavaScript.

The large generated site of tests/conftest.py is built once per session (it takes a while);
COACHBLOG_LARGE_COACHES=500 runs the same checks on a smaller directory.
"""

from __future__ import annotations

import gzip
import json
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from coachblog.coaches import directory_pages, finder_data, schema
from coachblog.coaches.schema import RESERVED_SLUGS
from tests.conftest import LARGE_COACHES
from tests.helpers import Served, Site, by_class, hrefs, parse, serve, site_path

COACHES = LARGE_COACHES
FIRST_LOAD_BUDGET = 100_000  # bytes, gzip: HTML, CSS, scripts, data and Material's own bundle
SUGGESTIONS_BUDGET = 50_000  # bytes, gzip, fetched between typing in the town box and the first suggestion
FILTER_BUDGET_MS = 50


@dataclass
class ScaleSite:
    out: Path
    served: Served


@pytest.fixture(scope="module")
def scale_site(large_site: Site) -> Iterator[ScaleSite]:
    """The large generated site (tests/conftest.py: the project's config, its nav and theme, 10,000
    coaches), served."""
    with serve(large_site.out) as served:
        yield ScaleSite(large_site.out, served)


def gzip_size(out: Path, url: str) -> int:
    """The gzip size (level 6, as web servers use) of the file a served URL names."""
    path = unquote(urlsplit(url).path).lstrip("/")
    file = out / (path + "index.html" if path.endswith("/") or not path else path)
    return len(gzip.compress(file.read_bytes(), compresslevel=6))


def watch(page: Page) -> list[str]:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    return asked


def test_the_first_load_before_any_interaction_is_at_most_100_kb_gzip(
    browser: Browser, scale_site: ScaleSite
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    asked = watch(page)
    page.goto(scale_site.served.page_url("coaches/"))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert all(url.startswith(scale_site.served.url) for url in asked)
    assert not [url for url in asked if "/finder/" in url], "the coaches' data waits for the reader"
    sizes = {urlsplit(url).path: gzip_size(scale_site.out, url) for url in asked}
    total = sum(sizes.values())
    print(f"\n{COACHES} coaches: first load {total / 1000:.1f} kB gzip, (the build's speed is in make bench)")
    assert total <= FIRST_LOAD_BUDGET, sizes
    first = page.locator("#cb-results-main-list li a").first.bounding_box()
    assert first is not None and first["y"] + first["height"] <= 844
    page.close()


def test_place_suggestions_start_after_at_most_50_kb_more(browser: Browser, scale_site: ScaleSite) -> None:
    data = scale_site.out / "coaches" / finder_data.DATA_DIR
    biggest = max(data.glob("places-*.json"), key=lambda p: len(gzip.compress(p.read_bytes())))
    name = biggest.stem.removeprefix("places-").replace("_", " ").replace("-", ",")
    label = json.loads(biggest.read_text(encoding="utf-8"))["label"][0]
    # the fewest letters of a place in that file that lead to it (at least two: fewer suggest nothing)
    typed = next(
        label[:n] for n in range(1, len(label) + 1) if len(finder_data.fold(label[:n])) >= max(2, len(name))
    )
    page = browser.new_page()
    page.goto(scale_site.served.page_url("coaches/"))
    page.wait_for_load_state("networkidle")
    asked = watch(page)
    town = page.get_by_label("Town or village")
    town.press_sequentially(typed, delay=30)
    expect(page.locator("#cb-near-list [role=option]").first).to_be_visible()
    before_first = list(asked)
    total = sum(gzip_size(scale_site.out, url) for url in before_first if "/coaches.json" not in url)
    print(f"\nsuggestions for {typed!r}: {total / 1000:.1f} kB gzip")
    assert total <= SUGGESTIONS_BUDGET, before_first
    page.close()


PRESS = """box => {
  const start = performance.now();
  box.click();
  document.body.getBoundingClientRect();  // the new list laid out, as the reader will see it
  return performance.now() - start;
}"""


def test_a_filter_change_on_every_coach_takes_under_50_ms(browser: Browser, scale_site: ScaleSite) -> None:
    page = browser.new_page()
    page.goto(scale_site.served.page_url("coaches/"))
    with page.expect_response(lambda r: r.url.endswith("/finder/coaches.json")):
        page.locator("#cb-filters summary").click()
    page.wait_for_function("document.querySelector('#cb-results-main-list li') !== null")
    data = json.loads((scale_site.out / "coaches/finder/coaches.json").read_text(encoding="utf-8"))
    page.wait_for_timeout(200)
    boxes = page.locator("#cb-filters input[type=checkbox]")
    timings = []
    for n in range(8):
        box = boxes.nth(n % boxes.count())
        timings.append(box.evaluate(PRESS))
    print(
        f"\nfilter change on {COACHES} coaches: "
        f"{statistics.median(timings):.1f} ms median, {max(timings):.1f} max"
    )
    assert statistics.median(timings) < FILTER_BUDGET_MS, timings
    page.locator("#cb-reset").click()
    page.get_by_role("checkbox", name="Online").check()
    online = 1 << list(schema.COACHING).index("online")
    matches = sum(1 for m in data["m"] if m & online)
    expect(page.get_by_role("status")).to_have_text(f"{matches:,} coaches match.")
    page.close()


def test_without_javascript_every_coach_is_on_exactly_one_list_page(scale_site: ScaleSite) -> None:
    finder = parse((scale_site.out / "coaches/index.html").read_text(encoding="utf-8"))
    todo = [site_path(h, "coaches/") for h in hrefs(finder, "//nav[@id='cb-directory']//a")]
    seen: dict[str, list[str]] = {}
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        page = parse((scale_site.out / url / "index.html").read_text(encoding="utf-8"))
        seen[url] = [site_path(h, url) for h in hrefs(page, f"//li[{by_class('cb-coach')}]/a")]
        todo += [site_path(h, url) for h in hrefs(page, "//ul[@class='cb-list__parts']//a")]
    listed = [link for links in seen.values() for link in links]
    profiles = sorted(
        p.parent.relative_to(scale_site.out).as_posix() + "/"
        for p in (scale_site.out / "coaches").glob("*/index.html")
        if p.parent.name not in (directory_pages.LISTS_DIR, *RESERVED_SLUGS)  # the finder's own pages
    )
    assert len(profiles) == COACHES
    assert sorted(listed) == profiles
