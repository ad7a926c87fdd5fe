"""The coach directory's files: where they may be, reading them all, places, and likely duplicates.

The same functions serve the plugin, scripts/check_coaches.py and scripts/new_coach.py.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import yaml

from . import coach_schema as schema
from .coach_fields import YAML_SUFFIXES, Coach, CoachSource, Folder, parse_coach, url_problem
from .coach_yaml import MAX_BYTES, CoachDocument, read_text
from .errors import Problem
from .gazetteer import Gazetteer, Place, distance_km
from .lookalikes import look_alike_characters, look_alike_groups

__all__ = ["Coach", "CoachSource", "Folder", "LoadResult", "load_coaches", "url_problem"]

MAX_COORDINATE_KM = 60  # coordinates further than this from any known place are probably wrong


# ---------------------------------------------------------------- paths


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
        guess = f"{schema.slugify(path.stem.split('.')[0])}{schema.SUFFIX}"
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
    slug = schema.slugify(stem)
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
    elif not schema.SLUG_PATTERN.match(stem):
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
    document = read_text(text, label or src_uri)
    looks_like_coach = False
    if isinstance(document, CoachDocument):
        keys = set(document.values)
        looks_like_coach = "name" in keys and bool(keys & {"specialties", "coaching", "place", "bio"})
    if not (near_folder or looks_like_coach):
        return None
    stem = schema.slugify(PurePosixPath(src_uri).stem.split(".")[0]) or "your-name"
    return Problem(
        label or src_uri,
        None,
        f"looks like a coach file but is not in {folder.shown}",
        allowed=f"coach files in {folder.shown}",
        hint=f"Move it to {folder.shown}{stem}{schema.SUFFIX}",
    )


# ---------------------------------------------------------------- all files


def locate(coach: Coach, gazetteer: Gazetteer) -> Problem | None:
    """Fill in the coach's position and region from their place or coordinates, or say what is wrong."""
    coach.country_name = gazetteer.country_names.get(coach.country, coach.country)
    if coach.latitude is not None and coach.longitude is not None:
        near = gazetteer.nearest(coach.latitude, coach.longitude, coach.country)
        if near is None or near[1] > MAX_COORDINATE_KM:
            far = f"{near[1]:.0f} km from" if near else "far from"
            return Problem(
                coach.label,
                "latitude",
                f"puts you {far} any town in {coach.country_name}",
                coach.lines.get("latitude"),
                (coach.latitude, coach.longitude),
                f"a position in {coach.country_name}",
                "Check that latitude (north-south) comes first; west is negative",
            )
        coach.region = gazetteer.region(near[0])
        named = gazetteer.lookup(coach.place, coach.country).place
        if (
            named is not None
            and (km := distance_km(coach.latitude, coach.longitude, named.latitude, named.longitude))
            > MAX_COORDINATE_KM
        ):
            return Problem(
                coach.label,
                "latitude",
                f"puts you {km:.0f} km from {gazetteer.label(named)}",
                coach.lines.get("latitude"),
                (coach.latitude, coach.longitude),
                f"a position near {coach.place}",
                "Copy the numbers for your place from a map, or delete both lines",
            )
        return None
    found = gazetteer.lookup(coach.place, coach.country)
    if found.place is not None:
        coach.latitude, coach.longitude = found.place.latitude, found.place.longitude
        coach.region = gazetteer.region(found.place)
        coach.found_as = gazetteer.label(found.place)
        return None
    how = "add 'latitude:' and 'longitude:' lines (from any online map) to give your exact spot"
    line = coach.lines.get("place")
    if found.ambiguous:
        names = [gazetteer.label(p) for p in found.candidates[:8]]
        typed = [n for n in names if "(" not in n]
        example = f"write 'place: {typed[0]}'" if typed else ""
        return Problem(
            coach.label,
            "place",
            f"matches {len(found.candidates)} places in {coach.country_name}",
            line,
            coach.place,
            "; ".join(names),
            f"Pick one: {example}{' or ' if example else ''}{how}",
        )
    return _unknown_place(coach, gazetteer, found.candidates, how)


def _unknown_place(coach: Coach, gazetteer: Gazetteer, close_places: tuple[Place, ...], how: str) -> Problem:
    """A place not found: close spellings, then towns near an area named in it, all in the coach's
    country; another country only when nothing in theirs comes close."""
    close = [gazetteer.label(p) for p in close_places]
    hint = f"Did you mean '{close[0]}'? " if close else ""
    allowed = "; ".join(close)
    area = gazetteer.places_named_like(coach.place, coach.country)
    if area and not close:
        towns = [
            gazetteer.label(p)
            for p in gazetteer.towns_near(area[0].latitude, area[0].longitude, coach.country)
        ]
        allowed = "; ".join(towns)
        hint = (
            f"If '{coach.place}' is an area, write the town or village you coach from: "
            f"towns near {gazetteer.label(area[0])} are {', '.join(towns)}. "
        )
    elsewhere = (
        [c for c in gazetteer.countries_with(coach.place) if c != coach.country] if not allowed else []
    )
    if elsewhere:
        hint += f"There is a place of that name in {', '.join(elsewhere[:5])}: is 'country' right? "
    hint += f"Use the nearest town or village with 500+ people, or {how}"
    return Problem(
        coach.label,
        "place",
        f"is not a town or village we know in {coach.country_name}",
        coach.lines.get("place"),
        coach.place,
        allowed or "a town or village of 500+ people",
        hint,
    )


def _name_key(name: str) -> str:
    """A name folded for comparison, its words in any order; names in other scripts keep their letters."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", plain) or re.findall(
        r"\w+", unicodedata.normalize("NFC", name).casefold()
    )
    return " ".join(sorted(words))


def _url_key(url: str) -> str:
    parts = urlsplit(url.lower())
    host = (parts.hostname or "").removeprefix("www.")
    return host + parts.path.rstrip("/")


def duplicate_problems(coaches: list[Coach], focus: set[str] | None = None) -> list[Problem]:
    """Likely duplicates: the same website, email, contact page or name, a very similar name in one place,
    or a name that looks the same through look-alike letters anywhere in the directory.

    The problem goes on the newer file (the later `joined`, then the later file name), or on the file in
    `focus` (the files a pull request adds or changes): never on the coach who was listed first.
    """
    problems: list[Problem] = []
    seen: dict[tuple[str, str], Coach] = {}
    by_place: dict[tuple[str, str], list[Coach]] = {}
    named = [c for c in sorted(coaches, key=_age) if c.name]
    for coach in sorted(coaches, key=_age):
        keys = [
            ("website", _url_key(coach.website)) if coach.website else None,
            ("contact_url", _url_key(coach.contact_url)) if coach.contact_url else None,
            ("email", coach.email.lower()) if coach.email else None,
            ("name", _name_key(coach.name)) if coach.name else None,
        ]
        for key in filter(None, keys):
            other = seen.setdefault(key, coach)
            if other is not coach:
                problems.extend(_duplicate(coach, other, key[0], f"has the same {key[0]} as", focus))
                break
        else:
            if not (coach.name and coach.place):
                continue
            group = by_place.setdefault((coach.country, _name_key(coach.place)), [])
            for other in group:
                ratio = difflib.SequenceMatcher(None, _name_key(coach.name), _name_key(other.name)).ratio()
                if ratio >= 0.85:
                    problems.extend(_duplicate(coach, other, "name", "has a name very like", focus))
                    break
            group.append(coach)
    by_id = {c.src_uri: c for c in named}
    for first, second in look_alike_groups((c.src_uri, c.name) for c in named):
        older, newer = sorted((by_id[first], by_id[second]), key=_age)
        if _name_key(older.name) != _name_key(newer.name):
            relation = "has a name that looks the same as the name in"
            problems.extend(_duplicate(newer, older, "name", relation, focus, lookalike=True))
    return problems


def _age(coach: Coach) -> tuple[dt.date, str]:
    return coach.joined, coach.src_uri


def _duplicate(
    coach: Coach, other: Coach, key: str, relation: str, focus: set[str] | None, *, lookalike: bool = False
) -> list[Problem]:
    """The problem for `coach`, the newer of the two (or for whichever of them is in `focus`)."""
    targets = [coach] if focus is None else [c for c in (other, coach) if c.src_uri in focus][-1:]
    result = []
    for target, twin in ((t, other if t is coach else coach) for t in targets):
        value = getattr(target, key)
        hint = f"If that is you, edit {twin.label} instead; if not, make your {key} tell you apart" + (
            " (for a name, add a middle initial)" if key == "name" else ""
        )
        if lookalike:
            odd = "; ".join(c.phrase() for c in look_alike_characters(target.name, twin.name)[:3])
            hint = f"{odd[0].upper() + odd[1:] if odd else 'Some letters look alike'}. Type the name again"
        result.append(
            Problem(
                target.label,
                key,
                f"looks like a duplicate: it {relation} {twin.label}",
                target.lines.get(key),
                value,
                "one file per coach",
                hint,
            )
        )
    return result


@dataclass
class LoadResult:
    """The coaches read from the coaches folder, and every problem found on the way."""

    coaches: list[Coach]
    problems: list[Problem]


def load_coaches(
    files: Sequence[CoachSource],
    other_uris: Iterable[str],
    folder: Folder,
    *,
    gazetteer: Callable[[], Gazetteer],
    focus: set[str] | None = None,
    today: dt.date | None = None,
) -> LoadResult:
    """Read, check and place every coach file, reporting everything wrong in each in one round.

    `files` are every file in the coaches folder (text read for YAML files only) and the YAML files
    outside it (checked for being misplaced); `other_uris` every file of the site, to find photos;
    `focus` limits the problems reported to these src_uris (the others are still read, for duplicates).
    A field that is wrong does not stop the place look-up or the duplicate checks.
    """
    problems: list[Problem] = []
    read: list[Coach] = []
    other = list(other_uris)
    photos = {u for u in other if PurePosixPath(u).suffix.lower() in schema.PHOTO_SUFFIXES}
    prefix = folder.name + "/"
    for source in sorted(files, key=lambda s: s.src_uri):
        if not source.src_uri.startswith(prefix):
            misplaced = misplaced_problem(source.src_uri, source.text, folder, source.label)
            problems.extend([misplaced] if misplaced else [])
            continue
        problems += path_problems(source.src_uri, folder, source.label)
        if PurePosixPath(source.src_uri).suffix.lower() in YAML_SUFFIXES:
            coach, found = parse_coach(source, folder, photos, today)
            problems += found
            read += [coach] if coach is not None else []
    placeable = [c for c in read if c.place and c.country and (focus is None or c.src_uri in focus)]
    if placeable:
        places = gazetteer()
        problems += [p for c in placeable if (p := locate(c, places))]
    problems += duplicate_problems(read, focus)
    if focus is not None:
        shown = {s.shown for s in files if s.src_uri in focus}
        problems = [p for p in problems if p.path in shown]
    problems.sort(key=lambda p: (p.path, p.line or 0))
    failed = {p.path for p in problems}
    coaches = [c for c in read if c.label not in failed]
    return LoadResult(sorted(coaches, key=lambda c: (c.name.lower(), c.slug)), problems)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for the scripts, turning tags such as !ENV into plain values."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def site_folders(mkdocs_yml: str) -> tuple[str, str]:
    """(docs_dir, coaches_dir) from the text of mkdocs.yml, with MkDocs' and the plugin's defaults."""
    config = yaml.load(mkdocs_yml, Loader=_ConfigLoader) or {}
    docs_dir = str(config.get("docs_dir") or "docs")
    coaches_dir = "coaches"
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("coachblog"), dict):
            coaches_dir = str(plugin["coachblog"].get("coaches_dir") or coaches_dir)
    return docs_dir.strip("/"), coaches_dir.strip("/")


def folder_sources(docs: Path, folder: str, shown_from: Path) -> list[CoachSource]:
    """Every file under docs/<folder>/ on disk as the plugin sees it; labels relative to `shown_from`."""
    docs, shown_from = docs.resolve(), shown_from.resolve()
    return [
        file_source(path, docs, shown_from)
        for path in sorted((docs / folder).rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs).parts)
    ]


def file_source(path: Path, docs: Path, shown_from: Path) -> CoachSource:
    """One file on disk as a CoachSource (text read only for YAML files)."""
    path, docs = path.absolute(), docs.resolve()
    src_uri = (
        path.relative_to(docs).as_posix()
        if path.is_relative_to(docs)
        else path.resolve().relative_to(docs).as_posix()
    )
    shown = shown_from.resolve()
    label = path.relative_to(shown).as_posix() if path.is_relative_to(shown) else str(path)
    if path.suffix.lower() not in YAML_SUFFIXES:
        return CoachSource(src_uri, "", label)
    with path.open("rb") as file:  # no more than the limit is read, however big the file
        return CoachSource.from_bytes(src_uri, file.read(MAX_BYTES + 1), label)
