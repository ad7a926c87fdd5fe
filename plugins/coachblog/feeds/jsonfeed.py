"""JSON Feed 1.1 documents (https://jsonfeed.org/version/1.1), written directly."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from coachblog import json_text

if TYPE_CHECKING:
    from coachblog.feeds.model import Channel, Entry, FeedSettings

VERSION = "https://jsonfeed.org/version/1.1"


def _item(entry: Entry, settings: FeedSettings) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": entry.url,
        "url": entry.url,
        "title": entry.title,
        "summary": entry.summary,
        "content_html": entry.content_html,
        "date_published": entry.published.isoformat(),  # RFC 3339, with the offset
    }
    if entry.updated != entry.published:
        item["date_modified"] = entry.updated.isoformat()
    if entry.tags:
        item["tags"] = list(entry.tags)
    if picture := settings.pictures.get(entry.url):
        item["image"] = picture.url
    item["authors"] = [{"name": entry.author} | ({"url": entry.author_url} if entry.author_url else {})]
    return item


def json_feed(channel: Channel, entries: Sequence[Entry], settings: FeedSettings) -> bytes:
    """The channel as JSON Feed 1.1: UTF-8, keys in a fixed order, so builds compare byte for byte."""
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": channel.title,
        "home_page_url": channel.home_url,
        "feed_url": channel.url("json"),
        "description": channel.description,
        "language": settings.language,
        "authors": [{"name": settings.author}],
    }
    if settings.image:
        feed["favicon"] = settings.absolute(settings.image)
    feed["items"] = [_item(e, settings) for e in entries]
    return (json_text.dumps(feed, indent=2) + "\n").encode("utf-8")
