"""A built page's content made ready for a combined print document.

Pages are combined into one HTML document per PDF, so every id of a page is prefixed with the
page's anchor (`ketamine-depression/dosing::fn:zarate2006randomized`): a citation's ids depend on its
key only (`fn:<key>`, `fnref:<key>`: medkb.render.citations.citation_ids), the same on every page that
cites it, and every page has a `references` heading. Links follow: `#x` becomes `medkb-goto:<anchor>::x`, a
link to another page a placeholder that `resolve_links` turns into `medkb-goto:` (a printed page),
a web link (with `site_url`) or plain text; the assembler of each PDF resolves `medkb-goto:`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import AttributeValueList

from medkb.pdf.sources import PdfError, RenderedPage, normalise_url_path
from medkb.render.citations import REFERENCES_ID

CONTENT_START = '<article class="md-content__inner'
CONTENT_END = "</article>"
SCREEN_ONLY = (
    ".medkb-review",  # the cover and each section's status line say this in print
    ".medkb-question",  # the article's question: on the cover
    ".medkb-disclaimer",  # printed once, at the end of the document
    ".medkb-download",
    ".medkb-articles",
    ".medkb-page-actions",  # edit / report links for the site's readers
    ".medkb-followup",  # links to the other pages and to the issue tracker
    ".medkb-audience",  # the reader's-role switch (a script on the site)
    ".medkb-cite",  # "Cite this page", with its copy buttons: once per web page, not per printed section
    "[hidden]",
    "button",
    "a.headerlink",
    ".md-content__button",
    ".md-source-file",
    "nav.md-tags",
    "form",
    "script",
    "style",
    "noscript",
)
PARSER = "lxml"  # about twice as fast as html.parser on Material's pages; same result
ID_REFERENCE_ATTRIBUTES = ("for", "headers", "aria-labelledby", "aria-describedby", "aria-controls")
PLACEHOLDER = re.compile(r'href="medkb-(?P<kind>page|file):(?P<target>[^"#]*)(?:#(?P<fragment>[^"]*))?"')
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
ANCHOR_SEPARATOR = "::"
GOTO = "medkb-goto:"
"""Scheme of internal links in rendered parts; the assembler turns them into jumps (assemble.py)."""
UNLINKED = 'data-unlinked=""'


@dataclass(frozen=True)
class Heading:
    id: str
    text: str
    level: int

    @property
    def is_reference_list(self) -> bool:
        return self.id.endswith(ANCHOR_SEPARATOR + REFERENCES_ID)


@dataclass(frozen=True)
class PrintablePage:
    src_uri: str
    anchor: str
    url_path: str
    title: str
    html: str
    """The page's content for print, ids prefixed; links to other pages still placeholders."""
    headings: tuple[Heading, ...]
    """The page's h2 headings (the reference list's included), for contents and bookmarks."""


def element_id(anchor: str, local_id: str) -> str:
    return f"{anchor}{ANCHOR_SEPARATOR}{local_id}" if local_id else anchor


def printable_page(page: RenderedPage, site_dir: Path, *, fallback_title: str = "") -> PrintablePage:
    """Read one built page and keep what belongs on paper."""
    html = page.html_path.read_text(encoding="utf-8")
    start = html.find(CONTENT_START)
    end = html.rfind(CONTENT_END)
    if start < 0 or end < start:
        raise PdfError(
            f"{page.html_path}: no '<article class=\"md-content__inner\">' in this page; "
            "the PDFs are made from pages built with the Material theme"
        )
    soup = BeautifulSoup(html[start : end + len(CONTENT_END)], PARSER)
    content = soup.article
    assert content is not None
    remove_screen_only(content)

    title = fallback_title
    h1 = content.find("h1")
    if isinstance(h1, Tag):
        title = " ".join(h1.get_text(" ").split()) or title
        h1.decompose()

    html_dir = posixpath.dirname(page.html_path.relative_to(site_dir).as_posix())
    prefix_ids(content, page.anchor)
    rewrite_links(content, page.anchor, html_dir)
    rewrite_images(content, html_dir, site_dir)
    number_reference_list(content, soup)
    open_details(content)
    headings = tuple(
        Heading(str(h2["id"]), " ".join(h2.get_text(" ").split()), 2)
        for h2 in content.find_all("h2")
        if isinstance(h2, Tag) and h2.get("id")
    )
    body = "".join(str(child) for child in content.children).strip()
    return PrintablePage(page.src_uri, page.anchor, page.url_path, title, body, headings)


SIMPLE_SELECTOR = re.compile(
    r"^(?P<tag>[a-z][a-z0-9]*)?(?:\.(?P<class>[\w-]+))?(?:\[(?P<attribute>[\w-]+)\])?$"
)


def _simple_selectors(selectors: tuple[str, ...]) -> list[tuple[str | None, str | None, str | None]]:
    parsed = []
    for selector in selectors:
        match = SIMPLE_SELECTOR.match(selector)
        if match is None:
            raise ValueError(
                f"SCREEN_ONLY holds simple selectors only (tag.class or [attribute]): {selector!r}"
            )
        parsed.append((match.group("tag"), match.group("class"), match.group("attribute")))
    return parsed


def remove_screen_only(content: Tag) -> None:
    """Drop what only makes sense on screen (one pass; much faster than CSS selection).

    The matches are found first and then removed, the outermost only: asking a tag whether it has
    been removed (`Tag.decomposed`) searches its whole subtree for a tag named `_decomposed`.
    """
    selectors = _simple_selectors(SCREEN_ONLY)
    found = []
    for node in content.find_all(True):
        classes = node.get("class") or ()
        for tag, class_name, attribute in selectors:
            if (
                (tag is None or node.name == tag)
                and (class_name is None or class_name in classes)
                and (attribute is None or node.has_attr(attribute))
            ):
                found.append(node)
                break
    removed = {id(node) for node in found}
    for node in found:
        if not any(id(parent) in removed for parent in node.parents):
            node.decompose()


def prefix_ids(content: Tag, anchor: str) -> None:
    """Every id, and every attribute naming ids, gets the page's anchor in front."""
    for node in content.find_all(True):
        if node.get("id"):
            node["id"] = element_id(anchor, str(node["id"]))
        for attribute in ID_REFERENCE_ATTRIBUTES:
            value = node.get(attribute)
            if value:
                tokens = value if isinstance(value, list) else str(value).split()
                node[attribute] = " ".join(element_id(anchor, token) for token in tokens)


def rewrite_links(content: Tag, anchor: str, html_dir: str) -> None:
    for link in content.find_all("a", href=True):
        href = str(link["href"]).strip()
        if href.startswith("#"):
            link["href"] = GOTO + element_id(anchor, unquote(href[1:]))
        elif not EXTERNAL.match(href) and not href.startswith("//"):
            link["href"] = site_placeholder(href, html_dir)


def site_placeholder(href: str, html_dir: str) -> str:
    """A link within the site, as 'medkb-page:<url path>#frag' or 'medkb-file:<file path>'."""
    parts = urlsplit(href)
    joined = posixpath.normpath(posixpath.join(html_dir, unquote(parts.path))) if parts.path else html_dir
    if joined.startswith(".."):
        return "medkb-file:"  # outside the site: nothing to point to
    fragment = f"#{unquote(parts.fragment)}" if parts.fragment else ""
    suffix = PurePosixPath(joined).suffix
    if suffix and suffix != ".html":
        return f"medkb-file:{joined}"
    return f"medkb-page:{normalise_url_path(joined)}{fragment}"


def rewrite_images(content: Tag, html_dir: str, site_dir: Path) -> None:
    """Images by absolute file URI, so that the combined document finds them wherever it lives."""
    for image in content.find_all("img", src=True):
        src = str(image["src"])
        if EXTERNAL.match(src) or src.startswith("//"):
            continue  # not fetched: the export never goes to the network (the alt text stays)
        image["src"] = (
            (site_dir / posixpath.normpath(posixpath.join(html_dir, unquote(src)))).resolve().as_uri()
        )
        image.attrs.pop("srcset", None)
        image.attrs.pop("loading", None)


def number_reference_list(content: Tag, soup: BeautifulSoup) -> None:
    """The footnote list as a reference list: numbers written out, back-links (↩) left out."""
    for footnotes in content.find_all("div", class_="footnote"):
        footnotes["class"] = AttributeValueList(["footnote", "references"])
        for rule in footnotes.find_all("hr", recursive=False):
            rule.decompose()
        for backref in footnotes.find_all("a", class_="footnote-backref"):
            backref.decompose()
        listing = footnotes.find("ol", recursive=False)
        items = listing.find_all("li", recursive=False) if isinstance(listing, Tag) else []
        for number, item in enumerate(items, start=1):
            marker = soup.new_tag("span", attrs={"class": "ref-number"})
            marker.string = f"{number}."
            holder = item.find("p") or item
            holder.insert(0, marker)


def open_details(content: Tag) -> None:
    """Collapsible blocks (pymdownx.details) print open, as admonitions with their summary as title."""
    for details in content.find_all("details"):
        summary = details.find("summary")
        details.name = "div"
        details["class"] = AttributeValueList(["admonition", *(details.get("class") or [])])
        details.attrs.pop("open", None)
        if isinstance(summary, Tag):
            summary.name = "p"
            summary["class"] = AttributeValueList(["admonition-title"])


def resolve_links(html: str, anchors: dict[str, str], site_url: str) -> str:
    """Turn a page's link placeholders into links for print.

    `anchors` maps the URL path of every printed page to its anchor: a link to such a page becomes
    `medkb-goto:<id>`, which the assembler of each PDF resolves (a jump within the PDF, or a web
    link or no link when the page is not in that PDF). A link to any other page or file of the site
    becomes a web link when the site has a `site_url`, and otherwise loses its target (its text
    stays), so that no link in a PDF points nowhere.
    """

    def replace(match: re.Match[str]) -> str:
        target = match.group("target")
        fragment = match.group("fragment") or ""
        if match.group("kind") == "page" and target in anchors:
            return f'href="{GOTO}{element_id(anchors[target], fragment)}"'
        if site_url and (target or match.group("kind") == "page"):
            return f'href="{web_url(site_url, target, fragment)}"'
        return UNLINKED

    return PLACEHOLDER.sub(replace, html)


def web_url(site_url: str, url_path: str, fragment: str = "") -> str:
    return f"{site_url.rstrip('/')}/{url_path}{'#' + fragment if fragment else ''}"


def split_element_id(value: str) -> tuple[str, str]:
    """'page/anchor::local-id' -> ('page/anchor', 'local-id'); a page anchor alone -> (anchor, '')."""
    anchor, _, local = value.partition(ANCHOR_SEPARATOR)
    return anchor, local
