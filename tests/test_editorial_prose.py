"""Unit tables for the kinds of site prose the claim rule recognises by shape (medkb.editorial_prose),
each beside clinical sentences of the same shape that must stay claims. None of these sentences is
in the labelled corpus (tests/data/claims): they check that the kinds generalise."""

from __future__ import annotations

import textwrap

import pytest

from medkb import editorial_prose
from medkb.claims import claim_units, is_claim_bearing

SITE_PROSE = [
    # instructions to authors: formatting, whose figures are examples of notation
    'Write drug names in lower case, and give the dose in words and figures: "five (5) mg".',
    "Round percentages to one decimal place, e.g. 12.5%.",
    "Express doses in milligrams, with a space before the unit: 40 mg, not 40mg.",
    "Do not put a full stop after units such as mg or kg.",
    "Use the 24-hour clock for times, for example 14:30.",
    # instructions to authors: sources
    "Cite the guideline itself, not a summary of it.",
    "Prefer primary studies and Cochrane reviews over narrative reviews.",
    "Prefer the most recent NICE guidance to older reviews.",
    # contact and emergency-service advice, and where enquiries go
    "In the event of a medical emergency, phone 112.",
    "If you are worried about your symptoms, contact your GP or call NHS 111.",
    "For advice about your own health, speak to your GP or pharmacist.",
    "Urgent questions about a patient should be directed to the on-call team, not to the editors.",
    "Enquiries about this page should be sent to the editorial office.",
    # local policy put above the page
    "Your local paediatric protocol overrides the doses on this page.",
    "Local microbiology guidance takes precedence over this page.",
    # authorship, the site's people, currency
    "Two GPs and a clinical pharmacologist drafted this version in 2024.",
    "Dose table reviewed by a pharmacist",
    "The advisory board includes three nurses, two GPs and a pharmacist.",
    "The prices quoted were correct at the time of publication.",
    "Drug availability may have changed since this page was written.",
    "Guidelines change frequently; check the date at the top of each table.",
    # contents labels and checklists
    "Contents: diagnosis, treatment, follow-up and referral.",
    "Tick each item when it is done.",
]

CLINICAL = [
    "Give amoxicillin 500 mg three times a day for 5 days.",
    "Round up the dose to the nearest whole tablet.",
    "Spell out the dangers of alcohol withdrawal to the patient.",
    "Use capital letters for look-alike drug names to reduce selection errors.",
    'Avoid abbreviations such as "U" for units on prescriptions, because they cause dosing errors.',
    "Prefer ACE inhibitors in people with diabetic kidney disease.",
    "Prefer a trial of lifestyle change before starting drug treatment in stage 1 hypertension.",
    "Use the local antimicrobial guideline.",
    "Call 999 if chest pain lasts more than 15 minutes.",
    "Call 999 for anyone with signs of stroke: face drooping, arm weakness or speech problems.",
    "Seek medical advice before stopping antidepressants.",
    "Seek urgent medical help if a child has a rash that does not fade under pressure.",
    "Go to A&E if the pain is severe or you cannot move the joint.",
    "Ask your pharmacist about interactions with St John's wort.",
    "In an emergency, adrenaline should be given intramuscularly.",
    "Emergency contraception is available from pharmacies without a prescription.",
    "Local resistance patterns should guide empirical therapy.",
    "Most patients are reviewed by a specialist within two weeks.",
    "Influenza viruses change every year, so the vaccine is reformulated annually.",
    "Vaccines are updated every year to match circulating strains.",
    "The multidisciplinary team should include a dietitian and a physiotherapist.",
]


@pytest.mark.parametrize("sentence", SITE_PROSE)
def test_site_prose_is_not_a_claim(sentence: str) -> None:
    assert not is_claim_bearing(sentence)


@pytest.mark.parametrize("sentence", CLINICAL)
def test_clinical_sentence_of_the_same_shape_is_a_claim(sentence: str) -> None:
    assert is_claim_bearing(sentence)


def verdicts(markdown: str) -> dict[int, bool]:
    return {unit.end_line: unit.is_claim for unit in claim_units(textwrap.dedent(markdown).lstrip("\n"))}


def test_boxes_pseudo_headings_and_correction_notices() -> None:
    units = verdicts(
        """
        # Gout

        !!! abstract "On this page"
            Diagnosis, urate-lowering therapy, and managing flares in primary care.

        !!! tip "Key points"
            Colchicine relieves acute flares.

        - :material-clock: **Plan ahead**
        - **Avoid NSAIDs in kidney disease**

        !!! note "Correction"
            An earlier version said that cherries prevent gout flares.
            No source supports this, and the statement was withdrawn.

        The earlier draft said cherries prevent gout flares.
        """
    )
    assert units == {
        4: False,  # a contents box lists topics
        7: True,  # other boxes hold claims
        9: False,  # a card title
        10: True,  # a bold recommendation is still a recommendation
        14: False,  # the withdrawn statement, repeated in its correction notice
        16: True,  # repeated without a correction: it needs a marker
    }


def test_contents_titles() -> None:
    assert editorial_prose.is_contents_title("In this article")
    assert editorial_prose.is_contents_title('"On this page"')
    assert not editorial_prose.is_contents_title("In this article's population")
    assert not editorial_prose.is_contents_title("Key points")
