"""Keeps mkdocs-bibtex away from code: `[@key]` inside code spans and blocks is shown as written.

mkdocs-bibtex rewrites every `[@...]` in the Markdown, code included. Before it runs, the '@'
of a citation-like text inside code is swapped for a private-use character; after rendering,
it is swapped back (steps 1 and 10 of medkb/render/citations.py).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from medkb.render.citations import protect_code_citations, restore_code_citations


@event_priority(50)  # before mkdocs-bibtex (priority 0)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return protect_code_citations(markdown)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return restore_code_citations(html)
