"""One build's posts: which files are posts, the posts read and checked, the pages generated from them
(the tip index, the tag pages) and each page's meta. What the pages' HTML gets is site_content.py's."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import PurePosixPath

import yaml

from coachblog.errors import ContentError, Problem, taken_by_hand
from coachblog.posts.catalog import Catalog
from coachblog.posts.frontmatter import read_front_matter
from coachblog.posts.post import Post, PostSettings, parse_post
from coachblog.posts.render import human_date
from coachblog.posts.schema import Kind
from coachblog.urls import page_dest_uri, page_url


@dataclass(frozen=True)
class SiteSettings:
    """Where posts live and how the generated pages look."""

    tips_dir: str = "tips"
    articles_dir: str = "articles"
    tags_dir: str = "tags"
    newest_count: int = 6
    use_directory_urls: bool = True
    posts: PostSettings = field(default_factory=PostSettings)
    # A tag page's "Subscribe" line, from the tag and the page's URL; None when feeds are off.
    tag_box: Callable[[str, str], str] | None = None
    posts_per_page: int = 24  # cards on each page of the tip index and of a tag page
    coaches_dir: str = "coaches"  # the coach finder is this folder's index page


# Posts and the tip index and tag pages read as one column: no docs sidebar, no one-entry contents.
READING_LAYOUT = ("navigation", "toc")


@dataclass(frozen=True)
class GeneratedPage:
    """A page the plugin adds to the site: its source path and Markdown."""

    src_uri: str
    markdown: str
    role: str
    tag: str | None = None
    # A page of a paged list (the tip index, a tag): its posts, its place in reading order (1: the
    # newest page, at the list's own URL) and the pages either side, by source path.
    posts: tuple[Post, ...] = ()
    position: int = 1
    count: int = 1
    newer: str | None = None
    older: str | None = None


def split_pages(posts: Sequence[Post], per_page: int) -> list[list[Post]]:
    """Posts (newest first) cut into pages in reading order: the newest `per_page` first, then older ones.

    The older pages are cut from the oldest post up, and their URLs count from the oldest page
    (`archive_number`): page/1/ holds the oldest `per_page` posts for good, page/2/ the next, and so
    on. A new post joins the first page (the list's own URL) and pushes its oldest post onto the
    newest older page, which fills up until a new one starts. So every older page but the newest
    keeps the same posts, and a link to it (from a search engine, a bookmark) still shows what it
    showed. Numbered from the newest instead, every page would change with every new post.
    """
    older = list(reversed(posts[per_page:]))  # oldest first
    chunks = [older[i : i + per_page] for i in range(0, len(older), per_page)]
    return [list(posts[:per_page])] + [list(reversed(chunk)) for chunk in reversed(chunks)]


def archive_number(position: int, count: int) -> int:
    """The number in an older page's URL (1: the oldest) from its place in reading order (2 or more)."""
    return count - position + 1


def _span(posts: Sequence[Post]) -> str:
    """The dates a page of posts (newest first) covers: '3 March 2021 to 28 May 2021'."""
    oldest, newest = human_date(posts[-1].published), human_date(posts[0].published)
    return newest if oldest == newest else f"{oldest} to {newest}"


def kind_of(src_uri: str, settings: SiteSettings) -> Kind | None:
    """'tip' or 'article' for a Markdown file in the tips or articles folder, else None."""
    path = PurePosixPath(src_uri)
    if path.suffix != ".md" or path.name in ("index.md", "README.md"):
        return None
    top = path.parts[0] if len(path.parts) > 1 else None
    if top == settings.tips_dir:
        return "tip"
    if top == settings.articles_dir:
        return "article"
    return None


# Lists of cards repeat what each tip's own page says: keep them out of Material's search index,
# where they would only crowd the results (and cost a parse of every card on every build).
_NOT_SEARCHED = {"search": {"exclude": True}}


@dataclass(frozen=True)
class ListTexts:
    """What a paged list says about itself: on its first page, and (with their dates) on older ones."""

    title: str
    description: str
    what: str  # "Tips": older pages say "Tips from 3 March 2021 to 28 May 2021, newest first."
    tail: str = ""  # said after the intro on every page
    intro: str | None = None  # the first page's intro, when not its description

    def of(self, posts: Sequence[Post], first: bool) -> tuple[str, str, str]:
        """Title, description and intro of a page of the list."""
        if first:
            return self.title, self.description, (self.intro or self.description) + self.tail
        span = _span(posts)
        dated = f"{self.what} from {span}, newest first."
        return f"{self.title}, {span}", dated, dated + self.tail


def _front_matter_md(values: dict[str, object], body: str) -> str:
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=True) + "---\n\n" + body


class SitePosts:
    """The posts read from the sources of one build, and the list pages made from them."""

    def __init__(self, settings: SiteSettings, sources: Iterable[tuple[str, str]]) -> None:
        self.settings = settings
        self.sources = dict(sources)  # each post's text, read once per build
        posts, problems = [], []
        for src_uri, text in self.sources.items():
            kind = kind_of(src_uri, settings)
            if kind is None:
                continue
            try:
                result = parse_post(
                    kind, PurePosixPath(src_uri).stem, read_front_matter(text, src_uri), settings.posts
                )
            except ContentError as exc:
                problems.extend(exc.problems)
                continue
            if isinstance(result, list):
                problems.extend(result)
            else:
                posts.append(result)
        if problems:
            raise ContentError(problems)
        for post in posts:
            post.url = self._url(post.kind, post.slug)
        # Posts waiting for their date are checked with the others but published nowhere: no page, card,
        # list, feed, sitemap or search entry until a build on or after their date.
        self.withheld = [p for p in posts if settings.posts.withholds(p)]
        self.catalog = Catalog([p for p in posts if p not in self.withheld], checked_with=self.withheld)
        self.pages = self._generated_pages()
        self.pages_by_src = {p.src_uri: p for p in self.pages}
        self.tag_urls = {p.tag: self.url_of(p.src_uri) for p in self.pages if p.tag and p.position == 1}

    def _folder(self, kind: Kind) -> str:
        return self.settings.tips_dir if kind == "tip" else self.settings.articles_dir

    def _url(self, kind: Kind, slug: str) -> str:
        return page_url(self._folder(kind), slug, self.settings.use_directory_urls)

    def url_of(self, src_uri: str) -> str:
        """The site-relative URL of a page the plugin generates (or of a folder's index page)."""
        folder, _, name = src_uri.removesuffix(".md").rpartition("/")
        if name == "index":
            return f"{folder}/" if self.settings.use_directory_urls else f"{folder}/index.html"
        return page_url(folder, name, self.settings.use_directory_urls)

    def dest_uri(self, src_uri: str) -> str | None:
        """Where a post's page is written: by its slug, whatever the file's name or folder."""
        post = self.catalog.by_src.get(src_uri)
        if post is None:
            return None
        return page_dest_uri(self._folder(post.kind), post.slug, self.settings.use_directory_urls)

    def _generated_pages(self) -> list[GeneratedPage]:
        s = self.settings
        pick = " Pick a tag to see only the tips about it."
        pages = self._paged(
            ListTexts("All tips", "Every tip on the site, newest first.", "Tips", pick),
            f"{s.tips_dir}/index.md",
            f"{s.tips_dir}/page",
            self.catalog.tips(),
            "tip-index",
        )
        pages.append(
            GeneratedPage(
                f"{s.tags_dir}/index.md",
                _front_matter_md(
                    {"title": "Tags", "description": "Every tag used on the site."},
                    "# Tags\n\nEach tag has its own page listing the tips about it.\n",
                ),
                "tag-index",
            )
        )
        for tag, posts in self.catalog.tags().items():
            count = f"{len(posts)} {'post' if len(posts) == 1 else 'posts'}"
            texts = ListTexts(
                f"Tips tagged “{tag}”",
                f"{count} tagged {tag}, newest first.",
                f"Posts tagged {tag}",
                intro=f"{count}, newest first.",
            )
            pages += self._paged(
                texts, f"{s.tags_dir}/{tag}.md", f"{s.tags_dir}/{tag}/page", posts, "tag", tag
            )
        return pages

    def _paged(
        self,
        texts: ListTexts,
        first_src: str,
        archive: str,
        posts: Sequence[Post],
        role: str,
        tag: str | None = None,
    ) -> list[GeneratedPage]:
        """A list of posts as pages of `posts_per_page`: the newest at `first_src`, the others in
        `archive`/<n>/ (see split_pages for why they count from the oldest)."""
        chunks = split_pages(posts, self.settings.posts_per_page)
        count = len(chunks)
        srcs = [first_src] + [
            f"{archive}/{archive_number(position, count)}/index.md" for position in range(2, count + 1)
        ]
        pages = []
        for n, (src, chunk) in enumerate(zip(srcs, chunks, strict=True)):
            title, description, intro = texts.of(chunk, first=n == 0)
            pages.append(
                GeneratedPage(
                    src,
                    _front_matter_md(
                        {"title": title, "description": description, **_NOT_SEARCHED},
                        f"# {title}\n\n{intro}\n",
                    ),
                    role,
                    tag,
                    tuple(chunk),
                    n + 1,
                    count,
                    srcs[n - 1] if n else None,
                    srcs[n + 1] if n + 1 < count else None,
                )
            )
        return pages

    def taken_sources(self, src_uris: Iterable[str]) -> list[Problem]:
        """Problems for hand-written files that stand where a generated page must go."""
        return taken_by_hand(src_uris, self.pages_by_src, "by the coachblog plugin")

    def page_meta(self, src_uri: str) -> dict[str, object]:
        """Title and description for the theme, HTML-escaped: Material prints them unescaped; Material's
        `hide` for the reading layout; for a page of a paged list, its neighbours for `rel=prev/next`."""
        generated = self.pages_by_src.get(src_uri)
        if generated is not None and generated.role in ("tip-index", "tag"):
            meta: dict[str, object] = {"hide": list(READING_LAYOUT)}
            # Site-relative URLs; the theme writes `<link rel=prev/next href="{{ url | url }}">`.
            links = {"prev": generated.newer, "next": generated.older}
            pager = {rel: self.url_of(src) for rel, src in links.items() if src}
            if pager:
                meta["coachblog_pager"] = pager
            return meta
        post = self.catalog.by_src.get(src_uri)
        if post is None:
            return {}
        description = post.extra.get("description", post.summary)
        own = post.extra.get("hide")
        hide = list(dict.fromkeys([*(own if isinstance(own, list) else []), *READING_LAYOUT]))
        shown: dict[str, object] = {"title": escape(post.title), "description": escape(str(description))}
        shown["hide"] = hide
        if post.draft:  # built but unlisted (a draft, or a preview of a scheduled post): found by no one
            shown |= {"search": {"exclude": True}, "coachblog_noindex": True}
        return shown
