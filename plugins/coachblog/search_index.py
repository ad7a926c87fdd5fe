"""What the plugin adds to the theme's search index (search/search_index.json) after it is written:
the coaches' entries, and every page's words folded, so that "Lodz" finds a page that says "Łódź".

Coach profiles are left out of the theme's own indexing (`search: exclude`): parsing every profile's
HTML was a good part of a build's cost per coach, and indexed the text every profile shares ("Get in
touch", "Check qualifications and insurance...") so that such words found every coach. Each coach
gets one entry instead, made from their file.

Folding. Material's search worker (lunr) lowercases each word and keeps its letters as they are, so
"Krakow" finds nothing on a page that says "Kraków", and the worker cannot be told to fold. But the
index names the fields the worker searches (`config.fields`, each with its boost), and a result
shows only `title`, `text` and `tags`. So each searched field gets a companion, `folded_<field>`,
with the same boost: the words of the field that change when folded (text.fold, the one rule), once
each, and only in the entries that have such words. The worker searches it; no result shows it,
so the title and snippet a reader sees are the page's own words, and "Kraków" still finds "kraków"
in the field it came from. An index without `config.fields` (MkDocs' own theme, whose worker
searches title and text only) gets no companions: they would be weight no one reads.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict

from coachblog import json_text
from coachblog.text import fold

INDEX_PATH = "search/search_index.json"  # where MkDocs' and Material's search plugins write it
FOLDED = "folded_"  # the companion field of `title` is `folded_title`
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


class SearchEntry(TypedDict):
    """One document of the index, as the theme's search reads it."""

    location: str  # site-relative URL
    title: str  # HTML-escaped text
    text: str  # HTML: escaped text in simple tags


def add_entries(site_dir: Path, entries: Sequence[SearchEntry]) -> str | None:
    """Append `entries` to the site's search index and add the folded words of every entry, written
    again as the site writes all its JSON (json_text: no markup raw); a warning when there is an
    index but not one we know."""
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
    add_folded_words(index)
    path.write_text(json_text.dumps(index), encoding="utf-8")
    return None


def add_folded_words(index: dict[str, Any]) -> None:
    """Give each document of Material's `index`, for each field it searches, the field's folded
    words in `folded_<field>`, declared in `config.fields` with the field's boost. Run again on its
    own output, it gives the same index."""
    config = index.get("config")
    fields = config.get("fields") if isinstance(config, dict) else None
    if not isinstance(fields, dict):
        return
    searched = {name: spec for name, spec in fields.items() if not str(name).startswith(FOLDED)}
    used: set[str] = set()
    for doc in index["docs"]:
        if not isinstance(doc, dict):
            continue
        for name in searched:
            companion = FOLDED + name
            doc.pop(companion, None)
            words = folded_words(doc.get(name))
            if words:
                doc[companion] = " ".join(words)
                used.add(name)
    for name in list(fields):
        if str(name).startswith(FOLDED):
            del fields[name]
    for name, spec in searched.items():
        if name in used:
            fields[FOLDED + name] = spec


def folded_words(value: object) -> list[str]:
    """The words of a field's HTML (or list of them, as `tags`) that folding changes, folded, each
    once, in order: '<p>Łódź &amp; Kraków, Łódź</p>' -> ['lodz', 'krakow']."""
    parts = value if isinstance(value, list) else [value]
    text = " ".join(html.unescape(_TAG.sub(" ", part)) for part in parts if isinstance(part, str))
    if text.isascii():  # most pages: no word folding could change
        return []
    found: dict[str, None] = {}
    for word in _WORD.findall(unicodedata.normalize("NFC", text)):
        if word.isascii():
            continue
        folded = fold(word)
        if folded != word.lower():
            found[folded] = None
    return list(found)
