"""Art for a post without a picture: a small SVG landscape (sky, sun, hills, a running track) in the
site's greens and deep orange, laid out from a digest of the post's slug and title, so the same post
always gets the same picture and most posts get a different one."""

from __future__ import annotations

import functools
import hashlib
import itertools
from collections.abc import Iterator
from typing import TypeVar

WIDTH, HEIGHT = 960, 540
SKIES = ("#e8f5e9", "#f1f8e9", "#fff3e0", "#e0f2f1")
HILLS = (
    ("#a5d6a7", "#66bb6a", "#2e7d32"),
    ("#c5e1a5", "#7cb342", "#33691e"),
    ("#b2dfdb", "#4caf50", "#1b5e20"),
)
SUNS = ("#ff8a65", "#ff7043", "#f4511e")
TRACK = "#bf360c"
T = TypeVar("T")
LANE = "#fbe9e7"
SAND = "#efe3c6"


class _Dice:
    """Numbers drawn from a digest: the same text always rolls the same."""

    def __init__(self, text: str) -> None:
        self._bytes = self._stream(text)

    @staticmethod
    def _stream(text: str) -> Iterator[int]:
        block = 0
        while True:
            yield from hashlib.sha256(f"{block}:{text}".encode()).digest()
            block += 1

    def between(self, low: int, high: int) -> int:
        """A whole number from `low` to `high`, both included."""
        return low + (next(self._bytes) * 256 + next(self._bytes)) % (high - low + 1)

    def pick(self, options: tuple[T, ...]) -> T:
        return options[self.between(0, len(options) - 1)]


def _hill(dice: _Dice, base: int, rise: int) -> str:
    """A closed path: a wavy hill line across the picture at about `base`, filled down to the bottom."""
    points = [(0, base - dice.between(0, rise))]
    x = 0
    while x < WIDTH:
        x = min(WIDTH, x + dice.between(180, 340))
        points.append((x, base - dice.between(0, rise)))
    path = f"M0 {HEIGHT}L{points[0][0]} {points[0][1]}"
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        mid = (x0 + x1) // 2
        path += f"C{mid} {y0} {mid} {y1} {x1} {y1}"
    return path + f"L{WIDTH} {HEIGHT}Z"


def _track(dice: _Dice) -> str:
    """Lanes of a running track curving across the foreground."""
    x, width = dice.between(220, 740), dice.between(520, 760)
    return "".join(
        f'<ellipse cx="{x}" cy="560" rx="{width // 2 - 26 * i}" ry="{120 - 12 * i}"'
        f' fill="none" stroke="{TRACK if i == 0 else LANE}" stroke-width="{12 if i == 0 else 4}"/>'
        for i in range(4)
    )


def _path(dice: _Dice) -> str:
    """A path winding from the bottom edge up into the hills."""
    top = dice.between(360, 600)
    bottom = dice.between(240, 720)
    bend = dice.between(-220, 220)
    return (
        f'<path d="M{bottom - 130} {HEIGHT}C{bottom + bend} 470 {top - bend} 420 {top - 6} 372'
        f'L{top + 6} 372C{top - bend + 30} 420 {bottom + bend + 90} 470 {bottom + 130} {HEIGHT}Z"'
        f' fill="{SAND}" stroke="{TRACK}" stroke-width="3"/>'
    )


@functools.lru_cache(maxsize=4096)  # pure: a `mkdocs serve` rebuild draws only new or renamed posts
def art_svg(slug: str, title: str) -> str:
    """The SVG text of a post's art (about 1 KB)."""
    dice = _Dice(f"{slug}\n{title}")
    sky = dice.pick(SKIES)
    far, middle, near = dice.pick(HILLS)
    sun = dice.pick(SUNS)
    sun_x, sun_y, sun_r = dice.between(120, 840), dice.between(90, 200), dice.between(44, 80)
    hills = "".join(
        f'<path d="{_hill(dice, base, rise)}" fill="{fill}"/>'
        for base, rise, fill in ((300, 90, far), (390, 70, middle), (470, 40, near))
    )
    way = _track(dice) if dice.between(0, 1) else _path(dice)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}"'
        f' height="{HEIGHT}"><rect width="{WIDTH}" height="{HEIGHT}" fill="{sky}"/>'
        f'<circle cx="{sun_x}" cy="{sun_y}" r="{sun_r}" fill="{sun}"/>{hills}{way}</svg>\n'
    )
