#!/usr/bin/env python3
"""Check that the links coach entries publish still work and that each entry is still fresh.

    scripts/check_links.py                          # every coach file in docs/coaches/
    scripts/check_links.py docs/coaches/me.yml      # only these files
    scripts/check_links.py --issue links.md         # also write the weekly issue's Markdown

One line a problem: `docs/coaches/<file>.yml:<line>: field '<field>': <what is wrong> (<what to do>)`,
for a dead link, a link that has moved permanently (with the address to write), a parked or
for-sale domain, an entry confirmed (or added) more than 365 days ago, and a file the coach schema
rejects. coachblog/coaches/link_check.py says how links are fetched and what counts as parked.

Exit status 0 when all is well, 1 when anything is reported, 2 when called wrongly. Needs only
requirements-check.txt and PYTHONPATH=plugins; HTTP is the standard library's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from coachblog.coaches import link_check
from coachblog.coaches.directory import file_source, folder_sources, site_folders
from coachblog.coaches.fields import YAML_SUFFIXES, CoachSource, Folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("files", nargs="*", type=Path, help="coach files to check (default: all)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=link_check.TIMEOUT,
        help=f"seconds one request may take in all (default {link_check.TIMEOUT:g})",
    )
    parser.add_argument(
        "--workers", type=_workers, default=link_check.WORKERS, help="links fetched at a time (default 8)"
    )
    parser.add_argument(
        "--map",
        dest="mapping",
        action="append",
        type=_mapping,
        default=[],
        metavar="FROM=TO",
        help="fetch addresses starting FROM at TO instead (repeatable; for tests)",
    )
    parser.add_argument(
        "--today", type=_date, default=None, help="the date to count from, YYYY-MM-DD (default: today)"
    )
    parser.add_argument(
        "--issue", type=Path, help="also write the issue's Markdown here (empty when all is well)"
    )
    args = parser.parse_args(argv)
    if not args.config.is_file():
        parser.error(f"no {args.config} here: run this from the site's folder, or pass --config")
    text = args.config.read_text(encoding="utf-8")
    docs_dir, coaches_dir = site_folders(text)
    docs = args.config.parent / docs_dir
    folder = Folder(coaches_dir, f"{docs_dir}/{coaches_dir}/")
    everything = folder_sources(docs, coaches_dir, Path.cwd())
    sources = _named(args.files, docs, folder, parser) if args.files else everything
    site = link_check.site_info(text)
    settings = link_check.Settings(
        user_agent=link_check.user_agent(site.name, site.url),
        timeout=args.timeout,
        workers=args.workers,
        mapping=tuple(args.mapping),
    )
    today = args.today or dt.date.today()
    report = link_check.check_entries(
        sources, folder, settings, today=today, photo_uris=[s.src_uri for s in everything]
    )
    findings = report.findings
    for finding in findings:
        print(finding)
    files = len(report.entries)
    noun = "file" if files == 1 else "files"
    if findings:
        print(f"\n{len(findings)} thing(s) to fix in {files} coach {noun}.")
    else:
        print(f"{files} coach {noun} checked: every link works and every entry is fresh.")
    if args.issue:
        _write(args.issue, link_check.issue_markdown(report, site))
    return 1 if findings else 0


def _named(
    paths: list[Path], docs: Path, folder: Folder, parser: argparse.ArgumentParser
) -> list[CoachSource]:
    """The coach files named on the command line; a name that is none is a usage error."""
    sources = []
    for path in paths:
        if not path.is_file() or path.suffix.lower() not in YAML_SUFFIXES:
            parser.error(f"{path} is not a coach file")
        try:
            path.resolve().relative_to((docs / folder.name).resolve())
        except ValueError:
            parser.error(f"{path} is not in {folder.shown}")
        sources.append(file_source(path, docs, Path.cwd()))
    return sources


def _write(path: Path, text: str) -> None:
    """Write the whole file or nothing: the issue step must never read half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as out:
        out.write(text)
    os.replace(out.name, path)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 120:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds from 0 to 120")
    return value


def _workers(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 to 64")
    return int(text)


def _mapping(text: str) -> tuple[str, str]:
    before, equals, after = text.partition("=")
    if (
        not equals
        or not before.startswith(("https://", "http://"))
        or not after.startswith(("https://", "http://"))
    ):
        raise argparse.ArgumentTypeError(f"{text!r} is not FROM=TO, two addresses starting http(s)://")
    return before, after


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


if __name__ == "__main__":
    sys.exit(main())
