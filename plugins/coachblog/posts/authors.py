"""Who wrote a post: `author:` names a coach file (the byline links their profile) or is a name as text.

The coach directory is another package: the build hands its facts in as plain `AuthorInfo` rows,
keyed by the coach's profile slug (the name of their file without .yml).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from coachblog.errors import Problem, closest
from coachblog.posts.post import Post
from coachblog.text import SLUG_PATTERN

WORDS_PER_MINUTE = 220


@dataclass(frozen=True)
class AuthorPhoto:
    """A coach's small square photo as a byline shows it: site-relative URLs of its file for screens
    of 1x density and, when the photo is big enough, 2x; in WebP and in JPEG."""

    webp: tuple[str, ...]
    jpeg: tuple[str, ...]


@dataclass(frozen=True)
class AuthorInfo:
    """A listed coach as bylines, feeds and link previews show them."""

    name: str
    url: str  # site-relative URL of their profile
    photo: AuthorPhoto | None = None  # their photo, when it is a file of this site
    mastodon: str | None = None  # their fediverse address, '@user@server'


@dataclass(frozen=True)
class AuthoredPost:
    """A post as a coach's "Tips by" list shows it."""

    title: str
    url: str  # site-relative
    date: dt.datetime


def coach_authors(posts: Iterable[Post], coaches: Mapping[str, AuthorInfo]) -> dict[str, AuthorInfo]:
    """Each post whose `author:` names a coach file, by src_uri, with that coach."""
    return {p.src_uri: coaches[p.author] for p in posts if p.author is not None and p.author in coaches}


def looks_like_a_file_name(value: str) -> bool:
    """'jude-palmer', 'Jude-Palmer', 'jude_palmer', 'admin': a lowercase word, or words joined by
    hyphens or underscores."""
    return bool(SLUG_PATTERN.match(value)) or (" " not in value.strip() and ("-" in value or "_" in value))


def author_problems(
    posts: Iterable[Post], coaches: Mapping[str, AuthorInfo], folder: str = "docs/coaches/"
) -> list[Problem]:
    """An `author:` that names no coach file but looks like one (a lowercase-hyphenated file name), with
    the closest coach file as a suggestion. A name written out as text ('Jude Palmer', 'The coaching
    team') is always fine, even one close to a coach's: it may be another person."""
    nearest: dict[str, str | None] = {}  # a site's posts share a few authors: each compared once
    problems = []
    for post in posts:
        value = post.author
        if value is None or value in coaches or not looks_like_a_file_name(value):
            continue
        if value not in nearest:
            nearest[value] = closest(value, coaches)
        near = nearest[value]
        example = near or next(iter(sorted(coaches)), "jude-palmer")
        problems.append(
            Problem(
                post.src_uri,
                "author",
                f"names no coach file in {folder}",
                post.lines.get("author"),
                value,
                f"the name of a coach's file without .yml (like '{example}', which links their profile),"
                " or a person's name written as text (like 'Jude Palmer')",
                f"Did you mean '{near}'?" if near else None,
            )
        )
    return problems


def fediverse_address(link: str) -> str | None:
    """'@user@server' from a Mastodon profile link (https://server/@user), or None for another link."""
    parts = urlsplit(link)
    match = re.fullmatch(r"/@([A-Za-z0-9_]{1,30})/?", parts.path) or re.fullmatch(
        r"/users/([A-Za-z0-9_]{1,30})/?", parts.path
    )
    host = (parts.hostname or "").lower()
    return f"@{match.group(1)}@{host}" if match and host else None


def posts_by_author(
    posts: Iterable[Post], coaches: Mapping[str, AuthorInfo]
) -> dict[str, list[AuthoredPost]]:
    """For each coach slug, the posts they wrote, in the order given (the catalog's: newest first)."""
    by_coach: dict[str, list[AuthoredPost]] = {}
    for post in posts:
        if post.author is not None and post.author in coaches:
            by_coach.setdefault(post.author, []).append(AuthoredPost(post.title, post.url, post.published))
    return by_coach


_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\r?\n.*?\r?\n(?:-{3}|\.{3})[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_NOT_READ = re.compile(r"<!--.*?-->|<[^>]+>|\]\([^)]*\)", re.DOTALL)  # comments, tags, link targets
_WORD = re.compile(r"\S*\w\S*")


def reading_minutes(source: str) -> int:
    """Minutes to read a post's Markdown: its words at 220 a minute, rounded up, at least 1."""
    text = _NOT_READ.sub(" ", _FRONT_MATTER.sub("", source, count=1))
    return max(1, math.ceil(len(_WORD.findall(text)) / WORDS_PER_MINUTE))
