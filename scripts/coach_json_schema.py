#!/usr/bin/env python3
"""Write schemas/coach.schema.json, the coach file's JSON Schema for editors, from the coach schema.

scripts/coach_json_schema.py          # rewrite schemas/coach.schema.json
scripts/coach_json_schema.py --check  # exit 1 if it is out of date (the tests run this check too)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coachblog.coaches.json_schema import REPO_PATH, schema_json

TARGET = Path(__file__).resolve().parent.parent / REPO_PATH


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is up to date")
    args = parser.parse_args()
    fresh = schema_json()
    written = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else None
    if written == fresh:
        print(f"{REPO_PATH} is up to date with the coach schema.")
        return 0
    if args.check:
        print(f"{REPO_PATH} is out of date: run scripts/coach_json_schema.py", file=sys.stderr)
        return 1
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(fresh, encoding="utf-8")
    print(f"Wrote {REPO_PATH}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
