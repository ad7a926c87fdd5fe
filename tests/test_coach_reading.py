"""How a coach file is read: everything wrong in one round, YAML mistakes in plain words, values kept
as written, what coaches know (user names, areas) accepted, and hostile files refused within bounds."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import pytest

from coachblog.coaches.directory import load_coaches
from coachblog.coaches.fields import CoachSource, Folder, parse_coach
from coachblog.coaches.reading import YamlDocument, read_coach_text
from coachblog.errors import Problem
from coachblog.places.gazetteer import load_gazetteer
from tests.content import GOOD, TODAY, coach, load, one
from tests.helpers import BuildFailed, Site, hrefs, parse

ALEX = "docs/coaches/alex-example.yml"
# A coach with only Instagram, writing what they know in GitHub's editor, mistakes and all.
INSTAGRAM_COACH = """\
name: Rowan Hill
place: Surrey Hills
country: GB
specialties: [trail running, beginners]
coaching: [in-person, groups]
bio: Coach: ten years of trail running on the North Downs.
social: {instagram: @alexexample_runs}
joined: 2025-11-01
"""


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_a_coach_with_only_instagram_sees_every_mistake_in_the_first_round_and_passes_the_second() -> None:
    first = load(one(INSTAGRAM_COACH)).problems
    by_line = {p.line: str(p) for p in first}
    assert 'write it as bio: "Coach: ten years of trail running on the North Downs."' in by_line[6]
    assert 'write it as social: {instagram: "@alexexample_runs"}' in by_line[7]
    assert "Did you mean 'trail'?" in by_line[4]
    place = by_line[2]
    assert "is not a town or village we know in" in place and "towns near" in place
    assert " AU" not in place, "a same-name place abroad is not a suggestion"
    assert len(first) == 4
    fixed = (
        INSTAGRAM_COACH.replace("Surrey Hills", "Dorking")
        .replace("[trail running,", "[trail,")
        .replace(
            "bio: Coach: ten years of trail running on the North Downs.",
            'bio: "Coach: ten years of trail running on the North Downs."',
        )
        .replace("@alexexample_runs}", '"@alexexample_runs"}')
    )
    second = load(one(fixed))
    assert second.problems == []
    (rowan,) = second.coaches
    assert rowan.social == (("instagram", "https://www.instagram.com/alexexample_runs/"),)
    assert rowan.bio == "Coach: ten years of trail running on the North Downs."


def test_a_wrong_field_does_not_hide_the_place_look_up_or_a_duplicate() -> None:
    other = coach(name="Sam Other", email="sam@example.org", website="")
    mine = coach(
        specialties="[trial]", place="Dorkingg", email="sam@example.org", website="", joined="2025-12-01"
    )
    problems = load({"coaches/sam-other.yml": other, "coaches/alex-example.yml": mine}).problems
    fields = sorted((p.field or "") for p in problems if p.path == ALEX)
    assert fields == ["email", "place", "specialties"], messages(problems)
    assert not [p for p in problems if p.path != ALEX]


def test_a_syntax_error_without_a_sure_fix_stops_the_rest_and_says_so() -> None:
    problems = load(one(GOOD.replace("place: Dorking\n", "Dorking\n"))).problems
    assert len(problems) == 1
    assert problems[0].line == 2 and "the other checks run once the file can be read" in str(problems[0])


@pytest.mark.parametrize(
    ("line", "written", "mistake", "corrected", "field", "meant"),
    [
        ("bio", "bio: Coach: ten years.", "': '", 'bio: "Coach: ten years."', "bio", "Coach: ten years."),
        (
            "handle",
            "social: {instagram: @alexruns}",
            "'@'",
            'social: {instagram: "@alexruns"}',
            "social",
            {"instagram": "@alexruns"},
        ),
        (
            "handle on its own line",
            "social:\n  instagram: @alexruns",
            "'@'",
            '  instagram: "@alexruns"',
            "social",
            {"instagram": "@alexruns"},
        ),
        ("no space after colon", "bio:I coach.", "space after the colon", "bio: I coach.", "bio", "I coach."),
        ("starts with spaces", "  bio: I coach.", "starts with spaces", "bio: I coach.", "bio", "I coach."),
        ("tab", "\tbio: I coach.", "Tab", "bio: I coach.", "bio", "I coach."),
        (
            "unclosed list",
            "qualifications: [UKA Leader, CiRF",
            "not closed",
            "qualifications: [UKA Leader, CiRF]",
            "qualifications",
            ["UKA Leader", "CiRF"],
        ),
        ("unclosed quote", 'bio: "I coach.', "never closed", 'bio: "I coach."', "bio", "I coach."),
        (
            "text after the quote",
            'bio: "Fell" runner',
            "after the closing quote",
            "bio: '\"Fell\" runner'",
            "bio",
            '"Fell" runner',
        ),
        ("starts like a list", "bio: - ten years", "'- '", 'bio: "- ten years"', "bio", "- ten years"),
        (
            "starts with a star",
            "bio: *Certified* coach",
            "'*'",
            'bio: "*Certified* coach"',
            "bio",
            "*Certified* coach",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v and len(v) < 30 else "",
)
def test_a_yaml_mistake_is_told_on_its_own_line_with_the_line_to_write(
    line: str, written: str, mistake: str, corrected: str, field: str, meant: object
) -> None:
    base = coach(**{key: "" for key in (field, "joined") if f"\n{key}:" in "\n" + GOOD})
    text = base + written + "\njoined: 2025-11-01\n"
    document = read_coach_text(text, ALEX)
    assert isinstance(document, YamlDocument), messages(document)
    (fix,) = document.fixes
    assert fix.line == base.count("\n") + written.count("\n") + 1, str(fix)
    assert mistake in fix.message and corrected.strip() in fix.message, str(fix)
    assert document.values[field] == meant
    rewritten = text.replace(written.rsplit("\n", maxsplit=1)[-1], corrected, 1)
    again = read_coach_text(rewritten, ALEX)
    assert isinstance(again, YamlDocument) and again.fixes == [] and again.values[field] == meant, line


@pytest.mark.parametrize(
    "text",
    [
        'bio: "I coach\n  trail runners."\n',
        "bio: >-\n  I coach\n  trail runners.\n",
        "bio: |\n  I coach.\n\n  Trail runners.\n",
        "specialties:\n  - trail\n  - fell\n",
        "social:\n  strava: https://www.strava.com/athletes/1  # my profile\n",
        "bio: I coach trail runners.  # about me\n",
    ],
)
def test_valid_yaml_is_never_second_guessed(text: str) -> None:
    document = read_coach_text(text, ALEX)
    assert isinstance(document, YamlDocument) and document.fixes == []


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("name: 007", "007"),
        ("name: 12:30", "12:30"),
        ("name: yes", "yes"),
        ("name: 1e3", "1e3"),
        ("name: 2025-11-01", "2025-11-01"),
        ("name: 0x1F", "0x1F"),
        ("name: .inf", ".inf"),
        ("name: 'null'", "null"),
    ],
)
def test_what_a_coach_writes_is_kept_as_written_never_turned_into_a_number_or_date(
    written: str, kept: str
) -> None:
    result = load(one(coach(name=written.split(": ", 1)[1])))
    assert result.problems == [] and result.coaches[0].name == kept


def test_a_number_field_still_reads_numbers_and_an_empty_value_counts_as_missing() -> None:
    result = load(one(coach(place="Ranmore Common", latitude="51.2475", longitude="-0.369", website="")))
    assert result.problems == [] and (result.coaches[0].latitude, result.coaches[0].longitude) == (
        51.2475,
        -0.369,
    )
    empty = load(one(coach(bio="~"))).problems
    assert [(p.field, p.message) for p in empty] == [("bio", "is missing")]


@pytest.mark.parametrize(
    ("written", "suggestion"),
    [
        ("specialties: [trail running]", "Did you mean 'trail'?"),
        ("specialties: [fel]", "Did you mean 'fell'?"),
        ("specialties: [xc]", "Did you mean 'cross-country'?"),
        ("coaching: [Online coaching]", None),
        ("specialties: [hills]", None),
        ("social: {twiter: https://x.com/a}", "Did you mean 'x'?"),
        ("social: {instgram: https://instagram.com/a}", "Did you mean 'instagram'?"),
    ],
)
def test_a_value_is_suggested_only_when_it_is_really_close(written: str, suggestion: str | None) -> None:
    key, value = written.split(": ", 1)
    (problem,) = load(one(coach(**{key: value}))).problems
    if suggestion is None:
        assert "Did you mean" not in str(problem), str(problem)
    else:
        assert suggestion in str(problem)


def test_an_unknown_field_gets_no_far_fetched_suggestion() -> None:
    (phone,) = load(one(coach(phone="'01234 567890'"))).problems
    assert "photo" not in (phone.hint or "") and "no phone field" in (phone.hint or "")
    (typo,) = load(one(coach(specialities="[trail]").replace("specialties: [trail, fell]\n", ""))).problems
    assert "Did you mean 'specialties'?" in str(typo)


def test_a_likely_duplicate_is_reported_on_the_newer_file_never_on_the_coach_listed_first() -> None:
    older = coach(name="Alex Example", joined="2024-03-01")
    newer = coach(
        name="Alex Example",
        website="https://example.org/other",
        email="other@example.org",
        joined="2025-12-01",
    )
    files = {"coaches/zed-first.yml": older, "coaches/alex-example.yml": newer}
    problems = load(files).problems
    assert [p.path for p in problems] == [ALEX], messages(problems)
    focused = load(files, focus={"coaches/alex-example.yml"}).problems
    assert [p.path for p in focused] == [ALEX]
    changed_old = load(files, focus={"coaches/zed-first.yml"}).problems
    assert [p.path for p in changed_old] == ["docs/coaches/zed-first.yml"], (
        "the file the pull request changes"
    )


@pytest.mark.parametrize(
    ("social", "link"),
    [
        ('{instagram: "@alexexample_runs"}', "https://www.instagram.com/alexexample_runs/"),
        ("{instagram: alexexample_runs}", "https://www.instagram.com/alexexample_runs/"),
        ("{instagram: instagram.com/alexexample_runs}", "https://instagram.com/alexexample_runs"),
        ('{x: "@alex_runs"}', "https://x.com/alex_runs"),
        ('{bluesky: "@alex.bsky.social"}', "https://bsky.app/profile/alex.bsky.social"),
        ("{bluesky: alexruns}", "https://bsky.app/profile/alexruns.bsky.social"),
        ('{mastodon: "@alex@mastodon.social"}', "https://mastodon.social/@alex"),
        ("{strava: 12345678}", "https://www.strava.com/athletes/12345678"),
        ("{facebook: alex.runs.coaching}", "https://www.facebook.com/alex.runs.coaching"),
    ],
)
def test_a_user_name_becomes_the_profile_link_for_its_site(social: str, link: str) -> None:
    result = load(one(coach(social=social, email="", website="")))
    assert result.problems == [], messages(result.problems)
    assert [url for _, url in result.coaches[0].social] == [link]


@pytest.mark.parametrize(
    ("social", "fragment"),
    [
        ('{mastodon: "@alex"}', "Mastodon names include the server"),
        ("{instagram: https://www.strava.com/athletes/1}", "is not a link to Instagram"),
        ('{x: "@a name with spaces"}', "is not a X link or user name"),
        ("{myspace: https://myspace.com/a}", "names a site that is not on the list"),
    ],
)
def test_a_wrong_user_name_or_a_link_to_another_site_is_refused(social: str, fragment: str) -> None:
    problems = load(one(coach(social=social))).problems
    assert len(problems) == 1 and fragment in str(problems[0]), messages(problems)


def test_a_social_profile_can_be_the_only_way_to_contact_a_coach_and_is_shown_once(
    make_site: Callable[..., Site],
) -> None:
    site = make_site()
    text = coach(
        email="",
        website="",
        social='{instagram: "@alexexample_runs"}',
        contact_url="https://www.instagram.com/alexexample_runs/",
    )
    site.write("coaches/alex-example.yml", text)
    site.build()
    page = parse(site.html("coaches/alex-example/"))
    assert hrefs(page, "//ul[@class='cb-profile__contact']//a") == [
        "https://www.instagram.com/alexexample_runs/"
    ]
    nothing = load(one(coach(email="", website=""))).problems
    assert [p.message for p in nothing] == ["has no way to contact you"]
    assert "social" in (nothing[0].allowed or "")


def test_an_area_gives_towns_in_the_coachs_own_country() -> None:
    (problem,) = load(one(coach(place="Surrey Hills"))).problems
    assert problem.field == "place" and problem.line == 2
    towns = (problem.allowed or "").split("; ")
    assert len(towns) == 5
    for town in towns:
        assert load(one(coach(place=f'"{town}"'))).problems == [], town


# ---------------------------------------------------------------- hostile and broken files

BOMB = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(9)]
)


def bounded(problems: list[Problem]) -> None:
    assert 0 < len(problems) <= 26
    assert all(len(str(p)) < 1500 for p in problems), max(map(len, map(str, problems)))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (BOMB, "uses a YAML anchor ('&')"),
        (GOOD + "other: *name\n", "uses a YAML alias ('*')"),
        (GOOD.replace("name: Alex Example", "name: !!binary QWxleA=="), "uses a YAML tag ('!')"),
        (GOOD.replace("name: Alex Example", "name: !python/object:os.system x"), "uses a YAML tag ('!')"),
        ("%YAML 1.1\n---\n" + GOOD, "uses a YAML directive ('%')"),
        (GOOD + "specialties2: [[[[trail]]]]\n", "inside others"),
    ],
)
def test_anchors_aliases_tags_and_deep_nesting_are_refused_never_expanded(text: str, fragment: str) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    problems = load(one(text)).problems
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    bounded(problems)
    assert any(fragment in str(p) for p in problems), messages(problems)
    assert peak < 50_000_000 and elapsed < 30  # generous bounds: the bomb would need gigabytes


def test_a_huge_file_gets_one_message_and_is_not_read_past_the_limit() -> None:
    source = CoachSource.from_bytes("coaches/alex-example.yml", b"bio: " + b"x" * 5_000_000, ALEX)
    coach_read, problems = parse_coach(source, Folder())
    assert coach_read is None and len(problems) == 1 and "bytes long" in str(problems[0])


def test_a_long_list_or_thousands_of_fields_give_a_bounded_number_of_messages() -> None:
    long_list = coach(specialties="[" + ", ".join(["trail"] * 3000) + "]")
    (problem,) = load(one(long_list)).problems
    assert problem.message == "has 3000 entries"
    many_fields = GOOD + "".join(f"field{n}: x\n" for n in range(1500))
    problems = load(one(many_fields)).problems
    bounded(problems)
    assert "1475 more problems" in str(problems[-1])


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (GOOD.replace("Dorking", "Dörking").encode("latin-1"), 2),
        (GOOD.encode("utf-16"), 1),
    ],
)
def test_a_file_not_saved_as_utf8_fails_the_check_and_the_build_alike_with_a_line(
    data: bytes, line: int, make_site: Callable[..., Site]
) -> None:
    (problem,) = parse_coach(CoachSource.from_bytes("coaches/alex-example.yml", data, ALEX), Folder())[1]
    assert problem.line == line and "UTF-8" in problem.message
    site = make_site()
    (site.docs / "coaches").mkdir()
    (site.docs / "coaches/alex-example.yml").write_bytes(data)
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert f"docs/coaches/alex-example.yml:{line}: is not saved as UTF-8" in str(failure.value)


@pytest.mark.parametrize(
    "name",
    [
        "Alex\u202eelpmaxE",
        "Alex\u200bExample",
        "Alex\u2066Example\u2069",
        "Alex\u00adExample",
        "Alex\ufeffExample",
    ],
)
def test_invisible_and_direction_changing_characters_are_refused_in_names(name: str) -> None:
    (problem,) = load(one(coach(name=f'"{name}"'))).problems
    assert problem.field == "name" and "invisible character" in problem.message


def test_a_direction_override_is_refused_in_a_bio_too() -> None:
    (problem,) = load(one(coach(bio='"I coach \u202etrail runners."'))).problems
    assert problem.field == "bio" and "U+202E" in str(problem)


@pytest.mark.parametrize(
    "link",
    [
        "https://127.0.0.1/",
        "http://localhost:8000/",
        "https://[::1]/",
        "https://10.0.0.7/admin",
        "https://192.168.1.1",
        "https://2130706433/",
        "https://0x7f.1/",
        "https://printer.local/",
        "https://intranet.corp/",
        "https://router.home.arpa/",
        "https://x.internal/",
        "https://app.localhost/",
    ],
)
def test_links_to_ip_addresses_or_private_hosts_are_refused(link: str) -> None:
    problems = load(one(coach(website=link))).problems
    assert [p.field for p in problems] == ["website"], messages(problems)
    assert (
        "IP address" in problems[0].message
        or "private" in problems[0].message
        or "this computer" in (problems[0].message)
    )


def test_a_name_that_only_looks_like_another_through_borrowed_letters_is_flagged_anywhere() -> None:
    first = coach(name="Alex Rivers", joined="2024-01-01")
    spoof = coach(
        name="Аlex Rivers", place="Fort William", email="a@example.net", website="", joined="2025-12-01"
    )
    problems = load({"coaches/alex-rivers.yml": first, "coaches/alex-example.yml": spoof}).problems
    assert [(p.path, p.field) for p in problems] == [(ALEX, "name")], messages(problems)
    assert "Cyrillic" in str(problems[0]) and "docs/coaches/alex-rivers.yml" in str(problems[0])


def test_names_in_other_scripts_are_told_apart() -> None:
    files = {
        "coaches/eleni.yml": coach(name="Ελένη Παπαδοπούλου", email="e@example.org", website=""),
        "coaches/giorgos.yml": coach(name="Γιώργος Νικολάου", email="g@example.org", website=""),
        "coaches/olga.yml": coach(name="Ольга Иванова", email="o@example.org", website=""),
    }
    assert load(files).problems == []


def test_the_files_can_be_given_as_a_one_pass_iterator() -> None:
    texts = {
        "coaches/alex-example.yml": coach(specialties="[fel]"),
        "coaches/sam.yml": coach(name="Sam Other", website="", email="s@example.org", bio=""),
    }
    sources = [CoachSource(uri, text, f"docs/{uri}") for uri, text in texts.items()]
    focus = {"coaches/alex-example.yml"}
    as_list = load_coaches(sources, [], Folder(), gazetteer=load_gazetteer, focus=focus, today=TODAY)
    as_iterator = load_coaches(
        iter(sources), [], Folder(), gazetteer=load_gazetteer, focus=focus, today=TODAY
    )  # type: ignore[arg-type]
    assert as_iterator.problems == as_list.problems and len(as_list.problems) == 1
