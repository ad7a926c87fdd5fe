"""Coaches' photos in the finder and its list pages: a small round thumbnail beside each name, from the
photo's square files (48 and 96 pixels, WebP and JPEG), lazy and sized so nothing moves; the same markup
whether the page or its script wrote it; a coach without a photo gets no picture, only their initial."""

from __future__ import annotations

import importlib.util
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml.html import HtmlElement
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, Page, ViewportSize, expect

from coachblog.coaches import directory_pages, finder_data
from coachblog.coaches.directory_files import assets
from coachblog.coaches.fields import CoachSource
from coachblog.coaches.profile_page import ProfileHtml
from coachblog.coaches.site_directory import CoachDirectory, CoachSettings
from coachblog.pictures.coach_photos import SquarePhoto
from coachblog.pictures.site_pictures import Size
from coachblog.text import slugify
from tests.content import EVIL, coach, load
from tests.helpers import (
    DESKTOP,
    LAYOUT_SHIFT_TOTAL,
    PHONE,
    REPO,
    Served,
    Site,
    by_class,
    hrefs,
    minimal_site,
    parse,
    serve,
    site_path,
)

FIXTURES = REPO / "tests" / "coach_fixtures" / "finder"
THUMB = 48  # CSS pixels, and the width of the 1x file; the 2x file is twice as wide
MAIN = "#cb-results-main-list > li"


def portrait(width: int, height: int, seed: int) -> bytes:
    """A made-up head and shoulders on a coloured ground, as a phone's JPEG."""
    ground = (40 + seed * 53 % 180, 40 + seed * 97 % 180, 40 + seed * 31 % 180)
    image = Image.new("RGB", (width, height), ground)
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.3, height * 0.12, width * 0.7, height * 0.5), fill=(225, 185, 150))
    draw.rectangle((width * 0.12, height * 0.58, width * 0.88, height), fill=(40, 70, 150))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


@dataclass
class PhotoSite:
    """A built directory of more coaches than the finder's first batch, a few with a photo."""

    site: Site
    order: list[str]  # every coach's slug, in the finder's order
    names: dict[str, str]  # slug -> name
    photos: dict[str, int]  # slug -> the width of their photo (cut square: its narrower side)

    @property
    def first(self) -> list[str]:
        return self.order[: finder_data.FIRST_BATCH]

    def with_photo(self, width_at_least: int = 2 * THUMB) -> str:
        """A coach in the page's first batch whose photo is at least this wide."""
        return next(s for s in self.first if self.photos.get(s, 0) >= width_at_least)


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory: pytest.TempPathFactory) -> PhotoSite:
    """The finder's fixture coaches, 30 generated ones and a hostile one (whose photo is a link); photos
    for the first two others by name (one small) and the last, whom the page leaves to its script."""
    site = minimal_site(tmp_path_factory.mktemp("finder-photos"))
    for path in FIXTURES.glob("*.yml"):
        site.write(f"coaches/{path.name}", path.read_text(encoding="utf-8"))
    spec = importlib.util.spec_from_file_location("gen_coaches", REPO / "scripts" / "gen_coaches.py")
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.generate(30, site.docs / "coaches", seed=11)
    site.write("coaches/evil-coach.yml", EVIL)
    files = {
        f"coaches/{p.name}": p.read_text(encoding="utf-8") for p in (site.docs / "coaches").glob("*.yml")
    }
    coaches = load(files).coaches  # the build's own order: by name
    order = [c.slug for c in coaches]
    assert len(order) > finder_data.FIRST_BATCH + 5
    plain = [slug for slug in order if slug != "evil-coach"]
    photos = {plain[0]: 600, plain[1]: 60, plain[-1]: 500}
    (site.docs / "coaches" / "photos").mkdir()
    for n, (slug, width) in enumerate(photos.items()):
        (site.docs / "coaches" / "photos" / f"{slug}.jpg").write_bytes(portrait(width, width * 4 // 3, n))
        path = site.docs / "coaches" / f"{slug}.yml"
        path.write_text(path.read_text(encoding="utf-8") + f"photo: photos/{slug}.jpg\n", encoding="utf-8")
    site.build()
    assert site.warnings == []
    return PhotoSite(site, order, {c.slug: c.name for c in coaches}, photos)


@pytest.fixture(scope="module")
def served(photo_site: PhotoSite) -> Iterator[Served]:
    with serve(photo_site.site.out) as running:
        yield running


def coach_item(page: HtmlElement, slug: str) -> HtmlElement:
    """The result for a coach on the finder (by its id) or a list page (by its link)."""
    found = page.xpath(f"//li[{by_class('cb-coach')}][@data-coach-id='{slug}']") or [
        li
        for li in page.xpath(f"//li[{by_class('cb-coach')}]")
        if li.xpath("./a/@href")[0].endswith(f"{slug}/")
    ]
    assert len(found) == 1, slug
    return found[0]


def srcset_files(site: Site, page: str, srcset: str) -> list[tuple[Path, str]]:
    """Each file of a srcset on the page at site path `page`, with its descriptor."""
    return [(site.out / site_path(url, page), d) for url, d in (item.split() for item in srcset.split(","))]


def check_thumbnail(site: Site, page: str, item: HtmlElement, widths: list[int]) -> None:
    """`item` shows a lazy, decorative thumbnail THUMB pixels wide before the name, from square files
    of `widths` (the browser picks by the screen's density), in WebP with a JPEG fallback."""
    [picture] = item.xpath("./picture")
    assert item.index(picture) == 0 and item.xpath("./*[2]")[0].tag == "a", "the photo, then the name"
    [source] = picture.xpath(".//source")
    [img] = picture.xpath(".//img")  # libxml2 nests the img in the <source> it does not know is empty
    assert source.get("type") == "image/webp"
    assert img.get("alt") == "" and (img.get("loading"), img.get("decoding")) == ("lazy", "async")
    assert img.get("width") == img.get("height") == str(THUMB)
    assert img.get("sizes") == source.get("sizes") == f"{THUMB}px"
    for srcset, fmt in ((source.get("srcset"), "WEBP"), (img.get("srcset"), "JPEG")):
        files = srcset_files(site, page, srcset)
        assert [d for _, d in files] == [f"{w}w" for w in widths]
        for (path, _), width in zip(files, widths, strict=True):
            with Image.open(path) as image:
                assert (image.format, image.size) == (fmt, (width, width)), path
    with Image.open(site.out / site_path(img.get("src"), page)) as fallback:
        assert (fallback.format, fallback.size) == ("JPEG", (widths[0], widths[0]))


def test_the_photos_key_is_its_tag_unless_its_files_are_not_48_and_96_pixels() -> None:
    def photo(*widths: int) -> SquarePhoto:
        sizes = tuple(Size(f"x-{w}-tag.webp", w) for w in widths)
        return SquarePhoto(sizes, sizes, "0a1b2c3d")

    assert photo(48, 96, 192, 320).thumb_key == "0a1b2c3d"
    assert photo(48, 60).thumb_key == "0a1b2c3d-48-60"
    assert photo(40).thumb_key == "0a1b2c3d-40"
    assert photo(48, 96).thumb()["widths"] == (48, 96)
    assert photo(48, 96).thumb()["webp"] == (
        "assets/pictures/coaches/x-48-tag.webp",
        "assets/pictures/coaches/x-96-tag.webp",
    )


def test_the_finder_data_and_profiles_are_made_with_the_photos_so_the_data_file_is_written_once() -> None:
    # No build: the directory is read first, then its pages and files are made from it and the photos.
    sources = [
        CoachSource("coaches/alex.yml", coach(name="Alex Photo", photo="alex.jpg"), "docs/coaches/alex.yml"),
        CoachSource(
            "coaches/bea.yml",
            coach(name="Bea Plain", website="https://example.org/bea", email="bea@example.org"),
            "docs/coaches/bea.yml",
        ),
    ]
    uris = ["coaches/alex.yml", "coaches/bea.yml", "coaches/alex.jpg"]
    directory = CoachDirectory(CoachSettings(), sources, uris)
    sizes = tuple(Size(f"alex-{w}-0a1b2c3d.webp", w) for w in (48, 96, 192))
    photos = {"alex": SquarePhoto(sizes, sizes, "0a1b2c3d")}
    data = finder_data.FinderData(directory, photos)
    files = assets(directory, data)
    columns = json.loads(files[f"coaches/{finder_data.DATA_DIR}/{finder_data.COACH_DATA}"])
    assert dict(zip(columns["name"], columns["photo"], strict=True)) == {
        "Alex Photo": "0a1b2c3d",
        "Bea Plain": 0,
    }
    assert data.photo_folder("coaches/") == {"folder": "../assets/pictures/coaches/", "size": 48}
    alex = next(c for c in directory.coaches if c.slug == "alex")
    profile = ProfileHtml(directory, photos, lambda slug, base: "", lambda src, base: "").render(
        alex, "coaches/alex/"
    )
    assert "alex-96-0a1b2c3d.webp 96w" in profile


def test_a_finder_result_with_a_photo_shows_a_lazy_thumbnail_from_48_and_96_pixel_files(
    photo_site: PhotoSite,
) -> None:
    site = photo_site.site
    finder = parse(site.html("coaches/"))
    check_thumbnail(site, "coaches/", coach_item(finder, photo_site.with_photo()), [THUMB, 2 * THUMB])
    small = next(s for s in photo_site.first if 0 < photo_site.photos.get(s, 0) < 2 * THUMB)
    check_thumbnail(site, "coaches/", coach_item(finder, small), [THUMB, photo_site.photos[small]])
    [root] = finder.xpath("//div[@id='cb-finder']")
    assert "cb-finder--photos" in root.get("class").split()


def test_a_coach_without_a_photo_of_the_site_shows_no_picture_but_their_initial(
    photo_site: PhotoSite,
) -> None:
    finder = parse(photo_site.site.html("coaches/"))
    without = [s for s in photo_site.first if s not in photo_site.photos]
    assert "evil-coach" in without, "a photo given as a link is not shown"
    for slug in without:
        item = coach_item(finder, slug)
        assert item.xpath(".//img | .//picture") == [], slug
        [initial] = item.xpath(f"./span[{by_class('cb-coach__initial')}]")
        assert item.index(initial) == 0 and initial.get("aria-hidden") == "true"
        assert initial.text == photo_site.names[slug][0], slug


def test_a_finder_without_any_photo_leaves_no_room_for_one(tmp_path: Path) -> None:
    site = minimal_site(tmp_path)
    for path in FIXTURES.glob("*.yml"):
        site.write(f"coaches/{path.name}", path.read_text(encoding="utf-8"))
    site.build()
    html = site.html("coaches/")
    finder = parse(html)
    assert finder.xpath("//li//img | //li//picture | //span[@class='cb-coach__initial']") == []
    assert "cb-finder--photos" not in html
    assert json.loads(finder.xpath("//script[@id='cb-coach-data']")[0].text)["photos"] is None
    data = json.loads((site.out / "coaches/finder/coaches.json").read_text(encoding="utf-8"))
    assert data["photo"] == [0] * data["count"]


def test_the_finder_data_names_the_photo_of_exactly_the_coaches_with_one(photo_site: PhotoSite) -> None:
    out = photo_site.site.out
    data = json.loads((out / "coaches/finder/coaches.json").read_text(encoding="utf-8"))
    slugs = [slug or slugify(name) for slug, name in zip(data["slug"], data["name"], strict=True)]
    assert slugs == photo_site.order
    keyed = {slug for slug, key in zip(slugs, data["photo"], strict=True) if key}
    assert keyed == set(photo_site.photos)
    meta = json.loads(parse(photo_site.site.html("coaches/")).xpath("//script[@id='cb-coach-data']")[0].text)
    folder = out / site_path(meta["photos"]["folder"], "coaches/")
    for slug, key in zip(slugs, data["photo"], strict=True):
        if key:  # the tag names every file of the photo
            assert len(list(folder.glob(f"{slug}-*-{key.split('-')[0]}.*"))) >= 2, slug


def test_a_list_page_shows_the_thumbnail_too(photo_site: PhotoSite) -> None:
    site = photo_site.site
    slug = photo_site.with_photo()
    lists = sorted((site.out / "coaches" / directory_pages.LISTS_DIR).rglob("index.html"))
    shown: dict[str, tuple[str, HtmlElement]] = {}
    for path in lists:
        url = path.parent.relative_to(site.out).as_posix() + "/"
        page = parse(path.read_text(encoding="utf-8"))
        shown |= {site_path(h, url): (url, page) for h in hrefs(page, f"//li[{by_class('cb-coach')}]/a")}
    url, page = shown[f"coaches/{slug}/"]
    check_thumbnail(site, url, coach_item(page, slug), [THUMB, 2 * THUMB])
    [root] = page.xpath(f"//div[{by_class('cb-list')}]")
    assert "cb-finder--photos" in root.get("class").split()
    for other in [
        s for s in photo_site.order if s not in photo_site.photos and shown[f"coaches/{s}/"][0] == url
    ]:
        item = coach_item(page, other)
        assert item.xpath(".//img") == [] and item.xpath(f"./span[{by_class('cb-coach__initial')}]"), other


# ---------------------------------------------------------------- in Chromium


def items(page: Page) -> list[str]:
    html: list[str] = page.locator(MAIN).evaluate_all("items => items.map(item => item.outerHTML)")
    return html


def loaded(page: Page, slug: str) -> dict[str, object]:
    """The thumbnail of a coach's result, scrolled to and loaded: its natural width and the file shown."""
    img = page.locator(f"{MAIN}[data-coach-id='{slug}'] img")
    img.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    return img.evaluate("img => ({width: img.naturalWidth, src: img.currentSrc})")  # type: ignore[no-any-return]


def test_the_script_writes_each_result_as_the_page_does_and_its_photos_load(
    browser: Browser, served: Served, photo_site: PhotoSite
) -> None:
    page = browser.new_page(viewport=DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.page_url("coaches/"))
    written = items(page)
    assert len(written) == finder_data.FIRST_BATCH
    page.locator("#cb-filters summary").click()
    for mode in ("In person", "Online", "Groups"):  # every coach coaches in at least one way
        page.get_by_role("checkbox", name=mode).check()
    expect(page.get_by_role("status")).to_have_text(f"{len(photo_site.order)} coaches match.")
    assert items(page) == written, "the script's results are the page's, photos and initials alike"
    first = loaded(page, photo_site.with_photo())
    assert first["width"] == THUMB and str(first["src"]).endswith(".webp")
    last = photo_site.order[-1]
    more = page.locator("#cb-results-main .cb-more")
    while more.is_visible():
        more.click()
    assert page.locator(MAIN).count() == len(photo_site.order)
    shown = loaded(page, last)
    assert shown["width"] == THUMB and f"/{last}-{THUMB}-" in str(shown["src"])
    assert str(shown["src"]).endswith(".webp")
    assert errors == []
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_nothing_moves_as_the_photos_arrive(browser: Browser, served: Served, viewport: ViewportSize) -> None:
    context = browser.new_context(viewport=viewport, device_scale_factor=2)
    page = context.new_page()
    page.goto(served.page_url("coaches/"))
    page.wait_for_load_state("networkidle")
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height, viewport["height"] // 2):  # every thumbnail of the page comes into view
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")
    photos = page.locator(f"{MAIN} img").evaluate_all(
        "imgs => imgs.map(img => [img.naturalWidth, img.currentSrc])"
    )
    assert photos and all(width == THUMB and src.endswith(".webp") for width, src in photos), photos
    assert not [src for _, src in photos if f"-{THUMB}-" in src], "on a screen of 2x density, the 2x files"
    shift = page.evaluate(LAYOUT_SHIFT_TOTAL)
    assert shift < 0.02, shift
    context.close()
