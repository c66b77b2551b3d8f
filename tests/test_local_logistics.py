"""Unit tables for the kinds of text around clinical content that the claim rule learnt in round five
(medkb.local_logistics, and pointers, audience notes and history tables in medkb.editorial_prose and
medkb.page_context), each beside clinical sentences of the same shape that must stay claims. None of
these sentences is in the labelled corpus (tests/data/claims): they check that the kinds generalise."""

from __future__ import annotations

import textwrap

import pytest

from medkb import local_logistics
from medkb.claims import claim_units, is_claim_bearing

LOCAL_LOGISTICS = [
    # a local service, team, role, place or document, and availability, schedule, routing, records
    "The stoma nurses visit the surgical wards on Monday and Thursday mornings.",
    "The falls clinic is open 9am to 4pm on weekdays.",
    "Observation charts are filed in the bedside folder and signed at each handover.",
    "The endoscopy unit takes requests through the electronic order system only.",
    "The hand therapy team triages referrals weekly and replies within 10 working days.",
    "Our trust's tissue viability nurses are available through switchboard on weekdays.",
    "The ward pharmacist will check the medicine chart within one working day of admission.",
    "Glucagon kits are stored in the hypoglycaemia box on every ward.",
    "Wound care is documented on the dressing chart in the nursing notes each shift.",
    "Titration is managed by the heart failure nurse team.",
    # instructions to reach a local role, or to refer through a local means
    "Bleep the surgical registrar and the nurse in charge.",
    "Ask the ward pharmacist before crushing it.",
    "Out of hours, leave a message on the voicemail.",
    "Refer to the vascular team using the electronic referral form.",
    # deferrals and practical tips
    "How soon to restart is a decision for the consultant on call.",
    "That is a matter for the senior nurse on shift.",
    "Write down any questions you have and bring them to your next appointment.",
]

CLINICAL = [
    "Most patients are reviewed by a specialist within two weeks.",  # how many patients
    "The multidisciplinary team should include a dietitian and a physiotherapist.",  # a recommendation
    "Emergency contraception is available from pharmacies without a prescription.",  # no local place
    "Call the surgical registrar if the abdomen becomes rigid.",  # a condition
    "Contact the renal team urgently.",  # urgency
    "Bleep the outreach team if the early warning score is 5 or more.",
    "Refer urgently to the stroke team if symptoms last more than an hour.",  # no local means
    "Ask about allergy before giving penicillin.",  # no local role
    "Check potassium within 1 week of starting.",
    "The stroke nurses give thrombolysis within 60 minutes of arrival.",  # no logistic predicate
    "Insulin pens in use are kept at room temperature for up to 4 weeks.",  # a figure, no local place
    "The clinic sees patients with suspected cancer within 2 weeks.",  # a clinical condition is left
    "Whether to anticoagulate is a decision for the specialist, as bleeding risk is higher in the elderly.",
]


@pytest.mark.parametrize("sentence", LOCAL_LOGISTICS)
def test_local_logistics_is_not_a_claim(sentence: str) -> None:
    assert not is_claim_bearing(sentence)


@pytest.mark.parametrize("sentence", CLINICAL)
def test_clinical_sentence_of_the_same_shape_is_a_claim(sentence: str) -> None:
    assert is_claim_bearing(sentence)


@pytest.mark.parametrize(
    ("sentence", "kept", "taken_out"),
    [
        ("The dietitian visits the ward on weekday mornings.", [], ["dietitian", "ward", "weekday"]),
        ("Contact the diabetes team urgently.", ["urgently"], ["diabetes", "team"]),
        ("Nebulised salbutamol is kept in the treatment room.", [], ["salbutamol", "room"]),  # not asserted
        ("The clinic sees patients with gout on Fridays.", ["gout"], ["clinic", "patients", "fridays"]),
        ("Give aspirin 300 mg.", None, []),  # no logistics at all
    ],
)
def test_logistics_rest_leaves_what_is_not_logistics(
    sentence: str, kept: list[str] | None, taken_out: list[str]
) -> None:
    words = set(sentence.lower().rstrip(".").split())
    rest = local_logistics.logistics_rest(sentence, words)
    if kept is None:
        assert rest is None
        return
    assert rest is not None
    left = set(rest.lower().split())
    assert set(kept) <= left and left.isdisjoint(taken_out)


POINTERS_AND_NOTES = [
    "Table 4 gives the oral doses of prednisolone 5 mg tablets.",  # a figure naming what is there
    "The thresholds in the table below apply to adults who are not pregnant.",
    "The advice on this page follows the regional stroke network protocol.",
    "Diagrams of the nerve blocks are on the anaesthesia teaching page.",
    "Intended audience: ward nurses, foundation doctors and pharmacists.",
    "A quick reference for nurses caring for people with a tracheostomy.",
    "Trainee nurses may find the section on suctioning most useful.",
    "Dermatologists contributed the photographs; a GP reviewed the referral criteria.",
]
CLAIMS_LIKE_POINTERS = [
    "Table 4 shows that prednisolone halves the relapse rate.",
    "The doses in the table are lower than those in the product licence.",
    "The doses in the table are halved in renal failure.",
    "A guide for clinicians is available, and it reduces prescribing errors by 30%.",
]


@pytest.mark.parametrize("sentence", POINTERS_AND_NOTES)
def test_pointers_audience_and_authorship_notes_are_not_claims(sentence: str) -> None:
    assert not is_claim_bearing(sentence)


@pytest.mark.parametrize("sentence", CLAIMS_LIKE_POINTERS)
def test_findings_shaped_like_pointers_are_claims(sentence: str) -> None:
    assert is_claim_bearing(sentence)


def test_history_tables_hold_claims_only_where_a_row_quotes_a_clinical_figure() -> None:
    page = textwrap.dedent(
        """\
        # Cellulitis

        | Version | Updated | What changed |
        | --- | --- | --- |
        | 4.0 | June 2025 | Clindamycin moved out of the first-line box |
        | 3.2 | May 2024 | Flucloxacillin dose raised to 1 g four times daily |

        | Part | Reviewed | By |
        | --- | --- | --- |
        | Antibiotics | May 2025 | Microbiology |
        """
    )
    verdicts = {unit.text.split("|")[3].strip(): unit.is_claim for unit in claim_units(page)}
    assert verdicts == {
        "Clindamycin moved out of the first-line box": False,
        "Flucloxacillin dose raised to 1 g four times daily": True,
        "Microbiology": False,
    }


@pytest.mark.parametrize(
    ("introduction", "expected"),
    [
        ("Suspect meningitis when, despite antipyretics, a febrile child has:", True),  # a qualifier
        ("Think of compartment syndrome within 48 hours of a fracture if there is:", True),  # a time course
        ("Perform an ECG within 10 minutes if any of these are present:", False),  # introduces its list
        ("Admit a child who has any of the following:", False),
    ],
)
def test_list_introductions_are_claims_only_with_a_criterion_of_their_own(
    introduction: str, expected: bool
) -> None:
    assert is_claim_bearing(introduction) is expected
