"""The search index across `mkdocs serve --dirty` rebuilds.

A dirty rebuild renders only the pages it counts as changed, and Material's search plugin merges
their entries into the previous index by dropping the previous entries of the first page rebuilt
only. Generated pages (every article's references page) are rebuilt every time, so each rebuild
appended them again. Here the previous index loses the entries of every page rebuilt, whichever
comes first, and of every page that is no longer in the site.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from typing import Any


def page_of(location: str) -> str:
    """`ketamine-depression/references/#rct` -> `ketamine-depression/references/`; the home page's
    entries have the location '' (its address is './')."""
    page = location.partition("#")[0]
    return page or "./"


def without_rebuilt_pages(
    previous: Iterable[Mapping[str, Any]],
    rebuilt: Iterable[Mapping[str, Any]],
    existing: Container[str] | None = None,
) -> list[Mapping[str, Any]]:
    """The previous index's entries of the pages not among `rebuilt`'s (and among `existing`, the
    addresses of the site's pages, when given: a page removed leaves no entries behind)."""
    pages = {page_of(entry["location"]) for entry in rebuilt}
    return [
        entry
        for entry in previous
        if page_of(entry["location"]) not in pages
        and (existing is None or page_of(entry["location"]) in existing)
    ]
