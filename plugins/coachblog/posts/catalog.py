"""The set of all posts in one build: cross-file checks and the lists the pages show."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from coachblog.errors import ContentError, Problem
from coachblog.posts.post import Post


@dataclass(frozen=True)
class Neighbours:
    """Where a tip sits in its article: the article and the tips either side."""

    article: Post
    previous: Post | None
    next: Post | None
    position: int
    count: int


class Catalog:
    """Every tip and article of one build, checked against each other."""

    def __init__(self, posts: Iterable[Post], checked_with: Iterable[Post] = ()) -> None:
        """`checked_with`: posts not published by this build (waiting for their date) that the
        cross-file checks still see, so a clash shows the day it is written, not the day it is due."""

        def order(post: Post) -> tuple[str, str, str]:
            return (post.kind, post.slug, post.src_uri)

        self.posts = sorted(posts, key=order)
        _raise_if_any(self._problems(sorted([*self.posts, *checked_with], key=order)))
        self.by_src = {p.src_uri: p for p in self.posts}
        self.articles = {p.slug: p for p in self.posts if p.kind == "article"}

    @staticmethod
    def _problems(posts: list[Post]) -> list[Problem]:
        return _duplicate_slugs(posts) + _bad_article_links(posts)

    # The lists below are asked for on every page: each is worked out once per build (the catalog
    # never changes after it is made). Callers must not change the lists they get.

    @cached_property
    def _listed(self) -> list[Post]:
        shown = [p for p in self.posts if not p.draft]
        return sorted(shown, key=lambda p: (p.published, p.slug), reverse=True)

    @cached_property
    def _tips(self) -> list[Post]:
        return [p for p in self._listed if p.kind == "tip"]

    @cached_property
    def _tags(self) -> dict[str, list[Post]]:
        by_tag: dict[str, list[Post]] = defaultdict(list)
        for post in self._listed:
            for tag in post.tags:
                by_tag[tag].append(post)
        return dict(sorted(by_tag.items()))

    @cached_property
    def _article_tips(self) -> dict[str, list[Post]]:
        by_article: dict[str, list[Post]] = defaultdict(list)
        for tip in self._tips:
            if tip.article is not None:
                by_article[tip.article].append(tip)
        return {slug: sorted(tips, key=lambda p: p.order or 0) for slug, tips in by_article.items()}

    def listed(self) -> list[Post]:
        """Posts shown in lists and feeds, newest first; drafts stay out."""
        return self._listed

    def tips(self) -> list[Post]:
        """Listed tips, newest first."""
        return self._tips

    def tags(self) -> dict[str, list[Post]]:
        """Each tag with its listed posts, newest first, tags in alphabetical order."""
        return self._tags

    def article_tips(self, article: str) -> list[Post]:
        """The listed tips of an article, in the article's order."""
        return self._article_tips.get(article, [])

    @cached_property
    def _position(self) -> dict[str, int]:
        return {p.src_uri: i for i, p in enumerate(self._listed)}

    @cached_property
    def _tag_bits(self) -> dict[str, int]:
        # Each tag as a bit set over the listed posts (bit i: the i-th newest), so "posts sharing at
        # least n of these tags" is a few big-integer operations instead of a loop over every post.
        bits: dict[str, int] = defaultdict(int)
        for index, post in enumerate(self._listed):
            for tag in post.tags:
                bits[tag] |= 1 << index
        return dict(bits)

    def related(self, post: Post, limit: int = 3, leave_out: Iterable[Post] = ()) -> list[Post]:
        """Up to `limit` other listed posts sharing tags with `post`: most tags shared first, then newest.

        None when no listed post shares a tag with it; posts in `leave_out` are never chosen.
        """
        tags = [self._tag_bits[t] for t in dict.fromkeys(post.tags) if t in self._tag_bits]
        if not tags or limit < 1:
            return []
        # at_least[n]: the posts sharing at least n of the post's tags (at_least[0]: every post).
        at_least = [-1] + [0] * len(tags)
        for bits in tags:
            for n in range(len(tags), 0, -1):
                at_least[n] |= at_least[n - 1] & bits
        position = self._position
        taken = 0
        for other in (post, *leave_out):
            if other.src_uri in position:
                taken |= 1 << position[other.src_uri]
        chosen: list[int] = []
        for n in range(len(tags), 0, -1):
            left = at_least[n] & ~taken
            while left and len(chosen) < limit:
                lowest = left & -left  # the newest post left at this level
                chosen.append(lowest.bit_length() - 1)
                taken |= lowest
                left ^= lowest
        return [self._listed[i] for i in chosen]

    def neighbours(self, tip: Post) -> Neighbours | None:
        """The tip's article and the tips before and after it there."""
        if tip.article is None or tip.draft or tip.article not in self.articles:
            return None  # not in an article, unlisted, or its article is not published yet
        tips = self.article_tips(tip.article)
        index = tips.index(tip)
        return Neighbours(
            self.articles[tip.article],
            tips[index - 1] if index else None,
            tips[index + 1] if index + 1 < len(tips) else None,
            index + 1,
            len(tips),
        )


def _duplicate_slugs(posts: list[Post]) -> list[Problem]:
    """Two posts of one kind with one slug would be written to one URL."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], Post] = {}
    for post in posts:
        other = seen.setdefault((post.kind, post.slug), post)
        if other is not post:
            allowed = f"a slug no other {post.kind} uses"
            problems.append(
                Problem(
                    post.src_uri,
                    "slug",
                    f"is also the slug of {other.src_uri}",
                    post.lines.get("slug"),
                    post.slug,
                    allowed,
                    "Rename one of the files",
                )
            )
    return problems


def _bad_article_links(posts: list[Post]) -> list[Problem]:
    """Tips naming an article that does not exist, or a place in it another tip has."""
    articles = sorted(p.slug for p in posts if p.kind == "article")
    problems: list[Problem] = []
    places: dict[tuple[str, int | None], Post] = {}
    for tip in posts:
        if tip.kind != "tip" or tip.article is None:
            continue
        if tip.article not in articles:
            allowed = ", ".join(articles) or "(no articles yet)"
            problems.append(
                Problem(
                    tip.src_uri, "article", "names no article", tip.lines.get("article"), tip.article, allowed
                )
            )
            continue
        other = places.setdefault((tip.article, tip.order), tip)
        if other is not tip:
            allowed = f"a position no other tip of '{tip.article}' has"
            problems.append(
                Problem(
                    tip.src_uri,
                    "order",
                    f"is also the order of {other.src_uri}",
                    tip.lines.get("order"),
                    tip.order,
                    allowed,
                )
            )
    return problems


def _raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise ContentError(problems)
