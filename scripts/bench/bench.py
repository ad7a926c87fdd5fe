"""Benchmark: our site against the same Markdown without our plugin and against Material's stock blog.

For each size it generates N tips and M coaches (bench/benchgen.py, seeded), then builds, side by
side, each in its own `mkdocs build` process:

  (1) ours   the project's mkdocs.yml (inherited) pointed at the generated docs, social cards warm;
  (2) plain  the same config and Markdown with the coachblog plugin taken out;
  (3) stock  Material's blog and tags plugins with mkdocs-rss-plugin, from a separate virtual
             environment this script creates from scripts/bench-stock-requirements.txt.

It prints (and writes to bench-out/results.md) median wall seconds, peak memory and pages written,
the ratios (1)/(2) and (1)/(3), the targets of issue 24, and the share of build time per part of our
plugin (from the COACHBLOG_TIMINGS file, see plugins/coachblog/timings.py).

Other modes: `--serve-check` rebuilds once after editing one tip the way `mkdocs serve` does and
reports the plugin's `cards_rendered` and `coach_files_read` counters; `--profile N` profiles one
in-process build of our site at N tips.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bench import bench_coaches, page_weights
from bench.bench_modes import profile
from bench.bench_report import report
from bench.bench_runs import Result, run_size, stock_mkdocs
from bench.bench_serve import serve_check
from bench.bench_sites import REPO, Project, prepare

# --- Command line ---------------------------------------------------------------------------------


def sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=sizes,
        default=[10, 100, 1000],
        help="tip counts, comma-separated (default 10,100,1000; the full table adds 3000)",
    )
    parser.add_argument("--coaches", type=int, default=500, help="coach files in our site (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="timed builds per variant and size (default 3)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated content (default 7)")
    parser.add_argument(
        "--no-stock",
        action="store_true",
        help="leave out the stock alternative (3) and its virtual environment",
    )
    parser.add_argument(
        "--stock-venv",
        type=Path,
        default=REPO / ".cache" / "bench-stock-venv",
        help="where the stock alternative is installed (default .cache/bench-stock-venv)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "bench-out",
        help="generated sites and results.md go here (default bench-out/)",
    )
    parser.add_argument("--config", type=Path, default=REPO / "mkdocs.yml", help="the project's config")
    parser.add_argument(
        "--serve-check",
        action="store_true",
        help="only the dirty-build and `mkdocs serve --dirty` check at each of --sizes (issue 24's targets)",
    )
    parser.add_argument(
        "--profile", type=int, metavar="N", help="only profile one build of our site with N tips"
    )
    parser.add_argument(
        "--no-weights",
        action="store_true",
        help="leave out the first-load table (the sample site against 3,000 tips and 10,000 coaches)",
    )
    parser.add_argument(
        "--no-coach-rate",
        action="store_true",
        help="leave out the coach pages per second at 1,000 and 10,000 coaches",
    )
    parser.add_argument("--profiler", choices=("cprofile", "pyinstrument"), default="cprofile")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    project = Project.load(args.config.resolve())
    out = args.out.resolve()
    if args.serve_check:
        text = serve_check(project, out / "serve-check", args.sizes, args.coaches, args.seed)
        print(text)
        return 0
    if args.profile:
        text = profile(
            project,
            out / "profile",
            tips=args.profile,
            coaches=args.coaches,
            seed=args.seed,
            tool=args.profiler,
        )
        (out / "profile" / "profile.txt").write_text(text, encoding="utf-8")
        print(text)
        return 0
    ours_mkdocs = Path(sys.executable).parent / "mkdocs"
    mkdocs = {"ours": ours_mkdocs, "bare": ours_mkdocs, "plain": ours_mkdocs}
    if not args.no_stock:
        mkdocs["stock"] = stock_mkdocs(args.stock_venv.resolve())
    results: list[Result] = []
    for n in args.sizes:
        sites = prepare(
            project,
            out / "sites" / f"n{n}-m{args.coaches}",
            tips=n,
            coaches=args.coaches,
            seed=args.seed,
            stock=not args.no_stock,
        )
        results.extend(run_size(sites, mkdocs, args.repeat))
    text = report(results, args)
    if not args.no_weights:
        text += "\n" + page_weights.report(out / "weights")
    if not args.no_coach_rate:
        text += "\n" + bench_coaches.report(out / "coach-rate")
    (out / "results.md").write_text(text, encoding="utf-8")
    print("\n" + text)
    print(f"Written to {out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
