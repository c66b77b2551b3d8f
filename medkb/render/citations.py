"""Citations from `[@key]` to the numbered `<sup>` and the entry in the reference list: the one pipeline.

The ids of a citation
---------------------
`citation_ids(key, occurrence)` is the one id scheme, the one Markdown's footnotes extension uses
for mkdocs-bibtex's footnotes (whose label is the cite key): the entry in a page's list is
`fn:<key>`, the key's first citation on the page `fnref:<key>`, its second `fnref2:<key>`, and so on.
Section pages, the articles' references pages (which link to each page's first citation) and the
PDFs (which prefix every id with its page: `<page>::fn:<key>`) all name citations by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ENTRY_PREFIX = "fn"
CITATION_PREFIX = "fnref"
ID_SEPARATOR = ":"
"""The footnotes extension's parts of an id (its SEPARATOR setting, ':' by default)."""
CITATION_ID_PATTERN = f'{CITATION_PREFIX}(?P<occurrence>[0-9]*){ID_SEPARATOR}(?P<key>[^"]+)'
"""A citation's id in an HTML attribute: its occurrence ('' for the first, then 2, 3...) and its key."""
ENTRY_ID_PATTERN = f'{ENTRY_PREFIX}{ID_SEPARATOR}(?P<key>[^"]+)'
"""An entry's id in an HTML attribute."""


def unnamed(pattern: str) -> str:
    """A pattern with its named groups made plain groups, to be repeated within a larger pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


@dataclass(frozen=True)
class CitationIds:
    citation: str
    """The id of this citation of the key on its page (`fnref:<key>`, `fnref2:<key>`, ...)."""
    entry: str
    """The id of the key's entry in the page's reference list (`fn:<key>`)."""


def citation_ids(key: str, occurrence: int = 1) -> CitationIds:
    """The ids of the `occurrence`-th citation (from 1) of `key` on a page, and of the key's entry."""
    number = str(occurrence) if occurrence > 1 else ""
    return CitationIds(
        citation=f"{CITATION_PREFIX}{number}{ID_SEPARATOR}{key}",
        entry=f"{ENTRY_PREFIX}{ID_SEPARATOR}{key}",
    )
