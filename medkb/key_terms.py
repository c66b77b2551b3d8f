"""Key terms, explained where a page first uses them (for students, and for every reader without a choice).

The article's overview declares its terms in front matter (typed in medkb.sources.frontmatter_schema), each
with the source its explanation rests on:

    key_terms:
      - term: off-label
        means: used for a purpose the medicine is not officially approved for
        source: sanacora2017consensus

On each page of the article, the first use of each term in the running text (not in headings,
links, code, citations, blocks for one kind of reader or the reference list) is marked and followed by its explanation
(overrides/partials/key-term.html); the stylesheet hides explanations from a reader who chose
another audience than students.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from medkb.findings import Finding

KIND = "key term"
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"^</?\s*([a-zA-Z0-9]+)")
SKIPPED = frozenset({"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "sup", "dfn", "script",
                     "style", "kbd", "abbr", "button", "label", "legend", "time", "cite"})
"""Elements whose text is never marked: headings, links, code, citations and the like."""
REFERENCE_LIST = '<div class="footnote">'
"""Where a page's reference list starts: titles of sources are not the page's text."""
AUDIENCE_BLOCK = 'class="audience-'
"""A block written for one kind of reader (medkb.checks.audience): the page's own text explains its terms."""


@dataclass(frozen=True)
class KeyTerm:
    term: str
    means: str
    source: str
    """The bib key the explanation rests on."""

    @property
    def pattern(self) -> re.Pattern[str]:
        """The term as a whole word or phrase, in any case, with an optional plural 's'."""
        words = r"\s+".join(re.escape(word) for word in self.term.split())
        return re.compile(rf"(?<![\w-])(?:{words})s?(?![\w-])", re.IGNORECASE)


def key_terms(value: object) -> list[KeyTerm]:
    """The overview's `key_terms` records (already typed by the schema)."""
    if not isinstance(value, list):
        return []
    return [
        KeyTerm(" ".join(item["term"].split()), " ".join(item["means"].split()), item["source"].strip())
        for item in value
        if isinstance(item, dict) and all(isinstance(item.get(key), str) for key in ("term", "means", "source"))
    ]


def key_term_findings(path: str, line: int | None, value: object, known_keys: Collection[str]) -> list[Finding]:
    """A key term whose source is in no bib file, or whose explanation has a full stop (it is read inside a
    sentence, in brackets)."""
    findings: list[Finding] = []
    for term in key_terms(value):
        if term.source not in known_keys:
            findings.append(Finding(path, line, KIND, f"'{term.term}': its source '{term.source}' is in no "
                                                      "bib/*.bib file; name the entry its explanation rests on"))
        if re.search(r"\.(\s|$)", term.means):
            findings.append(Finding(path, line, KIND, f"'{term.term}': write its explanation as a phrase "
                                                      "without a full stop; it is read in brackets inside a sentence"))
    return findings


def explain_first_uses(html: str, terms: list[KeyTerm], markup: Callable[[KeyTerm, str], str]) -> str:
    """The page's HTML with the first use of each term in running text replaced by `markup(term, text)`."""
    if not terms:
        return html
    end = html.find(REFERENCE_LIST)
    body, rest = (html, "") if end < 0 else (html[:end], html[end:])
    waiting = list(terms)
    skipped = 0
    details: list[bool] = []  # open <details>: True for a block written for one kind of reader
    pieces: list[str] = []
    for piece in TAG.split(body):
        if piece.startswith("<"):
            name = TAG_NAME.match(piece)
            tag = name.group(1).lower() if name else ""
            if tag in SKIPPED and not piece.endswith("/>"):
                skipped += -1 if piece.startswith("</") else 1
                skipped = max(skipped, 0)
            elif tag == "details":
                if piece.startswith("</"):
                    if details:
                        details.pop()
                else:
                    details.append(AUDIENCE_BLOCK in piece)
            pieces.append(piece)
            continue
        if skipped or any(details) or not waiting:
            pieces.append(piece)
            continue
        pieces.append(_mark_first(piece, waiting, markup))
    return "".join(pieces) + rest


def _mark_first(text: str, waiting: list[KeyTerm], markup: Callable[[KeyTerm, str], str]) -> str:
    """`text` with the first use of each waiting term in it marked (the terms marked leave `waiting`)."""
    found: list[tuple[int, int, KeyTerm]] = []
    for term in waiting:
        match = term.pattern.search(text)
        if match and not any(start < match.end() and match.start() < stop for start, stop, _ in found):
            found.append((match.start(), match.end(), term))
    if not found:
        return text
    pieces: list[str] = []
    last = 0
    for start, stop, term in sorted(found, key=lambda item: item[0]):
        pieces.append(text[last:start])
        pieces.append(markup(term, text[start:stop]))
        last = stop
        waiting.remove(term)
    pieces.append(text[last:])
    return "".join(pieces)
