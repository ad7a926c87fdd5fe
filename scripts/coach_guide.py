#!/usr/bin/env python3
"""Bring the coach fields in CONTRIBUTING.md up to date with plugins/coachblog/coaches/schema.py.

scripts/coach_guide.py          # rewrite the generated part of CONTRIBUTING.md
scripts/coach_guide.py --check  # exit 1 if it is out of date (the tests run this check too)
"""

from __future__ import annotations

import sys
from pathlib import Path

from coachblog.coaches.schema import with_guide
from generated_file import keep_in_step

GUIDE = Path(__file__).resolve().parent.parent / "CONTRIBUTING.md"

if __name__ == "__main__":
    source = "the coach schema"
    sys.exit(
        keep_in_step(
            GUIDE,
            lambda text: with_guide(text or ""),
            doc=__doc__ or "",
            source=source,
            script="scripts/coach_guide.py",
        )
    )
