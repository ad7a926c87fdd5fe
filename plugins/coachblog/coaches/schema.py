"""The coach file schema, defined once: fields, allowed values and limits.

The plugin, scripts/check_coaches.py, scripts/new_coach.py and the field table in CONTRIBUTING.md
(written by scripts/coach_guide.py) all read this module, so a change here changes all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import yaml

from coachblog.text import slug_rule

FieldKind = Literal[
    "text",
    "place",
    "country",
    "coordinate",
    "choices",
    "texts",
    "url",
    "email",
    "photo",
    "social",
    "date",
    "github",
]

SUFFIX = ".yml"
SLUG_RULE = slug_rule("alex-example.yml")
# /coaches/<name>/ and /coaches/<name>.json of a coach must not stand where these are: the join page,
# photos, list pages, the schema, the open data (data/, directory.*) and the new coaches' feed.json.
RESERVED_SLUGS = (
    "index",
    "join",
    "photos",
    "places",
    "search",
    "near",
    "schema",
    "data",
    "directory",
    "feed",
)
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
LINK_SCHEMES = ("https", "http")

NAME_MAX = 80
PLACE_MAX = 80
BIO_MAX = 600
QUALIFICATION_MAX = 120
QUALIFICATIONS_MAX_COUNT = 8
URL_MAX = 300
TEXT_MAX = 200  # a text field whose spec gives no limit
# Rules the check (fields.py), the JSON Schema and the join page all apply, written once here.
EMAIL_PATTERN = r"""^[^@\s<>"'()\[\],;:\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$"""
CONTROL_CHARS = r"\x00-\x08\x0b-\x1f\x7f\u2028\u2029"  # refused in every text, as a character range
EXAMPLE_HOSTS = ("example.org", "example.com", "example.net")  # RFC 2606: a sample's link may use these
# Host names that never belong to a public website (RFC 6761, 6762, 8375, 7686 and common private ones).
PRIVATE_SUFFIXES = (
    ".localhost",
    ".local",
    ".localdomain",
    ".internal",
    ".intranet",
    ".lan",
    ".home",
    ".corp",
    ".home.arpa",
    ".test",
    ".invalid",
    ".example",
    ".onion",
)
EMAIL_MAX = 254
DEGREES_PATTERN = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$"  # a coordinate: decimal degrees, no N/S/E/W
# GitHub's own rule for user names: letters, digits and single hyphens, not at either end, 39 at most.
GITHUB_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")

SPECIALTIES: dict[str, str] = {
    "beginners": "Beginners and returners",
    "road": "Road running",
    "trail": "Trail running",
    "fell": "Fell and mountain running",
    "ultra": "Ultra distance",
    "marathon": "Marathon",
    "cross-country": "Cross country",
    "track": "Track",
    "juniors": "Young runners",
    "masters": "Masters (35+)",
    "strength": "Strength and conditioning",
    "technique": "Running technique",
    "navigation": "Navigation",
}
COACHING: dict[str, str] = {
    "in-person": "In person",
    "online": "Online",
    "groups": "Groups",
}


@dataclass(frozen=True)
class Network:
    """A social site: a coach gives a link to their profile there, or just their user name."""

    label: str
    hosts: tuple[str, ...]  # a profile link must be on one of these sites; () for any (Mastodon's servers)
    handle: re.Pattern[str]  # a user name as the site allows it, without the leading @
    profile: str  # the link a user name stands for: {handle}, or {user} and {server} for Mastodon
    example: str
    short: str = ""  # a user name without a dot stands for name + this (Bluesky's name.bsky.social)


_DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
NETWORKS: dict[str, Network] = {
    "instagram": Network(
        "Instagram",
        ("instagram.com",),
        re.compile(r"^[A-Za-z0-9._]{1,30}$"),
        "https://www.instagram.com/{handle}/",
        "@alexexample_runs",
    ),
    "strava": Network(
        "Strava",
        ("strava.com",),
        re.compile(r"^[0-9]{1,15}$"),
        "https://www.strava.com/athletes/{handle}",
        "12345678 (the number in your profile's address)",
    ),
    "bluesky": Network(
        "Bluesky",
        ("bsky.app",),
        re.compile(rf"^{_DOMAIN}$"),
        "https://bsky.app/profile/{handle}",
        "@yourname.bsky.social",
        ".bsky.social",
    ),
    "mastodon": Network(
        "Mastodon",
        (),
        re.compile(rf"^(?P<user>[A-Za-z0-9_]{{1,30}})@(?P<server>{_DOMAIN})$"),
        "https://{server}/@{user}",
        "@yourname@mastodon.social",
    ),
    "x": Network(
        "X",
        ("x.com", "twitter.com"),
        re.compile(r"^[A-Za-z0-9_]{1,15}$"),
        "https://x.com/{handle}",
        "@yourname",
    ),
    "facebook": Network(
        "Facebook",
        ("facebook.com", "fb.com"),
        re.compile(r"^[A-Za-z0-9.]{5,50}$"),
        "https://www.facebook.com/{handle}",
        "your.page.name",
    ),
}
SOCIAL: dict[str, str] = {key: network.label for key, network in NETWORKS.items()}
# Words newcomers write instead of an allowed value, and the value they meant.
ALIASES: dict[str, str] = {
    "in person": "in-person",
    "inperson": "in-person",
    "face-to-face": "in-person",
    "face to face": "in-person",
    "one-to-one": "in-person",
    "1:1": "in-person",
    "remote": "online",
    "virtual": "online",
    "group": "groups",
    "mountain": "fell",
    "xc": "cross-country",
    "cross country": "cross-country",
    "beginner": "beginners",
    "twitter": "x",
    "strength-and-conditioning": "strength",
    "junior": "juniors",
    "master": "masters",
    "ultras": "ultra",
    "ultra-running": "ultra",
}
# Field names newcomers write instead of ours, and the field they meant.
FIELD_ALIASES: dict[str, str] = {
    "location": "place",
    "town": "place",
    "city": "place",
    "village": "place",
    "lat": "latitude",
    "lng": "longitude",
    "lon": "longitude",
    "long": "longitude",
    "specialities": "specialties",
    "specialty": "specialties",
    "speciality": "specialties",
    "modes": "coaching",
    "mode": "coaching",
    "url": "website",
    "web": "website",
    "site": "website",
    "mail": "email",
    "e-mail": "email",
    "contact": "contact_url",
    "about": "bio",
    "biography": "bio",
    "description": "bio",
    "image": "photo",
    "picture": "photo",
    "socials": "social",
    "links": "social",
    "date": "joined",
    "username": "github",
    "github_username": "github",
    "instagram": "social",
    "strava": "social",
    "twitter": "social",
    "facebook": "social",
}
CONTACT_FIELDS = ("email", "contact_url")  # or a social profile: one of these three is needed
# Fields people look for that we do not have, and what to do instead.
NO_SUCH_FIELD: dict[str, str] = {
    "phone": "There is no phone field: runners reach you by email, contact_url or a social profile",
    "telephone": "There is no phone field: runners reach you by email, contact_url or a social profile",
    "mobile": "There is no phone field: runners reach you by email, contact_url or a social profile",
    "tel": "There is no phone field: runners reach you by email, contact_url or a social profile",
    "address": "Write your town or village in 'place:'; the site shows no street addresses",
    "postcode": "Write your town or village in 'place:'; the site shows no postcodes",
    "area": "Write the town or village you coach from in 'place:'",
    "region": "Write the town or village you coach from in 'place:'; the region is found from it",
}


@dataclass(frozen=True)
class FieldSpec:
    """One field of a coach file and its rules, as data: the check, the JSON Schema and the join page
    read these and nothing else (coaches/rule_table.py holds the words each refusal is given in).

    `kind` picks the interpreter; `max_length` limits a text (TEXT_MAX when a text kind gives none), a
    link or an address; `max_items` a list; `choices` are the allowed values (ALIASES and the labels
    give the 'did you mean'); `multiline` lets a text hold line breaks; `degrees` bounds a coordinate;
    `pattern` is what the whole value must match (Python's and JavaScript's regular expressions read
    it alike), after `strip` is taken off its start.
    """

    key: str
    kind: FieldKind
    required: bool
    what: str
    example: str
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    max_items: int | None = None
    multiline: bool = False
    degrees: int | None = None
    pattern: str | None = None
    strip: str = ""

    def text_limit(self) -> int | None:
        """The most characters the value (or each item) may have."""
        if self.kind in ("text", "place", "texts"):
            return self.max_length or TEXT_MAX
        return self.max_length

    def allowed(self) -> str:
        """What may be written here, in plain words, for error messages and the guide."""
        if self.choices:
            return ", ".join(self.choices)
        text = self.what
        if self.max_length:
            text += f" (at most {self.max_length} characters)"
        return text


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "text", True, "your name as runners know you", "Alex Example", NAME_MAX),
    FieldSpec(
        "place",
        "place",
        True,
        "the town or village you coach from, as it appears on a map",
        "Dorking",
        PLACE_MAX,
    ),
    FieldSpec(
        "country",
        "country",
        True,
        "two-letter country code (ISO 3166-1): GB for England, Scotland, Wales and Northern Ireland",
        "GB",
    ),
    FieldSpec(
        "latitude",
        "coordinate",
        False,
        "only if your place is not found: latitude in decimal degrees, with longitude",
        "51.2323",
        degrees=90,
        pattern=DEGREES_PATTERN,
    ),
    FieldSpec(
        "longitude",
        "coordinate",
        False,
        "longitude in decimal degrees, with latitude",
        "-0.3326",
        degrees=180,
        pattern=DEGREES_PATTERN,
    ),
    FieldSpec(
        "specialties",
        "choices",
        True,
        "a list of one or more of these",
        "[trail, fell]",
        choices=tuple(SPECIALTIES),
    ),
    FieldSpec(
        "coaching",
        "choices",
        True,
        "how you coach: a list of one or more of these",
        "[in-person, groups]",
        choices=tuple(COACHING),
    ),
    FieldSpec(
        "qualifications",
        "texts",
        False,
        f"a list of up to {QUALIFICATIONS_MAX_COUNT} coaching qualifications",
        "[England Athletics Coach in Running Fitness]",
        QUALIFICATION_MAX,
        max_items=QUALIFICATIONS_MAX_COUNT,
    ),
    FieldSpec("website", "url", False, "your website, starting https://", "https://example.org", URL_MAX),
    FieldSpec(
        "email",
        "email",
        False,
        "an email address runners can write to",
        "alex@example.org",
        EMAIL_MAX,
        pattern=EMAIL_PATTERN,
    ),
    FieldSpec(
        "contact_url",
        "url",
        False,
        "a contact page, starting https://",
        "https://example.org/contact",
        URL_MAX,
    ),
    FieldSpec(
        "bio",
        "text",
        True,
        "a few sentences about you and your coaching",
        "I coach ...",
        BIO_MAX,
        multiline=True,
    ),
    FieldSpec(
        "photo",
        "photo",
        False,
        "a photo file you add under docs/coaches/ (e.g. photos/alex-example.jpg; .jpg, .png or .webp)",
        "photos/alex-example.jpg",
        URL_MAX,
    ),
    FieldSpec(
        "social",
        "social",
        False,
        "your profiles on these sites, each a link starting https:// or your user name in quotes",
        '{instagram: "@alexexample_runs", strava: https://www.strava.com/athletes/123}',
        URL_MAX,
        choices=tuple(SOCIAL),
    ),
    FieldSpec("joined", "date", True, "the date you add yourself, as YYYY-MM-DD", "2025-11-01"),
    FieldSpec(
        "confirmed",
        "date",
        False,
        "the date you last checked these details are right, as YYYY-MM-DD",
        "2025-12-01",
    ),
    FieldSpec(
        "github",
        "github",
        False,
        "your GitHub user name: then only you (or a maintainer) can change or remove this entry",
        "alex-example",
        pattern=GITHUB_PATTERN.pattern,
        strip="@",
    ),
)
FIELDS_BY_KEY: dict[str, FieldSpec] = {f.key: f for f in FIELDS}


def field_table_markdown() -> str:
    """The fields as a Markdown table, for CONTRIBUTING.md."""
    rows = ["| Field | Needed? | What to write | Example |", "| --- | --- | --- | --- |"]
    for spec in FIELDS:
        needed = "yes" if spec.required else "no"
        if spec.key in (*CONTACT_FIELDS, "social"):
            needed = "one of email, contact_url, social"
        what = spec.what
        if spec.max_length and spec.kind in ("text", "place"):
            what += f", at most {spec.max_length} characters"
        if spec.choices:
            what += ": " + ", ".join(f"`{c}`" for c in spec.choices)
        rows.append(f"| `{spec.key}` | {needed} | {what} | `{spec.key}: {spec.example}` |")
    return "\n".join(rows) + "\n"


def choices_markdown() -> str:
    """The allowed specialties and ways of coaching with their labels, for CONTRIBUTING.md."""
    lines = ["Specialties (`specialties:`):", ""]
    lines += [f"- `{key}`: {label}" for key, label in SPECIALTIES.items()]
    lines += ["", "Ways of coaching (`coaching:`):", ""]
    lines += [f"- `{key}`: {label}" for key, label in COACHING.items()]
    lines += ["", "Social sites (`social:`): " + ", ".join(f"`{key}`" for key in SOCIAL)]
    return "\n".join(lines) + "\n"


def template_yaml(slug: str = "alex-example") -> str:
    """A coach file to copy and fill in, with a comment on every line."""
    lines = [f"# docs/coaches/{slug}{SUFFIX}: delete the optional lines you do not need"]
    for spec in FIELDS:
        if spec.kind == "coordinate":  # only for a place the gazetteer does not know: see the guide
            continue
        needed = "needed" if spec.required else "optional"
        if spec.key in (*CONTACT_FIELDS, "social"):
            needed = "needed: email, contact_url or social"
        lines.append(f"{spec.key}: {spec.example}  # {needed}: {spec.what}")
    return "\n".join(lines) + "\n"


def to_yaml(values: dict[str, object]) -> str:
    """A coach file's text: fields in the schema's order, one line each, quoted where YAML needs it."""
    lines = []
    for spec in FIELDS:
        value = values.get(spec.key)
        if value is None or value in ("", [], {}):
            continue
        flow = isinstance(value, list | dict)
        text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow, width=10_000)
        lines.append(f"{spec.key}: {text.removesuffix(chr(10)).removesuffix(chr(10) + '...')}")
    return "\n".join(lines) + "\n"


GUIDE_START = "<!-- coach-schema:start (written by scripts/coach_guide.py from coaches/schema.py) -->"
GUIDE_END = "<!-- coach-schema:end -->"


def guide_markdown() -> str:
    """The generated part of CONTRIBUTING.md: a template to copy, every field, every allowed value."""
    return "\n".join(
        [
            GUIDE_START,
            "",
            "A file to copy and fill in (delete the optional lines you do not need):",
            "",
            "```yaml",
            template_yaml().rstrip("\n"),
            "```",
            "",
            "Every field:",
            "",
            field_table_markdown().rstrip("\n"),
            "",
            choices_markdown().rstrip("\n"),
            "",
            f"Limits: name {NAME_MAX} characters, place {PLACE_MAX}, bio {BIO_MAX}, each qualification "
            f"{QUALIFICATION_MAX} (at most {QUALIFICATIONS_MAX_COUNT}), links {URL_MAX}. "
            "Links must start with `https://` or `http://`. Photos: " + ", ".join(PHOTO_SUFFIXES) + ".",
            "",
            GUIDE_END,
        ]
    )


def with_guide(contributing: str) -> str:
    """CONTRIBUTING.md's text with its generated part brought up to date."""
    start, end = contributing.index(GUIDE_START), contributing.index(GUIDE_END) + len(GUIDE_END)
    return contributing[:start] + guide_markdown() + contributing[end:]
