"""scripts/new_coach.py: the questions and options that write a checked coach file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coachblog import coach_schema as schema
from tests.coach_tools import run, site_folder


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A site folder with mkdocs.yml and two good coach files."""
    return site_folder(tmp_path)


NEW_COACH = ["--name", "Alex O'Brien", "--place", "Newport, near Telford", "--specialties", "trail,fell",
             "--coaching", "in-person,groups", "--email", "alex@example.org", "--bio", "Coach: ten years.",
             "--qualification", "UKA: Leader", "--social", "strava=https://www.strava.com/athletes/1",
             "--joined", "2025-11-01", "--no-input"]  # fmt: skip


def test_new_coach_writes_a_checked_file_named_after_the_coach(root: Path) -> None:
    result = run("new_coach.py", *NEW_COACH, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    path = root / "docs/coaches/alex-obrien.yml"
    values = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert values["name"] == "Alex O'Brien" and values["place"] == "Newport, near Telford"
    assert values["country"] == "GB" and values["specialties"] == ["trail", "fell"]
    assert values["bio"] == "Coach: ten years." and values["qualifications"] == ["UKA: Leader"]
    assert values["social"] == {"strava": "https://www.strava.com/athletes/1"}
    assert list(values) == [k for k in (f.key for f in schema.FIELDS) if k in values], "schema order"
    assert run("check_coaches.py", "docs/coaches/alex-obrien.yml", cwd=root).returncode == 0
    again = run("new_coach.py", *NEW_COACH, cwd=root)
    assert again.returncode == 1 and "already exists" in again.stdout


def test_new_coach_writes_nothing_when_an_answer_is_wrong(root: Path) -> None:
    args = [a if a != "trail,fell" else "trail,fel" for a in NEW_COACH]
    args = [a if a != "Newport, near Telford" else "Newport" for a in args]
    result = run("new_coach.py", *args, cwd=root)
    assert result.returncode == 1
    assert "Did you mean 'fell'?" in result.stdout and "Nothing was written" in result.stdout
    assert not (root / "docs/coaches/alex-obrien.yml").exists()
    fixed = [a if a != "trail,fel" else "trail,fell" for a in args]
    result = run("new_coach.py", *fixed, cwd=root)
    assert (
        result.returncode == 1
        and "matches 6 places" in result.stdout
        and "Newport, near Telford" in result.stdout
    )


def test_new_coach_takes_a_file_name_and_coordinates(root: Path) -> None:
    args = ["--file-name", "alex-on-ranmore", "--place", "Ranmore Common", "--latitude", "51.2475",
            "--longitude", "-0.369"]  # fmt: skip
    result = run("new_coach.py", *NEW_COACH, *args, cwd=root)
    assert result.returncode == 0, result.stdout
    values = yaml.safe_load((root / "docs/coaches/alex-on-ranmore.yml").read_text(encoding="utf-8"))
    assert (values["latitude"], values["longitude"]) == (51.2475, -0.369)
