"""The MkDocs plugin: thin event handlers that hand off to the coachblog modules."""

from __future__ import annotations

from importlib.resources import files as package_files

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .errors import ContentError
from .posts import PostSettings
from .site import SiteContent, SiteSettings, kind_of

log = get_plugin_logger(__name__)
CSS_URI = "assets/coachblog/coachblog.css"


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


class CoachBlogPlugin(BasePlugin[CoachBlogConfig]):
    """Tip index, tag pages and tip navigation for a running-coach's blog."""

    site: SiteContent | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.site = None  # made fresh in on_files, never carried across `mkdocs serve` rebuilds
        self.settings = SiteSettings(
            self.config.tips_dir, self.config.articles_dir, self.config.tags_dir,
            self.config.newest_count, config.use_directory_urls,
            PostSettings(self.config.timezone, self.config.default_hour),
        )  # fmt: skip
        config.extra_css.append(CSS_URI)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
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
        css = package_files("coachblog").joinpath("assets/coachblog.css").read_bytes()
        files.append(File.generated(config, CSS_URI, content=css))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        page.meta.update(self.site.page_meta(page.file.src_uri))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        return self.site.decorate(page.file.src_uri, page.url, html)


def _place_posts_by_slug(files: Files, site: SiteContent) -> None:
    """Write each post to /tips/<slug>/ whatever its file's name or sub-folder."""
    for file in files.documentation_pages():
        dest = site.dest_uri(file.src_uri)
        if dest is not None and dest != file.dest_uri:
            file.dest_uri = dest
            for cached in ("url", "abs_dest_path"):
                file.__dict__.pop(cached, None)
