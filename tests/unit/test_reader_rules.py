"""The reader's-experience rules as tables: audience markers, the references index, structured data,
descriptions and the page's own citation."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from medkb.checks.audience import (
    AUDIENCE_READERS,
    AUDIENCES,
    audience_blocks,
    audience_findings,
    page_audiences,
)
from medkb.checks.project import PageInfo
from medkb.key_terms import KeyTerm, explain_first_uses, key_term_findings
from medkb.render.citations import CITATION_SEPARATOR, compressed_citation_ranges, sorted_citation_blocks
from medkb.render.page_citation import bibtex_escape, citation_key, filled, page_citation
from medkb.render.reference_display import reader_entry, retraction_notice, with_full_stop
from medkb.render.reference_index import GROUP_HEADINGS, reference_index, relative_link
from medkb.render.references import collapsed_corrections
from medkb.render.structured_data import (
    SCHEMA_AUDIENCES,
    AboutItem,
    json_for_script,
    lead_text,
    medical_web_page,
    page_description,
    read_about,
    shorten,
)
from medkb.sources.bibliography import EVIDENCE_TYPES, Bibliography, Reference
from medkb.sources.frontmatter import PageReview

# ---------------------------------------------------------------------------------------------
# Audience blocks
# ---------------------------------------------------------------------------------------------

BLOCK_BODY = "    Ketamine blocks the NMDA receptor.[@orser1997multiple]\n"


@pytest.mark.parametrize(
    ("marker", "audience", "title"),
    [
        ('???+ audience-patient "In plain words"', "patient", "In plain words"),
        ('???+ audience-professional "Quick reference"', "professional", "Quick reference"),
        ('???+ audience-student inline end "For students"', "student", "For students"),
        ('  ???+ audience-patient "Nested in a list"', "patient", "Nested in a list"),
    ],
)
def test_valid_audience_blocks(marker: str, audience: str, title: str) -> None:
    text = f"Lead.\n\n{marker}\n{BLOCK_BODY}"
    (block,) = audience_blocks(text)
    assert (block.line, block.audience, block.title, block.problem) == (3, audience, title, None)
    assert audience_findings("docs/a/index.md", text) == []
    assert page_audiences(text) == (audience,)


@pytest.mark.parametrize(
    ("marker", "fragment"),
    [
        ('???+ audience-patients "Title"', "'audience-patients' names no audience; use one of: "
                                           "audience-professional, audience-student, audience-patient"),
        ('???+ audience "Title"', "names no audience"),
        ('???+ audience-Patient "Title"', "names no audience"),
        ('!!! audience-patient "Title"', "write audience blocks as '???+ audience-patient \"Title\"' (not '!!!')"),
        ('??? audience-patient "Title"', "(not '???'): an open collapsible block, so that every block shows "
                                         "without JavaScript"),
        ("???+ audience-patient", "the audience block has no title"),
        ('???+ audience-patient ""', "the audience block has no title"),
    ],
)
def test_malformed_audience_blocks_are_findings_at_their_line(marker: str, fragment: str) -> None:
    text = f"---\ntitle: T\n---\n\nLead.\n\n{marker}\n{BLOCK_BODY}"
    (finding,) = audience_findings("docs/a/index.md", text)
    assert (finding.path, finding.line, finding.kind) == ("docs/a/index.md", 7, "audience block")
    assert fragment in finding.message
    assert page_audiences(text) == ()


def test_audience_markers_in_code_are_not_blocks() -> None:
    text = 'Write:\n\n```markdown\n!!! audience-patients "Wrong"\n```\n\nand `??? audience-x`.\n'
    assert audience_blocks(text) == []


def test_page_audiences_in_order_of_first_block() -> None:
    text = "".join(f'???+ audience-{name} "T"\n{BLOCK_BODY}\n' for name in ("professional", "patient", "professional"))
    assert page_audiences(text) == ("professional", "patient")


def test_every_audience_has_a_label_a_plural_and_a_schema_audience() -> None:
    assert set(AUDIENCES) == set(AUDIENCE_READERS) == set(SCHEMA_AUDIENCES)


# ---------------------------------------------------------------------------------------------
# References index
# ---------------------------------------------------------------------------------------------


def reference(key: str, evidence_type: str, first_author: str, year: str = "2020", doi: str = "") -> Reference:
    return Reference(
        key=key, entry_type="article", authors=(first_author, "Other B"), title=f"Title of {key}",
        container="Journal", year=year, volume="1", number="", pages="1-2", doi=doi, pmid="", url="",
        evidence_type=evidence_type, retraction="", unconfirmed="", path="bib/x.bib", line=1,
    )


def page(src_path: str, title: str, cited: list[str]) -> PageInfo:
    review = PageReview(title=title, review_status="submitted", last_updated=dt.date(2026, 1, 1))
    return PageInfo(src_path, f"docs/{src_path}", "art", {"title": title}, review, cited)


BIBLIOGRAPHY = Bibliography(
    references={
        ref.key: ref
        for ref in (
            reference("zeta2019trial", "rct", "Zeta A"),
            reference("alpha2021trial", "rct", "alpha B"),
            reference("alpha2018trial", "rct", "Alpha B"),
            reference("fda2020label", "drug-label", "Janssen"),
            reference("group2019guideline", "guideline", "Work Group"),
            reference("odd2020source", "", "Odd C"),
        )
    },
    findings=[],
)


def test_reference_index_groups_by_evidence_type_in_hierarchy_order_with_back_links() -> None:
    pages = [
        page("art/index.md", "Overview", ["zeta2019trial", "fda2020label", "zeta2019trial"]),
        page("art/dosing.md", "Dosing", ["fda2020label", "alpha2021trial", "missing2020key"]),
        page("art/deep/more.md", "More", ["group2019guideline", "alpha2018trial", "odd2020source"]),
    ]
    groups = reference_index(pages, BIBLIOGRAPHY, index_path="art/references.md")
    assert [(g.evidence_type, g.heading, g.anchor) for g in groups] == [
        ("guideline", "Guidelines", "guideline"),
        ("rct", "Randomised trials", "rct"),
        ("drug-label", "Drug labels", "drug-label"),
        ("", "Other sources", "other-sources"),
    ]
    trials = groups[1].entries
    # Sorted by first author (case-insensitive), then year.
    assert [entry.reference.key for entry in trials] == ["alpha2018trial", "alpha2021trial", "zeta2019trial"]
    label = groups[2].entries[0]
    assert [(c.title, c.link) for c in label.cited_on] == [
        ("Overview", "index.md#fnref:fda2020label"),
        ("Dosing", "dosing.md#fnref:fda2020label"),
    ]
    # A page citing a source twice links back once; pages in subfolders get relative links.
    assert [c.link for c in trials[2].cited_on] == ["index.md#fnref:zeta2019trial"]
    assert [c.link for c in trials[0].cited_on] == ["deep/more.md#fnref:alpha2018trial"]
    keys = [entry.reference.key for group in groups for entry in group.entries]
    assert "missing2020key" not in keys and len(keys) == len(set(keys)) == 6


def test_every_evidence_type_has_a_group_heading() -> None:
    assert set(GROUP_HEADINGS) == set(EVIDENCE_TYPES)


@pytest.mark.parametrize(
    ("source", "target", "link"),
    [
        ("art/references.md", "art/index.md", "index.md"),
        ("art/references.md", "art/sub/page.md", "sub/page.md"),
        ("art/sub/references.md", "art/index.md", "../index.md"),
        ("references.md", "index.md", "index.md"),
    ],
)
def test_relative_links(source: str, target: str, link: str) -> None:
    assert relative_link(source, target) == link


# ---------------------------------------------------------------------------------------------
# Structured data
# ---------------------------------------------------------------------------------------------

REVIEW = PageReview(
    title="Dosing protocols", review_status="submitted", last_updated=dt.date(2026, 11, 27),
    description="Doses and routes.", reviewers=("Dr A Reviewer",), reviewed_on=dt.date(2026, 11, 20),
)


def web_page(review: PageReview, **overrides: object) -> dict[str, object]:
    arguments: dict[str, object] = {
        "review": review, "description": review.description, "site_name": "Evidence KB", "language": "en",
        "audiences": (), "about": (AboutItem("Drug", "Ketamine"),),
        "references": [reference("zeta2019trial", "rct", "Zeta A", doi="10.1000/xyz"),
                       replace(reference("fda2020label", "drug-label", "Janssen"), entry_type="manual",
                               url="https://example.org/label")],
    }
    arguments.update(overrides)
    return medical_web_page(**arguments)  # type: ignore[arg-type]


def test_medical_web_page_of_a_submitted_page_claims_no_review() -> None:
    data = web_page(REVIEW)
    assert data["@type"] == "MedicalWebPage" and data["@context"] == "https://schema.org"
    assert (data["name"], data["description"], data["dateModified"]) == (
        "Dosing protocols", "Doses and routes.", "2026-11-27")
    assert "lastReviewed" not in data and "reviewedBy" not in data
    assert "url" not in data
    assert data["about"] == [{"@type": "Drug", "name": "Ketamine"}]
    assert [a["name"] for a in data["audience"]] == ["Healthcare professionals", "Students"]  # type: ignore[index]
    first, second = data["citation"]  # type: ignore[misc]
    assert first["@type"] == "ScholarlyArticle"
    assert first["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1000/xyz"}
    assert first["url"] == "https://doi.org/10.1000/xyz" and first["datePublished"] == "2020"
    assert second["@type"] == "CreativeWork" and second["url"] == "https://example.org/label"
    assert "identifier" not in second


def test_medical_web_page_of_an_approved_page_names_review_date_and_reviewers() -> None:
    approved = replace(REVIEW, review_status="approved")
    data = web_page(approved, audiences=("patient",), url="https://kb.example/a/", site_url="https://kb.example/")
    assert data["lastReviewed"] == "2026-11-20"
    assert data["reviewedBy"] == [{"@type": "Person", "name": "Dr A Reviewer"}]
    assert data["url"] == "https://kb.example/a/"
    assert data["isPartOf"] == {"@type": "WebSite", "name": "Evidence KB", "url": "https://kb.example/"}
    assert [a["name"] for a in data["audience"]] == [  # type: ignore[index]
        "Healthcare professionals", "Students", "Patients and caregivers"]


def test_json_for_script_cannot_close_the_script_and_round_trips() -> None:
    data = {"name": "</script><!-- a & b > c", "accent": "Zárate — “quoted”", "line": "\u2028"}
    text = json_for_script(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert text.isascii()
    assert json.loads(text) == data


@pytest.mark.parametrize(
    ("value", "items", "problem"),
    [
        (None, (), None),
        ([{"Drug": "Ketamine"}, {"MedicalCondition": " Depression "}],
         (AboutItem("Drug", "Ketamine"), AboutItem("MedicalCondition", "Depression")), None),
        ("Ketamine", (), "'about' must be a list of 'Type: name' entries"),
        ([], (), "'about' must be a list"),
        (["Ketamine"], (), "about item 1 must be one 'Type: name' pair"),
        ([{"Drug": "Ketamine", "Other": "x"}], (), "about item 1 must be one 'Type: name' pair"),
        ([{"Drug": "Ketamine"}, {"Medicine": "Ketamine"}], (AboutItem("Drug", "Ketamine"),),
         "about item 2: 'Medicine' is not one of: MedicalCondition, Drug"),
        ([{"Drug": ""}], (), "about item 1: give the name of the Drug as text"),
        ([{"Drug": 5}], (), "about item 1: give the name of the Drug as text"),
    ],
)
def test_read_about(value: object, items: tuple[AboutItem, ...], problem: str | None) -> None:
    found, problems = read_about(value)
    assert found == items
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0]


@pytest.mark.parametrize(
    ("markdown", "lead"),
    [
        ("---\ntitle: T\n---\n\nKetamine acts fast.[@a2020b]\nIt fades.[@c2020d; @e2020f]\n\nSecond.\n",
         "Ketamine acts fast. It fades."),
        ("## Heading\n\n!!! note \"N\"\n    Inside.\n\n- item\n\n| a | b |\n\nThe **first** [real](x.md) "
         "paragraph with `code`.\n", "The first real paragraph with code."),
        ("<div>html</div>\n\n> quote\n\nText <abbr>here</abbr>.[^1]\n", "Text here.[^1]"),
        ("## Only headings\n\n## And more\n", ""),
        ("Body starting after a rule\n\n---\n", "Body starting after a rule"),
    ],
)
def test_lead_text(markdown: str, lead: str) -> None:
    assert lead_text(markdown) == lead


def test_page_description_prefers_the_front_matter_then_the_lead_then_the_site() -> None:
    assert page_description({"description": "  From   front matter. "}, "Lead.", "Site.") == "From front matter."
    assert page_description({}, "Lead.", "Site.") == "Lead."
    assert page_description({"description": ""}, "", "Site.") == "Site."
    long = "word " * 100
    short = page_description({}, long.strip())
    assert len(short) <= 300 and short.endswith("word\u2026")
    assert shorten("short") == "short"


# ---------------------------------------------------------------------------------------------
# Cite this page
# ---------------------------------------------------------------------------------------------


def test_section_page_citation_in_plain_text_and_bibtex() -> None:
    citation = page_citation(
        page_title="Dosing protocols", article_title="Ketamine in depression", site_name="Evidence KB",
        updated=dt.date(2026, 11, 27), src_path="ketamine-depression/dosing.md",
    )
    values = {"accessed": "28 November 2026", "accessed-iso": "2026-11-28", "url": "https://kb.example/d/"}
    assert filled(citation.plain(), values) == (
        "Ketamine in depression: Dosing protocols. Evidence KB. Updated 27 November 2026. "
        "Accessed 28 November 2026. https://kb.example/d/"
    )
    assert filled(citation.bibtex(), values) == (
        "@misc{ketamine-depression-dosing,\n"
        "  title = {{Ketamine in depression: Dosing protocols}},\n"
        "  author = {{Evidence KB}},\n"
        "  howpublished = {Evidence KB},\n"
        "  year = {2026},\n"
        "  note = {Last updated 2026-11-27},\n"
        "  url = {https://kb.example/d/},\n"
        "  urldate = {2026-11-28}\n"
        "}"
    )
    # Without values the placeholders stand in.
    assert filled(citation.plain(), {}).endswith("Accessed [date accessed]. [address of this page]")


def test_overview_citation_uses_the_article_title_and_a_known_address() -> None:
    citation = page_citation(
        page_title="Ketamine in depression", article_title="Ketamine in depression", site_name="KB",
        updated=dt.date(2026, 1, 2), src_path="ketamine-depression/index.md", url="https://kb.example/k/",
    )
    assert citation.key == "ketamine-depression"
    assert filled(citation.plain(), {"accessed": "3 January 2026"}) == (
        "Ketamine in depression. KB. Updated 2 January 2026. Accessed 3 January 2026. https://kb.example/k/"
    )


@pytest.mark.parametrize(
    ("src_path", "key"),
    [("a/index.md", "a"), ("a/b.md", "a-b"), ("index.md", "page"), ("A_b/C d.md", "a-b-c-d")],
)
def test_citation_keys(src_path: str, key: str) -> None:
    assert citation_key(src_path) == key


def test_bibtex_escape() -> None:
    assert bibtex_escape("50% & {x} #1 a_b ~ ^ $ \\") == (
        r"50\% \& \{x\} \#1 a\_b \textasciitilde{} \textasciicircum{} \$ \textbackslash{}"
    )


# ---------------------------------------------------------------------------------------------
# What readers see of an entry (medkb.render.reference_display)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Janssen Pharmaceuticals, Inc.", "Janssen Pharmaceuticals, Inc."),
        ("Zarate CA Jr, Singh JB", "Zarate CA Jr, Singh JB."),
        ("Is it?", "Is it?"),
        ("", ""),
    ],
)
def test_a_name_ends_in_one_full_stop(written: str, shown: str) -> None:
    assert with_full_stop(written) == shown


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        (
            ("Retracted in 2017: Retraction notice: A study, Journal 2017 (volume, pages and notice DOI not "
             "confirmed; see ijnp2017retraction). Reason given in the notice: doses misrepresented"),
            "Retracted in 2017: A study, Journal 2017. Reason given in the notice: doses misrepresented.",
        ),
        ("Retraction notice: Retraction notice: Journal 2019;3:4.", "Retraction notice: Journal 2019;3:4."),
        ("Journal 2019 (authors' request)", "Retraction notice: Journal 2019 (authors' request)."),
        ("Retraction notice: Journal 2020; see smith2020retraction.", "Retraction notice: Journal 2020."),
        ("", ""),
    ],
)
def test_a_retraction_notice_carries_one_label_and_no_working_notes(written: str, shown: str) -> None:
    assert retraction_notice(written) == shown


def test_an_entry_with_unconfirmed_details_is_only_marked() -> None:
    entry = reader_entry(replace(reference("a2020b", "rct", "Smith A"), unconfirmed="PMID not confirmed"))
    assert entry.unverified and "PMID" not in entry.authors + entry.notice
    assert not reader_entry(reference("a2020b", "rct", "Smith A")).unverified


def test_a_source_ending_in_a_full_stop_gets_no_second_one() -> None:
    assert reader_entry(replace(reference("a2020b", "drug-label", "Maker"), container="Maker, Inc.")).source_stop == ""
    assert reader_entry(reference("a2020b", "rct", "Smith A")).source_stop == "."


# ---------------------------------------------------------------------------------------------
# Citation clusters as in a journal (medkb.render.references)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "sorted_"),
    [
        ("A.[@b; @a]", "A.[@b; @a]"),  # both new: written order gives the numbers 1, 2
        ("A.[@a] B.[@c] C.[@c; @a]", "A.[@a] B.[@c] C.[@a; @c]"),
        ("A.[@a; @b; @c] B.[@c; @b; @a; @d]", "A.[@a; @b; @c] B.[@a; @b; @c; @d]"),
        ("A.[@a] `[@b; @a]` B.[@b; @a]", "A.[@a] `[@b; @a]` B.[@a; @b]"),  # code is left as written
        ("A.[@a; @a]", "A.[@a]"),
    ],
)
def test_a_cluster_lists_its_keys_in_number_order(written: str, sorted_: str) -> None:
    assert sorted_citation_blocks(written) == sorted_


def cluster(*numbers: int) -> str:
    return CITATION_SEPARATOR.join(
        f'<sup id="fnref:k{n}"><a class="footnote-ref" href="#fn:k{n}">{n}</a></sup>' for n in numbers
    )


def shown(html: str) -> str:
    """What a reader sees of a cluster: numbers outside ranges, separators and dashes."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.select("sup.citation-in-range"):
        hidden.decompose()
    return soup.get_text().replace("\u2060", "")  # the word joiner after a range's dash


@pytest.mark.parametrize(
    ("numbers", "seen"),
    [
        ((1, 2), "1,2"),
        ((1, 2, 3), "1\u20133"),
        ((1, 2, 3, 5), "1\u20133,5"),
        ((2, 4, 5, 6, 7, 9, 10), "2,4\u20137,9,10"),
        ((1, 3, 5), "1,3,5"),
    ],
)
def test_runs_of_three_or_more_numbers_read_as_a_range(numbers: tuple[int, ...], seen: str) -> None:
    html = compressed_citation_ranges(f"<p>Text.{cluster(*numbers)}</p>")
    assert shown(html) == f"Text.{seen}"
    soup = BeautifulSoup(html, "html.parser")
    # Every citation keeps its id (the entry's back-link lands there) and its link for screen readers.
    assert [a.get_text() for a in soup.select("a.footnote-ref")] == [str(n) for n in numbers]
    assert {sup["id"] for sup in soup.select("sup[id]")} == {f"fnref:k{n}" for n in numbers}
    assert all(a.get("tabindex") == "-1" for a in soup.select("sup.citation-in-range a"))



@pytest.mark.parametrize(
    ("written", "rendered"),
    [
        ('!!! editorial "Editorial note: x"\n    Body.', '??? editorial "Editorial note: x"\n    Body.'),
        ('- item\n\n    !!! correction "C"\n        Body.', '- item\n\n    ??? correction "C"\n        Body.'),
        ('!!! note "Kept"\n    Body.', '!!! note "Kept"\n    Body.'),
        ('```\n!!! editorial "In code"\n```', '```\n!!! editorial "In code"\n```'),
    ],
)
def test_correction_boxes_fold_to_one_line(written: str, rendered: str) -> None:
    assert collapsed_corrections(written) == rendered



# ---------------------------------------------------------------------------------------------
# Key terms explained where first used (medkb.key_terms)
# ---------------------------------------------------------------------------------------------

TERMS = [KeyTerm("off-label", "not approved for this", "a2020b"), KeyTerm("active placebo", "a drug with effects", "c2021d")]


def marked(term: KeyTerm, text: str) -> str:
    return f"[{text}]"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>It is off-label. Still off-label.</p>", "<p>It is [off-label]. Still off-label.</p>"),
        ("<h2>Off-label use</h2><p>Off-label use.</p>", "<h2>Off-label use</h2><p>[Off-label] use.</p>"),
        ('<p><a href="x">off-label</a> then off-label</p>', '<p><a href="x">off-label</a> then [off-label]</p>'),
        ("<p>An active\nplacebos arm, off-label.</p>", "<p>An [active\nplacebos] arm, [off-label].</p>"),
        ("<p>Not off-labelled, nor toff-label.</p>", "<p>Not off-labelled, nor toff-label.</p>"),
        ('<p>Text.</p><div class="footnote"><p>off-label</p></div>', '<p>Text.</p><div class="footnote"><p>off-label</p></div>'),
        ("<p><code>off-label</code> <sup>off-label</sup> off-label</p>", "<p><code>off-label</code> <sup>off-label</sup> [off-label]</p>"),
        ('<details class="audience-patient" open><p>off-label</p></details><p>off-label</p>',
         '<details class="audience-patient" open><p>off-label</p></details><p>[off-label]</p>'),
    ],
)
def test_a_key_term_is_explained_at_its_first_use_in_running_text(html: str, expected: str) -> None:
    assert explain_first_uses(html, TERMS, marked) == expected


def test_a_key_term_needs_a_known_source_and_a_phrase_without_a_full_stop() -> None:
    value = [{"term": "off-label", "means": "not approved. Really", "source": "nobody2020x"}]
    findings = key_term_findings("docs/a/index.md", 7, value, {"a2020b"})
    assert [(f.line, f.kind) for f in findings] == [(7, "key term"), (7, "key term")]
    assert "'nobody2020x' is in no bib/*.bib file" in findings[0].message
    assert key_term_findings("docs/a/index.md", 7, [{"term": "t", "means": "m", "source": "a2020b"}], {"a2020b"}) == []
