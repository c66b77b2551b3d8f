"""A finished page without the indentation of the theme's templates.

Material's templates are indented for the people who edit them, and every page carries that
indentation: about half of a page's bytes are spaces and blank lines between tags, most of them
in the navigation (55 KB of a 112 KB page in a 1,000-page site). White space between two tags that
holds a line break shows as at most one space, so it becomes a single line break; the page reads
and behaves the same.

Left as written: everything inside `<pre>`, `<code>`, `<kbd>` and `<textarea>` (white space shows
there: Material prints code and keys with `white-space: pre-wrap`), inside `<script>` and `<style>`
(program text; inline scripts are hashed for the Content-Security-Policy), text between tags that
is not only white space, and white space without a line break.
"""

from __future__ import annotations

import re

KEPT_ELEMENTS = ("pre", "code", "kbd", "textarea", "script", "style")
KEPT_START = re.compile(rf"<(?P<tag>{'|'.join(KEPT_ELEMENTS)})\b", re.IGNORECASE)
KEPT_END = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in KEPT_ELEMENTS}
BETWEEN_TAGS = re.compile(
    r"""(?x)
    >                   # the end of a tag
    (?:[ \t\r\f]+\n\s*  # white space holding a line break, and more than that line break
      |\n\s+)
    <                   # the start of the next
    """
)
"""A lone line break is left alone rather than replaced by itself: a page that is compact already
(or the parts of it that are, such as the cached navigation) costs a scan and no copying."""


def compact_html(page: str) -> str:
    """The page with each white-space run between tags that holds a line break cut to that line break."""
    pieces: list[str] = []
    done = 0
    while (kept := KEPT_START.search(page, done)) is not None:
        end = KEPT_END[kept.group("tag").lower()].search(page, kept.end())
        kept_end = end.end() if end is not None else len(page)  # a broken page: kept to its end
        pieces.append(_compacted(page[done : kept.start()], after_tag=done > 0, before_tag=True))
        pieces.append(page[kept.start() : kept_end])
        done = kept_end
    pieces.append(_compacted(page[done:], after_tag=done > 0, before_tag=False))
    return "".join(pieces)


def _compacted(html: str, *, after_tag: bool, before_tag: bool) -> str:
    """`html` compacted; `after_tag`, `before_tag`: a kept element ends before it, starts after it."""
    padded = f"{'>' if after_tag else ''}{html}{'<' if before_tag else ''}"
    return BETWEEN_TAGS.sub(">\n<", padded)[int(after_tag) : -1 if before_tag else None]
