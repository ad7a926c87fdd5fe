"""A coach file's bytes read the way the build and scripts/check_coaches.py both read them.

One size limit and one decoding for both, so a file that passes the check cannot fail the build; the
YAML itself is read by coachblog.yaml_lines, with the coach schema's fields to tell an indented field
from a continued text.
"""

from __future__ import annotations

import re

from coachblog.coaches.schema import FIELD_ALIASES, FIELDS_BY_KEY
from coachblog.errors import Problem
from coachblog.file_cache import FileCache
from coachblog.yaml_lines import YamlDocument, read_text

__all__ = ["COACH_FILES", "MAX_BYTES", "YamlDocument", "decode", "read_coach_text"]

MAX_BYTES = 16 * 1024  # a full coach file with a 600-character bio is under 3 KB
# Coach files kept between `mkdocs serve` rebuilds; one byte over the limit says a file is too big.
COACH_FILES = FileCache(MAX_BYTES + 1)


def decode(data: bytes, shown: str) -> str | Problem:
    """The file's text, or a problem saying why it cannot be read (too big, not UTF-8)."""
    if len(data) > MAX_BYTES:
        return Problem(
            shown,
            None,
            f"is over {MAX_BYTES:,} bytes long",
            allowed=f"at most {MAX_BYTES:,} bytes",
            hint="A coach file is a few short lines; keep only the fields in CONTRIBUTING.md",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        how = "it looks like it was saved as Windows or Latin-1 text" if _is_latin(data) else ""
        return Problem(
            shown,
            None,
            "is not saved as UTF-8 text" + (f": {how}" if how else ""),
            line=line,
            allowed="UTF-8 text (what GitHub's editor saves)",
            hint="Save the file as UTF-8 in your editor, or edit it on GitHub",
        )


def _is_latin(data: bytes) -> bool:
    return bool(re.search(rb"[\xc0-\xff]", data))


def read_coach_text(text: str, shown: str) -> YamlDocument | list[Problem]:
    """A coach file's fields as written, or the problems that stop it being read at all."""
    return read_text(text, shown, _is_field)


def _is_field(key: str) -> bool:
    return key in FIELDS_BY_KEY or key.lower() in FIELD_ALIASES
