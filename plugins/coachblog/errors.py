"""Errors about content a person wrote: each names the file, line, field, bad value and what is allowed."""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, worded for the person who has to fix it."""

    path: str
    field: str | None
    message: str
    line: int | None = None
    value: object = None
    allowed: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        parts = [_short(where, PART_MAX) + ":"]
        if self.field:
            parts.append(f"field '{_short(self.field, 40)}':")
        parts.append(_short(self.message, PART_MAX))
        if self.value is not None:
            parts.append(f"(got {_short(repr(self.value), VALUE_MAX)})")
        text = " ".join(parts)
        if self.allowed:
            text += f"; allowed: {_short(self.allowed, PART_MAX)}"
        if self.hint:
            text += f". {_short(self.hint, PART_MAX)}"
        return text


# Whatever a file holds, one problem stays a few lines long: values and texts from it are cut short.
VALUE_MAX = 80
PART_MAX = 400


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ContentError(Exception):
    """One or more problems found in the site's content files."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the site's content:\n{lines}")


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean ...?' hint when `word` is really a misspelling of one of `choices`."""
    close = closest(word, choices)
    return f"Did you mean '{close}'?" if close else None


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The one choice `word` is a typing slip away from: a letter or two wrong, missing, extra or swapped
    ('fel' -> 'fell', 'specialities' -> 'specialties'), never a different word that shares letters
    ('phone' is not 'photo')."""
    folded = word.casefold().strip()
    if len(folded) < 3:
        return None
    allowed = 1 if len(folded) <= 6 else 2
    best = None
    for choice in choices:
        distance = edit_distance(folded, choice.casefold())
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, choice)
    return best[1] if best else None


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, changes and swaps of neighbours."""
    if abs(len(a) - len(b)) > 2:
        return 3  # further than any slip we suggest for; saves the table
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[-1]


def taken_by_hand(src_uris: Iterable[str], generated: Container[str], made_from: str) -> list[Problem]:
    """Problems for hand-written files that stand where the plugin writes a page (`made_from` says how)."""
    return [
        Problem(
            uri,
            None,
            f"this page is generated {made_from}",
            hint="Remove the file; the coachblog plugin writes this page itself",
        )
        for uri in src_uris
        if uri in generated
    ]
