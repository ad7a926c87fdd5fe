#!/usr/bin/env python3
"""Write plugins/coachblog/assets/ascii-fold.js, the browser's copy of text.py's folding rule.

scripts/ascii_fold_js.py          # rewrite the script from coachblog/text.py's table
scripts/ascii_fold_js.py --check  # exit 1 if it is out of date (the tests run this check too)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coachblog.fold_script import REPO_PATH, fold_script

TARGET = Path(__file__).resolve().parent.parent / REPO_PATH


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is up to date")
    args = parser.parse_args()
    fresh = fold_script()
    written = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else None
    if written == fresh:
        print(f"{REPO_PATH} is up to date with coachblog/text.py.")
        return 0
    if args.check:
        print(f"{REPO_PATH} is out of date: run scripts/ascii_fold_js.py", file=sys.stderr)
        return 1
    TARGET.write_text(fresh, encoding="utf-8")
    print(f"Wrote {REPO_PATH}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
