"""The front-matter table (posts/schema.py) and the one reader that interprets it (posts/post.py): which
keys each kind of post may have, the order a post's problems come in, and the rules between two fields.
The exact words of every message are in tests/test_error_messages.py's golden files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from coachblog.errors import Problem
from coachblog.posts import schema
from coachblog.posts.frontmatter import read_front_matter
from coachblog.posts.post import Post, PostSettings, parse_post
from coachblog.posts.schema import Kind

GOOD = {"title": "Reverse your route", "summary": "Run it the other way.", "date": "2025-11-20"}


def front(lines: list[str]) -> str:
    return "---\n" + "".join(f"{line}\n" for line in lines) + "---\n\nBody.\n"


def good(**fields: str) -> list[str]:
    """A good post's front matter lines with these fields added or changed ('' takes one out)."""
    values = GOOD | fields
    return [f"{key}: {value}" for key, value in values.items() if value != ""]


def problems(lines: list[str], kind: Kind = "tip") -> list[Problem]:
    result = parse_post(kind, "a-tip", read_front_matter(front(lines), "tips/a-tip.md"), PostSettings())
    assert isinstance(result, list), result
    return result


def test_each_kind_of_post_may_use_the_tables_fields_in_its_order() -> None:
    theirs = ("description", "image", "image_alt", "hide", "template", "search", "status", "icon", "subtitle")
    common = ("slug", "updated", "author", "draft", *theirs)
    assert schema.allowed_fields("tip") == ("title", "summary", "date", "tags", "article", "order", *common)
    assert schema.allowed_fields("article") == ("title", "summary", "date", "tags", *common)
    assert theirs == schema.SHARED_FIELDS


def test_a_post_with_many_slips_gets_every_problem_in_the_tables_order_whatever_its_lines_order() -> None:
    lines = good(title="", date="soon", tags="winter", slug="Bad Slug", draft="maybe", summry="x")
    expected = ["summry", "title", "date", "tags", "slug", "draft"]
    assert [p.field for p in problems(lines)] == expected
    assert [p.field for p in problems(lines[::-1])] == expected


@pytest.mark.parametrize(
    ("lines", "field", "at"),
    [
        (good(article="lost-your-run-mojo"), "order", "article"),
        (good(image="images/hill.jpg"), "image_alt", "image"),
        ([*good(image="images/hill.jpg"), "image_alt:"], "image_alt", "image"),  # empty is missing too
    ],
    ids=["order-with-article", "alt-with-image", "empty-alt-with-image"],
)
def test_a_field_another_needs_is_missing_on_that_ones_line(lines: list[str], field: str, at: str) -> None:
    [problem] = problems(lines)
    line = next(n for n, text in enumerate(lines, 2) if text.startswith(f"{at}:"))
    assert (problem.field, problem.message, problem.line) == (field, "is missing", line)


def test_a_field_that_only_goes_with_another_is_refused_alone() -> None:
    [problem] = problems(good(order="2"))
    assert (problem.field, problem.message, problem.value) == ("order", "is set but 'article' is not", "2")


def test_an_article_with_a_tips_field_is_told_only_that_it_is_not_its_field() -> None:
    [problem] = problems(good(order="2"), kind="article")
    assert (problem.field, problem.message) == ("order", "is not a known field")


@pytest.mark.parametrize("tags", ["[[winter]]", "[winter, {a: b}]"])
def test_tags_that_hold_lists_or_mappings_are_refused_not_a_crash(tags: str) -> None:
    [problem] = problems(good(tags=tags))
    assert (problem.field, problem.message) == ("tags", "has a tag that is not a tag name")


def test_each_field_goes_with_one_listed_before_it_that_the_same_posts_have() -> None:
    names = [spec.name for spec in schema.FIELDS]
    for spec in schema.FIELDS:
        for partner in filter(None, (spec.needed_with, spec.only_with)):
            assert names.index(partner) < names.index(spec.name), spec.name
            assert set(spec.kinds) <= set(schema.FIELDS[names.index(partner)].kinds), spec.name


def test_each_field_fills_a_posts_attribute_or_is_kept_for_the_theme() -> None:
    attributes = {f.name for f in dataclasses.fields(Post)}
    for spec in schema.FIELDS:
        assert spec.attribute in attributes if spec.attribute else spec.shared, spec.name


def test_every_refusal_in_the_table_is_one_the_reader_gives() -> None:
    reader = (Path(schema.__file__).parent / "post.py").read_text(encoding="utf-8")
    unused = [rule for rule in schema.REFUSALS if f'"{rule}"' not in reader]
    assert unused == []


def test_a_good_post_is_read_into_its_fields() -> None:
    lines = good(tags="[routes, hills]", author="Jude", draft="true", image="hill.jpg", image_alt="A hill.")
    fm = read_front_matter(front(lines), "tips/a-tip.md")
    post = parse_post("tip", "a-tip", fm, PostSettings())
    assert isinstance(post, Post)
    assert (post.title, post.slug, post.tags, post.author, post.draft) == (
        "Reverse your route",
        "a-tip",
        ("routes", "hills"),
        "Jude",
        True,
    )
    assert (post.published.isoformat(), post.image, post.image_alt) == (
        "2025-11-20T09:00:00+00:00",
        "hill.jpg",
        "A hill.",
    )
    assert post.extra == {"image": "hill.jpg", "image_alt": "A hill."}
