"""Tips and articles: the post a file's front matter describes, read by the one reader of the schema.

Which keys a post may have, and each one's rules and words, are data in posts/schema.py; `_Reader` here
interprets them: each field is read by the reader of its value kind.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from coachblog.errors import Problem, closest
from coachblog.posts import schema
from coachblog.posts.frontmatter import FrontMatter
from coachblog.posts.schema import FrontField, Kind
from coachblog.text import SLUG_PATTERN


@dataclass(frozen=True)
class PostSettings:
    """Site-wide settings that shape how front matter is read."""

    timezone: str = "Europe/London"
    default_hour: int = 9
    # A post dated after `now`: "wait" (not published until then; `mkdocs serve` previews it), "draft"
    # (built but left out of lists until then), or "error".
    future_posts: str = "wait"
    now: dt.datetime | None = None  # the build's time (SOURCE_DATE_EPOCH when set); None: no check
    preview: bool = False  # `mkdocs serve`: scheduled posts are built, with a banner, for their author

    def withholds(self, post: Post) -> bool:
        """True for a post this build leaves out altogether: scheduled, waiting, and not a preview."""
        return post.scheduled and self.future_posts == "wait" and not self.preview

    def after_now(self, when: dt.datetime) -> bool:
        """True for a time after the build's (never when the build has none)."""
        return self.now is not None and when > self.now


@dataclass
class Post:
    """A tip or an article, as its front matter describes it."""

    kind: Kind
    slug: str
    src_uri: str
    title: str
    summary: str
    published: dt.datetime
    tags: tuple[str, ...] = ()
    article: str | None = None
    order: int | None = None
    updated: dt.datetime | None = None
    author: str | None = None
    draft: bool = False
    url: str = ""
    extra: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    scheduled: bool = False  # dated after the build: a draft until its date
    image: str | None = None  # the picture's path as written (pictures/source.py reads it)
    image_alt: str | None = None


def parse_post(kind: Kind, stem: str, fm: FrontMatter, settings: PostSettings) -> Post | list[Problem]:
    """Check one post's front matter; return the post, or every problem found in it (schema.py's order)."""
    reader = _Reader(fm, stem, settings)
    read = reader.fields(kind)
    if reader.problems:
        return reader.problems
    scheduled = settings.after_now(read["published"])  # dated after the build: a draft until its date
    extra: dict[str, object] = {k: v for k, v in fm.values.items() if k in schema.SHARED_FIELDS}
    read["draft"] = read["draft"] or scheduled
    return Post(kind=kind, src_uri=fm.path, **read, extra=extra, lines=fm.lines, scheduled=scheduled)


class _Reader:
    """Reads each field of one post's front matter by the reader of its value kind, as schema.FIELDS
    describes it, collecting a Problem (in schema.REFUSALS' words) for each bad one."""

    def __init__(self, fm: FrontMatter, stem: str, settings: PostSettings) -> None:
        self.fm, self.values, self.stem, self.settings = fm, fm.values, stem, settings
        self.problems: list[Problem] = list(fm.fixes)
        self.read: dict[str, Any] = {}  # by field name: the value read, None when not given or refused

    def refuse(
        self, key: str, rule: str, value: object = None, at: str | None = None, **words: object
    ) -> None:
        """A problem with field `key`, on the line of field `at` (the key's own by default)."""
        message, allowed, hint = schema.said(rule, key=key, **words)
        line = self.fm.line_of(at or key)
        self.problems.append(Problem(self.fm.path, key, message, line, value, allowed, hint))

    def fields(self, kind: Kind) -> dict[str, Any]:
        """Every field a post of `kind` may have, read by its kind's reader: the Post's keyword arguments."""
        specs = schema.fields_of(kind)
        known = [spec.name for spec in specs]
        for key in self.values:
            if key not in known:
                self.refuse(key, "unknown", known=", ".join(known), meant=closest(key, known))
        readers: dict[str, Callable[[FrontField], Any]] = {
            "text": self.text,
            "date": self.date,
            "slug": self.slug,
            "ref": self.ref,
            "tags": self.tags,
            "number": self.number,
            "flag": self.flag,
            "path": self.path,
            "any": lambda spec: self.values.get(spec.name),
        }
        for spec in specs:
            self.missing(spec)
            self.read[spec.name] = readers[spec.value](spec)
            partner = spec.only_with
            if partner and self.read[spec.name] is not None and self.read.get(partner) is None:
                self.refuse(spec.name, "alone", self.values.get(spec.name), partner=partner)
        return {spec.attribute: self.read[spec.name] for spec in specs if spec.attribute}

    def missing(self, spec: FrontField) -> None:
        """A field not given that is needed: always, or since the field it goes with is given (then it
        is missing at that field's line)."""
        if self.values.get(spec.name) is not None:
            return
        partner = spec.needed_with
        if spec.required or (partner and self.read.get(partner) is not None):
            words = {"missing": spec.missing_words(), "missing_hint": spec.missing_hint}
            self.refuse(spec.name, "missing", at=None if spec.required else partner, **words)

    def text(self, spec: FrontField) -> str | None:
        value, limit = self.values.get(spec.name), spec.max_length
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.refuse(spec.name, "text.empty", value, limit=limit)
            return None
        if limit is not None and len(value) > limit:
            self.refuse(spec.name, "text.long", count=len(value), limit=limit)
            return None
        return value.strip()

    def date(self, spec: FrontField) -> dt.datetime | None:
        value, settings = self.values.get(spec.name), self.settings
        if value is None:
            return None
        parsed = to_datetime(value, settings)
        if parsed is None:
            self.refuse(spec.name, "date.form", value, what=spec.what)
        elif spec.schedules and settings.after_now(parsed) and settings.future_posts == "error":
            self.refuse(spec.name, "date.future", value, now=f"{settings.now:%Y-%m-%d %H:%M %Z}")
        return parsed

    def slug(self, spec: FrontField) -> str:
        """The post's own slug: as given, else its file's name."""
        given = spec.name in self.values
        value = self.values.get(spec.name) if given else self.stem
        if isinstance(value, str) and SLUG_PATTERN.match(value):
            return value
        self.refuse(spec.name, "slug.form" if given else "slug.file", value)
        return self.stem

    def ref(self, spec: FrontField) -> str | None:
        """The slug of another post (which the catalog checks is there)."""
        value = self.values.get(spec.name)
        if value is None or (isinstance(value, str) and SLUG_PATTERN.match(value)):
            return value
        self.refuse(spec.name, "ref.form", value)
        return None

    def tags(self, spec: FrontField) -> tuple[str, ...]:
        value = self.values.get(spec.name, [])
        if not isinstance(value, list):
            self.refuse(spec.name, "tags.list", value)
            return ()
        names = [t for t in value if isinstance(t, str)]
        bad = [t for t in value if not isinstance(t, str) or not SLUG_PATTERN.match(t)]
        if bad:
            self.refuse(spec.name, "tags.name", bad[0])
        if len(set(names)) != len(names):
            self.refuse(spec.name, "tags.twice", value)
        return tuple(names)

    def number(self, spec: FrontField) -> int | None:
        """A position: a whole number from 1, of at most `max_length` digits."""
        value = self.values.get(spec.name)
        if value is None:
            return None
        text = value.strip() if isinstance(value, str) else ""
        if not re.fullmatch(rf"[0-9]{{1,{spec.max_length}}}", text) or int(text) < 1:
            self.refuse(spec.name, "number.form", value)
            return None
        return int(text)

    def flag(self, spec: FrontField) -> bool:
        value = self.values.get(spec.name)
        if value is None:
            return False
        word = value.strip().lower() if isinstance(value, str) else ""
        if word not in ("true", "false"):
            self.refuse(spec.name, "flag.form", value)
            return False
        return word == "true"

    def path(self, spec: FrontField) -> str | None:
        value = self.values.get(spec.name)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.refuse(spec.name, "path.form", value, what=spec.what)
            return None
        return value.strip()


def to_datetime(value: object, settings: PostSettings) -> dt.datetime | None:
    """A front-matter date as an aware datetime; a bare date is taken at the default hour."""
    zone = ZoneInfo(settings.timezone)
    if isinstance(value, str):
        text = value.strip()
        try:
            value = dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(settings.default_hour), tzinfo=zone)
    return None
