"""Context and kinds of unit for the claim rule (medkb.page_context, the pointer and process kinds
of medkb.editorial_prose): pages, sections, boxes and tables about the site, cross-references,
places in a series, referral processes, people and their roles. None of these sentences is in the
labelled corpus (tests/data/claims): they check that the kinds carry over to new text, and that
a strong clinical statement stays a claim wherever it stands."""

from __future__ import annotations

import textwrap

import pytest

from medkb import editorial_prose, page_context
from medkb.claims import claim_units
from medkb.page_context import TableKind


def verdicts(markdown: str) -> dict[int, bool]:
    return {unit.end_line: unit.is_claim for unit in claim_units(textwrap.dedent(markdown).lstrip("\n"))}


def on_page(title: str, body: str) -> bool:
    """The verdict on a one-unit body under a neutral heading of a page with this title."""
    units = claim_units(f"---\ntitle: {title}\n---\n\n# {title}\n\n## Details\n\n{body}\n")
    assert len(units) == 1
    return units[0].is_claim


@pytest.mark.parametrize(
    ("title", "clinical_words", "expected"),
    [
        ("Cookie policy", 0, True),
        ("Terms of use", 0, True),
        ("Medical disclaimer", 1, True),
        ("How we choose topics", 0, True),
        ("Meet the team", 0, True),
        ("Release notes", 0, True),
        ("How to refer to the falls clinic", 2, True),
        ("FAQ: statins and muscle pain", 3, False),  # a clinical FAQ
        ("About heart failure", 2, False),
        ("Acute heart failure", 2, False),
        ("Numbers and units", 0, False),  # names neither: defers to the page
    ],
)
def test_site_titles(title: str, clinical_words: int, expected: bool) -> None:
    assert page_context.is_site_title(title, clinical_words) is expected


@pytest.mark.parametrize(
    ("header", "clinical_words", "expected"),
    [
        ("| Right | Wrong |", 0, TableKind.NOTATION),
        ("| Write | Do not write |", 0, TableKind.NOTATION),
        ("| Name | Role | Email |", 0, TableKind.SITE),
        ("| Owner | Last reviewed | Next review |", 0, TableKind.HISTORY),  # a review table
        ("| Date | Area | Change |", 0, TableKind.HISTORY),
        ("| Version | Updated | Summary of changes |", 0, TableKind.HISTORY),
        ("| Part | Reviewed | Approved by |", 0, TableKind.HISTORY),
        ("| Page | Audience | Status |", 0, TableKind.SITE),  # no column saying when
        ("| Week | Date | Dose |", 1, None),  # a clinical schedule
        ("| Level | Meaning on this site |", 0, TableKind.SITE),
        ("| Site | First-line | Maximum course |", 0, None),  # a body site
        ("| Drug | Change in dose |", 2, None),
        ("| Stage | Definition |", 0, None),
    ],
)
def test_table_kinds(header: str, clinical_words: int, expected: TableKind | None) -> None:
    assert page_context.table_kind(header, clinical_words) is expected


SITE_PAGE_PROSE = [
    # the site's voice and its reader's, process and contact data, people and their roles
    "We reply to every message about a dosing error within 3 working days.",
    "Applicants need five years of clinical or editorial experience.",
    "- Dr Nadia Petrov, deputy editor, consultant geriatrician",
    "Topics on rare cancers are less likely to be chosen, because specialist centres cover them well.",
    "Phone 0113 496 0999 between 9 am and 5 pm, or email the pharmacy editor at doses@example.org.",
    "The treating clinician remains responsible for every prescribing decision.",
]
SITE_PAGE_CLAIMS = [
    "Paracetamol overdose can cause liver failure.",
    "Children under 16 should not take aspirin.",
    "Antibiotics do not help viral coughs.",
    "Around one in four older inpatients develops delirium.",
    "Insulin is a high-risk medicine.",
    "Check the renal dose of every antibiotic before prescribing.",
]


@pytest.mark.parametrize("title", ["Contact us", "Privacy notice", "How we work"])
@pytest.mark.parametrize("body", SITE_PAGE_PROSE)
def test_site_prose_on_a_site_page_is_not_a_claim(title: str, body: str) -> None:
    assert not on_page(title, body)


@pytest.mark.parametrize("title", ["Contact us", "Privacy notice", "How we work"])
@pytest.mark.parametrize("body", SITE_PAGE_CLAIMS)
def test_strong_clinical_statement_is_a_claim_on_a_site_page(title: str, body: str) -> None:
    assert on_page(title, body)


def test_site_context_reaches_only_site_pages_sections_and_boxes() -> None:
    units = verdicts(
        """
        ---
        title: Gout
        ---

        # Gout

        Ice packs ease the pain of an acute flare.

        !!! note "How to refer"
            Use the rheumatology referral form; the secretary will phone the patient.

            Most flares settle within a week.

        ## About this page

        Most patients are seen by a nurse first.
        """
    )
    assert units == {
        7: True,  # a clinical page: the base rule decides
        10: False,  # a referral process
        12: True,  # a statement of how often, even in a box about the site
        16: True,  # "most patients": how many, in a section about the site
    }


def test_tables_are_judged_from_their_header() -> None:
    units = verdicts(
        """
        # Prescribing style

        | Right | Wrong |
        | --- | --- |
        | 10 units of insulin | 10 IU |

        | Name | Role | Email |
        | --- | --- | --- |
        | Dr Sam Lee | renal pharmacist, checks every dose | sam@example.org |

        | Date | Page | Change |
        | --- | --- | --- |
        | 3 Mar | Gout | Colchicine dose reduced to 500 micrograms twice daily |

        | Drug | Usual dose |
        | --- | --- |
        | Allopurinol | 100 mg daily |
        """
    )
    assert units == {5: False, 9: False, 13: True, 17: True}


def test_example_boxes_on_site_pages_are_specimens() -> None:
    units = verdicts(
        """
        ---
        title: Style guide
        ---

        !!! example "A sentence without a citation"
            Metformin reduces cardiovascular events.

        !!! note "Why it matters"
            Missing citations cause errors to spread between pages.
        """
    )
    assert units == {6: False, 9: False}
    clinical = verdicts(
        """
        # Metformin

        !!! example "Worked example"
            Metformin reduces cardiovascular events.
        """
    )
    assert clinical == {4: True}  # on a clinical page an example box states medicine


POINTERS = [
    "See also [Asthma in children](asthma-children.md) and the [inhaler guide](inhalers.md).",
    "The choice of beta-blocker is discussed, drug by drug, on the [beta-blockers page](bb.md).",
    "For advice on diet, read our leaflet on [eating well after a stroke](diet.md).",
    "Read this with [Stable angina](angina.md), which covers long-term treatment.",
    "Part 2 of this series covers acute kidney injury.",
    "*You are reading part 1 of 4 of the frailty series.*",
    "This is the third of five pages on palliative care.",
    "This page is one of a set of four on liver disease; the next one is about cirrhosis.",
    "In this section: triage, imaging, analgesia and discharge.",
    "Does every patient need imaging? See [Imaging](imaging.md) for the criteria.",
]
PROCESSES = [
    "Complete the falls referral form on the intranet and attach the latest lying and standing blood"
    " pressures.",
    "The clinic secretary will phone the patient with an appointment.",
    "Out of hours, ask switchboard to page the on-call microbiologist.",
    "The dietitian can be reached on bleep 2231.",
    "To book a bone scan, phone the booking line on 0300 123 4567 and give the patient's NHS number.",
    "Referral is requested through the e-referral system; choose the memory clinic and attach the"
    " cognitive test.",
]
CLAIMS_LIKE_POINTERS = [
    "Statins reduce mortality after myocardial infarction, as discussed in [Secondary prevention](sp.md).",
    "Refer through the e-referral form if a woman over 30 has an unexplained breast lump.",
    "Amoxicillin, which covers most respiratory pathogens, is the first choice.",
    "Part of the benefit of aspirin is lost when ibuprofen is taken first.",
    "Send a urine culture before starting antibiotics in men.",
    "See a doctor if a cough lasts more than 3 weeks.",
]


@pytest.mark.parametrize("body", POINTERS + PROCESSES)
def test_pointers_and_processes_are_not_claims(body: str) -> None:
    assert not on_page("Chest pain", body)


@pytest.mark.parametrize("body", CLAIMS_LIKE_POINTERS)
def test_clinical_statements_shaped_like_pointers_are_claims(body: str) -> None:
    assert on_page("Chest pain", body)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Dr Amir Khan, renal physician, section editor", True),
        ("Jo Bell RN, nurse editor", True),
        ("Dr Khan's trial showed fewer admissions", False),
        ("Drug interactions are common", False),
    ],
)
def test_person_entries(sentence: str, expected: bool) -> None:
    assert editorial_prose.is_person_entry(sentence) is expected
