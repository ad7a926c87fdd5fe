"""What the plugin adds to the HTML of a build's pages: the front page's parts, a post's header, footer and
tip list, a list page's cards, topics and pager. Made once the posts' pictures and the coaches who wrote
them are known, so its renderer has all it shows from the start."""

from __future__ import annotations

from collections.abc import Mapping

from coachblog.posts.authors import AuthorInfo
from coachblog.posts.pages import GeneratedPage, SitePosts
from coachblog.posts.post import Post
from coachblog.posts.render import Picture, Renderer

TIP_LIST_MARKER = "<!-- tip-list -->"
NEWEST_TIPS_MARKER = "<!-- newest-tips -->"
FEATURED_ARTICLE_MARKER = "<!-- featured-article -->"  # the newest article, large, with its picture
FINDER_BOX_MARKER = "<!-- coach-finder-box -->"  # a town box whose form opens the coach finder
RELATED_COUNT = 3  # "More tips like this" at the end of a tip


class SiteContent:
    """The HTML of one build's posts and list pages, from the posts, each post's picture (by src_uri)
    and the listed coaches (by profile slug) for the bylines and each profile's tips."""

    def __init__(
        self, posts: SitePosts, pictures: Mapping[str, Picture], authors: Mapping[str, AuthorInfo]
    ) -> None:
        self.posts = posts
        self.renderer = Renderer(posts.catalog, posts.tag_urls, pictures, authors, posts.sources)

    def decorate(self, src_uri: str, url: str, html: str) -> str:
        """The page's HTML with the plugin's lists, headers and navigation added."""
        r, posts = self.renderer, self.posts
        if NEWEST_TIPS_MARKER in html:
            newest = posts.catalog.tips()[: posts.settings.newest_count]
            html = html.replace(NEWEST_TIPS_MARKER, r.cards(newest, url))
        if FEATURED_ARTICLE_MARKER in html:
            html = html.replace(FEATURED_ARTICLE_MARKER, r.featured(self._newest_article(), url))
        if FINDER_BOX_MARKER in html:
            finder = posts.url_of(f"{posts.settings.coaches_dir}/index.md")
            html = html.replace(FINDER_BOX_MARKER, r.finder_box(finder, url))
        generated = posts.pages_by_src.get(src_uri)
        if generated is not None:
            return self._decorate_generated(generated, url, html)
        post = posts.catalog.by_src.get(src_uri)
        if post is None:
            return html
        html = self.post_body(post, url, html)
        return r.post_header(post, url) + html + r.post_footer(post, url, RELATED_COUNT)

    def _newest_article(self) -> Post | None:
        return next((p for p in self.posts.catalog.listed() if p.kind == "article"), None)

    def post_body(self, post: Post, url: str, html: str) -> str:
        """A post's text with its article's tip list filled in: what its feed entry carries."""
        if post.kind != "article":
            return html
        listing = self.renderer.article_tips(post, url)
        return html.replace(TIP_LIST_MARKER, listing) if TIP_LIST_MARKER in html else html + listing

    def _decorate_generated(self, page: GeneratedPage, url: str, html: str) -> str:
        r, posts = self.renderer, self.posts
        if page.role == "tag-index":
            return html + r.tag_nav(url, everything=True)
        feeds = ""
        if page.tag is not None and posts.settings.tag_box:
            feeds = posts.settings.tag_box(page.tag, url)
        pager = ""
        if page.count > 1:
            newer, older = (posts.url_of(s) if s else None for s in (page.newer, page.older))
            noun = "tips" if page.role == "tip-index" else "posts"
            pager = r.pager(url, page.position, page.count, newer, older, noun)
        topics = r.tag_nav(url, page.tag, index=posts.url_of(f"{posts.settings.tags_dir}/index.md"))
        return html + feeds + topics + r.cards(page.posts, url) + pager
