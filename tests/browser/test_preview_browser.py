"""The writer's preview in a real browser (headless Debian Chromium): the findings panel shows under the
site's Content-Security-Policy, links to the marked sentence, and can be dismissed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import axe_violations, serve
from playwright.sync_api import Page, expect
from servesession import ServeSession, with_preview_settings
from sitebuild import FIXTURES, make_project

SECTION = "docs/demo-article/section.md"
UNCITED = "Ketamine doubled the remission rate at four weeks in adults with treatment-resistant depression."


@pytest.fixture
def preview_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The section page of a small project with an uncited claim, built as `make serve` builds it."""
    monkeypatch.setenv("MEDKB_PREVIEW", "true")
    project = with_preview_settings(make_project(tmp_path / "project", FIXTURES / "minimal"))
    section = project / SECTION
    section.write_text(
        section.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{UNCITED}\n", encoding="utf-8"
    )
    with ServeSession(project) as session:
        session.build()
    with serve(session.site) as url:
        yield f"{url}demo-article/section/"


def open_page(browser: Any, url: str, *, bypass_csp: bool = False) -> tuple[Any, Page, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    return context, page, errors


def test_the_panel_shows_links_to_the_sentence_and_can_be_dismissed(browser: Any, preview_url: str) -> None:
    context, page, errors = open_page(browser, preview_url)
    try:
        panel = page.locator("[data-medkb-findings]")
        expect(panel).to_be_visible()
        expect(panel).to_contain_text("uncited claim")
        mark = page.locator("mark.medkb-finding-mark")
        expect(mark).to_have_text(UNCITED)
        assert mark.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"

        panel.get_by_role("link").first.click()
        expect(page).to_have_url(f"{preview_url}#{mark.get_attribute('id')}")
        expect(mark).to_be_in_viewport()

        dismiss = panel.get_by_role("button", name="Dismiss")
        expect(dismiss).to_be_visible()  # shown by our script: it ran under the page's CSP
        dismiss.click()
        expect(panel).to_be_hidden()
        expect(mark).to_be_visible()  # the marks stay in the text
        assert not errors, f"JavaScript errors (a script blocked by the CSP shows here too): {errors}"
    finally:
        context.close()


def test_the_panel_passes_axe(browser: Any, preview_url: str) -> None:
    context, page, _errors = open_page(browser, preview_url, bypass_csp=True)  # axe is injected inline
    try:
        violations = [
            violation
            for violation in axe_violations(page)
            if any("medkb-finding" in node for node in violation["nodes"])
        ]
        assert violations == []
    finally:
        context.close()
