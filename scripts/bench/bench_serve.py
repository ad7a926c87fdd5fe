"""`--serve-check`: what the owner waits for after saving a tip under `make serve` (`mkdocs serve --dirty`).

For each size it measures two things:
- in this process, clean builds and then dirty builds after one tip's text changed, built as
  `mkdocs serve` builds them (one warm process, a config per build), with what each dirty build
  rendered and the plugin's counters;
- `mkdocs serve --dirty --strict` in a process of its own: the time from the edited file being written
  to the server answering with the new text (MkDocs' server holds a request back while it rebuilds,
  so the first answer with the text is the page the browser reloads to).
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from bench.bench_sites import COUNTERS, TIMINGS_ENV, Project, prepare

EDITS = 5  # dirty builds (and saves under serve) per size
DIRTY_SHARE = 0.15  # issue 24: a dirty build after one edit at most 15 % of a clean build
SERVE_TARGETS = ((1000, 1.0), (3000, 2.0))  # (up to this many tips, seconds from save to served)
SERVE_START_TIMEOUT = 900.0  # the first build under serve builds every page


@dataclass
class SizeFigures:
    tips: int
    coaches: int
    pages: int = 0
    clean: list[float] = field(default_factory=list)
    dirty: list[float] = field(default_factory=list)
    rendered: list[int] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    served: list[float] = field(default_factory=list)


def serve_check(project: Project, root: Path, sizes: list[int], coaches: int, seed: int) -> str:
    """The figures of every size, with the targets of issue 24."""
    results = []
    for tips in sizes:
        sites = prepare(project, root / f"n{tips}", tips=tips, coaches=coaches, seed=seed, stock=False)
        config_file = sites.configs["ours"]
        figures = SizeFigures(tips, coaches)
        tips_dir = config_file.parent / "docs" / project.options["tips_dir"]
        urls = _build_times(config_file, tips_dir, root / f"n{tips}-timings.json", figures)
        _serve_times(config_file, tips_dir, urls, figures)
        results.append(figures)
    return "\n".join(_report(figures) for figures in results)


# --- In this process: clean and dirty builds -----------------------------------------------------


def _build_times(config_file: Path, tips_dir: Path, timings: Path, figures: SizeFigures) -> dict[str, str]:
    """Clean builds, then dirty builds each after one more tip's text changed; the pages' URLs by source."""
    os.environ[TIMINGS_ENV] = str(timings)
    site_dir = tempfile.mkdtemp(prefix="serve-check-")
    cwd = Path.cwd()
    os.chdir(config_file.parent)
    try:
        _build(config_file, site_dir, dirty=False)  # cards drawn, pictures encoded: not timed
        for _ in range(2):
            figures.clean.append(_build(config_file, site_dir, dirty=False)[0])
        _, plugin = _build(config_file, site_dir, dirty=True)  # no record yet: every page
        urls = {f.src_uri: f.url for f in plugin.files.documentation_pages()}
        figures.pages = len(urls)
        for n, tip in enumerate(_tips(tips_dir)):
            _append(tip, f"A sentence added by the serve check, build {n}.")
            seconds, plugin = _build(config_file, site_dir, dirty=True)
            figures.dirty.append(seconds)
            figures.rendered.append(len(plugin.incremental.plan.modified))
        figures.counters = json.loads(timings.read_text()).get("counters", {}) if timings.is_file() else {}
    finally:
        os.chdir(cwd)
        os.environ.pop(TIMINGS_ENV, None)
        shutil.rmtree(site_dir, ignore_errors=True)
    return urls


def _build(config_file: Path, site_dir: str, *, dirty: bool) -> tuple[float, Any]:
    """One build as `mkdocs serve --dirty` makes it; its wall time and our plugin."""
    config = load_config(config_file=str(config_file), site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=dirty)  # MkDocs keeps such plugins between configs
    start = time.perf_counter()
    mkdocs_build(config, dirty=dirty)
    return time.perf_counter() - start, config.plugins["coachblog"]


def _tips(tips_dir: Path) -> list[Path]:
    """The tips edited, one per dirty build: spread over the list, not only its first."""
    found = sorted(tips_dir.glob("*.md"))
    step = max(1, len(found) // EDITS)
    return [found[(i * step) % len(found)] for i in range(EDITS)]


def _append(path: Path, sentence: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{sentence}\n")


# --- Another process: `mkdocs serve --dirty` ------------------------------------------------------


def _serve_times(config_file: Path, tips_dir: Path, urls: dict[str, str], figures: SizeFigures) -> None:
    docs = config_file.parent / "docs"
    with _serving(config_file) as base:
        for n, tip in enumerate(_tips(tips_dir)):
            words = f"Saved under serve, edit {n} at {time.time_ns()}"
            url = base + urls[tip.relative_to(docs).as_posix()]
            _append(tip, words + ".")
            start = time.perf_counter()
            _wait_for(url, words, start)
            figures.served.append(time.perf_counter() - start)
            time.sleep(1.0)  # the watcher's next poll finds nothing more to build


@contextmanager
def _serving(config_file: Path) -> Iterator[str]:
    """`mkdocs serve --dirty --strict` on a free port until the block ends; yields the served address."""
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--strict", "-a", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [*command, "-f", str(config_file)],
        cwd=config_file.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert process.stderr is not None
    stderr = process.stderr
    threading.Thread(target=lambda: [lines.put(line) for line in stderr], daemon=True).start()
    try:
        yield _served_address(process, lines)
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs shuts down and removes its folder
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _served_address(process: subprocess.Popen[str], lines: queue.Queue[str]) -> str:
    seen: list[str] = []
    deadline = time.monotonic() + SERVE_START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1.0)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        if found := re.search(r"Serving on (http://\S+)", line):
            return found.group(1).rstrip("/") + "/"
    raise RuntimeError("mkdocs serve did not start serving:\n" + "".join(seen[-40:]))


def _wait_for(url: str, words: str, start: float, timeout: float = 120.0) -> None:
    """Ask for `url` until its answer carries `words` (a rebuild holds the answer back until it ends)."""
    while time.perf_counter() - start < timeout:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            if words in answer.read().decode("utf-8"):
                return
        time.sleep(0.01)
    raise RuntimeError(f"{url} did not show the edit within {timeout:.0f} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- The report ------------------------------------------------------------------------------------


def _report(f: SizeFigures) -> str:
    clean, dirty, served = statistics.median(f.clean), statistics.median(f.dirty), statistics.median(f.served)
    share = dirty / clean
    rendered = ", ".join(str(n) for n in f.rendered)
    counters = ", ".join(f"{name}={f.counters.get(name, 'n/a')}" for name in COUNTERS)
    lines = [
        f"Dirty builds as `make serve` runs them: {f.tips:,} tips, {f.coaches:,} coaches, {f.pages:,} pages",
        f"  clean build: {clean:.2f} s (median of {len(f.clean)})",
        f"  dirty build after one tip's text changed: {dirty:.2f} s (median of {len(f.dirty)}; "
        f"{min(f.dirty):.2f}-{max(f.dirty):.2f}), pages rendered: {rendered}; last: {counters}",
        f"  save to served page (`mkdocs serve --dirty`): {served:.2f} s (median of {len(f.served)}; "
        f"{min(f.served):.2f}-{max(f.served):.2f})",
        _verdict(
            share <= DIRTY_SHARE, f"a dirty build at most {DIRTY_SHARE:.0%} of a clean one: {share:.1%}"
        ),
    ]
    target = next((seconds for most, seconds in SERVE_TARGETS if f.tips <= most), None)
    if target is None:
        lines.append(f"n/a   no target for the time from save to served page at {f.tips:,} tips")
    else:
        lines.append(
            _verdict(served <= target, f"the edited page served within {target:g} s: {served:.2f} s")
        )
    for name, what in zip(COUNTERS, ("renders no social card again", "re-reads no coach file"), strict=True):
        value = f.counters.get(name)
        lines.append(
            f"n/a   the rebuild {what}"
            if value is None
            else _verdict(value == 0, f"the rebuild {what}: {name}={value}")
        )
    return "\n".join(lines)


def _verdict(ok: bool, text: str) -> str:
    return f"{'PASS' if ok else 'FAIL'}  {text}"
