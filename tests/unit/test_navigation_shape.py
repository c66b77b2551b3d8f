"""The navigation's shape: the benchmark corpus groups its articles as a large knowledge base does (and the
baseline gets the same navigation), and a navigation level too long for a sidebar is reported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from sitebuild import REPO

from bench.corpus import CorpusSize, generate, make_baseline
from medkb.checks.site_paths import CROWDED_LEVEL, crowded_navigation_findings


def links(count: int) -> list[Any]:
    return [{f"Link {number}": f"https://example.org/{number}"} for number in range(count)]


@pytest.mark.parametrize(
    ("nav", "expected"),
    [
        (links(CROWDED_LEVEL), []),
        (links(CROWDED_LEVEL + 1), [(None, "the navigation's first level lists 31 entries")]),
        (["index.md", {"Cardiology": links(CROWDED_LEVEL + 5)}],
         [(3, "the navigation section 'Cardiology' lists 35 entries")]),
        (["index.md", {"Cardiology": [{"Heart failure": links(CROWDED_LEVEL + 1)}]}],
         [(4, "the navigation section 'Heart failure' lists 31 entries")]),
        ([{"Cardiology": links(10)}, {"Neurology": links(10)}], []),
    ],
    ids=["at the limit", "first level", "a section", "a nested section", "grouped"],
)
def test_crowded_navigation_levels_are_reported(
    nav: list[Any], expected: list[tuple[int | None, str]]
) -> None:
    config_text = yaml.safe_dump({"nav": nav}, sort_keys=False)
    findings = crowded_navigation_findings(nav, config_text)
    assert [(finding.line, finding.message.split(",")[0]) for finding in findings] == expected
    assert all(finding.severity == "warning" and finding.path == "mkdocs.yml" for finding in findings)
    assert all("group them into sections" in finding.message for finding in findings)


def test_the_benchmark_corpus_groups_articles_and_the_baseline_gets_the_same_navigation(
    tmp_path: Path,
) -> None:
    project = generate(tmp_path / "project", CorpusSize(pages=400, bib_entries=800), repo=REPO)
    baseline = make_baseline(project, tmp_path / "baseline")
    nav = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert yaml.safe_load((baseline / "mkdocs.yml").read_text(encoding="utf-8"))["nav"] == nav
    sections = [entry for entry in nav if isinstance(entry, dict)]
    assert [next(iter(section)) for section in sections] == [f"Specialty {n}" for n in range(1, 6)]
    assert [len(next(iter(section.values()))) for section in sections] == [10, 10, 10, 10, 10]
    assert crowded_navigation_findings(nav, "") == []
    flat_size = CorpusSize(pages=400, bib_entries=800, articles_per_section=0)
    flat = generate(tmp_path / "flat", flat_size, repo=REPO)
    flat_nav = yaml.safe_load((flat / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert len(flat_nav) == 52 and len(crowded_navigation_findings(flat_nav, "")) == 1


