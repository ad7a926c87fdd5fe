"""YAML read the one safe way, with the line of every field and mistakes told in plain words.

Coach files and front matter are both read here. Everything is kept as written: every value is text
(no YAML 1.1 guessing that turns `007` into 7 or `12:30` into 750); anchors, aliases and tags are
refused before anything is built from them, and nesting is capped.

Syntax mistakes people really make (a colon in a text, an @handle, a tab, a missing space) are found
line by line, each with the corrected line to write, but only in a file YAML cannot read. When every
such mistake has a sure fix, the caller gets the values of the corrected text as well, so that the
other checks can run and a person sees everything wrong in one round.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import yaml

from coachblog.errors import Problem

try:  # libyaml's parser is ten times faster, which matters with thousands of coach files
    from yaml import CBaseLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import BaseLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 2  # the file's fields, then a list or a set of links: nothing deeper
NULLS = ("", "~", "null", "Null", "NULL")  # a plain value YAML editors read as "nothing"
SYNTAX_NOTE = "the other checks run once the file can be read"

Value = str | list["Value"] | dict[str, "Value"] | None


@dataclass
class YamlDocument:
    """A YAML mapping's fields as written (all text), the line of each field and of each list item."""

    values: dict[str, Value]
    lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    repeated: list[tuple[str, int]] = field(default_factory=list)  # (field, line) written twice
    fixes: list[Problem] = field(default_factory=list)  # syntax mistakes whose fix was applied to read on


def read_text(
    text: str, shown: str, is_field: Callable[[str], bool] = lambda key: False
) -> YamlDocument | list[Problem]:
    """The fields of a YAML mapping, or the problems that stop it being read at all.

    `is_field` says which names are fields, to tell an indented field from a continued text.
    """
    if "\x00" in text:
        return [Problem(shown, None, "is not a text file", allowed="YAML text")]
    read = _read(text, shown)
    if isinstance(read, YamlDocument) or not _syntax(read):
        return read
    # Only for a file YAML cannot read: a file it can read is never second-guessed.
    fixes = list(_line_mistakes(text, shown, is_field))
    if not fixes:
        return read
    again = _read(_apply(text, fixes), shown)
    if isinstance(again, YamlDocument):
        again.fixes = [fix.problem for fix in fixes]
        return again
    return [fix.problem for fix in fixes] + [_stopped(shown)]


def _syntax(problems: list[Problem]) -> bool:
    return any(SYNTAX_NOTE in p.message or "field: value" in p.message for p in problems)


def _stopped(shown: str) -> Problem:
    return Problem(shown, None, f"could not be read past the mistakes above: {SYNTAX_NOTE}")


def _read(text: str, shown: str) -> YamlDocument | list[Problem]:
    try:
        refused = _refused_events(text, shown)
        if refused:
            return refused
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        return [yaml_problem(shown, exc)]
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error carries a mark
        return [Problem(shown, None, f"cannot be read as YAML ({exc}): {SYNTAX_NOTE}")]
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value in NULLS):
        return [
            Problem(
                shown,
                None,
                "is empty",
                allowed="'field: value' lines, one per field",
                hint="Copy the example in CONTRIBUTING.md and fill it in",
            )
        ]
    if not isinstance(node, yaml.MappingNode):
        return [
            Problem(
                shown,
                None,
                "is not a list of 'field: value' lines",
                line=node.start_mark.line + 1,
                allowed="'field: value' lines, each starting at the left edge",
            )
        ]
    return _document(node)


def _refused_events(text: str, shown: str) -> list[Problem]:
    """Anchors, aliases, tags, directives, nesting and documents a coach file may not use, found
    before anything is built from them (an alias can multiply a small file into gigabytes)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 if event.start_mark else None
        what = _refusal(event)
        if what:
            return [
                Problem(
                    shown,
                    None,
                    f"uses {what}, which coach files cannot use",
                    line=line,
                    allowed="plain 'field: value' lines",
                    hint="Write the value out in full; if it is text, put it in quotes",
                )
            ]
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:
                return [
                    Problem(
                        shown,
                        None,
                        "has lists or sets of links inside others",
                        line=line,
                        allowed="a list of values, or a set of 'site: link' pairs, one level deep",
                        hint="Write it like 'specialties: [trail, fell]'",
                    )
                ]
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return []


def _refusal(event: yaml.Event) -> str:
    if isinstance(event, yaml.AliasEvent):
        return "a YAML alias ('*')"
    if isinstance(event, yaml.DocumentStartEvent) and (event.version or event.tags):
        return "a YAML directive ('%')"
    if isinstance(event, yaml.NodeEvent) and event.anchor:
        return "a YAML anchor ('&')"
    if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent) and event.tag is not None:
        return "a YAML tag ('!')"
    return ""


def _document(node: yaml.MappingNode) -> YamlDocument:
    doc = YamlDocument({})
    for key, value in node.value:
        name = str(_value(key))
        line = key.start_mark.line + 1
        if name in doc.values:
            doc.repeated.append((name, line))
            continue
        doc.values[name] = _value(value)
        doc.lines[name] = line
        if isinstance(value, yaml.SequenceNode | yaml.MappingNode):
            items = [item[0] if isinstance(item, tuple) else item for item in value.value]
            doc.item_lines[name] = [item.start_mark.line + 1 for item in items]
    return doc


def _value(node: yaml.Node) -> Value:
    if isinstance(node, yaml.SequenceNode):
        return [_value(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(_value(k)): _value(v) for k, v in node.value}
    assert isinstance(node, yaml.ScalarNode)
    text = str(node.value)
    plain = node.style in (None, "")  # libyaml says '' for a plain value, PyYAML None
    return None if plain and text in NULLS else text


# ---------------------------------------------------------------- plain words for YAML's errors


def yaml_problem(shown: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A parser error in plain words, on the line where the mistake is rather than where it was noticed."""
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    mark = exc.problem_mark
    if exc.context_mark and ("scanning" in context or "flow" in context):
        mark = exc.context_mark  # an unclosed quote or bracket: where it was opened
    line = mark.line + 1 if mark else None
    message, hint = _explained(problem, context)
    return Problem(
        shown,
        None,
        f"{message}: {SYNTAX_NOTE}",
        line=line,
        allowed="'field: value' lines starting at the left edge",
        hint=hint,
    )


def _explained(problem: str, context: str) -> tuple[str, str]:
    rules = [
        ("tab", "has a Tab character", "Use spaces instead of the Tab key"),
        (
            "mapping values are not allowed",
            "has ': ' (a colon and a space) where YAML does not expect a field",
            "If it is part of your text, put the whole text in double quotes",
        ),
        (
            "cannot start any token",
            "has a value starting with a character YAML keeps for itself (@ ` % ! & *)",
            'Put the value in double quotes, e.g. "@yourname"',
        ),
        (
            "expected ':'",
            "is not a 'field: value' line",
            "Start the line with a field name and ': ', or join it to the line above",
        ),
        (
            "expected ',' or ']'",
            "opens a list with '[' that is not closed",
            "End the list with ']' on the same line",
        ),
        (
            "expected ',' or '}'",
            "opens a set of links with '{' that is not closed",
            "End it with '}' on the same line",
        ),
        (
            "end of stream",
            "opens a quote that is never closed" if "quoted" in context else "is not finished",
            "Close the quote at the end of the text, on the same line",
        ),
        ("another document", "has '---' in the middle", "Keep one coach per file and delete the '---' line"),
        (
            "block sequence entries",
            "has a '- ' where YAML does not expect a list",
            "If it is part of your text, put the whole text in double quotes",
        ),
        (
            "expected key",
            "is not indented like the lines around it",
            "Start each field at the left edge; after a closing quote, nothing but a comment",
        ),
        (
            "expected <block end>",
            "is not indented like the lines around it",
            "Start each field at the left edge",
        ),
    ]
    for needle, message, hint in rules:
        if needle in problem:
            return message, hint
    return f"cannot be read as YAML ({problem})", "Check quotes and brackets on this line and the one before"


# ---------------------------------------------------------------- mistakes found line by line

_KEY_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?P<rest>.*)$")
_NEEDS_QUOTES_START = "@`%!&*|>"


@dataclass(frozen=True)
class LineFix:
    """One line's mistake, the problem that explains it and the line to write instead."""

    line: int
    corrected: str
    problem: Problem


def quoted(text: str) -> str:
    """`text` as a YAML quoted value that reads back exactly as `text`."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _line_mistakes(text: str, shown: str, is_field: Callable[[str], bool]) -> Iterator[LineFix]:
    lines = text.split("\n")
    parent_open = False  # the last field line had no value, so indented lines below belong to it
    for number, written in enumerate(lines, 1):
        if not written.strip() or written.lstrip().startswith("#"):
            continue
        line = written
        fix = _tab(line, parent_open) or _line_fix(line, parent_open, is_field)
        if fix:
            line, message, hint = fix
            indent = len(line) - len(line.lstrip(" "))
            text = f"{message}: write it as {line.strip()}" + (
                f" (with {indent} spaces first)" if indent else ""
            )
            yield LineFix(number, line, Problem(shown, None, text, line=number, hint=hint))
        match = _KEY_LINE.match(line)
        if match and not match["indent"]:
            parent_open = not _strip_comment(match["rest"]).strip()


def _tab(line: str, parent_open: bool) -> tuple[str, str, str] | None:
    if "\t" not in line:
        return None
    lead = len(line) - len(line.lstrip(" \t"))
    indent = "" if not parent_open else line[:lead].replace("\t", "  ")
    corrected = indent + line[lead:].replace("\t", " ")
    return corrected, "has a Tab character (YAML needs spaces)", "Use spaces, never the Tab key"


def _line_fix(line: str, parent_open: bool, is_field: Callable[[str], bool]) -> tuple[str, str, str] | None:
    match = _KEY_LINE.match(line)
    if match is None:
        return None
    indent, key, rest = match["indent"], match["key"], match["rest"]
    if rest and not rest[0].isspace() and not rest.startswith("//"):
        corrected = f"{indent}{key}: {rest}"
        return corrected, "needs a space after the colon", "Put a space between ':' and the value"
    if indent and not parent_open and is_field(key):
        corrected = line.lstrip()
        return corrected, "starts with spaces", "Start each field at the left edge of the line"
    if indent and not parent_open:
        return None  # a continuation of the text above: quoting a piece of it would not help
    value_part = _strip_comment(rest)
    comment = rest[len(value_part) :].strip()
    fixed = _fixed_value(value_part.strip())
    if fixed is None:
        return None
    new_value, message, hint = fixed
    return f"{indent}{key}: {new_value}" + (f"  {comment}" if comment else ""), message, hint


QUOTES_HINT = "Keep the quotes: they tell YAML it is all text"


def _fixed_value(value: str) -> tuple[str, str, str] | None:
    """A plain value YAML cannot read as the coach meant it, quoted, and why; None when it is fine."""
    if not value:
        return None
    first = value[0]
    if first in "[{":
        return _fixed_flow(value)
    if first in "\"'":
        return _fixed_quotes(value)
    why = ""
    if first in _NEEDS_QUOTES_START and not (first in "|>" and len(value) <= 2):
        why = f"starts with '{first}', which YAML keeps for itself"
    elif value.startswith(("- ", "? ")) or value in ("-", "?"):
        why = f"starts with '{first} ', which YAML reads as a list"
    elif ": " in value or value.endswith(":"):
        why = "has ': ' (a colon and a space) in the text"
    return (quoted(value), f"{why}, so the text needs quotes", QUOTES_HINT) if why else None


def _fixed_quotes(value: str) -> tuple[str, str, str] | None:
    close = _closing_quote(value)
    if close is None:
        return (
            quoted(value[1:]),
            "opens a quote that is never closed",
            "Close the quote at the end of the text",
        )
    if value[close + 1 :].strip():
        return quoted(value), "has text after the closing quote", "Put quotes around the whole text"
    return None


def _closing_quote(value: str) -> int | None:
    quote, index = value[0], 1
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and value[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def _fixed_flow(value: str) -> tuple[str, str, str] | None:
    opener = value[0]
    closer = "]" if opener == "[" else "}"
    inner = value[1:]
    message = ""
    if closer not in inner:
        message = (
            f"opens {'a list' if opener == '[' else 'a set of links'} with '{opener}' that is not closed"
        )
    else:
        inner = inner[: inner.rindex(closer)]
    if "[" in inner or "{" in inner or '"' in inner or "'" in inner:
        return (value + closer, message, f"End it with '{closer}' on the same line") if message else None
    items = [item.strip() for item in inner.split(",")]
    fixed_items = []
    for item in items:
        key, sep, rest = item.partition(": ") if opener == "{" else ("", "", item)
        rest = rest.strip()
        if rest and (rest[0] in _NEEDS_QUOTES_START or ": " in rest):
            message = message or f"has a value starting with '{rest[0]}' in it, which needs quotes"
            rest = quoted(rest)
        fixed_items.append(f"{key}{sep}{rest}" if sep else rest)
    if not message:
        return None
    hint = f"End it with '{closer}' on the same line" if closer not in value[1:] else QUOTES_HINT
    return opener + ", ".join(fixed_items) + closer, message, hint


def _strip_comment(rest: str) -> str:
    """The value part of a line without a trailing ' # comment' (outside quotes)."""
    quote = ""
    for index, char in enumerate(rest):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and not rest[:index].strip():
            quote = char
        elif char == "#" and (index == 0 or rest[index - 1] in " \t"):
            return rest[:index]
    return rest


def _apply(text: str, fixes: list[LineFix]) -> str:
    if not fixes:
        return text
    lines = text.split("\n")
    for fix in fixes:
        lines[fix.line - 1] = fix.corrected
    return "\n".join(lines)
