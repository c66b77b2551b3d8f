"""Unit tables for `medkb.research_prose`: findings, methods and corrections (sentences written for
these tests, not taken from the labelled corpus)."""

from __future__ import annotations

import re

import pytest

from medkb import research_prose


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.lower()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Studies of hospital discharge letters have consistently found that half omit the dose.", True),
        ("A Norwegian cohort reported more fractures in the first month.", True),
        ("Evidence suggests that the benefit is small.", True),
        ("Cochrane reviews have shown little effect on pain.", True),
        ("The review found two broken links.", False),  # the site's own review
        ("Reader reports are answered within a week.", False),
        ("This section was updated after the trial report appeared.", False),
    ],
)
def test_states_finding(text: str, expected: bool) -> None:
    assert research_prose.states_finding(text, words(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Retracted articles are still cited years later.", True),
        ("Most published trials are small.", True),
        ("Articles are reviewed every year.", False),  # the site's articles
        ("Our pages cite published trials.", False),
    ],
)
def test_literature_subject(text: str, expected: bool) -> None:
    assert research_prose.literature_subject(text, words(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The estimates use the while-on-treatment estimand.", True),
        ("Participants were randomised in blocks of four.", True),
        ("The trial randomised 812 adults to either dose.", True),
        ("The second study relied on pharmacy records rather than interviews.", True),
        ("Both trials excluded people with heart failure.", True),
        ("Prefer randomised controlled trials over cohort studies.", False),  # a kind of study named
        ("The reviewer asked which estimand applies.", False),
        ("The earlier draft relied on a press release.", False),
    ],
)
def test_states_method(text: str, expected: bool) -> None:
    assert research_prose.states_method(text, words(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An earlier version of this page gave the dose as 10 mg.", True),
        ("The previous version listed rash as common.", True),
        ("The original text wrongly said that it was licensed for children.", True),
        ("Earlier versions are kept in the archive.", False),
        ("The first edition of the national guideline recommended a higher dose.", False),
    ],
)
def test_withdrawn_statement(text: str, expected: bool) -> None:
    assert research_prose.is_withdrawn_statement(text, words(text)) is expected


def test_reason_of() -> None:
    assert research_prose.reason_of("We removed it because the rash was not drug related.") == (
        "the rash was not drug related."
    )
    assert research_prose.reason_of("We removed it.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pooled data from 12,400 pregnant women", True),
        ("from 85 participants", True),
        ("in 2019 the unit moved", False),
    ],
)
def test_sample_size(text: str, expected: bool) -> None:
    assert (research_prose.SAMPLE_SIZE.search(text) is not None) is expected
