"""Unit tables for citations, front matter, review status and the reference list."""

from __future__ import annotations

import datetime as dt

import pytest

from medkb.checks.citations import citation_blocks, citation_findings
from medkb.render.citations import protect_code_citations, restore_code_citations, separate_adjacent_citations
from medkb.sources.frontmatter import check_article_meta, read_front_matter
from medkb.sources.frontmatter_schema import front_matter_findings
from medkb.sources.review import format_date, is_review_overdue, tracker

TODAY = dt.date(2026, 1, 10)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Claim.[@a2000x]", [("a2000x",)]),
        ("Claim.[@a2000x; @b2001y]", [("a2000x", "b2001y")]),
        ("Claim.[@a2000x][@b2001y]", [("a2000x",), ("b2001y",)]),
        ("`[@a2000x]` and\n```\n[@b2001y]\n```\n", []),
        ("<!-- [@a2000x] -->", []),
        ("[@handle](https://example.org)", []),
        ("mail editor@example.org", []),
    ],
)
def test_citation_blocks_outside_code(text: str, keys: list[tuple[str, ...]]) -> None:
    assert [block.keys for block in citation_blocks(text) if block.problem is None] == keys


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Claim.[@a2000x, p. 5]", "malformed citation"),
        ("Claim.[see @a2000x]", "malformed citation"),
        ("Claim.[@nobody1999x]", "unknown cite key"),
        ("Claim.[@a2000x;]", "malformed citation"),
    ],
)
def test_citation_problems(text: str, kind: str) -> None:
    findings = citation_findings("p.md", "intro\n" + text, {"a2000x"})
    assert [(f.line, f.kind) for f in findings][:1] == [(2, kind)]


def test_code_citations_survive_mkdocs_bibtex() -> None:
    text = "Real.[@a2000x] code `[@a2000x]`\n\n```\n[@b2001y]\n```\n"
    protected = protect_code_citations(text)
    assert "Real.[@a2000x]" in protected
    assert "`[@a2000x]`" not in protected and "\n[@b2001y]\n" not in protected
    assert restore_code_citations(protected) == text


def test_adjacent_footnote_references_get_a_separator() -> None:
    assert separate_adjacent_citations("x[^a][^b] `[^c][^d]`") == 'x[^a]<sup class="citation-sep">,</sup>[^b] `[^c][^d]`'


def meta_findings(front: str, body: str = "Text.", *, overview: bool = False) -> list[tuple[int, str, str]]:
    text = f"---\n{front}\n---\n{body}\n"
    matter = read_front_matter(text)
    findings, refused = front_matter_findings("p.md", matter.data, matter.field_lines)
    _review, article_findings = check_article_meta("p.md", matter.data, matter.field_lines, text, today=TODAY,
                                                   is_overview=overview, refused=refused)
    return [(f.line or 0, f.kind, f.message) for f in findings + article_findings]


VALID = "title: T\nreview_status: submitted\nlast_updated: 2025-12-01"


def test_valid_front_matter() -> None:
    assert meta_findings(VALID) == []


@pytest.mark.parametrize(
    ("front", "line", "fragment"),
    [
        (VALID.replace("submitted", "draft"), 3, "'review_status' is 'draft', which is not allowed; expected one of"),
        (VALID.replace("2025-12-01", "2025-12"), 4, "is not a date"),
        (VALID.replace("2025-12-01", "yesterday"), 4, "is not a date"),
        (VALID.replace("2025-12-01", "2026-02-01"), 4, "is in the future"),
        (VALID.replace("title: T\n", ""), 1, "'title' is missing"),
        (VALID + "\ntitel: typo", 5, "unknown field 'titel'"),
        (VALID.replace("submitted", "approved"), 3, "needs 'reviewers'"),
        (VALID.replace("submitted", "approved") + "\nreviewers: [Dr X]", 3, "needs 'reviewed_on'"),
        (VALID + "\nreviewed_on: 2026-01-11", 5, "is in the future"),
        (VALID + "\nreviewed_on: 2025-12-02", 5, "is after last_updated"),
        (VALID + "\nreviewers: {name: X}", 5, "'reviewers' is a mapping, not a list"),
        (VALID + "\nreview_history:\n  - {date: 2025-01-01, status: done}", 5, "item 1 'status' is 'done'"),
    ],
)
def test_front_matter_problems(front: str, line: int, fragment: str) -> None:
    found = meta_findings(front)
    assert any(f_line == line and fragment in message for f_line, _kind, message in found), found


def test_overview_needs_the_question() -> None:
    assert any("needs 'question'" in message for _l, _k, message in meta_findings(VALID, overview=True))


def test_approved_page_with_reviewers_date_and_no_editorial_note_is_valid() -> None:
    approved = VALID.replace("submitted", "approved") + "\nreviewers: [Dr X]\nreviewed_on: 2025-12-01"
    assert meta_findings(approved) == []
    note = '!!! editorial "Editorial note"\n    The draft said otherwise.'
    assert any("cannot be approved" in message for _l, _k, message in meta_findings(approved, note))


def test_tracker_marks_exactly_one_current_step() -> None:
    states = [(step.label, step.state) for step in tracker("under_review")]
    assert states == [("Submitted", "done"), ("Under Review", "current"), ("Approved", "upcoming")]


def test_review_overdue_and_dates() -> None:
    assert is_review_overdue(dt.date(2026, 1, 9), TODAY)
    assert not is_review_overdue(dt.date(2026, 1, 10), TODAY)
    assert not is_review_overdue(None, TODAY)
    assert format_date(dt.date(2025, 12, 1)) == "1 December 2025"
