"""The committed cache of registry records and verdicts: `bib/registry-cache.json`.

One JSON file, keys sorted, two-space indents, one value a line where it is a list, so a refresh shows
as a readable diff. `make verify-refs` writes it; the build, `make check` and the tests only read it.

    {
      "about": "...",
      "format": 1,
      "records": {                      # what each registry said, and when it was asked
        "crossref:10.1016/s0006-3223(99)00230-9": {"fetched": "2026-12-04", "work": {...}},
        "pubmed:10686270": {"fetched": "2026-12-04", "work": {...}},
        "pubmed:99999999": {"fetched": "2026-12-04", "work": null}       # the registry has no such record
      },
      "verdicts": {                     # each entry's last verification
        "berman2000antidepressant": {
          "checked": "2026-12-04",
          "fingerprint": "3f1c...",      # of the entry's compared fields: an edited entry is unverified again
          "against": {"crossref": "10.1016/...", "pubmed": "10686270"},
          "compared": ["title", "first author", "year", "journal", "volume", "issue", "pages", "type", "DOI",
                       "PMID", "notices"],
          "matched": true
        }
      }
    }
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medkb.registry.records import Work, normal_doi
from medkb.sources.bibliography import Reference

CACHE_NAME = "registry-cache.json"
FORMAT = 1
ABOUT = (
    "Registry records and verdicts of `make verify-refs` (CONTRIBUTING.md, 'Verifying references'). "
    "Written by medkb; read by the build, which never goes online."
)
REGISTRY_NAMES = {"crossref": "Crossref", "pubmed": "PubMed"}


class CacheError(Exception):
    """The cache file cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class CachedRecord:
    fetched: dt.date
    work: Work | None
    """None: the registry was asked and has no such record."""


@dataclass(frozen=True)
class Verdict:
    checked: dt.date
    fingerprint: str
    against: dict[str, str]
    compared: tuple[str, ...]
    matched: bool


@dataclass
class RegistryCache:
    records: dict[str, CachedRecord] = field(default_factory=dict)
    verdicts: dict[str, Verdict] = field(default_factory=dict)

    # -- records --------------------------------------------------------------------------

    def record(self, registry: str, identifier: str) -> CachedRecord | None:
        return self.records.get(record_key(registry, identifier))

    def store(self, registry: str, identifier: str, work: Work | None, fetched: dt.date) -> None:
        self.records[record_key(registry, identifier)] = CachedRecord(fetched, work)

    # -- what the reader sees ---------------------------------------------------------------

    def verified_label(self, reference: Reference) -> str:
        """'verified against Crossref and PubMed, 2026-12' for an entry that matched as it now reads; '' otherwise."""
        verdict = self.verdicts.get(reference.key)
        if verdict is None or not verdict.matched or verdict.fingerprint != fingerprint(reference):
            return ""
        names = " and ".join(
            REGISTRY_NAMES[name] for name in ("crossref", "pubmed") if name in verdict.against
        )
        return f"verified against {names}, {verdict.checked:%Y-%m}" if names else ""

    def verified_labels(self, references: dict[str, Reference]) -> dict[str, str]:
        labels = {key: self.verified_label(reference) for key, reference in references.items()}
        return {key: label for key, label in labels.items() if label}

    # -- file ------------------------------------------------------------------------------

    def to_json(self) -> str:
        data = {
            "about": ABOUT,
            "format": FORMAT,
            "records": {
                key: {
                    "fetched": record.fetched.isoformat(),
                    "work": record.work.to_json() if record.work else None,
                }
                for key, record in self.records.items()
            },
            "verdicts": {
                key: {
                    "checked": verdict.checked.isoformat(),
                    "fingerprint": verdict.fingerprint,
                    "against": verdict.against,
                    "compared": list(verdict.compared),
                    "matched": verdict.matched,
                }
                for key, verdict in self.verdicts.items()
            },
        }
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def save(self, path: Path) -> None:
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(self.to_json(), encoding="utf-8")
        temporary.replace(path)


def record_key(registry: str, identifier: str) -> str:
    return f"{registry}:{normal_doi(identifier) if registry == 'crossref' else identifier.strip()}"


def fingerprint(reference: Reference) -> str:
    """Of the fields the registries are compared on: editing any of them makes the entry unverified."""
    fields = (
        reference.entry_type,
        reference.title,
        *reference.authors,
        reference.year,
        reference.container,
        reference.volume,
        reference.number,
        reference.pages,
        normal_doi(reference.doi),
        reference.pmid,
        reference.retraction,
    )
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()[:16]


def load_cache(path: Path, shown: str | None = None) -> RegistryCache:
    """The cache at `path`; an empty one when there is no file. A broken file raises CacheError."""
    shown = shown or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return RegistryCache()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CacheError(
            f"{shown}:{error.lineno}: registry cache: {error.msg}; restore it from git "
            "(`git checkout -- bib/registry-cache.json`) or run `make verify-refs`"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CacheError(
            f"{shown}:1: registry cache: format {data.get('format') if isinstance(data, dict) else '?'} "
            f"is not {FORMAT}; run `make verify-refs` to rewrite it"
        )
    try:
        return RegistryCache(
            records={key: _record(value) for key, value in data.get("records", {}).items()},
            verdicts={key: _verdict(value) for key, value in data.get("verdicts", {}).items()},
        )
    except (KeyError, TypeError, ValueError) as error:
        raise CacheError(
            f"{shown}:1: registry cache: a record or verdict cannot be read ({error}); "
            "run `make verify-refs` to rewrite it"
        ) from None


def _record(value: dict[str, Any]) -> CachedRecord:
    work = value["work"]
    return CachedRecord(dt.date.fromisoformat(value["fetched"]), Work.from_json(work) if work else None)


def _verdict(value: dict[str, Any]) -> Verdict:
    return Verdict(
        checked=dt.date.fromisoformat(value["checked"]),
        fingerprint=str(value["fingerprint"]),
        against={str(name): str(identifier) for name, identifier in value["against"].items()},
        compared=tuple(value["compared"]),
        matched=bool(value["matched"]),
    )
