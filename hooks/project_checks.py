"""Runs the project's rules before anything is rendered and fails the build with all findings at once.

In the writer's preview (`extra.preview`, set only by `make serve` through MEDKB_PREVIEW=true) the
findings are printed and handed to hooks/preview.py, which shows them on their pages: the build goes on.
"""

from __future__ import annotations

import logging
from pathlib import Path

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from medkb.checks.project import check_project
from medkb.findings import format_report, shown_path
from medkb.preview import preview_of, terminal_lines
from medkb.sources import BIB_FOLDER

log = logging.getLogger(__name__)


@event_priority(100)  # before mkdocs-bibtex reads bib/, which ends in a traceback on a broken file
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    require_safe_bibtex_settings(config)
    root = Path(config.config_file_path).parent
    preview = preview_requested(config)
    # The preview keeps each page's check between saves; a strict build checks everything afresh.
    report = check_project(
        root, Path(config.docs_dir), root / BIB_FOLDER, cache=state.check_cache if preview else None
    )
    state.report = report
    state.theme_env = None
    state.preview = None
    if preview:
        state.preview = preview_of(report.findings, shown_path(Path(config.docs_dir), root))
        for line in terminal_lines(state.preview):
            log.warning(line)
        return config
    if report.errors:
        count = len(report.errors)
        raise PluginError(
            f"{count} problem{'s' if count != 1 else ''} in the sources; fix them and build again:\n"
            + format_report(report.errors, annotations=False)
        )
    for finding in report.findings:
        log.info(finding.format())
    return config


def preview_requested(config: MkDocsConfig) -> bool:
    """The preview is asked for by name (`make serve`), never inferred; a strict build refuses it."""
    if config.extra.get("preview") is not True:
        return False
    if config.strict:
        raise PluginError(
            "mkdocs.yml: extra.preview (MEDKB_PREVIEW=true) is for `make serve` only; a strict build "
            "stops on every finding: unset MEDKB_PREVIEW"
        )
    return True


def require_safe_bibtex_settings(config: MkDocsConfig) -> None:
    """mkdocs-bibtex reads '@word' and e-mail addresses as citations unless inline citations are off."""
    bibtex = config.plugins.get("bibtex")
    if bibtex is None:
        raise PluginError("mkdocs.yml: the 'bibtex' plugin (mkdocs-bibtex) must be listed under plugins")
    if bibtex.config.enable_inline_citations:
        raise PluginError("mkdocs.yml: set 'enable_inline_citations: false' for the bibtex plugin")
