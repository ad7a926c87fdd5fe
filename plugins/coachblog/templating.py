"""The one Jinja environment for the plugin's own templates (package folder templates/, autoescaped)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

TEMPLATES = Environment(
    loader=PackageLoader("coachblog", "templates"),
    autoescape=select_autoescape(default=True),
    keep_trailing_newline=False,
)
