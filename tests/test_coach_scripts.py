"""The coach tools as a coach or CI runs them: check_coaches.py, new_coach.py and the contributor guide."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coachblog import coach_schema as schema
from tests.sitebuild import REPO
from tests.test_coach_files import GOOD, coach

FIXTURES = REPO / "tests" / "coach_fixtures" / "finder"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A site folder with mkdocs.yml and two good coach files."""
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    coaches = tmp_path / "docs" / "coaches"
    coaches.mkdir(parents=True)
    for name in ("dana-downs.yml", "cai-online.yml"):
        shutil.copy(FIXTURES / name, coaches / name)
    return tmp_path


def run(script: str, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run([sys.executable, str(REPO / "scripts" / script), *args], cwd=cwd, env=clean | env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def test_check_passes_good_files(root: Path) -> None:
    result = run("check_coaches.py", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "2 coach files checked: all good."


def test_check_fails_a_bad_file_with_file_line_field_and_hint(root: Path) -> None:
    (root / "docs/coaches/alex-example.yml").write_text(coach(specialties="[trail, fel]"), encoding="utf-8")
    result = run("check_coaches.py", cwd=root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "docs/coaches/alex-example.yml:4: field 'specialties': has a value that is not"
    )
    assert lines[0].endswith("Did you mean 'fell'?")
    assert "1 problem(s) in 3 coach files." in result.stdout
    assert "::error" not in result.stdout


def test_check_of_named_files_ignores_problems_in_other_peoples_files(root: Path) -> None:
    (root / "docs/coaches/someone-else.yml").write_text(coach(bio=""), encoding="utf-8")
    (root / "docs/coaches/alex-example.yml").write_text(
        coach(website="", email="alex2@example.org"), encoding="utf-8"
    )
    result = run("check_coaches.py", "docs/coaches/alex-example.yml", cwd=root)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "1 coach file checked: all good."
    assert run("check_coaches.py", cwd=root).returncode == 1, "checking everything finds the other file"


def test_check_of_a_named_file_finds_it_duplicates_an_existing_coach(root: Path) -> None:
    (root / "docs/coaches/alex-example.yml").write_text(coach(email="dana@example.org"), encoding="utf-8")
    result = run("check_coaches.py", "docs/coaches/alex-example.yml", cwd=root)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "docs/coaches/alex-example.yml:7: field 'email': looks like a duplicate: it has the same email as "
        "docs/coaches/dana-downs.yml"
    )


def test_check_in_github_actions_annotates_lines_and_writes_a_summary(root: Path) -> None:
    bad = coach(specialties="[trail, fel]", bio="'Uses | pipes and <b>tags</b>'", website="example.org")
    (root / "docs/coaches/alex-example.yml").write_text(bad, encoding="utf-8")
    summary = root / "summary.md"
    result = run("check_coaches.py", "docs/coaches/alex-example.yml", cwd=root,
                 GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))  # fmt: skip
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 2
    assert annotations[0].startswith(
        "::error file=docs/coaches/alex-example.yml,line=4,title=Coach file%3A field 'specialties'::"
        "docs/coaches/alex-example.yml:4: field 'specialties'"
    )
    assert "line=6" in annotations[1] and "Write 'https://example.org'" in annotations[1]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### Coach files\n\n2 problem(s) to fix:")
    assert "| docs/coaches/alex-example.yml | 4 | specialties |" in text
    assert "<b>" not in text and "Did you mean 'fell'?" in text


def test_check_in_github_actions_with_no_problem_says_so(root: Path) -> None:
    summary = root / "summary.md"
    result = run("check_coaches.py", cwd=root, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 0 and "::error" not in result.stdout
    assert "2 coach file(s) checked: all good." in summary.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("docs/coaches/alex-example.yaml", "ends in '.yaml', but coach files end in '.yml'"),
        ("docs/coaches/alex-example..yml", "has two dots before 'yml'"),
        ("docs/coaches/Alex Example.yml", "Rename it to alex-example.yml"),
        ("docs/coach/alex-example.yml", "looks like a coach file but is not in docs/coaches/"),
        ("elsewhere/alex-example.yml", "is not in docs/coaches/"),
        ("docs/coaches/missing.yml", "does not exist"),
    ],
)
def test_check_catches_files_in_the_wrong_place_or_with_the_wrong_name(
    root: Path, path: str, expected: str
) -> None:
    if "missing" not in path:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(GOOD, encoding="utf-8")
    result = run("check_coaches.py", path, cwd=root)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{path}") and expected in result.stdout.splitlines()[0]


def test_check_without_mkdocs_yml_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check_coaches.py", cwd=tmp_path)
    assert result.returncode == 2 and "mkdocs.yml" in result.stderr


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


def test_the_contributor_guide_lists_the_schema_and_is_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(REPO / "scripts/coach_guide.py"), "--check"],
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for spec in schema.FIELDS:
        assert f"| `{spec.key}` |" in guide
    for value in [*schema.SPECIALTIES, *schema.COACHING, *schema.SOCIAL]:
        assert f"`{value}`" in guide
    assert "Add file" in guide and "Create new file" in guide and "template=coach.md" in guide
    template = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert yaml.safe_load(template)["specialties"] == ["trail", "fell"]


def test_a_changed_schema_makes_the_guide_out_of_date(monkeypatch: pytest.MonkeyPatch) -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    monkeypatch.setitem(schema.SPECIALTIES, "hill-reps", "Hill repeats")
    monkeypatch.setattr(schema, "FIELDS", schema.FIELDS)
    assert schema.with_guide(guide) != guide
    assert "`hill-reps`: Hill repeats" in schema.with_guide(guide)


def test_the_pull_request_template_has_the_coach_checklist() -> None:
    template = (REPO / ".github/PULL_REQUEST_TEMPLATE/coach.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 4
    assert "docs/coaches/" in template and "public" in template
