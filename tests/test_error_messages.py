"""Every message a person gets for a slip in a coach file, front matter, YAML or a plugin option, exactly
as written, from the plain modules the build uses: no site is built.

Each case is an input and a golden file in tests/golden/ holding the input and every message it gives
(file, line, field, value, what is allowed, hint). A changed message fails here; when the change is
meant, `UPDATE_GOLDEN=1 pytest tests/test_error_messages.py` rewrites the golden files, and the diff
shows the new wording for review. A case without its golden file fails.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from coachblog.coaches.directory import load_coaches
from coachblog.coaches.fields import CoachSource, Folder
from coachblog.config import CoachBlogConfig
from coachblog.errors import ContentError
from coachblog.places.gazetteer import load_gazetteer
from coachblog.posts.pages import SitePosts, SiteSettings
from coachblog.posts.post import PostSettings
from tests.content import GOOD, TODAY

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# Coach files: 'joined' and 'confirmed' are judged against TODAY; COACH is a good file to break.
COACH = GOOD
NOW = dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)  # front matter: the build's time
TIP = """\
---
title: Reverse your route
summary: Run your loop the other way round.
date: 2025-11-20
tags: [routes]
---

Body.
"""
ARTICLE = """\
---
title: Lost your run mojo?
summary: Ideas for getting going again.
date: 2025-11-17
---

Intro.
"""


def changed(text: str, **fields: str) -> str:
    """`text` with each field's line replaced ('' deletes it); a new field goes after the others."""
    lines = text.splitlines()
    end = next((i for i, line in enumerate(lines) if i and line == "---"), len(lines))
    for key, value in fields.items():
        index = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
        if index is None:
            lines.insert(end, f"{key}: {value}")
            end += 1
        elif value == "":
            del lines[index]
            end -= 1
        else:
            lines[index] = f"{key}: {value}"
    return "\n".join(lines) + "\n"


def coach(**fields: str) -> str:
    return changed(COACH, **fields)


def tip(**fields: str) -> str:
    return changed(TIP, **fields)


# ---------------------------------------------------------------- how each kind of input is judged


def coach_messages(files: dict[str, bytes | str]) -> list[str]:
    """What the build says about these files under docs/ (bytes read as the build reads them)."""
    sources = [
        CoachSource.from_bytes(uri, data if isinstance(data, bytes) else data.encode(), f"docs/{uri}")
        for uri, data in files.items()
    ]
    folder = Folder("coaches", "docs/coaches/")
    result = load_coaches(sources, list(files), folder, gazetteer=load_gazetteer, today=TODAY)
    return [str(problem) for problem in result.problems]


def post_messages(files: dict[str, bytes | str], future_posts: str = "wait") -> list[str]:
    """What the build says about these tips and articles under docs/."""
    settings = SiteSettings(posts=PostSettings(future_posts=future_posts, now=NOW))
    sources = [(uri, data if isinstance(data, str) else data.decode()) for uri, data in files.items()]
    try:
        SitePosts(settings, sources)
    except ContentError as error:
        return [str(problem) for problem in error.problems]
    return []


def option_messages(options: dict[str, Any]) -> list[str]:
    """The errors and warnings MkDocs reports for these coachblog options in mkdocs.yml."""
    config = CoachBlogConfig()
    config.load_dict(options)
    errors, warnings = config.validate()
    return [f"option '{key}': {error}" for key, error in errors] + [
        f"warning: option '{key}': {warning}" for key, warning in warnings
    ]


@dataclass(frozen=True)
class Case:
    """One input and how it is judged; `shown` is the input as the golden file prints it."""

    name: str
    files: dict[str, bytes | str]
    judge: Callable[[dict[str, bytes | str]], list[str]]

    def golden(self) -> str:
        parts = [f"# {uri}\n{_printable(data)}" for uri, data in self.files.items()]
        messages = "\n".join(self.judge(self.files)) or "(no messages)"
        return "\n".join(parts) + f"# messages\n{messages}\n"


def _printable(data: bytes | str) -> str:
    text = data.decode("utf-8", "backslashreplace") if isinstance(data, bytes) else data
    text = text.replace("\x00", "\\x00")
    if len(text) > 2000:
        text = text[:300] + f"... ({len(text):,} characters in all)\n"
    return text if text.endswith("\n") else text + "\n"


def coach_case(name: str, text: bytes | str, uri: str = "coaches/alex-example.yml") -> Case:
    return Case(name, {uri: text}, coach_messages)


def tip_case(name: str, text: str, uri: str = "tips/bad.md") -> Case:
    return Case(name, {"articles/lost-your-run-mojo.md": ARTICLE, uri: text}, post_messages)


def option_case(name: str, **options: Any) -> Case:
    shown = yaml.safe_dump({"plugins": [{"coachblog": options}]}, sort_keys=False)
    return Case(name, {"mkdocs.yml": shown}, lambda _: option_messages(options))


CASES = [
    # ------------------------------------------------------------ coach files: bytes and shape
    coach_case("coach-too-big", coach(bio="x" * 17_000)),
    coach_case("coach-latin-1", coach(name="José Example").encode("latin-1")),
    coach_case("coach-binary", b"name: Alex\x00\n"),
    coach_case("coach-empty", ""),
    coach_case("coach-a-list-not-fields", "- Alex Example\n- Dorking\n"),
    # ------------------------------------------------------------ coach files: fields
    coach_case("coach-no-name", coach(name="")),
    coach_case("coach-misspelt-field", coach(specialities="[trail]")),
    coach_case("coach-unknown-specialty", coach(specialties="[trial, fell]")),
    coach_case("coach-unknown-way-of-coaching", coach(coaching="[in person]")),
    coach_case("coach-country-name-not-code", coach(country="United Kingdom")),
    coach_case("coach-unknown-place", coach(place="Dorkingg")),
    coach_case("coach-website-without-scheme", coach(website="example.org/alex")),
    coach_case("coach-website-private-address", coach(website="http://192.168.1.10/")),
    coach_case("coach-website-script-link", coach(website="'javascript:alert(1)'")),
    coach_case("coach-email-without-domain", coach(email="alex@")),
    coach_case("coach-no-way-to-reach", coach(website="", email="")),
    coach_case("coach-bio-too-long", coach(bio="Long. " * 120)),
    coach_case("coach-joined-not-a-date", coach(joined="last spring")),
    coach_case("coach-joined-in-the-future", coach(joined="2027-03-01")),
    coach_case("coach-unknown-social-site", coach(social="{myspace: alexruns}")),
    coach_case("coach-photo-not-in-the-folder", coach(photo="alex.jpg")),
    coach_case("coach-latitude-without-longitude", coach(latitude="51.23")),
    coach_case("coach-github-not-a-user-name", coach(github="alex example!")),
    coach_case("coach-file-name-not-a-slug", coach(), uri="coaches/Alex Example.yml"),
    coach_case("coach-file-outside-the-folder", coach(), uri="alex-example.yml"),
    Case(
        "coach-same-email-twice",
        {"coaches/alex-example.yml": coach(), "coaches/sam-other.yml": coach(name="Sam Other", website="")},
        coach_messages,
    ),
    # ------------------------------------------------------------ YAML slips (coach files)
    coach_case("yaml-tab-inside-a-text", coach(bio="I coach\ttrail runners.")),
    coach_case("yaml-tab-as-indent", COACH.replace("place:", "\tplace:")),
    coach_case("yaml-unquoted-colon", coach(bio="Coach: ten years on the North Downs.")),
    coach_case("yaml-at-handle", coach(social="{instagram: @alexruns}")),
    coach_case("yaml-no-space-after-colon", COACH.replace("place: ", "place:")),
    coach_case("yaml-field-indented", COACH.replace("place:", "  place:")),
    coach_case("yaml-list-not-closed", coach(specialties="[trail, fell")),
    coach_case("yaml-quote-not-closed", coach(bio='"I coach trail runners.')),
    coach_case("yaml-text-after-the-quote", coach(bio='"I coach" trail runners.')),
    coach_case("yaml-anchor", coach(bio="&me I coach trail runners.")),
    coach_case("yaml-tag", coach(bio="!!python/object:os.system ls")),
    coach_case("yaml-second-document", COACH + "---\nname: Sam Other\n"),
    coach_case("yaml-lists-inside-lists", coach(social="{instagram: [[alexruns]]}")),
    coach_case("yaml-field-twice", COACH + "place: Guildford\n"),
    coach_case("yaml-line-without-a-field", COACH.replace("place: Dorking", "Dorking")),
    # ------------------------------------------------------------ front matter
    tip_case("front-matter-no-title", tip(title="")),
    tip_case("front-matter-no-summary", tip(summary="")),
    tip_case("front-matter-empty-summary", tip(summary="''")),
    tip_case("front-matter-no-date", tip(date="")),
    tip_case("front-matter-title-too-long", tip(title="Run " * 40)),
    tip_case("front-matter-impossible-date", tip(date="2025-13-01")),
    tip_case("front-matter-words-for-a-date", tip(date="next tuesday")),
    tip_case("front-matter-misspelt-field", tip(summry="oops")),
    tip_case("front-matter-tag-with-a-space", tip(tags="[Winter Running]")),
    tip_case("front-matter-tags-not-a-list", tip(tags="winter")),
    tip_case("front-matter-tag-twice", tip(tags="[routes, routes]")),
    tip_case("front-matter-slug-not-a-slug", tip(slug="Reverse Route")),
    tip_case("front-matter-file-name-not-a-slug", tip(), uri="tips/Reverse Route.md"),
    tip_case("front-matter-draft-not-true-or-false", tip(draft="maybe")),
    tip_case("front-matter-image-without-alt", tip(image="images/hill.jpg")),
    tip_case("front-matter-order-without-article", tip(order="2")),
    tip_case("front-matter-article-without-order", tip(article="lost-your-run-mojo")),
    tip_case("front-matter-order-not-a-number", tip(article="lost-your-run-mojo", order="first")),
    tip_case("front-matter-unknown-article", tip(article="lost-your-mojo", order="1")),
    tip_case("front-matter-yaml-list-not-closed", tip(title="[unclosed")),
    tip_case("front-matter-yaml-unquoted-colon", tip(summary="Tip: run it backwards.")),
    Case(
        "front-matter-field-twice",
        {"tips/bad.md": TIP.replace("tags:", "title: Again\ntags:")},
        post_messages,
    ),
    Case(
        "front-matter-one-slug-for-two-tips",
        {"tips/reverse-your-route.md": tip(), "tips/winter/reverse.md": tip(slug="reverse-your-route")},
        post_messages,
    ),
    Case(
        "front-matter-two-tips-in-one-place",
        {
            "articles/lost-your-run-mojo.md": ARTICLE,
            "tips/one.md": tip(article="lost-your-run-mojo", order="1"),
            "tips/two.md": tip(article="lost-your-run-mojo", order="1"),
        },
        post_messages,
    ),
    Case(
        "front-matter-future-date-when-an-error",
        {"tips/bad.md": tip(date="2026-02-01")},
        lambda files: post_messages(files, future_posts="error"),
    ),
    # ------------------------------------------------------------ plugin options
    option_case("option-time-zone-misspelt", timezone="Europe/Londn"),
    option_case("option-time-zone-a-number", timezone=1),
    option_case("option-default-hour-25", default_hour=25),
    option_case("option-newest-count-0", newest_count=0),
    option_case("option-posts-per-page-true", posts_per_page=True),
    option_case("option-folder-outside-docs", tips_dir="../up"),
    option_case("option-folder-inside-a-folder", articles_dir="blog/x"),
    option_case("option-folder-hidden", tags_dir=".hidden"),
    option_case("option-folder-not-text", coaches_dir=7),
    option_case("option-two-options-one-folder", tips_dir="posts", articles_dir="Posts"),
    option_case("option-future-posts-unknown", future_posts="later"),
    option_case("option-flag-not-true-or-false", social_cards="yes"),
    option_case("option-cache-empty", social_cards_cache=""),
    option_case("option-licence-unknown", coaches_licence="MIT"),
    option_case("option-edit-branch-with-a-space", edit_branch="my branch"),
    option_case("option-feeds-not-a-group", feeds=True),
    option_case("option-feeds-max-entries-0", feeds={"max_entries": 0}),
    option_case("option-feeds-image-a-web-address", feeds={"image": "https://example.org/logo.png"}),
    option_case("option-feeds-image-not-an-image", feeds={"image": "assets/logo.pdf"}),
    option_case("option-feeds-email-url-http", feeds={"email_url": "http://buttondown.com/me"}),
    option_case("option-unknown-option", tip_dir="tips"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_message_is_exactly_the_golden_one(case: Case) -> None:
    path = GOLDEN / f"{case.name}.txt"
    actual = case.golden()
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path.name} is missing: run UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
    assert actual == path.read_text(encoding="utf-8")


def test_every_golden_file_has_its_case_and_the_names_are_distinct() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    stale = sorted(p.stem for p in GOLDEN.glob("*.txt") if p.stem not in names)
    assert not stale, f"golden files without a case (delete them): {stale}"
