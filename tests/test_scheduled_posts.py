"""A post dated after the build waits: nothing of it is published until a build on or after its date and
hour, `mkdocs serve` shows it to its author with a "Scheduled" banner, and the build log names it."""

from __future__ import annotations

import datetime as dt
import json
import logging
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.error import URLError

import feedparser
import pytest
from PIL import Image

from tests.content import post, write_posts
from tests.helpers import REPO, Site, cards_at, parse, texts

LONDON = "Europe/London"
SEARCH = {"plugins": ["search", {"coachblog": {}}]}
THEME = {"theme": {"name": "material", "font": False, "custom_dir": str(REPO / "overrides")}}


def at(monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    """Build as if it were `when` (UTC), as the publish workflow's schedule would."""
    moment = dt.datetime.fromisoformat(when).replace(tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


def two_tips(site: Site, later: str = "2026-01-20") -> Site:
    return write_posts(
        site,
        post("already-out", "2026-01-10", tags="[routes]"),
        post("frost-fartlek", later, tags="[winter]", extra="image: /assets/frost.png\nimage_alt: A hill.\n"),
    )


def published_urls(site: Site) -> set[str]:
    """Every page the build wrote, by site-relative URL."""
    return {p.parent.relative_to(site.out).as_posix() + "/" for p in site.out.rglob("index.html")}


def everywhere(site: Site, needle: str) -> list[str]:
    """Files of the build that mention `needle`: pages, sitemap, search index, feeds, cards."""
    found = []
    for path in site.out.rglob("*"):
        rel = path.relative_to(site.out).as_posix()
        readable = path.suffix in (".html", ".xml", ".json")
        if needle in rel or (readable and needle in path.read_text(encoding="utf-8")):
            found.append(rel)
    return sorted(found)


def with_picture(site: Site) -> Site:
    """`site` with the picture the waiting tip shows."""
    (site.docs / "assets").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1600, 900), (40, 120, 60)).save(site.docs / "assets" / "frost.png")
    return site


def test_a_post_dated_after_the_build_is_published_nowhere(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    at(monkeypatch, "2026-01-15T12:00")
    site = two_tips(with_picture(make_site()))
    caplog.set_level(logging.INFO)
    site.build()
    assert site.warnings == []
    assert "tips/already-out/" in published_urls(site)
    # No page, no sitemap or search entry, no card, no list, no feed entry, no tag page of its own.
    assert everywhere(site, "frost") == []
    assert not (site.out / "tags" / "winter").exists()
    feed = feedparser.parse((site.out / "feed.xml").read_bytes())
    assert [e.link for e in feed.entries] == ["https://example.org/blog/tips/already-out/"]
    said = (
        "tips/frost-fartlek.md is dated 2026-01-20 09:00 GMT, after this build: not published until a build "
        "on or after that date (`mkdocs serve` shows it as a preview)"
    )
    assert [m for m in caplog.messages if said in m]


@pytest.mark.parametrize(
    ("date", "before", "after"),
    [
        ("2026-01-20", "2026-01-20T08:59:59", "2026-01-20T09:00"),  # GMT: 9 am is 09:00 UTC
        ("2026-06-20", "2026-06-20T07:59:59", "2026-06-20T08:00"),  # BST: 9 am is 08:00 UTC
        ("'2026-06-20 06:30'", "2026-06-20T05:29:59", "2026-06-20T05:30"),  # its own time, in BST
    ],
)
def test_a_post_appears_with_the_first_build_at_or_after_its_date_and_hour(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch, date: str, before: str, after: str
) -> None:
    site = write_posts(make_site(plugin_options={"timezone": LONDON}), post("due", date))
    at(monkeypatch, before)
    site.build()
    assert "tips/due/" not in published_urls(site)
    at(monkeypatch, after)
    site.build()
    assert "tips/due/" in published_urls(site)
    index = parse(site.html("tips/"))
    assert "Due" in texts(index, "//h2 | //h3")
    assert [e.title for e in feedparser.parse((site.out / "feed.xml").read_bytes()).entries] == ["Due"]


def test_a_preview_shows_the_scheduled_post_with_a_banner_and_lists_it_nowhere(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, "2026-01-15T12:00")
    site = two_tips(with_picture(make_site(extra_config=THEME | SEARCH)), later="'2026-01-20 07:30'")
    config = site.config()
    plugin = config.plugins["coachblog"]
    plugin.on_startup(command="serve", dirty=False)  # as `mkdocs serve` calls it
    try:
        site.build(config)
    finally:
        plugin.on_startup(command="build", dirty=False)  # MkDocs reuses plugin objects across configs
    assert site.warnings == []
    page = parse(site.html("tips/frost-fartlek/"))
    (banner,) = texts(page, "//*[contains(@class, 'cb-scheduled')]")
    assert banner.startswith("Scheduled: appears on 20 January 2026 at 07:30.")
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert not parse(site.html("tips/already-out/")).xpath("//meta[@name='robots']")
    assert cards_at(site, "tips/") == ["already-out/"]
    assert "frost-fartlek" not in (site.out / "feed.xml").read_text(encoding="utf-8")
    index = json.loads((site.out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("tips/frost-fartlek/")]


def test_future_posts_draft_publishes_the_page_unlisted_with_the_banner(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, "2026-01-15T12:00")
    site = two_tips(with_picture(make_site(plugin_options={"future_posts": "draft"}, extra_config=THEME)))
    site.build()
    page = parse(site.html("tips/frost-fartlek/"))
    assert texts(page, "//*[contains(@class, 'cb-scheduled')]")[0].startswith("Scheduled: appears on")
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert cards_at(site, "tips/") == ["already-out/"]


def test_a_tip_of_an_article_still_waiting_is_published_on_its_own(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, "2026-01-15T12:00")
    site = make_site()
    site.write("articles/soon.md", "---\ntitle: Soon\nsummary: An article.\ndate: 2026-02-01\n---\n\nText.\n")
    write_posts(site, post("part-one", "2026-01-10", extra="article: soon\norder: 1\n"))
    site.build()
    assert site.warnings == []
    assert "articles/soon/" not in published_urls(site)
    assert "Soon" not in site.html("tips/part-one/")


def test_a_scheduled_post_still_gets_every_check(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clash with a waiting post is reported the day it is written, not the day it is due."""
    at(monkeypatch, "2026-01-15T12:00")
    site = write_posts(make_site(), post("a", "2026-01-10"), post("b", "2026-03-01", extra="slug: a\n"))
    with pytest.raises(Exception, match=r"is also the slug of tips/a\.md"):
        site.build()


def test_the_tip_index_links_the_tag_index_whatever_the_number_of_tags(
    make_site: Callable[..., Site],
) -> None:
    site = write_posts(make_site(), post("one", "2025-01-01", tags="[hills]"))
    site.build()
    index = parse(site.html("tips/"))
    assert "../tags/" in index.xpath("//nav[contains(@class, 'cb-tag-nav')]//a/@href")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return str(answer.read().decode("utf-8"))
        except (URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_mkdocs_serve_shows_the_scheduled_post(make_site: Callable[..., Site], tmp_path: Path) -> None:
    site = two_tips(with_picture(make_site()), later="2999-01-20")
    port = _free_port()
    engine = "properdocs" if "properdocs.replacement" in sys.modules else "mkdocs"
    server = subprocess.Popen(
        [sys.executable, "-m", engine, "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=site.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = parse(_get(f"http://127.0.0.1:{port}/blog/tips/frost-fartlek/", time.monotonic() + 90))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert texts(page, "//*[contains(@class, 'cb-scheduled')]")[0].startswith(
        "Scheduled: appears on 20 January 2999"
    )
