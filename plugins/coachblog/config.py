"""The plugin's options, declared with MkDocs' config options (each with a YAML example)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


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
    theme_cache = c.Type(bool, default=True)
    """Render Material's nav once for the pages it is the same on (faster), e.g. `theme_cache: true`."""
    coaches_dir = c.Type(str, default="coaches")
    """Folder in docs/ of one YAML file per coach; also the finder's URL, e.g. `coaches_dir: coaches`."""
