"""The record a build leaves for the next dirty build: what it read and what each page gave the site.

It lives in one file per output folder. A dirty build takes it (the file is removed as it is read), so a
build that fails or is killed leaves none and the next build is a full one; a build writes a new one only
when it ends without a warning, by writing a temporary file and renaming it over the old.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachblog.incremental.inputs import FileState, digest

# Raise when the record's shape changes: a record of another version is ignored (a full build).
RECORD_VERSION = 2


@dataclass
class PageRecord:
    """What one page was and what it gave the rest of the site."""

    digest: str  # of its source (or of its Markdown, for a page the plugin writes)
    title: str | None
    meta: dict[str, Any]
    feed_body: tuple[str, str] | None = None  # (URL, HTML) of a post's feed entry
    search_docs: list[dict[str, Any]] = field(default_factory=list)  # its documents in the search index


@dataclass
class Record:
    version: int
    site_dir: str
    parts: dict[str, str]  # digests of what every page shows: config, code, file list, titles, posts...
    docs: dict[str, FileState]  # the docs folder's files
    code: dict[str, FileState]  # the plugin's and the theme overrides' files
    pages: dict[str, PageRecord]  # by source path, in the build's order
    written: dict[str, str] = field(default_factory=dict)  # digest of each file the plugin made, by dest_uri


def record_path(cache_dir: Path, site_dir: str) -> Path:
    """The record of the build into `site_dir`."""
    return cache_dir / f"record-{digest(os.path.realpath(site_dir))[:16]}.pickle"


def take(path: Path) -> Record | None:
    """The record at `path`, removed from disk; None when there is none or it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    path.unlink(missing_ok=True)
    try:
        record = pickle.loads(data)  # our own cache file, written by `save`
    except Exception:  # a damaged or foreign record means a full build, nothing more
        return None
    if not isinstance(record, Record) or getattr(record, "version", None) != RECORD_VERSION:
        return None
    return record


def forget(path: Path) -> None:
    """Remove the record: what is in the folder no longer matches it."""
    path.unlink(missing_ok=True)


def save(path: Path, record: Record) -> None:
    """Write the record whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    partial.write_bytes(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(partial, path)
