"""`make verify-refs`: every bib entry (or those a pull request adds or changes) against the registries.

Records come from the cache when they are fresh (younger than `max_age_days` and the entry unchanged
since its last verdict), from the registries otherwise. When a registry cannot be reached, the cache
is used and its age reported; entries with no cached record are reported as not verified.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from medkb.checks.approval_diff import GitError, git_output
from medkb.findings import Finding, errors, format_report, shown_path
from medkb.registry.cache import (
    CACHE_NAME,
    CacheError,
    RegistryCache,
    Verdict,
    fingerprint,
    load_cache,
    record_key,
)
from medkb.registry.clients import Politeness, RegistryClient, RegistryError, RegistryUnreachable
from medkb.registry.compare import Comparison, compare_entry
from medkb.registry.records import normal_doi
from medkb.sources import BIB_FOLDER
from medkb.sources.bibliography import Reference, to_reference
from medkb.sources.bibtex import BibEntry, parse_bibtex, read_bibtex_file

MAX_AGE_DAYS = 90
REGISTRY_NAMES = {"crossref": "Crossref", "pubmed": "PubMed"}


@dataclass(frozen=True)
class Candidate:
    entry: BibEntry
    reference: Reference


@dataclass
class VerifyReport:
    comparisons: list[Comparison] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Plain sentences about the run: a registry that could not be reached and the cache's age."""
    fetched: int = 0
    from_cache: int = 0
    without_identifier: int = 0


def bib_candidates(root: Path, bib_files: Iterable[Path]) -> list[Candidate]:
    candidates: list[Candidate] = []
    for path in sorted(bib_files):
        bib_file = read_bibtex_file(path, shown_path(path, root))
        candidates.extend(Candidate(entry, to_reference(entry)) for entry in bib_file.entries)
    return candidates


def changed_since(root: Path, base: str, candidates: list[Candidate]) -> list[Candidate]:
    """The entries that are new or whose fields differ from the same key at `base` (a git ref)."""
    before: dict[tuple[str, str], dict[str, str]] = {}
    for path in sorted({candidate.entry.path for candidate in candidates}):
        text = _git_show(root, base, path)
        for entry in parse_bibtex(text, path).entries if text is not None else []:
            before[(path, entry.key)] = entry.fields
    return [
        candidate
        for candidate in candidates
        if before.get((candidate.entry.path, candidate.entry.key)) != candidate.entry.fields
    ]


def _git_show(root: Path, base: str, path: str) -> str | None:
    """`path` as it is at `base`; None when it is not there (every entry is then new)."""
    if not git_output(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}", check=False):
        raise GitError(f"'{base}' is not a commit of this repository (fetch it first: git fetch origin)")
    return git_output(root, "show", f"{base}:{path}", check=False) or None




def verify(  # noqa: C901  (one pass over the entries, each registry's answer handled in turn)
    candidates: list[Candidate],
    cache: RegistryCache,
    client: RegistryClient | None,
    *,
    today: dt.date,
    max_age_days: int = MAX_AGE_DAYS,
    refresh: bool = False,
) -> VerifyReport:
    """Compare each candidate with its registry records, fetching what the cache lacks or holds too long.

    `client` None: the cache only (no request is made). The cache is updated in place.
    """
    report = VerifyReport()
    unreachable: dict[str, str] = {}
    failed: dict[str, str] = {}

    def stale(registry: str, identifier: str, candidate: Candidate) -> bool:
        record = cache.record(registry, identifier)
        verdict = cache.verdicts.get(candidate.entry.key)
        return (
            refresh
            or record is None
            or (today - record.fetched).days > max_age_days
            or verdict is None
            or verdict.fingerprint != fingerprint(candidate.reference)
        )

    dois = {
        normal_doi(c.reference.doi): c
        for c in candidates
        if c.reference.doi and stale("crossref", c.reference.doi, c)
    }
    pmids = {
        c.reference.pmid: c
        for c in candidates
        if c.reference.pmid.isdigit() and stale("pubmed", c.reference.pmid, c)  # `make check` reports others
    }
    if client is not None:
        for doi in sorted(dois):
            if "crossref" in unreachable:
                break
            try:
                cache.store("crossref", doi, client.crossref_work(doi), today)
                report.fetched += 1
            except RegistryUnreachable as error:
                unreachable["crossref"] = str(error)
            except RegistryError as error:
                failed[f"crossref:{doi}"] = str(error)
        if pmids:
            try:
                for pmid, work in client.pubmed_works(pmids).items():
                    cache.store("pubmed", pmid, work, today)
                    report.fetched += 1
            except RegistryUnreachable as error:
                unreachable["pubmed"] = str(error)
            except RegistryError as error:
                failed.update({f"pubmed:{pmid}": str(error) for pmid in pmids})
    elif dois or pmids:
        report.notes.append("not asking the registries (--offline): using the cache")

    used: dict[str, list[dt.date]] = {"crossref": [], "pubmed": []}
    for candidate in candidates:
        reference = candidate.reference
        if not (reference.doi or reference.pmid):
            report.without_identifier += 1
            continue
        crossref = cache.record("crossref", reference.doi) if reference.doi else None
        pubmed = cache.record("pubmed", reference.pmid) if reference.pmid else None
        for registry, identifier, record, wanted in (
            ("crossref", normal_doi(reference.doi), crossref, dois),
            ("pubmed", reference.pmid, pubmed, pmids),
        ):
            if record is not None and (identifier not in wanted or record.fetched != today):
                used[registry].append(record.fetched)
                report.from_cache += 1
        comparison = compare_entry(candidate.entry, reference, crossref, pubmed)
        for registry, label, identifier, written, record in (
            ("crossref", "DOI", normal_doi(reference.doi), reference.doi, crossref),
            ("pubmed", "PMID", reference.pmid, reference.pmid, pubmed),
        ):
            if identifier and record is None and (registry == "crossref" or identifier.isdigit()):
                # the registry could not be asked and the cache has nothing (a malformed PMID: `make check`)
                reason = (
                    failed.get(f"{registry}:{identifier}")
                    or unreachable.get(registry)
                    or "not asked (--offline)"
                )
                comparison.findings.append(
                    Finding(
                        candidate.entry.path,
                        candidate.entry.field_lines.get(label.lower(), candidate.entry.line),
                        "not verified",
                        f"entry '{candidate.entry.key}': {label} {written} not checked against "
                        f"{REGISTRY_NAMES[registry]} and no record cached ({reason})",
                        "warning",
                    )
                )
        if crossref is not None or pubmed is not None:
            cache.verdicts[candidate.entry.key] = Verdict(
                checked=max(record.fetched for record in (crossref, pubmed) if record is not None),
                fingerprint=fingerprint(reference),
                against=comparison.against,
                compared=tuple(comparison.compared),
                matched=comparison.matched,
            )
        report.comparisons.append(comparison)
        report.findings.extend(comparison.findings)

    for registry, reason in sorted(unreachable.items()):
        report.notes.append(f"{reason}: {_cache_age(used[registry], today)}")
    for where, reason in sorted(failed.items()):
        report.notes.append(f"{reason}; {where} checked from the cache where it holds a record")
    return report


def prune(cache: RegistryCache, candidates: list[Candidate]) -> None:
    """Drop the verdicts of removed entries and the records of identifiers no entry names."""
    keys = {candidate.entry.key for candidate in candidates}
    named = {record_key("crossref", c.reference.doi) for c in candidates if c.reference.doi}
    named |= {record_key("pubmed", c.reference.pmid) for c in candidates if c.reference.pmid}
    cache.verdicts = {key: verdict for key, verdict in cache.verdicts.items() if key in keys}
    cache.records = {key: record for key, record in cache.records.items() if key in named}


def _cache_age(used: list[dt.date], today: dt.date) -> str:
    dates = sorted(used)
    if not dates:
        return "the cache holds no record to use instead"
    oldest = dates[0]
    days = (today - oldest).days
    newest = f" to {dates[-1].isoformat()}" if dates[-1] != oldest else ""
    return (
        f"verified from the cache instead, records fetched {oldest.isoformat()}{newest} "
        f"(the oldest {days} day{'s' if days != 1 else ''} old)"
    )


def run_verify_refs(
    root: Path,
    *,
    base: str | None = None,
    keys: Iterable[str] = (),
    offline: bool = False,
    refresh: bool = False,
    max_age_days: int = MAX_AGE_DAYS,
    mailto: str = "",
    today: dt.date | None = None,
    client: RegistryClient | None = None,
) -> int:
    """What `make verify-refs` runs: findings on stdout, notes on stderr; 1 on any error, 2 when it cannot run."""
    today = today or dt.datetime.now(dt.UTC).date()
    cache_path = root / BIB_FOLDER / CACHE_NAME
    try:
        cache = load_cache(cache_path, shown_path(cache_path, root))
        candidates = bib_candidates(root, (root / BIB_FOLDER).glob("*.bib"))
        if base:
            candidates = changed_since(root, base, candidates)
    except (CacheError, GitError) as error:
        print(f"verify-refs: {error}", file=sys.stderr)
        return 2
    wanted = {key.strip() for key in keys if key.strip()}
    if wanted:
        unknown = sorted(wanted - {candidate.entry.key for candidate in candidates})
        if unknown:
            print(
                f"verify-refs: no entry with the key {', '.join(unknown)} in bib/*.bib"
                + (f" changed since {base}" if base else ""),
                file=sys.stderr,
            )
            return 2
        candidates = [candidate for candidate in candidates if candidate.entry.key in wanted]
    if not offline and client is None:
        politeness = Politeness.from_environment(mailto)
        if not politeness.mailto:
            print(
                "verify-refs: set MEDKB_MAILTO=you@example.org (or MAILTO= for make) so that Crossref "
                "can reach you about your requests (its polite pool)",
                file=sys.stderr,
            )
        client = RegistryClient(politeness)
    report = verify(
        candidates,
        cache,
        None if offline else client,
        today=today,
        max_age_days=max_age_days,
        refresh=refresh,
    )
    if not base and not wanted:  # every entry was looked at: forget what no entry names any more
        prune(cache, candidates)
    cache.save(cache_path)
    for note in report.notes:
        print(f"verify-refs: {note}", file=sys.stderr)
    if report.findings:
        print(format_report(report.findings))
    error_count = len(errors(report.findings))
    matched = sum(comparison.matched for comparison in report.comparisons)
    scope = f" added or changed since {base}" if base else ""
    print(
        f"{len(candidates)} entries{scope}: {matched} matched the registries, "
        f"{len(report.comparisons) - matched} did not or could not be checked, "
        f"{report.without_identifier} without a DOI or PMID; {report.fetched} records fetched, "
        f"{report.from_cache} from the cache; {error_count} error{'s' if error_count != 1 else ''}"
    )
    return 1 if error_count else 0
