#!/usr/bin/env python3
"""Check coach files the way the site build does, and say what to fix.

    scripts/check_coaches.py                      # every file in docs/coaches/
    scripts/check_coaches.py docs/coaches/me.yml  # only these files (others are read for duplicates)
    scripts/check_coaches.py --json result.json docs/coaches/me.yml  # and the result as data

Exit status 0 when all is well, 1 on any problem, 2 when called wrongly. Inside GitHub Actions
(GITHUB_ACTIONS=true) the first problems are also `::error file=...,line=...::` annotations, and a
Markdown summary is appended to $GITHUB_STEP_SUMMARY when it is set. However many problems there
are, the first 100 are listed and the rest counted. scripts/check_owners.py reports the same way.
With --json FILE the result is also written as plain data (no HTML or Markdown: JSON_VERSION says
what is in it), which scripts/pr_comment.py turns into the pull request's comment.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
from pathlib import Path

from coachblog.coaches import schema
from coachblog.coaches.directory import file_source, folder_sources, load_coaches, site_folders
from coachblog.coaches.fields import Coach, CoachSource, Folder
from coachblog.errors import Problem
from coachblog.places.gazetteer import load_gazetteer

LISTED = 100  # problems printed and put in the job summary; the rest are counted
ANNOTATED = 10  # GitHub shows 10 error annotations per step and drops the rest unseen
TEXT_MAX = 1000  # characters of one problem printed or annotated
CELL_MAX = 600  # characters of a problem in the job summary's table (the file name gets half)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What --json writes, version 1: {"schema": 1, "passed", "checked" (files), "checked_count",
# "problems" ({file, line, field, message, value, allowed, hint}), "problem_count", "coaches" (the
# profile text of each checked file that passes), "coach_count"}. Lists are cut to the limits below
# and every text to JSON_TEXT_MAX, so the file stays far under pr_comment.py's 1 MB whatever the input.
JSON_VERSION = 1
JSON_PROBLEMS = 40
JSON_PROFILES = 10
JSON_TEXT_MAX = 400


def counted(number: int, noun: str) -> str:
    """'1 problem', '2 problems'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("files", nargs="*", type=Path, help="coach files to check (default: all)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the result to FILE as JSON (for the PR comment)"
    )
    args = parser.parse_args(argv)
    if not args.config.is_file():
        parser.error(f"no {args.config} here: run this from the site's folder, or pass --config")
    root = args.config.parent
    docs_dir, coaches_dir = site_folders(args.config.read_text(encoding="utf-8"))
    docs = root / docs_dir
    folder = Folder(coaches_dir, f"{docs_dir}/{coaches_dir}/")
    sources = folder_sources(docs, coaches_dir, Path.cwd())
    problems: list[Problem] = []
    focus: set[str] | None = None
    named: list[str] = []
    if args.files:
        focus = set()
        known = {s.src_uri for s in sources}
        for path in args.files:
            source, problem = _named(path, docs, folder)
            if problem:
                problems.append(problem)
            if source:
                focus.add(source.src_uri)
                sources += [] if source.src_uri in known else [source]
            named.append(source.shown if source else str(path))
    result = load_coaches(
        sources, [s.src_uri for s in sources], folder, gazetteer=load_gazetteer, focus=focus
    )
    problems += result.problems
    checked = len(focus) if focus is not None else sum(s.src_uri.endswith((".yml", ".yaml")) for s in sources)
    noun = "file" if checked == 1 else "files"
    report(
        problems,
        title="Coach files",
        passed=f"{checked} coach {noun} checked: all good.",
        failed=f"{counted(len(problems), 'problem')} in {checked} coach {noun}.",
        advice="CONTRIBUTING.md explains every field; fix the lines named here and check again.",
    )
    if args.json:
        files = (
            named
            if focus is not None
            else [s.shown for s in sources if s.src_uri.endswith((".yml", ".yaml"))]
        )
        ready = [c for c in result.coaches if focus is None or c.src_uri in focus]
        text = json.dumps(result_data(problems, files, ready), ensure_ascii=False, indent=1)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 1 if problems else 0


def result_data(problems: list[Problem], files: list[str], ready: list[Coach]) -> dict[str, object]:
    """The check's result as plain data (JSON_VERSION): problems, files checked, profiles that pass."""
    return {
        "schema": JSON_VERSION,
        "passed": not problems,
        "checked": [_clip(f, JSON_TEXT_MAX) for f in files[:LISTED]],
        "checked_count": len(files),
        "problems": [problem_data(p) for p in problems[:JSON_PROBLEMS]],
        "problem_count": len(problems),
        "coaches": [profile_data(c) for c in ready[:JSON_PROFILES]],
        "coach_count": len(ready),
    }


def problem_data(problem: Problem) -> dict[str, object]:
    """One problem as data; the bad value as the check prints it (Python's repr), cut short."""
    return {
        "file": _clip(problem.path, JSON_TEXT_MAX),
        "line": problem.line,
        "field": _clip(problem.field, 80) if problem.field else None,
        "message": _clip(problem.message, JSON_TEXT_MAX),
        "value": None if problem.value is None else _clip(repr(problem.value), 200),
        "allowed": _clip(problem.allowed, JSON_TEXT_MAX) if problem.allowed else None,
        "hint": _clip(problem.hint, JSON_TEXT_MAX) if problem.hint else None,
    }


def profile_data(coach: Coach) -> dict[str, object]:
    """The text a passing coach file puts on its profile, with the schema's labels; links only as
    whether they are there (the comment links nowhere a coach file says), a photo only if it is shown
    (one given as a web address is only linked)."""
    contact = ["email"] if coach.email else []
    contact += ["contact page"] if coach.contact_url else []
    contact += [schema.SOCIAL[key] for key, _ in coach.social]
    return {
        "file": coach.label,
        "name": coach.name,
        "place": coach.place,
        "region": coach.region,
        "country": coach.country,
        "country_name": coach.country_name,
        "online_only": coach.online_only,
        "specialties": [schema.SPECIALTIES[s] for s in coach.specialties],
        "coaching": [schema.COACHING[m] for m in coach.coaching],
        "qualifications": list(coach.qualifications),
        "bio": coach.bio,
        "website": coach.website is not None,
        "contact": contact,
        "photo": coach.photo is not None and not coach.photo.startswith(("https://", "http://")),
    }


def _named(path: Path, docs: Path, folder: Folder) -> tuple[CoachSource | None, Problem | None]:
    """A file named on the command line, or the problem that stops it being checked."""
    shown = str(path)
    try:
        found = path.is_file()
    except OSError:  # a name too long for the file system
        found = False
    if not found:
        return None, Problem(shown, None, "does not exist", allowed=f"a file in {folder.shown}")
    try:
        path.resolve().relative_to(docs.resolve())
    except ValueError:
        return None, Problem(
            shown,
            None,
            f"is not in {folder.shown}",
            allowed=f"coach files in {folder.shown}",
            hint=f"Move it to {folder.shown}{path.name}",
        )
    source = file_source(path, docs, Path.cwd())
    if not source.src_uri.startswith(folder.name + "/") and not source.src_uri.endswith((".yml", ".yaml")):
        return None, Problem(source.shown, None, "is not a coach file", allowed=f"files in {folder.shown}")
    return source, None


def report(problems: list[Problem], *, title: str, passed: str, failed: str, advice: str) -> None:
    """Print the problems; in GitHub Actions also annotate them and write the job summary.

    Whatever the input, the output is bounded: LISTED problems printed and in the summary, ANNOTATED
    annotations, each problem cut to TEXT_MAX characters, each summary cell to CELL_MAX.
    """
    for problem in problems[:LISTED]:
        print(_clip(_one_line(str(problem)), TEXT_MAX))
    if len(problems) > LISTED:
        print(f"... and {len(problems) - LISTED} more: fix these first and check again to see them.")
    print(f"\n{failed} {advice}" if problems else passed)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in annotations(problems):
            print(line)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(step_summary(problems, title=title, passed=passed, advice=advice))


def annotations(problems: list[Problem]) -> list[str]:
    """The `::error` commands for the first ANNOTATED problems, and a notice counting the rest."""
    lines = [annotation(p) for p in problems[:ANNOTATED]]
    if len(problems) > ANNOTATED:
        rest = len(problems) - ANNOTATED
        lines.append(f"::notice title=More problems::{counted(rest, 'more problem')}: see the job summary.")
    return lines


def annotation(problem: Problem) -> str:
    """A GitHub Actions `::error` workflow command for one problem."""
    props = [f"file={_escape_property(_clip(problem.path, TEXT_MAX))}"]
    if problem.line:
        props.append(f"line={problem.line}")
    field = _clip(problem.field or "", 40)
    title = f"Coach file: field '{field}'" if field else "Coach file"
    props.append(f"title={_escape_property(title)}")
    return f"::error {','.join(props)}::{_escape_data(_clip(str(problem), TEXT_MAX))}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _one_line(text: str) -> str:
    """Control characters shown as escapes, so a file's text cannot start a line of its own in the log."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def step_summary(problems: list[Problem], *, title: str, passed: str, advice: str) -> str:
    """The job summary in Markdown; text from coach files is escaped so it shows as typed.

    At most LISTED rows of cells cut to CELL_MAX characters, each written in at most 6 bytes
    (`&#124;`): about 600 kB at worst, under GitHub's 1 MiB for one step's summary.
    """
    if not problems:
        return f"### {title}\n\n{_md(passed)}\n"
    rows = [
        f"### {title}",
        "",
        f"{counted(len(problems), 'problem')} to fix:",
        "",
        "| File | Line | Field | Problem |",
        "| --- | --- | --- | --- |",
    ]
    for p in problems[:LISTED]:
        what = str(dataclasses.replace(p, path="", line=None)).removeprefix(": ")
        cells = (_clip(p.path, CELL_MAX // 2), _clip(p.field or "", 40), _clip(what, CELL_MAX))
        rows.append(f"| {_md(cells[0])} | {p.line or ''} | {_md(cells[1])} | {_md(cells[2])} |")
    if len(problems) > LISTED:
        rows += ["", f"And {len(problems) - LISTED} more: fix these first and the check lists the rest."]
    return "\n".join(rows) + f"\n\n{_md(advice)}\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: no markup, links or HTML from it."""
    out = []
    for char in _CONTROL.sub(" ", text):
        out.append(f"&#{ord(char)};" if char in "<>&|`*_[]\\" else char)
    return "".join(out)


if __name__ == "__main__":
    sys.exit(main())
