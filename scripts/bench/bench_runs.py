"""Running the benchmark's builds, each in its own process, with wall time, CPU, peak memory and
the plugin's own per-part times."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.bench_sites import LABELS, STOCK_REQUIREMENTS, TIMINGS_ENV, VARIANTS, SiteSet

# --- Running builds ------------------------------------------------------------------------------


@dataclass
class Run:
    """One `mkdocs build` process: how long, how much memory, what it wrote."""

    wall: float
    cpu: float
    peak_mb: float
    pages: int
    ok: bool
    log: str
    timings: dict[str, Any] | None = None

    @property
    def warnings(self) -> int:
        return sum(1 for line in self.log.splitlines() if line.startswith("WARNING"))


# Runs one build and writes "<wall seconds> <CPU seconds> <peak KiB>" of it to argv[1]. A small, fresh
# process, so the build's peak memory is its own (a child forked from this script starts with ours).
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    out.write(f"{wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
sys.exit(code)
"""


def build(mkdocs: Path, config: Path, out: Path, quiet: bool, timings: Path | None) -> Run:
    """Build in a fresh process, measured by a small wrapper process."""
    shutil.rmtree(out, ignore_errors=True)
    if hasattr(os, "sync"):  # flush the last build's writes, or the disk bills them to this one
        os.sync()
    env = dict(os.environ)
    if timings is not None:
        timings.unlink(missing_ok=True)
        env[TIMINGS_ENV] = str(timings)
    figures = config.parent / "measure.txt"
    command = [str(mkdocs), "build", *(["-q"] if quiet else []), "-f", str(config), "-d", str(out)]
    wrapper = [sys.executable, "-I", "-S", "-c", MEASURE, str(figures)]
    with tempfile.TemporaryFile() as log:
        code = subprocess.call([*wrapper, *command], cwd=config.parent, env=env, stdout=log, stderr=log)
        log.seek(0)
        text = log.read().decode("utf-8", errors="replace")
    wall, cpu, peak = (float(x) for x in figures.read_text().split())
    peak_mb = peak / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB on Linux
    pages = sum(1 for _ in out.rglob("*.html")) if out.is_dir() else 0
    data = json.loads(timings.read_text()) if timings is not None and timings.is_file() else None
    return Run(wall, cpu, peak_mb, pages, code == 0, text, data)


def stock_mkdocs(venv: Path) -> Path:
    """The stock alternative's mkdocs, installing its pinned packages into `venv` when needed."""
    stamp = venv / ".bench-requirements.txt"
    wanted = STOCK_REQUIREMENTS.read_text(encoding="utf-8")
    if not (stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted):
        print(f"Installing the stock alternative into {venv} ...", flush=True)
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "-r", str(STOCK_REQUIREMENTS)], check=True)
        stamp.write_text(wanted, encoding="utf-8")
    return venv / "bin" / "mkdocs"


@dataclass
class Result:
    """The runs of one variant at one size."""

    tips: int
    coaches: int
    variant: str
    warmup: Run
    runs: list[Run]

    @property
    def ok(self) -> bool:
        return self.warmup.ok and all(r.ok for r in self.runs)

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)

    @property
    def pages(self) -> int:
        return self.runs[-1].pages if self.runs else self.warmup.pages


def run_size(sites: SiteSet, mkdocs: dict[str, Path], repeat: int) -> list[Result]:
    """A warm-up build of each variant (its log counts the warnings), then `repeat` rounds in turn."""
    variants = [v for v in VARIANTS if v in sites.configs]
    warmups: dict[str, Run] = {}
    for variant in variants:
        warmups[variant] = _build(sites, variant, mkdocs[variant], quiet=False)
        status = "ok" if warmups[variant].ok else "FAILED"
        print(
            f"  {sites.tips} tips: warm-up {LABELS[variant]} {warmups[variant].wall:.1f} s {status}",
            flush=True,
        )
    runs: dict[str, list[Run]] = {v: [] for v in variants}
    for _ in range(repeat):
        for variant in (v for v in variants if warmups[v].ok):
            runs[variant].append(_build(sites, variant, mkdocs[variant], quiet=True))
    return [Result(sites.tips, sites.coaches if v == "ours" else 0, v, warmups[v], runs[v]) for v in variants]


def _build(sites: SiteSet, variant: str, mkdocs: Path, quiet: bool) -> Run:
    config = sites.configs[variant]
    timings = config.parent / "timings.json" if variant == "ours" else None
    return build(mkdocs, config, config.parent / "site", quiet, timings)
