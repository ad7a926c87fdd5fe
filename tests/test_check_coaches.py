"""scripts/check_coaches.py as a coach or CI runs it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.content import GOOD, coach, run, site_folder
from tests.helpers import REPO


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A site folder with mkdocs.yml and two good coach files."""
    return site_folder(tmp_path)


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
    assert "1 problem in 3 coach files." in result.stdout
    assert "::error" not in result.stdout


def test_check_of_named_files_ignores_problems_in_other_peoples_files(root: Path) -> None:
    someone_else = coach(name="Sam Other", website="", email="sam@example.org", bio="")
    (root / "docs/coaches/someone-else.yml").write_text(someone_else, encoding="utf-8")
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
    result = run(
        "check_coaches.py",
        "docs/coaches/alex-example.yml",
        cwd=root,
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(summary),
    )
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 2
    assert annotations[0].startswith(
        "::error file=docs/coaches/alex-example.yml,line=4,title=Coach file%3A field 'specialties'::"
        "docs/coaches/alex-example.yml:4: field 'specialties'"
    )
    assert "line=6" in annotations[1] and "Write 'https://example.org'" in annotations[1]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### Coach files\n\n2 problems to fix:")
    assert "| docs/coaches/alex-example.yml | 4 | specialties |" in text
    assert "<b>" not in text and "Did you mean 'fell'?" in text


def test_check_in_github_actions_with_no_problem_says_so(root: Path) -> None:
    summary = root / "summary.md"
    result = run("check_coaches.py", cwd=root, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 0 and "::error" not in result.stdout
    assert summary.read_text(encoding="utf-8") == "### Coach files\n\n2 coach files checked: all good.\n"


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


def test_output_stays_bounded_however_many_and_however_long_the_problems(root: Path) -> None:
    # 150 files that do not exist, each named with 5,000 characters of Markdown and a line break that
    # tries to start a workflow command of its own.
    names = [f"docs/coaches/{n}-" + "|<x>&" * 1000 + "\n::warning::injected.yml" for n in range(150)]
    summary = root / "summary.md"
    result = run(
        "check_coaches.py", *names, cwd=root, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary)
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith("::warning")]
    errors = [line for line in lines if line.startswith("::error ")]
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(errors) == 10 and max(map(len, errors)) < 7000
    assert notices == ["::notice title=More problems::140 more problems: see the job summary."]
    printed = [line for line in lines if line.startswith("docs/coaches/")]
    assert len(printed) == 100 and max(map(len, printed)) <= 1000
    assert "... and 50 more: fix these first" in result.stdout
    assert "150 problems in 0 coach files." in result.stdout
    assert len(result.stdout.encode()) < 200_000
    text = summary.read_text(encoding="utf-8")
    assert len(text.encode()) < 1024 * 1024
    rows = [line for line in text.splitlines() if line.startswith("| docs/coaches/")]
    assert len(rows) == 100 and "<x>" not in text
    assert "And 50 more: fix these first and the check lists the rest." in text


def test_the_check_runs_with_only_the_packages_in_requirements_check_txt(root: Path) -> None:
    # Any import of an installed package that requirements-check.txt does not name (MkDocs, Jinja,
    # Pillow...) fails, as it would in the pull request's fast job.
    allowed = [
        re.split(r"[=<>!~ ]", line)[0]
        for line in (REPO / "requirements-check.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    (root / "docs/coaches/alex-example.yml").write_text(coach(specialties="[trail, fel]"), encoding="utf-8")
    check = run_blocked(allowed, "check_coaches.py", "docs/coaches/alex-example.yml", cwd=root)
    assert check.returncode == 1, check.stderr
    assert "Did you mean 'fell'?" in check.stdout
    owners = run_blocked(allowed, "check_owners.py", cwd=root, run_name="imported")
    assert owners.returncode == 0, owners.stderr
    assert run_blocked([], "check_coaches.py", cwd=root).returncode != 0, "the blocking works"


BLOCKED_RUN = """
import importlib.metadata, json, re, runpy, sys
allowed = {re.sub(r"[-_.]+", "-", name).lower() for name in json.loads(sys.argv[1])} | {"coachblog"}
owners = importlib.metadata.packages_distributions()

class OnlyAllowed:
    def find_spec(self, name, path=None, target=None):
        dists = owners.get(name.partition(".")[0], [])
        if dists and not {re.sub(r"[-_.]+", "-", d).lower() for d in dists} & allowed:
            raise ModuleNotFoundError(f"{name} is not in requirements-check.txt")
        return None

sys.meta_path.insert(0, OnlyAllowed())
script, run_name = sys.argv[2], sys.argv[3]
sys.path.insert(0, script.rsplit("/", 1)[0])
sys.argv = [script, *sys.argv[4:]]
runpy.run_path(script, run_name=run_name)
"""


def run_blocked(
    allowed: list[str], script: str, *args: str, cwd: Path, run_name: str = "__main__"
) -> subprocess.CompletedProcess[str]:
    """Run scripts/<script> where importing any installed package not in `allowed` fails."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    command = [
        sys.executable,
        "-c",
        BLOCKED_RUN,
        json.dumps(allowed),
        str(REPO / "scripts" / script),
        run_name,
    ]
    return subprocess.run(
        [*command, *args], cwd=cwd, env=clean, capture_output=True, text=True, timeout=120, check=False
    )
