"""Follow-up questions: what a reader may ask next, and the page of the article that answers it.

The article's overview declares them in its front matter (typed in medkb.sources.frontmatter_schema):

    follow_up:
      - question: What dose is used?
        page: dosing.md

Every page of the article lists them (but the one naming itself), each linked to its page, above
"Ask a question about this article" (overrides/partials/follow-up.html).
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from dataclasses import dataclass

from medkb.findings import Finding

KIND = "follow-up"


@dataclass(frozen=True)
class FollowUp:
    question: str
    src_path: str
    """The answering page as a path under docs/: 'ketamine-depression/dosing.md'."""


def follow_ups(value: object, article: str) -> list[FollowUp]:
    """The overview's `follow_up` records (already typed by the schema) as questions and page paths."""
    if not isinstance(value, list):
        return []
    found: list[FollowUp] = []
    for record in value:
        if isinstance(record, dict) and isinstance(record.get("question"), str) and isinstance(record.get("page"), str):
            page = posixpath.normpath(posixpath.join(article, record["page"].strip()))
            found.append(FollowUp(" ".join(record["question"].split()), page))
    return found


def follow_up_findings(path: str, line: int | None, value: object, article: str,
                       pages: Collection[str]) -> list[Finding]:
    """A follow-up question whose page is not a page of its article, at the overview's `follow_up` line."""
    return [
        Finding(path, line, KIND,
                f"'{item.question}' leads to '{item.src_path}', which is not a page of the article '{article}'; "
                f"name one of its files, e.g. page: {posixpath.basename(min(pages)) if pages else 'dosing.md'}")
        for item in follow_ups(value, article)
        if item.src_path not in pages or posixpath.dirname(item.src_path) != article
    ]
