"""One coach file: the coach it describes, and the field-by-field checks against coach_schema.

Every problem names the file, line, field, bad value and what is allowed, with a 'did you mean' where
one fits.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import yaml

from . import coach_schema as schema
from .errors import Problem, did_you_mean
from .gazetteer import country_names

_EMAIL = re.compile(r"^[^@\s<>\"'()\[\],;:\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
YAML_SUFFIXES = (".yml", ".yaml")
UK_WORDS = ("uk", "united kingdom", "great britain", "britain", "england", "scotland", "wales",
            "northern ireland")  # fmt: skip


try:  # libyaml's parser is ten times faster, which matters with thousands of coach files
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class LenientLoader(_SafeLoader):
    """SafeLoader that keeps dates and yes/no/on/off as text: 'country: NO' is Norway, not False."""


LenientLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class CoachSource:
    """One coach file: its path under docs/ and its text; `label` is the path shown in messages."""

    src_uri: str
    text: str
    label: str = ""

    @property
    def shown(self) -> str:
        return self.label or self.src_uri


@dataclass
class Coach:
    """A coach as their file describes them, with the place resolved to a position."""

    slug: str
    src_uri: str
    label: str
    name: str
    place: str
    country: str
    specialties: tuple[str, ...]
    coaching: tuple[str, ...]
    bio: str
    joined: dt.date
    latitude: float | None = None
    longitude: float | None = None
    qualifications: tuple[str, ...] = ()
    website: str | None = None
    email: str | None = None
    contact_url: str | None = None
    photo: str | None = None
    social: tuple[tuple[str, str], ...] = ()
    lines: dict[str, int] = field(default_factory=dict)
    region: str = ""
    country_name: str = ""
    found_as: str = ""  # the gazetteer's name for the place, when it was looked up
    github: str | None = None  # who may change or remove this entry (besides maintainers)

    @property
    def online_only(self) -> bool:
        return self.coaching == ("online",)


@dataclass(frozen=True)
class Folder:
    """Where coach files belong, as the plugin sees it (`coaches`) and as people see it (`docs/coaches/`)."""

    name: str = "coaches"
    shown: str = "docs/coaches/"


def parse_coach(
    source: CoachSource, folder: Folder, photo_uris: Iterable[str] = (), today: dt.date | None = None
) -> Coach | list[Problem]:
    """Check one coach file; return the coach, or every problem found in it."""
    shown = source.shown
    tabs = [n for n, line in enumerate(source.text.splitlines(), 1) if "\t" in line]
    if tabs:
        return [
            Problem(
                shown,
                None,
                "contains a tab character",
                line=n,
                allowed="spaces only (YAML does not allow tabs)",
                hint="Replace each tab with two spaces",
            )
            for n in tabs[:5]
        ]
    try:
        loader = LenientLoader(source.text)
        try:  # one parse gives both the values and the line of each field
            node = loader.get_single_node()
            values = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        return [_yaml_problem(shown, exc)]
    if values is None or node is None:
        return [
            Problem(
                shown,
                None,
                "is empty",
                allowed="'field: value' lines, one per field",
                hint="Copy the example in CONTRIBUTING.md and fill it in",
            )
        ]
    if not isinstance(values, dict) or not isinstance(node, yaml.MappingNode):
        return [
            Problem(
                shown,
                None,
                "is not a list of 'field: value' lines",
                line=1,
                allowed="lines like 'name: Alex Example'",
            )
        ]
    values = {str(k): v for k, v in values.items()}
    reader = _Reader(shown, node, values, folder=folder, photo_uris=set(photo_uris), today=today)
    return reader.coach(source)


def _yaml_problem(shown: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = f"is not valid YAML: {exc.problem}"
    if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        message += f" ({exc.context} on line {exc.context_mark.line + 1})"
    return Problem(
        shown,
        None,
        message,
        line=mark.line + 1 if mark else None,
        allowed="'field: value' lines; text with ': ' or a leading [ { \" ' # needs quotes",
        hint="Check quotes and brackets on this line and the one before",
    )


class _Reader:
    """Reads each field of one coach file, collecting a Problem for each bad one."""

    def __init__(
        self,
        shown: str,
        node: yaml.MappingNode,
        values: dict[str, object],
        *,
        folder: Folder,
        photo_uris: set[str],
        today: dt.date | None,
    ) -> None:
        self.shown, self.values, self.folder = shown, values, folder
        self.photo_uris = photo_uris
        self.today = today or dt.date.today()
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}
        self.item_lines: dict[str, list[int]] = {}
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                self.problem(
                    name,
                    "appears twice",
                    None,
                    "each field once",
                    "Delete one of the two lines",
                    line=key.start_mark.line + 1,
                )
            seen.add(name)
            self.lines[name] = key.start_mark.line + 1
            if isinstance(value, yaml.SequenceNode | yaml.MappingNode):
                self.item_lines[name] = [
                    (item[0] if isinstance(item, tuple) else item).start_mark.line + 1 for item in value.value
                ]

    def problem(
        self,
        key: str | None,
        message: str,
        value: object,
        allowed: str | None,
        hint: str | None = None,
        *,
        line: int | None = None,
    ) -> None:
        where = line or (self.lines.get(key, 1) if key else None)
        self.problems.append(Problem(self.shown, key, message, where, value, allowed, hint))

    def coach(self, source: CoachSource) -> Coach | list[Problem]:
        self.unknown_fields()
        name = self.text("name")
        place = self.text("place")
        country = self.country()
        latitude, longitude = self.coordinates()
        specialties = self.choices("specialties", schema.SPECIALTIES)
        coaching = self.choices("coaching", schema.COACHING)
        qualifications = self.texts("qualifications")
        website, contact_url = self.url("website"), self.url("contact_url")
        email = self.email()
        if email is None and contact_url is None and not any(k in self.values for k in schema.CONTACT_FIELDS):
            self.problem(
                None,
                "has no way to contact you",
                None,
                "an 'email:' or a 'contact_url:' line",
                "Add 'email: you@example.org' or 'contact_url: https://...'",
                line=1,
            )
        bio = self.text("bio")
        photo = self.photo()
        social = self.social()
        joined = self.date("joined")
        github = self.github()
        if self.problems:
            return self.problems
        assert name and place and country and bio and joined
        stem = PurePosixPath(source.src_uri).name.split(".")[0]
        return Coach(
            stem,
            source.src_uri,
            self.shown,
            name,
            place,
            country,
            specialties,
            coaching,
            bio,
            joined,
            latitude,
            longitude,
            qualifications,
            website,
            email,
            contact_url,
            photo,
            social,
            self.lines,
            github=github,
        )

    def unknown_fields(self) -> None:
        known = list(schema.FIELDS_BY_KEY)
        for key in self.values:
            if key in schema.FIELDS_BY_KEY:
                continue
            meant = schema.FIELD_ALIASES.get(key.lower())
            hint = did_you_mean(key, known)
            if meant == "social" and key.lower() != "socials":
                network = schema.ALIASES.get(key.lower(), key.lower())
                hint = f"Put it under 'social:', e.g. social: {{{network}: https://...}}"
            elif meant:
                hint = f"Did you mean '{meant}'?"
            self.problem(key, "is not a known field", None, ", ".join(known), hint)

    def text(self, key: str) -> str | None:
        spec = schema.FIELDS_BY_KEY[key]
        value = self.values.get(key)
        if value is None:
            if spec.required:
                self.problem(key, "is missing", None, f"a line '{key}: {spec.example}': {spec.what}")
            return None
        return self._checked_text(key, value, spec.max_length or 0, spec.allowed())

    def _checked_text(
        self, key: str, value: object, limit: int, allowed: str, line: int | None = None
    ) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(key, "must be text", value, allowed, "Put the text in quotes", line=line)
            return None
        text = str(value).strip()
        if not text:
            self.problem(key, "is empty", None, allowed, line=line)
            return None
        if len(text) > limit:
            self.problem(
                key,
                f"is {len(text)} characters long",
                text[:40] + "...",
                f"at most {limit} characters",
                "Shorten it",
                line=line,
            )
            return None
        if _CONTROL.search(text) or (key != "bio" and "\n" in text):
            self.problem(
                key,
                "contains a line break or control character",
                text[:40],
                allowed,
                "Write it on one line",
                line=line,
            )
            return None
        return text

    def country(self) -> str | None:
        value = self.values.get("country")
        spec = schema.FIELDS_BY_KEY["country"]
        if value is None:
            self.problem("country", "is missing", None, spec.what, "Add 'country: GB' if you coach in the UK")
            return None
        names = country_names()
        code = str(value).strip().upper()
        if code in names:
            return code
        text = str(value).strip()
        hint = None
        if text.lower() in UK_WORDS:
            hint = "The code for the United Kingdom (England, Scotland, Wales, Northern Ireland) is GB"
        else:
            by_name = {n.lower(): c for c, n in names.items()}
            if text.lower() in by_name:
                hint = f"The code for {text} is {by_name[text.lower()]}"
        self.problem("country", "is not a two-letter country code", value, spec.what, hint)
        return None

    def coordinates(self) -> tuple[float | None, float | None]:
        got = {key: self.values.get(key) for key in ("latitude", "longitude")}
        if (got["latitude"] is None) != (got["longitude"] is None):
            missing = "longitude" if got["longitude"] is None else "latitude"
            self.problem(
                missing,
                "is missing",
                None,
                "latitude and longitude together, or neither",
                f"Add a '{missing}:' line, or delete the other one",
            )
            return None, None
        result: list[float | None] = []
        for key, limit in (("latitude", 90), ("longitude", 180)):
            value = got[key]
            if value is None:
                result.append(None)
            elif isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > limit:
                self.problem(
                    key,
                    "is not a number of degrees",
                    value,
                    f"a decimal number from -{limit} to {limit}",
                    "Write decimal degrees without N/S/E/W; west and south are negative",
                )
                result.append(None)
            else:
                result.append(float(value))
        return result[0], result[1]

    def choices(self, key: str, allowed_values: dict[str, str]) -> tuple[str, ...]:
        spec = schema.FIELDS_BY_KEY[key]
        value = self.values.get(key)
        allowed = ", ".join(allowed_values)
        if value is None:
            self.problem(key, "is missing", None, allowed, f"Add a line like '{key}: {spec.example}'")
            return ()
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",")]
            self.problem(
                key,
                "must be a list in square brackets",
                None,
                allowed,
                f"Write it as '{key}: [{', '.join(value)}]'",
            )
        if not isinstance(value, list) or not value:
            self.problem(
                key,
                "must be a list of one or more values",
                value,
                allowed,
                f"Write it like '{key}: {spec.example}'",
            )
            return ()
        lines = self.item_lines.get(key, [])
        chosen: list[str] = []
        for index, item in enumerate(value):
            line = lines[index] if index < len(lines) else None
            word = str(item).strip().lower() if isinstance(item, str) else ""
            if word in allowed_values and word not in chosen:
                chosen.append(word)
            elif word in chosen:
                self.problem(key, "lists the same value twice", item, "each value once", line=line)
            else:
                hint = _hint(word, allowed_values)
                self.problem(key, "has a value that is not on the list", item, allowed, hint, line=line)
        return tuple(chosen)

    def texts(self, key: str) -> tuple[str, ...]:
        spec = schema.FIELDS_BY_KEY[key]
        value = self.values.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem(key, "must be a list", value, f"a list like {spec.example}")
            return ()
        if spec.max_items and len(value) > spec.max_items:
            self.problem(
                key,
                f"has {len(value)} entries",
                None,
                f"at most {spec.max_items}",
                "Keep the ones that matter most to runners",
            )
            return ()
        lines = self.item_lines.get(key, [])
        items = [
            self._checked_text(
                key, item, spec.max_length or 0, spec.allowed(), lines[i] if i < len(lines) else None
            )
            for i, item in enumerate(value)
        ]
        return tuple(i for i in items if i)

    def url(self, key: str) -> str | None:
        value = self.values.get(key)
        return None if value is None else self.checked_url(key, value, None)

    def checked_url(self, key: str, value: object, line: int | None) -> str | None:
        problem = url_problem(value)
        if problem:
            message, hint = problem
            self.problem(key, message, value, "a web address starting https:// (or http://)", hint, line=line)
            return None
        return str(value).strip()

    def email(self) -> str | None:
        value = self.values.get("email")
        if value is None:
            return None
        text = str(value).strip()
        if text.lower().startswith("mailto:"):
            self.problem(
                "email",
                "starts with 'mailto:'",
                value,
                "just the address, e.g. alex@example.org",
                "Delete 'mailto:'",
            )
            return None
        if not isinstance(value, str) or len(text) > schema.EMAIL_MAX or not _EMAIL.match(text):
            self.problem("email", "is not an email address", value, "an address like alex@example.org")
            return None
        return text

    def photo(self) -> str | None:
        value = self.values.get("photo")
        if value is None:
            return None
        text = str(value).strip()
        if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I):
            return self.url("photo")
        problem = self._photo_path_problem(text)
        if problem:
            self.problem("photo", problem[0], value, schema.FIELDS_BY_KEY["photo"].what, problem[1])
            return None
        return text

    def _photo_path_problem(self, text: str) -> tuple[str, str | None] | None:
        folder = self.folder
        if text.startswith((folder.shown, folder.name + "/")):
            fixed = text.removeprefix(folder.shown).removeprefix(folder.name + "/")
            return "starts with the folder name", f"Write '{fixed}'"
        parts = PurePosixPath(text).parts
        if text.startswith("/") or "\\" in text or ".." in parts or not parts:
            return "is not a path inside the coaches folder", None
        if PurePosixPath(text).suffix.lower() not in schema.PHOTO_SUFFIXES:
            return "is not a .jpg, .jpeg, .png or .webp file", None
        if f"{folder.name}/{text}" not in self.photo_uris:
            photos = [u.removeprefix(folder.name + "/") for u in self.photo_uris]
            return "names a file that does not exist", did_you_mean(text, photos) or (
                f"Add the photo file as {folder.shown}{text}"
            )
        return None

    def social(self) -> tuple[tuple[str, str], ...]:
        value = self.values.get("social")
        if value is None:
            return ()
        allowed = ", ".join(schema.SOCIAL)
        if not isinstance(value, dict):
            self.problem(
                "social",
                "must be a list of 'site: https://...' pairs",
                value,
                allowed,
                "Write it like 'social: {strava: https://www.strava.com/athletes/123}'",
            )
            return ()
        lines = self.item_lines.get("social", [])
        links: list[tuple[str, str]] = []
        for index, (site, url) in enumerate(value.items()):
            line = lines[index] if index < len(lines) else None
            key = str(site).lower()
            if key not in schema.SOCIAL:
                hint = _hint(key, schema.SOCIAL)
                self.problem("social", "names a site that is not on the list", site, allowed, hint, line=line)
                continue
            checked = self.checked_url("social", url, line or self.lines.get("social"))
            if checked:
                links.append((key, checked))
        return tuple(links)

    def github(self) -> str | None:
        value = self.values.get("github")
        if value is None:
            return None
        text = str(value).strip().removeprefix("@")
        if isinstance(value, str) and schema.GITHUB_PATTERN.match(text):
            return text
        hint = None
        if "github.com/" in text:
            hint = f"Write just the user name: 'github: {text.rstrip('/').rsplit('/', 1)[-1]}'"
        spec = schema.FIELDS_BY_KEY["github"]
        self.problem("github", "is not a GitHub user name", value, "letters, digits and hyphens, e.g. "
                     f"'{spec.example}'", hint)  # fmt: skip
        return None

    def date(self, key: str) -> dt.date | None:
        value = self.values.get(key)
        allowed = "a date written YYYY-MM-DD, e.g. 2025-11-01"
        if value is None:
            self.problem(key, "is missing", None, allowed, f"Add '{key}: {self.today.isoformat()}'")
            return None
        try:
            when = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.problem(key, "is not a date", value, allowed)
            return None
        if len(str(value).strip()) != 10:
            self.problem(key, "is not a date", value, allowed)
            return None
        if when > self.today + dt.timedelta(days=1):
            self.problem(key, "is in the future", value, "today's date or earlier")
            return None
        return when


def url_problem(value: object) -> tuple[str, str | None] | None:
    """What is wrong with a link from a coach file (message, hint), or None when it is a safe web link."""
    text = value.strip() if isinstance(value, str) else ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return "is not a web address", None
    checks: list[tuple[bool, str, str | None]] = [
        (not isinstance(value, str) or not text, "must be a web address", None),
        (len(text) > schema.URL_MAX, f"is {len(text)} characters long (at most {schema.URL_MAX})", None),
        (bool(_CONTROL.search(text) or re.search(r"\s", text)), "contains spaces", "Remove the spaces"),
        (
            not parts.scheme and bool(re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", text, re.I)),
            "has no https:// at the start",
            f"Write 'https://{text}'",
        ),
        (
            parts.scheme.lower() not in schema.LINK_SCHEMES,
            "is not an https:// or http:// link",
            "Only web links are allowed",
        ),
        (
            not parts.hostname or "." not in parts.hostname or bool(parts.username or parts.password),
            "has no proper site name after https://",
            None,
        ),
    ]
    return next(((message, hint) for failed, message, hint in checks if failed), None)


def _hint(word: str, allowed: Iterable[str]) -> str | None:
    """'Did you mean' from the usual aliases ('twiter' -> 'x'), else from spelling."""
    choices = list(allowed)
    aliases = {k: v for k, v in schema.ALIASES.items() if v in choices}
    close = difflib.get_close_matches(word.lower(), choices + list(aliases), n=1, cutoff=0.6)
    return f"Did you mean '{aliases.get(close[0], close[0])}'?" if close else None
