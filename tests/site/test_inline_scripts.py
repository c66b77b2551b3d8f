"""The real site runs no inline script: the content security policy (medkb.render.csp) holds on every built
page."""

from __future__ import annotations

from sitebuild import BuildResult

from medkb.render.csp import inline_script_problems


def test_the_real_site_runs_no_inline_script(real_site: BuildResult) -> None:
    pages = sorted(real_site.site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        assert inline_script_problems(page.read_text(encoding="utf-8")) == [], page
