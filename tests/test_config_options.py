"""Each plugin option checks itself when MkDocs loads mkdocs.yml: one line naming option, value and rule."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mkdocs
import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from coachblog.config import CoachBlogConfig
from tests.content import tip
from tests.helpers import REPO, BuildFailed, Site, cards_at

ENGINE = mkdocs.__name__  # "properdocs" when ProperDocs stands in for MkDocs

OPTION = "Config value 'plugins': Plugin 'coachblog' option "
FOLDERS = ("tips_dir", "articles_dir", "tags_dir", "coaches_dir")
FLAGS = ("social_cards", "theme_cache", "feeds.enabled", "feeds.tag_feeds")


def nested(option: str, value: object) -> dict[str, Any]:
    """Plugin options setting `option` ('feeds.image' is under feeds:) to `value`."""
    group, _, name = option.rpartition(".")
    return {group: {name: value}} if group else {name: value}


def refusal(make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture, options: dict[str, Any]) -> str:
    """The one error MkDocs logs when it refuses a mkdocs.yml with these plugin options."""
    site = make_site(plugin_options=options)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=ENGINE), pytest.raises(Abort) as stopped:
        load_config(str(site.root / "mkdocs.yml"))
    assert str(stopped.value) == "Aborted with a configuration error!"
    logged = [record.getMessage() for record in caplog.records if record.name.startswith(ENGINE)]
    assert len(logged) == 1 and "\n" not in logged[0], logged
    return logged[0]


def test_an_unknown_time_zone_names_the_value_and_the_nearest_known_one(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    assert refusal(make_site, caplog, {"timezone": "Europe/Londn"}) == (
        OPTION + "'timezone': Unknown time zone 'Europe/Londn'. Use a name from the IANA time zone "
        "database such as 'Europe/London' (did you mean 'Europe/London'?)"
    )
    assert refusal(make_site, caplog, {"timezone": "america/new york"}).endswith(
        "(did you mean 'America/New_York'?)"
    )
    for bad in ("Europe", "../etc/passwd", "UTC+1", 1):  # a folder of zones, a path, an offset, a number
        message = refusal(make_site, caplog, {"timezone": bad})
        assert message.startswith(OPTION + f"'timezone': Unknown time zone {bad!r}. Use a name"), message
        assert "did you mean" not in message


def test_default_hour_must_be_an_hour_from_0_to_23(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    for bad, shown in ((25, "25"), (-1, "-1"), (True, "true"), ("9am", "'9am'"), (9.5, "9.5")):
        assert refusal(make_site, caplog, {"default_hour": bad}) == (
            OPTION + f"'default_hour': must be a whole number from 0 to 23, got {shown} "
            "(the hour of the day: 0 is midnight, 13 is 1 pm)"
        )


def test_newest_count_must_be_1_or_more(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    for bad in (0, -3):
        assert refusal(make_site, caplog, {"newest_count": bad}) == (
            OPTION + f"'newest_count': must be a whole number 1 or more, got {bad} "
            "(to show no cards, leave '<!-- newest-tips -->' out of the page)"
        )


def test_posts_per_page_must_be_1_or_more(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    for bad, shown in ((0, "0"), (-24, "-24"), (True, "true"), ("24", "'24'"), (2.5, "2.5")):
        assert refusal(make_site, caplog, {"posts_per_page": bad}) == (
            OPTION + f"'posts_per_page': must be a whole number 1 or more, got {shown} "
            "(the cards on each page of the tip index and of a tag page; older ones follow)"
        )


def test_posts_per_page_sets_the_cards_on_each_page_of_the_tip_index(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin_options={"posts_per_page": 2})
    for day in range(1, 6):
        site.write(f"tips/day-{day}.md", tip(date=f"2025-11-0{day}"))
    site.build()
    assert cards_at(site, "tips/") == ["day-5/", "day-4/"]
    assert cards_at(site, "tips/page/2/") == ["../../day-3/"]
    assert cards_at(site, "tips/page/1/") == ["../../day-2/", "../../day-1/"]


@pytest.mark.parametrize("option", FOLDERS)
def test_a_folder_option_must_be_one_folder_directly_inside_docs(
    option: str, make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    default = dict(CoachBlogConfig._schema)[option].default
    rule = f". Use one folder name directly inside docs/, such as {default!r}"
    expected = {
        "../up": "'../up' points outside docs/",
        "..": "'..' points outside docs/",
        "/abs": "'/abs' is a full path, not a folder inside docs/",
        "C:\\site": "'C:\\\\site' is a full path, not a folder inside docs/",
        "blog/x": "'blog/x' is a folder inside a folder",
        ".hidden": "'.hidden' starts with '.': MkDocs leaves such folders out of the site",
    }
    for bad, problem in expected.items():
        assert refusal(make_site, caplog, {option: bad}) == OPTION + f"'{option}': {problem}{rule}"
    for not_a_name, shown in (("", "''"), (7, "7"), (["a"], "['a']")):
        assert refusal(make_site, caplog, {option: not_a_name}) == (
            OPTION
            + f"'{option}': must be the name of a folder inside docs/, such as {default!r}, got {shown}"
        )


def test_two_folder_options_cannot_name_the_same_folder(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    assert refusal(make_site, caplog, {"tips_dir": "posts", "coaches_dir": "Posts"}) == (
        OPTION + "'coaches_dir': 'Posts' is the folder of 'tips_dir' ('posts') too: tips_dir, articles_dir, "
        "tags_dir, coaches_dir each need a folder of their own"
    )


def test_a_folder_with_a_final_slash_is_that_folder(make_site: Callable[..., Site]) -> None:
    site = make_site(plugin_options={"coaches_dir": "trainers/", "tags_dir": "topics"})
    options = load_config(str(site.root / "mkdocs.yml")).plugins["coachblog"].config
    assert (options.coaches_dir, options.tags_dir) == ("trainers", "topics")


def test_future_posts_must_be_wait_draft_or_error(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    assert refusal(make_site, caplog, {"future_posts": "later"}) == (
        OPTION + "'future_posts': must be 'wait', 'draft' or 'error', got 'later' ('wait': the post is not "
        "published until its date; `mkdocs serve` shows it as a preview; 'draft': the post's page is built "
        "but left out of lists and feeds until its date; 'error': the build stops)"
    )


@pytest.mark.parametrize("option", FLAGS)
def test_an_on_off_option_must_be_true_or_false(
    option: str, make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    group, _, name = option.rpartition(".")
    where = f"'{group}': Sub-option '{name}'" if group else f"'{name}'"
    for bad, shown in (("maybe", "'maybe'"), (1, "1"), ("true", "'true'")):
        assert refusal(make_site, caplog, nested(option, bad)) == (
            OPTION + f"{where}: must be true or false, got {shown}"
        )


def test_social_cards_cache_must_be_a_folder_outside_docs_and_the_site(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    assert refusal(make_site, caplog, {"social_cards_cache": ""}) == (
        OPTION + "'social_cards_cache': must be a folder, relative to mkdocs.yml, such as "
        "'.cache/social-cards', got ''"
    )
    for inside, setting in (("docs/cards", "docs_dir"), ("site/.cards", "site_dir")):
        site = make_site(plugin_options={"social_cards_cache": inside})
        with pytest.raises(BuildFailed) as failed:
            site.build()
        assert f"coachblog option 'social_cards_cache': {inside!r} is inside {setting} (" in str(failed.value)
        assert not (site.root / inside).exists()


def test_coaches_licence_must_be_the_spdx_id_of_one_of_a_few_open_data_licences(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    allowed = (
        "'CC-BY-4.0' (Creative Commons Attribution 4.0 International), 'CC-BY-SA-4.0' (Creative Commons "
        "Attribution-ShareAlike 4.0 International), 'CC0-1.0' (Creative Commons Zero 1.0 Universal), "
        "'ODbL-1.0' (Open Data Commons Open Database License 1.0), 'ODC-By-1.0' (Open Data Commons "
        "Attribution License 1.0)"
    )
    for bad, shown in (
        ("MIT", "'MIT'"),
        ("CC BY 4.0", "'CC BY 4.0'"),
        ("", "''"),
        (4, "4"),
    ):
        assert refusal(make_site, caplog, {"coaches_licence": bad}) == (
            OPTION
            + f"'coaches_licence': must be the SPDX id of one of these licences: {allowed}; got {shown}"
        )
    site = make_site(plugin_options={"coaches_licence": "cc0-1.0"})  # SPDX ids match whatever their case
    assert load_config(str(site.root / "mkdocs.yml")).plugins["coachblog"].config.coaches_licence == "CC0-1.0"


def test_feeds_max_entries_must_be_1_or_more(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    assert refusal(make_site, caplog, {"feeds": {"max_entries": 0}}) == (
        OPTION + "'feeds': Sub-option 'max_entries': must be a whole number 1 or more, got 0 "
        "(to write no feeds, set 'enabled: false')"
    )


def test_feeds_image_must_be_an_image_path_inside_docs(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    expected = {
        "https://example.org/logo.png": "is a web address, not a file of the site",
        "/assets/logo.png": "is a full path, not a path inside docs/",
        "../logo.png": "points outside docs/",
        "assets\\logo.png": "uses '\\' between folders, where '/' is needed",
        "assets/logo.txt": "is not an image file (.png, .jpg, .jpeg, .gif, .webp, .svg, .ico)",
    }
    for bad, problem in expected.items():
        assert refusal(make_site, caplog, {"feeds": {"image": bad}}) == (
            OPTION + f"'feeds': Sub-option 'image': {bad!r} {problem}. Use the path of an image inside "
            "docs/, such as 'assets/images/favicon.png'"
        )


def test_feeds_email_url_must_be_an_https_address(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    rule = ". Use a page's https address, such as 'https://buttondown.com/yourname'"
    expected = {
        "http://buttondown.com/yourname": "does not start with 'https://'",
        "buttondown.com/yourname": "does not start with 'https://'",
        "javascript:alert(1)": "does not start with 'https://'",
        "": "does not start with 'https://'",
        "https://": "names no web server",
        "https://localhost/signup": "names no web server",
        "https://me@example.org/signup": "names no web server",
        'https://example.org/"><script>': "has a space, a quote, '<', '>' or '`' in it",
        "https://example.org/sign up": "has a space, a quote, '<', '>' or '`' in it",
    }
    for bad, problem in expected.items():
        assert refusal(make_site, caplog, {"feeds": {"email_url": bad}}) == (
            OPTION + f"'feeds': Sub-option 'email_url': {bad!r} {problem}{rule}"
        )
    for not_text, shown in ((7, "7"), (True, "true"), (["https://example.org/"], "['https://example.org/']")):
        assert refusal(make_site, caplog, {"feeds": {"email_url": not_text}}) == (
            OPTION + f"'feeds': Sub-option 'email_url': {shown} is not a web address{rule}"
        )
    good = "https://buttondown.com/yourname?tag=tips"
    site = make_site(plugin_options={"feeds": {"email_url": good}})
    assert load_config(str(site.root / "mkdocs.yml")).plugins["coachblog"].config.feeds.email_url == good


def test_a_well_formed_feeds_image_that_is_missing_fails_once_files_are_known(
    make_site: Callable[..., Site],
) -> None:
    site = make_site(plugin_options={"feeds": {"image": "assets/logo.png"}})
    load_config(str(site.root / "mkdocs.yml"))  # its form is fine
    site.write("tips/broken.md", "---\ntitle: [unclosed\n---\n")
    with pytest.raises(BuildFailed, match=r"'feeds\.image'.*'assets/logo\.png'") as failed:
        site.build()
    assert "tips/broken.md" not in str(failed.value), "the option is checked before any post is read"


def test_feeds_must_be_a_group_of_options(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    assert refusal(make_site, caplog, {"feeds": False}) == (
        OPTION + "'feeds': must be a group of feed options such as 'feeds: {enabled: false}', got false"
    )


def test_feeds_without_site_url_stop_the_build_before_any_post_is_read(
    make_site: Callable[..., Site],
) -> None:
    site = make_site(extra_config={"site_url": None})
    site.write("tips/broken.md", "---\ntitle: [unclosed\n---\n")
    with pytest.raises(BuildFailed) as failed:
        site.build()
    message = str(failed.value)
    assert "Feeds need absolute URLs: set site_url in mkdocs.yml to the site's address" in message
    assert "broken.md" not in message


def _readme_options() -> dict[str, Any]:
    """The plugin's options as the README's options block lists them."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The plugin's options", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    plugins = yaml.safe_load(block.group(1))["plugins"]
    found: dict[str, Any] = next(p["coachblog"] for p in plugins if isinstance(p, dict) and "coachblog" in p)
    return found


def test_the_readme_lists_every_option_with_its_default_and_mkdocs_accepts_them(
    make_site: Callable[..., Site], caplog: pytest.LogCaptureFixture
) -> None:
    listed = _readme_options()
    defaults = load_config(str(make_site().root / "mkdocs.yml")).plugins["coachblog"].config
    assert set(listed) == set(defaults)
    assert set(listed["feeds"]) == set(defaults["feeds"])
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=ENGINE):
        loaded = load_config(str(make_site(plugin_options=listed).root / "mkdocs.yml"))
    assert [r.getMessage() for r in caplog.records if r.name.startswith(ENGINE)] == []
    options = loaded.plugins["coachblog"].config
    for key, value in defaults.items():
        if key != "feeds":
            assert options[key] == value == listed[key], key
    for key, value in defaults["feeds"].items():
        if key != "image":  # no image by default: the feeds then use the theme's favicon
            assert options["feeds"][key] == value == listed["feeds"][key], key
    assert defaults["feeds"]["image"] is None and options["feeds"]["image"] == listed["feeds"]["image"]


def test_mkdocs_build_with_an_unknown_time_zone_prints_one_clear_line_and_no_traceback(
    make_site: Callable[..., Site],
) -> None:
    site = make_site(plugin_options={"timezone": "Europe/Londn"})
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(site.root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=os.environ | {"NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert (
        OPTION + "'timezone': Unknown time zone 'Europe/Londn'. Use a name from the IANA time zone database "
        "such as 'Europe/London' (did you mean 'Europe/London'?)\n"
    ) in output
    assert "Aborted with a configuration error!" in output
    assert "Traceback" not in output and "ZoneInfoNotFoundError" not in output
    assert not site.out.exists()
