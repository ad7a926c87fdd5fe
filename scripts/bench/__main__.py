"""`python -m bench`: the benchmark's command line (bench/bench.py)."""

import sys

from bench.bench import main

sys.exit(main())
