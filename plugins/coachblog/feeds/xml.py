"""RSS 2.0 and Atom 1.0 documents for one channel, written with feedgen.

feedgen fills several fields with the clock (the feed's and each entry's `updated`, RSS
`lastBuildDate`) and names itself with its version as generator; every one of them is set here,
so the same content always gives the same bytes. The channel's date (`Channel.updated`) is its
newest post's; a channel with no posts takes the build's time (SOURCE_DATE_EPOCH when set).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from lxml import etree

if TYPE_CHECKING:
    from coachblog.feeds.model import Channel, Entry, FeedSettings

GENERATOR = "coachblog"
# RSS 2.0 allows only these for the channel's <image>.
RSS_IMAGE_SUFFIXES = (".png", ".gif", ".jpg", ".jpeg")
ATOM = "{http://www.w3.org/2005/Atom}"


def _generator(channel: Channel, settings: FeedSettings) -> FeedGenerator:
    """The channel fields RSS and Atom share."""
    fg = FeedGenerator()
    fg.title(channel.title)
    fg.language(settings.language)
    fg.author({"name": settings.author})
    fg.generator(GENERATOR)
    fg.lastBuildDate(channel.updated)  # also Atom's <updated>
    return fg


def _enclose(item: FeedEntry, settings: FeedSettings, entry: Entry) -> None:
    """The post's picture, if it has one, as RSS's <enclosure>."""
    picture = settings.pictures.get(entry.url)
    if picture is not None:
        item.enclosure(url=picture.url, length=str(picture.length), type=picture.media_type)


def rss_feed(channel: Channel, entries: Sequence[Entry], settings: FeedSettings) -> bytes:
    """The channel as RSS 2.0, with the full content in content:encoded and authors' names in dc:creator
    (RSS's own <author> must be an email address, so a coach's profile link goes in Atom and JSON only)."""
    fg = _generator(channel, settings)
    fg.load_extension("dc", atom=False, rss=True)  # RSS's own <author> must be an email address
    fg.description(channel.description)
    fg.link(href=channel.url("rss"), rel="self", type="application/rss+xml")
    fg.link(href=channel.home_url, rel="alternate")  # last: feedgen makes the last link RSS's <link>
    if settings.image and PurePosixPath(settings.image).suffix.lower() in RSS_IMAGE_SUFFIXES:
        fg.image(url=settings.absolute(settings.image), title=channel.title, link=channel.home_url)
    for entry in entries:
        item = fg.add_entry(order="append")
        item.title(entry.title)
        item.link(href=entry.url)
        item.guid(entry.url, permalink=True)
        item.content(entry.content_html, type="html")
        item.summary(entry.summary)
        item.published(entry.published)
        item.updated(entry.updated)
        for tag in entry.tags:
            item.category(term=tag)
        item.dc.dc_creator(entry.author)
        _enclose(item, settings, entry)
    return bytes(fg.rss_str(pretty=True))


def atom_feed(channel: Channel, entries: Sequence[Entry], settings: FeedSettings) -> bytes:
    """The channel as Atom 1.0, identified by its own URL."""
    fg = _generator(channel, settings)
    fg.id(channel.url("atom"))
    fg.subtitle(channel.description)
    fg.link(href=channel.url("atom"), rel="self", type="application/atom+xml")
    fg.link(href=channel.home_url, rel="alternate", type="text/html")
    if settings.image:
        fg.icon(settings.absolute(settings.image))
    for entry in entries:
        item = fg.add_entry(order="append")
        item.id(entry.url)
        item.title(entry.title)
        item.link(href=entry.url, rel="alternate", type="text/html")
        item.content(entry.content_html, type="html")
        item.summary(entry.summary)
        item.published(entry.published)
        item.updated(entry.updated)
        item.author({"name": entry.author} | ({"uri": entry.author_url} if entry.author_url else {}))
        for tag in entry.tags:
            item.category(term=tag)
    return _atom_enclosures(bytes(fg.atom_str(pretty=True)), settings)


def _atom_enclosures(document: bytes, settings: FeedSettings) -> bytes:
    """Each entry's picture as <link rel="enclosure">, added after feedgen: its Atom writer drops a
    link's rel, type and length, which would make the picture a second "alternate" page."""
    if not settings.pictures:
        return document
    root = etree.fromstring(document, etree.XMLParser(remove_blank_text=True))
    for entry in root.iter(ATOM + "entry"):
        picture = settings.pictures.get(entry.findtext(ATOM + "id") or "")
        if picture is not None:
            link = etree.Element(ATOM + "link", rel="enclosure", type=picture.media_type)
            link.set("href", picture.url)
            link.set("length", str(picture.length))
            entry.find(ATOM + "link").addnext(link)  # beside the entry's page link
    return bytes(etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8"))
