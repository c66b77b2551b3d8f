"""A small, fast BibTeX reader that keeps line numbers and reports what it cannot read.

pybtex (which mkdocs-bibtex uses) stops at the first duplicate key with a traceback and does
not say where an unclosed brace began; this reader reports every problem as a finding with its
file and line, so the build can say exactly what to fix before mkdocs-bibtex ever sees the file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from medkb.findings import Finding

ENTRY_START = re.compile(r"@\s*(?P<type>[A-Za-z]+)\s*(?P<open>[{(])")
FIELD_NAME = re.compile(r"\s*(?P<name>[A-Za-z][\w\-:.]*)\s*=\s*")
KEY = re.compile(r"\s*(?P<key>[^\s,{}()=\"#%'~\\]+)\s*,")
MONTHS = {m: m for m in ("jan feb mar apr may jun jul aug sep oct nov dec".split())}


@dataclass
class BibEntry:
    key: str
    entry_type: str
    fields: dict[str, str]
    path: str
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class BibFile:
    path: str
    entries: list[BibEntry]
    findings: list[Finding]


class _ParseError(Exception):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


def parse_bibtex(text: str, path: str) -> BibFile:
    """Every entry that reads cleanly, and one finding per entry that does not."""
    entries: list[BibEntry] = []
    findings: list[Finding] = []
    strings: dict[str, str] = dict(MONTHS)
    position = 0
    line_starts = _line_starts(text)
    while True:
        match = ENTRY_START.search(text, position)
        if match is None:
            break
        entry_type = match.group("type").lower()
        closer = "}" if match.group("open") == "{" else ")"
        start_line = _line(line_starts, match.start())
        try:
            end, entry = _parse_entry(text, match.end(), closer, entry_type, strings, path, line_starts)
        except _ParseError as error:
            findings.append(
                Finding(
                    path,
                    _line(line_starts, error.offset) if error.offset >= 0 else start_line,
                    "bib syntax",
                    f"{error.message} (in the @{entry_type} entry that starts on line {start_line})",
                )
            )
            # Resume at the next line that starts an entry, so one broken entry hides no other.
            next_entry = re.compile(r"^\s*@", re.MULTILINE).search(text, match.end())
            if next_entry is None:
                break
            position = next_entry.start()
            continue
        if entry is not None:
            entry.line = start_line
            entries.append(entry)
        position = end
    return BibFile(path=path, entries=entries, findings=findings)


def read_bibtex_file(path: Path, display_path: str) -> BibFile:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return BibFile(
            display_path, [], [Finding(display_path, line, "encoding", "file is not UTF-8; save it as UTF-8")]
        )
    return parse_bibtex(text, display_path)


def _parse_entry(
    text: str,
    offset: int,
    closer: str,
    entry_type: str,
    strings: dict[str, str],
    path: str,
    line_starts: list[int],
) -> tuple[int, BibEntry | None]:
    if entry_type in ("comment", "preamble"):
        end = _skip_balanced(text, offset, closer)
        return end, None
    if entry_type == "string":
        name_match = FIELD_NAME.match(text, offset)
        if name_match is None:
            raise _ParseError(offset, "@string needs 'name = value'")
        value, end = _parse_value(text, name_match.end(), strings)
        strings[name_match.group("name").lower()] = value
        end = _expect_close(text, end, closer)
        return end, None
    key_match = KEY.match(text, offset)
    if key_match is None:
        raise _ParseError(offset, "expected the entry key followed by ','")
    entry = BibEntry(
        key=key_match.group("key"), entry_type=entry_type, fields={}, path=path, line=0, field_lines={}
    )
    position = key_match.end()
    while True:
        position = _skip_space(text, position)
        if position >= len(text):
            raise _ParseError(-1, f"entry '{entry.key}' is never closed: a '{closer}' is missing; check the braces of its fields")
        if text[position] == closer:
            return position + 1, entry
        simple = SIMPLE_FIELD.match(text, position)
        if simple is not None:  # most fields: one line, at most one pair of braces, no escapes
            name = simple.group("name").lower()
            if name in entry.fields:
                raise _ParseError(simple.start(), f"field '{name}' appears twice in entry '{entry.key}'")
            entry.fields[name] = " ".join((simple.group("braced") or simple.group("number") or "").split())
            entry.field_lines[name] = _line(line_starts, simple.start())
            position = simple.end()
            continue
        name_match = FIELD_NAME.match(text, position)
        if name_match is None:
            if text[position] == "@":
                raise _ParseError(-1, f"entry '{entry.key}' is never closed: a '{closer}' is missing; check the braces of its fields")
            raise _ParseError(position, f"expected 'field = value' in entry '{entry.key}'")
        name = name_match.group("name").lower()
        value, position = _parse_value(text, name_match.end(), strings)
        if name in entry.fields:
            raise _ParseError(name_match.start(), f"field '{name}' appears twice in entry '{entry.key}'")
        entry.fields[name] = value
        entry.field_lines[name] = _line(line_starts, name_match.start())
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ",":
            position += 1


def _parse_value(text: str, offset: int, strings: dict[str, str]) -> tuple[str, int]:
    parts: list[str] = []
    position = offset
    while True:
        position = _skip_space(text, position)
        if position >= len(text):
            raise _ParseError(offset, "value is cut off at the end of the file")
        char = text[position]
        if char == "{":
            end = _skip_balanced(text, position + 1, "}", field_value=True)
            parts.append(text[position + 1 : end - 1])
            position = end
        elif char == '"':
            end = position + 1
            depth = 0
            while end < len(text):
                if text[end] == "{":
                    depth += 1
                elif text[end] == "}":
                    depth -= 1
                elif text[end] == '"' and depth == 0:
                    break
                end += 1
            if end >= len(text):
                raise _ParseError(position, 'a quoted value is never closed: a \'"\' is missing')
            parts.append(text[position + 1 : end])
            position = end + 1
        else:
            word = re.compile(r"[A-Za-z0-9_\-:.]+").match(text, position)
            if word is None:
                raise _ParseError(position, f"unexpected '{char}' where a value should start")
            token = word.group(0)
            if token.isdigit():
                parts.append(token)
            elif token.lower() in strings:
                parts.append(strings[token.lower()])
            else:
                raise _ParseError(position, f"'{token}' is not a defined @string; put the value in braces")
            position = word.end()
        position = _skip_space(text, position)
        if position < len(text) and text[position] == "#":
            position += 1
            continue
        return " ".join(" ".join(parts).split()), position


SIMPLE_FIELD = re.compile(
    r"(?P<name>[A-Za-z][\w\-]*)[ \t]*=[ \t]*(?:\{(?P<braced>[^{}\\\n]*)\}|(?P<number>[0-9]+)(?![\w\-:.]))"
    r"[ \t]*(?:,|(?=\s*[})]))"
)
"""A field as most are written: `name = {text}` or `name = 2020` on one line, followed by ',' or the end of
the entry. Anything else (nested braces, quotes, @string names, '#', escapes, line breaks) is read by
`_parse_value`, which gives the same value."""
FIELD_LINE = re.compile(r"\n[ \t]*[A-Za-z][\w\-]*[ \t]*=[ \t]*[{\"0-9]")
BALANCE_STOPS = {"}": re.compile(r"[\\\n{}]"), ")": re.compile(r"[\\\n()]")}
"""What `_skip_balanced` looks at: escapes, line starts, the opener and the closer; the rest is skipped."""
SPACE = re.compile(r"\s*")


def _skip_balanced(text: str, offset: int, closer: str, *, field_value: bool = False) -> int:
    """Offset just after the closer that balances an opener already consumed before `offset`.

    Inside a field value, a line that starts a new `name = {` field means the value's brace was
    never closed: that is reported at the value, not at the end of the file.
    """
    opener = "{" if closer == "}" else "("
    depth = 1
    position = offset
    stops = BALANCE_STOPS[closer]
    while (stop := stops.search(text, position)) is not None:  # the next character that matters
        position = stop.start()
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "\n" and (
            text.startswith("@", position + 1) or (field_value and FIELD_LINE.match(text, position))
        ):
            # A new entry (or field) starts on this line: the brace opened before it was never closed.
            break
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    raise _ParseError(offset - 1, f"unclosed '{opener}': a '{closer}' is missing")


def _expect_close(text: str, offset: int, closer: str) -> int:
    position = _skip_space(text, offset)
    if position < len(text) and text[position] == closer:
        return position + 1
    raise _ParseError(position, f"expected '{closer}'")


def _skip_space(text: str, offset: int) -> int:
    return SPACE.match(text, offset).end()  # type: ignore[union-attr]  # (it matches the empty string)


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer("\n", text)]


def _line(line_starts: list[int], offset: int) -> int:
    return bisect.bisect_right(line_starts, offset)
