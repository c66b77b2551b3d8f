"""Citations in Markdown: `[@key]` and `[@a; @b]`, found outside code, with their line numbers.

This is the one place that knows the citation syntax; the build, the claim gate and the tests
all ask it.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Set
from dataclasses import dataclass

from medkb.findings import Finding

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9]*[0-9]{4}[a-z0-9]*$")
"""Our key rule: lowercase family name, year, first significant title word (`zarate2006randomized`)."""

CITATION_BLOCK = re.compile(
    r"""(?x)
    \[                      # opening bracket of the block
    (?P<body>
        \s*@[^\[\]\n]*      # starts with @, stays on one line, no nested brackets
    )
    \]
    (?![(:])                # not a link `[..](..)` or a definition `[..]:`
    """
)
CITED_KEY = re.compile(r"^\s*@(?P<key>[A-Za-z0-9_:.\-]+)\s*$")

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(?P<ticks>`+)(?:(?!(?P=ticks)).)+?(?P=ticks)")


@dataclass(frozen=True)
class Citation:
    key: str
    line: int
    """1-based line in the text given (front matter included when the caller passes it)."""


@dataclass(frozen=True)
class CitationBlock:
    raw: str
    line: int
    start: int
    """Offset of `[` in the whole text."""
    keys: tuple[str, ...]
    problem: str | None
    """Why the block is malformed, or None."""


def mask_code(text: str) -> str:
    """The text with fenced code, inline code and HTML comments blanked out, offsets kept.

    Every masked character becomes a space (newlines stay), so positions and line numbers
    found in the masked text hold for the original.
    """
    # Several rules mask the same page in one check run: the last few results are kept.
    return _mask_code(text)


@functools.lru_cache(maxsize=16)
def _mask_code(text: str) -> str:
    masked = text
    if "```" in text or "~~~" in text:
        masked = _blank_spans(masked, _fence_spans(text))
    if "<!--" in masked:
        masked = _blank_spans(masked, _comment_spans(masked))
    if "`" in masked:
        masked = _blank_spans(masked, _code_spans(masked))
    return masked


MAX_TICKS_BY_PATTERN = 32
"""Backticks on a line up to which INLINE_CODE reads it; its backtracking takes time growing with the cube of
a run of backticks, so a line with more is read by pairing equal runs (`_paired_runs`), in linear time."""
TICK_RUN = re.compile(r"`+")


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code spans, line by line (a span never crosses a line in our reading)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if "`" in line:
            if line.count("`") <= MAX_TICKS_BY_PATTERN:
                spans.extend((offset + m.start(), offset + m.end()) for m in INLINE_CODE.finditer(line))
            else:
                spans.extend((offset + start, offset + end) for start, end in _paired_runs(line))
        offset += len(line) + 1
    return spans


def _paired_runs(line: str) -> list[tuple[int, int]]:
    """Code spans as CommonMark pairs them: a run of backticks opens, the next run of the same length closes."""
    runs = [(match.start(), match.end()) for match in TICK_RUN.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        following = bisect.bisect_right(same, index)
        if following < len(same):
            closer = same[following]
            spans.append((start, runs[closer][1]))
            index = closer + 1
        else:
            index += 1
    return spans


def _comment_spans(text: str) -> list[tuple[int, int]]:
    """`<!-- ... -->` spans, each ending at the first `-->` after it, found with two searches per comment.

    (The pattern `<!--.*?-->` searched the rest of the page from every unclosed `<!--`: time growing with
    the square of a page made of them.) After an unclosed `<!--` there is no further comment.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        spans.append((start, end + 3))
        position = end + 3
    return spans


def _fence_spans(text: str) -> list[tuple[int, int]]:
    """Fenced code blocks, fence lines included; an unclosed fence runs to the end of the text."""
    spans: list[tuple[int, int]] = []
    offset = 0
    fence: str | None = None
    fence_start = 0
    for line in text.splitlines(keepends=True):
        if "`" in line or "~" in line:
            match = FENCE.match(line)
            if fence is None and match:
                fence, fence_start = match.group("fence"), offset
            elif fence is not None and match and match.group("fence").startswith(fence[0] * len(fence)):
                spans.append((fence_start, offset + len(line)))
                fence = None
        offset += len(line)
    if fence is not None:
        spans.append((fence_start, len(text)))
    return spans


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with every character of the (ordered, disjoint) spans but newlines made a space."""
    if not spans:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


_NOT_NEWLINE = re.compile(r"[^\n]")


def line_of(text: str, offset: int) -> int:
    """The 1-based line of `offset`, by a search in the text's line starts (counting the newlines before
    it for each finding took time growing with findings times text)."""
    return bisect.bisect_left(_newlines(text), offset) + 1


@functools.lru_cache(maxsize=8)
def _newlines(text: str) -> list[int]:
    return [match.start() for match in re.finditer("\n", text)]


def citation_blocks(text: str) -> list[CitationBlock]:
    """Every `[@...]` block outside code, in order, each parsed or with the reason it is malformed."""
    return list(_citation_blocks(text))


@functools.lru_cache(maxsize=16)
def _citation_blocks(text: str) -> tuple[CitationBlock, ...]:
    if "@" not in text:
        return ()
    masked = mask_code(text)
    blocks: list[CitationBlock] = []
    line, counted_to = 1, 0
    for match in CITATION_BLOCK.finditer(masked):
        body = match.group("body")
        keys: list[str] = []
        problem: str | None = None
        for part in body.split(";"):
            cited = CITED_KEY.match(part)
            if cited is None:
                problem = (
                    f"'{part.strip()}' is not a citation; write [@key] or [@key1; @key2] "
                    "(no page numbers, prefixes or suffixes)"
                )
                break
            keys.append(cited.group("key"))
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        blocks.append(
            CitationBlock(
                raw=match.group(0),
                line=line,
                start=match.start(),
                keys=tuple(keys),
                problem=problem,
            )
        )
    return tuple(blocks)


STRAY_CITATION = re.compile(r"\[\^?\s*@|@\w[\w-]*\]")


def citations(text: str) -> list[Citation]:
    """The cited keys of all well-formed blocks, in reading order (repeats kept)."""
    return [
        Citation(key=key, line=block.line)
        for block in citation_blocks(text)
        if block.problem is None
        for key in block.keys
    ]


def citation_findings(path: str, text: str, known_keys: Set[str]) -> list[Finding]:
    """Malformed blocks and keys that are not in the bibliography, each with its line."""
    findings: list[Finding] = []
    blocks = _citation_blocks(text)
    block_starts = [block.start for block in blocks]
    for block in blocks:
        if block.problem is not None:
            findings.append(Finding(path, block.line, "malformed citation", f"{block.raw}: {block.problem}"))
            continue
        for key in block.keys:
            if key not in known_keys:
                hint = _closest(key, known_keys)
                findings.append(
                    Finding(
                        path,
                        block.line,
                        "unknown cite key",
                        f"'{key}' is in no bib/*.bib file"
                        + (f" (did you mean '{hint}'?)" if hint else "; add the entry or correct the key"),
                    )
                )
    if "@" not in text:
        return findings
    masked = mask_code(text)
    for match in STRAY_CITATION.finditer(masked):
        # Blocks are in order and do not overlap: only the last one starting before the match can hold it.
        index = bisect.bisect_right(block_starts, match.start()) - 1
        if index >= 0 and match.start() < blocks[index].start + len(blocks[index].raw):
            continue
        findings.append(
            Finding(
                path,
                line_of(text, match.start()),
                "malformed citation",
                f"'{_around(masked, match.start())}' looks like a broken citation; "
                "write [@key] or [@key1; @key2] on one line",
            )
        )
    return findings


def _around(text: str, offset: int, width: int = 30) -> str:
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    column = offset - line_start
    return line[max(0, column - 5) : column + width].strip()


def _closest(key: str, known_keys: Set[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(key.lower(), sorted(known_keys), n=1, cutoff=0.8)
    return matches[0] if matches else None

