"""One coach file: the coach it describes, and the field-by-field checks against coach_schema.

Each field is read by the reader of its kind, which takes every limit, pattern and choice from the
field's FieldSpec and says each refusal in coaches/rule_table.py's words (the join page reads the same
table; `first_refusal` gives one value's verdict, for the test that holds the two in step). Every
problem names the file, line, field, bad value and what is allowed, with a 'did you mean' only where
one is a typing slip away. A field that is wrong never hides the others: the coach comes back with
what could be read, and the caller still looks up the place and looks for duplicates.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from coachblog.coaches import schema
from coachblog.coaches.lookalikes import invisible_characters
from coachblog.coaches.reading import decode, read_coach_text
from coachblog.coaches.rule_table import said
from coachblog.errors import Problem, closest
from coachblog.places.gazetteer import country_names
from coachblog.yaml_lines import Value, YamlDocument

_EMAIL = re.compile(schema.EMAIL_PATTERN)
_CONTROL = re.compile(f"[{schema.CONTROL_CHARS}]")
_NUMBER = re.compile(schema.DEGREES_PATTERN)
YAML_SUFFIXES = (".yml", ".yaml")
UK_WORDS = (
    "uk",
    "united kingdom",
    "great britain",
    "britain",
    "england",
    "scotland",
    "wales",
    "northern ireland",
)
MAX_PROBLEMS = 25  # per file: a file of 10,000 bad lines gets this many messages and a count of the rest
PRIVATE_SUFFIXES = schema.PRIVATE_SUFFIXES
LINK_ALLOWED = "a web address starting https:// (or http://)"


@dataclass(frozen=True)
class CoachSource:
    """One coach file: its path under docs/ and its text; `label` is the path shown in messages.

    `unreadable` says why the file's bytes could not be read as text (then `text` is empty).
    """

    src_uri: str
    text: str
    label: str = ""
    unreadable: Problem | None = None

    @property
    def shown(self) -> str:
        return self.label or self.src_uri

    @classmethod
    def from_bytes(cls, src_uri: str, data: bytes, label: str = "") -> CoachSource:
        """A file as the build and the check both read it: one size limit, one decoding."""
        text = decode(data, label or src_uri)
        if isinstance(text, Problem):
            return cls(src_uri, "", label, text)
        return cls(src_uri, text, label)


@dataclass
class Coach:
    """A coach as their file describes them, with the place resolved to a position.

    A coach read from a file with problems keeps the fields that were right and empty values for the
    rest, so that the place and duplicate checks still run; such a coach is never published.
    """

    slug: str
    src_uri: str
    label: str
    name: str = ""
    place: str = ""
    country: str = ""
    specialties: tuple[str, ...] = ()
    coaching: tuple[str, ...] = ()
    bio: str = ""
    joined: dt.date = dt.date.min
    confirmed: dt.date | None = None  # when the coach last said these details are right
    latitude: float | None = None
    longitude: float | None = None
    qualifications: tuple[str, ...] = ()
    website: str | None = None
    email: str | None = None
    contact_url: str | None = None
    photo: str | None = None
    social: tuple[tuple[str, str], ...] = ()
    github: str | None = None  # who may change or remove this entry (besides maintainers)
    lines: dict[str, int] = field(default_factory=dict)
    region: str = ""
    country_name: str = ""
    found_as: str = ""  # the gazetteer's name for the place, when it was looked up
    extra: dict[str, Any] = field(default_factory=dict)  # fields of the schema with no attribute here

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
) -> tuple[Coach | None, list[Problem]]:
    """Check one coach file: the coach (with what could be read) and every problem found in it.

    The coach is None only when the file could not be read as 'field: value' lines at all.
    """
    if source.unreadable is not None:
        return None, [source.unreadable]
    document = read_coach_text(source.text, source.shown)
    if isinstance(document, list):
        return None, document
    reader = _Reader(source.shown, document, folder=folder, photo_uris=set(photo_uris), today=today)
    stem = PurePosixPath(source.src_uri).name.split(".")[0]
    read = reader.fields()
    known = {f.name for f in dataclass_fields(Coach)}
    given = {key: value for key, value in read.items() if key in known}
    extra = {key: value for key, value in read.items() if key not in known}
    coach = Coach(stem, source.src_uri, source.shown, lines=document.lines, extra=extra, **given)
    return coach, capped(document.fixes + reader.problems, source.shown)


def first_refusal(key: str, value: Value, today: dt.date | None = None) -> tuple[str, str] | None:
    """The first rule `value` breaks as field `key` of a coach file: (rule_table's id, the check's
    message), or None. A photo named is taken to be there: only the build can tell whether it is."""
    photos = {f"{Folder().name}/{value.strip()}"} if key == "photo" and isinstance(value, str) else set()
    document = YamlDocument({key: value} if value is not None else {}, lines={key: 1})
    reader = _Reader(key, document, folder=Folder(), photo_uris=photos, today=today)
    reader.fields()
    found = [
        (rule, p.message)
        for (field, rule), p in zip(reader.broken, reader.problems, strict=True)
        if field == key
    ]
    return found[0] if found else None


def capped(problems: list[Problem], shown: str) -> list[Problem]:
    """At most MAX_PROBLEMS problems, then one that counts the rest."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    last = problems[MAX_PROBLEMS - 1].line
    more = Problem(shown, None, f"has {rest} more problems like the ones above", line=last)
    return [*problems[:MAX_PROBLEMS], more]


class _Reader:
    """Reads each field of one coach file by its kind, collecting a Problem for each bad one."""

    def __init__(
        self,
        shown: str,
        document: YamlDocument,
        *,
        folder: Folder,
        photo_uris: set[str],
        today: dt.date | None,
    ) -> None:
        self.shown, self.values, self.folder = shown, document.values, folder
        self.lines, self.item_lines = document.lines, document.item_lines
        self.photo_uris = photo_uris
        self.today = today or dt.date.today()
        self.problems: list[Problem] = []
        self.broken: list[tuple[str | None, str]] = []  # (field, rule id in rule_table) of each problem
        self.misnamed: set[str] = set()  # fields written under another name, already reported
        for key, line in document.repeated:
            self.problem(
                key, "appears twice", None, "each field once", "Delete one of the two lines", line=line
            )

    def problem(
        self,
        key: str | None,
        message: str,
        value: object,
        allowed: str | None,
        hint: str | None = None,
        *,
        line: int | None = None,
        rule: str = "",
    ) -> None:
        where = line or (self.lines.get(key, 1) if key else None)
        self.broken.append((key, rule))
        self.problems.append(Problem(self.shown, key, message, where, value, allowed, hint))

    def fields(self) -> dict[str, Any]:
        """Every field of the schema read by the reader of its kind, as Coach's keyword arguments."""
        self.unknown_fields()
        readers: dict[str, Callable[[schema.FieldSpec], object]] = {
            "text": self.text,
            "place": self.text,
            "country": self.country,
            "coordinate": self.coordinate,
            "choices": self.choices,
            "texts": self.texts,
            "url": self.url,
            "email": self.email,
            "photo": self.photo,
            "social": self.social,
            "date": self.date,
            "github": self.github,
        }
        read: dict[str, Any] = {}
        for spec in schema.FIELDS:
            value = readers[spec.kind](spec)
            if value is not None and value != ():
                read[spec.key] = value
        self.coordinates_together(read)
        self.contact(read)
        return read

    def raw(self, spec: schema.FieldSpec) -> Value:
        """The field's value as written, after checking a needed field is there."""
        value = self.values.get(spec.key)
        if value is None and spec.required and spec.key not in self.misnamed:
            self.problem(
                spec.key,
                said("missing"),
                None,
                spec.allowed(),
                f"Add a line '{spec.key}: {spec.example}'",
                rule="missing.choices" if spec.kind == "choices" else "missing",
            )
        return value

    def unknown_fields(self) -> None:
        known = list(schema.FIELDS_BY_KEY)
        for key in self.values:
            if key in schema.FIELDS_BY_KEY:
                continue
            meant = schema.FIELD_ALIASES.get(key.lower())
            hint = schema.NO_SUCH_FIELD.get(key.lower())
            if hint is None and meant == "social" and key.lower() != "socials":
                network = schema.ALIASES.get(key.lower(), key.lower())
                hint = f"Put it under 'social:', e.g. social: {{{network}: \"@yourname\"}}"
            elif hint is None and (meant := meant or closest(key, known)):
                hint = f"Did you mean '{meant}'?"
                self.misnamed.add(meant)  # then "is missing" would only repeat this
            self.problem(key, "is not a known field", None, ", ".join(known), hint)

    def text(self, spec: schema.FieldSpec) -> str | None:
        value = self.raw(spec)
        return None if value is None else self.checked_text(spec, value)

    def checked_text(self, spec: schema.FieldSpec, value: Value, line: int | None = None) -> str | None:
        key, allowed = spec.key, spec.allowed()
        if not isinstance(value, str):
            self.problem(key, "must be text", value, allowed, "Put the text in quotes on one line", line=line)
            return None
        text = value.strip()
        limit = spec.text_limit() or schema.TEXT_MAX
        if not text:
            self.problem(key, said("text.empty"), None, allowed, line=line, rule="text.empty")
            return None
        if len(text) > limit:
            self.problem(
                key,
                said("text.long", count=len(text)),
                text[:40] + "...",
                f"at most {limit} characters",
                "Shorten it",
                line=line,
                rule="text.long",
            )
            return None
        hidden = invisible_characters(text, allow_newlines=spec.multiline)
        rule = (
            "text.control"
            if _CONTROL.search(text)
            else "text.line"
            if not spec.multiline and "\n" in text
            else "text.hidden"
            if hidden
            else ""
        )
        if rule:
            char = hidden[0][1] if hidden else ""
            hint = "Type it again on one line"
            self.problem(key, said(rule, char=char), text[:40], allowed, hint, line=line, rule=rule)
            return None
        return text

    def country(self, spec: schema.FieldSpec) -> str | None:
        value = self.raw(spec)
        if value is None:
            return None
        names = country_names()
        text = str(value).strip()
        if isinstance(value, str) and text.upper() in names and len(text) == 2:
            return text.upper()
        hint = None
        if text.lower() in UK_WORDS:
            hint = "The code for the United Kingdom (England, Scotland, Wales, Northern Ireland) is GB"
        else:
            by_name = {n.lower(): c for c, n in names.items()}
            if text.lower() in by_name:
                hint = f"The code for {text} is {by_name[text.lower()]}"
        self.problem("country", "is not a two-letter country code", value, spec.what, hint)
        return None

    def coordinate(self, spec: schema.FieldSpec) -> float | None:
        value = self.values.get(spec.key)
        if value is None:
            return None
        limit = spec.degrees or 180
        text = value.strip() if isinstance(value, str) else ""
        number = float(text) if re.match(spec.pattern or _NUMBER, text) else None
        if number is None or abs(number) > limit:
            self.problem(
                spec.key,
                said("coordinate.form"),
                value,
                f"a decimal number from -{limit} to {limit}",
                "Write decimal degrees without N/S/E/W; west and south are negative",
                rule="coordinate.form",
            )
            return None
        return number

    def coordinates_together(self, read: dict[str, object]) -> None:
        given = [key for key in ("latitude", "longitude") if self.values.get(key) is not None]
        if len(given) == 1:
            missing = "longitude" if given == ["latitude"] else "latitude"
            self.problem(
                missing,
                said("coordinates.together"),
                None,
                "latitude and longitude together, or neither",
                f"Add a '{missing}:' line, or delete the other one",
                line=self.lines.get(given[0]),
                rule="coordinates.together",
            )
            read.pop(given[0], None)

    def contact(self, read: dict[str, object]) -> None:
        if not any(
            self.values.get(key) not in (None, "", {}, []) for key in (*schema.CONTACT_FIELDS, "social")
        ):
            self.problem(
                None,
                said("contact.none"),
                None,
                "an 'email:', 'contact_url:' or 'social:' line",
                "Add 'email: you@example.org', 'contact_url: https://...' or "
                "'social: {instagram: \"@yourname\"}'",
                line=1,
                rule="contact.none",
            )

    def items(self, spec: schema.FieldSpec, value: Value) -> list[Value] | None:
        """A list field's items, or None (with a problem) when it is not a list of a sane length."""
        if isinstance(value, str):
            parts = [v.strip() for v in value.split(",") if v.strip()]
            if spec.kind == "texts":
                return [value]
            self.problem(
                spec.key,
                "must be a list in square brackets",
                value,
                spec.allowed(),
                f"Write it as '{spec.key}: [{', '.join(parts)}]'",
            )
            return None
        if not isinstance(value, list) or (not value and spec.required):
            self.problem(
                spec.key,
                "must be a list of one or more values",
                value,
                spec.allowed(),
                f"Write it like '{spec.key}: {spec.example}'",
            )
            return None
        most = spec.max_items or len(spec.choices)
        if len(value) > most:
            self.problem(
                spec.key,
                said("texts.many", count=len(value)),
                None,
                f"at most {most}",
                "Keep the ones that matter most to runners",
                rule="texts.many",
            )
            return None
        return value

    def choices(self, spec: schema.FieldSpec) -> tuple[str, ...]:
        value = self.raw(spec)
        items = None if value is None else self.items(spec, value)
        if not items:
            return ()
        lines = self.item_lines.get(spec.key, [])
        labels = {label.lower(): key for key, label in _labels(spec).items()}
        chosen: list[str] = []
        for index, item in enumerate(items):
            line = lines[index] if index < len(lines) else None
            word = item.strip().lower() if isinstance(item, str) else ""
            if word in spec.choices and word not in chosen:
                chosen.append(word)
            elif word in chosen:
                self.problem(spec.key, "lists the same value twice", item, "each value once", line=line)
            else:
                hint = _hint(word, spec.choices, labels)
                message = said("choices.unknown")
                self.problem(spec.key, message, item, spec.allowed(), hint, line=line, rule="choices.unknown")
        return tuple(chosen)

    def texts(self, spec: schema.FieldSpec) -> tuple[str, ...]:
        value = self.raw(spec)
        items = None if value is None else self.items(spec, value)
        if not items:
            return ()
        lines = self.item_lines.get(spec.key, [])
        checked = [
            self.checked_text(spec, item, lines[i] if i < len(lines) else None)
            for i, item in enumerate(items)
        ]
        return tuple(text for text in checked if text)

    def url(self, spec: schema.FieldSpec) -> str | None:
        value = self.raw(spec)
        return None if value is None else self.checked_url(spec.key, value, None)

    def checked_url(self, key: str, value: Value, line: int | None) -> str | None:
        problem = url_refusal(value)
        if problem:
            rule, message, hint = problem
            self.problem(key, message, value, LINK_ALLOWED, hint, line=line, rule=rule)
            return None
        return str(value).strip()

    def email(self, spec: schema.FieldSpec) -> str | None:
        value = self.raw(spec)
        if value is None:
            return None
        text = value.strip() if isinstance(value, str) else ""
        key = spec.key
        if text.lower().startswith("mailto:"):
            self.problem(
                key,
                said("email.mailto"),
                value,
                "just the address, e.g. alex@example.org",
                f"Write '{key}: {text[7:]}'",
                rule="email.mailto",
            )
            return None
        limit = spec.max_length or schema.EMAIL_MAX
        if len(text) > limit or not re.match(spec.pattern or schema.EMAIL_PATTERN, text):
            allowed = "an address like alex@example.org"
            self.problem(key, said("email.form"), value, allowed, rule="email.form")
            return None
        host = text.rsplit("@", 1)[1]
        if (private := host_refusal(host)) is not None:
            anywhere = "an address runners can write to from anywhere"
            self.problem(key, said(private), value, anywhere, rule="email." + private)
            return None
        return text

    def photo(self, spec: schema.FieldSpec) -> str | None:
        value = self.raw(spec)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem("photo", "must be a file name", value, spec.what)
            return None
        text = value.strip()
        if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I):
            return self.checked_url("photo", value, None)
        problem = self._photo_path_problem(text)
        if problem:
            rule, hint, message = problem
            self.problem("photo", said(rule) if rule else message, value, spec.what, hint, rule=rule)
            return None
        return text

    def _photo_path_problem(self, text: str) -> tuple[str, str | None, str] | None:
        """(rule, hint, message) of a photo's path; the rule is '' where only the build can tell."""
        folder = self.folder
        if text.startswith((folder.shown, folder.name + "/")):
            fixed = text.removeprefix(folder.shown).removeprefix(folder.name + "/")
            return "photo.folder", f"Write '{fixed}'", ""
        parts = PurePosixPath(text).parts
        if text.startswith("/") or "\\" in text or ".." in parts or not parts:
            return "photo.outside", None, ""
        if PurePosixPath(text).suffix.lower() not in schema.PHOTO_SUFFIXES:
            return "photo.suffix", None, ""
        if f"{folder.name}/{text}" not in self.photo_uris:
            photos = [u.removeprefix(folder.name + "/") for u in self.photo_uris]
            close = closest(text, photos)
            hint = f"Did you mean '{close}'?" if close else f"Add the photo file as {folder.shown}{text}"
            return "", hint, "names a file that does not exist"
        return None

    def social(self, spec: schema.FieldSpec) -> tuple[tuple[str, str], ...]:
        value = self.raw(spec)
        if value is None:
            return ()
        allowed = ", ".join(schema.NETWORKS)
        if not isinstance(value, dict) or len(value) > len(schema.NETWORKS):
            self.problem(
                "social",
                "must be a set of 'site: link or user name' pairs, one per site",
                value,
                allowed,
                f"Write it like 'social: {spec.example}'",
            )
            return ()
        lines = self.item_lines.get("social", [])
        links: list[tuple[str, str]] = []
        for index, (site, written) in enumerate(value.items()):
            line = lines[index] if index < len(lines) else self.lines.get("social")
            key = site.lower()
            if key not in schema.NETWORKS:
                hint = _hint(key, tuple(schema.NETWORKS), {})
                self.problem("social", "names a site that is not on the list", site, allowed, hint, line=line)
                continue
            link = self.profile_link(key, written, line)
            if link:
                links.append((key, link))
        return tuple(links)

    def profile_link(self, site: str, written: Value, line: int | None) -> str | None:
        """The link to a coach's profile on `site`, from a link to it or from their user name there."""
        network = schema.NETWORKS[site]
        text = written.strip() if isinstance(written, str) else ""
        if "/" in text or re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I):
            if not re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I):  # 'instagram.com/me' without https://
                text = "https://" + text
            link = self.checked_url("social", text, line)
            host = (urlsplit(link).hostname or "").lower() if link else ""
            hosts = (
                *network.hosts,
                *schema.EXAMPLE_HOSTS,
            )  # sample files may link to a reserved example site
            if link and network.hosts and not any(host == h or host.endswith("." + h) for h in hosts):
                self.problem(
                    "social",
                    said("social.host", label=network.label),
                    written,
                    f"a link on {' or '.join(network.hosts)}, or your user name there",
                    f"Check which site this link is for, or write '{site}: \"{network.example}\"'",
                    line=line,
                    rule="social.host",
                )
                return None
            return link
        handle = text.removeprefix("@")
        if network.short and handle and "." not in handle:
            handle += network.short
        match = network.handle.match(handle)
        if match is None:
            self.problem(
                "social",
                said("social.handle", label=network.label),
                written,
                f"a link starting https://, or a user name like {network.example}",
                None if network.hosts else "Mastodon names include the server: @you@server",
                line=line,
                rule="social.handle",
            )
            return None
        return network.profile.format(handle=handle, **match.groupdict())

    def github(self, spec: schema.FieldSpec) -> str | None:
        value = self.raw(spec)
        if value is None:
            return None
        text = value.strip().removeprefix(spec.strip) if isinstance(value, str) else ""
        if re.match(spec.pattern or schema.GITHUB_PATTERN.pattern, text):
            return text
        hint = None
        if "github.com/" in text:
            hint = f"Write just the user name: 'github: {text.rstrip('/').rsplit('/', 1)[-1]}'"
        self.problem(
            spec.key,
            said("github.form"),
            value,
            f"letters, digits and hyphens, e.g. '{spec.example}'",
            hint,
            rule="github.form",
        )
        return None

    def date(self, spec: schema.FieldSpec) -> dt.date | None:
        value = self.raw(spec)
        allowed = "a date written YYYY-MM-DD, e.g. 2025-11-01"
        if value is None:
            return None
        text = value.strip() if isinstance(value, str) else ""
        try:
            when = dt.date.fromisoformat(text) if re.match(r"^\d{4}-\d{2}-\d{2}$", text) else None
        except ValueError:
            when = None
        if when is None:
            hint = f"Write it like '{spec.key}: {self.today}'"
            self.problem(spec.key, said("date.form"), value, allowed, hint, rule="date.form")
            return None
        if when > self.today + dt.timedelta(days=1):
            self.problem(spec.key, said("date.future"), value, "today's date or earlier", rule="date.future")
            return None
        return when


def _labels(spec: schema.FieldSpec) -> dict[str, str]:
    return {k: v for k, v in (schema.SPECIALTIES | schema.COACHING).items() if k in spec.choices}


def url_problem(value: object) -> tuple[str, str | None] | None:
    """What is wrong with a link from a coach file (message, hint), or None when it is a safe web link."""
    refusal = url_refusal(value)
    return None if refusal is None else refusal[1:]


def url_refusal(value: object) -> tuple[str, str, str | None] | None:
    """The rule a link breaks (rule_table's id, message, hint), or None when it is a safe web link."""
    text = value.strip() if isinstance(value, str) else ""
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return "url.not_web", said("url.not_web"), None
    long = len(text) > schema.URL_MAX
    checks: list[tuple[bool, str, str | None]] = [
        (not isinstance(value, str) or not text, "url.empty", None),
        (long, "url.long", None),
        (bool(_CONTROL.search(text) or re.search(r"\s", text)), "url.spaces", "Remove the spaces"),
        (
            not parts.scheme and bool(re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", text, re.I)),
            "url.bare",
            f"Write 'https://{text}'",
        ),
        (
            parts.scheme.lower() not in schema.LINK_SCHEMES,
            "url.scheme" if parts.scheme else "url.no_scheme",
            "Only web links are allowed",
        ),
        (bool(parts.username or parts.password) or not port_ok, "url.login", None),
    ]
    failed = next(((rule, hint) for failed, rule, hint in checks if failed), None)
    if failed:
        rule, hint = failed
        return rule, said(rule, count=len(text), max=schema.URL_MAX), hint
    private = host_refusal(host)
    return (private, said(private), "Give the address of a public website") if private else None


def host_refusal(host: str) -> str | None:
    """Why a host name is not a public website's (an IP address, localhost, a private name) as
    rule_table's id, or None."""
    name = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        pass
    else:
        return "host.ip"
    if re.fullmatch(r"[0-9.]+|0x[0-9a-f.x]+", name):  # 127.1, 2130706433 and 0x7f.1 also reach this computer
        return "host.ip"
    if not name or "." not in name.strip("."):
        return "host.no_name" if name != "localhost" else "host.computer"
    if name == "localhost" or name.endswith(PRIVATE_SUFFIXES):
        return "host.private"
    return None


def _hint(word: str, allowed: Iterable[str], labels: dict[str, str]) -> str | None:
    """'Did you mean' from a label ('trail running' -> 'trail'), the usual aliases ('twitter' -> 'x'),
    else from a typing slip ('fel' -> 'fell')."""
    choices = list(allowed)
    if word in labels:
        return f"Did you mean '{labels[word]}'?"
    alias = schema.ALIASES.get(word)
    if alias in choices:
        return f"Did you mean '{alias}'?"
    close = closest(word, choices + [a for a, v in schema.ALIASES.items() if v in choices])
    if close is None:
        return None
    return f"Did you mean '{schema.ALIASES.get(close, close)}'?"
