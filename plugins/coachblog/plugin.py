"""The MkDocs plugin: thin event handlers that hand off to the coachblog modules."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from coachblog import build_steps as steps
from coachblog import incremental_steps
from coachblog.coaches.pages import CoachPages
from coachblog.coaches.reading import COACH_FILES
from coachblog.config import CoachBlogConfig, check_with_site
from coachblog.feeds.model import FEED_LIST_MARKER
from coachblog.feeds.site_feeds import Feeds
from coachblog.page_styles import Kind, PageShape, Part, layout, page_stylesheets, parts_asked
from coachblog.pictures.coach_photos import CoachPhotos
from coachblog.pictures.encode import EncodeStats
from coachblog.pictures.site_pictures import SitePictures
from coachblog.posts.pages import SiteSettings
from coachblog.posts.site_content import (
    FEATURED_ARTICLE_MARKER,
    FINDER_BOX_MARKER,
    NEWEST_TIPS_MARKER,
    SiteContent,
)
from coachblog.search_index import add_entries
from coachblog.social.cards import CardStats
from coachblog.social.meta import SocialPreviews
from coachblog.social.share import share_block
from coachblog.templating import keep_compiled
from coachblog.theme_cache import BLOCK_KEYS, PARTIAL_KEYS, PartialMemo
from coachblog.timings import Timings

log = get_plugin_logger(__name__)
COMPILED_TEMPLATES = ".cache/theme-templates"  # beside mkdocs.yml, like the social cards' cache


class CoachBlogPlugin(BasePlugin[CoachBlogConfig]):
    """Tip index, tag pages, coach finder, feeds and link previews for a running-coach's blog."""

    # Every event times its work (`make bench` reports the parts): `with self.timings.part("name"):`.
    site: SiteContent | None = None
    previewing = False  # `mkdocs serve`: set once per process, in on_startup
    dirty_builds = False  # `--dirty`: only the pages whose source changed are rendered (incremental_steps)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.previewing = command == "serve"
        self.dirty_builds = dirty
        if dirty:
            incremental_steps.quiet_dirty_warning()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        check_with_site(self.config, config)  # options against MkDocs' settings, before any file is read
        # Everything a build derives is made here or in on_files, never kept from a `mkdocs serve` rebuild.
        self.timings = Timings()
        self.settings: SiteSettings = steps.site_settings(self.config, config, self.previewing)
        self.site = None
        self.directory: steps.CoachBuild | None = None
        self.coaches: CoachPages | None = None
        self.feeds: Feeds | None = None
        self.previews: SocialPreviews | None = None
        self.card_stats = CardStats()
        self.pictures: SitePictures | None = None
        self.theme_memo = PartialMemo(*((PARTIAL_KEYS, BLOCK_KEYS) if self.config.theme_cache else ({}, {})))
        self.coach_reads_before = COACH_FILES.reads
        self.files: Files | None = None
        self.incremental = incremental_steps.start(config, self.dirty_builds)
        config.extra_css.extend(steps.STYLESHEETS)
        config.extra_javascript.extend(steps.SCRIPTS)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        image = steps.feed_image(files, config, self.config.feeds) if self.config.feeds.enabled else None
        with self.timings.part("posts"):
            posts = steps.add_posts(files, config, self.settings)
        with self.timings.part("pictures"):
            self.pictures = steps.add_pictures(files, config, posts, self.config)
        self.directory = steps.add_coaches(files, config, self.config, self.settings, self.timings)
        authors = steps.add_authors(posts, self.directory)  # `author:` naming a coach
        self.site = steps.site_content(posts, self.pictures, authors)  # rendered with both, so after both
        self.previews = steps.start_previews(files, config, self.config, self.pictures, authors.by_post)
        self.feeds = steps.start_feeds(
            files, config, self.config.feeds, posts, image, self.pictures, authors, self.directory
        )
        self.coaches = steps.coach_pages(self.directory, self.site, self.feeds)
        self.files = steps.add_assets_and_plan(files, config, posts, self.incremental)  # plan: --dirty
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.incremental is not None:  # the pages not rendered again: their titles, for the nav
            self.incremental.restore_pages(files)
        return nav

    @property
    def coach_photos(self) -> CoachPhotos | None:
        """This build's coach photos (their encoding figures go in the report)."""
        return self.directory.photos if self.directory is not None else None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None and self.coaches is not None
        with self.timings.part("page_meta"):
            page.meta.update(self.site.posts.page_meta(page.file.src_uri))
            page.meta.update(self.coaches.page_meta(page.file.src_uri))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None and self.coaches is not None
        with self.timings.part("page_decorate"):
            post = self.site.posts.catalog.by_src.get(page.file.src_uri)
            if self.feeds is not None:  # feeds keep each post's text, before the page's trimmings
                with self.timings.part("feeds"):
                    html = self.feeds.fill_list(html, page.url)
                    if post is not None:
                        self.feeds.add_body(post, page.url, self.site.post_body(post, page.url, html))
            html = self.coaches.decorate(page.file.src_uri, page.url, html)
            return self.site.decorate(page.file.src_uri, page.url, html)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.feeds is not None:  # autodiscovery and the Subscribe link, on every page and the 404
            env.globals["coachblog_feeds"] = self.feeds.links()
        self.theme_memo.install(env, (file.url for file in files))
        keep_compiled(env, Path(config.config_file_path or "mkdocs.yml").parent / COMPILED_TEMPLATES)
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        assert self.site is not None and self.previews is not None
        tag = getattr(self.site.posts.pages_by_src.get(page.file.src_uri), "tag", None)
        if self.feeds is not None and tag is not None:  # a tag page: its own feeds come first
            context["coachblog_feeds"] = self.feeds.links(tag)  # type: ignore[typeddict-unknown-key]
        elif self.feeds is not None and (own := self.feeds.page_links(page.file.src_uri)):  # a coach, a list
            context["coachblog_feeds"] = own  # type: ignore[typeddict-unknown-key]
        if page.canonical_url:  # link previews: Open Graph and X tags, and the page's card
            with self.timings.part("social_meta"), steps.content_errors():
                social = self.previews.for_page(steps.page_facts(page, self.site.posts))
                context["coachblog_social"] = social  # type: ignore[typeddict-unknown-key]
        with self.timings.part("page_decorate"):  # what overrides/main.html adds for the page's kind
            context.update(self._theme_parts(page))  # type: ignore[typeddict-item]
        return context

    def _theme_parts(self, page: Page) -> dict[str, object]:
        """The share block (on a post), the page-only stylesheets and the layout, from the page's kind."""
        assert self.site is not None
        post = self.site.posts.catalog.by_src.get(page.file.src_uri)
        share = None
        if post is not None and page.canonical_url:
            email = self.feeds.email_line(page.url) if self.feeds is not None else ""
            share = share_block(page.canonical_url, post, email)
        hidden = page.meta.get("hide")
        shape = PageShape(
            self._kind(page.file.src_uri),
            page.is_homepage,
            parts_asked(page.markdown or "", self._markers()),
            frozenset(hidden if isinstance(hidden, list) else ()),
            shared=share is not None,
        )
        styles = page_stylesheets(shape)
        return {"coachblog_share": share, "coachblog_page_styles": styles, "coachblog_layout": layout(shape)}

    def _kind(self, src_uri: str) -> Kind:
        """What the plugin made or read the page as."""
        assert self.site is not None and self.coaches is not None
        if src_uri in self.site.posts.catalog.by_src:
            return "post"
        if src_uri in self.site.posts.pages_by_src:
            return "post-list"
        return self.coaches.kind(src_uri) or "page"

    def _markers(self) -> dict[Part, str]:
        """The markers of the parts the plugin fills in where a page's text asks for them."""
        markers: dict[Part, str] = {
            "featured-article": FEATURED_ARTICLE_MARKER,
            "coach-finder-box": FINDER_BOX_MARKER,
            "newest-tips": NEWEST_TIPS_MARKER,
        }
        if self.feeds is not None:  # without feeds the feed list's marker stays a comment
            markers["feed-list"] = FEED_LIST_MARKER
        return markers

    @event_priority(-100)  # after the theme's search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.previews is not None and self.coaches is not None
        with self.timings.part("social_cards"):
            self.card_stats = self.previews.write_cards()
        for warning in self.previews.warnings():
            log.warning(warning)
        if self.feeds is not None:
            with self.timings.part("feeds"), steps.content_errors():
                if self.incremental is not None and self.site is not None:
                    self.incremental.restore_feed_bodies(self.feeds, self.site.posts)
                self.feeds.write(Path(config.site_dir))
        with self.timings.part("coaches"):
            if self.incremental is not None and self.files is not None:
                self.incremental.keep_search_docs(self.files)
            if problem := add_entries(Path(config.site_dir), self.coaches.search_entries()):
                log.warning(problem)
        self._report()
        if self.incremental is not None and self.files is not None:  # last: only a build that got here
            self.incremental.finish(self.files, self.feeds)

    def on_build_error(self, *, error: Exception) -> None:
        if self.incremental is not None:
            self.incremental.abandon()

    def _report(self) -> None:
        """What this build drew, reused and read; the part timings for `make bench`."""
        stats = self.card_stats
        log.info(f"Social cards: {stats.rendered} drawn, {stats.reused} reused from the cache")
        encoded = self.pictures.stats if self.pictures else EncodeStats()
        photos = self.coach_photos.stats if self.coach_photos else EncodeStats()
        log.info(f"Pictures: {encoded.encoded} encoded, {encoded.reused} reused from the cache")
        log.info(f"Coach photos: {photos.encoded} encoded, {photos.reused} reused from the cache")
        self.timings.count("pictures_encoded", encoded.encoded + photos.encoded)
        self.timings.count("cards_rendered", stats.rendered)
        self.timings.count("cards_reused", stats.reused)
        self.timings.count("coach_files_read", COACH_FILES.reads - self.coach_reads_before)
        self.timings.count("partials_rendered", self.theme_memo.rendered)
        self.timings.count("partials_reused", self.theme_memo.reused)
        log.debug(self.timings.summary())  # last: it reports every part timed before it
        self.timings.write_if_requested()
