"""The built pages of the real site carry no template indentation (medkb.render.compact)."""

from __future__ import annotations

import re

from sitebuild import BuildResult


def test_the_built_pages_carry_no_template_indentation(real_site: BuildResult) -> None:
    page = (real_site.site / "ketamine-depression" / "dosing" / "index.html").read_text(encoding="utf-8")
    outside_kept = re.sub(r"(?si)<(pre|code|kbd|textarea|script|style)\b.*?</\1\s*>", "<kept>", page)
    assert not re.search(r">\s*\n\s*\n\s*<", outside_kept), "no blank lines between tags"
    # (hooks/security.py adds the Content-Security-Policy after this hook, on a line of its own)
    indented = re.findall(r">\n[ \t]+<(?!meta http-equiv=\"Content-Security-Policy\")", outside_kept)
    assert not indented, "no indentation before a tag"
    soup = real_site.page("ketamine-depression/dosing/")
    assert soup.select_one("nav.md-nav--primary") is not None and soup.select_one("article h1") is not None
