"""The benchmark's profile mode (`--profile N`); `--serve-check` is bench_serve."""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from pyinstrument import Profiler

import coachblog
from bench.bench_runs import build
from bench.bench_sites import Project, prepare

# --- Other modes ---------------------------------------------------------------------------------


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
