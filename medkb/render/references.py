"""The reference list of a page, laid out over the footnotes that mkdocs-bibtex writes.

mkdocs-bibtex rewrites `[@key]` into footnote references `[^key]` and appends one definition
`[^key]: text` per cited key; footnotes give numbering in order of first citation, back-links
and hover previews. Here: the heading over the list, '1,2' separators, and entry text that
Markdown leaves alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from medkb.checks.citations import citation_blocks, mask_code
from medkb.render.citations import CITATION_ID_PATTERN, ENTRY_ID_PATTERN, unnamed

FOOTNOTE_DEFINITION = re.compile(r"^\[\^(?P<key>[^\]\s]+)\]:[ \t].*$", re.MULTILINE)
ADJACENT_FOOTNOTE_REFS = re.compile(r"(?P<ref>\[\^[^\]\s]+\])(?=\[\^[^\]\s]+\](?!:))")
FOOTNOTES_PLACE_MARKER = "///Footnotes Go Here///"
CITATION_SEPARATOR = '<sup class="citation-sep">,</sup>'
REFERENCES_HEADING = "## References { #references }"
ENTRY_START, ENTRY_END = "\ue000", "\ue001"
"""Private-use characters around a key: Markdown passes them through untouched."""
ENTRY_PLACEHOLDER = re.compile("\ue000(?P<key>[^\ue001<>]+)\ue001")
HTML_TAG = re.compile(r"(<[^>]*>)")
REFERENCE_LIST_HTML = re.compile(
    r'<h2 id="references"[^>]*>.*?</h2>\s*<div class="footnote">.*?</ol>\s*</div>', re.DOTALL
)
"""A section page's reference list as Markdown renders it: the heading and the footnotes under it."""
SET_ASIDE_MARK = "<!-- medkb: the reference list, set aside -->"
"""Where the list stood while it is set aside (a comment: search indexing reads no text in it)."""
MARKDOWN_ACTIVE = str.maketrans({"*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;"})


def with_reference_list(markdown: str) -> str:
    """The page's Markdown with a 'References' heading over its footnotes and '1,2' separators."""
    if not FOOTNOTE_DEFINITION.search(markdown):
        return markdown
    markdown = separate_adjacent_citations(markdown)
    return f"{markdown.rstrip()}\n\n{REFERENCES_HEADING}\n\n{FOOTNOTES_PLACE_MARKER}\n"


def entry_placeholder(key: str) -> str:
    """What a footnote holds in Markdown; `fill_entry_placeholders` puts the entry there."""
    return f"{ENTRY_START}{key}{ENTRY_END}"


def fill_entry_placeholders(html: str, entries: Mapping[str, str]) -> str:
    if ENTRY_START not in html:
        return html
    return ENTRY_PLACEHOLDER.sub(lambda match: entries[match.group("key")], html)


def markdown_inert(html: str) -> str:
    """Entity-encode the characters Markdown would act on, in text only (tags stay as written)."""
    return "".join(
        piece if piece.startswith("<") else piece.translate(MARKDOWN_ACTIVE) for piece in HTML_TAG.split(html)
    )


def separate_adjacent_citations(markdown: str) -> str:
    """`[^a][^b]` would read as '12'; a comma makes it '1,2'. Code is left as written."""
    masked = mask_code(markdown)
    pieces: list[str] = []
    last = 0
    for match in ADJACENT_FOOTNOTE_REFS.finditer(masked):
        pieces.append(markdown[last : match.end()])
        pieces.append(CITATION_SEPARATOR)
        last = match.end()
    pieces.append(markdown[last:])
    return "".join(pieces)


def set_aside_reference_list(html: str) -> tuple[str, str | None]:
    """The page's HTML with its reference list replaced by a mark, and the list (None: the page has none).

    Search indexes each reference once, on its article's references page, where it is listed with the
    pages that cite it; indexed again on every section page, an author's name would bring up every
    page that cites the author and the search index would hold each reference many times over.
    """
    match = REFERENCE_LIST_HTML.search(html)
    if match is None:
        return html, None
    return html[: match.start()] + SET_ASIDE_MARK + html[match.end() :], match.group(0)


def put_back_reference_list(html: str, reference_list: str | None) -> str:
    """`set_aside_reference_list` undone (the HTML may have been changed around the mark meanwhile)."""
    if reference_list is None:
        return html
    return html.replace(SET_ASIDE_MARK, reference_list, 1)


SUP_PATTERN = (
    f'<sup id="{unnamed(CITATION_ID_PATTERN)}"><a class="footnote-ref" href="#{unnamed(ENTRY_ID_PATTERN)}">'
    "(?P<number>[0-9]+)</a></sup>"
)
"""A citation as the footnotes extension writes it (and medkb.render.citation_markup, byte for byte)."""
CITED_SUP = re.compile(SUP_PATTERN)
_ANY_SUP = SUP_PATTERN.replace("(?P<number>", "(?:")
CLUSTER = re.compile(f"{_ANY_SUP}(?:{re.escape(CITATION_SEPARATOR)}{_ANY_SUP})+")
"""Citations side by side ('1,2,3'): a cluster, whose runs of three or more numbers read '1–3'."""
RANGE_DASH = '<sup class="citation-range" aria-hidden="true">\u2013\u2060</sup>'
"""The dash of a range, then a word joiner: a line never breaks between '1–' and '3'."""
IN_RANGE_CLASS = "citation-in-range"
"""A citation inside a range: out of sight, and out of the Tab order, but still read by screen readers
and still the target of its entry's back-link."""


def sorted_citation_blocks(markdown: str) -> str:
    """Each `[@a; @b]` with its keys in the order of their numbers (numbers go by first citation).

    A key's number is fixed by where it is first cited; within a block, keys cited for the first
    time keep their written order, so sorting changes no number, only the order inside clusters.
    """
    blocks = [block for block in citation_blocks(markdown) if block.problem is None and len(block.keys) > 1]
    if not blocks:
        return markdown
    rank: dict[str, int] = {}
    for block in citation_blocks(markdown):
        for key in block.keys if block.problem is None else ():
            rank.setdefault(key, len(rank))
    pieces: list[str] = []
    last = 0
    for block in blocks:
        ordered = sorted(dict.fromkeys(block.keys), key=rank.__getitem__)
        pieces.append(markdown[last : block.start])
        pieces.append("[" + "; ".join(f"@{key}" for key in ordered) + "]")
        last = block.start + len(block.raw)
    pieces.append(markdown[last:])
    return "".join(pieces)


def compressed_citation_ranges(html: str) -> str:
    """Clusters of citations as journals print them: '1–3,5' for '1,2,3,5'."""
    if CITATION_SEPARATOR not in html:
        return html
    return CLUSTER.sub(_compress_cluster, html)


def _compress_cluster(match: re.Match[str]) -> str:
    sups = [(sup.group(0), int(sup.group("number"))) for sup in CITED_SUP.finditer(match.group(0))]
    runs: list[list[tuple[str, int]]] = []
    for sup in sups:
        if runs and sup[1] == runs[-1][-1][1] + 1:
            runs[-1].append(sup)
        else:
            runs.append([sup])
    parts: list[str] = []
    for run in runs:
        if len(run) < 3:
            parts.extend(sup for sup, _number in run)
            continue
        hidden = "".join(
            sup.replace("<sup ", f'<sup class="{IN_RANGE_CLASS}" ', 1).replace(
                '<a class="footnote-ref"', '<a class="footnote-ref" tabindex="-1"', 1)
            for sup, _number in run[1:-1]
        )
        parts.append(run[0][0] + RANGE_DASH + hidden + run[-1][0])
    return CITATION_SEPARATOR.join(parts)


CORRECTION_BOX = re.compile(
    r"""(?mx)
    ^(?P<indent>[ ]*)
    !!![ ]+
    (?P<type>editorial|correction)\b     # a correction box (CONTRIBUTING.md, 'Where the page corrects a statement')
    """
)


def collapsed_corrections(markdown: str) -> str:
    """Correction boxes as closed collapsible blocks: one line in the text that opens on a tap.

    `!!! editorial "Title"` becomes `??? editorial "Title"` (pymdownx.details) outside code; the source
    keeps the admonition form that the claim gate and the approval rule read.
    """
    if "!!!" not in markdown:
        return markdown
    masked = mask_code(markdown)
    pieces: list[str] = []
    last = 0
    for match in CORRECTION_BOX.finditer(masked):
        start = match.start() + len(match.group("indent"))
        pieces.append(markdown[last:start])
        pieces.append("???")
        last = start + 3
    pieces.append(markdown[last:])
    return "".join(pieces)
