"""Where a file in the coaches folder may be and what it may be called, and YAML files that look like
coach files but are somewhere else."""

from __future__ import annotations

import difflib
from pathlib import PurePosixPath

from coachblog.coaches import schema
from coachblog.coaches.fields import YAML_SUFFIXES, Folder
from coachblog.coaches.reading import YamlDocument, read_coach_text
from coachblog.errors import Problem
from coachblog.text import SLUG_PATTERN, slugify


def path_problems(src_uri: str, folder: Folder, label: str = "") -> list[Problem]:
    """Problems with where a file in the coaches folder is and what it is called."""
    shown = label or src_uri
    path = PurePosixPath(src_uri)
    rel = PurePosixPath(*path.parts[1:]) if len(path.parts) > 1 else path
    name, suffix = path.name, path.suffix.lower()
    if name == "README.md" and len(rel.parts) == 1:
        return []
    if suffix in schema.PHOTO_SUFFIXES:
        return []
    if suffix not in YAML_SUFFIXES:
        guess = f"{slugify(path.stem.split('.')[0])}{schema.SUFFIX}"
        what = "Markdown" if suffix == ".md" else f"a '{suffix or 'no extension'}' file"
        return [
            Problem(
                shown,
                None,
                f"is {what}, but coach files are YAML files ending in .yml",
                allowed=f"files named like {guess}, and photos ({', '.join(schema.PHOTO_SUFFIXES)})",
                hint=f"Rename it to {guess}",
            )
        ]
    stem = name[: -len(path.suffix)]
    slug = slugify(stem)
    problems = []
    if len(rel.parts) > 1:
        problems.append(
            Problem(
                shown,
                None,
                "is in a sub-folder, but coach files go straight in the folder",
                allowed=f"{folder.shown}<your-name>.yml",
                hint=f"Move it to {folder.shown}{slug}{schema.SUFFIX}",
            )
        )
    if name.lower().endswith("..yml") or name.lower().endswith("..yaml"):
        problems.append(
            Problem(
                shown,
                None,
                "has two dots before 'yml' in its name",
                value=name,
                allowed=f"one dot: {slug}{schema.SUFFIX}",
                hint=f"Rename it to {slug}{schema.SUFFIX}",
            )
        )
    elif path.suffix != schema.SUFFIX:
        problems.append(
            Problem(
                shown,
                None,
                f"ends in '{path.suffix}', but coach files end in '.yml'",
                value=name,
                allowed=f"{slug}{schema.SUFFIX}",
                hint=f"Rename it to {slug}{schema.SUFFIX}",
            )
        )
    elif not SLUG_PATTERN.match(stem):
        problems.append(
            Problem(
                shown,
                None,
                "has a file name that cannot be a web address",
                value=name,
                allowed=schema.SLUG_RULE,
                hint=f"Rename it to {slug or 'your-name'}{schema.SUFFIX}",
            )
        )
    elif stem in schema.RESERVED_SLUGS:
        problems.append(
            Problem(
                shown,
                None,
                "has a file name the finder uses itself",
                value=name,
                allowed="any name but " + ", ".join(schema.RESERVED_SLUGS),
                hint="Name the file after yourself, e.g. alex-example.yml",
            )
        )
    return problems


def misplaced_problem(src_uri: str, text: str, folder: Folder, label: str = "") -> Problem | None:
    """A problem when a YAML file outside the coaches folder looks like a coach file."""
    top = PurePosixPath(src_uri).parts[0] if "/" in src_uri else ""
    near_folder = bool(top) and difflib.SequenceMatcher(None, top.lower(), folder.name).ratio() >= 0.75
    document = read_coach_text(text, label or src_uri)
    looks_like_coach = False
    if isinstance(document, YamlDocument):
        keys = set(document.values)
        looks_like_coach = "name" in keys and bool(keys & {"specialties", "coaching", "place", "bio"})
    if not (near_folder or looks_like_coach):
        return None
    stem = slugify(PurePosixPath(src_uri).stem.split(".")[0]) or "your-name"
    return Problem(
        label or src_uri,
        None,
        f"looks like a coach file but is not in {folder.shown}",
        allowed=f"coach files in {folder.shown}",
        hint=f"Move it to {folder.shown}{stem}{schema.SUFFIX}",
    )
