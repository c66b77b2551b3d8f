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

import datetime as dt
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
from medkb.review import format_date

PRINT_TEMPLATES = "print"
TEMPLATES = ("cover.html", "sections.html", "contents.html", "disclaimer.html", "folios.html", "print.css")
PX_TO_PT = 0.75


def print_base_url(settings: SiteSettings) -> str:
    """Where the print templates' relative URLs (print.css) point."""
    return (settings.custom_dir / PRINT_TEMPLATES).resolve().as_uri() + "/"


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

    def cover(self, article: ArticleDocument) -> str:
        return self._render("cover.html", article=article)

    def sections(
        self,
        sections: Sequence[PrintSection],
        *,
        doc_title: str,
        site_paths: dict[str, str],
        standalone: bool = False,
    ) -> str:
        """A run of pages of the site. `site_paths` maps URL paths of all printed pages to their anchors."""
        bodies = {
            section.anchor: Markup(resolve_links(section.page.html, site_paths, self.settings.site_url))
            for section in sections
        }
        return self._render(
            "sections.html", sections=sections, body=bodies, doc_title=doc_title, standalone=standalone
        )

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
    """One WeasyPrint layout: HTML in, a PDF file and where each id landed out."""

    key: str
    html: str
    target: Path
    base_url: str
    readable: tuple[Path, ...]


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
    refused: tuple[str, ...]
    """Resources the part refers to that were not fetched (outside the site, or on the network)."""


def render_part(job: PartJob) -> RenderedPart:
    """Lay out one part and write its PDF (runs in a worker process)."""
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    fetcher = local_fetcher(job.readable)
    document = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).render()
    anchors: dict[str, Anchor] = {}
    for index, page in enumerate(document.pages):
        height = page.height * PX_TO_PT
        for name, (left, top, *_rest) in page.anchors.items():
            anchors.setdefault(name, Anchor(index, left * PX_TO_PT, height - top * PX_TO_PT))
    job.target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(job.target)
    return RenderedPart(job.key, job.target, len(document.pages), anchors, tuple(fetcher.refused))


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
