"""HTML for tip cards, tag lists and tip navigation, from the package's Jinja templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import Any, NamedTuple, Protocol

from markupsafe import Markup

from coachblog.posts.authors import AuthoredPost, AuthorInfo, posts_by_author, reading_minutes
from coachblog.posts.catalog import Catalog, Neighbours
from coachblog.posts.post import Post
from coachblog.templating import render
from coachblog.urls import LinksFrom


def human_date(when: dt.datetime) -> str:
    """A date as readers in Britain write it: 18 November 2025."""
    return f"{when.day} {when:%B %Y}"


# Rows the templates print. Jinja reads `card.title` as an attribute first: tuples with named fields
# answer at once, where a dict answers only after a failed attribute look-up (thousands per tag page).
class TagLink(NamedTuple):
    """A tag as a page shows it; no href for a tag only a draft uses (it has no page yet)."""

    name: str
    href: str | None


class Card(NamedTuple):
    """A post as a list or its own header shows it, linked from the page it is on."""

    kind: str
    title: str
    summary: str
    date: str
    iso_date: str
    href: str = ""
    tags: Sequence[TagLink] = ()
    picture: Any = None  # the post's picture or art (pictures/site_pictures.py: Shown), if given
    picture_prefix: str = ""  # the link from this page to the picture's folder


class Picture(Protocol):
    """What the renderer needs of a picture: the site folder its files are in (templates read the rest)."""

    @property
    def folder(self) -> str: ...


class Renderer:
    """Renders the plugin's HTML fragments for a page at a given URL, made with all they show: the
    posts, each tag's page, each post's picture (by src_uri), the listed coaches (by profile slug, for
    bylines) and each post's Markdown (by src_uri, for its reading time)."""

    def __init__(
        self,
        catalog: Catalog,
        tag_urls: Mapping[str, str],
        pictures: Mapping[str, Picture],
        authors: Mapping[str, AuthorInfo],
        sources: Mapping[str, str],
    ) -> None:
        self.catalog = catalog
        self.tag_urls = tag_urls
        self.pictures = pictures
        self.authors = authors
        self.sources = sources
        # A tag page or the tip index shows thousands of cards: links from each page and each post's
        # own fields are worked out once per build, not once per card.
        self._links: dict[str, LinksFrom] = {}
        self._facts: dict[str, Card] = {}

    def _link(self, target: str, base: str) -> str:
        links = self._links.get(base)
        if links is None:
            links = self._links[base] = LinksFrom(base)
        return links.to(target)

    def _tags(self, tags: Iterable[str], base: str) -> list[TagLink]:
        # A tag only a draft uses has no page yet: it is shown, unlinked, on the draft itself.
        return [TagLink(t, self._link(self.tag_urls[t], base) if t in self.tag_urls else None) for t in tags]

    def _card(self, post: Post, base: str) -> Card:
        facts = self._facts.get(post.src_uri)  # what the card says wherever it is shown
        if facts is None:
            published = post.published
            facts = self._facts[post.src_uri] = Card(
                post.kind,
                post.title,
                post.summary,
                human_date(published),
                published.date().isoformat(),
                picture=self.pictures.get(post.src_uri),
            )
        prefix = self._link(facts.picture.folder, base) if facts.picture is not None else ""
        return facts._replace(
            href=self._link(post.url, base), tags=self._tags(post.tags, base), picture_prefix=prefix
        )

    def cards(self, posts: Iterable[Post], base: str) -> str:
        return render("cards.html", cards=[self._card(p, base) for p in posts])

    def tag_nav(
        self, base: str, current: str | None = None, everything: bool = False, index: str | None = None
    ) -> str:
        """The topics: the most used (and the page's own tag) in one short row, the rest folded away
        with a link to the tag index at `index`; with `everything`, every tag in one list (the tag
        index itself)."""
        top = 8  # topics in the row: a short line on a phone; the rest are one click away
        tags = {
            tag: {
                "name": tag,
                "href": self._link(self.tag_urls[tag], base),
                "count": len(posts),
                "current": tag == current,
            }
            for tag, posts in self.catalog.tags().items()
        }
        if everything:
            return render("tag_nav.html", row=list(tags.values()), rest=[], total=len(tags))
        # Most used first, alphabetical among equals (tags() is alphabetical and sorted() is stable).
        counts = {tag: len(posts) for tag, posts in self.catalog.tags().items()}
        shown = sorted(tags, key=lambda tag: -counts[tag])[:top]
        if current in tags and current not in shown:
            shown.append(current)
        rest = [chip for tag, chip in tags.items() if tag not in shown]
        index_href = self._link(index, base) if index else None
        return render(
            "tag_nav.html", row=[tags[t] for t in shown], rest=rest, total=len(tags), index_href=index_href
        )

    def article_tips(self, article: Post, base: str) -> str:
        tips = [self._card(t, base) for t in self.catalog.article_tips(article.slug)]
        return render("article_tips.html", tips=tips)

    def _neighbours(self, neighbours: Neighbours | None, base: str) -> dict[str, Any] | None:
        if neighbours is None:
            return None
        return {
            "article_title": neighbours.article.title,
            "article_href": self._link(neighbours.article.url, base),
            "previous": neighbours.previous and self._card(neighbours.previous, base),
            "next": neighbours.next and self._card(neighbours.next, base),
            "position": neighbours.position,
            "count": neighbours.count,
        }

    def post_header(self, post: Post, base: str) -> str:
        neighbours = self._neighbours(self.catalog.neighbours(post), base)
        card = self._card(post, base)
        when = post.published
        scheduled = f"{human_date(when)} at {when:%H:%M}" if post.scheduled else None
        return render(
            "tip_header.html",
            neighbours=neighbours,
            byline=self.byline(post, base),
            scheduled=scheduled,
            **card._asdict(),
        )

    def post_footer(self, post: Post, base: str, related: int = 0) -> str:
        """Previous and next within the tip's article, then up to `related` tips sharing its tags (not
        the neighbours just linked)."""
        found = self.catalog.neighbours(post)
        neighbours = self._neighbours(found, base)
        alike: list[Card] = []
        if post.kind == "tip" and related:
            shown = [p for p in (found.previous, found.next) if p is not None] if found else []
            alike = [self._card(p, base) for p in self.catalog.related(post, related, shown)]
        return render("tip_footer.html", neighbours=neighbours, related=alike)

    def pager(
        self, base: str, position: int, count: int, newer: str | None, older: str | None, noun: str
    ) -> str:
        """Links to the newer and older pages of a paged list, and "Page 2 of 9" (in reading order)."""
        return render(
            "pager.html",
            position=position,
            count=count,
            newer=newer and self._link(newer, base),
            older=older and self._link(older, base),
            noun=noun,
        )

    def featured(self, article: Post | None, base: str) -> str:
        """The article a front page leads with: large, with its picture; nothing without one."""
        if article is None:
            return ""
        tips = len(self.catalog.article_tips(article.slug))
        return render("featured.html", card=self._card(article, base), tips=tips)

    def finder_box(self, finder: str, base: str) -> str:
        """A town box whose plain GET form opens the coach finder at site-relative URL `finder`."""
        return render("front_finder.html", action=self._link(finder, base))

    def byline(self, post: Post, base: str) -> dict[str, Any]:
        """Who wrote the post (their profile and photo when they are a listed coach) and its reading time."""
        coach = self.authors.get(post.author) if post.author else None
        author = None
        if coach is not None:
            photo = None
            if coach.photo is not None:
                photo = {
                    "src": self._link(coach.photo.jpeg[0], base),
                    "jpeg": self._densities(coach.photo.jpeg, base),
                    "webp": self._densities(coach.photo.webp, base),
                }
            author = {"name": coach.name, "href": self._link(coach.url, base), "photo": photo}
        elif post.author:
            author = {"name": post.author, "href": None, "photo": None}
        return {"author": author, "minutes": reading_minutes(self.sources.get(post.src_uri, ""))}

    def _densities(self, urls: Sequence[str], base: str) -> str:
        """A srcset of files for screens of 1x, 2x... density, linked from the page at `base`."""
        return ", ".join(f"{self._link(url, base)} {n}x" for n, url in enumerate(urls, 1))

    def coach_tips(self, slug: str, base: str) -> Markup:
        """A coach profile's "Tips by <name>": the listed posts naming this coach as author, newest first."""
        coach = self.authors.get(slug)
        if coach is None:
            return Markup()
        rows = [
            {
                "title": p.title,
                "href": self._link(p.url, base),
                "date": human_date(p.date),
                "iso": p.date.date().isoformat(),
            }
            for p in self._posts_by_author.get(slug, [])
        ]
        return Markup(render("coach_tips.html", name=coach.name, posts=rows)) if rows else Markup()

    @cached_property
    def _posts_by_author(self) -> dict[str, list[AuthoredPost]]:
        # Worked out once, on the first profile that asks.
        return posts_by_author(self.catalog.listed(), self.authors)
