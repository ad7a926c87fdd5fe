"""The site's own favicon: drawn by scripts/draw_favicon.py, shown by every page and by the feeds."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import feedparser
from lxml import etree
from PIL import Image, ImageChops, ImageColor

from tests.helpers import Site, parse, site_path

REPO = Path(__file__).resolve().parent.parent
STOCK = "assets/images/favicon.png"  # Material's book, which the site must not show


def draw_favicon() -> ModuleType:
    spec = importlib.util.spec_from_file_location("draw_favicon", REPO / "scripts" / "draw_favicon.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def favicon_path(site: Site) -> str:
    path = str(site.config()["theme"]["favicon"])
    assert path != STOCK and (REPO / "docs" / path).is_file(), path
    return path


def test_every_page_links_our_favicon_which_opens_as_a_square_image(built_repo_site: Site) -> None:
    path = favicon_path(built_repo_site)
    for page in ("", "tips/", "subscribe/"):
        icons = parse(built_repo_site.html(page)).xpath("//link[@rel='icon']/@href")
        assert [site_path(href, page) for href in icons] == [path], page
    with Image.open(built_repo_site.out / path) as image:
        image.load()
        assert image.format == "PNG" and image.width == image.height >= 32
        colours = {c[:3] for _, c in image.convert("RGBA").getcolors(image.width * image.height)}  # type: ignore[union-attr]
    draw = draw_favicon()
    for colour in (draw.TILE, draw.TRACK, draw.RUNNER):  # the site's green and deep orange
        assert ImageColor.getrgb(colour) in colours


def test_the_feeds_show_our_favicon(built_repo_site: Site) -> None:
    base, path = built_repo_site.site_url, favicon_path(built_repo_site)
    rss = feedparser.parse((built_repo_site.out / "feed.xml").read_bytes()).feed
    atom = feedparser.parse((built_repo_site.out / "atom.xml").read_bytes()).feed
    data = json.loads((built_repo_site.out / "feed.json").read_text(encoding="utf-8"))
    assert rss.image.href == atom.icon == data["favicon"] == base + path


def test_the_committed_favicon_is_what_the_script_draws(tmp_path: Path) -> None:
    draw = draw_favicon()
    assert draw.main(["--out", str(tmp_path)]) == 0
    images = REPO / "docs" / "assets" / "images"
    svg = (tmp_path / "favicon-runner.svg").read_text(encoding="utf-8")
    assert svg == (images / "favicon-runner.svg").read_text(encoding="utf-8")
    assert etree.fromstring(svg.encode()).tag == "{http://www.w3.org/2000/svg}svg"
    with (
        Image.open(tmp_path / "favicon-runner.png") as drawn,
        Image.open(images / "favicon-runner.png") as kept,
    ):
        assert drawn.size == kept.size
        assert ImageChops.difference(drawn.convert("RGBA"), kept.convert("RGBA")).getbbox() is None
