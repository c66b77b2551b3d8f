"""Each save under `make serve` (MkDocs' dirty mode) renders only the pages whose output it changes.

MkDocs' dirty mode renders a page when `file.is_modified()` says so; by itself it compares the times
of the source and of the page written, so a page whose navigation, findings or references changed
through another file stays stale, and the generated references pages are rendered every time. Here
each page is told whether it changed from what the site folder holds (medkb.preview.incremental); a page not
rendered again gets its front matter as checked, so that its title stays right in the other pages'
navigation. In a full build (`make site`, tests) MkDocs renders every page whatever this says.
Under `mkdocs serve` the theme's templates are compiled once, not once per rebuild (medkb.preview.templates).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from medkb.checks.project import ProjectReport, article_of, today
from medkb.findings import shown_path
from medkb.preview.incremental import fingerprint, pages_to_render
from medkb.preview.templates import share_compiled_templates


def on_startup(*, command: str, dirty: bool) -> None:
    state.serving = command == "serve"
    if command == "serve" and dirty:
        # MkDocs warns on each dirty build that navigation and links may be inaccurate: not so here.
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_build_warning)


@event_priority(120)  # before any hook creates a Jinja environment from the theme
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Under `mkdocs serve`, every environment the theme creates shares the templates compiled so far."""
    if state.serving:
        share_compiled_templates(config.theme, state.compiled_templates)
    return config


@event_priority(-200)  # after every hook that adds pages or changes the navigation
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    report = state.report
    if report is None:
        return nav
    root = Path(config.config_file_path).parent
    pages = files.documentation_pages()
    current = fingerprint(
        report,
        config_text=Path(config.config_file_path).read_text(encoding="utf-8"),
        sources={file.src_uri: _size_and_time(file) for file in pages},
        bib_files={path.name: _stat(path) for path in sorted((root / "bib").glob("*.bib"))},
        findings=report.findings if state.preview is not None else (),
        docs_path=shown_path(Path(config.docs_dir), root),
        shared=[str(today()), *(finding.format() for finding in state.preview.site_blocking)]
        if state.preview is not None
        else [str(today())],
    )
    render = pages_to_render(
        state.rendered.get(config.site_dir),
        current,
        article_of={file.src_uri: article_of(file.src_uri) for file in pages},
        references_pages=state.references_pages,
    )
    state.pending = (config.site_dir, current)
    for file in pages:
        changed = render is None or file.src_uri in render
        # MkDocs' dirty mode asks each page whether to render it.
        file.is_modified = _answer(changed)  # type: ignore[method-assign]
        if not changed and file.page is not None:
            _keep_front_matter(file.page, report)
    return nav


def on_post_build(*, config: MkDocsConfig) -> None:
    """What the site folder now holds: recorded only once the build got through."""
    if state.pending is not None:
        site_dir, current = state.pending
        state.rendered[site_dir] = current
        state.pending = None


def _not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _answer(changed: bool) -> Callable[[], bool]:
    return lambda: changed


def _size_and_time(file: File) -> tuple[int, int]:
    if file.generated_by is not None or file.abs_src_path is None:
        return (0, 0)
    return _stat(Path(file.abs_src_path))


def _stat(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns)


def _keep_front_matter(page: Page, report: ProjectReport) -> None:
    """A page MkDocs will not read gets the front matter it has (its title above all) without rendering."""
    info = report.pages.get(page.file.src_uri)
    page.markdown = ""  # MkDocs gives a page a title only once its source is read
    page.meta = dict(info.meta) if info is not None else get_data(page.file.content_string)[1]
