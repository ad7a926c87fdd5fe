"""Small text rules shared across the plugin: ASCII folding and the shape of a URL name (slug)."""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_WORDS = "lowercase letters and digits in words joined by single hyphens"


def slug_rule(example: str) -> str:
    """What a slug may be, in plain words, with an example ('take-a-break')."""
    return f"{SLUG_WORDS}, e.g. '{example}'"


def ascii_fold(text: str) -> str:
    """Lowercase ASCII with accents taken off ('Zoë' -> 'zoe'); letters with no ASCII form are dropped."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def ascii_words(text: str) -> list[str]:
    """The ASCII words and numbers of `text`, folded: 'Dún Laoghaire-1' -> ['dun', 'laoghaire', '1']."""
    return re.findall(r"[a-z0-9]+", ascii_fold(text))


def slugify(name: str) -> str:
    """A URL name made from a name: "Alex O'Brien" -> 'alex-obrien'."""
    plain = re.sub(r"['’`]", "", ascii_fold(name))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
