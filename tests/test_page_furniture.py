"""Page furniture for the claim rule (medkb.page_furniture): metadata tables, reference lists and
bibliographic footnotes, glossaries, related-topic, download and resource lists, audit measures,
notes on resources and omissions. None of these sentences is in the labelled corpus
(tests/data/claims): they check that the kinds carry over to new text, and that a clinical
statement stays a claim in a section of furniture."""

from __future__ import annotations

import pytest

from medkb import page_furniture
from medkb.claims import claim_units
from medkb.page_furniture import Furniture


def under(heading: str, body: str) -> bool:
    """The verdict on a one-unit body under a heading of a clinical page."""
    units = claim_units(f"---\ntitle: Gout\n---\n\n# Gout\n\n## {heading}\n\n{body}\n")
    assert len(units) == 1, units
    return units[0].is_claim


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("References", Furniture.REFERENCES),
        ("Key references", Furniture.REFERENCES),
        ("Further reading", Furniture.REFERENCES),
        ("Further information for patients", Furniture.REFERENCES),
        ("Sources", Furniture.REFERENCES),
        ("Bibliography", Furniture.REFERENCES),
        ("Abbreviations used on this page", Furniture.GLOSSARY),
        ("Glossary", Furniture.GLOSSARY),
        ("Audit criteria", Furniture.AUDIT),
        ("Quality indicators", Furniture.AUDIT),
        ("Related topics", Furniture.LISTING),
        ("See also", Furniture.LISTING),
        ("Downloads", Furniture.LISTING),
        ("Resources", Furniture.LISTING),
        ("Patient leaflets", Furniture.LISTING),
        ("Patient organisations", Furniture.LISTING),
        ("Page information", Furniture.LISTING),
        ("Competing interests", Furniture.LISTING),
        ("How to cite this page", Furniture.LISTING),
        ("Other pages you may find useful", Furniture.LISTING),
        ("Page history", Furniture.LISTING),
        ("Learning objectives", Furniture.OBJECTIVES),
        ("Aims of this tutorial", Furniture.OBJECTIVES),
        ("Who is this page for?", Furniture.SCOPE),
        ("Scope", Furniture.SCOPE),
        ("Patient information", None),  # advice to patients: "Head lice are not a sign of poor hygiene"
        ("Definitions", None),  # clinical criteria: "Hyponatraemia: serum sodium below 135 mmol/L"
        ("Treatment", None),
        ("References to hip fracture in older guidance and how they changed over time here", None),
    ],
)
def test_furniture_heading(heading: str, expected: Furniture | None) -> None:
    assert page_furniture.furniture_heading(heading) is expected


@pytest.mark.parametrize(
    "entry",
    [
        "Richette P, Doherty M, Pascual E, et al. 2016 updated EULAR recommendations for the management "
        "of gout. Ann Rheum Dis. 2017;76(1):29-42.",
        "1. Dalbeth N, Merriman TR, Stamp LK. Gout. Lancet. 2016;388:2039-2052.",
        "[^4]: Stamp LK, et al. Starting dose is a risk factor for allopurinol hypersensitivity syndrome. "
        "Arthritis Rheum. 2012.",
        "British Society for Rheumatology. Guideline for the management of gout. Rheumatology. 2017.",
        "NICE. Gout: diagnosis and management (NG219). 2022.",
        "2020 ACR guideline for the management of gout",
    ],
)
def test_bibliographic_entries(entry: str) -> None:
    assert page_furniture.is_bibliographic(entry)


@pytest.mark.parametrize(
    "sentence",
    [
        "Colchicine. Give 500 micrograms two to four times daily (2022 guidance).",
        "Smith and colleagues found a 30% fall in flares with allopurinol in 2019.",
        "Allopurinol reduces flares over 2 years, as the 2017 trial showed.",
    ],
)
def test_sentences_that_cite_are_no_bibliographic_entries(sentence: str) -> None:
    assert not page_furniture.is_bibliographic(sentence)


def test_a_reference_anywhere_is_no_claim_and_a_footnote_that_asserts_is_one() -> None:
    reference = "[^1]: Dalbeth N, Merriman TR, Stamp LK. Gout. Lancet. 2016;388:2039-2052."
    finding = "[^2]: In the trial, flares fell by 30% in the first year with allopurinol."
    assert not under("Treatment", reference)
    assert under("Treatment", finding)
    assert not under("Selected references", "- 2020 ACR guideline for the management of gout")


@pytest.mark.parametrize(
    ("heading", "body", "expected"),
    [
        ("Abbreviations", "- NSAID: non-steroidal anti-inflammatory drug", False),
        ("Abbreviations", "- eGFR-CKD: a formula for kidney function in adults", False),
        ("Glossary", "- Tophus: a deposit of urate crystals under the skin", False),
        ("Glossary", "- Hyperuricaemia: serum urate above 360 µmol/L", True),  # a clinical criterion
        ("Glossary", "- Tophi: urate deposits that usually appear after years of untreated gout", True),
        ("Treatment", "- ULT: urate-lowering therapy", False),  # an abbreviation wherever it stands
        ("Definitions", "- Hyperuricaemia: serum urate above 360 µmol/L", True),
    ],
)
def test_glossary_entries(heading: str, body: str, expected: bool) -> None:
    assert under(heading, body) is expected


@pytest.mark.parametrize(
    ("heading", "body", "expected"),
    [
        ("Related topics", "- Pseudogout", False),
        ("See also", "- Septic arthritis in adults", False),
        ("Downloads", "- Gout flare plan for patients (PDF, 1 page)", False),
        ("Downloads", "These forms can be adapted for local use.", False),
        ("Resources", "- Video: aspirating the knee joint", False),
        ("Patient organisations", "- UK Gout Society: 0800 123 4567 (weekdays 10am to 4pm)", False),
        ("Competing interests", "None declared.", False),
        ("Related topics", "- Colchicine is toxic in overdose and causes severe diarrhoea.", True),
        ("See also", "Allopurinol halves the rate of flares after the first year.", True),
        ("Audit criteria", "- the proportion of patients with gout who had a serum urate checked", False),
        ("Audit criteria", "- Rate of repeat urate measurement at 4 weeks", False),
        # A quality statement is a recommendation, not a measure.
        ("Quality standards", "- Adults with gout are offered urate-lowering therapy after a second flare",
         True),
        ("Treatment", "- Gout flare plan for patients (PDF, 1 page)", False),  # a download anywhere
        ("Other pages you may find useful", "- Pseudogout: information for patients", False),
        ("Page history", "- March 2024: added the FAST-CV results and the pooled analysis (v2.1).", False),
        ("Learning objectives", "1. explain why thiazides can raise serum urate", False),
        ("Learning objectives", "1. Thiazides raise serum urate and can trigger flares.", True),
        ("Who is this page for?", "GPs and nurses who start urate-lowering therapy for adults with gout.", False),
        ("Who is this page for?", "Adults with gout; allopurinol halves the rate of flares after a year.", True),
    ],
)
def test_lists_of_things(heading: str, body: str, expected: bool) -> None:
    assert under(heading, body) is expected


def test_metadata_rows_and_glossary_tables() -> None:
    table = (
        "| | |\n|---|---|\n| Specialty | Rheumatology |\n| Reviewed by | Musculoskeletal panel |\n"
        "| Next review | June 2029 |"
    )
    units = claim_units(f"# Gout\n\n{table}\n")
    assert [unit.is_claim for unit in units] == [False, False, False]
    glossary = (
        "| Term | Definition |\n|---|---|\n| Flare | What patients call an attack of gout |\n"
        "| Target urate | Serum urate below 360 µmol/L on treatment |"
    )
    units = claim_units(f"# Gout\n\n## Overview\n\n{glossary}\n")
    assert [unit.is_claim for unit in units] == [False, True]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A short video of joint aspiration is available on the training page.", False),
        ("Our leaflet on allopurinol explains how to take it during a flare.", False),
        ("The urate calculator on the intranet can help plan dose increases.", False),
        ("Grades 2 and 4 are omitted here for brevity.", False),
        ("Take a careful history from the patient and any relatives.", False),
        ("Take a history of alcohol intake, because beer raises urate.", True),
        ("Allopurinol is available as 100 mg and 300 mg tablets.", True),
        ("The leaflet is wrong: colchicine can cause severe diarrhoea.", True),
    ],
)
def test_notes_on_resources_and_omissions(sentence: str, expected: bool) -> None:
    assert under("Treatment", sentence) is expected
