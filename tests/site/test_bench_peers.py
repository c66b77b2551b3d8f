"""The benchmark's Material peer gets the corpus's pages: mkdocs-bibtex as its documentation configures it
(pruned and not), built for real, with a reference list on every page. The Sphinx peer lives in its own
environment (make bench): its sources are read in tests/unit/test_bench_peer_sources.py."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sitebuild import REPO

from bench.bench import mkdocs_build
from bench.corpus import CITED_KEYS, CorpusSize, generate, make_bibtex_peer
from medkb.engine import engine


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("bench") / "project", CorpusSize(pages=24, bib_entries=48), repo=REPO)


@pytest.mark.parametrize("prune", [True, False], ids=["pruned", "whole navigation"])
def test_the_mkdocs_bibtex_peer_builds_the_same_pages_with_a_reference_list_each(
    project: Path, tmp_path: Path, prune: bool
) -> None:
    peer = make_bibtex_peer(project, tmp_path / "peer", prune=prune)
    config = yaml.safe_load((peer / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["hooks"] == [] and config["plugins"] == ["search", {"bibtex": {"bib_file": "bib/bench.bib"}}]
    assert ("navigation.prune" in config["theme"]["features"]) is prune
    result = subprocess.run(mkdocs_build(module=engine()), cwd=peer, capture_output=True, text=True, check=False,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((peer / "site" / "topic-0001" / "dosing" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    source = (project / "docs" / "topic-0001" / "dosing.md").read_text(encoding="utf-8")
    cited = {key for match in CITED_KEYS.finditer(source) for key in match.group("keys").split(";")}
    assert len(cited) == CorpusSize.citations_per_page
    footnotes = {str(note["id"]) for note in page.select('[id^="fn:"]')}
    assert {f'fn:{key.strip().lstrip("@")}' for key in cited} <= footnotes


