"""One build's pictures: each post's photo as responsive variants, or its generated art, and what pages
and feeds need to show them. Knows nothing of MkDocs: the boundary hands in the posts and a way to read
the site's files, and adds the files this writes to the site."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coachblog.errors import ContentError, Problem
from coachblog.pictures.art import HEIGHT as ART_HEIGHT
from coachblog.pictures.art import WIDTH as ART_WIDTH
from coachblog.pictures.art import art_svg
from coachblog.pictures.encode import Encoder, EncodeStats, Encoding, Variant
from coachblog.pictures.source import Field, Source, check, resolve

FOLDER = "assets/pictures/"
# The variant the fallback <img src> and the feeds point at: the largest no wider than this.
FALLBACK_WIDTH = 960


@dataclass(frozen=True)
class PostImage:
    """What a post says about its picture."""

    src_uri: str
    slug: str
    title: str
    image: str | None = None
    image_alt: str | None = None
    line: int | None = None  # of the `image:` field


@dataclass(frozen=True)
class Size:
    """One file of a srcset: its name in FOLDER and its width in pixels."""

    name: str
    width: int


@dataclass(frozen=True)
class Shown:
    """A post's picture as templates print it; file names are relative to `folder`."""

    folder: str
    src: str
    width: int
    height: int
    alt: str
    webp: tuple[Size, ...] = ()
    jpeg: tuple[Size, ...] = ()
    # The fallback file's size in bytes and type, for feed enclosures; 0 for generated art.
    length: int = 0
    media_type: str = "image/svg+xml"
    _srcsets: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_art(self) -> bool:
        return not self.webp

    def srcset(self, kind: str, prefix: str) -> str:
        """The `srcset` of the WebP ("webp") or JPEG ("jpeg") files, linked with `prefix`: made once
        for each prefix (every page at one folder depth shares one), as lists print thousands."""
        key = (kind, prefix)
        if key not in self._srcsets:
            sizes = self.webp if kind == "webp" else self.jpeg
            self._srcsets[key] = ", ".join(f"{prefix}{s.name} {s.width}w" for s in sizes)
        return self._srcsets[key]


@dataclass
class SitePictures:
    """The pictures of every post of one build."""

    shown: dict[str, Shown] = field(default_factory=dict)  # by the post's src_uri
    files: dict[str, Path | str] = field(default_factory=dict)  # site path -> cached file or SVG text
    copies: dict[str, Path] = field(default_factory=dict)  # an image's src_uri -> its clean copy
    # A post's widest JPEG variant (16:9, no metadata) by the post's src_uri: what a social card
    # drawn on the photo starts from. Its cache path is named by its content.
    card_photos: dict[str, Path] = field(default_factory=dict)
    stats: EncodeStats = field(default_factory=EncodeStats)


def make_pictures(
    posts: Iterable[PostImage],
    read: Callable[[str], bytes | None],
    cache_dir: Path,
    encoding: Encoding | None = None,
) -> SitePictures:
    """Check and encode every post's picture (art for those without one); ContentError lists every
    picture that cannot be shown."""
    encoder = Encoder(cache_dir, encoding)
    out = SitePictures(stats=encoder.stats)
    problems: list[Problem] = []
    sources: dict[str, Source] = {}  # by the image's src_uri: posts may share one
    for post in posts:
        if post.image is None:
            out.shown[post.src_uri] = _art(post, out.files)
            continue
        place = Field(post.src_uri, post.line, post.image)
        src = resolve(post.src_uri, post.image)
        source = sources.get(src) or check(place, src, read(src))
        if isinstance(source, Problem):
            problems.append(source)
            continue
        sources[src] = source
        variants = encoder.variants(source)
        out.shown[post.src_uri] = _photo(post, variants, out.files)
        out.card_photos[post.src_uri] = max(
            (v for v in variants if v.format == "JPEG"), key=lambda v: v.width
        ).path
        if src not in out.copies:
            out.copies[src] = encoder.copy(source).path
    if problems:
        raise ContentError(problems)
    return out


def _art(post: PostImage, files: dict[str, Path | str]) -> Shown:
    name = f"{post.slug}-art.svg"
    files[FOLDER + name] = art_svg(post.slug, post.title)
    return Shown(FOLDER, name, ART_WIDTH, ART_HEIGHT, "")


def _photo(post: PostImage, variants: list[Variant], files: dict[str, Path | str]) -> Shown:
    sizes: dict[str, list[Size]] = {"WEBP": [], "JPEG": []}
    for variant in variants:
        name = f"{post.slug}-{variant.width}-{variant.path.stem[:10]}.{variant.extension}"
        files[FOLDER + name] = variant.path
        sizes[variant.format].append(Size(name, variant.width))
    jpegs = [v for v in variants if v.format == "JPEG"]
    fallback = max((v for v in jpegs if v.width <= FALLBACK_WIDTH), key=lambda v: v.width, default=jpegs[0])
    name = next(s.name for s in sizes["JPEG"] if s.width == fallback.width)
    return Shown(
        FOLDER,
        name,
        fallback.width,
        fallback.height,
        post.image_alt or "",
        tuple(sizes["WEBP"]),
        tuple(sizes["JPEG"]),
        fallback.path.stat().st_size,
        fallback.media_type,
    )
