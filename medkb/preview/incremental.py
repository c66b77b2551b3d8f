"""Which pages a rebuild must render again, from what each page's output is made of.

`make serve` rebuilds with MkDocs' dirty mode, which renders only the pages it is told have changed.
A page's output depends on its own source and findings, and on a few things shared with others: the
configuration, the bibliography, the set of pages and their titles (navigation, previous and next
links), its article's overview (review header, article name), and for an article's references page
the citations of the article's pages. Each build records a fingerprint of these inputs; the next one
renders the pages whose inputs changed, and everything when a shared input did. Nothing here knows
of MkDocs (hooks/incremental.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from medkb.checks.project import ProjectReport
from medkb.findings import Finding


@dataclass(frozen=True)
class Fingerprint:
    site: str
    """Inputs every page shares: configuration, bibliography, the pages and their titles."""
    pages: Mapping[str, str]
    """src_uri -> the page's own inputs: its source file (size, time) and its findings."""
    articles: Mapping[str, str]
    """article -> its overview's front matter (shown on each of its pages)."""
    references: Mapping[str, str]
    """article -> what its references page is made of: each page's title and citations, in order."""


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def fingerprint(
    report: ProjectReport,
    *,
    config_text: str,
    sources: Mapping[str, tuple[int, int]],
    bib_files: Mapping[str, tuple[int, int]],
    findings: Iterable[Finding],
    docs_path: str,
    shared: Iterable[str] = (),
) -> Fingerprint:
    """`sources`: src_uri -> (size, modification time in ns) of every page's file, generated ones too
    (as (0, 0)); `bib_files`: the same of each bib file; `findings`: the project's findings, shown on
    their pages in the preview; `shared`: anything else every page shows (the day, bib problems)."""
    by_path: dict[str, list[tuple[Any, ...]]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(
            (finding.line, finding.kind, finding.message, finding.severity)
        )
    titles = {src: page.meta.get("title") for src, page in report.pages.items()}
    site = digest([config_text, sorted(sources), titles, sorted(bib_files.items()), list(shared)])
    pages = {
        src: digest([size_time, by_path.get(f"{docs_path}/{src}", [])]) for src, size_time in sources.items()
    }
    articles = {slug: digest(article.overview.meta) for slug, article in report.articles.items()}
    references = {
        slug: digest(
            sorted((page.src_path, page.meta.get("title"), page.cited_keys) for page in article.pages)
        )
        for slug, article in report.articles.items()
    }
    return Fingerprint(site=site, pages=pages, articles=articles, references=references)


def pages_to_render(
    previous: Fingerprint | None,
    current: Fingerprint,
    *,
    article_of: Mapping[str, str | None],
    references_pages: Mapping[str, str],
    home: str = "index.md",
) -> set[str] | None:
    """The src_uris to render again; None: every page.

    `article_of`: src_uri -> its article (None outside articles); `references_pages`: src_uri of each
    generated references page -> its article.
    """
    if previous is None or previous.site != current.site:
        return None
    changed = {src for src, value in current.pages.items() if previous.pages.get(src) != value}
    changed_articles = {
        slug for slug, value in current.articles.items() if previous.articles.get(slug) != value
    }
    if changed_articles:
        changed.add(home)  # the article list shows each overview's question, status and date
        changed.update(src for src, slug in article_of.items() if slug in changed_articles)
    changed.update(
        src
        for src, slug in references_pages.items()
        if previous.references.get(slug) != current.references.get(slug) or slug in changed_articles
    )
    return changed
