"""Which pages a dirty build renders: none but those whose own source changed, or all of them.

Each page's output depends on its own source and on what every page shows (the navigation, lists, tag
pages, neighbours, bylines, coach pages: all made from config, code, the file list, each page's front
matter and first block, the posts' front matter, the coach files and pictures). The record keeps digests
of those parts; when one differs the build is a full one, and the reason names the part.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coachblog.incremental.record import Record

PART_NAMES = {
    "engine": "the MkDocs, theme or Python version",
    "code": "the plugin or the theme overrides",
    "config": "mkdocs.yml or the environment it reads",
    "day": "the day (dates on pages and in the open data)",
    "files": "the files of the site (one added, removed, renamed or moved)",
    "titles": "a page's front matter or first block (its title and meta)",
    "posts": "the posts as lists and feeds show them",
    "other_files": "a picture, coach file or other file the pages show",
}


@dataclass(frozen=True)
class Plan:
    """A full build (`full`, with the `reason`) or the pages to render again (`modified`)."""

    full: bool
    reason: str
    modified: frozenset[str] = frozenset()


def decide(
    record: Record | None, site_dir: str, parts: Mapping[str, str], pages: Mapping[str, tuple[str, bool]]
) -> Plan:
    """`pages`: each page's source digest and whether its output file is there."""
    if record is None:
        return Plan(True, "no record of an earlier build into this folder")
    if record.site_dir != site_dir:
        return Plan(True, "the record is of a build into another folder")
    changed = [name for name in PART_NAMES if record.parts.get(name) != parts.get(name)]
    if changed:
        return Plan(True, "changed: " + "; ".join(PART_NAMES[name] for name in changed))
    if record.pages.keys() != pages.keys():
        return Plan(True, "changed: the pages of the site")
    modified = frozenset(
        src for src, (source, built) in pages.items() if not built or record.pages[src].digest != source
    )
    return Plan(False, f"{len(modified)} of {len(pages)} pages changed", modified)
