#!/usr/bin/env python3
"""Bring the coach fields in CONTRIBUTING.md up to date with plugins/coachblog/coaches/schema.py.

scripts/coach_guide.py          # rewrite the generated part of CONTRIBUTING.md
scripts/coach_guide.py --check  # exit 1 if it is out of date (the tests run this check too)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coachblog.coaches.schema import with_guide

GUIDE = Path(__file__).resolve().parent.parent / "CONTRIBUTING.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is up to date")
    args = parser.parse_args()
    text = GUIDE.read_text(encoding="utf-8")
    fresh = with_guide(text)
    if fresh == text:
        print(f"{GUIDE.name} is up to date with the coach schema.")
        return 0
    if args.check:
        print(f"{GUIDE.name} is out of date: run scripts/coach_guide.py", file=sys.stderr)
        return 1
    GUIDE.write_text(fresh, encoding="utf-8")
    print(f"Updated the coach fields in {GUIDE.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
