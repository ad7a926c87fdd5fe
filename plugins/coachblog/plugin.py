"""The MkDocs plugin: thin event handlers that hand off to the coachblog modules."""

from __future__ import annotations

import os
from importlib.resources import files as package_files
from pathlib import Path

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime
from mkdocs.utils.templates import TemplateContext

from .coach_pages import FINDER_CSS, CoachSettings, CoachSite
from .coaches import CoachSource
from .errors import ContentError
from .feed_html import unreadable_characters
from .feeds import SUBSCRIBE_SRC, FeedPlaces, Feeds, FeedSettings
from .posts import PostSettings
from .share import share_buttons
from .site import SiteContent, SiteSettings, kind_of
from .social_cards import CardStats
from .social_meta import PageFacts, SiteImage, SocialPreviews
from .timings import Timings

log = get_plugin_logger(__name__)
CSS_URI = "assets/coachblog/coachblog.css"
SHARE_ASSETS = {"assets/coachblog/share.css": "share.css", "assets/coachblog/share.js": "share.js"}


class FeedsConfig(base.Config):
    """Options of the RSS, Atom and JSON feeds, under `feeds:` (issue 4)."""

    enabled = c.Type(bool, default=True)
    """Write /feed.xml, /atom.xml, /feed.json and the subscribe page, e.g. `enabled: true`."""
    max_entries = c.Type(int, default=20)
    """How many of the newest posts each feed holds, e.g. `max_entries: 20`."""
    tag_feeds = c.Type(bool, default=True)
    """Also write each tag's feeds at /tags/<tag>/feed.xml, atom.xml, feed.json, e.g. `tag_feeds: true`."""
    image = c.Optional(c.Type(str))
    """Site file shown as the feeds' image, e.g. `image: assets/images/favicon.png` (the theme's favicon)."""


class CoachBlogConfig(base.Config):
    """Options of the coachblog plugin (all optional)."""

    tips_dir = c.Type(str, default="tips")
    """Folder in docs/ holding one Markdown file per tip, e.g. `tips_dir: tips`."""
    articles_dir = c.Type(str, default="articles")
    """Folder in docs/ holding the articles that tips belong to, e.g. `articles_dir: articles`."""
    tags_dir = c.Type(str, default="tags")
    """Folder of the generated tag pages, e.g. `tags_dir: tags` gives /tags/winter/."""
    newest_count = c.Type(int, default=6)
    """How many tips `<!-- newest-tips -->` shows, e.g. `newest_count: 6`."""
    timezone = c.Type(str, default="Europe/London")
    """Time zone of front-matter dates, e.g. `timezone: Europe/London`."""
    default_hour = c.Type(int, default=9)
    """Hour at which a date without a time is published, e.g. `default_hour: 9`."""
    future_posts = c.Choice(("draft", "error"), default="draft")
    """A post dated after the build (or SOURCE_DATE_EPOCH): a `draft` until then, or an `error`."""
    feeds = c.SubConfig(FeedsConfig)
    """RSS, Atom and JSON Feed, e.g. `feeds: {max_entries: 20, tag_feeds: true}`."""
    social_cards = c.Type(bool, default=True)
    """Draw a 1200x630 link-preview image for each page, e.g. `social_cards: true`."""
    social_cards_cache = c.Type(str, default=".cache/social-cards")
    """Folder that keeps drawn cards between builds, relative to mkdocs.yml, e.g. `.cache/social-cards`."""
    coaches_dir = c.Type(str, default="coaches")
    """Folder in docs/ of one YAML file per coach; also the finder's URL, e.g. `coaches_dir: coaches`."""


class CoachBlogPlugin(BasePlugin[CoachBlogConfig]):
    """Tip index, tag pages and tip navigation for a running-coach's blog."""

    # Timings (issue 7, `make bench`): put each event's work in `with self.timings.part("name"):`
    # and count work a warm rebuild should skip with self.timings.count("cards_rendered") or
    # self.timings.count("coach_files_read"); see timings.py.
    site: SiteContent | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.timings = Timings()  # per build, like everything else made here
        self.site = None  # made fresh in on_files, never carried across `mkdocs serve` rebuilds
        self.settings = SiteSettings(
            self.config.tips_dir, self.config.articles_dir, self.config.tags_dir,
            self.config.newest_count, config.use_directory_urls,
            PostSettings(self.config.timezone, self.config.default_hour,
                         self.config.future_posts, get_build_datetime()),
            feeds=FeedPlaces(self.config.tags_dir, self.config.feeds.tag_feeds, config.use_directory_urls)
            if self.config.feeds.enabled else None,
        )  # fmt: skip
        self.feeds: Feeds | None = None  # made fresh in on_files
        config.extra_css.append(CSS_URI)
        self.coaches: CoachSite | None = None  # coach directory (issue 3): made fresh in on_files
        config.extra_css.append(FINDER_CSS)
        self.previews: SocialPreviews | None = None  # link previews: made fresh in on_files
        self.card_stats = CardStats()
        config.extra_css.append("assets/coachblog/share.css")  # both in SHARE_ASSETS
        config.extra_javascript.append("assets/coachblog/share.js")
        if not config.site_url:
            log.warning("site_url is not set in mkdocs.yml: link previews need absolute URLs; pages get none")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        with self.timings.part("posts"):
            sources = [(f.src_uri, f.content_string) for f in files.documentation_pages()
                       if kind_of(f.src_uri, self.settings)]  # fmt: skip
            try:
                self.site = SiteContent(self.settings, sources)
                if problems := self.site.taken_sources(f.src_uri for f in files):
                    raise ContentError(problems)
            except ContentError as exc:
                raise PluginError(str(exc)) from exc
            _place_posts_by_slug(files, self.site)
            for page in self.site.pages:
                files.append(File.generated(config, page.src_uri, content=page.markdown))
            _log_scheduled(self.site)
        with self.timings.part("coaches"):
            self.coaches = _add_coaches(files, config, self.config.coaches_dir)
        if self.config.feeds.enabled:
            self.feeds = _start_feeds(files, config, self.config.feeds, self.site)
        css = package_files("coachblog").joinpath("assets/coachblog.css").read_bytes()
        files.append(File.generated(config, CSS_URI, content=css))
        self.previews = _start_previews(files, config, self.config)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        with self.timings.part("page_meta"):
            page.meta.update(self.site.page_meta(page.file.src_uri))
            if self.coaches is not None:
                page.meta.update(self.coaches.page_meta(page.file.src_uri))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        with self.timings.part("page_decorate"):
            post = self.site.catalog.by_src.get(page.file.src_uri)
            share = share_buttons(page.canonical_url, post) if post and page.canonical_url else ""
            if self.feeds is not None:  # feeds keep each post's text, before the page's trimmings
                with self.timings.part("feeds"):
                    html = self.feeds.fill_list(html, page.url)
                    if post is not None:
                        self.feeds.add_body(post, page.url, self.site.post_body(post, page.url, html))
            if self.coaches is not None:
                html = self.coaches.decorate(page.file.src_uri, page.url, html)
            return self.site.decorate(page.file.src_uri, page.url, html, share)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.feeds is not None:  # autodiscovery and the Subscribe link, on every page and the 404
            env.globals["coachblog_feeds"] = self.feeds.links()
        return env

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:  # fmt: skip
        assert self.site is not None and self.previews is not None
        tag = getattr(self.site.pages_by_src.get(page.file.src_uri), "tag", None)
        if self.feeds is not None and tag is not None:  # a tag page: its own feeds come first
            context["coachblog_feeds"] = self.feeds.links(tag)  # type: ignore[typeddict-unknown-key]
        if page.canonical_url:  # link previews: Open Graph and X tags, and the page's card
            with self.timings.part("social_meta"):
                facts = PageFacts(page.file.src_uri, page.file.dest_uri, page.canonical_url, page.title or "",
                                  page.meta, page.file.content_string,
                                  self.site.catalog.by_src.get(page.file.src_uri))  # fmt: skip
                try:
                    context["coachblog_social"] = self.previews.for_page(facts)  # type: ignore[typeddict-unknown-key]
                except ContentError as exc:
                    raise PluginError(str(exc)) from exc
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.previews is not None:
            with self.timings.part("social_cards"):
                self.card_stats = stats = self.previews.write_cards()
            self.timings.count("cards_rendered", stats.rendered)
            self.timings.count("cards_reused", stats.reused)
            log.info(f"Social cards: {stats.rendered} drawn, {stats.reused} reused from the cache")
            for warning in self.previews.warnings():
                log.warning(warning)
        if self.feeds is not None:
            with self.timings.part("feeds"):
                try:
                    written = self.feeds.write(Path(config.site_dir))
                except ContentError as exc:
                    raise PluginError(str(exc)) from exc
            log.debug(f"Feeds: {len(written)} files written")
        # Keep this last in on_post_build: it reports every part timed before it.
        log.debug(self.timings.summary())
        self.timings.write_if_requested()


def _log_scheduled(site: SiteContent) -> None:
    for post in site.catalog.posts:
        if post.scheduled:
            log.info(f"{post.src_uri} is dated {post.published:%Y-%m-%d %H:%M %Z}, after this build: "
                     "its page is built but lists and feeds leave it out until then")  # fmt: skip


def _start_feeds(files: Files, config: MkDocsConfig, options: FeedsConfig, site: SiteContent) -> Feeds:
    """This build's feeds, after checking what they need; adds the subscribe page unless docs/ has one."""
    if not config.site_url:
        raise PluginError("Feeds need absolute URLs: set site_url in mkdocs.yml, "
                          "or turn them off with the coachblog option 'feeds: {enabled: false}'")  # fmt: skip
    if (count := options.max_entries) < 1:
        raise PluginError(f"coachblog option 'feeds.max_entries' must be 1 or more, got {count}")
    image_path = options.image or config.theme.get("favicon")
    image = files.get_file_from_path(image_path) if image_path else None
    if options.image and image is None:
        raise PluginError(f"coachblog option 'feeds.image': no file {options.image!r} in docs/ or the theme")
    problems = [problem for f in files.documentation_pages() if f.src_uri in site.catalog.by_src
                for problem in unreadable_characters(f.src_uri, f.content_string)]  # fmt: skip
    if problems:
        raise PluginError(str(ContentError(problems)))
    assert site.settings.feeds is not None
    feeds = Feeds(FeedSettings(
        config.site_url, config.site_name, config.site_description or f"New posts on {config.site_name}.",
        str(config.theme.get("language") or "en"), config.site_author or config.site_name,
        image.url if image else None, options.max_entries, site.settings.feeds,
    ), site.catalog)  # fmt: skip
    if files.get_file_from_path(SUBSCRIBE_SRC) is None:
        files.append(File.generated(config, SUBSCRIBE_SRC, content=feeds.subscribe_markdown()))
    return feeds


def _add_coaches(files: Files, config: MkDocsConfig, coaches_dir: str) -> CoachSite:
    """The coach directory: checks coach files, keeps them out of the output, adds the finder and profiles."""
    folder, yaml_suffixes = coaches_dir.strip("/") + "/", (".yml", ".yaml")
    docs = os.path.relpath(config.docs_dir, Path(config.config_file_path or "mkdocs.yml").parent)
    sources = [  # labelled docs/coaches/x.yml in messages, as people see the file
        CoachSource(f.src_uri, f.content_string if f.src_uri.lower().endswith(yaml_suffixes) else "",
                    f"{docs}/{f.src_uri}")
        for f in files
        if f.src_uri.startswith(folder) or f.src_uri.lower().endswith(yaml_suffixes)
    ]  # fmt: skip
    settings = CoachSettings(coaches_dir.strip("/"), docs, config.use_directory_urls, config.repo_url)
    try:
        coaches = CoachSite(settings, sources, [f.src_uri for f in files])
        if problems := coaches.taken_sources(f.src_uri for f in files):
            raise ContentError(problems)
    except ContentError as exc:
        raise PluginError(str(exc)) from exc
    for file in [f for f in files if f.src_uri in coaches.unpublished]:
        files.remove(file)
    for uri, content in [(p.src_uri, p.markdown) for p in coaches.pages] + list(coaches.assets().items()):
        files.append(File.generated(config, uri, content=content))
    return coaches


def _start_previews(files: Files, config: MkDocsConfig, options: CoachBlogConfig) -> SocialPreviews:
    """This build's link previews (issue 5); adds the share buttons' script and styles to the site."""
    for uri, name in SHARE_ASSETS.items():
        asset = package_files("coachblog").joinpath("assets", name).read_bytes()
        files.append(File.generated(config, uri, content=asset))
    cache = Path(config.config_file_path or "mkdocs.yml").parent / options.social_cards_cache
    return SocialPreviews.create(
        site_name=config.site_name, site_url=config.site_url or "",
        site_description=config.site_description, site_dir=Path(config.site_dir),
        cards_cache=cache if options.social_cards else None,
        images=lambda uri: _site_image(files, uri), coaches_dir=options.coaches_dir.strip("/"),
    )  # fmt: skip


def _site_image(files: Files, src_uri: str) -> SiteImage | None:
    """An image file of the site for a preview's `image:` field, or None when there is no such file."""
    file = files.get_file_from_path(src_uri)
    return None if file is None else SiteImage(file.url, lambda: file.content_bytes)


def _place_posts_by_slug(files: Files, site: SiteContent) -> None:
    """Write each post to /tips/<slug>/ whatever its file's name or sub-folder."""
    for file in files.documentation_pages():
        dest = site.dest_uri(file.src_uri)
        if dest is not None and dest != file.dest_uri:
            file.dest_uri = dest
            for cached in ("url", "abs_dest_path"):
                file.__dict__.pop(cached, None)
