"""The content gate (scripts/check_site.py, `make check-site`): publishing waits for the coach checks, a
strict build and a crawl of the build, which hold for any valid content and fail, naming the page, on
what would break for a reader."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

from tests.content import GOOD, post, run, write_posts
from tests.helpers import REPO, Site

sys.path.insert(0, str(REPO / "scripts"))
import check_site  # scripts/check_site.py


def small_site(make_site: Callable[..., Site]) -> Site:
    site = write_posts(make_site(), post("one", "2025-01-01"), post("two", "2025-02-01", tags="[hills]"))
    site.write("coaches/alex-example.yml", GOOD)
    return site


def test_a_valid_site_passes_the_gate(make_site: Callable[..., Site]) -> None:
    site = small_site(make_site)
    result = run("check_site.py", cwd=site.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 coach file checked: all good." in result.stdout
    assert "The site holds together" in result.stdout


def test_a_page_loading_from_another_site_or_a_missing_file_fails_the_gate(
    make_site: Callable[..., Site],
) -> None:
    site = small_site(make_site)
    site.write(
        "about.md",
        '# About\n\n<script src="https://cdn.example.net/widget.js"></script>\n\n'
        '<img src="pictures/gone.png" alt="A hill">\n',
    )
    result = run("check_site.py", cwd=site.root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "/blog/about/: loads 'https://cdn.example.net/widget.js' from outside the site (a page may load only "
        "the site's own files)"
    ) in lines
    assert "/blog/about/: asset 'pictures/gone.png' answers 404" in lines
    assert "2 problems in the built site." in lines


def test_a_broken_coach_file_fails_the_gate_before_any_build(make_site: Callable[..., Site]) -> None:
    site = small_site(make_site)
    site.write("coaches/alex-example.yml", GOOD.replace("country: GB", "country: Narnia"))
    result = run("check_site.py", cwd=site.root)
    assert result.returncode == 1
    assert "docs/coaches/alex-example.yml:3: field 'country'" in result.stdout
    assert "Building" not in result.stdout


def test_a_page_no_link_leads_to_is_noted_not_failed(make_site: Callable[..., Site]) -> None:
    site = small_site(make_site)
    site.write("hidden.md", "# Hidden\n\nOnly for those who have the address.\n")
    site.root.joinpath("mkdocs.yml").write_text(
        site.root.joinpath("mkdocs.yml").read_text(encoding="utf-8")
        + "nav:\n  - Home: index.md\n  - Tips: tips/index.md\n",
        encoding="utf-8",
    )
    result = run("check_site.py", cwd=site.root)
    assert result.returncode == 0, result.stdout
    assert "note: no link leads to hidden/" in result.stdout


def test_the_projects_site_as_published_passes_the_gate(
    pages_site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(pages_site.root)
    assert check_site.main(["--site-dir", str(pages_site.out)]) == 0, capsys.readouterr().out
