"""What a build reads, as digests: every file of a folder, and the part of a page that names it.

A file's digest is kept from the last build while its size and modification time are the same, so a
build reads again only the files that changed.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\r?\n.*?^(?:-{3}|\.{3})[ \t]*$", re.DOTALL | re.MULTILINE)
BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


class FileState(NamedTuple):
    """One file as a build read it: enough to tell, without reading it, that it has not changed."""

    size: int
    mtime_ns: int
    digest: str  # of the whole file
    title_digest: str  # of a page's front matter and first block (`title_part`); "" for other files


def digest(*parts: str | bytes) -> str:
    """One digest of several parts, each kept apart from the next (so ("ab", "c") != ("a", "bc"))."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def title_part(text: str) -> str:
    """What a page's title, meta and place in the navigation come from: its front matter and its first
    block. MkDocs takes a page's title from its front matter, else from its first element when that is a
    heading, so an edit past the first block changes only the page itself."""
    match = FRONT_MATTER.match(text)
    head = match.group(0) if match else ""
    body = text[len(head) :].lstrip("\r\n \t")
    block = BLANK_LINE.split(body, maxsplit=1)[0].rstrip()
    return head + "\n\n" + block


def file_states(root: Path, previous: Mapping[str, FileState]) -> dict[str, FileState]:
    """Every file under `root` by its POSIX path from there; Markdown files also get the digest of their
    `title_part`."""
    page_suffixes = (".md", ".markdown")
    states: dict[str, FileState] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in names:
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            stat = path.stat()
            old = previous.get(rel)
            if old is not None and (old.size, old.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
                states[rel] = old
                continue
            data = path.read_bytes()
            title = ""
            if name.endswith(page_suffixes):
                title = digest(title_part(data.decode("utf-8", "replace")))
            states[rel] = FileState(stat.st_size, stat.st_mtime_ns, digest(data), title)
    return dict(sorted(states.items()))


def tree_digest(states: Mapping[str, FileState]) -> str:
    """One digest of a folder's files, names and contents."""
    return digest(*(f"{rel}\0{state.digest}" for rel, state in states.items()))
