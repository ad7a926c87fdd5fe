"""Nothing moves while a page loads: cumulative layout shift under 0.02 on every kind of page.

Each page of the project's own site (both content variants) is loaded in Debian's headless Chromium
on a 390x844 phone and a 1280x900 desktop, served with gzip under the site's path as GitHub Pages
serves it (scripts/static_server.py). A PerformanceObserver for 'layout-shift', installed before
the page's own scripts run, collects every shift until the network has been idle and a second more
has passed. The score is the sum of all of them, which is never less than Chromium's windowed CLS, so
a page under budget here is under it in Lighthouse too.

Shifts flagged `hadRecentInput` count too: the test never touches the page, and Chromium's phone
emulation (`is_mobile`) flags every shift of the first half second as if the reader had touched it,
which would hide a script that moves the page as it starts.

The pages are found through the built site's links (scripts/lighthouse.py `discover_pages`): the first
tip of the tip index, the first tag of the tag index, the first profile on the finder..., so the test
holds whatever tips, tags and coaches the site carries.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser
from scripts.lighthouse import Layout, discover_pages

from tests.helpers import Served, Site, serve

BUDGET = 0.02
SETTLE_MS = 1000
VIEWPORTS: dict[str, dict[str, Any]] = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
# Every kind of page; those that depend on content (a site may have no article, no tag, no coach, no
# page of its own) are measured when the site has one.
KINDS = (
    "home",
    "article",
    "tip",
    "tip index",
    "tag",
    "tag index",
    "subscribe",
    "page",  # a page of the site's own, like About
    "finder",
    "coach profile",
    "join",
    "404",
)
CONTENT_KINDS = {"article", "tip", "tag", "page", "coach profile"}

# Installed before any script of the page: records every layout shift, with what moved where.
OBSERVE_SHIFTS = """
window.__cbShifts = [];
const describe = (node) => {
  if (!node) return "(a node since removed)";
  if (node.nodeType !== 1) return node.nodeName + " in " + describe(node.parentElement);
  const classes = typeof node.className === "string" && node.className.trim()
    ? "." + node.className.trim().split(/\\s+/).join(".") : "";
  return node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") + classes;
};
const rect = (r) => r ? [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)] : null;
const record = (entries) => {
  for (const entry of entries) {
    window.__cbShifts.push({
      value: entry.value,
      input: entry.hadRecentInput,
      time: Math.round(entry.startTime),
      sources: (entry.sources || []).map((s) => ({
        node: describe(s.node), from: rect(s.previousRect), to: rect(s.currentRect),
      })),
    });
  }
};
window.__cbShiftObserver = new PerformanceObserver((list) => record(list.getEntries()));
window.__cbShiftObserver.observe({type: "layout-shift", buffered: true});
window.__cbTakeShifts = () => {
  record(window.__cbShiftObserver.takeRecords());
  return window.__cbShifts;
};
"""


@pytest.fixture(scope="session")
def gzip_pages_site(pages_site: Site) -> Iterator[tuple[Served, dict[str, str]]]:
    """The project's site built for Pages, served with gzip under /coach-blog/, and its page of each kind."""
    assert pages_site.built_with is not None
    pages = discover_pages(pages_site.out, Layout.of(pages_site.built_with))
    with serve(pages_site.out, "/coach-blog/") as served:
        yield served, pages


def shifts_while_loading(browser: Browser, url: str, viewport: str) -> list[dict[str, Any]]:
    """The layout shifts of one first load of `url` (empty cache), until the page has settled."""
    context = browser.new_context(**VIEWPORTS[viewport])
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE_SHIFTS)
        response = page.goto(url, wait_until="networkidle")
        assert response is not None
        assert response.headers.get("content-encoding") == "gzip", f"{url} was not served with gzip"
        page.wait_for_timeout(SETTLE_MS)
        shifts: list[dict[str, Any]] = page.evaluate("window.__cbTakeShifts()")
        return shifts
    finally:
        context.close()


def explain(shifts: list[dict[str, Any]]) -> str:
    """The largest shifts, each with the elements that moved (x, y, width, height before -> after)."""
    lines = []
    for shift in sorted(shifts, key=lambda s: -s["value"])[:5]:
        moved = "; ".join(f"{s['node']} {s['from']} -> {s['to']}" for s in shift["sources"][:3])
        lines.append(f"  {shift['value']:.4f} at {shift['time']} ms: {moved or 'no element reported'}")
    return "\n".join(lines)


# A page whose script, once loaded, puts a banner above the text and pushes it down, as the finder's
# script once un-hid its form above the list.
PUSHED_DOWN = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pushed</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin: 0"><main style="display: flow-root"><p id="text">%s</p></main><script>
addEventListener("load", () => setTimeout(() => {
  const banner = document.createElement("div");
  banner.style.height = "300px";
  document.body.prepend(banner);
}, 100));
</script></body></html>"""


def test_the_measure_sees_a_script_pushing_the_text_down(browser: Browser, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PUSHED_DOWN % ("Words. " * 400), encoding="utf-8")
    with serve(tmp_path, "/site/") as served:
        for viewport in VIEWPORTS:
            shifts = shifts_while_loading(browser, served.page_url(""), viewport)
            assert sum(s["value"] for s in shifts) > BUDGET * 5, viewport
            assert "main" in explain(shifts), viewport


def test_every_kind_of_page_is_found_in_the_built_site(
    gzip_pages_site: tuple[Served, dict[str, str]],
) -> None:
    _, pages = gzip_pages_site
    always = [kind for kind in KINDS if kind not in CONTENT_KINDS]
    assert [kind for kind in always if kind not in pages] == []
    assert all(url in ("", "this-address-has-no-page/") or url.endswith("/") for url in pages.values())
    assert len(set(pages.values())) == len(pages), f"two kinds found at one address: {pages}"


def content_lacks(site: Site, kind: str) -> bool:
    """True when the site's content has nothing of `kind`, so that no page of it can be found."""
    content = site.content()
    return {
        "article": not [a for a in content.articles if a.listed],
        "coach profile": not content.coaches,
        "tip": not content.listed_tips,
        "tag": not content.tagged(),
    }.get(kind, kind == "page")  # a page of the site's own (about.md) is the owner's choice


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", KINDS)
def test_page_does_not_shift_while_it_loads(
    browser: Browser,
    pages_site: Site,
    gzip_pages_site: tuple[Served, dict[str, str]],
    kind: str,
    viewport: str,
) -> None:
    served, pages = gzip_pages_site
    if kind not in pages:  # nothing to measure, and that must be the content's doing
        assert kind in CONTENT_KINDS and content_lacks(pages_site, kind), f"the built site has no {kind} page"
        return
    url = served.page_url(pages[kind])
    shifts = shifts_while_loading(browser, url, viewport)
    total = sum(s["value"] for s in shifts)
    assert total < BUDGET, (
        f"The {kind} page /{pages[kind]} shifts by {total:.3f} on a {viewport} while loading "
        f"(budget {BUDGET}); largest shifts:\n{explain(shifts)}"
    )
