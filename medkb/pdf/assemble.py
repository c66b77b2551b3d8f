"""Join laid-out parts into one PDF (with qpdf, through pikepdf): page numbers, links, outline, metadata.

Parts are laid out independently (render.py), so the joiner does what one layout would have
done across them: it lays the page-number run over the pages, turns every `medkb-goto:<id>`
link into a jump to the page and place where that id landed (or, for a page that is not in
this PDF, into a link to the site when it has a `site_url`, else into no link), writes the
outline from the document's contents, and sets title, language and dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pikepdf

from medkb.pdf.content import GOTO, split_element_id
from medkb.pdf.documents import ContentsEntry
from medkb.pdf.render import Anchor, RenderedPart
from medkb.pdf.sources import PdfError
from medkb.pdf.structure import merge_structure


@dataclass(frozen=True)
class PdfMetadata:
    title: str
    author: str
    subject: str
    keywords: str
    language: str
    created: dt.date
    modified: dt.date


@dataclass(frozen=True)
class AssemblyJob:
    target: Path
    parts: tuple[RenderedPart, ...]
    folios: tuple[tuple[RenderedPart, int], ...]
    """Runs of page-number pages, each with its number of pages: one for every page of the parts."""
    outline: tuple[ContentsEntry, ...]
    metadata: PdfMetadata
    web_pages: dict[str, str] = field(default_factory=dict)
    """Web address of every page by anchor (when the site has a `site_url`), for links leaving this PDF."""


@dataclass(frozen=True)
class AssembledPdf:
    path: Path
    pages: int


def page_numbers(sequence: Sequence[tuple[int, dict[str, Anchor]]], targets: Sequence[str]) -> dict[str, int]:
    """The page number (from 1) each target lands on, for parts given as (page count, anchors) in order."""
    numbers: dict[str, int] = {}
    offset = 0
    for pages, anchors in sequence:
        for target in targets:
            if target not in numbers and target in anchors:
                numbers[target] = offset + anchors[target].page + 1
        offset += pages
    return numbers


def assemble(job: AssemblyJob) -> AssembledPdf:
    """Join the parts with qpdf (pikepdf): page objects are copied, not re-parsed in Python."""
    with pikepdf.new() as pdf:
        opened: list[pikepdf.Pdf] = []
        sources: dict[Path, pikepdf.Pdf] = {}
        anchors: dict[str, tuple[int, float, float]] = {}
        placed: list[tuple[pikepdf.Pdf, int, int, int]] = []
        try:
            for part in job.parts:
                source = sources.get(part.path)
                if source is None:  # parts laid out together share a file, opened once
                    source = sources[part.path] = pikepdf.open(part.path)
                    opened.append(source)
                offset = len(pdf.pages)
                pdf.pages.extend(source.pages[part.first_page : part.first_page + part.pages])
                placed.append((source, part.first_page, part.pages, offset))
                for name, anchor in part.anchors.items():
                    anchors.setdefault(name, (offset + anchor.page, anchor.left, anchor.top))
            merge_structure(pdf, placed)
            lay_over_folios(pdf, job.folios, opened)
            resolve_goto_links(pdf, anchors, job.web_pages)
            write_outline(pdf, job.outline, anchors, job.target)
            write_metadata(pdf, job.metadata)
            job.target.parent.mkdir(parents=True, exist_ok=True)
            partial = job.target.with_name(f".{job.target.name}.part")
            pdf.save(
                partial,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                compress_streams=True,
                deterministic_id=True,
            )
            partial.replace(job.target)
            return AssembledPdf(job.target, len(pdf.pages))
        finally:
            for source in opened:
                source.close()


def lay_over_folios(
    pdf: pikepdf.Pdf, folios: Sequence[tuple[RenderedPart, int]], opened: list[pikepdf.Pdf]
) -> None:
    """Draw each page-number page over its page, as a form: the page's own content is not touched.

    Names are numbered, not random (as pikepdf's add_overlay makes them), so that two exports of
    the same site are byte-identical; a number per page, as a part's pages may share resources.
    """
    save = pikepdf.Stream(pdf, b"q\n")
    index = 0
    for folio, _count in folios:
        source = pikepdf.open(folio.path)
        opened.append(source)
        for folio_page in source.pages:
            if index >= len(pdf.pages):
                raise PdfError(f"more page numbers than pages ({len(pdf.pages)})")
            page = pdf.pages[index]
            name = pikepdf.Name(f"/MedkbFolio{index}")
            form = pdf.copy_foreign(folio_page.as_form_xobject())
            page.add_resource(form, pikepdf.Name.XObject, name)
            page.contents_add(save, prepend=True)
            # Page numbers and running headers are artifacts, not text of the document (a tagged PDF).
            page.contents_add(pikepdf.Stream(pdf, f"Q\nq /Artifact BMC {name} Do EMC Q\n".encode("ascii")))
            index += 1
    if index != len(pdf.pages):
        raise PdfError(f"page numbers for {index} pages, but the document has {len(pdf.pages)}")


def resolve_goto_links(
    pdf: pikepdf.Pdf, anchors: dict[str, tuple[int, float, float]], web_pages: dict[str, str]
) -> None:
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if annotations is None:
            continue
        kept = pikepdf.Array()
        for annotation in annotations:
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if action is not None and uri.startswith(GOTO):
                target = unquote(uri[len(GOTO) :])
                if target in anchors:
                    number, left, top = anchors[target]
                    annotation.A = pikepdf.Dictionary(
                        S=pikepdf.Name.GoTo,
                        D=pikepdf.Array([pdf.pages[number].obj, pikepdf.Name.XYZ, left, top, None]),
                    )
                else:
                    page_anchor, local = split_element_id(target)
                    if page_anchor not in web_pages:
                        continue  # a page that is neither in this PDF nor on the web: no link
                    action.URI = pikepdf.String(web_pages[page_anchor] + (f"#{local}" if local else ""))
            kept.append(annotation)
        page.obj.Annots = kept


def write_outline(
    pdf: pikepdf.Pdf,
    entries: Sequence[ContentsEntry],
    anchors: dict[str, tuple[int, float, float]],
    target: Path,
) -> None:
    with pdf.open_outline() as outline:
        stack: list[tuple[int, list[pikepdf.OutlineItem]]] = [(0, outline.root)]
        for entry in entries:
            if entry.target not in anchors:
                raise PdfError(
                    f"{target.name}: the outline entry '{entry.title}' leads to #{entry.target}, which no page has"
                )
            number, left, top = anchors[entry.target]
            item = pikepdf.OutlineItem(entry.title, number, pikepdf.PageLocation.XYZ, left=left, top=top)
            while stack[-1][0] >= entry.level:
                stack.pop()
            stack[-1][1].append(item)
            stack.append((entry.level, item.children))


def write_metadata(pdf: pikepdf.Pdf, metadata: PdfMetadata) -> None:
    info = {
        "/Title": metadata.title,
        "/Author": metadata.author,
        "/Subject": metadata.subject,
        "/Keywords": metadata.keywords,
        "/Creator": f"{metadata.author} (medkb.pdf, WeasyPrint)",
        "/Producer": f"WeasyPrint, qpdf {pikepdf.__libqpdf_version__}",
        "/CreationDate": pdf_date(metadata.created),
        "/ModDate": pdf_date(metadata.modified),
    }
    for key, value in info.items():
        pdf.docinfo[key] = pikepdf.String(value)
    pdf.Root.Lang = pikepdf.String(metadata.language)
    # Viewers show the title, not the file name, and open the bookmarks.
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    pdf.Root.PageMode = pikepdf.Name.UseOutlines


def pdf_date(value: dt.date) -> str:
    return f"D:{value:%Y%m%d}000000Z"
