"""The offline site (OFFLINE=true, what `make offline` builds, tests/conftest.py): pages are files, nothing
is loaded from elsewhere, and the search shim loads first. Search from disk in a browser is in
tests/browser/test_offline_search.py."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from sitebuild import REPO, BuildResult, build_offline, make_project

SHIM = "assets/javascripts/iframe-worker-shim.js"


def test_pages_are_files_and_nothing_is_loaded_from_elsewhere(offline_site: BuildResult) -> None:
    site = offline_site.site
    assert (site / "ketamine-depression" / "dosing.html").is_file()  # no directory URLs: links work from disk
    assert (site / "search" / "search_index.js").is_file()
    shim = site / SHIM
    assert shim.read_text(encoding="utf-8") == (REPO / "node_modules/iframe-worker/shim/index.js").read_text(
        encoding="utf-8"
    )
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["script", "link", "img", "iframe"]):
            address = str(tag.get("src") or tag.get("href") or "")
            assert "://" not in address and not address.startswith("//"), f"{page.name} loads {address}"


def test_the_shim_loads_before_materials_scripts(offline_site: BuildResult) -> None:
    soup = offline_site.page("ketamine-depression/dosing.html")
    sources = [str(script["src"]) for script in soup.find_all("script", src=True)]
    shim = next(index for index, src in enumerate(sources) if src.endswith(SHIM))
    bundle = next(index for index, src in enumerate(sources) if "/bundle." in src)
    assert sources[shim] == f"../{SHIM}"
    assert shim < bundle


def test_offline_build_without_the_npm_shim_says_what_to_do(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", REPO)
    result = build_offline(project)
    assert not result.ok
    assert "node_modules/iframe-worker/shim/index.js is missing" in result.output
    assert "make offline" in result.output
    assert "Traceback" not in result.output
