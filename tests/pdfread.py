"""Reading a real PDF as a reader's viewer would: text with positions, links, outline, fonts (pypdf)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.generic import IndirectObject


@dataclass(frozen=True)
class Fragment:
    x: float
    y: float
    """Start of the text's baseline, in PDF points from the bottom-left corner."""
    text: str
    font: str
    size: float


@dataclass(frozen=True)
class Link:
    page: int
    rect: tuple[float, float, float, float]
    """left, bottom, right, top"""
    uri: str | None
    target_page: int | None
    """For a jump within the document: the page it leads to (None if that is not a page of this PDF)."""
    target_top: float | None


@dataclass(frozen=True)
class OutlineItem:
    level: int
    title: str
    page: int | None


_fragments: dict[tuple[int, int], list[Fragment]] = {}


def fragments(reader: PdfReader, index: int) -> list[Fragment]:
    """The text of a page as the PDF draws it (read once per page and reader)."""
    key = (id(reader), index)
    if key not in _fragments:
        _fragments[key] = _read_fragments(reader, index)
    return _fragments[key]


def _read_fragments(reader: PdfReader, index: int) -> list[Fragment]:
    found: list[Fragment] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        name = str((font or {}).get("/BaseFont", ""))
        found.append(Fragment(x, y, text.strip(), name.split("+")[-1], round(size * scale, 1)))

    reader.pages[index].extract_text(visitor_text=visit)
    return found


def page_text(reader: PdfReader, index: int) -> str:
    return " ".join(reader.pages[index].extract_text().split())


def all_text(reader: PdfReader) -> str:
    return " ".join(page_text(reader, index) for index in range(len(reader.pages)))


def page_numbers_by_object(reader: PdfReader) -> dict[int, int]:
    return {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}


def links(reader: PdfReader) -> list[Link]:
    by_object = page_numbers_by_object(reader)
    found: list[Link] = []
    for index, page in enumerate(reader.pages):
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            rect = tuple(float(value) for value in annotation["/Rect"])
            left, right = sorted((rect[0], rect[2]))
            bottom, top = sorted((rect[1], rect[3]))
            action = annotation.get("/A")
            destination = annotation.get("/Dest")
            uri = None
            target_page = target_top = None
            if action is not None and action.get("/S") == "/URI":
                uri = str(action["/URI"])
            else:
                if action is not None and action.get("/S") == "/GoTo":
                    destination = action.get("/D")
                if isinstance(destination, list):
                    first = destination[0]
                    if isinstance(first, IndirectObject):
                        target_page = by_object.get(first.idnum)
                    if len(destination) > 3 and destination[3] is not None:
                        target_top = float(destination[3])
            found.append(Link(index, (left, bottom, right, top), uri, target_page, target_top))
    return found


def outline(reader: PdfReader) -> list[OutlineItem]:
    items: list[OutlineItem] = []

    def walk(entries: list[Any], level: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                items.append(OutlineItem(level, str(entry.title), reader.get_destination_page_number(entry)))

    walk(reader.outline, 1)
    return items


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages use, and whether its program is embedded (FontFile, FontFile2 or FontFile3)."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
    return found


def text_in(
    reader: PdfReader,
    index: int,
    box: tuple[float, float, float, float],
    *,
    slack: float = 1.5,
    max_size: float = 99,
) -> str:
    """The text (in type no larger than `max_size`) whose baseline starts inside `box` (left, bottom, right, top)."""
    left, bottom, right, top = box
    return "".join(
        fragment.text
        for fragment in fragments(reader, index)
        if left - slack <= fragment.x <= right + slack
        and bottom - slack <= fragment.y <= top + slack
        and fragment.size <= max_size
    )
