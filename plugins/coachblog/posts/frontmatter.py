"""Reading YAML front matter from a Markdown file, keeping the line each field is on."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache

from coachblog.errors import ContentError, Problem
from coachblog.yaml_lines import Value, YamlDocument, read_text

_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\r?\n(.*?\r?\n)?(?:-{3}|\.{3})[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass
class FrontMatter:
    """The front matter of one file: its values as written (all text), the line of each top-level key,
    and the syntax mistakes whose sure fix was applied to read on."""

    path: str
    values: dict[str, Value] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    fixes: list[Problem] = field(default_factory=list)

    def line_of(self, key: str) -> int:
        """The 1-based line of `key`, or of the opening '---' when the key is missing."""
        return self.lines.get(key, 1)


def read_front_matter(text: str, path: str) -> FrontMatter:
    """Parse the YAML block at the top of `text`; a file without one has empty front matter."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter(path)
    read = _read_block(match.group(1) or "", path)
    # Each caller gets its own copy of what the cache holds.
    return FrontMatter(path, copy.deepcopy(read.values), dict(read.lines), list(read.fixes))


@lru_cache(maxsize=16384)  # a function of its arguments: a `mkdocs serve` rebuild reads only changed blocks
def _read_block(block: str, path: str) -> FrontMatter:
    if not block.strip() or all(line.lstrip().startswith("#") for line in block.splitlines() if line.strip()):
        return FrontMatter(path)
    # One blank line first, for the opening '---': then YAML's line numbers are the file's.
    document = read_text("\n" + block, path, lambda key: True)
    if isinstance(document, list):
        raise ContentError(document)
    return FrontMatter(path, document.values, document.lines, _all_fixes(document, path))


def _all_fixes(document: YamlDocument, path: str) -> list[Problem]:
    """Mistakes found while reading: fixed syntax, and a key written twice (the first one counts)."""
    repeated = [
        Problem(path, key, "appears twice", line, allowed="each field once")
        for key, line in document.repeated
    ]
    return document.fixes + repeated
