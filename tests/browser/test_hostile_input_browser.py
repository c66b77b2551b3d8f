"""Hostile input in headless Chromium: the browser runs the site's scripts and blocks injected ones (the
content security policy), and a script in front matter never runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from browser import serve
from sitebuild import BuildResult, build

SECTION = "docs/demo-article/section.md"
OVERVIEW = "docs/demo-article/index.md"


def test_the_browser_runs_our_scripts_and_blocks_injected_ones(
    browser: Any, real_site: BuildResult, real_site_url: str
) -> None:
    page = browser.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    for url in ("", "ketamine-depression/", "ketamine-depression/dosing/"):
        page.goto(real_site_url + url)
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.documentElement.classList.contains('js')"), url  # the bundle ran
        assert page.evaluate("() => typeof __md_scope !== 'undefined'"), url  # Material's base script (a file) ran
    assert refused == []

    injected = inject(real_site.site / "ketamine-depression/dosing/index.html")
    (real_site.site / "ketamine-depression/dosing/injected.html").write_text(injected, encoding="utf-8")
    without_policy = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", injected)
    (real_site.site / "ketamine-depression/dosing/unprotected.html").write_text(
        without_policy, encoding="utf-8"
    )
    try:
        page.goto(real_site_url + "ketamine-depression/dosing/injected.html")
        page.wait_for_load_state("load")
        assert page.evaluate("() => [window.__injected, window.__onerror]") == [None, None]
        assert any("inline script" in text for text in refused), refused
        page.goto(real_site_url + "ketamine-depression/dosing/unprotected.html")  # the control: it can fail
        page.wait_for_function("() => window.__onerror === 1")
        assert page.evaluate("() => window.__injected") == 1
    finally:
        for name in ("injected.html", "unprotected.html"):
            (real_site.site / "ketamine-depression/dosing" / name).unlink()
        page.close()

def inject(page_html: str | Path) -> str:
    """The page with an inline script and an event handler in its body, as an injection would add them."""
    text = page_html.read_text(encoding="utf-8") if isinstance(page_html, Path) else page_html
    payload = '<script>window.__injected = 1</script><img src="nowhere.png" onerror="window.__onerror = 1">'
    return text.replace("</body>", payload + "</body>", 1)


SCRIPTED = "<script>window.__frontMatter = 1</script><img src=x onerror=\"window.__frontMatterImage = 1\">"


def test_a_script_in_front_matter_does_not_run_in_the_browser(minimal_project: Path, browser: Any) -> None:
    """Text fields carrying a script are allowed (they are text) and shown as text on every page that prints
    them: the article's own page, its section's navigation, the neighbour's footer link."""
    for page in (OVERVIEW, SECTION):
        path = minimal_project / page
        text = "\n".join(line for line in path.read_text(encoding="utf-8").split("\n")
                         if not line.startswith("description: "))
        title = next(line for line in text.split("\n") if line.startswith("title: "))
        path.write_text(
            text.replace(title, f"title: '{SCRIPTED}'\nsubtitle: '{SCRIPTED}'\ndescription: '{SCRIPTED}'", 1),
            encoding="utf-8",
        )

    result = build(minimal_project)

    assert result.ok, result.output
    with serve(result.site) as url:
        page = browser.new_page()
        violations: list[str] = []
        page.on("console", lambda message: violations.append(message.text))
        try:
            for address in ("demo-article/", "demo-article/section/"):
                page.goto(url + address)
                page.wait_for_load_state("load")
                assert page.evaluate("() => typeof __md_scope") != "undefined"  # the site's own scripts ran
                assert page.evaluate("() => [window.__frontMatter, window.__frontMatterImage]") == [None, None]
                assert SCRIPTED in page.locator("article h1").inner_text()
                assert page.locator("script:not([src]):not([type]), [onerror]").count() == 0
        finally:
            page.close()
    assert not [text for text in violations if "Content Security Policy" in text], violations
