"""Fonts for social cards: the Noto files that Python packages ship, and font fallback by glyph coverage.

Pillow draws a run of text in one font and has no fallback of its own, so text is split into runs,
each set in the first font whose character map covers it. The character maps are read straight
from the font files (the 'cmap' table) so no extra package is needed.
"""

from __future__ import annotations

import hashlib
import struct
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files as package_files
from pathlib import Path
from typing import Literal

from PIL import ImageFont
from PIL.ImageFont import Axis

Weight = Literal["regular", "bold"]
WEIGHTS: dict[Weight, int] = {"regular": 400, "bold": 700}

ZWJ = 0x200D
VARIATION_SELECTORS = range(0xFE00, 0xFE10)
EMOJI_PRESENTATION = 0xFE0F
SKIN_TONES = range(0x1F3FB, 0x1F400)
TAG_CHARACTERS = range(0xE0020, 0xE0080)


def bundled_font_files() -> list[Path]:
    """Noto Sans first (Latin, Greek, Cyrillic), then the other scripts, symbols, and emoji last."""
    primary = Path(str(package_files("fontpkg_noto_sans").joinpath("files", "NotoSans[wdth,wght].ttf")))
    extra_dir = Path(str(package_files("manimgx_fonts")))
    scripts = sorted(
        p for p in extra_dir.glob("NotoSans*.ttf") if not p.name.startswith(("NotoSans[", "NotoSans-Italic"))
    )
    return [primary, *scripts, extra_dir / "NotoEmoji[wght].ttf"]


class FontFileError(Exception):
    """A font file that cannot be read as a TrueType/OpenType font with a Unicode character map."""


def read_coverage(data: bytes) -> tuple[tuple[int, int], ...]:
    """The code point ranges (first, last) that the font's Unicode cmap maps to a real glyph."""
    try:
        table = _cmap_table(data)
        subtable = _best_unicode_subtable(table)
        if subtable is None:
            raise FontFileError("no Unicode character map")
        fmt = struct.unpack_from(">H", table, subtable)[0]
        if fmt == 12:
            return _merge(_format12(table, subtable))
        if fmt == 4:
            return _merge(_format4(table, subtable))
    except struct.error as exc:
        raise FontFileError(f"truncated font data ({exc})") from exc
    raise FontFileError(f"unsupported character map format {fmt}")


def _cmap_table(data: bytes) -> bytes:
    count = struct.unpack_from(">H", data, 4)[0]
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"cmap":
            return data[offset : offset + length]
    raise FontFileError("no 'cmap' table")


def _best_unicode_subtable(table: bytes) -> int | None:
    """Offset of the fullest Unicode subtable: format 12 (all planes) before format 4 (BMP)."""
    count = struct.unpack_from(">H", table, 2)[0]
    ranked: list[tuple[int, int]] = []
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * i)
        unicode_table = platform == 0 or (platform == 3 and encoding in (1, 10))
        fmt = struct.unpack_from(">H", table, offset)[0]
        if unicode_table and fmt in (4, 12):
            ranked.append((0 if fmt == 12 else 1, offset))
    return min(ranked)[1] if ranked else None


def _format12(table: bytes, at: int) -> Iterable[tuple[int, int]]:
    groups = struct.unpack_from(">I", table, at + 12)[0]
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", table, at + 16 + 12 * i)
        # A group starting at glyph 0 maps its first code point to .notdef ("no glyph").
        if glyph == 0:
            first += 1
        if first <= last:
            yield first, last


def _format4(table: bytes, at: int) -> Iterable[tuple[int, int]]:
    segments = struct.unpack_from(">H", table, at + 6)[0] // 2
    ends = at + 14
    starts = ends + 2 * segments + 2
    deltas = starts + 2 * segments
    range_offsets = deltas + 2 * segments
    for i in range(segments):
        end, start = (struct.unpack_from(">H", table, base + 2 * i)[0] for base in (ends, starts))
        delta = struct.unpack_from(">h", table, deltas + 2 * i)[0]
        range_offset = struct.unpack_from(">H", table, range_offsets + 2 * i)[0]
        for code in range(start, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                where = range_offsets + 2 * i + range_offset + 2 * (code - start)
                glyph = struct.unpack_from(">H", table, where)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                yield code, code


def _merge(ranges: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return tuple(merged)


@dataclass(frozen=True)
class FontFace:
    """One font file: where it is, what it covers, and a digest that changes when the file does."""

    path: Path
    coverage: tuple[tuple[int, int], ...]
    digest: str
    starts: tuple[int, ...] = field(repr=False, default=())

    @classmethod
    def load(cls, path: Path) -> FontFace:
        data = path.read_bytes()
        try:
            coverage = read_coverage(data)
        except FontFileError as exc:
            raise FontFileError(f"{path}: {exc}") from exc
        digest = hashlib.sha256(data).hexdigest()
        return cls(path, coverage, digest, tuple(first for first, _ in coverage))

    def covers(self, char: str) -> bool:
        code = ord(char)
        i = bisect_right(self.starts, code) - 1
        return i >= 0 and self.coverage[i][1] >= code


def _joins_previous(code: int) -> bool:
    """Characters drawn as part of the one before: marks, joiners, selectors, skin tones, tags."""
    if code == ZWJ or code in VARIATION_SELECTORS or code in SKIN_TONES or code in TAG_CHARACTERS:
        return True
    return unicodedata.category(chr(code)).startswith("M")


class FontSet:
    """The fallback chain of faces, and Pillow fonts made from them at each size and weight."""

    def __init__(self, paths: Iterable[Path] | None = None) -> None:
        self.faces = [FontFace.load(p) for p in (paths if paths is not None else bundled_font_files())]
        self._fonts: dict[tuple[int, Weight, int], ImageFont.FreeTypeFont] = {}

    @property
    def identity(self) -> list[str]:
        """What the fonts contribute to a card's cache key: each file's name and content digest."""
        return [f"{face.path.name}:{face.digest}" for face in self.faces]

    def font(self, face: int, weight: Weight, size: int) -> ImageFont.FreeTypeFont:
        """The Pillow font for a face of the chain at a weight and pixel size (made once)."""
        key = (face, weight, size)
        if key not in self._fonts:
            font = ImageFont.truetype(str(self.faces[face].path), size)
            axes = font.get_variation_axes()
            if axes:
                font.set_variation_by_axes([_axis_value(axis, weight) for axis in axes])
            self._fonts[key] = font
        return self._fonts[key]

    def face_for(self, text: str, i: int) -> int | None:
        """The first face covering text[i]; an emoji-style selector after it prefers the emoji face."""
        char = text[i]
        wants_emoji = i + 1 < len(text) and ord(text[i + 1]) == EMOJI_PRESENTATION
        order = range(len(self.faces) - 1, -1, -1) if wants_emoji else range(len(self.faces))
        return next((f for f in order if self.faces[f].covers(char)), None)

    def runs(self, text: str) -> list[tuple[int, str]]:
        """`text` split into (face, run) pieces; a character no face covers goes to face 0."""
        runs: list[tuple[int, str]] = []
        for i, char in enumerate(text):
            after_joiner = i > 0 and ord(text[i - 1]) == ZWJ
            if runs and (_joins_previous(ord(char)) or after_joiner):
                runs[-1] = (runs[-1][0], runs[-1][1] + char)
                continue
            face = self.face_for(text, i)
            face = 0 if face is None else face
            if runs and runs[-1][0] == face:
                runs[-1] = (face, runs[-1][1] + char)
            else:
                runs.append((face, char))
        return runs

    def missing(self, text: str) -> list[str]:
        """Characters of `text` that no face has a glyph for (they would be drawn as boxes)."""
        if text.isascii() and text.isprintable():  # most titles: nothing to look up (see below)
            return []
        found: list[str] = []
        for i, char in enumerate(text):
            # Printable ASCII is always in Noto Sans: skip the per-face look-up for most of the text.
            if " " <= char <= "~" or char.isspace() or _joins_previous(ord(char)) or char in found:
                continue
            if self.face_for(text, i) is None:
                found.append(char)
        return found


def _axis_value(axis: Axis, weight: Weight) -> float:
    """The value of one variation axis: the weight asked for on 'Weight', each other at its default."""
    low, high, default = axis["minimum"], axis["maximum"], axis["default"]
    if axis.get("name") == b"Weight" and low is not None and high is not None:
        return min(max(WEIGHTS[weight], low), high)
    return default if default is not None else 0
