"""Gives each page's template what it shows about review: tracker, dates, banners, and the article list."""

from __future__ import annotations

from typing import Any

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from medkb.project import today
from medkb.review import format_date, is_review_overdue, tracker

EDITORIAL_POLICY = "editorial-policy.md"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if files.get_file_from_path(EDITORIAL_POLICY) is None:
        raise PluginError(f"docs/{EDITORIAL_POLICY} is missing: every page links to the editorial policy")
    return files


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    report = state.report
    if report is None:
        return context
    info = report.pages.get(page.file.src_uri)
    policy = page_for(nav, EDITORIAL_POLICY)
    context["editorial_policy"] = policy
    context["format_date"] = format_date
    if info is not None and info.review is not None and info.article is not None:
        article = report.articles[info.article]
        context["review"] = info.review
        context["review_tracker"] = tracker(info.review.review_status)
        context["review_overdue"] = is_review_overdue(info.review.next_review, today())
        context["article_review"] = article.review
        context["article_overview"] = page_for(nav, article.overview.src_path)
    if page.is_homepage:
        context["article_index"] = [
            (page_for(nav, article.overview.src_path), article.review)
            for article in sorted(
                report.articles.values(), key=lambda a: a.review.title.lower() if a.review else a.slug
            )
            if article.review is not None
        ]
    return context


def page_for(nav: Navigation, src_uri: str) -> Page | None:
    for page in nav.pages:
        if page.file.src_uri == src_uri:
            return page
    return None
