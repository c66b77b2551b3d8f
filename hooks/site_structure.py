"""Every navigation entry in mkdocs.yml names a page that exists (checked before MkDocs builds the navigation)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from medkb.findings import format_report
from medkb.site_paths import nav_findings


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if not config.nav:
        return files
    config_file = Path(config.config_file_path)
    findings = nav_findings(
        config.nav,
        (file.src_uri for file in files.documentation_pages()),
        config_file.read_text(encoding="utf-8"),
        config_file.name,
    )
    if findings:
        raise PluginError(
            "The navigation names pages that do not exist; fix mkdocs.yml and build again:\n"
            + format_report(findings, annotations=False)
        )
    return files
