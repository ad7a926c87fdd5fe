"""HTML for tip cards, tag lists and tip navigation, from the package's Jinja templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from .catalog import Catalog, Neighbours
from .posts import Post
from .templating import TEMPLATES
from .urls import relative_url


def human_date(when: dt.datetime) -> str:
    """A date as readers in Britain write it: 18 November 2025."""
    return f"{when.day} {when:%B %Y}"


class Renderer:
    """Renders the plugin's HTML fragments for a page at a given URL."""

    def __init__(self, catalog: Catalog, tag_urls: dict[str, str]) -> None:
        self.catalog = catalog
        self.tag_urls = tag_urls

    def _render(self, template: str, **context: Any) -> str:
        return TEMPLATES.get_template(template).render(**context)

    def _tags(self, tags: Iterable[str], base: str) -> list[dict[str, str | None]]:
        # A tag only a draft uses has no page yet: it is shown, unlinked, on the draft itself.
        return [
            {"name": t, "href": relative_url(self.tag_urls[t], base) if t in self.tag_urls else None}
            for t in tags
        ]

    def _card(self, post: Post, base: str) -> dict[str, Any]:
        return {
            "kind": post.kind,
            "title": post.title,
            "summary": post.summary,
            "href": relative_url(post.url, base),
            "date": human_date(post.published),
            "iso_date": post.published.date().isoformat(),
            "tags": self._tags(post.tags, base),
        }

    def cards(self, posts: Iterable[Post], base: str) -> str:
        return self._render("cards.html", cards=[self._card(p, base) for p in posts])

    def tag_nav(self, base: str, current: str | None = None) -> str:
        tags = [
            {"name": tag, "href": relative_url(self.tag_urls[tag], base), "count": len(posts),
             "current": tag == current}
            for tag, posts in self.catalog.tags().items()
        ]  # fmt: skip
        return self._render("tag_nav.html", tags=tags)

    def article_tips(self, article: Post, base: str) -> str:
        tips = [self._card(t, base) for t in self.catalog.article_tips(article.slug)]
        return self._render("article_tips.html", tips=tips)

    def _neighbours(self, neighbours: Neighbours | None, base: str) -> dict[str, Any] | None:
        if neighbours is None:
            return None
        return {
            "article_title": neighbours.article.title,
            "article_href": relative_url(neighbours.article.url, base),
            "previous": neighbours.previous and self._card(neighbours.previous, base),
            "next": neighbours.next and self._card(neighbours.next, base),
            "position": neighbours.position,
            "count": neighbours.count,
        }

    def post_header(self, post: Post, base: str) -> str:
        neighbours = self._neighbours(self.catalog.neighbours(post), base)
        card = self._card(post, base)
        return self._render("tip_header.html", neighbours=neighbours, **card)

    def post_footer(self, post: Post, base: str) -> str:
        neighbours = self._neighbours(self.catalog.neighbours(post), base)
        return self._render("tip_footer.html", neighbours=neighbours)
