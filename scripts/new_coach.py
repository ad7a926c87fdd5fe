#!/usr/bin/env python3
"""Add yourself to the coach directory: answer a few questions (or pass options) and get a checked file.

    scripts/new_coach.py                        # asks for each field
    scripts/new_coach.py --name "Alex Example" --place Dorking --specialties trail,fell \\
        --coaching in-person,groups --email alex@example.org --bio "I coach..." --no-input

The file is written to docs/coaches/<your-name>.yml only once it passes the same checks as the
site build; otherwise the problems are shown (and, when asking, the questions asked again).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from coachblog import coach_schema as schema
from coachblog.coaches import CoachSource, Folder, folder_sources, load_coaches, site_folders
from coachblog.errors import Problem
from coachblog.gazetteer import load_gazetteer

LIST_FIELDS = ("specialties", "coaching", "qualifications")
# Asked only when the place is not found, or given as an option.
ASKED_ONLY_TO_FIX = ("latitude", "longitude", "photo")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    for spec in schema.FIELDS:
        flag = "--" + spec.key.replace("_", "-")
        allowed = f" One or more of: {', '.join(spec.choices)}, separated by commas." if spec.choices else ""
        if spec.key == "social":
            p.add_argument(
                flag,
                action="append",
                metavar="SITE=URL",
                help=f"a profile link, repeatable; SITE is one of {', '.join(schema.SOCIAL)}",
            )
        elif spec.key == "qualifications":
            p.add_argument(
                "--qualification", dest="qualifications", action="append", help=spec.what + ", repeatable"
            )
        else:
            p.add_argument(flag, dest=spec.key, help=f"{spec.what}.{allowed} Example: {spec.example}")
    p.add_argument("--file-name", help="the file's name without .yml (default: made from your name)")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    p.add_argument("--no-input", action="store_true", help="never ask; fail if something needed is missing")
    p.add_argument("--force", action="store_true", help="replace an existing file of the same name")
    return p


def values_from(args: argparse.Namespace) -> dict[str, Any]:
    """The options given, as the values a coach file holds."""
    values: dict[str, Any] = {}
    for spec in schema.FIELDS:
        raw = getattr(args, spec.key, None)
        if raw is None:
            continue
        values[spec.key] = convert(spec.key, raw)
    return values


def convert(key: str, raw: Any) -> Any:
    """Text typed by a person (or a list of it) as the value of field `key`."""
    if key == "social":
        pairs = [item.partition("=") for item in raw]
        return {site.strip(): url.strip() for site, _, url in pairs}
    if key == "qualifications":
        return [q.strip() for q in raw if q.strip()]
    text = str(raw).strip()
    if key in LIST_FIELDS:
        return [item.strip() for item in text.strip("[]").split(",") if item.strip()]
    parse = {"latitude": float, "longitude": float, "joined": dt.date.fromisoformat}.get(key)
    try:
        return parse(text) if parse else text
    except ValueError:
        return text  # the check reports it, with what is allowed


def ask(key: str) -> Any:
    """Ask for one field, showing what is allowed; empty answers skip optional fields."""
    spec = schema.FIELDS_BY_KEY[key]
    print(f"\n{key}: {spec.what}" + (" (optional: press Enter to skip)" if not spec.required else ""))
    if spec.choices:
        labels = schema.SPECIALTIES | schema.COACHING | {k: v for k, v in schema.SOCIAL.items()}
        print("  choose from: " + ", ".join(f"{c} ({labels[c]})" for c in spec.choices))
    if key == "social":
        links = {}
        while line := input("  site=https://... (Enter when done): ").strip():
            site, _, url = line.partition("=")
            links[site.strip()] = url.strip()
        return links or None
    if key == "qualifications":
        items = []
        while line := input("  a qualification (Enter when done): ").strip():
            items.append(line)
        return items or None
    answer = input(f"  e.g. {spec.example}\n  > ").strip()
    return convert(key, answer) if answer else None


def check(
    values: dict[str, Any], slug: str, docs: Path, folder: Folder, replace: bool
) -> tuple[str, str, list[Problem]]:
    """The file's path and text, and the problems the build would find in it."""
    src_uri = f"{folder.name}/{slug}{schema.SUFFIX}"
    shown = f"{folder.shown}{slug}{schema.SUFFIX}"
    text = schema.to_yaml(values)
    others = [s for s in folder_sources(docs, folder.name, Path.cwd()) if s.src_uri != src_uri]
    if not replace and (docs / src_uri).exists():
        return (
            shown,
            text,
            [
                Problem(
                    shown,
                    None,
                    "already exists",
                    allowed="a new file",
                    hint="Edit that file, pick another --file-name, or pass --force",
                )
            ],
        )
    mine = CoachSource(src_uri, text, shown)
    result = load_coaches(
        [*others, mine], [s.src_uri for s in others], folder, gazetteer=load_gazetteer, focus={src_uri}
    )
    return shown, text, result.problems


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.config.is_file():
        print(f"No {args.config} here: run this from the site's folder, or pass --config", file=sys.stderr)
        return 2
    docs_dir, coaches_dir = site_folders(args.config.read_text(encoding="utf-8"))
    docs = args.config.parent / docs_dir
    folder = Folder(coaches_dir, f"{docs_dir}/{coaches_dir}/")
    interactive = not args.no_input and sys.stdin.isatty()
    values = values_from(args)
    values.setdefault("joined", dt.date.today())
    values.setdefault("country", "GB")
    if interactive:
        print("Adding a coach to the directory. CONTRIBUTING.md explains every field.")
        for key in [s.key for s in schema.FIELDS if s.key not in values and s.key not in ASKED_ONLY_TO_FIX]:
            if (answer := ask(key)) is not None:
                values[key] = answer
    while True:
        slug = args.file_name or schema.slugify(str(values.get("name", "")))
        shown, text, problems = check(values, slug or "your-name", docs, folder, args.force)
        if not problems:
            break
        print(f"\n{len(problems)} thing(s) to fix in {shown}:")
        print("\n".join(f"  {problem}" for problem in problems))
        keys = [_field_to_ask(p) for p in problems]
        if not interactive or not all(keys):
            print("\nNothing was written. Fix the above and run this again.")
            return 1
        for key in dict.fromkeys(keys):
            answer = ask(key)
            values.pop(key, None) if answer is None else values.update({key: answer})
    path = args.config.parent / shown
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(
        f"Wrote {shown}:\n\n{text}\nNext: open a pull request that adds this one file "
        "(CONTRIBUTING.md shows how, also from GitHub's web editor)."
    )
    return 0


def _field_to_ask(problem: Problem) -> str:
    """The question that fixes a problem ('' when no answer can)."""
    if problem.field in schema.FIELDS_BY_KEY:
        return problem.field
    return "email" if "contact" in problem.message else ""


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (EOFError, KeyboardInterrupt):
        print("\nStopped: nothing was written.", file=sys.stderr)
        sys.exit(1)
