"""Unit tables for the claim rule: how a page is cut into units, how a unit is classified, and
which findings come out."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from medkb.citations import citation_blocks, mask_code
from medkb.claims import ClaimUnit, claim_findings, claim_units, is_claim_bearing

ROOT = Path(__file__).parent.parent


def page(markdown: str) -> str:
    return textwrap.dedent(markdown).lstrip("\n")


def spans(markdown: str) -> list[tuple[int, int, str]]:
    return [(unit.start_line, unit.end_line, unit.construct) for unit in claim_units(page(markdown))]


def unit_at(markdown: str, line: int) -> ClaimUnit:
    (unit,) = [unit for unit in claim_units(page(markdown)) if unit.start_line <= line <= unit.end_line]
    return unit


def kinds(markdown: str) -> list[tuple[int | None, str]]:
    return [(finding.line, finding.kind) for finding in claim_findings("docs/a.md", page(markdown))]


# ---------------------------------------------------------------------------------------------
# Units: which lines form a unit, of which construct
# ---------------------------------------------------------------------------------------------

UNIT_CASES = [
    pytest.param("One paragraph.\n", [(1, 1, "paragraph")], id="paragraph"),
    pytest.param(
        """
        A paragraph hard-wrapped
        over three lines
        ends here.

        Next paragraph.
        """,
        [(1, 3, "paragraph"), (5, 5, "paragraph")],
        id="hard-wrapped paragraph is one unit",
    ),
    pytest.param(
        """
        First sentence with its source.[@smith2020trial]
        Second sentence on the next line.
        """,
        [(1, 1, "paragraph"), (2, 2, "paragraph")],
        id="a line ending in a citation ends the unit",
    ),
    pytest.param(
        """
        ---
        title: Page
        description: Metformin reduces HbA1c by 1%.
        ---

        Body text.
        """,
        [(6, 6, "paragraph")],
        id="front matter skipped, lines counted from the top of the file",
    ),
    pytest.param(
        """
        # Heading
        ## Another heading
        Setext heading
        ==============

        Text.
        """,
        [(6, 6, "paragraph")],
        id="headings are not units",
    ),
    pytest.param(
        """
        Intro.

        ```python
        # metformin reduces mortality by 36%
        print("Statins cut strokes by half.")
        ```

        ~~~
        Aspirin prevents 20% of events.
        ~~~
        """,
        [(1, 1, "paragraph")],
        id="fenced code is not prose",
    ),
    pytest.param(
        """
        Text.

            indented code: insulin lowers glucose by 5 mmol/L
        """,
        [(1, 1, "paragraph")],
        id="indented code block is not prose",
    ),
    pytest.param(
        """
        <!-- Metformin reduces HbA1c by 1%. -->

        <!--
        A multi-line comment
        about warfarin.
        -->
        Text.
        """,
        [(7, 7, "paragraph")],
        id="HTML comments are not prose",
    ),
    pytest.param(
        """
        [nice]: https://www.nice.org.uk/guidance/ng136
        [who]: https://www.who.int "WHO"
        ![A chart of blood pressure](img/bp.png)
        *[BP]: blood pressure
        """,
        [],
        id="link definitions, lone images and abbreviations are not units",
    ),
    pytest.param(
        """
        - First item.
        - Second item that wraps
          onto a second line.
        - Third item.
        """,
        [(1, 1, "list item"), (2, 3, "list item"), (4, 4, "list item")],
        id="list items, a wrapped item is one unit",
    ),
    pytest.param(
        """
        1. Ordered item.
           - Nested item one.
           - Nested item two.
        2. Ordered item two.
        """,
        [(1, 1, "list item"), (2, 2, "list item"), (3, 3, "list item"), (4, 4, "list item")],
        id="nested lists: every item is a unit",
    ),
    pytest.param(
        """
        - Item.

          A second paragraph in the item.

        After the list.
        """,
        [(1, 1, "list item"), (3, 3, "list item"), (5, 5, "paragraph")],
        id="loose list item paragraph, then a paragraph",
    ),
    pytest.param(
        """
        | Drug | Dose |
        | --- | ---: |
        | Ramipril | 2.5 mg |
        | Amlodipine | 5 mg |

        Text.
        """,
        [(3, 3, "table row"), (4, 4, "table row"), (6, 6, "paragraph")],
        id="table: header and separator rows are not units",
    ),
    pytest.param(
        """
        > A quoted paragraph hard-wrapped
        > over two lines.
        >
        > - Quoted list item.
        > Cited quote line.[@a]
        > Next quoted sentence.
        >> Nested quote.
        """,
        [(1, 2, "blockquote"), (4, 5, "blockquote"), (6, 6, "blockquote"), (7, 7, "blockquote")],
        id="a block quote paragraph or list item is one unit; a citation or a new depth ends it",
    ),
    pytest.param(
        """
        !!! warning "Do not combine"
            First body line
            continues here.

            - A list in the admonition.

        ??? note
            Collapsible body.

        Outside.
        """,
        [(2, 3, "admonition"), (5, 5, "list item"), (8, 8, "admonition"), (10, 10, "paragraph")],
        id="admonitions: the title line is not a unit, the body is",
    ),
    pytest.param(
        """
        !!! note "Outer"
            Outer text.

            !!! tip
                Inner text.
        """,
        [(2, 2, "admonition"), (5, 5, "admonition")],
        id="nested admonitions",
    ),
    pytest.param(
        """
        === "Adults"

            Adult text.

        === "Children"

            Child text.
        """,
        [(3, 3, "paragraph"), (7, 7, "paragraph")],
        id="content tabs are transparent",
    ),
    pytest.param(
        """
        Intro line:
        - item right after the intro
        """,
        [(1, 1, "paragraph"), (2, 2, "list item")],
        id="a new list item ends a paragraph",
    ),
    pytest.param(
        """
        Text one.

        ---

        Text two.
        """,
        [(1, 1, "paragraph"), (5, 5, "paragraph")],
        id="thematic break",
    ),
]


@pytest.mark.parametrize(("markdown", "expected"), UNIT_CASES)
def test_units(markdown: str, expected: list[tuple[int, int, str]]) -> None:
    assert spans(markdown) == expected


def test_unit_text_is_as_written() -> None:
    markdown = """
    - Metformin lowers HbA1c
      by about 1%.[@sanchez2016metformin]
    """
    (unit,) = claim_units(page(markdown))
    assert unit.text == "- Metformin lowers HbA1c\n  by about 1%.[@sanchez2016metformin]"
    assert unit.cited_keys == ("sanchez2016metformin",)


def test_tabs_are_indentation() -> None:
    text = "!!! note\n\tBody line in the admonition.\n"
    assert [(unit.start_line, unit.construct) for unit in claim_units(text)] == [(2, "admonition")]


def test_cited_keys_collects_every_well_formed_block() -> None:
    unit = unit_at(
        """
        Statins lower LDL cholesterol [@ctt2010efficacy] and
        cardiovascular events.[@ctt2010efficacy; @nice2023lipids]
        """,
        1,
    )
    assert unit.cited_keys == ("ctt2010efficacy", "ctt2010efficacy", "nice2023lipids")


def test_malformed_citation_is_not_a_citation() -> None:
    unit = unit_at("Statins lower LDL cholesterol by 40%.[@ctt2010efficacy, p. 4]\n", 1)
    assert unit.cited_keys == ()


def test_citation_in_code_does_not_count() -> None:
    unit = unit_at("Statins lower LDL cholesterol by 40%. `[@ctt2010efficacy]`\n", 1)
    assert unit.cited_keys == ()


# ---------------------------------------------------------------------------------------------
# The classifier on one unit's text
# ---------------------------------------------------------------------------------------------

CLAIMS = [
    "Metformin lowers HbA1c by about 1 percentage point.",
    "Start amoxicillin 500 mg three times a day for 5 days.",
    "Inhaled corticosteroids increase the risk of pneumonia in COPD.",
    "SGLT2 inhibitors may reduce hospitalisation for heart failure.",
    "Procalcitonin appears to shorten antibiotic courses.",
    "Sepsis is defined as life-threatening organ dysfunction caused by a dysregulated response to infection.",
    "Offer a statin to adults with a 10-year cardiovascular risk of 10% or more.",
    "Warfarin should not be used in pregnancy.",
    "The guideline recommends annual influenza vaccination for adults with asthma.",
    "Rosuvastatin is more potent than atorvastatin per milligram.",
    "The hazard ratio for stroke was 0.79 (95% CI 0.66 to 0.95).",
    "About 1 in 10 people taking statins report muscle aches.",
    "Triptans are contraindicated in coronary artery disease.",
    "In 2019, NICE lowered the threshold for treating stage 1 hypertension.",
    "Fever in a child younger than 3 months is a red flag.",
    "wheeze",
    "a sore arm",
    "triglycerides",
    "Nausea and vomiting",
    "| Ramipril | 2.5 mg | once daily |",
    "| Sulfonylureas | Gain | High |",
    "- Check renal function every year.",
    "> Give oxygen to keep saturations at 94 to 98%.",
    "Who should be treated? Everyone with a score of 2 or more.",
    "See the dosing page. Metformin is first-line in most adults.",
    "Table 2 shows that mortality fell by 25% with early antibiotics.",
    # Words the site uses too, in clinical sentences
    "Readers with kidney disease should ask their doctor before taking ibuprofen.",
    "Users of oral contraceptives have a higher risk of venous thrombosis.",
    "Each section of the bowel has its own blood supply.",
    "Images of the retina show new vessels in proliferative retinopathy.",
    "Revision surgery carries a higher risk of infection.",
    "Table salt is the main source of sodium in most diets.",
    "Text messages improve adherence to inhaled steroids.",
    "Authors of the Cochrane review judged the evidence to be of low certainty.",
    "We recommend a statin for everyone with chronic kidney disease.",
    "We found no trials of ketamine in children.",
    "This page recommends aspirin from 12 weeks of pregnancy.",
    "Amoxicillin does not cover atypical organisms.",
    "The draft also said it works in everyone.",
    "Most people recover within a week.",
    "Complications are rare.",
]

NON_CLAIMS = [
    "Before diagnosing hypertension:",
    "Common side effects include:",
    "Why does the threshold differ between guidelines?",
    "See the dosing page.",
    "See [Dosing](dosing.md).",
    "For details, see the [evidence summary](evidence.md).",
    "For children, see the paediatric page.",
    "The mechanism is discussed in [Mechanism](mechanism.md).",
    "Results are shown in Table 3.",
    "This page covers the diagnosis and treatment of hypertension in adults.",
    "In this article we summarise the drug treatment of type 2 diabetes.",
    "Back to top",
    "Last updated: 1 April 2025.",
    "[Dosing](dosing.md) · [Safety](safety.md) · [Limitations](limitations.md)",
    "- [Chronic kidney disease](ckd.md)",
    "Related: [Falls prevention](falls.md), [Sepsis](sepsis.md)",
    "Figure 1. Correct position of the cuff on the upper arm.",
    "Table 1 lists the usual starting doses.",
    "We welcome comments on this page via the feedback form.",
    "Thanks to the critical care network for comments on an earlier draft.",
    "Use the menu on the left to move between topics.",
    "Key points",
    "| BP | blood pressure |",
    "| [Dosing](dosing.md) | Starting doses and titration |",
    "> — British Society for Rheumatology",
    "This page covers pregnancy. It was last reviewed in March 2025.",
    "A 34-year-old woman has 6 migraine days a month.",
    "",
    "[@smith2020trial]",
    # About the site, its pages, people and workings
    "Short answers to clinical questions for clinicians, students, patients and caregivers.",
    "Each article is split into one page per section.",
    "Every statement of fact carries a numbered citation to the publication or guideline that reports it.",
    "Each page shows how far its medical review has gone, and when it was last updated.",
    "Type a drug, condition or symptom into the search box at the top of any page.",
    "The search box now matches drug names with common misspellings.",
    "We prefer primary sources: randomised trials, meta-analyses, guidelines and product labels.",
    "Our reviewers are practising clinicians.",
    "Drug names follow the British National Formulary.",
    "- Fixed broken links to the archived 2019 asthma guideline.",
    "This article was prepared with the acute oncology nurses of two cancer centres.",
    "The knowledge base does not cover veterinary medicine.",
    "Comments are moderated and may take a day to appear.",
    "Reviewed and approved by the respiratory editor, June 2025.",
    "Cite this page as: Clinical Evidence Knowledge Base. Hypertension in adults.",
    "**How to use this page:** start with the red flags, then go to the section for the likely cause.",
    "| Approved | A named reviewer has checked every statement |",
    "| 23 Sep | Migraine | Links to the headache diary updated |",
]


@pytest.mark.parametrize("text", CLAIMS)
def test_claim_bearing(text: str) -> None:
    assert is_claim_bearing(text)


@pytest.mark.parametrize("text", NON_CLAIMS)
def test_not_claim_bearing(text: str) -> None:
    assert not is_claim_bearing(text)


def test_list_items_under_an_editorial_introduction() -> None:
    markdown = """
    Changes in this revision:

    - new section on SGLT2 inhibitors
    - doses reduced by 50% for frail patients

    Common reactions after vaccination include:

    - a sore arm
    """
    by_line = {unit.start_line: unit.is_claim for unit in claim_units(page(markdown))}
    assert by_line == {1: False, 3: False, 4: True, 6: False, 8: True}


def test_a_sentence_about_the_site_makes_its_neighbours_site_talk() -> None:
    """In one unit, a sentence that names nothing clinical next to one about the site is about the
    site too; a clinical sentence stays a claim."""
    assert not is_claim_bearing(
        "The moon icon in the header switches between light and dark themes.\nYour choice is remembered."
    )
    assert is_claim_bearing("Each page has a feedback button.\nMost sore throats settle within a week.")
    assert is_claim_bearing("The table is a simplification; atypical presentations are common.")


def test_units_under_a_heading_about_the_site() -> None:
    """Under a heading about the site (or a neutral heading below a site title), text naming
    nothing clinical is site talk; clinical statements and figures stay claims."""
    markdown = """
    ---
    title: What's new
    ---

    ## November 2025

    We moved to a new host.

    ## Acknowledgements

    The work took two years.

    ## Hypertension

    It is usually symptomless.

    Nobody knows why.
    """
    by_line = {unit.start_line: unit.is_claim for unit in claim_units(page(markdown))}
    assert by_line == {7: False, 11: False, 15: True, 17: True}
    # The same sentences without the headings: a claim unless something marks them as site talk.
    assert is_claim_bearing("The work took two years.")
    markdown = """
    ## About this page

    Yellow fever vaccine can only be given at registered centres.

    The layout review closes at the end of January.
    """
    by_line = {unit.start_line: unit.is_claim for unit in claim_units(page(markdown))}
    assert by_line == {3: True, 5: False}


# ---------------------------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------------------------


def test_uncited_claim_is_reported_on_the_units_last_line() -> None:
    markdown = """
    ---
    title: Hypertension
    ---

    Ambulatory monitoring identifies white-coat hypertension,
    which affects about one in five people with raised readings.
    """
    (finding,) = claim_findings("docs/htn.md", page(markdown))
    assert (finding.path, finding.line, finding.kind, finding.severity) == (
        "docs/htn.md",
        6,
        "uncited claim",
        "error",
    )
    assert finding.message.startswith("'Ambulatory monitoring identifies white-coat")
    assert "[@key]" in finding.message and "<!-- not-a-claim: reason -->" in finding.message


def test_citation_on_the_last_line_covers_a_wrapped_paragraph() -> None:
    markdown = """
    Ambulatory monitoring identifies white-coat hypertension,
    which affects about one in five people.[@nice2019hypertension]
    """
    assert kinds(markdown) == []


FINDING_CASES = [
    pytest.param("Metformin lowers HbA1c by 1%.\n", [(1, "uncited claim")], id="uncited paragraph"),
    pytest.param("Metformin lowers HbA1c by 1%.[@sanchez2016metformin]\n", [], id="cited paragraph"),
    pytest.param(
        "- Metformin lowers HbA1c.\n- See [Dosing](dosing.md).\n", [(1, "uncited claim")], id="list"
    ),
    pytest.param(
        "| Drug | Dose |\n| --- | --- |\n| Ramipril | 2.5 mg |\n| Losartan | 50 mg |[@nice2019hypertension]\n",
        [(3, "uncited claim")],
        id="table rows",
    ),
    pytest.param(
        '!!! tip "Home readings"\n    Home readings run 5 mmHg lower than clinic readings.\n',
        [(2, "uncited claim")],
        id="admonition body",
    ),
    pytest.param(
        "The draft said statins prevent dementia. <!-- not-a-claim: quotes the removed draft -->\n",
        [(1, "not-a-claim marker")],
        id="marker with reason: info only",
    ),
    pytest.param(
        "The draft said statins prevent dementia. <!-- not-a-claim -->\n",
        [(1, "marker without reason"), (1, "not-a-claim marker")],
        id="marker without reason",
    ),
    pytest.param(
        "The draft said statins prevent dementia. <!-- not-a-claim:   -->\n",
        [(1, "marker without reason"), (1, "not-a-claim marker")],
        id="marker with a blank reason",
    ),
    pytest.param(
        "```markdown\nAspirin halves strokes. <!-- not-a-claim: example -->\n```\n",
        [],
        id="marker inside a code fence is no marker",
    ),
    pytest.param(
        "The marker syntax is shown on the [conventions page](conventions.md): `<!-- not-a-claim: reason -->`\n",
        [],
        id="marker inside inline code is no marker",
    ),
    pytest.param(
        "<!-- not-a-claim: stray -->\n\nSee [Dosing](dosing.md).\n",
        [(1, "not-a-claim marker")],
        id="marker on no prose line",
    ),
    pytest.param(
        '!!! editorial "Editorial note"\n'
        "    The draft said 61%. <!-- not-a-claim: quotes the corrected draft -->\n"
        "    The trials report 71% and 79%.[@diazgranados2010randomized]\n"
        "    The draft also said it works in everyone.\n",
        [(2, "not-a-claim marker"), (4, "uncited claim")],
        id="a marker covers its own line only",
    ),
]


@pytest.mark.parametrize(("markdown", "expected"), FINDING_CASES)
def test_findings(markdown: str, expected: list[tuple[int, str]]) -> None:
    assert kinds(markdown) == expected


def test_marker_reason_on_the_unit() -> None:
    marked = unit_at("Statins prevent dementia. <!-- not-a-claim: quotes the draft -->\n", 1)
    bare = unit_at("Statins prevent dementia. <!-- not-a-claim -->\n", 1)
    plain = unit_at("Statins prevent dementia.\n", 1)
    assert (marked.marker_reason, bare.marker_reason, plain.marker_reason) == ("quotes the draft", "", None)
    assert marked.is_claim and bare.is_claim and plain.is_claim


def test_finding_format() -> None:
    (finding,) = claim_findings("docs/a.md", "Metformin lowers HbA1c by 1%.\n")
    assert finding.format().startswith("docs/a.md:1: uncited claim: 'Metformin lowers HbA1c by 1%.'")


def test_real_site_pages_have_no_uncited_claims() -> None:
    """Every claim on docs/ is cited or marked; the site's own pages (home, editorial policy) need
    no markers: the rule reads them as site talk."""
    errors = [
        finding.format()
        for path in sorted((ROOT / "docs").rglob("*.md"))
        for finding in claim_findings(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))
        if finding.severity == "error"
    ]
    assert errors == []
    site_pages = [ROOT / "docs" / "index.md", ROOT / "docs" / "editorial-policy.md"]
    for path in site_pages:
        assert "not-a-claim" not in path.read_text(encoding="utf-8")


def test_caches_do_not_leak_between_pages() -> None:
    """mask_code, citation_blocks and the classifier keep small caches: a page's results must not
    depend on which pages were checked before it, and callers get lists they may change."""
    text = "Statins lower LDL cholesterol by 40%.[@ctt2010efficacy]\n`[@code2020x]`\n"
    blocks = citation_blocks(text)
    blocks.clear()
    assert [block.keys for block in citation_blocks(text)] == [("ctt2010efficacy",)]
    assert mask_code(text).split("\n")[1].strip() == ""
    corpus = Path(__file__).parent / "data" / "claims"
    pages = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.md"))]
    forward = [claim_findings(f"docs/page{number}.md", text) for number, text in enumerate(pages)]
    backward = [
        claim_findings(f"docs/page{number}.md", text) for number, text in reversed(list(enumerate(pages)))
    ]
    assert forward == backward[::-1]


def test_speed() -> None:
    """A benchmark, not a gate: prints how many lines a second the rule checks (the whole labelled
    corpus, mostly uncited so that every unit is classified, plus as many cited pages). Timing is
    not asserted: it depends on the machine and its load."""
    corpus = Path(__file__).parent / "data" / "claims"
    pages = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.md"))]
    cited = "\n".join(
        f"- Statement number {index} about metformin lowering HbA1c by 1%.[@sanchez2016metformin]"
        for index in range(60)
    )
    pages = (pages + [cited] * len(pages)) * 5
    lines = sum(text.count("\n") + 1 for text in pages)
    start = time.process_time()
    findings = [claim_findings(f"docs/page{number}.md", text) for number, text in enumerate(pages)]
    rate = lines / max(time.process_time() - start, 1e-9)
    print(f"\nclaim rule speed: {rate:,.0f} lines/s over {lines} lines")
    assert sum(len(page_findings) for page_findings in findings) > 0


def test_a_cited_claim_wrapped_in_a_block_quote_needs_its_citation_only_at_the_end() -> None:
    page = (
        "---\ntitle: T\n---\n\n> Ketamine produced a rapid response in a small crossover trial\n"
        "> of treatment-resistant depression.[@zarate2006randomized]\n\n"
        "> Esketamine nasal spray was approved in 2019 for treatment-resistant\n> depression.\n"
    )
    assert [(finding.line, finding.kind) for finding in claim_findings("q.md", page)] == [(9, "uncited claim")]


# Round 7 kinds (written for these tests, not taken from the corpus): statements about research, corrections,
# list introductions that assert something, and review-status and changelog lines.

RESEARCH_AND_INTRO_CLAIMS = [
    "Surveys of patient forums have found that few posts name a source.",
    "A Danish registry study reported that the effect faded after a year.",
    "The hazard ratios come from the hypothetical estimand, which assumes everyone kept taking the drug.",
    "The pilot study relied on self-reported smoking status, which was not checked against cotinine.",
    "Insulin is started at a low dose to avoid hypoglycaemia:",
    "A meta-analysis of individual data from 2,315 children gave these pooled estimates:",
    "- 5 June 2024 – Gout: allopurinol starting dose lowered to 50 mg daily.",
    "Please add that colchicine lowers the recurrence rate.",
]
STATUS_AND_REQUEST_NON_CLAIMS = [
    "The doses are:",
    "Use the checklist below to avoid missed steps:",
    "Review status: Approved by the renal panel on 3 March 2024.",
    "- 5 June 2024 – Gout: third reviewer assigned.",
    "Readers looking for paediatric doses should go to the [children's dosing](x.md) page.",
    "The main findings of the Swedish registry are in the table below.",
    "Please add the registry data on readmission rates after discharge.",
    "This answer was submitted for review on 2 May 2024 and has not yet been approved.",
    "The reviewers asked which estimand the table uses.",
    "The review found two broken links and an outdated phone number.",
]


@pytest.mark.parametrize("text", RESEARCH_AND_INTRO_CLAIMS)
def test_research_statements_and_asserting_list_introductions_are_claims(text: str) -> None:
    assert is_claim_bearing(text)


@pytest.mark.parametrize("text", STATUS_AND_REQUEST_NON_CLAIMS)
def test_review_status_changelog_pointers_and_requests_are_not_claims(text: str) -> None:
    assert not is_claim_bearing(text)


def test_findings_about_research_are_claims_on_a_page_about_the_site() -> None:
    markdown = """
        # About our sources

        ## Why every answer cites its evidence

        Surveys of patient forums have found that few posts name a source at all.

        Published trials rarely report harms in full, so reviewers look up each trial's registry entry.

        Retracted papers are never used to support an answer.

        Every page lists its sources at the end.
    """
    verdicts = {unit.end_line: unit.is_claim for unit in claim_units(page(markdown))}
    assert verdicts == {5: True, 7: True, 9: False, 11: False}


def test_a_correction_notice_states_the_corrected_fact() -> None:
    markdown = """
        # Gout

        !!! note "Correction"
            An earlier version of this page gave the colchicine dose interval as 6 hours. The interval is
            12 hours.

        !!! note "Editorial note"
            The previous version of this answer listed dizziness as a side effect of febuxostat. We removed
            it because the trials recorded dizziness at the same rate with placebo.

        !!! note "Editorial note"
            An earlier version of this page gave the wrong date for the audit meeting. We have corrected it.

        !!! note "Editorial note"
            The previous text relied on a conference abstract. This section was rewritten from the full report.

        An earlier version said that colchicine prevents all flares.
    """
    verdicts = {unit.end_line: unit.is_claim for unit in claim_units(page(markdown))}
    # The corrected figure and the reason given are claims; a notice that corrects something else, or
    # only says the text was rewritten, is none; a withdrawn statement repeated alone is judged as
    # written (it needs a marker).
    assert verdicts == {5: True, 9: True, 12: False, 15: False, 17: True}


# Round 9 (issue 3), tuned on the round 8 pages: reported questions, review approvals, a site's own search
# method, announced findings; a page about the site known from how it introduces itself.
REPORTED_AND_OWN_PROCESS_NON_CLAIMS = [
    "Many of our readers have asked whether intermittent fasting is safe for people with diabetes.",
    "Patients often ask if ketamine is addictive.",
    "Approved on 1 September 2026 after review by a stroke physician and a physiotherapist.",
    "Reviewed in March 2025 by the renal panel.",
    "We searched three databases up to June 2026. Two reviewers screened the records independently.",
    "This page collects what the trials show.",
]
ASKED_AND_APPROVED_CLAIMS = [
    "Clinicians should ask whether the patient takes warfarin.",
    "The trial asked whether aspirin reduces the risk of stroke by a fifth.",
    "Semaglutide was approved in 2021 for weight management.",
    "Trials show that the drug lowers HbA1c.",
]


@pytest.mark.parametrize("text", REPORTED_AND_OWN_PROCESS_NON_CLAIMS)
def test_reported_questions_approvals_and_own_methods_are_not_claims(text: str) -> None:
    assert not is_claim_bearing(text)


@pytest.mark.parametrize("text", ASKED_AND_APPROVED_CLAIMS)
def test_recommendations_to_ask_drug_approvals_and_findings_stay_claims(text: str) -> None:
    assert is_claim_bearing(text)


def test_a_page_that_introduces_itself_as_about_the_site_is_a_site_context() -> None:
    """A title naming neither the site nor medicine ("Reporting an error"): the page's description or
    first paragraph tells. There a unit needs strong clinical evidence; a clinical risk is still a claim."""
    body = """
        # Reporting an error

        If you find a mistake, please tell us. This page explains what happens next.

        - A dose, frequency or route that does not match the cited source.

        Dosing errors in reference sources can reach patients.

        | Step | Who | Time frame |
        | --- | --- | --- |
        | Reply to the reporter | Corrections editor | Within a week |
    """
    verdicts = {unit.end_line: unit.is_claim for unit in claim_units(page(body))}
    assert verdicts == {3: False, 5: False, 7: True, 11: False}
    described = """
        ---
        title: Reporting an error
        description: How to tell us about a mistake in an article.
        ---

        # Reporting an error

        - A dose, frequency or route that does not match the cited source.
    """
    assert [unit.is_claim for unit in claim_units(page(described))] == [False]
    clinical = """
        # Reporting an error

        A dose, frequency or route that does not match the cited source is a prescribing error.

        - A dose that does not match the source.
    """
    assert [unit.is_claim for unit in claim_units(page(clinical))] == [True, True]


# Round 9 (issue 3), tuned on the round 9 pages: learning objectives, a learner's task, a testimony, a site
# page's turnaround after a condition, the full guidance elsewhere, a regimen in label words.
ROUND_9_NON_CLAIMS = [
    "A useful exercise: why is the last criterion there? Try to name three conditions that meet the others.",
    '"I stopped eating wheat for a year before anyone told me it was not food." — a member of our patient panel',
    "When a national safety alert affects a topic we cover, the relevant page is updated within 10 working days.",
    "The table gives typical figures only; the full dosing guidance is in the local protocol (document OP-22).",
    "These questions come from ward teams and community pharmacists.",
    "For the tutorial you need the principles, not doses. The details are on the prescribing page.",
]
ROUND_9_CLAIMS = [
    '"Every day in bed costs an older patient about a week of recovery." — attributed to a geriatrician',
    "When a patient takes lithium, the dose is reduced by a third.",
    "If the eGFR is below 30, the page's dosing table no longer applies and the dose is halved.",
    "A non-drowsy antihistamine, such as cetirizine, taken every day rather than only when you have hives.",
]


@pytest.mark.parametrize("text", ROUND_9_NON_CLAIMS)
def test_learner_tasks_testimony_and_site_turnarounds_are_not_claims(text: str) -> None:
    assert not is_claim_bearing(text)


@pytest.mark.parametrize("text", ROUND_9_CLAIMS)
def test_maxims_conditions_on_patients_and_regimens_stay_claims(text: str) -> None:
    assert is_claim_bearing(text)


def test_items_of_learning_objectives_assert_only_what_they_say() -> None:
    body = """
        # Restless legs

        By the end of the tutorial you should be able to:

        1. state the diagnostic criteria for restless legs syndrome
        2. explain why dopamine agonists can make symptoms worse over time
        3. recall that ferritin below 75 micrograms/L calls for iron replacement

        Ask about:

        - fever and its duration
    """
    verdicts = [unit.is_claim for unit in claim_units(page(body))]
    # The objectives' introduction and two objectives are not claims; an objective quoting a threshold is;
    # what to ask about is a recommendation.
    assert verdicts == [False, False, False, True, False, True]


# Round 10 (issue 3), tuned on the round 10 pages: a worked case's story, record-keeping, a question handed to a
# local team, what a guideline says in passing, what further research is likely to do, a grading's source.
ROUND_10_NON_CLAIMS = [
    "Record the agreed plan, the starting dose and the review dates, and send a copy to the prescriber.",
    "Document the result and the plan in the maternity record.",
    "Your local infection prevention team will advise when isolation can end.",
    "Read the case first, try to answer the question at the end of it, and then read on.",
]
ROUND_10_CLAIMS = [
    "Record the temperature every 4 hours and give antipyretics.",
    "Document any rash and refer if it spreads.",
    "The article was revised after the IDSA/SHEA update made fidaxomicin the preferred treatment.",
    "Further research is very unlikely to change our confidence in the estimate of effect.",
    "The grading above follows the 2021 NICE guideline, which uses a simpler scale than the Leeds system.",
    "- being in the same room as a person with chickenpox for 15 minutes or more",
    "- **Z-drugs**: zopiclone and zolpidem, hypnotics that act at the same GABA-A receptor site as benzodiazepines.",
]


@pytest.mark.parametrize("text", ROUND_10_NON_CLAIMS)
def test_record_keeping_local_advice_and_reading_instructions_are_not_claims(text: str) -> None:
    assert not is_claim_bearing(text)


@pytest.mark.parametrize("text", ROUND_10_CLAIMS)
def test_care_with_records_guidance_in_passing_and_thresholds_stay_claims(text: str) -> None:
    assert is_claim_bearing(text)


def test_a_worked_case_tells_its_patient_and_the_page_states_the_rest() -> None:
    body = """
        # Syncope: a teaching case

        ## The case

        Mr D, a 68-year-old retired teacher, collapsed in a queue. He was not confused afterwards.

        He takes ramipril and amlodipine for hypertension.

        On arrival his blood pressure is 128/74 mmHg lying and 104/66 mmHg standing.

        ## Discussion

        Bifascicular block is a high-risk feature. He was admitted for telemetry.

        Orthostatic hypotension and an arrhythmia can coexist.
    """
    verdicts = [unit.is_claim for unit in claim_units(page(body))]
    assert verdicts == [False, False, False, True, True]
    # The same sentences on a page without a case are claims: nothing tells whose story they are.
    assert is_claim_bearing("He takes ramipril and amlodipine for hypertension.")


# Round 11 (issue 3), tuned on the round 11 pages: a red-flag box titled "Get help ...", procedure furniture,
# giving a medicine as prescribed, quiz items, "clinical pages", specimens on a page about the site.
ROUND_11_NON_CLAIMS = [
    "Give the first-line as-required antiemetic as prescribed.",
    "4. True or false: a person who has had a hypo should have their next insulin dose omitted.",
    "This procedure sets out how to assess, treat and escalate nausea and vomiting after surgery.",
    "This teaching page is for foundation doctors, nursing students and pharmacy trainees.",
    "Work through the case, then try the quiz at the end before you open the answers.",
    "Mrs A is 72 and has type 2 diabetes treated with insulin glargine 30 units at night.",
]
ROUND_11_CLAIMS = [
    "Give 4 mg ondansetron as prescribed.",
    "Reassess 30 minutes after giving any antiemetic.",
    "Record a 12-lead ECG in every patient, looking for long QT and heart block.",
    "Look-alike drug names such as hydroxyzine and hydralazine are a frequent cause of dispensing errors.",
]


@pytest.mark.parametrize("text", ROUND_11_NON_CLAIMS)
def test_procedure_steps_quizzes_and_scope_lines_are_not_claims(text: str) -> None:
    assert not is_claim_bearing(text)


@pytest.mark.parametrize("text", ROUND_11_CLAIMS)
def test_doses_timings_tests_and_asserted_examples_stay_claims(text: str) -> None:
    assert is_claim_bearing(text)


def test_red_flags_in_a_get_help_box_and_specimens_on_a_site_page() -> None:
    leaflet = """
        # Conjunctivitis

        !!! warning "Get help the same day if:"
            - your eyesight changes or becomes blurred
    """
    assert [unit.is_claim for unit in claim_units(page(leaflet))] == [True]
    site = """
        # How to use this site

        Most clinical pages follow the same order:

        1. Assessment or diagnosis
        2. Management, with drug doses set out in tables

        - Abbreviations such as `AKI` or `PONV` work, but the full term usually gives better results.

        Orange warning boxes flag safety issues, such as the risk of hypersensitivity with intravenous iron.

        Intravenous iron carries a risk of hypersensitivity.
    """
    assert [unit.is_claim for unit in claim_units(page(site))] == [False, False, False, False, False, True]
