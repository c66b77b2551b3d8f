"""Versions of drug labels and guidelines: the required version date, how it reads in the reference
list, and the `medkb check` warning when a page cites a version past its age limit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from labels import LABEL, project_citing_the_label
from sitebuild import REPO

from medkb.cli import run_check
from medkb.sources.bibliography import (
    DEFAULT_VERSION_AGE_YEARS,
    Reference,
    VersionConfigError,
    load_bibliography,
    outdated_version,
    parse_version_checked,
    parse_version_date,
    version_age_limits,
)

TODAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    ("text", "start", "shown"),
    [
        ("2025", dt.date(2025, 1, 1), "2025"),
        ("2025-01", dt.date(2025, 1, 1), "January 2025"),
        ("2025-01-21", dt.date(2025, 1, 21), "21 January 2025"),
        (" 2022-05 ", dt.date(2022, 5, 1), "May 2022"),
    ],
)
def test_version_dates_as_precise_as_the_source(text: str, start: dt.date, shown: str) -> None:
    version = parse_version_date(text)
    assert version is not None
    assert (version.start, version.text) == (start, shown)


@pytest.mark.parametrize("text", ["", "January 2025", "2025/01", "2025-13", "2025-02-30", "25-01", "2025-1"])
def test_what_is_not_a_version_date(text: str) -> None:
    assert parse_version_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-04: compared with DailyMed; unchanged", (dt.date(2026, 12, 4), "compared with DailyMed; unchanged")),
        ("2026-12-04:unchanged", (dt.date(2026, 12, 4), "unchanged")),
        ("2026-12-04", (None, "")),  # a date alone says nothing about what was compared
        ("checked 2026-12-04: fine", (None, "")),
        ("2026-02-30: fine", (None, "")),
    ],
)
def test_version_checked_is_a_date_and_what_was_compared(text: str, expected: tuple[dt.date | None, str]) -> None:
    assert parse_version_checked(text) == expected


def kinds(text: str, tmp_path: Path) -> list[tuple[int | None, str, str]]:
    (tmp_path / "refs.bib").write_text(text, encoding="utf-8")
    bibliography = load_bibliography([tmp_path / "refs.bib"], tmp_path)
    return [(finding.line, finding.kind, finding.message) for finding in bibliography.findings]


def test_a_label_with_its_version_date_has_no_findings(tmp_path: Path) -> None:
    assert kinds(LABEL, tmp_path) == []


@pytest.mark.parametrize(
    ("change", "line", "kind", "fragment"),
    [
        (("  version_date = {2020-07},\n", ""), 1, "missing field", "a drug-label needs 'version_date'"),
        (("{drug-label},\n  version_date = {2020-07},", "{guideline},"), 1, "missing field",
         "a guideline needs 'version_date'"),
        (("{2020-07}", "{July 2020}"), 8, "bad field", "version_date 'July 2020' must be a date"),
        (("  version_date = {2020-07},\n", "  version_date = {2020-07},\n  version_checked = {still current},\n"),
         9, "bad field", "version_checked must be a date and what was compared"),
    ],
)
def test_version_fields_are_required_and_checked(
    tmp_path: Path, change: tuple[str, str], line: int, kind: str, fragment: str
) -> None:
    found = kinds(LABEL.replace(*change), tmp_path)
    assert [(found_line, found_kind) for found_line, found_kind, _ in found] == [(line, kind)]
    assert fragment in found[0][2]


def test_other_evidence_types_need_no_version_date(tmp_path: Path) -> None:
    trial = LABEL.replace("{drug-label}", "{rct}").replace("  version_date = {2020-07},\n", "")
    assert kinds(trial, tmp_path) == []


def reference(evidence_type: str, version_date: str, checked: str = "", superseded_by: str = "") -> Reference:
    return Reference(
        key="source2020", entry_type="manual", authors=("Maker",), title="Title", container="Maker",
        year=version_date[:4], volume="", number="", pages="", doi="", pmid="", url="https://example.org/",
        evidence_type=evidence_type, retraction="", unconfirmed="", path="bib/x.bib", line=3,
        version_date=version_date, version_checked=checked, superseded_by=superseded_by,
    )


@pytest.mark.parametrize(
    ("evidence_type", "version_date", "checked", "superseded_by", "outdated"),
    [
        ("drug-label", "2025-01", "", "", False),  # under two years old
        ("drug-label", "2024-12-05", "", "", False),  # two years old tomorrow
        ("drug-label", "2024-12-04", "", "", True),  # two years old today
        ("drug-label", "2024-12", "", "", True),  # a month counts from its first day
        ("drug-label", "2020-07", "", "", True),
        ("drug-label", "2020-07", "2026-11-01: compared with DailyMed; unchanged", "", False),
        ("drug-label", "2020-07", "2024-11-01: compared with DailyMed; unchanged", "", True),  # the check has aged too
        ("drug-label", "2020-07", "", "janssen2025spravato", False),  # cited as history
        ("guideline", "2022", "", "", False),  # under five years old
        ("guideline", "2021-12-04", "", "", True),
        ("guideline", "2019", "", "", True),
        ("rct", "2001", "", "", False),  # only labels and guidelines age
        ("drug-label", "", "", "", False),  # reported as a missing field, not as an age
    ],
)
def test_which_versions_are_outdated(
    evidence_type: str, version_date: str, checked: str, superseded_by: str, outdated: bool
) -> None:
    assert outdated_version(
        reference(evidence_type, version_date, checked, superseded_by), TODAY, DEFAULT_VERSION_AGE_YEARS
    ) is outdated


@pytest.mark.parametrize(
    ("version_date", "evidence_type", "label"),
    [
        ("2025-01", "drug-label", "Label revised January 2025"),
        ("2022", "guideline", "Guideline version of 2022"),
        ("2019-06-03", "guideline", "Guideline version of 3 June 2019"),
        ("", "drug-label", ""),
    ],
)
def test_the_version_as_readers_see_it(version_date: str, evidence_type: str, label: str) -> None:
    assert reference(evidence_type, version_date).version_label == label


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (None, {"drug-label": 2, "guideline": 5}),
        ({}, {"drug-label": 2, "guideline": 5}),
        ({"reference_versions": {"max_age_years": {"drug-label": 1}}}, {"drug-label": 1, "guideline": 5}),
        ({"reference_versions": {"max_age_years": {"guideline": 3, "drug-label": 4}}},
         {"drug-label": 4, "guideline": 3}),
    ],
)
def test_age_limits_from_mkdocs_extra(extra: object, expected: dict[str, int]) -> None:
    assert version_age_limits(extra) == expected


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ({"reference_versions": {"max_age_years": 2}}, "must be a mapping"),
        ({"reference_versions": {"max_age_years": {"rct": 2}}}, "'rct' is not one of"),
        ({"reference_versions": {"max_age_years": {"drug-label": 0}}}, "whole number of years"),
        ({"reference_versions": {"max_age_years": {"drug-label": "two"}}}, "whole number of years"),
        ({"reference_versions": {"max_age_years": {"drug-label": True}}}, "whole number of years"),
    ],
)
def test_invalid_age_limits_are_refused(extra: object, fragment: str) -> None:
    with pytest.raises(VersionConfigError, match=fragment):
        version_age_limits(extra)


# --- `medkb check` and the build over a real project -----------------------------------------------


def check_output(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 12, 4, tzinfo=dt.UTC).timestamp())))
    status = run_check(project)
    return status, capsys.readouterr().out


def test_check_warns_naming_the_page_and_the_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, output = check_output(project_citing_the_label(tmp_path, LABEL), capsys, monkeypatch)
    assert status == 0, output  # a warning, not an error
    warnings = [line for line in output.splitlines() if ": outdated version: " in line]
    assert len(warnings) == 1, output
    assert warnings[0].startswith("docs/demo-article/section.md:10: outdated version: cites 'janssen2020spravato'")
    assert "label revised July 2020: more than 2 years old" in warnings[0]
    assert "version_checked = {2026-12-04: what you compared}" in warnings[0]


def test_a_dated_check_silences_the_warning_and_mkdocs_yml_sets_the_age(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = LABEL.replace(
        "  version_date = {2020-07},\n",
        "  version_date = {2020-07},\n  version_checked = {2026-11-30: compared with DailyMed; unchanged},\n",
    )
    project = project_citing_the_label(tmp_path, entry)
    status, output = check_output(project, capsys, monkeypatch)
    assert status == 0 and "outdated version" not in output, output

    young = project_citing_the_label(tmp_path / "young", LABEL.replace("{2020-07}", "{2025-01}"))
    status, output = check_output(young, capsys, monkeypatch)
    assert "outdated version" not in output, output
    config = young / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "extra:\n", "extra:\n  reference_versions:\n    max_age_years:\n      drug-label: 1\n", 1
        ),
        encoding="utf-8",
    )
    status, output = check_output(young, capsys, monkeypatch)
    assert "label revised January 2025: more than 1 year old" in output, output


# --- the real article ---------------------------------------------------------------------------------


def test_a_superseded_version_is_cited_only_where_its_year_is_named() -> None:
    """An entry kept for history (superseded_by) supports only statements about that version."""
    bibliography = load_bibliography(sorted((REPO / "bib").glob("*.bib")), REPO)
    historical = {key: ref.version_date[:4] for key, ref in bibliography.references.items() if ref.superseded_by}
    assert "janssen2020spravato" in historical
    citing = 0
    for page in sorted((REPO / "docs").rglob("*.md")):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for key, year in historical.items():
                if f"@{key}" in line:
                    citing += 1
                    assert year in line.split("[@")[0], f"{page.relative_to(REPO)}:{number} cites {key} without {year}"
    assert citing > 0, "the article cites the superseded label where it describes that version"
