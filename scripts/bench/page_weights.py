#!/usr/bin/env python3
"""What a reader downloads on opening a page, before touching it: each page kind's first load.

    python -m bench.page_weights SITE_DIR [OTHER_SITE_DIR]

A built site is served from its folder; headless Chromium (Debian's, driven by Playwright) opens one
page of each kind on a 390x844 phone and records every request until the network has been idle for
half a second. The weight of a request is the file's size gzipped, as GitHub Pages serves it. With
two folders it prints both columns and the second as a share of the first (the budgets of the issue
"A site that stays light at any size": a large site at most 10 % above the sample site).

Page kinds are found in the built folder, never by the names of sample content: the first tip (a
page with a tip header), the first tag page, the first coach profile, and so on.
"""

from __future__ import annotations

import functools
import gzip
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from playwright.sync_api import Browser, Request, ViewportSize, sync_playwright

from bench.bench_sites import PLUGIN, Project, prepare
from static_server import serve  # scripts/static_server.py: served as GitHub Pages serves a project site

CHROMIUM = "/usr/bin/chromium"
PREFIX = "/run-tips/"
PHONE: ViewportSize = {"width": 390, "height": 844}
SETTLE_MS = 500

# Page kind -> how to find one in a built site (directory URLs). Folders are the plugin's defaults.
KINDS = (
    "home",
    "article",
    "tip",
    "tip index",
    "tag page",
    "subscribe",
    "about",
    "coach finder",
    "coach profile",
    "404",
)


@dataclass
class Weight:
    """One page's first load: gzip bytes per file requested, and requests to other sites."""

    files: dict[str, int] = field(default_factory=dict)
    elsewhere: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.files.values())


@functools.lru_cache(maxsize=4096)
def _gzip_size(path: Path, mtime: float) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def gzip_size(path: Path) -> int:
    """The bytes a file takes on the wire from GitHub Pages (gzip, level 6)."""
    return _gzip_size(path, path.stat().st_mtime)


def _first(paths: Iterator[Path], marker: str | None = None) -> Path | None:
    for path in paths:
        if marker is None or marker in path.read_text(encoding="utf-8", errors="replace"):
            return path
    return None


def _pages(folder: Path) -> Iterator[Path]:
    """index.html of each direct sub-folder, in name order."""
    if folder.is_dir():
        for child in sorted(folder.iterdir()):
            if (child / "index.html").is_file():
                yield child / "index.html"


def page_kinds(site: Path) -> dict[str, str]:
    """Page kind -> its path in `site` (e.g. 'tips/take-a-break/'), for the kinds this site has."""
    found: dict[str, Path | None] = {
        "home": site / "index.html",
        "article": _first(_pages(site / "articles")),
        "tip": _first(_pages(site / "tips"), 'class="cb-tip-header'),
        "tip index": site / "tips" / "index.html",
        "tag page": _first(_pages(site / "tags")),
        "subscribe": site / "subscribe" / "index.html",
        "about": site / "about" / "index.html",
        "coach finder": site / "coaches" / "index.html",
        "coach profile": _first(_pages(site / "coaches"), 'class="cb-profile'),
        "404": site / "404.html",
    }
    kinds = {}
    for kind in KINDS:
        path = found[kind]
        if path is not None and path.is_file():
            rel = path.relative_to(site).as_posix()
            kinds[kind] = rel.removesuffix("index.html")
    return kinds


def list_pages(site: Path) -> list[Path]:
    """Every page of the tip index and of the tag pages (their later pages too)."""
    pages = [p for p in (site / "tips").rglob("index.html") if "page" in p.relative_to(site / "tips").parts]
    pages.append(site / "tips" / "index.html")
    pages.extend((site / "tags").rglob("index.html"))
    return [p for p in pages if p.is_file() and p != site / "tags" / "index.html"]


def largest_list_page(site: Path) -> tuple[str, int]:
    """The tip index or tag page with the largest HTML file, and its gzip size."""
    sizes = {p.relative_to(site).as_posix(): gzip_size(p) for p in list_pages(site)}
    name = max(sizes, key=lambda n: sizes[n])
    return name, sizes[name]


def _file_for(site: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path)
    if not path.startswith(PREFIX):
        return None
    local = site / path[len(PREFIX) :]
    if local.is_dir() or path.endswith("/"):
        local = local / "index.html"
    return local if local.is_file() else None


def _record(seen: list[str], request: Request) -> None:
    seen.append(request.url)


def first_loads(
    site: Path, kinds: dict[str, str] | None = None, browser: Browser | None = None
) -> dict[str, Weight]:
    """Each page kind's first load in Chromium on a phone: gzip bytes of every file it fetched. Pass
    `browser` when Playwright already runs in this process (a test session): it cannot start twice."""
    kinds = page_kinds(site) if kinds is None else kinds
    if browser is None:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                return first_loads(site, kinds, launched)
            finally:
                launched.close()
    weights: dict[str, Weight] = {}
    with serve(site, PREFIX) as served:
        base = served.url
        context = browser.new_context(viewport=PHONE, service_workers="block")
        try:
            for kind, path in kinds.items():
                weight = weights[kind] = Weight()
                page = context.new_page()
                seen: list[str] = []
                page.on("request", functools.partial(_record, seen))
                page.goto(base + path, wait_until="load")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(SETTLE_MS)
                page.close()
                for url in seen:
                    if not url.startswith(base.removesuffix(PREFIX)):
                        if not url.startswith(("data:", "blob:")):
                            weight.elsewhere.append(url)
                        continue
                    local = _file_for(site, url)
                    if local is not None:
                        weight.files[local.relative_to(site).as_posix()] = gzip_size(local)
        finally:
            context.close()
    return weights


def large_site(root: Path, tips: int = 3000, coaches: int = 10000, seed: int = 7) -> Path:
    """A generated site of `tips` tips and `coaches` coaches with the project's config and social cards
    off (bench/benchgen.py); returns its mkdocs.yml, whose site folder is `site/` beside it."""
    project = Project.load(Path(__file__).resolve().parents[2] / "mkdocs.yml")
    sites = prepare(project, root, tips=tips, coaches=coaches, seed=seed, stock=False)
    config = sites.configs["ours"]
    values = yaml.safe_load(config.read_text(encoding="utf-8"))
    values["plugins"] = [
        {name: {**options, "social_cards": False} if name == PLUGIN else options} if options else name
        for name, options in project.plugins
    ]
    values["site_dir"] = str(config.parent / "site")
    config.write_text(yaml.safe_dump(values, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def table(columns: dict[str, dict[str, Weight]]) -> str:
    """A Markdown table of first loads: one row per page kind, one column per site, and the ratio."""
    names = list(columns)
    head = ["page kind", *names] + (["ratio"] if len(names) == 2 else [])
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for kind in KINDS:
        cells = [columns[n].get(kind) for n in names]
        if all(c is None for c in cells):
            continue
        row = [kind, *(kb(c.total) if c else "-" for c in cells)]
        if len(names) == 2 and cells[0] and cells[1]:
            row.append(f"{cells[1].total / cells[0].total:.2f}")
        elif len(names) == 2:
            row.append("-")
        rows.append("| " + " | ".join(row) + " |")
    return "\n".join(rows)


def biggest_files(weight: Weight, count: int = 5) -> str:
    top = sorted(weight.files.items(), key=lambda item: -item[1])[:count]
    return ", ".join(f"{re.sub(r'[.][0-9a-f]{8}[.]', '.', name)} {kb(size)}" for name, size in top)


def report(out: Path, tips: int = 3000, coaches: int = 10000) -> str:
    """`make bench`'s table of first loads: the project's site against a generated large site."""
    repo = Path(__file__).resolve().parents[2]
    mkdocs = Path(sys.executable).parent / "mkdocs"
    sample = out / "sample-site"
    subprocess.run(
        [mkdocs, "build", "-q", "-f", repo / "mkdocs.yml", "-d", sample],
        check=True,
        cwd=repo,
        env=_quiet_env(),
    )
    config = large_site(out / "large", tips, coaches)
    subprocess.run([mkdocs, "build", "-q", "-f", config], check=True, cwd=repo, env=_quiet_env())
    large = config.parent / "site"
    kinds = page_kinds(sample)
    large_kinds = page_kinds(large)
    columns = {
        "sample site": first_loads(sample, kinds),
        f"{tips:,} tips, {coaches:,} coaches": first_loads(
            large, {k: v for k, v in large_kinds.items() if k in kinds}
        ),
    }
    page, size = largest_list_page(large)
    return (
        "## First load of each page kind (gzip, before any interaction; budget: ratio at most 1.10)\n\n"
        + table(columns)
        + f"\n\nLargest tip index or tag page of the large site: {page}, {kb(size)} gzip (budget 100 KB).\n"
    )


def _quiet_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__)
        return 2
    sites = {Path(a).name or a: Path(a) for a in argv}
    columns = {name: first_loads(site) for name, site in sites.items()}
    print(table(columns))
    for name, site in sites.items():
        page, size = largest_list_page(site)
        print(f"\n{name}: largest tip index or tag page {page}: {kb(size)} gzip")
        for kind, weight in columns[name].items():
            print(f"  {kind}: {biggest_files(weight)}")
            if weight.elsewhere:
                print(f"    requests to other sites: {weight.elsewhere}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
