"""Following the coach directory: a feed of each coach's posts on their profile, feeds of new coaches on
the finder and on each list page, and an email sign-up (feeds.email_url) on the subscribe page and posts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import jsonschema
import pytest
from lxml import etree
from lxml import html as lxml_html

from coachblog.coaches import directory_pages
from coachblog.coaches.schema import SPECIALTIES
from tests.content import EVIL, FIXTURES, NAME, PLACE, coach, post, write_posts
from tests.helpers import REPO, Site, by_class, hrefs, minimal_site, parse, site_path, texts

ORIGIN = "https://example.org/blog/"  # minimal_site's site_url
THEME = {"name": "material", "font": False, "custom_dir": str(REPO / "overrides")}  # feed-links.html
FILES = ("feed.xml", "atom.xml", "feed.json")
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
LONDON = ZoneInfo("Europe/London")
EMAIL = "https://buttondown.com/example"


def directory_site(dest: Path, **options: Any) -> Site:
    """Coaches in England, Scotland, France and online, one hostile; Dana, Gil and the hostile coach
    write, the other posts are nobody's, drafts or waiting for their date (Cai's and Fay's only ones)."""
    site = minimal_site(dest, plugin_options=options, extra_config={"theme": THEME})
    for name in ("dana-downs.yml", "gil-guildford.yml", "cai-online.yml", "eddie-edinburgh.yml"):
        site.write(f"coaches/{name}", (FIXTURES / name).read_text(encoding="utf-8"))
    for name in ("Fay Paris", "Abe Paris"):  # joined the same day
        slug = name.lower().replace(" ", "-")
        where = {"place": "Paris", "country": "FR", "joined": "2025-12-01"}
        contact = {"email": f"{slug}@example.org", "website": f"https://example.org/{slug}"}
        site.write(f"coaches/{slug}.yml", coach(name=name, **where, **contact))
    site.write("coaches/evil.yml", EVIL)
    return write_posts(
        site,
        post("hills", "2025-11-03", body="See [the other tip](other.md).", extra="author: dana-downs\n"),
        post("stairs", "2025-11-01", extra="author: dana-downs\n"),
        post("other", "2025-11-02"),
        post("gils", "2025-10-30", extra="author: gil-guildford\n"),
        post("drafty", "2025-11-04", extra="author: dana-downs\ndraft: true\n"),
        post("later", "2099-01-01", extra="author: dana-downs\n"),
        post("evils", "2025-10-29", extra="author: evil\n"),
        post("cais-draft", "2025-11-05", extra="author: cai-online\ndraft: true\n"),
        post("fays-later", "2099-02-01", extra="author: fay-paris\n"),
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = directory_site(tmp_path_factory.mktemp("coach-feeds"))
    site.build()
    assert site.warnings == []
    return site


def rss(site: Site, folder: str) -> Any:
    feed = feedparser.parse((site.out / folder / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


def atom(site: Site, folder: str) -> Any:
    feed = feedparser.parse((site.out / folder / "atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


# JSON Feed 1.1 (jsonfeed.org/version/1.1) as a JSON Schema: the members it requires, the types of those
# it defines, dates as RFC 3339 and addresses absolute; extensions (keys starting "_") allowed.
_URL = {"type": "string", "pattern": "^https?://"}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"}
_AUTHORS = {
    "type": "array",
    "items": {"type": "object", "properties": {"name": {"type": "string"}, "url": _URL, "avatar": _URL}},
}
JSON_FEED_1_1 = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": _URL,
        "feed_url": _URL,
        "description": {"type": "string"},
        "icon": _URL,
        "favicon": _URL,
        "language": {"type": "string"},
        "authors": _AUTHORS,
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": _URL,
                    "external_url": _URL,
                    "title": {"type": "string"},
                    "content_html": {"type": "string"},
                    "content_text": {"type": "string"},
                    "summary": {"type": "string"},
                    "image": _URL,
                    "banner_image": _URL,
                    "date_published": _DATE,
                    "date_modified": _DATE,
                    "authors": _AUTHORS,
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "language": {"type": "string"},
                },
            },
        },
    },
}


def json_feed(site: Site, folder: str) -> dict[str, Any]:
    """The folder's JSON Feed, validated against JSON Feed 1.1 as a JSON Schema."""
    data: dict[str, Any] = json.loads((site.out / folder / "feed.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, JSON_FEED_1_1)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == ORIGIN + folder + "feed.json"
    assert isinstance(data["title"], str) and data["title"]
    for item in data["items"]:
        assert item["id"] == item["url"] and item["url"].startswith(ORIGIN)
        assert isinstance(item["content_html"], str) and item["content_html"]
    return data


def links_in(site: Site, folder: str) -> list[list[str]]:
    """The entries' links of the folder's three feeds, in their order."""
    return [
        [e.link for e in rss(site, folder).entries],
        [e.link for e in atom(site, folder).entries],
        [i["url"] for i in json_feed(site, folder)["items"]],
    ]


def alternates(site: Site, url: str) -> list[str]:
    """The page's autodiscovery links, as site paths; each must be a file of the build."""
    page = parse(site.html(url))
    found = [site_path(h, url) for h in page.xpath("/html/head/link[@rel='alternate']/@href")]
    for path in found:
        assert (site.out / path).is_file(), (url, path)
    return found


def follow_line(site: Site, url: str) -> Any:
    lines = parse(site.html(url)).xpath(f"//p[{by_class('cb-feed-line')}]")
    assert len(lines) <= 1, url
    return lines[0] if lines else None


def feed_files(site: Site) -> dict[str, bytes]:
    return {
        p.relative_to(site.out).as_posix(): p.read_bytes()
        for p in sorted(site.out.rglob("*"))
        if p.name in FILES
    }


# ---------------------------------------------------------------- a coach's own feeds


def test_a_coach_feed_holds_exactly_their_listed_posts_newest_first(built: Site) -> None:
    posts = [ORIGIN + "tips/hills/", ORIGIN + "tips/stairs/"]  # not the draft, the waiting one, others'
    assert links_in(built, "coaches/dana-downs/") == [posts, posts, posts]
    assert links_in(built, "coaches/gil-guildford/") == [[ORIGIN + "tips/gils/"]] * 3
    feed = rss(built, "coaches/dana-downs/")
    assert feed.feed.title == "Test site: Dana Downs"
    assert feed.feed.link == ORIGIN + "coaches/dana-downs/"
    assert {e.author for e in feed.entries} == {"Dana Downs"}


def test_a_profile_with_a_follow_line_still_reads_in_the_posts_column(built: Site) -> None:
    """main.html marks a prose page by what its content holds: the Follow line must not unmark it."""
    prose = "//span[contains(concat(' ', @class, ' '), ' cb-prose ')]"
    for profile in ("coaches/dana-downs/", "coaches/abe-paris/"):  # with posts to follow, and without
        assert parse(built.html(profile)).xpath(prose), profile
    assert "Follow Dana" in built.html("coaches/dana-downs/")
    assert not parse(built.html("coaches/")).xpath(prose), "the finder keeps its width"


def test_a_coach_feed_entry_is_the_site_feed_entry_full_with_absolute_links(built: Site) -> None:
    def contents(folder: str) -> dict[str, str]:
        root = etree.fromstring((built.out / folder / "feed.xml").read_bytes())
        return {item.findtext("link"): item.findtext(CONTENT) for item in root.iter("item")}

    own, site = contents("coaches/dana-downs/"), contents("")
    hills = ORIGIN + "tips/hills/"
    assert own[hills] == site[hills]  # one entry, made once, in both
    assert hrefs(lxml_html.fromstring(own[hills]), "//a") == [ORIGIN + "tips/other/"]
    items = {i["url"]: i for i in json_feed(built, "coaches/dana-downs/")["items"]}
    assert items[hills]["authors"] == [{"name": "Dana Downs", "url": ORIGIN + "coaches/dana-downs/"}]


def test_a_coach_feed_holds_at_most_max_entries(tmp_path: Path) -> None:
    site = directory_site(tmp_path, feeds={"max_entries": 1})
    site.build()
    assert links_in(site, "coaches/dana-downs/") == [[ORIGIN + "tips/hills/"]] * 3
    assert len(rss(site, "coaches/").entries) == 1


def test_the_profile_links_its_feeds_first_and_says_follow_beside_the_tips(built: Site) -> None:
    url = "coaches/dana-downs/"
    assert alternates(built, url) == [url + name for name in FILES] + list(FILES)
    line = follow_line(built, url)
    assert " ".join(line.text_content().split()).startswith("Follow Dana Downs")
    assert [site_path(h, url) for h in hrefs(line, "./a")] == [url + "feed.xml", "subscribe/"]
    assert (built.out / "subscribe/index.html").is_file()
    (tips,) = line.getparent().xpath(f"./section[{by_class('cb-coach-tips')}]")
    assert tips.getnext() is line  # beside "Tips by Dana Downs"


def test_a_coach_with_no_listed_post_has_no_feed_and_no_follow_link(built: Site) -> None:
    for slug in ("eddie-edinburgh", "fay-paris", "cai-online"):  # none, one waiting, a draft
        folder = built.out / "coaches" / slug
        assert not any((folder / name).exists() for name in FILES), slug
        assert follow_line(built, f"coaches/{slug}/") is None
        assert alternates(built, f"coaches/{slug}/") == list(FILES)  # the site's feeds only


# ---------------------------------------------------------------- new coaches


def test_the_finder_feed_lists_every_coach_newest_joined_first_ties_by_file_name(built: Site) -> None:
    order = ["abe-paris", "fay-paris", "evil", "cai-online", "eddie-edinburgh", "gil-guildford", "dana-downs"]
    profiles = [ORIGIN + f"coaches/{slug}/" for slug in order]
    assert links_in(built, "coaches/") == [profiles] * 3
    feed = atom(built, "coaches/")
    assert [e.id for e in feed.entries] == profiles
    fay = feed.entries[1]
    assert fay.title == "Fay Paris, Paris, France"
    joined = dt.datetime(2025, 12, 1, 9, tzinfo=LONDON)  # the default hour, in the site's time zone
    assert dt.datetime.fromisoformat(fay.updated) == joined
    item = json_feed(built, "coaches/")["items"][1]
    assert dt.datetime.fromisoformat(item["date_published"]) == joined
    text = lxml_html.fromstring(item["content_html"]).text_content()
    labels = [SPECIALTIES["trail"], SPECIALTIES["fell"]]  # the schema's labels, not the file's keys
    assert "Running coach in Paris, France." in text and ", ".join(labels) in text
    assert item["tags"] == labels


def test_each_country_list_page_has_a_feed_of_its_coaches_and_the_online_page_too(built: Site) -> None:
    england = ["evil", "gil-guildford", "dana-downs"]
    expected = {
        "coaches/places/united-kingdom/": [*england[:1], "eddie-edinburgh", *england[1:]],
        "coaches/places/france/": ["abe-paris", "fay-paris"],
        "coaches/places/online/": ["cai-online"],
    }
    for folder, slugs in expected.items():
        assert links_in(built, folder) == [[ORIGIN + f"coaches/{s}/" for s in slugs]] * 3, folder
    assert rss(built, "coaches/places/france/").feed.title == "Test site: new coaches in France"
    assert rss(built, "coaches/places/online/").feed.title == "Test site: new coaches online"


def test_the_finder_and_list_pages_link_their_feeds_and_say_follow_new_coaches(built: Site) -> None:
    for url, label in [
        ("coaches/", "Follow new coaches"),
        ("coaches/places/france/", "Follow new coaches in France"),
        ("coaches/places/united-kingdom/", "Follow new coaches in United Kingdom"),
        ("coaches/places/online/", "Follow new coaches online"),
    ]:
        assert alternates(built, url) == [url + name for name in FILES] + list(FILES), url
        line = follow_line(built, url)
        assert texts(line, "./a")[0] == label, url
        assert [site_path(h, url) for h in hrefs(line, "./a")] == [url + "feed.xml", "subscribe/"]


def test_a_region_of_a_big_country_has_its_feed_and_a_later_page_of_a_list_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        directory_pages, "REGION_PAGES_OVER", 2
    )  # the UK's 4 in-person coaches: a page per nation
    monkeypatch.setattr(directory_pages, "LIST_PAGE_MAX", 2)  # England's 3 on two pages
    site = directory_site(tmp_path)
    site.build()
    uk = "coaches/places/united-kingdom/"
    england = [ORIGIN + f"coaches/{s}/" for s in ("evil", "gil-guildford", "dana-downs")]
    assert links_in(site, uk + "england/") == [england] * 3  # the whole region, from its first page
    assert rss(site, uk + "england/").feed.title == "Test site: new coaches in England, United Kingdom"
    assert links_in(site, uk + "scotland/") == [[ORIGIN + "coaches/eddie-edinburgh/"]] * 3
    assert len(links_in(site, uk)[0]) == 4  # the country's page: all of its regions
    assert not any((site.out / uk / "england/2" / name).exists() for name in FILES)
    assert follow_line(site, uk + "england/2/") is None
    assert alternates(site, uk + "england/2/") == list(FILES)
    assert alternates(site, uk + "scotland/")[:3] == [uk + "scotland/" + name for name in FILES]


def test_hostile_coach_text_stays_text_in_all_three_formats(built: Site) -> None:
    profile = ORIGIN + "coaches/evil/"
    for folder in ("coaches/", "coaches/places/united-kingdom/"):
        atom_root = etree.fromstring((built.out / folder / "atom.xml").read_bytes())
        rss_root = etree.fromstring((built.out / folder / "feed.xml").read_bytes())
        (entry,) = [e for e in atom_root.iter(ATOM + "entry") if e.findtext(ATOM + "id") == profile]
        (item,) = [i for i in rss_root.iter("item") if i.findtext("link") == profile]
        (jitem,) = [i for i in json_feed(built, folder)["items"] if i["id"] == profile]
        for title in (entry.findtext(ATOM + "title"), item.findtext("title"), jitem["title"]):
            assert title.startswith(f"{NAME}, {PLACE}")  # plain text, as the coach wrote it
        for html in (entry.findtext(ATOM + "content"), item.findtext(CONTENT), jitem["content_html"]):
            root = lxml_html.fragment_fromstring(html, create_parent="div")
            assert root.xpath("//script | //img | //svg | //@onload | //@onerror") == [], folder
            assert NAME in root.text_content() and PLACE in root.text_content()
            assert hrefs(root, "//a") == [profile]


def test_a_hostile_coach_name_stays_text_in_their_follow_line_and_feeds(built: Site) -> None:
    url = "coaches/evil/"
    page = parse(built.html(url))
    assert page.xpath("//script[contains(., 'alert')] | //img[@onerror] | //svg[@onload]") == []
    line = follow_line(built, url)
    assert texts(line, "./a")[0] == f"Follow {NAME}"
    titles = page.xpath("/html/head/link[@rel='alternate']/@title")
    assert titles[0] == f"Test site: {NAME} (RSS)"
    assert rss(built, url).feed.title == json_feed(built, url)["title"] == f"Test site: {NAME}"
    assert links_in(built, url) == [[ORIGIN + "tips/evils/"]] * 3


def test_two_builds_at_different_times_give_the_same_feed_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = []
    for n, when in enumerate(
        (dt.datetime(2026, 1, 2, 8, tzinfo=dt.UTC), dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    ):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(when.timestamp())))
        (tmp_path / str(n)).mkdir()
        site = directory_site(tmp_path / str(n))
        site.build()
        builds.append(feed_files(site))
    assert "coaches/dana-downs/atom.xml" in builds[0] and "coaches/places/france/feed.json" in builds[0]
    assert builds[0] == builds[1]


def test_with_page_urls_ending_in_html_the_feed_links_still_reach_the_files(tmp_path: Path) -> None:
    site = directory_site(tmp_path)
    (site.root / "mkdocs.yml").write_text(
        (site.root / "mkdocs.yml").read_text(encoding="utf-8") + "use_directory_urls: false\n",
        encoding="utf-8",
    )
    site.build()
    for page, folder in [
        ("coaches/dana-downs.html", "coaches/dana-downs/"),
        ("coaches/index.html", "coaches/"),
        ("coaches/places/france.html", "coaches/places/france/"),
    ]:
        assert alternates(site, page)[:3] == [folder + name for name in FILES], page
        line = follow_line(site, page)
        assert [site_path(h, page) for h in hrefs(line, "./a")] == [folder + "feed.xml", "subscribe.html"]
    assert rss(site, "coaches/dana-downs/").feed.link == ORIGIN + "coaches/dana-downs.html"


def test_without_feeds_no_coach_feed_and_no_follow_line(tmp_path: Path) -> None:
    site = directory_site(tmp_path, feeds={"enabled": False})
    site.build()
    assert feed_files(site) == {}
    for url in ("coaches/", "coaches/dana-downs/", "coaches/places/france/"):
        assert follow_line(site, url) is None


# ---------------------------------------------------------------- by email


def test_email_url_leads_the_subscribe_page_and_ends_each_post_only_when_set(
    built: Site, tmp_path: Path
) -> None:
    def email_links(site: Site, url: str) -> list[str]:
        return [str(a.get("href")) for a in parse(site.html(url)).xpath("//a") if a.get("href") == EMAIL]

    assert email_links(built, "subscribe/") == email_links(built, "tips/hills/") == []
    assert parse(built.html("tips/hills/")).xpath(f"//p[{by_class('cb-subscribe--email')}]") == []
    site = directory_site(tmp_path, feeds={"email_url": EMAIL})
    site.build()
    page = parse(site.html("subscribe/"))
    (first,) = page.xpath("(//article//h1/following::a)[1]")
    assert (first.get("href"), " ".join(first.text_content().split())) == (EMAIL, "Get new tips by email")
    everything = list(page.iter())
    (reader,) = page.xpath("//section[@aria-labelledby='cb-follow-title']")
    assert everything.index(first) < everything.index(reader)  # email first, then the feed reader
    assert page.xpath("//meta[@name='description']/@content") == [
        "Get every new tip and article by email or in a feed reader."
    ]
    for url in ("tips/hills/", "tips/other/"):
        (line,) = parse(site.html(url)).xpath(f"//article//p[{by_class('cb-subscribe--email')}]")
        assert hrefs(line, "./a")[0] == EMAIL
        assert site_path(hrefs(line, "./a")[1], url) == "subscribe/"
    assert email_links(site, "coaches/") == []  # on posts and the subscribe page only
