"""What the tests share: sites built into a temporary folder and read back, served as GitHub Pages
serves them, loaded in Debian's Chromium, and the HTML and URLs they hold."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import logging
import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import mkdocs
import yaml
from lxml import html as lxml_html
from lxml.html import HtmlElement
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from playwright.sync_api import Browser, ViewportSize, sync_playwright

# ---------------------------------------------------------------- sites built and read back

REPO = Path(__file__).resolve().parent.parent
# The project's own site is tested twice: as it is, and with made-up "real" content in place of the
# samples, so that no test can lean on the sample coaches and tips the site owner will replace.
# And a third time as an owner makes it theirs with `make init`: no samples, no article, repo_url
# set, a post dated years ahead, a home page naming the owner and their town, few tags.
VARIANTS = ("as-is", "real-content", "owner")
REAL_CONTENT = REPO / "tests" / "fixtures" / "real_content"
OWNER_CONTENT = REPO / "tests" / "fixtures" / "owner_site"

# Built sites are served by the tools' own server (scripts/static_server.py), as GitHub Pages serves
# them: under the path of site_url, gzip, 404.html, a folder's index.html; each on a free port.
sys.path.insert(0, str(REPO / "scripts"))
from static_server import Served, listening, serve  # noqa: E402, F401  (the tests import them from here)


@dataclass
class Site:
    """A copy of a site's sources in a temporary folder, built on demand."""

    root: Path
    warnings: list[str] = field(default_factory=list)
    built_with: MkDocsConfig | None = None  # the config of the last build
    built_at: dt.datetime | None = None  # the time the last build took as "now"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def out(self) -> Path:
        return self.root / "site"

    @property
    def site_url(self) -> str:
        """The site_url of the last build (or of mkdocs.yml), ending in '/'."""
        return str((self.built_with or self.config())["site_url"] or "")

    def write(self, rel: str, text: str) -> Path:
        path = self.docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def config(self, **overrides: Any) -> MkDocsConfig:
        """The site's config as a strict build reads it; BuildFailed if MkDocs refuses it."""
        overrides.setdefault("site_dir", str(self.out))
        with _capture_log() as records:
            try:
                cfg = load_config(str(self.root / "mkdocs.yml"), **overrides)
            except Abort as exc:
                raise BuildFailed("\n".join(r.getMessage() for r in records)) from exc
        cfg["strict"] = True
        # As `mkdocs build` does for each run. MkDocs keeps plugin objects that have on_startup across
        # configs in a process, so without this a test after one of `--dirty` or `serve` would build
        # that way too; a test that wants those calls on_startup itself after this.
        cfg.plugins.on_startup(command="build", dirty=False)
        return cfg

    def build(self, config: MkDocsConfig | None = None, **overrides: Any) -> MkDocsConfig:
        cfg = config or self.config(**overrides)
        self.built_at = build_time()
        with _capture_log() as records:
            try:
                build(cfg)
            except Abort as exc:
                raise BuildFailed("\n".join(r.getMessage() for r in records)) from exc
        self.warnings.extend(r.getMessage() for r in records if r.levelno == logging.WARNING)
        self.built_with = cfg
        return cfg

    def html(self, url_path: str) -> str:
        path = self.out / url_path.strip("/")
        if not url_path.endswith(".html") and not url_path.endswith(".xml"):
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def content(self) -> Content:
        """The tips, articles and coaches in this copy's docs/, as the last build saw them."""
        cfg = self.built_with or self.config()
        return read_content(self.docs, cfg.plugins["coachblog"].config, self.built_at or build_time())


def build_time() -> dt.datetime:
    """The time a build takes as "now": SOURCE_DATE_EPOCH when set, as MkDocs and the plugin do."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)


# ---------------------------------------------------------------- the project's own site


def copy_repo_site(dest: Path, variant: str = "as-is", cards_cache: Path | None = None) -> Site:
    """A copy of the project's own site (config, docs, overrides), as it is or with real content.

    `cards_cache` is a folder of social cards shared between copies: cards are named by a digest of
    everything drawn on them, so a copy reuses what another drew instead of drawing every card again.
    """
    assert variant in VARIANTS, variant
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, dest / name)
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, dest / name)
    site = Site(dest)
    if variant == "real-content":
        use_real_content(site)
    elif variant == "owner":
        use_owner_content(site)
    if cards_cache is not None:
        own = dest / site.config().plugins["coachblog"].config.social_cards_cache
        own.parent.mkdir(parents=True, exist_ok=True)
        own.symlink_to(cards_cache, target_is_directory=True)
    return site


def is_sample_coach(path: Path) -> bool:
    """A made-up coach shipped to show how the directory works (named sample-*, or marked so)."""
    return path.name.startswith("sample-") or "SAMPLE ENTRY" in path.read_text(encoding="utf-8")


def use_real_content(site: Site) -> None:
    """Take out every sample coach; add the coaches and tips of tests/fixtures/real_content/.

    A new tip joins the first article that has tips, after its last one, as an author would add it.
    """
    options = site.config().plugins["coachblog"].config
    coaches = site.docs / options.coaches_dir
    for path in coaches.glob("*.yml"):
        if is_sample_coach(path):
            path.unlink()
    for path in sorted((REAL_CONTENT / "coaches").glob("*.yml")):
        shutil.copy(path, coaches / path.name)
    content = read_content(site.docs, options, build_time())
    article = next((a for a in content.articles if content.article_tips(a.slug)), None)
    for path in sorted((REAL_CONTENT / "tips").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if article is not None:
            last = max(t.order or 0 for t in content.tips if t.article == article.slug)
            text = text.replace("---\n", f"---\narticle: {article.slug}\norder: {last + 1}\n", 1)
        (site.docs / options.tips_dir / path.name).write_text(text, encoding="utf-8")
        content = read_content(site.docs, options, build_time())


def use_owner_content(site: Site) -> None:
    """The site as `make init` leaves it (every post and coach file out, the config and starter pages an
    owner's), then the home page, coach and tips of tests/fixtures/owner_site/."""
    if str(REPO / "scripts") not in sys.path:
        sys.path.insert(0, str(REPO / "scripts"))
    make_it_yours = importlib.import_module("make_it_yours")  # scripts/make_it_yours.py

    where = make_it_yours.folders(site.root / "mkdocs.yml")
    samples, own = make_it_yours.content_files(where)
    answers = make_it_yours.Answers(
        "Fell and trail tips",
        "Fell and trail running tips from Keswick.",
        "https://ffion-hale.github.io/fell-tips/",
        "ffion-hale/fell-tips",
        "Ffion Hale",
    )
    make_it_yours.apply(site.root, answers, samples + own)
    shutil.copytree(OWNER_CONTENT, site.docs, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))


# ---------------------------------------------------------------- what a site was built from


@dataclass(frozen=True)
class SourcePost:
    """A tip or an article as its Markdown file's front matter describes it."""

    kind: str  # "tip" or "article"
    slug: str
    path: Path
    title: str
    summary: str
    published: dt.datetime
    tags: tuple[str, ...]
    article: str | None
    order: int | None
    listed: bool  # in lists and feeds: not a draft, and not dated after the build
    url: str  # site-relative, with directory URLs: 'tips/take-a-break/'
    description: str | None = None  # what link previews say instead of the summary
    image: str | None = None  # the link preview's own image instead of a drawn card


@dataclass(frozen=True)
class SourceCoach:
    """A coach as their YAML file describes them."""

    slug: str
    path: Path
    fields: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.fields["name"])

    @property
    def place(self) -> str:
        return str(self.fields["place"])

    @property
    def coaching(self) -> list[str]:
        return [str(way) for way in self.fields["coaching"]]

    @property
    def online_only(self) -> bool:
        return self.coaching == ["online"]

    @property
    def url(self) -> str:
        return f"{self.path.parent.name}/{self.slug}/"


@dataclass(frozen=True)
class Content:
    """Everything a site was built from that its lists, feeds and coach pages are made of."""

    tips: list[SourcePost]
    articles: list[SourcePost]
    coaches: list[SourceCoach]
    newest_count: int
    max_entries: int
    waiting: list[SourcePost] = field(default_factory=list)  # dated after the build: no page at all

    @property
    def listed(self) -> list[SourcePost]:
        """Tips and articles shown in lists and feeds."""
        return [p for p in self.tips + self.articles if p.listed]

    @property
    def listed_tips(self) -> list[SourcePost]:
        return [t for t in self.tips if t.listed]

    def tagged(self) -> dict[str, set[str]]:
        """Each tag of a listed post, with the URLs of the listed posts that have it."""
        tags: dict[str, set[str]] = {}
        for post in self.listed:
            for tag in post.tags:
                tags.setdefault(tag, set()).add(post.url)
        return tags

    def article_tips(self, article: str) -> list[SourcePost]:
        """The listed tips of an article, in their `order`."""
        return sorted((t for t in self.listed_tips if t.article == article), key=lambda t: t.order or 0)

    def post(self, url: str) -> SourcePost:
        (found,) = [p for p in self.tips + self.articles if p.url == url]
        return found


def read_content(docs: Path, options: Any, now: dt.datetime) -> Content:
    """Read tips, articles and coaches from `docs`, where the plugin's `options` say they are."""
    zone = ZoneInfo(options.timezone)

    def read(kind: str, folder: str) -> list[SourcePost]:
        return [
            _post(kind, folder, path, zone, options.default_hour, now)
            for path in sorted((docs / folder).rglob("*.md"))
        ]

    def waits(post: SourcePost) -> bool:
        return options.future_posts == "wait" and post.published > now

    every = read("tip", options.tips_dir) + read("article", options.articles_dir)

    coaches = [
        SourceCoach(p.stem, p, yaml.safe_load(p.read_text(encoding="utf-8")))
        for p in sorted((docs / options.coaches_dir).glob("*.yml"))
    ]
    return Content(
        [p for p in every if p.kind == "tip" and not waits(p)],
        [p for p in every if p.kind == "article" and not waits(p)],
        coaches,
        options.newest_count,
        options.feeds.max_entries,
        [p for p in every if waits(p)],
    )


def _post(
    kind: str, folder: str, path: Path, zone: ZoneInfo, default_hour: int, now: dt.datetime
) -> SourcePost:
    values = _front_matter(path.read_text(encoding="utf-8"))

    def text(key: str) -> str | None:
        value = values.get(key)
        return str(value).strip() if value is not None else None

    published = _when(values["date"], zone, default_hour)
    slug = text("slug") or path.stem
    tags, order = values.get("tags") or [], values.get("order")
    return SourcePost(
        kind=kind,
        slug=slug,
        path=path,
        title=str(text("title")),
        summary=str(text("summary")),
        published=published,
        tags=tuple(str(tag) for tag in tags) if isinstance(tags, list) else (),
        article=text("article"),
        order=order if isinstance(order, int) else None,
        listed=values.get("draft") is not True and published <= now,
        url=f"{folder}/{slug}/",
        description=text("description"),
        image=text("image"),
    )


def _front_matter(text: str) -> dict[str, Any]:
    """A post's front matter read with plain PyYAML: expectations do not go through the plugin's reader."""
    match = re.match(r"\A---\s*\n(.*?\n)---\s*\n", text, re.DOTALL)
    values = yaml.safe_load(match.group(1)) if match else None
    return values if isinstance(values, dict) else {}


def _when(value: object, zone: ZoneInfo, default_hour: int) -> dt.datetime:
    text = str(value).strip()
    if len(text) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(default_hour), tzinfo=zone)
    when = dt.datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=zone)


def newest_first(posts: list[SourcePost]) -> list[SourcePost]:
    """The site's own order (posts/catalog.py; README "Writing a tip"): newest first; on the same date and
    hour, by slug from z to a."""
    return sorted(posts, key=lambda p: (p.published, p.slug), reverse=True)


# ---------------------------------------------------------------- small sites


# Drawn cards and encoded pictures shared by the small sites of one test session (tests/conftest.py sets
# it): both caches name each file by a digest of all that made it, so a site reuses what another drew.
SHARED_CACHES: Path | None = None


def minimal_site(
    dest: Path,
    plugin_options: dict[str, Any] | None = None,
    extra_config: dict[str, Any] | None = None,
    *,
    cold_caches: bool = False,
) -> Site:
    """A small site with the plugin on and nothing else but what a test writes. It uses the project's
    theme overrides: they print what the plugin adds around a page (share block, page-only sheets).

    Its card and picture caches are the session's (SHARED_CACHES) unless the test sets
    `social_cards_cache` or asks for `cold_caches`, as a test of what a build draws or encodes must."""
    config: dict[str, Any] = {
        "site_name": "Test site",
        "site_url": "https://example.org/blog/",
        "theme": {"name": "material", "font": False, "custom_dir": str(REPO / "overrides")},
        "plugins": [{"coachblog": plugin_options or {}}],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    config.update(extra_config or {})
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    site = Site(dest)
    site.write("index.md", "# Home\n\n<!-- newest-tips -->\n")
    options = plugin_options or {}
    own_caches = cold_caches or "social_cards_cache" in options or options.get("social_cards") is False
    if SHARED_CACHES is not None and not own_caches:
        _share_caches(dest, SHARED_CACHES)
    return site


def _share_caches(dest: Path, shared: Path) -> None:
    """The default .cache/social-cards and, beside it, .cache/pictures made links to the shared ones."""
    for name in ("social-cards", "pictures"):
        (shared / name).mkdir(parents=True, exist_ok=True)
        link = dest / ".cache" / name
        link.parent.mkdir(exist_ok=True)
        if not link.is_symlink():
            link.symlink_to(shared / name, target_is_directory=True)


class BuildFailed(Exception):
    """The build stopped; the message holds every warning and error MkDocs logged."""


@contextmanager
def _capture_log() -> Iterator[list[logging.LogRecord]]:
    captured: list[logging.LogRecord] = []

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            captured.append(record)

    handler = Handler(level=logging.WARNING)
    logger = logging.getLogger(mkdocs.__name__)  # "properdocs" when ProperDocs stands in for MkDocs
    logger.addHandler(handler)
    try:
        yield captured
    finally:
        logger.removeHandler(handler)


# ---------------------------------------------------------------- served sites and the browser

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
# Sums every layout shift from the start of the page (buffered), as Chromium reports them for CLS.
LAYOUT_SHIFT_TOTAL = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1000);
})"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Tests never reach the network: any host but this machine fails to resolve, inside Chromium.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


class FakeGitHub(BaseHTTPRequestHandler):
    """A stand-in for GitHub's REST API: JSON in and out, the test token required, each call recorded in
    `state.calls`. Tests subclass it with the routes they need and a `state` of their own."""

    state: Any
    token = "test-token"

    def send_json(self, status: int, data: object) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def sent_json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        return data

    def allowed(self) -> bool:
        """Record the call; False (after answering 401) when the token is not the test's."""
        self.state.calls.append(f"{self.command} {self.path}")
        if self.headers.get("Authorization") != f"Bearer {self.token}":
            self.send_json(401, {"message": "Bad credentials"})
            return False
        return True

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright (which never downloads a browser of its own)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# ---------------------------------------------------------------- reading built pages


def parse(text: str) -> HtmlElement:
    return lxml_html.fromstring(text)


def texts(root: HtmlElement, xpath: str) -> list[str]:
    """The whitespace-normalised text of every element matching `xpath`."""
    return [" ".join(el.text_content().split()) for el in root.xpath(xpath)]


def hrefs(root: HtmlElement, xpath: str) -> list[str]:
    return [str(el.get("href")) for el in root.xpath(xpath)]


def by_class(name: str) -> str:
    """An XPath test for an element having the CSS class `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def card_links(root: HtmlElement) -> list[str]:
    """The links of a page's post cards, in order, as written (relative to the page)."""
    return hrefs(root, f"//article[{by_class('cb-card')}]//h2/a")


def site_path(href: str, page: str) -> str:
    """A relative link on the page at site-relative URL `page` ('tips/'), as a site-relative URL."""
    return urljoin(_ORIGIN + page, href).removeprefix(_ORIGIN)


_ORIGIN = "https://site.invalid/"


def cards_at(site: Site, url: str) -> list[str]:
    """The links of the post cards on the page at `url` of a built site."""
    return hrefs(parse(site.html(url)), f"//article[{by_class('cb-card')}]//h2/a")


def list_pages(site: Site, url: str) -> list[tuple[str, HtmlElement]]:
    """Every page of the paged list at `url` (site-relative), following its "Older" links."""
    pages: list[tuple[str, HtmlElement]] = []
    next_url: str | None = url
    while next_url is not None:
        page = parse(site.html(next_url))
        pages.append((next_url, page))
        older = hrefs(page, f"//nav[{by_class('cb-pager')}]//a[@rel='next']")
        assert len(older) <= 1, next_url
        next_url = site_path(older[0], next_url) if older else None
        assert len(pages) <= 10_000, "the Older links go round in a circle"
    return pages
