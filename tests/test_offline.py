"""The offline site (OFFLINE=true, what `make offline` builds): opened from disk, search works.

Built from the real project, then opened in headless Debian Chromium from `file://`, with every
request that is not a local file refused, as on a ward without a network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sitebuild import REPO, BuildResult, build, make_project

SHIM = "assets/javascripts/iframe-worker-shim.js"


def build_offline(project: Path) -> BuildResult:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OFFLINE", "true")
        return build(project)


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = make_project(tmp_path_factory.mktemp("offline") / "project", REPO)
    (project / "node_modules").symlink_to(
        REPO / "node_modules"
    )  # installed by `npm ci` (make offline / make test)
    result = build_offline(project)
    assert result.ok, result.output
    return result


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


@pytest.fixture
def offline_page(browser: Any) -> Any:
    context = browser.new_context()
    outside: list[str] = []

    def only_files(route: Any) -> None:
        outside.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(("file:", "data:", "about:", "blob:")), only_files)
    page = context.new_page()
    page.outside_requests = outside
    yield page
    context.close()


def test_search_finds_an_article_word_from_disk(offline_site: BuildResult, offline_page: Any) -> None:
    problems: list[str] = []
    offline_page.on(
        "console", lambda message: problems.append(message.text) if message.type == "error" else None
    )
    offline_page.on("pageerror", lambda error: problems.append(str(error)))
    offline_page.goto((offline_site.site / "index.html").as_uri())
    offline_page.click("input.md-search__input")
    offline_page.keyboard.type("esketamine", delay=30)
    results = offline_page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert results.count() > 0
    assert "Initializing" not in offline_page.locator(".md-search-result__meta").inner_text()
    href = str(offline_page.locator(".md-search-result__item a").first.get_attribute("href"))
    article = (offline_site.site / "ketamine-depression").as_uri() + "/"
    assert href.startswith(article) and href.split("?")[0].endswith(".html"), href
    offline_page.locator(".md-search-result__item a").first.click()
    offline_page.wait_for_url(f"{article}**")
    assert "esketamine" in offline_page.locator("article").inner_text().lower()
    assert problems == [], problems  # no blocked script (CSP), no failed load
    assert offline_page.outside_requests == []


def test_offline_build_without_the_npm_shim_says_what_to_do(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", REPO)
    result = build_offline(project)
    assert not result.ok
    assert "node_modules/iframe-worker/shim/index.js is missing" in result.output
    assert "make offline" in result.output
    assert "Traceback" not in result.output
