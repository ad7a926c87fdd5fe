"""Hidden characters in coach files, and coach names that only look alike (Unicode UTS #39).

Coach files come from pull requests, so two kinds of hostile text are looked for here:

* characters that are drawn as nothing or that reorder the text around them (a right-to-left
  override shows "Alex" as "xelA"; a zero-width space makes two equal-looking names differ):
  `invisible_characters`;
* names spelt with letters of another script that look the same ("Аlex" with a Cyrillic А):
  `skeleton`, `look_alike_keys`, `names_look_alike`, `look_alike_characters`, `look_alike_groups`.

Plain Python, no MkDocs. The look-alike table, data/confusables.txt, is derived from Unicode's
confusables.txt by scripts/derive_lookalikes.py and read once, on first use (about 10 ms).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "confusables.txt"

# Default_Ignorable_Code_Point, from Unicode's DerivedCoreProperties.txt (the same ranges from
# Unicode 14 to 17): characters a font draws as nothing. The skeleton drops them (UTS #39, step 2).
DEFAULT_IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner, left-to-right and right-to-left marks
    (0x202A, 0x202E),  # bidirectional embeddings, pops and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidirectional isolates, old format controls
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors 1 to 16
    (0xFEFF, 0xFEFF),  # zero-width no-break space (byte order mark)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),  # unassigned, kept ignorable
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tags, variation selectors 17 to 256, and the unassigned rest of the block
)

# -- Invisible characters ------------------------------------------------------------------------
#
# Reported: every control (Cc: tab, newline unless allowed, escape...), format character (Cf:
# bidirectional embeddings, overrides, isolates and marks, zero-width space and joiners, word
# joiner, soft hyphen, byte order mark, Mongolian vowel separator, tags, Arabic number signs...),
# line and paragraph separator, private-use, surrogate, noncharacter and unassigned code point, every
# other Default_Ignorable_Code_Point (Hangul fillers, grapheme joiner, variation selectors...) and
# U+2800 BRAILLE PATTERN BLANK (a "letter" that shows as nothing, used for blank-looking names).
# Unassigned means unassigned in the Unicode version of this Python (14.0 in 3.11).
#
# A few of these are part of how some writing is drawn, so they pass where, and only where, that
# writing needs them (the rest of the time they would only hide a difference):
# * ZERO WIDTH NON-JOINER right after a virama (Hindi and other Indic scripts: a visible half form)
#   or between two letters of a joining script (Persian "علی‌زاده", Alizadeh, keeps its two parts
#   apart; Arabic, Syriac, N'Ko, Mongolian...);
# * ZERO WIDTH JOINER right after a virama (Indic conjunct and half forms, Malayalam chillus), or
#   inside an emoji sequence ("🏃‍♀️" is runner, joiner, female sign);
# * VARIATION SELECTOR-15/16 after a symbol (text or emoji style, "❤️", keycaps "1️⃣");
# * ideographic variation selectors (U+E0100 block) after a Chinese/Japanese ideograph: Japanese
#   family names use them for the exact registered glyph;
# * Mongolian free variation selectors after a Mongolian letter;
# * tag characters only as a subdivision flag: black flag, tag letters, cancel tag ("🏴󠁧󠁢󠁳󠁣󠁴󠁿", Scotland).
# This is the IDNA rule for joiners (RFC 5892, CONTEXTJ), with the joining scripts taken from the
# character names, as Python carries no Joining_Type. It is safe to allow them there: the skeleton
# drops every one of them, so a name that differs from another only by a joiner still looks alike.
# Bidirectional marks are reported even in right-to-left names: a name never needs them.

# Printable (so str.isprintable lets them through) yet drawn as nothing.
_ALSO_INVISIBLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)
_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x08": "BACKSPACE",
    "\t": "CHARACTER TABULATION",
    "\n": "LINE FEED",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}
_KINDS = {"Cc": "control character", "Co": "private-use character", "Cs": "surrogate"}
_JOINING_SCRIPTS = (
    "ARABIC ",
    "SYRIAC ",
    "NKO ",
    "MONGOLIAN ",
    "MANDAIC ",
    "ADLAM ",
    "HANIFI ROHINGYA ",
    "MANICHAEAN ",
    "PSALTER PAHLAVI ",
    "SOGDIAN ",
    "OLD UYGHUR ",
    "CHORASMIAN ",
    "PHAGS-PA ",
)
_IDEOGRAPHS = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")
_VIRAMA = 9  # canonical combining class
_EMOJI_PUNCTUATION = "\u203c\u2049\u3030\u303d"  # ‼ ⁉ 〰 〽: have an emoji style
_KEYCAP = "\u20e3"
_BLACK_FLAG = "\U0001f3f4"
_CANCEL_TAG = "\U000e007f"


def invisible_characters(text: str, *, allow_newlines: bool = False) -> list[tuple[int, str]]:
    """(index, 'U+202E RIGHT-TO-LEFT OVERRIDE') for each character in `text` that must not be there.

    `allow_newlines` lets line feeds through (a bio may have several lines); nothing else is allowed.
    """
    if text.isprintable() and not _ALSO_INVISIBLE.search(text):  # almost all text: no loop in Python
        return []
    return [
        (match.start(), code_and_name(match[0]))
        for match in _candidates().finditer(text)
        if _hidden(match[0], allow_newlines) and not _needed_here(text, match.start())
    ]


@cache
def _candidates() -> re.Pattern[str]:
    """Every BMP character that `_hidden` may report, and all others: the rest need no look."""
    codes = [
        code for code in range(0x10000) if not chr(code).isprintable() or _ALSO_INVISIBLE.match(chr(code))
    ]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    spans = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)
    return re.compile(f"[{spans}\\U00010000-\\U0010ffff]")


def _hidden(char: str, allow_newlines: bool) -> bool:
    if char.isprintable():
        return bool(_ALSO_INVISIBLE.match(char))
    if char == "\n":
        return not allow_newlines
    return unicodedata.category(char) != "Zs"  # no-break and other visible spaces are fine


def _needed_here(text: str, index: int) -> bool:
    code = ord(text[index])
    return any(low <= code <= high and rule(text, index) for low, high, rule in _CONTEXT_RULES)


def _before(text: str, index: int) -> str:
    return text[index - 1] if index else ""


def _after(text: str, index: int) -> str:
    return text[index + 1 : index + 2]


def _after_virama(text: str, index: int) -> bool:
    return index > 0 and unicodedata.combining(text[index - 1]) == _VIRAMA


def _non_joiner_needed(text: str, index: int) -> bool:
    """After a virama, or with a joining-script letter on each side (vowel marks between are skipped)."""
    if _after_virama(text, index):
        return True
    before = next((c for c in reversed(text[:index]) if unicodedata.category(c) != "Mn"), "")
    after = next((c for c in text[index + 1 :] if unicodedata.category(c) != "Mn"), "")
    return all(
        char
        and unicodedata.category(char).startswith("L")
        and unicodedata.name(char, "").startswith(_JOINING_SCRIPTS)
        for char in (before, after)
    )


def _joiner_needed(text: str, index: int) -> bool:
    """After a virama, or between two emoji ("🏃" joiner "♀"; the first may end in a style or skin tone)."""
    if _after_virama(text, index):
        return True
    before, after = _before(text, index), _after(text, index)
    emoji_end = before == "\ufe0f" or "\U0001f3fb" <= before <= "\U0001f3ff"
    return (
        bool(before and after)
        and (emoji_end or unicodedata.category(before) == "So")
        and (unicodedata.category(after) == "So")
    )


def _emoji_style_needed(text: str, index: int) -> bool:
    """After a symbol, or a digit, # or * that a keycap mark follows ("1️⃣")."""
    before, after = _before(text, index), _after(text, index)
    if before and before in "0123456789#*":
        return after == _KEYCAP
    return bool(before) and (unicodedata.category(before) in ("So", "Sm") or before in _EMOJI_PUNCTUATION)


def _after_ideograph(text: str, index: int) -> bool:
    return unicodedata.name(_before(text, index), "").startswith(_IDEOGRAPHS)


def _after_mongolian_letter(text: str, index: int) -> bool:
    return unicodedata.name(_before(text, index), "").startswith("MONGOLIAN LETTER")


def _in_flag_tags(text: str, index: int) -> bool:
    """Black flag, then tag letters and digits, then cancel tag: a subdivision flag such as Scotland's."""
    start = end = index
    while start > 0 and "\U000e0020" <= text[start - 1] <= _CANCEL_TAG:
        start -= 1
    while end < len(text) and "\U000e0020" <= text[end] < _CANCEL_TAG:
        end += 1
    letters = text[start:end]
    return (
        start > 0
        and text[start - 1] == _BLACK_FLAG
        and text[end : end + 1] == _CANCEL_TAG
        and len(letters) >= 2
        and all("\U000e0030" <= c <= "\U000e0039" or "\U000e0061" <= c <= "\U000e007a" for c in letters)
    )


_CONTEXT_RULES: tuple[tuple[int, int, Callable[[str, int], bool]], ...] = (
    (0x200C, 0x200C, _non_joiner_needed),
    (0x200D, 0x200D, _joiner_needed),
    (0xFE0E, 0xFE0F, _emoji_style_needed),
    (0xE0100, 0xE01EF, _after_ideograph),
    (0x180B, 0x180D, _after_mongolian_letter),
    (0x180F, 0x180F, _after_mongolian_letter),
    (0xE0020, 0xE007F, _in_flag_tags),
)


def code_and_name(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'; a control, private-use or unassigned code point says which."""
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "")
    if name:
        return f"{code} {name}"
    category = unicodedata.category(char)
    if category in _KINDS:
        return f"{code} ({_KINDS[category]})"
    number = ord(char)
    if 0xFDD0 <= number <= 0xFDEF or number & 0xFFFE == 0xFFFE:
        return f"{code} (noncharacter)"
    return f"{code} (unassigned)"


def describe_character(char: str) -> str:
    """'the Cyrillic capital letter A (U+0410)': a character's Unicode name as words in a sentence."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "")
    if not name:
        return f"the character {code_and_name(char)}"
    words = name.split()
    roles = ("CAPITAL", "SMALL", "LETTER", "DIGIT", "LIGATURE", "SYLLABLE", "VOWEL", "SIGN")
    first_role = next((i for i, word in enumerate(words) if word in roles), 0)
    shown = [w.title() for w in words[:first_role]] + [w.lower() for w in words[first_role:]]
    if len(words[-1]) == 1 and words[-1].isalpha() and "SMALL" not in words:
        shown[-1] = words[-1]
    return f"the {' '.join(shown)} (U+{ord(char):04X})"


# -- Look-alikes ---------------------------------------------------------------------------------


@cache
def _table() -> dict[int, str | None]:
    """str.translate table: each confusable character -> its prototype, default ignorables -> gone."""
    table: dict[int, str | None] = {}
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            target, sources = line.split("\t")
            prototype = "".join(chr(int(code, 16)) for code in target.split())
            table.update(dict.fromkeys((int(code, 16) for code in sources.split()), prototype))
    for low, high in DEFAULT_IGNORABLE:
        table.update(dict.fromkeys(range(low, high + 1)))
    return table


@cache
def data_version() -> str:
    """The Unicode version of the look-alike table, e.g. '18.0.0'."""
    with DATA_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("# Version:"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def is_default_ignorable(char: str) -> bool:
    """True for a character Unicode says is drawn as nothing (Default_Ignorable_Code_Point)."""
    code = ord(char)
    return any(low <= code <= high for low, high in DEFAULT_IGNORABLE)


def skeleton(text: str) -> str:
    """The UTS #39 skeleton: NFD, drop default ignorables, each character to its prototype, NFD again.

    Two strings with the same skeleton look alike ("Аlex" with a Cyrillic А and "Alex" both give
    "Alex"). It is a key for comparing, never for showing: it mixes scripts freely.
    """
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).translate(_table()))


def look_alike_keys(name: str) -> tuple[str, str]:
    """What a name must share with another to look alike: skeleton, case folded, without spaces or
    punctuation. Two keys, as folding case and mapping look-alikes do not commute: one maps first,
    so a capital I and a small l count as one letter ("Ian", "lan"), as they look in many fonts;
    the other folds first, so "ALEX RIVERS" meets "Аlex Rivers" (with a Cyrillic А).
    """
    return _key(name), _key(name.casefold())


def _key(text: str) -> str:
    """skeleton(casefold(skeleton(text))) without punctuation and spaces, in NFD.

    Joined from a memo of each character's own key: the same result in a fraction of the time, as
    each step maps characters one at a time and NFD then only sorts runs of combining marks by
    class, and no mark a character turns into changes class in a later step (test_lookalikes
    checks every character the table or case folding changes).
    """
    return unicodedata.normalize(
        "NFD", "".join(map(_CHAR_KEYS.__getitem__, unicodedata.normalize("NFD", text)))
    )


def _whole_key(text: str) -> str:
    folded = skeleton(skeleton(text).casefold())
    kept = "".join(char for char in folded if unicodedata.category(char)[0] not in "PZ")
    return unicodedata.normalize("NFD", kept)


class _CharKeys(dict[str, str]):
    """Each character's key, worked out the first time the character is met (at most one entry per
    character Unicode has, however many builds a `mkdocs serve` runs)."""

    def __missing__(self, char: str) -> str:
        key = self[char] = _whole_key(char)
        return key


_CHAR_KEYS = _CharKeys()


def names_look_alike(first: str, second: str) -> bool:
    """True if the two names look the same once case, spaces, hyphens and punctuation are set aside."""
    return bool(set(look_alike_keys(first)) & set(look_alike_keys(second)) - {""})


def _same_spelling(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def look_alike_groups(names: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(id, id) for each two names that look alike but are not the same name in other capitals.

    `names` are (id, name) pairs; each pair of ids comes in the order given. Names that are equal
    after NFC and case folding are left to the duplicate check. Two keys per name, grouped by key:
    the work grows with the number of names, not with its square.
    """
    groups: dict[str, list[tuple[int, str, str]]] = {}
    for order, (ident, name) in enumerate(names):
        for key in set(look_alike_keys(name)) - {""}:
            groups.setdefault(key, []).append((order, ident, name))
    pairs: set[tuple[int, int, str, str]] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        spelt = [(order, ident, _same_spelling(name)) for order, ident, name in members]
        pairs.update(
            (a_order, b_order, a_id, b_id)
            for i, (a_order, a_id, a_spelling) in enumerate(spelt)
            for b_order, b_id, b_spelling in spelt[i + 1 :]
            if a_spelling != b_spelling
        )
    return [(a_id, b_id) for _, _, a_id, b_id in sorted(pairs)]


@dataclass(frozen=True)
class LookAlikeChar:
    """A character of one name that is not in the other name it looks like."""

    index: int  # in the name as given
    char: str
    word: str  # the word of the name it is in
    looks_like: str  # the character of the other name it passes for ('' if none on its own)

    @property
    def invisible(self) -> bool:
        return is_default_ignorable(self.char) or not self.char.isprintable()

    def phrase(self) -> str:
        """ "the 'А' in 'Аlex' is the Cyrillic capital letter A (U+0410), which looks like 'A'"."""
        if self.invisible:
            return f"'{self.word}' has an invisible character, {code_and_name(self.char)}"
        said = f"the '{self.char}' in '{self.word}' is {describe_character(self.char)}"
        return f"{said}, which looks like '{self.looks_like}'" if self.looks_like else said


def look_alike_characters(name: str, other: str) -> list[LookAlikeChar]:
    """The characters that make `name` differ from `other`, the name it looks like.

    Letters the other name has too, in any case or composition, and spaces and punctuation are
    not listed: what is left are the borrowed letters ("А" in "Аlex"), digits posing as letters,
    and invisible characters.
    """
    present = set(unicodedata.normalize("NFD", other.casefold()))
    found = []
    for index, char in enumerate(name):
        if unicodedata.category(char)[0] in "PZ" and not is_default_ignorable(char):
            continue
        if set(unicodedata.normalize("NFD", char.casefold())) <= present:
            continue
        found.append(LookAlikeChar(index, char, _word_at(name, index), _stand_in(char, other)))
    return found


def _stand_in(char: str, other: str) -> str:
    """The character of `other` that `char` passes for: same skeleton, else same in any case, else part of
    one ("r" of "rn" for "m")."""
    keys = set(look_alike_keys(char)) - {""}
    if not keys:
        return ""
    others = [c for c in unicodedata.normalize("NFC", other) if c != char]
    exact = skeleton(char)
    tests: tuple[Callable[[str], bool], ...] = (
        lambda c: skeleton(c) == exact,
        lambda c: bool(keys & set(look_alike_keys(c))),
        lambda c: any(key in theirs for key in keys for theirs in look_alike_keys(c) if theirs),
    )
    return next((c for test in tests for c in others if test(c)), "")


def _word_at(text: str, index: int) -> str:
    start = max(text.rfind(" ", 0, index), text.rfind("\n", 0, index)) + 1
    end = min((i for i in (text.find(" ", index), text.find("\n", index)) if i >= 0), default=len(text))
    return text[start:end]
