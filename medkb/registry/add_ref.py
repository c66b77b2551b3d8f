"""`make add-ref DOI=10.… EVIDENCE=rct BIB=bib/file.bib` (or PMID=…): a complete entry from the registries.

The entry is written from Crossref's record (and PubMed's, for the PMID), keyed by our key rule
(family name, year, first significant title word), checked by the bibliography's rules and compared
with the registries as `make verify-refs` would, before a byte is written. The author chooses the
evidence type; a retraction or expression of concern the registries know of is written into the entry.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from medkb.checks.citations import KEY_PATTERN
from medkb.findings import errors, format_report, shown_path
from medkb.registry.cache import CACHE_NAME, CacheError, Verdict, fingerprint, load_cache
from medkb.registry.clients import Politeness, RegistryClient, RegistryError
from medkb.registry.compare import compare_entry
from medkb.registry.records import Notice, Work, bare_doi, normal_doi
from medkb.registry.verify import bib_candidates
from medkb.sources import BIB_FOLDER
from medkb.sources.bibliography import EVIDENCE_TYPES, entry_findings, to_reference
from medkb.sources.bibtex import parse_bibtex

MINOR_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "and",
        "or",
        "for",
        "to",
        "with",
        "at",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "does",
        "do",
        "did",
        "versus",
        "vs",
        "via",
    }
)
"""Words a key never takes as the title's first significant word."""
BIBTEX_TYPES = {
    "journal-article": "article",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "book-chapter": "incollection",
    "proceedings-article": "inproceedings",
    "report": "techreport",
}
FIELD_ORDER = (
    "author",
    "title",
    "journal",
    "booktitle",
    "publisher",
    "institution",
    "year",
    "volume",
    "number",
    "pages",
    "doi",
    "pmid",
    "evidence_type",
    "retraction",
    "expression_of_concern",
)
LATEX_SPECIALS = str.maketrans({"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$"})
ACRONYM = re.compile(r"\b(?=\w*[A-Z]\w*[A-Z])[\w-]+\b")
"""Words with two capitals or more (NMDA, mTOR, COVID-19): braced, so no style lowercases them."""


class AddRefError(Exception):
    """Why nothing was written; the message says what to do."""


@dataclass(frozen=True)
class NewEntry:
    key: str
    text: str
    crossref: Work | None
    pubmed: Work | None


def significant_word(title: str, skip: int = 0) -> str:
    words = [_ascii(word).lower() for word in re.split(r"[^\w]+", title)]
    significant = [word for word in words if word and word not in MINOR_WORDS and word.isalpha()]
    return significant[skip] if len(significant) > skip else ""


def entry_key(family: str, year: str, title: str, taken: set[str]) -> str:
    """Our key rule: family name, year, first significant title word; the next word too if that is taken."""
    stem = re.sub(r"[^a-z]", "", _ascii(family).lower()) + year
    for skip in range(3):
        key = stem + "".join(significant_word(title, index) for index in range(skip + 1))
        if key.lower() not in taken and KEY_PATTERN.match(key):
            return key
    raise AddRefError(f"the key {stem}{significant_word(title)} is taken; is this source already in bib/?")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def bibtex_entry(key: str, work: Work, pubmed: Work | None, evidence_type: str, doi: str, pmid: str) -> str:
    entry_type = BIBTEX_TYPES.get(work.work_type, "article" if work.registry == "pubmed" else "misc")
    people = [
        f"{_braced(family)}, {given}" if given else _braced(family)
        for family, given in zip(work.authors, work.given_names or ("",) * len(work.authors), strict=False)
    ]
    container = work.container[0] if work.container else ""
    fields: dict[str, str] = {
        "author": " and ".join(people),
        "title": ACRONYM.sub(lambda match: "{" + match.group(0) + "}", _latex(work.title)),
        "year": work.year,
        "volume": work.volume,
        "number": work.issue,
        "pages": re.sub(r"\s*[-\u2013]+\s*", "--", work.pages),
        "doi": doi,
        "pmid": pmid,
        "evidence_type": evidence_type,
    }
    if entry_type == "article":
        fields["journal"] = _latex(container)
    elif entry_type in ("incollection", "inproceedings"):
        fields["booktitle"] = _latex(container)
        fields["publisher"] = _latex(work.publisher)
    elif entry_type == "techreport":
        fields["institution"] = _latex(work.publisher)
    else:
        fields["publisher"] = _latex(work.publisher)
    notices = [*work.notices, *(pubmed.notices if pubmed else ())]
    retracting = [notice for notice in notices if notice.retracts]
    concerns = [notice for notice in notices if notice.concern]
    if retracting:
        fields["retraction"] = "Retracted: " + _notices(retracting)
    if concerns:
        fields["expression_of_concern"] = "Expression of concern: " + _notices(concerns)
    lines = [f"  {name:<13} = {{{fields[name]}}}" for name in FIELD_ORDER if fields.get(name)]
    return f"@{entry_type}{{{key},\n" + ",\n".join(lines) + "\n}\n"


def _notices(notices: list[Notice]) -> str:
    return "; ".join(
        dict.fromkeys(
            " ".join(part for part in (f"notice doi:{n.doi}" if n.doi else f"({n.source})", n.date) if part)
            for n in notices
        )
    )


def _braced(family: str) -> str:
    return "{" + _latex(family) + "}" if " " in family.strip() else _latex(family)


def _latex(text: str) -> str:
    return text.translate(LATEX_SPECIALS)


def new_entry(
    client: RegistryClient, *, doi: str, pmid: str, evidence_type: str, taken_keys: set[str]
) -> NewEntry:
    """The entry text for a DOI and/or PMID, from the registries; raises AddRefError or RegistryError."""
    pubmed: Work | None = None
    if pmid:
        pubmed = client.pubmed_works([pmid])[pmid]
        if pubmed is None:
            raise AddRefError(f"PubMed has no record with PMID {pmid}")
        doi = doi or pubmed.doi
    crossref = client.crossref_work(doi) if doi else None
    if doi and crossref is None:
        raise AddRefError(f"Crossref has no work with DOI {doi}; check it at https://doi.org/{doi}")
    if doi and not pmid:
        pmid = client.pubmed_search_doi(doi)
        pubmed = client.pubmed_works([pmid])[pmid] if pmid else None
    work = crossref or pubmed
    assert work is not None
    family = work.authors[0] if work.authors else ""
    if work.registry == "pubmed":
        family = " ".join(family.split()[:-1]) or family
    key = entry_key(family, work.year, work.title, taken_keys)
    return NewEntry(key, bibtex_entry(key, work, pubmed, evidence_type, doi, pmid), crossref, pubmed)


def run_add_ref(
    root: Path,
    *,
    doi: str,
    pmid: str,
    evidence_type: str,
    bib: str,
    mailto: str = "",
    client: RegistryClient | None = None,
    today: dt.date | None = None,
) -> int:
    """What `make add-ref` runs: 0 when the entry was written, 1 when it was refused (nothing written)."""
    today = today or dt.datetime.now(dt.UTC).date()
    doi, pmid = bare_doi(doi), pmid.strip()
    problem = _argument_problem(root, doi, pmid, evidence_type, bib)
    if problem:
        print(f"add-ref: {problem}", file=sys.stderr)
        return 1
    bib_path = root / bib
    cache_path = root / BIB_FOLDER / CACHE_NAME
    candidates = bib_candidates(root, (root / BIB_FOLDER).glob("*.bib"))
    for candidate in candidates:
        reference = candidate.reference
        if (doi and normal_doi(reference.doi) == normal_doi(doi)) or (pmid and reference.pmid == pmid):
            print(
                f"add-ref: already in {candidate.entry.path}:{candidate.entry.line} as '{reference.key}'; "
                f"cite it as [@{reference.key}]",
                file=sys.stderr,
            )
            return 1
    try:
        cache = load_cache(cache_path, shown_path(cache_path, root))
        client = client or RegistryClient(Politeness.from_environment(mailto))
        added = new_entry(
            client,
            doi=doi,
            pmid=pmid,
            evidence_type=evidence_type,
            taken_keys={candidate.entry.key.lower() for candidate in candidates},
        )
    except (AddRefError, CacheError, RegistryError) as error:
        print(f"add-ref: {error}; nothing was written", file=sys.stderr)
        return 1

    old_text = bib_path.read_text(encoding="utf-8")
    separator = "" if not old_text.strip() else ("\n" if old_text.endswith("\n") else "\n\n")
    new_text = old_text + separator + added.text
    shown = shown_path(bib_path, root)
    parsed = parse_bibtex(new_text, shown)
    (entry,) = [entry for entry in parsed.entries if entry.key == added.key]
    reference = to_reference(entry)
    for registry, identifier, work in (
        ("crossref", doi or (added.pubmed.doi if added.pubmed else ""), added.crossref),
        ("pubmed", reference.pmid, added.pubmed),
    ):
        if identifier and work is not None:
            cache.store(registry, identifier, work, today)
    comparison = compare_entry(
        entry,
        reference,
        cache.record("crossref", reference.doi) if reference.doi else None,
        cache.record("pubmed", reference.pmid) if reference.pmid else None,
    )
    findings = [*parsed.findings, *entry_findings(entry), *comparison.findings]
    if errors(findings):
        print(format_report(findings, annotations=False), file=sys.stderr)
        print(
            f"add-ref: the entry for {doi or pmid} breaks the rules above; nothing was written:\n{added.text}",
            file=sys.stderr,
        )
        return 1
    bib_path.write_text(new_text, encoding="utf-8")
    cache.verdicts[added.key] = Verdict(
        today, fingerprint(reference), comparison.against, tuple(comparison.compared), comparison.matched
    )
    cache.save(cache_path)
    print(added.text, end="")
    if findings:
        print(format_report(findings, annotations=False))
    sources = " and ".join("Crossref" if name == "crossref" else "PubMed" for name in comparison.against)
    print(f"Added '{added.key}' to {shown}:{entry.line} from {sources}; cite it as [@{added.key}].")
    if reference.retracted or entry.fields.get("expression_of_concern"):
        print(
            "Warning: the registries record a notice on this work (written into the entry): cite it only "
            "in statements about the notice."
        )
    return 0


def _argument_problem(root: Path, doi: str, pmid: str, evidence_type: str, bib: str) -> str:
    if not (doi or pmid):
        return "give the source's DOI=10.… or PMID=…"
    if doi and not re.match(r"^10\.\d{4,9}/\S+$", normal_doi(doi)):
        return f"'{doi}' is not a DOI; write it bare, like 10.1136/bmj.f3646"
    if pmid and not pmid.isdigit():
        return f"PMID '{pmid}' must be digits only"
    if evidence_type not in EVIDENCE_TYPES:
        return f"choose the evidence type: EVIDENCE= one of {', '.join(EVIDENCE_TYPES)}"
    path = root / bib
    if (
        not bib
        or path.suffix != ".bib"
        or path.parent.resolve() != (root / BIB_FOLDER).resolve()
        or not path.is_file()
    ):
        files = ", ".join(sorted(p.relative_to(root).as_posix() for p in (root / BIB_FOLDER).glob("*.bib")))
        return f"name the article's bib file: BIB= one of {files}"
    return ""
