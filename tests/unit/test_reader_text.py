"""The control for the "no working notes" tests of pages, previews and PDFs (tests/reader_text.py): each
kind of editors' bookkeeping is found in a reader's text, and a reader's ordinary text passes."""

from __future__ import annotations

import pytest
from reader_text import working_notes
from sitebuild import REPO

from medkb.sources.bibliography import load_bibliography

BIBLIOGRAPHY = load_bibliography(sorted((REPO / "bib").glob("*.bib")), REPO)
UNCONFIRMED = next(reference for reference in BIBLIOGRAPHY.references.values() if reference.unconfirmed)
READER_TEXT = (
    "Ketamine 0.5 mg/kg over 40 minutes. Newport DJ, Carpenter LL, McDonald WM, et al. Ketamine and other "
    "NMDA antagonists. Am J Psychiatry. 2015. doi:10.1176/appi.ajp.2015.15040465 Details not yet verified"
)


def test_a_readers_text_has_no_working_notes() -> None:
    assert working_notes(READER_TEXT, BIBLIOGRAPHY) == []


@pytest.mark.parametrize(
    ("leak", "found"),
    [
        (UNCONFIRMED.unconfirmed, f"the working note of {UNCONFIRMED.key}"),
        (f"[{UNCONFIRMED.key}]", f"the key {UNCONFIRMED.key}"),
        ("Bibliographic details not yet confirmed", "Bibliographic details not yet confirmed"),
        ("Retraction notice: Retracted in 2017", "Retraction notice: Retracted"),
        ("Janssen Pharmaceuticals, Inc.. SPRAVATO", "double full stop: …Inc.."),
    ],
    ids=["working note", "cite key", "note phrase", "two labels", "double stop"],
)
def test_each_kind_of_bookkeeping_is_found(leak: str, found: str) -> None:
    assert found in [note[: len(found)] for note in working_notes(f"{READER_TEXT} {leak}", BIBLIOGRAPHY)]
