"""The one Jinja environment for the plugin's own templates (package folder templates/, autoescaped),
and the compiled theme templates kept between builds.

The templates ship with the package and do not change while it runs, so a template is looked up
once: Jinja's reload check (a file check per look-up) would run thousands of times a build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, select_autoescape

TEMPLATES = Environment(
    loader=PackageLoader("coachblog", "templates"),
    autoescape=select_autoescape(default=True),
    keep_trailing_newline=False,
    auto_reload=False,
)


def render(template: str, **context: Any) -> str:
    """One of the plugin's templates filled in."""
    return TEMPLATES.get_template(template).render(**context)


def keep_compiled(env: Environment, folder: Path) -> None:
    """Keep `env`'s compiled templates in `folder` for the next build (unless `env` already has a cache).

    MkDocs makes a new theme environment for every build, so each build, and each `mkdocs serve`
    rebuild, compiled Material's templates again (about half a second). Jinja keys each compiled
    template by its name and file and checks it against its source's checksum and Jinja's and
    Python's versions, so a changed template or override is compiled anew: the pages are the same.
    """
    if env.bytecode_cache is None:
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
