"""The "says who?" test as a positive requirement (medkb.assertion), alone and through the claim rule."""

from __future__ import annotations

import pytest

from medkb import assertion
from medkb.claims import is_claim_bearing


@pytest.mark.parametrize(
    "sentence",
    [
        "The triage script and the sepsis screening tool are printed on the back of the acute oncology alert card that every patient carries.",
        "The antimicrobial pharmacist reviews every new prescription on the next working day.",
        "The pre-mixed bags are stocked in the controlled fridge on ward 12; the ward clerk reorders them on Mondays.",
        "Sieve your urine through the strainer we give you and bring any stone you catch to your clinic appointment.",
        "For: acute oncology, emergency department and medical admissions teams. Adult patients only; children are covered in the paediatric oncology handbook.",
        "This article covers classical and crusted scabies in adults and children. It does not cover other causes of itch; for those, start from the [pruritus overview](pruritus.md).",
        "Stridor in infants under six months: see the neonatal handbook.",
    ],
)
def test_clinical_words_only_as_labels_are_no_claim(sentence: str) -> None:
    assert not is_claim_bearing(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Potassium binders such as patiromer can allow renin–angiotensin blockade to continue.",
        "Still unsure? Discuss with the respiratory team.",
        "Calculate the Glasgow-Blatchford score before deciding on admission.",
        "Bring your child back to the clinic if the breathing becomes noisy at rest.",
        "Keep the tablets in the fridge, as heat destroys insulin.",
        "The fingertip unit is a practical way to explain how much cream to apply.",
        "Contact the diabetes team urgently if the patient is pregnant.",
        "The thresholds above follow the 2023 national renal guideline, which the renal department adopted without local changes.",
        "About one adult in six in England has very poor literacy skills.",
        "Every patient with suspected sepsis should receive antibiotics within one hour of recognition.",
        "Falls in hospital are more frequent at night and in patients with delirium.",
    ],
)
def test_assertions_stay_claims(sentence: str) -> None:
    assert is_claim_bearing(sentence)


@pytest.mark.parametrize(
    ("sentence", "residue_is_clinical_free"),
    [
        ("The sepsis grab bags are on the resus trolley in each bay.", True),
        ("The heart failure nurses visit on Tuesdays.", True),
        ("The nurses check the blood glucose and heart rate at the bedside.", False),
    ],
)
def test_label_residue(sentence: str, residue_is_clinical_free: bool) -> None:
    residue = assertion.label_residue(sentence)
    assert (("sepsis" not in residue and "heart" not in residue)) is residue_is_clinical_free


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [("Sieve your urine through the strainer.", "sieve"), ("Please bring the card.", "bring"), ("Give oxygen.", None)],
)
def test_handling_verb(sentence: str, verb: str | None) -> None:
    assert assertion.handling_verb(sentence) == verb


def test_trivial_condition() -> None:
    assert assertion.trivial_condition("ask the nurse in charge if the folder is missing")
    assert not assertion.trivial_condition("ask the registrar if the child is tiring")
