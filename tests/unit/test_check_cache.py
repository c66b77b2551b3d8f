"""The writer's preview checks again only the pages a save changed, with the findings a full check gives."""

from __future__ import annotations

from pathlib import Path

from medkb.checks.project import CheckCache, check_project


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


def test_a_page_whose_check_exceeds_the_budget_is_reported(minimal_project: Path, monkeypatch):
    """The budget is CPU time; a check that exceeds it (simulated by a clock that jumps) is a warning naming the page."""
    import itertools

    from medkb.checks import project

    ticks = itertools.count(step=project.PAGE_CHECK_SECONDS)  # every reading of the clock: one budget later
    monkeypatch.setattr(project.time, "process_time", lambda: float(next(ticks)) * 1.5)
    report = check_project(minimal_project, minimal_project / "docs", minimal_project / "bib")
    slow = [finding for finding in report.findings if finding.kind == "slow page"]
    assert slow and all(finding.severity == "warning" for finding in slow)
    assert {finding.path for finding in slow} == {f"docs/{page.relative_to(minimal_project / 'docs').as_posix()}"
                                                  for page in (minimal_project / "docs").rglob("*.md")}
    assert not report.errors
