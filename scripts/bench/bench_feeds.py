"""Figures for the feeds: their sizes on the project's own site, and what writing them adds to a build.

Run: `PYTHONPATH=scripts .venv/bin/python -m bench.bench_feeds [--tips 1000] [--runs 5]`. Nothing is
asserted; it prints sizes in bytes and median seconds. The timed site holds synthetic tips from benchgen.py
(the same words every run) with the project's overrides; each build runs `mkdocs build --strict`
in its own process, alternately with feeds on and off, social cards off in both so that only the
feeds differ. The plugin's own "feeds" share comes from COACHBLOG_TIMINGS (see timings.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench.benchgen import make_content, write_ours

REPO = Path(__file__).resolve().parents[2]
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
FEED_NAMES = ("feed.xml", "atom.xml", "feed.json")


def build(config: Path, out: Path, timings: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one build in its own process (CPU time barely moves with machine load)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1800000000")
    if timings is not None:
        env["COACHBLOG_TIMINGS"] = str(timings)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [MKDOCS, "build", "--strict", "-q", "-f", str(config), "-d", str(out)],
        check=True,
        env=env,
        cwd=config.parent,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def sizes(out: Path) -> dict[str, int]:
    """Bytes of the site's own feeds, and of all tag feeds together per format."""
    found = {name: (out / name).stat().st_size for name in FEED_NAMES}
    for name in FEED_NAMES:
        tags = list((out / "tags").glob(f"*/{name}"))
        found[f"tags/*/{name} ({len(tags)} files)"] = sum(p.stat().st_size for p in tags)
    return found


def repo_sizes(tmp: Path) -> dict[str, int]:
    site = tmp / "repo"
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "mkdocs.yml", site / "mkdocs.yml")
    build(site / "mkdocs.yml", site / "site")
    return sizes(site / "site")


def synthetic_site(root: Path, tips: int, feeds: bool) -> Path:
    """mkdocs.yml for `tips` synthetic tips; both configs share one docs/ folder."""
    if not (root / "docs").exists():
        write_ours(make_content(tips, 0), root / "docs")
        (root / "docs" / "index.md").write_text("# Home\n\n<!-- newest-tips -->\n", encoding="utf-8")
        shutil.copytree(REPO / "overrides", root / "overrides")
    config = {
        "site_name": "Feed bench",
        "site_url": "https://example.github.io/coach-blog/",
        "theme": {"name": "material", "custom_dir": "overrides", "font": False},
        "plugins": [{"coachblog": {"social_cards": False, "feeds": {"enabled": feeds}}}],
        # Like the real site: tips are reached from the index, not listed in every page's nav.
        "nav": ["index.md", "tips/index.md", "tags/index.md"],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    path = root / ("feeds-on.yml" if feeds else "feeds-off.yml")
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tips", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        print("Feed sizes of the project's own site (bytes):")
        for name, size in repo_sizes(tmp).items():
            print(f"  {name:32} {size:>9,}")
        root = tmp / "synthetic"
        on, off = synthetic_site(root, args.tips, True), synthetic_site(root, args.tips, False)
        build(on, tmp / "warm")  # warm the disk cache and .pyc files before timing
        runs: dict[str, list[tuple[float, float]]] = {"on": [], "off": []}
        parts: list[float] = []
        for run in range(args.runs):
            timings = tmp / f"timings-{run}.json"
            runs["on"].append(build(on, tmp / "on", timings))
            parts.append(json.loads(timings.read_text())["parts"].get("feeds", 0.0))
            runs["off"].append(build(off, tmp / "off"))
        print(f"\n{args.tips} synthetic tips, {args.runs} builds each, median seconds:")
        for index, label in ((0, "wall"), (1, "CPU")):
            on_s, off_s = (statistics.median(r[index] for r in runs[k]) for k in ("on", "off"))
            print(
                f"  {label:4}  feeds on {on_s:6.2f}  off {off_s:6.2f}  difference {on_s - off_s:+.2f} "
                f"({(on_s / off_s - 1) * 100:+.1f} %)"
            )
        print(
            f"  the plugin's 'feeds' part alone (collecting bodies, writing files): "
            f"{statistics.median(parts):.3f} s"
        )
        print("Feed sizes of the synthetic site (bytes):")
        for name, size in sizes(tmp / "on").items():
            print(f"  {name:32} {size:>9,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
