"""Which print documents there are and what each holds: one per article, and the handbook.

An article's document is its pages (as the project check groups them into articles) that are in the
navigation, in navigation order; the handbook is every page of the navigation but the home page (whose
article list the handbook's contents replace), articles and site pages such as the editorial policy
alike, in navigation order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from medkb.checks.project import ProjectReport, article_of, in_reading_order
from medkb.pdf.content import Heading, PrintablePage
from medkb.pdf.sources import PdfError, RenderedPage
from medkb.sources import DOCS_FOLDER
from medkb.sources.frontmatter import PageReview
from medkb.sources.review import is_review_overdue

PDF_FOLDER = "pdf"
HANDBOOK_FILE = "handbook.pdf"
DISCLAIMER_ID = "medkb-disclaimer-title"
"""The id of the disclaimer's heading (overrides/partials/disclaimer.html)."""
DISCLAIMER_TITLE = "Professional medical disclaimer"


def article_pdf_path(slug: str) -> str:
    """Where an article's PDF is in the built site (the 'Download PDF' link points here)."""
    return f"{PDF_FOLDER}/{slug}.pdf"


def handbook_pdf_path() -> str:
    return f"{PDF_FOLDER}/{HANDBOOK_FILE}"


@dataclass(frozen=True)
class PrintSection:
    page: PrintablePage
    review: PageReview | None

    @property
    def anchor(self) -> str:
        return self.page.anchor

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def headings(self) -> tuple[Heading, ...]:
        return self.page.headings


@dataclass(frozen=True)
class ArticleDocument:
    slug: str
    review: PageReview
    """The overview page's review: the article's title, question, status and date."""
    sections: tuple[PrintSection, ...]
    pending_review: bool
    """Some page of the article is not approved by a medical reviewer."""
    review_overdue: bool

    @property
    def title(self) -> str:
        return self.review.title

    @property
    def last_updated(self) -> dt.date:
        """The newest date of any of its pages: the PDF holds them all."""
        return max([self.review.last_updated, *(s.review.last_updated for s in self.sections if s.review)])

    @property
    def output(self) -> str:
        return article_pdf_path(self.slug)

    @property
    def anchor(self) -> str:
        return f"article:{self.slug}"


@dataclass(frozen=True)
class HandbookPart:
    """One entry of the handbook: an article, or a site page such as the editorial policy."""

    article: ArticleDocument | None = None
    page: PrintSection | None = None


@dataclass(frozen=True)
class Handbook:
    parts: tuple[HandbookPart, ...]

    @property
    def output(self) -> str:
        return handbook_pdf_path()

    @property
    def articles(self) -> list[ArticleDocument]:
        return [part.article for part in self.parts if part.article is not None]


@dataclass(frozen=True)
class ContentsEntry:
    """One line of a document's contents and one item of its PDF outline (bookmarks)."""

    level: int
    title: str
    target: str
    """The id of the element the entry leads to."""
    printed: bool = True
    """Shown in the printed contents (the outline has every entry)."""


def article_contents(article: ArticleDocument) -> list[ContentsEntry]:
    """Sections, their headings and reference lists; then the disclaimer."""
    entries: list[ContentsEntry] = []
    for section in article.sections:
        entries.append(ContentsEntry(1, section.title, section.anchor))
        entries.extend(
            ContentsEntry(2, heading.text, heading.id, printed=not heading.is_reference_list)
            for heading in section.headings
        )
    entries.append(ContentsEntry(1, DISCLAIMER_TITLE, DISCLAIMER_ID))
    return entries


def handbook_contents(handbook: Handbook) -> list[ContentsEntry]:
    """Articles (their sections printed, their headings in the outline only), site pages, disclaimer."""
    entries: list[ContentsEntry] = []
    for part in handbook.parts:
        if part.article is not None:
            entries.append(ContentsEntry(1, part.article.title, part.article.anchor))
            for section in part.article.sections:
                entries.append(ContentsEntry(2, section.title, section.anchor))
                entries.extend(ContentsEntry(3, h.text, h.id, printed=False) for h in section.headings)
        elif part.page is not None:
            entries.append(ContentsEntry(1, part.page.title, part.page.anchor))
            entries.extend(ContentsEntry(2, h.text, h.id, printed=False) for h in part.page.headings)
    entries.append(ContentsEntry(1, DISCLAIMER_TITLE, DISCLAIMER_ID))
    return entries


def chunk_sections(sections: Sequence[PrintSection], chunks: int) -> list[tuple[PrintSection, ...]]:
    """Consecutive runs of sections of about equal size (each run is laid out on its own, in parallel)."""
    chunks = max(1, min(chunks, len(sections)))
    sizes = [len(section.page.html) for section in sections]
    goal = sum(sizes) / chunks
    runs: list[tuple[PrintSection, ...]] = []
    current: list[PrintSection] = []
    filled = 0.0
    for index, (section, size) in enumerate(zip(sections, sizes, strict=True)):
        remaining = len(sections) - index
        runs_to_start = chunks - len(runs) - 1
        if current and runs_to_start > 0 and (filled + size / 2 > goal or remaining <= runs_to_start):
            runs.append(tuple(current))
            current, filled = [], 0.0
        current.append(section)
        filled += size
    runs.append(tuple(current))
    return runs


def needs_pending_notice(reviews: list[PageReview]) -> bool:
    """The pending-review notice applies while any page is not approved (as on the site's pages)."""
    return any(review.review_status != "approved" for review in reviews)


def plan_articles(
    pages: list[RenderedPage],
    report: ProjectReport,
    printable: Callable[[RenderedPage], PrintablePage],
    today: dt.date,
    *,
    only: Collection[str] | None = None,
) -> list[ArticleDocument]:
    """One document per article (or per article named in `only`), in navigation order, each with
    its pages in navigation order (`pages`: the navigation's, in order)."""
    place = {page.src_uri: index for index, page in enumerate(pages)}
    order = list(place)
    grouped: dict[str, list[RenderedPage]] = {}
    for slug, article in report.articles.items():
        in_order = in_reading_order(article.pages, order)
        printed = [pages[place[info.src_path]] for info in in_order if info.src_path in place]
        if printed:
            grouped[slug] = printed
    by_article = dict(sorted(grouped.items(), key=lambda item: place[item[1][0].src_uri]))
    if only is not None:
        unknown = sorted(set(only) - set(by_article))
        if unknown:
            known = ", ".join(by_article) or "none"
            raise PdfError(f"no article named {', '.join(unknown)} in the navigation (articles: {known})")
    documents: list[ArticleDocument] = []
    for slug, article_pages in by_article.items():
        if only is not None and slug not in only:
            continue
        if slug == HANDBOOK_FILE.removesuffix(".pdf"):
            raise PdfError(
                f"{DOCS_FOLDER}/{slug}/: an article may not be named '{slug}': its PDF would replace the handbook"
            )
        article = report.articles[slug]
        if article.review is None:
            raise PdfError(
                f"{article.overview.display_path}: the overview page needs its review fields for the PDF cover"
            )
        sections = []
        for page in article_pages:
            info = report.pages.get(page.src_uri)
            sections.append(PrintSection(printable(page), info.review if info else None))
        reviews = [section.review for section in sections if section.review is not None]
        documents.append(
            ArticleDocument(
                slug=slug,
                review=article.review,
                sections=tuple(sections),
                pending_review=needs_pending_notice(reviews),
                review_overdue=any(is_review_overdue(review.next_review, today) for review in reviews),
            )
        )
    return documents


def plan_handbook(
    pages: list[RenderedPage],
    articles: list[ArticleDocument],
    printable: Callable[[RenderedPage], PrintablePage],
) -> Handbook:
    by_slug = {article.slug: article for article in articles}
    parts: list[HandbookPart] = []
    placed: set[str] = set()
    for page in pages:
        if page.url_path == "":
            continue  # the home page: its list of articles is the handbook's contents
        slug = article_of(page.src_uri)
        if slug in by_slug:
            if slug not in placed:
                placed.add(slug)
                parts.append(HandbookPart(article=by_slug[slug]))
            continue
        parts.append(HandbookPart(page=PrintSection(printable(page), None)))
    return Handbook(tuple(parts))
