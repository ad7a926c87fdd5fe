"""A post's `image:` field (or a coach's `photo:`): which file it names, and whether that file is a
picture the site can show.

The path is relative to the post's own file (`image: images/hill.jpg` beside `tips/hill.md`), or to
docs/ when it starts with '/' (`image: /assets/images/hill.jpg`), as the link previews read it.
"""

from __future__ import annotations

import contextlib
import io
import posixpath
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from coachblog.errors import Problem

SUFFIXES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
OTHER_PICTURES = (".gif", ".svg", ".avif", ".heic", ".bmp", ".tif", ".tiff")
MAX_PIXELS = 40_000_000
MAX_BYTES = 15_000_000
ALLOWED = (
    "a JPEG, PNG or WebP picture in docs/, its path relative to this file (images/hill.jpg) or to"
    f" docs/ when it starts with '/'; at most {MAX_PIXELS // 1_000_000} megapixels and"
    f" {MAX_BYTES // 1_000_000} MB; one frame, not animated"
)
# EXIF orientations that turn the picture a quarter: its width and height swap when shown upright.
QUARTER_TURNS = {5, 6, 7, 8}


@dataclass(frozen=True)
class Source:
    """A checked picture: its bytes and its size as shown upright (EXIF orientation applied)."""

    src_uri: str
    data: bytes
    width: int
    height: int
    format: str  # Pillow's name of the format its suffix says: JPEG, PNG or WEBP


@dataclass(frozen=True)
class Field:
    """Where a file names its picture, for messages: the file (a post, or a coach's as people see it),
    the line and the value written; the field's name, what it allows, and the picture file itself."""

    post_src: str
    line: int | None
    value: str
    name: str = "image"
    allowed: str = ALLOWED
    picture: str | None = None  # the picture file as people see it (docs/coaches/photos/alex.jpg)
    kind: str = "a post's picture"

    def problem(self, message: str, hint: str | None = None) -> Problem:
        if hint is None and self.picture is not None:
            hint = f"Replace {self.picture} with a picture that fits, or name another file"
        return Problem(self.post_src, self.name, message, self.line, self.value, self.allowed, hint)


def resolve(post_src: str, value: str) -> str:
    """The docs/-relative path that `value`, written in the post at `post_src`, names."""
    target = value.strip()
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(post_src), target))


@contextlib.contextmanager
def bomb_limit(pixels: int = MAX_PIXELS) -> Iterator[None]:
    """Pillow refuses pictures of over twice `pixels` while this is open (not the 179 million it
    allows by default); under that, check() measures them and says by how much they are too big."""
    before = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = before


def check(field: Field, src_uri: str, data: bytes | None) -> Source | Problem:
    """The picture `data` of file `src_uri` (None: no such file), or the problem that stops it showing."""
    if "://" in field.value or field.value.startswith("//"):
        return field.problem("is a web address; pictures must be files of the site")
    suffix = posixpath.splitext(src_uri)[1].lower()
    if suffix in OTHER_PICTURES:
        return field.problem(f"is a {suffix[1:].upper()} file; {field.kind} is a JPEG, PNG or WebP")
    if suffix not in SUFFIXES or data is None:
        return field.problem("names no image file of the site", f"Looked for docs/{src_uri}")
    if len(data) > MAX_BYTES:
        return field.problem(f"is a file of {len(data) / 1_000_000:.1f} MB")
    return _read(field, src_uri, data, SUFFIXES[suffix])


def _read(field: Field, src_uri: str, data: bytes, fmt: str) -> Source | Problem:
    """The picture's size as shown upright, after reading all of it; never a Pillow traceback."""
    try:
        with bomb_limit(), Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                megapixels = width * height / 1_000_000
                return field.problem(f"is {width} x {height} pixels ({megapixels:.0f} megapixels)")
            if getattr(image, "n_frames", 1) > 1:
                return field.problem("is animated (it has several frames)")
            image.verify()  # reads the whole file: a cut-off or damaged picture fails here
        with bomb_limit(), Image.open(io.BytesIO(data)) as image:  # verify() leaves the file unusable
            orientation = image.getexif().get(0x0112, 1)
    except Image.DecompressionBombError:
        return field.problem(f"is over {2 * MAX_PIXELS // 1_000_000} megapixels")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        damaged = f"the file is damaged or cut short: {exc}"
        reason = "its bytes are not a picture" if isinstance(exc, UnidentifiedImageError) else damaged
        return field.problem(f"cannot be read as a picture ({reason})")
    if orientation in QUARTER_TURNS:
        width, height = height, width
    return Source(src_uri, data, width, height, fmt)


def upright(source: Source, least: int = 1440) -> Image.Image:
    """The picture decoded, turned as its EXIF orientation says, in RGB (transparency on white)."""
    with bomb_limit(), Image.open(io.BytesIO(source.data)) as opened:
        # A JPEG can be decoded at a half, quarter or eighth of its size, much faster: as small as
        # that goes while both sides stay at least `least` (a phone's 4000 x 3000 decodes at half).
        opened.draft("RGB", (least, least))
        image = ImageOps.exif_transpose(opened)
        image.load()
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")
