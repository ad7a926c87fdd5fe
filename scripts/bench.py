"""`python scripts/bench.py ARGS`, as README.md writes it, is `python -m bench ARGS` (scripts/bench/)."""

import runpy

runpy.run_module("bench", run_name="__main__", alter_sys=True)
