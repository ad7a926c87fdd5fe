"""scripts/check_owners.py and coachblog.coach_owners: nobody changes someone else's coach entry.

Each case is a real git repository in tmp_path (a base commit, then the pull request's commit) and a
pull_request event payload like the one GitHub writes to $GITHUB_EVENT_PATH.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from coachblog.coaches.owners import Change, Owners, base_commit, may_change, parse_name_status, read_owners
from tests.content import coach, run

ALICE = "docs/coaches/alex-example.yml"  # owned by GitHub user 'alice' on the base branch


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        env={"PATH": "/usr/bin:/bin", "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1"},
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return result.stdout.strip()


def commit(repo: Path, files: dict[str, str | None], message: str) -> str:
    """Write (or, for None, delete) the files and commit them; the new commit's id."""
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose base commit has alice's file, a file with no owner, and mkdocs.yml."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    commit(
        root,
        {
            "mkdocs.yml": "site_name: Test\nplugins:\n  - coachblog\n",
            ALICE: coach(github="alice"),
            "docs/coaches/nobody-owns.yml": coach(name="Sam Example", email="sam@example.org"),
        },
        "base",
    )
    return root


def pull_request(
    repo: Path, base: str, author: str, association: str = "CONTRIBUTOR", head: str = "HEAD"
) -> Path:
    """The event payload of a pull request by `author` from `base` to `head` (the checked-out commit)."""
    event = {
        "action": "synchronize",
        "pull_request": {
            "user": {"login": author},
            "author_association": association,
            "base": {"sha": base, "ref": "main"},
            "head": {"sha": git(repo, "rev-parse", head), "ref": "change"},
        },
    }
    path = repo.parent / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def check(repo: Path, event: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run("check_owners.py", cwd=repo, GITHUB_EVENT_PATH=str(event), **env)


def test_the_owner_may_change_their_own_entry_whatever_the_case_of_their_name(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {ALICE: coach(github="alice", bio="I coach hill runners.")}, "edit")
    result = check(repo, pull_request(repo, base, "Alice"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'Alice' may change each of the 1 existing coach file" in result.stdout


@pytest.mark.parametrize(
    ("change", "action"),
    [
        ({ALICE: coach(github="alice", bio="Changed by someone else.")}, "changes it"),
        ({ALICE: None}, "deletes it"),
        (
            {ALICE: None, "docs/coaches/taken-over.yml": coach(github="alice")},
            "renames it to docs/coaches/taken-over.yml",
        ),
    ],
    ids=["changes", "deletes", "renames"],
)
def test_a_stranger_may_not_change_delete_or_rename_someone_elses_entry(
    repo: Path, change: dict[str, str | None], action: str
) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, change, "someone else's entry")
    result = check(repo, pull_request(repo, base, "mallory"))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{ALICE}")
    assert f"belongs to GitHub user 'alice', and this pull request by 'mallory' {action}" in first
    assert "only alice or a maintainer of this project may change or delete it" in first
    assert "1 file belongs to someone else." in result.stdout


def test_the_refusal_is_annotated_on_the_github_line_and_summarised_in_github_actions(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {ALICE: coach(github="alice", bio="Changed by someone else.")}, "edit")
    summary = repo.parent / "summary.md"
    result = check(
        repo, pull_request(repo, base, "mallory"), GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary)
    )
    assert result.returncode == 1
    github_line = coach(github="alice").splitlines().index("github: alice") + 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert annotations == [
        f"::error file={ALICE},line={github_line},title=Coach file%3A field 'github'::"
        + result.stdout.splitlines()[0]
    ]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### Who may change these coach entries\n\n1 problem to fix:")
    assert f"| {ALICE} | {github_line} | github |" in text.replace("&#95;", "_")


@pytest.mark.parametrize("association", ["OWNER", "MEMBER", "COLLABORATOR"])
def test_a_maintainer_may_change_or_delete_anyones_entry(repo: Path, association: str) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {ALICE: None}, "remove")
    result = check(repo, pull_request(repo, base, "maintainer", association))
    assert result.returncode == 0, result.stdout


def test_anyone_may_change_an_entry_without_github_or_add_a_new_one(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(
        repo,
        {
            "docs/coaches/nobody-owns.yml": coach(
                name="Sam Example", email="sam@example.org", github="mallory"
            ),
            "docs/coaches/brand-new.yml": coach(name="Bo New", email="bo@example.org", github="alice"),
        },
        "edit",
    )
    result = check(repo, pull_request(repo, base, "mallory", "FIRST_TIME_CONTRIBUTOR"))
    assert result.returncode == 0, result.stdout
    assert "may change each of the 1 existing coach file" in result.stdout


def test_the_owner_is_read_from_the_base_branch_so_rewriting_the_github_line_does_not_help(
    repo: Path,
) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {ALICE: coach(github="mallory")}, "take it over")
    result = check(repo, pull_request(repo, base, "mallory"))
    assert result.returncode == 1
    assert "belongs to GitHub user 'alice'" in result.stdout


def test_the_owner_may_hand_their_entry_to_someone_else(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {ALICE: coach(github="alice-new-account")}, "hand over")
    assert check(repo, pull_request(repo, base, "alice")).returncode == 0


def test_an_owner_is_still_found_in_a_base_file_broken_in_other_ways(repo: Path) -> None:
    broken = coach(github="alice", bio='"This quote is never closed')
    commit(repo, {ALICE: broken}, "broken on base")
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {ALICE: coach(github="alice")}, "fix it")
    result = check(repo, pull_request(repo, base, "mallory"))
    assert result.returncode == 1
    assert "belongs to GitHub user 'alice'" in result.stdout


def test_a_pull_request_cannot_move_the_coaches_folder_to_dodge_the_check(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(
        repo,
        {
            "mkdocs.yml": "site_name: Test\nplugins:\n  - coachblog:\n      coaches_dir: elsewhere\n",
            ALICE: None,
        },
        "move the folder",
    )
    result = check(repo, pull_request(repo, base, "mallory"))
    assert result.returncode == 1
    assert "deletes it" in result.stdout


def test_changes_merged_into_the_base_branch_after_the_events_base_are_not_the_pull_requests(
    repo: Path,
) -> None:
    stale_base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "change")
    head = commit(repo, {"docs/coaches/brand-new.yml": coach(name="Bo New", email="bo@example.org")}, "add")
    git(repo, "checkout", "-q", "main")
    commit(repo, {ALICE: coach(github="alice", bio="Alice edited her own entry.")}, "alice's edit")
    # What GitHub checks out for a pull request: a merge of its head into the base branch as it is now.
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge change into main", head)
    result = check(repo, pull_request(repo, stale_base, "mallory", head=head))
    assert result.returncode == 0, result.stdout
    assert "changes no existing coach file" in result.stdout


def test_without_the_base_commit_in_the_clone_the_check_fails_and_says_why(repo: Path) -> None:
    commit(repo, {ALICE: None}, "remove")
    result = check(repo, pull_request(repo, "0" * 40, "mallory"))
    assert result.returncode == 2
    assert f"The base commit {'0' * 40} is not in this clone" in result.stderr


@pytest.mark.parametrize("payload", ["{}", '{"pull_request": {"user": {}}}', "not json"])
def test_an_event_that_is_not_a_pull_request_is_a_usage_error(repo: Path, payload: str) -> None:
    event = repo.parent / "event.json"
    event.write_text(payload, encoding="utf-8")
    result = check(repo, event)
    assert result.returncode == 2 and "is not a pull_request event's payload" in result.stderr


# ---------------------------------------------------------------- the functions themselves


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        ("name: A\ngithub: alice\n", Owners(("alice",))),
        ("name: A\ngithub: '@Alice'  # me\n", Owners(("Alice",))),
        ("name: A\n", Owners()),
        ("name: A\ngithub:\n", Owners()),
        ("name: A\nGitHub: alice\n", Owners(("alice",))),
        ("name: A\nbio: one: two: [three\ngithub: alice\n", Owners(("alice",))),
        ("name: &me A\ngithub: alice\n", Owners(("alice",))),
        ("other: &who bob\ngithub: *who\n", Owners(unreadable=True)),
        ("github: !!str alice\n", Owners(unreadable=True)),
        ("github: [alice, bob]\n", Owners(unreadable=True)),
        ("github: alice\ngithub: mallory\n", Owners(unreadable=True)),
    ],
    ids=[
        "plain",
        "at-sign-and-comment",
        "none",
        "empty",
        "capitalised-key",
        "broken-elsewhere",
        "anchor-elsewhere",
        "alias",
        "tag",
        "list",
        "twice",
    ],
)
def test_the_owner_is_read_leniently_but_never_through_anchors_aliases_or_tags(
    text: str, owners: Owners
) -> None:
    assert read_owners(text) == owners


def test_an_unreadable_owner_leaves_the_file_to_maintainers() -> None:
    unreadable = Owners(unreadable=True)
    assert not may_change("alice", "CONTRIBUTOR", unreadable)
    assert may_change("alice", "member", unreadable)
    assert may_change("ALICE", "NONE", Owners(("alice",)))
    assert not may_change("mallory", "FIRST_TIMER", Owners(("alice",)))
    assert may_change("mallory", "NONE", Owners())


def test_git_name_status_gives_changed_deleted_and_renamed_files_but_not_new_ones() -> None:
    output = b"M\0a.yml\0D\0b.yml\0R091\0c.yml\0d.yml\0A\0e.yml\0T\0f \xff.yml\0"
    assert parse_name_status(output) == [
        Change("a.yml", "changes"),
        Change("b.yml", "deletes"),
        Change("c.yml", "renames", "d.yml"),
        Change("f \udcff.yml", "changes"),
    ]


def test_the_base_is_the_merge_commits_first_parent_when_its_second_is_the_pull_requests_head() -> None:
    assert base_commit(["newer-base", "head"], "event-base", "head") == "newer-base"
    assert base_commit(["parent"], "event-base", "head") == "event-base"
    assert base_commit(["a", "b"], "event-base", "head") == "event-base"


def test_help_says_what_the_event_file_must_hold(tmp_path: Path) -> None:
    result = run("check_owners.py", "--help", cwd=tmp_path)
    assert result.returncode == 0
    for member in ('"user": {"login"', '"author_association"', '"base": {"sha"', '"head": {"sha"'):
        assert member in result.stdout, member
    assert "$GITHUB_EVENT_PATH" in result.stdout and "fetch-depth" in result.stdout
