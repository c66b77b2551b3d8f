"""Each finished page without the indentation of the theme's templates (medkb.render.compact_html): about
half of a page's bytes, most of them in the navigation that every page carries."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from medkb.render.compact_html import compact_html


@event_priority(-90)  # after the hooks that add to the page, before hooks/security.py (-100) reads it whole
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return compact_html(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The theme's own pages (404.html; sitemap.xml is not HTML and stays as it is)."""
    return compact_html(output_content) if template_name.endswith(".html") else output_content
