"""mkdocs.yml read as text, for the scripts that run without MkDocs (the pull request checks, the
scheduled jobs, `make init`): `!ENV` resolved as MkDocs resolves it, any other tag read as nothing."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """YAML with MkDocs' tags."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # `!ENV NAME`, or `!ENV [NAME, OTHER, default]`: the first variable set, else the last item.
    if isinstance(node, yaml.ScalarNode):
        values = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
    else:
        values = []
    names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    return next((os.environ[str(n)] for n in names if os.environ.get(str(n))), default)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def load_yaml(text: str) -> Any:
    """mkdocs.yml's text as plain values."""
    return yaml.load(text, Loader=_Loader)


@dataclass(frozen=True)
class SiteConfig:
    """MkDocs' settings and the coachblog plugin's options, as written (defaults are the caller's)."""

    values: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def text(self, key: str) -> str | None:
        """A top-level setting as text; None when missing or empty."""
        value = self.values.get(key)
        return str(value) if value not in (None, "") else None

    def option(self, key: str, default: Any) -> Any:
        value = self.options.get(key)
        return default if value in (None, "") else value

    def folder(self, key: str, default: str) -> str:
        """One of the plugin's folder options, without slashes at its ends."""
        return str(self.option(key, default)).strip("/")

    @property
    def docs_dir(self) -> str:
        return (self.text("docs_dir") or "docs").strip("/")


def read_site_config(mkdocs_yml: str) -> SiteConfig:
    values = load_yaml(mkdocs_yml)
    values = values if isinstance(values, dict) else {}
    options: dict[str, Any] = {}
    for plugin in values.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("coachblog"), dict):
            options = plugin["coachblog"]
    return SiteConfig(values, options)
