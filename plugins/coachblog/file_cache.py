"""Text of source files kept between `mkdocs serve` rebuilds, re-read only when a file changes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class TextCache:
    """File text by path, keyed on size and modification time; one entry per path, so it never grows
    past the number of files. Holds only what is on disk, never anything derived from a build."""

    entries: dict[str, tuple[tuple[int, int], str]] = field(default_factory=dict)
    reads: int = 0

    def text(self, path: str) -> str:
        stat = os.stat(path)
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self.entries.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        with open(path, encoding="utf-8-sig", errors="strict") as source:
            text = source.read()
        self.reads += 1
        self.entries[path] = (key, text)
        return text


COACH_FILES = TextCache()
