"""Hostile input stays inert: front-matter text is escaped, rendered pages are checked, every page gets a CSP.

- on_config: mkdocs.yml's `extra.security` must be valid (the iframe allow-list).
- on_page_content: a second look at each page as Markdown rendered it (the source check in
  medkb.checks.project runs first, with lines); anything that could run is collected and fails the build.
- on_env: front-matter values reach the theme's templates escaped (Material prints `page.meta.title`,
  `page.meta.description`, `page.title`, ... as they are), before any page is rendered, since a
  page's title also appears in other pages' navigation. The title becomes HTML in Python too
  (`page.title`, `page.meta["title"]`: Material's search index reads it there), as a title taken
  from an H1 always is; other values keep their text for Python (`page.meta["description"]`) and
  come out escaped only where templates read them (`page.meta.description`).
- on_post_page, on_post_template (404.html), then on_post_build for any other HTML file: the
  Content-Security-Policy decided in on_config from what our templates emit (medkb/render/csp.py), plus
  the hash of a script our own hooks built for the page (the offline search bootstrap). The finished
  page is read with an HTML5 parser: an executable inline script or an event handler in it fails
  the build, naming the page.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from build_state import state  # type: ignore[import-not-found]
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from medkb.checks.html_safety import HtmlPolicy, PolicyError, executable_html_problems, policy_from_extra
from medkb.findings import Finding, format_report, shown_path
from medkb.render.csp import META_NAME, content_security_policy, inline_script_problems, with_policy

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
    state.page_script_hashes.clear()
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


@event_priority(-100)  # last: after hooks/offline.py has declared the page's search-frame bootstrap
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return secured(output, _display_path(config, page), state.page_script_hashes.get(page.url, ()))


@event_priority(-100)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Pages rendered from a theme template alone (404.html)."""
    if not template_name.endswith(".html"):
        return output_content
    return secured(output_content, template_name, ())


@event_priority(-100)  # last: after every other hook has written its files
def on_post_build(*, config: MkDocsConfig) -> None:
    """HTML written outside the page cycle (other hooks' files) gets its policy here."""
    for path in sorted(Path(config.site_dir).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if META_NAME not in text and "<head" in text:
            shown = path.relative_to(config.site_dir).as_posix()
            path.write_text(secured(text, shown, ()), encoding="utf-8")


def secured(output: str, shown: str, script_hashes: tuple[str, ...]) -> str:
    """The page with the build's policy; an inline script or handler in it stops the build."""
    problems = inline_script_problems(output)
    if problems:
        raise PluginError(
            f"{shown}: the finished page holds {problems[0]}; the site runs only its own script files "
            "(medkb/render/csp.py). Remove it from the page or its template"
            + (f" ({len(problems) - 1} more such problem{'s' if len(problems) > 2 else ''})" if len(problems) > 1 else "")
        )
    return with_policy(output, content_security_policy(_policy.iframe_hosts, script_hashes))


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
