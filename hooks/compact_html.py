"""Each finished page without the indentation of the theme's templates (medkb.compact_html): about
half of a page's bytes, most of them in the navigation that every page carries."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from medkb.compact_html import compact_html


@event_priority(-90)  # after the hooks that add to the page, before hooks/security.py (-100) reads it whole
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return compact_html(output)
