"""The reference list of a page, laid out over the footnotes that mkdocs-bibtex writes.

mkdocs-bibtex rewrites `[@key]` into footnote references `[^key]` and appends one definition
`[^key]: text` per cited key; footnotes give numbering in order of first citation, back-links
and hover previews. Here: the heading over the list, '1,2' separators, and entry text that
Markdown leaves alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from medkb.citations import mask_code

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
