"""Link previews: the Open Graph and X card data of each page, and the social card it points at."""

from __future__ import annotations

import io
import os
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from markupsafe import Markup
from PIL import Image, UnidentifiedImageError

from coachblog.errors import ContentError, Problem
from coachblog.posts.frontmatter import read_front_matter
from coachblog.posts.post import Post
from coachblog.social.cards import HEIGHT, WIDTH, CardMaker, CardSpec, CardStats

CARDS_DIR = "assets/images/social"
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
KIND_LABELS = {"tip": "Tip", "article": "Article"}
# og:locale is a language and a territory. A theme language without a territory gets the one most
# sites in it are written for; English gets British English, like the plugin's default time zone.
TERRITORIES = {
    "en": "GB", "be": "BY", "bn": "IN", "ca": "ES", "cs": "CZ", "cy": "GB", "da": "DK",
    "el": "GR", "et": "EE", "eu": "ES", "fa": "IR", "gl": "ES", "he": "IL", "hi": "IN",
    "hy": "AM", "ja": "JP", "ka": "GE", "kn": "IN", "ko": "KR", "ku": "IQ", "ms": "MY", "my": "MM",
    "nb": "NO", "nn": "NO", "sa": "IN", "sh": "HR", "si": "LK", "sl": "SI", "sq": "AL", "sr": "RS",
    "sv": "SE", "ta": "IN", "te": "IN", "tl": "PH", "uk": "UA", "ur": "PK", "vi": "VN", "zh": "CN",
    "af": "ZA",
}  # fmt: skip
SCRIPT_TERRITORIES = {"hant": "TW", "hans": "CN", "latn": "RS", "cyrl": "RS"}


@dataclass(frozen=True)
class SocialMeta:
    """Everything the link-preview tags of one page say, as plain (unescaped) text."""

    title: str
    description: str
    url: str
    site_name: str
    type: str
    image: str | None
    image_width: int
    image_height: int
    image_alt: str
    image_type: str
    published_time: str | None = None
    modified_time: str | None = None
    tags: tuple[str, ...] = ()
    twitter_card: str = "summary_large_image"
    locale: str = ""
    fediverse_creator: str | None = None  # '@user@server': Mastodon credits the author in link previews


@dataclass(frozen=True)
class SiteImage:
    """An image file of the site that a page's front matter names: its URL and its bytes."""

    url: str
    read: Callable[[], bytes]


@dataclass(frozen=True)
class PageFacts:
    """What a page offers its preview: taken from MkDocs' page by the plugin."""

    src_uri: str
    dest_uri: str
    canonical_url: str
    title: str
    meta: Mapping[str, object]
    source: Callable[[], str]  # read only to give an error its line
    post: Post | None = None


@dataclass(frozen=True)
class SocialSettings:
    """Site-wide facts for previews; `section_labels` names the kind of page one folder down in a
    section, e.g. {"coaches": "Coach"} for the coach profiles at /coaches/<slug>/."""

    site_name: str
    site_url: str
    site_description: str = ""
    section_labels: Mapping[str, str] = field(default_factory=dict)
    locale: str = ""


def plain(html_text: object) -> str:
    """Text that the theme prints as HTML (page titles, descriptions), as the reader sees it."""
    text = str(html_text)
    if "<" not in text and "&" not in text:  # no tags or entities (most titles): only the spaces to tidy
        return " ".join(text.split())
    return Markup(text).striptags()


def card_uri(dest_uri: str) -> str:
    """Where a page's card is written: tips/take-a-break/index.html -> .../tips/take-a-break.png."""
    path = dest_uri.removesuffix(".html")
    if path.endswith("/index"):
        path = path.removesuffix("/index")
    return f"{CARDS_DIR}/{path}.png"


def site_host(site_url: str) -> str:
    """The site's address as a reader would type it: host and path, no scheme or trailing slash."""
    parts = urlsplit(site_url)
    return (parts.netloc + parts.path).rstrip("/")


class SocialPreviews:
    """One build's link previews: the tags of each page and the cards they need."""

    def __init__(
        self,
        settings: SocialSettings,
        cards: CardMaker | None,
        images: Callable[[str], SiteImage | None],
        site_dir: Path,
        photos: Callable[[str], str | None] = lambda src_uri: None,
        creators: Mapping[str, str] | None = None,
    ) -> None:
        self.settings = settings
        self.cards = cards
        self.images = images
        self.photos = photos  # a post's photo, cut and cleaned, to draw its card on (or None)
        self.site_dir = site_dir
        self.creators = creators or {}  # a post's author's fediverse address, by src_uri
        self.missing_glyphs: dict[str, list[str]] = {}
        self.site_host = site_host(settings.site_url)

    @classmethod
    def create(
        cls,
        *,
        site_name: str,
        site_url: str,
        site_description: str | None,
        cards_cache: Path | None,
        site_dir: Path,
        images: Callable[[str], SiteImage | None],
        coaches_dir: str = "coaches",
        language: str = "en",
        locale: str | None = None,
        photos: Callable[[str], str | None] = lambda src_uri: None,
        creators: Mapping[str, str] | None = None,
    ) -> SocialPreviews:
        """Previews for one build; no cards are drawn when `cards_cache` is None.

        `language` is the theme's (`theme.language`), `locale` MkDocs' `theme.locale` (used for
        og:locale only when it names a territory, as `en_GB` does).
        """
        settings = SocialSettings(
            site_name, site_url, site_description or "", {coaches_dir: "Coach"}, og_locale(language, locale)
        )
        cards = CardMaker(cards_cache) if cards_cache else None
        return cls(settings, cards, images, site_dir, photos, creators)

    def warnings(self) -> list[str]:
        """Cards that show boxes for characters no bundled font has."""
        return [
            f"{src}: the social card cannot draw {' '.join(chars)} ({_code_points(chars)}): no bundled"
            " font has them, so they show as boxes; reword the title or give the page an 'image:'"
            for src, chars in sorted(self.missing_glyphs.items())
        ]

    def absolute(self, site_relative_url: str) -> str:
        return self.settings.site_url.rstrip("/") + "/" + site_relative_url.lstrip("/")

    def label(self, page: PageFacts) -> str:
        if page.post is not None:
            return KIND_LABELS[page.post.kind]
        folder, _, rest = page.dest_uri.partition("/")
        rest = rest.removesuffix("index.html").removesuffix(".html").strip("/")
        return self.settings.section_labels.get(folder, "") if rest else ""

    def for_page(self, page: PageFacts) -> SocialMeta:
        """The page's preview; a card is queued for it unless its front matter names an image."""
        fields = PreviewFields.read(page, self.images)
        title = fields.title or plain(page.title)
        description = fields.description or plain(self.settings.site_description)
        label = self.label(page)
        photo = self.photos(page.src_uri) if page.post is not None and self.cards is not None else None
        if photo:  # a post with a photo: its card is the photo, darkened, with the title over it
            uri = card_uri(page.dest_uri)
            spec = CardSpec(title, description, label, self.settings.site_name, self.site_host, photo=photo)
            self._queue_card(page, spec, uri)
            image_url, width, height, image_type = self.absolute(quote(uri)), WIDTH, HEIGHT, "image/png"
            alt = card_alt(title, label, self.settings.site_name)
            if fields.image_alt:
                alt += f", over a picture: {fields.image_alt}"
        elif fields.image is not None:
            image_url, (width, height) = self.absolute(fields.image.url), fields.image_size
            image_type, alt = IMAGE_TYPES[fields.image_suffix], fields.image_alt or title
        elif self.cards is None:
            image_url, width, height, image_type, alt = None, 0, 0, "", ""
        else:
            uri = card_uri(page.dest_uri)
            self._queue_card(
                page, CardSpec(title, description, label, self.settings.site_name, self.site_host), uri
            )
            image_url, width, height, image_type = self.absolute(quote(uri)), WIDTH, HEIGHT, "image/png"
            alt = fields.image_alt or card_alt(title, label, self.settings.site_name)
        post = page.post
        return SocialMeta(
            title=title,
            description=description,
            url=page.canonical_url,
            site_name=self.settings.site_name,
            type="article" if post else "website",
            image=image_url,
            image_width=width,
            image_height=height,
            image_alt=alt,
            image_type=image_type,
            published_time=post.published.isoformat() if post else None,
            modified_time=post.updated.isoformat() if post and post.updated else None,
            tags=post.tags if post else (),
            locale=self.settings.locale,
            fediverse_creator=self.creators.get(page.src_uri) if post else None,
        )

    def _queue_card(self, page: PageFacts, spec: CardSpec, uri: str) -> None:
        assert self.cards is not None
        if missing := self.cards.add(spec, os.path.join(self.site_dir, uri)):
            self.missing_glyphs[page.src_uri] = missing

    def write_cards(self) -> CardStats:
        """Draw or reuse every queued card and copy it into the site."""
        return self.cards.make_all() if self.cards is not None else CardStats()


def _code_points(chars: list[str]) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in chars)


def card_alt(title: str, label: str, site_name: str) -> str:
    """A text alternative for a card: what it says, without quotes of its own around the title
    (a tag page's title has some already)."""
    if title == site_name:
        return site_name
    if label:
        return f"{_a(label.lower()).capitalize()} from {site_name}: {title}"
    return f"{site_name}: {title}"


def _a(noun: str) -> str:
    """'a tip', 'an article': good enough for the labels the site has (no 'hour', no 'user')."""
    return f"{'an' if noun[:1] in set('aeiou') else 'a'} {noun}"


def og_locale(language: str, locale: str | None = None) -> str:
    """The og:locale for a theme language: en -> en_GB, pt-BR -> pt_BR, zh-Hant -> zh_TW, de -> de_DE.

    A `locale` with a territory (en_US, pt_BR) wins: it is the site's own choice.
    """
    if locale:
        lang, _, territory = str(locale).replace("-", "_").partition("_")
        territory = territory.rsplit("_", 1)[-1]
        if len(territory) == 2 and territory.isalpha() and lang.isalpha():
            return f"{lang.lower()}_{territory.upper()}"
    lang, _, rest = language.replace("_", "-").partition("-")
    lang = lang.lower() or "en"
    rest = rest.lower()
    territory = (
        rest.upper()
        if len(rest) == 2
        else SCRIPT_TERRITORIES.get(rest) or TERRITORIES.get(lang) or lang.upper()
    )
    return f"{lang}_{territory}"


@dataclass
class PreviewFields:
    """The preview overrides in one page's front matter: title, description, image and image_alt."""

    title: str | None = None
    description: str | None = None
    image: SiteImage | None = None
    image_size: tuple[int, int] = (0, 0)
    image_suffix: str = ""
    image_alt: str | None = None

    @classmethod
    def read(cls, page: PageFacts, images: Callable[[str], SiteImage | None]) -> PreviewFields:
        """Check the fields; raise ContentError naming every bad one."""
        problems: list[Problem] = []
        lines: dict[str, int] = {}

        def problem(key: str, message: str, value: object, allowed: str, at: str | None = None) -> None:
            if not lines:
                lines.update(read_front_matter(page.source(), page.src_uri).lines)
            problems.append(Problem(page.src_uri, key, message, lines.get(at or key), value, allowed))

        out = cls()
        out.title = _text(page.meta, "title", problem)
        if out.title is not None:
            out.title = plain(out.title)
        out.description = _text(page.meta, "description", problem)
        if out.description is not None:
            out.description = plain(out.description)
        out.image_alt = _text(page.meta, "image_alt", problem)
        image = page.meta.get("image")
        if image is not None:
            out._read_image(page, image, images, problem)
            if out.image_alt is None:
                problem(
                    "image_alt",
                    "is missing",
                    None,
                    "a line 'image_alt: ...' that says what the image shows",
                    at="image",
                )
        if problems:
            raise ContentError(problems)
        return out

    def _read_image(
        self,
        page: PageFacts,
        value: object,
        images: Callable[[str], SiteImage | None],
        problem: Callable[[str, str, object, str], None],
    ) -> None:
        allowed = (
            f"the path of a {'/'.join(s[1:] for s in IMAGE_TYPES)} file in docs/, relative"
            " to this page (images/hill.png) or to docs/ when it starts with '/'"
        )
        if not isinstance(value, str) or not value.strip():
            problem("image", "must be the path of an image file", value, allowed)
            return
        if "://" in value or value.startswith("//"):
            problem("image", "is a web address; previews use the site's own files", value, allowed)
            return
        target = value.strip()
        src = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), target))
        )
        suffix = posixpath.splitext(src)[1].lower()
        found = images(src) if suffix in IMAGE_TYPES else None
        if found is None:
            problem("image", "names no image file of the site", value, allowed)
            return
        try:
            with Image.open(io.BytesIO(found.read())) as opened:
                self.image_size = opened.size
        except (UnidentifiedImageError, OSError) as exc:
            problem("image", f"cannot be read as an image ({exc})", value, allowed)
            return
        self.image, self.image_suffix = found, suffix


def _text(
    meta: Mapping[str, object], key: str, problem: Callable[[str, str, object, str], None]
) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        problem(key, "must be non-empty text", value, "some text")
        return None
    return value
