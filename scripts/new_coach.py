#!/usr/bin/env python3
"""Add yourself to the coach directory: answer a few questions (or pass options) and get a checked file.

    scripts/new_coach.py                        # asks for each field
    scripts/new_coach.py --name "Alex Example" --place Dorking --country GB --specialties trail,fell \\
        --coaching in-person,groups --email alex@example.org --bio "I coach..." --no-input

Each answer is checked as it is given, with the same checks as the site build. A wrong answer is
asked again, at most three times; then the script stops and writes nothing. The file is written to
docs/coaches/<your-name>.yml only once all of it passes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from coachblog.coaches import schema
from coachblog.coaches.directory import folder_sources, load_coaches, site_folders
from coachblog.coaches.fields import UK_WORDS, CoachSource, Folder
from coachblog.errors import Problem
from coachblog.places.gazetteer import country_names, load_gazetteer
from coachblog.text import slugify

TRIES = 3  # wrong answers to one question before stopping: a question is never asked forever
LIST_FIELDS = ("specialties", "coaching", "qualifications")
DEFAULT_COUNTRY = "GB"
# The ways runners can reach a coach, asked one after the other; at least one is needed.
CONTACT = tuple(dict.fromkeys((*schema.CONTACT_FIELDS, "social")))
CONTACT_STEP = "contact"  # the question "which way can runners reach you?", asked again as a whole
# Latitude and longitude are asked only when the place is not found, as part of the place question.
FIELDS_OF_STEP = {"place": ("place", "latitude", "longitude"), CONTACT_STEP: ()}
# Values standing in for questions not asked yet, so that the build's checks can judge one answer
# before the others are known. Only problems about the question being asked are shown.
STAND_INS: dict[str, Any] = {
    "name": "Stand-in Name",
    "country": DEFAULT_COUNTRY,
    "specialties": [next(iter(schema.SPECIALTIES))],
    "coaching": [next(iter(schema.COACHING))],
    "bio": "Stand-in.",
    "joined": dt.date.today(),
}
STAND_IN_PLACE = {"place": "Stand-in place", "latitude": 51.2323, "longitude": -0.3326}
STAND_IN_CONTACT = {"contact_url": "https://example.org/stand-in-contact"}
MAP_HELP = """\
place: give your position on a map instead. Open any online map (OpenStreetMap, Google Maps...),
  right-click the spot you coach from (on a phone: press and hold) and copy the two numbers it
  shows: latitude (north-south) first, then longitude (east-west; west of Greenwich is negative,
  e.g. -0.3326). Your page still shows "{place}" as your place."""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    for spec in schema.FIELDS:
        flag = "--" + spec.key.replace("_", "-")
        allowed = f" One or more of: {', '.join(spec.choices)}, separated by commas." if spec.choices else ""
        if spec.key == "social":
            p.add_argument(
                flag,
                action="append",
                metavar="SITE=LINK",
                help=f"a profile link or @handle, repeatable; SITE is one of {', '.join(schema.SOCIAL)}",
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
    p.add_argument(
        "--ask",
        action="store_true",
        help="ask for what the options do not give even when the input is not a terminal (e.g. piped)",
    )
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
        return dict(profile(item) for item in raw)
    if key == "qualifications":
        return [q.strip() for q in raw if q.strip()]
    text = str(raw).strip()
    if key in LIST_FIELDS:
        return [item.strip() for item in text.strip("[]").split(",") if item.strip()]
    parse: Callable[[str], Any] = READERS.get(key, str)
    try:
        return parse(text)
    except ValueError:
        return text  # the check reports it, with what is allowed


def country_code(text: str) -> str:
    """'gb', 'Wales', 'United Kingdom' or 'France' as a two-letter code; other text is kept for the check."""
    names = country_names()
    if text.upper() in names:
        return text.upper()
    if text.lower() in UK_WORDS:
        return "GB"
    by_name = {name.lower(): code for code, name in names.items()}
    return by_name.get(text.lower(), text)


def profile(text: str) -> tuple[str, str]:
    """'instagram @alex', 'strava=https://...' or a bare profile link as (site, link or handle)."""
    text = text.strip()
    if re.match(r"(?i)^https?://", text):
        labels = (urlsplit(text).hostname or "").split(".")
        sites = [schema.ALIASES.get(label, label) for label in labels]
        return next((s for s in sites if s in schema.SOCIAL), labels[-2] if len(labels) > 1 else text), text
    match = re.match(r"^([A-Za-z][\w-]*)\s*(?:[:=]\s*|\s+)(\S.*)$", text)
    if not match:
        return text.lower(), ""
    site = match[1].lower()
    return schema.ALIASES.get(site, site), match[2].strip()


READERS: dict[str, Callable[[str], Any]] = {
    "latitude": float,
    "longitude": float,
    "joined": dt.date.fromisoformat,
    "confirmed": dt.date.fromisoformat,
    "country": country_code,
    "github": lambda text: text.removeprefix("@"),
}


def coordinates(text: str) -> tuple[float, float] | None:
    """'51.2323, -0.3326' (as maps copy them) or '51.2323 -0.3326' as two numbers."""
    numbers = re.findall(r"[-+]?\d+(?:\.\d+)?", text.replace("−", "-"))
    return (float(numbers[0]), float(numbers[1])) if len(numbers) == 2 else None


def described(problem: Problem) -> str:
    """A problem about the file being written, named by field: the file has no lines to point at yet."""
    text = f"  {problem.field or problem.path}: {problem.message}"
    if problem.value is not None:
        shown = f"'{problem.value}'" if isinstance(problem.value, str) else str(problem.value)
        text += f" (you gave {shown})"
    if problem.allowed:
        text += f"\n      allowed: {problem.allowed}"
    if problem.hint:
        text += f"\n      {problem.hint}"
    return text


def step_of(problem: Problem) -> str | None:
    """The question whose answer fixes a problem (None when no answer can, e.g. the file exists)."""
    if problem.field in FIELDS_OF_STEP["place"]:
        return "place"
    if problem.field in schema.FIELDS_BY_KEY:
        return problem.field
    return CONTACT_STEP if "contact" in problem.message else None


def question_order() -> list[str]:
    """Every field, in the order asked: the country before the place (a place is looked up in its
    country), the ways to reach you together; latitude and longitude come with a place not found."""
    keys = [s.key for s in schema.FIELDS if s.key not in FIELDS_OF_STEP["place"][1:]]
    keys.remove("country")
    keys.insert(keys.index("place"), "country")
    first = min(keys.index(k) for k in CONTACT)
    keys = [k for k in keys if k not in CONTACT]
    return keys[:first] + list(CONTACT) + keys[first:]


class Stop(Exception):
    """An answer that is still wrong after TRIES tries, or a problem no answer fixes: nothing is written."""

    def __init__(self, problems: list[Problem], step: str | None = None) -> None:
        super().__init__(step)
        self.problems, self.step = problems, step


Checker = Callable[[dict[str, Any]], list[Problem]]


class Interview:
    """The questions, each answer checked as it comes by the build's own checks."""

    def __init__(self, values: dict[str, Any], checker: Checker) -> None:
        self.values = values
        self.checker = checker
        self.pending = {k for k in question_order() if k not in values}
        self.failures: Counter[str] = Counter()

    def run(self) -> None:
        """Ask every question not answered by an option, then settle what the whole file still lacks."""
        print("Adding a coach to the directory. CONTRIBUTING.md explains every field.")
        print("Nothing is written until every answer passes; press Ctrl+C to stop at any time.")
        for key in question_order():
            if key in CONTACT:
                if key == CONTACT[0]:
                    self.settle(CONTACT_STEP)
            elif key in self.pending:
                self.settle(key)
        while problems := self.checker(self.values):
            step = step_of(problems[0])
            if step is None:
                raise Stop([p for p in problems if step_of(p) is None])
            self.fail(step, [p for p in problems if step_of(p) == step])
            self.settle(step)

    def settle(self, step: str) -> None:
        """Ask one question until its answer passes the check, stopping after TRIES wrong answers."""
        if step == CONTACT_STEP:
            self.settle_contact()
            return
        self.pending -= set(FIELDS_OF_STEP.get(step, (step,)))
        while problems := self.ask(step) or self.problems_for(step):
            self.fail(step, problems)

    def settle_contact(self) -> None:
        """Email, else a contact page, else a social profile: at least one, asked again as a whole."""
        keys = [k for k in CONTACT if k in self.pending]
        while True:
            for key in keys:
                self.settle(key)
            problems = self.problems_for(CONTACT_STEP)
            if not problems:
                return
            print(
                "\nRunners need at least one way to reach you: an email address, a contact page or a "
                "social profile."
            )
            self.fail(CONTACT_STEP, problems)
            keys = [k for k in CONTACT if not self.values.get(k)]

    def fail(self, step: str, problems: list[Problem]) -> None:
        """Show what is wrong with an answer; stop once a question has had TRIES wrong answers."""
        self.failures[step] += 1
        print("\n".join(["", "Not yet right:", *map(described, problems)]))
        if self.failures[step] >= TRIES:
            raise Stop(problems, step)
        print(f"(try {self.failures[step] + 1} of {TRIES})")

    def problems_for(self, step: str) -> list[Problem]:
        """What the build's checks say about this question's answer, the others standing in."""
        problems = self.checker(self.trial(step))
        fatal = [p for p in problems if step_of(p) is None]
        if fatal:
            raise Stop(fatal)
        return [p for p in problems if step_of(p) == step]

    def trial(self, step: str) -> dict[str, Any]:
        """The answers so far, with stand-ins for the needed fields of questions still to come."""
        later = self.pending - set(FIELDS_OF_STEP.get(step, (step,)))
        trial = {k: v for k, v in STAND_INS.items() if k in later} | self.values
        if "place" in later:
            trial |= STAND_IN_PLACE
        # An empty answer to one way of contact needs no check; the "at least one" rule is its own step.
        if step not in (*CONTACT, CONTACT_STEP) and not any(trial.get(k) for k in CONTACT):
            trial |= STAND_IN_CONTACT
        return trial

    def ask(self, step: str) -> list[Problem]:
        """Ask one question and keep the answer; problems with the answer's form, before any check."""
        if step == "place":
            return self.ask_place()
        if step == "country":
            self.ask_country()
        elif step == "joined":
            today = dt.date.today().isoformat()
            print(f"\njoined: {schema.FIELDS_BY_KEY['joined'].what}")
            self.keep("joined", input(f"  press Enter for {today}, or type another date\n  > ") or today)
        else:
            self.keep(step, self.ask_field(step))
        return []

    def ask_country(self) -> None:
        print(f"\ncountry: {schema.FIELDS_BY_KEY['country'].what}")
        answer = input(
            f"  press Enter for {DEFAULT_COUNTRY}, or type another code or the country's name\n  > "
        )
        self.keep("country", answer.strip() or DEFAULT_COUNTRY)
        name = country_names().get(self.values["country"])
        if name and self.values["country"] != answer.strip():
            print(f"  country: {self.values['country']} ({name})")

    def ask_field(self, key: str) -> str | list[str]:
        """Ask for one field, showing what is allowed; an empty answer leaves an optional field out."""
        spec = schema.FIELDS_BY_KEY[key]
        optional = " (optional: press Enter to skip)" if not spec.required else ""
        if key in CONTACT[:-1]:
            optional = " (or press Enter to skip and give another way to reach you)"
        print(f"\n{key}: {spec.what}{optional}")
        if spec.choices:
            labels = schema.SPECIALTIES | schema.COACHING | schema.SOCIAL
            print("  choose from: " + ", ".join(f"{c} ({labels[c]})" for c in spec.choices))
        if key not in ("social", "qualifications"):
            return input(f"  e.g. {spec.example}\n  > ").strip()
        example = "the site, then the link or @handle, e.g. instagram @alex.runs"
        if key == "qualifications":
            example = f"e.g. {spec.example.strip('[]')}"
        lines = [input(f"  one a line: {example}\n  > ").strip()]
        while lines[-1]:
            lines.append(input("  another one (Enter when done) > ").strip())
        return lines[:-1]

    def ask_place(self) -> list[Problem]:
        """The place; once it is not found, another place or a position read from a map."""
        typed = self.values.get("place")
        if not self.failures["place"] or not typed:
            self.keep("place", self.ask_field("place"))
            return []
        print(
            "\nplace: type another town or village (one of those above, or the nearest you know),\n"
            "  or press Enter to give your position on a map instead"
        )
        answer = input("  > ").strip()
        if answer:
            self.values["place"] = answer
            self.values.pop("latitude", None)
            self.values.pop("longitude", None)
            return []
        print(MAP_HELP.format(place=typed))
        answer = input("  latitude, longitude (e.g. 51.2323, -0.3326) > ").strip()
        position = coordinates(answer)
        if position is None:
            return [
                Problem(
                    "",
                    "latitude",
                    "needs two numbers: latitude, then longitude",
                    value=answer,
                    allowed="two decimal numbers, e.g. 51.2323, -0.3326",
                )
            ]
        self.values["latitude"], self.values["longitude"] = position
        return []

    def keep(self, key: str, answer: str | list[str]) -> None:
        """Keep an answer as the field's value; an empty one leaves the field out."""
        value = convert(key, answer) if answer else None
        if value in (None, "", [], {}):
            self.values.pop(key, None)
        else:
            self.values[key] = value


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
    interactive = not args.no_input and (args.ask or sys.stdin.isatty())
    values = values_from(args)

    def file_for(values: dict[str, Any]) -> tuple[str, str, list[Problem]]:
        slug = args.file_name or slugify(str(values.get("name", "")))
        return check(values, slug or "your-name", docs, folder, args.force)

    if interactive:
        try:
            Interview(values, lambda trial: file_for(trial)[2]).run()
        except Stop as stop:
            tries = f" after {TRIES} wrong answers to '{stop.step}'" if stop.step else ""
            print(
                "\n".join([f"\nStopped{tries}: nothing was written. To fix:", *map(described, stop.problems)])
            )
            print("\nRun this again when you have the answers; CONTRIBUTING.md explains every field.")
            return 1
    else:
        values.setdefault("joined", dt.date.today())
        if "country" not in values:
            values["country"] = DEFAULT_COUNTRY
            print(f"country: {DEFAULT_COUNTRY} (not given, so the default; --country names another)")
    shown, text, problems = file_for(values)
    if problems:
        print("\n".join([f"\n{len(problems)} thing(s) to fix in {shown}:", *map(described, problems)]))
        asking = "" if args.no_input else " (in a terminal, or with --ask, it asks for each answer)"
        print(f"\nNothing was written. Fix the above and run this again{asking}.")
        return 1
    path = args.config.parent / shown
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(
        f"\nWrote {shown}:\n\n{text}\nNext: open a pull request that adds this one file "
        "(CONTRIBUTING.md shows how, also from GitHub's web editor)."
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (EOFError, KeyboardInterrupt):
        print("\nStopped: nothing was written.", file=sys.stderr)
        sys.exit(1)
