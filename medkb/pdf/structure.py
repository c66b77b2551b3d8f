"""A tagged PDF from tagged parts: each part's structure tree (WeasyPrint's `pdf_tags`) joined under one
Document element, for the pages the document holds.

qpdf copies pages, not structure trees: without this the joined PDF would carry marked content that no
structure element names. For each part, the structure elements whose pages are all in the document are
kept (an element reaching pages of another document, as when several articles are laid out in one file,
is replaced by its children), copied under the new Document element, and the parent tree (marked
content and link annotations -> their elements) is renumbered page by page. The page numbers drawn over
the pages are marked as artifacts (assemble.lay_over_folios): they are not part of the text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name


def merge_structure(pdf: pikepdf.Pdf, placed: Sequence[tuple[pikepdf.Pdf, int, int, int]]) -> bool:
    """Give `pdf` one structure tree from its parts: (source, first page in the source, pages, first page in
    `pdf`) for each part. False (and nothing changed) when no part is tagged."""
    if not any("/StructTreeRoot" in source.Root for source, *_rest in placed):
        return False
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array()))
    root.K = Array([document])
    nums: Any = Array()
    role_map = Dictionary()
    key = 0
    detached: set[tuple[int, int]] = set()
    for source, first, count, offset in placed:
        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            continue
        if "/RoleMap" in tree:
            for name, role in tree.RoleMap.items():
                role_map[name] = pdf.copy_foreign(role) if isinstance(role, pikepdf.Object) and role.is_indirect else role
        used: set[tuple[int, int]] = {page.obj.objgen for page in source.pages[first : first + count]}
        kept = list(_kept(tree, used))
        inside = {item.objgen for element in kept for item in _subtree(element)}
        for element in kept:
            if element.objgen not in detached:
                if "/P" in element:
                    del element["/P"]  # the copy gets the new Document as its parent, not the old tree
                detached.add(element.objgen)
                copied = pdf.copy_foreign(element)
                copied.P = document
                document.K.append(copied)
        parents = _number_tree(tree.get("/ParentTree"))
        for index in range(count):
            page = pdf.pages[offset + index].obj
            old = page.get("/StructParents")
            if old is not None and int(old) in parents:
                nums.extend([key, _copied(pdf, parents[int(old)], inside)])
                page.StructParents = key
                key += 1
            for annotation in page.get("/Annots", Array()):
                old = annotation.get("/StructParent")
                if old is not None and int(old) in parents:
                    nums.extend([key, _copied(pdf, parents[int(old)], inside)])
                    annotation.StructParent = key
                    key += 1
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = key
    if len(role_map):
        root.RoleMap = role_map
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    return True


def _copied(pdf: pikepdf.Pdf, entry: pikepdf.Object, inside: set[tuple[int, int]]) -> Any:
    """A parent-tree entry copied with only the elements kept (an element left out becomes null)."""
    if isinstance(entry, Array):
        return Array([pdf.copy_foreign(item) if _is_kept(item, inside) else None for item in entry])
    return pdf.copy_foreign(entry) if _is_kept(entry, inside) else None


def _is_kept(item: pikepdf.Object, inside: set[tuple[int, int]]) -> bool:
    return isinstance(item, Dictionary) and item.objgen in inside


def _subtree(element: pikepdf.Object) -> Iterator[pikepdf.Object]:
    yield element
    for child in _children(element):
        yield from _subtree(child)


def _kept(tree: pikepdf.Object, used: set[tuple[int, int]]) -> Iterator[pikepdf.Object]:
    """The highest structure elements whose pages are all among `used` (an element reaching other pages, or
    a part's Document element, gives way to its children; one on none of them is left out)."""
    for element in _children(tree):
        pages = _pages(element)
        if not pages:
            continue
        if pages <= used and element.get("/S") != Name.Document:  # a part's own Document gives way to its parts
            yield element
        elif pages & used:
            yield from _kept(element, used)


def _children(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    items = list(kids) if isinstance(kids, Array) else [kids]
    return [item for item in items if isinstance(item, Dictionary) and item.get("/Type") != Name.MCR
            and item.get("/Type") != Name.OBJR and "/S" in item]


def _pages(element: pikepdf.Object) -> set[tuple[int, int]]:
    """Every page the element or its descendants mark content on."""
    found: set[tuple[int, int]] = set()
    stack = [element]
    while stack:
        item = stack.pop()
        if not isinstance(item, Dictionary):
            continue
        page = item.get("/Pg")
        if page is not None:
            found.add(page.objgen)
        kids = item.get("/K")
        if isinstance(kids, Array):
            stack.extend(kids)
        elif isinstance(kids, Dictionary):
            stack.append(kids)
    return found


def _number_tree(node: pikepdf.Object | None) -> dict[int, pikepdf.Object]:
    """A PDF number tree as a mapping (its /Nums, and those of its /Kids)."""
    found: dict[int, pikepdf.Object] = {}
    stack = [node] if node is not None else []
    while stack:
        item = stack.pop()
        nums = item.get("/Nums")
        if nums is not None:
            for index in range(0, len(nums) - 1, 2):
                found[int(nums[index])] = nums[index + 1]
        stack.extend(item.get("/Kids", Array()))
    return found
