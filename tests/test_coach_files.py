"""Coach files: good ones load, bad ones fail naming the file, line, field and a hint that fixes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from coachblog.errors import Problem
from tests.content import GOOD, coach, load, one
from tests.helpers import BuildFailed, Site

ALEX = "docs/coaches/alex-example.yml"


GOOD_FILES = {
    "minimal": coach(website=""),
    "contact page instead of email": coach(email="", contact_url="https://example.org/contact"),
    "every field": coach(
        qualifications="[England Athletics Coach in Running Fitness, 'UKA: Leader in Running Fitness']",
        photo="photos/alex.jpg",
        social="{strava: https://www.strava.com/athletes/1, x: https://x.com/alex}",
        bio='"Line one: with a colon.\\n\\nA second paragraph."',
    ),
    "lower-case country": coach(country="gb"),
    "Norway is not false": coach(place="Oslo", country="NO"),
    "saint written short": coach(place="St Neots"),
    "same name told apart by a landmark": coach(place='"Newport, near Telford"'),
    "same name told apart by nation": coach(place='"Whitchurch, Wales"'),
    "coordinates for a place not in the gazetteer": coach(
        place="Ranmore Common", latitude="51.2475", longitude="-0.3690"
    ),
    "online only": coach(coaching="[online]"),
    "aliases are not needed": coach(specialties="[cross-country, strength]"),
}


@pytest.mark.parametrize("text", GOOD_FILES.values(), ids=GOOD_FILES.keys())
def test_good_coach_files_load_with_a_position_and_region(text: str) -> None:
    result = load({"coaches/alex-example.yml": text}, photos=("coaches/photos/alex.jpg",))
    assert result.problems == []
    (alex,) = result.coaches
    assert alex.slug == "alex-example"
    assert alex.latitude is not None and alex.longitude is not None
    assert alex.region in {"England", "Wales", ""}
    assert alex.country_name


def test_a_full_coach_file_keeps_every_value() -> None:
    result = load(one(GOOD_FILES["every field"]), photos=("coaches/photos/alex.jpg",))
    (alex,) = result.coaches
    assert alex.name == "Alex Example" and alex.place == "Dorking" and alex.country == "GB"
    assert alex.specialties == ("trail", "fell") and alex.coaching == ("in-person", "groups")
    assert alex.qualifications[1] == "UKA: Leader in Running Fitness" and len(alex.qualifications) == 2
    assert alex.social == (("strava", "https://www.strava.com/athletes/1"), ("x", "https://x.com/alex"))
    assert alex.photo == "photos/alex.jpg" and alex.joined == dt.date(2025, 11, 1)
    assert alex.bio == "Line one: with a colon.\n\nA second paragraph."
    assert (round(alex.latitude or 0, 2), round(alex.longitude or 0, 2)) == (51.23, -0.33)


# (id, {path: text}, expected file label, line, field, fragments of the message)
BAD: list[tuple[str, dict[str, str], str, int | None, str | None, list[str]]] = [
    (
        "misspelt specialty",
        one(coach(specialties="[trail, fel]")),
        ALEX,
        4,
        "specialties",
        ["'fel'", "Did you mean 'fell'?"],
    ),
    (
        "specialty on its own line",
        one(coach(specialties="\n  - trail\n  - trial")),
        ALEX,
        6,
        "specialties",
        ["'trial'", "Did you mean 'trail'?"],
    ),
    (
        "usual word for a way of coaching",
        one(coach(coaching="[in person]")),
        ALEX,
        5,
        "coaching",
        ["Did you mean 'in-person'?"],
    ),
    (
        "specialties not a list",
        one(coach(specialties="trail, fell")),
        ALEX,
        4,
        "specialties",
        ["Write it as 'specialties: [trail, fell]'"],
    ),
    (
        "misspelt field",
        one(coach(specialities="[trail]")),
        ALEX,
        10,
        "specialities",
        ["is not a known field", "Did you mean 'specialties'?"],
    ),
    (
        "newcomer's field name",
        one(coach(location="Dorking")),
        ALEX,
        10,
        "location",
        ["Did you mean 'place'?"],
    ),
    (
        "social site as a field",
        one(coach(instagram="https://instagram.com/a")),
        ALEX,
        10,
        "instagram",
        ["Put it under 'social:'"],
    ),
    ("missing bio", one(coach(bio="")), ALEX, 1, "bio", ["is missing", "a line 'bio:"]),
    ("missing name", one(coach(name="")), ALEX, 1, "name", ["is missing"]),
    ("no contact", one(coach(email="")), ALEX, 1, None, ["has no way to contact you", "contact_url"]),
    ("field twice", one(GOOD + "name: Alex Other\n"), ALEX, 10, "name", ["appears twice"]),
    (
        "tab",
        one(coach(social="\n\tstrava: https://strava.com/a")),
        ALEX,
        11,
        None,
        ["has a Tab character", "Use spaces", "strava: https://strava.com/a (with 2 spaces first)"],
    ),
    (
        "yaml syntax",
        one(coach(specialties="[trail, fell")),
        ALEX,
        4,
        None,
        ["opens a list with '[' that is not closed", "write it as specialties: [trail, fell]"],
    ),
    (
        "colon in text",
        one(coach(bio="Coach: ten years")),
        ALEX,
        8,
        None,
        ["needs quotes", 'write it as bio: "Coach: ten years"'],
    ),
    ("empty file", one("# nothing yet\n"), ALEX, None, None, ["is empty", "CONTRIBUTING.md"]),
    ("not field lines", one("- name: Alex\n"), ALEX, 1, None, ["is not a list of 'field: value' lines"]),
    (
        ".yaml",
        {"coaches/alex-example.yaml": GOOD},
        "docs/coaches/alex-example.yaml",
        None,
        None,
        ["ends in '.yaml'", "Rename it to alex-example.yml"],
    ),
    (
        "..yml",
        {"coaches/alex-example..yml": GOOD},
        "docs/coaches/alex-example..yml",
        None,
        None,
        ["two dots", "Rename it to alex-example.yml"],
    ),
    (
        "file name not a slug",
        {"coaches/Alex Example.yml": GOOD},
        "docs/coaches/Alex Example.yml",
        None,
        None,
        ["cannot be a web address", "Rename it to alex-example.yml"],
    ),
    (
        "sub-folder",
        {"coaches/new/alex-example.yml": GOOD},
        "docs/coaches/new/alex-example.yml",
        None,
        None,
        ["sub-folder", ALEX],
    ),
    (
        "near-miss folder",
        {"coach/alex-example.yml": GOOD},
        "docs/coach/alex-example.yml",
        None,
        None,
        ["not in docs/coaches/", "Move it to docs/coaches/alex-example.yml"],
    ),
    (
        "coach file at the top of docs",
        {"alex.yml": GOOD},
        "docs/alex.yml",
        None,
        None,
        ["looks like a coach file", "Move it to docs/coaches/alex.yml"],
    ),
    (
        "markdown in the folder",
        {"coaches/alex-example.md": "# Alex\n"},
        "docs/coaches/alex-example.md",
        None,
        None,
        ["is Markdown", "Rename it to alex-example.yml"],
    ),
    (
        "name the finder uses",
        {"coaches/index.yml": GOOD},
        "docs/coaches/index.yml",
        None,
        None,
        ["the finder uses itself"],
    ),
    ("UK is not a code", one(coach(country="UK")), ALEX, 3, "country", ["'UK'", "is GB"]),
    (
        "country name",
        one(coach(country="Ireland", place="Dublin")),
        ALEX,
        3,
        "country",
        ["The code for Ireland is IE"],
    ),
    (
        "latitude without longitude",
        one(coach(latitude="51.2")),
        ALEX,
        10,
        "longitude",
        ["is missing", "latitude and longitude together"],
    ),
    (
        "coordinates swapped",
        one(coach(latitude="-0.33", longitude="51.23")),
        ALEX,
        10,
        "latitude",
        ["from any town in United Kingdom", "west is negative"],
    ),
    (
        "coordinates of another town",
        one(coach(latitude="54.43", longitude="-2.96")),
        ALEX,
        10,
        "latitude",
        ["km from Dorking", "delete both lines"],
    ),
    (
        "degrees with a letter",
        one(coach(latitude="51.2N", longitude="0.3W")),
        ALEX,
        10,
        "latitude",
        ["is not a number of degrees", "without N/S/E/W"],
    ),
    (
        "ambiguous place",
        one(coach(place="Newport")),
        ALEX,
        2,
        "place",
        ["matches 6 places", "Newport, near Telford", "latitude"],
    ),
    (
        "unknown place",
        one(coach(place="Dorkin")),
        ALEX,
        2,
        "place",
        ["is not a town or village we know", "Did you mean 'Dorking'?"],
    ),
    (
        "place in another country",
        one(coach(place="Dublin")),
        ALEX,
        2,
        "place",
        ["There is a place of that name in IE"],
    ),
    (
        "javascript website",
        one(coach(website="javascript:alert(1)")),
        ALEX,
        6,
        "website",
        ["is not an https:// or http:// link"],
    ),
    (
        "website without https",
        one(coach(website="example.org")),
        ALEX,
        6,
        "website",
        ["Write 'https://example.org'"],
    ),
    (
        "data URL contact page",
        one(coach(contact_url="'data:text/html,<b>x</b>'")),
        ALEX,
        10,
        "contact_url",
        ["is not an https:// or http:// link"],
    ),
    (
        "mailto email",
        one(coach(email="mailto:alex@example.org")),
        ALEX,
        7,
        "email",
        ["Write 'email: alex@example.org'"],
    ),
    (
        "not an email",
        one(coach(email="'alex at example.org'")),
        ALEX,
        7,
        "email",
        ["is not an email address"],
    ),
    ("bio too long", one(coach(bio="x" * 601)), ALEX, 8, "bio", ["is 601 characters long", "at most 600"]),
    (
        "line break in a name",
        one(coach(name='"Alex\\nExample"')),
        ALEX,
        1,
        "name",
        ["line break", "one line"],
    ),
    (
        "photo not there",
        one(coach(photo="photos/alex.jpeg")),
        ALEX,
        10,
        "photo",
        ["does not exist", "Did you mean 'photos/alex.jpg'?"],
    ),
    (
        "photo outside the folder",
        one(coach(photo="../../mkdocs.jpg")),
        ALEX,
        10,
        "photo",
        ["is not a path inside the coaches folder"],
    ),
    (
        "photo with the folder name",
        one(coach(photo="docs/coaches/photos/alex.jpg")),
        ALEX,
        10,
        "photo",
        ["Write 'photos/alex.jpg'"],
    ),
    (
        "unknown social site",
        one(coach(social="{twiter: https://x.com/a}")),
        ALEX,
        10,
        "social",
        ["'twiter'", "Did you mean 'x'?"],
    ),
    (
        "javascript social link",
        one(coach(social="{strava: 'javascript:alert(1)'}")),
        ALEX,
        10,
        "social",
        ["is not an https:// or http:// link"],
    ),
    ("impossible date", one(coach(joined="2025-13-01")), ALEX, 9, "joined", ["is not a date", "YYYY-MM-DD"]),
    ("date in the future", one(coach(joined="2999-01-01")), ALEX, 9, "joined", ["is in the future"]),
    (
        "same website as another coach",
        {
            "coaches/alex-example.yml": GOOD,
            "coaches/sam-other.yml": coach(name="Sam Other", email="sam@example.org"),
        },
        "docs/coaches/sam-other.yml",
        6,
        "website",
        ["duplicate", ALEX, "edit"],
    ),
    (
        "same name as another coach",
        {
            "coaches/alex-example.yml": GOOD,
            "coaches/example-alex.yml": coach(name="Example, Alex", website="", email="a2@example.org"),
        },
        "docs/coaches/example-alex.yml",
        1,
        "name",
        ["same name as docs/coaches/alex-example.yml"],
    ),
    (
        "very similar name in one place",
        {
            "coaches/alex-example.yml": GOOD,
            "coaches/alex-exampel.yml": coach(name="Alex Exampel", website="", email="a2@example.org"),
        },
        ALEX,
        1,
        "name",
        ["a name very like docs/coaches/alex-exampel.yml", "middle initial"],
    ),
]


@pytest.mark.parametrize(
    ("files", "path", "line", "field", "fragments"), [case[1:] for case in BAD], ids=[case[0] for case in BAD]
)
def test_bad_coach_files_say_which_file_line_and_field_and_how_to_fix_them(
    files: dict[str, str], path: str, line: int | None, field: str | None, fragments: list[str]
) -> None:
    result = load(files, photos=("coaches/photos/alex.jpg",))
    matching = [p for p in result.problems if p.path == path and p.field == field and p.line == line]
    assert matching, "\n".join(map(str, result.problems))
    message = str(matching[0])
    for fragment in fragments:
        assert fragment in message, message
    assert path not in {c.label for c in result.coaches}, "a file with a problem must not be listed"


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    text = coach(specialties="[trial]", coaching="[remote]", website="example.org", joined="soon")
    problems = load({"coaches/alex-example.yml": text}).problems
    assert [(p.field, p.line) for p in problems] == [
        ("specialties", 4),
        ("coaching", 5),
        ("website", 6),
        ("joined", 9),
    ]
    assert "Did you mean 'online'?" in str(problems[1])


def test_a_problem_reads_as_one_line_with_file_line_field_value_and_what_is_allowed() -> None:
    (problem,) = load({"coaches/alex-example.yml": coach(specialties="[trail, fel]")}).problems
    assert str(problem) == (
        "docs/coaches/alex-example.yml:4: field 'specialties': has a value that is not on the list "
        "(got 'fel'); allowed: beginners, road, trail, fell, ultra, marathon, cross-country, track, "
        "juniors, masters, strength, technique, navigation. Did you mean 'fell'?"
    )


def test_photos_and_the_readme_are_welcome_in_the_folder() -> None:
    files = {
        "coaches/alex-example.yml": coach(photo="photos/alex.jpg"),
        "coaches/README.md": "# Coaches\n",
        "coaches/photos/alex.jpg": "",
    }
    assert load(files).problems == []


def _problem_at(problems: list[Problem], path: str) -> Problem:
    return next(p for p in problems if p.path == path)


def test_a_build_with_a_bad_coach_file_fails_with_file_line_and_hint(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("coaches/alex-example.yml", coach(specialties="[trail, fel]"))
    site.write("coaches/sam-good.yml", coach(name="Sam Good", website="", email="sam@example.org"))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    message = str(failure.value)
    assert "docs/coaches/alex-example.yml:4: field 'specialties'" in message
    assert "Did you mean 'fell'?" in message
    assert "sam-good" not in message


def test_a_build_never_shows_fewer_coaches_than_valid_files(make_site: Callable[..., Site]) -> None:
    site = make_site()
    for n, place in enumerate(["Dorking", "Ambleside", "Fort William", "Cardiff", "Belfast"]):
        site.write(
            f"coaches/coach-{n}.yml",
            coach(name=f"Coach {place}", place=place, website="", email=f"c{n}@example.org"),
        )
    site.build()
    assert site.warnings == []
    finder = site.html("coaches/")
    for place in ["Dorking", "Ambleside", "Fort William", "Cardiff", "Belfast"]:
        assert f">Coach {place}</a>" in finder
    assert all((site.out / f"coaches/coach-{n}/index.html").is_file() for n in range(5))
    assert not list(site.out.rglob("*.yml")), "coach files themselves are not published"
