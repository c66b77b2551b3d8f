"""The bibliography: every `bib/*.bib` entry as a checked `Reference`, and the rules it must meet."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
import yaml

from medkb.checks.citations import KEY_PATTERN
from medkb.checks.html_safety import url_scheme
from medkb.findings import Finding, shown_path
from medkb.sources.bibtex import BibEntry, read_bibtex_file

EVIDENCE_TYPES: dict[str, str] = {
    "guideline": "Guideline",
    "consensus-statement": "Consensus statement",
    "systematic-review": "Systematic review",
    "meta-analysis": "Meta-analysis",
    "rct": "Randomised trial",
    "cohort": "Cohort study",
    "case-series": "Case series",
    "review": "Review",
    "drug-label": "Drug label",
    "regulatory": "Regulatory document",
    "preclinical": "Preclinical study",
    "retraction-notice": "Retraction notice",
    "news-report": "News report",
}
"""Evidence types an entry may declare in its `evidence_type` field, with the label readers see."""

REQUIRED_BY_TYPE: dict[str, tuple[str, ...]] = {
    "article": ("journal",),
    "book": ("publisher",),
    "inbook": ("publisher",),
    "incollection": ("booktitle", "publisher"),
    "inproceedings": ("booktitle",),
    "techreport": ("institution",),
    "manual": (),
    "misc": (),
    "phdthesis": ("school",),
    "mastersthesis": ("school",),
}
"""Entry types the reference formatter (pybtex's plain style in mkdocs-bibtex) can render, and the
container field each needs beyond author, title and year."""

VERSIONED_TYPES: dict[str, str] = {"drug-label": "label revised", "guideline": "guideline version of"}
"""Evidence types whose source changes under a page: each entry names the version it cites in
`version_date`, shown in the reference list as e.g. 'Label revised January 2025'."""

DEFAULT_VERSION_AGE_YEARS: dict[str, int] = {"drug-label": 2, "guideline": 5}
"""How old a cited version may be before `medkb check` asks for it to be re-checked; mkdocs.yml's
`extra: reference_versions: {max_age_years: {drug-label: 2, guideline: 5}}` overrides these."""

VERSION_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
"""A version date: 2025, 2025-01 or 2025-01-21 (as precise as the source states it)."""
VERSION_CHECKED = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})\s*:\s*(?P<note>\S.*)$", re.DOTALL)
"""`version_checked = {2026-12-04: what was compared}`: the day an editor found the cited version still current."""
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

CONTAINER_FIELDS = ("journal", "booktitle", "publisher", "institution", "organization", "howpublished")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PATTERN = re.compile(r"^\d{1,9}$")


@dataclass(frozen=True)
class Reference:
    key: str
    entry_type: str
    authors: tuple[str, ...]
    """Display names, AMA style: 'Zarate CA Jr', and 'et al' as the last item when truncated."""
    title: str
    container: str
    year: str
    volume: str
    number: str
    pages: str
    doi: str
    pmid: str
    url: str
    evidence_type: str
    retraction: str
    unconfirmed: str
    path: str
    line: int
    version_date: str = ""
    """The cited version of a label or guideline as written in the entry: '2025-01' (see VERSION_DATE)."""
    version_checked: str = ""
    """'2026-12-04: note': when an editor last found the cited version still current, and how."""
    superseded_by: str = ""
    """The key of the entry for the newer version: the older one is then cited on purpose, as history."""

    @property
    def version(self) -> VersionDate | None:
        return parse_version_date(self.version_date)

    @property
    def version_label(self) -> str:
        """'Label revised January 2025' for a label, 'Guideline version of May 2022' for a guideline."""
        version = self.version
        words = VERSIONED_TYPES.get(self.evidence_type, "version of")
        return f"{words[0].upper()}{words[1:]} {version.text}" if version else ""

    @property
    def checked_on(self) -> dt.date | None:
        return parse_version_checked(self.version_checked)[0]

    @property
    def retracted(self) -> bool:
        """The entry carries a retraction notice (`retraction = {...}`): the one test of a retraction, read by
        the claim check, the reference list's RETRACTED mark and the registry comparison."""
        return bool(self.retraction.strip())

    @property
    def title_sentence(self) -> str:
        """The title ending in one full stop (or its own '?' or '!')."""
        title = self.title.strip()
        return title if title.endswith((".", "?", "!")) else f"{title}."

    @property
    def evidence_label(self) -> str:
        return EVIDENCE_TYPES.get(self.evidence_type, "Source")

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""


@dataclass(frozen=True)
class VersionDate:
    start: dt.date
    """The first day the written date can mean ('2025-01' -> 1 January 2025): ages are never understated."""
    text: str
    """As readers see it: '2025', 'January 2025' or '21 January 2025'."""


def parse_version_date(text: str) -> VersionDate | None:
    match = VERSION_DATE.match(text.strip())
    if match is None:
        return None
    year, month, day = match.group("year", "month", "day")
    try:
        start = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if day:
        shown = f"{start.day} {MONTHS[start.month - 1]} {start.year}"
    elif month:
        shown = f"{MONTHS[start.month - 1]} {start.year}"
    else:
        shown = year
    return VersionDate(start, shown)


def parse_version_checked(text: str) -> tuple[dt.date | None, str]:
    """(the day, the note) of a `version_checked` value; (None, '') when it is absent or malformed."""
    match = VERSION_CHECKED.match(text.strip())
    if match is None:
        return None, ""
    try:
        return dt.date.fromisoformat(match.group("date")), match.group("note").strip()
    except ValueError:
        return None, ""


@dataclass
class Bibliography:
    references: dict[str, Reference]
    findings: list[Finding]

    def __contains__(self, key: object) -> bool:
        return key in self.references

    def __getitem__(self, key: str) -> Reference:
        return self.references[key]

    def references_as_entries(self) -> _Entries:
        """A read-only view with an `.entries` mapping, the shape citation processors look keys up in."""
        return _Entries(self.references)


@dataclass(frozen=True)
class _Entries:
    entries: dict[str, Reference]


def load_bibliography(bib_files: Sequence[Path], root: Path) -> Bibliography:
    """Read and check every file; a problem in one entry never hides the others."""
    signature = tuple((str(path), *_stat(path)) for path in sorted(bib_files))
    return _load_cached(signature, str(root))


def _stat(path: Path) -> tuple[float, int]:
    stat = path.stat()
    return stat.st_mtime, stat.st_size


@lru_cache(maxsize=8)
def _load_cached(signature: tuple[tuple[str, float, int], ...], root: str) -> Bibliography:
    references: dict[str, Reference] = {}
    findings: list[Finding] = []
    seen_folded: dict[str, BibEntry] = {}
    for path_text, _mtime, _size in signature:
        path = Path(path_text)
        display = shown_path(path, Path(root))
        bib_file = read_bibtex_file(path, display)
        findings.extend(bib_file.findings)
        for entry in bib_file.entries:
            folded = entry.key.lower()
            if folded in seen_folded:
                first = seen_folded[folded]
                same = "the same key" if first.key == entry.key else f"'{first.key}' (keys differ only in case)"
                findings.append(
                    Finding(
                        entry.path,
                        entry.line,
                        "duplicate key",
                        f"'{entry.key}' is already defined as {same} at {first.path}:{first.line}; "
                        "keep one entry and cite it",
                    )
                )
                continue
            seen_folded[folded] = entry
            findings.extend(entry_findings(entry))
            references[entry.key] = to_reference(entry)
    return Bibliography(references=references, findings=findings)


def entry_findings(entry: BibEntry) -> list[Finding]:
    """What an entry lacks or gets wrong, each finding at the entry's (or field's) line."""
    found: list[Finding] = []

    def add(kind: str, message: str, field_name: str | None = None) -> None:
        line = entry.field_lines.get(field_name, entry.line) if field_name else entry.line
        found.append(Finding(entry.path, line, kind, f"entry '{entry.key}': {message}"))

    fields = entry.fields
    if not KEY_PATTERN.match(entry.key):
        add(
            "bad key",
            "keys are lowercase: family name, year, first title word (e.g. zarate2006randomized)",
        )
    if not (fields.get("author") or fields.get("editor") or fields.get("organization")
            or fields.get("institution")):
        add("missing field", "needs 'author' (or 'organization'/'institution' for a corporate author)")
    for required in ("title", "year"):
        if not fields.get(required, "").strip():
            add("missing field", f"needs '{required}'")
    if entry.entry_type not in REQUIRED_BY_TYPE:
        add("bad entry type", f"@{entry.entry_type} cannot be formatted; use one of: "
            + ", ".join(f"@{name}" for name in REQUIRED_BY_TYPE))
    else:
        for name in REQUIRED_BY_TYPE[entry.entry_type]:
            if not fields.get(name, "").strip():
                add("missing field", f"@{entry.entry_type} needs '{name}'")
    if not any(fields.get(name) for name in CONTAINER_FIELDS):
        add("missing field", "needs 'journal', or 'publisher'/'institution' for books, guidelines and labels")
    year = fields.get("year", "").strip()
    if year and not re.fullmatch(r"\d{4}", year):
        add("bad field", f"year '{year}' must be four digits", "year")
    doi = fields.get("doi", "").strip()
    if doi and not DOI_PATTERN.match(doi):
        add("malformed DOI", f"'{doi}' is not a DOI; write it bare, like 10.1001/archpsyc.63.8.856", "doi")
    pmid = fields.get("pmid", "").strip()
    if pmid and not PMID_PATTERN.match(pmid):
        add("bad field", f"PMID '{pmid}' must be digits only", "pmid")
    url = fields.get("url", "").strip()
    if url and url_scheme(url) not in ("http", "https"):  # the reference list links to it
        add("bad field", f"url '{url}' must be a web address starting with https:// or http://", "url")
    if not (doi or pmid or fields.get("url")):
        add("no identifier", "needs a 'doi', a 'pmid' or, for documents without either, a 'url'")
    evidence_type = fields.get("evidence_type", "").strip()
    if not evidence_type:
        add("missing field", f"needs 'evidence_type', one of: {', '.join(EVIDENCE_TYPES)}")
    elif evidence_type not in EVIDENCE_TYPES:
        add(
            "bad field",
            f"evidence_type '{evidence_type}' is not one of: {', '.join(EVIDENCE_TYPES)}",
            "evidence_type",
        )
    version_date = fields.get("version_date", "").strip()
    if version_date and parse_version_date(version_date) is None:
        add("bad field", f"version_date '{version_date}' must be a date: 2025, 2025-01 or 2025-01-21",
            "version_date")
    elif not version_date and evidence_type in VERSIONED_TYPES:
        add("missing field", f"a {evidence_type} needs 'version_date': the revision date of the version cited "
            "(e.g. 2025-01 for a label revised January 2025), as the document itself states it")
    checked = fields.get("version_checked", "").strip()
    if checked and parse_version_checked(checked)[0] is None:
        add("bad field", "version_checked must be a date and what was compared, e.g. "
            "{2026-12-04: compared with the label on DailyMed; the cited revision is still current}",
            "version_checked")
    return found


def to_reference(entry: BibEntry) -> Reference:
    fields = {name: latex_to_text(value) for name, value in entry.fields.items()}
    authors = format_authors(entry.fields.get("author", "")) or (
        fields.get("organization") or fields.get("institution") or "",
    )
    container = next((fields[name] for name in CONTAINER_FIELDS if fields.get(name)), "")
    return Reference(
        key=entry.key,
        entry_type=entry.entry_type,
        authors=tuple(author for author in authors if author),
        title=fields.get("title", ""),
        container=container,
        year=fields.get("year", ""),
        volume=fields.get("volume", ""),
        number=fields.get("number", ""),
        pages=fields.get("pages", "").replace("--", "-"),
        doi=fields.get("doi", "").strip(),
        pmid=fields.get("pmid", "").strip(),
        url=entry.fields.get("url", "").strip(),
        evidence_type=fields.get("evidence_type", "").strip(),
        retraction=fields.get("retraction", ""),
        unconfirmed=_unconfirmed(fields.get("verification", "")),
        path=entry.path,
        line=entry.line,
        version_date=fields.get("version_date", "").strip(),
        version_checked=fields.get("version_checked", "").strip(),
        superseded_by=fields.get("superseded_by", "").strip(),
    )


def _unconfirmed(verification: str) -> str:
    text = verification.strip()
    if text.lower().startswith("unconfirmed"):
        return text.partition(":")[2].strip() or "details not confirmed"
    return ""


_decode_latex = cast(Callable[[str], tuple[str, int]], codecs.lookup("ulatex").decode)
"""latexcodec's decoder: it takes text (the standard library's type stubs say bytes)."""


def latex_to_text(value: str) -> str:
    """BibTeX/LaTeX markup to plain text: accents decoded, protective braces dropped."""
    if "\\" in value:
        try:
            value = _decode_latex(value)[0]
        except ValueError:
            pass
    return value.replace("{", "").replace("}", "").replace("~", "\u00a0").replace("--", "\u2013")


def format_authors(author_field: str, *, limit: int = 6) -> tuple[str, ...]:
    """AMA style: 'Family GI' for each author; more than `limit` gives the first three and 'et al'."""
    if not author_field.strip():
        return ()
    names = [name.strip() for name in split_names(author_field.strip()) if name.strip()]
    truncated = any(name.lower() == "others" for name in names)
    names = [name for name in names if name.lower() != "others"]
    formatted = [_ama_name(name) for name in names]
    if truncated or len(formatted) > limit:
        return (*formatted[:3], "et al")
    return tuple(formatted)


def split_names(author_field: str) -> list[str]:
    """Split on ' and ' outside braces: '{Assessment and Management Work Group}' is one author."""
    names: list[str] = []
    depth = 0
    start = 0
    for match in re.finditer(r"[{}]|\s+and\s+", author_field):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            names.append(author_field[start : match.start()])
            start = match.end()
    names.append(author_field[start:])
    return names


def _ama_name(name: str) -> str:
    if name.startswith("{") and name.endswith("}"):
        return latex_to_text(name[1:-1])  # corporate author, kept whole
    text = latex_to_text(name)
    suffix = ""
    if "," in text:
        parts = [part.strip() for part in text.split(",")]
        family, given = parts[0], parts[-1]
        if len(parts) == 3:
            suffix = parts[1]
    else:
        words = text.split()
        family, given = words[-1], " ".join(words[:-1])
    initials = "".join(
        "".join(piece[0].upper() for piece in word.split("-") if piece)
        for word in given.replace(".", " ").split()
        if word[0].isalpha()
    )
    return " ".join(part for part in (family, initials, suffix) if part)



def uncited_findings(bibliography: Bibliography, cited_keys: Iterable[str]) -> list[Finding]:
    """Entries no page cites: listed so that every reference in bib/ is one a reader can reach."""
    cited = set(cited_keys)
    return [
        Finding(
            reference.path,
            reference.line,
            "uncited entry",
            f"'{reference.key}' is cited on no page; cite it or remove it (every listed reference must be cited)",
            "warning",
        )
        for reference in bibliography.references.values()
        if reference.key not in cited
    ]


# --- versions of labels and guidelines ----------------------------------------------------------

CONFIG_KEY = "extra.reference_versions.max_age_years"


class VersionConfigError(ValueError):
    """mkdocs.yml's reference_versions settings are not valid; the message says what is expected."""


def version_age_limits(extra: Any) -> dict[str, int]:
    """Years a cited version may age, by evidence type, from mkdocs.yml's `extra` mapping:
    `reference_versions: {max_age_years: {drug-label: 2, guideline: 5}}` (the defaults)."""
    limits = dict(DEFAULT_VERSION_AGE_YEARS)
    settings = extra.get("reference_versions") if isinstance(extra, Mapping) else None
    if settings is None:
        return limits
    years = settings.get("max_age_years") if isinstance(settings, Mapping) else None
    if not isinstance(years, Mapping):
        raise VersionConfigError(f"{CONFIG_KEY} must be a mapping, e.g. {{drug-label: 2, guideline: 5}}")
    for evidence_type, value in years.items():
        if evidence_type not in VERSIONED_TYPES:
            raise VersionConfigError(f"{CONFIG_KEY}: '{evidence_type}' is not one of: {', '.join(VERSIONED_TYPES)}")
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise VersionConfigError(f"{CONFIG_KEY}.{evidence_type} must be a whole number of years (1 or more)")
        limits[evidence_type] = value
    return limits


def version_age_limits_for(root: Path) -> tuple[dict[str, int], list[Finding]]:
    """The limits set in `root`/mkdocs.yml (the defaults without one), and a finding when they are not valid."""
    config = root / "mkdocs.yml"
    try:
        return _limits_from_file(config, config.stat().st_mtime_ns), []
    except FileNotFoundError:
        return dict(DEFAULT_VERSION_AGE_YEARS), []
    except (OSError, ValueError, yaml.YAMLError) as error:
        return dict(DEFAULT_VERSION_AGE_YEARS), [Finding(shown_path(config, root), None, "configuration", str(error))]


@lru_cache(maxsize=8)
def _limits_from_file(config: Path, _mtime: int) -> dict[str, int]:
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_LenientLoader)
    return version_age_limits(data.get("extra") if isinstance(data, dict) else None)


class _LenientLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads mkdocs.yml without constructing its `!!python/name:` and `!ENV` values."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def outdated_version(reference: Reference, on_date: dt.date, limits: Mapping[str, int]) -> bool:
    """The cited version is older than its type's limit and no editor has found it current within that time."""
    years = limits.get(reference.evidence_type)
    version = reference.version
    if reference.superseded_by:  # cited as history; superseded_findings checks that the newer entry exists
        return False
    if years is None or version is None or years_after(version.start, years) > on_date:
        return False
    checked = reference.checked_on
    return checked is None or years_after(checked, years) <= on_date


def version_age_findings(
    citations: Iterable[tuple[str, Mapping[str, int]]],
    bibliography: Bibliography,
    on_date: dt.date,
    limits: Mapping[str, int],
) -> list[Finding]:
    """A warning on each page (at its first citation) citing a label or guideline version past its age limit.

    `citations`: (page path, {key: line of its first citation}) for every page.
    """
    findings: list[Finding] = []
    for path, first_lines in citations:
        for key, line in first_lines.items():
            reference = bibliography.references.get(key)
            if reference is None or not outdated_version(reference, on_date, limits):
                continue
            years = limits[reference.evidence_type]
            kind = "label" if reference.evidence_type == "drug-label" else "guideline"
            findings.append(
                Finding(
                    path,
                    line,
                    "outdated version",
                    f"cites '{key}', {reference.version_label[0].lower()}{reference.version_label[1:]}: more than "
                    f"{years} year{'s' if years != 1 else ''} old. Check it against the current {kind}, then update "
                    f"the entry ({reference.path}:{reference.line}) or record that the cited version is still "
                    f"current: version_checked = {{{on_date.isoformat()}: what you compared}}",
                    "warning",
                )
            )
    return findings


def superseded_findings(bibliography: Bibliography) -> list[Finding]:
    """`superseded_by` must name another entry of the bibliography: the newer version readers should turn to."""
    return [
        Finding(reference.path, reference.line, "bad field",
                f"entry '{reference.key}': superseded_by '{reference.superseded_by}' is not a key in bib/; "
                "name the entry of the newer version")
        for reference in bibliography.references.values()
        if reference.superseded_by and (
            reference.superseded_by not in bibliography.references or reference.superseded_by == reference.key
        )
    ]
