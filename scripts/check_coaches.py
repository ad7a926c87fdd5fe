#!/usr/bin/env python3
"""Check coach files the way the site build does, and say what to fix.

    scripts/check_coaches.py                      # every file in docs/coaches/
    scripts/check_coaches.py docs/coaches/me.yml  # only these files (others are read for duplicates)

Exit status 0 when all is well, 1 on any problem, 2 when called wrongly. Inside GitHub Actions
(GITHUB_ACTIONS=true) each problem is also an `::error file=...,line=...::` annotation, and a
Markdown summary is appended to $GITHUB_STEP_SUMMARY when it is set.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from coachblog.coaches import CoachSource, Folder, file_source, folder_sources, load_coaches, site_folders
from coachblog.errors import Problem
from coachblog.gazetteer import load_gazetteer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("files", nargs="*", type=Path, help="coach files to check (default: all)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
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
    result = load_coaches(
        sources, [s.src_uri for s in sources], folder, gazetteer=load_gazetteer, focus=focus
    )
    problems += result.problems
    checked = len(focus) if focus is not None else sum(s.src_uri.endswith((".yml", ".yaml")) for s in sources)
    report(problems, checked)
    return 1 if problems else 0


def _named(path: Path, docs: Path, folder: Folder) -> tuple[CoachSource | None, Problem | None]:
    """A file named on the command line, or the problem that stops it being checked."""
    shown = str(path)
    if not path.is_file():
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


def report(problems: list[Problem], checked: int) -> None:
    """Print the problems; in GitHub Actions also annotate them and write the job summary."""
    for problem in problems:
        print(problem)
    noun = "file" if checked == 1 else "files"
    if problems:
        print(
            f"\n{len(problems)} problem(s) in {checked} coach {noun}. "
            "CONTRIBUTING.md explains every field; fix the lines above and run this again."
        )
    else:
        print(f"{checked} coach {noun} checked: all good.")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(annotation(problem))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(step_summary(problems, checked))


def annotation(problem: Problem) -> str:
    """A GitHub Actions `::error` workflow command for one problem."""
    props = [f"file={_escape_property(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    title = f"Coach file: field '{problem.field}'" if problem.field else "Coach file"
    props.append(f"title={_escape_property(title)}")
    return f"::error {','.join(props)}::{_escape_data(str(problem))}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def step_summary(problems: list[Problem], checked: int) -> str:
    """The job summary in Markdown; text from coach files is escaped so it shows as typed."""
    if not problems:
        return f"### Coach files\n\n{checked} coach file(s) checked: all good.\n"
    rows = [
        "### Coach files",
        "",
        f"{len(problems)} problem(s) to fix:",
        "",
        "| File | Line | Field | Problem |",
        "| --- | --- | --- | --- |",
    ]
    for p in problems:
        what = str(p).removeprefix(f"{p.path}:{p.line}: " if p.line else f"{p.path}: ")
        rows.append(f"| {_md(p.path)} | {p.line or ''} | {_md(p.field or '')} | {_md(what)} |")
    return "\n".join(rows) + "\n\nCONTRIBUTING.md explains every field.\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: no markup, links or HTML from it."""
    out = []
    for char in text.replace("\n", " "):
        out.append(f"&#{ord(char)};" if char in "<>&|`*_[]\\" else char)
    return "".join(out)


if __name__ == "__main__":
    sys.exit(main())
