"""What the PDFs are made from: the build's model of the site, and the built site.

The model is the build's own: the names, notices and theme folder of MkDocs' configuration, the order of
its navigation, and the project check's pages and articles (medkb.checks.project). The build hands it to
the export (hooks/downloads.py); `load_site` makes it for an export outside the build (`python -m
medkb.pdf`) with the same builders, MkDocs' configuration loader and navigation and `check_project`, so
that the navigation order and the articles have one derivation each. Nothing here reads mkdocs.yml itself.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from medkb.checks.project import ProjectReport, check_project
from medkb.sources import BIB_FOLDER, DOCS_FOLDER

REQUIRED_NOTICES = ("educational", "pending_review", "disclaimer")


class PdfError(Exception):
    """A problem that stops the PDF export; the message names the file and what is allowed."""


@dataclass(frozen=True)
class SiteSettings:
    """The parts of the build's configuration and navigation the print documents use."""

    site_name: str
    site_description: str
    site_url: str
    copyright: str
    language: str
    custom_dir: Path
    notices: dict[str, str]
    nav_order: tuple[str, ...]
    """Source paths of the pages written under docs/ (MkDocs' `src_uri`), in navigation order; pages the
    build generates (the articles' references pages) are not printed."""
    nav_titles: dict[str, str] = field(default_factory=dict)
    """Titles the navigation gives pages explicitly (`- Title: page.md`)."""


@dataclass(frozen=True)
class PrintSite:
    """The build's model of the site, as the export receives it."""

    settings: SiteSettings
    report: ProjectReport
    """The project check of the sources: every page's front matter and review, grouped into articles."""


def site_settings(config: Mapping[str, Any], nav_pages: Iterable[Any]) -> SiteSettings:
    """The settings from MkDocs' own objects: its configuration and its navigation's pages in order
    (`Navigation.pages`), taken before the pages are read, so that a page's title is the one the
    navigation gives it (None otherwise)."""
    config_name = Path(str(config["config_file_path"] or "mkdocs.yml")).name
    extra = config["extra"] or {}
    notices = (extra.get("notices") or {}) if isinstance(extra, Mapping) else {}
    missing = [name for name in REQUIRED_NOTICES if not notices.get(name)]
    if missing:
        raise PdfError(
            f"{config_name}: extra.notices needs {', '.join(missing)}: the PDFs print the same notices as the site"
        )
    theme = config["theme"]
    if not theme.custom_dir:
        raise PdfError(f"{config_name}: theme.custom_dir is needed: the print templates are in its print/ folder")
    written = [page for page in nav_pages if page.file.generated_by is None]
    return SiteSettings(
        site_name=str(config["site_name"] or ""),
        site_description=" ".join(str(config["site_description"] or "").split()),
        site_url=str(config["site_url"] or ""),
        copyright=str(config["copyright"] or ""),
        language=str(theme["language"] or "en"),
        custom_dir=Path(theme.custom_dir),
        notices={str(key): " ".join(str(value).split()) for key, value in notices.items()},
        nav_order=tuple(page.file.src_uri for page in written),
        nav_titles={page.file.src_uri: str(page.title) for page in written if page.title},
    )


def load_site(config_file: Path) -> PrintSite:
    """The build's model of the site, made as the build makes it, for an export from a site built before.

    MkDocs (or ProperDocs, medkb.engine) loads the configuration and lays out the navigation; the project
    check reads the pages. No page is rendered: the export reads them from the built site.
    """
    from medkb.engine import enable_in_process

    enable_in_process()
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation

    try:
        config = load_config(str(config_file))
    except (ConfigurationError, OSError) as error:
        raise PdfError(f"{config_file}: {error}") from None
    nav = get_navigation(get_files(config), config)
    root = config_file.resolve().parent
    report = check_project(root, Path(config["docs_dir"]), root / BIB_FOLDER)
    return PrintSite(site_settings(config, nav.pages), report)


@dataclass(frozen=True)
class RenderedPage:
    """One page of the navigation and the HTML file the build wrote for it."""

    src_uri: str
    html_path: Path
    url_path: str
    """The page's place in the site, normalised: '' for the home page, 'a/b/' for a/b.md, whether
    the site was built with directory URLs ('a/b/index.html') or without them ('a/b.html')."""

    @property
    def anchor(self) -> str:
        """The id of the page in a combined document: its source path without '.md'."""
        return page_anchor(self.src_uri)


def page_anchor(src_uri: str) -> str:
    return src_uri.removesuffix(".md")


def rendered_pages(settings: SiteSettings, site_dir: Path) -> list[RenderedPage]:
    """The built HTML of every page in the navigation, in navigation order."""
    pages: list[RenderedPage] = []
    for src_uri in settings.nav_order:
        for url_path, html in candidate_outputs(src_uri):
            if (site_dir / html).is_file():
                pages.append(RenderedPage(src_uri, site_dir / html, url_path))
                break
        else:
            raise PdfError(
                f"{site_dir}: no built page for {DOCS_FOLDER}/{src_uri}; build the site first (make site) "
                "and export from that site folder"
            )
    return pages


def candidate_outputs(src_uri: str) -> list[tuple[str, str]]:
    """(normalised URL path, HTML file) for a page built with directory URLs, then without them."""
    path = PurePosixPath(src_uri)
    stem = path.with_suffix("")
    if path.stem.lower() in ("index", "readme"):
        folder = "" if str(path.parent) == "." else f"{path.parent}/"
        return [(folder, f"{folder}index.html")]
    return [(f"{stem}/", f"{stem}/index.html"), (f"{stem}/", f"{stem}.html")]


def normalise_url_path(path: str) -> str:
    """'a/b/index.html', 'a/b.html' and 'a/b/' all name the page 'a/b/'; '' is the home page."""
    path = posixpath.normpath(path) if path else ""
    if path in (".", ""):
        return ""
    if path.endswith("/index.html") or path == "index.html":
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    elif not path.endswith("/"):
        path += "/"
    return path.lstrip("/")
