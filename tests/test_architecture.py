"""The plugin's packages import one way: the MkDocs boundary uses everything, the shared kernel nothing
of ours, and no package reaches into one that builds on it. No cycles, and MkDocs only at the boundary."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import REPO

PACKAGE = REPO / "plugins" / "coachblog"
BOUNDARY = {"plugin", "build_steps", "config", "incremental_steps"}
# Which of our packages each part may import (the kernel, top-level modules, is open to all).
ALLOWED: dict[str, set[str]] = {
    "kernel": {"kernel"},
    "places": {"kernel", "places"},
    "posts": {"kernel", "posts"},
    "feeds": {"kernel", "posts", "feeds"},
    "coaches": {"kernel", "places", "coaches"},
    "social": {"kernel", "posts", "social"},
    "pictures": {"kernel", "pictures"},
    "incremental": {"kernel", "incremental"},
    "boundary": {
        "kernel",
        "places",
        "posts",
        "feeds",
        "coaches",
        "social",
        "pictures",
        "incremental",
        "boundary",
    },
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def part_of(module: str) -> str:
    """'coachblog.coaches.fields' -> 'coaches'; 'coachblog.errors' -> 'kernel'; the boundary by name."""
    rest = module.split(".")[1:]
    if not rest:
        return "kernel"
    if rest[0] in BOUNDARY:
        return "boundary"
    return rest[0] if (PACKAGE / rest[0]).is_dir() else "kernel"


def imports(path: Path) -> Iterator[tuple[str, int]]:
    """Every module `path` imports, with the line, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            yield base, node.lineno
            for alias in node.names:  # 'from coachblog.coaches import schema' imports a module too
                if (PACKAGE.parent / base.replace(".", "/") / f"{alias.name}.py").is_file():
                    yield f"{base}.{alias.name}", node.lineno


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_each_module_imports_only_what_its_part_may(path: Path) -> None:
    mine = part_of(module_name(path))
    wrong = [
        f"line {line}: {name} ({part_of(name)})"
        for name, line in imports(path)
        if name.startswith("coachblog.") and part_of(name) not in ALLOWED[mine]
    ]
    assert wrong == [], f"{module_name(path)} ({mine}) may import only {sorted(ALLOWED[mine])}"


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_only_the_boundary_imports_mkdocs(path: Path) -> None:
    if part_of(module_name(path)) == "boundary":
        return
    engine = [
        f"line {line}: {name}"
        for name, line in imports(path)
        if name.split(".")[0] in ("mkdocs", "properdocs")
    ]
    assert engine == []


def test_no_module_imports_itself_back_through_others() -> None:
    graph = {
        module_name(path): {
            n for n, _ in imports(path) if n.startswith("coachblog.") and n != module_name(path)
        }
        for path in MODULES
    }
    graph = {m: {n for n in targets if n in graph} for m, targets in graph.items()}
    state: dict[str, str] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycle.extend([*trail, node, nxt])
                return True
            if nxt not in state and visit(nxt, [*trail, node]):
                return True
        state[node] = "done"
        return False

    for module in sorted(graph):
        if module not in state and visit(module, []):
            break
    assert cycle == [], " -> ".join(cycle)


def test_the_guard_would_catch_a_wrong_import() -> None:
    assert part_of("coachblog.posts.pages") == "posts" and part_of("coachblog.feeds.model") == "feeds"
    assert "feeds" not in ALLOWED["posts"] and "coaches" not in ALLOWED["kernel"]
    assert "pictures" not in ALLOWED["posts"] and ALLOWED["pictures"] == {"kernel", "pictures"}
    assert part_of("coachblog.errors") == "kernel" and part_of("coachblog.build_steps") == "boundary"


def test_the_posts_renderer_is_made_with_all_it_shows_and_never_wired_later() -> None:
    late = [
        f"{module_name(path)} line {node.lineno}"
        for path in MODULES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Attribute)
        and target.value.attr == "renderer"
    ]
    assert late == []
