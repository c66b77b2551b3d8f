"""Bounds on a page's source, checked before any other rule reads it and before Markdown renders it.

Several readers of a page (Markdown's inline patterns, the claim rule, the tokenizers) take time that
grows faster than the text when it is built to provoke them: a 240 KB line of `[`, a list nested 600
levels. Real pages are far inside these bounds (longest line under 500 characters, longest block
under 3,000 characters, indentation four spaces), so a page outside them is refused with one finding per
problem, and no other rule reads it: the check of every page takes bounded time.

Private-use characters are refused too: the build uses a few as placeholders while citations travel
through Markdown (`PLACEHOLDER_CHARACTERS` of medkb/render/citations.py), and one typed into a page could
forge one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medkb.findings import Finding
from medkb.sources.frontmatter import FRONT_MATTER

KIND = "page limits"
MAX_LINE = 2000
MAX_BLOCK = 20_000
"""Characters in one block (lines up to a blank line): a paragraph, a table (a long one: 60 rows), a list."""
MAX_BRACKETS = 400
"""'[' in one block (ours: 12 at most; a long table citing in every row: a few hundred). Markdown matches
each '[' against the rest of its block, so its time grows faster than the square of a run of them
(2,000 in a block: 0.7 s; 4,000: ten seconds)."""
MAX_DEPTH = 16
"""Nested lists and quotes: written as indentation (4 columns a level) or as markers on one line."""
MAX_INDENT = MAX_DEPTH * 4
MAX_RAW_TAGS = 2000
"""Raw HTML tags (`<name`) in one page: ours have a handful. Parsing deeply nested markup takes time
growing with the square of its depth, in browsers and HTML5 parsers alike."""
RAW_TAG = re.compile(r"<[a-zA-Z]")
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def source_limit_findings(path: str, text: str) -> list[Finding]:
    """One finding per kind of excess, naming its first line and how many lines share it."""
    long_lines: list[int] = []
    deep_lines: list[int] = []
    private_lines: list[int] = []
    long_blocks: list[int] = []
    bracketed_blocks: list[int] = []
    block_start, block_size, block_brackets = 0, 0, 0
    # Front matter is YAML, bounded by its own reader (medkb/sources/frontmatter.py); Markdown reads the rest.
    front = FRONT_MATTER.match(text)
    body_from = text.count("\n", 0, front.end()) + 1 if front is not None else 1
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            long_lines.append(number)
        if PRIVATE_USE.search(line) is not None:
            private_lines.append(number)
        if number < body_from:
            continue
        if _depth(line) > MAX_DEPTH:
            deep_lines.append(number)
        if line.strip():
            if not block_size:
                block_start = number
            block_size += len(line) + 1
            block_brackets += line.count("[")
            if block_size > MAX_BLOCK and (not long_blocks or long_blocks[-1] != block_start):
                long_blocks.append(block_start)
            if block_brackets > MAX_BRACKETS and (not bracketed_blocks or bracketed_blocks[-1] != block_start):
                bracketed_blocks.append(block_start)
        else:
            block_size = block_brackets = 0
    findings = []
    tags = sum(1 for _ in RAW_TAG.finditer(text, front.end() if front is not None else 0))
    if tags > MAX_RAW_TAGS:
        findings.append(Finding(path, 1, KIND, f"the page holds {tags:,} HTML tags; the limit is {MAX_RAW_TAGS:,}: "
                                "write the content in Markdown"))
    for lines, what in (
        (private_lines, ("a private-use character (U+E000 to U+F8FF or the private planes): the build uses such "
                         "characters as placeholders, so none may appear in a page; delete it")),
        (long_lines, f"a line longer than {MAX_LINE:,} characters; write one sentence per line"),
        (long_blocks, (f"a block (lines up to a blank line) of more than {MAX_BLOCK:,} characters; split it "
                       "with blank lines, or the table into several")),
        (bracketed_blocks, (f"a block (lines up to a blank line) with more than {MAX_BRACKETS} '[': Markdown "
                            "cannot read so many in bounded time; split the block with blank lines")),
        (deep_lines, f"lists or quotes nested more than {MAX_DEPTH} levels deep; flatten the structure"),
    ):
        if lines:
            findings.append(Finding(path, lines[0], KIND, what + _counted(lines)))
    return findings


def _counted(lines: list[int]) -> str:
    """' (3 lines in all: 9, 11, 13)': one finding for many lines, with where the next ones are."""
    if len(lines) == 1:
        return ""
    shown = ", ".join(map(str, lines[1:4])) + (", …" if len(lines) > 4 else "")
    return f" ({len(lines):,} lines in all; the next: {shown})"


def _depth(line: str) -> int:
    """How many lists and quotes a line opens or continues: indentation levels plus markers (`- > 1.`)."""
    indent = 0
    for char in line:
        if char == " ":
            indent += 1
        elif char == "\t":
            indent += 4
        else:
            break
    if indent > MAX_INDENT:
        return MAX_DEPTH + 1
    return indent // 4 + sum(1 for _ in _markers(line.lstrip(" \t")))


def _markers(text: str) -> Iterator[None]:
    """The container markers at the start of `text`, one by one (a scan, no backtracking)."""
    index = 0
    end = len(text)
    while index < end:
        char = text[index]
        if char in "-*+>":
            after = index + 1
        elif char.isdigit():
            after = index
            while after < end and after - index < 10 and text[after].isdigit():
                after += 1
            if after >= end or text[after] not in ".)":
                return
            after += 1
        else:
            return
        if after < end and text[after] not in " \t" and char != ">":  # a quote marker needs no space
            return
        yield None
        index = after
        while index < end and text[index] in " \t":
            index += 1
