"""The reader's experience in a real browser (headless Debian Chromium) against the built site served
on 127.0.0.1: the audience choice, citation previews by focus, hover and touch, search, JSON-LD,
"Cite this page", and axe-core accessibility checks in the light and dark colour schemes."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from browser import axe_violations, describe
from playwright.sync_api import Page, expect
from sitebuild import KETAMINE_PAGES, REPO

from medkb.sources.bibliography import load_bibliography

ARTICLE = "ketamine-depression/"
OVERVIEW = ARTICLE
DOSING = f"{ARTICLE}dosing/"
ARTICLE_PAGES = [*KETAMINE_PAGES, "references/"]
BIBLIOGRAPHY = load_bibliography(sorted((REPO / "bib").glob("*.bib")), REPO)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    """A fresh browser context (empty local storage) and page for one test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield tab
    context.close()
    assert not errors, f"JavaScript errors (a script blocked by the CSP shows here too): {errors}"


def blocks(page: Page) -> list[tuple[str, bool]]:
    """The audience blocks of the page in document order: (audience, open)."""
    return [
        (audience, bool(is_open))
        for audience, is_open in page.eval_on_selector_all(
            "article details[class*='audience-']",
            "els => els.map(e => [[...e.classList].find(c => c.startsWith('audience-')).slice(9), e.open])",
        )
    ]


def chosen(page: Page) -> str | None:
    return page.evaluate("() => localStorage.getItem('medkb.checks.audience')")


# ---------------------------------------------------------------------------------------------
# Audience choice
# ---------------------------------------------------------------------------------------------


def test_choosing_an_audience_changes_what_is_shown_and_survives_a_reload(page: Page, real_site_url: str) -> None:
    page.goto(real_site_url + OVERVIEW)
    choice = page.get_by_role("group", name="Which best describes you?")
    expect(choice).to_be_visible()
    assert blocks(page) == [("patient", True), ("professional", True)], "no choice yet: every block open"
    assert chosen(page) is None

    page.get_by_role("radio", name="Healthcare professional").check()
    assert blocks(page) == [("professional", True), ("patient", False)]
    expect(page.locator("details.audience-professional table")).to_be_visible()
    expect(page.locator("details.audience-patient > summary")).to_be_visible()
    expect(page.locator("details.audience-patient p").first).to_be_hidden()
    expect(page.get_by_role("status").filter(has_text="first;")).to_have_text(
        "Summary for healthcare professionals first; other readers' parts folded.")
    assert chosen(page) == "professional"

    page.reload()
    expect(page.get_by_role("radio", name="Healthcare professional")).to_be_checked()
    assert blocks(page) == [("professional", True), ("patient", False)]

    page.goto(real_site_url + DOSING)  # remembered on the other pages of the site
    expect(page.get_by_role("radio", name="Healthcare professional")).to_be_checked()

    page.goto(real_site_url + OVERVIEW)
    page.get_by_role("radio", name="Patient or caregiver").check()
    assert blocks(page) == [("patient", True), ("professional", False)]
    page.locator("details.audience-professional > summary").click()  # the other block can still be opened
    assert blocks(page) == [("patient", True), ("professional", True)]

    page.get_by_role("radio", name="Student").check()  # no block for students: the others fold
    assert blocks(page) == [("patient", False), ("professional", False)]
    expect(page.get_by_role("status").filter(has_text="No part written for students")).to_be_visible()


def test_audience_choice_works_with_the_keyboard_alone(page: Page, real_site_url: str) -> None:
    page.goto(real_site_url + OVERVIEW)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name === 'medkb-audience'"):
            break
    else:
        pytest.fail("the audience choice cannot be reached with Tab")
    page.keyboard.press("Space")
    expect(page.get_by_role("radio", name="Healthcare professional")).to_be_checked()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="Patient or caregiver")).to_be_checked()
    assert blocks(page) == [("patient", True), ("professional", False)]
    assert chosen(page) == "patient"
    page.locator("details.audience-professional > summary").focus()
    page.keyboard.press("Enter")
    assert blocks(page) == [("patient", True), ("professional", True)]


def test_without_javascript_every_block_is_visible(browser: Any, real_site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(real_site_url + OVERVIEW)
        assert blocks(page) == [("patient", True), ("professional", True)]
        expect(page.locator("details.audience-patient p").first).to_be_visible()
        expect(page.locator("details.audience-professional table")).to_be_visible()
        expect(page.locator("[data-medkb-audience]")).to_be_hidden()
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# Citation previews
# ---------------------------------------------------------------------------------------------


def reference_of(page: Page, index: int = 0) -> tuple[Any, str]:
    ref = page.locator("article a.footnote-ref").nth(index)
    key = str(ref.get_attribute("href")).removeprefix("#fn:")
    return ref, key


def test_citation_preview_opens_on_focus_and_closes_with_escape(page: Page, real_site_url: str) -> None:
    page.goto(real_site_url + DOSING)
    preview = page.locator("#medkb-citation-preview")
    expect(preview).to_be_hidden()
    ref, key = reference_of(page)
    reference = BIBLIOGRAPHY[key]
    ref.focus()
    expect(preview).to_be_visible()
    expect(preview).to_have_attribute("role", "tooltip")
    expect(preview).to_contain_text(reference.title_sentence)
    expect(preview).to_contain_text(reference.year)
    if reference.doi:
        expect(preview.locator("a.medkb-ref__doi")).to_have_attribute("href", reference.doi_url)
    # Screen readers get the same: the number is named and described by the full reference.
    expect(ref).to_have_attribute("aria-label", re.compile(r"^Reference \d+$"))
    described = page.locator(f"[id='{ref.get_attribute('aria-describedby')}']")
    expect(described).to_contain_text(reference.title_sentence)
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()
    assert page.evaluate("() => document.activeElement.classList.contains('footnote-ref')")
    # Tab moves on to the next citation number and its preview.
    page.keyboard.press("Tab")
    next_key = page.evaluate("() => document.activeElement.getAttribute('href')").removeprefix("#fn:")
    expect(preview).to_be_visible()
    expect(preview).to_contain_text(BIBLIOGRAPHY[next_key].title_sentence)


def test_citation_preview_opens_on_hover(page: Page, real_site_url: str) -> None:
    page.goto(real_site_url + DOSING)
    preview = page.locator("#medkb-citation-preview")
    ref, key = reference_of(page, 2)
    ref.hover()
    expect(preview).to_be_visible()
    expect(preview).to_contain_text(BIBLIOGRAPHY[key].title_sentence)
    preview.hover()  # the preview can be hovered, to reach its links
    page.wait_for_timeout(400)
    expect(preview).to_be_visible()
    page.mouse.move(5, 5)
    expect(preview).to_be_hidden()


def test_citation_preview_on_a_touch_screen(browser: Any, real_site_url: str) -> None:
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(real_site_url + DOSING)
        preview = page.locator("#medkb-citation-preview")
        ref, key = reference_of(page, 1)
        ref.scroll_into_view_if_needed()
        scrolled = page.evaluate("() => window.scrollY")
        ref.tap()
        expect(preview).to_be_visible()
        expect(preview).to_contain_text(BIBLIOGRAPHY[key].title_sentence)
        assert "#" not in page.url and page.evaluate("() => window.scrollY") == scrolled, "the first tap stays"
        box = preview.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, "fits the screen"
        page.locator("article h1").tap()
        expect(preview).to_be_hidden()
        ref.tap()
        expect(preview).to_be_visible()
        ref.tap()  # a second tap goes to the reference list
        expect(page).to_have_url(re.compile(rf"#fn:{key}$"))
        expect(preview).to_be_hidden()
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# Search, JSON-LD, Cite this page
# ---------------------------------------------------------------------------------------------


def test_search_finds_the_article(page: Page, real_site_url: str) -> None:
    page.goto(real_site_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("esketamine")
    # The list is redrawn after each key; wait for a result of the finished word rather than reading
    # the links of a list that may be replaced meanwhile.
    results = page.locator('.md-search-result__item a[href*="ketamine-depression/"]')
    expect(results.first).to_be_visible(timeout=15000)


@pytest.mark.parametrize("slug", ["", "dosing/"])
def test_json_ld_parses_in_the_browser(page: Page, real_site_url: str, slug: str) -> None:
    page.goto(real_site_url + ARTICLE + slug)
    data = page.evaluate(
        "() => JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == page.locator("article h1").inner_text().strip()
    assert data["description"] == page.locator("meta[name='description']").get_attribute("content")
    assert all(citation["name"] for citation in data["citation"])
    json.dumps(data)


def test_cite_this_page_fills_in_date_and_address_and_copies(browser: Any, real_site_url: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=real_site_url.rstrip("/"))
    try:
        page = context.new_page()
        page.goto(real_site_url + DOSING)
        today = dt.date.fromisoformat(page.evaluate(
            "() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0')"
            " + '-' + String(d.getDate()).padStart(2, '0'); }"))
        box = page.locator("aside.medkb-cite")
        plain = box.locator(".medkb-cite__text")
        updated = dt.date.fromisoformat(str(page.locator(".medkb-updated time").get_attribute("datetime")))
        expect(plain).to_have_text(
            "NMDA receptor antagonists such as ketamine in depression: Dosing protocols. Clinical Evidence Knowledge "
            f"Base. Updated {updated.day} {MONTHS[updated.month - 1]} {updated.year}. Accessed {today.day} {MONTHS[today.month - 1]} {today.year}. "
            f"{real_site_url}{DOSING}"
        )
        bibtex = box.locator(".medkb-cite__bibtex").inner_text()
        assert f"  url = {{{real_site_url}{DOSING}}},\n  urldate = {{{today.isoformat()}}}\n}}" in bibtex
        box.get_by_role("button", name="Copy the BibTeX citation").click()
        expect(box.locator(".medkb-cite__bibtex ~ [role='status']")).to_have_text("Copied.")
        assert page.evaluate("() => navigator.clipboard.readText()") == bibtex
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# Accessibility: axe-core, light and dark schemes
# ---------------------------------------------------------------------------------------------


@pytest.fixture(params=["light", "dark"])
def scheme_page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Page]:
    # bypass_csp: axe-core is injected as an inline script, which the site's CSP rightly refuses.
    context = browser.new_context(color_scheme=request.param, viewport={"width": 1280, "height": 900},
                                  bypass_csp=True)
    tab = context.new_page()
    tab.medkb_scheme = "slate" if request.param == "dark" else "default"  # type: ignore[attr-defined]
    yield tab
    context.close()


def check_scheme(page: Page) -> None:
    expected = page.medkb_scheme  # type: ignore[attr-defined]
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == expected


@pytest.mark.parametrize("slug", ARTICLE_PAGES)
def test_article_pages_have_no_serious_accessibility_violations(scheme_page: Page, real_site_url: str,
                                                                slug: str) -> None:
    scheme_page.goto(real_site_url + ARTICLE + slug)
    check_scheme(scheme_page)
    violations = axe_violations(scheme_page)
    assert not violations, describe(violations)


def test_the_accessibility_check_reports_what_it_should(scheme_page: Page, real_site_url: str) -> None:
    """The control for the axe tests: an image without a text alternative and pale grey text on an article
    page are serious violations, named with the elements."""
    scheme_page.goto(real_site_url + DOSING)
    scheme_page.evaluate("""() => {
        const article = document.querySelector("article");
        article.insertAdjacentHTML("afterbegin",
            '<img id="no-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">' +
            '<p id="pale" style="color: #777; background: #888">Text no one can read.</p>');
    }""")
    violations = {violation["id"]: violation for violation in axe_violations(scheme_page)}
    assert {"image-alt", "color-contrast"} <= set(violations), describe(list(violations.values()))
    assert any(node.startswith("#no-alt") for node in violations["image-alt"]["nodes"])
    assert any(node.startswith("#pale") for node in violations["color-contrast"]["nodes"])


def test_chosen_audience_and_open_preview_have_no_serious_accessibility_violations(scheme_page: Page,
                                                                                  real_site_url: str) -> None:
    scheme_page.goto(real_site_url + OVERVIEW)
    check_scheme(scheme_page)
    scheme_page.get_by_role("radio", name="Healthcare professional").check()
    scheme_page.locator("details.audience-professional a.footnote-ref").first.focus()
    expect(scheme_page.locator("#medkb-citation-preview")).to_be_visible()
    violations = axe_violations(scheme_page)
    assert not violations, describe(violations)


# ---------------------------------------------------------------------------------------------
# The first screen: title, question, status line and the start of the answer
# ---------------------------------------------------------------------------------------------

PHONE = {"width": 390, "height": 844}
FIRST_SENTENCE_BOX = """() => {
    // The first paragraph of the text (not the question, status line, notices or audience choice),
    // and the box of its first sentence: up to the first full stop followed by a space or the end.
    const lead = ".medkb-question, .medkb-review, .medkb-audience, .medkb-download";
    const paragraph = [...document.querySelectorAll("article.md-content__inner p")]
        .find(p => !p.closest(lead) && p.textContent.trim());
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    range.setStart(paragraph, 0);
    range.setEndAfter(paragraph.lastChild);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest("sup")) continue;
        const match = /\\.(\\s|$)/.exec(node.textContent);
        if (match) { range.setEnd(node, match.index + 1); break; }
    }
    const box = range.getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, text: range.toString()};
}"""


def box_of(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("slug", list(KETAMINE_PAGES))
def test_a_phone_shows_the_title_and_the_first_sentence_of_the_answer_without_scrolling(
    browser: Any, real_site_url: str, scheme: str, slug: str
) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(real_site_url + ARTICLE + slug)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == expected
        header = box_of(page, "header.md-header")
        title = box_of(page, "article h1")
        assert title["y"] >= header["y"] + header["height"] - 1, "the title is not under the header"
        assert title["y"] + title["height"] <= PHONE["height"], f"the title ends at {title}"
        status = box_of(page, ".medkb-review")
        assert title["y"] + title["height"] <= status["y"], "the title comes before the status line"
        sentence = page.evaluate(FIRST_SENTENCE_BOX)
        assert sentence["text"].strip().endswith("."), sentence
        assert status["y"] < sentence["top"], "the status line comes before the answer"
        assert sentence["bottom"] <= PHONE["height"], (
            f"the first sentence ({sentence['text'][:60]}...) ends at y={sentence['bottom']:.0f}, below the first screen"
        )
        # One compact status line: the stepper's steps side by side, the current one named in words.
        steps = page.locator(".medkb-tracker__steps > li")
        tops = {round(step["y"]) for step in (steps.nth(i).bounding_box() for i in range(steps.count())) if step}
        assert len(tops) == 1, f"the stepper's steps are not on one row: {tops}"
        expect(page.locator(".medkb-tracker__title")).to_contain_text("Review status:")
        # The notices are one short banner; its details (the notices in full, the history) one tap away.
        banner = page.locator("details.medkb-notice")
        assert banner.evaluate("e => e.open") is False
        assert box_of(page, "details.medkb-notice > summary")["height"] <= 3 * 24
        expect(page.locator(".medkb-banner--educational")).to_be_hidden()
        banner.locator("> summary").tap()
        expect(page.locator(".medkb-banner--educational")).to_be_visible()
        # The site's name is shown whole in the header.
        name = page.locator(".md-header__topic").first
        assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the site's name is cut"
    finally:
        context.close()


@pytest.mark.parametrize("width", [PHONE["width"], 1280])
@pytest.mark.parametrize("slug", ["", "mechanism/", "dosing/"])
def test_every_citation_number_is_a_tap_target_of_at_least_24_px(browser: Any, real_site_url: str, slug: str,
                                                                  width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500,
                                  has_touch=width < 500)
    try:
        page = context.new_page()
        page.goto(real_site_url + ARTICLE + slug)
        boxes = page.evaluate("""() => [...document.querySelectorAll("article a.footnote-ref")]
            .filter(a => a.checkVisibility() && !a.closest(".citation-in-range"))
            .map(a => { const b = a.getBoundingClientRect();
                        return {text: a.textContent, x: b.x, y: b.y, w: b.width, h: b.height}; })""")
        assert boxes
        small = [box for box in boxes if box["w"] < 24 or box["h"] < 24]
        assert not small, f"targets under 24 x 24 px: {small[:5]}"
        split = page.evaluate("""() => [...document.querySelectorAll("article sup.citation-range")]
            .filter(dash => dash.checkVisibility())
            .filter(dash => { let last = dash.nextElementSibling;
                              while (last && last.matches(".citation-in-range")) last = last.nextElementSibling;
                              return Math.abs(dash.previousElementSibling.getBoundingClientRect().top
                                              - last.getBoundingClientRect().top) > 2; }).length""")
        assert split == 0, "a range ('1–3') is split across two lines"
        for before, after in itertools.pairwise(boxes):
            same_line = abs(before["y"] - after["y"]) < 2
            assert not (same_line and before["x"] < after["x"] < before["x"] + before["w"] - 0.5), (
                f"the targets of {before['text']} and {after['text']} overlap"
            )
    finally:
        context.close()



# ---------------------------------------------------------------------------------------------
# The audience choice does something on every article page
# ---------------------------------------------------------------------------------------------

FIRST_BLOCK = """() => {
    // The first element of the text after the audience choice, and whether it is shown.
    const choice = document.querySelector("[data-medkb-audience]");
    const first = choice.nextElementSibling;
    return {classes: [...first.classList], open: first.open === true, title: first.querySelector("summary")?.textContent.trim()};
}"""
SECTIONS = """() => [...document.querySelectorAll("article.md-content__inner > h2")]
    .filter(h => h.id !== "references" && !h.closest("aside"))
    .map(h => ({heading: h.textContent.trim(), shown: !!h.nextElementSibling && (h.nextElementSibling.matches("button")
        ? (h.nextElementSibling.nextElementSibling ? h.nextElementSibling.nextElementSibling.checkVisibility() : false)
        : h.nextElementSibling.checkVisibility())}))"""


@pytest.mark.parametrize("slug", list(KETAMINE_PAGES))
def test_the_audience_choice_changes_every_article_page(page: Page, real_site_url: str, slug: str) -> None:
    page.goto(real_site_url + ARTICLE + slug)
    sections = page.evaluate(SECTIONS)
    assert sections and all(section["shown"] for section in sections), "no choice yet: everything shows"
    expect(page.locator(".medkb-disclaimer--professional")).to_be_visible()

    # Patients: the plain-language summary leads, the detailed sections fold, the disclaimer is theirs.
    page.get_by_role("radio", name="Patient or caregiver").check()
    first = page.evaluate(FIRST_BLOCK)
    assert "audience-patient" in first["classes"] and first["open"], first
    folded = page.evaluate(SECTIONS)
    assert folded and not any(section["shown"] for section in folded), folded
    toggles = page.locator("button.medkb-section-toggle")
    expect(toggles.first).to_have_attribute("aria-expanded", "false")
    toggles.first.click()  # a folded section is one tap away
    expect(toggles.first).to_have_attribute("aria-expanded", "true")
    assert page.evaluate(SECTIONS)[0]["shown"]
    expect(page.locator(".medkb-disclaimer--patient")).to_be_visible()
    expect(page.locator(".medkb-disclaimer--professional")).to_be_hidden()
    sentence = page.evaluate(FIRST_SENTENCE_BOX)
    assert sentence["text"].strip().endswith(".")

    # Professionals: a bottom line (on the overview, the quick reference) leads; every section is open.
    page.get_by_role("radio", name="Healthcare professional").check()
    first = page.evaluate(FIRST_BLOCK)
    assert "audience-professional" in first["classes"] and first["open"], first
    assert first["title"].startswith("Bottom line" if slug else "Quick reference"), first
    assert all(section["shown"] for section in page.evaluate(SECTIONS))
    expect(page.locator("button.medkb-section-toggle").first).to_be_hidden()
    expect(page.locator(".medkb-disclaimer--professional")).to_be_visible()
    expect(page.locator(".medkb-disclaimer--patient")).to_be_hidden()

    page.reload()  # the choice is kept
    assert "audience-professional" in page.evaluate(FIRST_BLOCK)["classes"]
    assert page.locator(".medkb-term__explain").count() > 0, "the page uses at least one of the article's key terms"
    expect(page.locator(".medkb-term__explain:visible")).to_have_count(0)

    # Students: key terms explained where the page first uses them.
    page.get_by_role("radio", name="Student").check()
    explanations = page.locator(".medkb-term__explain:visible")
    expect(explanations.first).to_be_visible()
    assert explanations.first.evaluate("e => e.previousElementSibling.matches('dfn.medkb-term')")
    expect(explanations.first.locator("a.medkb-term__source")).to_have_attribute("href", re.compile(r"references/#ref-"))


@pytest.mark.parametrize("slug", list(KETAMINE_PAGES))
def test_without_javascript_every_part_of_every_article_page_shows(browser: Any, real_site_url: str,
                                                                    slug: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(real_site_url + ARTICLE + slug)
        assert [audience for audience, _open in blocks(page)][:2] and all(o for _a, o in blocks(page))
        assert {audience for audience, _open in blocks(page)} >= {"patient", "professional"}
        expect(page.locator(".medkb-disclaimer--patient")).to_be_visible()
        expect(page.locator(".medkb-disclaimer--professional")).to_be_visible()
        expect(page.locator("button.medkb-section-toggle")).to_have_count(0)
        expect(page.locator(".medkb-term__explain").first).to_be_visible()
    finally:
        context.close()


def test_a_wide_table_on_a_phone_says_it_scrolls_and_scrolls(browser: Any, real_site_url: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(real_site_url + OVERVIEW)
        frame = page.locator("details.audience-professional .medkb-table--scrolls")
        expect(frame).to_have_count(1)
        hint = page.locator("details.audience-professional .medkb-scroll-hint")
        expect(hint).to_be_visible()
        expect(hint).to_have_text("Scroll sideways to see the whole table \u2192")
        assert frame.evaluate("e => e.scrollWidth > e.clientWidth"), "the table is wider than the screen"
        frame.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.activeElement.scrollLeft > 0")
        hint_box, frame_box = hint.bounding_box(), frame.bounding_box()
        assert hint_box and frame_box and hint_box["y"] + hint_box["height"] <= frame_box["y"] + 1, "the words stand above it"
    finally:
        context.close()


def test_a_table_that_fits_gets_no_scroll_hint(page: Page, real_site_url: str) -> None:
    page.goto(real_site_url + ARTICLE + "antidepressant-efficacy/")
    page.wait_for_timeout(300)
    assert page.locator("article table").count() > 0
    expect(page.locator(".medkb-scroll-hint:visible")).to_have_count(0)



def test_searching_for_an_author_lands_on_the_entry_highlighted(page: Page, real_site_url: str) -> None:
    page.goto(real_site_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("Zarate")
    result = page.locator('.md-search-result__item a[href*="#ref-zarate"]').first
    expect(result).to_be_visible(timeout=15000)
    result.click()
    expect(page).to_have_url(re.compile(r"references/\?h=zarate#ref-zarate|references/#ref-zarate"))
    target = page.locator("li:has(.medkb-refindex__entry:target)")
    expect(target).to_have_count(1)
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid", "the entry is marked"
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the entry is on screen"
    expect(target.locator("mark").first).to_contain_text(re.compile("zarate", re.IGNORECASE))



@pytest.mark.parametrize("reader", ["Patient or caregiver", "Student"])
def test_each_audience_view_has_no_serious_accessibility_violations(scheme_page: Page, real_site_url: str,
                                                                    reader: str) -> None:
    """What a chosen reader sees (summary first, folded sections and their buttons, key terms explained)."""
    scheme_page.goto(real_site_url + DOSING)
    check_scheme(scheme_page)
    scheme_page.get_by_role("radio", name=reader).check()
    violations = axe_violations(scheme_page)
    assert not violations, describe(violations)
