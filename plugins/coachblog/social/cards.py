"""Social card images: a 1200x630 PNG per page, drawn with Pillow and cached by what is drawn on it."""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageOps

from coachblog.social.fonts import FontSet, Weight

WIDTH, HEIGHT = 1200, 630
# Bump when the drawing code changes, so every cached card is drawn again.
LAYOUT_VERSION = 2

LEFT, RIGHT = 104, 80
TEXT_WIDTH = WIDTH - LEFT - RIGHT
TITLE_SIZES = range(80, 43, -4)
TITLE_LINE = 1.16
DESCRIPTION_SIZE = 32
DESCRIPTION_LINE = 1.35
DESCRIPTION_MAX_LINES = 3
CONTENT_BOTTOM = 500
FOOTER_BASELINE = 572
ELLIPSIS = "…"
# The running track: circles around a point below and right of the card, drawn as rings.
TRACK_CENTRE = (WIDTH + 120, HEIGHT + 200)
TRACK_RADII = (520, 440, 360)
TRACK_WIDTH = 14
# Text keeps this far from the outer ring. Its lowest ink is taken as DESCENT times the font size
# below the baseline: Latin letters reach about 0.25, the deepest of the bundled scripts about 0.5.
TRACK_GAP = 16
DESCENT = 0.5


@dataclass(frozen=True)
class Palette:
    """The site's colours: Material's green (primary) and deep orange (accent)."""

    background: str = "#1b5e20"
    track: str = "#2e7d32"
    primary: str = "#4caf50"
    accent: str = "#ff6e40"
    on_accent: str = "#212121"
    title: str = "#ffffff"
    text: str = "#c8e6c9"
    footer: str = "#a5d6a7"


@dataclass(frozen=True)
class CardSpec:
    """Everything written on one card."""

    title: str
    description: str = ""
    label: str = ""
    site_name: str = ""
    site_host: str = ""
    # A picture to draw the card on (the post's photo), as the path of a file named by its content
    # (the pictures' cache): the path stands for the pixels in the card's key. "" for the plain card.
    photo: str = ""


@dataclass
class CardStats:
    """How many cards one build drew and how many it took from the cache."""

    rendered: int = 0
    reused: int = 0


@dataclass
class _Line:
    text: str
    size: int
    weight: Weight


@dataclass
class _Layout:
    title: list[_Line] = field(default_factory=list)
    title_top: int = 0
    title_size: int = 0
    description: list[_Line] = field(default_factory=list)
    description_top: int = 0


def _clean(text: str) -> str:
    return " ".join(text.split())


def width_beside_track(baseline: float, size: int) -> float:
    """How wide a line at `baseline` in `size` pixels may be so that none of it reaches the track."""
    cx, cy = TRACK_CENTRE
    reach = TRACK_RADII[0] + TRACK_GAP
    below = cy - (baseline + DESCENT * size)  # from the line's lowest ink down to the track's centre
    if abs(below) >= reach:  # above the track (or, for lines that will be cut, below the card)
        return TEXT_WIDTH
    return max(0.0, min(TEXT_WIDTH, cx - math.sqrt(reach * reach - below * below) - LEFT))


def _widths_beside_track(top: float, size: int, spacing: float) -> Callable[[int], float]:
    """The width of each line of a block starting at `top`, drawn as paint() draws it."""
    return lambda i: width_beside_track(top + size + i * size * spacing, size)


class CardPainter:
    """Lays out and draws cards with one font set and palette."""

    def __init__(self, fonts: FontSet, palette: Palette | None = None) -> None:
        self.fonts = fonts
        self.palette = palette or Palette()
        # A card's key is the digest of the JSON text {"fonts": ..., "layout": ..., "palette": ...,
        # "size": ..., "spec": ...} (keys sorted). All but the spec is the same for every card, so that
        # part of the text is made once: it ends where the spec's JSON goes.
        same_for_all = {
            "layout": LAYOUT_VERSION,
            "size": [WIDTH, HEIGHT],
            "palette": asdict(self.palette),
            "fonts": self.fonts.identity,
        }
        self._key_start = json.dumps(same_for_all, sort_keys=True).removesuffix("}") + ', "spec": '

    def key(self, spec: CardSpec) -> str:
        """A digest of everything that decides the card's pixels."""
        # vars(), not asdict(): the same fields, without a deep copy of each (thousands of cards a build)
        drawn = self._key_start + json.dumps(vars(spec), sort_keys=True) + "}"
        return hashlib.sha256(drawn.encode()).hexdigest()

    def width(self, text: str, size: int, weight: Weight) -> float:
        return sum(self.fonts.font(face, weight, size).getlength(run) for face, run in self.fonts.runs(text))

    def wrap(
        self, text: str, size: int, weight: Weight, widths: Callable[[int], float] | None = None
    ) -> list[str]:
        """Greedy line breaking at spaces; a word wider than a line is broken between characters.

        `widths(i)` is how wide line i may be (TEXT_WIDTH for every line when not given)."""
        room = widths or (lambda _: TEXT_WIDTH)
        lines: list[str] = []
        current = ""
        for word in _clean(text).split(" "):
            candidate = f"{current} {word}" if current else word
            if self.width(candidate, size, weight) <= room(len(lines)):
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            for char in word:
                if current and self.width(current + char, size, weight) > room(len(lines)):
                    lines.append(current)
                    current = ""
                current += char
        if current:
            lines.append(current)
        return lines

    def shorten(self, line: str, size: int, weight: Weight, width: float = TEXT_WIDTH) -> str:
        """`line` cut at the end so that it and an ellipsis fit in `width`."""
        while line and self.width(line.rstrip() + ELLIPSIS, size, weight) > width:
            line = line[:-1]
        return line.rstrip() + ELLIPSIS

    def fit(
        self,
        text: str,
        size: int,
        weight: Weight,
        max_lines: int,
        widths: Callable[[int], float] | None = None,
    ) -> list[_Line]:
        lines = self.wrap(text, size, weight, widths)
        if len(lines) > max_lines:
            last = max_lines - 1
            width = widths(last) if widths else TEXT_WIDTH
            lines = [*lines[:last], self.shorten(lines[last], size, weight, width)]
        return [_Line(line, size, weight) for line in lines]

    def layout(self, spec: CardSpec) -> _Layout:
        """The largest title size that fits, then as much of the description as room allows."""
        out = _Layout(title_top=160 if spec.label else 96)
        room = CONTENT_BOTTOM - out.title_top
        for size in TITLE_SIZES:
            title_widths = _widths_beside_track(out.title_top, size, TITLE_LINE)
            lines = self.wrap(spec.title, size, "bold", title_widths)
            if len(lines) * size * TITLE_LINE <= room:
                break
        max_title_lines = max(1, int(room // (size * TITLE_LINE)))
        out.title = self.fit(spec.title, size, "bold", max_title_lines, title_widths)
        out.title_size = size
        out.description_top = out.title_top + round(len(out.title) * size * TITLE_LINE) + 20
        line_height = DESCRIPTION_SIZE * DESCRIPTION_LINE
        fits = int((CONTENT_BOTTOM - out.description_top) // line_height)
        if spec.description and fits > 0:
            lines_allowed = min(fits, DESCRIPTION_MAX_LINES)
            widths = _widths_beside_track(out.description_top, DESCRIPTION_SIZE, DESCRIPTION_LINE)
            out.description = self.fit(spec.description, DESCRIPTION_SIZE, "regular", lines_allowed, widths)
        return out

    def draw_text(
        self, draw: ImageDraw.ImageDraw, x: float, baseline: float, line: _Line, colour: str
    ) -> float:
        """Draw one line run by run, each in the face that has its glyphs; return the end x."""
        for face, run in self.fonts.runs(line.text):
            font = self.fonts.font(face, line.weight, line.size)
            draw.text((x, baseline), run, font=font, fill=colour, anchor="ls")
            x += font.getlength(run)
        return x

    def paint(self, spec: CardSpec) -> Image.Image:
        """The card as an RGB image."""
        p = self.palette
        if spec.photo:
            image = photo_background(spec.photo)
            draw = ImageDraw.Draw(image)
        else:
            image = Image.new("RGB", (WIDTH, HEIGHT), p.background)
            draw = ImageDraw.Draw(image)
            # A running track curving in from the bottom right corner.
            cx, cy = TRACK_CENTRE
            for i, radius in enumerate(TRACK_RADII):
                box = (cx - radius, cy - radius, cx + radius, cy + radius)
                draw.ellipse(box, outline=p.track if i else p.primary, width=TRACK_WIDTH)
        draw.rectangle((0, 0, 24, HEIGHT), fill=p.accent)  # the accent edge on the left
        if spec.label:
            self._label(draw, spec.label.upper())
        layout = self.layout(spec)
        for i, line in enumerate(layout.title):
            baseline = layout.title_top + line.size + i * line.size * TITLE_LINE
            self.draw_text(draw, LEFT, baseline, line, p.title)
        for i, line in enumerate(layout.description):
            baseline = layout.description_top + line.size + i * line.size * DESCRIPTION_LINE
            self.draw_text(draw, LEFT, baseline, line, p.title if spec.photo else p.text)
        footer = _Line(_clean(spec.site_name), 30, "bold")
        name_room = width_beside_track(FOOTER_BASELINE, footer.size)
        if self.width(footer.text, footer.size, footer.weight) > name_room:
            footer.text = self.shorten(footer.text, footer.size, footer.weight, name_room)
        end = self.draw_text(draw, LEFT, FOOTER_BASELINE, footer, p.title)
        if spec.site_host:
            host = _Line(_clean(spec.site_host), 26, "regular")
            host_room = LEFT + width_beside_track(FOOTER_BASELINE, host.size)
            if end + 24 + self.width(host.text, host.size, host.weight) <= host_room:
                self.draw_text(draw, end + 24, FOOTER_BASELINE, host, p.footer)
        return image

    def _label(self, draw: ImageDraw.ImageDraw, text: str) -> None:
        line = _Line(text, 26, "bold")
        width = self.width(text, line.size, line.weight)
        draw.rounded_rectangle((LEFT, 72, LEFT + width + 40, 72 + 50), radius=25, fill=self.palette.accent)
        self.draw_text(draw, LEFT + 20, 72 + 35, line, self.palette.on_accent)


def photo_background(path: str) -> Image.Image:
    """The photo cut to fill the card and darkened, most on the left where the text starts, so white
    text on it stays readable however light the photo is."""
    with Image.open(path) as opened:
        photo = ImageOps.fit(opened.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    # Shade: 84 % black at the left edge, 59 % at the right, a little more towards the bottom: white
    # text keeps 4.5:1 (WCAG AA) even on a white photo.
    across = Image.linear_gradient("L").rotate(90).resize((WIDTH, HEIGHT))  # 255 at the left edge
    down = Image.linear_gradient("L").resize((WIDTH, HEIGHT))  # 255 at the bottom
    shade = ImageChops.add(across.point(lambda v: 150 + v * 65 // 255), down.point(lambda v: v * 20 // 255))
    return Image.composite(Image.new("RGB", (WIDTH, HEIGHT), "black"), photo, shade)


class CardMaker:
    """One build's cards: each is drawn once into the cache folder, then copied into the site."""

    def __init__(self, cache_dir: Path, palette: Palette | None = None, fonts: FontSet | None = None) -> None:
        self.cache_dir = cache_dir
        self.palette = palette
        self._fonts = fonts
        self._painter: CardPainter | None = None
        self.jobs: dict[str, CardSpec] = {}  # by the file to write: plain text, as thousands are queued
        self.stats = CardStats()

    @property
    def painter(self) -> CardPainter:
        if self._painter is None:
            self._painter = CardPainter(self._fonts or FontSet(), self.palette)
        return self._painter

    def add(self, spec: CardSpec, dest: str | Path) -> list[str]:
        """Queue a card to be written at `dest`; return characters no bundled font can draw."""
        self.jobs[os.fspath(dest)] = spec
        text = " ".join((spec.title, spec.description, spec.label, spec.site_name, spec.site_host))
        return self.painter.fonts.missing(text)

    def make_all(self) -> CardStats:
        """Write every queued card, drawing only those the cache does not hold yet."""
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        made: set[str] = set()  # folders already made in the site: most cards share one
        for dest, spec in self.jobs.items():
            cached = self.cache_dir / f"{self.painter.key(spec)}.png"
            if cached.exists():
                self.stats.reused += 1
            else:
                _write_atomically(cached, self.painter.paint(spec))
                self.stats.rendered += 1
            folder = os.path.dirname(dest)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            _link_or_copy(cached, dest)
        self.jobs.clear()
        return self.stats


def _link_or_copy(cached: Path, dest: str) -> None:
    """A hard link where the cache and the site share a disk (no bytes copied), else a copy."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(dest)
    try:
        os.link(cached, dest)
    except OSError:
        shutil.copyfile(cached, dest)


def _write_atomically(path: Path, image: Image.Image) -> None:
    """Save to a temporary file beside `path`, then rename, so a stopped build leaves no half card."""
    fd, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            image.save(out, format="PNG")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
