#!/usr/bin/env python3
"""Write plugins/coachblog/assets/ascii-fold.js, the browser's copy of text.py's folding rule.

scripts/ascii_fold_js.py          # rewrite the script from coachblog/text.py's table
scripts/ascii_fold_js.py --check  # exit 1 if it is out of date (the tests run this check too)
"""

from __future__ import annotations

import sys
from pathlib import Path

from coachblog.fold_script import REPO_PATH, fold_script
from generated_file import keep_in_step

TARGET = Path(__file__).resolve().parent.parent / REPO_PATH

if __name__ == "__main__":
    source = "coachblog/text.py"
    sys.exit(
        keep_in_step(
            TARGET,
            lambda _: fold_script(),
            doc=__doc__ or "",
            source=source,
            script="scripts/ascii_fold_js.py",
        )
    )
