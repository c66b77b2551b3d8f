"""The writer's preview (`make serve`): findings shown on the page, never a stopped server.

Unit tables for medkb.preview, then a temp project driven through a sequence of edits with the
build `mkdocs serve` runs on each save (tests/servesession.py), its pages read with a parser.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from servesession import ServeSession, with_preview_settings
from sitebuild import FIXTURES, build, make_project

from medkb.preview import (
    line_anchor,
)

# --- A temp project through a sequence of edits, built as `mkdocs serve` builds on each save ---

SECTION = "docs/demo-article/section.md"
UNCITED = "Ketamine doubled the remission rate at four weeks in adults with treatment-resistant depression."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return with_preview_settings(make_project(tmp_path / "project", FIXTURES / "minimal"))


@pytest.fixture
def preview_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("MEDKB_PREVIEW", "true")
    yield


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def panel_lines(soup: BeautifulSoup) -> list[str]:
    """`path:line kind` of each finding the panel lists."""
    return [
        f"{item.code.get_text()} {item.strong.get_text()}"
        for item in soup.select(".medkb-findings .medkb-findings__item")
    ]


def append(project: Path, path: str, text: str) -> int:
    """Append a line to a source file; its line number."""
    target = project / path
    content = target.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n"
    target.write_text(content, encoding="utf-8")
    return content.count("\n")


def replace(project: Path, path: str, old: str, new: str) -> None:
    target = project / path
    content = target.read_text(encoding="utf-8")
    assert old in content
    target.write_text(content.replace(old, new, 1), encoding="utf-8")


def test_the_preview_shows_each_edits_findings_on_the_page(
    project: Path, preview_env: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    with ServeSession(project) as serve:
        serve.build()
        assert page(serve.site, "demo-article/section").select(".medkb-findings") == []

        # An uncited claim typed mid-page: the page renders, the panel names the line, the sentence is marked.
        uncited_line = append(project, SECTION, UNCITED)
        serve.build()
        soup = page(serve.site, "demo-article/section")
        assert panel_lines(soup) == [f"{SECTION}:{uncited_line} uncited claim"]
        link = soup.select_one(".medkb-findings__item a")
        mark = soup.select_one(link["href"])
        assert mark is not None and mark.name == "mark" and mark.get_text() == UNCITED
        assert mark["class"] == ["medkb-finding-mark"]
        assert soup.select_one("article h2#details") is not None  # the rest of the page is there
        assert f"{SECTION}:{uncited_line}: uncited claim:" in caplog.text  # the terminal says the same
        scripts = [script["src"] for script in soup.select("script[src]")]
        assert any(src.endswith("assets/javascripts/medkb-findings.js") for src in scripts)

        # A key in no bib file: still rendered, the citation shown as written, both lines listed.
        unknown_line = append(project, SECTION, "A second trial found the same.[@nosuchkey2020trial]")
        serve.build()
        soup = page(serve.site, "demo-article/section")
        assert panel_lines(soup) == [
            f"{SECTION}:{uncited_line} uncited claim",
            f"{SECTION}:{unknown_line} unknown cite key",
        ]
        assert "[@nosuchkey2020trial]" in soup.select_one(f"#{line_anchor(unknown_line)}").get_text()

        # Front matter that does not read: no stale page, the problem named with file and line instead.
        replace(project, SECTION, "title: Section", 'title: "Section')
        serve.build()
        soup = page(serve.site, "demo-article/section")
        blocking = soup.select(".medkb-findings__item--blocking")
        assert [item.code.get_text() for item in blocking] == [f"{SECTION}:6"]
        assert "front matter" in blocking[0].get_text()
        assert soup.select_one("article h2#details") is None
        assert panel_lines(page(serve.site, "demo-article")) == []  # the other pages render as before

        # A bib file that does not parse: every page names it.
        replace(project, SECTION, 'title: "Section', "title: Section")
        replace(project, "bib/demo.bib", "title = {A randomized", "title = {{A randomized")
        caplog.clear()
        serve.build()
        assert "does not contain an anchor" not in caplog.text  # links of the pages not shown are not checked
        for url in ("demo-article/section", "demo-article", "editorial-policy"):
            codes = [
                item.code.get_text()
                for item in page(serve.site, url).select(".medkb-findings__item--blocking")
            ]
            assert codes and all(code.startswith("bib/demo.bib:") for code in codes), url

        # Everything fixed: no panel anywhere.
        replace(project, "bib/demo.bib", "title = {{A randomized", "title = {A randomized")
        replace(project, SECTION, UNCITED, UNCITED[:-1] + ".[@zarate2006randomized]")
        replace(project, SECTION, "[@nosuchkey2020trial]", "[@zarate2006randomized]")
        serve.build()
        for html in serve.site.rglob("*.html"):
            soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
            assert soup.select(".medkb-findings, mark.medkb-finding-mark") == [], html


def test_no_panel_in_a_normal_build(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEDKB_PREVIEW", raising=False)
    result = build(project)
    assert result.ok, result.output
    for html in result.site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "medkb-findings" not in text, html
    append(project, SECTION, UNCITED)
    strict = build(project)
    assert not strict.ok and f"{SECTION}:" in strict.output and "uncited claim" in strict.output


def test_a_strict_build_refuses_the_preview(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDKB_PREVIEW", "true")
    result = build(project)
    assert not result.ok
    assert "extra.preview (MEDKB_PREVIEW=true) is for `make serve` only" in result.output
    assert "Traceback" not in result.output


def test_dirty_rebuilds_keep_one_search_entry_per_section(project: Path, preview_env: None) -> None:
    with ServeSession(project, dirty=True) as serve:
        serve.build()
        first = Counter(doc["location"] for doc in serve.search_index())
        for edit in range(3):
            append(project, SECTION, f"Edit {edit} was checked against its source.[@zarate2006randomized]")
            serve.build()
        locations = Counter(doc["location"] for doc in serve.search_index())
    assert any(location.startswith("demo-article/references/") for location in locations)
    assert [location for location, count in locations.items() if count > 1] == []
    assert set(locations) == set(first)


