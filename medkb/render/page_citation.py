"""The "Cite this page" box: the page's own citation, in plain text (AMA style for web pages) and BibTeX.

Two parts are known only where the page is read: the date of access, and the page's address
when the site has no `site_url`. They are left as named slots (`Slot`) that the template marks
up and overrides/assets/javascripts/medkb-cite.js fills in; without JavaScript the slot's
placeholder text is shown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from medkb.sources.review import format_date

SlotName = Literal["accessed", "accessed-iso", "url"]
PLACEHOLDERS: dict[SlotName, str] = {
    "accessed": "[date accessed]",
    "accessed-iso": "[date accessed, YYYY-MM-DD]",
    "url": "[address of this page]",
}


@dataclass(frozen=True)
class Slot:
    name: SlotName
    value: str
    """Known at build time (a `url` when the site has a site_url), else the placeholder."""


Segment = str | Slot
"""A citation is a sequence of fixed text and slots."""


@dataclass(frozen=True)
class PageCitation:
    title: str
    site_name: str
    updated: dt.date
    key: str
    url: str | None = None
    """The page's absolute address, when the site's address (site_url) is configured."""

    def plain(self) -> tuple[Segment, ...]:
        """'Title. Site. Updated 27 November 2026. Accessed <date>. <URL>'"""
        return (
            f"{_sentence(self.title)} {_sentence(self.site_name)} Updated {format_date(self.updated)}. Accessed ",
            Slot("accessed", PLACEHOLDERS["accessed"]),
            ". ",
            self._url_slot(),
        )

    def bibtex(self) -> tuple[Segment, ...]:
        return (
            f"@misc{{{self.key},\n"
            f"  title = {{{{{bibtex_escape(self.title)}}}}},\n"
            f"  author = {{{{{bibtex_escape(self.site_name)}}}}},\n"
            f"  howpublished = {{{bibtex_escape(self.site_name)}}},\n"
            f"  year = {{{self.updated.year}}},\n"
            f"  note = {{Last updated {self.updated.isoformat()}}},\n"
            "  url = {",
            self._url_slot(),
            "},\n  urldate = {",
            Slot("accessed-iso", PLACEHOLDERS["accessed-iso"]),
            "}\n}",
        )

    def _url_slot(self) -> Slot:
        return Slot("url", self.url or PLACEHOLDERS["url"])


def page_citation(
    *, page_title: str, article_title: str | None, site_name: str, updated: dt.date, src_path: str,
    url: str | None = None,
) -> PageCitation:
    """A section page is cited as 'Article title: Section title'; an overview by the article's title."""
    title = page_title if not article_title or article_title == page_title else f"{article_title}: {page_title}"
    return PageCitation(title=title, site_name=site_name, updated=updated, key=citation_key(src_path), url=url)


def citation_key(src_path: str) -> str:
    """'ketamine-depression/dosing.md' -> 'ketamine-depression-dosing'; an overview drops its 'index'."""
    stem = re.sub(r"(?:^|/)index\.md$|\.md$", "", src_path)
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "page"


def filled(segments: tuple[Segment, ...], values: dict[SlotName, str]) -> str:
    """The citation as text, with the given slot values (others keep their value or placeholder)."""
    return "".join(
        segment if isinstance(segment, str) else values.get(segment.name, segment.value) for segment in segments
    )


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."
