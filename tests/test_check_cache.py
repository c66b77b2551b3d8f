"""The writer's preview checks again only the pages a save changed, with the findings a full check gives."""

from __future__ import annotations

from pathlib import Path

from medkb.project import CheckCache, check_project


def findings_of(project: Path, cache: CheckCache | None = None) -> list[str]:
    report = check_project(project, project / "docs", project / "bib", cache=cache)
    return sorted(finding.format() for finding in report.findings)


def test_an_edit_is_checked_alone_and_gives_the_full_checks_findings(minimal_project: Path):
    cache = CheckCache()
    pages = len(list((minimal_project / "docs").rglob("*.md")))
    assert findings_of(minimal_project, cache) == findings_of(minimal_project)
    assert cache.checked == pages
    findings_of(minimal_project, cache)
    assert cache.checked == 0

    section = minimal_project / "docs" / "demo-article" / "section.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nKetamine is given over 40 minutes.\n",
                       encoding="utf-8")
    edited = findings_of(minimal_project, cache)
    assert cache.checked == 1
    assert edited == findings_of(minimal_project)
    assert any("uncited claim" in line and "40 minutes" in line for line in edited)


def test_a_bibliography_change_checks_every_page_again(minimal_project: Path):
    cache = CheckCache()
    findings_of(minimal_project, cache)
    bib = next((minimal_project / "bib").glob("*.bib"))
    bib.write_text(bib.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert findings_of(minimal_project, cache) == findings_of(minimal_project)
    assert cache.checked == len(list((minimal_project / "docs").rglob("*.md")))
