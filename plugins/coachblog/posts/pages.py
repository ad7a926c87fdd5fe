"""One build's content: which files are posts, the pages generated from them, and page decoration."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import PurePosixPath

import yaml

from coachblog.errors import ContentError, Problem, taken_by_hand
from coachblog.posts.catalog import Catalog
from coachblog.posts.frontmatter import read_front_matter
from coachblog.posts.post import Kind, Post, PostSettings, parse_post
from coachblog.posts.render import Renderer
from coachblog.urls import page_dest_uri, page_url

TIP_LIST_MARKER = "<!-- tip-list -->"
NEWEST_TIPS_MARKER = "<!-- newest-tips -->"


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


@dataclass(frozen=True)
class GeneratedPage:
    """A page the plugin adds to the site: its source path and Markdown."""

    src_uri: str
    markdown: str
    role: str
    tag: str | None = None


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


def _front_matter_md(values: dict[str, object], body: str) -> str:
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=True) + "---\n\n" + body


class SiteContent:
    """Posts read from the sources of one build, and everything derived from them."""

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
        self.catalog = Catalog(posts)
        self.pages = self._generated_pages()
        self.pages_by_src = {p.src_uri: p for p in self.pages}
        tag_urls = {p.tag: self._url_of_generated(p.src_uri) for p in self.pages if p.tag}
        self.renderer = Renderer(self.catalog, tag_urls)

    def _folder(self, kind: Kind) -> str:
        return self.settings.tips_dir if kind == "tip" else self.settings.articles_dir

    def _url(self, kind: Kind, slug: str) -> str:
        return page_url(self._folder(kind), slug, self.settings.use_directory_urls)

    def _url_of_generated(self, src_uri: str) -> str:
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
        pages = [
            GeneratedPage(
                f"{s.tips_dir}/index.md",
                _front_matter_md(
                    {
                        "title": "All tips",
                        "description": "Every tip on the site, newest first.",
                        **_NOT_SEARCHED,
                    },
                    "# All tips\n\nEvery tip on the site, newest first. "
                    "Pick a tag to see only the tips about it.\n",
                ),
                "tip-index",
            ),
            GeneratedPage(
                f"{s.tags_dir}/index.md",
                _front_matter_md(
                    {"title": "Tags", "description": "Every tag used on the site."},
                    "# Tags\n\nEach tag has its own page listing the tips about it.\n",
                ),
                "tag-index",
            ),
        ]
        for tag, posts in self.catalog.tags().items():
            count = f"{len(posts)} {'post' if len(posts) == 1 else 'posts'}"
            title = f"Tips tagged “{tag}”"
            pages.append(
                GeneratedPage(
                    f"{s.tags_dir}/{tag}.md",
                    _front_matter_md(
                        {
                            "title": title,
                            "description": f"{count} tagged {tag}, newest first.",
                            **_NOT_SEARCHED,
                        },
                        f"# {title}\n\n{count}, newest first.\n",
                    ),
                    "tag",
                    tag,
                )
            )
        return pages

    def taken_sources(self, src_uris: Iterable[str]) -> list[Problem]:
        """Problems for hand-written files that stand where a generated page must go."""
        return taken_by_hand(src_uris, self.pages_by_src, "by the coachblog plugin")

    def page_meta(self, src_uri: str) -> dict[str, str]:
        """Title and description for the theme, HTML-escaped: Material prints them unescaped."""
        post = self.catalog.by_src.get(src_uri)
        if post is None:
            return {}
        description = post.extra.get("description", post.summary)
        return {"title": escape(post.title), "description": escape(str(description))}

    def decorate(self, src_uri: str, url: str, html: str) -> str:
        """The page's HTML with the plugin's lists, headers and navigation added."""
        r = self.renderer
        if NEWEST_TIPS_MARKER in html:
            newest = self.catalog.tips()[: self.settings.newest_count]
            html = html.replace(NEWEST_TIPS_MARKER, r.cards(newest, url))
        generated = self.pages_by_src.get(src_uri)
        if generated is not None:
            return self._decorate_generated(generated, url, html)
        post = self.catalog.by_src.get(src_uri)
        if post is None:
            return html
        html = self.post_body(post, url, html)
        return r.post_header(post, url) + html + r.post_footer(post, url)

    def post_body(self, post: Post, url: str, html: str) -> str:
        """A post's text with its article's tip list filled in: what its feed entry carries."""
        if post.kind != "article":
            return html
        listing = self.renderer.article_tips(post, url)
        return html.replace(TIP_LIST_MARKER, listing) if TIP_LIST_MARKER in html else html + listing

    def _decorate_generated(self, page: GeneratedPage, url: str, html: str) -> str:
        r = self.renderer
        if page.role == "tip-index":
            return html + r.tag_nav(url) + r.cards(self.catalog.tips(), url)
        if page.role == "tag":
            assert page.tag is not None
            feeds = self.settings.tag_box(page.tag, url) if self.settings.tag_box else ""
            return html + feeds + r.tag_nav(url, page.tag) + r.cards(self.catalog.tags()[page.tag], url)
        return html + r.tag_nav(url)
