"""Benchmark: our site against the same Markdown without our plugin and against Material's stock blog.

For each size it generates N tips and M coaches (scripts/benchgen.py, seeded), then builds, side by
side, each in its own `mkdocs build` process:

  (1) ours   the project's mkdocs.yml (inherited) pointed at the generated docs, social cards warm;
  (2) plain  the same config and Markdown with the coachblog plugin taken out;
  (3) stock  Material's blog and tags plugins with mkdocs-rss-plugin, from a separate virtual
             environment this script creates from scripts/bench-stock-requirements.txt.

It prints (and writes to bench-out/results.md) median wall seconds, peak memory and pages written,
the ratios (1)/(2) and (1)/(3), the targets of issue 7, and the share of build time per part of our
plugin (from the COACHBLOG_TIMINGS file, see plugins/coachblog/timings.py).

Other modes: `--serve-check` rebuilds once after editing one tip the way `mkdocs serve` does and
reports the plugin's `cards_rendered` and `coach_files_read` counters; `--profile N` profiles one
in-process build of our site at N tips.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import posixpath
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import yaml_load
from pyinstrument import Profiler

import coachblog

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchgen  # a sibling script, not an installed module

REPO = Path(__file__).resolve().parent.parent
STOCK_REQUIREMENTS = REPO / "scripts" / "bench-stock-requirements.txt"
TIMINGS_ENV = "COACHBLOG_TIMINGS"  # the same name as coachblog.timings.TIMINGS_ENV
VARIANTS = ("ours", "bare", "plain", "stock")
LABELS = {
    "ours": "(1) our site",
    "bare": "(1b) our site, no coach files",  # the very pages of (2), plus the plugin's own lists
    "plain": "(2) plugin off",
    "stock": "(3) stock blog",
}
PLUGIN = "coachblog"
COUNTERS = ("cards_rendered", "coach_files_read")


# --- The project's configuration -----------------------------------------------------------------


@dataclass
class Project:
    """What the benchmark needs from the project's mkdocs.yml."""

    config_file: Path
    values: dict[str, Any]

    @classmethod
    def load(cls, config_file: Path) -> Project:
        with config_file.open("rb") as handle:  # !ENV and INHERIT resolved as MkDocs does
            return cls(config_file, yaml_load(handle))

    @property
    def plugins(self) -> list[tuple[str, dict[str, Any]]]:
        return plugin_entries(self.values.get("plugins", []))

    @property
    def options(self) -> dict[str, Any]:
        """Our plugin's options, defaults filled in for the folders the generator writes."""
        found = next((opts for name, opts in self.plugins if name == PLUGIN), {})
        return {"tips_dir": "tips", "articles_dir": "articles", "coaches_dir": "coaches", **found}

    @property
    def docs_dir(self) -> Path:
        return (self.config_file.parent / str(self.values.get("docs_dir", "docs"))).resolve()

    def theme(self, custom_dir: bool) -> dict[str, Any]:
        """The theme settings, with custom_dir made absolute (kept) or dropped."""
        theme = self.values.get("theme", "mkdocs")
        theme = {"name": theme} if isinstance(theme, str) else dict(theme)
        if "custom_dir" in theme:
            if custom_dir:
                theme["custom_dir"] = str((self.config_file.parent / theme["custom_dir"]).resolve())
            else:
                del theme["custom_dir"]
        return theme


def plugin_entries(plugins: Any) -> list[tuple[str, dict[str, Any]]]:
    """`plugins:` in any of the shapes MkDocs accepts, as (name, options) pairs."""
    if isinstance(plugins, dict):
        return [(str(k), dict(v or {})) for k, v in plugins.items()]
    entries: list[tuple[str, dict[str, Any]]] = []
    for item in plugins or []:
        if isinstance(item, str):
            entries.append((item, {}))
        else:
            ((name, opts),) = item.items()
            entries.append((str(name), dict(opts or {})))
    return entries


def adapt_nav(
    nav: Any, keep: Callable[[str], bool], articles_dir: str, articles: list[tuple[str, str]]
) -> list[Any]:
    """The project's nav for the generated site: its articles swapped for the generated ones."""
    result: list[Any] = []
    inserted = False
    for item in nav or []:
        title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(target, list):
            if inner := adapt_nav(target, keep, articles_dir, articles):
                result.append({title: inner})
            continue
        if not isinstance(target, str) or "://" in target:
            result.append(item)
        elif target.startswith(f"{articles_dir}/"):
            if not inserted:
                result.extend({t: path} for t, path in articles)
                inserted = True
        elif keep(target):
            result.append(item)
    return result


# --- Generated sites ------------------------------------------------------------------------------


@dataclass
class SiteSet:
    """The three sites of one size, sharing the generated content."""

    root: Path
    tips: int
    coaches: int
    configs: dict[str, Path] = field(default_factory=dict)


def prepare(project: Project, root: Path, *, tips: int, coaches: int, seed: int, stock: bool) -> SiteSet:
    """Generate the content of one size and write a config for each variant."""
    shutil.rmtree(root, ignore_errors=True)
    content = benchgen.make_content(tips, coaches, seed)
    opts = project.options
    docs = root / "ours" / "docs"
    benchgen.write_ours(content, docs, opts["tips_dir"], opts["articles_dir"], opts["coaches_dir"])
    copy_hand_written(project, docs, opts, content)
    articles = [(a.title, f"{opts['articles_dir']}/{a.slug}.md") for a in content.articles]
    sites = SiteSet(root, tips, coaches)
    sites.configs["ours"] = write_inheriting(
        root / "ours",
        project,
        {
            "nav": adapt_nav(project.values.get("nav"), lambda _: True, opts["articles_dir"], articles),
        },
    )
    if coaches:  # (1) without its coach files: (1)/(2) on the same Markdown
        bare_docs = root / "bare" / "docs"
        coach_files = shutil.ignore_patterns("*.yml", "*.yaml")
        shutil.copytree(
            docs,
            bare_docs,
            ignore=lambda d, names: coach_files(d, names) if Path(d) == docs / opts["coaches_dir"] else set(),
        )
        sites.configs["bare"] = write_inheriting(
            root / "bare",
            project,
            {
                "docs_dir": str(bare_docs),
                "nav": adapt_nav(project.values.get("nav"), lambda _: True, opts["articles_dir"], articles),
            },
        )
    excluded = str(project.values.get("exclude_docs") or "") + f"\n/{opts['coaches_dir']}/*.yml\n"
    sites.configs["plain"] = write_inheriting(
        root / "plain",
        project,
        {
            "docs_dir": str(docs),
            "exclude_docs": excluded.strip() + "\n",
            "plugins": [{n: o} if o else n for n, o in project.plugins if not n.startswith(PLUGIN)],
            "nav": adapt_nav(
                project.values.get("nav"), lambda t: (docs / t).is_file(), opts["articles_dir"], articles
            ),
        },
    )
    if stock:
        benchgen.write_stock(content, root / "stock" / "docs")
        sites.configs["stock"] = write_stock_config(root / "stock", project, content)
    return sites


def copy_hand_written(project: Project, docs: Path, opts: dict[str, Any], content: benchgen.Content) -> None:
    """The project's own pages and assets (home, about, styles), not its tips, articles or coaches.

    Links from them to tips or articles that the generated site lacks point at generated ones instead.
    """
    firsts = {
        opts["tips_dir"]: f"{opts['tips_dir']}/{content.tips[0].slug}.md",
        opts["articles_dir"]: f"{opts['articles_dir']}/{content.articles[0].slug}.md",
    }
    for path in sorted(project.docs_dir.rglob("*")):
        rel = path.relative_to(project.docs_dir).as_posix()
        top = rel.split("/")[0] if "/" in rel else ""
        if path.is_dir() or top in firsts or (top == opts["coaches_dir"] and path.suffix != ".md"):
            continue
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            target.write_text(_relink(text, rel, docs, firsts), encoding="utf-8")
        else:
            shutil.copy2(path, target)


def _relink(text: str, rel: str, docs: Path, firsts: dict[str, str]) -> str:
    def swap(match: re.Match[str]) -> str:
        link = posixpath.normpath(posixpath.join(posixpath.dirname(rel), match[1]))
        top = link.split("/")[0]
        if top not in firsts or link.endswith("index.md") or (docs / link).is_file():
            return match[0]
        return f"]({posixpath.relpath(firsts[top], posixpath.dirname(rel) or '.')}{match[2] or ''})"

    return re.sub(r"\]\(([^)\s#:]+\.md)(#[^)\s]*)?\)", swap, text)


def write_inheriting(root: Path, project: Project, overrides: dict[str, Any]) -> Path:
    """A config that inherits the project's mkdocs.yml and changes only where things are."""
    values: dict[str, Any] = {
        "INHERIT": str(project.config_file.resolve()),
        "docs_dir": str(root.parent / "ours" / "docs"),
    }
    theme = project.theme(custom_dir=True)
    if "custom_dir" in theme:
        values["theme"] = {"custom_dir": theme["custom_dir"]}
    if hooks := project.values.get("hooks"):
        values["hooks"] = [str((project.config_file.parent / h).resolve()) for h in hooks]
    values |= overrides
    root.mkdir(parents=True, exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump(values, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config


def write_stock_config(root: Path, project: Project, content: benchgen.Content) -> Path:
    """Material's blog, tags and mkdocs-rss-plugin set up as their documentation suggests."""
    v = project.values
    extensions = [e for e in v.get("markdown_extensions", []) if _dumpable(e)]
    config: dict[str, Any] = {
        "site_name": v.get("site_name", "Run tips"),
        "site_url": v.get("site_url") or "https://example.org/",
        "site_description": v.get("site_description", ""),
        "theme": project.theme(custom_dir=False),
        "markdown_extensions": extensions,
        "plugins": [
            "search",
            {"blog": {"blog_toc": True, "post_date_format": "long"}},
            "tags",
            {
                "rss": {
                    "match_path": "blog/posts/.*",
                    "date_from_meta": {"as_creation": "date", "as_update": "date"},
                    "categories": ["categories", "tags"],
                    "use_git": False,  # dates come from the front matter; the build needs no git
                }
            },
        ],
        "nav": [
            {"Home": "index.md"},
            {"Tips": ["blog/index.md"]},
            {"Articles": [{a.title: f"articles/{a.slug}.md"} for a in content.articles]},
            {"Tags": "tags.md"},
        ],
    }
    if "validation" in v:
        config["validation"] = v["validation"]
    root.mkdir(parents=True, exist_ok=True)
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _dumpable(value: Any) -> bool:
    try:
        yaml.safe_dump(value)
    except yaml.YAMLError:
        return False
    return True


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


# --- Reporting ------------------------------------------------------------------------------------


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def results_table(results: list[Result]) -> str:
    rows = []
    for r in results:
        if r.ok:
            rows.append(
                [
                    f"{r.tips:,}",
                    f"{r.coaches:,}",
                    LABELS[r.variant],
                    f"{r.wall:.2f}",
                    f"{r.cpu:.2f}",
                    f"{r.peak_mb:.0f}",
                    f"{r.pages:,}",
                    r.warmup.warnings,
                ]
            )
        else:
            rows.append([f"{r.tips:,}", f"{r.coaches:,}", LABELS[r.variant], "FAILED", "", "", "", ""])
    header = [
        "N tips",
        "M coaches",
        "variant",
        "wall s (median)",
        "CPU s (median)",
        "peak MB",
        "pages",
        "warnings",
    ]
    return table(header, rows)


def _times(results: list[Result], variant: str, cpu: bool = False) -> dict[int, float]:
    return {r.tips: r.cpu if cpu else r.wall for r in results if r.variant == variant and r.ok and r.runs}


def ratio_table(results: list[Result]) -> str:
    """Ratios of wall time (what the targets use) and of CPU time (steadier on a busy machine)."""
    wall = {v: _times(results, v) for v in VARIANTS}
    cpu = {v: _times(results, v, cpu=True) for v in VARIANTS}

    def ratio(times: dict[str, dict[int, float]], one: str, other: str, n: int) -> str:
        a, b = times[one], times[other]
        return f"{a[n] / b[n]:.2f}" if n in a and n in b else "n/a"

    rows = [
        [
            f"{n:,}",
            *(
                ratio(t, one, other, n)
                for t in (wall, cpu)
                for one, other in (("ours", "plain"), ("ours", "stock"), ("bare", "plain"))
            ),
        ]
        for n in sorted({r.tips for r in results})
    ]
    header = [
        "N tips",
        "(1)/(2)",
        "(1)/(3)",
        "(1b)/(2)",
        "(1)/(2) by CPU time",
        "(1)/(3) by CPU time",
        "(1b)/(2) by CPU time",
    ]
    return table(header, rows)


def target_lines(results: list[Result]) -> list[str]:
    """The targets of issue 7, each PASS, FAIL or n/a (reported, never asserted)."""
    ours, bare, plain, stock = (_times(results, v) for v in VARIANTS)
    coaches = max((r.coaches for r in results if r.variant == "ours"), default=0)
    same_pages = bare if bare else ours  # with no coach files, (1) itself is built from the Markdown of (2)

    def check(label: str, value: float | None, limit: float, missing: str) -> str:
        if value is None:
            return f"n/a   {label} (≤ {limit:.2f}): {missing}"
        return f"{'PASS' if value <= limit else 'FAIL'}  {label}: {value:.2f} (≤ {limit:.2f})"

    def div(a: dict[int, float], n: int, b: dict[int, float], m: int) -> float | None:
        return a[n] / b[m] if n in a and m in b else None

    return [
        check("(1)/(3) at 1,000 tips", div(ours, 1000, stock, 1000), 0.5, "size or variant not run"),
        check("(1)/(3) at 3,000 tips", div(ours, 3000, stock, 3000), 0.5, "size or variant not run"),
        check(
            "(1)/(2) at 1,000 tips, on the same Markdown: (1b), no coach files",
            div(same_pages, 1000, plain, 1000),
            1.10,
            "size or variant not run",
        ),
        check(
            f"(1)/(2) at 1,000 tips, with {coaches:,} coach profiles in (1) only",
            div(ours, 1000, plain, 1000) if bare else None,
            1.10,
            "size or variant not run, or no coaches",
        ),
        check("ours: time(3,000)/time(1,000)", div(ours, 3000, ours, 1000), 3.3, "needs sizes 1000 and 3000"),
    ]


def parts_table(results: list[Result]) -> str:
    """Median seconds per timed part of our plugin, and its share of the median wall time."""
    rows: list[list[object]] = []
    for r in results:
        data = [run.timings for run in r.runs if run.timings]
        if r.variant != "ours" or not data:
            continue
        names = sorted({name for d in data for name in d.get("parts", {})})
        medians = {n: statistics.median(d.get("parts", {}).get(n, 0.0) for d in data) for n in names}
        for name, seconds in sorted(medians.items(), key=lambda item: item[1], reverse=True):
            rows.append([f"{r.tips:,}", name, f"{seconds:.3f}", f"{100 * seconds / r.wall:.1f} %"])
        total = sum(medians.values())
        rows.append([f"{r.tips:,}", "**plugin, all parts**", f"{total:.3f}", f"{100 * total / r.wall:.1f} %"])
        rest = r.wall - total
        rows.append(
            [f"{r.tips:,}", "MkDocs, Material, start-up", f"{rest:.3f}", f"{100 * rest / r.wall:.1f} %"]
        )
    if not rows:
        return "No timings: the plugin wrote no COACHBLOG_TIMINGS file."
    return table(["N tips", "part", "seconds (median)", "share of wall time"], rows)


def report(results: list[Result], args: argparse.Namespace) -> str:
    failures = [
        f"### {LABELS[r.variant]} at {r.tips:,} tips failed\n\n```\n{_tail(r)}\n```"
        for r in results
        if not r.ok
    ]
    return (
        "\n\n".join(
            [
                "# Benchmark results",
                _machine(args),
                "## Builds\n\n" + results_table(results),
                "## Ratios\n\n" + ratio_table(results),
                "## Targets (issue 7)\n\n```\n" + "\n".join(target_lines(results)) + "\n```",
                "## Share of build time per part of our plugin\n\n" + parts_table(results),
                *failures,
            ]
        )
        + "\n"
    )


def _tail(result: Result) -> str:
    run = next((r for r in [result.warmup, *result.runs] if not r.ok), result.warmup)
    return "\n".join(run.log.strip().splitlines()[-25:])


def _machine(args: argparse.Namespace) -> str:
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return (
        f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"commit {commit or 'unknown'} (plus uncommitted changes, if any); seed {args.seed}, "
        f"median of {args.repeat} clean builds after one warm-up build per variant; wall time "
        "includes starting Python and importing MkDocs; each build starts after os.sync(), so the "
        "disk writes of one build are not billed to the next."
    )


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


# --- Command line ---------------------------------------------------------------------------------


def sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
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
        "--serve-check", action="store_true", help="only the warm rebuild check, at the first of --sizes"
    )
    parser.add_argument(
        "--profile", type=int, metavar="N", help="only profile one build of our site with N tips"
    )
    parser.add_argument("--profiler", choices=("cprofile", "pyinstrument"), default="cprofile")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    project = Project.load(args.config.resolve())
    out = args.out.resolve()
    if args.serve_check:
        text = serve_check(project, out / "serve-check", args.sizes[0], args.coaches, args.seed)
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
    (out / "results.md").write_text(text, encoding="utf-8")
    print("\n" + text)
    print(f"Written to {out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
