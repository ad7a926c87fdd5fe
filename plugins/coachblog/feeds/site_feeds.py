"""The site's feeds: which posts each carries, where each is served, and the links pages show to them.

One channel holds the newest posts of the whole site, and one more each tag; the coach directory adds
one per coach who has written a post and one each for its finder and list pages, of the newest coaches
(feeds/directory.py). Each channel is written as RSS 2.0 (`feed.xml`), Atom 1.0 (`atom.xml`) and JSON
Feed 1.1 (`feed.json`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup

from coachblog.errors import ContentError, Problem
from coachblog.feeds.absolute_html import absolutize
from coachblog.feeds.directory import Directory, Writer, list_channel
from coachblog.feeds.jsonfeed import json_feed
from coachblog.feeds.model import FEED_LIST_MARKER, FORMATS, Channel, Entry, FeedSettings
from coachblog.feeds.xml import atom_feed, rss_feed
from coachblog.posts.catalog import Catalog
from coachblog.posts.post import Post
from coachblog.templating import render
from coachblog.urls import page_url, relative_url


class Feeds:
    """The feeds of one build: post contents collected as pages render, written at the end."""

    def __init__(self, settings: FeedSettings, catalog: Catalog, directory: Directory | None = None) -> None:
        self.settings = settings
        self.places = settings.places
        self.listed = catalog.listed()
        self.tags = catalog.tags() if self.places.tag_feeds else {}
        self._bodies: dict[str, tuple[str, str]] = {}
        self._entries: dict[str, Entry] = {}
        # The directory's pages with feeds of their own, by page source: the channel, and the words of
        # the page's "Follow" line (its label, and what the feed brings).
        self._own: dict[str, tuple[Channel, str, str]] = {}
        if directory is not None:
            self._add_directory(directory)

    def _add_directory(self, directory: Directory) -> None:
        """A channel for each coach who wrote a listed post, and for each directory page listing a coach."""
        writers = {w.slug: w for w in directory.writers}
        by_author: dict[str, list[Post]] = {}
        for post in self.listed:  # newest first
            if post.author in writers:
                by_author.setdefault(post.author, []).append(post)
        for slug, posts in sorted(by_author.items()):
            writer = writers[slug]
            channel = self._writer_channel(writer, posts)
            self._own[writer.src_uri] = (channel, f"Follow {writer.name}", f"new posts by {writer.name}")
        for listing in directory.lists:
            if (found := list_channel(listing, self.settings, directory)) is not None:
                label = f"Follow new coaches {listing.where}".strip()
                self._own[listing.src_uri] = (found, label, "each coach as they join the directory")

    def _writer_channel(self, writer: Writer, posts: Sequence[Post]) -> Channel:
        s = self.settings
        shown = tuple(posts[: s.max_entries])
        return Channel(
            f"{s.title}: {writer.name}",
            f"Posts by {writer.name} on {s.title}.",
            s.absolute(writer.page),
            s.absolute(writer.folder),
            shown,
            self.updated(shown),
            folder=writer.folder,
        )

    def add_body(self, post: Post, url: str, html: str) -> None:
        """Keep the rendered body of `post`, served at site-relative `url`, for its entry."""
        self._bodies[post.src_uri] = (url, html)

    def body(self, src_uri: str) -> tuple[str, str] | None:
        """The (URL, HTML) kept for a post's entry, if its page was rendered or its body restored."""
        return self._bodies.get(src_uri)

    def channel(self, tag: str | None = None) -> Channel:
        s = self.settings
        posts = tuple((self.listed if tag is None else self.tags[tag])[: s.max_entries])
        folder = self.places.folder(tag)
        updated = self.updated(posts)
        if tag is None:
            return Channel(s.title, s.description, s.absolute(""), s.absolute(folder), posts, updated)
        home = s.absolute(page_url(self.places.tags_dir, tag, self.places.use_directory_urls))
        return Channel(
            f"{s.title}: {tag}",
            f"Posts tagged “{tag}” on {s.title}.",
            home,
            s.absolute(folder),
            posts,
            updated,
            tag,
            folder,
        )

    def updated(self, posts: Sequence[Post]) -> dt.datetime:
        """A channel's date: its newest post's last change, so the same content gives the same bytes.

        Only the site's channel can be empty (each tag has a post), and then the site lists no post at
        all: it takes the build's time, which SOURCE_DATE_EPOCH fixes for repeatable builds."""
        return max((_last_change(p) for p in posts), default=self.settings.built)

    def channels(self) -> list[Channel]:
        """The site's channel, then one per tag in alphabetical order."""
        return [self.channel()] + [self.channel(tag) for tag in self.tags]

    def own_channels(self) -> list[Channel]:
        """The coach directory's channels: each writing coach's, then the finder's and each list page's."""
        return [channel for channel, _, _ in self._own.values()]

    def entries(self, channel: Channel) -> list[Entry]:
        """The channel's entries, newest first; each post's content is made once per build."""
        if channel.entries is not None:
            return list(channel.entries)
        entries = []
        for post in channel.posts:
            if post.src_uri not in self._entries:
                self._entries[post.src_uri] = self._entry(post)
            entries.append(self._entries[post.src_uri])
        return entries

    def _entry(self, post: Post) -> Entry:
        if post.src_uri not in self._bodies:
            message = "was not rendered, so its feed entry would have no content"
            raise ContentError([Problem(post.src_uri, None, message, hint="Is it in exclude_docs?")])
        url, body = self._bodies[post.src_uri]
        page = self.settings.absolute(url)
        content = render("feed_content.html", summary=post.summary, body=Markup(body))
        updated = _last_change(post)
        coach = self.settings.authors.get(post.src_uri)
        return Entry(
            post.title,
            page,
            post.summary,
            absolutize(content, page),
            post.published,
            updated,
            post.tags,
            coach.name if coach else post.author or self.settings.author,
            coach.url if coach else None,
        )

    def links(self, tag: str | None = None) -> dict[str, Any]:
        """What the theme needs: autodiscovery links (a tag page's own first) and the subscribe page."""
        return self._links(([self.channel(tag)] if tag in self.tags else []) + [self.channel()])

    def page_links(self, src_uri: str) -> dict[str, Any] | None:
        """A directory page's links, its own feeds first; None for a page with no feeds of its own."""
        own = self._own.get(src_uri)
        return None if own is None else self._links([own[0], self.channel()])

    def _links(self, channels: Sequence[Channel]) -> dict[str, Any]:
        links = [
            {
                "href": ch.url(fmt),
                "path": ch.folder + f.file,
                "type": f.media_type,
                "title": f"{ch.title} ({f.label})",
            }
            for ch in channels
            for fmt, f in FORMATS.items()
        ]
        return {"links": links, "subscribe_url": self.places.subscribe_url}

    def follow_line(self, src_uri: str, base: str) -> Markup:
        """The "Follow" line of a directory page at site-relative URL `base`; empty for one without feeds."""
        own = self._own.get(src_uri)
        if own is None:
            return Markup()
        channel, label, what = own
        html = render(
            "feed_follow.html",
            feed=relative_url(channel.folder + FORMATS["rss"].file, base),
            subscribe=relative_url(self.places.subscribe_url, base),
            label=label,
            what=what,
        )
        return Markup(html)  # our template: every value in it is escaped

    def email_line(self, base: str) -> str:
        """A post's offer of new tips by email, from the page at `base`; '' when the site has no email."""
        if not self.settings.email_url:
            return ""
        subscribe = relative_url(self.places.subscribe_url, base)
        return render("feed_email_box.html", email=self.settings.email_url, subscribe=subscribe)

    def fill_list(self, html: str, base: str) -> str:
        """`html` with the list of every feed where FEED_LIST_MARKER stands."""
        if FEED_LIST_MARKER not in html:
            return html
        groups = [self._listing(channel, base) for channel in self.channels()]
        return html.replace(FEED_LIST_MARKER, render("feed_list.html", site=groups[0], tags=groups[1:]))

    def _listing(self, channel: Channel, base: str) -> dict[str, Any]:
        folder = channel.folder
        feeds = [
            {
                "label": f.label,
                "type": f.media_type,
                "url": channel.url(fmt),
                "href": relative_url(folder + f.file, base),
            }
            for fmt, f in FORMATS.items()
        ]
        return {"title": channel.title, "tag": channel.tag, "feeds": feeds}

    def subscribe_markdown(self) -> str:
        """The subscribe page the plugin adds when docs/ has none of its own."""
        # The site's own most used tags as the examples (none on a site without tags yet).
        examples = sorted(self.tags, key=lambda tag: (-len(self.tags[tag]), tag))[:2]
        return render(
            "feed_subscribe.md",
            tag_feeds=self.places.tag_feeds,
            examples=examples,
            marker=Markup(FEED_LIST_MARKER),
            email_url=self.settings.email_url,
            coach_feeds=bool(self._own),
        )

    def write(self, site_dir: Path) -> list[Path]:
        """Write every channel in every format into the built site; return the files written."""
        writers = {"rss": rss_feed, "atom": atom_feed, "json": json_feed}
        written = []
        for channel in self.channels() + self.own_channels():
            entries = self.entries(channel)
            for fmt, write in writers.items():
                path = site_dir / channel.folder / FORMATS[fmt].file
                path.parent.mkdir(parents=True, exist_ok=True)
                _write_if_changed(path, write(channel, entries, self.settings))
                written.append(path)
        return written


def _write_if_changed(path: Path, data: bytes) -> None:
    """Write `data` unless the file already holds it (a dirty build's feeds are mostly the same)."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass
    path.write_bytes(data)


def _last_change(post: Post) -> dt.datetime:
    """When a post last changed: its update date, or its publication when it has none (or an earlier one)."""
    return max(post.published, post.updated or post.published)
