"""Reading YAML front matter from a Markdown file, keeping the line each field is on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from coachblog.errors import ContentError, Problem

_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\r?\n(.*?\r?\n)?(?:-{3}|\.{3})[ \t]*(?:\r?\n|\Z)", re.DOTALL)


# libyaml's parser when PyYAML was built with it: several times faster on a thousand tips.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader that leaves dates as text, so a bad date is reported by the field's own check."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _compose_and_construct(block: str) -> tuple[yaml.Node | None, object]:
    """Parse once: the node tree (for line numbers) and the values built from it."""
    loader = _Loader(block)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


@dataclass
class FrontMatter:
    """The front matter of one file: its values and the line of each top-level key."""

    path: str
    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """The 1-based line of `key`, or of the opening '---' when the key is missing."""
        return self.lines.get(key, 1)


def read_front_matter(text: str, path: str) -> FrontMatter:
    """Parse the YAML block at the top of `text`; a file without one has empty front matter."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter(path)
    block = match.group(1) or ""
    try:
        node, values = _compose_and_construct(block)
    except yaml.MarkedYAMLError as exc:
        raise ContentError([_yaml_problem(path, exc)]) from exc
    if values is None:
        return FrontMatter(path)
    if not isinstance(values, dict) or not isinstance(node, yaml.MappingNode):
        raise ContentError([Problem(path, None, "the front matter must be 'key: value' lines", line=2)])
    lines = {
        str(key.value): key.start_mark.line + 2  # +1 for 1-based lines, +1 for the opening '---'
        for key, _ in node.value
    }
    return FrontMatter(path, {str(k): v for k, v in values.items()}, lines)


def _yaml_problem(path: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error with the line it was found on and the line the broken part began."""
    mark = exc.problem_mark or exc.context_mark
    message = f"the front matter is not valid YAML: {exc.problem}"
    if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        message += f" ({exc.context} on line {exc.context_mark.line + 2})"
    return Problem(
        path,
        None,
        message,
        line=mark.line + 2 if mark else None,
        hint="Check quotes and brackets; text containing ': ' needs quotes",
    )
