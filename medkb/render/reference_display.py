"""What a reader sees of a reference entry: the source, never our bookkeeping.

An entry holds working fields for editors: what could not be confirmed (`verification =
{unconfirmed: ...}`), notes that name other entries by key, where a detail was read. Readers of the
site, the preview and the PDFs get the citation itself and, for an entry with unconfirmed details,
one small mark ("details not yet verified"); editors read the notes in `make check --verbose`.

The rules here are applied when an entry is rendered (overrides/partials/reference.html), so that
an entry written in any style reads cleanly: one full stop after a name that ends in one ("Inc."),
a retraction notice with its label once, no cite keys and no parenthesised working notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medkb.checks.citations import KEY_PATTERN
from medkb.sources.bibliography import Reference

UNVERIFIED_MARK = "details not yet verified"
"""All a reader is told about an entry whose bibliographic details are not all confirmed."""

NOTICE_LABEL = re.compile(
    r"""(?xi)
    (?:retraction[ ]notice|retracted(?:[ ](?:in|on)[ ]\d{4})?)   # 'Retraction notice', 'Retracted in 2017'
    [ ]*:[ ]*                                                    # the colon ending the label
    """
)
PARENTHESIS = re.compile(r"\s*\((?P<inside>[^()]*)\)")
WORKING_NOTE = re.compile(
    r"""(?xi)
    \bconfirm | \bverif | \bnot[ ]found | \bcould[ ]not | \bleft[ ]out | \bsee[ ]\w+\d{4}  # what an editor checked
    """
)
KEY_WORD = re.compile(r"(?:\bsee[ ]+)?\b(?P<key>[a-z][a-z0-9]*[0-9]{4}[a-z0-9]*)\b")
"""A word shaped like one of our cite keys (`ijnp2017retraction`), checked against KEY_PATTERN."""
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[.,;:])")
REPEATED_STOP = re.compile(r"\.(?:\s*\.)+")
EMPTY_CLAUSE = re.compile(r"[,;:]\s*(?=[.,;:])")


@dataclass(frozen=True)
class ReaderEntry:
    """The parts of an entry that the template writes with punctuation of its own."""

    authors: str
    """The author list ending in exactly one full stop, or '' when the entry names no author."""
    notice: str
    """A retracted publication's notice as readers see it ('Retracted in 2017: ...'), or ''."""
    source_stop: str
    """The full stop after the journal or publisher: '' when its name ends in one ('Inc.')."""
    unverified: bool
    """Some bibliographic detail is not confirmed: the entry gets the small mark, not the note."""


def reader_entry(reference: Reference) -> ReaderEntry:
    return ReaderEntry(
        authors=with_full_stop(", ".join(reference.authors)),
        notice=retraction_notice(reference.retraction),
        source_stop="" if reference.container.strip().endswith((".", "?", "!")) else ".",
        unverified=bool(reference.unconfirmed),
    )


def with_full_stop(text: str) -> str:
    """The text ending in one full stop (or its own '?' or '!'); '' stays ''."""
    text = text.strip()
    if not text or text.endswith((".", "?", "!")):
        return text
    return f"{text}."


def retraction_notice(text: str) -> str:
    """The notice of a retraction as readers see it: working notes and keys out, one label, one stop.

    'Retracted in 2017: Retraction notice: A study, Journal 2017 (DOI not confirmed; see x2017y).'
    reads 'Retracted in 2017: A study, Journal 2017.'; a notice without a label of its own gets
    'Retraction notice: '.
    """
    text = " ".join(text.split())
    if not text:
        return ""
    text = PARENTHESIS.sub(lambda match: "" if is_working_note(match.group("inside")) else match.group(0), text)
    text = KEY_WORD.sub(lambda match: "" if KEY_PATTERN.match(match.group("key")) else match.group(0), text)
    labels = list(NOTICE_LABEL.finditer(text))
    if labels and labels[0].start() == 0:
        first = labels[0]
        rest = NOTICE_LABEL.sub("", text[first.end() :])
        text = f"{first.group(0).strip()} {rest}"
    else:
        text = f"Retraction notice: {NOTICE_LABEL.sub('', text)}"
    return with_full_stop(tidy(text))


def is_working_note(text: str) -> bool:
    """A parenthesis that tells what an editor checked or could not find, or that names a cite key."""
    return bool(WORKING_NOTE.search(text)) or any(KEY_PATTERN.match(word.group("key")) for word in KEY_WORD.finditer(text))


def tidy(text: str) -> str:
    """Spacing and punctuation left over from what was taken out."""
    text = " ".join(text.split())
    text = SPACE_BEFORE_PUNCTUATION.sub("", text)
    text = EMPTY_CLAUSE.sub("", text)
    text = REPEATED_STOP.sub(".", text)
    return text.strip(" ,;:")
