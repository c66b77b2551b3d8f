"""Print HTML from the Jinja templates in overrides/print/, and PDF parts from it with WeasyPrint.

A document is rendered as independent parts (a cover, a run of sections, the contents, the
disclaimer, the page numbers), each its own WeasyPrint layout, so that parts can be laid out in
parallel and reused between an article's PDF and the handbook; `assemble` joins them. Every
internal link is written `medkb-goto:<id>`, which the assembler turns into a jump to the page
and place where that id ended up.

WeasyPrint is given a URL fetcher that reads files from the built site and the print templates
only: the export never goes to the network, whatever a page refers to.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import datetime as dt
import io
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
from markupsafe import Markup

from medkb.pdf.content import resolve_links
from medkb.pdf.documents import ArticleDocument, ContentsEntry, PrintSection
from medkb.pdf.sources import PdfError, SiteSettings
from medkb.sources.review import format_date

PRINT_TEMPLATES = "print"
TEMPLATES = ("cover.html", "sections.html", "contents.html", "disclaimer.html", "folios.html", "print.css")
PX_TO_PT = 0.75


def print_base_url(settings: SiteSettings) -> str:
    """Where the print templates' relative URLs (print.css) point."""
    return (settings.custom_dir / PRINT_TEMPLATES).resolve().as_uri() + "/"


@dataclass(frozen=True)
class SectionRun:
    """Consecutive pages of one document (an article, or a site page in the handbook)."""

    doc_title: str
    sections: Sequence[PrintSection]


@dataclass
class PrintTemplates:
    """The theme's print templates, with the site's partials (the disclaimer) next to them."""

    settings: SiteSettings
    today: dt.date
    env: jinja2.Environment = field(init=False)

    def __post_init__(self) -> None:
        folder = self.settings.custom_dir / PRINT_TEMPLATES
        missing = [name for name in TEMPLATES if not (folder / name).is_file()]
        if missing:
            raise PdfError(f"{folder}: print templates missing: {', '.join(missing)}")
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(
                [jinja2.FileSystemLoader(folder), jinja2.FileSystemLoader(self.settings.custom_dir)]
            ),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    @property
    def base_url(self) -> str:
        return print_base_url(self.settings)

    def _render(self, template: str, **context: Any) -> str:
        settings = self.settings
        return self.env.get_template(template).render(
            site=settings,
            config={"extra": {"notices": settings.notices}, "site_name": settings.site_name},
            format_date=format_date,
            today=self.today,
            **context,
        )

    def covers(self, articles: Sequence[ArticleDocument]) -> str:
        """The covers of articles, one after another (each starts a page; its id is the article's anchor)."""
        return self._render("cover.html", articles=articles)

    def sections(
        self,
        runs: Sequence[SectionRun],
        *,
        site_paths: dict[str, str],
        standalone: bool = False,
    ) -> str:
        """Runs of pages of the site, each run of one document (its title heads the pages).
        `site_paths` maps URL paths of all printed pages to their anchors."""
        bodies = {
            section.anchor: Markup(resolve_links(section.page.html, site_paths, self.settings.site_url))
            for run in runs
            for section in run.sections
        }
        return self._render("sections.html", runs=runs, body=bodies, standalone=standalone)

    def contents(
        self, entries: Sequence[ContentsEntry], numbers: dict[str, int], *, doc_title: str, handbook: bool
    ) -> str:
        return self._render(
            "contents.html", entries=entries, numbers=numbers, doc_title=doc_title, handbook=handbook
        )

    def disclaimer(self) -> str:
        return self._render("disclaimer.html")

    def folios(self, first: int, count: int, total: int) -> str:
        return self._render("folios.html", first=first, count=count, total=total)


@dataclass(frozen=True)
class PartJob:
    """One WeasyPrint layout: HTML in, a PDF file and where each id landed out.

    `pieces`: for a layout of several parts at once (the covers of many articles), each part's key
    and the id of the element it starts with, in order; each part is then the pages from the one
    holding its id to the next part's. One layout of many short parts costs far less than one each.
    """

    key: str
    html: str
    target: Path
    base_url: str
    readable: tuple[Path, ...]
    pieces: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Anchor:
    page: int
    """Index of the page within its part."""
    left: float
    top: float
    """PDF coordinates (points, from the bottom of the page) of the element's top-left corner."""


@dataclass(frozen=True)
class RenderedPart:
    key: str
    path: Path
    pages: int
    anchors: dict[str, Anchor]
    """Where each id landed; pages counted from the part's first page."""
    refused: tuple[str, ...]
    """Resources the part refers to that were not fetched (outside the site, or on the network)."""
    first_page: int = 0
    """Index of the part's first page in the PDF file (several parts may share one file)."""


def render_part(job: PartJob) -> list[RenderedPart]:
    """Lay out one job and write its PDF (runs in a worker process): one part, or one per piece."""
    load_weasyprint()  # imported late: loading Pango takes a moment
    from weasyprint import HTML

    fetcher = local_fetcher(job.readable)
    document = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).render()
    anchors: dict[str, Anchor] = {}
    for index, page in enumerate(document.pages):
        height = page.height * PX_TO_PT
        for name, (left, top, *_rest) in page.anchors.items():
            anchors.setdefault(name, Anchor(index, left * PX_TO_PT, height - top * PX_TO_PT))
    job.target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(job.target, pdf_tags=True)  # tagged: assemble.py joins the parts' structure trees
    refused = tuple(fetcher.refused)
    total = len(document.pages)
    if not job.pieces:
        return [RenderedPart(job.key, job.target, total, anchors, refused)]
    return split_pieces(job, total, anchors, refused)


def split_pieces(
    job: PartJob, total: int, anchors: dict[str, Anchor], refused: tuple[str, ...]
) -> list[RenderedPart]:
    """The parts of a layout of several: each from the page of its first id to the next one's."""
    missing = [start for _key, start in job.pieces if start not in anchors]
    if missing:
        raise PdfError(f"{job.key}: laid out without the element(s) #{', #'.join(missing)}")
    firsts = [anchors[start].page for _key, start in job.pieces]
    if any(later <= earlier for earlier, later in itertools.pairwise(firsts)) or (firsts and firsts[0] != 0):
        raise PdfError(f"{job.key}: the parts laid out together are not one after another")
    ends = [*firsts[1:], total]
    # Each id belongs to the part whose pages hold it (the first part that does, for a shared page).
    by_piece: list[dict[str, Anchor]] = [{} for _ in job.pieces]
    piece = 0
    for name, anchor in sorted(anchors.items(), key=lambda item: item[1].page):
        while anchor.page >= ends[piece] and piece < len(ends) - 1:
            piece += 1
        by_piece[piece][name] = Anchor(anchor.page - firsts[piece], anchor.left, anchor.top)
    return [
        RenderedPart(key, job.target, end - first, found, refused, first_page=first)
        for (key, _start), first, end, found in zip(job.pieces, firsts, ends, by_piece, strict=True)
    ]


def load_weasyprint() -> None:
    """Import WeasyPrint (once per worker process), without its slow search for system libraries.

    WeasyPrint opens Pango, HarfBuzz, fontconfig and GObject trying several names for each, the
    Windows and macOS forms first; cffi looks up each name that is not a file with
    ctypes.util.find_library, which on Linux lists ldconfig's cache and then, for every name not
    there, runs gcc and ld: about 20 look-ups and 0.3-0.4 s per process. While WeasyPrint is
    imported, names are looked up in ldconfig's cache only; should the import fail that way (a
    library that only gcc or ld would find), it is imported again with the standard look-up.
    """
    if "weasyprint" in sys.modules:
        return
    in_linker_cache = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if in_linker_cache is None or not sys.platform.startswith("linux"):
        import weasyprint  # noqa: F401
        return
    standard = ctypes.util.find_library
    ctypes.util.find_library = in_linker_cache
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints its advice before failing
            import weasyprint  # noqa: F401
    except OSError:
        for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = standard
    import weasyprint  # noqa: F401, F811


def local_fetcher(readable: Sequence[Path]) -> Any:
    from weasyprint.urls import URLFetcher

    roots = [root.resolve() for root in readable]

    class LocalFilesOnly(URLFetcher):  # type: ignore[misc]
        """Reads `file:` URLs under the allowed folders and `data:` URLs; refuses everything else."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"})
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in roots):
                    self.refused.append(url)
                    raise ValueError(f"not read: {path} is outside the site and the print templates")
            elif not url.startswith("data:"):
                self.refused.append(url)
                raise ValueError(f"not fetched: {url} (the PDF export never uses the network)")
            return super().fetch(url, headers)

    return LocalFilesOnly()
