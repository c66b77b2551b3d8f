"""Broken sources fail the real build with a message naming the file (and line), never a traceback,
and the site published before stays as it was."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from publishing import publish_over_previous_site
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
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_bytes(content)

    return apply


def line_containing(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def append(relative: str, extra: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        with (project / relative).open("a", encoding="utf-8") as handle:
            handle.write(extra)

    return apply


Expected = str | Callable[[Path], str]
"""The message, or how to work it out from the broken project (for a line that depends on the fixture)."""

BROKEN_INPUTS: dict[str, tuple[Callable[[Path], None], Expected]] = {
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
        f"{ARTICLE}:5: front matter: 'review_status' is 'published', which is not allowed; expected one of "
        "submitted, under_review, approved",
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
    "bib entry without year": (
        append(BIB, "\n@article{smith2020noyear, author={Smith, A}, title={T}, journal={J}, "
                    "doi={10.1/x}, evidence_type={rct}}\n"),
        f"{BIB}:40: missing field: entry 'smith2020noyear': needs 'year'",
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
    "link to a page that does not exist": (
        append(ARTICLE, "\nSee [the missing page](nowhere.md#dose).\n"),
        f"{ARTICLE}:17: broken link: 'nowhere.md#dose' points to docs/demo-article/nowhere.md, which does not "
        "exist; correct the path or create the page",
    ),
    "raw HTML link to a page that does not exist": (
        append(ARTICLE, '\nSee <a href="../gone/index.md">this</a>.\n'),
        f"{ARTICLE}:17: broken link: '../gone/index.md' points to docs/gone/index.md, which does not exist",
    ),
    "image that does not exist": (
        append(SECTION, "\n![Response over time](figures/response.png)\n"),
        f"{SECTION}:16: missing image: image 'figures/response.png' not found (looked for "
        "docs/demo-article/figures/response.png); add the image file or correct the path",
    ),
    "page of 5 MB": (
        write(SECTION, b"---\ntitle: Section\n---\n\n" + b"Response rates were higher than with placebo.\n\n" * 110_000),
        f"{SECTION}: page too large: page is 5048 KB; the limit is 256 KB: split it into several pages",
    ),
    "navigation entry pointing nowhere": (
        edit("mkdocs.yml", "- editorial-policy.md\n", "- editorial-policy.md\n- Dosing: demo-article/dosing.md\n"),
        lambda project: f"mkdocs.yml:{line_containing(project / 'mkdocs.yml', 'Dosing:')}: navigation: nav entry "
        "'Dosing: demo-article/dosing.md' names docs/demo-article/dosing.md, which does not exist; correct the path "
        "(relative to docs/) or remove the entry",
    ),
    "two pages with the same address": (
        write("docs/editorial-policy/index.md", b"---\ntitle: Policy again\n---\n\nText.\n"),
        "docs/editorial-policy/index.md: duplicate page address: docs/editorial-policy.md and "
        "docs/editorial-policy/index.md would both be published at /editorial-policy/, one replacing the other",
    ),
    "link to a heading that does not exist (MkDocs' own strict warning)": (
        append(ARTICLE, "\nSee [the details](section.md#no-such-heading).\n"),
        "WARNING -  Doc file 'demo-article/index.md' contains a link 'section.md#no-such-heading', but the doc "
        "'demo-article/section.md' does not contain an anchor '#no-such-heading'.",
    ),
    "bib url that is not a web address": (
        edit(BIB, "doi = {10.1001/archpsyc.63.8.856}", "url = {javascript:alert(1)}"),
        f"{BIB}:9: bad field: entry 'zarate2006randomized': url 'javascript:alert(1)' must be a web address",
    ),
    "HTML file among the pages": (
        write("docs/demo-article/extra.html", b"<script>alert(1)</script>"),
        "docs/demo-article/extra.html: unsafe file: '.html' files are not published from docs/",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN_INPUTS))
def test_broken_input_fails_the_build_with_a_clear_message(minimal_project: Path, name: str) -> None:
    break_it, expected = BROKEN_INPUTS[name]
    break_it(minimal_project)
    if callable(expected):
        expected = expected(minimal_project)

    result = publish_over_previous_site(minimal_project)  # what `make site` runs

    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    assert expected in result.output, result.output
    assert "Build failed (see the messages above): site/ was left as it was." in result.output
    assert result.site_survived and result.leftovers == []


def test_the_unbroken_fixture_builds(minimal_project: Path) -> None:
    """The control for the table above: unbroken, the project builds without a warning, and the section
    page every breakage targets shows its citation and its reference."""
    result = build(minimal_project)
    assert result.ok, result.output
    assert "WARNING" not in result.output, result.output
    section = result.page("demo-article/section/")
    assert section.select_one("article h1").get_text(strip=True) == "Section"
    assert [str(entry["id"]) for entry in section.select("div.footnote li")] == ["fn:zarate2006randomized"]
    assert {ref.get_text() for ref in section.select("a.footnote-ref")} == {"1"}


def test_a_bibliography_of_20000_entries_builds(minimal_project: Path) -> None:
    """Large, valid input is not an error: 20,000 entries load, check and build (none is cited: info only)."""
    entries = [
        f"@article{{author{number:05d}2020trial,\n  author = {{Author{number}, Alex and Other, Beth}},\n"
        f"  title = {{Trial number {number} of a treatment}},\n  journal = {{Journal of Trials}},\n"
        f"  year = {{2020}},\n  volume = {{{number % 90 + 1}}},\n  pages = {{1--10}},\n"
        f"  doi = {{10.1000/trial.{number}}},\n  evidence_type = {{rct}},\n}}\n"
        for number in range(20_000)
    ]
    (minimal_project / "bib/large.bib").write_text("\n".join(entries), encoding="utf-8")

    result = build(minimal_project)

    assert result.ok, result.output[-3000:]
    check = subprocess.run([sys.executable, "-m", "medkb", "check"], cwd=minimal_project, capture_output=True,
                           text=True, check=False)
    assert "20003 references" in check.stdout.splitlines()[-1], check.stdout[-500:]  # every entry was read
    references = result.page("demo-article/section/").select(".medkb-ref__title")
    assert [ref.get_text(strip=True) for ref in references] == [
        "A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression."
    ]

