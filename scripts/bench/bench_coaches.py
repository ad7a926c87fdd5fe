"""How fast the build writes coach pages: the project's site with 1,000 and with 10,000 generated coaches.

    python -m bench.bench_coaches [OUT_DIR] (also part of `make bench`; `--no-coach-rate` leaves it out)

Each size is the project's config (its nav, theme and options; social cards off) over generated
content (bench/benchgen.py: a few tips, N coaches spread over Great Britain), built once in its own
`mkdocs build` process. It reports wall seconds, coach profiles written and profiles per second. The
growth is linear when ten times the coaches take about ten times as long: the last column is the
time per coach against the smaller size's (1.00 = linear).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.page_weights import large_site

SIZES = (1000, 10_000)
TIPS = 10


def profiles(site: Path) -> int:
    """Coach profile pages in a built site."""
    return sum(
        1
        for page in (site / "coaches").glob("*/index.html")
        if 'class="cb-profile' in page.read_text("utf-8")
    )


def build_seconds(config: Path) -> float:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([mkdocs, "build", "-q", "-f", config], check=True, env=env)
    return time.perf_counter() - start


def report(out: Path, sizes: tuple[int, ...] = SIZES) -> str:
    rows = []
    for size in sizes:
        config = large_site(out / f"coaches-{size}", TIPS, size)
        seconds = build_seconds(config)
        rows.append((size, seconds, profiles(config.parent / "site")))
    first_per_coach = rows[0][1] / rows[0][0]
    lines = [
        "## Coach pages per second (the project's site, social cards off)",
        "",
        "| coaches | build s | profiles written | profiles/s | s per coach vs first size |",
        "|---|---|---|---|---|",
    ]
    for size, seconds, written in rows:
        lines.append(
            f"| {size:,} | {seconds:.1f} | {written:,} | {written / seconds:.0f} | "
            f"{(seconds / size) / first_per_coach:.2f} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(report(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("bench-out") / "coach-rate"))
