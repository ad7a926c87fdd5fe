"""The coach directory in the built site: the finder's complete list, profile pages, links and data files.

The project's own site (each variant, tests/conftest.py) is checked against its own coach files;
how the finder groups coaches and what a profile shows exactly are checked on small sites.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from lxml.html import HtmlElement

from coachblog.coaches import directory_pages, finder_data, schema
from coachblog.text import slugify
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
FIRST_LINKS = f"//ol[@id='cb-results-main-list']/li[{by_class('cb-coach')}]/a"
LIST_LINKS = f"//li[{by_class('cb-coach')}]/a"


def list_pages(out: Path, folder: str = "coaches", index: str = "index.html") -> dict[str, list[str]]:
    """Every no-JavaScript list page of a built site (site path) -> the profiles it links, in order."""
    found = {}
    root = out / folder / directory_pages.LISTS_DIR
    files = root.rglob(index) if index else root.rglob("*.html")
    for path in sorted(files):
        url = path.relative_to(out).as_posix()
        url = url.removesuffix("index.html") if index else url
        found[url] = [site_path(h, url) for h in hrefs(parse(path.read_text(encoding="utf-8")), LIST_LINKS)]
    return found


def by_name(coach: SourceCoach) -> tuple[str, str]:
    """The finder's order: by name, then file name."""
    return coach.name.lower(), coach.url.rstrip("/").rsplit("/", 1)[-1]


def finder_links(site: Site, url: str = "coaches/") -> list[str]:
    """The list pages the finder links (its "Every coach, by country"), as site paths."""
    return [site_path(h, url) for h in hrefs(parse(site.html(url)), "//nav[@id='cb-directory']//a")]


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


def test_every_coach_is_on_exactly_one_list_page_linked_from_the_finder(built_repo_site: Site) -> None:
    coaches = built_repo_site.content().coaches
    lists = list_pages(built_repo_site.out)
    listed = [link for links in lists.values() for link in links]
    assert sorted(listed) == sorted(c.url for c in coaches)
    for link in listed:
        assert (built_repo_site.out / link / "index.html").is_file(), link
    linked = finder_links(built_repo_site)
    assert set(linked) == {url for url, links in lists.items() if links or url in linked}
    assert all(url in lists for url in linked)


def test_the_finder_shows_the_first_coaches_by_name_and_the_count(built_repo_site: Site) -> None:
    coaches = sorted(built_repo_site.content().coaches, key=by_name)
    page = parse(built_repo_site.html("coaches/"))
    first = [site_path(h, "coaches/") for h in hrefs(page, FIRST_LINKS)]
    assert first == [c.url for c in coaches[: finder_data.FIRST_BATCH]]
    assert texts(page, FIRST_LINKS) == [c.name for c in coaches[: finder_data.FIRST_BATCH]]
    ids = page.xpath("//ol[@id='cb-results-main-list']/li/@data-coach-id")
    assert ids == [c.url.rstrip("/").rsplit("/", 1)[-1] for c in coaches[: finder_data.FIRST_BATCH]]
    count = len(coaches)
    status = f"{count:,} {'coach' if count == 1 else 'coaches'}{', by name' if count else ''}."
    assert texts(page, "//p[@id='cb-status']") == [status]


def test_online_only_coaches_have_a_list_page_of_their_own(built_repo_site: Site) -> None:
    coaches = built_repo_site.content().coaches
    lists = list_pages(built_repo_site.out)
    online = sorted(c.url for c in coaches if c.online_only)
    assert sorted(lists.get("coaches/places/online/", [])) == online
    others = [link for url, links in lists.items() if url != "coaches/places/online/" for link in links]
    assert sorted(others) == sorted(c.url for c in coaches if not c.online_only)
    if online:
        page = parse(built_repo_site.html("coaches/places/online/"))
        assert texts(page, f"//li/span[{by_class('cb-badge')}]") == ["Online only"] * len(online)


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


def test_the_finder_data_and_places_files_match_the_coaches(built_repo_site: Site) -> None:
    coaches = sorted(built_repo_site.content().coaches, key=by_name)
    html = built_repo_site.html("coaches/")
    page = parse(html)
    meta = json.loads(page.xpath("//script[@id='cb-coach-data']")[0].text)
    assert [row[1] for row in meta["coaches"]] == texts(page, FIRST_LINKS)
    assert [key for key, _ in meta["specialties"]] == list(schema.SPECIALTIES)
    data = json.loads((built_repo_site.out / "coaches/finder/coaches.json").read_text(encoding="utf-8"))
    assert data["count"] == len(coaches) and data["name"] == [c.name for c in coaches]
    slugs = [slug or slugify(name) for slug, name in zip(data["slug"], data["name"], strict=True)]
    links = [meta["profile"][0] + slug + meta["profile"][1] for slug in slugs]
    assert [site_path(h, "coaches/") for h in links] == [c.url for c in coaches]
    for column in ("place", "s", "m"):
        assert len(data[column]) == len(coaches), column
    for coach, index in zip(coaches, data["place"], strict=True):
        where, lat, lon = data["places"][index]
        assert where.startswith(coach.place), coach.path
        assert (lat is None) == (lon is None) and (lat is None or abs(lat) <= 90_000)
    assert len({tuple(p) for p in data["places"]}) == len(data["places"])
    places = json.loads((built_repo_site.out / "coaches/places.json").read_text(encoding="utf-8"))
    assert places["source"] == "GeoNames, CC BY 4.0"
    labels = {row[0] for row in places["places"]}
    assert bool(labels) == bool(coaches)
    for coach in coaches:  # each profile's "coaches near" link opens the finder at a place it knows
        place = near_place(built_repo_site.html(coach.url))
        assert place is None or place in labels, (coach.path, place)
    assert page.xpath("//div[@id='cb-finder']/@data-places") == ["places.json"]
    credit = texts(page, f"//p[{by_class('cb-finder__credit')}]")[0]
    assert "GeoNames" in credit and "CC BY 4.0" in credit
    assert "https://creativecommons.org/licenses/by/4.0/" in hrefs(page, "//a")


def test_the_suggestion_files_hold_every_place_once_under_its_first_letters(built_repo_site: Site) -> None:
    meta = json.loads(parse(built_repo_site.html("coaches/")).xpath("//script[@id='cb-coach-data']")[0].text)
    places = json.loads((built_repo_site.out / "coaches/places.json").read_text(encoding="utf-8"))["places"]
    found = []
    for name in meta["chunks"]:
        path = built_repo_site.out / "coaches" / (meta["places"] + finder_data.chunk_file(name) + ".json")
        chunk = json.loads(path.read_text(encoding="utf-8"))
        assert all(finder_data.fold(label).startswith(name) for label in chunk["label"]), name
        found += [(label, lat / 1000, lon / 1000) for label, lat, lon in zip(*chunk.values(), strict=True)]
    expected = [(row[0], row[1], row[2]) for row in places if finder_data.fold(str(row[0]))]
    assert sorted(found) == sorted(expected)


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


def test_a_country_page_groups_its_coaches_by_region_then_place(finder_site: Site) -> None:
    assert finder_links(finder_site) == ["coaches/places/united-kingdom/", "coaches/places/online/"]
    page = parse(finder_site.html("coaches/places/united-kingdom/"))
    assert texts(page, "//h1") == ["Running coaches in United Kingdom"]
    assert texts(page, "//main//h2") == ["England", "Northern Ireland", "Scotland"]
    england = texts(page, "//section[h2[.='England']]//li/a")
    assert england == ["Ari Ambleside", "Bo Boxhill", "Dana Downs", "Gil Guildford"]  # by place
    ari = texts(page, f"//li[{by_class('cb-coach')}][a='Ari Ambleside']")[0]
    assert "Also online" in ari
    online = texts(parse(finder_site.html("coaches/places/online/")), f"//li[{by_class('cb-coach')}]")
    assert len(online) == 1 and online[0].startswith("Cai Online Cardiff Online only")
    meta = parse(finder_site.html("coaches/places/online/")).xpath("//meta[@name='description']/@content")
    assert meta == ["1 running coach: online only."]


def test_a_crowded_country_gets_a_page_per_region_and_a_crowded_region_several(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(directory_pages, "REGION_PAGES_OVER", 3)  # six coaches in the UK: more than three
    monkeypatch.setattr(directory_pages, "LIST_PAGE_MAX", 3)  # four in England: two pages
    site = _fixture_site(make_site)
    site.build()
    lists = list_pages(site.out)
    regions = {
        "coaches/places/united-kingdom/england/": ["Ari Ambleside", "Bo Boxhill", "Dana Downs"],
        "coaches/places/united-kingdom/england/2/": ["Gil Guildford"],
        "coaches/places/united-kingdom/northern-ireland/": ["Bea Belfast"],
        "coaches/places/united-kingdom/scotland/": ["Eddie Edinburgh"],
    }
    names = {
        url: [link.split("/")[-2].replace("-", " ").title() for link in links] for url, links in lists.items()
    }
    assert {url: found for url, found in names.items() if found} == {
        **regions,
        "coaches/places/online/": ["Cai Online"],
    }
    assert lists["coaches/places/united-kingdom/"] == []
    country = parse(site.html("coaches/places/united-kingdom/"))
    parts = hrefs(country, "//ul[@class='cb-list__parts']//a")
    assert [site_path(h, "coaches/places/united-kingdom/") for h in parts] == list(regions)
    assert texts(country, "//ul[@class='cb-list__parts']//a")[:2] == [
        "England (Ambleside to Dorking)",
        "England (Guildford to Guildford)",
    ]
    assert set(finder_links(site)) == {"coaches/places/united-kingdom/", *regions, "coaches/places/online/"}
    england = parse(site.html("coaches/places/united-kingdom/england/"))
    assert texts(england, "//h1") == ["Running coaches in England, United Kingdom (Ambleside to Dorking)"]
    assert hrefs(england, "//p[@class='cb-profile__back']/a") == ["../../../", "../"]


def test_suggestion_files_split_by_one_more_letter_when_crowded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(finder_data, "PLACE_CHUNK_ROWS", 3)
    rows = [[name, 0.0, 0.0] for name in ("Bath", "Bat", "Battle", "Bury", "Ba", "Saint Ives", "Y", "Øy")]
    chunks = finder_data.place_chunks([(finder_data.fold(str(r[0])), r) for r in rows])
    assert {k: [r[0] for r in v] for k, v in chunks.items()} == {
        "ba": ["Ba"],
        "bat": ["Bath", "Bat", "Battle"],
        "bu": ["Bury"],
        "st": ["Saint Ives"],
        "y": ["Y"],
        "oy": ["Øy"],  # Ø is spelled O (text.LETTERS), as a reader types it
    }
    assert finder_data.fold("Sainte-Anne's, Île") == "sainte annes, ile"
    assert finder_data.chunk_file("a, b") == "a-_b"


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
    assert len(texts(page, FIRST_LINKS)) == 7
    assert sum(len(links) for links in list_pages(site.out, "trainers").values()) == 7
    assert (site.out / "trainers/dana-downs/index.html").is_file()
    assert (site.out / "trainers/places.json").is_file()
    assert (site.out / "trainers/finder/coaches.json").is_file()


def test_pages_without_directory_urls_link_to_html_files(make_site: Callable[..., Site]) -> None:
    site = _fixture_site(make_site)
    site.build(use_directory_urls=False)
    page = parse((site.out / "coaches/index.html").read_text(encoding="utf-8"))
    assert "dana-downs.html" in hrefs(page, FIRST_LINKS)
    assert "places/united-kingdom.html" in hrefs(page, "//nav[@id='cb-directory']//a")
    meta = json.loads(page.xpath("//script[@id='cb-coach-data']")[0].text)
    assert meta["profile"] == ["", ".html"]
    lists = list_pages(site.out, index="")
    assert lists["coaches/places/united-kingdom.html"][0] == "coaches/ari-ambleside.html"
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
