"""The PDF switch without a PDF export: a build without PDFs offers no download, and a value that is not yes
or no is explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import REPO, BuildResult, build, make_project


def test_a_build_without_pdfs_offers_no_download(real_site: BuildResult) -> None:
    assert not (real_site.site / "pdf").exists()
    assert real_site.page("ketamine-depression/").select(".medkb-download") == []
    assert real_site.page("").select(".medkb-download") == []


def test_a_switch_that_is_not_yes_or_no_is_explained(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", REPO)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MEDKB_PDF", "sometimes")
        result = build(project)
    assert not result.ok
    assert "extra.pdf_downloads must be true or false (got 'sometimes')" in result.output
    assert "Traceback" not in result.output
