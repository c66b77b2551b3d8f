"""The writer's preview (`make serve`): the project's findings shown on the pages they are about.

The strict build stops on any error. The preview renders every page it can and gives each one the
findings of its source file, with the lines they are on marked in the text; what cannot be rendered
at all is named instead of shown: a page whose front matter does not read or whose HTML is refused,
and every page while a bib file does not parse. Nothing here knows of MkDocs (hooks/preview.py).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from medkb.checks.citations import mask_code
from medkb.findings import Finding

PAGE_BLOCKING_KINDS = frozenset({"front matter", "encoding", "unreadable", "page too large", "unsafe html"})
"""A page with one of these is not rendered: its text cannot be read, or it must not reach a browser."""
SOURCE_BLOCKING_KINDS = frozenset({"bib syntax", "encoding"})
"""In a bib file: the references cannot be read, so no page that cites them can be rendered truly."""
UNRESOLVED_CITATION_KINDS = frozenset({"unknown cite key", "malformed citation"})
"""Citations on these lines are shown as written: the build has no entry to render for them."""
SHOWN_SEVERITIES = frozenset({"error", "warning"})

MARKABLE_LINE = re.compile(
    r"""(?x)
    ^(?P<prefix>
        [ \t]*(?:>[ \t]?)*[ \t]*          # indentation and block-quote markers
        (?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?  # a list item's marker
        (?:\[[ xX]\][ \t]+)?              # a task's box
    )
    (?P<text>[^\s<|#!:].*?)               # the sentence: not HTML, a table row, a heading, a box
    (?P<trail>[ \t]*)$
    """
)
TABLE_ROW = re.compile(r"^(?P<prefix>[ \t]*\|)(?P<rest>.*)$")
FENCE = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?P<fence>`{3,}|~{3,})")


ANCHOR_PREFIX = "medkb-finding-line-"
MARK_CLASS = "medkb-finding-mark"
"""Given to the marks once the page's HTML has been checked: pages may not use the site's classes."""


def line_anchor(line: int) -> str:
    """The id of the mark around a source line, which the panel links to."""
    return f"{ANCHOR_PREFIX}{line}"


@dataclass(frozen=True)
class PagePreview:
    """What the preview shows about one page."""

    path: str
    """The page as contributors see it (`docs/a/b.md`)."""
    findings: tuple[Finding, ...]
    """Errors and warnings of the page's source, in line order."""
    blocking: tuple[Finding, ...]
    """Why the page is not rendered (empty: it is): its own problems, or a bib file's."""
    marked_lines: frozenset[int] = frozenset()
    """Lines whose text is marked in the rendered page (set once the Markdown is marked)."""

    @property
    def other_findings(self) -> tuple[Finding, ...]:
        """The page's findings that do not keep it from being rendered."""
        return tuple(finding for finding in self.findings if finding not in self.blocking)

    def anchor(self, finding: Finding) -> str | None:
        """The mark this finding links to, when its line was marked."""
        if finding.line is not None and finding.line in self.marked_lines:
            return line_anchor(finding.line)
        return None


@dataclass
class Preview:
    """The project's findings sorted by the page they are about, for one build."""

    docs_path: str
    """The docs folder as findings name it (`docs`)."""
    by_path: dict[str, list[Finding]] = field(default_factory=dict)
    site_blocking: list[Finding] = field(default_factory=list)
    shown: dict[str, PagePreview] = field(default_factory=dict)
    """src_uri -> what its page shows, once its Markdown has been marked."""

    def for_page(self, src_uri: str, marked_lines: Iterable[int] = ()) -> PagePreview:
        path = f"{self.docs_path}/{src_uri}"
        findings = tuple(self.by_path.get(path, ()))
        own_blocking = tuple(finding for finding in findings if finding.kind in PAGE_BLOCKING_KINDS)
        return PagePreview(
            path=path,
            findings=findings,
            blocking=own_blocking or tuple(self.site_blocking),
            marked_lines=frozenset(marked_lines),
        )

    def lines_to_mark(self, src_uri: str, kinds: Container[str] | None = None) -> list[int]:
        """The lines of the page's findings (of `kinds` only, when given)."""
        findings = self.by_path.get(f"{self.docs_path}/{src_uri}", ())
        return sorted(
            {
                finding.line
                for finding in findings
                if finding.line is not None and (kinds is None or finding.kind in kinds)
            }
        )


def preview_of(findings: Iterable[Finding], docs_path: str) -> Preview:
    preview = Preview(docs_path=docs_path)
    for finding in sorted(findings, key=lambda f: (f.path, f.line or 0, f.kind, f.message)):
        if finding.severity not in SHOWN_SEVERITIES:
            continue
        preview.by_path.setdefault(finding.path, []).append(finding)
        if finding.path.endswith(".bib") and finding.kind in SOURCE_BLOCKING_KINDS:
            preview.site_blocking.append(finding)
    return preview


def terminal_lines(preview: Preview) -> list[str]:
    """What the preview prints on every build: one line per finding, as `make check` prints them."""
    return [finding.format() for findings in preview.by_path.values() for finding in findings]


def mark_lines(markdown: str, first_line: int, lines: Iterable[int]) -> tuple[str, set[int]]:
    """`markdown` (the page's body, whose first line is line `first_line` of its file) with the text of
    each of `lines` wrapped in a mark the panel links to; and the lines that were marked.

    One sentence per line (CONTRIBUTING.md), so a line is a sentence: its text is wrapped after its
    list or quote marker. A table row gets an empty mark in its first cell (the row is highlighted);
    headings, HTML, box titles, fenced code and the front matter are left as written.
    """
    wanted = set(lines)
    if not wanted:
        return markdown, set()
    body = markdown.split("\n")
    marked: set[int] = set()
    fence: str | None = None
    for index, text in enumerate(body):
        opened = FENCE.match(text)
        if fence is not None:
            if opened and opened.group("fence").startswith(fence):
                fence = None
            continue
        if opened:
            fence = opened.group("fence")[0] * 3
            continue
        number = first_line + index
        if number not in wanted:
            continue
        replaced = _marked(text, number)
        if replaced is not None:
            body[index] = replaced
            marked.add(number)
    return "\n".join(body), marked


def _marked(text: str, number: int) -> str | None:
    mark = f'<mark id="{line_anchor(number)}">'
    row = TABLE_ROW.match(text)
    if row:
        return f"{row.group('prefix')}{mark}</mark>{row.group('rest')}"
    match = MARKABLE_LINE.match(text)
    if match is None:
        return None
    return f"{match.group('prefix')}{mark}{match.group('text')}</mark>{match.group('trail')}"


def with_mark_class(html: str) -> str:
    """The page's HTML with the site's class on the marks `mark_lines` put in its Markdown (which go through
    the check of rendered pages without it: that check refuses the site's classes in a page's own HTML)."""
    return html.replace(f'<mark id="{ANCHOR_PREFIX}', f'<mark class="{MARK_CLASS}" id="{ANCHOR_PREFIX}')


def inert_citations(markdown: str, first_line: int, lines: Iterable[int]) -> str:
    """`markdown` (a page's body starting on line `first_line`) with every '@' outside code on `lines`
    (where a citation names no bib entry or is malformed) as a character reference: shown as written,
    taken for a citation by no plugin."""
    wanted = {line - first_line for line in lines}
    if not wanted or "@" not in markdown:
        return markdown
    masked = mask_code(markdown).split("\n")
    body = markdown.split("\n")
    for index in sorted(wanted):
        if 0 <= index < len(body) and "@" in masked[index]:
            text, shown = body[index], masked[index]
            body[index] = "".join(
                "&#64;" if char == "@" and shown[at] == "@" else char for at, char in enumerate(text)
            )
    return "\n".join(body)


def first_body_line(source: str, markdown: str) -> int | None:
    """The line of `source` (a page's file) on which `markdown` (its body, after the front matter) starts;
    None when `markdown` is not the end of `source` (another hook changed it)."""
    if not source.endswith(markdown):
        return None
    return source[: len(source) - len(markdown)].count("\n") + 1
