"""Blocks split into sentences, each with the line it starts on and whether it carries a citation.

A sentence ends at '.', '!' or '?' followed by a space and a capital letter, a digit, an opening
bracket or quote, or by the end of the block; a citation directly after the stop (`….[@k]`)
belongs to the sentence it ends. A full stop after an abbreviation ("e.g.", "et al.", "vs.")
or an initial ("J. Smith") ends nothing; decimals ("0.5 mg/kg") contain no space. A line break
ends a sentence when the line ends with a stop, a colon or a citation, or when the next line
starts with a capitalised word that is not an acronym and the line ends in a lowercase word
other than one that leaves the phrase open ("of", "with", "the"...: `rules.toml`). Otherwise the sentence wraps onto the next line.

Why not a library splitter: NLTK's Punkt and spaCy's sentencizer need models or training data
the offline build cannot fetch, know nothing of `[@key]` citations after the stop, and would
bring a large dependency for what these few rules do.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from medkb.checks.citations import CITATION_BLOCK
from medkb.checks.claims.structure import Block, BlockKind, Line
from medkb.checks.claims.vocabulary import vocabulary

SENTENCE_END = re.compile(
    r"""(?x)
    [.!?]                          # the stop
    [.!?]*                         # ?! or an ellipsis
    [)"'”’\]*_]*                   # closing brackets, quotes and emphasis
    (?:[ \t]*\n?[ \t]*\[@[^\[\]\n]*\])*   # citations that end the sentence: `….[@k]`, `…. [@k]`
    (?=\s|$)                       # then a space, a line break or the end of the block
    """
)
OPENS_SENTENCE = re.compile(r"""[A-Z0-9"'“‘(\[*_<•–—-]""")
WORD_BEFORE = re.compile(r"(?P<word>[\w.]+)$")
WORD_WINDOW = 40
"""Characters read before a stop to find the word it follows (abbreviations are short)."""
NEXT_CHARACTER = re.compile(r"\s*(?P<char>\S)?")
CITATION_AT_END = re.compile(r"\[@[^\[\]\n]*\]$")
CLOSERS = ")\"'”’]*_"
TAIL = 400
"""Characters read from a line's end to find a citation there (citation blocks are shorter)."""
FIRST_WORD = re.compile(r"[\"'“‘(*_]*(?P<word>[^\W\d_][\w'’-]*)")
LAST_WORD = re.compile(r"(?P<word>[^\W_][\w.'’-]*)[ \t]*$")
"""The last word of a line that ends in a word (not a comma, a dash or an open bracket)."""


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    """Offsets in the page: `masked[start:end]`."""
    line: int
    block: Block
    masked: str
    """The sentence as the rule reads it: code, comments and HTML tags blanked."""

    @property
    def cited(self) -> bool:
        return CITATION_BLOCK.search(self.masked) is not None


def sentences(blocks: list[Block], line_starts: list[int]) -> list[Sentence]:
    """Every sentence of every block; `line_starts`: the offset where each line of the page begins."""
    found: list[Sentence] = []
    for block in blocks:
        if not block.lines:
            continue
        if block.kind is BlockKind.TABLE_ROW:
            spans = _row_spans(block)
        else:
            spans = _spans(block.lines)
        for start, end, text in spans:
            if text.strip():
                line = bisect.bisect_right(line_starts, start)
                found.append(Sentence(start, end, line, block, text))
    return found


def _spans(lines: tuple[Line, ...] | list[Line]) -> list[tuple[int, int, str]]:
    """(start, end, text) of each sentence of consecutive lines of one block."""
    joined = "\n".join(line.text for line in lines)
    starts = []
    position = 0
    for line in lines:
        starts.append(position)
        position += len(line.text) + 1

    def page_offset(index: int) -> int:
        which = bisect.bisect_right(starts, index) - 1
        return lines[which].start + index - starts[which]

    cuts = sorted(set(_cuts(joined)) | {len(joined)})
    spans: list[tuple[int, int, str]] = []
    previous = 0
    for cut in cuts:
        piece = joined[previous:cut]
        leading = len(piece) - len(piece.lstrip())
        trailing = len(piece.rstrip())
        if piece.strip():
            spans.append((page_offset(previous + leading), page_offset(previous + trailing - 1) + 1,
                          piece.strip()))
        previous = cut
    return spans


def _cuts(joined: str) -> list[int]:
    """Offsets in `joined` where a sentence ends."""
    cuts: list[int] = []
    abbreviations = vocabulary().abbreviations
    for match in SENTENCE_END.finditer(joined):
        after = NEXT_CHARACTER.match(joined, match.end())
        if after and after.group("char") and not OPENS_SENTENCE.match(after.group("char")):
            continue
        if joined[match.start()] == "." and _abbreviation_before(joined, match.start(), abbreviations):
            continue
        cuts.append(match.end())
    position = 0
    lines = joined.split("\n")
    continues_after = vocabulary().continues_after
    for number, line in enumerate(lines[:-1]):
        position += len(line) + 1
        following = lines[number + 1].lstrip()
        if _line_closes(line):
            cuts.append(position - 1)
            continue
        last = LAST_WORD.search(line, max(0, len(line) - WORD_WINDOW))
        if last and _starts_statement(following) and last.group("word").islower() \
                and last.group("word") not in continues_after:
            cuts.append(position - 1)  # 'Ketamine cures depression' / 'All patients respond [@k].'
    return cuts


def _line_closes(line: str) -> bool:
    """The line ends with a stop, a colon or a citation (closing quotes and brackets aside)."""
    tail = line.rstrip()
    if tail.endswith("]") and CITATION_AT_END.search(tail[-TAIL:]):
        return True
    return tail.rstrip(CLOSERS)[-1:] in (".", "!", "?", ":")


def _starts_statement(line: str) -> bool:
    """Starts with a capitalised word that is not an acronym ('All patients', not 'CRP is')."""
    first = FIRST_WORD.match(line)
    return first is not None and first.group("word")[0].isupper() and not first.group("word").isupper()


def _abbreviation_before(text: str, stop: int, abbreviations: frozenset[str]) -> bool:
    word = WORD_BEFORE.search(text, max(0, stop - WORD_WINDOW), stop)
    if word is None:
        return False
    token = word.group("word").lower().rstrip(".")
    return token in abbreviations or (len(token) == 1 and text[stop - 1].isupper())


def _row_spans(block: Block) -> list[tuple[int, int, str]]:
    """A table row is one sentence unless one of its cells holds several."""
    line = block.lines[0]
    cells: list[Line] = []
    position = 0
    for part in line.text.split("|"):
        if part.strip():
            cells.append(Line(line.start + position, part))
        position += len(part) + 1
    if not cells:
        return []
    per_cell = [_spans([cell]) for cell in cells]
    if all(len(spans) <= 1 for spans in per_cell):
        first, last = cells[0], cells[-1]
        start = first.start + len(first.text) - len(first.text.lstrip())
        end = last.start + len(last.text.rstrip())
        return [(start, end, line.text[start - line.start:end - line.start])]
    # A cell of several sentences: each is a sentence; label cells before one ('Ketamine |') join it.
    units: list[tuple[int, int, str]] = []
    carried: int | None = None
    for spans in per_cell:
        for index, (start, end, _text) in enumerate(spans):
            if len(spans) == 1 and not SENTENCE_END.search(_text):
                carried = start if carried is None else carried
                break
            if index == 0 and carried is not None:
                start, carried = carried, None
            units.append((start, end, line.text[start - line.start:end - line.start]))
    if carried is not None and units:
        start, _end, _text = units[-1]
        end = cells[-1].start + len(cells[-1].text.rstrip())
        units[-1] = (start, end, line.text[start - line.start:end - line.start])
    return units
