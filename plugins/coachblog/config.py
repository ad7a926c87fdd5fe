"""The plugin's options, declared with MkDocs' config options (each with a YAML example).

Every option checks its own value when MkDocs loads mkdocs.yml, so a wrong value stops `mkdocs build`
before it starts with one line: "Config value 'plugins': Plugin 'coachblog' option 'timezone': ...".
Rules that need MkDocs' own settings too (site_url, docs_dir) are in `check_with_site`, run by on_config.
"""

from __future__ import annotations

import difflib
import re
import zoneinfo
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from coachblog.coaches.open_data import DEFAULT_LICENCE, LICENCES

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico")


def _shown(value: object) -> str:
    """A value as mkdocs.yml would spell it: quoted text, true/false, numbers as they are."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "nothing"
    return repr(value)


class Flag(c.Type[bool]):
    """true or false."""

    def __init__(self, default: bool) -> None:
        super().__init__(bool, default=default)

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(f"must be true or false, got {_shown(value)}")
        return value


class WholeNumber(c.Type[int]):
    """A whole number from `low` to `high` (no upper limit when `high` is None)."""

    def __init__(self, default: int, low: int, high: int | None = None, hint: str = "") -> None:
        super().__init__(int, default=default)
        self.low, self.high, self.hint = low, high, hint

    def run_validation(self, value: object) -> int:
        # YAML's true is an int to Python; a number of cards or an hour never is.
        if isinstance(value, bool) or not isinstance(value, int) or not self._allows(value):
            allowed = f"from {self.low} to {self.high}," if self.high is not None else f"{self.low} or more,"
            raise ValidationError(f"must be a whole number {allowed} got {_shown(value)}{self.hint}")
        return value

    def _allows(self, number: int) -> bool:
        return number >= self.low and (self.high is None or number <= self.high)


class OneOf(c.Choice[str]):
    """One of a few words, each with what it means."""

    def __init__(self, meanings: Mapping[str, str], default: str) -> None:
        super().__init__(tuple(meanings), default=default)
        self.meanings = dict(meanings)

    def run_validation(self, value: object) -> str:
        if isinstance(value, str) and value in self.meanings:
            return value
        *others, last = (repr(word) for word in self.meanings)
        words = f"{', '.join(others)} or {last}" if others else last
        meanings = "; ".join(f"{word!r}: {meaning}" for word, meaning in self.meanings.items())
        raise ValidationError(f"must be {words}, got {_shown(value)} ({meanings})")


class Folder(c.Type[str]):
    """One folder directly inside docs/: the plugin finds its files by a path's first folder.

    The plugin's folder options must differ from each other: each one's index page and URLs are its own.
    """

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)
        self.example = default

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(
                f"must be the name of a folder inside docs/, such as {self.example!r}, got {_shown(value)}"
            )
        name = value.rstrip("/")  # 'tips/' means the folder tips
        if problem := _folder_problem(name):
            raise ValidationError(
                f"{value!r} {problem}. Use one folder name directly inside docs/, such as {self.example!r}"
            )
        return name

    def post_validation(self, config: base.Config, key_name: str) -> None:
        for other_key, option in config._schema:
            if option is self:
                return
            if isinstance(option, Folder) and config[other_key].casefold() == config[key_name].casefold():
                names = ", ".join(key for key, opt in config._schema if isinstance(opt, Folder))
                raise ValidationError(
                    f"{config[key_name]!r} is the folder of '{other_key}' "
                    f"({config[other_key]!r}) too: {names} each need a folder of "
                    "their own"
                )


def _folder_problem(name: str) -> str | None:
    """Why `name` cannot be one of the plugin's folders, or None when it can."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "is a full path, not a folder inside docs/"
    if name in (".", "..") or "/../" in f"/{name}/".replace("\\", "/"):
        return "points outside docs/"
    if "/" in name or "\\" in name:
        return "is a folder inside a folder"
    if name.startswith("."):
        return "starts with '.': MkDocs leaves such folders out of the site"
    if name != name.strip():
        return "starts or ends with a space"
    return None


class TimeZone(c.Type[str]):
    """A time zone name from the IANA database (Python's zoneinfo, with the tzdata package)."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(
                f"Unknown time zone {_shown(value)}. Use a name from the IANA time "
                "zone database such as 'Europe/London'"
            )
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder, e.g. 'Europe'
            guess = _nearest_zone(value)
            hint = f" (did you mean {guess!r}?)" if guess else ""
            raise ValidationError(
                f"Unknown time zone {value!r}. Use a name from the IANA time zone "
                f"database such as 'Europe/London'{hint}"
            ) from None
        return value


def _nearest_zone(name: str) -> str | None:
    """The known zone a misspelt or lowercased `name` most likely means ('paris' -> 'Europe/Paris')."""
    zones = {zone.casefold(): zone for zone in sorted(zoneinfo.available_timezones())}
    wanted = name.strip().replace(" ", "_").casefold()
    if any(char.isdigit() for char in wanted):  # 'UTC+1' is not 'UTC': offsets only match exactly
        return zones.get(wanted)
    if close := difflib.get_close_matches(wanted, list(zones), n=1, cutoff=0.75):
        return zones[close[0]]
    cities = {key.rpartition("/")[2]: key for key in zones}  # 'paris' -> 'europe/paris'
    if close := difflib.get_close_matches(wanted, list(cities), n=1, cutoff=0.8):
        return zones[cities[close[0]]]
    return None


class _CheckedText(c.Type[str]):
    """Text that `problem` judges: a bad value is one line saying what it is not and what to write."""

    kind = "text"  # what a value that is not a string is not
    advice = "Use {example!r}"

    def __init__(self, example: str, default: str | None = None) -> None:
        super().__init__(str, default=default)
        self.example = example

    def problem(self, value: str) -> str | None:
        raise NotImplementedError

    def run_validation(self, value: object) -> str:
        problem = self.problem(value) if isinstance(value, str) else f"is not {self.kind}"
        if problem:
            raise ValidationError(f"{_shown(value)} {problem}. {self.advice.format(example=self.example)}")
        assert isinstance(value, str)
        return value


class GitBranch(_CheckedText):
    """A git branch name, as `git check-ref-format --branch` allows it."""

    kind = "a branch name"
    advice = "Use the name of a branch of repo_url, such as {example!r}"

    def __init__(self, default: str) -> None:
        super().__init__(default, default)

    def problem(self, value: str) -> str | None:
        return _branch_problem(value)


_BRANCH_CHARACTERS = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]")


def _branch_problem(name: str) -> str | None:
    """Why `name` cannot be a git branch, or None when it can (git's own rules, check-ref-format)."""
    parts = name.split("/")
    checks = [
        (not name or len(name) > 200, "is empty or too long"),
        (bool(_BRANCH_CHARACTERS.search(name)), "has a space or one of ~ ^ : ? * [ \\ in it"),
        (name.startswith("-"), "starts with '-'"),
        (".." in name or "@{" in name or name == "@", "has '..' or '@{' in it"),
        (any(not part for part in parts), "starts or ends with '/', or has '//' in it"),
        (
            any(p.startswith(".") or p.endswith(".lock") for p in parts),
            "has a part starting with '.' or ending '.lock'",
        ),
        (name.endswith("."), "ends with '.'"),
    ]
    return next((problem for failed, problem in checks if failed), None)


class CachePath(c.Type[str]):
    """A folder for files kept between builds, relative to mkdocs.yml."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)
        self.example = default

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip() or "\0" in value:
            raise ValidationError(
                f"must be a folder, relative to mkdocs.yml, such as {self.example!r}, got {_shown(value)}"
            )
        return value


class SiteImage(c.Type[str]):
    """An image file of the site, by its path inside docs/ (or the theme); whether it exists: on_files."""

    def __init__(self, example: str) -> None:
        super().__init__(str)
        self.example = example

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self._error(value, "is not a file path")
        if problem := _image_path_problem(value):
            raise self._error(value, problem)
        return value

    def _error(self, value: object, problem: str) -> ValidationError:
        return ValidationError(
            f"{_shown(value)} {problem}. Use the path of an image inside docs/, such as {self.example!r}"
        )


def _image_path_problem(path: str) -> str | None:
    """Why `path` cannot name one of the site's image files, or None when it can."""
    if "://" in path or path.startswith(("//", "data:")):
        return "is a web address, not a file of the site"
    if path.startswith(("/", "\\")) or (len(path) > 1 and path[1] == ":"):
        return "is a full path, not a path inside docs/"
    if "\\" in path:
        return "uses '\\' between folders, where '/' is needed"
    if ".." in PurePosixPath(path).parts:
        return "points outside docs/"
    if PurePosixPath(path).suffix.lower() not in IMAGE_SUFFIXES:
        return f"is not an image file ({', '.join(IMAGE_SUFFIXES)})"
    return None


class LicenceId(c.Type[str]):
    """The SPDX id of one of a few licences, matched whatever its case (as SPDX ids are)."""

    def __init__(self, licences: Mapping[str, str], default: str) -> None:
        super().__init__(str, default=default)
        self.licences = dict(licences)  # SPDX id -> its title

    def run_validation(self, value: object) -> str:
        wanted = value.strip().casefold() if isinstance(value, str) else None
        if found := next((spdx for spdx in self.licences if spdx.casefold() == wanted), None):
            return found
        allowed = ", ".join(f"{spdx!r} ({title})" for spdx, title in self.licences.items())
        raise ValidationError(f"must be the SPDX id of one of these licences: {allowed}; got {_shown(value)}")


class HttpsAddress(_CheckedText):
    """A web page's full https address (another site's, such as a sign-up page)."""

    kind = "a web address"
    advice = "Use a page's https address, such as {example!r}"

    def problem(self, value: str) -> str | None:
        return _https_problem(value)


def _https_problem(address: str) -> str | None:
    """Why `address` cannot be linked as an https page, or None when it can."""
    if not address.lower().startswith("https://"):
        return "does not start with 'https://'"
    if any(char.isspace() or char in "\"'<>`" for char in address) or not address.isprintable():
        return "has a space, a quote, '<', '>' or '`' in it"
    try:
        parts = urlsplit(address)
        host = parts.hostname
    except ValueError:  # an unclosed IPv6 bracket
        return "names no web server"
    if not host or "." not in host.strip(".") or parts.username is not None:
        return "names no web server"
    return None


class FeedsConfig(base.Config):
    """Options of the RSS, Atom and JSON feeds, under `feeds:` (issue 4)."""

    enabled = Flag(default=True)
    """Write /feed.xml, /atom.xml, /feed.json and the subscribe page, e.g. `enabled: true`."""
    max_entries = WholeNumber(20, low=1, hint=" (to write no feeds, set 'enabled: false')")
    """How many of the newest posts each feed holds, e.g. `max_entries: 20`."""
    tag_feeds = Flag(default=True)
    """Also write each tag's feeds at /tags/<tag>/feed.xml, atom.xml, feed.json, e.g. `tag_feeds: true`."""
    image = c.Optional(SiteImage("assets/images/favicon.png"))
    """Site file shown as the feeds' image, e.g. `image: assets/images/favicon.png` (the theme's favicon)."""
    email_url = c.Optional(HttpsAddress("https://buttondown.com/yourname"))
    """Sign-up page of an RSS-to-email service that mails /feed.xml, offered on the subscribe page and
    each post, e.g. `email_url: https://buttondown.com/yourname` (none by default)."""


class FeedsOption(c.SubConfig[FeedsConfig]):
    """The `feeds:` group; an empty `feeds:` keeps every default."""

    def run_validation(self, value: object) -> FeedsConfig:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise ValidationError(
                f"must be a group of feed options such as 'feeds: {{enabled: false}}', got {_shown(value)}"
            )
        return super().run_validation(value)


class CoachBlogConfig(base.Config):
    """Options of the coachblog plugin (all optional)."""

    tips_dir = Folder("tips")
    """Folder in docs/ holding one Markdown file per tip, e.g. `tips_dir: tips`."""
    articles_dir = Folder("articles")
    """Folder in docs/ holding the articles that tips belong to, e.g. `articles_dir: articles`."""
    tags_dir = Folder("tags")
    """Folder of the generated tag pages, e.g. `tags_dir: tags` gives /tags/winter/."""
    newest_count = WholeNumber(
        6, low=1, hint=" (to show no cards, leave '<!-- newest-tips -->' out of the page)"
    )
    """How many tips `<!-- newest-tips -->` shows, e.g. `newest_count: 6`."""
    posts_per_page = WholeNumber(
        24, low=1, hint=" (the cards on each page of the tip index and of a tag page; older ones follow)"
    )
    """Cards on each page of the tip index and of each tag page, e.g. `posts_per_page: 24`; older posts
    go on /tips/page/2/ and so on, numbered from the oldest so a page's posts never change."""
    timezone = TimeZone("Europe/London")
    """Time zone of front-matter dates, e.g. `timezone: Europe/London`."""
    default_hour = WholeNumber(9, low=0, high=23, hint=" (the hour of the day: 0 is midnight, 13 is 1 pm)")
    """Hour at which a date without a time is published, e.g. `default_hour: 9`."""
    future_posts = OneOf(
        {
            "wait": "the post is not published until its date; `mkdocs serve` shows it as a preview",
            "draft": "the post's page is built but left out of lists and feeds until its date",
            "error": "the build stops",
        },
        default="wait",
    )
    """A post dated after the build (or SOURCE_DATE_EPOCH), e.g. `future_posts: wait`: not published
    until its date (`wait`), published unlisted (`draft`), or an `error`."""
    feeds = FeedsOption()
    """RSS, Atom and JSON Feed, e.g. `feeds: {max_entries: 20, tag_feeds: true}`."""
    social_cards = Flag(default=True)
    """Draw a 1200x630 link-preview image for each page, e.g. `social_cards: true`."""
    social_cards_cache = CachePath(".cache/social-cards")
    """Folder that keeps drawn cards between builds, relative to mkdocs.yml, e.g. `.cache/social-cards`."""
    theme_cache = Flag(default=True)
    """Render Material's nav once for the pages it is the same on (faster), e.g. `theme_cache: true`."""
    coaches_dir = Folder("coaches")
    """Folder in docs/ of one YAML file per coach; also the finder's URL, e.g. `coaches_dir: coaches`."""
    edit_branch = GitBranch("main")
    """Branch of repo_url that the join page and profiles propose coach files to, e.g. `edit_branch: main`."""
    coaches_licence = LicenceId({k: v.title for k, v in LICENCES.items()}, default=DEFAULT_LICENCE)
    """The licence of the directory's open data (/coaches/data/: JSON, CSV, GeoJSON) by its SPDX id,
    e.g. `coaches_licence: CC-BY-4.0`; also CC-BY-SA-4.0, CC0-1.0, ODbL-1.0 or ODC-By-1.0."""


def check_with_site(options: CoachBlogConfig, config: MkDocsConfig) -> None:
    """The rules between the plugin's options and MkDocs' own, checked before any file is read."""
    if options.feeds.enabled and not config.site_url:
        raise PluginError(
            "Feeds need absolute URLs: set site_url in mkdocs.yml to the site's address, such "
            "as 'https://example.org/', or turn them off with the coachblog option "
            "'feeds: {enabled: false}'"
        )
    if options.social_cards:
        root = Path(config.config_file_path or "mkdocs.yml").parent
        cache = (root / options.social_cards_cache).resolve()
        for setting, folder in (("docs_dir", config.docs_dir), ("site_dir", config.site_dir)):
            if cache == Path(folder).resolve() or Path(folder).resolve() in cache.parents:
                raise PluginError(
                    f"coachblog option 'social_cards_cache': {options.social_cards_cache!r} is inside "
                    f"{setting} ({folder}), which MkDocs {_OWNED[setting]}. Use a folder of its own, "
                    "such as '.cache/social-cards'"
                )
        if cache.exists() and not cache.is_dir():
            raise PluginError(
                f"coachblog option 'social_cards_cache': {options.social_cards_cache!r} is a "
                "file, not a folder. Use a folder, such as '.cache/social-cards'"
            )


_OWNED = {"docs_dir": "publishes as the site's pages", "site_dir": "empties at every build"}
