"""The benchmark's other modes: a rebuild after one edit as `mkdocs serve` does it, and a profile."""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from pyinstrument import Profiler

import coachblog
from bench.bench_runs import build
from bench.bench_sites import COUNTERS, TIMINGS_ENV, Project, prepare

# --- Other modes ---------------------------------------------------------------------------------


def serve_check(project: Project, root: Path, tips: int, coaches: int, seed: int) -> str:
    """Build as `mkdocs serve` does, edit one tip's text, rebuild, and read the plugin's counters."""
    sites = prepare(project, root, tips=tips, coaches=coaches, seed=seed, stock=False)
    config_file = sites.configs["ours"]
    timings = root / "serve-timings.json"
    os.environ[TIMINGS_ENV] = str(timings)
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    serve_url = "http://127.0.0.1:8000/"
    cwd = Path.cwd()
    os.chdir(config_file.parent)
    try:
        # Like mkdocs/commands/serve.py: a config per build (plugins with on_startup are kept).
        first_config = load_config(config_file=str(config_file), site_dir=site_dir)
        first_config.plugins.on_startup(command="serve", dirty=False)
        figures = [_serve_build(first_config, serve_url, timings)]
        edited = _edit_one_tip(Path(first_config.docs_dir), project.options["tips_dir"])
        config = load_config(config_file=str(config_file), site_dir=site_dir)
        figures.append(_serve_build(config, serve_url, timings))
        first_config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
        shutil.rmtree(site_dir, ignore_errors=True)
    return _serve_report(tips, coaches, edited, figures)


def _serve_build(config: MkDocsConfig, serve_url: str, timings: Path) -> tuple[float, dict[str, int]]:
    timings.unlink(missing_ok=True)
    config.site_url = serve_url
    start = time.perf_counter()
    mkdocs_build(config, serve_url=serve_url)
    seconds = time.perf_counter() - start
    return seconds, json.loads(timings.read_text()).get("counters", {}) if timings.is_file() else {}


def _edit_one_tip(docs: Path, tips_dir: str) -> str:
    tip = sorted((docs / tips_dir).glob("*.md"))[0]
    with tip.open("a", encoding="utf-8") as handle:
        handle.write("\nOne more sentence, added to see what a rebuild does again.\n")
    return tip.relative_to(docs).as_posix()


def _serve_report(tips: int, coaches: int, edited: str, figures: list[tuple[float, dict[str, int]]]) -> str:
    lines = [f"Warm rebuild as `mkdocs serve` does it: {tips:,} tips, {coaches:,} coaches, edited {edited}"]
    for label, (seconds, counters) in zip(("first build", "rebuild"), figures, strict=True):
        shown = ", ".join(f"{name}={counters.get(name, 'n/a')}" for name in COUNTERS)
        lines.append(f"  {label}: {seconds:.2f} s; {shown}")
    second = figures[1][1]
    for name, what in zip(COUNTERS, ("renders no social card again", "re-reads no coach file"), strict=True):
        if name not in second:
            lines.append(f"n/a   the rebuild {what} (the plugin does not count {name} yet)")
        else:
            lines.append(
                f"{'PASS' if second[name] == 0 else 'FAIL'}  the rebuild {what}: {name}={second[name]}"
            )
    return "\n".join(lines)


def profile(project: Project, root: Path, *, tips: int, coaches: int, seed: int, tool: str) -> str:
    """Profile one build of our site (after a warm-up build), our plugin's part first."""
    sites = prepare(project, root, tips=tips, coaches=coaches, seed=seed, stock=False)
    config_file = sites.configs["ours"]
    os.chdir(config_file.parent)

    def one_build() -> None:
        mkdocs_build(load_config(str(config_file), site_dir=str(config_file.parent / "site")))

    # Warm the social-card cache in another process, so that this one's caches start as cold as
    # a `mkdocs build` run's; like the timed builds, the profiled one starts with no output folder.
    build(Path(sys.executable).parent / "mkdocs", config_file, config_file.parent / "site", True, None)
    shutil.rmtree(config_file.parent / "site")
    if tool == "pyinstrument":
        profiler = Profiler(interval=0.001)
        profiler.start()
        one_build()
        profiler.stop()
        profiler.write_html(str(root / "profile.html"))
        return str(profiler.output_text(unicode=False, color=False, show_all=False))
    return _cprofile(one_build, root)


def _cprofile(one_build: Callable[[], None], root: Path) -> str:
    profiler = cProfile.Profile()
    profiler.runcall(one_build)
    profiler.dump_stats(str(root / "profile.pstats"))
    texts = []
    for title, sort, ours in (
        ("Our plugin, by cumulative time", "cumulative", True),
        ("Whole build, by cumulative time", "cumulative", False),
        ("Whole build, by own time", "tottime", False),
    ):
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        # Full paths pick out our package; elsewhere file names alone are easier to read.
        stats = stats.sort_stats(sort) if ours else stats.strip_dirs().sort_stats(sort)
        stats.print_stats(*([f"/{Path(coachblog.__file__).parent.name}/"] if ours else []), 30)
        text = stream.getvalue().split("\n\n", 1)[-1]
        texts.append(f"## {title}\n" + text.replace(str(Path(coachblog.__file__).parent.parent) + "/", ""))
    return "\n".join(texts)
