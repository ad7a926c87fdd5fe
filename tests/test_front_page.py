"""The front page: the newest article as the lead story, the newest tips, a town box that opens the
coach finder, and a call to subscribe."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from lxml.html import HtmlElement
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from coachblog.posts.pages import SitePosts, SiteSettings
from coachblog.posts.site_content import SiteContent
from tests.content import coach, post, write_posts
from tests.helpers import Site, by_class, card_links, newest_first, parse, serve, site_path

FRONT = """\
---
title: Test site
hide: [navigation, toc]
---

# Welcome

<!-- featured-article -->

## Newest tips

<!-- newest-tips -->

## Find a coach near you

<!-- coach-finder-box -->
"""


def article(slug: str, date: str, extra: str = "") -> tuple[str, str]:
    title = slug.replace("-", " ").capitalize()
    text = f"---\ntitle: {title}\nsummary: Lead of {slug}.\ndate: {date}\n{extra}---\n\nText.\n"
    return f"articles/{slug}.md", text


def jpeg(width: int = 1600, height: int = 900) -> bytes:
    image = Image.new("RGB", (width, height), "#2e7d32")
    image.paste("#ff6e40", (0, 0, width // 2, height // 2))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def front_site(make_site: Callable[..., Site], *posts: tuple[str, str], **options: object) -> Site:
    site = make_site(plugin_options=options) if options else make_site()
    site.write("index.md", FRONT)
    return write_posts(site, *posts)


def featured(page: HtmlElement) -> list[HtmlElement]:
    return page.xpath(f"//article[{by_class('cb-featured')}]")


def tips(count: int) -> list[tuple[str, str]]:
    """`count` tips a day apart, written oldest first, in an order their dates do not follow."""
    made = [post(f"tip-{n:02}", f"2025-11-{n + 1:02}") for n in range(count)]
    return made[1::2] + made[::2]


def test_the_newest_listed_article_leads_with_its_photo_and_links_to_it(
    make_site: Callable[..., Site],
) -> None:
    site = front_site(
        make_site,
        article("older", "2025-11-01"),
        article("newest", "2025-11-10", "image: images/track.jpg\nimage_alt: Runners on a track at dawn\n"),
        article("unpublished", "2025-11-20", "draft: true\n"),
        *tips(2),
    )
    (site.docs / "articles" / "images").mkdir()
    (site.docs / "articles" / "images" / "track.jpg").write_bytes(jpeg())
    site.build()
    page = parse(site.html(""))
    [box] = featured(page)
    [link] = box.xpath(".//h2/a")
    assert site_path(link.get("href"), "") == "articles/newest/"
    assert " ".join(link.text_content().split()) == "Newest"
    assert box.xpath(f".//p[{by_class('cb-featured__lead')}]")[0].text_content() == "Lead of newest."
    [img] = box.xpath(".//picture//img")
    assert img.get("alt") == "Runners on a track at dawn"
    assert img.get("loading") == "eager" and img.get("width") and img.get("height")
    assert (site.out / (img.get("src") or "")).is_file()
    assert box.xpath(".//source[@type='image/webp']/@srcset")


def test_an_article_without_a_photo_leads_with_its_art(make_site: Callable[..., Site]) -> None:
    site = front_site(make_site, article("plain", "2025-11-10"), *tips(1))
    site.build()
    [box] = featured(parse(site.html("")))
    [img] = box.xpath(".//img")
    assert img.get("alt") == "" and (img.get("src") or "").endswith("-art.svg")
    assert img.get("width") and img.get("height")
    assert (site.out / (img.get("src") or "")).is_file()


def test_without_any_article_there_is_no_lead_story_and_no_error(make_site: Callable[..., Site]) -> None:
    site = front_site(make_site, *tips(3), article("draft-only", "2025-11-10", "draft: true\n"))
    site.build()
    html = site.html("")
    assert featured(parse(html)) == []
    assert "featured-article" not in html
    assert len(card_links(parse(html))) == 3


def test_the_newest_tips_follow_newest_first_up_to_newest_count(make_site: Callable[..., Site]) -> None:
    site = front_site(make_site, article("a", "2025-11-01"), *tips(9), newest_count=4)
    site.build()
    expected = [t.url for t in newest_first(site.content().listed_tips)][:4]
    assert [site_path(href, "") for href in card_links(parse(site.html("")))] == expected


def test_headings_go_from_one_h1_down_without_skipping_a_level(make_site: Callable[..., Site]) -> None:
    site = front_site(make_site, article("a", "2025-11-01"), *tips(2))
    site.build()
    page = parse(site.html(""))
    levels = [
        int(h.tag[1])
        for h in page.xpath(
            "//article[contains(@class,'md-content__inner')]//*[self::h1 or self::h2 or self::h3 or self::h4]"
        )
    ]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


@pytest.mark.parametrize(
    ("directory_urls", "page_src", "page_url", "finder"),
    [
        (True, "index.md", "", "coaches/"),
        (True, "guides/start.md", "guides/start/", "coaches/"),
        (False, "guides/start.md", "guides/start.html", "coaches/index.html"),
    ],
)
def test_the_town_box_sends_near_to_the_finder_from_any_page_under_the_sites_sub_path(
    make_site: Callable[..., Site], directory_urls: bool, page_src: str, page_url: str, finder: str
) -> None:
    site = make_site(extra_config={"use_directory_urls": directory_urls})
    site.write(page_src, "# A page\n\n<!-- coach-finder-box -->\n")
    site.build()
    assert site.site_url == "https://example.org/blog/"
    page = parse(site.html(page_url))
    [form] = page.xpath(f"//form[{by_class('cb-front-finder')}]")
    assert (form.get("method"), form.xpath(".//input[@type='text']/@name")) == ("get", ["near"])
    assert urljoin(site.site_url + page_url, form.get("action")) == site.site_url + finder
    assert (site.out / finder.removesuffix("/") / ("index.html" if finder.endswith("/") else "")).is_file()
    [label] = form.xpath(".//label")
    assert form.xpath(f".//input[@id='{label.get('for')}']")


def test_the_town_box_follows_the_coaches_folder() -> None:
    sources = [post("a-tip")]
    html = SiteContent(SitePosts(SiteSettings(coaches_dir="trainers"), sources), {}, {}).decorate(
        "guides/x.md", "guides/x/", "<!-- coach-finder-box -->"
    )
    [form] = parse(html).xpath("//form")
    assert form.get("action") == "../../trainers/"


def submit_town(browser: Browser, home: str, town: str, script: bool) -> tuple[Page, list[str]]:
    """The home page at `home`, `town` typed in its town box and sent; the page it lands on, and any
    script errors on the way."""
    page = browser.new_context(java_script_enabled=script).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(home)
    page.get_by_label("Town or village").fill(town)
    page.get_by_role("button", name="Find coaches").click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/coaches/"))
    return page, errors


def test_submitting_a_town_opens_the_finder_with_the_town_filled_in(
    browser: Browser, make_site: Callable[..., Site]
) -> None:
    site = front_site(make_site, article("a", "2025-11-01"), *tips(2))
    site.write("coaches/alex-example.yml", coach())  # in Dorking
    site.build()
    with serve(site.out, "/blog/") as served:
        page, errors = submit_town(browser, served.page_url(""), "Dorking", script=True)
        assert urlsplit(page.url).path == "/blog/coaches/"
        assert parse_qs(urlsplit(page.url).query)["near"] == ["Dorking"]
        expect(page.locator("#cb-near")).to_have_value("Dorking")  # the finder read ?near=...
        expect(page.get_by_role("status")).to_contain_text("Dorking")  # ...and looked the town up
        assert errors == []
        page.context.close()
        # Without JavaScript the same form still lands on the finder, on its list by country.
        page, errors = submit_town(browser, served.page_url(""), "Dorking", script=False)
        assert urlsplit(page.url).path == "/blog/coaches/"
        expect(page.locator("#cb-directory")).to_be_visible()
        page.context.close()


def test_the_projects_front_page_leads_with_its_newest_article_and_newest_tips(built_repo_site: Site) -> None:
    content = built_repo_site.content()
    options = built_repo_site.config().plugins["coachblog"].config
    html = built_repo_site.html("")
    assert "<!-- featured-article -->" not in html and "<!-- coach-finder-box -->" not in html
    page = parse(html)
    articles = newest_first([a for a in content.articles if a.listed])
    boxes = featured(page)
    assert [site_path(a, "") for box in boxes for a in box.xpath(".//h2/a/@href")] == [
        a.url for a in articles[:1]
    ]
    newest = [t.url for t in newest_first(content.listed_tips)][: content.newest_count]
    assert [site_path(href, "") for href in card_links(page)] == newest
    [form] = page.xpath(f"//form[{by_class('cb-front-finder')}]")
    assert site_path(form.get("action"), "") == f"{options.coaches_dir.strip('/')}/"


def test_the_front_page_pictures_keep_their_room_and_only_the_lead_loads_at_once(
    built_repo_site: Site,
) -> None:
    page = parse(built_repo_site.html(""))
    images = page.xpath("//article[contains(@class,'md-content__inner')]//img")
    assert bool(images) == bool(built_repo_site.content().listed)  # every card and lead story has art
    assert all(img.get("width") and img.get("height") for img in images)
    lead = page.xpath(f"//article[{by_class('cb-featured')}]//img")
    assert all(img.get("loading") == "eager" for img in lead)
    assert all(img.get("loading") == "lazy" for img in images if img not in lead)
