"""The coach file as a JSON Schema (draft 2020-12), so that an editor checks a coach file as it is typed.

Generated from the rule table, coaches/schema.py's FIELDS (each field's limits, pattern, choices, line
breaks and degrees; the networks' hosts and user names): each field's kind picks its JSON Schema in
KINDS, so a new field of a kind already there needs no change here. The schema mirrors the readers in
coaches/fields.py and never rejects a file they accept; what it cannot tell is left to our check
(ONLY_OUR_CHECK, also in the schema's $comment).

How values are typed. Our reader keeps every YAML value as the text written; an editor reads YAML 1.2
(the YAML language server's default), where `latitude: 51.2` is a number, `name: 007` and `strava:
12345` are numbers, `name: true` is true, `joined: 2025-11-01` is text and an empty `website:` is null.
So wherever our check takes text, the schema takes a number or true/false as well and leaves their form
to our check; coordinates take numbers (in range) or the same decimals as text; an empty optional line
(null) counts as absent, as it does for us. Our check trims spaces at both ends before it measures or
matches anything, so every text rule here is a pattern that allows them; the patterns use only what
Python's `re` and JavaScript's `u` regular expressions read alike. Only keywords that JSON Schema
draft-07 has too are used, so editors that know only draft-07 check the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

import yaml

from coachblog import json_text
from coachblog.coaches import schema
from coachblog.coaches.schema import FieldSpec

JsonSchema = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_ID = "urn:coachblog:coach-file"  # the plugin passes the site's own /coaches/schema.json
REPO_PATH = "schemas/coach.schema.json"  # the copy kept in the repository, for editors
# The first line a coach file may have so that editors with the YAML language server check it.
MODELINE = "# yaml-language-server: $schema=../../schemas/coach.schema.json"

EMAIL = re.compile(schema.EMAIL_PATTERN)
EXAMPLE_HOSTS = schema.EXAMPLE_HOSTS
CONTROL = schema.CONTROL_CHARS
SHORT_HANDLE = r"[A-Za-z0-9-]{1,63}"  # a name without a dot, where the network adds its own (.bsky.social)

SCALAR = ["string", "number", "boolean"]  # what an editor may make of a value our reader keeps as text

ONLY_OUR_CHECK = (
    "the file's name, folder, size (16 KB) and encoding (UTF-8)",
    "a field written twice, YAML anchors, aliases, tags and directives",
    "whether the place is on the map, the country code a real country, and the coordinates in it",
    "whether the photo file is there, named from docs/coaches/ (photos/you.jpg, not docs/coaches/...)",
    "links and email addresses to private names, reserved names or IP addresses, and odd ports",
    "a date in the future or 29 February of a year that has none",
    "invisible characters in a text, and a value listed twice in another case ([trail, Trail])",
    "the length and form of a number or true/false written where text is expected",
    "another coach's entry with the same name, website, email or contact page",
    "who may change an entry with a github line",
)
YAML_NOTE = (
    "Written for YAML 1.2 editors (the YAML language server's default). An editor set to YAML 1.1 reads "
    "country: NO as false and joined: 2025-11-01 as a date, and then rejects them; our check reads both "
    "as written."
)


class Kind(NamedTuple):
    """How a kind of field looks in JSON Schema, and how its example reads in an editor."""

    schema: Callable[[FieldSpec], JsonSchema]
    example: Callable[[str], object] = lambda text: text


# ---------------------------------------------------------------- patterns


def _escaped(text: str) -> str:
    """`text` matched literally; only characters both regex dialects read as syntax are escaped."""
    return re.sub(r"([\\^$.*+?()\[\]{}|/])", r"\\\1", text)


def _any_case(word: str) -> str:
    """`word` matched in capitals or not, as our check lowers a value before comparing it."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else _escaped(c) for c in word)


def _one_of(words: tuple[str, ...] | list[str]) -> str:
    return "(?:" + "|".join(_any_case(w) for w in words) + ")"


def _inner(pattern: re.Pattern[str]) -> str:
    """A whole-value Python pattern as a part of another: no anchors, no named groups."""
    text = pattern.pattern.removeprefix("^").removesuffix("$")
    return re.sub(r"\(\?P<\w+>", "(?:", text)


def _trimmed(body: str) -> str:
    """`body` as the whole value, with spaces allowed at either end."""
    return rf"^\s*(?:{body})\s*$"


def text_pattern(limit: int, lines: bool = False) -> str:
    """Not blank, at most `limit` characters once trimmed, no control characters or tabs (nor line breaks)."""
    bad = CONTROL + r"\t" + ("" if lines else r"\n")
    edge, inner = rf"[^\s{bad}]", rf"[^{bad}]"
    return rf"^\s*{edge}(?:{inner}{{0,{limit - 2}}}{edge})?\s*$"


_URL_CHAR = r"[^\s\x00-\x1f\x7f]"
_HOST_CHAR = r"[^\s\x00-\x1f\x7f/?#@]"  # what urlsplit takes as the site's name (and port)
_SCHEMES = _one_of(list(schema.LINK_SCHEMES)) + "://"
_REST = rf"(?:[/?#]{_URL_CHAR}*)?"
_NO_LOGIN = "(?::?@)?"  # 'https://@site' and 'https://:@site' give an empty user name, which the check takes


def _short(limit: int) -> str:
    """A look-ahead: the value, trimmed, is at most `limit` characters with no spaces inside."""
    return rf"(?={_URL_CHAR}{{1,{limit}}}\s*$)"


def link_pattern(limit: int = schema.URL_MAX) -> str:
    """A web link as our check allows it: https:// or http://, a site name with a dot, no login."""
    return rf"^\s*{_short(limit)}{_SCHEMES}{_NO_LOGIN}{_HOST_CHAR}*\.{_HOST_CHAR}*{_REST}\s*$"


def profile_pattern(site: str) -> str:
    """A link to a profile on `site` (https:// may be left out), or a user name there."""
    network = schema.NETWORKS[site]
    if network.hosts:
        names = _one_of([*network.hosts, *EXAMPLE_HOSTS])
        host = rf"{_NO_LOGIN}(?:[^\s\x00-\x1f\x7f/?#@:]*\.)?{names}(?::[0-9]*)?"
    else:
        host = rf"{_NO_LOGIN}{_HOST_CHAR}*\.{_HOST_CHAR}*"
    bare = rf"(?={_URL_CHAR}*/){host}[/?#]{_URL_CHAR}*"  # 'instagram.com/me': our check adds https://
    link = rf"^\s*{_short(schema.URL_MAX)}(?:{_SCHEMES}{host}{_REST}|{bare})\s*$"
    handle = _inner(network.handle)
    if network.short:
        handle = f"{handle}|{SHORT_HANDLE}"
    return f"{link}|{_trimmed(f'@?(?:{handle})')}"


def photo_pattern() -> str:
    """A web link, or a relative path to a .jpg, .jpeg, .png or .webp file (no '..', no backslash)."""
    suffixes = _one_of([s.removeprefix(".") for s in schema.PHOTO_SUFFIXES])
    path = (
        r"^\s*(?![A-Za-z][A-Za-z0-9+.-]*:)(?![/\\])(?!(?:[^/]*/)*\.\.(?:/|\s*$))"
        rf"[^\\]*\.{suffixes}\s*$"
    )
    return f"{link_pattern()}|{path}"


def date_pattern() -> str:
    """YYYY-MM-DD with a month 01-12 and a day that month can have (29 February in any year)."""
    day = r"0[1-9]|1[0-9]|2[0-9]"
    return _trimmed(
        rf"[0-9]{{4}}-(?:(?:0[13578]|1[02])-(?:{day}|3[01])|(?:0[469]|11)-(?:{day}|30)|02-(?:{day}))"
    )


_WHOLE_BELOW = {90: "[1-8]?[0-9]", 180: "1[0-7][0-9]|[1-9]?[0-9]"}


def degrees_pattern(limit: int) -> str:
    """A decimal number of degrees written as text, from -limit to limit (schema.DEGREES_PATTERN)."""
    below = _WHOLE_BELOW[limit]
    return _trimmed(rf"[+-]?(?:0*(?:(?:{below})(?:\.[0-9]*)?|{limit}(?:\.0*)?)|\.[0-9]+)")


# ---------------------------------------------------------------- one JSON Schema per kind


def _text(spec: FieldSpec) -> JsonSchema:
    limit = spec.text_limit() or schema.TEXT_MAX
    return {
        "type": SCALAR,
        "pattern": text_pattern(limit, spec.multiline),
        "patternErrorMessage": f"Write some text, at most {limit} characters"
        + ("" if spec.multiline else ", on one line"),
    }


def _country(spec: FieldSpec) -> JsonSchema:
    return {
        "type": "string",
        "pattern": _trimmed("[A-Za-z]{2}"),
        "patternErrorMessage": "A two-letter country code, such as GB",
    }


def _coordinate(spec: FieldSpec) -> JsonSchema:
    limit = spec.degrees or 180
    return {
        "type": ["number", "string"],
        "minimum": -limit,
        "maximum": limit,
        "pattern": degrees_pattern(limit),
        "patternErrorMessage": f"A decimal number from -{limit} to {limit}, without N, S, E or W",
    }


def _choices(spec: FieldSpec) -> JsonSchema:
    labels = schema.SPECIALTIES | schema.COACHING
    return {
        "type": "array",
        "minItems": 1 if spec.required else 0,
        "maxItems": spec.max_items or len(spec.choices),
        "uniqueItems": True,
        "items": {
            "anyOf": [
                {
                    "enum": list(spec.choices),
                    "enumDescriptions": [labels.get(c, c) for c in spec.choices],
                },
                {"type": "string", "pattern": _trimmed(_one_of(spec.choices))},
            ]
        },
    }


def _texts(spec: FieldSpec) -> JsonSchema:
    item = _text(spec)
    return {  # a single text counts as a list of one
        **item,
        "type": ["array", *SCALAR],
        "minItems": 1 if spec.required else 0,
        "maxItems": spec.max_items or len(spec.choices),
        "items": item,
    }


def _url(spec: FieldSpec) -> JsonSchema:
    limit = spec.max_length or schema.URL_MAX
    return {
        "type": "string",
        "pattern": link_pattern(limit),
        "patternErrorMessage": f"A web address starting https:// (or http://), at most {limit} characters",
    }


def _email(spec: FieldSpec) -> JsonSchema:
    return {
        "type": "string",
        "pattern": _trimmed(
            _short(spec.max_length or schema.EMAIL_MAX) + _inner(re.compile(spec.pattern or EMAIL.pattern))
        ),
        "patternErrorMessage": "An email address like alex@example.org (without mailto:)",
    }


def _photo(spec: FieldSpec) -> JsonSchema:
    suffixes = ", ".join(schema.PHOTO_SUFFIXES)
    return {
        "type": "string",
        "pattern": photo_pattern(),
        "patternErrorMessage": f"A file under docs/coaches/ such as photos/you.jpg ({suffixes}), or a link",
    }


def _social(spec: FieldSpec) -> JsonSchema:
    sites: dict[str, JsonSchema] = {
        site: {
            "title": network.label,
            "description": f"A link to your {network.label} profile, or your user name there",
            "examples": [network.example.split(" ")[0]],
            "type": SCALAR,
            "pattern": profile_pattern(site),
            "patternErrorMessage": f"A link starting https://, or a user name like {network.example}",
        }
        for site, network in schema.NETWORKS.items()
    }
    return {
        "type": "object",
        "maxProperties": len(schema.NETWORKS),
        "properties": sites,
        "patternProperties": {f"^{_any_case(site)}$": rule for site, rule in sites.items()},
        "additionalProperties": False,
    }


def _date(spec: FieldSpec) -> JsonSchema:
    return {"type": "string", "pattern": date_pattern(), "patternErrorMessage": "A date written YYYY-MM-DD"}


def _github(spec: FieldSpec) -> JsonSchema:
    return {
        "type": SCALAR,
        "pattern": _trimmed(
            (f"{_escaped(spec.strip)}?" if spec.strip else "")
            + _inner(re.compile(spec.pattern or schema.GITHUB_PATTERN.pattern))
        ),
        "patternErrorMessage": "A GitHub user name: letters, digits and single hyphens",
    }


KINDS: dict[schema.FieldKind, Kind] = {
    "text": Kind(_text),
    "place": Kind(_text),
    "country": Kind(_country),
    "coordinate": Kind(_coordinate, float),
    "choices": Kind(_choices),
    "texts": Kind(_texts),
    "url": Kind(_url),
    "email": Kind(_email),
    "photo": Kind(_photo),
    "social": Kind(_social),
    "date": Kind(_date),
    "github": Kind(_github),
}


# ---------------------------------------------------------------- the whole file


def _field(spec: FieldSpec, contact: tuple[str, ...]) -> JsonSchema:
    kind = KINDS[spec.kind]
    rule = kind.schema(spec)
    if not spec.required:  # an empty line ('website:') is null to an editor and absent to our check
        types = rule["type"] if isinstance(rule["type"], list) else [rule["type"]]
        rule["type"] = [*types, "null"]
    needed = "Needed." if spec.required else "Optional."
    if spec.key in contact:
        needed = "One of " + ", ".join(contact) + " is needed."
    if spec.choices and spec.kind == "choices":
        needed += " One or more of: " + ", ".join(spec.choices) + "."
    if spec.kind in ("text", "place", "texts"):
        each = "Each at most" if spec.kind == "texts" else "At most"
        needed += f" {each} {spec.text_limit()} characters."
    written = yaml.load(f"{spec.key}: {spec.example}", Loader=yaml.BaseLoader)[spec.key]
    return {
        "title": spec.what[:1].upper() + spec.what[1:],
        "description": f"{needed} For example: {spec.key}: {spec.example}",
        "examples": [kind.example(written)],
        **rule,
    }


def _given(key: str) -> JsonSchema:
    """The field is there and not empty (an empty text, set of links or list counts as not given)."""
    empty: list[JsonSchema] = [
        {"type": "null"},
        {"const": ""},
        {"type": "object", "maxProperties": 0},
        {"type": "array", "maxItems": 0},
    ]
    return {"required": [key], "properties": {key: {"not": {"anyOf": empty}}}}


def coach_json_schema(schema_id: str = DEFAULT_ID) -> JsonSchema:
    """The coach file's JSON Schema; `schema_id` is where it is published (the site's coaches/schema.json)."""
    social = tuple(spec.key for spec in schema.FIELDS if spec.kind == "social")
    contact = (*schema.CONTACT_FIELDS, *social)
    coordinates = [spec.key for spec in schema.FIELDS if spec.kind == "coordinate"]
    together = [
        {"if": _given(key), "then": {"allOf": [_given(other) for other in coordinates if other != key]}}
        for key in coordinates
    ]
    return {
        "$schema": DRAFT,
        "$id": schema_id,
        "title": "Coach file",
        "description": "One coach in the directory: docs/coaches/<your-name>.yml. CONTRIBUTING.md "
        "explains every field.",
        "$comment": "Only our check (scripts/check_coaches.py and the build) tells: "
        + "; ".join(ONLY_OUR_CHECK)
        + ". "
        + YAML_NOTE,
        "type": "object",
        "properties": {spec.key: _field(spec, contact) for spec in schema.FIELDS},
        "required": [spec.key for spec in schema.FIELDS if spec.required],
        "additionalProperties": False,
        "allOf": [*together, {"anyOf": [_given(key) for key in contact]}],
    }


def schema_json(schema_id: str = DEFAULT_ID) -> str:
    """The schema as the text of a .json file: the repository's copy and the published one alike."""
    return json_text.dumps(coach_json_schema(schema_id), indent=2) + "\n"
