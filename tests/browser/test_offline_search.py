"""The offline site opened from disk in headless Debian Chromium (file://, every other request refused):
search finds an article's word."""

from __future__ import annotations

from typing import Any

import pytest
from sitebuild import BuildResult


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
