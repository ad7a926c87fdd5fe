"""scripts/new_coach.py: the questions and options that write a checked coach file."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from coachblog.coaches import schema
from tests.content import run, site_folder
from tests.helpers import REPO

TRIES = 3  # the most wrong answers new_coach.py takes to one question
MAX_PROMPTS = 200  # far more than one run needs: more means it is asking in a loop
# A problem pointing at a line of the file being written, which does not exist yet.
LINE_OF_NEW_FILE = re.compile(r"docs/coaches/[\w.-]+\.yml:\d+")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A site folder with mkdocs.yml and two good coach files."""
    return site_folder(tmp_path)


@dataclass
class Dialog:
    """One run of new_coach.py answered as a person would: each prompt gets the next answer for its field."""

    output: str = ""
    asked: list[str] = field(default_factory=list)  # the field of each prompt, in order
    returncode: int | None = None


def converse(root: Path, answers: dict[str, list[str]], *args: str, terminal: bool = False) -> Dialog:
    """Run new_coach.py (with --ask unless `terminal`: then stdin is a pseudo-terminal) and answer it.

    A question is known by its heading, 'field: ...' at the start of a line; the answers for a field
    are given in turn, then Enter. The run fails the test if it outlasts 90 s or MAX_PROMPTS prompts.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")} | {"PYTHONUNBUFFERED": "1"}
    command = [sys.executable, str(REPO / "scripts/new_coach.py"), *args, *([] if terminal else ["--ask"])]
    reader, writer = pty.openpty() if terminal else (None, None)
    process = subprocess.Popen(
        command,
        cwd=root,
        env=env,
        stdin=writer or subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert process.stdout is not None
    if writer is not None:
        os.close(writer)
    dialog, pending, question = Dialog(), {k: list(v) for k, v in answers.items()}, ""
    deadline = time.monotonic() + 90
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], 1)
            chunk = os.read(process.stdout.fileno(), 65536) if ready else None
            if chunk == b"":
                break
            if not chunk:
                continue
            text = chunk.decode("utf-8")
            start = len(dialog.output)
            dialog.output += text
            line_start = dialog.output.rfind("\n", 0, start) + 1
            if headings := re.findall(r"^([a-z_]+): ", dialog.output[line_start:], re.M):
                question = headings[-1]
            if dialog.output.endswith("> "):
                assert len(dialog.asked) < MAX_PROMPTS, f"asks without end:\n{dialog.output[-3000:]}"
                dialog.asked.append(question)
                queue = pending.get(question)
                line = ((queue.pop(0) if queue else "") + "\n").encode("utf-8")
                os.write(reader, line) if reader is not None else _send(process, line)
        else:
            pytest.fail(f"new_coach.py still running after 90 s:\n{dialog.output[-3000:]}")
        dialog.returncode = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if reader is not None:
            os.close(reader)
    return dialog


def _send(process: subprocess.Popen[bytes], line: bytes) -> None:
    assert process.stdin is not None
    process.stdin.write(line)
    process.stdin.flush()


def written(root: Path, slug: str) -> dict[str, object]:
    """The coach file new_coach.py wrote, after checking it passes scripts/check_coaches.py."""
    path = f"docs/coaches/{slug}.yml"
    checked = run("check_coaches.py", path, cwd=root)
    assert checked.returncode == 0, checked.stdout
    values = yaml.safe_load((root / path).read_text(encoding="utf-8"))
    assert isinstance(values, dict)
    return values


NEW_COACH = [
    "--name",
    "Alex O'Brien",
    "--place",
    "Newport, near Telford",
    "--specialties",
    "trail,fell",
    "--coaching",
    "in-person,groups",
    "--email",
    "alex@example.org",
    "--bio",
    "Coach: ten years.",
    "--qualification",
    "UKA: Leader",
    "--social",
    "strava=https://www.strava.com/athletes/1",
    "--joined",
    "2025-11-01",
    "--no-input",
]


def test_new_coach_writes_a_checked_file_named_after_the_coach(root: Path) -> None:
    result = run("new_coach.py", *NEW_COACH, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    values = written(root, "alex-obrien")
    assert values["name"] == "Alex O'Brien" and values["place"] == "Newport, near Telford"
    assert values["country"] == "GB" and values["specialties"] == ["trail", "fell"]
    assert values["bio"] == "Coach: ten years." and values["qualifications"] == ["UKA: Leader"]
    assert values["social"] == {"strava": "https://www.strava.com/athletes/1"}
    assert list(values) == [k for k in (f.key for f in schema.FIELDS) if k in values], "schema order"
    assert "country: GB" in result.stdout, "the default country is said, not silently used"
    again = run("new_coach.py", *NEW_COACH, cwd=root)
    assert again.returncode == 1 and "already exists" in again.stdout


def test_new_coach_options_take_a_country_by_name(root: Path) -> None:
    args = [*NEW_COACH, "--country", "France", "--place", "Lyon", "--social", "instagram=@alex.runs"]
    result = run("new_coach.py", *args, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    values = written(root, "alex-obrien")
    assert (values["country"], values["place"]) == ("FR", "Lyon")
    assert values["social"] == {"strava": "https://www.strava.com/athletes/1", "instagram": "@alex.runs"}


def test_new_coach_writes_nothing_when_an_answer_is_wrong(root: Path) -> None:
    args = [a if a != "trail,fell" else "trail,fel" for a in NEW_COACH]
    args = [a if a != "Newport, near Telford" else "Newport" for a in args]
    result = run("new_coach.py", *args, cwd=root)
    assert result.returncode == 1
    assert "Did you mean 'fell'?" in result.stdout and "Nothing was written" in result.stdout
    assert not (root / "docs/coaches/alex-obrien.yml").exists()
    fixed = [a if a != "trail,fel" else "trail,fell" for a in args]
    result = run("new_coach.py", *fixed, cwd=root)
    assert result.returncode == 1
    assert "matches 6 places" in result.stdout and "Newport, near Telford" in result.stdout
    assert "  place: matches" in result.stdout, "named by field"
    assert not LINE_OF_NEW_FILE.search(result.stdout), result.stdout


def test_new_coach_takes_a_file_name_and_coordinates(root: Path) -> None:
    args = [
        "--file-name",
        "alex-on-ranmore",
        "--place",
        "Ranmore Common",
        "--latitude",
        "51.2475",
        "--longitude",
        "-0.369",
    ]
    result = run("new_coach.py", *NEW_COACH, *args, cwd=root)
    assert result.returncode == 0, result.stdout
    values = written(root, "alex-on-ranmore")
    assert (values["latitude"], values["longitude"]) == (51.2475, -0.369)


EVERY_ANSWER = {
    "name": ["Morven Example"],
    "country": ["Wales"],
    "place": ["Fort William"],
    "specialties": ["fell, navigation"],
    "coaching": ["in-person"],
    "qualifications": ["UKA Leader in Running Fitness", "Mountain Leader"],
    "website": ["https://example.org/morven"],
    "email": ["morven@example.org"],
    "contact_url": ["https://example.org/morven/contact"],
    "social": ["strava https://www.strava.com/athletes/42", "x @morvenruns"],
    "bio": ["I coach hill runners."],
    "photo": ["photos/morven-example.jpg"],
    "joined": ["2025-10-30"],
    "github": ["@morven-example"],
}


def test_new_coach_asks_every_field_and_writes_what_was_answered(root: Path) -> None:
    (root / "docs/coaches/photos").mkdir()
    (root / "docs/coaches/photos/morven-example.jpg").write_bytes(b"\xff\xd8\xff")
    dialog = converse(root, EVERY_ANSWER)
    assert dialog.returncode == 0, dialog.output
    asked = set(dialog.asked)
    assert asked == {s.key for s in schema.FIELDS} - {"latitude", "longitude"}, "asked every field once"
    assert dialog.asked.index("country") < dialog.asked.index("place"), "a place is looked up in its country"
    values = written(root, "morven-example")
    assert values["country"] == "GB", "'Wales' is told as the code GB"
    assert values["qualifications"] == ["UKA Leader in Running Fitness", "Mountain Leader"]
    assert values["social"] == {"strava": "https://www.strava.com/athletes/42", "x": "@morvenruns"}
    assert values["github"] == "morven-example" and str(values["joined"]) == "2025-10-30"
    assert values["photo"] == "photos/morven-example.jpg"


def test_new_coach_asks_when_its_input_is_a_terminal(root: Path) -> None:
    answers = EVERY_ANSWER | {"country": ["united kingdom"], "photo": [""]}
    dialog = converse(root, answers, terminal=True)
    assert dialog.returncode == 0, dialog.output
    assert "github" in dialog.asked
    assert written(root, "morven-example")["country"] == "GB"


def test_a_coach_with_only_an_instagram_handle_gets_a_file_in_one_run(root: Path) -> None:
    """The goal of issue 11: an area, not a town, and only an Instagram account."""
    answers = {
        "name": ["Robin Surrey"],
        "country": [""],  # Enter takes the default shown, GB
        "place": ["Surrey Hills", "", "51.2323, -0.3326"],  # not found: Enter, then a position from a map
        "specialties": ["trail"],
        "coaching": ["in-person, groups"],
        "social": ["instagram @alexexample_runs"],
        "bio": ["I coach trail runners in the Surrey Hills."],
    }
    dialog = converse(root, answers)
    assert dialog.returncode == 0, dialog.output
    assert "is not a town or village we know" in dialog.output
    assert "right-click" in dialog.output, "says how to read a position from a map"
    values = written(root, "robin-surrey")
    assert values["country"] == "GB" and values["place"] == "Surrey Hills"
    assert (values["latitude"], values["longitude"]) == (51.2323, -0.3326)
    assert values["social"] == {"instagram": "@alexexample_runs"}
    assert "email" not in values and "contact_url" not in values
    assert not LINE_OF_NEW_FILE.search(dialog.output), dialog.output


def test_a_place_not_found_can_be_answered_with_another_place(root: Path) -> None:
    answers = EVERY_ANSWER | {"country": [""], "place": ["Newport", "Newport, near Telford"], "photo": [""]}
    dialog = converse(root, answers)
    assert dialog.returncode == 0, dialog.output
    assert (
        "  place: matches 6 places" in dialog.output
        and "or press Enter to give your position" in dialog.output
    )
    values = written(root, "morven-example")
    assert values["place"] == "Newport, near Telford" and "latitude" not in values


def test_skipping_every_way_of_contact_stops_after_three_rounds(root: Path) -> None:
    answers = {
        "name": ["Robin Surrey"],
        "place": ["Dorking"],
        "specialties": ["trail"],
        "coaching": ["online"],
    }
    dialog = converse(root, answers)  # every other answer is Enter, as often as asked
    assert dialog.returncode == 1, dialog.output
    assert dialog.asked.count("email") == TRIES and dialog.asked.count("social") == TRIES
    assert "has no way to contact you" in dialog.output and "nothing was written" in dialog.output
    assert not (root / "docs/coaches/robin-surrey.yml").exists()
    assert "bio" not in dialog.asked, "stops there, without asking the rest"


def test_a_wrong_answer_is_asked_again_at_most_three_times(root: Path) -> None:
    answers = {
        "name": ["Robin Surrey"],
        "place": ["Dorking"],
        "specialties": ["trail"],
        "coaching": ["online"],
        "email": ["robin at example.org"] * 10,
    }
    dialog = converse(root, answers)
    assert dialog.returncode == 1, dialog.output
    assert dialog.asked.count("email") == TRIES
    assert "  email: is not an email address (you gave 'robin at example.org')" in dialog.output
    assert "nothing was written" in dialog.output and not LINE_OF_NEW_FILE.search(dialog.output)
    assert not (root / "docs/coaches/robin-surrey.yml").exists()


def test_an_existing_file_stops_the_questions_after_the_name(root: Path) -> None:
    dialog = converse(root, {"name": ["Dana Downs"]})
    assert dialog.returncode == 1, dialog.output
    assert dialog.asked == ["name"]
    assert "docs/coaches/dana-downs.yml: already exists" in dialog.output
