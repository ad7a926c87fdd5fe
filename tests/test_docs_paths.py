"""The guides and workflows name only files that exist (issue "One rule table, one house": no drift).

README.md, ARCHITECTURE.md and CONTRIBUTING.md name modules, scripts and files in backticks; the
workflows name scripts in `run:` lines and files in `hashFiles(...)` cache keys. A file that moved
leaves its old name behind in all of them, and nothing else notices: a cache key on a moved file
never changes, a reader looks for a module that is gone. Paths under `docs/` and the site's own URLs
are left out: they name content an owner replaces, not the project's code.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from tests.helpers import REPO

GUIDES = ("README.md", "ARCHITECTURE.md", "CONTRIBUTING.md")
WORKFLOWS = tuple(sorted((REPO / ".github" / "workflows").glob("*.yml")))
PACKAGE = REPO / "plugins" / "coachblog"
SKIPPED_DIRS = {
    *(".git", ".venv", ".cache", "site", "bench-out", "node_modules", "__pycache__", ".pytest_cache"),
}
# A bare name with one of these endings is one of the project's files; a bare `.yml` is as often an
# example a coach copies (`alex-example.yml`), so YAML is checked only as a path (`.github/...`).
SOURCE_ENDINGS = (".py", ".js", ".css", ".html", ".sh", ".toml", ".txt", ".cfg")
ROOTS = ("plugins/", "scripts/", "tests/", "overrides/", "schemas/", ".github/", ".ci/")
PACKAGE_DIRS = tuple(f"{p.name}/" for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__")
PATH_TOKEN = re.compile(r"[\w.\-/]+")


@cache
def repo_files() -> frozenset[str]:
    """Every file of the repository, as a path from its root ('plugins/coachblog/text.py')."""
    found = set()
    for folder, dirs, names in os.walk(REPO):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]  # never walked into: .venv alone is huge
        rel = Path(folder).relative_to(REPO).as_posix()
        found.update(name if rel == "." else f"{rel}/{name}" for name in names)
    return frozenset(found)


@cache
def repo_dirs() -> frozenset[str]:
    """Every folder that holds a file of the repository."""
    return frozenset(f.rsplit("/", 1)[0] for f in repo_files() if "/" in f)


def exists(name: str) -> bool:
    """A path from the repository's root, from the plugin package, or a file's own name found
    anywhere (the guides say `share.py` or `coaches/pages.py` where the context says where)."""
    name = name.rstrip("/").removeprefix("./")
    files, dirs = repo_files(), repo_dirs()
    for candidate in (name, f"plugins/coachblog/{name}"):
        if candidate in files or candidate in dirs or (REPO / candidate).exists():
            return True
    return any(f.endswith(f"/{name}") for f in files) or any(d.endswith(f"/{name}") for d in dirs)


def is_project_path(token: str) -> bool:
    """A token that names a file or folder of the project (not a URL, a site page or a pattern)."""
    if any(mark in token for mark in "<>*{}$:") or token.startswith(("/", "docs/", "http", "~")):
        return False
    if "/" in token:
        return token.startswith(ROOTS + PACKAGE_DIRS) and not token.endswith("/")
    return token.endswith(SOURCE_ENDINGS) and not token.startswith(".")


def guide_names(text: str) -> set[str]:
    """Each path named in backticks in a Markdown guide (code blocks included: commands name scripts)."""
    names = set()
    spans = re.findall(r"`([^`\n]+)`", text) + re.findall(r"<!--(.*?)-->", text)  # code and comments
    for span in spans + re.findall(r"(?m)^(?:\$ )?(?:python|make|bash) .*$", text):
        tokens = (t.rstrip(".,") for t in PATH_TOKEN.findall(span))
        names.update(t for t in tokens if is_project_path(t))
    return names


def workflow_names(text: str) -> set[str]:
    """Scripts a workflow runs and the files its cache keys hash."""
    names = set()
    for args in re.findall(r"hashFiles\(([^)]*)\)", text):
        names.update(n for n in re.findall(r"'([^']+)'", args) if "*" not in n)
    for line in re.findall(r"(?m)^\s*(?:run:|-)?\s*(.*(?:scripts|\.ci)/\S+.*)$", text):
        names.update(t for t in re.findall(r"(?:scripts|\.ci)/[\w./-]+", line) if not t.endswith("/"))
    return names


@pytest.mark.parametrize("guide", GUIDES)
def test_every_file_a_guide_names_exists(guide: str) -> None:
    names = guide_names((REPO / guide).read_text(encoding="utf-8"))
    assert names, f"{guide}: no file names found (has the way it names files changed?)"
    missing = sorted(n for n in names if not exists(n))
    assert not missing, f"{guide} names files that do not exist: {missing}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_file_a_workflow_names_exists(workflow: Path) -> None:
    missing = sorted(n for n in workflow_names(workflow.read_text(encoding="utf-8")) if not exists(n))
    assert not missing, f"{workflow.name} names files that do not exist: {missing}"


def tree_modules(text: str) -> dict[str, set[str]]:
    """The modules ARCHITECTURE.md's "Who owns what" tree names, by folder ('' for the package's own):
    `.py` names on the kernel lines, and each sub-package's list (`posts/  frontmatter, post (...)`),
    its explanations in brackets left out."""
    block = text.split("## Who owns what", 1)[1].split("```", 2)[1]
    modules: dict[str, set[str]] = {"": set()}
    folder, listed = "", ""
    for line in block.splitlines():
        if (head := re.match(r"  (\w+)/\s{2,}(\w.*)", line)) and head[1] not in {"templates"}:
            folder, listed = head[1], head[2]
            modules[folder] = set()
        elif folder and line.startswith("     "):
            listed += " " + line.strip()
        elif not folder:
            modules[""].update(n.removesuffix(".py") for n in re.findall(r"\b(\w+)\.py\b", line))
            continue
        while re.search(r"\([^()]*\)", listed):
            listed = re.sub(r"\s*\([^()]*\)", "", listed)
        modules[folder] = {n for n in re.split(r"[,\s]+", listed) if re.fullmatch(r"\w+", n)}
    return modules


def test_the_architecture_tree_names_every_module_and_only_those() -> None:
    named = tree_modules((REPO / "ARCHITECTURE.md").read_text(encoding="utf-8"))
    for folder, names in named.items():
        where = PACKAGE / folder
        actual = {p.stem for p in where.glob("*.py") if p.stem != "__init__"}
        assert names == actual, (
            f"ARCHITECTURE.md's tree for plugins/coachblog/{folder}: missing {sorted(actual - names)}, "
            f"gone {sorted(names - actual)}"
        )
    actual_folders = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert set(named) - {""} == actual_folders


def test_the_checks_notice_a_file_that_is_gone() -> None:
    text = "See `coaches/gone_module.py`, `social_cards.py`, `scripts/no_such_tool.py`; `feed.xml` is output."
    text += "<!-- written by scripts/coach_guide.py from coach_schema.py -->"
    assert sorted(n for n in guide_names(text) if not exists(n)) == [
        "coach_schema.py",
        "coaches/gone_module.py",
        "scripts/no_such_tool.py",
        "social_cards.py",
    ]
    key = "key: x-${{ hashFiles('requirements-check.txt', 'plugins/coachblog/gazetteer.py') }}"
    assert [n for n in workflow_names(key) if not exists(n)] == ["plugins/coachblog/gazetteer.py"]
