"""Renders each page's reference list from our bibliography, after mkdocs-bibtex has placed the footnotes."""

from __future__ import annotations

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from medkb.bibliography import Reference
from medkb.references import with_reference_list


@event_priority(-50)  # after mkdocs-bibtex (priority 0) has turned citations into footnotes
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if state.report is None:
        return markdown
    if state.theme_env is None:
        state.theme_env = config.theme.get_env()
    template = state.theme_env.get_template("partials/reference.html")

    def render(reference: Reference) -> str:
        return template.render(reference=reference)

    return with_reference_list(markdown, state.report.bibliography, render)
