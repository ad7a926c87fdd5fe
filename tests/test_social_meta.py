"""Link previews: every page's Open Graph and X tags, read back from the built HTML."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from lxml.html import HtmlElement
from PIL import Image

from coachblog.social.meta import PageFacts, SocialPreviews, card_uri
from tests.content import tip
from tests.helpers import REPO, BuildFailed, Site, parse

# The tags come from overrides/partials/social-meta.html, so small sites use the project's overrides.
THEME = {"name": "material", "font": False, "custom_dir": str(REPO / "overrides")}


@pytest.fixture
def make_site(make_site: Callable[..., Site]) -> Callable[..., Site]:
    """Small sites with the project's theme overrides."""

    def make(**kwargs: Any) -> Site:
        kwargs["extra_config"] = {"theme": THEME, **kwargs.get("extra_config", {})}
        return make_site(**kwargs)

    return make


def meta(page: HtmlElement) -> dict[str, list[str]]:
    """Every <meta property|name=... content=...> in the head, by property or name."""
    found: dict[str, list[str]] = {}
    for el in page.xpath("/html/head/meta[@content]"):
        key = el.get("property") or el.get("name")
        if key:
            found.setdefault(key, []).append(el.get("content"))
    return found


def one(tags: dict[str, list[str]], key: str) -> str:
    assert len(tags.get(key, [])) == 1, (key, tags.get(key))
    return tags[key][0]


def image_at(site: Site, url: str, site_url: str) -> Image.Image:
    """The built file an absolute image URL points at, opened with Pillow."""
    assert url.startswith(site_url), url
    return Image.open(site.out / unquote(url.removeprefix(site_url)))


def test_every_tip_page_has_every_preview_tag_with_absolute_urls(built_repo_site: Site) -> None:
    site_url, site_name = built_repo_site.site_url, built_repo_site.config()["site_name"]
    tips = built_repo_site.content().tips
    assert tips
    for post in tips:
        url = site_url + post.url
        page = parse(built_repo_site.html(post.url))
        tags = meta(page)
        assert page.xpath("/html/head/link[@rel='canonical']/@href") == [url]
        assert one(tags, "description") == one(tags, "og:description") == (post.description or post.summary)
        assert one(tags, "og:title") == post.title
        assert one(tags, "og:url") == url
        assert one(tags, "og:site_name") == site_name
        assert one(tags, "og:type") == "article"
        published = dt.datetime.fromisoformat(one(tags, "article:published_time"))
        assert published == post.published
        assert tags.get("article:tag", []) == list(post.tags)
        assert one(tags, "twitter:card") == "summary_large_image"
        image = one(tags, "og:image")
        with image_at(built_repo_site, image, site_url) as shown:
            assert (shown.width, shown.height) == (
                int(one(tags, "og:image:width")),
                int(one(tags, "og:image:height")),
            )
        # A post with its own picture gets its card drawn on it (checked in detail in test_pictures.py).
        assert image == f"{site_url}assets/images/social/{post.url.rstrip('/')}.png"
        assert ("over a picture: " in one(tags, "og:image:alt")) == bool(post.image), post.path
        assert (one(tags, "og:image:width"), one(tags, "og:image:height")) == ("1200", "630")
        assert one(tags, "og:image:type") == "image/png"
        assert post.title in one(tags, "og:image:alt")
        with image_at(built_repo_site, image, site_url) as card:
            assert card.format == "PNG"


def test_other_pages_are_websites_with_a_card_of_their_own(built_repo_site: Site) -> None:
    site_url = built_repo_site.site_url
    content = built_repo_site.content()
    tag = sorted(content.tagged())[0]
    url_paths = ["", "tips/", "tags/", f"tags/{tag}/", "coaches/", "subscribe/"]
    url_paths += [a.url for a in content.articles] + [c.url for c in content.coaches]
    images = set()
    for url_path in url_paths:
        tags = meta(parse(built_repo_site.html(url_path)))
        assert one(tags, "og:url") == site_url + url_path
        kind = "article" if url_path.startswith("articles/") else "website"
        assert one(tags, "og:type") == kind, url_path
        assert ("article:published_time" in tags) == (kind == "article")
        assert one(tags, "og:description"), url_path
        with image_at(built_repo_site, one(tags, "og:image"), site_url) as card:
            assert card.size == (1200, 630)
        images.add(one(tags, "og:image"))
    assert len(images) == len(url_paths)
    home = meta(parse(built_repo_site.html("")))
    assert one(home, "og:image") == site_url + "assets/images/social/index.png"
    assert one(home, "og:title") in one(home, "og:image:alt")


def test_material_writes_one_canonical_link_and_one_description(built_repo_site: Site) -> None:
    for path in built_repo_site.out.rglob("index.html"):
        page = parse(path.read_text(encoding="utf-8"))
        assert len(page.xpath("/html/head/link[@rel='canonical']")) == 1, path
        assert len(page.xpath("/html/head/meta[@name='description']")) == 1, path
        assert len(page.xpath("/html/head/meta[@property='og:url']")) == 1, path


def test_quotes_ampersands_and_angle_brackets_stay_text(make_site: Callable[..., Site]) -> None:
    site = make_site()
    title = "Hills & <b>dales</b> \"fast\" 'n' slow 🏃"
    quoted = "'" + title.replace("'", "''") + "'"
    site.write("tips/odd.md", tip(title=quoted, summary="'Up & <i>down</i> \"hills\"'"))
    site.build()
    html = site.html("tips/odd/")
    page = parse(html)
    tags = meta(page)
    assert one(tags, "og:title") == title
    assert one(tags, "og:description") == one(tags, "description") == 'Up & <i>down</i> "hills"'
    assert page.xpath("/html/head//b | /html/head//i | /html/body//head") == []
    assert title in one(tags, "og:image:alt")


def test_front_matter_overrides_the_preview(make_site: Callable[..., Site]) -> None:
    site = make_site()
    (site.docs / "images").mkdir()
    Image.new("RGB", (800, 500), "orange").save(site.docs / "images" / "hill.jpg")
    site.write(
        "tips/hill.md",
        tip(description="Shared text", image="../images/hill.jpg", image_alt="A steep hill at dawn"),
    )
    site.write("about.md", "---\ntitle: About us\ndescription: Who we are\n---\n\n# About this site\n")
    site.write(
        "team.md",
        "---\ntitle: Our team\nimage: images/hill.jpg\nimage_alt: A steep hill at dawn\n---\n\n# The team\n",
    )
    site.build()
    tags = meta(parse(site.html("tips/hill/")))
    assert one(tags, "og:description") == one(tags, "description") == "Shared text"
    # A post's picture is its hero; its card is drawn on it (test_pictures.py checks the pixels).
    assert one(tags, "og:image") == "https://example.org/blog/" + card_uri("tips/hill/index.html")
    assert one(tags, "og:image:alt").endswith(", over a picture: A steep hill at dawn")
    team = meta(parse(site.html("team/")))  # any other page: the picture named is the preview
    assert one(team, "og:image") == "https://example.org/blog/images/hill.jpg"
    assert one(team, "og:image:type") == "image/jpeg"
    assert (one(team, "og:image:width"), one(team, "og:image:height")) == ("800", "500")
    assert one(team, "og:image:alt") == one(team, "twitter:image:alt") == "A steep hill at dawn"
    assert not (site.out / card_uri("team/index.html")).exists()
    about = meta(parse(site.html("about/")))
    assert (one(about, "og:title"), one(about, "og:description")) == ("About us", "Who we are")
    with image_at(site, one(about, "og:image"), "https://example.org/blog/") as card:
        assert card.size == (1200, 630)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            "image: ../images/none.png\nimage_alt: Nothing\n",
            "tips/hill.md:6: field 'image': names no image file of the site (got '../images/none.png')",
        ),
        ("image: https://elsewhere.example/x.png\nimage_alt: X\n", "field 'image': is a web address"),
        ("image: ../index.md\nimage_alt: X\n", "field 'image': names no image file of the site"),
        (
            "image: ../images/hill.png\n",
            "tips/hill.md:6: field 'image_alt': is missing; allowed: a line 'image_alt: ...' that says what",
        ),
        ("description: [a, b]\n", "tips/hill.md:6: field 'description': must be non-empty text"),
    ],
)
def test_bad_preview_fields_fail_with_file_line_field_and_value(
    make_site: Callable[..., Site], fields: str, expected: str
) -> None:
    site = make_site()
    (site.docs / "images").mkdir()
    Image.new("RGB", (10, 10)).save(site.docs / "images" / "hill.png")
    site.write("tips/hill.md", tip(extra=fields))
    with pytest.raises(BuildFailed) as failed:
        site.build()
    assert expected in str(failed.value).replace(str(site.root) + "/", "")


def test_a_page_that_is_not_a_tip_reports_bad_preview_fields_with_its_line(
    make_site: Callable[..., Site],
) -> None:
    site = make_site()
    site.write("about.md", "---\ntitle: About\nimage: missing.png\nimage_alt: Gone\n---\n\nText.\n")
    with pytest.raises(BuildFailed, match=r"about\.md:3: field 'image': names no image file"):
        site.build()


def test_plain_html_urls_get_matching_urls_and_cards(make_site: Callable[..., Site]) -> None:
    site = make_site(extra_config={"use_directory_urls": False})
    site.write("tips/first.md", tip())
    site.build()
    tags = meta(parse(site.html("tips/first.html")))
    assert one(tags, "og:url") == "https://example.org/blog/tips/first.html"
    assert one(tags, "og:image") == "https://example.org/blog/assets/images/social/tips/first.png"
    assert (site.out / "assets/images/social/tips/first.png").is_file()
    assert meta(parse(site.html("index.html")))["og:image"] == [
        "https://example.org/blog/assets/images/social/index.png"
    ]


def test_without_site_url_the_build_warns_that_previews_need_it(make_site: Callable[..., Site]) -> None:
    # Feeds off: without site_url they stop the build first, with a message of their own.
    site = make_site(extra_config={"site_url": None}, plugin_options={"feeds": {"enabled": False}})
    site.write("tips/first.md", tip())
    with pytest.raises(
        BuildFailed, match=r"site_url is not set in mkdocs\.yml: link previews need absolute URLs"
    ):
        site.build()


def test_with_cards_off_pages_keep_their_tags_but_have_no_image(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin_options={"social_cards": False})
    site.write("tips/first.md", tip())
    site.build()
    tags = meta(parse(site.html("tips/first/")))
    assert one(tags, "og:title") == "Reverse your route"
    assert "og:image" not in tags
    assert one(tags, "twitter:card") == "summary"
    assert not (site.out / "assets/images/social").exists()
    assert not (site.root / ".cache").exists()


@pytest.mark.parametrize(
    ("dest", "card"),
    [
        ("index.html", "index"),
        ("tips/x/index.html", "tips/x"),
        ("tips/index.html", "tips"),
        ("tips/x.html", "tips/x"),
        ("coaches/alex-example/index.html", "coaches/alex-example"),
    ],
)
def test_each_page_has_its_own_card_path(dest: str, card: str) -> None:
    assert card_uri(dest) == f"assets/images/social/{card}.png"


def test_coach_profiles_get_the_coach_label(tmp_path: Path) -> None:
    previews = SocialPreviews.create(
        site_name="S",
        site_url="https://e.org/",
        site_description="D",
        cards_cache=None,
        site_dir=tmp_path,
        images=lambda _: None,
    )
    facts = PageFacts(
        "coaches/alex.md", "coaches/alex/index.html", "https://e.org/coaches/alex/", "Alex", {}, str
    )
    assert previews.label(facts) == "Coach"
    index = PageFacts("coaches/index.md", "coaches/index.html", "https://e.org/coaches/", "Coaches", {}, str)
    assert previews.label(index) == ""
