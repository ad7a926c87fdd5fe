"""Errors about content a person wrote: each names the file, line, field, bad value and what is allowed."""

from __future__ import annotations

import difflib
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
        parts = [where + ":"]
        if self.field:
            parts.append(f"field '{self.field}':")
        parts.append(self.message)
        if self.value is not None:
            parts.append(f"(got {self.value!r})")
        text = " ".join(parts)
        if self.allowed:
            text += f"; allowed: {self.allowed}"
        if self.hint:
            text += f". {self.hint}"
        return text


class ContentError(Exception):
    """One or more problems found in the site's content files."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the site's content:\n{lines}")


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean ...?' hint when `word` looks like a misspelling of one of `choices`."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"Did you mean '{close[0]}'?" if close else None


def taken_by_hand(src_uris: Iterable[str], generated: Container[str], made_from: str) -> list[Problem]:
    """Problems for hand-written files that stand where the plugin writes a page (`made_from` says how)."""
    return [
        Problem(uri, None, f"this page is generated {made_from}",
                hint="Remove the file; the coachblog plugin writes this page itself")
        for uri in src_uris if uri in generated
    ]  # fmt: skip
