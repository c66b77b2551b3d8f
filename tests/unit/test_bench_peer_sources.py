"""The benchmark's peers without a build: the Sphinx peer's sources (every citation a MyST role, the same
navigation), and the preview measured as `make serve` runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import REPO

from bench.bench import SERVE_ARGUMENTS
from bench.corpus import CITED_KEYS, CorpusSize, generate, make_sphinx_peer


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("bench") / "project", CorpusSize(pages=24, bib_entries=48), repo=REPO)


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
