"""The reference list of a page: turns mkdocs-bibtex's footnote definitions into our reference entries.

mkdocs-bibtex rewrites `[@key]` into footnote references `[^key]` and appends one definition
`[^key]: text` per cited key. We keep its footnotes (numbering in order of first citation,
back-links, hover previews) and replace each definition's text with our own rendering, which
shows the evidence type, a DOI or PubMed link and any retraction.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from medkb.bibliography import Bibliography, Reference
from medkb.citations import mask_code

FOOTNOTE_DEFINITION = re.compile(r"^\[\^(?P<key>[^\]\s]+)\]:[ \t].*$", re.MULTILINE)
ADJACENT_FOOTNOTE_REFS = re.compile(r"(?P<ref>\[\^[^\]\s]+\])(?=\[\^[^\]\s]+\](?!:))")
FOOTNOTES_PLACE_MARKER = "///Footnotes Go Here///"
CITATION_SEPARATOR = '<sup class="citation-sep">,</sup>'
REFERENCES_HEADING = "## References { #references }"
HTML_TAG = re.compile(r"(<[^>]*>)")
MARKDOWN_ACTIVE = str.maketrans({"*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;"})


def with_reference_list(markdown: str, bibliography: Bibliography, render: Callable[[Reference], str]) -> str:
    """The page's Markdown with our reference entries, a 'References' heading, and '1,2' separators."""
    found = False

    def replace(match: re.Match[str]) -> str:
        nonlocal found
        reference = bibliography.references.get(match.group("key"))
        if reference is None:
            return match.group(0)
        found = True
        entry = " ".join(render(reference).split())
        return f"[^{reference.key}]: {markdown_inert(entry)}"

    markdown = FOOTNOTE_DEFINITION.sub(replace, markdown)
    if not found:
        return markdown
    markdown = separate_adjacent_citations(markdown)
    return f"{markdown.rstrip()}\n\n{REFERENCES_HEADING}\n\n{FOOTNOTES_PLACE_MARKER}\n"


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
