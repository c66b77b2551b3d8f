"""The templates' indentation comes out of each page; what shows, runs or is hashed stays as written."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from medkb.render.compact_html import compact_html


@pytest.mark.parametrize(
    ("page", "compacted"),
    [
        ("<ul>\n    <li>a</li>\n    \n    <li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("<nav>\r\n\t\t<a>x</a>\n</nav>", "<nav>\n<a>x</a>\n</nav>"),
        # White space without a line break, and text, are left as they are.
        ("<b>a</b>   <i>b</i>", "<b>a</b>   <i>b</i>"),
        ("<span>\n    Title\n  </span>", "<span>\n    Title\n  </span>"),
        # Elements whose white space shows, runs or is hashed keep it, whatever their case.
        ("<div>\n  <pre><code>if x:\n    <b>y</b>\n</code></pre>\n</div>",
         "<div>\n<pre><code>if x:\n    <b>y</b>\n</code></pre>\n</div>"),
        ("<p>\n  <code>a >\n   < b</code>\n</p>", "<p>\n<code>a >\n   < b</code>\n</p>"),
        ("<KBD>\n  <b>Ctrl</b>\n</KBD>", "<KBD>\n  <b>Ctrl</b>\n</KBD>"),
        ("<textarea>\n  <x>\n</textarea >\n  <p>", "<textarea>\n  <x>\n</textarea >\n<p>"),
        ('<script>var s = "<a>\n  <b>";</script>\n  <p>', '<script>var s = "<a>\n  <b>";</script>\n<p>'),
        ("<style>\n  a > \n  b {}\n</style>", "<style>\n  a > \n  b {}\n</style>"),
        # A kept element that never ends is kept to the end of the page.
        ("<p>\n  <pre>\n  <b>\n  </b>", "<p>\n<pre>\n  <b>\n  </b>"),
        # Names that only start like a kept element are not kept.
        ("<codex>\n  <b>x</b>\n</codex>", "<codex>\n<b>x</b>\n</codex>"),
    ],
)
def test_white_space_between_tags_is_cut_to_a_line_break(page: str, compacted: str) -> None:
    assert compact_html(page) == compacted


PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Dosing - Site</title>
    <script>__md_scope=new URL("..",location)</script>
  </head>
  <body>
    <nav class="md-nav">
      <ul class="md-nav__list">
        <li class="md-nav__item">
          <a href="../" class="md-nav__link">
            <span class="md-ellipsis">
              Overview
            </span>
          </a>
        </li>
      </ul>
    </nav>
    <article>
      <h1>Dosing</h1>
      <p>Ketamine <em>0.5 mg/kg</em>
      <strong>over 40 minutes</strong>.<sup id="fnref:a"><a href="#fn:a">1</a></sup></p>
      <pre><code>line one
    indented line
</code></pre>
      <textarea>
  typed text
</textarea>
    </article>
  </body>
</html>
"""


def test_a_page_reads_the_same_and_keeps_its_code_scripts_and_form_text() -> None:
    compacted = compact_html(PAGE)
    assert len(compacted) < len(PAGE) - 100
    before, after = BeautifulSoup(PAGE, "html.parser"), BeautifulSoup(compacted, "html.parser")

    def words(soup: BeautifulSoup) -> list[str]:
        return soup.get_text(" ").split()

    assert words(after) == words(before)
    for selector in ("pre", "textarea", "script", "title"):
        assert [str(tag) for tag in after.select(selector)] == [str(tag) for tag in before.select(selector)]
    assert [tag.attrs for tag in after.find_all(True)] == [tag.attrs for tag in before.find_all(True)]
    # Inline elements on separate lines still read as separate words.
    assert "0.5 mg/kg over 40 minutes" in " ".join(words(after))


