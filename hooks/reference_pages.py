"""Adds a generated 'References' page to every article: each source cited on the article's pages,
grouped by type of evidence, with links back to the pages that cite it.

Two phases: on_files adds the page (its source is generated, so no file under docs/ holds it) and
on_nav places it at the end of its article's navigation; once the reading order is known, the
page's Markdown is rendered from the project report (medkb.render.reference_index) through
overrides/partials/article-references.html: the intro and a heading per group, for the table of
contents and search. The groups' lists (hundreds of entries in a large article) go into the page's
HTML in on_page_content, from overrides/partials/article-reference-group.html, without a pass
through Markdown; their links are handed to MkDocs' anchor validation like links written in Markdown.
"""

from __future__ import annotations

import logging
from typing import Any

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from medkb.checks.project import article_of, in_reading_order
from medkb.render.citations import entry_placeholder
from medkb.render.reference_index import (
    CitingPage,
    EvidenceGroup,
    fill_list_placeholders,
    list_placeholder,
    reference_index,
    references_page_path,
    relative_link,
)
from medkb.render.references import markdown_inert

log = logging.getLogger("mkdocs.hooks.reference_pages")  # under mkdocs.*: --strict counts its warnings

PAGE_SOURCE = "---\ntitle: References\n---\n"
"""What the generated file holds until on_page_markdown renders its content."""

reading_order: dict[str, list[str]] = {}
"""article -> src_uris of its pages in navigation order."""
page_groups: dict[str, list[EvidenceGroup]] = {}
"""src_uri of each generated page -> its groups, from on_page_markdown to on_page_content."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state.references_pages = {}
    reading_order.clear()
    page_groups.clear()
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
        state.references_pages[path] = slug
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    # One pass over the reading order (not one per article: thousands of pages, hundreds of articles).
    in_nav = {page.file.src_uri for page in nav.pages}
    reading_order.clear()
    for page in nav.pages:
        slug = article_of(page.file.src_uri)
        if slug is not None and page.file.src_uri not in state.references_pages:
            reading_order.setdefault(slug, []).append(page.file.src_uri)
    appended: dict[str, Page] = {}
    """article -> its references page, to go after the article's last page in the reading order."""
    for path, slug in state.references_pages.items():
        reading_order.setdefault(slug, [])
        references = files.get_file_from_path(path)
        overview = files.get_file_from_path(f"{slug}/index.md")
        if references is None or references.page is None or overview is None or overview.page is None:
            continue
        if path in in_nav or overview.src_uri not in in_nav:
            continue  # listed in mkdocs.yml's nav already, or the article is not in the navigation
        append_to_section(nav, references.page, overview.page, slug)
        appended[slug] = references.page
    if appended:
        insert_into_reading_order(nav, appended)
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    slug = state.references_pages.get(page.file.src_uri)
    report = state.report
    if slug is None or report is None:
        return None
    article = report.articles[slug]
    order = reading_order.get(slug) or []
    pages = in_reading_order(article.pages, order)
    groups = reference_index(pages, report.bibliography, index_path=page.file.src_uri)
    page_groups[page.file.src_uri] = groups
    return theme_env(config).get_template("partials/article-references.html").render(
        groups=groups,
        article_title=article.review.title if article.review else slug,
        overview_link=relative_link(page.file.src_uri, article.overview.src_path),
        reference_count=sum(len(group.entries) for group in groups),
        list_placeholder=list_placeholder,
        inert=markdown_inert,
    )


@event_priority(60)  # after hooks/security.py (100) read what Markdown made; before hooks/references.py (50)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    # The lists hold the entries' placeholders, which hooks/references.py then fills in, as on every page.
    groups = page_groups.pop(page.file.src_uri, None)
    if groups is None:
        return None
    links = page.links_to_anchors  # None only in MkDocs' debug mode, which does not validate anchors

    def href(citing: CitingPage) -> str:
        target = files.get_file_from_path(citing.src_path)
        if target is None:  # as MkDocs reports a link to a page it does not build (a warning: --strict fails)
            log.warning(f"Doc file '{page.file.src_uri}' contains a link '{citing.link}', but the target "
                        f"'{citing.src_path}' is not found among documentation files.")
            return citing.link
        if links is not None:
            links.setdefault(target, {}).setdefault(citing.anchor, citing.link)
        return f"{target.url_relative_to(page.file)}#{citing.anchor}"

    template = theme_env(config).get_template("partials/article-reference-group.html")
    lists = {
        group.anchor: template.render(group=group, href=href, placeholder=entry_placeholder)
        for group in groups
    }
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(
            f"ref-{entry.reference.key}" for group in groups for entry in group.entries
        )
    return fill_list_placeholders(html, lists)


def append_to_section(nav: Navigation, page: Page, overview: Page, slug: str) -> None:
    """Put `page` after the article's last item in its section (or wherever the overview sits)."""
    section = overview.parent
    siblings: list[Any] = section.children if isinstance(section, Section) else nav.items
    in_article = [index for index, item in enumerate(siblings) if _belongs_to(item, slug)]
    siblings.insert((in_article[-1] + 1) if in_article else len(siblings), page)
    page.parent = section


def insert_into_reading_order(nav: Navigation, appended: dict[str, Page]) -> None:
    """Each page of `appended` (article -> page) after its article's last page, and the previous and
    next links of every page to match."""
    last_of: dict[str, int] = {}
    for index, item in enumerate(nav.pages):
        slug = article_of(item.file.src_uri)
        if slug in appended:
            last_of[slug] = index
    after = {index: appended[slug] for slug, index in last_of.items()}
    pages: list[Page] = []
    for index, item in enumerate(nav.pages):
        pages.append(item)
        if index in after:
            pages.append(after[index])
    nav.pages[:] = pages
    for index, item in enumerate(pages):
        item.previous_page = pages[index - 1] if index > 0 else None
        item.next_page = pages[index + 1] if index + 1 < len(pages) else None


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
