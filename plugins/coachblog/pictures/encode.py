"""Responsive variants of a picture: cut to the site's 16:9 frame (a post's) or to a square (a coach's
photo), written at a few widths as WebP and JPEG, with no metadata, each encoded once into a cache
folder kept between builds."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

from coachblog.pictures.source import Source, upright

# Bump when the code that makes the pixels changes, so every cached variant is made again.
# 2: a JPEG decoded at a fraction of its size (a phone's 4000 x 3000) was cut as if it were whole.
VERSION = 2
WIDTHS = (480, 960, 1440)
RATIO = (16, 9)
EXTENSIONS = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png"}
MEDIA_TYPES = {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}
# A coach's square photo: 1x and 2x of a byline (about 40 CSS pixels) and of a profile (about 160).
SQUARE_WIDTHS = (48, 96, 192, 320)
# Where a tall picture's square is cut: this share of the height left over lies above it. Faces are
# near the top of a portrait; a square from the middle would cut through the chin.
SQUARE_TOP = 0.2
# What a square 320 pixels wide may weigh, the others in proportion to their area, and none need be
# smaller than SQUARE_LEAST_BYTES (below that the quality would drop for a few hundred bytes).
SQUARE_BYTES_AT_320 = 24_000
SQUARE_LEAST_BYTES = 2_500


@dataclass(frozen=True)
class Encoding:
    """The encoder settings: part of every cached file's key."""

    webp_quality: int = 72
    webp_method: int = 4  # 6 is about 10 % smaller and twice as slow
    jpeg_quality: int = 78
    lowest_quality: int = 40
    # A variant 960 pixels wide may weigh this much; others in proportion to their area. Quality steps
    # down until it fits (a busy photo needs a lower quality than a calm one).
    bytes_at_960: int = 80_000
    copy_width: int = 1440  # the published copy of the file itself (link previews point at it)


@dataclass(frozen=True)
class Variant:
    """One encoded file: its format, size and the cached file holding its bytes."""

    format: str
    width: int
    height: int
    path: Path

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


@dataclass
class EncodeStats:
    """How many files one build encoded and how many it took from the cache."""

    encoded: int = 0
    reused: int = 0


def frame(width: int, height: int) -> tuple[int, int, int, int]:
    """The largest 16:9 box in the middle of a picture `width` x `height`."""
    rw, rh = RATIO
    if width * rh > height * rw:  # wider than 16:9: cut the sides
        cut = round(height * rw / rh)
        left = (width - cut) // 2
        return left, 0, left + cut, height
    cut = round(width * rh / rw)
    top = (height - cut) // 2
    return 0, top, width, top + cut


def square(width: int, height: int, top: float = SQUARE_TOP) -> tuple[int, int, int, int]:
    """The largest square of a picture `width` x `height`: centred across, and `top` of the spare
    height above it in a tall picture (a portrait's face is near the top)."""
    side = min(width, height)
    left = (width - side) // 2
    upper = round((height - side) * top)
    return left, upper, left + side, upper + side


def widths(frame_width: int, choices: Sequence[int] = WIDTHS) -> list[int]:
    """The widths to write for a frame `frame_width` wide: never wider than the picture itself."""
    largest = min(frame_width, choices[-1])
    return [w for w in choices if w < largest] + [largest]


def height_at(width: int) -> int:
    return max(1, round(width * RATIO[1] / RATIO[0]))


class Encoder:
    """One build's encoding: variants are keyed by the source's bytes, the width, the format and the
    settings; a file in the cache is never encoded again."""

    def __init__(self, cache_dir: Path, encoding: Encoding | None = None) -> None:
        self.cache_dir = cache_dir
        self.encoding = encoding or Encoding()
        self.stats = EncodeStats()
        self._settings = json.dumps({"version": VERSION, **asdict(self.encoding)}, sort_keys=True)

    def _cached(self, source: Source, job: str, fmt: str) -> Path:
        digest = hashlib.sha256(source.data).hexdigest()
        key = hashlib.sha256(f"{digest} {job} {fmt} {self._settings}".encode()).hexdigest()
        return self.cache_dir / f"{key}.{EXTENSIONS[fmt]}"

    def variants(self, source: Source) -> list[Variant]:
        """Every width in WebP, then in JPEG, from the cache or encoded now."""
        box = frame(source.width, source.height)
        out = [
            Variant(fmt, w, height_at(w), self._cached(source, f"frame {w}", fmt))
            for fmt in ("WEBP", "JPEG")
            for w in widths(box[2] - box[0])
        ]
        at_960 = self.encoding.bytes_at_960
        self._fill(source, box, out, lambda v: at_960 * v.width * v.height / (960 * 540))
        return out

    def squares(self, source: Source) -> list[Variant]:
        """The picture cut square (a coach's photo) at every SQUARE_WIDTHS width no wider than it, in
        WebP, then in JPEG, from the cache or encoded now."""
        box = square(source.width, source.height)
        # The square's own settings are part of its key, as the Encoding's are of every key.
        job = f"square {SQUARE_TOP} {SQUARE_BYTES_AT_320} {SQUARE_LEAST_BYTES}"
        out = [
            Variant(fmt, w, w, self._cached(source, f"{job} {w}", fmt))
            for fmt in ("WEBP", "JPEG")
            for w in widths(box[2] - box[0], SQUARE_WIDTHS)
        ]

        def budget(variant: Variant) -> float:
            return max(SQUARE_LEAST_BYTES, SQUARE_BYTES_AT_320 * (variant.width / 320) ** 2)

        self._fill(source, box, out, budget, least=2 * SQUARE_WIDTHS[-1])
        return out

    def _fill(
        self,
        source: Source,
        box: tuple[int, int, int, int],
        variants: list[Variant],
        budget: Callable[[Variant], float],
        least: int = 1440,
    ) -> None:
        """Encode the variants not in the cache yet: `box` of the upright picture, resized, each in
        its format at the highest quality that fits its `budget` of bytes."""
        missing = [v for v in variants if not v.path.exists()]
        self.stats.reused += len(variants) - len(missing)
        if not missing:
            return
        image = upright(source, least)
        # A big JPEG decodes at a half, quarter or eighth of its size: `box` is in its full size.
        across, down = image.width / source.width, image.height / source.height
        left, top, right, bottom = box
        framed = image.crop(
            (round(left * across), round(top * down), round(right * across), round(bottom * down))
        )
        resized: dict[int, Image.Image] = {}  # each width once, for both formats
        for variant in missing:
            if variant.width not in resized:
                size = (variant.width, variant.height)
                resized[variant.width] = framed.resize(size, Image.Resampling.LANCZOS)
            data = self._smallest_fit(resized[variant.width], variant.format, budget(variant))
            self._write(variant.path, data)

    def copy(self, source: Source) -> Variant:
        """The picture itself as the site publishes it: in its own format, upright, no wider than
        `copy_width`, and without the metadata it came with (a phone's GPS position among them)."""
        width, height = source.width, source.height
        if width > self.encoding.copy_width:
            width, height = self.encoding.copy_width, max(1, round(height * self.encoding.copy_width / width))
        variant = Variant(source.format, width, height, self._cached(source, f"copy {width}", source.format))
        if variant.path.exists():
            self.stats.reused += 1
            return variant
        image = upright(source)
        if image.size != (width, height):
            image = image.resize((width, height), Image.Resampling.LANCZOS)
        quality = self.encoding.jpeg_quality if source.format == "JPEG" else self.encoding.webp_quality
        self._write(variant.path, self._encode(image, source.format, quality + 10))
        return variant

    def _smallest_fit(self, image: Image.Image, fmt: str, budget: float) -> bytes:
        quality = self.encoding.webp_quality if fmt == "WEBP" else self.encoding.jpeg_quality
        data = self._encode(image, fmt, quality)
        while len(data) > budget and quality > self.encoding.lowest_quality:
            quality = max(self.encoding.lowest_quality, quality - 8)
            data = self._encode(image, fmt, quality)
        return data

    def _encode(self, image: Image.Image, fmt: str, quality: int) -> bytes:
        """The image's pixels in `fmt`. Pillow writes no EXIF, ICC or XMP unless given them: none is."""
        self.stats.encoded += 1
        out = io.BytesIO()
        if fmt == "WEBP":
            image.save(out, "WEBP", quality=min(quality, 100), method=self.encoding.webp_method)
        elif fmt == "JPEG":
            image.save(out, "JPEG", quality=min(quality, 95), optimize=True, progressive=True)
        else:
            image.save(out, "PNG", optimize=True)
        return out.getvalue()

    def _write(self, path: Path, data: bytes) -> None:
        """Write beside `path`, then rename: a stopped build leaves no half-written file in the cache."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
