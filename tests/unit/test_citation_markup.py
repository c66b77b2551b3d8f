"""Citations rendered by medkb.render.citations (steps 5 to 7) are, byte for byte, what Markdown's footnotes extension
renders from mkdocs-bibtex's footnotes: numbers, ids (`fnref2:key` on the citation the extension
would give it), back-links and the reference list where the page's marker is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from sitebuild import REPO

from medkb.checks.project import PageInfo
from medkb.checks.safety.limits import source_limit_findings
from medkb.pdf.content import element_id, printable_page
from medkb.pdf.sources import RenderedPage
from medkb.render.citations import (
    CODE_AT,
    PLACEHOLDER_CHARACTERS,
    CitationExtension,
    Slot,
    citation_ids,
    entry_placeholder,
    fill_placeholders,
    inline_citations,
    placeholder,
    with_footnote_list,
    with_reference_list,
)
from medkb.render.reference_index import reference_index
from medkb.sources.bibliography import Bibliography, Reference


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's `!ENV` values read as plain values: only its Markdown extensions matter here."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def site_markdown_extensions() -> tuple[list[str], dict[str, Any]]:
    """The Markdown extensions of the site's mkdocs.yml, with their settings."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    names: list[str] = []
    settings: dict[str, Any] = {}
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict):
            ((name, options),) = extension.items()
            names.append(name)
            settings[name] = options or {}
        else:
            names.append(extension)
    return names, settings


def as_mkdocs_bibtex_writes_it(text: str, keys: list[str]) -> str:
    """A page after mkdocs-bibtex (citations as footnotes, one definition per key in citing order) and
    after our reference-list heading (hooks/references.py)."""
    definitions = "\n".join(f"[^{key}]: {entry_placeholder(key)}" for key in keys)
    return with_reference_list(f"{text}\n{definitions}")


def by_footnotes_extension(text: str) -> str:
    names, settings = site_markdown_extensions()
    return markdown.Markdown(extensions=names, extension_configs=settings).convert(text)


def by_citation_markup(text: str) -> str:
    inline = inline_citations(text)
    assert inline is not None
    names, settings = site_markdown_extensions()
    html = markdown.Markdown(extensions=[*names, CitationExtension()], extension_configs=settings).convert(
        inline.markdown
    )
    return with_footnote_list(html, inline.keys)


PAGES = {
    "paragraphs, a key cited twice, adjacent citations": (
        "# Title\n\nFirst claim.[^a]\n\nSecond claim.[^b][^a] And more.[^c]\n", ["a", "b", "c"]
    ),
    "lists, nested lists, a table, an admonition (the extension numbers repeats out of reading order)": (
        "Para one.[^a]\n\n- item[^b] and [^a]\n    - nested[^a]\n\n"
        "| x | y |\n| - | - |\n| cell[^a] | c[^b] |\n\n"
        '!!! note "Title"\n    In admonition.[^a]\n\nLast.[^a][^b]\n',
        ["a", "b"],
    ),
    "emphasis, links and a heading around citations": (
        "## Dosing[^a]\n\n*Strong claim.[^a]* and **bold[^b]** and [a link](https://example.org)[^b].\n\n"
        "> Quoted claim.[^c]\n",
        ["a", "b", "c"],
    ),
    "Markdown inside HTML, raw HTML, code": (
        '<div markdown="1">\nInside.[^a]\n</div>\n\n<div>\nRaw [^b] stays as written.\n</div>\n\n'
        "Code `[^a]` is code.[^b]\n\n```\n[^a]\n```\n",
        ["a", "b"],
    ),
    "a colon right after a citation, a citation starting a line": (
        "As shown[^a]: the drug works.\n\nText\n[^b] starts this line.\n", ["a", "b"]
    ),
    "keys with the characters bib keys may hold": (
        "One.[^smith-2020_a.b] Two.[^x:y2021]\n", ["smith-2020_a.b", "x:y2021"]
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_same_markup_as_the_footnotes_extension(name: str) -> None:
    text, keys = PAGES[name]
    page = as_mkdocs_bibtex_writes_it(text, keys)
    expected = by_footnotes_extension(page)
    assert 'class="footnote"' in expected
    assert by_citation_markup(page) == expected


def test_a_key_cited_three_times_has_three_back_links() -> None:
    html = by_citation_markup(as_mkdocs_bibtex_writes_it("A.[^a]\n\nB.[^a]\n\nC.[^a]\n", ["a"]))
    assert [f'id="fnref{n}:a"' in html for n in ("", "2", "3")] == [True, True, True]
    assert html.count('class="footnote-backref"') == 3 and 'href="#fnref3:a"' in html


ENTRY_A = entry_placeholder("a")


@pytest.mark.parametrize(
    "text",
    [
        f"Claim.[^a] An aside.[^note]\n\n[^a]: {ENTRY_A}\n[^note]: An author's own footnote.",
        f"Claim.[^a]\n\n[^a]: {ENTRY_A} and more words",
        f"Claim.[^a]\n\n[^a]: {ENTRY_A}\n[^a]: {ENTRY_A}",
        f"Claim.[^unknown]\n\n[^a]: {ENTRY_A}",
        "No citations at all.",
    ],
    ids=["own footnote", "definition with more text", "key defined twice", "reference without definition",
         "none"],
)
def test_pages_with_footnotes_of_their_own_keep_the_footnotes_extension(text: str) -> None:
    assert inline_citations(with_reference_list(text)) is None



def test_the_footnotes_extension_gives_the_ids_of_the_one_id_scheme() -> None:
    """Pages with footnotes of their own keep the extension's road: its ids are those citation_ids makes."""
    page = as_mkdocs_bibtex_writes_it("A.[^a] B.[^b]\n\nC.[^a] An aside.[^own]\n\n[^own]: Ours.\n", ["a", "b"])
    assert inline_citations(page) is None
    soup = BeautifulSoup(by_footnotes_extension(page), "html.parser")
    assert [sup["id"] for sup in soup.select("sup[id]")][:3] == [
        citation_ids("a").citation, citation_ids("b").citation, citation_ids("a", 2).citation
    ]
    assert {citation_ids("a").entry, citation_ids("b").entry} <= {li["id"] for li in soup.select(".footnote li")}


def test_a_page_its_references_page_and_its_pdf_name_a_citation_by_one_id_function(tmp_path: Path) -> None:
    """The section page's ids, the references page's link to a page's first citation and the PDF's ids
    (prefixed with the page) all come from citation_ids."""
    html = by_citation_markup(as_mkdocs_bibtex_writes_it("One.[^a]\n\nTwo.[^b][^a]\n", ["a", "b"]))
    soup = BeautifulSoup(html, "html.parser")
    assert [sup["id"] for sup in soup.select("sup[id]")] == [
        citation_ids("a").citation, citation_ids("b").citation, citation_ids("a", 2).citation
    ]
    assert [a["href"] for a in soup.select("a.footnote-ref")] == [f"#{citation_ids(key).entry}" for key in "aba"]
    assert [li["id"] for li in soup.select(".footnote li")] == [citation_ids("a").entry, citation_ids("b").entry]

    info = PageInfo("topic/dosing.md", "docs/topic/dosing.md", "topic", {"title": "Dosing"}, None, ["a", "b"])
    bibliography = Bibliography({key: reference(key) for key in "ab"}, [])
    groups = reference_index([info], bibliography, index_path="topic/references.md")
    assert {citing.anchor for group in groups for entry in group.entries for citing in entry.cited_on} == {
        citation_ids("a").citation, citation_ids("b").citation
    }

    built = tmp_path / "topic" / "dosing" / "index.html"
    built.parent.mkdir(parents=True)
    built.write_text(f'<article class="md-content__inner md-typeset"><h1>Dosing</h1>{html}</article>', "utf-8")
    printed = printable_page(RenderedPage("topic/dosing.md", built, "topic/dosing/"), tmp_path)
    ids = {node["id"] for node in BeautifulSoup(printed.html, "html.parser").find_all(id=True)}
    for ids_of_key in (citation_ids("a"), citation_ids("a", 2), citation_ids("b")):
        assert {element_id("topic/dosing", ids_of_key.citation), element_id("topic/dosing", ids_of_key.entry)} <= ids


def reference(key: str) -> Reference:
    return Reference(
        key=key, entry_type="article", authors=("Author A",), title=f"Title {key}", container="Journal",
        year="2020", volume="", number="", pages="", doi="", pmid="", url="", evidence_type="rct",
        retraction="", unconfirmed="", path="bib/test.bib", line=1,
    )


SLOT_FIELDS = {Slot.ENTRY: ("a",), Slot.CITATION: ("1", "a"), Slot.REFERENCE_LIST: (), Slot.GROUP_LIST: ("rct",)}


@pytest.mark.parametrize("slot", list(Slot))
def test_a_placeholder_typed_into_a_page_is_refused_before_anything_reads_it(slot: Slot) -> None:
    """Every character the pipeline's placeholders are made of is one that no page may hold."""
    forged = placeholder(slot, *SLOT_FIELDS[slot])
    for text in (f"A claim.{forged}\n", f"Code `[{CODE_AT}a2020b]`\n"):
        findings = source_limit_findings("docs/page.md", text)
        assert [(f.line, f.kind) for f in findings] == [(1, "page limits")]
        assert "private-use character" in findings[0].message
    assert set(PLACEHOLDER_CHARACTERS) <= set(forged + CODE_AT)


def test_each_placeholder_is_filled_by_its_own_slot_only() -> None:
    group, the_list = placeholder(Slot.GROUP_LIST, "rct"), placeholder(Slot.REFERENCE_LIST)
    html = f"<p>{group}</p>{entry_placeholder('a')}<p>{the_list}</p>"
    filled = fill_placeholders(html, Slot.ENTRY, lambda match: f"<b>{match.group('key')}</b>")
    assert filled == f"<p>{group}</p><b>a</b><p>{the_list}</p>"
    listed = fill_placeholders(filled, Slot.GROUP_LIST, lambda match: f"<ul id={match.group('anchor')}></ul>",
                               paragraph=True)
    assert listed == f"<ul id=rct></ul><b>a</b><p>{the_list}</p>"
