"""`make serve` renders only what a save changes (MkDocs' dirty mode, hooks/incremental.py), and what it
serves after a sequence of edits is what a full build of the same sources gives, page for page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from servesession import SERVE_URL, ServeSession, with_preview_settings
from sitebuild import FIXTURES, make_project

from medkb.engine import engine

SECTION = "docs/demo-article/section.md"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MEDKB_PREVIEW", "true")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764590400")  # 2025-12-01: both builds see the same day
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = with_preview_settings(make_project(tmp_path / "project", FIXTURES / "minimal"))
    # The full build of the same sources, at the address the preview serves from.
    (project / "full.yml").write_text(f"INHERIT: mkdocs.yml\nsite_url: {SERVE_URL}\n", encoding="utf-8")
    return project


def full_build(project: Path) -> Path:
    site = project / "full"
    result = subprocess.run(
        [sys.executable, "-m", engine(), "build", "--clean", "-f", "full.yml", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def html_files(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*.html"))
    }


def written_since(site: Path, moment: dict[str, int]) -> set[str]:
    """The pages written again since `moment` (file -> time in ns)."""
    return {name for name, ns in times(site).items() if moment.get(name) != ns}


def times(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("index.html")}


def edit(project: Path, path: str, old: str, new: str) -> None:
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (path, old)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = [
    ("text", SECTION, "Response rates were higher", "Response rates were clearly higher"),
    (
        "uncited claim",
        SECTION,
        "## Details\n",
        "## Details\n\nKetamine doubled remission at four weeks in adults.\n",
    ),
    ("citation added", SECTION, "in adults.\n", "in adults.[@berman2000antidepressant]\n"),
    ("title changed", SECTION, "title: Section", "title: Section on details"),
    (
        "bib entry changed",
        "bib/demo.bib",
        "journal = {Archives of General Psychiatry}",
        "journal = {Arch Gen Psychiatry}",
    ),
]


def test_after_each_edit_the_served_pages_equal_a_full_build(project: Path) -> None:
    with ServeSession(project, dirty=True) as serve:
        serve.build()
        rendered: dict[str, set[str]] = {}
        steps = [*EDITS, ("page added", "", "", "")]
        for name, path, old, new in steps:
            before = times(serve.site)
            if name == "page added":
                (project / "docs/demo-article/more.md").write_text(
                    "---\ntitle: More\nreview_status: submitted\nlast_updated: 2025-12-01\n---\n\n"
                    "The effect lasted a week.[@zarate2006randomized]\n",
                    encoding="utf-8",
                )
                edit(
                    project,
                    "mkdocs.yml",
                    "- demo-article/section.md\n",
                    "- demo-article/section.md\n  - demo-article/more.md\n",
                )
            else:
                edit(project, path, old, new)
            serve.build()
            rendered[name] = written_since(serve.site, before)
            full = full_build(project)
            served, expected = html_files(serve.site), html_files(full)
            assert served.keys() == expected.keys(), name
            different = [page for page in expected if served[page] != expected[page]]
            assert different == [], f"after '{name}' these pages differ from a full build: {different}"
            assert Counter(map(str, serve.search_index())) == Counter(
                map(
                    str,
                    json.loads((full / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"],
                )
            ), name
    section = "demo-article/section/index.html"
    assert rendered["text"] == {section}
    assert rendered["uncited claim"] == {section}
    assert rendered["citation added"] == {section, "demo-article/references/index.html"}
    everything = set(times(serve.site))
    before_added = everything - {"demo-article/more/index.html"}
    assert rendered["title changed"] == before_added  # every page's navigation shows the title
    assert rendered["bib entry changed"] == before_added
    assert rendered["page added"] == everything


