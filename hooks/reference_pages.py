"""Adds a generated 'References' page to every article: each source cited on the article's pages,
grouped by type of evidence, with links back to the pages that cite it.

Two phases: on_files adds the page (its source is generated, so no file under docs/ holds it) and
on_nav places it at the end of its article's navigation; once the reading order is known, the
page's Markdown is rendered from the project report (medkb.reference_index) through
overrides/partials/article-references.html.
"""

from __future__ import annotations

from typing import Any

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from medkb.project import article_of
from medkb.reference_index import reference_index, references_page_path, relative_link
from medkb.references import entry_placeholder, markdown_inert

PAGE_SOURCE = "---\ntitle: References\n---\n"
"""What the generated file holds until on_page_markdown renders its content."""

generated: dict[str, str] = {}
"""src_uri of each generated page -> its article."""
reading_order: dict[str, list[str]] = {}
"""article -> src_uris of its pages in navigation order."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    generated.clear()
    reading_order.clear()
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    report = state.report
    if report is None:
        return files
    for slug, article in sorted(report.articles.items()):
        if not any(page.cited_keys for page in article.pages):
            continue
        path = references_page_path(slug)
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"docs/{path}: an article's references page is generated from the citations of its pages; "
                "rename or remove this file"
            )
        files.append(File.generated(config, path, content=PAGE_SOURCE, inclusion=InclusionLevel.NOT_IN_NAV))
        generated[path] = slug
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    for path, slug in generated.items():
        reading_order[slug] = [
            page.file.src_uri for page in nav.pages if article_of(page.file.src_uri) == slug
            and page.file.src_uri not in generated
        ]
        references = files.get_file_from_path(path)
        overview = files.get_file_from_path(f"{slug}/index.md")
        if references is None or references.page is None or overview is None or overview.page is None:
            continue
        if references.page in nav.pages or overview.page not in nav.pages:
            continue  # listed in mkdocs.yml's nav already, or the article is not in the navigation
        append_to_article(nav, references.page, overview.page, slug)
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    slug = generated.get(page.file.src_uri)
    report = state.report
    if slug is None or report is None:
        return None
    article = report.articles[slug]
    order = reading_order.get(slug) or []
    pages = sorted(
        article.pages,
        key=lambda info: (order.index(info.src_path) if info.src_path in order else len(order), info.src_path),
    )
    groups = reference_index(pages, report.bibliography, index_path=page.file.src_uri)
    return theme_env(config).get_template("partials/article-references.html").render(
        groups=groups,
        article_title=article.review.title if article.review else slug,
        overview_link=relative_link(page.file.src_uri, article.overview.src_path),
        reference_count=sum(len(group.entries) for group in groups),
        placeholder=entry_placeholder,  # hooks/references.py puts the entry there, as in every reference list
        inert=markdown_inert,
    )


def append_to_article(nav: Navigation, page: Page, overview: Page, slug: str) -> None:
    """Put `page` after the article's last page, in its section (or wherever the overview sits)."""
    section = overview.parent
    siblings: list[Any] = section.children if isinstance(section, Section) else nav.items
    in_article = [index for index, item in enumerate(siblings) if _belongs_to(item, slug)]
    siblings.insert((in_article[-1] + 1) if in_article else len(siblings), page)
    page.parent = section
    last = max(index for index, item in enumerate(nav.pages) if article_of(item.file.src_uri) == slug)
    nav.pages.insert(last + 1, page)
    for index, item in enumerate(nav.pages):
        item.previous_page = nav.pages[index - 1] if index > 0 else None
        item.next_page = nav.pages[index + 1] if index + 1 < len(nav.pages) else None


def theme_env(config: MkDocsConfig) -> Any:
    if state.theme_env is None:
        state.theme_env = config.theme.get_env()
    return state.theme_env


def _belongs_to(item: Any, slug: str) -> bool:
    if isinstance(item, Page):
        return article_of(item.file.src_uri) == slug
    if isinstance(item, Section):
        return any(_belongs_to(child, slug) for child in item.children)
    return False
