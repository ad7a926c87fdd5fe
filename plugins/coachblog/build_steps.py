"""The steps of a build that touch MkDocs' objects: files in, generated files and settings out.

The plugin's events call these; everything they call in turn is plain Python that never imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files as package_files
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime

from coachblog.coaches import schema as coach_schema
from coachblog.coaches.directory_files import assets
from coachblog.coaches.fields import YAML_SUFFIXES, CoachSource
from coachblog.coaches.finder_data import FinderData
from coachblog.coaches.finder_page import FinderHtml
from coachblog.coaches.join_page import JoinHtml
from coachblog.coaches.list_page import ListHtml
from coachblog.coaches.open_data import OpenData
from coachblog.coaches.pages import CoachPages
from coachblog.coaches.profile_page import ProfileHtml
from coachblog.coaches.reading import COACH_FILES
from coachblog.coaches.site_directory import CoachDirectory, CoachSettings, where_shown
from coachblog.config import CoachBlogConfig, FeedsConfig
from coachblog.errors import ContentError
from coachblog.feeds.absolute_html import unreadable_characters
from coachblog.feeds.directory import CoachList, Directory, NewCoach, Writer
from coachblog.feeds.model import SUBSCRIBE_SRC, EntryAuthor, EntryPicture, FeedPlaces, FeedSettings
from coachblog.feeds.site_feeds import Feeds
from coachblog.incremental_steps import DirtyBuild
from coachblog.page_styles import PAGE_STYLESHEETS
from coachblog.pictures.coach_photos import CoachPhoto, CoachPhotos, make_coach_photos
from coachblog.pictures.site_pictures import PostImage, SitePictures, make_pictures
from coachblog.pictures.source import resolve as resolve_picture
from coachblog.posts.authors import AuthorInfo, AuthorPhoto, author_problems, coach_authors, fediverse_address
from coachblog.posts.pages import SitePosts, SiteSettings, kind_of
from coachblog.posts.post import Post, PostSettings
from coachblog.posts.site_content import SiteContent
from coachblog.social.meta import PageFacts, SiteImage, SocialPreviews
from coachblog.timings import Timings
from coachblog.urls import absolute_url

log = get_plugin_logger(__name__)

# Site path -> file in the package's assets/; each is added to every build.
ASSETS = {
    "assets/coachblog/coachblog.css": "coachblog.css",
    "assets/coachblog/share.css": "share.css",
    "assets/coachblog/share.js": "share.js",
    "assets/coachblog/pictures.css": "pictures.css",
    "assets/coachblog/front.css": "front.css",
}
# On every page; the others (coaches/directory_files.py writes the directory's) only on the pages whose kind
# uses their classes: page_styles.py picks them, the theme links them after the last of these.
STYLESHEETS = [uri for uri in ASSETS if uri.endswith(".css") and uri not in PAGE_STYLESHEETS]
SCRIPTS = [uri for uri in ASSETS if uri.endswith(".js")]


@contextmanager
def content_errors() -> Iterator[None]:
    """Turn problems in what people wrote into the error MkDocs reports and stops on."""
    try:
        yield
    except ContentError as exc:
        raise PluginError(str(exc)) from exc


def site_settings(options: CoachBlogConfig, config: MkDocsConfig, preview: bool = False) -> SiteSettings:
    """Where posts live and how they are read, from the plugin's options and MkDocs' config;
    `preview` under `mkdocs serve`, where posts waiting for their date are shown to their author."""
    feeds = options.feeds
    places = FeedPlaces(options.tags_dir, feeds.tag_feeds, config.use_directory_urls)
    posts = PostSettings(
        options.timezone, options.default_hour, options.future_posts, get_build_datetime(), preview=preview
    )
    return SiteSettings(
        options.tips_dir,
        options.articles_dir,
        options.tags_dir,
        options.newest_count,
        config.use_directory_urls,
        posts,
        tag_box=places.tag_box if feeds.enabled else None,
        posts_per_page=options.posts_per_page,
        coaches_dir=options.coaches_dir.strip("/"),
    )


def add_assets_and_plan(
    files: Files, config: MkDocsConfig, posts: SitePosts, dirty: DirtyBuild | None
) -> Files:
    """The plugin's CSS and JS added last; then, under `--dirty`, the plan made on the finished list of
    files: the pages rendered again, or every page."""
    add_assets(files, config)
    if dirty is not None:
        with content_errors():
            dirty.plan_pages(files, config, posts)
    return files


def add_posts(files: Files, config: MkDocsConfig, settings: SiteSettings) -> SitePosts:
    """Read and check every tip and article; add the tip index and tag pages."""
    sources = [
        (f.src_uri, f.content_string) for f in files.documentation_pages() if kind_of(f.src_uri, settings)
    ]
    with content_errors():
        posts = SitePosts(settings, sources)
        if problems := posts.taken_sources(f.src_uri for f in files):
            raise ContentError(problems)
    _withhold(files, posts)
    _place_posts_by_slug(files, posts)
    for page in posts.pages:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    for post in posts.catalog.posts:
        if post.scheduled:
            log.info(
                f"{post.src_uri} is dated {post.published:%Y-%m-%d %H:%M %Z}, after this build: "
                + ("shown here as a preview" if settings.posts.preview else "its page is built")
                + " but lists and feeds leave it out until then"
            )
    return posts


def _withhold(files: Files, posts: SitePosts) -> None:
    """Take the posts waiting for their date out of the build, and say when each will appear."""
    for post in posts.withheld:
        for src in (post.src_uri, *_own_picture(files, posts, post)):
            if (file := files.get_file_from_path(src)) is not None:
                files.remove(file)
        log.info(
            f"{post.src_uri} is dated {post.published:%Y-%m-%d %H:%M %Z}, after this build: not published "
            "until a build on or after that date (`mkdocs serve` shows it as a preview)"
        )


def _own_picture(files: Files, posts: SitePosts, post: Post) -> list[str]:
    """The picture of a waiting post when nothing published uses it (its name in no other page)."""
    if not post.image:
        return []
    src = resolve_picture(post.src_uri, post.image)
    if any(p.image and resolve_picture(p.src_uri, p.image) == src for p in posts.catalog.posts):
        return []
    name = src.rpartition("/")[2]
    others = (f for f in files.documentation_pages() if f.src_uri != post.src_uri)
    return [] if any(name in f.content_string for f in others) else [src]


def _place_posts_by_slug(files: Files, posts: SitePosts) -> None:
    """Write each post to /tips/<slug>/ whatever its file's name or sub-folder."""
    for file in files.documentation_pages():
        dest = posts.dest_uri(file.src_uri)
        if dest is not None and dest != file.dest_uri:
            file.dest_uri = dest
            for cached in ("url", "abs_dest_path"):
                file.__dict__.pop(cached, None)


def add_pictures(
    files: Files, config: MkDocsConfig, posts: SitePosts, options: CoachBlogConfig
) -> SitePictures:
    """Each post's picture checked and encoded at several widths (cached between builds), or its art;
    their files added to the site, and each picture file itself swapped for a copy without metadata."""
    images = [
        PostImage(p.src_uri, p.slug, p.title, p.image, p.image_alt, p.lines.get("image"))
        for p in posts.catalog.posts
    ]
    with content_errors():
        pictures = make_pictures(
            images, lambda src: _file_bytes(files, src), _pictures_cache(config, options)
        )
    for uri, made in pictures.files.items():
        if isinstance(made, str):
            files.append(File.generated(config, uri, content=made))
        else:
            files.append(File.generated(config, uri, abs_src_path=str(made)))
    _swap_for_copies(files, config, pictures.copies)
    return pictures


def _coach_photos(
    files: Files, config: MkDocsConfig, directory: CoachDirectory, options: CoachBlogConfig
) -> CoachPhotos:
    """Each coach's photo file checked and cut square at a few widths (cached with the post pictures),
    for their profile, bylines and the finder's lists. A photo given as a link stays a link."""
    folder, docs = directory.settings.coaches_dir, directory.settings.docs_label
    photos = [
        CoachPhoto(c.slug, c.label, c.lines.get("photo"), c.photo, f"{folder}/{c.photo}", docs)
        for c in directory.coaches
        if c.photo and ":" not in c.photo
    ]
    with content_errors():
        return make_coach_photos(
            photos, lambda src: _file_bytes(files, src), _pictures_cache(config, options)
        )


def _pictures_cache(config: MkDocsConfig, options: CoachBlogConfig) -> Path:
    """Where encoded pictures are kept between builds: beside the social cards' cache
    (.cache/social-cards -> .cache/pictures)."""
    root = Path(config.config_file_path or "mkdocs.yml").parent
    return root / Path(options.social_cards_cache).parent / "pictures"


def _swap_for_copies(files: Files, config: MkDocsConfig, copies: Mapping[str, Path]) -> None:
    """Publish each picture file (by src_uri) as its clean copy instead, at the same URL."""
    for src, copy in copies.items():
        if (original := files.get_file_from_path(src)) is not None:
            files.remove(original)
        files.append(File.generated(config, src, abs_src_path=str(copy)))


def _file_bytes(files: Files, src_uri: str) -> bytes | None:
    file = files.get_file_from_path(src_uri)
    return None if file is None else file.content_bytes


def add_assets(files: Files, config: MkDocsConfig) -> None:
    """The plugin's own stylesheets and scripts, served from the package."""
    for uri, name in ASSETS.items():
        content = package_files("coachblog").joinpath("assets", name).read_bytes()
        files.append(File.generated(config, uri, content=content))


@dataclass(frozen=True)
class CoachBuild:
    """The coach directory of one build, read and checked first; its photos, the finder's data and the
    open data made from it: whatever needs one of them takes it as an argument, so none can be made
    before what it is made from."""

    directory: CoachDirectory
    photos: CoachPhotos
    finder: FinderData
    open_data: OpenData


def add_coaches(
    files: Files, config: MkDocsConfig, options: CoachBlogConfig, settings: SiteSettings, timings: Timings
) -> CoachBuild:
    """The coach directory: coach files read and checked, then their photos cut, the finder's data and
    the open data made; the coach files taken out of the output and every page and file of the
    directory added, once: the pages' Markdown, the finder's and join page's files, the JSON Schema,
    the open data files and their page, the photos. Timed as the part "coaches" (its photos as
    "pictures", its open data as "open_data")."""
    with timings.part("coaches"):
        return _add_coaches(files, config, options, settings.posts.now, timings)


def _add_coaches(
    files: Files, config: MkDocsConfig, options: CoachBlogConfig, now: dt.datetime | None, timings: Timings
) -> CoachBuild:
    directory = read_coaches(files, config, options.coaches_dir, options.edit_branch)
    with timings.part("pictures"):
        photos = _coach_photos(files, config, directory, options)
    finder = FinderData(directory, photos.shown)
    with timings.part("open_data"):  # dated by the build (SOURCE_DATE_EPOCH when set)
        day = (now or get_build_datetime()).date()
        open_data = OpenData(directory, options.coaches_licence, day, config.site_name)
        data_files = open_data.files()
    for file in [f for f in files if f.src_uri in directory.unpublished]:
        files.remove(file)
    added: dict[str, str | bytes] = {p.src_uri: p.markdown for p in directory.pages}
    for uri, content in {**added, **assets(directory, finder), **data_files}.items():
        files.append(File.generated(config, uri, content=content))
    for uri, path in photos.files.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    _swap_for_copies(files, config, photos.copies)  # each photo itself as a copy without metadata
    return CoachBuild(directory, photos, finder, open_data)


def read_coaches(files: Files, config: MkDocsConfig, coaches_dir: str, edit_branch: str) -> CoachDirectory:
    """Every coach file read and checked, and no hand-written page where a directory page must go."""
    folder = coaches_dir.strip("/") + "/"
    docs = os.path.relpath(config.docs_dir, Path(config.config_file_path or "mkdocs.yml").parent)
    sources = [  # labelled docs/coaches/x.yml in messages, as people see the file
        _coach_source(f, f"{docs}/{f.src_uri}")
        for f in files
        if f.src_uri.startswith(folder) or f.src_uri.lower().endswith(YAML_SUFFIXES)
    ]
    docs = docs.replace(os.sep, "/")
    settings = CoachSettings(
        coaches_dir.strip("/"), docs, config.use_directory_urls, config.repo_url, edit_branch, config.site_url
    )
    with content_errors():
        directory = CoachDirectory(settings, sources, [f.src_uri for f in files])
        if problems := directory.taken_sources(f.src_uri for f in files):
            raise ContentError(problems)
    return directory


def coach_pages(coaches: CoachBuild, site: SiteContent, feeds: Feeds | None) -> CoachPages:
    """The renderers of the directory's pages, each made with all it shows: the photos, the finder's
    data, the open data's links, each coach's tips (from the posts' renderer), and the "Follow" lines
    when there are feeds."""
    directory, finder = coaches.directory, coaches.finder
    follow = feeds.follow_line if feeds is not None else _no_follow_line
    return CoachPages(
        directory,
        FinderHtml(directory, finder, follow, coaches.open_data.links),
        ListHtml(directory, finder, follow),
        JoinHtml(directory),
        ProfileHtml(directory, coaches.photos.shown, site.renderer.coach_tips, follow),
    )


def _no_follow_line(src_uri: str, base: str) -> str:
    return ""


@dataclass(frozen=True)
class Authors:
    """The coaches who may write posts, and the posts they wrote: for bylines, feeds, link previews and
    each profile's tips."""

    listed: dict[str, AuthorInfo]  # every listed coach by profile slug, as a byline shows them
    by_post: dict[str, AuthorInfo]  # the post's src_uri -> the coach who wrote it


def add_authors(posts: SitePosts, coaches: CoachBuild) -> Authors:
    """Check each post's `author:` against the coach files: every listed coach as bylines show them,
    and the posts a coach wrote, by src_uri, with that coach."""
    listed = {}
    directory, shown = coaches.directory, coaches.photos.shown
    for coach in directory.coaches:
        mastodon = next((link for site_key, link in coach.social if site_key == "mastodon"), None)
        photo = shown.get(coach.slug)
        listed[coach.slug] = AuthorInfo(
            coach.name,
            directory.profile_url(coach),
            AuthorPhoto(photo.byline("webp"), photo.byline("jpeg")) if photo else None,
            fediverse_address(mastodon) if mastodon else None,
        )
    written = posts.catalog.posts
    if problems := author_problems(written, listed, directory.folder.shown):
        raise PluginError(str(ContentError(problems)))
    return Authors(listed, coach_authors(written, listed))


def site_content(posts: SitePosts, pictures: SitePictures, authors: Authors) -> SiteContent:
    """What the posts' pages and the list pages show, made with the posts' pictures and their authors."""
    return SiteContent(posts, pictures.shown, authors.listed)


def _coach_source(file: File, label: str) -> CoachSource:
    """A file of the coaches folder (or a YAML file elsewhere) read as the check reads it: a YAML file's
    bytes, re-read only when it changed since the last build; other files with no text."""
    if not file.src_uri.lower().endswith(YAML_SUFFIXES):
        return CoachSource(file.src_uri, "", label)
    data = COACH_FILES.data(file.abs_src_path) if file.abs_src_path else file.content_bytes
    return CoachSource.from_bytes(file.src_uri, data, label)


def feed_image(files: Files, config: MkDocsConfig, options: FeedsConfig) -> File | None:
    """The feeds' image: the option's file, which must exist (checked before any post is read), else the
    theme's favicon when there is one."""
    image_path = options.image or config.theme.get("favicon")
    image = files.get_file_from_path(image_path) if image_path else None
    if options.image and image is None:
        raise PluginError(f"coachblog option 'feeds.image': no file {options.image!r} in docs/ or the theme")
    return image


def start_feeds(
    files: Files,
    config: MkDocsConfig,
    options: FeedsConfig,
    posts: SitePosts,
    image: File | None,
    pictures: SitePictures | None = None,
    authors: Authors | None = None,
    coaches: CoachBuild | None = None,
) -> Feeds | None:
    """This build's feeds, after checking what they need (None when the feeds are off); adds the
    subscribe page unless docs/ has one. With the coach directory: a feed per coach who wrote a post
    and of the new coaches of the finder and of each list page, whose "Follow" lines the directory's
    pages then show (`coach_pages` gets them from the feeds)."""
    if not options.enabled:
        return None
    # site_url and max_entries were checked when the config loaded (config.py), the image in feed_image
    problems = [p for uri, text in posts.sources.items() for p in unreadable_characters(uri, text)]
    if problems:
        raise PluginError(str(ContentError(problems)))
    settings = _feed_settings(config, options, posts, image, pictures, authors)
    directory = _feed_directory(coaches.directory, posts.settings.posts) if coaches is not None else None
    feeds = Feeds(settings, posts.catalog, directory)
    if files.get_file_from_path(SUBSCRIBE_SRC) is None:
        files.append(File.generated(config, SUBSCRIBE_SRC, content=feeds.subscribe_markdown()))
    return feeds


def _feed_settings(
    config: MkDocsConfig,
    options: FeedsConfig,
    posts: SitePosts,
    image: File | None,
    pictures: SitePictures | None,
    authors: Authors | None,
) -> FeedSettings:
    """What every feed says of the site, and each post's picture and coach author as entries carry them."""
    assert config.site_url, "checked in on_config"
    site_url = config.site_url
    enclosures = {
        absolute_url(site_url, post.url): EntryPicture(
            absolute_url(site_url, shown.folder + shown.src), shown.length, shown.media_type
        )
        for post in posts.catalog.posts
        if pictures is not None and (shown := pictures.shown.get(post.src_uri)) and not shown.is_art
    }
    return FeedSettings(
        site_url,
        config.site_name,
        config.site_description or f"New posts on {config.site_name}.",
        str(config.theme.get("language") or "en"),
        config.site_author or config.site_name,
        image.url if image else None,
        options.max_entries,
        FeedPlaces(posts.settings.tags_dir, options.tag_feeds, config.use_directory_urls),
        pictures=enclosures,
        authors={
            src: EntryAuthor(coach.name, absolute_url(site_url, coach.url))
            for src, coach in (authors.by_post if authors is not None else {}).items()
        },
        email_url=options.email_url,
    )


def _feed_directory(coaches: CoachDirectory, posts: PostSettings) -> Directory:
    """The coach directory as its feeds need it: every coach who may write, and the pages readers can
    follow for new coaches, with each coach's facts (a `joined` date is published as a post's date is)."""
    folder = coaches.settings.coaches_dir
    writers = tuple(
        Writer(c.slug, c.name, coaches.profile_url(c), coaches.profile_src(c), f"{folder}/{c.slug}/")
        for c in coaches.coaches
    )
    news = {
        c.slug: NewCoach(
            c.slug,
            c.name,
            where_shown(c),
            c.online_only,
            tuple(coach_schema.SPECIALTIES[key] for key in c.specialties),
            coaches.profile_url(c),
            c.joined,
        )
        for c in coaches.coaches
    }
    lists = tuple(
        CoachList(
            page.src_uri,
            page.follow.where,
            page.url,
            page.folder,
            tuple(news[c.slug] for c in page.follow.coaches),
        )
        for page in coaches.followed()
    )
    return Directory(writers, lists, posts.timezone, posts.default_hour)


def start_previews(
    files: Files,
    config: MkDocsConfig,
    options: CoachBlogConfig,
    pictures: SitePictures | None = None,
    authors: Mapping[str, AuthorInfo] | None = None,
) -> SocialPreviews:
    """This build's link previews and social cards (a post's drawn on its photo, when it has one)."""
    photos = pictures.card_photos if pictures is not None else {}
    if not config.site_url:
        log.warning("site_url is not set in mkdocs.yml: link previews need absolute URLs; pages get none")
    cache = Path(config.config_file_path or "mkdocs.yml").parent / options.social_cards_cache
    return SocialPreviews.create(
        site_name=config.site_name,
        site_url=config.site_url or "",
        site_description=config.site_description,
        site_dir=Path(config.site_dir),
        cards_cache=cache if options.social_cards else None,
        images=lambda uri: _site_image(files, uri),
        coaches_dir=options.coaches_dir.strip("/"),
        language=str(config.theme.get("language") or "en"),
        locale=str(config.theme.get("locale") or "") or None,
        photos=lambda src_uri: str(photos[src_uri]) if src_uri in photos else None,
        creators={src: coach.mastodon for src, coach in (authors or {}).items() if coach.mastodon},
    )


def _site_image(files: Files, src_uri: str) -> SiteImage | None:
    """An image file of the site for a preview's `image:` field, or None when there is no such file."""
    file = files.get_file_from_path(src_uri)
    return None if file is None else SiteImage(file.url, lambda: file.content_bytes)


def page_facts(page: Page, posts: SitePosts) -> PageFacts:
    """What a page's link preview is made from."""
    assert page.canonical_url is not None
    file = page.file
    return PageFacts(
        file.src_uri,
        file.dest_uri,
        page.canonical_url,
        page.title or "",
        page.meta,
        lambda: file.content_string,
        posts.catalog.by_src.get(file.src_uri),
    )
