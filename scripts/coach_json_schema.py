#!/usr/bin/env python3
"""Write schemas/coach.schema.json, the coach file's JSON Schema for editors, from the coach schema.

scripts/coach_json_schema.py          # rewrite schemas/coach.schema.json
scripts/coach_json_schema.py --check  # exit 1 if it is out of date (the tests run this check too)
"""

from __future__ import annotations

import sys
from pathlib import Path

from coachblog.coaches.json_schema import REPO_PATH, schema_json
from generated_file import keep_in_step

TARGET = Path(__file__).resolve().parent.parent / REPO_PATH

if __name__ == "__main__":
    source = "the coach schema"
    sys.exit(
        keep_in_step(
            TARGET,
            lambda _: schema_json(),
            doc=__doc__ or "",
            source=source,
            script="scripts/coach_json_schema.py",
        )
    )
