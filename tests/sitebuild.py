"""Build a real site with the MkDocs command line into a temp dir, and read its pages with a parser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from medkb.checks.citations import citation_blocks
from medkb.engine import engine

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
KETAMINE_PAGES = {
    "": "index.md",
    "mechanism/": "mechanism.md",
    "antidepressant-efficacy/": "antidepressant-efficacy.md",
    "antisuicidal-effects/": "antisuicidal-effects.md",
    "dosing/": "dosing.md",
    "side-effects-safety/": "side-effects-safety.md",
    "comparison-nmda-antagonists/": "comparison-nmda-antagonists.md",
    "limitations/": "limitations.md",
}
"""The ketamine article's pages in navigation order: address in the article -> file in its folder."""
KETAMINE = REPO / "docs" / "ketamine-depression"
"""The ketamine article's folder in the real project."""
PROJECT_PARTS = ("hooks", "overrides")


@dataclass
class BuildResult:
    project: Path
    site: Path
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def page(self, url_path: str) -> BeautifulSoup:
        """The parsed HTML of a page, by its path under the site (e.g. 'ketamine-depression/dosing/')."""
        target = self.site / url_path
        if target.is_dir() or url_path.endswith("/") or url_path == "":
            target = target / "index.html"
        return BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")


def make_project(destination: Path, source: Path) -> Path:
    """A copy of a project: our hooks and templates, with docs/, bib/ and mkdocs.yml from `source`."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        shutil.copytree(REPO / part, destination / part)
    for part in ("docs", "bib"):
        shutil.copytree(source / part, destination / part)
    shutil.copy(source / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


def build(project: Path, *extra: str, env: dict[str, str] | None = None) -> BuildResult:
    """`mkdocs build --strict` of `project` into its site/, with `env` added to the environment."""
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", engine(), "build", "--strict", "--site-dir", str(site), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return BuildResult(project, site, result.returncode, result.stdout + result.stderr)


def build_offline(project: Path) -> BuildResult:
    """The site for reading from disk (OFFLINE=true, as `make offline` builds it)."""
    return build(project, env={"OFFLINE": "true"})


def cited_keys(page: Path) -> list[str]:
    """The keys a page cites (well-formed citations only), in order of first citation."""
    text = page.read_text(encoding="utf-8")
    return list(dict.fromkeys(
        key for block in citation_blocks(text) if block.problem is None for key in block.keys
    ))
