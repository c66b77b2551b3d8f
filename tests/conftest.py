from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from medkb.engine import enable_in_process  # noqa: E402

enable_in_process()  # `make test MKDOCS=properdocs`: the in-process builds (tests/servesession.py) are ProperDocs'

from browser import launch, serve  # noqa: E402
from sitebuild import FIXTURES, REPO, BuildResult, build, build_offline, make_project  # noqa: E402


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright, one for the session (tests/browser.py)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def real_site_url(real_site: BuildResult) -> Iterator[str]:
    """The real site served on 127.0.0.1 for the session; the base URL ends in '/'."""
    with serve(real_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site built for reading from disk (OFFLINE=true, `make offline`), once for the session."""
    project = make_project(tmp_path_factory.mktemp("offline") / "project", REPO)
    (project / "node_modules").symlink_to(REPO / "node_modules")  # `npm ci` (make offline, make test)
    result = build_offline(project)
    assert result.ok, result.output
    return result
