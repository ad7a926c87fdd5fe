"""Coaches' photos, made as post pictures are: checked by the same rules, cut square (across the
middle, nearer the top of a tall picture, where a face usually is), written at the widths a byline
and a profile need as WebP and JPEG without metadata, cached; and the photo file itself swapped for a
clean copy. Knows nothing of MkDocs or of coach files: the boundary hands in a row per coach whose
`photo:` names a file of the site."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachblog.errors import ContentError, Problem
from coachblog.pictures.encode import Encoder, EncodeStats, Encoding, Variant
from coachblog.pictures.site_pictures import Size
from coachblog.pictures.source import MAX_BYTES, MAX_PIXELS, Field, Source, check
from coachblog.urls import relative_url

FOLDER = "assets/pictures/coaches/"
# The profile shows the photo this many CSS pixels wide (assets/pictures.css: 8rem); the byline's
# is about 40, so its 1x file is the smallest width and its 2x file the next.
PROFILE_SIZE = 160
# A list of coaches (the finder and its list pages) shows a thumbnail this many CSS pixels wide
# (assets/coach-finder.css): the byline's files, 1x and 2x.
THUMB_SIZE = 48
ALLOWED = (
    "a JPEG, PNG or WebP photo in the coaches folder, named from it (photos/alex.jpg); at most"
    f" {MAX_PIXELS // 1_000_000} megapixels and {MAX_BYTES // 1_000_000} MB; one frame, not animated"
)


@dataclass(frozen=True)
class CoachPhoto:
    """A coach's `photo:` naming a file of the site: where it is written, for messages, and the file."""

    slug: str
    coach_file: str  # as people see it: docs/coaches/alex.yml
    line: int | None  # of the `photo:` field
    value: str  # as written: photos/alex.jpg
    src_uri: str  # the picture's path in docs/: coaches/photos/alex.jpg
    docs: str = "docs"  # the docs folder as people see it


@dataclass(frozen=True)
class SquarePhoto:
    """A coach's photo as pages show it: square files in FOLDER, narrowest first, in each format, each
    named <slug>-<width>-<tag>.<webp or jpg> (the finder's script rebuilds the names of the smallest
    two from the slug and `thumb_key`)."""

    webp: tuple[Size, ...]
    jpeg: tuple[Size, ...]
    tag: str = ""  # changes whenever a file does, so a browser never keeps an old photo

    def byline(self, kind: str) -> tuple[str, ...]:
        """Site-relative URLs of the WebP ("webp") or JPEG ("jpeg") file for a byline on screens of
        1x density and, when the photo is big enough for one, 2x."""
        sizes = self.webp if kind == "webp" else self.jpeg
        return tuple(FOLDER + s.name for s in sizes[:2])

    @property
    def thumb_key(self) -> str:
        """The thumbnail's files in a few letters, for the finder's data (coach-finder.js, photoItem):
        the tag when they are THUMB_SIZE and twice that wide, as from any photo at least that big;
        else the tag and their widths, joined by '-'."""
        widths = tuple(s.width for s in self.webp[:2])
        return self.tag if widths == (THUMB_SIZE, 2 * THUMB_SIZE) else "-".join(map(str, (self.tag, *widths)))

    def thumb(self) -> dict[str, Any]:
        """What a list of coaches prints beside a name: site-relative URLs of the byline's WebP and
        JPEG files (for screens of 1x and, when the photo is big enough, 2x density), their widths, the
        thumbnail's width in CSS pixels, and for the finder's script the files' folder and `key`."""
        return {
            "webp": self.byline("webp"),
            "jpeg": self.byline("jpeg"),
            "widths": tuple(s.width for s in self.jpeg[:2]),
            "size": THUMB_SIZE,
            "folder": FOLDER,
            "key": self.thumb_key,
        }

    def profile(self, base: str) -> dict[str, Any]:
        """What the profile at site-relative URL `base` prints: srcsets, the fallback file, its size."""

        def srcset(sizes: tuple[Size, ...]) -> str:
            return ", ".join(f"{relative_url(FOLDER + s.name, base)} {s.width}w" for s in sizes)

        # The fallback: the narrowest JPEG that fills the profile's frame, else the widest there is.
        fallback = next((s for s in self.jpeg if s.width >= PROFILE_SIZE), self.jpeg[-1])
        # The narrowest file is the byline's 1x, too small for the profile on any common screen.
        return {
            "webp": srcset(self.webp[1:] or self.webp),
            "jpeg": srcset(self.jpeg[1:] or self.jpeg),
            "src": relative_url(FOLDER + fallback.name, base),
            "size": PROFILE_SIZE,
        }


@dataclass
class CoachPhotos:
    """The photos of every coach of one build."""

    shown: dict[str, SquarePhoto] = field(default_factory=dict)  # by the coach's slug
    files: dict[str, Path] = field(default_factory=dict)  # site path -> cached file
    copies: dict[str, Path] = field(default_factory=dict)  # a photo's src_uri -> its clean copy
    stats: EncodeStats = field(default_factory=EncodeStats)


def make_coach_photos(
    photos: Iterable[CoachPhoto],
    read: Callable[[str], bytes | None],
    cache_dir: Path,
    encoding: Encoding | None = None,
) -> CoachPhotos:
    """Check and encode every coach's photo; ContentError lists every photo that cannot be shown."""
    encoder = Encoder(cache_dir, encoding)
    out = CoachPhotos(stats=encoder.stats)
    problems: list[Problem] = []
    sources: dict[str, Source] = {}  # by the photo's src_uri: coaches may share one
    for photo in photos:
        picture = f"{photo.docs}/{photo.src_uri}"
        place = Field(photo.coach_file, photo.line, photo.value, "photo", ALLOWED, picture, "a coach's photo")
        source = sources.get(photo.src_uri) or check(place, photo.src_uri, read(photo.src_uri))
        if isinstance(source, Problem):
            problems.append(source)
            continue
        sources[photo.src_uri] = source
        out.shown[photo.slug] = _square(photo.slug, encoder.squares(source), out.files)
        if photo.src_uri not in out.copies:
            out.copies[photo.src_uri] = encoder.copy(source).path
    if problems:
        raise ContentError(problems)
    return out


def _square(slug: str, variants: list[Variant], files: dict[str, Path]) -> SquarePhoto:
    # One tag for every file of the photo: from the cache keys, which change with the photo's bytes and
    # the encoder's settings.
    tag = hashlib.sha256(" ".join(v.path.name for v in variants).encode()).hexdigest()[:8]
    sizes: dict[str, list[Size]] = {"WEBP": [], "JPEG": []}
    for variant in variants:
        name = f"{slug}-{variant.width}-{tag}.{variant.extension}"
        files[FOLDER + name] = variant.path
        sizes[variant.format].append(Size(name, variant.width))
    return SquarePhoto(tuple(sizes["WEBP"]), tuple(sizes["JPEG"]), tag)
