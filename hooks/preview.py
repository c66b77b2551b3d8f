"""The writer's preview (`make serve`, which sets MEDKB_PREVIEW=true): findings shown on the page.

hooks/project_checks.py does not stop the build in preview; it sorts the findings by page
(medkb.preview). Here, before any other hook reads a page's Markdown, the lines that have findings
are marked and citations the build cannot resolve are shown as written. A page that cannot be
rendered (its front matter does not read, its HTML is refused, a bib file does not parse) is
emptied, and overrides/partials/findings-panel.html names the problem in its place. Every other
build (`make site`, `make pdf`, `make check`, CI) never sets the mode, and this hook does nothing.
"""

from __future__ import annotations

from typing import Any

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from medkb.preview import (
    UNRESOLVED_CITATION_KINDS,
    first_body_line,
    inert_citations,
    mark_lines,
    with_mark_class,
)


@event_priority(100)  # the Markdown as written: before any hook or plugin changes it
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    preview = state.preview
    if preview is None:
        return None
    src_uri = page.file.src_uri
    unmarked = preview.for_page(src_uri)
    if unmarked.blocking:
        preview.shown[src_uri] = unmarked
        return ""
    marked: set[int] = set()
    first = first_body_line(page.file.content_string, markdown) if not page.file.generated_by else None
    if first is not None:
        markdown = inert_citations(markdown, first, preview.lines_to_mark(src_uri, UNRESOLVED_CITATION_KINDS))
        markdown, marked = mark_lines(markdown, first, preview.lines_to_mark(src_uri))
    preview.shown[src_uri] = preview.for_page(src_uri, marked)
    return markdown


@event_priority(
    -80
)  # after hooks/security.py's check of the rendered page (100) and the hooks that fill it in
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    shown = state.preview.shown.get(page.file.src_uri) if state.preview is not None else None
    if shown is None:
        return None
    if not shown.blocking:
        return with_mark_class(html) if shown.marked_lines else None
    if page.links_to_anchors is not None:
        page.links_to_anchors.clear()  # the links are not on the page: MkDocs has none of them to check
    return ""


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any] | None:
    if state.preview is None:
        return None
    shown = state.preview.shown.get(page.file.src_uri)
    if shown is not None and (shown.findings or shown.blocking):
        context["medkb_findings"] = shown
    return context
