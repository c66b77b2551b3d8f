"""`make site` publishes atomically; `make check` reports findings as `path:line: kind: message`."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from sitebuild import REPO


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", *args], cwd=project, capture_output=True, text=True,
                          env=env, check=False)


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_failed_build_leaves_the_previous_site_as_it_was(minimal_project: Path) -> None:
    first = run(minimal_project, "medkb.cli.publish", "--site-dir", "site")
    assert first.returncode == 0, first.stdout + first.stderr
    before = fingerprint(minimal_project / "site")
    assert "demo-article/index.html" in before

    page = minimal_project / "docs/demo-article/index.md"
    page.write_text(page.read_text().replace("review_status: submitted", "review_status: someday"))
    second = run(minimal_project, "medkb.cli.publish", "--site-dir", "site")

    assert second.returncode != 0
    assert "site/ was left as it was" in second.stderr
    assert fingerprint(minimal_project / "site") == before
    assert not [p.name for p in minimal_project.iterdir() if p.name.startswith(".site-")]


def test_check_command_prints_findings_with_place_and_fails(minimal_project: Path) -> None:
    page = minimal_project / "docs/demo-article/section.md"
    page.write_text(page.read_text().replace("[@zarate2006randomized]\n\n!!!", "[@nokey2020x]\n\n!!!"))

    result = run(minimal_project, "medkb", "check", "--root", ".")

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "docs/demo-article/section.md:10: unknown cite key: 'nokey2020x' is in no bib/*.bib file; " \
           "add the entry or correct the key" in lines
    assert lines[-1].endswith("1 error, 0 other findings") or "1 error" in lines[-1]


def test_check_command_writes_github_annotations(minimal_project: Path) -> None:
    page = minimal_project / "docs/demo-article/section.md"
    page.write_text(page.read_text().replace("[@zarate2006randomized]\n\n!!!", "[@nokey2020x]\n\n!!!"))
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    result = subprocess.run([sys.executable, "-m", "medkb", "check"], cwd=minimal_project, capture_output=True,
                            text=True, env=env, check=False)
    assert "::error file=docs/demo-article/section.md,line=10,title=unknown cite key::" in result.stdout


def test_check_passes_on_the_real_repository() -> None:
    result = run(REPO, "medkb", "check")
    assert result.returncode == 0, result.stdout + result.stderr
