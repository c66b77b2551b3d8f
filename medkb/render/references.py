"""What the build does to a page around its citations, beyond the citation pipeline
(medkb/render/citations.py): correction boxes folded, the reference list set aside while search reads
the page, and text made inert to Markdown.
"""

from __future__ import annotations

import re

from medkb.checks.citations import mask_code
from medkb.render.citations import REFERENCES_ID

HTML_TAG = re.compile(r"(<[^>]*>)")
REFERENCE_LIST_HTML = re.compile(
    rf'<h2 id="{REFERENCES_ID}"[^>]*>.*?</h2>\s*<div class="footnote">.*?</ol>\s*</div>', re.DOTALL
)
"""A section page's reference list as Markdown renders it: the heading and the footnotes under it."""
SET_ASIDE_MARK = "<!-- medkb: the reference list, set aside -->"
"""Where the list stood while it is set aside (a comment: search indexing reads no text in it)."""
MARKDOWN_ACTIVE = str.maketrans({"*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;"})


def markdown_inert(html: str) -> str:
    """Entity-encode the characters Markdown would act on, in text only (tags stay as written)."""
    return "".join(
        piece if piece.startswith("<") else piece.translate(MARKDOWN_ACTIVE) for piece in HTML_TAG.split(html)
    )


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
