"""Social card images: drawn with the bundled fonts, sized to fit, cached by what is drawn on them."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFont

from coachblog.social.cards import (
    CONTENT_BOTTOM,
    HEIGHT,
    LAYOUT_VERSION,
    RIGHT,
    TEXT_WIDTH,
    TRACK_CENTRE,
    TRACK_RADII,
    WIDTH,
    CardMaker,
    CardPainter,
    CardSpec,
    CardStats,
    Palette,
    _Line,
)
from coachblog.social.fonts import FontSet, bundled_font_files
from tests.content import tip
from tests.helpers import BuildFailed, Site

LONG_TITLE = " ".join(["Hill repeats on a windy winter morning, with friends, coffee and cake after"] * 4)
WHITE = (255, 255, 255)


@pytest.fixture(scope="module")
def painter() -> CardPainter:
    return CardPainter(FontSet())


def stats(site: Site) -> CardStats:
    """Build and return how many cards the build drew and reused."""
    config = site.build()
    plugin = config.plugins["coachblog"]
    result: CardStats = plugin.card_stats  # type: ignore[attr-defined]
    return result


def test_a_rebuild_draws_no_card_and_a_new_title_draws_exactly_one(make_site: Callable[..., Site]) -> None:
    site = make_site(cold_caches=True)  # its own cache: the first build draws every card
    for name in ("first", "second", "third"):
        site.write(f"tips/{name}.md", tip(title=f"Tip called {name}"))
    first = stats(site)
    pages = len(cards_in(site))
    assert pages >= 7  # home, 3 tips, tip index, tag index, 1 tag, and whatever else the site has
    assert (first.rendered, first.reused) == (pages, 0)
    second = stats(site)
    assert (second.rendered, second.reused) == (0, pages)
    site.write("tips/second.md", tip(title="Run the loop backwards"))
    third = stats(site)
    assert (third.rendered, third.reused) == (1, pages - 1)
    cards = sorted((site.root / ".cache" / "social-cards").glob("*.png"))
    assert len(cards) == pages + 1


def cards_in(site: Site) -> set[Path]:
    """The card files written into the built site, one per page."""
    pages = {p for p in site.out.rglob("*.html") if p.name != "404.html"}
    cards = set(site.out.glob("assets/images/social/**/*.png"))
    assert len(cards) == len(pages)
    return cards


def test_the_cache_holds_exactly_what_the_site_shows(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/first.md", tip())
    site.build()
    shown = (site.out / "assets/images/social/tips/first.png").read_bytes()
    cached = [p.read_bytes() for p in (site.root / ".cache/social-cards").glob("*.png")]
    assert shown in cached
    assert all(
        re.fullmatch(r"[0-9a-f]{64}\.png", p.name) for p in (site.root / ".cache/social-cards").iterdir()
    )


def test_the_cache_folder_is_an_option_relative_to_mkdocs_yml(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    site = make_site(plugin_options={"social_cards_cache": "build-cache/cards"})
    site.write("tips/first.md", tip())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    site.build()
    assert len(list((site.root / "build-cache/cards").glob("*.png"))) == len(cards_in(site)) >= 5
    assert not (site.root / ".cache").exists()
    assert list(elsewhere.iterdir()) == []


def test_the_project_ignores_the_default_cache_folder() -> None:
    ignored = (Path(__file__).parent.parent / ".gitignore").read_text(encoding="utf-8").split()
    assert ".cache/" in ignored


def test_a_card_is_drawn_in_the_site_palette(painter: CardPainter) -> None:
    card = painter.paint(CardSpec("Take a break", "Rest, then come back.", "Tip", "Run tips", "example.org"))
    assert card.size == (WIDTH, HEIGHT) == (1200, 630)
    colours = {colour for _, colour in card.getcolors(WIDTH * HEIGHT)}  # type: ignore[union-attr]
    palette = Palette()
    for expected in (palette.background, palette.accent, palette.primary, palette.title):
        assert ImageColor.getrgb(expected) in colours


def test_long_titles_get_smaller_and_stay_inside_the_card(painter: CardPainter) -> None:
    short = painter.layout(CardSpec("Rest", "A day off.", "Tip"))
    medium = painter.layout(CardSpec(LONG_TITLE[:110], "", "Tip"))
    long = painter.layout(CardSpec(LONG_TITLE, "A description that gets no room.", "Tip"))
    assert short.title_size > medium.title_size > long.title_size
    assert len(short.description) == 1 and len(long.description) == 0
    assert all(line.size == medium.title_size for line in medium.title)
    assert not medium.title[-1].text.endswith("…")
    for line in long.title:
        assert painter.width(line.text, line.size, line.weight) <= TEXT_WIDTH
    assert long.title[-1].text.endswith("…")
    bottom = long.title_top + len(long.title) * long.title_size * 1.16
    assert bottom <= CONTENT_BOTTOM
    card = painter.paint(CardSpec(LONG_TITLE, "", "Tip", "Run tips"))
    right_margin = card.crop((WIDTH - RIGHT + 4, 0, WIDTH, CONTENT_BOTTOM))
    assert WHITE not in {c for _, c in right_margin.getcolors(WIDTH * HEIGHT)}  # type: ignore[union-attr]


TITLES = (
    "Rest",
    "Run your usual loop the other way round",  # two lines: pushes the summary down
    "Hill repeats on a windy winter morning with friends and cake after it",
    LONG_TITLE,
    "W" * 60,  # one word wider than a line
)
SUMMARIES = (
    "",
    "A day off.",
    "Run your usual loop the other way round and it becomes a new run with new hills, new views, a new "
    "rhythm for the legs and a new view of the sky. " * 3,
    "M" * 200,
    "gjpqy Ελλάδα Холмы 🏃 " * 12,  # descenders and other scripts
)


def text_inside_track(card: Image.Image, blank: Image.Image) -> tuple[int, int, int, int] | None:
    """Where the text drawn on `card` (what differs from `blank`) lies inside the outer ring's disc."""
    text = ImageChops.difference(card, blank).convert("L").point(lambda v: 255 if v else 0)
    disc = Image.new("L", card.size, 0)
    (cx, cy), radius = TRACK_CENTRE, TRACK_RADII[0]
    ImageDraw.Draw(disc).ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=255)
    return ImageChops.multiply(text, disc).getbbox()


@pytest.mark.parametrize("label", ["Tip", ""])
def test_no_title_or_summary_reaches_the_running_track(painter: CardPainter, label: str) -> None:
    blank = painter.paint(CardSpec("", "", label, "Run tips", "example.org"))
    for title in TITLES:
        for summary in SUMMARIES:
            card = painter.paint(CardSpec(title, summary, label, "Run tips", "example.org"))
            assert text_inside_track(card, blank) is None, (title[:30], summary[:30])


def test_a_long_site_name_is_cut_before_the_running_track(painter: CardPainter) -> None:
    blank = painter.paint(CardSpec(""))
    for name, host in (("Run tips " * 8, "example.org"), ("Run tips", "run-tips.example.org/" * 4)):
        card = painter.paint(CardSpec("", "", "", name, host))
        assert text_inside_track(card, blank) is None, (name, host)
    short = painter.paint(CardSpec("", "", "", "Run tips", "example.org"))
    assert ImageChops.difference(short, blank).getbbox() is not None  # a footer that fits is drawn


def test_a_word_too_long_for_a_line_is_broken(painter: CardPainter) -> None:
    lines = painter.wrap("x" * 200, 80, "bold")
    assert len(lines) > 2 and "".join(lines) == "x" * 200
    assert all(painter.width(line, 80, "bold") <= TEXT_WIDTH for line in lines)


def test_greek_cyrillic_accents_and_emoji_each_find_a_font(painter: CardPainter) -> None:
    fonts = painter.fonts
    text = "Холмы λόφοι Ünïcödé café 🏃‍♀️ ☀️ 👍🏽 ✔"
    assert fonts.missing(text) == []
    runs = [(fonts.faces[face].path.name, run) for face, run in fonts.runs(text)]
    assert runs[0] == ("NotoSans[wdth,wght].ttf", "Холмы λόφοι Ünïcödé café ")
    assert runs[1] == ("NotoEmoji[wght].ttf", "🏃\u200d♀\ufe0f")
    assert ("NotoEmoji[wght].ttf", "☀\ufe0f") in runs and ("NotoEmoji[wght].ttf", "👍🏽") in runs
    assert fonts.missing("Run 漢字") == ["漢", "字"]


def test_each_run_is_drawn_with_real_glyphs_not_empty_boxes(painter: CardPainter) -> None:
    fonts = painter.fonts

    def drawn(line: _Line, font: ImageFont.FreeTypeFont | None = None) -> Image.Image:
        image = Image.new("L", (600, 120))
        draw = ImageDraw.Draw(image)
        if font is None:
            painter.draw_text(draw, 10, 90, line, "#ffffff")
        else:
            draw.text((10, 90), line.text, font=font, fill=255, anchor="ls")
        return image

    primary = fonts.font(0, "bold", 60)
    for text in ("🏃", "☀️", "Ω", "Ж"):
        with_fallback = drawn(_Line(text, 60, "bold"))
        assert with_fallback.getbbox() is not None, text
        if text in ("🏃", "☀️"):  # the primary font has no glyph: it would draw its empty box
            assert ImageChops.difference(with_fallback, drawn(_Line(text, 60, "bold"), primary)).getbbox()


def test_the_character_maps_agree_with_what_freetype_draws() -> None:
    """Where the cmap reader says a font lacks a character, FreeType draws that font's .notdef box."""
    for path in (bundled_font_files()[0], bundled_font_files()[-1]):
        face = FontSet([path]).faces[0]
        font = ImageFont.truetype(str(path), 40)

        def pixels(char: str, font: ImageFont.FreeTypeFont = font) -> bytes:
            image = Image.new("L", (120, 80))
            ImageDraw.Draw(image).text((10, 60), char, font=font, fill=255, anchor="ls")
            return image.tobytes()

        notdef = pixels("\U0010fffd")
        for char in "AzÉßΩЖ€“…✓✔🏃☀漢한#":
            assert face.covers(char) == (pixels(char) != notdef), (path.name, char)


def test_a_title_with_characters_no_font_has_warns_and_fails_a_strict_build(
    make_site: Callable[..., Site],
) -> None:
    site = make_site()
    site.write("tips/kanji.md", tip(title="Run 漢字"))
    with pytest.raises(BuildFailed) as failed:
        site.build()
    assert "tips/kanji.md: the social card cannot draw 漢 字 (U+6F22, U+5B57)" in str(failed.value)


def test_a_second_build_with_a_warm_cache_warns_again(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/kanji.md", tip(title="Run 漢字"))
    for _ in range(2):
        with pytest.raises(BuildFailed, match="cannot draw"):
            site.build()


def test_the_cache_key_changes_with_anything_drawn(painter: CardPainter) -> None:
    base = CardSpec("Title", "Text", "Tip", "Site", "example.org")
    keys = {painter.key(base)}
    for changed in (
        CardSpec("Title!", "Text", "Tip", "Site", "example.org"),
        CardSpec("Title", "Text.", "Tip", "Site", "example.org"),
        CardSpec("Title", "Text", "Article", "Site", "example.org"),
        CardSpec("Title", "Text", "Tip", "Site 2", "example.org"),
        CardSpec("Title", "Text", "Tip", "Site", "example.net"),
    ):
        keys.add(painter.key(changed))
    keys.add(CardPainter(painter.fonts, Palette(accent="#ff0000")).key(base))
    assert len(keys) == 7
    assert painter.key(base) == CardPainter(painter.fonts).key(
        CardSpec("Title", "Text", "Tip", "Site", "example.org")
    )


def test_the_cache_key_is_the_digest_of_the_whole_description_so_cached_cards_stay_valid(
    painter: CardPainter,
) -> None:
    spec = CardSpec('Hills & "dales" \\ 🏃', "Up\nand down", "Tip", "Site", "example.org/blog")
    drawn = {
        "layout": LAYOUT_VERSION,
        "size": [WIDTH, HEIGHT],
        "spec": asdict(spec),
        "palette": asdict(painter.palette),
        "fonts": painter.fonts.identity,
    }
    expected = hashlib.sha256(json.dumps(drawn, sort_keys=True).encode()).hexdigest()
    assert painter.key(spec) == expected


def test_a_maker_draws_a_repeated_card_once(tmp_path: Path, painter: CardPainter) -> None:
    maker = CardMaker(tmp_path / "cache", fonts=painter.fonts)
    spec = CardSpec("Same", "Same", "Tip", "Site")
    maker.add(spec, tmp_path / "site" / "a.png")
    maker.add(spec, tmp_path / "site" / "b.png")
    done = maker.make_all()
    assert (done.rendered, done.reused) == (1, 1)
    assert (tmp_path / "site/a.png").read_bytes() == (tmp_path / "site/b.png").read_bytes()
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".png"]


def _luminance(rgb: tuple[int, ...]) -> float:
    """WCAG relative luminance of an sRGB colour."""
    channels = [c / 255 for c in rgb[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_a_card_drawn_on_a_white_photo_keeps_white_text_at_aa_contrast(
    painter: CardPainter, tmp_path: Path
) -> None:
    white = tmp_path / "white.jpg"
    Image.new("RGB", (1600, 900), "white").save(white)
    card = painter.paint(CardSpec("", "", "", "", "", photo=str(white)))
    text_box = card.crop((25, 0, WIDTH, HEIGHT))  # right of the accent edge, where text goes
    colours = [c for _, c in text_box.getcolors(WIDTH * HEIGHT) or [] if isinstance(c, tuple)]
    assert colours
    brightest = max(_luminance(colour) for colour in colours)
    assert (1.05) / (brightest + 0.05) >= 4.5


def test_a_photo_card_shows_the_photo_and_its_key_changes_with_the_photo(
    painter: CardPainter, tmp_path: Path
) -> None:
    red, blue = tmp_path / "red.jpg", tmp_path / "blue.jpg"
    Image.new("RGB", (1600, 900), "#d00000").save(red)
    Image.new("RGB", (1600, 900), "#0000d0").save(blue)
    on_red = painter.paint(CardSpec("Hill repeats", photo=str(red))).getpixel((WIDTH - 5, 5))
    on_blue = painter.paint(CardSpec("Hill repeats", photo=str(blue))).getpixel((WIDTH - 5, 5))
    assert isinstance(on_red, tuple) and isinstance(on_blue, tuple)
    assert on_red[0] > on_red[2] and on_blue[2] > on_blue[0]  # darkened, the photo still shows
    keys = {painter.key(CardSpec("Hill repeats", photo=p)) for p in ("", str(red), str(blue))}
    assert len(keys) == 3
