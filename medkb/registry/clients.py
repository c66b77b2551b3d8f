"""The registries' HTTP clients: Crossref's REST API and NCBI E-utilities (esummary), with requests.

Good citizenship, as both registries ask: a User-Agent naming the tool with a `mailto` (Crossref's
"polite pool"; NCBI's `tool` and `email` parameters), NCBI's rate limit (3 requests a second, 10
with an API key from NCBI_API_KEY), one esummary request per 200 PMIDs, and retries with backoff on
timeouts, 429 and 5xx replies (a 429's Retry-After is honoured); a lower limit that Crossref announces
in its X-Rate-Limit headers is followed.
"""

from __future__ import annotations

import html
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests

from medkb.registry.records import Notice, Work, normal_doi

CROSSREF_API = "https://api.crossref.org"
EUTILS_API = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
TOOL = "medkb-verify-refs"
TOOL_VERSION = "1.0"
PROJECT_URL = "https://github.com/clinical-evidence-kb/knowledge-base"
ESUMMARY_BATCH = 200
TIMEOUT = (5.0, 30.0)
"""Seconds to connect, seconds to wait for the reply."""
RETRIED_STATUSES = {429, 500, 502, 503, 504}


class RegistryError(Exception):
    """One request failed after its retries (a timeout, a server error): other requests may still work."""


class RegistryUnreachable(RegistryError):
    """The registry cannot be reached at all (no network, name lookup failed, connection refused)."""


@dataclass
class Politeness:
    """How the clients present themselves and pace their requests."""

    mailto: str = ""
    ncbi_api_key: str = ""
    attempts: int = 5
    backoff: float = 1.0
    """Seconds before the first retry; doubled for each further one."""
    longest_wait: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic

    @classmethod
    def from_environment(cls, mailto: str = "") -> Politeness:
        return cls(
            mailto=mailto or os.environ.get("MEDKB_MAILTO", ""),
            ncbi_api_key=os.environ.get("NCBI_API_KEY", ""),
        )

    @property
    def user_agent(self) -> str:
        contact = f"; mailto:{self.mailto}" if self.mailto else ""
        return f"{TOOL}/{TOOL_VERSION} (+{PROJECT_URL}{contact}) requests/{requests.__version__}"


@dataclass
class _Pace:
    """At most one request every `interval` seconds to one registry."""

    interval: float
    last: float | None = None

    def follow(self, headers: Mapping[str, str]) -> None:
        """Slow down to the limit a registry announces (Crossref: X-Rate-Limit-Limit requests per
        X-Rate-Limit-Interval, e.g. 50 per '1s'); never speed up past our own pace."""
        limit, interval = headers.get("X-Rate-Limit-Limit", ""), headers.get("X-Rate-Limit-Interval", "")
        match = re.fullmatch(r"(\d+)s", interval.strip())
        if limit.strip().isdigit() and int(limit) > 0 and match:
            self.interval = max(self.interval, int(match.group(1)) / int(limit))

    def wait(self, politeness: Politeness) -> None:
        now = politeness.clock()
        if self.last is not None and now - self.last < self.interval:
            politeness.sleep(self.interval - (now - self.last))
            now = politeness.clock()
        self.last = now


@dataclass
class RegistryClient:
    """One session for both registries; each registry paced on its own."""

    politeness: Politeness = field(default_factory=Politeness)
    session: requests.Session = field(default_factory=requests.Session)
    requests_made: int = 0

    def __post_init__(self) -> None:
        self.session.headers["User-Agent"] = self.politeness.user_agent
        self.session.headers["Accept"] = "application/json"
        ncbi_rate = 10 if self.politeness.ncbi_api_key else 3
        self._paces = {"crossref": _Pace(1 / 10), "pubmed": _Pace(1 / ncbi_rate)}

    # -- Crossref ---------------------------------------------------------------------------

    def crossref_work(self, doi: str) -> Work | None:
        """The work a DOI names in Crossref; None when Crossref does not know the DOI (404)."""
        url = f"{CROSSREF_API}/works/{quote(normal_doi(doi), safe='/()')}"
        params = {"mailto": self.politeness.mailto} if self.politeness.mailto else {}
        reply = self._get("crossref", "Crossref", url, params)
        if reply is None:
            return None
        return crossref_work(reply["message"])

    # -- NCBI E-utilities -------------------------------------------------------------------

    def pubmed_works(self, pmids: Iterable[str]) -> dict[str, Work | None]:
        """PubMed's record of each PMID (None for a PMID PubMed does not have), 200 per request."""
        wanted = sorted({pmid for pmid in pmids if pmid.isdigit()}, key=int)
        found: dict[str, Work | None] = {}
        for start in range(0, len(wanted), ESUMMARY_BATCH):
            batch = wanted[start : start + ESUMMARY_BATCH]
            params = {"db": "pubmed", "id": ",".join(batch), "retmode": "json", "tool": TOOL}
            if self.politeness.mailto:
                params["email"] = self.politeness.mailto
            if self.politeness.ncbi_api_key:
                params["api_key"] = self.politeness.ncbi_api_key
            reply = self._get("pubmed", "NCBI E-utilities", f"{EUTILS_API}/esummary.fcgi", params) or {}
            if "result" not in reply:  # a refused request (a bad API key, say): no PMID was looked up
                raise RegistryError(
                    f"NCBI E-utilities refused the request: {reply.get('error', 'no result')}"
                )
            found.update(pubmed_works(reply, batch))
        return found

    def pubmed_search_doi(self, doi: str) -> str:
        """The PMID PubMed gives a DOI, or '' (esearch on the DOI field)."""
        params = {"db": "pubmed", "term": f"{normal_doi(doi)}[doi]", "retmode": "json", "tool": TOOL}
        if self.politeness.mailto:
            params["email"] = self.politeness.mailto
        if self.politeness.ncbi_api_key:
            params["api_key"] = self.politeness.ncbi_api_key
        reply = self._get("pubmed", "NCBI E-utilities", f"{EUTILS_API}/esearch.fcgi", params)
        ids = ((reply or {}).get("esearchresult") or {}).get("idlist") or []
        return str(ids[0]) if len(ids) == 1 else ""

    # -- one request, paced and retried ----------------------------------------------------

    def _get(self, registry: str, name: str, url: str, params: dict[str, str]) -> dict[str, Any] | None:
        """The reply's JSON; None for a 404. Raises RegistryUnreachable or RegistryError after the retries."""
        politeness = self.politeness
        problem = ""
        asked_wait: float | None = None
        for attempt in range(politeness.attempts):
            if attempt:  # the wait a 429 asked for, or a doubling backoff
                backoff = politeness.backoff * 2 ** (attempt - 1)
                politeness.sleep(min(backoff if asked_wait is None else asked_wait, politeness.longest_wait))
                asked_wait = None
            self._paces[registry].wait(politeness)
            self.requests_made += 1
            try:
                reply = self.session.get(url, params=params, timeout=TIMEOUT)
            except requests.exceptions.ConnectTimeout:
                problem = "no connection within the time allowed"
                continue
            except requests.exceptions.ConnectionError as error:
                problem = _reason(error)
                if attempt >= 1:  # twice in a row: no network, not a dropped connection
                    raise RegistryUnreachable(f"{name} cannot be reached ({problem})") from None
                continue
            except requests.exceptions.Timeout:
                problem = f"no reply within {TIMEOUT[1]:.0f} seconds"
                continue
            self._paces[registry].follow(reply.headers)
            if reply.status_code == 404:
                return None
            if reply.status_code in RETRIED_STATUSES:
                problem = f"HTTP {reply.status_code}"
                asked_wait = _retry_after(reply)
                continue
            if not reply.ok:
                raise RegistryError(f"{name} answered HTTP {reply.status_code} for {reply.url}")
            try:
                return dict(reply.json())
            except ValueError:
                raise RegistryError(f"{name} sent a reply that is not JSON for {reply.url}") from None
        raise RegistryError(f"{name}: {problem} after {politeness.attempts} attempts ({url})")


def _retry_after(reply: requests.Response) -> float | None:
    value = reply.headers.get("Retry-After", "")
    return float(value) if value.strip().isdigit() else None


def _reason(error: Exception) -> str:
    text = str(error)
    for hint in (
        "Name or service not known",
        "Temporary failure in name resolution",
        "Connection refused",
        "Network is unreachable",
        "network access refused",
    ):
        if hint.casefold() in text.casefold():
            return hint.casefold() if hint[0].islower() else hint[0].lower() + hint[1:]
    return "no connection"


# ---------------------------------------------------------------------------------------------
# The registries' replies, read into Work records
# ---------------------------------------------------------------------------------------------


def crossref_work(message: dict[str, Any]) -> Work:
    """A Crossref `/works/{doi}` message: title, authors, dates, container, and its update notices."""
    titles = message.get("title") or [""]
    subtitles = message.get("subtitle") or []
    title = titles[0] if not subtitles else f"{titles[0]}: {subtitles[0]}"
    people = [author for author in message.get("author") or [] if author.get("family") or author.get("name")]
    people.sort(key=lambda author: author.get("sequence") != "first")  # Crossref marks the first author
    notices = [_crossref_notice(update) for update in message.get("updated-by") or []]
    return Work(
        registry="crossref",
        title=_plain(title),
        authors=tuple(_plain(author.get("family") or author.get("name", "")) for author in people),
        given_names=tuple(_plain(author.get("given", "")) for author in people),
        years=_crossref_years(message),
        container=tuple(
            _plain(name)
            for name in [
                *(message.get("container-title") or []),
                *(message.get("short-container-title") or []),
            ]
        ),
        volume=str(message.get("volume", "")),
        issue=str(message.get("issue", "")),
        pages=str(message.get("page", "")),
        work_type=str(message.get("type", "")),
        doi=normal_doi(str(message.get("DOI", ""))),
        notices=tuple(sorted(set(notices), key=lambda notice: (notice.date, notice.kind, notice.doi))),
        publisher=_plain(str(message.get("publisher", ""))),
    )


def _crossref_notice(update: dict[str, Any]) -> Notice:
    parts = ((update.get("updated") or {}).get("date-parts") or [[]])[0]
    return Notice(
        kind=str(update.get("type", "")).replace("-", "_").casefold(),
        doi=normal_doi(str(update.get("DOI", ""))),
        date="-".join(f"{part:02d}" if index else str(part) for index, part in enumerate(parts) if part),
        source=str(update.get("source", "")),
    )


def _crossref_years(message: dict[str, Any]) -> tuple[str, ...]:
    years: list[str] = []
    for name in ("issued", "published-print", "published-online", "published"):
        parts = ((message.get(name) or {}).get("date-parts") or [[None]])[0]
        if parts and parts[0] and str(parts[0]) not in years:
            years.append(str(parts[0]))
    return tuple(years)


def pubmed_works(reply: dict[str, Any], pmids: Sequence[str]) -> dict[str, Work | None]:
    """An esummary JSON reply: each asked PMID's record, or None when PubMed has none."""
    result = reply.get("result") or {}
    works: dict[str, Work | None] = {}
    for pmid in pmids:
        record = result.get(pmid)
        if not isinstance(record, dict) or record.get("error") or not record.get("title"):
            works[pmid] = None
            continue
        ids = {item.get("idtype"): str(item.get("value", "")) for item in record.get("articleids") or []}
        people = [
            author for author in record.get("authors") or [] if author.get("authtype", "Author") == "Author"
        ]
        years = [
            date[:4] for date in (record.get("pubdate", ""), record.get("epubdate", "")) if date[:4].isdigit()
        ]
        pubtypes = {str(kind).casefold() for kind in record.get("pubtype") or []}
        notices = []
        if "retracted publication" in pubtypes:
            notices.append(Notice(kind="retraction", source="pubmed"))
        works[pmid] = Work(
            registry="pubmed",
            title=_plain(str(record["title"])),
            authors=tuple(str(author.get("name", "")) for author in people),
            years=tuple(dict.fromkeys(years)),
            container=tuple(
                name for name in (record.get("fulljournalname", ""), record.get("source", "")) if name
            ),
            volume=str(record.get("volume", "")),
            issue=str(record.get("issue", "")),
            pages=str(record.get("pages", "")),
            work_type=", ".join(record.get("pubtype") or []),
            doi=normal_doi(ids.get("doi", "")),
            pmid=pmid,
            notices=tuple(notices),
        )
    return works


def _plain(text: str) -> str:
    """Registry text without JATS/HTML tags and with single spaces (Crossref titles may hold <i>...</i>)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())
