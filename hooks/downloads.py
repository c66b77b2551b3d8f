"""PDF downloads: each article page links to its article's PDF, and the build writes the PDFs.

Switched on by `extra.pdf_downloads` in mkdocs.yml (`make pdf` and `make offline` set MEDKB_PDF=true).
The links and the PDFs come from the same build, so a link is never dead: with the switch off
(`make site`, `make serve`, the tests' plain builds) there are neither links nor PDFs. The PDFs are
written in on_post_build, into the folder MkDocs is building, so `make pdf` publishes the site and
its PDFs together or not at all. The export receives the build's model of the site (medkb.pdf.PrintSite):
the configuration and the navigation's order as MkDocs made them (taken in on_nav) and the project
check's pages and articles; it reads no source file again.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

SETTING = "pdf_downloads"
PRINT_TEMPLATES = "print"

log = logging.getLogger("mkdocs.hooks.downloads")  # under mkdocs.*: its progress lines are shown
enabled = False
settings: Any = None
"""The PDFs' settings (medkb.pdf.SiteSettings) from this build's configuration and navigation."""


def _pdf() -> Any:  # the module medkb.pdf
    """medkb.pdf, imported only when PDFs are made: WeasyPrint and pikepdf take a while to load."""
    return importlib.import_module("medkb.pdf")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global enabled, settings
    settings = None
    value = config.extra.get(SETTING, False)
    if value in (0, 1):  # MEDKB_PDF=1 reads as the number 1
        value = bool(value)
    if not isinstance(value, bool):
        raise PluginError(
            f"mkdocs.yml: extra.{SETTING} must be true or false (got {value!r}); "
            "it is set from the MEDKB_PDF environment variable by `make pdf`"
        )
    enabled = value
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # The print templates sit in the theme folder (overrides/print/); they are for the PDFs, not the site.
    custom_dir = config.theme.custom_dir
    if custom_dir:
        templates = (Path(custom_dir) / PRINT_TEMPLATES).resolve()
        for file in [
            f for f in files if not f.is_documentation_page() and f.abs_src_path
            and Path(f.abs_src_path).resolve().is_relative_to(templates)
        ]:
            files.remove(file)
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    global settings
    if enabled:
        exporter = _pdf()
        try:
            settings = exporter.site_settings(config, nav.pages)
        except exporter.PdfError as error:
            raise PluginError(f"PDF export: {error}") from None
    return nav


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if not enabled or state.report is None:
        return context
    info = state.report.pages.get(page.file.src_uri)
    if info is not None and info.article in state.report.articles:
        article = state.report.articles[info.article]
        title = article.review.title if article.review else info.article
        context["pdf_download"] = {"path": _pdf().article_pdf_path(info.article), "title": title}
    if page.is_homepage:
        context["handbook_download"] = {"path": _pdf().handbook_pdf_path()}
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    if not enabled:
        return
    exporter = _pdf()
    if settings is None or state.report is None:
        raise PluginError("PDF export: the build's configuration, navigation and project check are missing")
    try:
        exporter.export_pdfs(
            Path(config.site_dir), site=exporter.PrintSite(settings, state.report), progress=log.info
        )
    except exporter.PdfError as error:
        raise PluginError(f"PDF export failed: {error}") from None
