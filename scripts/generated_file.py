"""The one way the scripts keep a generated file of the repository in step with its source:
rewrite it, or with --check only say whether it is up to date (exit 1 if not; the tests run the
checks). Used by ascii_fold_js.py, coach_guide.py and coach_json_schema.py."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def keep_in_step(
    target: Path, make: Callable[[str | None], str], *, doc: str, source: str, script: str
) -> int:
    """`make(the file's text now, or None)` is what the file should hold; `source` names what it is
    made from in the messages, `script` the command that rewrites it."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is up to date")
    args = parser.parse_args()
    shown = target.relative_to(Path(__file__).resolve().parent.parent).as_posix()
    written = target.read_text(encoding="utf-8") if target.is_file() else None
    fresh = make(written)
    if written == fresh:
        print(f"{shown} is up to date with {source}.")
        return 0
    if args.check:
        print(f"{shown} is out of date: run {script}", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(fresh, encoding="utf-8")
    print(f"Wrote {shown}.")
    return 0
