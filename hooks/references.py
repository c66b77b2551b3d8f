"""Gives mkdocs-bibtex our reference entries, and lays out each page's reference list.

mkdocs-bibtex turns `[@key]` into footnotes and asks its registry for each entry's text. Its own
registry re-formats the entry with pybtex on every citation (about 1.5 ms each) and drops the
footnote, with a traceback in the log, when pybtex cannot format an entry. Our registry answers
from the bibliography we have already checked, renders each entry once with our template, and
shows the evidence type, the DOI or PubMed link and any retraction.
"""

from __future__ import annotations

from typing import Any

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs_bibtex.registry import SimpleRegistry

from medkb.bibliography import Bibliography
from medkb.references import markdown_inert, with_reference_list


class CheckedBibliographyRegistry(SimpleRegistry):
    """mkdocs-bibtex's registry interface, served from our checked bibliography."""

    def __init__(self, bibliography: Bibliography, template: Any, footnote_format: str) -> None:
        # SimpleRegistry.__init__ would parse bib/ again with pybtex: our bibliography is already read.
        self.bib_data = bibliography.references_as_entries()
        self.footnote_format = footnote_format
        self._bibliography = bibliography
        self._template = template
        self._rendered: dict[str, str] = {}

    def reference_text(self, citation: Any) -> str:
        key = citation.key
        if key not in self._rendered:
            html = self._template.render(reference=self._bibliography[key])
            self._rendered[key] = markdown_inert(" ".join(html.split()))
        return self._rendered[key]


@event_priority(-100)  # after mkdocs-bibtex's on_config has set up its own registry
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if state.report is None:
        return config
    bibtex = config.plugins["bibtex"]
    template = config.theme.get_env().get_template("partials/reference.html")
    bibtex.registry = CheckedBibliographyRegistry(  # type: ignore[attr-defined]
        state.report.bibliography, template, bibtex.config.footnote_format
    )
    return config


@event_priority(-50)  # after mkdocs-bibtex has turned citations into footnotes
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return with_reference_list(markdown)
