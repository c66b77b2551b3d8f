"""The benchmark's peers get the corpus's pages: mkdocs-bibtex as its documentation configures it (pruned and
not), Sphinx with every citation as a MyST role and a reference list on every page. The Material peer is
built here for real; the Sphinx peer lives in its own environment (make bench), so its sources are read."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from sitebuild import REPO

from bench.bench import SERVE_ARGUMENTS, mkdocs_build
from bench.corpus import CITED_KEYS, CorpusSize, generate, make_bibtex_peer, make_sphinx_peer
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
    page = (peer / "site" / "topic-0001" / "dosing" / "index.html").read_text(encoding="utf-8")
    source = (project / "docs" / "topic-0001" / "dosing.md").read_text(encoding="utf-8")
    cited = {key for match in CITED_KEYS.finditer(source) for key in match.group("keys").split(";")}
    assert len(cited) == CorpusSize.citations_per_page
    assert {f'id="fn:{key.strip().lstrip("@")}"' for key in cited} <= set(re.findall(r'id="fn:[^"]+"', page))


def test_the_sphinx_peer_has_every_citation_as_a_myst_role_and_the_same_navigation(
    project: Path, tmp_path: Path
) -> None:
    peer = make_sphinx_peer(project, tmp_path / "sphinx")
    source = peer / "source"
    pages = sorted(path.relative_to(project / "docs") for path in (project / "docs").glob("topic-*/*.md"))
    assert sorted(path.relative_to(source) for path in source.glob("topic-*/*.md")) == pages
    for page in pages:
        ours = (project / "docs" / page).read_text(encoding="utf-8")
        theirs = (source / page).read_text(encoding="utf-8")
        assert "[@" not in theirs
        assert theirs.count("{footcite:p}`") == len(CITED_KEYS.findall(ours)) > 0
        assert "```{footbibliography}\n```" in theirs
    home = (source / "index.md").read_text(encoding="utf-8")
    assert home.count(":caption: Specialty") == 1 and "topic-0002/index" in home
    overview = (source / "topic-0000" / "index.md").read_text(encoding="utf-8")
    assert overview.rstrip().endswith("efficacy\ndosing\nsafety\nmonitoring\nspecial-populations\ncomparisons\n"
                                      "limitations\n```")
    assert "bibtex_bibfiles = ['bench.bib']" in (source / "conf.py").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="unknown theme"):
        make_sphinx_peer(project, tmp_path / "other", theme="classic")


def test_the_preview_is_measured_as_make_serve_runs_it() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nserve:", 1)[1].split("\n")[1]
    assert recipe.split("-m $(MKDOCS) ", 1)[1].split() == list(SERVE_ARGUMENTS)
    assert "MEDKB_PREVIEW=true" in recipe
