"""Coaches' photos: checked as post pictures are, cut square (nearer the top of a tall picture), written
for the byline and the profile as WebP and JPEG without metadata, cached so a warm build encodes
nothing; the photo file itself published as a clean copy; a photo given as a link stays a link."""

from __future__ import annotations

import io
import socket
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from coachblog.errors import ContentError
from coachblog.pictures.coach_photos import FOLDER, CoachPhoto, CoachPhotos, make_coach_photos
from coachblog.pictures.encode import SQUARE_WIDTHS, square
from coachblog.pictures.source import MAX_PIXELS
from tests.content import coach, tip
from tests.helpers import BuildFailed, Site, by_class, minimal_site, parse, site_path

GPS_IFD = 0x8825
RED, GREEN, BLUE = (200, 30, 30), (30, 160, 60), (30, 60, 200)
COACH_FILE = "coaches/jude-palmer.yml"
PHOTO_LINE = 10  # tests.content.coach() writes a new field after the nine of its good file


def portrait(width: int = 3000, height: int = 4000) -> Image.Image:
    """A tall picture: red in its top fifth (where a face would be), blue in its bottom tenth."""
    image = Image.new("RGB", (width, height), GREEN)
    image.paste(RED, (0, 0, width, height // 5))
    image.paste(BLUE, (0, height - height // 10, width, height))
    return image


def phone_jpeg(image: Image.Image) -> bytes:
    """A JPEG as a phone writes it: the camera's make and a GPS position (the runner's front door)."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def encoded(image: Image.Image, fmt: str, **options: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def animated(fmt: str) -> bytes:
    frames = [Image.new("RGB", (64, 64), colour) for colour in ("red", "blue")]
    return encoded(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100)


def png_header(width: int, height: int) -> bytes:
    """The start of a PNG that claims to be `width` x `height`: enough for Pillow to read its size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


def opened(path: Path | io.BytesIO) -> Image.Image:
    image = Image.open(path)
    image.load()
    return image


def photos(data: bytes, cache: Path, name: str = "photos/jude.jpg") -> CoachPhotos:
    row = CoachPhoto("jude-palmer", f"docs/{COACH_FILE}", PHOTO_LINE, name, f"coaches/{name}")
    return make_coach_photos([row], {f"coaches/{name}": data}.get, cache)


# ---------------------------------------------------------------- the pictures, without a build


def test_the_square_is_centred_across_and_cut_nearer_the_top_of_a_tall_picture() -> None:
    assert square(4000, 3000) == (500, 0, 3500, 3000)
    left, top, right, bottom = square(3000, 4000)
    assert (left, right, bottom - top) == (0, 3000, 3000)
    assert 0 < top < (4000 - 3000) // 2  # above the middle, not at the very top


def test_a_portrait_keeps_its_top_and_loses_its_bottom(tmp_path: Path) -> None:
    made = photos(phone_jpeg(portrait(1000, 2000)), tmp_path)
    widest = made.shown["jude-palmer"].jpeg[-1]
    image = opened(made.files[FOLDER + widest.name]).convert("RGB")
    assert image.size == (320, 320)

    def near(colour: tuple[int, int, int], y: int) -> bool:
        got = image.getpixel((160, y))
        assert isinstance(got, tuple)
        return max(abs(a - b) for a, b in zip(got, colour, strict=True)) < 40

    assert near(RED, 2)  # a square from the middle (rows 500 to 1500) would show no red at all
    assert near(GREEN, 317)


def test_every_file_made_from_a_phone_photo_is_square_clean_and_no_wider_than_it(tmp_path: Path) -> None:
    data = phone_jpeg(portrait(150, 200))
    assert opened(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the fixture does carry a position
    made = photos(data, tmp_path)
    shown = made.shown["jude-palmer"]
    assert [s.width for s in shown.webp] == [s.width for s in shown.jpeg] == [48, 96, 150]
    for size in shown.webp + shown.jpeg:
        path = made.files[FOLDER + size.name]
        image = opened(path)
        assert image.size == (size.width, size.width) and image.format in ("WEBP", "JPEG")
        assert dict(image.getexif()) == {} and b"PhoneMaker" not in path.read_bytes()
    copy = made.copies["coaches/photos/jude.jpg"]
    assert dict(opened(copy).getexif()) == {} and b"PhoneMaker" not in copy.read_bytes()


def test_a_second_run_encodes_nothing(tmp_path: Path) -> None:
    data = phone_jpeg(portrait())
    first = photos(data, tmp_path)
    assert first.stats.encoded >= 2 * len(SQUARE_WIDTHS) + 1 and first.stats.reused == 0
    second = photos(data, tmp_path)
    assert (second.stats.encoded, second.stats.reused) == (0, 2 * len(SQUARE_WIDTHS) + 1)
    assert second.shown == first.shown


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("photos/jude.webp", animated("WEBP"), "is animated"),
        ("photos/jude.jpg", animated("GIF"), "is animated"),  # a GIF named .jpg
        ("photos/jude.jpg", b"not a picture at all", "cannot be read as a picture"),
        ("photos/jude.jpg", phone_jpeg(portrait(64, 64))[:300], "cannot be read as a picture"),
        ("photos/jude.png", png_header(9000, 5000), "is 9000 x 5000 pixels (45 megapixels)"),
        ("photos/jude.png", png_header(30000, 30000), "is over 80 megapixels"),
    ],
    ids=["animated-webp", "animated-gif", "not-a-picture", "cut-off", "too-many-pixels", "bomb"],
)
def test_a_photo_that_cannot_be_shown_is_a_problem_naming_the_coach_file_field_and_picture(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    with pytest.raises(ContentError) as failure:
        photos(data, tmp_path, name)
    [problem] = failure.value.problems
    assert (problem.path, problem.line, problem.field, problem.value) == (
        f"docs/{COACH_FILE}",
        PHOTO_LINE,
        "photo",
        name,
    )
    assert expected in problem.message
    assert f"docs/coaches/{name}" in str(problem.hint)
    assert f"{MAX_PIXELS // 1_000_000} megapixels" in str(problem.allowed)
    assert "Traceback" not in str(failure.value)


# ---------------------------------------------------------------- a built site


def coach_site(root: Path, photo: str = "photos/jude.jpg", data: bytes | None = None) -> Site:
    """A coach with a photo and a tip by them."""
    site = minimal_site(root)
    site.write(COACH_FILE, coach(name="Jude Palmer", photo=photo))
    if data is not None:
        (site.docs / "coaches" / photo).parent.mkdir(parents=True, exist_ok=True)
        (site.docs / "coaches" / photo).write_bytes(data)
    site.write("tips/hills.md", tip(extra="author: jude-palmer\n"))
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = coach_site(tmp_path_factory.mktemp("coach-photo"), data=phone_jpeg(portrait()))
    site.build()
    assert site.warnings == []
    return site


def srcset_files(site: Site, page: str, srcset: str) -> list[tuple[Path, str]]:
    """Each file of a srcset on the page at site-relative URL `page`, with its descriptor."""
    items = [item.split() for item in srcset.split(",")]
    return [(site.out / site_path(url, page), descriptor) for url, descriptor in items]


def test_the_published_photo_file_has_no_metadata(built: Site) -> None:
    copy = built.out / "coaches/photos/jude.jpg"
    assert dict(opened(copy).getexif()) == {}
    assert b"PhoneMaker" not in copy.read_bytes() and b"Exif\x00" not in copy.read_bytes()


def test_the_profile_shows_a_square_picture_at_once_from_files_no_wider_than_the_photo(built: Site) -> None:
    page = "coaches/jude-palmer/"
    [picture] = parse(built.html(page)).xpath(f"//article[{by_class('cb-profile')}]//picture")
    [source] = picture.xpath(".//source[@type='image/webp']")
    [img] = picture.xpath(".//img")  # libxml2 nests the img in the <source> it does not know is empty
    assert img.get("alt") == "Photo of Jude Palmer" and img.get("loading") in (None, "eager")
    assert img.get("width") == img.get("height") and int(img.get("width")) > 0
    assert source.get("sizes") and img.get("sizes")
    files = srcset_files(built, page, source.get("srcset")) + srcset_files(built, page, img.get("srcset"))
    assert {p.suffix for p, _ in files} == {".webp", ".jpg"}
    for path, descriptor in files:
        image = opened(path)
        assert image.width == image.height == int(descriptor.removesuffix("w")) <= 3000, path
        assert dict(image.getexif()) == {}, path
    assert opened(built.out / site_path(img.get("src"), page)).format == "JPEG"


def test_the_byline_shows_the_small_photo_for_1x_and_2x_screens(built: Site) -> None:
    page = "tips/hills/"
    [byline] = parse(built.html(page)).xpath(f"//div[{by_class('cb-byline')}]")
    [link] = byline.xpath(".//a[@rel='author']")
    assert site_path(link.get("href"), page) == "coaches/jude-palmer/"
    [source] = link.xpath(".//picture//source[@type='image/webp']")
    [img] = link.xpath(".//picture//img")
    assert img.get("alt") == "" and img.get("width") == img.get("height")
    for srcset, fmt in ((source.get("srcset"), "WEBP"), (img.get("srcset"), "JPEG")):
        files = srcset_files(built, page, srcset)
        assert [d for _, d in files] == ["1x", "2x"]
        sizes = [opened(p).size for p, _ in files]
        assert sizes[1][0] == 2 * sizes[0][0] and all(w == h for w, h in sizes)
        assert all(opened(p).format == fmt for p, _ in files)
    assert (built.out / site_path(img.get("src"), page)).is_file()


def test_a_warm_rebuild_encodes_no_photo_and_rewrites_no_cached_file(built: Site) -> None:
    cache = built.root / ".cache" / "pictures"
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    plugin = built.build().plugins["coachblog"]
    stats = plugin.coach_photos.stats  # type: ignore[attr-defined]
    assert (stats.encoded, stats.reused) == (0, 2 * len(SQUARE_WIDTHS) + 1)
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("photos/jude.jpg", animated("GIF"), "is animated"),
        ("photos/jude.jpg", b"\xff\xd8\xff\xe0 a damaged photo", "cannot be read as a picture"),
        ("photos/jude.png", png_header(9000, 5000), "is 9000 x 5000 pixels"),
    ],
    ids=["animated-gif", "corrupt", "huge"],
)
def test_a_bad_photo_fails_the_strict_build_naming_the_coach_file_and_the_picture(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    site = coach_site(tmp_path, name, data)
    with pytest.raises(BuildFailed) as failure:
        site.build()
    message = str(failure.value)
    assert f"docs/{COACH_FILE}:{PHOTO_LINE}: field 'photo': {expected}" in message
    assert f"docs/coaches/{name}" in message and "JPEG, PNG or WebP" in message
    assert "Traceback" not in message


def test_a_gif_file_is_refused_by_the_coach_check_naming_the_file_and_what_is_allowed(tmp_path: Path) -> None:
    site = coach_site(tmp_path, "photos/jude.gif", animated("GIF"))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert f"docs/{COACH_FILE}:{PHOTO_LINE}: field 'photo': is not a .jpg" in str(failure.value)


def test_a_photo_given_as_a_link_is_linked_not_fetched_or_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tried: list[object] = []

    def no_network(self: socket.socket, address: object) -> None:
        tried.append(address)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    site = coach_site(tmp_path, "https://example.org/jude.jpg")
    plugin = site.build().plugins["coachblog"]
    assert tried == []
    assert plugin.coach_photos.stats.encoded == 0  # type: ignore[attr-defined]
    profile = parse(site.html("coaches/jude-palmer/"))
    assert profile.xpath("//picture | //img[contains(@class, 'cb-profile__photo')]") == []
    assert profile.xpath("//a[text()='Photo']/@href") == ["https://example.org/jude.jpg"]
    assert parse(site.html("tips/hills/")).xpath(f"//div[{by_class('cb-byline')}]//img") == []
    assert not (site.out / FOLDER).exists()


def test_a_coach_without_a_photo_builds_without_one(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write(COACH_FILE, coach(name="Jude Palmer"))
    site.build()
    assert parse(site.html("coaches/jude-palmer/")).xpath("//picture") == []
