#!/usr/bin/env python3
"""Make the site yours: name it, point it at your address and repository, and take out every sample.

    make init                                   # asks each question (or: scripts/make_it_yours.py)
    scripts/make_it_yours.py --name "Trail tips" --description "Trail running tips from Keswick" \\
        --site-url https://ffion.github.io/trail-tips/ --repo ffion/trail-tips --owner "Ffion Hale" --yes
    scripts/make_it_yours.py ... --add-coach -- --place Keswick --specialties trail --coaching in-person \\
        --email ffion@example.org --bio "I coach trail runners in the northern fells."

It removes the sample tips, the sample article (and its line in the nav), the sample coaches and the
sample pictures, after listing them; writes a starter home page and About page; and sets site_name,
site_description, site_author, site_url, repo_url and copyright in mkdocs.yml (comments kept). With
--add-coach it then runs scripts/new_coach.py for you (arguments after `--` go to it). It refuses to
run over content that is not a sample: your own tips and coaches are never removed. Exit status 0
when done, 1 when it refused or you said no, 2 when called wrongly.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from coachblog.site_config import read_site_config

# What the project ships to show how the site works, relative to docs/. A coach file is a sample when
# it is named sample-*.yml or says SAMPLE ENTRY (CONTRIBUTING.md asks sample files to).
SAMPLE_POSTS = (
    "articles/lost-your-run-mojo.md",
    *(
        f"tips/{name}.md"
        for name in (
            "book-a-coaching-session",
            "follow-a-gpx-route",
            "follow-runners-online",
            "inspire-someone-else",
            "join-a-running-club",
            "reverse-your-route",
            "run-at-a-different-time",
            "run-for-adventure",
            "sign-up-for-an-event",
            "take-a-break",
            "treat-yourself-to-new-kit",
        )
    ),
)
SAMPLE_FOLDERS = ("assets/images/tips",)  # the sample tips' pictures and their licence
REPO_PATTERN = re.compile(r"^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")


class Refused(Exception):
    """The script will not go on; the message says why and what to do instead."""


@dataclass(frozen=True)
class Answers:
    """What makes the site yours."""

    name: str
    description: str
    site_url: str
    repo: str  # owner/name on GitHub
    owner: str

    @property
    def repo_url(self) -> str:
        return f"https://github.com/{self.repo}"


@dataclass(frozen=True)
class Folders:
    docs: Path
    tips: str
    articles: str
    coaches: str


def folders(config: Path) -> Folders:
    site = read_site_config(config.read_text(encoding="utf-8"))
    return Folders(
        config.parent / site.docs_dir,
        site.folder("tips_dir", "tips"),
        site.folder("articles_dir", "articles"),
        site.folder("coaches_dir", "coaches"),
    )


def is_sample_coach(path: Path) -> bool:
    return path.name.startswith("sample-") or "SAMPLE ENTRY" in path.read_text(encoding="utf-8")


def content_files(where: Folders) -> tuple[list[str], list[str]]:
    """(samples, the owner's own) among the posts, coach files and sample pictures, relative to docs/."""
    samples, own = [], []
    for folder, pattern in ((where.tips, "*.md"), (where.articles, "*.md"), (where.coaches, "*.y*ml")):
        for path in sorted((where.docs / folder).rglob(pattern)):
            rel = path.relative_to(where.docs).as_posix()
            sample = rel in SAMPLE_POSTS or (folder == where.coaches and is_sample_coach(path))
            (samples if sample else own).append(rel)
    for folder in SAMPLE_FOLDERS:
        samples += sorted(
            p.relative_to(where.docs).as_posix() for p in (where.docs / folder).rglob("*") if p.is_file()
        )
    return samples, own


def plan(where: Folders) -> list[str]:
    """The sample files to remove; Refused when there are none, or when the owner's own content is there."""
    samples, own = content_files(where)
    if own:
        listed = "\n".join(f"  {where.docs.name}/{rel}" for rel in own)
        raise Refused(
            "These files are not samples, so this site has content of its own already:\n"
            f"{listed}\nmake_it_yours removes only the samples and never your writing. Run it on a "
            "fresh copy, or take out what you do not want by hand (the README's 'Make it yours' says "
            "what to change)."
        )
    if not samples:
        raise Refused("No samples are left: this site is yours already. Edit mkdocs.yml to change its name.")
    return samples


# ---------------------------------------------------------------- mkdocs.yml


def _scalar(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def set_key(config: str, key: str, value: str) -> str:
    """`config` with its top-level `key:` line set to `value` (appended when there is none)."""
    line = f"{key}: {value}"
    pattern = re.compile(rf"^{re.escape(key)}:.*$", re.MULTILINE)
    if pattern.search(config):
        return pattern.sub(lambda _: line, config, count=1)
    return config.rstrip("\n") + f"\n{line}\n"


def without_nav_lines(config: str, removed: set[str]) -> str:
    """`config` without the nav entries that lead to removed pages."""
    kept = []
    for line in config.splitlines(keepends=True):
        match = re.match(r"^\s+-\s+(?:[^:#]+:\s*)?([^\s#]+\.md)\s*(?:#.*)?$", line)
        if not (match and match.group(1) in removed):
            kept.append(line)
    return "".join(kept)


def configured(config: str, answers: Answers, removed: set[str]) -> str:
    config = set_key(config, "site_name", _scalar(answers.name))
    config = set_key(config, "site_description", _scalar(answers.description))
    config = set_key(config, "site_author", _scalar(answers.owner))
    config = set_key(config, "site_url", f"!ENV [SITE_URL, {_scalar(answers.site_url)}]")
    config = set_key(config, "repo_url", f"!ENV [REPO_URL, {_scalar(answers.repo_url)}]")
    config = set_key(config, "copyright", _scalar(f"Written by {answers.owner}."))
    return without_nav_lines(config, removed)


# ---------------------------------------------------------------- starter pages


def home_page(answers: Answers) -> str:
    return f"""---
title: {_scalar(answers.name)}
hide:
  - navigation
  - toc
---

# {answers.name}

{answers.description}
{{ .cb-front-intro }}

<!-- featured-article -->

## Newest tips

<!-- newest-tips -->

[See every tip](tips/index.md){{ .cb-front-all }}

<div class="cb-front-boxes" markdown>
<section class="cb-front-box" markdown>

## Find a coach near you

Type your town to see the coaches close by, and those who coach online.

<!-- coach-finder-box -->

</section>
<section class="cb-front-box" markdown>

## Never miss a tip

Follow the site in the app or feed reader you already use: each new tip reaches you when it is out.

[Subscribe](subscribe.md){{ .md-button .md-button--primary }}

</section>
</div>
"""


def about_page(answers: Answers) -> str:
    return f"""---
title: About
hide:
  - navigation
  - toc
---

{answers.name} is written by {answers.owner}. {answers.description}

Each tip has a page of its own, so you can send a friend the one idea that fits them. The
[coach directory](coaches/index.md) lists coaches near you and those who coach online, and the
[feeds](subscribe.md) bring each new tip to your reader.

## No trackers, no cookies

Every page comes from this site alone: no fonts, scripts, adverts or videos from anywhere else, no
analytics and no cookies.
"""


# ---------------------------------------------------------------- doing it


def apply(root: Path, answers: Answers, removed: list[str]) -> None:
    """Remove `removed` (relative to docs/), write the starter pages and set mkdocs.yml."""
    config_path = root / "mkdocs.yml"
    where = folders(config_path)
    for rel in removed:
        (where.docs / rel).unlink()
    for parent in {(where.docs / rel).parent for rel in removed}:
        folder = parent
        while folder != where.docs and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    (where.docs / where.tips).mkdir(parents=True, exist_ok=True)
    (where.docs / "index.md").write_text(home_page(answers), encoding="utf-8")
    (where.docs / "about.md").write_text(about_page(answers), encoding="utf-8")
    text = config_path.read_text(encoding="utf-8")
    config_path.write_text(configured(text, answers, set(removed)), encoding="utf-8")


def checked_answers(values: dict[str, str]) -> Answers:
    """Answers from what was given; Refused naming the first one that is wrong."""
    for key in ("name", "description", "owner"):
        if not values[key].strip():
            raise Refused(f"--{key.replace('_', '-')} is empty: give a few words")
    url = values["site_url"].strip()
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        raise Refused(
            f"--site-url must be an https:// address, such as https://you.github.io/tips/, got {url!r}"
        )
    repo = values["repo"].strip().removeprefix("https://github.com/").strip("/").removesuffix(".git")
    if not REPO_PATTERN.match(repo):
        raise Refused(
            "--repo must be your GitHub repository as owner/name, such as ffion/trail-tips, "
            f"got {values['repo']!r}"
        )
    return Answers(
        values["name"].strip(),
        values["description"].strip(),
        url.rstrip("/") + "/",
        repo,
        values["owner"].strip(),
    )


QUESTIONS = {
    "name": "The site's name",
    "description": "One sentence saying what it is",
    "owner": "Your name, as readers see it",
    "repo": "Your GitHub repository, as owner/name",
    "site_url": "Its address",
}


def ask(values: dict[str, str | None], read: Callable[[str], str]) -> dict[str, str]:
    """Ask for each answer not given; the address is suggested from the repository's name."""
    got: dict[str, str] = {}
    for key, question in QUESTIONS.items():
        value = values.get(key)
        if value is None:
            default = ""
            if key == "site_url" and "/" in got.get("repo", ""):
                user, _, repo = got["repo"].removeprefix("https://github.com/").partition("/")
                default = f"https://{user.lower()}.github.io/{repo}/"
            shown = f" [{default}]" if default else ""
            value = read(f"{question}{shown}: ").strip() or default
        got[key] = value
    return got


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        epilog="Arguments after -- go to scripts/new_coach.py (with --add-coach).",
    )
    p.add_argument("--name", help="the site's name, e.g. 'Trail tips from Keswick'")
    p.add_argument("--description", help="one sentence saying what the site is")
    p.add_argument("--site-url", help="where it is published, e.g. https://you.github.io/trail-tips/")
    p.add_argument("--repo", help="its GitHub repository as owner/name, e.g. you/trail-tips")
    p.add_argument("--owner", help="your name, as readers see it")
    p.add_argument("--add-coach", action="store_true", help="then add yourself as the first coach")
    p.add_argument("--yes", action="store_true", help="do it without asking to confirm")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    cut = argv.index("--") if "--" in argv else len(argv)
    args, coach_args = parser().parse_args(argv[:cut]), argv[cut + 1 :]
    if not args.config.is_file():
        print(f"No {args.config} here: run this from the site's folder, or pass --config", file=sys.stderr)
        return 2
    given = {key: getattr(args, key) for key in QUESTIONS}
    interactive = sys.stdin.isatty()
    if not interactive and (missing := [k for k, v in given.items() if v is None]):
        flags = ", ".join(f"--{k.replace('_', '-')}" for k in missing)
        print(f"Not asked (no terminal), so these are needed: {flags}", file=sys.stderr)
        return 2
    try:
        removed = plan(folders(args.config))
        answers = checked_answers(ask(given, input))
        _confirm(args, answers, removed, interactive)
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    apply(args.config.parent, answers, removed)
    print("Done. `make serve` shows your site; the README's 'Make it yours' lists the GitHub steps.")
    if args.add_coach:
        script = Path(__file__).with_name("new_coach.py")
        command = [sys.executable, str(script), "--config", str(args.config), "--name", answers.owner]
        return subprocess.run([*command, *coach_args], check=False).returncode
    return 0


def _confirm(args: argparse.Namespace, answers: Answers, removed: list[str], interactive: bool) -> None:
    """Say what will change; Refused unless --yes or the person says yes."""
    print(f"This will remove {len(removed)} sample files from {folders(args.config).docs.name}/:")
    print("\n".join(f"  {rel}" for rel in removed))
    print("write a starter home page (index.md) and About page (about.md), and set in mkdocs.yml:")
    shown = {
        "site_name": answers.name,
        "site_description": answers.description,
        "site_author": answers.owner,
        "site_url": answers.site_url,
        "repo_url": answers.repo_url,
    }
    print("\n".join(f"  {key}: {value}" for key, value in shown.items()))
    if args.yes:
        return
    if not interactive:
        raise Refused("Not confirmed (no terminal): add --yes to go ahead. Nothing changed.")
    if input("Go ahead? [y/N] ").strip().lower() not in ("y", "yes"):
        raise Refused("Nothing changed.")


if __name__ == "__main__":
    sys.exit(main())
