"""The writer's preview without a server: which line a finding marks, how findings are sorted and named, and
what a rebuilt page replaces in the search index."""

from __future__ import annotations

import pytest
from servesession import PREVIEW_HOOKS
from sitebuild import REPO

from medkb.findings import Finding
from medkb.preview import (
    first_body_line,
    inert_citations,
    line_anchor,
    mark_lines,
    preview_of,
    with_mark_class,
)
from medkb.preview.search_rebuilds import without_rebuilt_pages

MARK = '<mark id="medkb-finding-line-{}">'


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("A claim.", MARK.format(5) + "A claim.</mark>"),
        ("- A listed claim.  ", "- " + MARK.format(5) + "A listed claim.</mark>  "),
        ("12. A numbered claim.", "12. " + MARK.format(5) + "A numbered claim.</mark>"),
        ("> > A quoted claim.", "> > " + MARK.format(5) + "A quoted claim.</mark>"),
        ("    Inside a box.", "    " + MARK.format(5) + "Inside a box.</mark>"),
        ("| a | b |", "|" + MARK.format(5) + "</mark> a | b |"),
        ("## A heading", None),
        ('!!! editorial "Editorial note"', None),
        ("<div>raw</div>", None),
        ("", None),
    ],
)
def test_a_finding_line_is_marked_after_its_block_marker(line: str, expected: str | None) -> None:
    markdown = f"first\nsecond\n{line}\nlast"
    marked, lines = mark_lines(markdown, 3, [5])
    if expected is None:
        assert (marked, lines) == (markdown, set())
    else:
        assert marked.split("\n")[2] == expected
        assert lines == {5}
        assert marked.split("\n")[0:2] == ["first", "second"] and marked.split("\n")[3] == "last"


def test_the_marks_get_the_sites_class_after_the_rendered_check() -> None:
    html = '<p><mark id="medkb-finding-line-4">A claim.</mark> <mark>their own</mark></p>'
    expected = '<p><mark class="medkb-finding-mark" id="medkb-finding-line-4">A claim.</mark> <mark>their own</mark></p>'
    assert with_mark_class(html) == expected


def test_fenced_code_is_never_marked() -> None:
    markdown = "```text\nA claim in code.\n```\nA claim.\n~~~\nmore code\n~~~"
    marked, lines = mark_lines(markdown, 1, [2, 4, 6])
    assert lines == {4}
    assert marked.split("\n")[1] == "A claim in code."
    assert marked.split("\n")[5] == "more code"


@pytest.mark.parametrize(
    ("source", "body", "expected"),
    [
        ("---\ntitle: A\n---\n\nText\n", "Text\n", 5),
        ("Text\n", "Text\n", 1),
        ("---\ntitle: A\n---\nText\n", "Changed by a hook\n", None),
    ],
)
def test_first_body_line(source: str, body: str, expected: int | None) -> None:
    assert first_body_line(source, body) == expected


def test_unresolved_citations_are_shown_as_written_outside_code() -> None:
    markdown = "Fine.[@good2020a]\nBad.[@nokey2020x] and `[@nokey2020x]`\nAlso fine.[@good2020a]"
    shown = inert_citations(markdown, 10, [11])
    assert shown.split("\n") == [
        "Fine.[@good2020a]",
        "Bad.[&#64;nokey2020x] and `[@nokey2020x]`",
        "Also fine.[@good2020a]",
    ]


def test_findings_are_sorted_by_page_and_what_blocks_a_page_is_named() -> None:
    findings = [
        Finding("docs/a/b.md", 12, "uncited claim", "m1"),
        Finding("docs/a/b.md", 3, "unknown cite key", "m2"),
        Finding("docs/a/c.md", 2, "front matter", "m3"),
        Finding("docs/a/c.md", None, "note", "shown nowhere", severity="info"),
        Finding("bib/x.bib", 7, "uncited entry", "m4", severity="warning"),
    ]
    preview = preview_of(findings, "docs")
    page = preview.for_page("a/b.md", marked_lines=[12])
    assert [(f.line, f.kind) for f in page.findings] == [(3, "unknown cite key"), (12, "uncited claim")]
    assert page.blocking == ()
    assert page.anchor(page.findings[1]) == line_anchor(12) and page.anchor(page.findings[0]) is None
    blocked = preview.for_page("a/c.md")
    assert [f.kind for f in blocked.blocking] == ["front matter"] and blocked.other_findings == ()
    assert preview.for_page("index.md").findings == ()


def test_a_bib_file_that_does_not_parse_blocks_every_page() -> None:
    preview = preview_of([Finding("bib/x.bib", 7, "bib syntax", "unclosed '{'")], "docs")
    assert [f.format() for f in preview.for_page("index.md").blocking] == [
        "bib/x.bib:7: bib syntax: unclosed '{'"
    ]


def test_pages_rebuilt_replace_their_previous_search_entries() -> None:
    previous = [
        {"location": "a/"},
        {"location": "a/#one"},
        {"location": "a/references/#rct"},
        {"location": "b/"},
    ]
    rebuilt = [{"location": "a/references/"}, {"location": "a/references/#rct"}]
    assert without_rebuilt_pages(previous, rebuilt) == [
        {"location": "a/"},
        {"location": "a/#one"},
        {"location": "b/"},
    ]


def test_the_preview_hooks_are_listed_in_the_sites_configuration() -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for hook in PREVIEW_HOOKS:
        assert f"  - {hook}" in text
    assert "preview: !ENV [MEDKB_PREVIEW, false]" in text
