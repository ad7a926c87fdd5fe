"""The join page at /coaches/join/: a form made from the coach schema that writes a coach file.

Everything the form shows and checks comes from `schema`: the template renders one control per
field by its kind, and the script gets the rule table (coaches/rule_table.py: every field's rules
and every refusal's words) as JSON (`rules`), which it interprets kind by kind, so the form, the
page's checks and scripts/check_coaches.py cannot drift apart. The
script writes the file in the browser and hands it to GitHub's new-file page; nothing is sent
anywhere else. Each coach's values are published as one small JSON file next to their profile
(`entry_json`), which the page reads to start from an existing entry (?from=<name>).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from coachblog.coaches import rule_table, schema
from coachblog.coaches.fields import Coach
from coachblog.text import SLUG_PATTERN

JOIN_SLUG = "join"  # one of schema.RESERVED_SLUGS: no coach file can take the page's address
JOIN_JS = "assets/coachblog/coach-join.js"
JOIN_CSS = "assets/coachblog/coach-join.css"
FIELD_ID = "cbj-f-"  # a field's control is cbj-f-<key>: no field name can take another element's id
ENTRY_SUFFIX = ".json"  # coaches/<slug>.json: reserved slugs keep it clear of places.json
# Browsers and GitHub take longer addresses, but proxies and some servers stop at 8 KB.
GITHUB_URL_MAX = 8000
# Fields whose text may hold line breaks (a FieldSpec's `multiline`); a test compares with the check.
MULTILINE = tuple(spec.key for spec in schema.FIELDS if spec.multiline)

# How the form names each field; a field missing here is named from its key.
LABELS: dict[str, str] = {
    "name": "Your name",
    "place": "Town or village",
    "country": "Country",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "specialties": "What you coach",
    "coaching": "How you coach",
    "qualifications": "Qualifications",
    "website": "Website",
    "email": "Email address",
    "contact_url": "Contact page",
    "bio": "About you and your coaching",
    "photo": "Photo",
    "social": "Social profiles",
    "joined": "Date you join",
    "confirmed": "Details checked on",
    "github": "GitHub user name",
}
# Help where the schema's words are about writing the file by hand; others use the schema's `what`.
HELP: dict[str, str] = {
    "name": "As runners know you. It also makes your page's address.",
    "place": "The town or village you coach from, as it appears on a map. "
    "Type a few letters and pick one of the suggestions.",
    "country": "England, Scotland, Wales and Northern Ireland are all in the United Kingdom.",
    "latitude": "North-south, in decimal degrees, e.g. 51.2323.",
    "longitude": "East-west, in decimal degrees; west of Greenwich is negative, e.g. -0.3326.",
    "specialties": "Choose one or more.",
    "coaching": "Choose one or more.",
    "qualifications": "One per line, at most {max_items}, each at most {max} characters.",
    "bio": "A few sentences about you and your coaching, at most {max} characters. "
    "Leave an empty line between paragraphs.",
    "photo": "A picture file you add to docs/coaches/photos/ on GitHub, named here, "
    "e.g. photos/alex-example.jpg. Leave it empty to add one later.",
    "social": "A link to your profile, or just your user name.",
    "joined": "Today's date. When you change your entry, keep the date you first joined.",
    "confirmed": "Today's date, once you have checked that everything here is still right.",
    "github": "Then only you (or a maintainer) can change or remove your entry.",
}
CONTACT_HELP = "Give at least one: an email address, a contact page or a social profile. All are public."
# The form's sections, each a heading and its fields in this order; a field in none goes in the last.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("About you", ("name", "bio", "photo")),
    ("Where you coach", ("place", "country", "latitude", "longitude")),
    ("Your coaching", ("specialties", "coaching", "qualifications")),
    ("How runners reach you", ("email", "contact_url", "social", "website")),
    ("Your entry", ("joined", "confirmed", "github")),
)
CONTACT_GROUP = "How runners reach you"
_GITHUB_REPO = re.compile(r"^/(?P<owner>[A-Za-z0-9-]{1,39})/(?P<name>[A-Za-z0-9._-]{1,100}?)(?:\.git)?/?$")


@dataclass(frozen=True)
class GitHubRepo:
    """A repository on GitHub, and the branch coach files are proposed to."""

    owner: str
    name: str
    branch: str

    def page(self, action: str, path: str) -> str:
        """GitHub's `action` page ('new', 'edit', 'delete', 'blob') for `path` on the branch."""
        where = "/".join(quote(part, safe="") for part in path.strip("/").split("/"))
        return f"https://github.com/{self.owner}/{self.name}/{action}/{quote(self.branch, safe='/')}/{where}"


def github_repo(repo_url: str | None, branch: str) -> GitHubRepo | None:
    """The GitHub repository `repo_url` names (https://github.com/<owner>/<name>), or None."""
    if not repo_url:
        return None
    try:
        parts = urlsplit(repo_url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    match = _GITHUB_REPO.match(parts.path)
    if parts.scheme not in schema.LINK_SCHEMES or host not in ("github.com", "www.github.com") or not match:
        return None
    if not schema.GITHUB_PATTERN.match(match["owner"]) or match["name"] in (".", ".."):
        return None
    return GitHubRepo(match["owner"], match["name"], branch)


def js_pattern(pattern: re.Pattern[str]) -> str:
    """A Python pattern as JavaScript's RegExp reads it (named groups are spelt (?<name>...))."""
    return rule_table.js_pattern(pattern.pattern)


def label(key: str) -> str:
    return LABELS.get(key, key.replace("_", " ").capitalize())


def help_text(spec: schema.FieldSpec) -> str:
    """What to write in the field, in the form's words."""
    if spec.key in HELP:
        return HELP[spec.key].format(max=spec.max_length, max_items=spec.max_items)
    text = spec.what[:1].upper() + spec.what[1:] + "."
    if spec.max_length and spec.kind in ("text", "place", "texts"):
        text += f" At most {spec.max_length} characters."
    return text


def comment(spec: schema.FieldSpec) -> str:
    """The comment written after the field in the file, as in the guide's example file."""
    needed = "needed" if spec.required else "optional"
    if spec.key in (*schema.CONTACT_FIELDS, "social"):
        needed = "needed: email, contact_url or social"
    return f"{needed}: {spec.what}"


def _choice_labels(spec: schema.FieldSpec) -> list[tuple[str, str]]:
    labels = schema.SPECIALTIES | schema.COACHING | schema.SOCIAL
    return [(choice, labels.get(choice, choice)) for choice in spec.choices]


def _control(spec: schema.FieldSpec) -> dict[str, Any]:
    """What the template needs to draw one field."""
    widget = {
        "text": "textarea" if spec.multiline else "text",
        "texts": "lines",
        "choices": "checkboxes",
        "social": "networks",
        "country": "select",
        "url": "url",
        "email": "email",
        "date": "date",
    }.get(spec.kind, "text")
    return {
        "key": spec.key,
        "id": f"{FIELD_ID}{spec.key}",
        "kind": spec.kind,
        "widget": widget,
        "label": label(spec.key),
        "help": help_text(spec),
        "required": spec.required,
        "choices": _choice_labels(spec),
        "networks": [
            {"key": key, "id": f"{FIELD_ID}{spec.key}-{key}", "label": n.label, "example": n.example}
            for key, n in schema.NETWORKS.items()
        ]
        if spec.kind == "social"
        else [],
    }


def form_groups() -> list[dict[str, Any]]:
    """The form's sections with their fields, every field of the schema in exactly one."""
    placed = {key for _, keys in GROUPS for key in keys}
    rest = tuple(spec.key for spec in schema.FIELDS if spec.key not in placed)
    groups = []
    for index, (title, keys) in enumerate(GROUPS):
        last = index == len(GROUPS) - 1
        specs = [
            schema.FIELDS_BY_KEY[k] for k in (*keys, *(rest if last else ())) if k in schema.FIELDS_BY_KEY
        ]
        groups.append(
            {
                "title": title,
                "id": "cbj-group-" + re.sub(r"[^a-z]+", "-", title.lower()).strip("-"),
                "help": CONTACT_HELP if title == CONTACT_GROUP else "",
                "fields": [_control(s) for s in specs if s.kind != "coordinate"],
                "position": [_control(s) for s in specs if s.kind == "coordinate"],
            }
        )
    return groups


def _field_rules(spec: schema.FieldSpec) -> dict[str, Any]:
    """A field's rules from the table, with how the form names it and the file's comment."""
    words = {"label": label(spec.key), "labels": dict(_choice_labels(spec)), "comment": comment(spec)}
    return rule_table.field_rules(spec) | words


@dataclass(frozen=True)
class JoinLinks:
    """Where the join page's script finds things and sends the coach, as seen from the join page."""

    folder_shown: str  # docs/coaches/, as people see the folder
    entry_prefix: str  # the coaches' entry files: prefix + slug + ENTRY_SUFFIX
    profile_prefix: str  # a coach's page: prefix + slug + profile_suffix
    profile_suffix: str
    places: str
    repo: GitHubRepo | None
    repo_folder: str  # the coaches folder inside the repository: docs/coaches
    guide: str | None  # CONTRIBUTING.md on the repository's site


def rules(links: JoinLinks, place_ranges: dict[str, tuple[int, int]], max_bytes: int) -> dict[str, Any]:
    """Everything the script checks and writes with, from the schema: the JSON the join page carries."""
    repo = links.repo
    return {
        **rule_table.table(),
        "fields": [_field_rules(spec) for spec in schema.FIELDS],
        "contact": [*schema.CONTACT_FIELDS, "social"],
        "slug": js_pattern(SLUG_PATTERN),
        "reserved": list(schema.RESERVED_SLUGS),
        "suffix": schema.SUFFIX,
        "max_bytes": max_bytes,
        "folder": links.folder_shown,
        "entry": {"prefix": links.entry_prefix, "suffix": ENTRY_SUFFIX},
        "profile": {"prefix": links.profile_prefix, "suffix": links.profile_suffix},
        "places": {"href": links.places, "countries": {c: list(r) for c, r in place_ranges.items()}},
        "github": {
            "new": repo.page("new", links.repo_folder),
            "edit": repo.page("edit", links.repo_folder) + "/",
            "max": GITHUB_URL_MAX,
        }
        if repo
        else None,
        "guide": links.guide,
    }


def entry_json(coach: Coach) -> dict[str, Any]:
    """A coach's values as the join page's form reads them: the fields their file gives, as text.

    Social profiles given as a user name come back as one ('@name'), not as the link made from it.
    """
    written = set(coach.lines)
    values: dict[str, Any] = {
        "name": coach.name,
        "place": coach.place,
        "country": coach.country,
        "specialties": list(coach.specialties),
        "coaching": list(coach.coaching),
        "qualifications": list(coach.qualifications),
        "website": coach.website,
        "email": coach.email,
        "contact_url": coach.contact_url,
        "bio": coach.bio,
        "photo": coach.photo,
        "social": {key: _as_written(key, link) for key, link in coach.social},
        "joined": coach.joined.isoformat(),
        "confirmed": coach.confirmed.isoformat() if coach.confirmed else None,
        "github": coach.github,
        **{key: _as_text(value) for key, value in coach.extra.items()},
    }
    for key in ("latitude", "longitude"):
        number = getattr(coach, key)
        if key in written and number is not None:
            values[key] = _number(number)
    kept = {k: v for k, v in values.items() if v not in (None, "", [], {}) and k in schema.FIELDS_BY_KEY}
    return {"slug": coach.slug, "values": kept}


def _as_text(value: object) -> object:
    """A value of a field Coach has no attribute for, as the form reads it."""
    if isinstance(value, tuple):
        return list(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _profile_patterns() -> dict[str, re.Pattern[str]]:
    patterns = {}
    for key, network in schema.NETWORKS.items():
        source = re.escape(network.profile)
        for name in ("handle", "user", "server"):
            source = source.replace(re.escape("{" + name + "}"), f"(?P<{name}>[^/?#]+)")
        patterns[key] = re.compile(f"^{source}$")
    return patterns


_PROFILES = _profile_patterns()


def _as_written(network: str, link: str) -> str:
    """The user name a profile link was made from ('@name'), or the link when it is not one."""
    match = _PROFILES[network].match(link)
    if match is None:
        return link
    parts = match.groupdict()
    handle = f"{parts['user']}@{parts['server']}" if "user" in parts else parts["handle"]
    if not schema.NETWORKS[network].handle.match(handle):
        return link
    return f"@{handle}" if schema.NETWORKS[network].example.startswith("@") else handle


def place_ranges(rows_per_country: Iterable[tuple[str, int]]) -> dict[str, tuple[int, int]]:
    """Each country's rows in places.json (start, end), from the number of rows of each, in order."""
    ranges, start = {}, 0
    for country, count in rows_per_country:
        ranges[country] = (start, start + count)
        start += count
    return ranges
