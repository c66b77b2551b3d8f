"""Gives each page's template what it shows about review: tracker, dates, banners, and the article list."""

from __future__ import annotations

from typing import Any

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from medkb.checks.project import today
from medkb.sources.review import format_date, is_review_overdue, tracker

EDITORIAL_POLICY = "editorial-policy.md"

nav_pages: dict[str, Page] = {}
"""src_uri -> page, for every page in the navigation (built once per build: pages look up their article's)."""


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if files.get_file_from_path(EDITORIAL_POLICY) is None:
        raise PluginError(f"docs/{EDITORIAL_POLICY} is missing: every page links to the editorial policy")
    return files


@event_priority(-100)  # after every hook that adds pages to the navigation (hooks/reference_pages.py)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    nav_pages.clear()
    nav_pages.update((page.file.src_uri, page) for page in nav.pages)
    return nav


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    report = state.report
    if report is None:
        return context
    info = report.pages.get(page.file.src_uri)
    policy = page_for(EDITORIAL_POLICY)
    context["editorial_policy"] = policy
    context["format_date"] = format_date
    if info is not None and info.review is not None and info.article is not None:
        article = report.articles[info.article]
        context["review"] = info.review
        context["review_tracker"] = tracker(info.review.review_status)
        context["review_overdue"] = is_review_overdue(info.review.next_review, today())
        context["article_review"] = article.review
        context["article_overview"] = page_for(article.overview.src_path)
    if page.is_homepage:
        context["article_index"] = [
            (page_for(article.overview.src_path), article.review)
            for article in sorted(
                report.articles.values(), key=lambda a: a.review.title.lower() if a.review else a.slug
            )
            if article.review is not None
        ]
    return context


def page_for(src_uri: str) -> Page | None:
    """The page in the navigation built from `src_uri` (None when it is not in the navigation)."""
    return nav_pages.get(src_uri)
