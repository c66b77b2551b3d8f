"""The whole project checked at once: every page under docs/ and every entry in bib/.

`check_project` is the one rule set. The MkDocs build calls it before any page is rendered,
`medkb check` (make check) prints its findings, and the tests run it over the real content.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import importlib.util
import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from medkb.checks.audience import audience_findings
from medkb.checks.citations import citation_blocks, citation_findings
from medkb.checks.claims import Marker, claim_report, page_kind
from medkb.checks.html_safety import HtmlPolicy, policy_for_page, unsafe_file_findings, unsafe_html_findings
from medkb.checks.safety.limits import source_limit_findings
from medkb.checks.site_paths import address_collision_findings, docs_dir_of, link_findings
from medkb.findings import Finding, shown_path
from medkb.render.structured_data import about_findings
from medkb.sources.bibliography import (
    Bibliography,
    load_bibliography,
    superseded_findings,
    uncited_findings,
    version_age_findings,
    version_age_limits_for,
)
from medkb.sources.frontmatter import FrontMatterError, PageReview, check_article_meta, read_front_matter
from medkb.sources.frontmatter_schema import SchemaChoices, front_matter_findings

RETRACTION_WORDS = re.compile(r"retract", re.IGNORECASE)
MAX_PAGE_BYTES = 256 * 1024
PAGE_CHECK_SECONDS = 5
"""A page's check within the size limits of medkb.checks.safety.limits takes well under a second; one that takes
longer than this is reported (a warning, so that a busy machine never fails a build that a quiet one passes)."""
"""Our longest page is under 10 KB; Markdown rendering of heavily cited text slows down faster than linearly."""


@dataclass
class PageInfo:
    src_path: str
    """Path relative to docs/, with forward slashes (MkDocs' `file.src_uri`)."""
    display_path: str
    """Path as contributors see it, relative to the repository (`docs/...`)."""
    article: str | None
    meta: dict[str, Any]
    review: PageReview | None
    cited_keys: list[str]
    first_citation_lines: dict[str, int] = field(default_factory=dict)
    """Each cited key -> the line of its first citation on the page (where findings about the source point)."""
    markers: list[Marker] = field(default_factory=list)
    """Sentences marked `<!-- not-a-claim: reason -->` (listed by `medkb check --verbose`)."""


@dataclass
class Article:
    slug: str
    overview: PageInfo
    pages: list[PageInfo] = field(default_factory=list)

    @property
    def review(self) -> PageReview | None:
        return self.overview.review


@dataclass
class ProjectReport:
    findings: list[Finding]
    pages: dict[str, PageInfo]
    articles: dict[str, Article]
    bibliography: Bibliography

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == "error"]


def today() -> dt.date:
    """The build's date: from SOURCE_DATE_EPOCH when set, so that a rebuild of a commit is identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def article_of(src_path: str) -> str | None:
    """Pages in a folder directly under docs/ belong to the article named by that folder."""
    folder, slash, _rest = src_path.partition("/")
    return folder if slash else None


@dataclass
class CheckCache:
    """Each page's check kept between the rebuilds of the writer's preview (`make serve`): a page is
    checked again only when its bytes change or something every page depends on does (the
    bibliography, the set of pages, the configuration, the date). Strict builds use none."""

    context: tuple[object, ...] = ()
    bibliography: Bibliography | None = None
    pages: dict[str, tuple[bytes, PageInfo | None, list[Finding]]] = field(default_factory=dict)
    checked: int = 0
    """Pages checked (not taken from the cache) by the last run, for tests and the bench."""

    def start(self, context: tuple[object, ...]) -> None:
        if context != self.context:
            self.context, self.bibliography, self.pages = context, None, {}
        self.checked = 0


def _digest(paths: list[Path]) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for path in paths:
        digest.update(path.as_posix().encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.digest()


def check_project(root: Path, docs_dir: Path, bib_dir: Path, *, on_date: dt.date | None = None,
                  cache: CheckCache | None = None) -> ProjectReport:
    on_date = on_date or today()
    bib_files = sorted(bib_dir.glob("*.bib"))
    page_paths = sorted(docs_dir.rglob("*.md"))
    if cache is not None:
        configs = sorted(root.glob("*.yml"))
        cache.start((on_date, _digest(bib_files + configs), tuple(page_paths)))
        bibliography = cache.bibliography = cache.bibliography or load_bibliography(bib_files, root)
    else:
        bibliography = load_bibliography(bib_files, root)
    findings: list[Finding] = list(bibliography.findings)
    pages: dict[str, PageInfo] = {}
    all_cited: set[str] = set()
    docs_display = shown_path(docs_dir, root)
    policies: dict[Path, HtmlPolicy] = {}
    """Folder -> the HTML policy of its pages: the nearest mkdocs.yml above it, looked up once per folder."""
    for path in page_paths:
        src_path = path.relative_to(docs_dir).as_posix()
        display_path = f"{docs_display}/{src_path}"  # as contributors see it (no resolving of each page)
        if path.parent not in policies:
            policies[path.parent] = policy_for_page(path)
        started = time.process_time()
        page, page_findings = _checked_page(cache, path, src_path, display_path, bibliography, on_date,
                                            policies[path.parent])
        spent = time.process_time() - started
        if spent > PAGE_CHECK_SECONDS:
            page_findings = [*page_findings, Finding(
                display_path, None, "slow page",
                f"checking this page took {spent:.0f} s of CPU (the budget is {PAGE_CHECK_SECONDS} s per page); "
                "split it into several pages, one per section", severity="warning")]
        findings.extend(page_findings)
        if page is not None:
            pages[src_path] = page
            all_cited.update(page.cited_keys)
    findings.extend(uncited_findings(bibliography, all_cited))
    limits, config_findings = version_age_limits_for(root)
    findings.extend(config_findings)
    findings.extend(superseded_findings(bibliography))
    findings.extend(version_age_findings(
        ((page.display_path, page.first_citation_lines) for page in pages.values()), bibliography, on_date, limits
    ))
    findings.extend(address_collision_findings(pages, docs_display))
    findings.extend(unsafe_file_findings(docs_dir, root))
    articles = _articles(pages, findings, docs_display)
    return ProjectReport(findings=findings, pages=pages, articles=articles, bibliography=bibliography)


def _checked_page(
    cache: CheckCache | None, path: Path, src_path: str, display_path: str, bibliography: Bibliography,
    on_date: dt.date, policy: HtmlPolicy,
) -> tuple[PageInfo | None, list[Finding]]:
    """check_page, or its result from the preview's cache when the page's bytes are unchanged."""
    if cache is None:
        return check_page(path, src_path, display_path, bibliography, on_date, policy=policy)
    try:
        raw = path.read_bytes()
    except OSError:
        raw = b""
    digest = hashlib.blake2b(raw, digest_size=16).digest()
    kept = cache.pages.get(src_path)
    if kept is not None and kept[0] == digest:
        return kept[1], list(kept[2])
    page, findings = check_page(path, src_path, display_path, bibliography, on_date, policy=policy, raw=raw or None)
    cache.pages[src_path] = (digest, page, list(findings))
    cache.checked += 1
    return page, findings


def check_page(
    path: Path, src_path: str, display_path: str, bibliography: Bibliography, on_date: dt.date, *,
    policy: HtmlPolicy | None = None, raw: bytes | None = None,
) -> tuple[PageInfo | None, list[Finding]]:
    """One page's findings; `policy`: the page's HTML policy when the caller has it (`policy_for_page`);
    `raw`: the page's bytes when the caller has read them."""
    try:
        raw = path.read_bytes() if raw is None else raw
    except OSError as error:
        return None, [Finding(display_path, None, "unreadable", f"cannot read the page: {error.strerror}")]
    if len(raw) > MAX_PAGE_BYTES:
        return None, [Finding(display_path, None, "page too large", f"page is {len(raw) // 1024} KB; the limit is "
                              f"{MAX_PAGE_BYTES // 1024} KB: split it into several pages, one per section")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Finding(display_path, line, "encoding", "page is not UTF-8 text; save it as UTF-8")]
    if not text.strip():
        return None, [Finding(display_path, 1, "empty page", "page has no content; write it or delete the file")]
    limits = source_limit_findings(display_path, text)
    if limits:  # the other rules are not made to read such a page in bounded time
        return None, limits
    try:
        front = read_front_matter(text)
    except FrontMatterError as error:
        return None, [Finding(display_path, error.line, "front matter", error.message)]

    findings, refused = front_matter_findings(display_path, front.data, front.field_lines, schema_choices())
    article = article_of(src_path)
    review: PageReview | None = None
    if article is not None:
        review, meta_findings = check_article_meta(
            display_path,
            front.data,
            front.field_lines,
            text,
            today=on_date,
            is_overview=PurePosixPath(src_path).name == "index.md",
            refused=refused,
        )
        findings.extend(meta_findings)
    if "about" not in refused:
        findings.extend(about_findings(display_path, front.data, front.field_lines))
    findings.extend(citation_findings(display_path, text, bibliography.references.keys()))
    findings.extend(retraction_findings(display_path, text, bibliography))
    claims = claim_report(display_path, text, page_kind(article is not None, front.data.get("kind")))
    findings.extend(claims.findings)
    findings.extend(audience_findings(display_path, text))
    policy = policy if policy is not None else policy_for_page(path)
    findings.extend(unsafe_html_findings(display_path, text, policy))
    findings.extend(link_findings(display_path, text, path, docs_dir_of(path, src_path)))
    cited: list[str] = []
    first_lines: dict[str, int] = {}
    for block in citation_blocks(text):
        if block.problem is None:
            cited.extend(block.keys)
            for key in block.keys:
                first_lines.setdefault(key, block.line)
    return PageInfo(src_path, display_path, article, front.data, review, cited, first_lines,
                    claims.markers), findings


@functools.cache
def schema_choices() -> SchemaChoices:
    """The allowed sets of the front-matter schema: icons are those Material ships."""
    spec = importlib.util.find_spec("material")
    origin = Path(spec.origin).parent if spec is not None and spec.origin else None
    icons = origin / "templates" / ".icons" if origin is not None else None
    return SchemaChoices(icons_dir=icons if icons is not None and icons.is_dir() else None)


def retraction_findings(path: str, text: str, bibliography: Bibliography) -> list[Finding]:
    """A retracted source may be cited only by a statement about its retraction."""
    lines = text.splitlines()
    findings: list[Finding] = []
    for block in citation_blocks(text):
        for key in block.keys:
            reference = bibliography.references.get(key)
            if reference is None or not reference.retracted:
                continue
            if not RETRACTION_WORDS.search(lines[block.line - 1]):
                findings.append(
                    Finding(
                        path,
                        block.line,
                        "retracted source",
                        f"'{key}' was retracted ({reference.retraction}); cite it only in a statement about "
                        "the retraction, and support the claim with a valid source",
                    )
                )
    return findings


def in_reading_order(pages: Iterable[PageInfo], order: Sequence[str]) -> list[PageInfo]:
    """`pages` in the navigation's order (`order`: source paths); pages the navigation leaves out follow,
    by path. The references pages list an article's sources and the PDFs print its pages in this order."""
    place = {src_path: index for index, src_path in enumerate(order)}
    return sorted(pages, key=lambda page: (place.get(page.src_path, len(place)), page.src_path))


def _articles(pages: dict[str, PageInfo], findings: list[Finding], docs_display: str) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    for src_path, page in sorted(pages.items()):
        if page.article is None:
            continue
        if src_path == f"{page.article}/index.md":
            articles.setdefault(page.article, Article(page.article, page)).overview = page
    orphans: set[str] = set()
    for page in pages.values():
        if page.article is None:
            continue
        if page.article in articles:
            articles[page.article].pages.append(page)
        elif page.article not in orphans:
            orphans.add(page.article)
            findings.append(
                Finding(f"{docs_display}/{page.article}", None, "article", f"article folder '{page.article}' has no index.md "
                        "overview page; every article starts with an overview")
            )
    return articles

