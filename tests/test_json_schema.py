"""The coach file's JSON Schema (schemas/coach.schema.json): an editor checking a coach file with it
agrees with our check, and never rejects a file our check accepts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from jsonschema import Draft202012Validator

from coachblog.coaches import fields, schema
from coachblog.coaches.directory import load_coaches
from coachblog.coaches.fields import CoachSource, Folder
from coachblog.coaches.json_schema import (
    CONTROL,
    DEFAULT_ID,
    EMAIL,
    KINDS,
    MODELINE,
    REPO_PATH,
    coach_json_schema,
    degrees_pattern,
    schema_json,
)
from coachblog.places.gazetteer import load_gazetteer
from tests.content import coach, load, one
from tests.helpers import REPO, Site

PHOTO = "coaches/photos/alex.jpg"


class EditorYaml(yaml.SafeLoader):
    """YAML 1.2's core schema, as the YAML language server reads a file by default: `51.2` and `007`
    are numbers, `true` is true, `2025-11-01`, `yes` and `NO` are text, an empty value is null."""


EditorYaml.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
):
    EditorYaml.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), [*_first, ""])


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    base = {"0o": 8, "0x": 16}.get(text[:2], 10)
    return int(text[2:] if base != 10 else text, base)


def _float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node)).lower()
    if text.endswith((".inf", ".nan")):
        return -math.inf if text == "-.inf" else (math.inf if text.endswith("inf") else math.nan)
    return float(text)


EditorYaml.add_constructor("tag:yaml.org,2002:int", _int)
EditorYaml.add_constructor("tag:yaml.org,2002:float", _float)


def as_editor_reads(text: str) -> Any:
    """A coach file as an editor hands it to the JSON Schema: YAML 1.2, keys as text."""

    def jsonish(value: Any) -> Any:
        if isinstance(value, dict):
            return {json.dumps(k) if isinstance(k, bool) else str(k): jsonish(v) for k, v in value.items()}
        return [jsonish(v) for v in value] if isinstance(value, list) else value

    return jsonish(yaml.load(text, Loader=EditorYaml))


VALIDATOR = Draft202012Validator(coach_json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(text: str) -> list[str]:
    """What an editor with the schema says about a coach file: 'field: message' lines."""
    errors = VALIDATOR.iter_errors(as_editor_reads(text))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(file)'}: {e.message}" for e in errors]


# ---------------------------------------------------------------- the schema and its file


def test_the_schema_file_in_the_repository_is_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(REPO / "scripts/coach_json_schema.py"), "--check"],
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (REPO / REPO_PATH).read_text(encoding="utf-8") == schema_json()


def test_a_changed_schema_makes_the_file_out_of_date(monkeypatch: pytest.MonkeyPatch) -> None:
    written = (REPO / REPO_PATH).read_text(encoding="utf-8")
    monkeypatch.setitem(schema.SPECIALTIES, "hill-reps", "Hill repeats")
    spec = schema.FIELDS_BY_KEY["specialties"]
    changed = dataclasses.replace(spec, choices=(*spec.choices, "hill-reps"))
    monkeypatch.setattr(schema, "FIELDS", tuple(changed if f is spec else f for f in schema.FIELDS))
    assert schema_json() != written
    assert "hill-reps" in coach_json_schema()["properties"]["specialties"]["items"]["anyOf"][0]["enum"]


def test_the_schema_is_valid_draft_2020_12_with_an_id_given_or_the_default() -> None:
    Draft202012Validator.check_schema(coach_json_schema())
    assert coach_json_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert coach_json_schema()["$id"] == DEFAULT_ID
    site = "https://coach.example.org/run-tips/coaches/schema.json"
    assert coach_json_schema(site)["$id"] == site
    assert json.loads(schema_json(site)) == coach_json_schema(site)


def test_every_field_is_described_with_an_example_and_every_needed_one_required() -> None:
    made = coach_json_schema()
    assert list(made["properties"]) == [spec.key for spec in schema.FIELDS]
    assert made["required"] == [spec.key for spec in schema.FIELDS if spec.required]
    assert made["additionalProperties"] is False
    for spec in schema.FIELDS:
        rule = made["properties"][spec.key]
        assert rule["title"].lower() == spec.what.lower()
        assert spec.example in rule["description"]
        for example in rule["examples"]:
            assert list(Draft202012Validator(rule).iter_errors(example)) == [], spec.key


def test_every_kind_of_field_has_a_json_schema() -> None:
    assert set(KINDS) == set(get_args(schema.FieldKind))


def test_a_new_field_of_a_known_kind_needs_no_change(monkeypatch: pytest.MonkeyPatch) -> None:
    club = schema.FieldSpec("club", "text", False, "your running club", "Dorking Dashers", 60)
    monkeypatch.setattr(schema, "FIELDS", (*schema.FIELDS, club))
    rule = coach_json_schema()["properties"]["club"]
    assert rule["title"] == "Your running club" and "null" in rule["type"]
    assert re.search(rule["pattern"], "Dorking Dashers") and not re.search(rule["pattern"], "x" * 61)


def test_the_template_in_the_guide_passes_the_editors_check() -> None:
    assert schema_errors(schema.template_yaml()) == []


def patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern":
                yield value
            if key == "patternProperties":
                yield from value
            yield from patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from patterns(value)


def test_patterns_use_only_what_python_and_javascript_regular_expressions_read_alike() -> None:
    found = list(patterns(coach_json_schema()))
    assert len(found) > 20
    for pattern in found:
        re.compile(pattern)
        assert not re.search(r"\(\?[PiLmsux#]|\\[AZz]", pattern), pattern  # Python-only syntax
        # JavaScript's 'u' flag refuses escapes of ordinary characters (\" or \- outside a class).
        assert set(re.findall(r"\\(.)", pattern)) <= set("^$\\.*+?()[]{}|/sSdDwWnrtxu"), pattern


def test_the_json_schema_and_the_reader_share_one_copy_of_their_rules() -> None:
    assert EMAIL.pattern == fields._EMAIL.pattern == schema.EMAIL_PATTERN
    assert f"[{CONTROL}]" == fields._CONTROL.pattern


@pytest.mark.parametrize("limit", [90, 180])
def test_degrees_written_as_text_match_what_our_reader_takes(limit: int) -> None:
    pattern = degrees_pattern(limit)
    written = ["0", "-0", "+5", ".5", "5.", "0090", " 51.2 ", "89.9999", "90", "90.000", "90.01", "91",
               "179.5", "-180", "180.0", "180.01", "1e1", "51.2N", "", ".", "-", "5..1", "0x10"]  # fmt: skip
    for text in written:
        number = text.strip()
        ours = bool(fields._NUMBER.match(number)) and abs(float(number)) <= limit
        assert bool(re.search(pattern, text)) == ours, text


# ---------------------------------------------------------------- coach files


def coach_files() -> list[Path]:
    folders = [
        REPO / "docs/coaches",
        REPO / "tests/coach_fixtures",
        REPO / "tests/fixtures/real_content/coaches",
    ]
    return sorted(p for folder in folders for p in folder.rglob("*") if p.suffix in fields.YAML_SUFFIXES)


def our_problems(path: Path) -> list[str]:
    """Our check on one coach file alone, today, beside the photos in its folder."""
    uri = f"coaches/{path.name}"
    photos = [
        f"coaches/{p.relative_to(path.parent).as_posix()}" for p in path.parent.rglob("*") if p.is_file()
    ]
    source = CoachSource(uri, path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    result = load_coaches([source], photos, Folder(), gazetteer=load_gazetteer, today=dt.date.today())
    return [str(problem) for problem in result.problems]


@pytest.mark.parametrize("path", coach_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_coach_file_in_the_repository_passes_both_checks(path: Path) -> None:
    assert our_problems(path) == []
    assert schema_errors(path.read_text(encoding="utf-8")) == []


def test_a_modeline_naming_the_schema_is_a_comment_our_check_accepts() -> None:
    assert load(one(f"{MODELINE}\n{coach()}")).problems == []
    assert schema_errors(f"{MODELINE}\n{coach()}") == []
    named = MODELINE.split("$schema=", 1)[1]
    assert (REPO / "docs/coaches" / named).resolve() == (REPO / REPO_PATH).resolve()


# ---------------------------------------------------------------- the schema and our check agree


@dataclass(frozen=True)
class Case:
    """A coach file, whether our check accepts it, and why the JSON Schema cannot tell (if it cannot)."""

    text: str
    ours: bool
    only_ours: str = ""  # then the schema may accept a file our check rejects, never the other way
    beside: tuple[str, ...] = ()  # other coach files in the folder


OK, NO = True, False
QUALIFICATIONS = "[England Athletics Coach in Running Fitness, 'UKA: Leader in Running Fitness']"
EVERY_FIELD = coach(
    qualifications=QUALIFICATIONS,
    contact_url="https://example.org/contact",
    photo="photos/alex.jpg",
    social="{instagram: '@alex.runs', strava: https://strava.com/athletes/1, mastodon: '@al@mastodon.art'}",
    github="alex-example",
    latitude="51.2323",
    longitude="-0.3326",
)
CASES: dict[str, Case] = {
    # What editors read as numbers, true/false or null, and our reader as text.
    "good file": Case(coach(), OK),
    "every field": Case(EVERY_FIELD, OK),
    "a name that YAML 1.2 reads as a number": Case(coach(name="007"), OK),
    "a name that YAML 1.2 reads as true": Case(coach(name="true"), OK),
    "coordinates that YAML 1.2 reads as numbers": Case(coach(latitude="51.2", longitude="-0.33"), OK),
    "coordinates in quotes": Case(coach(latitude='"51.2"', longitude="'-.33'"), OK),
    "a Strava user number": Case(coach(social="{strava: 12345678}"), OK),
    "a GitHub user name of digits": Case(coach(github="12345"), OK),
    "country NO, which YAML 1.1 reads as false": Case(coach(place="Oslo", country="NO"), OK),
    "an empty optional line": Case(coach(website="~"), OK),
    "an empty latitude alone": Case(coach(latitude="~"), OK),
    # Text.
    "name missing": Case(coach(name=""), NO),
    "name empty": Case(coach(name="~"), NO),
    "name only spaces": Case(coach(name='"   "'), NO),
    "name of 81 characters": Case(coach(name="A" * 81), NO),
    "name of 80 characters in quotes with spaces": Case(coach(name=f'"  {"A" * 80}  "'), OK),
    "name on two lines": Case(coach(name='"Alex\\nExample"'), NO),
    "name with a control character": Case(coach(name='"Alex\\u0007"'), NO),
    "name with a tab": Case(coach(name='"Alex\\tExample"'), NO),
    "name as a list": Case(coach(name="[Alex, Example]"), NO),
    "bio in paragraphs": Case(coach(bio='"One.\\n\\nTwo."'), OK),
    "bio of 601 characters": Case(coach(bio="b" * 601), NO),
    "extra field": Case(coach(phone="01234 567890"), NO),
    "misspelt field": Case(coach(specialties="", specialities="[trail]"), NO),
    "country of three letters": Case(coach(country="GBR"), NO),
    # Lists of choices and of texts.
    "specialty not on the list": Case(coach(specialties="[trail, fel]"), NO),
    "specialties in capitals": Case(coach(specialties="[Trail, FELL]"), OK),
    "specialties not in brackets": Case(coach(specialties="trail"), NO),
    "specialties empty": Case(coach(specialties="[]"), NO),
    "a specialty twice": Case(coach(specialties="[trail, trail]"), NO),
    "every way of coaching": Case(coach(coaching="[in-person, online, groups]"), OK),
    "a way of coaching that is a number": Case(coach(coaching="[online, 1]"), NO),
    "one qualification without brackets": Case(coach(qualifications="Mountain Leader"), OK),
    "nine qualifications": Case(coach(qualifications="[" + ", ".join(f"Q{i}" for i in range(9)) + "]"), NO),
    "a qualification of 121 characters": Case(coach(qualifications=f"[{'q' * 121}]"), NO),
    "an empty qualification": Case(coach(qualifications="['', Mountain Leader]"), NO),
    # Links and email.
    "website on http": Case(coach(website="http://example.org/alex"), OK),
    "website in capitals": Case(coach(website="HTTPS://Example.org"), OK),
    "website on ftp": Case(coach(website="ftp://example.org/alex"), NO),
    "website without https": Case(coach(website="example.org/alex"), NO),
    "website with a space": Case(coach(website='"https://example.org/my page"'), NO),
    "website with a password": Case(coach(website="https://alex:secret@example.org"), NO),
    "website of 301 characters": Case(coach(website="https://example.org/" + "a" * 281), NO),
    "website without a site name": Case(coach(website="https://localhost/"), NO),
    "email that is not an address": Case(coach(email="alex.example.org"), NO),
    "email with mailto": Case(coach(email="mailto:alex@example.org"), NO),
    "contact page instead of email": Case(coach(email="", contact_url="https://example.org/contact"), OK),
    "no way to reach the coach": Case(coach(email=""), NO),
    "an empty email and nothing else": Case(coach(email="~"), NO),
    # Social profiles.
    "social profile as the only contact": Case(coach(email="", social="{instagram: '@alex.runs'}"), OK),
    "social site not on the list": Case(coach(social="{tiktok: '@alex'}"), NO),
    "social site in capitals": Case(coach(social="{Instagram: '@alex.runs'}"), OK),
    "social link without https": Case(coach(social="{instagram: instagram.com/alex.runs}"), OK),
    "social link on another site": Case(coach(social="{instagram: https://www.strava.com/athletes/1}"), NO),
    "social user name with a space": Case(coach(social="{x: '@alex runs'}"), NO),
    "Mastodon name without its server": Case(coach(social="{mastodon: '@alex'}"), NO),
    "Bluesky name without .bsky.social": Case(coach(social="{bluesky: '@alex'}"), OK),
    "social as a list": Case(coach(social="[instagram]"), NO),
    "social site with no value": Case(coach(social="{instagram: }"), NO),
    "social empty is no way to reach": Case(coach(email="", social="{}"), NO),
    # Coordinates.
    "latitude without longitude": Case(coach(latitude="51.2"), NO),
    "longitude without latitude": Case(coach(longitude="-0.33"), NO),
    "latitude with an empty longitude": Case(coach(latitude="51.2", longitude="~"), NO),
    "latitude over 90": Case(coach(latitude="90.5", longitude="0"), NO),
    "coordinates far from the country": Case(coach(latitude="0", longitude="-180"), NO, "the map"),
    "latitude with N": Case(coach(latitude="51.2N", longitude="0"), NO),
    "latitude in quotes over 90": Case(coach(latitude="'91'", longitude="0"), NO),
    # Dates, GitHub, photos.
    "joined written day first": Case(coach(joined="01/11/2025"), NO),
    "joined in month 13": Case(coach(joined="2025-13-01"), NO),
    "joined on 30 February": Case(coach(joined="2025-02-30"), NO),
    "joined as a number": Case(coach(joined="20251101"), NO),
    "confirmed given": Case(coach(confirmed="2025-12-01"), OK),
    "confirmed written day first": Case(coach(confirmed="01/12/2025"), NO),
    "github with @": Case(coach(github="'@alex-example'"), OK),
    "github with an underscore": Case(coach(github="alex_example"), NO),
    "github as a link": Case(coach(github="https://github.com/alex-example"), NO),
    "photo as a link": Case(coach(photo="https://example.org/alex.jpg"), OK),
    "photo that is a GIF": Case(coach(photo="photos/alex.gif"), NO),
    "photo from the top of the disk": Case(coach(photo="/photos/alex.jpg"), NO),
    "photo outside the folder": Case(coach(photo="../alex.jpg"), NO),
    "photo on ftp": Case(coach(photo="ftp://example.org/alex.jpg"), NO),
    # What only our check can tell.
    "place not on the map": Case(coach(place="Xyzzyplugh Magna"), NO, "the place look-up"),
    "country that is no country": Case(coach(country="ZZ"), NO, "the list of countries"),
    "photo file missing": Case(coach(photo="photos/missing.jpg"), NO, "which files are in the folder"),
    "website on a private name": Case(coach(website="https://intranet.local/"), NO, "private names"),
    "website at an IP address": Case(coach(website="https://192.168.1.10/"), NO, "IP addresses"),
    "email at a reserved name": Case(coach(email="alex@example.test"), NO, "reserved names"),
    "joined in the future": Case(coach(joined="2099-01-01"), NO, "today's date"),
    "confirmed in the future": Case(coach(confirmed="2099-01-01"), NO, "today's date"),
    "joined on 29 February 2025": Case(coach(joined="2025-02-29"), NO, "leap years"),
    "name with a zero-width space": Case(coach(name='"Alex\\u200bExample"'), NO, "invisible characters"),
    "a specialty twice in two cases": Case(coach(specialties="[trail, Trail]"), NO, "case-blind duplicates"),
    "a field written twice": Case(coach() + "name: Sam Example\n", NO, "an editor's YAML parser flags it"),
    "a YAML anchor": Case(coach(name="&who Alex Example", bio="*who"), NO, "YAML anchors and aliases"),
    "the same email as another coach": Case(
        coach(), NO, "other coaches' files", (coach(name="Sam Other", website="https://example.org/sam"),)
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_json_schema_and_our_check_agree(case: Case) -> None:
    files = one(case.text) | {f"coaches/other-{i}.yml": text for i, text in enumerate(case.beside)}
    ours = [str(p) for p in load(files, photos=(PHOTO,)).problems]
    assert (ours == []) == case.ours, ours  # the table says what our check does
    errors = schema_errors(case.text)
    if case.ours:
        assert errors == [], "the JSON Schema rejects a file our check accepts"
    elif not case.only_ours:
        assert errors != [], f"the JSON Schema accepts a file our check rejects: {ours}"


# Values people write, in every field: whatever the field reader takes, the schema must take too.
VALUES = [
    "007", "true", "NO", "~", "' x '", "51.2", "'-0.33'", "+5", ".5", "1e3", "1e-5", "0x1F",
    "[trail]", "[Trail, ' fell ']", "[in-person, Online]", "['groups']", "[ONLINE]", "[road, ' ULTRA']",
    "[]", "{}", "[1, 2]", "Mountain Leader", "'@alex'", "alex-example", "'@alex@mastodon.social'",
    "https://example.org", "HTTP://Example.org/x?y#z", "https://example.org:8080/x", "example.org/x",
    "photos/alex.jpg", "' photos/alex.jpg '", "https://example.org/a.png", "2025-11-01", "' 2025-11-01 '",
    "'2024-02-29'", "' alex@example.org '", "Alex@Example.ORG", "a.b+c@sub.example.co.uk", "' gb '", "fr",
    "'a\u00e9b'", "|\n  block text\n", "{strava: 123}", "{x: true}", "{facebook: 12345.5}", "{bluesky: 1.5}",
    "{X: '@me'}", "{instagram: instagram.com/me}", "{mastodon: 'https://mastodon.social/@me'}",
    "{bluesky: bsky.app/profile/me.bsky.social}", "{instagram: 'https://www.instagram.com:443/me'}",
]  # fmt: skip


@pytest.mark.parametrize("key", [spec.key for spec in schema.FIELDS])
def test_the_schema_takes_every_value_the_field_reader_takes(key: str) -> None:
    taken = 0
    for value in VALUES:
        pair = {"latitude": "51.2", "longitude": "-0.33"} if key in ("latitude", "longitude") else {}
        text = coach(**(pair | {key: value}))
        source = CoachSource("coaches/alex-example.yml", text, "docs/coaches/alex-example.yml")
        _, problems = fields.parse_coach(source, Folder(), photo_uris=[PHOTO], today=dt.date(2026, 1, 15))
        if not problems:
            taken += 1
            assert schema_errors(text) == [], value
    assert taken >= 3  # each field takes some of these values


def test_the_table_changes_every_field() -> None:
    good = set(coach().splitlines())
    changed = {line.split(":")[0] for case in CASES.values() for line in set(case.text.splitlines()) - good}
    assert {spec.key for spec in schema.FIELDS} <= changed


def test_the_site_publishes_the_schema_with_its_own_address(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("coaches/alex-example.yml", coach())
    site.build()
    published = json.loads((site.out / "coaches/schema.json").read_text(encoding="utf-8"))
    assert published == coach_json_schema("https://example.org/blog/coaches/schema.json")
    assert published["$id"] == "https://example.org/blog/coaches/schema.json"
