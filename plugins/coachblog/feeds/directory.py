"""The coach directory's feeds: each coach's posts, and the coaches new to the finder and to each list page.

The directory is another package: the boundary (build_steps.py) hands in what these feeds need as plain
rows, and their channels are written as the site's are (site_feeds.py, xml.py, jsonfeed.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from coachblog.feeds.model import Channel, Entry, FeedSettings
from coachblog.templating import render


@dataclass(frozen=True)
class Writer:
    """A listed coach, whose profile carries a feed of their posts once they have written one."""

    slug: str  # the name of their file, as a post's `author:` gives it
    name: str
    page: str  # site-relative URL of their profile
    src_uri: str  # the profile's page source
    folder: str  # the site folder of their feeds: 'coaches/jo-downs/'


@dataclass(frozen=True)
class NewCoach:
    """A coach as the "new coaches" feeds announce them."""

    slug: str
    name: str
    where: str  # 'Dorking, England'
    online_only: bool
    specialties: tuple[str, ...]  # the coach schema's labels, as their profile lists them
    page: str  # site-relative URL of their profile
    joined: dt.date


@dataclass(frozen=True)
class CoachList:
    """A directory page readers can follow for its new coaches: the finder (every coach), or a list
    page (a country, a region of a big country, the coaches online only) with all of its coaches."""

    src_uri: str
    where: str  # '' for the whole directory, 'in Wales', 'online'
    page: str  # site-relative URL of the page
    folder: str  # the site folder of its feeds: 'coaches/', 'coaches/places/wales/'
    coaches: tuple[NewCoach, ...]


@dataclass(frozen=True)
class Directory:
    """What the directory's feeds are made from; a coach's "joined" date is published at the site's
    default hour in its time zone, as a post's date without a time is."""

    writers: tuple[Writer, ...] = ()
    lists: tuple[CoachList, ...] = ()
    timezone: str = "Europe/London"
    default_hour: int = 9


def newest_first(coaches: Sequence[NewCoach]) -> list[NewCoach]:
    """Newest `joined` first; coaches who joined the same day by file name, so every build agrees."""
    return sorted(coaches, key=lambda c: (-c.joined.toordinal(), c.slug))


def list_channel(listing: CoachList, settings: FeedSettings, directory: Directory) -> Channel | None:
    """The feed of a directory page's newest coaches; None for a page that lists nobody."""
    coaches = newest_first(listing.coaches)[: settings.max_entries]
    if not coaches:
        return None
    zone = ZoneInfo(directory.timezone)
    entries = tuple(_entry(c, settings, zone, directory.default_hour) for c in coaches)
    what = f"new coaches {listing.where}".strip()
    return Channel(
        f"{settings.title}: {what}",
        f"Running coaches {listing.where or 'everywhere'} as they join the directory of {settings.title}, "
        "newest first.",
        settings.absolute(listing.page),
        settings.absolute(listing.folder),
        (),
        max(e.updated for e in entries),
        folder=listing.folder,
        entries=entries,
    )


def _entry(coach: NewCoach, settings: FeedSettings, zone: ZoneInfo, hour: int) -> Entry:
    """A coach's entry: their name and place, what they coach, a link to their profile (its id)."""
    url = settings.absolute(coach.page)
    when = dt.datetime.combine(coach.joined, dt.time(hour), tzinfo=zone)
    where = f"online, based in {coach.where}" if coach.online_only else coach.where
    lead = f"Running coach {'working online, based in' if coach.online_only else 'in'} {coach.where}"
    summary = f"{lead}: {', '.join(coach.specialties)}." if coach.specialties else f"{lead}."
    content = render(
        "feed_new_coach.html", name=coach.name, lead=lead, specialties=coach.specialties, url=url
    )
    return Entry(
        f"{coach.name}, {where}",
        url,
        summary,
        content,
        when,
        when,
        coach.specialties,
        settings.author,
    )
