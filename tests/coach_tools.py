"""What the coach-tool tests share: a site folder with two good coach files, and running a script."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from coachblog.coaches.directory import LoadResult, load_coaches
from coachblog.coaches.fields import CoachSource, Folder
from coachblog.places.gazetteer import load_gazetteer
from tests.sitebuild import REPO

FIXTURES = REPO / "tests" / "coach_fixtures" / "finder"
GOOD = """\
name: Alex Example
place: Dorking
country: GB
specialties: [trail, fell]
coaching: [in-person, groups]
website: https://example.org/alex
email: alex@example.org
bio: I coach trail runners in the Surrey Hills.
joined: 2025-11-01
"""


def coach(**changes: str) -> str:
    """GOOD with fields replaced in place ('' deletes one); new fields go at the end."""
    lines = GOOD.splitlines()
    for key, value in changes.items():
        index = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
        if index is None:
            lines.append(f"{key}: {value}")
        elif value == "":
            del lines[index]
        else:
            lines[index] = f"{key}: {value}"
    return "\n".join(lines) + "\n"


def site_folder(root: Path) -> Path:
    """`root` made a site folder with mkdocs.yml and two good coach files."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    coaches = root / "docs" / "coaches"
    coaches.mkdir(parents=True)
    for name in ("dana-downs.yml", "cai-online.yml"):
        shutil.copy(FIXTURES / name, coaches / name)
    return root


def run(script: str, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run scripts/<script> as a person would, outside GitHub Actions unless `env` says otherwise."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run([sys.executable, str(REPO / "scripts" / script), *args], cwd=cwd, env=clean | env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


TODAY = dt.date(2026, 1, 15)


def one(text: str) -> dict[str, str]:
    """One coach file, as {path under docs/: text}."""
    return {"coaches/alex-example.yml": text}


def load(files: dict[str, str], photos: tuple[str, ...] = (), focus: set[str] | None = None) -> LoadResult:
    """Load coach files given as {path under docs/: text}, as the plugin does."""
    sources = [CoachSource(uri, text, f"docs/{uri}") for uri, text in files.items()]
    uris = list(files) + list(photos)
    return load_coaches(
        sources, uris, Folder("coaches", "docs/coaches/"), gazetteer=load_gazetteer, today=TODAY, focus=focus
    )
