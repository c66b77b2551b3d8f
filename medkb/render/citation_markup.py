"""Citations rendered as the footnotes extension renders them, without its work on every page.

mkdocs-bibtex turns `[@key]` into footnote references `[^key]` and appends one definition per cited
key; Markdown's footnotes extension then numbers them, links each to its entry and back, and lays the
entries out at the page's marker. That costs a 1,000-page build about 1.2 s (bench/RESULTS.md): each
reference makes Markdown scan the rest of its paragraph again with every inline pattern, and each
definition is parsed as a paragraph of its own. Here a page whose footnotes are all citations takes a
shorter road with the same result, byte for byte (tests/unit/test_citation_markup.py):

- before Markdown (`inline_citations`): each reference becomes a placeholder of private-use
  characters holding its number and key, the definitions are taken out, and a placeholder paragraph
  stands where the list goes;
- in Markdown (`CitationExtension`): one inline pattern, tried before the footnotes extension's,
  makes each placeholder the `<sup id="fnref:key">` link the footnotes extension would make, in the
  order it would make them (so the second citation of a key gets `fnref2:key` where it would);
- after Markdown (`with_footnote_list`): the list, with one back-link per citation of each entry.

A page with footnotes of its own (not citations) keeps the footnotes extension's road.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from medkb.checks.citations import mask_code
from medkb.render.citations import CITATION_ID_PATTERN, citation_ids
from medkb.render.references import ENTRY_END, ENTRY_START, FOOTNOTES_PLACE_MARKER

REF_START, REF_NUMBER_END, REF_END = "\ue004", "\ue005", "\ue006"
"""Private-use characters around a reference's number and key: no other inline pattern acts on them."""
LIST_MARK = "\ue007"
"""The paragraph that stands where the reference list goes."""
REF_PATTERN = r"\ue004(?P<number>[0-9]+)\ue005(?P<key>[^\ue006]+)\ue006"
PLACEHOLDER = re.compile(REF_PATTERN)
FOOTNOTE_REF = re.compile(r"\[\^(?P<key>[^\]]*)\]")
"""A footnote reference (the footnotes extension's pattern; read once the definitions are taken out)."""
DEFINITION_LINE = re.compile(r"^[ ]{0,3}\[\^(?P<key>[^\]]*)\]:[ ]*(?P<text>.*)$", re.MULTILINE)
"""A footnote definition (the footnotes extension's pattern)."""
CITED_REF = re.compile(f'<sup id="{CITATION_ID_PATTERN}"><a class="footnote-ref" ')
INLINE_PRIORITY = 176
"""Just before the footnotes extension's inline pattern (175), after backslash escapes (180)."""


@dataclass(frozen=True)
class InlineCitations:
    markdown: str
    keys: tuple[str, ...]
    """The cited keys, numbered from 1 in this order (the definitions' order, as footnotes number them)."""


def inline_citations(markdown: str) -> InlineCitations | None:
    """The page's Markdown with its citations as placeholders, or None when the page has footnotes of
    its own (anything but one definition per cited key, each holding only that key's entry placeholder)."""
    if FOOTNOTES_PLACE_MARKER not in markdown:
        return None
    keys: list[str] = []
    kept: list[str] = []
    last = 0
    for definition in DEFINITION_LINE.finditer(markdown):
        key = definition.group("key")
        if definition.group("text") != f"{ENTRY_START}{key}{ENTRY_END}" or key in keys:
            return None
        keys.append(key)
        kept.append(markdown[last : definition.start()])
        last = definition.end() + 1  # with its line break
    if not keys:
        return None
    kept.append(markdown[last:])
    text = "".join(kept)
    numbers = {key: number for number, key in enumerate(keys, 1)}
    masked = mask_code(text)
    pieces: list[str] = []
    last = 0
    for reference in FOOTNOTE_REF.finditer(masked):
        key = reference.group("key")
        if key not in numbers:
            return None  # a footnote that is not a citation
        pieces.append(text[last : reference.start()])
        pieces.append(f"{REF_START}{numbers[key]}{REF_NUMBER_END}{key}{REF_END}")
        last = reference.end()
    pieces.append(text[last:])
    text = "".join(pieces).replace(FOOTNOTES_PLACE_MARKER, LIST_MARK, 1)
    return InlineCitations(text, tuple(keys))


def with_footnote_list(html: str, keys: tuple[str, ...]) -> str:
    """The page's HTML with the reference list where its placeholder paragraph is, as the footnotes
    extension lays it out, and any placeholder Markdown left alone (raw HTML) written back as `[^key]`."""
    citations: dict[str, int] = {}
    for cited in CITED_REF.finditer(html):
        repeat = int(cited.group("occurrence") or 1)
        key = cited.group("key")
        citations[key] = max(citations.get(key, 0), repeat)
    items = []
    for number, key in enumerate(keys, 1):
        backlinks = "".join(
            f'<a class="footnote-backref" href="#{citation_ids(key, repeat).citation}" '
            f'title="Jump back to footnote {number} in the text">&#8617;</a>'
            for repeat in range(1, citations.get(key, 1) + 1)
        )
        entry_id = citation_ids(key).entry
        items.append(f'<li id="{entry_id}">\n<p>{ENTRY_START}{key}{ENTRY_END}&#160;{backlinks}</p>\n</li>\n')
    footnotes = f'<div class="footnote">\n<hr />\n<ol>\n{"".join(items)}</ol>\n</div>'
    html = html.replace(f"<p>{LIST_MARK}</p>", footnotes, 1)
    if REF_START in html:
        html = PLACEHOLDER.sub(lambda match: f"[^{match.group('key')}]", html)
    return html


class CitationProcessor(InlineProcessor):
    """A reference placeholder as the footnotes extension's `<sup>` link (FootnoteInlineProcessor)."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(REF_PATTERN, md)
        self.found: dict[str, int] = {}

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        key = m.group("key")
        repeat = self.found[key] = self.found.get(key, 0) + 1
        sup = etree.Element("sup")
        link = etree.SubElement(sup, "a")
        ids = citation_ids(key, repeat)
        sup.set("id", ids.citation)
        link.set("href", f"#{ids.entry}")
        link.set("class", "footnote-ref")
        link.text = AtomicString(m.group("number"))
        return sup, m.start(0), m.end(0)


class CitationExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        self.processor = CitationProcessor(md)
        md.inlinePatterns.register(self.processor, "medkb-citation", INLINE_PRIORITY)
        md.registerExtension(self)

    def reset(self) -> None:
        """A Markdown instance used for another page counts that page's citations afresh."""
        self.processor.found.clear()
