"""`--dirty` builds write what a clean build writes: random sequences of edits on a small site, and after
each one the dirty-built folder compared byte for byte with a clean build of the same files."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig

from tests.content import coach, post
from tests.helpers import BuildFailed, Site, minimal_site

pytestmark = pytest.mark.slow

Edit = Callable[[Site, random.Random], str]


def _tips(site: Site) -> list[Path]:
    return sorted((site.docs / "tips").glob("*.md"))


def body(site: Site, rng: random.Random) -> str:
    path = rng.choice(_tips(site))
    path.write_text(path.read_text(encoding="utf-8") + f"\nA new line {rng.random()}.\n", encoding="utf-8")
    return f"body of {path.name}"


def title(site: Site, rng: random.Random) -> str:
    path = rng.choice(_tips(site))
    text = path.read_text(encoding="utf-8").replace("title: ", f"title: New {rng.randint(1, 99)} ", 1)
    path.write_text(text, encoding="utf-8")
    return f"title of {path.name}"


def tags(site: Site, rng: random.Random) -> str:
    path = rng.choice(_tips(site))
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [
        f"tags: [{rng.choice(['hills', 'routes', 'rest'])}]" if ln.startswith("tags:") else ln for ln in lines
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"tags of {path.name}"


def new_tip(site: Site, rng: random.Random) -> str:
    slug = f"fresh-{rng.randint(1000, 9999)}"
    site.write(*post(slug, f"2025-11-{rng.randint(1, 28):02d}", body="Fresh words."))
    return f"new {slug}"


def delete_tip(site: Site, rng: random.Random) -> str:
    path = rng.choice(_tips(site)[1:])  # one stays, so the site always has a tip
    path.unlink()
    return f"deleted {path.name}"


def rename_tip(site: Site, rng: random.Random) -> str:
    path = rng.choice(_tips(site))
    path.rename(path.with_name(f"renamed-{rng.randint(1, 999)}.md"))
    return f"renamed {path.name}"


def page(site: Site, rng: random.Random) -> str:
    site.write("about.md", f"# About\n\nWho we are, take {rng.random()}.\n")
    return "about page"


def coach_file(site: Site, rng: random.Random) -> str:
    site.write("coaches/alex-example.yml", coach(bio=f"I coach runners, {rng.randint(1, 99)} years now."))
    return "coach file"


def config(site: Site, rng: random.Random) -> str:
    path = site.root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    name = f"Test site {rng.randint(1, 99)}"
    path.write_text(
        "\n".join(f"site_name: {name}" if ln.startswith("site_name:") else ln for ln in text.splitlines())
        + "\n",
        encoding="utf-8",
    )
    return "mkdocs.yml"


EDITS: list[Edit] = [body, body, body, title, tags, new_tip, delete_tip, rename_tip, page, coach_file, config]


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _dirty_build(site: Site) -> None:
    build(_started(site), dirty=True)


def _clean_build(site: Site, out: Path) -> None:
    build(_started(site, out, dirty=False))


def _started(site: Site, out: Path | None = None, dirty: bool = True) -> MkDocsConfig:
    """A strict build's config; MkDocs keeps plugins with on_startup across configs, so each is told."""
    cfg = site.config(site_dir=str(out or site.out))
    cfg.plugins.on_startup(command="build", dirty=dirty)
    return cfg


def _site(root: Path) -> Site:
    root.mkdir(parents=True)
    site = minimal_site(root, {"social_cards": False})
    for n in range(6):
        site.write(*post(f"tip-{n}", f"2025-11-{n + 1:02d}", tags="[routes]" if n % 2 else "[hills]"))
    site.write("about.md", "# About\n\nWho we are.\n")
    site.write("coaches/alex-example.yml", coach())
    return site


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dirty_builds_match_clean_ones_after_each_edit(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765000000")
    site = _site(tmp_path / "site")
    rng = random.Random(seed)
    _dirty_build(site)  # the first: no record yet, so every page
    for step in range(5):
        what = rng.choice(EDITS)(site, rng)
        _dirty_build(site)
        clean = tmp_path / f"clean-{step}"
        _clean_build(site, clean)
        dirty, expected = _tree(site.out), _tree(clean)
        assert dirty.keys() == expected.keys(), f"after {what}"
        differ = [rel for rel in expected if dirty[rel] != expected[rel]]
        assert differ == [], f"after {what}: {differ[:5]}"


def test_a_body_edit_renders_only_its_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765000000")
    site = _site(tmp_path / "site")
    _dirty_build(site)
    before = {p: p.stat().st_mtime_ns for p in site.out.rglob("index.html")}
    body(site, random.Random(7))
    _dirty_build(site)
    rewritten = [p for p, t in before.items() if p.stat().st_mtime_ns != t]
    assert len(rewritten) == 1 and rewritten[0].parent.parent.name == "tips"


def test_a_bad_edit_fails_as_a_clean_build_does_and_the_next_good_one_leaves_nothing_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765000000")
    site = _site(tmp_path / "site")
    _dirty_build(site)
    good = (site.docs / "tips/tip-1.md").read_text(encoding="utf-8")
    site.write("tips/tip-1.md", good.replace("date: 2025-11-02", "date: someday"))
    with pytest.raises(BuildFailed) as dirty_error:
        site.build(_started(site))
    with pytest.raises(BuildFailed) as clean_error:
        site.build(_started(site, tmp_path / "clean-bad", dirty=False))
    assert "tip-1.md" in str(dirty_error.value) and str(dirty_error.value) == str(clean_error.value)
    site.write("tips/tip-1.md", good)
    (site.docs / "tips/tip-2.md").unlink()
    _dirty_build(site)
    _clean_build(site, tmp_path / "clean")
    assert _tree(site.out) == _tree(tmp_path / "clean")


def test_the_config_reads_the_same_in_every_process(tmp_path: Path) -> None:
    """A set in MkDocs' config (the theme's templates) prints in the hash seed's order: written so, the
    next build in another process would see a changed config and build every page."""
    site = _site(tmp_path / "site")
    script = (
        "import sys; from mkdocs.config import load_config; "
        "from coachblog.incremental_steps import _config_text, digest; "
        "c = load_config(sys.argv[1]); c.plugins.on_config(c); print(digest(_config_text(c)))"
    )
    seen = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(site.root / "mkdocs.yml")],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        seen.add(done.stdout.strip())
    assert len(seen) == 1
