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

from tests.helpers import REPO

WORKFLOWS = REPO / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
CHECK = WORKFLOWS / "check.yml"
TESTS = WORKFLOWS / "test.yml"
LINT = REPO / "scripts" / "lint-workflows.sh"
PLACES = "~/.cache/coachblog"  # where coachblog.gazetteer keeps the place files it derives
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
    for path in WORKFLOWS.glob("*.yml"):
        for step in steps(load(path)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, path


def test_publishing_builds_for_pages_then_waits_for_the_content_gate_on_that_build() -> None:
    workflow = load(PUBLISH)
    assert set(triggers(workflow)) == {"push", "workflow_dispatch", "schedule"}
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["group"] == "pages"
    build_job = workflow["jobs"]["build"]
    runs = [s["run"] for s in build_job["steps"] if "run" in s]
    # Never the product's test suite: it judges the code (test.yml), not the owner's content.
    assert runs == [
        'make build ENGINE="${SITE_ENGINE:-mkdocs}"',
        'make check-site CHECK_ARGS="--site-dir site"',
    ]
    build = next(s for s in build_job["steps"] if s.get("run", "").startswith("make build"))
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert build["env"]["SITE_ENGINE"] == "${{ vars.SITE_ENGINE }}", "the engine is the repository's choice"
    assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}", (
        "join page's GitHub"
    )
    used = [s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s]
    assert used[-2:] == ["actions/upload-pages-artifact", "actions/deploy-pages"]
    caches = [s["with"]["path"] for s in build_job["steps"] if s.get("uses", "").startswith("actions/cache@")]
    assert caches == [".cache/social-cards", PLACES]
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_the_hourly_run_deploys_only_when_a_post_became_due() -> None:
    workflow = load(PUBLISH)
    (schedule,) = triggers(workflow)["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert minute.isdigit() and hour == "*" and rest == ["*", "*", "*"], "every hour"
    due = workflow["jobs"]["due"]
    assert due["if"] == "github.event_name == 'schedule'"
    assert due["permissions"] == {"contents": "read", "pages": "read"}
    assert due["outputs"]["deploy"] == "${{ steps.due.outputs.deploy }}"
    (check,) = [s for s in due["steps"] if s.get("id") == "due"]
    assert check["run"] == 'python scripts/due_posts.py --live "$LIVE"'
    assert check["env"]["LIVE"] == "${{ steps.pages.outputs.base_url }}"
    build = workflow["jobs"]["build"]
    assert build["needs"] == "due"
    assert build["if"] == (
        "${{ !cancelled() && (needs.due.result == 'skipped' || needs.due.outputs.deploy == 'true') }}"
    )


def test_pull_requests_get_a_fast_coach_check_and_the_content_gate_without_secrets() -> None:
    workflow = load(CHECK)
    assert set(triggers(workflow)) == {"pull_request"}
    text = CHECK.read_text(encoding="utf-8")
    assert "secrets." not in text and "pull_request_target" not in text
    assert list(workflow["jobs"]) == ["coaches", "build"]
    for job in workflow["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
        assert "needs" not in job, "the jobs run side by side: the coach check waits for nothing"
    build = [s["run"] for s in workflow["jobs"]["build"]["steps"] if "run" in s]
    assert build == ["make build", 'make check-site CHECK_ARGS="--site-dir site"']


def test_the_product_tests_run_when_the_code_changes_and_never_for_content_alone() -> None:
    workflow = load(TESTS)
    on = triggers(workflow)
    assert set(on) == {"push", "pull_request", "workflow_dispatch"}
    assert on["push"]["branches"] == ["main"]
    paths = on["pull_request"]["paths"]
    assert on["push"]["paths"] == paths
    for code in ("plugins/**", "overrides/**", "scripts/**", "tests/**", "mkdocs.yml", "Makefile"):
        assert code in paths, code
    assert not [p for p in paths if p.startswith("docs")], "a coach's or a writer's change is content"
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert [s["run"] for s in job["steps"] if "run" in s] == ["make setup", "make test"]
    assert "secrets." not in TESTS.read_text(encoding="utf-8")


def test_the_fast_job_installs_only_the_checks_packages_and_caches_them_and_the_place_files() -> None:
    job = load(CHECK)["jobs"]["coaches"]
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert not [r for r in runs if re.search(r"\b(make|apt-get|apt|playwright|sudo)\b", r)]
    assert runs[0] == "python -m pip install --quiet --disable-pip-version-check -r requirements-check.txt"
    assert "scripts/check_coaches.py" in runs[1] and "${{" not in runs[1]
    assert runs[2] == "python scripts/check_owners.py"
    assert job["env"] == {"PYTHONPATH": "plugins"}, "the plugin's plain modules, without installing it"
    python = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"] == "requirements-check.txt"
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] >= 2, "the base commit is needed to compare with"
    owners = next(s for s in job["steps"] if s.get("run") == "python scripts/check_owners.py")
    assert owners["if"] == "${{ !cancelled() && steps.install.outcome == 'success' }}"


def test_the_place_files_are_cached_under_one_key_that_main_saves_and_pull_requests_read() -> None:
    def places(path: Path) -> dict[str, str]:
        found = [s["with"] for s in steps(load(path)) if s.get("with", {}).get("path") == PLACES]
        assert len(found) == 1, path
        return dict(found[0])

    assert places(CHECK) == places(PUBLISH)
    gazetteer = "plugins/coachblog/places/gazetteer.py"
    assert (REPO / gazetteer).is_file(), "the key must name the file that derives the place files"
    assert f"hashFiles('requirements-check.txt', '{gazetteer}')" in places(CHECK)["key"]


def test_every_job_has_a_time_limit_and_the_coach_check_a_short_one() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for name, job in load(path)["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int), (path, name)
            assert job["timeout-minutes"] <= (60 if path == TESTS else 30), (path, name)
    assert load(CHECK)["jobs"]["coaches"]["timeout-minutes"] <= 5


def test_the_checks_packages_are_pinned_as_the_full_set_up_pins_them() -> None:
    def pins(path: Path) -> dict[str, str]:
        lines = [line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
        pairs = [line.split("==") for line in lines if line]
        assert all(len(pair) == 2 for pair in pairs), path
        return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in pairs}

    check, full = pins(REPO / "requirements-check.txt"), pins(REPO / "requirements.txt")
    assert check and {name: full.get(name) for name in check} == check


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
        PUBLISH,
        "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8  # v5.0.0",
        "actions/checkout@v5",
        "unpinned-uses",
    ),
    "write access for every job": (
        PUBLISH,
        "permissions: {}",
        "permissions: write-all",
        "excessive-permissions",
    ),
    "a checkout that keeps its token": (
        CHECK,
        "          persist-credentials: false\n",
        "",
        "artipacked",
    ),
    "pull requests run with the base repository's secrets": (
        CHECK,
        "  pull_request:\n",
        "  pull_request_target:\n",
        "dangerous-triggers",
    ),
    "a pull request's title pasted into the shell": (
        CHECK,
        'echo "No coach file changed: nothing to check."',
        'echo "${{ github.event.pull_request.title }}"',
        "template-injection",
    ),
    "an unquoted shell variable": (CHECK, '"$base" HEAD', "$base HEAD", "SC2086"),
    "an expression actionlint knows is wrong": (
        PUBLISH,
        "steps.pages.outputs.base_url",
        "steps.pages.outputs.base_url.nope.nope(",
        "expression",
    ),
}


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
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
        "HOME": str(repo),
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=30)


def run_coach_step(repo: Path, base: str, head: str = "HEAD") -> subprocess.CompletedProcess[str]:
    """The step's own script, run as GitHub runs a bash step, with a stand-in check that lists its files."""
    (repo / "scripts").mkdir(exist_ok=True)
    (repo / "scripts" / "check_coaches.py").write_text(
        "import sys\nprint('\\n'.join(sys.argv[1:]))\n", encoding="utf-8"
    )
    bin_dir = repo / ".bin"  # setup-python's `python`
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(shutil.which("python3") or "/usr/bin/python3")
    head_sha = subprocess.run(
        ["git", "rev-parse", head], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", coach_step_script()],
        cwd=repo,
        env={"BASE_SHA": base, "HEAD_SHA": head_sha, "PATH": f"{bin_dir}:/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_the_coach_step_checks_exactly_the_coach_files_a_pull_request_adds_or_changes(tmp_path: Path) -> None:
    coaches = tmp_path / "docs" / "coaches"
    coaches.mkdir(parents=True)
    for name in ("kept.yml", "changed.yml", "removed.yml"):
        (coaches / name).write_text("name: A\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    base = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.strip()
    (coaches / "changed.yml").write_text("name: B\n", encoding="utf-8")
    (coaches / "new coach; $(touch pwned).yml").write_text("name: C\n", encoding="utf-8")
    (coaches / "removed.yml").unlink()
    (tmp_path / "docs" / "index.md").write_text("# Home page\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "pull request")

    result = run_coach_step(tmp_path, base)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "--json",
        "coach-check.json",
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


def test_the_coach_step_compares_with_the_base_the_merge_was_made_on_not_an_older_one(tmp_path: Path) -> None:
    coaches = tmp_path / "docs" / "coaches"
    coaches.mkdir(parents=True)
    (coaches / "on-main.yml").write_text("name: A\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    main = rev(tmp_path, "--abbrev-ref", "HEAD")
    stale_base = rev(tmp_path, "HEAD")
    git(tmp_path, "checkout", "-qb", "change")
    (coaches / "mine.yml").write_text("name: B\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "pull request")
    git(tmp_path, "checkout", "-q", main)
    (coaches / "on-main.yml").write_text("name: A, edited on main\n", encoding="utf-8")
    git(tmp_path, "commit", "-qam", "main moves on")
    git(tmp_path, "merge", "-q", "--no-ff", "-m", "merge", "change")  # what GitHub checks out

    result = run_coach_step(tmp_path, stale_base, head="HEAD^2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["--json", "coach-check.json", "docs/coaches/mine.yml"]


def rev(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "rev-parse", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()
