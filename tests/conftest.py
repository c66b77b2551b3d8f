from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitebuild import FIXTURES, REPO, BuildResult, build, make_project  # noqa: E402


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site (docs/, bib/, mkdocs.yml of the repository), built once for the session."""
    project = make_project(tmp_path_factory.mktemp("real") / "project", REPO)
    result = build(project)
    assert result.ok, result.output
    return result


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """A small fixture site to break in one way per test."""
    return make_project(tmp_path / "project", FIXTURES / "minimal")
