"""PDFs of the built site: one per article (`pdf/<article>.pdf`) and the handbook (`pdf/handbook.pdf`).

Made from the pages MkDocs rendered (so the PDF says what the site says, citations and reference
lists included), in the order of mkdocs.yml's navigation, with our own print templates and
stylesheet (overrides/print/) laid out by WeasyPrint. `export_pdfs` is the one entry point: the
build hook (hooks/downloads.py), `python -m medkb.pdf` and the benchmarks call it.

How: every article's cover and runs of its sections, each site page and the disclaimer are laid
out once, as separate parts, in parallel worker processes (short parts several to a layout: the
covers, the sections of several articles of a long handbook; long contents are laid out along to
count their pages); then each PDF's contents (its page numbers now known) and page numbers are
laid out, and the parts are joined (assemble.py). An article's parts serve both its own PDF and
the handbook.
"""

from __future__ import annotations

import dataclasses
import math
import multiprocessing
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from medkb.checks.project import ProjectReport, article_of, today
from medkb.pdf.assemble import AssembledPdf, AssemblyJob, PdfMetadata, assemble, page_numbers
from medkb.pdf.content import PrintablePage, printable_page, web_url
from medkb.pdf.documents import (
    ArticleDocument,
    ContentsEntry,
    Handbook,
    article_contents,
    article_pdf_path,
    chunk_sections,
    handbook_contents,
    handbook_pdf_path,
    plan_articles,
    plan_handbook,
)
from medkb.pdf.render import (
    PartJob,
    PrintTemplates,
    RenderedPart,
    SectionRun,
    load_weasyprint,
    render_part,
)
from medkb.pdf.sources import (
    PdfError,
    PrintSite,
    RenderedPage,
    SiteSettings,
    load_site,
    rendered_pages,
    site_settings,
)

__all__ = [
    "ExportedPdf", "PdfError", "PrintSite", "article_pdf_path", "export_pdfs", "handbook_pdf_path", "load_site",
    "site_settings",
]

SHOWN_PROBLEMS = 5
"""Problems in the sources named in the message of an export that stops on them."""
PROGRESS_AFTER = 3
PROGRESS_PARTS_AFTER = 40
"""Progress is reported when more documents than PROGRESS_AFTER are exported, or more pages of
the site than PROGRESS_PARTS_AFTER are printed (a long handbook)."""
READ_HERE_UP_TO = 40
"""Up to this many pages are read in this process; more on the worker processes."""
SECTIONS_PER_LAYOUT = 60_000
"""Short articles' sections are laid out together, up to this much HTML in one layout (or less,
so that there are at least four layouts per worker to share out): a layout has a fixed cost of
some 0.05 s. Longer layouts were measured to gain nothing (three 8-page articles, 56 KB each:
about the same CPU time apart or together) and make a longer last job."""
COVERS_PER_LAYOUT = 32
"""Covers are laid out together, this many at most in one layout (each layout has a fixed cost)."""
CONTENTS_SURELY_FITS = 50
"""Contents of up to this many printed lines are taken to fit one page (if they do not, they are
laid out again); longer contents are laid out once with the parts (page numbers not yet known) to
count their pages, so that the PDF's contents and page numbers need to be laid out only once more."""
PLACEHOLDER_PAGE = 9999
"""Page number shown in contents laid out to count their pages: as wide as any real number
(the number column has a fixed width, so the numbers do not change where lines break)."""
FOLIO_RUN = 150
"""Page numbers are laid out in runs of at most this many pages (in parallel for a long handbook)."""

Job = TypeVar("Job")
Result = TypeVar("Result")


@dataclass(frozen=True)
class ExportedPdf:
    path: Path
    kind: Literal["article", "handbook"]
    title: str
    pages: int
    seconds: float
    """Wall-clock time of the whole export that wrote it."""

    @property
    def size(self) -> int:
        return self.path.stat().st_size


@dataclass
class _Output:
    """One PDF to write: the parts before its contents (a cover), the contents, the parts after."""

    kind: Literal["article", "handbook"]
    target: Path
    title: str
    entries: list[ContentsEntry]
    before: list[str]
    after: list[str]
    metadata: PdfMetadata
    contents_pages: int = 1
    contents: RenderedPart | None = None
    folios: tuple[tuple[RenderedPart, int], ...] = ()


def export_pdfs(
    site_dir: Path,
    out_dir: Path | None = None,
    *,
    site: PrintSite,
    articles: Sequence[str] | None = None,
    handbook: bool = True,
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
) -> list[ExportedPdf]:
    """Write the PDFs of a built site; returns them in order (articles, then the handbook).

    site_dir: the site MkDocs built (with or without directory URLs).
    site: the build's model of that site: what the build hands over (hooks/downloads.py), or
        `load_site(config_file)` outside the build.
    out_dir: where `pdf/...` goes; the site itself by default, so that its links work.
    articles: the article slugs to export (all by default); handbook: also write the handbook.
    workers: processes laying out pages (default: one per CPU).
    """
    started = time.perf_counter()
    site_dir = site_dir.resolve()
    out_dir = (out_dir or site_dir).resolve()
    settings, report = site.settings, site.report
    workers = max(1, workers or os.cpu_count() or 1)
    on_date = today()
    # The workers start (and import WeasyPrint) while the built pages are found.
    with tempfile.TemporaryDirectory(prefix="medkb-pdf-") as scratch, _pool(workers) as pool:
        pages = rendered_pages(settings, site_dir)
        if report.errors:
            shown = "; ".join(finding.format() for finding in report.errors[:SHOWN_PROBLEMS])
            raise PdfError(
                f"{len(report.errors)} problem(s) in the sources; fix them first (`make check` lists them all): "
                + shown
            )
        printed = _read_pages(pages, report, settings, site_dir, pool, articles=articles, handbook=handbook)

        def printable(page: RenderedPage) -> PrintablePage:
            return printed[page.src_uri]

        documents = plan_articles(pages, report, printable, on_date, only=articles)
        book = None
        if handbook:
            every_article = (
                documents if articles is None else plan_articles(pages, report, printable, on_date)
            )
            book = plan_handbook(pages, every_article, printable)
        templates = PrintTemplates(settings, on_date)
        total = len(documents) + (1 if book else 0)

        parts = sum(len(article.sections) for article in (book.articles if book else documents))
        verbose = total > PROGRESS_AFTER or parts > PROGRESS_PARTS_AFTER

        def say(message: str) -> None:
            if progress is not None and verbose:
                progress(message)

        export = _Export(settings, templates, site_dir, pages, Path(scratch), pool, say)
        needed = book.articles if book else documents
        # Few articles: each in several runs, so that every worker has work (and the runs even out).
        jobs = export.part_jobs(
            needed, book, chunks=math.ceil(2 * workers / max(1, len(needed))), workers=workers
        )
        outputs = [export.article_output(document, out_dir) for document in documents]
        if book is not None:
            outputs.append(export.handbook_output(book, out_dir))
        export.lay_out_parts([*jobs, *export.contents_guesses(outputs)], outputs)
        export.lay_out_front(outputs)
        assembled = export.join(outputs)
    seconds = time.perf_counter() - started
    exported = [
        ExportedPdf(pdf.path, output.kind, output.title, pdf.pages, seconds)
        for output, pdf in zip(outputs, assembled, strict=True)
    ]
    if progress is not None and exported:
        progress(f"{len(exported)} PDF(s) written to {out_dir / 'pdf'} in {seconds:.1f} s")
    return exported


def _read_pages(
    pages: list[RenderedPage],
    report: ProjectReport,
    settings: SiteSettings,
    site_dir: Path,
    pool: Executor | None,
    *,
    articles: Sequence[str] | None,
    handbook: bool,
) -> dict[str, PrintablePage]:
    """The printable content of every page some PDF needs, read on the worker processes."""
    needed = [
        page
        for page in pages
        if (handbook and page.url_path)
        or (
            article_of(page.src_uri) in report.articles
            and (articles is None or article_of(page.src_uri) in articles)
        )
    ]
    jobs = [(page, site_dir, settings.nav_titles.get(page.src_uri, "")) for page in needed]
    if pool is None or len(jobs) <= READ_HERE_UP_TO:  # meanwhile the workers warm up
        read = [_printable(job) for job in jobs]
    else:
        read = list(pool.map(_printable, jobs, chunksize=max(1, len(jobs) // 20)))
    return {page.src_uri: printable for page, printable in zip(needed, read, strict=True)}


def _printable(job: tuple[RenderedPage, Path, str]) -> PrintablePage:
    page, site_dir, title = job
    return printable_page(page, site_dir, fallback_title=title)


class _Export:
    def __init__(
        self,
        settings: SiteSettings,
        templates: PrintTemplates,
        site_dir: Path,
        pages: list[RenderedPage],
        scratch: Path,
        pool: Executor | None,
        say: Callable[[str], None],
    ) -> None:
        self.settings = settings
        self.templates = templates
        self.scratch = scratch
        self.pool = pool
        self.say = say
        self.readable = (site_dir, settings.custom_dir.resolve())
        self.site_paths = {page.url_path: page.anchor for page in pages if page.url_path}
        self.web_pages = (
            {page.anchor: web_url(settings.site_url, page.url_path) for page in pages}
            if settings.site_url
            else {}
        )
        self.parts: dict[str, RenderedPart] = {}
        self.article_parts: dict[str, list[str]] = {}
        self.page_parts: list[str] = []

    def job(self, key: str, html: str) -> PartJob:
        name = key.replace("/", "_").replace(":", "-")
        return PartJob(key, html, self.scratch / f"{name}.pdf", self.templates.base_url, self.readable)

    def part_jobs(
        self, articles: Sequence[ArticleDocument], book: Handbook | None, *, chunks: int, workers: int
    ) -> list[PartJob]:
        """Layouts of everything but the contents and page numbers: covers, sections, pages, disclaimer."""
        jobs: list[PartJob] = []
        for first in range(0, len(articles), COVERS_PER_LAYOUT):
            batch = articles[first : first + COVERS_PER_LAYOUT]
            pieces = tuple((f"cover:{article.slug}", article.anchor) for article in batch)
            job = self.job(f"covers:{batch[0].slug}", self.templates.covers(batch))
            jobs.append(dataclasses.replace(job, pieces=pieces))
        runs: list[tuple[str, SectionRun]] = []
        for article in articles:
            keys = [f"cover:{article.slug}"]
            for index, run in enumerate(chunk_sections(article.sections, chunks)):
                keys.append(f"sections:{article.slug}:{index}")
                runs.append((keys[-1], SectionRun(article.title, run)))
            self.article_parts[article.slug] = keys
        total = sum(_run_size(run) for _key, run in runs)
        for run_batch in _batches(runs, min(SECTIONS_PER_LAYOUT, total / (4 * workers))):
            html = self.templates.sections([run for _key, run in run_batch], site_paths=self.site_paths)
            job = self.job(run_batch[0][0], html)
            if len(run_batch) > 1:
                pieces = tuple((key, run.sections[0].anchor) for key, run in run_batch)
                job = dataclasses.replace(job, key=f"batch-{job.key}", pieces=pieces)
            jobs.append(job)
        for handbook_part in book.parts if book else ():
            page = handbook_part.page
            if page is not None:
                key = f"page:{page.anchor}"
                html = self.templates.sections(
                    [SectionRun(page.title, [page])], site_paths=self.site_paths, standalone=True
                )
                jobs.append(self.job(key, html))
                self.page_parts.append(key)
        jobs.append(self.job("disclaimer", self.templates.disclaimer()))
        return jobs

    def contents_guesses(self, outputs: list[_Output]) -> list[PartJob]:
        """Contents that may take more than a page, to be laid out with the parts to count their pages."""
        jobs = []
        for output in outputs:
            if sum(1 for entry in output.entries if entry.printed) > CONTENTS_SURELY_FITS:
                numbers = dict.fromkeys((entry.target for entry in output.entries), PLACEHOLDER_PAGE)
                html = self.templates.contents(
                    output.entries, numbers, doc_title=output.title, handbook=output.kind == "handbook"
                )
                jobs.append(self.job(f"contents-guess:{output.target.name}", html))
        return jobs

    def lay_out_parts(self, jobs: list[PartJob], outputs: list[_Output]) -> None:
        for rendered in self.lay_out(jobs, "pages laid out"):
            self.parts[rendered.key] = rendered
        for output in outputs:
            guess = self.parts.get(f"contents-guess:{output.target.name}")
            if guess is not None:
                output.contents_pages = guess.pages

    def article_output(self, article: ArticleDocument, out_dir: Path) -> _Output:
        keys = self.article_parts[article.slug]
        review = article.review
        metadata = PdfMetadata(
            title=article.title,
            author=self.settings.site_name,
            subject=review.question or review.description,
            keywords=f"{article.title}, {self.settings.site_name}",
            language=self.settings.language,
            created=self.templates.today,
            modified=article.last_updated,
        )
        entries = article_contents(article)
        return _Output(
            "article",
            out_dir / article.output,
            article.title,
            entries,
            keys[:1],
            [*keys[1:], "disclaimer"],
            metadata,
            contents_pages=_contents_pages_guess(entries),
        )

    def handbook_output(self, book: Handbook, out_dir: Path) -> _Output:
        after: list[str] = []
        page_keys = iter(self.page_parts)
        for part in book.parts:
            after.extend(self.article_parts[part.article.slug] if part.article else [next(page_keys)])
        after.append("disclaimer")
        settings = self.settings
        newest = max((article.last_updated for article in book.articles), default=self.templates.today)
        metadata = PdfMetadata(
            title=f"{settings.site_name}: handbook",
            author=settings.site_name,
            subject=settings.site_description,
            keywords=", ".join(article.title for article in book.articles),
            language=settings.language,
            created=self.templates.today,
            modified=newest,
        )
        entries = handbook_contents(book)
        return _Output(
            "handbook",
            out_dir / book.output,
            metadata.title,
            entries,
            [],
            after,
            metadata,
            contents_pages=_contents_pages_guess(entries) + 1,  # the handbook's cover is the first
        )

    def contents_job(self, output: _Output) -> PartJob:
        before = [(self.parts[key].pages, self.parts[key].anchors) for key in output.before]
        after = [(self.parts[key].pages, self.parts[key].anchors) for key in output.after]
        sequence = [*before, (output.contents_pages, {}), *after]
        numbers = page_numbers(sequence, [entry.target for entry in output.entries])
        missing = [entry.title for entry in output.entries if entry.target not in numbers]
        if missing:
            raise PdfError(f"{output.target.name}: contents entries lead nowhere: {', '.join(missing)}")
        html = self.templates.contents(
            output.entries, numbers, doc_title=output.title, handbook=output.kind == "handbook"
        )
        return self.job(f"contents:{output.target.name}", html)

    def lay_out_front(self, outputs: list[_Output]) -> None:
        """Each PDF's contents and page numbers, laid out together.

        Both depend on how many pages the contents take: they are laid out for a guess, and again
        for the PDFs whose contents turned out longer or shorter.
        """
        pending = list(outputs)
        for _round in range(4):
            if not pending:
                return
            jobs: list[PartJob] = []
            folio_keys: dict[str, list[tuple[str, int]]] = {}
            for output in pending:
                jobs.append(self.contents_job(output))
                total = output.contents_pages + sum(
                    self.parts[key].pages for key in output.before + output.after
                )
                folio_keys[output.target.name] = []
                for first in range(1, total + 1, FOLIO_RUN):
                    key, count = f"folios:{output.target.name}:{first}", min(FOLIO_RUN, total - first + 1)
                    jobs.append(self.job(key, self.templates.folios(first, count, total)))
                    folio_keys[output.target.name].append((key, count))
            laid_out = {part.key: part for part in self.lay_out(jobs, "contents and page numbers laid out")}
            settled: list[_Output] = []
            for output in pending:
                contents = laid_out[f"contents:{output.target.name}"]
                if contents.pages == output.contents_pages:
                    output.contents = contents
                    output.folios = tuple(
                        (laid_out[key], count) for key, count in folio_keys[output.target.name]
                    )
                    settled.append(output)
                else:
                    output.contents_pages = contents.pages
            pending = [output for output in pending if output not in settled]
        raise PdfError("the contents' page numbers did not settle; report this as a bug")

    def join(self, outputs: list[_Output]) -> list[AssembledPdf]:
        jobs = []
        for output in outputs:
            assert output.contents is not None
            parts = (
                *(self.parts[key] for key in output.before),
                output.contents,
                *(self.parts[key] for key in output.after),
            )
            jobs.append(
                AssemblyJob(
                    target=output.target,
                    parts=parts,
                    folios=output.folios,
                    outline=tuple(output.entries),
                    metadata=output.metadata,
                    web_pages=self.web_pages,
                )
            )
        by_target = {pdf.path: pdf for pdf in self.run(assemble, jobs, "PDFs written", show_items=True)}
        return [by_target[output.target] for output in outputs]

    def lay_out(self, jobs: Iterable[PartJob], what: str) -> list[RenderedPart]:
        return [part for parts in self.run(render_part, jobs, what) for part in parts]

    def run(
        self, task: Callable[[Job], Result], jobs: Iterable[Job], what: str, *, show_items: bool = False
    ) -> list[Result]:
        """Run jobs on the worker processes, biggest first; results in order of completion."""
        jobs = sorted(jobs, key=_job_size, reverse=True)
        results: list[Result] = []
        step = max(1, len(jobs) // 10)
        if self.pool is None:
            completed: Iterable[Result] = (task(job) for job in jobs)
        else:
            futures = [self.pool.submit(task, job) for job in jobs]
            completed = (future.result() for future in as_completed(futures))
        for result in completed:
            results.append(result)
            if show_items:
                self.say(f"[{len(results)}/{len(jobs)}] {getattr(result, 'path', result)}")
            elif len(results) % step == 0 or len(results) == len(jobs):
                self.say(f"{len(results)}/{len(jobs)} {what}")
        return results


CONTENTS_LINES_PER_PAGE = 50
"""About how many contents lines fit a page (a first guess; the contents are laid out again if wrong)."""


def _contents_pages_guess(entries: Sequence[ContentsEntry]) -> int:
    return max(1, math.ceil(sum(1 for entry in entries if entry.printed) / CONTENTS_LINES_PER_PAGE))


def _run_size(run: SectionRun) -> int:
    return sum(len(section.page.html) for section in run.sections)


def _batches(runs: list[tuple[str, SectionRun]], limit: float) -> list[list[tuple[str, SectionRun]]]:
    """Consecutive runs, together up to `limit` in size (a larger run alone)."""
    batches: list[list[tuple[str, SectionRun]]] = []
    filled = 0.0
    for item in runs:
        size = _run_size(item[1])
        if not batches or filled + size > limit:
            batches.append([])
            filled = 0.0
        batches[-1].append(item)
        filled += size
    return batches


def _job_size(job: object) -> int:
    if isinstance(job, PartJob):
        return len(job.html)
    if isinstance(job, AssemblyJob):
        return sum(part.pages for part in job.parts)
    return 0


class _pool:
    """Worker processes (forked, so they start with everything loaded), or none for one worker.

    Each worker imports WeasyPrint as it starts, while this process reads the pages; nothing is
    laid out ahead to warm up: a worker's first layout costs about 0.08 s more than later ones
    (fonts are loaded), less than a warm-up layout, and work is waiting for the workers by then.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> Executor | None:
        if self.workers > 1:
            # Forked workers start with everything loaded; with other threads running (mkdocs serve),
            # a fork could copy a held lock, so the workers start afresh instead.
            method = "fork" if threading.active_count() == 1 else "spawn"
            self.executor = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(method),
                initializer=load_weasyprint,
            )
            for _ in range(self.workers):
                self.executor.submit(int)  # start the workers now
        return self.executor

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
