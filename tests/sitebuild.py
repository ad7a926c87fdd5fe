"""Build a real MkDocs site into a temporary folder and read what it wrote."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Site:
    """A copy of a site's sources in a temporary folder, built on demand."""

    root: Path
    warnings: list[str] = field(default_factory=list)

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def out(self) -> Path:
        return self.root / "site"

    def write(self, rel: str, text: str) -> Path:
        path = self.docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def config(self, **overrides: Any) -> MkDocsConfig:
        overrides.setdefault("site_dir", str(self.out))
        cfg = load_config(str(self.root / "mkdocs.yml"), **overrides)
        cfg["strict"] = True
        return cfg

    def build(self, config: MkDocsConfig | None = None, **overrides: Any) -> MkDocsConfig:
        cfg = config or self.config(**overrides)
        with _capture_log() as records:
            try:
                build(cfg)
            except Abort as exc:
                raise BuildFailed("\n".join(r.getMessage() for r in records)) from exc
        self.warnings.extend(r.getMessage() for r in records if r.levelno == logging.WARNING)
        return cfg

    def html(self, url_path: str) -> str:
        path = self.out / url_path.strip("/")
        if not url_path.endswith(".html") and not url_path.endswith(".xml"):
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def copy_repo_site(dest: Path) -> Site:
    """A copy of the project's own site (config, docs, overrides)."""
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, dest / name)
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, dest / name)
    return Site(dest)


def minimal_site(dest: Path, plugin_options: dict[str, Any] | None = None,
                 extra_config: dict[str, Any] | None = None) -> Site:  # fmt: skip
    """A small site with the plugin on and nothing else but what a test writes."""
    config: dict[str, Any] = {
        "site_name": "Test site",
        "site_url": "https://example.org/blog/",
        "theme": {"name": "material", "font": False},
        "plugins": [{"coachblog": plugin_options or {}}],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    config.update(extra_config or {})
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    site = Site(dest)
    site.write("index.md", "# Home\n\n<!-- newest-tips -->\n")
    return site


class BuildFailed(Exception):
    """The build stopped; the message holds every warning and error MkDocs logged."""


@contextmanager
def _capture_log() -> Iterator[list[logging.LogRecord]]:
    captured: list[logging.LogRecord] = []

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            captured.append(record)

    handler = Handler(level=logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield captured
    finally:
        logger.removeHandler(handler)
