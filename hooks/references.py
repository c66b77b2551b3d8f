"""Gives mkdocs-bibtex our reference entries, and lays out each page's reference list.

mkdocs-bibtex turns `[@key]` into footnotes and asks its registry for each entry's text. Its own
registry re-formats the entry with pybtex on every citation (about 1.5 ms each) and drops the
footnote, with a traceback in the log, when pybtex cannot format an entry. Our registry answers
from the bibliography we have already checked. The footnote carries a short placeholder through
Markdown; the entry (evidence type, DOI or PubMed link, any retraction), rendered once per key
from our template, replaces it in the page's HTML. Markdown never has to parse the entries' HTML.

A page whose footnotes are all citations (every page but those with footnotes of their own) does
not go through the footnotes extension: medkb.render.citations renders the same markup in one inline
pattern and one pass over the page's HTML, at a fraction of the cost. The steps, in order, are in
medkb/render/citations.py.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs_bibtex.registry import SimpleRegistry

from medkb.registry.cache import CACHE_NAME, CacheError, load_cache
from medkb.render.citations import (
    CitationExtension,
    citation_ids,
    compressed_citation_ranges,
    entry_placeholder,
    fill_entry_placeholders,
    inline_citations,
    sorted_citation_blocks,
    with_footnote_list,
    with_reference_list,
)
from medkb.render.reference_display import UNVERIFIED_MARK, reader_entry
from medkb.render.references import collapsed_corrections
from medkb.sources import BIB_FOLDER
from medkb.sources.bibliography import Bibliography


class CheckedBibliographyRegistry(SimpleRegistry):
    """mkdocs-bibtex's registry interface, served from our checked bibliography."""

    def __init__(self, bibliography: Bibliography, footnote_format: str) -> None:
        # SimpleRegistry.__init__ would parse bib/ again with pybtex: our bibliography is already read.
        self.bib_data = bibliography.references_as_entries()
        self.footnote_format = footnote_format

    def reference_text(self, citation: Any) -> str:
        return entry_placeholder(citation.key)


class RenderedEntries(dict[str, str]):
    """Reference entries rendered on first use, once per key for the whole build."""

    def __init__(self, bibliography: Bibliography, template: Any, verified: dict[str, str]) -> None:
        super().__init__()
        self._bibliography = bibliography
        self._template = template
        self._verified = verified

    def __missing__(self, key: str) -> str:
        reference = self._bibliography[key]
        html = " ".join(self._template.render(
            reference=reference, display=reader_entry(reference), unverified_mark=UNVERIFIED_MARK,
            verified=self._verified.get(key, ""),
        ).split())
        self[key] = html
        return html


@event_priority(90)  # after our checks (100) have read bib/, before mkdocs-bibtex's on_config (0)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if state.report is None:
        return config
    bibtex = config.plugins["bibtex"]
    bibtex.registry = CheckedBibliographyRegistry(  # type: ignore[attr-defined]
        state.report.bibliography, bibtex.config.footnote_format
    )
    # mkdocs-bibtex keeps its registry when no bib file changed since `last_configured` (what it
    # does between `mkdocs serve` rebuilds); marking it configured now spares a second parse of
    # bib/ with pybtex, which is slower than ours and adds nothing: the registry above is complete.
    bibtex.last_configured = time.time()  # type: ignore[attr-defined]
    template = config.theme.get_env().get_template("partials/reference.html")
    bibliography = state.report.bibliography
    state.rendered_entries = RenderedEntries(bibliography, template, verified_labels(config, bibliography))
    if not any(isinstance(extension, CitationExtension) for extension in config.markdown_extensions):
        config.markdown_extensions.append(CitationExtension())  # type: ignore[arg-type]
    inline_keys.clear()
    return config


def verified_labels(config: MkDocsConfig, bibliography: Bibliography) -> dict[str, str]:
    """'verified against Crossref, 2026-12' by key, for entries the committed registry cache records as
    matched as they now read (medkb.registry.cache); the build reads that file and never goes online."""
    root = Path(config.config_file_path).parent
    try:
        cache = load_cache(root / BIB_FOLDER / CACHE_NAME, f"{BIB_FOLDER}/{CACHE_NAME}")
    except CacheError as error:
        raise PluginError(str(error)) from None
    return cache.verified_labels(bibliography.references)


inline_keys: dict[str, tuple[str, ...]] = {}
"""src_uri -> the cited keys of a page whose citations go through medkb.render.citations, in number order."""


@event_priority(40)  # before mkdocs-bibtex (0) numbers the citations; after the source was read as written
def _sorted_clusters(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Numbers ascending within each cluster, as journals print them ('1,2,5', not '5,1,2'); correction
    boxes folded to one line."""
    return collapsed_corrections(sorted_citation_blocks(markdown))


@event_priority(-50)  # after mkdocs-bibtex has turned citations into footnotes
def _footnotes(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = with_reference_list(markdown)
    inline = inline_citations(markdown)
    if inline is None:
        inline_keys.pop(page.file.src_uri, None)
        return markdown
    inline_keys[page.file.src_uri] = inline.keys
    return inline.markdown


@event_priority(55)  # the reference list in place before its entries are filled in (50)
def _reference_list(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    keys = inline_keys.pop(page.file.src_uri, None)
    if keys is None:
        return html
    if page.present_anchor_ids is not None:  # the list's ids, for MkDocs' check of links to anchors
        page.present_anchor_ids.update(citation_ids(key).entry for key in keys)
    return with_footnote_list(html, keys)


@event_priority(50)  # entries in place before other hooks read the page's HTML
def _entries(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if state.rendered_entries is None:
        return html
    return fill_entry_placeholders(html, state.rendered_entries)


@event_priority(45)  # the numbers in place (55)
def _ranges(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """'1–3,5' for '1,2,3,5'."""
    return compressed_citation_ranges(html)


on_page_markdown = CombinedEvent(_sorted_clusters, _footnotes)
on_page_content = CombinedEvent(_reference_list, _entries, _ranges)
