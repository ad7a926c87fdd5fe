"""Small text rules shared across the plugin: the one folding rule (for slugs, place look-up and the
finder's search; fold_script.py writes the same rule for the browser) and the shape of a URL name (slug).

Folding is NFKD, combining marks (category Mn) dropped, LETTERS spelled out, then lowercase. What is
left of other scripts is kept by `fold` and `search_key` (a Cyrillic or Greek name must not become an
empty string to compare), and dropped only where ASCII is required: `ascii_fold`, `ascii_words`, slugs.
"""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_WORDS = "lowercase letters and digits in words joined by single hyphens"

# Latin letters NFKD leaves whole, as people type them without the key: Ł, Ø, Æ, ß... (Latin-1,
# Extended-A and the Extended-B letters of African, Azerbaijani and Sami place names).
LETTERS: dict[str, str] = {
    "Æ": "AE", "æ": "ae", "Ð": "D", "ð": "d", "Ø": "O", "ø": "o", "Þ": "TH", "þ": "th", "ß": "ss",
    "ẞ": "SS", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "ĸ": "k", "Ł": "L", "ł": "l",
    "Ŋ": "N", "ŋ": "n", "Œ": "OE", "œ": "oe", "Ŧ": "T", "ŧ": "t",
    "ƀ": "b", "Ɓ": "B", "Ƃ": "B", "ƃ": "b", "Ƈ": "C", "ƈ": "c", "Ɖ": "D", "Ɗ": "D", "Ƌ": "D",
    "ƌ": "d", "Ǝ": "E", "Ə": "E", "Ɛ": "E", "Ƒ": "F", "ƒ": "f", "Ɠ": "G", "Ɣ": "G", "Ɩ": "I",
    "Ɨ": "I", "Ƙ": "K", "ƙ": "k", "ƚ": "l", "Ɯ": "M", "Ɲ": "N", "ƞ": "n", "Ɵ": "O", "Ƥ": "P",
    "ƥ": "p", "ƫ": "t", "Ƭ": "T", "ƭ": "t", "Ʈ": "T", "Ʊ": "U", "Ʋ": "V", "Ƴ": "Y", "ƴ": "y",
    "Ƶ": "Z", "ƶ": "z", "Ʒ": "Z", "Ǥ": "G", "ǥ": "g", "ȡ": "d", "Ȥ": "Z", "ȥ": "z", "ȴ": "l",
    "ȵ": "n", "ȶ": "t", "ȷ": "j", "Ȼ": "C", "ȼ": "c", "Ƚ": "L", "Ⱦ": "T", "ȿ": "s", "ɀ": "z",
    "Ƀ": "B", "Ʉ": "U", "Ɇ": "E", "ɇ": "e", "Ɉ": "J", "ɉ": "j", "Ɍ": "R", "ɍ": "r", "Ɏ": "Y",
    "ɏ": "y", "ɓ": "b", "ɔ": "o", "Ɔ": "O", "ɖ": "d", "ɗ": "d", "ǝ": "e", "ə": "e", "ɛ": "e",
    "ɠ": "g", "ɣ": "g", "ɨ": "i", "ɩ": "i", "ɯ": "m", "ɲ": "n", "ɵ": "o", "ʃ": "s", "Ʃ": "S",
    "ʈ": "t", "ʉ": "u", "ʊ": "u", "ʋ": "v", "ʒ": "z", "ɑ": "a", "ɡ": "g",
}  # fmt: skip
# Marks that stand for an apostrophe in place names (Hawaiʻi, Ra’s, Muzayri‘).
APOSTROPHES: dict[str, str] = {"\u2018": "'", "\u2019": "'", "\u02bb": "'", "\u02bc": "'"}
TABLE = LETTERS | APOSTROPHES
_TRANSLATE = str.maketrans(TABLE)


def slug_rule(example: str) -> str:
    """What a slug may be, in plain words, with an example ('take-a-break')."""
    return f"{SLUG_WORDS}, e.g. '{example}'"


def plain_letters(text: str) -> str:
    """`text` with accents off and LETTERS spelled out, case kept ('Łódź' -> 'Lodz'); other scripts kept."""
    if text.isascii():
        return text
    kept = "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn")
    return kept.translate(_TRANSLATE)


def fold(text: str) -> str:
    """The folding rule: 'Straße' -> 'strasse', 'Tromsø' -> 'tromso'; letters of other scripts are kept."""
    return plain_letters(text).lower()


def ascii_text(text: str) -> str:
    """The ASCII of `text`, case kept: accents off, LETTERS spelled out, what has no ASCII form dropped."""
    return plain_letters(text).encode("ascii", "ignore").decode("ascii")


def ascii_fold(text: str) -> str:
    """Lowercase ASCII ('Zoë' -> 'zoe', 'Łódź' -> 'lodz'); letters with no ASCII form are dropped."""
    return fold(text).encode("ascii", "ignore").decode("ascii")


def search_key(text: str) -> str:
    """A name as the finder and the place look-up compare it: folded, no dots or apostrophes, anything
    but letters, digits and commas as one space, 'saint' as 'st' ('St. Ives' and 'Saint Ives' are
    'st ives'). Letters of other scripts are kept: 'Москва' is 'москва', never ''."""
    plain = re.sub(r"[.'`]", "", fold(text))
    if plain.isascii():
        plain = re.sub("[^a-z0-9,]+", " ", plain)
    else:
        plain = re.sub(" +", " ", "".join(c if _is_word(c) else " " for c in plain))
    return re.sub("^saint ", "st ", plain.strip())


def _is_word(char: str) -> bool:
    """A letter, digit or mark of any script, or a comma (which separates a name's qualifier)."""
    return char == "," or unicodedata.category(char)[0] in "LNM"


def ascii_words(text: str) -> list[str]:
    """The ASCII words and numbers of `text`, folded: 'Dún Laoghaire-1' -> ['dun', 'laoghaire', '1']."""
    return re.findall(r"[a-z0-9]+", ascii_fold(text))


def slugify(name: str) -> str:
    """A URL name made from a name: "Alex O'Brien" -> 'alex-obrien', 'Łódź' -> 'lodz'."""
    plain = re.sub(r"['`]", "", ascii_fold(name))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
