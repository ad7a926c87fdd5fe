"""What the feeds are made of: their formats, where they are served, what a channel and an entry hold.

Known from the options and the posts alone; site_feeds.py fills them in and the writers (xml.py,
jsonfeed.py) write them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from coachblog.posts.post import Post
from coachblog.templating import render
from coachblog.urls import absolute_url, relative_url

SUBSCRIBE_SRC = "subscribe.md"
FEED_LIST_MARKER = "<!-- feed-list -->"


def build_time() -> dt.datetime:
    """The build's time as MkDocs takes it: SOURCE_DATE_EPOCH when set (repeatable builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.now(dt.UTC) if epoch is None else dt.datetime.fromtimestamp(int(epoch), dt.UTC)


@dataclass(frozen=True)
class FeedFormat:
    """One of the three formats each channel is written in."""

    file: str
    media_type: str
    label: str


FORMATS: dict[str, FeedFormat] = {
    "rss": FeedFormat("feed.xml", "application/rss+xml", "RSS"),
    "atom": FeedFormat("atom.xml", "application/atom+xml", "Atom"),
    "json": FeedFormat("feed.json", "application/feed+json", "JSON Feed"),
}


@dataclass(frozen=True)
class FeedPlaces:
    """Where the feeds and the subscribe page are served: known from the options alone."""

    tags_dir: str = "tags"
    tag_feeds: bool = True
    use_directory_urls: bool = True

    @property
    def subscribe_url(self) -> str:
        """The site-relative URL of the page that explains the feeds."""
        return "subscribe/" if self.use_directory_urls else "subscribe.html"

    def folder(self, tag: str | None) -> str:
        """The folder of the site's feeds ('') or of one tag's ('tags/winter/')."""
        return "" if tag is None else f"{self.tags_dir}/{tag}/"

    def tag_box(self, tag: str, base: str) -> str:
        """The "Subscribe" line of a tag page at site-relative URL `base`."""
        feed = relative_url(self.folder(tag) + FORMATS["rss"].file, base) if self.tag_feeds else None
        return render(
            "feed_tag_box.html", tag=tag, feed=feed, subscribe=relative_url(self.subscribe_url, base)
        )


@dataclass(frozen=True)
class EntryPicture:
    """A post's picture as its entries carry it: an RSS enclosure, an Atom enclosure link, JSON Feed's
    `image`."""

    url: str  # absolute
    length: int  # in bytes
    media_type: str


@dataclass(frozen=True)
class EntryAuthor:
    """A post's author when `author:` names a coach file: their name and profile."""

    name: str
    url: str  # absolute


@dataclass(frozen=True)
class FeedSettings:
    """What the channels say about the site, and how many entries they hold."""

    site_url: str
    title: str
    description: str
    language: str
    author: str
    image: str | None = None
    max_entries: int = 20
    places: FeedPlaces = field(default_factory=FeedPlaces)
    built: dt.datetime = field(default_factory=build_time)  # the date of a channel with no posts
    # Each post's picture by the absolute URL of its page (an entry's `url`); posts without one are absent.
    pictures: Mapping[str, EntryPicture] = field(default_factory=dict, hash=False)
    # Each post written by a listed coach, by the post's src_uri; other posts are absent.
    authors: Mapping[str, EntryAuthor] = field(default_factory=dict, hash=False)
    # An RSS-to-email service's sign-up page (option feeds.email_url): offered first on the subscribe
    # page and on each post; None offers no email.
    email_url: str | None = None

    def absolute(self, site_path: str) -> str:
        """A site-relative path as a full URL, under the site's sub-path if it has one."""
        return absolute_url(self.site_url, site_path)


@dataclass(frozen=True)
class Entry:
    """One post as feeds carry it: full content, absolute URLs, dates with their time zone."""

    title: str
    url: str
    summary: str
    content_html: str
    published: dt.datetime
    updated: dt.datetime
    tags: tuple[str, ...]
    author: str
    author_url: str | None = None  # the author's profile, when they are a listed coach


@dataclass(frozen=True)
class Channel:
    """One feed, in all three formats: the whole site's, one tag's, one coach's posts, or the coaches
    new to the directory (feeds/directory.py)."""

    title: str
    description: str
    home_url: str
    base_url: str  # the absolute URL of the folder the three files are in
    posts: tuple[Post, ...]
    updated: dt.datetime  # its newest entry's last change; the build's time when it has none
    tag: str | None = None
    folder: str = ""  # the site folder the three files are in: '', 'tags/winter/', 'coaches/jo-downs/'
    # Entries made ahead, for a channel of something other than posts (the new coaches); None: made
    # from `posts` once their pages have rendered.
    entries: tuple[Entry, ...] | None = None

    def url(self, fmt: str) -> str:
        """Where the feed in format `fmt` is served: its self link."""
        return self.base_url + FORMATS[fmt].file
