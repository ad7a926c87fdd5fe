"""Coaches who are probably listed twice: the same website, email, contact page or name, a very similar
name in one place, or a name that only looks the same through letters of another alphabet."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from urllib.parse import urlsplit

from coachblog.coaches.fields import Coach
from coachblog.coaches.lookalikes import look_alike_characters, look_alike_groups
from coachblog.errors import Problem
from coachblog.text import ascii_words


def _name_key(name: str) -> str:
    """A name folded for comparison, its words in any order; names in other scripts keep their letters."""
    words = ascii_words(name) or re.findall(r"\w+", unicodedata.normalize("NFC", name).casefold())
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
