"""JSON as the site writes it: no markup raw in any file it serves.

`<`, `>` and `&` are written as `\\u003c`, `\\u003e` and `\\u0026` (and the two line separators JavaScript
once read as line ends, `\\u2028` and `\\u2029`): the same data to any JSON reader, but a file that a
browser sniffs as HTML, or a copy pasted into a `<script>` element, can never carry a tag. These
characters only ever stand inside JSON strings, so replacing them after encoding is exact.
"""

from __future__ import annotations

import json

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dumps(data: object, *, indent: int | None = None, ascii_only: bool = False) -> str:
    """`data` as JSON, compact unless `indent` is given; text kept as UTF-8 unless `ascii_only`."""
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent, separators=separators)
    # str.replace, one character at a time, is many times faster than str.translate on the large files
    # (the search index, the finder's data) and leaves text without these characters as it is.
    for raw, escaped in _ESCAPES.items():
        if raw in text:
            text = text.replace(raw, escaped)
    return text
