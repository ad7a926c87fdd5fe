"""Entries the plugin adds to the theme's search index (search/search_index.json) after it is written.

Coach profiles are left out of the theme's own indexing (`search: exclude`): parsing every profile's
HTML was a good part of a build's cost per coach, and indexed the text every profile shares ("Get in
touch", "Check qualifications and insurance...") so that such words found every coach. Each coach
gets one entry instead, made from their file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TypedDict

from coachblog import json_text

INDEX_PATH = "search/search_index.json"  # where MkDocs' and Material's search plugins write it


class SearchEntry(TypedDict):
    """One document of the index, as the theme's search reads it."""

    location: str  # site-relative URL
    title: str  # HTML-escaped text
    text: str  # HTML: escaped text in simple tags


def add_entries(site_dir: Path, entries: Sequence[SearchEntry]) -> str | None:
    """Append `entries` to the site's search index, written again as the site writes all its JSON
    (json_text: no markup raw); a warning when there is an index but not one we know."""
    path = site_dir / INDEX_PATH
    if not path.is_file():  # no search plugin: nothing to add to
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index.get("docs") if isinstance(index, dict) else None
    if not isinstance(docs, list):  # not an index we know: left as it is
        return (
            f"{INDEX_PATH} has no 'docs' list: {len(entries)} coach profiles could not be added to search"
            if entries
            else None
        )
    docs.extend(entries)
    path.write_text(json_text.dumps(index), encoding="utf-8")
    return None
