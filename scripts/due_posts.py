#!/usr/bin/env python3
"""Should this scheduled run publish? Yes when a post that is due by now is not on the live site yet.

    scripts/due_posts.py                         # the live site at site_url (SITE_URL when set)
    scripts/due_posts.py --live http://127.0.0.1:8000/run-tips/   # read another copy of it

The publish workflow runs this every hour. It reads every tip and article as the build does (the
plugin's timezone, default_hour and draft rules; "now" is SOURCE_DATE_EPOCH when set), names each post
still waiting with its date, and fetches the live site's sitemap.xml. A listed post missing from the
sitemap became due since the last deployment, so the site is built and deployed; when every due post is
there, nothing is. When the sitemap cannot be read (first deployment, site down, timeout), it says so
and deploys: a due post is never skipped. Writes deploy=true or deploy=false to $GITHUB_OUTPUT when that
is set. Exit status 0 (whatever the answer), 2 when called wrongly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import re
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.error import URLError

from coachblog.errors import ContentError
from coachblog.posts.frontmatter import read_front_matter
from coachblog.posts.post import Post, PostSettings, parse_post
from coachblog.site_config import read_site_config
from coachblog.urls import page_url

TIMEOUT = 20  # seconds for the live sitemap
SITEMAP_MAX = 20 * 1024 * 1024  # bytes read of it at most
# MkDocs writes one <loc> per line; a pattern reads them without an XML parser's entity expansion.
LOC = re.compile(rb"<loc>\s*([^<\s]+)\s*</loc>")


@dataclass(frozen=True)
class Site:
    docs: Path
    site_url: str
    tips_dir: str
    articles_dir: str
    settings: PostSettings
    use_directory_urls: bool


def read_site(config: Path, now: dt.datetime) -> Site:
    site = read_site_config(config.read_text(encoding="utf-8"))
    site_url = site.text("site_url") or ""
    settings = PostSettings(
        str(site.option("timezone", "Europe/London")),
        int(str(site.option("default_hour", 9))),
        str(site.option("future_posts", "wait")),
        now,
    )
    return Site(
        config.parent / site.docs_dir,
        site_url if site_url.endswith("/") else site_url + "/",
        site.folder("tips_dir", "tips"),
        site.folder("articles_dir", "articles"),
        settings,
        bool(site.values.get("use_directory_urls", True)),
    )


def posts(site: Site) -> tuple[list[Post], list[str]]:
    """Every post as the build reads it, and the files it cannot read (the build will say why)."""
    found, unreadable = [], []
    for kind, folder in (("tip", site.tips_dir), ("article", site.articles_dir)):
        for path in sorted((site.docs / folder).rglob("*.md")):
            if path.name in ("index.md", "README.md"):
                continue
            src = path.relative_to(site.docs).as_posix()
            try:
                fm = read_front_matter(path.read_text(encoding="utf-8"), src)
                post = parse_post(kind, PurePosixPath(src).stem, fm, site.settings)  # type: ignore[arg-type]
            except (ContentError, OSError, UnicodeDecodeError):
                unreadable.append(src)
                continue
            if isinstance(post, list):
                unreadable.append(src)
            else:
                post.url = page_url(folder, post.slug, site.use_directory_urls)
                found.append(post)
    return found, unreadable


def live_pages(address: str) -> set[str] | str:
    """The site-relative URLs in the live sitemap, or why it could not be read."""
    request = urllib.request.Request(address + "sitemap.xml", headers={"User-Agent": "coachblog due_posts"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            body = answer.read(SITEMAP_MAX + 1)
    except (URLError, OSError, ValueError) as error:
        return f"could not read {address}sitemap.xml ({error})"
    if len(body) > SITEMAP_MAX:
        return f"{address}sitemap.xml is larger than {SITEMAP_MAX} bytes"
    return {html.unescape(loc.decode("utf-8", "replace")) for loc in LOC.findall(body)}


def decide(site: Site, live: str) -> tuple[bool, list[str]]:
    """(deploy?, the lines that say why)."""
    found, unreadable = posts(site)
    lines = []
    for post in sorted((p for p in found if p.scheduled), key=lambda p: p.published):
        lines.append(f"waiting: {post.src_uri}, dated {post.published:%Y-%m-%d %H:%M %Z}")
    if unreadable:
        lines += [f"cannot read {src}: building, so the build says why" for src in unreadable]
        return True, lines
    pages = live_pages(live)
    if isinstance(pages, str):
        return True, [*lines, f"{pages}: deploying, so that no due post is missed"]
    shown = {url.removeprefix(site.site_url) for url in pages}
    due = [p for p in found if not p.draft and p.url not in shown]
    for post in due:
        lines.append(
            f"due: {post.src_uri}, dated {post.published:%Y-%m-%d %H:%M %Z}, is not on the live site yet"
        )
    if not due:
        lines.append("Every post due by now is on the live site: nothing to deploy.")
    return bool(due), lines


def build_time() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    parser.add_argument("--live", help="the live site's address (default: site_url)")
    args = parser.parse_args(argv)
    if not args.config.is_file():
        parser.error(f"no {args.config} here: run this from the site's folder, or pass --config")
    site = read_site(args.config, build_time())
    live = args.live or site.site_url
    deploy, lines = decide(site, live if live.endswith("/") else live + "/")
    print("\n".join(lines))
    print(f"deploy={'true' if deploy else 'false'}")
    if output := os.environ.get("GITHUB_OUTPUT"):
        with open(output, "a", encoding="utf-8") as file:
            file.write(f"deploy={'true' if deploy else 'false'}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
