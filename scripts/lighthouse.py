"""Lighthouse on the built site, served with gzip as GitHub Pages serves it: one row per page kind.

    .venv/bin/python scripts/lighthouse.py              # build the site, then audit it
    .venv/bin/python scripts/lighthouse.py --site-dir site   # audit an existing build (`make build`)

It builds the site (strict) into .cache/lighthouse/site unless given a build, serves it on 127.0.0.1
under the path of `site_url` (/run-tips/) with gzip, installs Lighthouse 12.2.3 once into
.cache/lighthouse/ with npm (the only step that uses the network) and runs it with Debian's Chromium
on a phone (Lighthouse's default mobile emulation and throttling) on the home page, a tip, the tip
index, the article, the coach finder and a coach profile. The pages are found in the build (the first
tip linked from the tip index, the first profile linked from the finder...), so it works whatever the
content. It prints performance, accessibility, best practices and SEO per page, the audits that cost
points on a page below budget, writes Lighthouse's JSON reports to .cache/lighthouse/reports/, and
exits 1 when a page is below budget: performance at least 98, the other three 100.

The server is static_server.py's (as GitHub Pages serves a project site); the page finder is shared
with tests/test_layout_shift.py.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from static_server import serve  # scripts/static_server.py: served as GitHub Pages serves it

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".cache" / "lighthouse"
LIGHTHOUSE_VERSION = "12.2.3"
CHROME_PATH = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The lowest score (0-100) each category may have on every page audited.
BUDGET = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
# The page kinds Lighthouse audits, in the order of the table.
AUDITED = ("home", "tip", "tip index", "article", "finder", "coach profile")

# ---------------------------------------------------------------- finding the pages of each kind

_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*("([^"]*)"|'([^']*)')""", re.IGNORECASE)
_ORIGIN = "https://site.invalid/"


@dataclass(frozen=True)
class Layout:
    """Where a build puts each kind of page: the plugin's folders and the coach files' names."""

    tips_dir: str = "tips"
    articles_dir: str = "articles"
    tags_dir: str = "tags"
    coaches_dir: str = "coaches"
    coach_slugs: frozenset[str] = frozenset()

    @classmethod
    def of(cls, config: Any) -> Layout:
        """The layout of a site from its loaded MkDocs config (a build's `config`)."""
        options = config.plugins["coachblog"].config
        coaches = Path(config["docs_dir"]) / options.coaches_dir
        slugs = frozenset(p.stem for p in [*coaches.glob("*.yml"), *coaches.glob("*.yaml")])
        return cls(options.tips_dir, options.articles_dir, options.tags_dir, options.coaches_dir, slugs)


def _links(site_dir: Path, page: str) -> list[str]:
    """The site-relative pages the page at `page` ('tips/') links to, in order, each once."""
    path = site_dir / page / "index.html"
    if not path.is_file():
        return []
    found: list[str] = []
    for match in _HREF.finditer(path.read_text(encoding="utf-8")):
        href = match.group(2) if match.group(2) is not None else match.group(3)
        absolute = urljoin(_ORIGIN + page, href.strip())
        if not absolute.startswith(_ORIGIN):
            continue
        target = urlsplit(absolute.removeprefix(_ORIGIN)).path
        is_page = (target == "" or target.endswith("/")) and (site_dir / target / "index.html").is_file()
        if is_page and target not in found:
            found.append(target)
    return found


def _first(links: list[str], under: str, but: Sequence[str] = ()) -> str | None:
    """The first link to a page inside folder `under` ('tips/'), not the folder's own page or `but`."""
    return next(
        (link for link in links if link.startswith(under) and link != under and link not in but), None
    )


def discover_pages(site_dir: Path, layout: Layout) -> dict[str, str]:
    """Each kind of page of the built site in `site_dir` with its site-relative URL ('' is the home
    page), found through the site's own links: the first tip of the tip index, the first tag of the
    tag index, the first profile on the finder... A kind the site has no page of is left out. '404' is
    an address with no page."""
    tips, articles, tags = f"{layout.tips_dir}/", f"{layout.articles_dir}/", f"{layout.tags_dir}/"
    coaches = f"{layout.coaches_dir}/"
    home_links = _links(site_dir, "")
    pages: dict[str, str | None] = {"home": ""}
    pages["article"] = _first(home_links, articles) or _first(_links(site_dir, tips), articles)
    pages["tip index"] = tips
    pages["tip"] = _first(_links(site_dir, tips), tips)
    pages["tag index"] = tags
    pages["tag"] = _first(_links(site_dir, tags), tags)
    pages["subscribe"] = "subscribe/"
    pages["finder"] = coaches
    profiles = [f"{coaches}{slug}/" for slug in layout.coach_slugs]
    pages["coach profile"] = next((link for link in _links(site_dir, coaches) if link in profiles), None)
    pages["join"] = f"{coaches}join/"
    generated = (tips, articles, tags, coaches, "subscribe/")
    everywhere = [link for page in ("", tips, coaches) for link in _links(site_dir, page)]
    pages["page"] = next((link for link in everywhere if link and not link.startswith(generated)), None)
    kept = {
        kind: url
        for kind, url in pages.items()
        if url is not None and (site_dir / url / "index.html").is_file()
    }
    kept["404"] = "this-address-has-no-page/"
    return kept


# ---------------------------------------------------------------- Lighthouse


def lighthouse_cli(cache: Path = CACHE) -> Path:
    """Lighthouse's command, installed into `cache` with npm the first time (the only network use)."""
    cli = cache / "node_modules" / "lighthouse" / "cli" / "index.js"
    package = cache / "node_modules" / "lighthouse" / "package.json"
    if cli.is_file() and json.loads(package.read_text(encoding="utf-8")).get("version") == LIGHTHOUSE_VERSION:
        return cli
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("Lighthouse needs Node.js 18 or newer and npm: install them (apt-get install nodejs npm).")
    print(f"Installing Lighthouse {LIGHTHOUSE_VERSION} into {cache} (once)...", flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    command = [npm, "install", "--exact", "--no-audit", "--no-fund", "--prefix", str(cache)]
    subprocess.run([*command, f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return cli


@dataclass
class Audited:
    kind: str
    url: str
    scores: dict[str, int]
    losses: dict[str, list[str]]  # per category below budget: the audits that cost points
    cpu: float = 0.0  # Lighthouse's benchmark index of this machine during the run (about 1000+ expected)
    warnings: tuple[str, ...] = ()
    kilobytes: float = 0.0  # what the page's first load transferred (gzip where served so)

    def failures(self) -> list[str]:
        return [name for name in CATEGORIES if self.scores.get(name, 0) < BUDGET[name]]


def run_lighthouse(cli: Path, kind: str, url: str, reports: Path, runs: int = 1) -> Audited:
    """Lighthouse on a phone (Lighthouse's default) `runs` times: the run of median performance, its
    JSON report kept in `reports` (the others beside it, numbered)."""
    name = re.sub(r"[^a-z0-9]+", "-", kind)
    done = [
        _run_once(cli, kind, url, reports / f"{name}{'' if runs == 1 else f'-{n + 1}'}.json")
        for n in range(runs)
    ]
    median = sorted(done, key=lambda r: r[0].scores["performance"])[(runs - 1) // 2]
    if runs > 1:
        shutil.copy(median[1], reports / f"{name}.json")
    return median[0]


def _run_once(cli: Path, kind: str, url: str, report: Path) -> tuple[Audited, Path]:
    command = [
        "node",
        str(cli),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    environment = {**os.environ, "CHROME_PATH": CHROME_PATH}
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not report.is_file():
        sys.exit(f"Lighthouse failed on {url} (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return read_report(kind, url, json.loads(report.read_text(encoding="utf-8"))), report


def read_report(kind: str, url: str, result: dict[str, Any]) -> Audited:
    """The four scores (0-100) of a Lighthouse JSON report, with what cost points where below budget."""
    categories, audits = result["categories"], result["audits"]
    scores = {name: round(100 * (categories[name]["score"] or 0)) for name in CATEGORIES}
    losses: dict[str, list[str]] = {}
    for name in CATEGORIES:
        if scores[name] >= BUDGET[name]:
            continue
        lines = []
        for ref in categories[name]["auditRefs"]:
            audit = audits[ref["id"]]
            score = audit.get("score")
            if score is None or score >= 1 or (ref.get("weight", 0) == 0 and name != "performance"):
                continue
            if name == "performance" and ref.get("weight", 0) == 0 and score >= 0.9:
                continue
            value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            weight = f"weight {ref['weight']}" if ref.get("weight") else "diagnostic"
            lines.append(f"{ref['id']}: {audit['title']}{value} [score {score:.2f}, {weight}]")
        losses[name] = lines
    cpu = float(result.get("environment", {}).get("benchmarkIndex") or 0)
    transferred = audits.get("total-byte-weight", {}).get("numericValue") or 0
    return Audited(kind, url, scores, losses, cpu, tuple(result.get("runWarnings") or ()), transferred / 1024)


def print_table(results: list[Audited]) -> None:
    heads = ("page", "performance", "accessibility", "best-practices", "seo", "KB loaded", "cpu index", "url")
    rows = [
        (
            r.kind,
            *[f"{r.scores[c]}{'' if c not in r.failures() else ' !'}" for c in CATEGORIES],
            f"{r.kilobytes:.0f}",
            f"{r.cpu:.0f}",
            r.url,
        )
        for r in results
    ]
    widths = [max(len(str(row[i])) for row in [heads, *rows]) for i in range(len(heads))]
    for row in [heads, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    budget = ", ".join(f"{name} >= {BUDGET[name]}" for name in CATEGORIES)
    print(f"\nBudget: {budget}; '!' marks a score below it.")
    if any(r.warnings for r in results):
        slow = ", ".join(r.kind for r in results if r.warnings)
        print(
            f"Lighthouse warned on {slow}: {next(w for r in results for w in r.warnings)}\n"
            "Performance depends on how busy this machine is (the cpu index: Lighthouse expects about "
            "1000 or more); run again on a quiet machine, or with --runs 5 for the median, before "
            "trusting a performance score near the budget."
        )
    for result in results:
        for name, lines in result.losses.items():
            print(f"\n{result.kind} ({result.url}), {name} {result.scores[name]}:")
            for line in lines or ["(no single audit below full score: the metrics add up below budget)"]:
                print(f"  - {line}")


# ---------------------------------------------------------------- building and the command line


def load_site_config(config_file: Path, site_dir: Path | None = None) -> Any:
    from mkdocs.config import load_config  # noqa: PLC0415 (MkDocs only when a build is needed)

    overrides = {"site_dir": str(site_dir)} if site_dir else {}
    config = load_config(str(config_file), **overrides)
    config["strict"] = True
    return config


def build_site(config: Any) -> None:
    from mkdocs.commands.build import build  # noqa: PLC0415

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build(config)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--site-dir",
        type=Path,
        help="audit this existing build (e.g. site/ after `make build`) instead of building one",
    )
    parser.add_argument("--config", type=Path, default=REPO / "mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument(
        "--pages",
        default=",".join(AUDITED),
        help=f"page kinds to audit, comma-separated (default: {','.join(AUDITED)})",
    )
    parser.add_argument(
        "--runs", type=int, default=1, help="Lighthouse runs per page; the median is kept (default 1)"
    )
    parser.add_argument("--port", type=int, default=0, help="port to serve on (default: any free one)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    cli = lighthouse_cli()
    if args.site_dir:
        config = load_site_config(args.config)
        site_dir = args.site_dir.resolve()
        if not (site_dir / "index.html").is_file():
            sys.exit(f"{site_dir} holds no built site (no index.html): run `make build` first.")
    else:
        site_dir = CACHE / "site"
        config = load_site_config(args.config, site_dir)
        print(f"Building the site into {site_dir}...", flush=True)
        build_site(config)
    prefix = urlsplit(str(config["site_url"] or "/")).path or "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    pages = discover_pages(site_dir, Layout.of(config))
    wanted = [kind.strip() for kind in args.pages.split(",") if kind.strip()]
    unknown = [kind for kind in wanted if kind not in pages]
    if unknown:
        sys.exit(f"No page of kind {', '.join(unknown)} in {site_dir}; the site has: {', '.join(pages)}.")
    reports = CACHE / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    results = []
    with serve(site_dir, prefix, args.port) as served:
        for kind in wanted:
            url = served.page_url(pages[kind])
            print(f"Lighthouse: {kind} ({url})...", flush=True)
            results.append(run_lighthouse(cli, kind, url, reports, max(1, args.runs)))
    print()
    for result in results:
        result.url = "/" + pages[result.kind]
    print_table(results)
    print(f"\nJSON reports: {reports.relative_to(REPO) if reports.is_relative_to(REPO) else reports}/")
    return 1 if any(r.failures() for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
