"""The rule: which sentences need a source.

On a clinical page (any page in an article folder, and any other page that does not declare
`kind: site`) every sentence is a claim unless an exemption by structure below applies or the
author marks it `<!-- not-a-claim: reason -->`. On a site page only a sentence with a hard
signal (`signals.py`) is a claim. A claim is satisfied by a citation inside the sentence or
directly after its stop.

EXEMPTIONS is the whole list of exemptions, each with an example; CONTRIBUTING.md shows the same
table and a test keeps the two equal and runs every example through the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from medkb.claims.sentences import Sentence
from medkb.claims.structure import BlockKind
from medkb.claims.vocabulary import vocabulary

LINK = re.compile(
    r"""(?x)
    !?\[(?P<text>[^\]\n]*)\]        # [text] or ![alt]
    (?:\([^()\n]*\)|\[[^\]\n]*\])   # (target) or [reference]
    """
)
AUTOLINK = re.compile(r"<https?://[^>\s]+>|\bhttps?://\S+")
EMPHASIS = re.compile(r"[*_]{1,3}")
CITATIONS = re.compile(r"\[@[^\[\]\n]*\]")
WORDS = re.compile(r"[^\W\d_][\w'’-]*")
TOPIC_THEN_SEE = re.compile(
    r"""(?xi)
    ^[\s(]*(?:for|on|about|regarding)\b   # 'For details', 'On dosing'
    [^,.;:!?]{0,80},[ \t]*                # the topic, up to a comma
    (?=see\b)                             # then 'see ...'
    """
)
BOLD_LABEL = re.compile(
    r"""(?x)
    ^(?:\*\*|__)              # strong emphasis opens the sentence
    (?P<label>[^*_\n]{1,80}?)  # a short label: 'Key points', 'What it is.'
    (?:\*\*|__)[.:]?$         # and closes it, a stop or colon at most after it
    """
)


@dataclass(frozen=True)
class Reading:
    """A sentence with the forms the exemptions read."""

    sentence: Sentence
    plain: str
    """Links reduced to their text, citations and emphasis removed, whitespace collapsed."""
    has_link: bool
    marked: bool


@dataclass(frozen=True)
class Exemption:
    name: str
    example: str
    applies: Callable[[Reading], bool]


def _heading(reading: Reading) -> bool:
    return reading.sentence.block.kind is BlockKind.HEADING


def _box_title(reading: Reading) -> bool:
    return reading.sentence.block.kind is BlockKind.BOX_TITLE


def _table_header(reading: Reading) -> bool:
    return reading.sentence.block.kind is BlockKind.TABLE_HEADER


def _bold_label(reading: Reading) -> bool:
    """A sentence that is only a bold label ('**Key points**', '**What it is.** Ketamine...'): a run-in heading."""
    return BOLD_LABEL.match(reading.sentence.masked.strip()) is not None


def _question(reading: Reading) -> bool:
    return reading.plain.rstrip("\"'”’) ").endswith("?")


def _list_introduction(reading: Reading) -> bool:
    return reading.plain.rstrip().endswith(":")


def _pointer(reading: Reading) -> bool:
    """A link and pointer words only: 'See [Dosing](dosing.md).', 'For details, see [Dosing](dosing.md).'"""
    if not reading.has_link:
        return False
    without_links = LINK.sub(" ", CITATIONS.sub(" ", reading.sentence.masked))
    if re.search(r"\d", without_links):
        return False
    words = [word.lower() for word in WORDS.findall(without_links)]
    vocab = vocabulary()
    if not words or words[0] in vocab.pointer_verbs:
        return True  # 'See [Dosing](dosing.md) for the regimens.'
    if _covered_before_link(reading.sentence.masked):
        return True  # 'Acute treatment is covered separately in [Acute migraine](acute.md).'
    if topic := TOPIC_THEN_SEE.match(without_links):
        words = [word.lower() for word in WORDS.findall(without_links[topic.end():])]
    return all(word in vocab.pointer_words for word in words)


def _covered_before_link(masked: str) -> bool:
    link = LINK.search(masked)
    if link is None:
        return False
    before = [word.lower() for word in WORDS.findall(masked[: link.start()])]
    covered = vocabulary().covered_words
    return any(word in covered for word in before[-4:]) and before[-1:] in (["in"], ["on"], ["at"], ["see"])


def _about_the_page(reading: Reading) -> bool:
    """'This page covers adults.', 'The table below lists the interactions seen most often.'"""
    if re.search(r"\d", reading.plain):
        return False
    words = [word.lower() for word in WORDS.findall(reading.plain)[:5]]
    vocab = vocabulary()
    if len(words) < 3 or words[0] not in {"this", "the", "our", "each", "these"}:
        return False
    rest = words[1:]
    if rest[0] in {"next", "following", "rest", "first", "last"}:
        rest = rest[2:] if len(rest) > 2 and rest[1] == "of" else rest[1:]
        rest = rest[1:] if rest[:1] == ["this"] else rest
    if not rest or rest[0] not in vocab.page_nouns:
        return False
    rest = rest[1:]
    rest = rest[1:] if rest[:1] in (["below"], ["above"]) else rest
    return bool(rest) and rest[0] in vocab.page_verbs


def _exempt_section(reading: Reading) -> bool:
    return reading.sentence.block.exempt_section is not None


def _quoted_in_correction(reading: Reading) -> bool:
    block = reading.sentence.block
    return block.quoted and block.box in vocabulary().correction_boxes


def _no_words(reading: Reading) -> bool:
    return not re.search(r"[^\W_]", reading.plain)


def _marker(reading: Reading) -> bool:
    return reading.marked


EXEMPTIONS: tuple[Exemption, ...] = (
    Exemption("heading", "## Dosing", _heading),
    Exemption("box title", '!!! warning "Monitoring after each dose"', _box_title),
    Exemption("table header row", "| Regimen | Setting | Evidence |", _table_header),
    Exemption("bold label", "**Key points** or **What it is.** at the start of a paragraph", _bold_label),
    Exemption("question", "What dose is used in trials?", _question),
    Exemption("list introduction", "The label lists three warnings:", _list_introduction),
    Exemption("pointer", "For regimens, see [Dosing](dosing.md).", _pointer),
    Exemption("about the page", "This page covers adults.", _about_the_page),
    Exemption("exempt section", "(any text under ## References, ## Further reading, ## Abbreviations ...)",
              _exempt_section),
    Exemption("quoted in a correction box", '> "Ketamine works in 61% of patients."  (inside !!! editorial)',
              _quoted_in_correction),
    Exemption("no words", "* * *", _no_words),
    Exemption("marked not-a-claim", "We could not find this figure. <!-- not-a-claim: our source check -->",
              _marker),
)


def plain_text(masked: str) -> str:
    """What the reader reads: link text without targets, no citations, emphasis or markup."""
    text = CITATIONS.sub(" ", masked)
    text = AUTOLINK.sub(" ", text)
    text = LINK.sub(lambda match: match.group("text"), text)
    text = EMPHASIS.sub("", text)
    return " ".join(text.replace("|", " ").split())


def reading_of(sentence: Sentence, *, marked: bool) -> Reading:
    masked = sentence.masked
    return Reading(sentence, plain_text(masked), LINK.search(masked) is not None, marked)


def exemption(reading: Reading) -> Exemption | None:
    """The first exemption that applies, or None: then the sentence is a claim on a clinical page."""
    return next((rule for rule in EXEMPTIONS if rule.applies(reading)), None)
