"""The coach directory's files read together: every coach file checked, placed and compared, with
every problem found on the way; and the files on disk as the scripts find them.

The same functions serve the plugin, scripts/check_coaches.py and scripts/new_coach.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath

from coachblog.coaches import schema
from coachblog.coaches.duplicates import duplicate_problems
from coachblog.coaches.fields import YAML_SUFFIXES, Coach, CoachSource, Folder, parse_coach
from coachblog.coaches.location import locate
from coachblog.coaches.paths import misplaced_problem, path_problems
from coachblog.coaches.reading import MAX_BYTES
from coachblog.errors import Problem
from coachblog.places.gazetteer import Gazetteer
from coachblog.site_config import read_site_config


@dataclass
class LoadResult:
    """The coaches read from the coaches folder, and every problem found on the way."""

    coaches: list[Coach]
    problems: list[Problem]


def load_coaches(
    files: Sequence[CoachSource],
    other_uris: Iterable[str],
    folder: Folder,
    *,
    gazetteer: Callable[[], Gazetteer],
    focus: set[str] | None = None,
    today: dt.date | None = None,
) -> LoadResult:
    """Read, check and place every coach file, reporting everything wrong in each in one round.

    `files` are every file in the coaches folder (text read for YAML files only) and the YAML files
    outside it (checked for being misplaced); `other_uris` every file of the site, to find photos;
    `focus` limits the problems reported to these src_uris (the others are still read, for duplicates).
    A field that is wrong does not stop the place look-up or the duplicate checks.
    """
    problems: list[Problem] = []
    read: list[Coach] = []
    other = list(other_uris)
    photos = frozenset(u for u in other if PurePosixPath(u).suffix.lower() in schema.PHOTO_SUFFIXES)
    prefix = folder.name + "/"
    files = sorted(files, key=lambda s: s.src_uri)  # read twice below: never a one-pass iterator
    for source in files:
        if not source.src_uri.startswith(prefix):
            misplaced = misplaced_problem(source.src_uri, source.text, folder, source.label)
            problems.extend([misplaced] if misplaced else [])
            continue
        problems += path_problems(source.src_uri, folder, source.label)
        if PurePosixPath(source.src_uri).suffix.lower() in YAML_SUFFIXES:
            coach, found = _parsed(source, folder, photos, today)
            problems += found
            read += [coach] if coach is not None else []
    placeable = [c for c in read if c.place and c.country and (focus is None or c.src_uri in focus)]
    if placeable:
        places = gazetteer()
        problems += [p for c in placeable if (p := locate(c, places))]
    problems += duplicate_problems(read, focus)
    if focus is not None:
        shown = {s.shown for s in files if s.src_uri in focus}
        problems = [p for p in problems if p.path in shown]
    problems.sort(key=lambda p: (p.path, p.line or 0))
    failed = {p.path for p in problems}
    coaches = [c for c in read if c.label not in failed]
    return LoadResult(sorted(coaches, key=lambda c: (c.name.lower(), c.slug)), problems)


def _parsed(
    source: CoachSource, folder: Folder, photos: frozenset[str], today: dt.date | None
) -> tuple[Coach | None, list[Problem]]:
    """`parse_coach`, read once while the file, folder, photos and day stay the same (under `mkdocs serve`
    a rebuild reads again only the coach files that changed); each caller gets its own copy of the
    coach, which placing it changes."""
    coach, problems = (
        parse_coach(source, folder, photos, today)
        if source.unreadable is not None  # a Problem inside: not a key
        else _parse_once(source, folder, photos, today)
    )
    return (replace(coach) if coach is not None else None), list(problems)


@lru_cache(maxsize=16384)  # a function of its arguments, like the front matter's and feed bodies' caches
def _parse_once(
    source: CoachSource, folder: Folder, photos: frozenset[str], today: dt.date | None
) -> tuple[Coach | None, list[Problem]]:
    return parse_coach(source, folder, photos, today)


def site_folders(mkdocs_yml: str) -> tuple[str, str]:
    """(docs_dir, coaches_dir) from the text of mkdocs.yml, with MkDocs' and the plugin's defaults."""
    config = read_site_config(mkdocs_yml)
    return config.docs_dir, config.folder("coaches_dir", "coaches")


def folder_sources(docs: Path, folder: str, shown_from: Path) -> list[CoachSource]:
    """Every file under docs/<folder>/ on disk as the plugin sees it; labels relative to `shown_from`."""
    docs, shown_from = docs.resolve(), shown_from.resolve()
    return [
        file_source(path, docs, shown_from)
        for path in sorted((docs / folder).rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs).parts)
    ]


def file_source(path: Path, docs: Path, shown_from: Path) -> CoachSource:
    """One file on disk as a CoachSource (text read only for YAML files)."""
    path, docs = path.absolute(), docs.resolve()
    src_uri = (
        path.relative_to(docs).as_posix()
        if path.is_relative_to(docs)
        else path.resolve().relative_to(docs).as_posix()
    )
    shown = shown_from.resolve()
    label = path.relative_to(shown).as_posix() if path.is_relative_to(shown) else str(path)
    if path.suffix.lower() not in YAML_SUFFIXES:
        return CoachSource(src_uri, "", label)
    with path.open("rb") as file:  # no more than the limit is read, however big the file
        return CoachSource.from_bytes(src_uri, file.read(MAX_BYTES + 1), label)
