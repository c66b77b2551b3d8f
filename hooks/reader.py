"""What a page gives its readers and their machines beyond the text: the audience choice, the
"Cite this page" box, schema.org JSON-LD, and Open Graph tags.

The values come from medkb (structured_data, page_citation, audience); the markup is in
overrides/partials/ (audience-choice.html, cite-page.html, structured-data.html, social-meta.html),
the behaviour in overrides/assets/javascripts/medkb-*.js.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from build_state import state  # type: ignore[import-not-found]
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from medkb.audience import AUDIENCE_READERS, AUDIENCES, page_audiences
from medkb.findings import format_report
from medkb.follow_up import follow_up_findings, follow_ups
from medkb.page_citation import page_citation
from medkb.structured_data import json_for_script, lead_text, medical_web_page, page_description, read_about


@dataclass(frozen=True)
class PageText:
    description: str
    audiences: tuple[str, ...]


texts: dict[str, PageText] = {}
"""src_uri -> what on_page_markdown read from the page as written."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    texts.clear()
    return config


@event_priority(90)  # the Markdown and front matter as written: before citations become footnotes,
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    # and before on_env, where hooks/security.py replaces shown front-matter values with escaped HTML.
    description = page_description(page.meta, lead_text(markdown), config.site_description or "")
    texts[page.file.src_uri] = PageText(description, page_audiences(markdown))


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Every follow-up question leads to a page of its article (all pages are known by now)."""
    report = state.report
    if report is None:
        return env
    findings = []
    for slug, article in report.articles.items():
        value = article.overview.meta.get("follow_up")
        if value is None:
            continue
        pages = {src for src, info in report.pages.items() if info.article == slug}
        source = files.get_file_from_path(article.overview.src_path)
        text = source.content_string if source is not None else ""
        line = next((number for number, row in enumerate(text.splitlines(), 1) if row.startswith("follow_up:")), None)
        findings += follow_up_findings(article.overview.display_path, line, value, slug, pages)
    if findings:
        raise PluginError("Follow-up questions that lead nowhere:\n" + format_report(findings, annotations=False))
    return env


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    text = texts.get(page.file.src_uri, PageText(config.site_description or "", ()))
    description = text.description
    report = state.report
    info = report.pages.get(page.file.src_uri) if report is not None else None
    review = info.review if info is not None else None
    social_title = page.title or config.site_name
    if report is not None and info is not None and review is not None and info.article is not None:
        article = report.articles[info.article]
        article_title = article.review.title if article.review else None
        citation = page_citation(
            page_title=review.title, article_title=article_title, site_name=config.site_name,
            updated=review.last_updated, src_path=info.src_path, url=page.canonical_url,
        )
        social_title = citation.title
        about, _problems = read_about(info.meta.get("about"))
        if not about:
            about, _problems = read_about(article.overview.meta.get("about"))
        bibliography = report.bibliography
        data = medical_web_page(
            review=review,
            description=description,
            site_name=config.site_name,
            language=config.theme.get("language") or "en",
            audiences=text.audiences,
            references=[bibliography[key] for key in dict.fromkeys(info.cited_keys) if key in bibliography],
            about=about,
            url=page.canonical_url,
            site_url=config.site_url,
        )
        context["medkb_json_ld"] = json_for_script(data)
        context["medkb_citation"] = citation
        context["medkb_audiences"] = AUDIENCES
        context["medkb_audience_readers"] = AUDIENCE_READERS
        context["medkb_page_audiences"] = text.audiences
        pages = {item.file.src_uri: item for item in nav.pages}
        context["medkb_follow_up"] = [
            (item.question, pages[item.src_path])
            for item in follow_ups(article.overview.meta.get("follow_up"), info.article)
            if item.src_path in pages and item.src_path != page.file.src_uri
        ]
        context["medkb_article_title"] = article_title or review.title
    context["medkb_social"] = {
        "type": "article" if review is not None else "website",
        "title": social_title,
        "description": description,
        "site_name": config.site_name,
        "url": page.canonical_url,
        "locale": config.theme.get("language") or "en",
        "modified": review.last_updated.isoformat() if review is not None else None,
    }
    return context
