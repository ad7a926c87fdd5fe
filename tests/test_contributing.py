"""The contributor guide (CONTRIBUTING.md) and the pull request template."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from coachblog.coaches import schema
from tests.content import load, run, site_folder
from tests.helpers import REPO

GUIDE = REPO / "CONTRIBUTING.md"
FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>\w*)\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)
# `field: value` in running text: an example of a line to write in a coach file.
INLINE = re.compile(r"`([a-z_]+): ([^`\n]+)`")
# A whole coach file that passes the check, to complete fragments with.
WHOLE = """\
name: Alex Example
place: Dorking
country: GB
specialties: [trail, fell]
coaching: [in-person, groups]
email: alex@example.org
bio: I coach trail runners in the Surrey Hills.
joined: 2025-11-01
"""
PAIRED = {"latitude": "longitude", "longitude": "latitude"}


def fenced(language: str) -> list[str]:
    """The guide's fenced code blocks in `language`, indentation (inside list items) removed."""
    text = GUIDE.read_text(encoding="utf-8")
    return [textwrap.dedent(m["body"]) for m in FENCE.finditer(text) if m["lang"] == language]


def yaml_examples() -> list[str]:
    return fenced("yaml")


def inline_examples() -> list[str]:
    """Every `field: value` the guide's text gives as a line to write (not those inside code blocks)."""
    prose = FENCE.sub("", GUIDE.read_text(encoding="utf-8"))
    return [f"{key}: {value}\n" for key, value in INLINE.findall(prose) if key in schema.FIELDS_BY_KEY]


def completed(fragment: str) -> tuple[str, tuple[str, ...]]:
    """A fragment of a coach file made whole: the fields it leaves out taken from WHOLE, a lone
    latitude or longitude given its partner from the schema's example, and the photo it names added.
    Returns the file's text and the photo files (paths under docs/) that go with it."""
    given = yaml.safe_load(fragment)
    assert isinstance(given, dict), fragment
    lines = [fragment.rstrip("\n")]
    lines += [line for line in WHOLE.splitlines() if line.split(":")[0] not in given]
    lines += [
        f"{PAIRED[k]}: {schema.FIELDS_BY_KEY[PAIRED[k]].example}"
        for k in PAIRED
        if k in given and PAIRED[k] not in given
    ]
    photos = (f"coaches/{given['photo']}",) if "photo" in given else ()
    return "\n".join(lines) + "\n", photos


def test_the_contributor_guide_lists_the_schema_and_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/coach_guide.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for spec in schema.FIELDS:
        assert f"| `{spec.key}` |" in guide
    for value in [*schema.SPECIALTIES, *schema.COACHING, *schema.SOCIAL]:
        assert f"`{value}`" in guide
    assert "Add file" in guide and "Create new file" in guide and "template=coach.md" in guide
    template = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert yaml.safe_load(template)["specialties"] == ["trail", "fell"]


def test_a_changed_schema_makes_the_guide_out_of_date(monkeypatch: pytest.MonkeyPatch) -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    monkeypatch.setitem(schema.SPECIALTIES, "hill-reps", "Hill repeats")
    monkeypatch.setattr(schema, "FIELDS", schema.FIELDS)
    assert schema.with_guide(guide) != guide
    assert "`hill-reps`: Hill repeats" in schema.with_guide(guide)


def test_the_pull_request_template_has_the_coach_checklist() -> None:
    template = (REPO / ".github/PULL_REQUEST_TEMPLATE/coach.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 4
    assert "docs/coaches/" in template and "public" in template


def test_the_guide_has_an_example_of_every_field_and_whole_files() -> None:
    """The extraction the next two tests rely on finds what the guide holds."""
    assert {e.split(":")[0] for e in inline_examples()} == set(schema.FIELDS_BY_KEY)
    assert len(yaml_examples()) >= 2
    assert any(e.startswith("place: ") and "Newport" in e for e in inline_examples())


@pytest.mark.parametrize("example", yaml_examples(), ids=lambda e: e.split("\n")[0][:40])
def test_every_yaml_example_in_the_guide_passes_the_check(example: str) -> None:
    text, photos = completed(example)
    result = load({"coaches/alex-example.yml": text}, photos)
    assert result.problems == [], f"{text}\n" + "\n".join(map(str, result.problems))
    assert len(result.coaches) == 1


@pytest.mark.parametrize("example", inline_examples(), ids=lambda e: e.strip())
def test_every_field_example_in_the_guide_passes_the_check(example: str) -> None:
    text, photos = completed(example)
    assert text.startswith(example), "the example is checked as the guide writes it"
    result = load({"coaches/alex-example.yml": text}, photos)
    assert result.problems == [], f"{text}\n" + "\n".join(map(str, result.problems))


def test_the_guide_commands_write_and_check_a_file(tmp_path: Path) -> None:
    """The new_coach.py command with options, then the check_coaches.py command, as the guide gives them."""
    root = site_folder(tmp_path)
    commands = [
        shlex.split(line) for block in fenced("sh") for line in block.replace("\\\n", " ").splitlines()
    ]
    scripted = [c for c in commands if "--no-input" in c or "scripts/check_coaches.py" in c]
    assert [Path(c[1]).name for c in scripted] == ["new_coach.py", "check_coaches.py"]
    for command in scripted:
        assert command[0] == ".venv/bin/python"
        result = run(Path(command[1]).name, *command[2:], cwd=root)
        assert result.returncode == 0, result.stdout + result.stderr
