"""The contributor guide (CONTRIBUTING.md) and the pull request template."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from coachblog import coach_schema as schema
from tests.sitebuild import REPO


def test_the_contributor_guide_lists_the_schema_and_is_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(REPO / "scripts/coach_guide.py"), "--check"],
                            capture_output=True, text=True, check=False)  # fmt: skip
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
