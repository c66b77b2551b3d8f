"""Hostile input stays inert: front-matter text is escaped, rendered pages are checked, every page gets a CSP.

- on_config: mkdocs.yml's `extra.security` must be valid (the iframe allow-list).
- on_page_content: a second look at each page as Markdown rendered it (the source check in
  medkb.project runs first, with lines); anything that could run is collected and fails the build.
- on_env: front-matter values reach the theme's templates escaped (Material prints `page.meta.title`,
  `page.meta.description`, `page.title`, ... as they are), before any page is rendered, since a
  page's title also appears in other pages' navigation. The title becomes HTML in Python too
  (`page.title`, `page.meta["title"]`: Material's search index reads it there), as a title taken
  from an H1 always is; other values keep their text for Python (`page.meta["description"]`) and
  come out escaped only where templates read them (`page.meta.description`).
- on_post_page, then on_post_build for any other HTML file (404.html, files other hooks write): the
  Content-Security-Policy with the hashes of the page's inline scripts. Both run last, so scripts
  added by other hooks are hashed too.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from medkb.csp import META_NAME, secure_page
from medkb.findings import Finding, format_report, shown_path
from medkb.html_safety import HtmlPolicy, PolicyError, executable_html_problems, policy_from_extra

_policy = HtmlPolicy()
_problems: list[Finding] = []


@event_priority(110)  # before hooks/project_checks.py, whose page check reads the same settings
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _policy
    try:
        _policy = policy_from_extra(config.extra)
    except PolicyError as error:
        raise PluginError(f"mkdocs.yml: {error}") from None
    _problems.clear()
    return config


@event_priority(100)  # before any other hook adds markup: this is what the page's Markdown produced
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = page.file.content_string
    path = _display_path(config, page)
    for line, message in executable_html_problems(html, source, _policy):
        _problems.append(Finding(path, line, "unsafe html", message))
    return html


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    if _problems:
        count = len(_problems)
        raise PluginError(
            f"{count} unsafe piece{'s' if count != 1 else ''} of HTML in the rendered pages; fix "
            f"{'them' if count != 1 else 'it'} and build again:\n"
            + format_report(_problems, annotations=False)
        )
    for file in files.documentation_pages():
        if file.page is not None:
            escape_for_templates(file.page)
    return env


@event_priority(-100)  # last: other hooks' inline scripts must already be in the page
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return secure_page(output, _policy.iframe_hosts)


@event_priority(-100)  # last: after every other hook has written its files
def on_post_build(*, config: MkDocsConfig) -> None:
    """HTML written outside the page cycle (404.html, other hooks' files) gets its policy here."""
    for path in sorted(Path(config.site_dir).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if META_NAME not in text and "<head" in text:
            path.write_text(secure_page(text, _policy.iframe_hosts), encoding="utf-8")


def escape_for_templates(page: Page) -> None:
    """The page's title becomes escaped HTML (as a title taken from an H1 already is), its other front
    matter escaped for templates. Markup printed raw shows as text, and `| e` leaves it as it is."""
    if not isinstance(page.meta, TemplateEscapedMeta):
        page.meta = TemplateEscapedMeta(page.meta)
    title = page.meta.get("title")
    if isinstance(title, (str, int, float)) and not isinstance(title, (bool, Markup)):
        page.meta["title"] = page.title = _escaped(str(title))


class TemplateEscapedMeta(dict[str, Any]):
    """Front matter whose text values come out escaped when read as attributes, as templates read them.

    Jinja reads `page.meta.title` with getattr first; Python code reads `page.meta["title"]` or
    `.get("title")` and gets the value as written.
    """

    def __getattr__(self, name: str) -> Any:
        try:
            value = self[name]
        except KeyError:
            raise AttributeError(name) from None
        if isinstance(value, str) and not isinstance(value, Markup):
            return _escaped(value)
        return value


def _escaped(text: str) -> Markup:
    """HTML-escape &, <, > and " (the theme quotes attributes with "), keeping apostrophes readable elsewhere."""
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def _display_path(config: MkDocsConfig, page: Page) -> str:
    """`docs/a/b.md`: the page as contributors see it, relative to the project."""
    return f"{_docs_shown(config.docs_dir, config.config_file_path)}/{page.file.src_uri}"


@functools.lru_cache(maxsize=8)
def _docs_shown(docs_dir: str, config_file: str | None) -> str:
    """The docs folder relative to the project (resolved once per build, not once per page)."""
    return shown_path(Path(docs_dir), Path(config_file or ".").parent)
