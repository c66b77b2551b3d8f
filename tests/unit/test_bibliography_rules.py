"""Unit tables for the BibTeX reader and the bibliography rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from medkb.sources.bibliography import format_authors, latex_to_text, load_bibliography
from medkb.sources.bibtex import parse_bibtex

GOOD = """@article{zarate2006randomized,
  author = {Zarate, Carlos A. and Singh, Jaskaran B.},
  title = {A randomized trial of an {N}-methyl-{D}-aspartate antagonist},
  journal = {Archives of General Psychiatry},
  year = {2006},
  doi = {10.1001/archpsyc.63.8.856},
  evidence_type = {rct},
}
"""


def kinds(text: str, tmp_path: Path) -> list[tuple[int | None, str]]:
    (tmp_path / "refs.bib").write_text(text, encoding="utf-8")
    bibliography = load_bibliography([tmp_path / "refs.bib"], tmp_path)
    return [(finding.line, finding.kind) for finding in bibliography.findings]


def test_a_complete_entry_has_no_findings(tmp_path: Path) -> None:
    assert kinds(GOOD, tmp_path) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("  title = {A randomized trial of an {N}-methyl-{D}-aspartate antagonist},\n", ""), (1, "missing field")),
        (("  year = {2006},\n", ""), (1, "missing field")),
        (("  journal = {Archives of General Psychiatry},\n", ""), (1, "missing field")),
        (("  author = {Zarate, Carlos A. and Singh, Jaskaran B.},\n", ""), (1, "missing field")),
        (("{10.1001/archpsyc.63.8.856}", "{doi:10.1001/archpsyc}"), (6, "malformed DOI")),
        (("  doi = {10.1001/archpsyc.63.8.856},\n", ""), (1, "no identifier")),
        (("{rct}", "{anecdote}"), (7, "bad field")),
        (("zarate2006randomized,", "Zarate2006Randomized,"), (1, "bad key")),
        (("{2006}", "{06}"), (5, "bad field")),
        (("{Archives of General Psychiatry},", "{Archives of General Psychiatry"), (4, "bib syntax")),
    ],
)
def test_entry_problems_are_found_at_their_line(
    tmp_path: Path, change: tuple[str, str], expected: tuple[int, str]
) -> None:
    old, new = change
    assert old in GOOD
    assert expected in kinds(GOOD.replace(old, new), tmp_path)


def test_duplicates_across_files_and_in_case_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.bib").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.bib").write_text("\n\n" + GOOD.replace("zarate2006randomized", "Zarate2006randomized"))
    bibliography = load_bibliography([tmp_path / "a.bib", tmp_path / "b.bib"], tmp_path)
    duplicate = [f for f in bibliography.findings if f.kind == "duplicate key"]
    assert len(duplicate) == 1
    assert duplicate[0].path == "b.bib" and duplicate[0].line == 3
    assert "a.bib:1" in duplicate[0].message and "differ only in case" in duplicate[0].message


def test_one_broken_entry_hides_no_other(tmp_path: Path) -> None:
    text = "@article{broken2000x, title = {never closed,\n\n" + GOOD
    parsed = parse_bibtex(text, "x.bib")
    assert [entry.key for entry in parsed.entries] == ["zarate2006randomized"]
    assert parsed.findings[0].line == 1


def test_strings_quotes_and_concatenation() -> None:
    parsed = parse_bibtex(
        '@string{ajp = "American Journal"}\n@article{x2000y, journal = ajp # " of Psychiatry", year = 2000,'
        ' month = may}\n',
        "x.bib",
    )
    assert parsed.findings == []
    assert parsed.entries[0].fields == {"journal": "American Journal of Psychiatry", "year": "2000", "month": "may"}


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ("Zarate, Carlos A. and Singh, Jaskaran B.", ("Zarate CA", "Singh JB")),
        ("Carlos A. Zarate", ("Zarate CA",)),
        ("Zarate, Jr., Carlos A.", ("Zarate CA Jr.",)),
        ("M{\\\"u}ller, Hans-Peter", ("Müller HP",)),
        ("{Department of Veterans Affairs}", ("Department of Veterans Affairs",)),
        ("{Assessment and Management of Suicide Risk Work Group}",
         ("Assessment and Management of Suicide Risk Work Group",)),
        ("{A and B Group} and Smith, Jo", ("A and B Group", "Smith J")),
        ("A, A and B, B and C, C and others", ("A A", "B B", "C C", "et al")),
        (" and ".join(f"N{i}, X" for i in range(7)), ("N0 X", "N1 X", "N2 X", "et al")),
    ],
)
def test_authors_are_written_in_ama_style(authors: str, expected: tuple[str, ...]) -> None:
    assert format_authors(authors) == expected


def test_latex_markup_becomes_text() -> None:
    assert latex_to_text("{NMDA} receptor {\\'e}t{\\'e} 10--20") == "NMDA receptor été 10\u201320"


def test_fields_read_the_same_on_the_quick_path_and_the_full_one() -> None:
    """One-line `name = {text}` fields take a shortcut in the reader; written so that they cannot, the
    same entry must give the same values and lines."""
    quick = "@article{k,\n  author = {Smith, Anna and Lee, B},\n  title = {A  trial},\n  year = 2020,\n}\n"
    full = '@article{k,\n  author = "Smith, Anna and Lee, B",\n  title = {A\n  trial},\n  year = "2020"\n}\n'
    fast, slow = parse_bibtex(quick, "q.bib").entries[0], parse_bibtex(full, "f.bib").entries[0]
    assert fast.fields == slow.fields == {"author": "Smith, Anna and Lee, B", "title": "A trial", "year": "2020"}
    assert fast.field_lines == {"author": 2, "title": 3, "year": 4}
    assert slow.field_lines == {"author": 2, "title": 3, "year": 5}  # its title takes two lines
    twice = parse_bibtex("@article{k,\n  title = {A},\n  title = {B}\n}\n", "t.bib")
    assert [finding.message for finding in twice.findings] == [
        "field 'title' appears twice in entry 'k' (in the @article entry that starts on line 1)"
    ]
