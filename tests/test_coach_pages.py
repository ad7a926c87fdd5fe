"""The coach directory in the built site: the finder's complete list, profile pages, links and data files.

The project's own site (each variant, tests/conftest.py) is checked against its own coach files;
how the finder groups coaches and what a profile shows exactly are checked on small sites.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from lxml.html import HtmlElement

from coachblog.coaches import schema
from tests.content import tip
from tests.helpers import (
    REPO,
    BuildFailed,
    Site,
    SourceCoach,
    by_class,
    hrefs,
    is_sample_coach,
    parse,
    site_path,
    texts,
)

FIXTURES = REPO / "tests" / "coach_fixtures" / "finder"
DIRECTORY_LINKS = f"//div[@id='cb-directory']//li[{by_class('cb-coach')}]/a"


def near_place(page_html: str) -> str | None:
    """The place a profile's "Other coaches near ..." link opens the finder at."""
    links = [h for h in hrefs(parse(page_html), "//article//a") if "?near=" in h]
    return parse_qs(urlsplit(links[0]).query)["near"][0] if links else None


# ---------------------------------------------------------------- the project's own site


def test_sample_coach_files_if_any_are_few_and_clearly_marked_as_samples(built_repo_site: Site) -> None:
    samples = [c.path for c in built_repo_site.content().coaches if is_sample_coach(c.path)]
    assert len(samples) <= 4
    for sample in samples:
        text = sample.read_text(encoding="utf-8")
        assert sample.name.startswith("sample-") and text.startswith("# SAMPLE ENTRY"), sample
        assert "name: Sample Coach " in text and "not a real coach" in text, sample
        assert "example.org" in text, sample


def test_the_finder_lists_every_coach_once_and_links_to_their_profile(built_repo_site: Site) -> None:
    coaches = built_repo_site.content().coaches
    page = parse(built_repo_site.html("coaches/"))
    links = [site_path(h, "coaches/") for h in hrefs(page, DIRECTORY_LINKS)]
    assert sorted(links) == sorted(c.url for c in coaches)
    assert sorted(texts(page, DIRECTORY_LINKS)) == sorted(c.name for c in coaches)
    for link in links:
        assert (built_repo_site.out / link / "index.html").is_file(), link
    count = len(coaches)
    status = f"{count} {'coach' if count == 1 else 'coaches'}, listed by country and region."
    assert texts(page, "//p[@id='cb-status']") == [status]


def test_online_only_coaches_are_listed_apart_and_the_others_by_country(built_repo_site: Site) -> None:
    coaches = built_repo_site.content().coaches
    page = parse(built_repo_site.html("coaches/"))
    online = [c.url for c in coaches if c.online_only]
    in_online = [site_path(h, "coaches/") for h in hrefs(page, "//section[h2[@id='online-only']]//li/a")]
    assert sorted(in_online) == sorted(online)
    badges = texts(page, f"//section[h2[@id='online-only']]//li/span[{by_class('cb-badge')}]")
    assert badges == ["Online only"] * len(online)
    headings = texts(page, "//div[@id='cb-directory']//h2")
    assert ("Online only" in headings) == bool(online)
    if online:
        assert headings[-1] == "Online only"
    elsewhere = [site_path(h, "coaches/") for h in hrefs(page, "//section[h2[@id!='online-only']]//li/a")]
    assert sorted(elsewhere) == sorted(c.url for c in coaches if not c.online_only)


def test_every_coach_file_has_a_profile_with_their_details_and_safe_links(built_repo_site: Site) -> None:
    for coach in built_repo_site.content().coaches:
        html = built_repo_site.html(coach.url)
        page = parse(html)
        assert texts(page, "//h1") == [coach.name], coach.path
        assert page.xpath("//title")[0].text.startswith(f"{coach.name} - ")
        assert coach.place in texts(page, f"//p[{by_class('cb-lead')}]")[0]
        facts = texts(page, "//dl[@class='cb-profile__facts']/dd")
        assert facts[:2] == [
            ", ".join(schema.SPECIALTIES[s] for s in coach.fields["specialties"]),
            ", ".join(schema.COACHING[m] for m in coach.coaching),
        ]
        assert_contact_links(page, coach)
        assert hrefs(page, "//p[@class='cb-profile__back']/a") == ["../"]
        description = page.xpath("//meta[@name='description']/@content")[0]
        assert description.startswith(f"{coach.name}, running coach ")


def assert_contact_links(page: HtmlElement, coach: SourceCoach) -> None:
    """Every way of getting in touch the file gives is on the page; links to other sites get no credit."""
    links = page.xpath("//ul[@class='cb-profile__contact']//a")
    web = [a for a in links if not a.get("href").startswith("mailto:")]
    assert all(set(str(a.get("rel")).split()) >= {"nofollow", "ugc", "noopener"} for a in web), coach.path
    shown = {_same(a.get("href")) for a in web}
    for key in ("website", "contact_url"):
        if coach.fields.get(key):
            assert _same(coach.fields[key]) in shown, (coach.path, key)
    assert len(web) >= len(coach.fields.get("social") or {})
    mail = [
        unquote(a.get("href").removeprefix("mailto:")) for a in links if a.get("href").startswith("mailto:")
    ]
    assert mail == ([coach.fields["email"]] if coach.fields.get("email") else []), coach.path


def _same(link: str) -> str:
    """A link as a reader would tell it apart: no scheme, 'www.' or final slash."""
    return link.lower().rstrip("/").removeprefix("https://").removeprefix("http://").removeprefix("www.")


def test_the_finder_data_and_places_file_match_the_list(built_repo_site: Site) -> None:
    coaches = built_repo_site.content().coaches
    page = parse(built_repo_site.html("coaches/"))
    data = json.loads(page.xpath("//script[@id='cb-coach-data']")[0].text)
    assert sorted(row[1] for row in data["coaches"]) == sorted(texts(page, DIRECTORY_LINKS))
    assert [key for key, _ in data["specialties"]] == list(schema.SPECIALTIES)
    places = json.loads((built_repo_site.out / "coaches/places.json").read_text(encoding="utf-8"))
    assert places["source"] == "GeoNames, CC BY 4.0"
    labels = {row[0] for row in places["places"]}
    assert bool(labels) == bool(coaches)
    for coach in coaches:  # each profile's "coaches near" link opens the finder at a place it knows
        place = near_place(built_repo_site.html(coach.url))
        assert place is None or place in labels, (coach.path, place)
    assert page.xpath("//div[@id='cb-finder']/@data-places") == ["places.json"]
    assert "places.json" not in built_repo_site.html("coaches/").split('id="cb-coach-data"')[1]
    credit = texts(page, f"//p[{by_class('cb-finder__credit')}]")[0]
    assert "GeoNames" in credit and "CC BY 4.0" in credit
    assert "https://creativecommons.org/licenses/by/4.0/" in hrefs(page, "//a")


def test_coach_files_and_the_folder_readme_are_not_published(built_repo_site: Site) -> None:
    assert not list((built_repo_site.out / "coaches").glob("*.yml"))
    assert not (built_repo_site.out / "coaches" / "README").exists()
    readme = built_repo_site.docs / "coaches" / "README.md"
    if readme.exists():
        last_line = readme.read_text(encoding="utf-8").strip().splitlines()[-1]
        assert last_line not in built_repo_site.html("coaches/")


def test_the_finder_is_in_the_nav(built_repo_site: Site) -> None:
    home = parse(built_repo_site.html(""))
    assert "coaches/" in hrefs(home, "//nav[@aria-label='Navigation']//a")


# ---------------------------------------------------------------- small sites


def _fixture_site(make_site: Callable[..., Site], **options: object) -> Site:
    site = make_site(plugin_options=options or None)
    for path in FIXTURES.glob("*.yml"):
        site.write(f"{options.get('coaches_dir', 'coaches')}/{path.name}", path.read_text(encoding="utf-8"))
    return site


@pytest.fixture
def finder_site(make_site: Callable[..., Site]) -> Site:
    """Seven made-up coaches around Britain, one online only, and a tip that links to the finder."""
    site = _fixture_site(make_site)
    site.write(
        "tips/book.md",
        tip(extra="", title="Book a session").replace(
            "Body.", "Try the [coach directory](../coaches/index.md)."
        ),
    )
    site.build()
    return site


def test_the_finder_groups_coaches_by_country_and_region_then_online_only(finder_site: Site) -> None:
    page = parse(finder_site.html("coaches/"))
    assert texts(page, "//div[@id='cb-directory']//h2") == ["United Kingdom", "Online only"]
    assert texts(page, "//div[@id='cb-directory']//h3") == ["England", "Northern Ireland", "Scotland"]
    england = texts(
        page, "//section[h2[@id='united-kingdom']]//h3[.='England']/following-sibling::ul[1]/li/a"
    )
    assert england == ["Ari Ambleside", "Bo Boxhill", "Dana Downs", "Gil Guildford"]  # by place
    online = texts(page, "//section[h2[@id='online-only']]//li")
    assert len(online) == 1 and online[0].startswith("Cai Online Cardiff Online only")
    ari = texts(page, f"//li[{by_class('cb-coach')}][a='Ari Ambleside']")[0]
    assert "Also online" in ari
    nav = texts(page, f"//nav[{by_class('cb-directory__nav')}]/ul/li/a")
    assert nav == ["United Kingdom", "Online only"]


def test_a_post_links_to_the_finder_like_to_any_page(finder_site: Site) -> None:
    page = parse(finder_site.html("tips/book/"))
    assert "../../coaches/" in hrefs(page, "//article//a")


def test_the_places_file_holds_the_coaches_countries_towns_biggest_first(finder_site: Site) -> None:
    places = json.loads((finder_site.out / "coaches/places.json").read_text(encoding="utf-8"))
    labels = [row[0] for row in places["places"]]
    assert labels[0] == "London" and "Dorking" in labels and "Newport, near Telford" in labels
    assert len(labels) > 5000


PROFILE = """name: Alex Example
place: Ambleside
country: GB
specialties: [fell, trail, navigation]
coaching: [in-person, groups, online]
website: https://example.org/alex
contact_url: https://example.org/alex/contact
email: alex+runs@example.org
bio: |-
  Fell coach in the Lake District.

  Descending, navigation and hill fitness.
social:
  strava: https://www.strava.com/athletes/123
joined: 2025-11-02
"""


def test_a_profile_shows_the_coach_and_safe_contact_links(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("coaches/alex-example.yml", PROFILE)
    site.build()
    page = parse(site.html("coaches/alex-example/"))
    assert texts(page, "//h1") == ["Alex Example"]
    assert page.xpath("//title")[0].text.startswith("Alex Example - ")
    lead = texts(page, f"//p[{by_class('cb-lead')}]")[0]
    assert lead == "Running coach in Ambleside, England, United Kingdom. Also online"
    facts = texts(page, "//dl[@class='cb-profile__facts']/dd")
    assert facts == [
        "Fell and mountain running, Trail running, Navigation",
        "In person, Groups, Online",
        "November 2025",
    ]
    assert texts(page, "//section[@class='cb-profile__bio']/p") == [
        "Fell coach in the Lake District.",
        "Descending, navigation and hill fitness.",
    ]
    links = hrefs(page, "//ul[@class='cb-profile__contact']//a")
    assert links == [
        "mailto:alex+runs@example.org",
        "https://example.org/alex/contact",
        "https://example.org/alex",
        "https://www.strava.com/athletes/123",
    ]
    assert all(
        "nofollow" in str(a.get("rel")) for a in page.xpath("//ul[@class='cb-profile__contact']//a")[1:]
    )
    assert "../?near=Ambleside" in hrefs(page, "//article//a")
    description = page.xpath("//meta[@name='description']/@content")[0]
    assert description.startswith("Alex Example, running coach in Ambleside: fell")


def test_the_coaches_dir_option_moves_the_folder_and_the_finder(make_site: Callable[..., Site]) -> None:
    site = _fixture_site(make_site, coaches_dir="trainers")
    site.build()
    page = parse(site.html("trainers/"))
    assert len(texts(page, f"//div[@id='cb-directory']//li[{by_class('cb-coach')}]")) == 7
    assert (site.out / "trainers/dana-downs/index.html").is_file()
    assert (site.out / "trainers/places.json").is_file()


def test_pages_without_directory_urls_link_to_html_files(make_site: Callable[..., Site]) -> None:
    site = _fixture_site(make_site)
    site.build(use_directory_urls=False)
    page = parse((site.out / "coaches/index.html").read_text(encoding="utf-8"))
    links = hrefs(page, DIRECTORY_LINKS)
    assert "dana-downs.html" in links
    profile = parse((site.out / "coaches/dana-downs.html").read_text(encoding="utf-8"))
    assert "index.html" in hrefs(profile, "//p[@class='cb-profile__back']/a")


def test_a_hand_written_finder_page_is_refused(make_site: Callable[..., Site]) -> None:
    site = _fixture_site(make_site)
    site.write("coaches/index.md", "# My finder\n")
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert "docs/coaches/index.md" in str(failure.value)


def test_a_site_without_coaches_still_has_a_finder_and_no_places(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.build()
    assert "No coaches have added themselves yet." in site.html("coaches/")
    places = json.loads((site.out / "coaches/places.json").read_text(encoding="utf-8"))
    assert places["places"] == []
