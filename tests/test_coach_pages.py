"""The coach directory in the built site: the finder's complete list, profile pages, links and data files."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.html import by_class, hrefs, parse, texts
from tests.sitebuild import REPO, BuildFailed, Site

SAMPLES = sorted((REPO / "docs" / "coaches").glob("*.yml"))
FIXTURES = REPO / "tests" / "coach_fixtures" / "finder"


def test_the_samples_are_few_and_clearly_marked_as_samples() -> None:
    assert 3 <= len(SAMPLES) <= 4
    for sample in SAMPLES:
        text = sample.read_text(encoding="utf-8")
        assert text.startswith("# SAMPLE ENTRY"), sample
        assert "name: Sample Coach " in text and "not a real coach" in text, sample
        assert "example.org" in text, sample


def test_the_finder_lists_every_sample_coach_by_region_and_links_to_each_profile(
    built_repo_site: Site,
) -> None:
    page = parse(built_repo_site.html("coaches/"))
    names = texts(page, f"//div[@id='cb-directory']//li[{by_class('cb-coach')}]/a")
    assert len(names) == len(SAMPLES) and all(n.startswith("Sample Coach ") for n in names)
    assert texts(page, "//div[@id='cb-directory']//h2") == ["United Kingdom", "Online only"]
    assert texts(page, "//div[@id='cb-directory']//h3") == ["England", "Scotland"]
    online = texts(page, "//section[h2[@id='online-only']]//li")
    assert len(online) == 1 and "Sample Coach Sam Online" in online[0] and "Online only" in online[0]
    for link in hrefs(page, f"//div[@id='cb-directory']//li[{by_class('cb-coach')}]/a"):
        assert (built_repo_site.out / "coaches" / link / "index.html").is_file(), link
    credit = texts(page, f"//p[{by_class('cb-finder__credit')}]")[0]
    assert "GeoNames" in credit and "CC BY 4.0" in credit
    assert "https://creativecommons.org/licenses/by/4.0/" in hrefs(page, "//a")


def test_the_finder_is_in_the_nav_and_linked_from_the_article_and_the_coaching_tip(
    built_repo_site: Site,
) -> None:
    home = parse(built_repo_site.html(""))
    assert "Find a coach" in texts(home, "//nav//a")
    article = parse(built_repo_site.html("articles/lost-your-run-mojo/"))
    assert "../../coaches/" in hrefs(article, "//article//a")
    tip = parse(built_repo_site.html("tips/book-a-coaching-session/"))
    assert "../../coaches/" in hrefs(tip, "//article//a")


def test_a_profile_shows_the_coach_and_safe_contact_links(built_repo_site: Site) -> None:
    page = parse(built_repo_site.html("coaches/sample-coach-alex-rivers/"))
    assert texts(page, "//h1") == ["Sample Coach Alex Rivers"]
    assert page.xpath("//title")[0].text.startswith("Sample Coach Alex Rivers - ")
    lead = texts(page, f"//p[{by_class('cb-lead')}]")[0]
    assert "Ambleside, England, United Kingdom" in lead and "Also online" in lead
    facts = texts(page, "//dl[@class='cb-profile__facts']/dd")
    assert facts[:2] == ["Fell and mountain running, Trail running, Navigation", "In person, Groups, Online"]
    links = hrefs(page, "//ul[@class='cb-profile__contact']//a")
    assert links == ["https://example.org/sample-alex-rivers/contact", "https://example.org/sample-alex-rivers",
                     "https://example.org/sample-alex-rivers/strava"]  # fmt: skip
    assert all("nofollow" in str(a.get("rel")) for a in page.xpath("//ul[@class='cb-profile__contact']//a"))
    assert "../?near=Ambleside" in hrefs(page, "//article//a")
    description = page.xpath("//meta[@name='description']/@content")[0]
    assert description.startswith("Sample Coach Alex Rivers, running coach in Ambleside: fell")


def test_the_finder_data_and_places_file_match_the_list(built_repo_site: Site) -> None:
    page = parse(built_repo_site.html("coaches/"))
    data = json.loads(page.xpath("//script[@id='cb-coach-data']")[0].text)
    assert sorted(row[1] for row in data["coaches"]) == sorted(
        texts(page, f"//div[@id='cb-directory']//li[{by_class('cb-coach')}]/a")
    )
    assert [key for key, _ in data["specialties"]][:3] == ["beginners", "road", "trail"]
    places = json.loads((built_repo_site.out / "coaches/places.json").read_text(encoding="utf-8"))
    assert places["source"] == "GeoNames, CC BY 4.0"
    labels = [row[0] for row in places["places"]]
    assert labels[0] == "London" and "Dorking" in labels and "Newport, near Telford" in labels
    assert len(labels) > 5000
    assert page.xpath("//div[@id='cb-finder']/@data-places") == ["places.json"]
    assert "places.json" not in built_repo_site.html("coaches/").split('id="cb-coach-data"')[1]


def test_coach_files_and_the_folder_readme_are_not_published(built_repo_site: Site) -> None:
    assert not list((built_repo_site.out / "coaches").glob("*.yml"))
    assert not (built_repo_site.out / "coaches" / "README").exists()
    assert "This README is not published" not in built_repo_site.html("coaches/")


def _fixture_site(make_site: Callable[..., Site], **options: object) -> Site:
    site = make_site(plugin_options=options or None)
    for path in FIXTURES.glob("*.yml"):
        site.write(f"{options.get('coaches_dir', 'coaches')}/{path.name}", path.read_text(encoding="utf-8"))
    return site


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
    links = hrefs(page, f"//div[@id='cb-directory']//li[{by_class('cb-coach')}]/a")
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
