"""The claim gate: every claim sentence carries its own citation.

The page is read as a reader sees it (`structure`: blocks; `sentences`: sentences with their
lines), each sentence judged by one rule (`rule`: exemptions by structure; `signals`: hard
signals for site pages), and every claim sentence without a citation becomes a finding naming
the line where the sentence starts, the sentence, and why it is a claim.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from medkb.checks.citations import mask_code
from medkb.checks.claims.rule import EXEMPTIONS, Exemption, exemption, reading_of
from medkb.checks.claims.sentences import Sentence, sentences
from medkb.checks.claims.structure import Block, BlockKind, blocks
from medkb.findings import Finding
from medkb.sources.frontmatter import FRONT_MATTER

__all__ = ["EXEMPTIONS", "ClaimReport", "Exemption", "Judged", "Marker", "PageKind", "claim_report", "page_kind"]

MARKER = re.compile(r"<!--[ \t]*not-a-claim\b(?P<reason>[^>]*?)-->")
QUOTE_WIDTH = 72
LIST_STARTS = (BlockKind.LIST_ITEM, BlockKind.TABLE_HEADER)
NOT_PROSE = (BlockKind.HEADING, BlockKind.BOX_TITLE, BlockKind.TABLE_HEADER)
"""Markers never attach to these: a marker after a heading follows no sentence."""


@dataclass(frozen=True)
class PageKind:
    clinical: bool
    why: str
    """What made the page clinical or not, for findings."""


def page_kind(in_article: bool, declared: object) -> PageKind:
    """Clinical unless a page outside the article folders declares `kind: site`."""
    if in_article:
        return PageKind(True, "on a clinical page every sentence needs a source")
    if declared == "site":
        return PageKind(False, "a site page")
    if declared == "article":
        return PageKind(True, "the page declares kind: article, so every sentence needs a source")
    return PageKind(True, "a page outside the articles is clinical unless its front matter says 'kind: site'; "
                          "every sentence needs a source")


@dataclass(frozen=True)
class Marker:
    line: int
    reason: str


@dataclass(frozen=True)
class Judged:
    """One sentence and its verdict: 'cited', 'uncited claim', or the exemption that applies."""

    sentence: Sentence
    plain: str
    verdict: str
    why: str


@dataclass
class ClaimReport:
    findings: list[Finding]
    judged: list[Judged]
    markers: list[Marker]


def claim_report(path: str, text: str, kind: PageKind) -> ClaimReport:
    masked = mask_code(text)
    front = FRONT_MATTER.match(text)
    body_start = front.end() if front else 0
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    page_blocks = blocks(masked, body_start)
    found = sentences(page_blocks, line_starts)
    introduces = _list_introductions(page_blocks, found)
    marked, markers, findings = _markers(path, text, masked, found, line_starts)
    judged: list[Judged] = []
    for index, sentence in enumerate(found):
        reading = reading_of(sentence, marked=index in marked, introduces_list=index in introduces)
        rule = exemption(reading)
        if rule is not None:
            judged.append(Judged(sentence, reading.plain, rule.name, rule.example))
            continue
        if sentence.cited:
            judged.append(Judged(sentence, reading.plain, "cited", ""))
            continue
        if kind.clinical:
            why = kind.why
        elif reading.signal is not None:
            why = f"it states {reading.signal[0]} ('{reading.signal[1]}'), which needs a source on any page"
        else:
            judged.append(Judged(sentence, reading.plain, "site prose", "no hard signal on a site page"))
            continue
        judged.append(Judged(sentence, reading.plain, "uncited claim", why))
        findings.append(Finding(path, sentence.line, "uncited claim",
                                f"\u201c{_quote(reading.plain)}\u201d: {why}. Fix: cite it ([@key] at its end), or "
                                "follow it with <!-- not-a-claim: reason --> if it states nothing"))
    return ClaimReport(findings, judged, markers)


def _list_introductions(page_blocks: list[Block], found: list[Sentence]) -> set[int]:
    """Sentences that end their block when a list or a table comes next."""
    following = {id(block): after for block, after in itertools.pairwise(page_blocks)}
    last = {id(sentence.block): index for index, sentence in enumerate(found)}
    return {index for block_id, index in last.items()
            if (after := following.get(block_id)) is not None and after.kind in LIST_STARTS}


def _markers(path: str, text: str, masked: str, found: list[Sentence], line_starts: list[int],
             ) -> tuple[set[int], list[Marker], list[Finding]]:
    """Which sentences a marker exempts: the one it directly follows, nothing else."""
    prose = [index for index, sentence in enumerate(found) if sentence.block.kind not in NOT_PROSE]
    ends = [found[index].end for index in prose]
    marked: set[int] = set()
    markers: list[Marker] = []
    findings: list[Finding] = []
    for match in MARKER.finditer(text):
        line = bisect.bisect_right(line_starts, match.start())
        reason = match.group("reason").strip().lstrip(":").strip()
        index = bisect.bisect_right(ends, match.start()) - 1
        if index < 0 or masked[ends[index]:match.start()].strip():
            findings.append(Finding(path, line, "not-a-claim marker", "the marker follows no sentence; put it "
                                    "right after the sentence it exempts, on the same line"))
            continue
        if not reason:
            findings.append(Finding(path, line, "not-a-claim marker", "give the reason: "
                                    "<!-- not-a-claim: why this sentence needs no source -->"))
            continue
        marked.add(prose[index])
        markers.append(Marker(line, reason))
    return marked, markers, findings


def _quote(plain: str) -> str:
    return plain if len(plain) <= QUOTE_WIDTH else plain[: QUOTE_WIDTH - 1].rstrip() + "\u2026"
