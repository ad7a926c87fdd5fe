"""The "real-content" copy of the project's site: the samples out, made-up real-looking content in.

Every test of the project's site runs on this copy too (tests/conftest.py), so that none can lean on
the sample coaches and tips. These tests check that the copy really is what it claims to be.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.helpers import REAL_CONTENT, copy_repo_site, is_sample_coach

FIXTURE_COACHES = sorted((REAL_CONTENT / "coaches").glob("*.yml"))
FIXTURE_TIPS = sorted((REAL_CONTENT / "tips").glob("*.md"))


def test_the_fixture_content_looks_real_not_like_a_sample() -> None:
    assert len(FIXTURE_COACHES) >= 2 and FIXTURE_TIPS
    coaching = [yaml.safe_load(p.read_text(encoding="utf-8"))["coaching"] for p in FIXTURE_COACHES]
    assert ["online"] in coaching, "one coach works online only"
    assert any("in-person" in ways for ways in coaching), "one coach meets runners in person"
    for path in FIXTURE_COACHES + FIXTURE_TIPS:
        assert not is_sample_coach(path), path
        assert not re.search(r"sample", path.read_text(encoding="utf-8"), re.I), path


def test_the_copy_has_no_sample_coach_and_every_fixture_coach(tmp_path: Path) -> None:
    site = copy_repo_site(tmp_path, "real-content")
    coaches = sorted((site.docs / "coaches").glob("*.yml"))
    assert [p for p in coaches if is_sample_coach(p)] == []
    assert {p.name for p in FIXTURE_COACHES} <= {p.name for p in coaches}
    for path in FIXTURE_COACHES:
        assert (site.docs / "coaches" / path.name).read_bytes() == path.read_bytes()


def test_the_new_tips_join_the_first_article_with_tips_after_its_last_one(tmp_path: Path) -> None:
    (tmp_path / "as-is").mkdir()
    (tmp_path / "real").mkdir()
    before = copy_repo_site(tmp_path / "as-is").content()
    site = copy_repo_site(tmp_path / "real", "real-content")
    after = site.content()
    assert len(after.tips) == len(before.tips) + len(FIXTURE_TIPS)
    article = next((a for a in before.articles if before.article_tips(a.slug)), None)
    last = max((t.order or 0 for t in before.tips if article and t.article == article.slug), default=0)
    for n, path in enumerate(FIXTURE_TIPS, 1):
        (tip,) = [t for t in after.tips if t.path.name == path.name]
        assert tip.path.parent == site.docs / "tips"
        assert tip.listed, "dated before the build, not a draft"
        assert (tip.article, tip.order) == ((article.slug, last + n) if article else (None, None))
