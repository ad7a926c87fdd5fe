#!/usr/bin/env python3
"""Fail a pull request that changes, deletes or renames a coach file someone else owns.

    scripts/check_owners.py                    # in GitHub Actions, on a pull_request event
    scripts/check_owners.py --event event.json # the same with a saved event payload

A coach file may name its owner with `github: <user name>`. As the file stands on the pull request's
base branch, that user or a maintainer (author_association OWNER, MEMBER or COLLABORATOR) may change
it; anyone may change a file without `github:`. Everything comes from the event payload and the git
clone: no token, no API call. Exit status 0 when all is well, 1 on any problem, 2 when called wrongly
or when the base commit is not in the clone.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from check_coaches import report  # scripts/ is on the path when this file runs as a script
from coachblog.coaches.directory import site_folders
from coachblog.coaches.owners import base_commit, line_of_key, owner_problems, parse_name_status

ADVICE = (
    "A coach file with a 'github:' line can be changed or deleted only by that GitHub user or a "
    "maintainer; a file without one, by anyone."
)


EVENT_HELP = """\
The event file is GitHub's pull_request payload as JSON (GitHub Actions saves it at
$GITHUB_EVENT_PATH). Only these members are read:
  {"pull_request": {"user": {"login": "alex-example"},
                    "author_association": "NONE",
                    "base": {"sha": "<40 hex digits>"}, "head": {"sha": "<40 hex digits>"}}}
author_association is OWNER, MEMBER or COLLABORATOR for a maintainer (missing: NONE). Run it in the
pull request's clone: the base commit must be in its history (actions/checkout with fetch-depth: 2).
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        epilog=EVENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--event",
        type=Path,
        default=os.environ.get("GITHUB_EVENT_PATH"),
        help="the pull_request event's payload (default: $GITHUB_EVENT_PATH)",
    )
    parser.add_argument(
        "--config", default="mkdocs.yml", help="the site's mkdocs.yml, from the repository's top"
    )
    args = parser.parse_args(argv)
    if args.event is None:
        parser.error("no event: run this in GitHub Actions on a pull request, or pass --event FILE")
    pull = _pull_request(args.event)
    if pull is None:
        parser.error(f"{args.event} is not a pull_request event's payload")
    author, association, event_base, event_head = pull
    parents = _git("rev-list", "--parents", "-n", "1", "HEAD").decode().split()[1:]
    base = base_commit(parents, event_base, event_head)
    if subprocess.run(
        ["git", "cat-file", "-e", f"{base}^{{commit}}"], capture_output=True, check=False
    ).returncode:
        print(
            f"The base commit {base} is not in this clone: fetch more history (checkout's fetch-depth).",
            file=sys.stderr,
        )
        return 2
    # The coaches folder as the base branch has it: a pull request cannot move it to dodge the check.
    config = _show(base, args.config)
    docs_dir, coaches_dir = site_folders(config or "")
    diff = _git("diff", "-z", "--name-status", "-M", base, "HEAD", "--", f"{docs_dir}/{coaches_dir}/")
    changes = parse_name_status(diff)
    problems = owner_problems(changes, lambda path: _show(base, path), author, association, _line_in_worktree)
    count = len(changes)
    noun = "coach file" if count == 1 else "coach files"
    passed = f"'{author}' may change each of the {count} existing {noun} this pull request changes."
    report(
        problems,
        title="Who may change these coach entries",
        passed=passed if count else "This pull request changes no existing coach file.",
        failed=f"{len(problems)} {'file belongs' if len(problems) == 1 else 'files belong'} to someone else.",
        advice=ADVICE,
    )
    return 1 if problems else 0


def _pull_request(path: Path) -> tuple[str, str, str, str] | None:
    """(author, author_association, base.sha, head.sha) from a pull_request event's payload."""
    try:
        event = json.loads(path.read_text(encoding="utf-8"))
        pull = event["pull_request"]
        found = (
            pull["user"]["login"],
            pull.get("author_association") or "NONE",
            pull["base"]["sha"],
            pull["head"]["sha"],
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not all(isinstance(value, str) for value in found):
        return None
    return found


def _git(*args: str) -> bytes:
    env = os.environ | {"GIT_LITERAL_PATHSPECS": "1"}
    return subprocess.run(["git", *args], capture_output=True, check=True, env=env).stdout


def _show(commit: str, path: str) -> str | None:
    """A file's text at `commit`, or None when it was no file there."""
    result = subprocess.run(["git", "cat-file", "blob", f"{commit}:{path}"], capture_output=True, check=False)
    return result.stdout.decode("utf-8-sig", "replace") if result.returncode == 0 else None


def _line_in_worktree(path: str) -> int | None:
    try:
        return line_of_key(Path(path).read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main())
