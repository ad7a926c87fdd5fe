#!/usr/bin/env python3
"""The content gate: what must hold for any content before the site is published.

    scripts/check_site.py                    # build strictly into a temporary folder, then check it
    scripts/check_site.py --site-dir site    # check a build already made (`make build`), as deployed

It runs the coach files' checks (scripts/check_coaches.py), builds the site with `mkdocs build
--strict` unless given a build, serves the build on 127.0.0.1 under the path of its site_url as GitHub
Pages does, and crawls it from the home page: every link, asset, feed, social card, canonical URL and
sitemap entry must answer and stay under the site's address, every feed must parse, and no page may
load anything from another site. It says nothing about how the site looks or behaves in a browser:
that is the product's test suite (`make test`), which gates changes to the code, not to the content.
Exit status 0 when all holds, 1 on any problem (each printed on a line), 2 when called wrongly.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

import check_coaches  # scripts/check_coaches.py
from site_crawl import Crawl, Ref, built_pages, parse
from static_server import serve  # scripts/static_server.py: GitHub Pages' behaviour, written once

LISTED = 100  # problems printed; the rest are counted


def site_url_of(out: Path) -> str:
    """The address the build was made for, from its home page's canonical link."""
    home = out / "index.html"
    if not home.is_file():
        raise SystemExit(f"{out} holds no index.html: is it a built site?")
    canonical = parse(home.read_text(encoding="utf-8")).xpath("//link[@rel='canonical']/@href")
    if not canonical:
        raise SystemExit(f"{home} has no canonical link: set site_url in mkdocs.yml")
    return str(canonical[0])


def build(config: Path, out: Path, engine: str) -> int:
    command = [
        sys.executable,
        "-m",
        engine,
        "build",
        "--strict",
        "--config-file",
        str(config),
        "-d",
        str(out),
    ]
    print(f"Building: {engine} build --strict", flush=True)
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, env=env, check=False).returncode


def crawl(out: Path) -> tuple[list[str], list[str], int]:
    """(problems, pages no link leads to, addresses checked) of the built site in `out`."""
    site_url = site_url_of(out)
    prefix = urlsplit(site_url).path or "/"
    with serve(out, prefix if prefix.endswith("/") else prefix + "/") as served:
        found = Crawl(served, site_url).run(served.url)
        reached = {address.partition("?")[0] for address in found.pages}  # by links, before the sitemap
        sitemap = out / "sitemap.xml"
        if sitemap.is_file():
            locations = etree.fromstring(sitemap.read_bytes()).xpath("//*[local-name()='loc']/text()")
            for location in locations:
                found.check(Ref("canonical", str(location)), served.url, "sitemap.xml")
        unreached = sorted(built_pages(out, served) - reached)
        lonely = [address.removeprefix(served.url) or "/" for address in unreached]
        return found.problems, lonely, len(found.responses)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, help="a built site to check (default: build one)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    parser.add_argument("--engine", choices=("mkdocs", "properdocs"), default="mkdocs")
    args = parser.parse_args(argv)
    if not args.config.is_file():
        parser.error(f"no {args.config} here: run this from the site's folder, or pass --config")
    print("Checking the coach files", flush=True)
    if check_coaches.main(["--config", str(args.config)]) != 0:
        return 1
    with tempfile.TemporaryDirectory(prefix="check-site-") as scratch:
        out = args.site_dir or Path(scratch) / "site"
        if args.site_dir is None and build(args.config, out, args.engine) != 0:
            print("The strict build failed: the lines above say why.", file=sys.stderr)
            return 1
        print(f"Crawling the build in {out}", flush=True)
        problems, unreached, checked = crawl(out)
    for address in unreached:
        print(f"note: no link leads to {address} (it is published, but readers can only find it by search)")
    for problem in problems[:LISTED]:
        print(problem)
    if len(problems) > LISTED:
        print(f"... and {len(problems) - LISTED} more")
    if problems:
        print(f"{len(problems)} {'problem' if len(problems) == 1 else 'problems'} in the built site.")
        return 1
    print(
        f"The site holds together: {checked} addresses checked; every link, asset, feed and card answers, "
        "and nothing is loaded from another site."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
