"""`author:` naming a coach file: the byline links their profile (with their photo), the feeds and link
previews credit them, a slip in the name fails the build; a name written as text stays text."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

import feedparser
import pytest
from PIL import Image

from coachblog.posts.authors import (
    AuthorInfo,
    AuthorPhoto,
    author_problems,
    fediverse_address,
    posts_by_author,
    reading_minutes,
)
from coachblog.posts.pages import SitePosts, SiteSettings
from coachblog.posts.post import Post
from coachblog.posts.site_content import SiteContent
from tests.content import coach, post, write_posts
from tests.helpers import REPO, BuildFailed, Site, by_class, hrefs, parse, site_path, texts

ORIGIN = "https://example.org/blog/"  # minimal_site's site_url
OVERRIDES = REPO / "overrides"
JUDE_PHOTO = AuthorPhoto(("assets/pictures/coaches/jude-48.webp",), ("assets/pictures/coaches/jude-48.jpg",))
JUDE = AuthorInfo("Jude Palmer", "coaches/jude-palmer/", JUDE_PHOTO, "@jude@mastodon.social")
COACHES = {"jude-palmer": JUDE, "sam-online": AuthorInfo("Sam Online", "coaches/sam-online/")}


def _post(author: str | None, slug: str = "t", day: int = 1) -> Post:
    when = dt.datetime(2025, 11, day, 9, tzinfo=dt.UTC)
    return Post("tip", slug, f"tips/{slug}.md", slug.title(), "S", when, author=author, lines={"author": 6})


# ---------------------------------------------------------------- the rules, without a build


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (220, 1), (221, 2), (900, 5)])
def test_reading_time_is_words_over_220_rounded_up_and_at_least_a_minute(words: int, minutes: int) -> None:
    assert reading_minutes("---\ntitle: A long title here\n---\n\n" + "word " * words) == minutes


def test_reading_time_counts_what_a_reader_reads_not_link_targets_or_comments() -> None:
    link = "[a link](https://example.org/a/very/long/path/with many words in it too)"
    assert reading_minutes(f"{link} <!-- {'hidden ' * 300} --> <span>{'seen ' * 218}</span>") == 1
    assert reading_minutes("seen " * 221) == 2


@pytest.mark.parametrize(
    ("link", "address"),
    [
        ("https://mastodon.social/@alex", "@alex@mastodon.social"),
        ("https://Fosstodon.org/@run_coach/", "@run_coach@fosstodon.org"),
        ("https://social.example.org/users/kim", "@kim@social.example.org"),
        ("https://mastodon.social/about", None),
        ("https://mastodon.social/@alex/1234", None),
    ],
)
def test_the_fediverse_address_comes_from_a_mastodon_profile_link(link: str, address: str | None) -> None:
    assert fediverse_address(link) == address


@pytest.mark.parametrize(
    "name",
    ["Jude Palmer", "The coaching team", "jude palmer", "Coach Team Surrey", "Jude Plamer", "Jade Palmer"],
)
def test_a_name_written_as_text_is_allowed_even_close_to_a_coachs_name(name: str) -> None:
    assert author_problems([_post(name)], COACHES) == []


def test_a_coach_file_name_is_allowed() -> None:
    assert author_problems([_post("jude-palmer"), _post("sam-online")], COACHES) == []


@pytest.mark.parametrize(
    ("value", "meant"),
    [("jude-palmr", "jude-palmer"), ("Jude-Palmer", "jude-palmer"), ("jude_palmer", "jude-palmer")],
)
def test_a_slip_from_a_coach_file_name_is_a_problem_with_did_you_mean(value: str, meant: str) -> None:
    (problem,) = author_problems([_post(value)], COACHES, "docs/coaches/")
    assert (problem.path, problem.line, problem.field, problem.value) == ("tips/t.md", 6, "author", value)
    assert problem.hint == f"Did you mean '{meant}'?"
    assert "names no coach file in docs/coaches/" in str(problem)
    assert "a person's name written as text" in str(problem.allowed)


def test_a_slug_that_is_no_coach_file_is_a_problem_even_far_from_any_coach() -> None:
    (problem,) = author_problems([_post("lee-marsh")], COACHES)
    assert problem.hint is None and problem.value == "lee-marsh"
    assert "like 'jude-palmer'" in str(problem.allowed)


def test_each_coach_gets_the_listed_posts_naming_them_in_the_order_given() -> None:
    posts = [_post("jude-palmer", "b", 2), _post("Sam", "c", 3), _post("jude-palmer", "a", 1)]
    for p in posts:
        p.url = f"tips/{p.slug}/"
    found = posts_by_author(posts, COACHES)
    assert list(found) == ["jude-palmer"]
    assert [(p.title, p.url, p.date.day) for p in found["jude-palmer"]] == [
        ("B", "tips/b/", 2),
        ("A", "tips/a/", 1),
    ]


def test_the_profile_list_links_each_tip_from_the_profile_page_newest_first() -> None:
    sources = [
        post("older", "2025-10-01", extra="author: jude-palmer\n"),
        post("newer", "2025-11-01", extra="author: jude-palmer\n"),
        post("drafted", "2025-11-02", extra="author: jude-palmer\ndraft: true\n"),
        post("other", "2025-11-03", extra="author: Someone Else\n"),
    ]
    site = SiteContent(SitePosts(SiteSettings(), sources), {}, COACHES)
    page = parse(str(site.renderer.coach_tips("jude-palmer", "coaches/jude-palmer/")))
    assert texts(page, "//h2") == ["Tips by Jude Palmer"]
    assert hrefs(page, "//li/a") == ["../../tips/newer/", "../../tips/older/"]
    assert page.xpath("//li/time/@datetime") == ["2025-11-01", "2025-10-01"]
    assert str(site.renderer.coach_tips("sam-online", "coaches/sam-online/")) == ""


# ---------------------------------------------------------------- a built site


def _photo(width: int = 300, height: int = 400) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 120, 80)).save(out, "JPEG")
    return out.getvalue()


def _coach_site(make_site: Callable[..., Site]) -> Site:
    # The link-preview tags come from the project's overrides/partials/social-meta.html.
    site = make_site(
        extra_config={"theme": {"name": "material", "font": False, "custom_dir": str(OVERRIDES)}}
    )
    site.write(
        "coaches/jude-palmer.yml",
        coach(name="Jude Palmer", photo="photos/jude.jpg", social='{mastodon: "@jude@mastodon.social"}'),
    )
    (site.docs / "coaches" / "photos").mkdir(parents=True, exist_ok=True)
    (site.docs / "coaches" / "photos" / "jude.jpg").write_bytes(_photo())
    site.write(
        "coaches/sam-online.yml",
        coach(name="Sam Online", email="sam@example.org", website="https://example.org/sam", place="Leeds"),
    )
    long_body = " ".join(["stride"] * 700)  # 700 words: 4 minutes at 220 a minute
    return write_posts(
        site,
        post("hills", "2025-11-03", body=long_body, extra="author: jude-palmer\n"),
        post("team", "2025-11-02", extra="author: The coaching team\n"),
        post("sams", "2025-11-01", extra="author: sam-online\n"),
        post("nobody", "2025-10-30"),
    )


@pytest.fixture
def coach_site(make_site: Callable[..., Site]) -> Site:
    site = _coach_site(make_site)
    site.build()
    return site


def _byline(site: Site, url: str) -> Any:
    (byline,) = parse(site.html(url)).xpath(f"//div[{by_class('cb-byline')}]")
    return byline


def _parts(byline: Any) -> list[str]:
    """The byline's parts in order (the dots between them are drawn by the stylesheet)."""
    return [" ".join(part.text_content().split()) for part in byline.xpath("./p")]


def test_the_byline_links_the_coach_profile_with_their_photo_date_and_reading_time(coach_site: Site) -> None:
    page = parse(coach_site.html("tips/hills/"))
    (byline,) = page.xpath(f"//div[{by_class('cb-byline')}]")
    assert _parts(byline) == ["Jude Palmer", "3 November 2025", "4 min read"]
    (link,) = byline.xpath(".//a[@rel='author']")
    profile = site_path(link.get("href"), "tips/hills/")
    assert profile == "coaches/jude-palmer/" and (coach_site.out / profile / "index.html").is_file()
    assert texts(parse(coach_site.html(profile)), "//h1") == ["Jude Palmer"]
    (photo,) = link.xpath(".//img")
    assert photo.get("width") == photo.get("height") and int(photo.get("width")) > 0
    assert photo.get("alt") == ""  # the name beside it says who it is
    assert (coach_site.out / site_path(photo.get("src"), "tips/hills/")).is_file()


def test_a_name_as_text_shows_unlinked_and_no_author_shows_date_and_reading_time(coach_site: Site) -> None:
    team = _byline(coach_site, "tips/team/")
    assert _parts(team) == ["The coaching team", "2 November 2025", "1 min read"]
    assert team.xpath(".//a | .//img") == []
    nobody = _byline(coach_site, "tips/nobody/")
    assert _parts(nobody) == ["30 October 2025", "1 min read"]


def test_a_coach_without_a_photo_is_linked_without_one(coach_site: Site) -> None:
    byline = _byline(coach_site, "tips/sams/")
    assert hrefs(byline, ".//a[@rel='author']") == ["../../coaches/sam-online/"]
    assert byline.xpath(".//img") == []


def test_the_feeds_carry_the_coach_name_and_profile_link(coach_site: Site) -> None:
    profile = ORIGIN + "coaches/jude-palmer/"
    rss = {e.link: e for e in feedparser.parse((coach_site.out / "feed.xml").read_bytes()).entries}
    atom = {e.link: e for e in feedparser.parse((coach_site.out / "atom.xml").read_bytes()).entries}
    items = {i["url"]: i for i in json.loads((coach_site.out / "feed.json").read_text("utf-8"))["items"]}
    hills, team = ORIGIN + "tips/hills/", ORIGIN + "tips/team/"
    assert rss[hills].author == "Jude Palmer"  # dc:creator
    assert (atom[hills].author_detail.name, atom[hills].author_detail.href) == ("Jude Palmer", profile)
    assert items[hills]["authors"] == [{"name": "Jude Palmer", "url": profile}]
    assert rss[team].author == atom[team].author == "The coaching team"
    assert "href" not in atom[team].author_detail
    assert items[team]["authors"] == [{"name": "The coaching team"}]


def test_fediverse_creator_names_the_coach_only_when_they_have_mastodon(coach_site: Site) -> None:
    def creator(url: str) -> list[str]:
        return parse(coach_site.html(url)).xpath("//meta[@name='fediverse:creator']/@content")  # type: ignore[no-any-return]

    assert creator("tips/hills/") == ["@jude@mastodon.social"]
    assert creator("tips/sams/") == creator("tips/team/") == creator("tips/nobody/") == []


def test_the_profile_lists_the_coach_tips(coach_site: Site) -> None:
    page = parse(coach_site.html("coaches/jude-palmer/"))
    assert texts(page, f"//section[{by_class('cb-coach-tips')}]/h2") == ["Tips by Jude Palmer"]
    assert hrefs(page, f"//section[{by_class('cb-coach-tips')}]//a") == ["../../tips/hills/"]


def test_a_misspelt_coach_file_fails_the_build_with_the_line_and_did_you_mean(
    make_site: Callable[..., Site],
) -> None:
    site = _coach_site(make_site)
    site.write(*post("slip", extra="author: jude-palmr\n"))
    with pytest.raises(BuildFailed) as failed:
        site.build()
    message = str(failed.value)
    assert (
        "tips/slip.md:6: field 'author': names no coach file in docs/coaches/ (got 'jude-palmr')" in message
    )
    assert "Did you mean 'jude-palmer'?" in message
    assert "Traceback" not in message
