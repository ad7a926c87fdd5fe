"""The site builds the same on both engines: MkDocs 1.6 and ProperDocs, its maintained drop-in fork.

The rest of the suite runs on MkDocs; `make test` runs the fast tests once more on ProperDocs
(`pytest -p properdocs.replacement`). Here both command lines build the project's own site.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from tests.helpers import Site

BIN = Path(sys.executable).parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def built_by(engine: str, site: Site, out: Path) -> dict[str, bytes]:
    """Every file `engine build --strict` writes for the site, the generator tag blanked out."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1800000000", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [str(BIN / engine), "build", "--strict", "-q", "-f", str(site.root / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {
        p.relative_to(out).as_posix(): GENERATOR.sub(b"", p.read_bytes())
        for p in out.rglob("*")
        if p.is_file()
    }


@pytest.mark.slow
def test_mkdocs_and_properdocs_write_the_same_site(repo_site: Site, tmp_path: Path) -> None:
    on_mkdocs = built_by("mkdocs", repo_site, tmp_path / "mkdocs")
    on_properdocs = built_by("properdocs", repo_site, tmp_path / "properdocs")
    assert on_mkdocs.keys() == on_properdocs.keys()
    assert [name for name in on_mkdocs if on_mkdocs[name] != on_properdocs[name]] == []
    assert len(on_mkdocs) > 50


def test_the_plugin_is_registered_for_both_engines() -> None:
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        (found,) = [e for e in entry_points(group=group) if e.name == "coachblog"]
        assert found.value == "coachblog.plugin:CoachBlogPlugin"
