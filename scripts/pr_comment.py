#!/usr/bin/env python3
"""Keep one comment on a pull request saying, in plain words, what its coach check found.

    scripts/pr_comment.py RESULT.json --repo OWNER/NAME --head-sha SHA [--pr N] [--run-url URL]

RESULT.json is what check.yml's coach job uploads: scripts/check_coaches.py --json, with the pull
request's number and head commit added. That job runs the pull request's own code, so the file is
untrusted data: at most 1 MB, parsed as JSON, every value's type checked, every text cut short and
escaped so it shows as typed (no HTML or Markdown from it, no @mentions, no links but the ones built
here). Its number must be --pr's (when GitHub names the pull request: it does not for a fork's) and
its commit --head-sha, which must also be the pull request's head: a result for an older commit is
left unsaid, a newer check will speak.

The comment says what to fix, file:line, field and fix, or that the entry is ready and how it will
look. It starts with a hidden marker and is found again by it (from --author only) and updated: never
a second one. With no coach file checked, or a check that did not finish, an existing comment is
updated and none is made. GITHUB_TOKEN (pull-requests: write) authenticates. Exit status 0 when done
or nothing is to be said, 1 when the result is refused or GitHub refused, 2 when called wrongly.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from github_api import API, GitHubRepo  # scripts/github_api.py

SERVER = "https://github.com"
AUTHOR = "github-actions[bot]"  # who writes the comment with GITHUB_TOKEN
MARKER = "<!-- coachblog-coach-check -->"
RESULT_VERSION = 1  # check_coaches.JSON_VERSION: what this script reads
RESULT_MAX_BYTES = 1_000_000
BODY_MAX = 60_000  # characters; GitHub refuses a comment over 65,536
PAGES = 30  # of 100 comments each, looked through for ours
ITEMS_MAX = 100  # entries of any list in the result that are read; the rest are counted
SHA = re.compile(r"^[0-9a-f]{40}$")
REPO = re.compile(r"^[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}$")
# Cut before escaping: escaping can make a text several times longer, BODY_MAX bounds the whole.
LIMITS = {"file": 200, "field": 60, "message": 400, "value": 200, "allowed": 400, "hint": 400}
PROFILE_LIMITS = {"name": 100, "place": 100, "region": 100, "country": 10, "country_name": 100, "bio": 800}
# Characters shown as the replacement character: controls, and those that reorder what is shown.
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# ASCII punctuation that Markdown or GitHub may read as markup; written as character references, which
# CommonMark shows as the character and never as markup.
_MARKUP = set("!#$&()*+-.:<=>@[\\]^_`{|}~")
_ENTITY = {char: f"&#{ord(char)};" for char in _MARKUP}
_BREAK = "&#8203;"  # a zero-width space: GitHub then sees no mention, reference, web address or commit
_LINKED = re.compile(r"(?<=[@#:])|(?<=www)(?=\.)|(?<=gh-)(?=\d)|(?<=[0-9a-f]{6})(?=[0-9a-f])", re.IGNORECASE)


class Refused(Exception):
    """The result file is not one this script accepts; the message says why, never quoting it."""


@dataclass(frozen=True)
class Finding:
    """One problem the check found, every text already cut short (not yet escaped)."""

    file: str
    line: int | None
    field: str | None
    message: str
    value: str | None
    allowed: str | None
    hint: str | None


@dataclass(frozen=True)
class Profile:
    """The text a passing coach file puts on its profile."""

    file: str
    name: str
    place: str
    region: str
    country: str
    country_name: str
    online_only: bool
    specialties: list[str]
    coaching: list[str]
    qualifications: list[str]
    bio: str
    website: bool
    contact: list[str]
    photo: bool


@dataclass
class Result:
    """The check's result as read from the file, checked."""

    number: int
    head_sha: str
    passed: bool
    finished: bool = True
    checked: list[str] = field(default_factory=list)
    checked_count: int = 0
    problems: list[Finding] = field(default_factory=list)
    problem_count: int = 0
    coaches: list[Profile] = field(default_factory=list)
    coach_count: int = 0


class _Object:
    """A JSON object's fields read by type; a wrong one is refused by its path, never its value."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise Refused(f"{where} is not an object")
        self.value: dict[str, object] = value
        self.where = where

    def _get(self, key: str) -> object:
        if key not in self.value:
            raise Refused(f"{self.where}.{key} is missing")
        return self.value[key]

    def text(self, key: str, limit: int) -> str:
        value = self._get(key)
        if not isinstance(value, str):
            raise Refused(f"{self.where}.{key} is not text")
        return _clip(value, limit)

    def maybe_text(self, key: str, limit: int) -> str | None:
        return None if self.value.get(key) is None else self.text(key, limit)

    def number(self, key: str) -> int:
        value = self._get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10**9:
            raise Refused(f"{self.where}.{key} is not a whole number from 0 to 1000000000")
        return value

    def maybe_number(self, key: str) -> int | None:
        return None if self.value.get(key) is None else self.number(key)

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self.value.get(key, default) if default is not None else self._get(key)
        if not isinstance(value, bool):
            raise Refused(f"{self.where}.{key} is not true or false")
        return value

    def items(self, key: str) -> list[object]:
        value = self._get(key)
        if not isinstance(value, list):
            raise Refused(f"{self.where}.{key} is not a list")
        return value[:ITEMS_MAX]

    def texts(self, key: str, limit: int) -> list[str]:
        found = self.items(key)
        if not all(isinstance(item, str) for item in found):
            raise Refused(f"{self.where}.{key} is not a list of texts")
        return [_clip(str(item), limit) for item in found]

    def objects(self, key: str) -> list[_Object]:
        return [_Object(item, f"{self.where}.{key}[{i}]") for i, item in enumerate(self.items(key))]

    def count(self, key: str, listed: int) -> int:
        """A count of what a list holds, never fewer than it lists."""
        return max(self.maybe_number(key) or 0, listed)


def read_result(path: Path) -> Result:
    """The result file read and checked; Refused when it is too big, not JSON or not as expected."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        raise Refused(f"cannot be opened ({error.strerror}); a link is not followed") from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise Refused("is not a plain file")
        data = file.read(RESULT_MAX_BYTES + 1)
    if len(data) > RESULT_MAX_BYTES:
        raise Refused(f"is over the size limit of {RESULT_MAX_BYTES:,} bytes")
    try:
        parsed = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise Refused("is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise Refused(f"is not valid JSON (line {error.lineno}, column {error.colno})") from None
    except (ValueError, RecursionError):
        raise Refused("is not valid JSON (nested too deep, or a number too long)") from None
    return checked_result(_Object(parsed, "result"))


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def checked_result(top: _Object) -> Result:
    """Every value of the result checked for its type; texts cut short."""
    schema = top.value.get("schema")
    if isinstance(schema, bool) or schema != RESULT_VERSION:
        raise Refused(f"result.schema is not {RESULT_VERSION}, the version this script reads")
    pull = _Object(top.value.get("pull_request"), "result.pull_request")
    number, head_sha = pull.number("number"), pull.text("head_sha", 40)
    if number < 1 or not SHA.match(head_sha):
        raise Refused("result.pull_request does not name a pull request and a commit")
    result = Result(number, head_sha, top.flag("passed"), top.flag("finished", default=True))
    result.checked = top.texts("checked", LIMITS["file"])
    result.problems = [_finding(p) for p in top.objects("problems")]
    result.coaches = [_profile(c) for c in top.objects("coaches")]
    result.checked_count = top.count("checked_count", len(result.checked))
    result.problem_count = top.count("problem_count", len(result.problems))
    result.coach_count = top.count("coach_count", len(result.coaches))
    # Passed exactly when no problem was found; a check that did not finish passed nothing.
    if (result.passed == bool(result.problem_count)) if result.finished else result.passed:
        raise Refused("result.passed does not agree with result.problems")
    return result


def _finding(item: _Object) -> Finding:
    line = item.maybe_number("line")
    texts = {key: item.maybe_text(key, LIMITS[key]) for key in ("field", "value", "allowed", "hint")}
    file, message = item.text("file", LIMITS["file"]), item.text("message", LIMITS["message"])
    return Finding(file, line, texts["field"], message, texts["value"], texts["allowed"], texts["hint"])


def _profile(item: _Object) -> Profile:
    text = {key: item.text(key, limit) for key, limit in PROFILE_LIMITS.items()}
    listed = {
        key: item.texts(key, 120)[:20] for key in ("specialties", "coaching", "qualifications", "contact")
    }
    return Profile(
        file=item.text("file", LIMITS["file"]),
        name=text["name"],
        place=text["place"],
        region=text["region"],
        country=text["country"],
        country_name=text["country_name"],
        online_only=item.flag("online_only"),
        specialties=listed["specialties"],
        coaching=listed["coaching"],
        qualifications=listed["qualifications"],
        bio=text["bio"],
        website=item.flag("website"),
        contact=listed["contact"],
        photo=item.flag("photo"),
    )


# ---------------------------------------------------------------- the comment


def plain(text: str) -> str:
    """Text that GitHub shows exactly as typed, on one line: no markup, HTML, mention, reference or link.

    Controls and direction overrides become U+FFFD, runs of space one space, ASCII punctuation that
    could be markup a character reference (shown as the character, never read as markup), and a
    zero-width space goes after @, # and :, between 'www' and '.', and into long hexadecimal words,
    so that GitHub links no one, no issue, no address and no commit.
    """
    cleaned = "".join("\ufffd" if _hidden(char) else char for char in text)
    spaced = " ".join(cleaned.split())
    broken = _LINKED.sub("\0", spaced)  # NUL is gone from the text by now: it marks where breaks go
    return "".join(_ENTITY.get(char, _BREAK if char == "\0" else char) for char in broken)


def _hidden(char: str) -> bool:
    return char in _BIDI or (unicodedata.category(char) in ("Cc", "Cs") and not char.isspace())


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def counted(number: int, noun: str, plural: str = "") -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


@dataclass(frozen=True)
class Links:
    """The only links a comment holds, built here from trusted values."""

    guide: str  # CONTRIBUTING.md in the repository
    run: str | None  # the check's run, from the workflow_run event


def render(result: Result, links: Links) -> str:
    """The comment's Markdown: the marker, a heading, what to fix, what is ready, a footer."""
    parts = [MARKER]
    if result.finished and result.checked_count and (result.problem_count or result.coaches):
        parts += _problems(result, links) if result.problem_count else []
        parts += _ready(result, links) if result.coaches else []
    else:
        if not result.finished:
            said = "The coach check did not finish, so there is nothing to show yet."
        elif not result.checked_count:
            said = "This pull request changes no coach file now: nothing to check."
        else:
            said = f"{counted(result.checked_count, 'coach file')} checked: all good."
        parts += ["## Coach file check", "", said]
    footer = [
        "",
        "---",
        f"_Checked commit {result.head_sha[:12]}. This comment is updated each time the check runs._",
    ]
    if links.run:
        footer[-1] += f" [The check's log]({links.run})"
    return _bounded(parts, footer)


def _problems(result: Result, links: Links) -> list[str]:
    lines = [
        f"## Coach file check: {counted(result.problem_count, 'thing')} to fix",
        "",
        "Thank you for adding yourself! Before your entry can be published, please fix what is listed "
        "below: open the file in this pull request (**Files changed**, then the three dots, **Edit "
        "file**), change the line named and commit. The check runs again by itself and this comment "
        f"is updated. [CONTRIBUTING.md]({links.guide}) explains every field.",
    ]
    shown_file = None
    for number, finding in enumerate(result.problems, 1):
        if finding.file != shown_file:
            lines += ["", f"### {plain(finding.file)}", ""]
            shown_file = finding.file
        lines += _finding_lines(number, finding)
    if result.problem_count > len(result.problems):
        rest = result.problem_count - len(result.problems)
        lines += ["", f"And {counted(rest, 'more problem')}: fix these first and the check lists the rest."]
    return lines


def _finding_lines(number: int, finding: Finding) -> list[str]:
    where = [f"line {finding.line}"] if finding.line else []
    where += [f'field "{plain(finding.field)}"'] if finding.field else []
    said = ", ".join(where)
    head = f"**{said[:1].upper()}{said[1:]}:** " if where else ""
    said = f"{head}{plain(finding.message)}"
    said += f" (you wrote: {plain(finding.value)})" if finding.value is not None else ""
    lines = [f"{number}. {said}"]
    if finding.allowed:
        lines.append(f"   Allowed: {plain(finding.allowed)}")
    if finding.hint:
        lines.append(f"   **How to fix:** {plain(finding.hint)}")
    return lines


def _ready(result: Result, links: Links) -> list[str]:
    if result.problem_count:
        lines = ["", "## Ready", "", "These entries are ready: here is how they will look."]
    else:
        lines = [
            "## Coach file check: your entry is ready",
            "",
            "Your entry is ready: here is how it will look. Once a maintainer merges this pull request, "
            "your profile, your place in the finder and your search entry appear with the next build, "
            "usually within minutes.",
        ]
    for profile in result.coaches:
        lines += ["", f"### {plain(profile.file)}", "", *_profile_lines(profile, links)]
    if result.coach_count > len(result.coaches):
        lines += [
            "",
            f"And {counted(result.coach_count - len(result.coaches), 'more entry', 'more entries')}.",
        ]
    return lines


def _profile_lines(profile: Profile, links: Links) -> list[str]:
    place = ", ".join(plain(p) for p in (profile.place, profile.region or profile.country_name) if p)
    place += f", {plain(profile.country_name)}" if profile.region and profile.country_name else ""
    where = "working online, based in" if profile.online_only else "in"
    reach = [*(["website"] if profile.website else []), *profile.contact]
    lines = [f"> **{plain(profile.name)}**", f"> Running coach {where} {place}."]
    lines.append(f"> **Specialties:** {', '.join(plain(s) for s in profile.specialties)}")
    lines.append(f"> **How they coach:** {', '.join(plain(c) for c in profile.coaching)}")
    if profile.qualifications:
        lines.append(f"> **Qualifications:** {'; '.join(plain(q) for q in profile.qualifications)}")
    lines.append(f"> **Get in touch:** {', '.join(plain(r) for r in reach) or 'no way given'}")
    lines += [">", f"> {plain(profile.bio)}"]
    if not profile.photo:
        lines += ["", f"No photo: you can add one ([CONTRIBUTING.md]({links.guide}) says how)."]
    return lines


def _bounded(parts: list[str], footer: list[str]) -> str:
    """The parts joined, cut at a line before BODY_MAX characters with a note saying so."""
    note = "_The rest is left out to keep this comment short: the check's log lists everything._"
    budget = BODY_MAX - len("\n".join(footer)) - len(note) - 10
    kept: list[str] = []
    for line in parts:
        budget -= len(line) + 1
        if budget < 0:
            kept += ["", note]
            break
        kept.append(line)
    return "\n".join(kept + footer) + "\n"


# ---------------------------------------------------------------- GitHub


class GitHub(GitHubRepo):
    """The pull requests and their comments."""

    def __init__(self, api_url: str, repo: str, token: str) -> None:
        super().__init__(api_url, repo, token, "coachblog-pr-comment")

    def our_comment(self, number: int, author: str) -> dict[str, Any] | None:
        """The first comment on the pull request by `author` that starts with the marker, or None."""
        for comment in self.listed(f"/issues/{number}/comments", PAGES):
            login = (comment.get("user") or {}).get("login")
            if login == author and str(comment.get("body", "")).startswith(MARKER):
                return dict(comment)
        return None


def keep_comment(github: GitHub, result: Result, body: str, author: str) -> str:
    """Update our comment or make it (only when there is something to say); what was done, in words."""
    existing = github.our_comment(result.number, author)
    if existing is not None:
        if existing.get("body") == body:
            return f"Comment {existing['id']} on #{result.number} already says this."
        github.call("PATCH", f"/issues/comments/{int(existing['id'])}", {"body": body})
        return f"Updated comment {existing['id']} on #{result.number}."
    if not result.finished or not result.checked_count:
        return f"Nothing to say on #{result.number}: no coach file checked, and no comment to update."
    made = github.call("POST", f"/issues/{result.number}/comments", {"body": body})
    return f"Commented on #{result.number} (comment {made['id']})."


def head_of(github: GitHub, number: int) -> str:
    pull = github.call("GET", f"/pulls/{number}")
    return str(((pull or {}).get("head") or {}).get("sha", ""))


# ---------------------------------------------------------------- the command


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("result", type=Path, help="the check's JSON, from check.yml's artifact")
    parser.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"), help="OWNER/NAME")
    parser.add_argument("--pr", default="", help="the pull request's number, when the event names it")
    parser.add_argument("--head-sha", required=True, help="the commit the check ran on (the event's)")
    parser.add_argument("--run-url", default="", help="the check's run on GitHub, linked from the comment")
    parser.add_argument("--api-url", default=API, help=f"GitHub's REST API (default {API})")
    parser.add_argument("--server-url", default=SERVER, help=f"GitHub's web address (default {SERVER})")
    parser.add_argument("--author", default=AUTHOR, help=f"who writes the comment (default {AUTHOR})")
    args = parser.parse_args(argv)
    if not os.environ.get("GITHUB_TOKEN"):
        parser.error("GITHUB_TOKEN is not set")
    if not args.repo or not REPO.match(args.repo):
        parser.error("--repo must be OWNER/NAME (or set GITHUB_REPOSITORY)")
    if args.pr and not re.fullmatch(r"[1-9][0-9]{0,9}", args.pr):
        parser.error("--pr must be a pull request's number (or empty when the event names none)")
    if not SHA.match(args.head_sha):
        parser.error("--head-sha must be a commit's 40 hexadecimal digits")
    for option in ("api_url", "server_url", "run_url"):
        url = urlsplit(getattr(args, option))
        local = url.scheme == "http" and url.hostname in ("127.0.0.1", "localhost", "::1")
        if getattr(args, option) and not (url.scheme == "https" and url.hostname) and not local:
            parser.error(f"--{option.replace('_', '-')} must start https:// (http:// only on this computer)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        result = read_result(args.result)
        if args.pr and int(args.pr) != result.number:
            raise Refused(f"is for pull request #{result.number}, but the run is for #{args.pr}")
        if result.head_sha != args.head_sha:
            raise Refused(f"is for commit {result.head_sha}, but the run checked {args.head_sha}")
    except Refused as error:
        print(f"{args.result}: refused: {error}. Nothing was posted.", file=sys.stderr)
        return 1
    github = GitHub(args.api_url, args.repo, os.environ["GITHUB_TOKEN"])
    links = Links(
        f"{args.server_url.rstrip('/')}/{args.repo}/blob/HEAD/CONTRIBUTING.md", args.run_url or None
    )
    try:
        head = head_of(github, result.number)
        if head != args.head_sha:
            print(
                f"Pull request #{result.number} is now at {head[:12] or 'another commit'}, not the checked "
                f"{args.head_sha[:12]}: nothing posted (the newer commit's check will comment)."
            )
            return 0
        print(keep_comment(github, result, render(result, links), args.author))
    except (urllib.error.URLError, OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        detail = (
            error.read().decode("utf-8", "replace")[:300] if isinstance(error, urllib.error.HTTPError) else ""
        )
        print(f"GitHub refused: {error} {detail}".strip(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
