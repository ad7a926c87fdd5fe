"""The one Jinja environment for the plugin's own templates (package folder templates/, autoescaped).

The templates ship with the package and do not change while it runs, so a template is looked up
once: Jinja's reload check (a file check per look-up) would run thousands of times a build.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

TEMPLATES = Environment(
    loader=PackageLoader("coachblog", "templates"),
    autoescape=select_autoescape(default=True),
    keep_trailing_newline=False,
    auto_reload=False,
)


def render(template: str, **context: Any) -> str:
    """One of the plugin's templates filled in."""
    return TEMPLATES.get_template(template).render(**context)
