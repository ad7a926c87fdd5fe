"""What outside readers of the site found in its link previews, page titles and search box (issue 13)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import axe_playwright_python
import pytest
import yaml
from lxml.html import HtmlElement
from playwright.sync_api import Browser, expect

from coachblog.social.meta import PageFacts, SocialPreviews, card_alt, og_locale
from coachblog.social.share import share_links
from tests.content import tip
from tests.helpers import REPO, Served, Site, parse

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"

THEME = {"name": "material", "font": False, "custom_dir": str(REPO / "overrides")}
QUOTES = "“”\"'‘’"


@pytest.fixture
def make_site(make_site: Callable[..., Site]) -> Callable[..., Site]:
    """Small sites with the project's theme overrides and Material's search."""

    def make(plugin_options: dict[str, Any] | None = None) -> Site:
        plugins = ["search", {"coachblog": plugin_options or {}}]
        return make_site(extra_config={"theme": THEME, "plugins": plugins})

    return make


def meta(page: HtmlElement) -> dict[str, list[str]]:
    """Every <meta property|name=... content=...> in the head, by property or name."""
    found: dict[str, list[str]] = {}
    for el in page.xpath("/html/head/meta[@content]"):
        if key := el.get("property") or el.get("name"):
            found.setdefault(key, []).append(el.get("content"))
    return found


def one(tags: dict[str, list[str]], key: str) -> str:
    assert len(tags.get(key, [])) == 1, (key, tags.get(key))
    return tags[key][0]


def title_of(page: HtmlElement) -> str:
    titles = page.xpath("/html/head/title/text()")
    assert len(titles) == 1, titles
    return str(titles[0])


# ------------------------------------------------------------------ og:image:alt reads naturally


@pytest.mark.parametrize(
    ("title", "label", "expected"),
    [
        ("Reverse your route", "Tip", "A tip from Site: Reverse your route"),
        ("Lost your mojo?", "Article", "An article from Site: Lost your mojo?"),
        ("Alex Example", "Coach", "A coach from Site: Alex Example"),
        ("Tips tagged “hills”", "", "Site: Tips tagged “hills”"),
        ("All tips", "", "Site: All tips"),
        ("Site", "", "Site"),
    ],
)
def test_card_alt_text_says_what_the_card_shows_in_plain_words(title: str, label: str, expected: str) -> None:
    assert card_alt(title, label, "Site") == expected


def test_every_pages_image_alt_names_its_title_once_with_no_quotes_added(
    make_site: Callable[..., Site],
) -> None:
    site = make_site(plugin_options={"feeds": {"enabled": False}})
    site.write("tips/first.md", tip(tags="[hills]", article="mojo", order="1"))
    site.write("articles/mojo.md", tip(title="Old mojo", summary="Find it again.", date="2025-10-01"))
    site.write("about.md", "---\ntitle: About us\n---\n\nWho we are.\n")
    site.build()
    pages = ["", "tips/", "tips/first/", "articles/mojo/", "tags/", "tags/hills/", "about/"]
    for url_path in pages:
        tags = meta(parse(site.html(url_path)))
        title, alt = one(tags, "og:title"), one(tags, "og:image:alt")
        assert title in alt, url_path
        assert sum(alt.count(q) for q in QUOTES) == sum(title.count(q) for q in QUOTES), (url_path, alt)
        assert " a article" not in alt.lower() and not alt.lower().startswith("a article"), alt
    article_alt = one(meta(parse(site.html("articles/mojo/"))), "og:image:alt")
    assert article_alt.startswith("An article from Test site: ")


# ------------------------------------------------------------------ the home page's title


def test_a_page_titled_with_the_site_name_has_it_once_in_its_title(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("index.md", "---\ntitle: Test site\n---\n\n# Welcome\n")
    site.write("about.md", "---\ntitle: About us\n---\n\nWho we are.\n")
    site.build()
    home = parse(site.html(""))
    assert title_of(home) == "Test site"
    assert one(meta(home), "og:title") == "Test site"
    assert title_of(parse(site.html("about/"))) == "About us - Test site"


def test_no_page_of_the_site_repeats_the_site_name_in_its_title(built_repo_site: Site) -> None:
    name = built_repo_site.config()["site_name"]
    for path in built_repo_site.out.rglob("*.html"):
        page = parse(path.read_text(encoding="utf-8"))
        if page.xpath("/html/head/title"):
            assert title_of(page) != f"{name} - {name}", path
            tags = meta(page)
            if "og:title" in tags:
                assert one(tags, "og:title") != f"{name} - {name}", path


# ------------------------------------------------------------------ the email link ends lines in CR LF


def test_the_email_body_ends_every_line_with_cr_lf() -> None:
    summary = "Up the hill,\nthen down.\r\nThen again."
    href = {link.id: link.href for link in share_links("https://e.org/t/", "Hills", summary)}["email"]
    raw_body = urlsplit(href).query.partition("&body=")[2]
    assert "%0A" in raw_body
    assert "%0A" not in raw_body.replace("%0D%0A", "")
    assert "%0D" not in raw_body.replace("%0D%0A", "")
    assert unquote(raw_body) == "Up the hill,\r\nthen down.\r\nThen again.\r\n\r\nhttps://e.org/t/"


# ------------------------------------------------------------------ twitter:image with its alt


def test_twitter_image_is_written_exactly_when_its_alt_is(built_repo_site: Site) -> None:
    for path in built_repo_site.out.rglob("*.html"):
        tags = meta(parse(path.read_text(encoding="utf-8")))
        assert ("twitter:image" in tags) == ("twitter:image:alt" in tags), path
        if "twitter:image" in tags:
            assert one(tags, "twitter:image") == one(tags, "og:image"), path


def test_without_an_image_there_is_neither_twitter_image_nor_its_alt(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin_options={"social_cards": False})
    site.write("tips/first.md", tip())
    site.build()
    tags = meta(parse(site.html("tips/first/")))
    assert "twitter:image" not in tags and "twitter:image:alt" not in tags


# ------------------------------------------------------------------ og:locale


@pytest.mark.parametrize(
    ("language", "locale", "expected"),
    [
        ("en", None, "en_GB"),
        ("en", "en", "en_GB"),  # MkDocs' own default theme.locale names no territory
        ("en", "en_US", "en_US"),
        ("de", None, "de_DE"),
        ("pt-BR", None, "pt_BR"),
        ("zh-Hant", None, "zh_TW"),
        ("zh", None, "zh_CN"),
        ("sv", None, "sv_SE"),
        ("nb", "en", "nb_NO"),
        ("de", "de_AT", "de_AT"),
    ],
)
def test_og_locale_comes_from_the_theme_language_or_a_locale_with_a_territory(
    language: str, locale: str | None, expected: str
) -> None:
    assert og_locale(language, locale) == expected


def test_every_preview_carries_the_sites_locale(tmp_path: Path) -> None:
    previews = SocialPreviews.create(
        site_name="S",
        site_url="https://e.org/",
        site_description="D",
        cards_cache=None,
        site_dir=tmp_path,
        images=lambda _: None,
        language="de",
    )
    facts = PageFacts("about.md", "about/index.html", "https://e.org/about/", "Über uns", {}, str)
    assert previews.for_page(facts).locale == "de_DE"


def test_pages_say_their_locale_once(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("tips/first.md", tip())
    site.build()
    for url_path in ["", "tips/first/"]:
        assert one(meta(parse(site.html(url_path))), "og:locale") == "en_GB"


# ------------------------------------------------------------------ the search dialog's name


@pytest.mark.parametrize("theme_cache", [True, False])
def test_the_search_dialog_has_a_name_and_keeps_materials_markup(
    make_site: Callable[..., Site], theme_cache: bool
) -> None:
    site = make_site(plugin_options={"theme_cache": theme_cache})
    site.write("about.md", "---\ntitle: About us\n---\n\nWho we are.\n")
    site.build()
    for url_path in ["", "about/"]:
        page = parse(site.html(url_path))
        dialogs = page.xpath("//*[@role='dialog']")
        assert [d.get("aria-label") for d in dialogs] == ["Search"], url_path
        assert dialogs[0].get("data-md-component") == "search"
        assert dialogs[0].xpath(".//input[@data-md-component='search-query']")


def test_axe_finds_the_open_search_dialog_named(browser: Browser, served_pages_site: Served) -> None:
    # aria-dialog-name is one of axe's best practices, outside the WCAG tags test_accessibility runs.
    page = browser.new_page()
    try:
        page.goto(served_pages_site.page_url(""), wait_until="networkidle")
        page.locator("input[data-md-component='search-query']").click()
        dialog = page.get_by_role("dialog", name="Search")
        expect(dialog).to_be_visible()
        page.add_script_tag(path=str(AXE_JS))
        script = "axe.run(document, {runOnly: ['aria-dialog-name'], resultTypes: ['violations', 'passes']})"
        results = page.evaluate(script)
    finally:
        page.close()
    assert results["violations"] == []
    assert [n["target"] for rule in results["passes"] for n in rule["nodes"]]


def test_the_locale_follows_the_theme_language_in_a_build(make_site: Callable[..., Site]) -> None:
    site = make_site()
    config_file = site.root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"]["language"] = "de"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    site.build()
    page = parse(site.html(""))
    assert page.xpath("//meta[@property='og:locale']/@content") == ["de_DE"]
