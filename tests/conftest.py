"""Shared fixtures: real sites built into tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sitebuild import Site, copy_repo_site, minimal_site


@pytest.fixture
def repo_site(tmp_path: Path) -> Site:
    """A copy of the project's own site, not yet built."""
    return copy_repo_site(tmp_path)


@pytest.fixture(scope="session")
def built_repo_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The project's own site, built once for the tests that only read it."""
    site = copy_repo_site(tmp_path_factory.mktemp("repo-site"))
    site.build()
    assert site.warnings == []
    return site


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Site]:
    """A factory for a small site with only what the test writes."""
    return lambda **kwargs: minimal_site(tmp_path, **kwargs)
