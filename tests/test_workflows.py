"""The GitHub workflows: least privilege, pinned actions, a person's own commands, and linters that bite.

scripts/lint-workflows.sh (run by `make lint`) must find nothing in our workflows, and must fail
when one of them is weakened in the ways that matter.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.sitebuild import REPO

WORKFLOWS = REPO / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
CHECK = WORKFLOWS / "check.yml"
LINT = REPO / "scripts" / "lint-workflows.sh"
PINNED = re.compile(r"^\s*(?:-\s+)?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+# v\d+\.\d+\.\d+$")


def load(path: Path) -> dict[Any, Any]:
    workflow: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return workflow


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on: dict[str, Any] = workflow[True]  # YAML 1.1 reads the key `on` as True
    return on


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(LINT), str(root)], capture_output=True, text=True, timeout=120, check=False
    )


def test_every_action_is_pinned_to_a_commit_with_its_version_noted() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        uses = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
        assert uses, path
        assert [line for line in uses if not PINNED.match(line)] == [], path


def test_workflows_start_with_no_permissions_and_each_job_asks_for_its_own() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        workflow = load(path)
        assert workflow["permissions"] == {}, path
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, (path, name)
            assert "write" not in job["permissions"].get("contents", "none"), (path, name)
    writers = {name for name, job in load(PUBLISH)["jobs"].items() if "write" in job["permissions"].values()}
    assert writers == {"deploy"}
    assert load(PUBLISH)["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_checkouts_keep_no_credentials() -> None:
    for step in steps(load(PUBLISH)) + steps(load(CHECK)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_publishing_runs_the_make_targets_a_person_runs_then_deploys_to_pages() -> None:
    workflow = load(PUBLISH)
    assert set(triggers(workflow)) == {"push", "workflow_dispatch"}
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["group"] == "pages"
    runs = [s["run"] for s in steps(workflow) if "run" in s]
    assert runs == ["make test", "make build"]
    build = next(s for s in steps(workflow) if s.get("run") == "make build")
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    used = [s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s]
    assert used[-2:] == ["actions/upload-pages-artifact", "actions/deploy-pages"]
    cache = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/social-cards"


def test_pull_requests_check_changed_coach_files_then_build_and_test_without_secrets() -> None:
    workflow = load(CHECK)
    assert set(triggers(workflow)) == {"pull_request"}
    text = CHECK.read_text(encoding="utf-8")
    assert "secrets." not in text and "pull_request_target" not in text.replace(
        "(never pull_request_target)", ""
    )
    assert load(CHECK)["jobs"]["check"]["permissions"] == {"contents": "read"}
    runs = [s["run"] for s in steps(workflow) if "run" in s]
    assert runs[0] == "make setup"
    assert "scripts/check_coaches.py" in runs[1] and "${{" not in runs[1]
    assert runs[2:] == ["make build", "make test"]


def test_dependabot_keeps_actions_and_python_packages_current() -> None:
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions", "pip"}


def test_the_linters_find_nothing_in_our_workflows(tmp_path: Path) -> None:
    shutil.copytree(REPO / ".github", tmp_path / ".github")
    result = lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "found nothing" in result.stdout


WEAKENINGS = {
    "an action on a moving tag": (
        PUBLISH, "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8  # v5.0.0", "actions/checkout@v5",
        "unpinned-uses",
    ),
    "write access for every job": (
        PUBLISH, "permissions: {}", "permissions: write-all", "excessive-permissions",
    ),
    "a checkout that keeps its token": (
        CHECK, "          persist-credentials: false\n", "", "artipacked",
    ),
    "pull requests run with the base repository's secrets": (
        CHECK, "  pull_request:\n", "  pull_request_target:\n", "dangerous-triggers",
    ),
    "a pull request's title pasted into the shell": (
        CHECK, 'echo "No coach file changed: nothing to check."',
        'echo "${{ github.event.pull_request.title }}"', "template-injection",
    ),
    "an unquoted shell variable": (CHECK, '"$BASE_SHA" HEAD', "$BASE_SHA HEAD", "SC2086"),
    "an expression actionlint knows is wrong": (
        PUBLISH, "steps.pages.outputs.base_url", "steps.pages.outputs.base_url.nope.nope(", "expression",
    ),
}  # fmt: skip


@pytest.mark.parametrize("weakening", WEAKENINGS, ids=list(WEAKENINGS))
def test_the_linters_fail_a_weakened_workflow(tmp_path: Path, weakening: str) -> None:
    path, before, after, finding = WEAKENINGS[weakening]
    shutil.copytree(REPO / ".github", tmp_path / ".github")
    copy = tmp_path / ".github" / "workflows" / path.name
    text = copy.read_text(encoding="utf-8")
    assert before in text
    copy.write_text(text.replace(before, after, 1), encoding="utf-8")
    result = lint(tmp_path)
    assert result.returncode != 0
    assert finding in result.stdout + result.stderr


def coach_step_script() -> str:
    step = next(s for s in steps(load(CHECK)) if "check_coaches.py" in s.get("run", ""))
    script: str = step["run"]
    return script


def git(repo: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(repo)}  # fmt: skip
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=30)


def run_coach_step(repo: Path, base: str) -> subprocess.CompletedProcess[str]:
    """The step's own script, run as GitHub runs a bash step, with a stand-in check that lists its files."""
    (repo / "scripts").mkdir(exist_ok=True)
    (repo / "scripts" / "check_coaches.py").write_text(
        "import sys\nprint('\\n'.join(sys.argv[1:]))\n", encoding="utf-8"
    )
    (repo / ".venv" / "bin").mkdir(parents=True, exist_ok=True)
    (repo / ".venv" / "bin" / "python").symlink_to(shutil.which("python3") or "/usr/bin/python3")
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", coach_step_script()],
        cwd=repo, env={"BASE_SHA": base, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
        timeout=30, check=False,
    )  # fmt: skip


def test_the_coach_step_checks_exactly_the_coach_files_a_pull_request_adds_or_changes(tmp_path: Path) -> None:
    coaches = tmp_path / "docs" / "coaches"
    coaches.mkdir(parents=True)
    for name in ("kept.yml", "changed.yml", "removed.yml"):
        (coaches / name).write_text("name: A\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True,
                          check=True).stdout.strip()  # fmt: skip
    (coaches / "changed.yml").write_text("name: B\n", encoding="utf-8")
    (coaches / "new coach; $(touch pwned).yml").write_text("name: C\n", encoding="utf-8")
    (coaches / "removed.yml").unlink()
    (tmp_path / "docs" / "index.md").write_text("# Home page\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "pull request")

    result = run_coach_step(tmp_path, base)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "docs/coaches/changed.yml",
        "docs/coaches/new coach; $(touch pwned).yml",
    ]
    assert not (tmp_path / "pwned").exists()


def test_the_coach_step_passes_when_no_coach_file_changed(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    git(tmp_path, "commit", "-q", "--allow-empty", "-m", "pull request")
    result = run_coach_step(tmp_path, "HEAD~1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "No coach file changed: nothing to check."
