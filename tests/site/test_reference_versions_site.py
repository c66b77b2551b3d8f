"""Versions of drug labels and guidelines on the built site: the reference list shows the label's revision,
and an article shows which revision each statement rests on."""

from __future__ import annotations

from pathlib import Path

from labels import LABEL, project_citing_the_label
from sitebuild import BuildResult, build


def test_the_reference_list_shows_the_label_revision(tmp_path: Path) -> None:
    project = project_citing_the_label(tmp_path, LABEL.replace("{2020-07}", "{2025-01}"))
    result = build(project)
    assert result.ok, result.output
    soup = result.page("demo-article/section/")
    versions = [node.get_text(" ", strip=True) for node in soup.select("div.footnote li .medkb-ref__version")]
    assert versions == ["Label revised January 2025"]


def test_the_article_shows_which_label_revision_each_statement_rests_on(real_site: BuildResult) -> None:
    soup = real_site.page("ketamine-depression/dosing/")
    versions = {node.get_text(" ", strip=True) for node in soup.select("div.footnote li .medkb-ref__version")}
    assert {"Label revised January 2025", "Label revised July 2020"} <= versions
