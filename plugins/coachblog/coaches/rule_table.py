"""The coach file's rules as one table of data: what fields.py, the JSON Schema and the join page apply.

Each field's rules are its FieldSpec in schema.py (kind, limits, pattern, choices, hosts); the links'
rules are schema's LINK_SCHEMES, PRIVATE_SUFFIXES and EXAMPLE_HOSTS. What is here is the other half:
each rule a value can break, by an id, with the words the check (scripts/check_coaches.py and the
build) says it in and the words the join page says it in. `table()` is all of it as the JSON the
join page interprets (assets/coach-join.js has one small interpreter per kind and no rule of its own).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from coachblog.coaches import schema


class Refusal(NamedTuple):
    """A rule a value can break: the check's message and the page's (after the field's label)."""

    check: str
    page: str


_HOSTS: dict[str, Refusal] = {
    "host.ip": Refusal(
        "is a link to an IP address, not a site name", "is a link to an IP address, not a site name."
    ),
    "host.computer": Refusal("is a link to this computer", "is a link to this computer."),
    "host.no_name": Refusal(
        "has no proper site name after https://", "has no proper site name after https://."
    ),
    "host.private": Refusal(
        "is a link to a private or reserved site name", "is a link to a private or reserved site name."
    ),
}
EMAIL_ANYWHERE = "give an address runners can write to from anywhere"
_BROKEN = "contains a line break or control character"
_HIDDEN = "has an invisible or control character in it. Please type it again."
_NOT_WEB = "is not an https:// or http:// link"

REFUSALS: dict[str, Refusal] = {
    "missing": Refusal("is missing", "Enter {what}."),
    "missing.choices": Refusal("is missing", "Choose at least one under “{label}”."),
    "text.empty": Refusal("is empty", "Enter {what}."),
    "text.long": Refusal(
        "is {count} characters long", "is {count} characters long: at most {max}. Please shorten it."
    ),
    "text.control": Refusal(_BROKEN, _HIDDEN),
    "text.line": Refusal(_BROKEN, "must be on one line."),
    "text.hidden": Refusal("contains an invisible character ({char})", _HIDDEN),
    "texts.many": Refusal("has {count} entries", "has {count} lines: at most {max}."),
    "texts.line": Refusal("{problem}", "line {line} {problem}"),
    "coordinate.form": Refusal(
        "is not a number of degrees",
        "is not a number of degrees: write a decimal number from -{limit} to {limit}, without N, S, E or W.",
    ),
    "coordinates.together": Refusal("is missing", "Give {missing} too, or neither: they go together."),
    "place.unknown": Refusal(
        "is not a town or village we know in {country}",
        "is not a town or village we know in {country}.{close} Pick one of the suggestions, or give your "
        "position under “My town or village is not in the list”.",
    ),
    "place.close": Refusal("Did you mean '{places}'?", " Did you mean {places}?"),
    "choices.unknown": Refusal(
        "has a value that is not on the list", "has a value that is not on the list: {values}."
    ),
    "url.not_web": Refusal("is not a web address", "is not a web address."),
    "url.empty": Refusal("must be a web address", "is not a web address."),
    "url.long": Refusal(
        "is {count} characters long (at most {max})", "is {count} characters long: at most {max}."
    ),
    "url.spaces": Refusal("contains spaces", "has spaces in it. Please remove them."),
    "url.bare": Refusal("has no https:// at the start", "needs https:// at the start: write https://{text}."),
    "url.no_scheme": Refusal(_NOT_WEB, "is not a web address. It should start with https://."),
    "url.scheme": Refusal(_NOT_WEB, "must start with https:// (or http://)."),
    "url.login": Refusal("has a user name or password in it", "has a user name or password in it."),
    **_HOSTS,
    "email.mailto": Refusal(
        "starts with 'mailto:'", "starts with “mailto:”. Write just the address: {rest}."
    ),
    "email.form": Refusal("is not an email address", "should look like alex@example.org."),
    **{
        "email." + key: Refusal(said.check, said.page.removesuffix(".") + f": {EMAIL_ANYWHERE}.")
        for key, said in _HOSTS.items()
    },
    "photo.folder": Refusal("starts with the folder name", "starts with the folder's name. Write {rest}."),
    "photo.outside": Refusal("is not a path inside the coaches folder", "is not a path inside {folder}."),
    "photo.suffix": Refusal("is not a .jpg, .jpeg, .png or .webp file", "is not a {suffixes} file."),
    "social.host": Refusal(
        "is not a link to {label}", "should be a link on {hosts}, or your user name there."
    ),
    "social.handle": Refusal(
        "is not a {label} link or user name",
        "should be a link starting https://, or a user name like {example}.",
    ),
    "date.form": Refusal("is not a date", "is not a date. Write it like {today}."),
    "date.future": Refusal("is in the future", "is in the future. Use today's date or earlier."),
    "github.form": Refusal(
        "is not a GitHub user name",
        "should be just your user name: letters, digits and single hyphens, such as alex-example.",
    ),
    "contact.none": Refusal(
        "has no way to contact you",
        "Give at least one way to reach you: an email address, a contact page or a social profile.",
    ),
}


def said(rule: str, **values: object) -> str:
    """The check's message for `rule`, filled in."""
    return REFUSALS[rule].check.format(**values)


def js_pattern(source: str) -> str:
    """A Python pattern as JavaScript's RegExp reads it (named groups are spelt (?<name>...))."""
    source = source.replace("(?P<", "(?<")
    assert "(?P" not in source and "\\A" not in source and "\\Z" not in source, source
    return source


def field_rules(spec: schema.FieldSpec) -> dict[str, Any]:
    """One field's rules as data."""
    return {
        "key": spec.key,
        "kind": spec.kind,
        "required": spec.required,
        "max": spec.text_limit(),
        "max_items": spec.max_items or (len(spec.choices) or None),
        "choices": list(spec.choices),
        "what": spec.what,
        "multiline": spec.multiline,
        "degrees": spec.degrees,
        "pattern": js_pattern(spec.pattern) if spec.pattern else None,
        "strip": spec.strip,
    }


def table() -> dict[str, Any]:
    """Every rule of the coach file and every refusal's page words: the JSON the join page checks with."""
    return {
        "fields": [field_rules(spec) for spec in schema.FIELDS],
        "networks": [
            {
                "key": key,
                "label": network.label,
                "hosts": list(network.hosts),
                "handle": js_pattern(network.handle.pattern),
                "short": network.short,
                "example": network.example,
            }
            for key, network in schema.NETWORKS.items()
        ],
        "example_hosts": list(schema.EXAMPLE_HOSTS),
        "private_suffixes": list(schema.PRIVATE_SUFFIXES),
        "link_schemes": list(schema.LINK_SCHEMES),
        "control": schema.CONTROL_CHARS,
        "url_max": schema.URL_MAX,
        "photo_suffixes": list(schema.PHOTO_SUFFIXES),
        "messages": {rule: said.page for rule, said in REFUSALS.items()},
    }
