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

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from medkb.checks.citations import CITATION_BLOCK
from medkb.checks.claims.sentences import Sentence
from medkb.checks.claims.signals import hard_signal
from medkb.checks.claims.structure import BlockKind
from medkb.checks.claims.vocabulary import vocabulary

LINK = re.compile(
    r"""(?x)
    !?\[(?P<text>[^\[\]\n]*)\]       # [text] or ![alt] (no bracket inside: linear time)
    (?:\([^()\n]*\)|\[[^\]\n]*\])   # (target) or [reference]
    """
)
AUTOLINK = re.compile(r"<https?://[^>\s]+>|\bhttps?://\S+")
EMPHASIS = re.compile(r"[*_]{1,3}")
WORDS = re.compile(r"[^\W\d_][\w'’-]*")
TOPIC_THEN_SEE = re.compile(
    r"""(?xi)
    ^[\s(]*(?:for|on|about|regarding)\b   # 'For details', 'On dosing'
    [^,.;:!?]{0,80},[ \t]*                # the topic, up to a comma
    (?=see\b)                             # then 'see ...'
    """
)
AFTER_COLON = re.compile(r"[:;][ \t]*[^\W\d_]")
MAX_LABEL_WORDS = 8
MAX_TOPIC_WORDS = 12
BOLD_LABEL = re.compile(
    r"""(?x)
    ^(?:\*\*|__)              # strong emphasis opens the sentence
    (?P<label>[^*_\n]{1,80}?)  # a short label: 'Key points', 'What it is.'
    (?:\*\*|__)[.:]?$         # and closes it, a stop or colon at most after it
    """
)


@dataclass
class Reading:
    """A sentence with the forms the exemptions read."""

    sentence: Sentence
    plain: str
    """Links reduced to their text, citations and emphasis removed, whitespace collapsed."""
    has_link: bool
    marked: bool
    introduces_list: bool
    """The sentence ends its block and a list or a table follows."""

    @functools.cached_property
    def signal(self) -> tuple[str, str] | None:
        """The hard signal the sentence carries (`signals.py`), if any: found only when asked."""
        return hard_signal(self.plain)


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
    """A sentence that is only a short bold label ('**Key points**', '**What it is.** Ketamine...')."""
    label = BOLD_LABEL.match(reading.sentence.masked.strip())
    return (label is not None and len(WORDS.findall(label.group("label"))) <= MAX_LABEL_WORDS
            and not re.search(r"\d", label.group("label")) and reading.signal is None)


def _question(reading: Reading) -> bool:
    return reading.plain.rstrip("\"'”’) ").endswith("?")


def _list_introduction(reading: Reading) -> bool:
    """Ends with ':' and a list or a table follows: the items are the sentences that claim."""
    return reading.plain.rstrip().endswith(":") and reading.introduces_list


def _pointer(reading: Reading) -> bool:
    """A link and pointer words only: 'See [Dosing](dosing.md).', 'For details, see [Dosing](dosing.md).'"""
    if not reading.has_link or reading.signal is not None:
        return False
    without_links = LINK.sub(" ", CITATION_BLOCK.sub(" ", reading.sentence.masked))
    if re.search(r"\d", without_links) or AFTER_COLON.search(without_links):
        return False  # a figure, or something asserted after a colon: 'See [x](x.md): it is safe.'
    words = [word.lower() for word in WORDS.findall(without_links)]
    vocab = vocabulary()
    if not words:
        return True
    if words[0] in vocab.pointer_verbs:
        # 'See [Dosing](dosing.md) for the regimens.': pointer words, then at most a short topic after 'for'
        rest = words[1:]
        if "for" in rest:
            topic_words = rest[rest.index("for") + 1:]
            rest = rest[: rest.index("for")]
            if len(topic_words) > MAX_TOPIC_WORDS:
                return False
        return all(word in vocab.pointer_words for word in rest)
    if _covered_before_link(reading.sentence.masked):
        return True  # 'Acute treatment is covered separately in [Acute migraine](acute.md).'
    if topic := TOPIC_THEN_SEE.match(without_links):
        words = [word.lower() for word in WORDS.findall(without_links[topic.end():])]
    return all(word in vocab.pointer_words for word in words)


def _covered_before_link(masked: str) -> bool:
    """'<topic> is covered in [link]', nothing after the last link but pointer words."""
    links = list(LINK.finditer(masked))
    if not links:
        return False
    before = [word.lower() for word in WORDS.findall(masked[: links[0].start()])]
    after = [word.lower() for word in WORDS.findall(CITATION_BLOCK.sub(" ", masked[links[-1].end():]))]
    vocab = vocabulary()
    return (any(word in vocab.covered_words for word in before[-4:]) and before[-1:] in (["in"], ["on"], ["at"])
            and len(before) <= MAX_TOPIC_WORDS + 4 and all(word in vocab.pointer_words for word in after))


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
    return bool(rest) and rest[0] in vocab.page_verbs and reading.signal is None


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
    Exemption("list introduction", "The label lists three warnings:  (a list or table follows)", _list_introduction),
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
    text = CITATION_BLOCK.sub(" ", masked)
    text = AUTOLINK.sub(" ", text)
    text = LINK.sub(lambda match: match.group("text"), text)
    text = EMPHASIS.sub("", text)
    return " ".join(text.replace("|", " ").split())


def reading_of(sentence: Sentence, *, marked: bool, introduces_list: bool) -> Reading:
    masked = sentence.masked
    plain = plain_text(masked)
    return Reading(sentence, plain, LINK.search(masked) is not None, marked, introduces_list)


def exemption(reading: Reading) -> Exemption | None:
    """The first exemption that applies, or None: then the sentence is a claim on a clinical page."""
    return next((rule for rule in EXEMPTIONS if rule.applies(reading)), None)
