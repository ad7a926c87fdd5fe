"""The front matter of tips and articles, defined once: each field and its rules as data.

As the coach file has its FieldSpecs (coaches/schema.py) and its refusals' words (coaches/rule_table.py),
a post has one `FrontField` per key and `REFUSALS`, every message the check gives. posts/post.py has the
one reader that interprets them, kind by kind: a field is read by the reader of its `value` kind, which
takes its limits and words from here. The fields' order is the order they are listed in a message and
read in, so a post's problems come in that order: its YAML's fixes first, then the keys not known here
(as they stand in the file), then each field's, field by field.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import Literal, NamedTuple

from coachblog.text import slug_rule

Kind = Literal["tip", "article"]
# What a value must be: text; a date (and time); the post's own slug, from the file's name unless given;
# the slug of another post; a list of tags; a position (1, 2, 3...); true or false; a picture's path; or
# anything, for the keys MkDocs, Material or the link previews read and check themselves.
ValueKind = Literal["text", "date", "slug", "ref", "tags", "number", "flag", "path", "any"]

SLUG_RULE = slug_rule("take-a-break")
TITLE_MAX = 120
SUMMARY_MAX = 300
DATE_WORDS = "a date like 2025-11-20, or a date and time like '2025-11-20 07:30'"
TEXT_MISSING = "a line '{key}: ...' with some text"
BOTH: tuple[Kind, ...] = ("tip", "article")


@dataclass(frozen=True)
class FrontField:
    """One front-matter key and its rules, as data: `value` picks the reader; `kinds` are the posts
    that may use it; `max_length` limits a text (or a number's digits); `what` is what may be written,
    in the words of its refusals; `missing` what to add when it is missing (`what` unless given), with
    `missing_hint`. `needed_with` names the field that, when given, makes this one needed (then it is
    missing at that field's line); `only_with` the field it may only go with. `attribute` is the Post's
    attribute it fills; a `shared` key is kept as written in Post.extra for the theme and the previews;
    `schedules`: a date after the build's time makes the post wait (or is refused, if so set)."""

    name: str
    value: ValueKind
    kinds: tuple[Kind, ...] = BOTH
    required: bool = False
    max_length: int | None = None
    what: str = ""
    missing: str = ""
    missing_hint: str | None = None
    needed_with: str | None = None
    only_with: str | None = None
    attribute: str | None = None
    shared: bool = False
    schedules: bool = False

    def missing_words(self) -> str:
        """What a message about this field missing says to add."""
        return (self.missing or self.what).format(key=self.name)


def _shared(name: str) -> FrontField:
    """A key that MkDocs, Material or the link previews read: accepted, so a typo elsewhere still fails."""
    return FrontField(name, "any", shared=True)


FIELDS: tuple[FrontField, ...] = (
    FrontField("title", "text", required=True, max_length=TITLE_MAX, missing=TEXT_MISSING, attribute="title"),
    FrontField(
        "summary", "text", required=True, max_length=SUMMARY_MAX, missing=TEXT_MISSING, attribute="summary"
    ),
    FrontField("date", "date", required=True, what=DATE_WORDS, attribute="published", schedules=True),
    FrontField("tags", "tags", attribute="tags"),
    FrontField("article", "ref", kinds=("tip",), attribute="article"),
    FrontField(
        "order",
        "number",
        kinds=("tip",),
        max_length=6,
        missing="the tip's position in its article: 1, 2, 3...",
        needed_with="article",
        only_with="article",
        attribute="order",
    ),
    FrontField("slug", "slug", attribute="slug"),
    FrontField("updated", "date", what=DATE_WORDS, attribute="updated"),
    FrontField("author", "text", max_length=TITLE_MAX, attribute="author"),
    FrontField("draft", "flag", attribute="draft"),
    FrontField("description", "text", max_length=SUMMARY_MAX, shared=True),  # link previews (social/meta.py)
    FrontField(
        "image",
        "path",
        what="the path of a picture file, like images/hill.jpg (beside this file) or /assets/hill.jpg",
        attribute="image",
        shared=True,
    ),
    # A picture must say what it shows: readers who cannot see it, and link previews, are told.
    FrontField(
        "image_alt",
        "text",
        max_length=SUMMARY_MAX,
        missing="a line 'image_alt: ...' that says what the image shows, next to 'image:'",
        missing_hint="Readers who cannot see the picture hear or read this instead",
        needed_with="image",
        attribute="image_alt",
        shared=True,
    ),
    *(_shared(name) for name in ("hide", "template", "search", "status", "icon", "subtitle")),
)


def fields_of(kind: Kind) -> tuple[FrontField, ...]:
    """The fields a post of this kind may use, in the schema's order."""
    return tuple(spec for spec in FIELDS if kind in spec.kinds)


def allowed_fields(kind: Kind) -> tuple[str, ...]:
    """Every front-matter key a post of this kind may use."""
    return tuple(spec.name for spec in fields_of(kind))


SHARED_FIELDS = tuple(spec.name for spec in FIELDS if spec.shared)


class Refusal(NamedTuple):
    """A rule a value can break, in the words of the message: what is wrong, what is allowed, a hint.
    Each is a template of the words the reader hands in ({key}, {limit}, {what}...); a part whose
    words it lacks is left out."""

    message: str
    allowed: str | None = None
    hint: str | None = None


_RENAME = "Rename the file or add a 'slug:' line"
REFUSALS: dict[str, Refusal] = {
    "unknown": Refusal("is not a known field", "{known}", "Did you mean '{meant}'?"),
    "missing": Refusal("is missing", "{missing}", "{missing_hint}"),
    "alone": Refusal("is set but '{partner}' is not", "'{key}' only together with '{partner}'"),
    "text.empty": Refusal("must be non-empty text", "text of up to {limit} characters"),
    "text.long": Refusal("is {count} characters long", "at most {limit} characters"),
    "date.form": Refusal("is not a date", "{what}"),
    "date.future": Refusal(
        "is in the future",
        "a date up to the build's time, {now}",
        "Or set the plugin's 'future_posts: wait' to publish it on that date",
    ),
    "slug.form": Refusal("is not a valid slug", SLUG_RULE, _RENAME),
    "slug.file": Refusal("the file name is not a valid slug", SLUG_RULE, _RENAME),
    "ref.form": Refusal("is not a slug", SLUG_RULE),
    "tags.list": Refusal("must be a list", "a list like [winter, recovery]"),
    "tags.name": Refusal("has a tag that is not a tag name", SLUG_RULE),
    "tags.twice": Refusal("lists the same tag twice", "each tag once"),
    "number.form": Refusal("must be a whole number from 1", "1, 2, 3..."),
    "flag.form": Refusal("must be true or false", "true or false"),
    "path.form": Refusal("must be the path of a picture file", "{what}"),
}


def said(rule: str, **words: object) -> tuple[str, str | None, str | None]:
    """The refusal `rule` with the words filled in: message, allowed, hint; an allowed or hint part that
    needs words not given (None) is left out."""
    refusal = REFUSALS[rule]
    return refusal.message.format(**words), _fill(refusal.allowed, words), _fill(refusal.hint, words)


def _fill(template: str | None, words: dict[str, object]) -> str | None:
    if template is None:
        return None
    names = [name for _, name, _, _ in Formatter().parse(template) if name]
    if any(words.get(name) is None for name in names):
        return None
    return template.format(**words)
