"""Source files kept between `mkdocs serve` rebuilds, re-read only when a file changes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class FileCache:
    """The first `limit` bytes of files by path, keyed on size and modification time; one entry per path,
    so it never grows past the number of files. Holds only what is on disk, never anything derived."""

    limit: int
    entries: dict[str, tuple[tuple[int, int], bytes]] = field(default_factory=dict)
    reads: int = 0

    def data(self, path: str) -> bytes:
        stat = os.stat(path)
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self.entries.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        with open(path, "rb") as source:
            data = source.read(self.limit)
        self.reads += 1
        self.entries[path] = (key, data)
        return data
