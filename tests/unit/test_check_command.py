"""`make check` (medkb check) reports findings as `path:line: kind: message` and as GitHub annotations, and
passes on the real repository."""

from __future__ import annotations

from pathlib import Path

from commands import medkb
from sitebuild import REPO


def test_check_command_prints_findings_with_place_and_fails(minimal_project: Path) -> None:
    page = minimal_project / "docs/demo-article/section.md"
    page.write_text(page.read_text().replace("[@zarate2006randomized]\n\n!!!", "[@nokey2020x]\n\n!!!"))

    result = medkb(minimal_project, "check", "--root", ".")

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/demo-article/section.md:10: unknown cite key: 'nokey2020x' is in no bib/*.bib file; "
        "add the entry or correct the key",
        "2 sentences marked not-a-claim (listed by --verbose)",
        "4 pages, 3 references: 1 error, 0 other findings",
    ]


def test_check_command_writes_github_annotations(minimal_project: Path) -> None:
    page = minimal_project / "docs/demo-article/section.md"
    page.write_text(page.read_text().replace("[@zarate2006randomized]\n\n!!!", "[@nokey2020x]\n\n!!!"))
    result = medkb(minimal_project, "check", GITHUB_ACTIONS="true")
    assert "::error file=docs/demo-article/section.md,line=10,title=unknown cite key::" in result.stdout


def test_check_passes_on_the_real_repository() -> None:
    result = medkb(REPO, "check")
    assert result.returncode == 0, result.stdout + result.stderr
