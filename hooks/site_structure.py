"""Every navigation entry in mkdocs.yml names a page that exists (checked before MkDocs builds the
navigation), and a navigation level that lists more entries than a sidebar should is reported (a warning:
the build goes on)."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from medkb.checks.site_paths import crowded_navigation_findings, nav_findings
from medkb.findings import format_report

log = logging.getLogger("medkb.navigation")  # not under mkdocs.*: --strict does not make its warnings failures


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if not config.nav:
        return files
    config_file = Path(config.config_file_path)
    config_text = config_file.read_text(encoding="utf-8")
    findings = nav_findings(
        config.nav,
        (file.src_uri for file in files.documentation_pages()),
        config_text,
        config_file.name,
    )
    if findings:
        raise PluginError(
            "The navigation has problems (pages that do not exist, unsafe addresses or titles); fix mkdocs.yml and build again:\n"
            + format_report(findings, annotations=False)
        )
    for finding in crowded_navigation_findings(config.nav, config_text, config_file.name):
        log.warning(finding.format())
    return files
