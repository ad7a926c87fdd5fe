"""The theme's search index after a dirty build: the documents of the pages rendered again, and those the
record kept for the others, in the order a full build writes them (the pages' order)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Doc = dict[str, Any]


def page_of(location: str) -> str:
    """The page a search document belongs to: its location without the heading's #anchor."""
    return location.partition("#")[0]


def by_page(docs: Iterable[Doc]) -> dict[str, list[Doc]]:
    """The index's documents grouped by the URL of their page, each group in index order."""
    groups: dict[str, list[Doc]] = {}
    for doc in docs:
        groups.setdefault(page_of(str(doc.get("location", ""))), []).append(doc)
    return groups


def splice(
    written: Iterable[Doc], pages: Sequence[tuple[str, bool]], kept: Mapping[str, list[Doc]]
) -> list[Doc]:
    """`pages`: each page's URL in build order, and whether it was rendered in this build (its documents
    are in `written`) or not (they are in `kept`, by URL)."""
    fresh = by_page(written)
    docs: list[Doc] = []
    for url, rendered in pages:
        docs.extend(fresh.get(url, []) if rendered else kept.get(url, []))
    return docs
