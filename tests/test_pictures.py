"""Post pictures: checked, cut to 16:9, encoded at a few widths as WebP and JPEG without metadata,
cached so a warm build encodes nothing; generated art for posts without one; shown as hero and card
thumbnail; carried by the feeds."""

from __future__ import annotations

import io
import json
import random
import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from PIL import Image, ImageOps

from coachblog.errors import ContentError
from coachblog.pictures.art import art_svg
from coachblog.pictures.encode import Encoding, frame
from coachblog.pictures.site_pictures import FOLDER, PostImage, SitePictures, make_pictures
from coachblog.pictures.source import MAX_BYTES, MAX_PIXELS
from tests.content import tip
from tests.helpers import REPO, BuildFailed, Site, parse

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo(width: int = 1600, height: int = 1000, seed: int = 1, busy: bool = False) -> Image.Image:
    """A picture with some structure: four coloured quarters, plus noise when `busy`."""
    image = Image.new("RGB", (width, height), "#2e7d32")
    image.paste("#ff6e40", (0, 0, width // 2, height // 2))
    image.paste("#1e88e5", (width // 2, height // 2, width, height))
    if busy:
        noise = Image.frombytes("RGB", (width, height), random.Random(seed).randbytes(width * height * 3))
        image = Image.blend(image, noise, 0.5)
    return image


def jpeg_with_gps(image: Image.Image, orientation: int = 1) -> bytes:
    """A JPEG as a phone writes it: camera make, a GPS position (the runner's front door) and orientation."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def post(
    image: str | None = "/photos/run.jpg", alt: str | None = "A runner", slug: str = "hill"
) -> PostImage:
    return PostImage(f"tips/{slug}.md", slug, "Hill repeats", image, alt, 5)


def pictures(files: dict[str, bytes], cache: Path, *posts: PostImage) -> SitePictures:
    return make_pictures(posts or (post(),), files.get, cache)


def opened(path: Path | str | io.BytesIO) -> Image.Image:
    image = Image.open(path)
    image.load()
    return image


def test_a_phone_photo_loses_its_gps_position_and_all_metadata(tmp_path: Path) -> None:
    data = jpeg_with_gps(photo())
    assert opened(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the fixture does carry a position
    made = pictures({"photos/run.jpg": data}, tmp_path)
    outputs = [p for p in made.files.values() if isinstance(p, Path)] + list(made.copies.values())
    assert len(outputs) == 7  # 3 widths x 2 formats, and the published copy of the file itself
    for path in outputs:
        image = opened(path)
        assert dict(image.getexif()) == {}, path
        assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp"} & set(image.info), path
        assert b"PhoneMaker" not in path.read_bytes() and b"Exif\x00" not in path.read_bytes()


def test_the_orientation_is_applied_before_the_picture_is_cut(tmp_path: Path) -> None:
    source = photo(1600, 1000)
    data = jpeg_with_gps(source, orientation=6)  # stored on its side: shown turned a quarter
    made = pictures({"photos/run.jpg": data}, tmp_path)
    upright = ImageOps.exif_transpose(opened(io.BytesIO(data)))
    assert upright.size == (1000, 1600)
    expected = upright.crop(frame(*upright.size))
    shown = made.shown["tips/hill.md"]
    out = opened(made.files[FOLDER + shown.src])
    assert out.size == (shown.width, shown.height) and shown.width * 9 == shown.height * 16
    expected = expected.resize(out.size)
    for x, y in [(0.2, 0.2), (0.8, 0.2), (0.2, 0.8), (0.8, 0.8)]:
        point = (int(x * out.width), int(y * out.height))
        got, want = out.getpixel(point), expected.getpixel(point)
        assert isinstance(got, tuple) and isinstance(want, tuple)
        assert max(abs(a - b) for a, b in zip(got, want, strict=True)) < 40, (point, got, want)


def test_a_phone_sized_photo_decoded_at_a_fraction_of_its_size_is_still_cut_whole(tmp_path: Path) -> None:
    # A 4000 x 3000 JPEG decodes at half its size, fast; the frame must be cut from that half, whole.
    made = pictures({"photos/run.jpg": jpeg_with_gps(photo(4000, 3000))}, tmp_path)
    shown = made.shown["tips/hill.md"]
    for size in shown.webp + shown.jpeg:
        image = opened(made.files[FOLDER + size.name]).convert("RGB")
        corners = [(2, 2), (image.width - 3, image.height - 3)]
        for (x, y), colour in zip(corners, ((0xFF, 0x6E, 0x40), (0x1E, 0x88, 0xE5)), strict=True):
            got = image.getpixel((x, y))
            assert isinstance(got, tuple)
            assert max(abs(a - b) for a, b in zip(got, colour, strict=True)) < 40, (size, (x, y), got)


def test_a_warm_build_encodes_nothing_and_a_changed_picture_or_setting_encodes_again(tmp_path: Path) -> None:
    files = {"photos/run.jpg": jpeg_with_gps(photo())}
    first = pictures(files, tmp_path)
    assert first.stats.encoded >= 7 and first.stats.reused == 0
    second = pictures(files, tmp_path)
    assert (second.stats.encoded, second.stats.reused) == (0, 7)
    assert second.shown == first.shown
    files["photos/run.jpg"] = jpeg_with_gps(photo(seed=2, busy=True))
    assert pictures(files, tmp_path).stats.encoded >= 7
    other = make_pictures([post()], files.get, tmp_path, Encoding(webp_quality=60))
    assert other.stats.encoded >= 6  # the WebP and JPEG variants: the settings are part of every key


def test_no_variant_is_wider_than_the_picture_and_each_is_the_size_it_says(tmp_path: Path) -> None:
    made = pictures({"photos/run.jpg": jpeg_with_gps(photo(700, 500))}, tmp_path)
    shown = made.shown["tips/hill.md"]
    assert [s.width for s in shown.webp] == [s.width for s in shown.jpeg] == [480, 700]
    for size in shown.webp + shown.jpeg:
        image = opened(made.files[FOLDER + size.name])
        assert image.size == (size.width, round(size.width * 9 / 16))
    assert made.files[FOLDER + shown.webp[0].name].suffix == ".webp"  # type: ignore[union-attr]


def test_the_hero_at_960_pixels_stays_under_80_kb_even_for_a_busy_photo(tmp_path: Path) -> None:
    made = pictures({"photos/run.jpg": jpeg_with_gps(photo(2400, 1500, busy=True))}, tmp_path)
    shown = made.shown["tips/hill.md"]
    at_960 = [made.files[FOLDER + s.name] for s in shown.webp + shown.jpeg if s.width == 960]
    assert len(at_960) == 2
    for path in at_960:
        assert isinstance(path, Path) and path.stat().st_size <= 80_000, path


def png_header(width: int, height: int) -> bytes:
    """The start of a PNG that claims to be `width` x `height`: enough for Pillow to read its size."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", b"") + png_chunk(b"IEND", b"")


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def animated_webp() -> bytes:
    out = io.BytesIO()
    frames = [Image.new("RGB", (64, 36), colour) for colour in ("red", "blue")]
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    return out.getvalue()


def small_jpeg() -> bytes:
    out = io.BytesIO()
    photo(64, 36).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("image", "data", "expected"),
    [
        ("/photos/run.jpg", None, "names no image file of the site"),
        ("/photos/run.jpg", b"not a picture at all", "cannot be read as a picture"),
        ("/photos/run.jpg", small_jpeg()[:200], "cannot be read as a picture"),
        ("/photos/run.png", png_header(9000, 5000), "is 9000 x 5000 pixels (45 megapixels)"),
        ("/photos/run.png", png_header(30000, 30000), "is over 80 megapixels"),
        ("/photos/run.jpg", small_jpeg() + bytes(MAX_BYTES), "is a file of 15.0 MB"),
        ("/photos/run.webp", animated_webp(), "is animated"),
        ("/photos/run.gif", small_jpeg(), "is a GIF file; a post's picture is a JPEG, PNG or WebP"),
        ("https://example.org/run.jpg", None, "is a web address"),
    ],
    ids=["missing", "not-a-picture", "cut-off", "too-many-pixels", "bomb", "too-many-bytes", "animated",
         "gif", "web-address"],
)  # fmt: skip
def test_a_picture_that_cannot_be_shown_is_a_problem_naming_file_line_and_what_is_allowed(
    tmp_path: Path, image: str, data: bytes | None, expected: str
) -> None:
    files = {} if data is None else {image.lstrip("/"): data}
    with pytest.raises(ContentError) as failure:
        pictures(files, tmp_path, post(image))
    [problem] = failure.value.problems
    assert (problem.path, problem.line, problem.field, problem.value) == ("tips/hill.md", 5, "image", image)
    assert expected in problem.message
    assert problem.allowed is not None and f"{MAX_PIXELS // 1_000_000} megapixels" in problem.allowed
    assert "Traceback" not in str(failure.value)
    assert list(tmp_path.iterdir()) == []  # nothing encoded for a build that stops


def test_a_path_is_read_from_the_posts_folder_or_from_docs_when_it_starts_with_a_slash(
    tmp_path: Path,
) -> None:
    files = {"tips/images/run.jpg": small_jpeg(), "photos/run.jpg": small_jpeg()}
    made = pictures(files, tmp_path, post("images/run.jpg", slug="a"), post("/photos/run.jpg", slug="b"))
    assert set(made.copies) == {"tips/images/run.jpg", "photos/run.jpg"}


def test_the_art_is_small_deterministic_in_the_sites_colours_and_differs_between_posts() -> None:
    svg = art_svg("hill-repeats", "Hill repeats")
    assert svg == art_svg("hill-repeats", "Hill repeats")
    assert len(svg.encode()) < 3000
    root = ElementTree.fromstring(svg)
    assert root.get("viewBox") == "0 0 960 540"
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', svg))
    greens_and_oranges = {"#2e7d32", "#1b5e20", "#66bb6a", "#a5d6a7", "#bf360c", "#ff8a65", "#ff7043"}
    assert colours & greens_and_oranges
    others = {art_svg(f"tip-{i}", f"Tip {i}") for i in range(20)}
    assert len(others) == 20


# ---------------------------------------------------------------- built sites


def photo_tip(extra: str = "image: images/run.jpg\nimage_alt: A runner on a hill path\n") -> str:
    return tip(extra=extra)


def build_with_photo(make_site: Callable[..., Site]) -> Site:
    site = make_site()
    site.write("tips/with-photo.md", photo_tip())
    (site.docs / "tips" / "images").mkdir(parents=True, exist_ok=True)
    (site.docs / "tips" / "images" / "run.jpg").write_bytes(jpeg_with_gps(photo(2000, 1300)))
    site.write("tips/without.md", tip(title="Run somewhere new", date="2025-11-21"))
    site.build()
    return site


def srcset_files(site: Site, page: str, srcset: str) -> list[tuple[Path, int]]:
    out = []
    for item in srcset.split(","):
        url, width = item.split()
        out.append(((site.out / page / url).resolve(), int(width.removesuffix("w"))))
    return out


def test_a_post_shows_its_photo_as_an_eager_hero_and_a_lazy_card_thumbnail(
    make_site: Callable[..., Site],
) -> None:
    site = build_with_photo(make_site)
    page = parse(site.html("tips/with-photo/"))
    [hero] = page.xpath("//figure[contains(@class,'cb-hero')]//picture")
    [source] = hero.xpath(".//source[@type='image/webp']")
    [img] = hero.xpath(".//img")  # libxml2 does not know <source> is empty: it nests the img in it
    assert img.get("loading") == "eager" and img.get("fetchpriority") == "high"
    assert img.get("alt") == "A runner on a hill path"
    assert (img.get("width"), img.get("height")) == ("960", "540")
    assert source.get("sizes") and img.get("sizes")
    for path, width in srcset_files(site, "tips/with-photo", source.get("srcset") or "") + srcset_files(
        site, "tips/with-photo", img.get("srcset") or ""
    ):
        assert opened(path).width == width
    assert (site.out / "tips/with-photo" / (img.get("src") or "")).resolve().is_file()
    index = parse(site.html("tips/"))
    thumbs = index.xpath("//div[contains(@class,'cb-card__picture')]//img")
    assert len(thumbs) == 2
    assert all(t.get("loading") == "lazy" and t.get("decoding") == "async" for t in thumbs)
    assert all(t.get("width") and t.get("height") for t in thumbs)


def test_a_post_without_a_picture_gets_its_art_as_a_decorative_hero(make_site: Callable[..., Site]) -> None:
    site = build_with_photo(make_site)
    page = parse(site.html("tips/without/"))
    [img] = page.xpath("//figure[contains(@class,'cb-hero')]/img")
    assert img.get("alt") == "" and img.get("src", "").endswith(".svg")
    svg = (site.out / "tips/without" / img.get("src", "")).resolve()
    assert svg.stat().st_size < 3000 and ElementTree.parse(svg).getroot().tag.endswith("svg")


def test_no_picture_the_site_publishes_carries_metadata(make_site: Callable[..., Site]) -> None:
    site = build_with_photo(make_site)
    published = [p for p in site.out.rglob("*") if p.suffix in (".jpg", ".webp", ".png")]
    assert site.out / "tips/images/run.jpg" in published  # the file itself, swapped for a clean copy
    for path in published:
        assert dict(opened(path).getexif()) == {}, path
        assert b"PhoneMaker" not in path.read_bytes(), path


def test_feed_entries_carry_the_picture_with_absolute_urls(make_site: Callable[..., Site]) -> None:
    site = build_with_photo(make_site)
    page_url = site.site_url + "tips/with-photo/"
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((site.out / name).read_bytes())
        entries = {e.link: e for e in feed.entries}
        [enclosure] = entries[page_url].enclosures
        assert enclosure.href.startswith(site.site_url) and enclosure.type == "image/jpeg"
        file = site.out / enclosure.href.removeprefix(site.site_url)
        assert int(enclosure.length) == file.stat().st_size
        assert entries[site.site_url + "tips/without/"].enclosures == []
        alternates = [link for link in entries[page_url].links if link.rel == "alternate"]
        assert [link.href for link in alternates] == [page_url]
    items = {i["url"]: i for i in json.loads((site.out / "feed.json").read_text())["items"]}
    assert items[page_url]["image"] == enclosure.href
    assert "image" not in items[site.site_url + "tips/without/"]


def test_a_second_build_encodes_no_picture(make_site: Callable[..., Site]) -> None:
    site = build_with_photo(make_site)
    config = site.build()
    assert config.plugins["coachblog"].pictures.stats.encoded == 0  # type: ignore[attr-defined]
    assert config.plugins["coachblog"].pictures.stats.reused == 7  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("image: images/run.jpg\n", "tips/with-photo.md:6: field 'image_alt': is missing"),
        (
            "image: images/none.jpg\nimage_alt: A runner\n",
            "tips/with-photo.md:6: field 'image': names no image file of the site",
        ),
        ("image: images/notes.txt\nimage_alt: A runner\n", "field 'image': names no image file of the site"),
    ],
)
def test_a_bad_picture_fails_the_build_with_the_file_line_and_field(
    make_site: Callable[..., Site], extra: str, expected: str
) -> None:
    site = make_site()
    site.write("tips/with-photo.md", photo_tip(extra))
    (site.docs / "tips" / "images").mkdir(parents=True, exist_ok=True)
    (site.docs / "tips" / "images" / "run.jpg").write_bytes(small_jpeg())
    (site.docs / "tips" / "images" / "notes.txt").write_text("notes")
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert expected in str(failure.value)
    assert "Traceback" not in str(failure.value)


def test_a_post_with_a_photo_gets_a_link_preview_card_drawn_on_it(make_site: Callable[..., Site]) -> None:
    # The preview tags come from the project's overrides (partials/social-meta.html).
    theme = {"name": "material", "font": False, "custom_dir": str(REPO / "overrides")}
    site = build_with_photo(lambda: make_site(extra_config={"theme": theme}))
    cards = {}
    for slug in ("with-photo", "without"):
        head = parse(site.html(f"tips/{slug}/"))
        [url] = head.xpath("//meta[@property='og:image']/@content")
        [alt] = head.xpath("//meta[@property='og:image:alt']/@content")
        assert url.startswith(site.site_url) and url.endswith(".png"), url
        cards[slug] = (opened(site.out / url.removeprefix(site.site_url)).convert("RGB"), alt)
    card, alt = cards["with-photo"]
    assert card.size == (1200, 630)
    assert alt.endswith("over a picture: A runner on a hill path")

    # The photo's orange and blue quarters show through the shade; the plain card has neither.
    def hues(image: Image.Image) -> set[str]:
        found = set()
        for x in range(0, 1200, 40):
            for y in range(0, 630, 30):
                r, g, b = image.getpixel((x, y))  # type: ignore[misc]
                if r > g + 15 and r > b + 15:
                    found.add("orange")
                if b > r + 15 and b > g + 5:
                    found.add("blue")
        return found

    assert hues(card) == {"orange", "blue"}
    assert "blue" not in hues(cards["without"][0])
