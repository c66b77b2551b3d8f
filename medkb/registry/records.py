"""What a registry says about a work, and the normalised text the comparison reads."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from medkb.sources.bibliography import latex_to_text

RETRACTING = ("retraction", "withdrawal", "removal")
"""Crossref update types after which a work should no longer be cited as evidence."""
CONCERN = ("expression_of_concern",)


@dataclass(frozen=True)
class Notice:
    """A notice that updates a work: a retraction, withdrawal, removal or expression of concern."""

    kind: str
    """Crossref's update type, underscores for hyphens: 'retraction', 'expression_of_concern', ..."""
    doi: str = ""
    date: str = ""
    """YYYY-MM-DD, YYYY-MM or YYYY, as precise as the registry gives it."""
    source: str = ""
    """Who recorded it: 'publisher', 'retraction-watch' (Crossref), 'pubmed'."""

    @property
    def retracts(self) -> bool:
        return self.kind in RETRACTING

    @property
    def concern(self) -> bool:
        return self.kind in CONCERN

    @property
    def label(self) -> str:
        return self.kind.replace("_", " ")


@dataclass(frozen=True)
class Work:
    """One registry's record of a work, in the fields the comparison uses (nothing else is kept)."""

    registry: str
    """'crossref' or 'pubmed'."""
    title: str
    authors: tuple[str, ...] = ()
    """Family names in order (a corporate author's whole name)."""
    years: tuple[str, ...] = ()
    """Every year the registry dates the work by: issued, print, online (first = the main one)."""
    container: tuple[str, ...] = ()
    """The journal or book: full title first, then abbreviations."""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    work_type: str = ""
    doi: str = ""
    pmid: str = ""
    notices: tuple[Notice, ...] = field(default_factory=tuple)
    given_names: tuple[str, ...] = ()
    """Given names (or initials) beside `authors`, for writing a new entry."""
    publisher: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        return {name: list(value) if isinstance(value, tuple) else value for name, value in data.items()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Work:
        values = dict(data)
        values["notices"] = tuple(Notice(**notice) for notice in values.get("notices", ()))
        for name in ("authors", "years", "container", "given_names"):
            values[name] = tuple(values.get(name, ()))
        return cls(**values)

    @property
    def year(self) -> str:
        return self.years[0] if self.years else ""

    def describe(self) -> str:
        """`'Title' (Journal, 2001)` for a message."""
        where = ", ".join(part for part in (self.container[0] if self.container else "", self.year) if part)
        return f"'{self.title}'" + (f" ({where})" if where else "")


TAG = re.compile(r"<[^>]+>")
NOT_WORD = re.compile(r"[^\w\s]|_")
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "2nd", "3rd"}


def normal_text(text: str) -> str:
    """Text as compared: markup, accents, case, punctuation and spacing do not count."""
    text = latex_to_text(html.unescape(TAG.sub("", text)))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.casefold().replace("&", " and ")
    return " ".join(NOT_WORD.sub(" ", text).split())


def same_title(ours: str, work: Work, subtitle_joined: tuple[str, ...] = ()) -> bool:
    """True when the titles agree once normalised; a 'RETRACTED:' prefix on the registry's side is ignored."""
    mine = normal_text(ours)
    for candidate in (work.title, *subtitle_joined):
        theirs = normal_text(candidate)
        theirs = re.sub(r"^(retracted|withdrawn)\s+(article\s+)?", "", theirs)
        if mine == theirs:
            return True
    return False


def family_name(name: str) -> str:
    """The family name of a BibTeX author ('Zarate, Jr, C. A.', 'Carlos A. Zarate') or a PubMed one
    ('Zarate CA Jr'), normalised; a braced corporate author whole."""
    name = name.strip()
    if name.startswith("{") and name.endswith("}"):
        return normal_text(name[1:-1])
    if "," in name:
        return normal_text(name.split(",")[0])
    return normal_text(name.split()[-1]) if name.split() else ""


def pubmed_family_name(name: str) -> str:
    """'Berman RM' -> 'berman'; 'Vande Voort JL' -> 'vande voort'; 'Zarate CA Jr' -> 'zarate'."""
    words = name.split()
    while words and words[-1].casefold().rstrip(".") in SUFFIXES:
        words.pop()
    if len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 4:
        words.pop()  # the initials
    return normal_text(" ".join(words))


def page_range(pages: str) -> tuple[str, str]:
    """(first, last) with PubMed's shortened last page expanded: '351-4' -> ('351', '354')."""
    parts = [part.strip() for part in re.split(r"-+|\u2013", pages.replace(" ", "")) if part.strip()]
    if not parts:
        return "", ""
    first = parts[0]
    last = parts[-1] if len(parts) > 1 else ""
    if last and first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first.casefold(), last.casefold()


def bare_doi(doi: str) -> str:
    """A DOI without a resolver prefix or 'doi:'."""
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi.strip(), flags=re.IGNORECASE)


def normal_doi(doi: str) -> str:
    """DOIs are case-insensitive: compared and cached in lower case, without a resolver prefix."""
    return bare_doi(doi).casefold()
