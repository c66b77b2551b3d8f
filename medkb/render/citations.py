"""Citations from `[@key]` to the numbered `<sup>` and the entry in the reference list: the one pipeline.

mkdocs-bibtex reads the citations and makes them Markdown footnotes; everything else is here, step by
step, in the order a page goes through it. The hook running each step is named in brackets.

On the page's Markdown:

1. `protect_code_citations` [hooks/citation_guard.py, before mkdocs-bibtex]: the '@' of a `[@` inside
   code or an HTML comment becomes `CODE_AT`, so that mkdocs-bibtex, which rewrites every `[@...]`,
   leaves it as written.
2. `sorted_citation_blocks` [hooks/references.py, before mkdocs-bibtex]: the keys of `[@b; @a]` in the
   order of their numbers (a key's number is fixed by its first citation on the page).
3. mkdocs-bibtex: each `[@key]` becomes a footnote reference `[^key]`, and one definition `[^key]: text`
   per cited key is appended; the text is asked of our registry (hooks/references.py), which answers
   `entry_placeholder(key)`: the entry itself is rendered from our template later, in HTML (step 8).
4. `with_reference_list` [hooks/references.py, after mkdocs-bibtex]: the 'References' heading
   (`REFERENCES_ID`) and the footnotes extension's place marker at the end of the page; `[^a][^b]`
   separated (`CITATION_SEPARATOR`), so that they read '1,2', not '12'.
5. `inline_citations` [same step]: when every footnote of the page is a citation (every page but those
   with footnotes of their own), the definitions are taken out, each `[^key]` becomes a citation
   placeholder holding its number and key, and the marker a reference-list placeholder. A page with
   footnotes of its own keeps the footnotes extension's road, which makes the same markup (steps 6-7).

In Markdown:

6. `CitationExtension`: each citation placeholder becomes `<sup id="fnref:key"><a class="footnote-ref"
   href="#fn:key">N</a></sup>`, byte for byte what the footnotes extension would write, at a fraction
   of its cost (tests/unit/test_citation_markup.py).

On the page's HTML:

7. `with_footnote_list` [hooks/references.py]: the reference list at its placeholder, one
   `<li id="fn:key">` per key holding the key's entry placeholder and one back-link per citation.
8. `fill_entry_placeholders` [hooks/references.py]: each entry placeholder becomes the entry, rendered
   once per key from overrides/partials/reference.html (medkb/render/reference_display.py).
9. `compressed_citation_ranges` [hooks/references.py]: '1–3,5' for '1,2,3,5'.
10. `restore_code_citations` [hooks/citation_guard.py]: `CODE_AT` back to '@'.

An article's references page (medkb/render/reference_index.py, hooks/reference_pages.py) lists the
entries through the same entry placeholders, each group's list through a group-list placeholder, and
links to each page's first citation of a source by its id. The PDFs (medkb/pdf/) read the built pages
and prefix every id with its page (`<page>::fn:<key>`).

The ids of a citation
---------------------
`citation_ids(key, occurrence)` is the one id scheme, the one Markdown's footnotes extension uses for
mkdocs-bibtex's footnotes (whose label is the cite key): the entry in a page's list is `fn:<key>`, the
key's first citation on the page `fnref:<key>`, its second `fnref2:<key>`, and so on. Section pages,
references pages and PDFs all name citations by it.

Placeholders
------------
Between the steps, what Markdown must not read travels as a placeholder: `placeholder(slot, *fields)`
writes `PLACEHOLDER_START`, the slot's name, its fields (separated by spaces) and `PLACEHOLDER_END`;
`fill_placeholders` replaces the placeholders of one slot. The two delimiters and `CODE_AT` are
private-use characters, which Markdown passes through untouched and which no page may contain
(medkb/checks/safety/limits.py refuses them), so that a placeholder cannot be forged. They are defined
here and used through this module only.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from medkb.checks.citations import citation_blocks, mask_code

# --- Placeholders -------------------------------------------------------------------------------------

PLACEHOLDER_START, PLACEHOLDER_END = "\ue000", "\ue001"
"""Private-use characters around a placeholder."""
CODE_AT = "\ue002"
"""Private-use stand-in for the '@' of a `[@` inside code while mkdocs-bibtex runs (step 1)."""
PLACEHOLDER_CHARACTERS = (PLACEHOLDER_START, PLACEHOLDER_END, CODE_AT)


class Slot(StrEnum):
    """What a placeholder stands for."""

    ENTRY = "entry"
    """A source's entry in a reference list (field: key); filled with the rendered entry (step 8)."""
    CITATION = "cite"
    """A citation (fields: its number, the key); made the `<sup>` link in Markdown (step 6)."""
    REFERENCE_LIST = "list"
    """Where a page's reference list goes, a paragraph of its own (step 7)."""
    GROUP_LIST = "group"
    """Where a group of a references page lists its entries, a paragraph of its own (field: the group's anchor)."""


def placeholder(slot: Slot, *fields: str) -> str:
    """What the Markdown holds for `slot` until the pipeline fills it; fields hold no spaces."""
    return f"{PLACEHOLDER_START}{slot}{''.join(f' {field}' for field in fields)}{PLACEHOLDER_END}"


def placeholder_pattern(slot: Slot, *names: str) -> str:
    """The regular expression of `slot`'s placeholders, each field a named group."""
    fields = "".join(f" (?P<{name}>[^ <>{PLACEHOLDER_START}{PLACEHOLDER_END}]+)" for name in names)
    return f"{PLACEHOLDER_START}{slot}{fields}{PLACEHOLDER_END}"


_FIELDS = {Slot.ENTRY: ("key",), Slot.CITATION: ("number", "key"), Slot.REFERENCE_LIST: (),
           Slot.GROUP_LIST: ("anchor",)}
_PATTERNS = {slot: re.compile(placeholder_pattern(slot, *names)) for slot, names in _FIELDS.items()}
_PARAGRAPHS = {slot: re.compile(f"<p>{pattern.pattern}</p>") for slot, pattern in _PATTERNS.items()}


def fill_placeholders(
    html: str, slot: Slot, replacement: Callable[[re.Match[str]], str], *, paragraph: bool = False
) -> str:
    """`html` with each placeholder of `slot` (with `paragraph`: each paragraph holding only one) replaced."""
    if PLACEHOLDER_START not in html:
        return html
    return (_PARAGRAPHS if paragraph else _PATTERNS)[slot].sub(replacement, html)


# --- Ids ----------------------------------------------------------------------------------------------

ENTRY_PREFIX = "fn"
CITATION_PREFIX = "fnref"
ID_SEPARATOR = ":"
"""The footnotes extension's parts of an id (its SEPARATOR setting, ':' by default)."""
CITATION_ID_PATTERN = f'{CITATION_PREFIX}(?P<occurrence>[0-9]*){ID_SEPARATOR}(?P<key>[^"]+)'
"""A citation's id in an HTML attribute: its occurrence ('' for the first, then 2, 3...) and its key."""
ENTRY_ID_PATTERN = f'{ENTRY_PREFIX}{ID_SEPARATOR}(?P<key>[^"]+)'
"""An entry's id in an HTML attribute."""


@dataclass(frozen=True)
class CitationIds:
    citation: str
    """The id of this citation of the key on its page (`fnref:<key>`, `fnref2:<key>`, ...)."""
    entry: str
    """The id of the key's entry in the page's reference list (`fn:<key>`)."""


def citation_ids(key: str, occurrence: int = 1) -> CitationIds:
    """The ids of the `occurrence`-th citation (from 1) of `key` on a page, and of the key's entry."""
    number = str(occurrence) if occurrence > 1 else ""
    return CitationIds(
        citation=f"{CITATION_PREFIX}{number}{ID_SEPARATOR}{key}",
        entry=f"{ENTRY_PREFIX}{ID_SEPARATOR}{key}",
    )


def _unnamed(pattern: str) -> str:
    """A pattern with its named groups made plain groups, to be repeated within a larger pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# --- Steps 1 and 10: citations inside code ------------------------------------------------------------


def protect_code_citations(text: str) -> str:
    """Replace the '@' of `[@` inside code and comments, so no citation processor can rewrite it."""
    masked = mask_code(text)
    if "[@" not in text:
        return text
    chars = list(text)
    start = text.find("[@")
    while start != -1:
        if masked[start] == " " and text[start] != " ":
            chars[start + 1] = CODE_AT
        start = text.find("[@", start + 1)
    return "".join(chars)


def restore_code_citations(html: str) -> str:
    return html.replace(CODE_AT, "@")


# --- Step 2: clusters in number order -----------------------------------------------------------------


def sorted_citation_blocks(markdown: str) -> str:
    """Each `[@a; @b]` with its keys in the order of their numbers (numbers go by first citation).

    A key's number is fixed by where it is first cited; within a block, keys cited for the first
    time keep their written order, so sorting changes no number, only the order inside clusters.
    """
    blocks = [block for block in citation_blocks(markdown) if block.problem is None and len(block.keys) > 1]
    if not blocks:
        return markdown
    rank: dict[str, int] = {}
    for block in citation_blocks(markdown):
        for key in block.keys if block.problem is None else ():
            rank.setdefault(key, len(rank))
    pieces: list[str] = []
    last = 0
    for block in blocks:
        ordered = sorted(dict.fromkeys(block.keys), key=rank.__getitem__)
        pieces.append(markdown[last : block.start])
        pieces.append("[" + "; ".join(f"@{key}" for key in ordered) + "]")
        last = block.start + len(block.raw)
    pieces.append(markdown[last:])
    return "".join(pieces)


# --- Step 3: what mkdocs-bibtex's definitions hold ----------------------------------------------------


def entry_placeholder(key: str) -> str:
    """What a footnote holds in Markdown; `fill_entry_placeholders` puts the entry there."""
    return placeholder(Slot.ENTRY, key)


# --- Step 4: the heading over the list, separators ----------------------------------------------------

FOOTNOTE_DEFINITION = re.compile(r"^\[\^(?P<key>[^\]\s]+)\]:[ \t].*$", re.MULTILINE)
ADJACENT_FOOTNOTE_REFS = re.compile(r"(?P<ref>\[\^[^\]\s]+\])(?=\[\^[^\]\s]+\](?!:))")
FOOTNOTES_PLACE_MARKER = "///Footnotes Go Here///"
"""Where the footnotes extension puts a page's footnotes."""
CITATION_SEPARATOR = '<sup class="citation-sep">,</sup>'
REFERENCES_ID = "references"
"""The id of the heading over a page's reference list (the PDFs find the list by it)."""
REFERENCES_HEADING = f"## References {{ #{REFERENCES_ID} }}"


def with_reference_list(markdown: str) -> str:
    """The page's Markdown with a 'References' heading over its footnotes and '1,2' separators."""
    if not FOOTNOTE_DEFINITION.search(markdown):
        return markdown
    markdown = separate_adjacent_citations(markdown)
    return f"{markdown.rstrip()}\n\n{REFERENCES_HEADING}\n\n{FOOTNOTES_PLACE_MARKER}\n"


def separate_adjacent_citations(markdown: str) -> str:
    """`[^a][^b]` would read as '12'; a comma makes it '1,2'. Code is left as written."""
    masked = mask_code(markdown)
    pieces: list[str] = []
    last = 0
    for match in ADJACENT_FOOTNOTE_REFS.finditer(masked):
        pieces.append(markdown[last : match.end()])
        pieces.append(CITATION_SEPARATOR)
        last = match.end()
    pieces.append(markdown[last:])
    return "".join(pieces)


# --- Step 5: citations as placeholders ----------------------------------------------------------------

FOOTNOTE_REF = re.compile(r"\[\^(?P<key>[^\]]*)\]")
"""A footnote reference (the footnotes extension's pattern; read once the definitions are taken out)."""
DEFINITION_LINE = re.compile(r"^[ ]{0,3}\[\^(?P<key>[^\]]*)\]:[ ]*(?P<text>.*)$", re.MULTILINE)
"""A footnote definition (the footnotes extension's pattern)."""


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
        if definition.group("text") != entry_placeholder(key) or key in keys:
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
        pieces.append(placeholder(Slot.CITATION, str(numbers[key]), key))
        last = reference.end()
    pieces.append(text[last:])
    text = "".join(pieces).replace(FOOTNOTES_PLACE_MARKER, placeholder(Slot.REFERENCE_LIST), 1)
    return InlineCitations(text, tuple(keys))


# --- Step 6: the <sup> link, in Markdown --------------------------------------------------------------

INLINE_PRIORITY = 176
"""Just before the footnotes extension's inline pattern (175), after backslash escapes (180)."""


class CitationProcessor(InlineProcessor):
    """A citation placeholder as the footnotes extension's `<sup>` link (FootnoteInlineProcessor)."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(placeholder_pattern(Slot.CITATION, "number", "key"), md)
        self.found: dict[str, int] = {}

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        key = m.group("key")
        repeat = self.found[key] = self.found.get(key, 0) + 1
        ids = citation_ids(key, repeat)
        sup = etree.Element("sup")
        link = etree.SubElement(sup, "a")
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


# --- Step 7: the reference list -----------------------------------------------------------------------

CITED_REF = re.compile(f'<sup id="{CITATION_ID_PATTERN}"><a class="footnote-ref" ')


def with_footnote_list(html: str, keys: tuple[str, ...]) -> str:
    """The page's HTML with the reference list where its placeholder paragraph is, as the footnotes
    extension lays it out, and any citation placeholder Markdown left alone (raw HTML) written back as
    `[^key]`."""
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
        items.append(f'<li id="{entry_id}">\n<p>{entry_placeholder(key)}&#160;{backlinks}</p>\n</li>\n')
    footnotes = f'<div class="footnote">\n<hr />\n<ol>\n{"".join(items)}</ol>\n</div>'
    html = fill_placeholders(html, Slot.REFERENCE_LIST, lambda _match: footnotes, paragraph=True)
    return fill_placeholders(html, Slot.CITATION, lambda match: f"[^{match.group('key')}]")


# --- Step 8: the entries ------------------------------------------------------------------------------


def fill_entry_placeholders(html: str, entries: Mapping[str, str]) -> str:
    """Each entry placeholder replaced by the entry (`entries`: key -> HTML)."""
    return fill_placeholders(html, Slot.ENTRY, lambda match: entries[match.group("key")])


# --- Step 9: ranges -----------------------------------------------------------------------------------

SUP_PATTERN = (
    f'<sup id="{_unnamed(CITATION_ID_PATTERN)}"><a class="footnote-ref" href="#{_unnamed(ENTRY_ID_PATTERN)}">'
    "(?P<number>[0-9]+)</a></sup>"
)
"""A citation as the footnotes extension writes it (and step 6, byte for byte)."""
CITED_SUP = re.compile(SUP_PATTERN)
_ANY_SUP = SUP_PATTERN.replace("(?P<number>", "(?:")
CLUSTER = re.compile(f"{_ANY_SUP}(?:{re.escape(CITATION_SEPARATOR)}{_ANY_SUP})+")
"""Citations side by side ('1,2,3'): a cluster, whose runs of three or more numbers read '1–3'."""
RANGE_DASH = '<sup class="citation-range" aria-hidden="true">\u2013\u2060</sup>'
"""The dash of a range, then a word joiner: a line never breaks between '1–' and '3'."""
IN_RANGE_CLASS = "citation-in-range"
"""A citation inside a range: out of sight, and out of the Tab order, but still read by screen readers
and still the target of its entry's back-link."""


def compressed_citation_ranges(html: str) -> str:
    """Clusters of citations as journals print them: '1–3,5' for '1,2,3,5'."""
    if CITATION_SEPARATOR not in html:
        return html
    return CLUSTER.sub(_compress_cluster, html)


def _compress_cluster(match: re.Match[str]) -> str:
    sups = [(sup.group(0), int(sup.group("number"))) for sup in CITED_SUP.finditer(match.group(0))]
    runs: list[list[tuple[str, int]]] = []
    for sup in sups:
        if runs and sup[1] == runs[-1][-1][1] + 1:
            runs[-1].append(sup)
        else:
            runs.append([sup])
    parts: list[str] = []
    for run in runs:
        if len(run) < 3:
            parts.extend(sup for sup, _number in run)
            continue
        hidden = "".join(
            sup.replace("<sup ", f'<sup class="{IN_RANGE_CLASS}" ', 1).replace(
                '<a class="footnote-ref"', '<a class="footnote-ref" tabindex="-1"', 1)
            for sup, _number in run[1:-1]
        )
        parts.append(run[0][0] + RANGE_DASH + hidden + run[-1][0])
    return CITATION_SEPARATOR.join(parts)
