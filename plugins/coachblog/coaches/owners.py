"""Who may change a coach entry: the GitHub user its file names in `github:`, or a maintainer.

scripts/check_owners.py runs these functions on a pull request. The owner is read from the file as it
stands on the base branch, so a pull request cannot make itself the owner by rewriting that line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from coachblog.errors import Problem
from coachblog.yaml_lines import YamlDocument, read_text

# The pull request author's relation to the repository (GitHub's author_association) that makes them a
# maintainer here: the repository's owner, a member of its organisation, or an invited collaborator.
MAINTAINERS = ("OWNER", "MEMBER", "COLLABORATOR")
KEY = "github"
# A top-level `github:` line, for a base file whose YAML is broken elsewhere.
_KEY_LINE = re.compile(r"^[\"']?github[\"']?[ \t]*:", re.IGNORECASE)


@dataclass(frozen=True)
class Owners:
    """The GitHub user names a coach file gives in `github:`; `unreadable` when it has one we cannot read."""

    names: tuple[str, ...] = ()
    unreadable: bool = False


@dataclass(frozen=True)
class Change:
    """A file that existed on the base branch and that a pull request changes, deletes or renames."""

    path: str
    action: Literal["changes", "deletes", "renames"]
    renamed_to: str | None = None


def read_owners(text: str) -> Owners:
    """The owners a coach file names, read with the coach file reader; the rest of the file may be broken.

    When the file cannot be read as a whole, its top-level `github:` lines are read alone. A value that
    still cannot be read (anchors, aliases and tags are refused), is not one name, or is written twice
    makes the file unreadable: only a maintainer may change it.
    """
    doc = read_text(text, "base")
    if isinstance(doc, YamlDocument):
        if any(name.lower() == KEY for name, _ in doc.repeated):
            return Owners(unreadable=True)
        values = [value for name, value in doc.values.items() if name.lower() == KEY]
    else:
        values = []
        for line in text.splitlines():
            if _KEY_LINE.match(line):
                alone = read_text(line, "base")
                if not isinstance(alone, YamlDocument):
                    return Owners(unreadable=True)
                values += alone.values.values()
    names: list[str] = []
    for value in values:
        if isinstance(value, list | dict):
            return Owners(unreadable=True)
        name = (value or "").strip().removeprefix("@")
        if name and name.lower() not in (n.lower() for n in names):
            names.append(name)
    return Owners(tuple(names))


def is_maintainer(association: str) -> bool:
    """Whether GitHub's author_association for the pull request's author makes them a maintainer."""
    return association.strip().upper() in MAINTAINERS


def may_change(author: str, association: str, owners: Owners) -> bool:
    """Whether `author` may change or delete a file with these owners."""
    if is_maintainer(association):
        return True
    if owners.unreadable:
        return False
    return not owners.names or author.strip().lower() in (n.lower() for n in owners.names)


def parse_name_status(output: bytes) -> list[Change]:
    """The changes to existing files in `git diff -z --name-status -M` output (additions are left out)."""
    fields = [f.decode("utf-8", "surrogateescape") for f in output.split(b"\0")]
    changes: list[Change] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index][:1]
        if status in "RC":  # renamed or copied: the old path, then the new one
            old, new = fields[index + 1], fields[index + 2]
            index += 3
            if status == "R":
                changes.append(Change(old, "renames", new))
            continue
        path = fields[index + 1]
        index += 2
        if status == "D":
            changes.append(Change(path, "deletes"))
        elif status != "A":  # M (content), T (type), U (unmerged), X (unknown): a change all the same
            changes.append(Change(path, "changes"))
    return changes


def base_commit(parents: list[str], event_base: str, event_head: str) -> str:
    """The commit to compare the pull request with.

    `parents` are the checked-out commit's parents. GitHub checks out a merge of the pull request's head
    into the base branch as it stood then; the event's base.sha can be older than that (it lags when the
    base branch moves on), and comparing with an older base would count other people's merged changes
    as this pull request's. So the merge's first parent is the base when its second is the head.
    """
    if len(parents) == 2 and parents[1] == event_head:
        return parents[0]
    return event_base


def owner_problems(
    changes: Iterable[Change],
    base_text: Callable[[str], str | None],
    author: str,
    association: str,
    line_of_key: Callable[[str], int | None] = lambda path: None,
) -> list[Problem]:
    """A problem for each change to a coach file that someone else owns on the base branch.

    `base_text(path)` is the file's text on the base branch (None if it was not a file there);
    `line_of_key(path)` the line of `github:` in the pull request's version, for the annotation.
    """
    problems: list[Problem] = []
    for change in changes:
        text = base_text(change.path)
        if text is None:
            continue
        owners = read_owners(text)
        if may_change(author, association, owners):
            continue
        line = line_of_key(change.path) if change.action == "changes" else None
        problems.append(_problem(change, owners, author, line))
    return problems


def _problem(change: Change, owners: Owners, author: str, line: int | None) -> Problem:
    what = {
        "changes": "changes it",
        "deletes": "deletes it",
        "renames": f"renames it to {change.renamed_to}",
    }[change.action]
    if owners.unreadable:
        return Problem(
            change.path,
            KEY,
            f"has a 'github:' line that cannot be read on the base branch, and this pull request by "
            f"'{author}' {what}",
            line,
            allowed="changes by a maintainer of this project only",
            hint="Ask a maintainer to make this change",
        )
    who = " or ".join(f"'{n}'" for n in owners.names)
    them = " or ".join(owners.names)
    return Problem(
        change.path,
        KEY,
        f"this coach entry belongs to GitHub user {who}, and this pull request by '{author}' {what}",
        line,
        allowed=f"only {them} or a maintainer of this project may change or delete it",
        hint=f"If you are {them}, send the change from that GitHub account; if not, leave this file out "
        f"of your pull request, or ask {them} or a maintainer to make the change",
    )


def line_of_key(text: str) -> int | None:
    """The line of the first top-level `github:` in a coach file's text, if it has one."""
    return next((n for n, line in enumerate(text.splitlines(), 1) if _KEY_LINE.match(line)), None)
