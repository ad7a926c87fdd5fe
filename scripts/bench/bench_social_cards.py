"""Figures for social cards: the time to draw one card, and a 1,000-tip build with a cold and a warm cache.

Run: `PYTHONPATH=scripts .venv/bin/python -m bench.bench_social_cards [--tips 1000] [--cards 20]`.
Nothing is asserted; it prints seconds. The site is the project's own (mkdocs.yml, docs/, overrides/)
copied to a temporary folder with synthetic tips added, built with `mkdocs build --strict` semantics.
"""

from __future__ import annotations

import argparse
import io
import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

from coachblog.social.cards import CardPainter, CardSpec, CardStats
from coachblog.social.fonts import FontSet

REPO = Path(__file__).resolve().parents[2]
WORDS = ("hill", "trail", "tempo", "easy", "long", "winter", "parkrun", "recovery", "fell", "track")
TAGS = ("hills", "trail", "winter", "recovery", "pacing", "beginners", "racing", "kit")


def time_one_card(count: int) -> tuple[float, float, float]:
    """Seconds to load the fonts once, and the median wall and CPU seconds to draw and encode a card."""
    start = time.perf_counter()
    painter = CardPainter(FontSet())
    loaded = time.perf_counter() - start
    times, cpu = [], []
    for i in range(count):
        spec = CardSpec(
            f"Card {i}: a {WORDS[i % 10]} session for a {WORDS[(i + 3) % 10]} week",
            "A one-sentence summary of the tip, long enough to wrap onto a second line of text.",
            "Tip",
            "Run tips from coaches",
            "example.github.io/run-tips",
        )
        start, start_cpu = time.perf_counter(), time.process_time()
        painter.paint(spec).save(io.BytesIO(), format="PNG")
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return loaded, statistics.median(times), statistics.median(cpu)


def synthetic_site(root: Path, tips: int) -> Path:
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    folder = root / "docs" / "tips" / "bench"
    folder.mkdir(parents=True)
    for i in range(tips):
        words = (WORDS[i % 10], WORDS[(i // 10) % 10], WORDS[(i // 100) % 10])
        tags = sorted({TAGS[i % 8], TAGS[(i * 3) % 8]})
        (folder / f"bench-{i:04d}.md").write_text(
            f"---\ntitle: Tip {i}, {' '.join(words)} running\n"
            f"summary: Synthetic tip {i} about {words[0]} runs, for timing the build.\n"
            f"date: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}\ntags: [{', '.join(tags)}]\n---\n\n"
            f"Some advice about {words[0]} running.\n",
            encoding="utf-8",
        )
    return root / "mkdocs.yml"


def timed_build(config_file: Path) -> tuple[float, float, CardStats, float]:
    """Wall and CPU seconds of the build, the card counts, and wall seconds in the link-preview parts."""
    config = load_config(str(config_file))
    config["strict"] = True
    start, start_cpu = time.perf_counter(), time.process_time()
    build(config)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    plugin: Any = config.plugins["coachblog"]
    social = sum(plugin.timings.seconds.get(part, 0.0) for part in ("social_meta", "social_cards"))
    return wall, cpu, plugin.card_stats, social


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tips", type=int, default=1000)
    parser.add_argument("--cards", type=int, default=20)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    loaded, one, one_cpu = time_one_card(args.cards)
    print(
        f"fonts loaded once: {loaded:.3f} s; one card drawn and encoded: {one * 1000:.1f} ms "
        f"({one_cpu * 1000:.1f} ms CPU; median of {args.cards})"
    )
    with tempfile.TemporaryDirectory() as temp:
        config_file = synthetic_site(Path(temp), args.tips)
        for label in ("cold cache", "warm cache"):
            wall, cpu, stats, social = timed_build(config_file)
            print(
                f"{args.tips} synthetic tips + the site, {label}: {wall:.2f} s ({cpu:.2f} s CPU),"
                f" of which previews and cards {social:.2f} s;"
                f" {stats.rendered} cards drawn, {stats.reused} reused"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
