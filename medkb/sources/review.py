"""Review status: the steps a page goes through and what the tracker shows for each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

REVIEW_STEPS: tuple[tuple[str, str], ...] = (
    ("submitted", "Submitted"),
    ("under_review", "Under Review"),
    ("approved", "Approved"),
)
"""(front-matter value, label) in the order a page moves through them."""

STATUS_LABELS = dict(REVIEW_STEPS)

StepState = Literal["done", "current", "upcoming"]


@dataclass(frozen=True)
class TrackerStep:
    status: str
    label: str
    state: StepState

    @property
    def state_text(self) -> str:
        """What a screen reader (and a reader without colour) is told about the step."""
        return {"done": "completed", "current": "current step", "upcoming": "not yet reached"}[self.state]


def tracker(status: str) -> list[TrackerStep]:
    order = [value for value, _label in REVIEW_STEPS]
    current = order.index(status)
    return [
        TrackerStep(value, label, "done" if index < current else "current" if index == current else "upcoming")
        for index, (value, label) in enumerate(REVIEW_STEPS)
    ]


def is_review_overdue(next_review: dt.date | None, today: dt.date) -> bool:
    return next_review is not None and next_review < today


def format_date(value: dt.date) -> str:
    """'1 December 2025': unambiguous for readers in every country."""
    return f"{value.day} {value:%B %Y}"
