"""What the PDFs are made from: the settings in mkdocs.yml, the navigation order, and the built site.

Reads mkdocs.yml as plain YAML (MkDocs' tags such as `!ENV` are resolved or ignored), so this
module needs no MkDocs import and works on any built site, in the build or from the command line.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml


class PdfError(Exception):
    """A problem that stops the PDF export; the message names the file and what is allowed."""


@dataclass(frozen=True)
class SiteSettings:
    """The parts of mkdocs.yml the print documents use."""

    config_file: Path
    site_name: str
    site_description: str
    site_url: str
    copyright: str
    language: str
    docs_dir: Path
    custom_dir: Path
    notices: dict[str, str]
    nav_order: tuple[str, ...]
    """Source paths of the pages (relative to docs/, like MkDocs' `src_uri`) in navigation order."""
    nav_titles: dict[str, str] = field(default_factory=dict)
    """Titles the navigation gives pages explicitly (`- Title: page.md`)."""

    @property
    def root(self) -> Path:
        return self.config_file.parent


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


def load_settings(config_file: Path) -> SiteSettings:
    config = read_mkdocs_config(config_file)
    root = config_file.parent
    theme = config.get("theme") or {}
    if not isinstance(theme, dict):
        theme = {"name": theme}
    extra = config.get("extra") or {}
    notices = (extra.get("notices") or {}) if isinstance(extra, dict) else {}
    missing = [name for name in ("educational", "pending_review", "disclaimer") if not notices.get(name)]
    if missing:
        raise PdfError(
            f"{config_file.name}: extra.notices needs {', '.join(missing)}: the PDFs print the same notices as the site"
        )
    if "nav" not in config or not config["nav"]:
        raise PdfError(
            f"{config_file.name}: no 'nav': the PDFs follow the navigation order, so list every page in nav"
        )
    order, titles = flatten_nav(config["nav"], config_file.name)
    return SiteSettings(
        config_file=config_file,
        site_name=str(config.get("site_name") or ""),
        site_description=" ".join(str(config.get("site_description") or "").split()),
        site_url=str(config.get("site_url") or ""),
        copyright=str(config.get("copyright") or ""),
        language=str(theme.get("language") or "en"),
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        custom_dir=root / str(theme.get("custom_dir") or "overrides"),
        notices={str(key): " ".join(str(value).split()) for key, value in notices.items()},
        nav_order=tuple(order),
        nav_titles=titles,
    )


def flatten_nav(nav: Any, where: str) -> tuple[list[str], dict[str, str]]:
    """Page paths in the order MkDocs shows them; links to other sites are skipped."""
    order: list[str] = []
    titles: dict[str, str] = {}

    def visit(item: Any, title: str | None) -> None:
        if isinstance(item, str):
            if "://" in item or item.startswith(("/", "#")) or not item.endswith(".md"):
                return
            order.append(item)
            if title:
                titles[item] = title
        elif isinstance(item, list):
            for child in item:
                visit(child, None)
        elif isinstance(item, dict) and len(item) == 1:
            ((child_title, child),) = item.items()
            visit(child, str(child_title))
        else:
            raise PdfError(
                f"{where}: nav entry {item!r} is neither 'page.md', 'Title: page.md' nor 'Title: [...]'"
            )

    visit(nav, None)
    return order, titles


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
                f"{site_dir}: no built page for docs/{src_uri}; build the site first (make site) "
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


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there


class _MkDocsLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that understands MkDocs' `!ENV` tag and ignores Python-object tags."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = values[:-1] or values, values[-1] if len(values) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else None
    return default


def _ignored_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    return None


_MkDocsLoader.add_constructor("!ENV", _env_tag)
_MkDocsLoader.add_multi_constructor("!", _ignored_tag)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignored_tag)


def read_mkdocs_config(config_file: Path) -> dict[str, Any]:
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError as error:
        raise PdfError(f"{config_file}: cannot read the MkDocs configuration: {error.strerror}") from None
    try:
        data = yaml.load(text, Loader=_MkDocsLoader)
    except yaml.YAMLError as error:
        raise PdfError(f"{config_file}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise PdfError(f"{config_file}: expected a mapping of settings")
    parent = data.pop("INHERIT", None)
    if parent is not None:
        # As MkDocs does: the parent's settings, with this file's merged in (mappings deeply).
        data = _merged(read_mkdocs_config((config_file.parent / str(parent)).resolve()), data)
    return data


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result
