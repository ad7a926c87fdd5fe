"""Dirty builds (`mkdocs build --dirty`, `mkdocs serve --dirty`) that write what a clean build writes.

MkDocs' own mechanism renders only the pages whose `File.is_modified()` is true. This module answers it
from a record the last build kept in `.cache/dirty-builds/` (incremental/record.py): a page counts as
modified when its own source changed; when anything that other pages show changed (incremental/plan.py),
the output folder is emptied and every page is built, as a clean build does. The pages not rendered get
back what the record kept of them: their title and meta (for the navigation), their feed entry's body and
their documents in the search index. A file the plugin makes (the directory's data, thumbnails, place
files) is written again only when its bytes differ from what the last build wrote there.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import sys
from collections.abc import Callable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory

from coachblog import json_text
from coachblog.feeds.site_feeds import Feeds
from coachblog.incremental import search_docs
from coachblog.incremental.inputs import FileState, digest, file_states, tree_digest
from coachblog.incremental.plan import Plan, decide
from coachblog.incremental.record import RECORD_VERSION, PageRecord, Record, forget, record_path, save, take
from coachblog.posts.pages import SitePosts
from coachblog.search_index import INDEX_PATH

log = get_plugin_logger(__name__)

RECORD_DIR = ".cache/dirty-builds"  # beside mkdocs.yml, like the social cards' cache
PACKAGE = Path(__file__).parent
DIRTY_WARNING = "A 'dirty' build is being performed"  # MkDocs' warning, true of its dirty builds, not ours


class _QuietDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


def quiet_dirty_warning() -> None:
    """Drop MkDocs' warning that a dirty build gives wrong navigation (it fails `--strict`): with the
    record, a dirty build writes what a clean one does. Once per process."""
    logger = logging.getLogger(f"{mkdocs.__name__}.commands.build")
    if not any(isinstance(f, _QuietDirtyWarning) for f in logger.filters):
        logger.addFilter(_QuietDirtyWarning())


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def start(config: MkDocsConfig, dirty: bool) -> DirtyBuild | None:
    """This build's dirty-build bookkeeping, or None for a clean build, which makes the folder's record
    untrue (it empties the folder first) and so removes it."""
    if dirty:
        return DirtyBuild(config)
    forget(record_path(Path(config.config_file_path).parent / RECORD_DIR, str(config.site_dir)))
    return None


class DirtyBuild:
    """One dirty build: the record it took, its plan, and the record it leaves."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.site_dir = str(config.site_dir)
        self.path = record_path(Path(config.config_file_path).parent / RECORD_DIR, self.site_dir)
        self.record = take(self.path)
        self.plan = Plan(True, "not planned yet")
        self.docs: dict[str, FileState] = {}
        self.code: dict[str, FileState] = {}
        self.parts: dict[str, str] = {}
        self.page_digests: dict[str, str] = {}  # by source path, in the build's order
        self.written: dict[str, str] = {}  # digests of the files the plugin made, by dest_uri
        self.search_docs: dict[str, list[search_docs.Doc]] = {}
        self.warnings = _Counter()
        logging.getLogger(mkdocs.__name__).addHandler(self.warnings)

    def stop_counting(self) -> None:
        logging.getLogger(mkdocs.__name__).removeHandler(self.warnings)

    # ------------------------------------------------------------------ on_files: the plan

    def plan_pages(self, files: Files, config: MkDocsConfig, posts: SitePosts) -> None:
        """Decide what to render and make MkDocs see exactly that: empty the folder for a full build,
        else answer each page's `is_modified()`."""
        previous = self.record
        self.docs = file_states(Path(config.docs_dir), previous.docs if previous else {})
        self.code = _code_states(config, previous.code if previous else {})
        self.parts = self._parts(files, config, posts)
        self.page_digests = {f.src_uri: self._page_digest(f) for f in _pages(files)}
        built = {f.src_uri: os.path.isfile(f.abs_dest_path) for f in _pages(files)}
        pages = {src: (source, built[src]) for src, source in self.page_digests.items()}
        self.plan = decide(previous, self.site_dir, self.parts, pages)
        if self.plan.full:
            log.info(f"Dirty build: building every page ({self.plan.reason})")
            clean_directory(self.site_dir)
            return
        log.info(f"Dirty build: {self.plan.reason}, so only they are rendered again")
        for file in _pages(files):
            file.is_modified = _answer(file.src_uri in self.plan.modified)  # type: ignore[method-assign]
        for file in _made(files):
            file.is_modified = self._unwritten(file)  # type: ignore[method-assign]

    def _unwritten(self, file: File) -> Callable[[], bool]:
        """Asked when MkDocs copies the file: are its bytes now other than those the last build wrote?"""
        written = self.record.written if self.record is not None else {}

        def is_modified() -> bool:
            same = written.get(file.dest_uri) == self._written_digest(file)
            return not (same and _size(file.abs_dest_path) == len(file.content_bytes))

        return is_modified

    def _written_digest(self, file: File) -> str:
        """The digest of a file the plugin made, worked out once (when copied, or for the record)."""
        if (known := self.written.get(file.dest_uri)) is None:
            known = self.written[file.dest_uri] = digest(file.content_bytes)
        return known

    def _page_digest(self, file: File) -> str:
        """A page's source as the docs folder's record has it; the Markdown of a page the plugin writes."""
        state = self.docs.get(file.src_uri) if file.generated_by is None else None
        return state.digest if state is not None else digest(file.content_bytes)

    def _parts(self, files: Files, config: MkDocsConfig, posts: SitePosts) -> dict[str, str]:
        """The digests of what every page can show (incremental/plan.py names them)."""
        page_paths = {f.src_uri for f in _pages(files) if f.generated_by is None}
        titles = [f"{rel}\0{s.title_digest}" for rel, s in self.docs.items() if rel in page_paths]
        others = {rel: s for rel, s in self.docs.items() if rel not in page_paths}
        now = posts.settings.posts.now
        return {
            "engine": digest(sys.version, platform.platform(), _engine_versions()),
            "code": tree_digest(self.code),
            "config": digest(_config_text(config)),
            "day": now.date().isoformat() if now else "",
            "files": digest(*(f"{f.src_uri}\0{f.dest_uri}\0{f.url}\0{f.generated_by}" for f in files)),
            "titles": digest(*titles),
            "posts": digest(repr(posts.catalog.posts), repr(posts.withheld)),
            "other_files": tree_digest(others),
        }

    # ------------------------------------------------------------------ on_nav: pages not rendered

    def restore_pages(self, files: Files) -> None:
        """Give each page not rendered again its title and meta from the record, for the navigation."""
        if self.plan.full or self.record is None:
            return
        for file in _pages(files):
            if file.src_uri not in self.plan.modified and file.page is not None:
                kept = self.record.pages[file.src_uri]
                file.page.title = kept.title
                file.page.meta = dict(kept.meta)

    # ------------------------------------------------------------------ on_post_build: what they gave

    def restore_feed_bodies(self, feeds: Feeds, posts: SitePosts) -> None:
        """The feed entries' bodies of the posts not rendered again, from the record."""
        if self.plan.full or self.record is None:
            return
        for post in posts.catalog.posts:
            kept = self.record.pages.get(post.src_uri)
            if post.src_uri not in self.plan.modified and kept is not None and kept.feed_body:
                feeds.add_body(post, *kept.feed_body)

    def keep_search_docs(self, files: Files) -> None:
        """Before the plugin adds its own entries: the theme's search documents of this build by page,
        the kept ones put back first when only some pages were rendered."""
        self.search_docs = self._search_docs(files)

    def finish(self, files: Files, feeds: Feeds | None) -> None:
        """Leave a record of this build: none when it warned (the next build builds every page and warns
        again)."""
        self.stop_counting()
        docs = self.search_docs
        if self.warnings.count:
            log.info("Dirty build: no record kept, as this build warned; the next one builds every page")
            return
        pages: dict[str, PageRecord] = {}
        for file in _pages(files):
            page = file.page
            assert page is not None
            body = feeds.body(file.src_uri) if feeds is not None else None
            searched = docs.get(page.url, [])
            record = PageRecord(self.page_digests[file.src_uri], page.title, dict(page.meta), body, searched)
            pages[file.src_uri] = record
        if stale := self._titles_changed(pages):
            log.warning(
                f"Dirty build: {stale} changed its title or meta in a way the record could not foresee; "
                "other pages may show the old one until the next build, which builds every page"
            )
            return
        written = {file.dest_uri: self._written_digest(file) for file in _made(files)}
        save(
            self.path, Record(RECORD_VERSION, self.site_dir, self.parts, self.docs, self.code, pages, written)
        )

    def abandon(self) -> None:
        """The build failed: no record, so the next build is a full one."""
        self.stop_counting()
        forget(self.path)

    def _titles_changed(self, pages: dict[str, PageRecord]) -> str | None:
        if self.plan.full or self.record is None:
            return None
        for src in sorted(self.plan.modified):
            old, new = self.record.pages[src], pages[src]
            if (old.title, old.meta) != (new.title, new.meta):
                return src
        return None

    def _search_docs(self, files: Files) -> dict[str, list[search_docs.Doc]]:
        """The theme's search documents by page URL; after a partial build, the index written again
        with the kept documents of the pages not rendered, in the order a full build has."""
        path = Path(self.site_dir) / INDEX_PATH
        if not path.is_file():
            return {}
        index = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(index, dict) or not isinstance(index.get("docs"), list):
            return {}
        if not self.plan.full and self.record is not None:
            kept = {f.url: self.record.pages[f.src_uri].search_docs for f in _pages(files)}
            order = [(f.url, f.src_uri in self.plan.modified) for f in _pages(files)]
            index["docs"] = search_docs.splice(index["docs"], order, kept)
            path.write_text(json_text.dumps(index), encoding="utf-8")
        return search_docs.by_page(index["docs"])


def _pages(files: Files) -> list[File]:
    return list(files.documentation_pages())


def _made(files: Files) -> list[File]:
    """The files the plugin made in memory (not pages, not copies of a source file)."""
    return [f for f in files if f.abs_src_path is None and not f.is_documentation_page()]


def _size(path: str) -> int | None:
    try:
        return os.path.getsize(path)
    except OSError:
        return None


def _answer(value: bool) -> Callable[[], bool]:
    return lambda: value


def _engine_versions() -> str:
    names = ("mkdocs", "properdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
    found = []
    for name in names:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:  # not installed: its absence is the fact recorded
            found.append(f"{name}=-")
    return " ".join(found)


def _code_states(config: MkDocsConfig, previous: dict[str, FileState]) -> dict[str, FileState]:
    """The plugin's own files and the theme's custom folder: a change in either can change every page."""
    states = {f"plugin/{rel}": s for rel, s in file_states(PACKAGE, _strip(previous, "plugin/")).items()}
    custom = config.theme.custom_dir
    if custom:
        found = file_states(Path(custom), _strip(previous, "theme/"))
        states.update({f"theme/{rel}": s for rel, s in found.items()})
    return states


def _strip(states: dict[str, FileState], prefix: str) -> dict[str, FileState]:
    return {rel.removeprefix(prefix): s for rel, s in states.items() if rel.startswith(prefix)}


def _config_text(config: MkDocsConfig) -> str:
    """MkDocs' settings as this build resolved them (with the environment they read), plugins included,
    written the same in every process (a set's order follows the process's hash seed)."""
    settings = [(key, _stable(value)) for key, value in sorted(config.items()) if key != "plugins"]
    plugins = [(name, _stable(plugin.config)) for name, plugin in config.plugins.items()]
    return repr((settings, plugins))


def _stable(value: object) -> str:
    """`repr`, with sets sorted and the theme (a mapping with a name, folders and templates) in full."""
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(_stable(v) for v in value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_stable(v) for v in value) + "]"
    if isinstance(value, Mapping):
        items = sorted((_stable(k), _stable(v)) for k, v in value.items())
        extra = [getattr(value, name, None) for name in ("name", "dirs", "static_templates")]
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}" + _stable(extra)
    return repr(value)
