"""Broken sources fail the real build with a message naming the file (and line), never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sitebuild import build

ARTICLE = "docs/demo-article/index.md"
SECTION = "docs/demo-article/section.md"
BIB = "bib/demo.bib"


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture no longer contains {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def write(relative: str, content: bytes) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        (project / relative).write_bytes(content)

    return apply


def append(relative: str, extra: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        with (project / relative).open("a", encoding="utf-8") as handle:
            handle.write(extra)

    return apply


BROKEN_INPUTS = {
    "unknown cite key": (
        edit(SECTION, "placebo.[@zarate2006randomized]", "placebo.[@zarate2006randomised]"),
        f"{SECTION}:10: unknown cite key: 'zarate2006randomised'",
    ),
    "malformed citation": (
        edit(SECTION, "placebo.[@zarate2006randomized]", "placebo.[@zarate2006randomized, p. 4]"),
        f"{SECTION}:10: malformed citation",
    ),
    "unknown review status": (
        edit(ARTICLE, "review_status: submitted", "review_status: published"),
        f"{ARTICLE}:5: front matter: review_status 'published' is not allowed; use one of submitted, "
        "under_review, approved",
    ),
    "missing review status": (
        edit(ARTICLE, "review_status: submitted\n", ""),
        f"{ARTICLE}:1: front matter: 'review_status' is missing",
    ),
    "date that is not a date": (
        edit(ARTICLE, "last_updated: 2025-12-01", "last_updated: 2025-13-01"),
        f"{ARTICLE}:6: front matter: last_updated '2025-13-01' is not a date; write it as YYYY-MM-DD",
    ),
    "month without day": (
        edit(ARTICLE, "last_updated: 2025-12-01", "last_updated: 2025-12"),
        f"{ARTICLE}:6: front matter: last_updated '2025-12' is not a date",
    ),
    "missing title": (
        edit(ARTICLE, "title: Ketamine for depression\n", ""),
        f"{ARTICLE}:1: front matter: 'title' is missing or empty",
    ),
    "front matter that is not YAML": (
        edit(ARTICLE, "description: A demonstration article.", "description: [unclosed"),
        f"{ARTICLE}:5: front matter: front matter is not valid YAML",
    ),
    "approved without reviewers": (
        edit(ARTICLE, "review_status: submitted", "review_status: approved"),
        f"{ARTICLE}:5: approval: an approved page needs 'reviewers'",
    ),
    "approved with an editorial note": (
        edit(
            SECTION,
            "review_status: under_review",
            "review_status: approved\nreviewers: [Dr A. Reviewer]\nreviewed_on: 2025-11-30",
        ),
        f"{SECTION}:3: approval: a page with an open editorial note cannot be approved",
    ),
    "review date after last update": (
        edit(ARTICLE, "review_status: submitted", "review_status: submitted\nreviewed_on: 2025-12-02"),
        f"{ARTICLE}:6: front matter: reviewed_on 2025-12-02 is after last_updated 2025-12-01",
    ),
    "page that is not UTF-8": (
        write(SECTION, "---\ntitle: Caf\xe9\n---\n\nText.\n".encode("latin-1")),
        f"{SECTION}:2: encoding: page is not UTF-8",
    ),
    "empty page": (write(SECTION, b"\n\n"), f"{SECTION}:1: empty page"),
    "duplicate bib key": (
        append(BIB, "\n@article{zarate2006randomized, author={A, B}, title={T}, journal={J}, year={2006}, "
                    "doi={10.1/x}, evidence_type={rct}}\n"),
        f"{BIB}:40: duplicate key: 'zarate2006randomized' is already defined",
    ),
    "bib entry without title": (
        append(BIB, "\n@article{smith2020notitle, author={Smith, A}, journal={J}, year={2020}, "
                    "doi={10.1/x}, evidence_type={rct}}\n"),
        f"{BIB}:40: missing field: entry 'smith2020notitle': needs 'title'",
    ),
    "bib file with an unclosed brace": (
        append(BIB, "\n@article{smith2020broken, author={Smith, A}, title={Open {brace},\n"
                    "  journal={J}, year={2020}}\n\n@article{jones2021next, title={X}}\n"),
        f"{BIB}:40: bib syntax: unclosed '{{': a '}}' is missing",
    ),
    "retracted source cited for a claim": (
        edit(ARTICLE, "An emergency department study was retracted in 2017.[@larkin2011preliminary]",
             "Low-dose ketamine reduced suicidal ideation for ten days.[@larkin2011preliminary]"),
        f"{ARTICLE}:11: retracted source: 'larkin2011preliminary' was retracted",
    ),
    "malformed DOI": (
        edit(BIB, "doi = {10.1001/archpsyc.63.8.856}", "doi = {https://doi.org/10.1001/archpsyc.63.8.856}"),
        f"{BIB}:9: malformed DOI",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN_INPUTS))
def test_broken_input_fails_the_build_with_a_clear_message(minimal_project: Path, name: str) -> None:
    break_it, expected = BROKEN_INPUTS[name]
    break_it(minimal_project)

    result = build(minimal_project)

    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    assert expected in result.output, result.output


def test_the_unbroken_fixture_builds(minimal_project: Path) -> None:
    result = build(minimal_project)
    assert result.ok, result.output
