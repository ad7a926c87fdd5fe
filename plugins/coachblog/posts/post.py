"""Tips and articles: the front-matter schema they follow and the checks that enforce it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo

from coachblog.errors import Problem, did_you_mean
from coachblog.posts.frontmatter import FrontMatter
from coachblog.text import SLUG_PATTERN, slug_rule

Kind = Literal["tip", "article"]

SLUG_RULE = slug_rule("take-a-break")
TITLE_MAX = 120
SUMMARY_MAX = 300

REQUIRED_FIELDS: dict[Kind, tuple[str, ...]] = {
    "tip": ("title", "summary", "date"),
    "article": ("title", "summary", "date"),
}
OWN_OPTIONAL_FIELDS: dict[Kind, tuple[str, ...]] = {
    "tip": ("tags", "article", "order", "slug", "updated", "author", "draft"),
    "article": ("tags", "slug", "updated", "author", "draft"),
}
# Keys that MkDocs, Material or the link previews read; accepted so a typo elsewhere still fails.
SHARED_OPTIONAL_FIELDS = (
    "description",
    "image",
    "image_alt",
    "hide",
    "template",
    "search",
    "status",
    "icon",
    "subtitle",
)


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


def allowed_fields(kind: Kind) -> tuple[str, ...]:
    """Every front-matter key a post of this kind may use."""
    return REQUIRED_FIELDS[kind] + OWN_OPTIONAL_FIELDS[kind] + SHARED_OPTIONAL_FIELDS


def parse_post(kind: Kind, stem: str, fm: FrontMatter, settings: PostSettings) -> Post | list[Problem]:
    """Check one post's front matter; return the post, or every problem found in it."""
    reader = _FieldReader(fm)
    for key in fm.values:
        if key not in allowed_fields(kind):
            reader.problem(
                key,
                "is not a known field",
                None,
                ", ".join(allowed_fields(kind)),
                did_you_mean(key, allowed_fields(kind)),
            )
    title = reader.text("title", TITLE_MAX)
    summary = reader.text("summary", SUMMARY_MAX)
    published = reader.when("date", settings, required=True)
    updated = reader.when("updated", settings, required=False)
    slug = reader.slug(stem)
    tags = reader.tags()
    article = reader.optional_slug("article") if kind == "tip" else None
    order = reader.order(article)
    author = reader.text("author", TITLE_MAX, required=False)
    draft = reader.flag("draft")
    reader.text("description", SUMMARY_MAX, required=False)  # link previews (social_meta.py)
    image, image_alt = reader.image()
    scheduled = reader.scheduled(published, settings)
    if reader.problems:
        return reader.problems
    assert title is not None and summary is not None and published is not None
    extra: dict[str, object] = {k: v for k, v in fm.values.items() if k in SHARED_OPTIONAL_FIELDS}
    return Post(
        kind,
        slug,
        fm.path,
        title,
        summary,
        published,
        tags,
        article,
        order,
        updated,
        author,
        draft or scheduled,
        extra=extra,
        lines=fm.lines,
        scheduled=scheduled,
        image=image,
        image_alt=image_alt,
    )


class _FieldReader:
    """Reads typed fields from front matter, collecting a Problem for each bad one."""

    def __init__(self, fm: FrontMatter) -> None:
        self.fm = fm
        self.problems: list[Problem] = list(fm.fixes)

    def problem(
        self, key: str, message: str, value: object, allowed: str | None, hint: str | None = None
    ) -> None:
        self.problems.append(Problem(self.fm.path, key, message, self.fm.line_of(key), value, allowed, hint))

    def text(self, key: str, limit: int, required: bool = True) -> str | None:
        value = self.fm.values.get(key)
        if value is None:
            if required:
                self.problem(key, "is missing", None, f"a line '{key}: ...' with some text")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(key, "must be non-empty text", value, f"text of up to {limit} characters")
            return None
        if len(value) > limit:
            self.problem(key, f"is {len(value)} characters long", None, f"at most {limit} characters")
            return None
        return value.strip()

    def image(self) -> tuple[str | None, str | None]:
        """The picture's path and its text alternative, which it must have: readers who cannot see
        the picture, and link previews, are told what it shows."""
        alt = self.text("image_alt", SUMMARY_MAX, required=False)
        value = self.fm.values.get("image")
        if value is None:
            return None, alt
        allowed = "the path of a picture file, like images/hill.jpg (beside this file) or /assets/hill.jpg"
        if not isinstance(value, str) or not value.strip():
            self.problem("image", "must be the path of a picture file", value, allowed)
            return None, alt
        if alt is None and "image_alt" not in self.fm.values:
            self.problems.append(
                Problem(
                    self.fm.path,
                    "image_alt",
                    "is missing",
                    self.fm.line_of("image"),
                    allowed="a line 'image_alt: ...' that says what the image shows, next to 'image:'",
                    hint="Readers who cannot see the picture hear or read this instead",
                )
            )
        return value.strip(), alt

    def when(self, key: str, settings: PostSettings, required: bool) -> dt.datetime | None:
        value = self.fm.values.get(key)
        allowed = "a date like 2025-11-20, or a date and time like '2025-11-20 07:30'"
        if value is None:
            if required:
                self.problem(key, "is missing", None, allowed)
            return None
        parsed = to_datetime(value, settings)
        if parsed is None:
            self.problem(key, "is not a date", value, allowed)
        return parsed

    def scheduled(self, published: dt.datetime | None, settings: PostSettings) -> bool:
        """True for a date after the build: the post waits as a draft, or is a problem if so set."""
        if published is None or settings.now is None or published <= settings.now:
            return False
        if settings.future_posts == "error":
            self.problem(
                "date",
                "is in the future",
                self.fm.values.get("date"),
                f"a date up to the build's time, {settings.now:%Y-%m-%d %H:%M %Z}",
                "Or set the plugin's 'future_posts: wait' to publish it on that date",
            )
        return True

    def slug(self, stem: str) -> str:
        value = self.fm.values.get("slug", stem)
        if not isinstance(value, str) or not SLUG_PATTERN.match(value):
            field_name = "slug" if "slug" in self.fm.values else None
            message = "is not a valid slug" if field_name else "the file name is not a valid slug"
            self.problem(
                field_name or "slug", message, value, SLUG_RULE, "Rename the file or add a 'slug:' line"
            )
            return stem
        return value

    def tags(self) -> tuple[str, ...]:
        value = self.fm.values.get("tags", [])
        if not isinstance(value, list):
            self.problem("tags", "must be a list", value, "a list like [winter, recovery]")
            return ()
        bad = [t for t in value if not isinstance(t, str) or not SLUG_PATTERN.match(t)]
        if bad:
            self.problem("tags", "has a tag that is not a tag name", bad[0], SLUG_RULE)
        if len(set(value)) != len(value):
            self.problem("tags", "lists the same tag twice", value, "each tag once")
        return tuple(t for t in value if isinstance(t, str))

    def optional_slug(self, key: str) -> str | None:
        value = self.fm.values.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not SLUG_PATTERN.match(value):
            self.problem(key, "is not a slug", value, SLUG_RULE)
            return None
        return value

    def order(self, article: str | None) -> int | None:
        value = self.fm.values.get("order")
        if value is None:
            if article is not None:
                self.problem("order", "is missing", None, "the tip's position in its article: 1, 2, 3...")
            return None
        number = int(value) if isinstance(value, str) and re.fullmatch(r"[0-9]{1,6}", value.strip()) else 0
        if number < 1:
            self.problem("order", "must be a whole number from 1", value, "1, 2, 3...")
            return None
        if article is None:
            self.problem(
                "order", "is set but 'article' is not", value, "'order' only together with 'article'"
            )
        return number

    def flag(self, key: str) -> bool:
        value = self.fm.values.get(key)
        if value is None:
            return False
        if not isinstance(value, str) or value.strip().lower() not in ("true", "false"):
            self.problem(key, "must be true or false", value, "true or false")
            return False
        return value.strip().lower() == "true"


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
