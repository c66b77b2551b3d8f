"""A page's body as blocks: paragraphs, list items, table rows, headings and box titles.

The claim gate needs only the block structure a reader sees: where a paragraph, a list item or
a table row starts and ends, which heading it sits under, and whether it is inside an
admonition or a block quote. Python-Markdown has no source positions, so the structure is read
here from the lines, one container (page, admonition body, list item, block quote) at a time.
The text is the page with code, inline code and HTML comments blanked (`mask_code`), so every
offset found here is an offset into the original page.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from medkb.checks.claims.vocabulary import vocabulary


class BlockKind(enum.Enum):
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    TABLE_ROW = "table row"
    TABLE_HEADER = "table header row"
    HEADING = "heading"
    BOX_TITLE = "box title"


@dataclass(frozen=True)
class Line:
    start: int
    """Offset of `text` in the page."""
    text: str


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    lines: tuple[Line, ...]
    heading: str
    """The nearest heading above the block ('' before the first)."""
    exempt_section: str | None
    """The exempt heading (References, Abbreviations...) the block sits under, if any."""
    box: str | None
    """The type of the innermost admonition holding the block (`note`, `editorial`...)."""
    quoted: bool
    """Inside a block quote."""


ATX_HEADING = re.compile(r"^ {0,3}(?P<hashes>\#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t#]*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
ADMONITION = re.compile(
    r"""(?x)
    ^(?P<indent>[ ]{0,3})
    (?:!!!|\?\?\?\+?)              # admonition (!!!) or collapsible details (??? / ???+)
    [ \t]+(?P<type>[\w-]+)          # its type: note, warning, editorial...
    (?:[ \t]+[\w-]+)*               # extra classes (inline, end)
    (?:[ \t]+"(?P<title>[^"\n]*)")? # an optional quoted title
    [ \t]*$
    """
)
BLOCK_QUOTE = re.compile(r"^ {0,3}> ?")
LIST_MARKER = re.compile(r"^(?P<indent> {0,3})(?P<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
TABLE_DELIMITER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
NOT_PROSE_LINE = re.compile(
    r"""(?x)
    ^[ ]{0,3}(?:
        (?:!\[[^\]\n]*\]\([^)\n]*\)[ \t]*)+$    # a line of images only
      | \[(?!\^)[^\]\n]+\]:[ \t]                 # a link reference definition (not a footnote)
      | \*\[[^\]\n]+\]:                         # an abbreviation definition
    )
    """
)
HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
SUMMARY = re.compile(r"<summary\b[^<>\n]*>.*?</summary>", re.IGNORECASE)


@dataclass
class _Outline:
    """The headings met so far, shared by every container of the page."""

    headings: list[tuple[int, str]] = field(default_factory=list)

    def enter(self, level: int, text: str) -> None:
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, text))

    @property
    def heading(self) -> str:
        return self.headings[-1][1] if self.headings else ""

    @property
    def exempt_section(self) -> str | None:
        exempt = vocabulary().exempt_headings
        for _level, text in self.headings:
            if _heading_key(text) in exempt:
                return text
        return None


@dataclass(frozen=True)
class _Context:
    box: str | None = None
    quoted: bool = False


def blocks(masked: str, body_start: int) -> list[Block]:
    """The blocks of the page body (`masked[body_start:]`), in reading order."""
    lines: list[Line] = []
    offset = body_start
    for text in masked[body_start:].split("\n"):
        lines.append(Line(offset, text))
        offset += len(text) + 1
    found: list[Block] = []
    _parse(lines, _Context(), _Outline(), found, first_kind=BlockKind.PARAGRAPH)
    return found


def _parse(lines: list[Line], context: _Context, outline: _Outline, found: list[Block], *,
           first_kind: BlockKind) -> None:
    """Blocks of one container; `first_kind` is what its first paragraph is (a list item's)."""
    paragraph: list[Line] = []
    kind = first_kind

    def emit(block_kind: BlockKind, block_lines: list[Line]) -> None:
        found.append(Block(block_kind, tuple(block_lines), outline.heading, outline.exempt_section,
                           context.box, context.quoted))

    def flush() -> None:
        nonlocal kind
        if paragraph:
            emit(kind, paragraph[:])
            paragraph.clear()
            kind = BlockKind.PARAGRAPH

    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text
        if not text.strip():
            flush()
            index += 1
            continue
        if _indent(text) >= 4 and not paragraph:  # indented code: not prose
            index += 1
            continue
        if heading := ATX_HEADING.match(text):
            flush()
            title = heading.group("text") or ""
            outline.enter(len(heading.group("hashes")), title)
            emit(BlockKind.HEADING, [_sub(line, heading.start("text"), title)] if title else [])
            index += 1
            continue
        if paragraph and SETEXT_UNDERLINE.match(text):
            title = " ".join(part.text.strip() for part in paragraph)
            outline.enter(1 if "=" in text else 2, title)
            emit(BlockKind.HEADING, paragraph[:])
            paragraph.clear()
            kind = BlockKind.PARAGRAPH
            index += 1
            continue
        if THEMATIC_BREAK.match(text) or NOT_PROSE_LINE.match(text):
            flush()
            index += 1
            continue
        if admonition := ADMONITION.match(text):
            flush()
            emit(BlockKind.BOX_TITLE, [line])
            body, index = _indented_body(lines, index + 1, len(admonition.group("indent")) + 4)
            _parse(body, _Context(admonition.group("type").lower(), context.quoted), outline, found,
                   first_kind=BlockKind.PARAGRAPH)
            continue
        if BLOCK_QUOTE.match(text):
            flush()
            quote: list[Line] = []
            while index < len(lines) and lines[index].text.strip():
                current = lines[index]
                marker = BLOCK_QUOTE.match(current.text)
                quote.append(_sub(current, marker.end()) if marker else current)
                index += 1
            _parse(quote, _Context(context.box, True), outline, found, first_kind=BlockKind.PARAGRAPH)
            continue
        if "|" in text and index + 1 < len(lines) and TABLE_DELIMITER.match(lines[index + 1].text) \
                and "-" in lines[index + 1].text:
            flush()
            emit(BlockKind.TABLE_HEADER, [line])
            index += 2
            while index < len(lines) and lines[index].text.strip() and "|" in lines[index].text:
                emit(BlockKind.TABLE_ROW, [lines[index]])
                index += 1
            continue
        if (item := LIST_MARKER.match(text)) and (not paragraph or item.group("marker")[0] in "-*+1"):
            flush()
            column = item.end() if text[item.end():].strip() else item.end("marker") + 1
            body, index = _list_item(lines, index, column)
            _parse(body, context, outline, found, first_kind=BlockKind.LIST_ITEM)
            continue
        stripped = _strip_html(line)
        if stripped is not line:
            summary = SUMMARY.search(text)
            if summary:
                flush()
                emit(BlockKind.BOX_TITLE, [line])
                index += 1
                continue
            if not stripped.text.strip():
                flush()
                index += 1
                continue
        paragraph.append(stripped)
        index += 1
    flush()


def _indented_body(lines: list[Line], index: int, columns: int) -> tuple[list[Line], int]:
    """The lines indented by `columns` or more (and blank lines between them), dedented."""
    body: list[Line] = []
    while index < len(lines):
        text = lines[index].text
        if text.strip() and _indent(text) < columns:
            break
        body.append(_dedent(lines[index], columns))
        index += 1
    while body and not body[-1].text.strip():
        body.pop()
    return body, index


def _list_item(lines: list[Line], index: int, column: int) -> tuple[list[Line], int]:
    """A list item's lines from its marker line: indented continuation and lazy paragraph lines."""
    first = lines[index]
    body = [_sub(first, min(column, len(first.text)))]
    index += 1
    blank = False
    while index < len(lines):
        text = lines[index].text
        if not text.strip():
            blank = True
            body.append(_dedent(lines[index], column))
            index += 1
            continue
        if _indent(text) >= column:
            body.append(_dedent(lines[index], column))
        elif blank or LIST_MARKER.match(text) or ATX_HEADING.match(text) or ADMONITION.match(text) \
                or BLOCK_QUOTE.match(text) or "|" in text:
            break
        else:
            body.append(lines[index])  # a lazy continuation of the item's paragraph
        blank = False
        index += 1
    while body and not body[-1].text.strip():
        body.pop()
    return body, index


def _indent(text: str) -> int:
    columns = 0
    for char in text:
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        else:
            break
    return columns


def _dedent(line: Line, columns: int) -> Line:
    removed = 0
    chars = 0
    for char in line.text:
        if removed >= columns or char not in " \t":
            break
        removed += 1 if char == " " else 4 - removed % 4
        chars += 1
    return _sub(line, chars)


def _sub(line: Line, start: int, text: str | None = None) -> Line:
    return Line(line.start + start, line.text[start:] if text is None else text)


def _strip_html(line: Line) -> Line:
    """The line with HTML tags blanked (offsets kept); the same object when it has none."""
    if "<" not in line.text:
        return line
    blanked = HTML_TAG.sub(lambda match: " " * len(match.group(0)), line.text)
    return line if blanked == line.text else Line(line.start, blanked)


def _heading_key(text: str) -> str:
    return re.sub(r"[\s*_`:.]+$", "", re.sub(r"^[\s*_`]+", "", text)).lower()
