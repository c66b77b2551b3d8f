"""The comparison rules: one bib entry against what Crossref and PubMed say about its DOI and PMID.

| finding | severity | when |
| --- | --- | --- |
| doi not found | error | Crossref has no work with the entry's DOI |
| pmid not found | error | PubMed has no record with the entry's PMID |
| retracted | error | a registry links a retraction, withdrawal or removal the entry does not carry (`retraction = {...}`) |
| expression of concern | error | Crossref links an expression of concern the entry does not carry (`expression_of_concern = {...}`) |
| title mismatch | error | the DOI's work has another title (case, accents, punctuation, markup and spacing do not count) |
| pmid mismatch | error | the PMID names another paper (its title differs) |
| identifier conflict | error | PubMed gives the PMID another DOI than the entry's: DOI and PMID name different works |
| author mismatch | error | the first author's family name differs |
| year mismatch | error | the year is none of the registry's (issued, print, online) |
| detail mismatch | warning | journal, volume, issue, first or last page, or entry type differ |
| can be completed | info | the registry has a volume, issue, pages, DOI or PMID the entry lacks |
| unconfirmed | info | the entry has an `unconfirmed` note and the registries now confirm everything compared |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from medkb.findings import Finding, Severity
from medkb.registry.cache import CachedRecord
from medkb.registry.records import (
    Notice,
    Work,
    family_name,
    normal_doi,
    normal_text,
    page_range,
    pubmed_family_name,
    same_title,
)
from medkb.sources.bibliography import Reference, split_names
from medkb.sources.bibtex import BibEntry

ENTRY_TYPES = {
    "journal-article": {"article"},
    "book": {"book"},
    "monograph": {"book"},
    "edited-book": {"book"},
    "book-chapter": {"inbook", "incollection"},
    "proceedings-article": {"inproceedings"},
    "report": {"techreport", "manual", "misc"},
    "posted-content": {"misc", "article"},
}
"""Crossref's work types and the entry types that may describe them (a type not listed is not compared)."""
COMPARED_FIELDS = (
    "title",
    "first author",
    "year",
    "journal",
    "volume",
    "issue",
    "pages",
    "type",
    "DOI",
    "PMID",
    "notices",
)
"""What a verdict can record as compared, in this order."""
Add = Callable[..., None]
"""`add(kind, message, field_name=None, severity='error')`: a finding at the entry's (or field's) line."""


@dataclass
class Comparison:
    key: str
    findings: list[Finding] = field(default_factory=list)
    compared: list[str] = field(default_factory=list)
    against: dict[str, str] = field(default_factory=dict)

    @property
    def matched(self) -> bool:
        """Every compared field agrees (informational findings aside), against at least one registry."""
        return bool(self.against) and not any(finding.severity != "info" for finding in self.findings)


def compare_entry(
    entry: BibEntry,
    reference: Reference,
    crossref: CachedRecord | None,
    pubmed: CachedRecord | None,
) -> Comparison:
    """The findings for one entry. `crossref`/`pubmed` are None when that registry could not be asked;
    a record whose `work` is None means the registry was asked and does not know the identifier."""
    result = Comparison(entry.key)

    def add(kind: str, message: str, field_name: str | None = None, severity: Severity = "error") -> None:
        line = entry.field_lines.get(field_name, entry.line) if field_name else entry.line
        result.findings.append(Finding(entry.path, line, kind, f"entry '{entry.key}': {message}", severity))

    doi, pmid = normal_doi(reference.doi), reference.pmid
    crossref_work = crossref.work if crossref else None
    pubmed_work = pubmed.work if pubmed else None
    if doi and crossref is not None and crossref_work is None:
        add(
            "doi not found",
            f"Crossref has no work with DOI {reference.doi}; check it at https://doi.org/{reference.doi}",
            "doi",
        )
    if pmid and pubmed is not None and pubmed_work is None:
        add("pmid not found", f"PubMed has no record with PMID {pmid}", "pmid")

    works = [work for work in (crossref_work, pubmed_work) if work is not None]
    for work in works:
        result.against[work.registry] = work.doi if work.registry == "crossref" else work.pmid
    _notices(entry, reference, works, add)

    if crossref_work is not None:
        if not same_title(reference.title, crossref_work):
            add(
                "title mismatch",
                f"DOI {reference.doi} is {crossref_work.describe()} in Crossref, not "
                f"'{reference.title}'; check the DOI and the title",
                "title",
            )
        else:
            _people_and_dates(entry, reference, crossref_work, "Crossref", add)
    if pubmed_work is not None:
        if not same_title(reference.title, pubmed_work):
            add(
                "pmid mismatch",
                f"PMID {pmid} is another paper: {pubmed_work.describe()}; check the PMID",
                "pmid",
            )
        elif crossref_work is None:
            _people_and_dates(entry, reference, pubmed_work, "PubMed", add)
    if doi and pubmed_work is not None and pubmed_work.doi and pubmed_work.doi != doi:
        add(
            "identifier conflict",
            f"DOI {reference.doi} and PMID {pmid} name different works: PubMed gives "
            f"PMID {pmid} the DOI {pubmed_work.doi}",
            "doi",
        )

    for work in works:
        _completions(entry, reference, work, add)
        result.compared.extend(
            name for name in _comparable(entry, reference, work) if name not in result.compared
        )
    result.compared.sort(key=COMPARED_FIELDS.index)
    if reference.unconfirmed and works and result.matched:
        names = " and ".join("Crossref" if work.registry == "crossref" else "PubMed" for work in works)
        add(
            "unconfirmed",
            f"{names} confirm{'s' if len(works) == 1 else ''} {', '.join(result.compared)}: settle the `verification` note "
            "(remove what the registries confirm)",
            "verification",
            "info",
        )
    return result


def _notices(entry: BibEntry, reference: Reference, works: list[Work], add: Add) -> None:
    notices: dict[tuple[str, str], Notice] = {}
    for work in works:
        for notice in work.notices:
            notices.setdefault((notice.kind, notice.doi), notice)
    retracting = [notice for notice in notices.values() if notice.retracts]
    if retracting and not reference.retracted:
        add(
            "retracted",
            f"the cited work was retracted ({_notice_text(retracting)}); add "
            "`retraction = {...}` with the notice, cite it only in statements about the retraction and "
            "support the claims with a valid source",
        )
    concerns = [notice for notice in notices.values() if notice.concern]
    if concerns and not (reference.retracted or entry.fields.get("expression_of_concern", "").strip()):
        add(
            "expression of concern",
            f"the publisher issued an expression of concern ({_notice_text(concerns)}); "
            "add `expression_of_concern = {...}` with the notice and weigh the claims it supports",
        )


def _notice_text(notices: list[Notice]) -> str:
    parts = []
    for notice in sorted(notices, key=lambda notice: (notice.doi == "", notice.date)):
        where = f"notice doi:{notice.doi}" if notice.doi else f"recorded by {notice.source or 'the registry'}"
        parts.append(f"{notice.label}, {where}" + (f", {notice.date}" if notice.date else ""))
    return "; ".join(dict.fromkeys(parts))


def _people_and_dates(entry: BibEntry, reference: Reference, work: Work, name: str, add: Add) -> None:
    names = [author for author in split_names(entry.fields.get("author", "")) if author.strip()]
    ours = family_name(names[0]) if names else ""
    theirs = work.authors[0] if work.authors else ""
    theirs_normal = pubmed_family_name(theirs) if work.registry == "pubmed" else normal_text(theirs)
    if ours and theirs and ours != theirs_normal:
        add("author mismatch", f"the first author is {theirs} in {name}, not {names[0].strip()}", "author")
    if reference.year and work.years and reference.year not in work.years:
        add("year mismatch", f"the year is {' or '.join(work.years)} in {name}, not {reference.year}", "year")
    if reference.container and work.container:
        containers = {_journal(container) for container in work.container}
        if _journal(reference.container) not in containers:
            add(
                "detail mismatch",
                f"the journal is '{work.container[0]}' in {name}, not '{reference.container}'",
                "journal",
                "warning",
            )
    for field_name, ours_value, theirs_value, label in (
        ("volume", reference.volume, work.volume, "volume"),
        ("number", reference.number, work.issue, "issue"),
    ):
        if ours_value and theirs_value and normal_text(ours_value) != normal_text(theirs_value):
            add(
                "detail mismatch",
                f"the {label} is {theirs_value} in {name}, not {ours_value}",
                field_name,
                "warning",
            )
    if reference.pages and work.pages:
        first, last = page_range(reference.pages)
        their_first, their_last = page_range(work.pages)
        if first != their_first or (last and their_last and last != their_last):
            add(
                "detail mismatch",
                f"the pages are {work.pages} in {name}, not {reference.pages}",
                "pages",
                "warning",
            )
    allowed = ENTRY_TYPES.get(work.work_type) if work.registry == "crossref" else None
    if allowed and entry.entry_type not in allowed:
        add(
            "detail mismatch",
            f"Crossref records a {work.work_type}: use @{min(allowed)}, not @{entry.entry_type}",
            None,
            "warning",
        )


def _comparable(entry: BibEntry, reference: Reference, work: Work) -> list[str]:
    """The fields compared with `work`: those both the entry and the registry give."""
    both = {
        "title": True,
        "first author": bool(entry.fields.get("author", "").strip() and work.authors),
        "year": bool(reference.year and work.years),
        "journal": bool(reference.container and work.container),
        "volume": bool(reference.volume and work.volume),
        "issue": bool(reference.number and work.issue),
        "pages": bool(reference.pages and work.pages),
        "type": work.work_type in ENTRY_TYPES,
        "DOI": work.registry == "crossref" or bool(reference.doi and work.doi),
        "PMID": work.registry == "pubmed",
        "notices": True,
    }
    return [name for name, compared in both.items() if compared]


def _journal(name: str) -> str:
    text = normal_text(name)
    return text.removeprefix("the ")


def _completions(entry: BibEntry, reference: Reference, work: Work, add: Add) -> None:
    if not same_title(reference.title, work):
        return
    name = "Crossref" if work.registry == "crossref" else "PubMed"
    missing = [
        f"{label} {value}"
        for label, ours, value in (
            ("volume", reference.volume, work.volume),
            ("number", reference.number, work.issue),
            ("pages", reference.pages, work.pages),
            ("doi", reference.doi, work.doi if work.registry == "pubmed" else ""),
            ("pmid", reference.pmid, work.pmid),
        )
        if value and not ours
    ]
    if missing:
        add(
            "can be completed",
            f"{name} gives {', '.join(missing)}: add what the source confirms",
            None,
            "info",
        )
