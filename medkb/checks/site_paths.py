"""Where pages and files end up: links and images must point at files under docs/, and no two pages
may share an address, and navigation entries must name pages that exist.

MkDocs checks Markdown links too, but names neither the line nor the fix, skips links written in
raw HTML, and lets `a.md` and `a/index.md` silently overwrite each other (both become `a/`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

from medkb.checks.citations import line_of, mask_code
from medkb.checks.html_safety import blank_front_matter, url_scheme
from medkb.findings import Finding
from medkb.sources import DOCS_FOLDER

LINK_START = re.compile(r"\[[^\[\]\n]*(?:\[[^\[\]\n]*\][^\[\]\n]*)*\]\(")
"""`[text](` (one level of brackets inside the text, as in `[see [1]](x.md)`); an image's has a '!' before it.
The pattern starts with the bracket, so the regex engine skips from '[' to '[' (an optional '!' in front of
it would be tried at every character of the page)."""
REFERENCE_DEFINITION = re.compile(r"(?m)^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?(?P<url>[^\s>]+)")
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"})
HTML_LINK_ATTRIBUTES = {
    "a": "href",
    "img": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "track": "src",
}
INDEX_NAMES = ("index.md", "README.md")


def link_findings(path: str, text: str, page: Path, docs_dir: Path) -> list[Finding]:
    """Relative links and images (Markdown and raw HTML) whose target is not a file under docs/."""
    masked = mask_code(blank_front_matter(text))
    findings: list[Finding] = []
    for line, target, is_image in _local_targets(masked):
        problem = _target_problem(target, page, docs_dir, is_image)
        if problem is not None:
            kind, message = problem
            findings.append(Finding(path, line, kind, message))
    return findings


def docs_dir_of(page: Path, src_path: str) -> Path:
    """The docs folder a page lies in, given its path relative to that folder."""
    return page.parents[len(PurePosixPath(src_path).parts) - 1]


def page_address(src_path: str) -> str:
    """The page's address under the site (`a/b.md` and `a/b/index.md` are both `a/b/`), as MkDocs makes it."""
    posix = PurePosixPath(src_path)
    if posix.name in INDEX_NAMES:
        return "" if str(posix.parent) == "." else f"{posix.parent}/"
    return f"{posix.with_suffix('')}/"


def address_collision_findings(src_paths: Iterable[str], docs_display: str = DOCS_FOLDER) -> list[Finding]:
    """Pages that MkDocs would write to the same address: one would silently replace the other."""
    by_address: dict[str, list[str]] = defaultdict(list)
    for src_path in sorted(src_paths):
        by_address[page_address(src_path)].append(src_path)
    findings: list[Finding] = []
    for address, sources in sorted(by_address.items()):
        if len(sources) < 2:
            continue
        names = " and ".join(f"{docs_display}/{source}" for source in sources)
        findings.append(
            Finding(
                f"{docs_display}/{sources[-1]}",
                None,
                "duplicate page address",
                f"{names} would both be published at /{address}, one replacing the other; "
                "rename or remove one of them",
            )
        )
    return findings


def nav_findings(
    nav: Any, page_paths: Iterable[str], config_text: str, config_name: str = "mkdocs.yml"
) -> list[Finding]:
    """Navigation entries that name no page under docs/ (external links and absolute URLs are left alone)."""
    known = set(page_paths)
    findings: list[Finding] = []
    for name in _nav_titles(nav):
        if "<" in name or "&" in name:
            findings.append(Finding(config_name, _line_of_title(config_text, name), "navigation",
                                    f"nav title '{name}' holds '<' or '&': the theme prints navigation titles as "
                                    "HTML; write the title as plain text"))
    for title, entry in _nav_entries(nav):
        label = f"'{title}: {entry}'" if title else f"'{entry}'"
        scheme = url_scheme(entry)
        if scheme is not None and scheme not in ("http", "https"):
            findings.append(Finding(config_name, _line_of_entry(config_text, entry), "navigation",
                                    f"nav entry {label}: a {scheme}: address is not allowed in the navigation (it "
                                    "would be on every page); link to a page under docs/ or an http(s) address"))
            continue
        if scheme is not None or entry.startswith("/"):
            continue
        if entry in known:
            continue
        findings.append(
            Finding(
                config_name,
                _line_of_entry(config_text, entry),
                "navigation",
                f"nav entry {label} names docs/{entry}, which does not exist; correct the path "
                "(relative to docs/) or remove the entry",
            )
        )
    return findings


CROWDED_LEVEL = 30
"""Entries of one navigation level beyond which a page's sidebar gets long: every page lists every
entry of each level it sits in (navigation.prune collapses the others), so a level that grows with
the site makes each page grow with it (bench/RESULTS.md: pages^1.29 with 250 articles at the first level)."""


def crowded_navigation_findings(
    nav: Any, config_text: str, config_name: str = "mkdocs.yml", limit: int = CROWDED_LEVEL
) -> list[Finding]:
    """Warnings for navigation levels (the first, or a section's) with more than `limit` entries."""
    findings: list[Finding] = []
    for title, entries in _nav_levels(nav, None):
        if len(entries) <= limit:
            continue
        where = "the navigation's first level" if title is None else f"the navigation section '{title}'"
        line = None if title is None else _line_of_entry(config_text, f"{title}:")
        findings.append(
            Finding(
                config_name,
                line,
                "crowded navigation",
                f"{where} lists {len(entries)} entries, and every page in it lists them all in its sidebar; "
                f"group them into sections of at most {limit} (by specialty, for articles)",
                severity="warning",
            )
        )
    return findings


def _nav_levels(nav: Any, title: str | None) -> Iterable[tuple[str | None, list[Any]]]:
    """(section title, its entries) for the first level (title None) and every section below it."""
    if not isinstance(nav, list):
        return
    yield title, nav
    for item in nav:
        if isinstance(item, dict):
            for key, value in item.items():
                yield from _nav_levels(value, str(key))


def _nav_entries(nav: Any, title: str | None = None) -> Iterable[tuple[str | None, str]]:
    if isinstance(nav, str):
        yield title, nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_entries(item)
    elif isinstance(nav, dict):
        for key, value in nav.items():
            yield from _nav_entries(value, str(key))


def _nav_titles(nav: Any) -> Iterable[str]:
    """Every title in the navigation, of pages, links and sections alike."""
    if isinstance(nav, list):
        for item in nav:
            yield from _nav_titles(item)
    elif isinstance(nav, dict):
        for key, value in nav.items():
            yield str(key)
            yield from _nav_titles(value)


def _line_of_title(config_text: str, title: str) -> int | None:
    index = config_text.find(title)
    return line_of(config_text, index) if index >= 0 else None


def _line_of_entry(config_text: str, entry: str) -> int | None:
    match = re.search(
        rf"(?m)^[ \t-]*(?:[^\n:]*:[ \t]*)?['\"]?{re.escape(entry)}['\"]?[ \t]*(?:#.*)?$", config_text
    )
    return line_of(config_text, match.start()) if match else None


def _local_targets(masked: str) -> Iterable[tuple[int, str, bool]]:
    """(line, target, is_image) for every link destination in the text that is a relative path."""
    for match in LINK_START.finditer(masked):
        target = _destination(masked, match.end())
        if target and _is_local(target):
            yield line_of(masked, match.start()), target, masked[match.start() - 1 : match.start()] == "!"
    for match in REFERENCE_DEFINITION.finditer(masked):
        target = match.group("url")
        if _is_local(target):
            yield line_of(masked, match.start()), target, False
    for line, target, is_image in _html_links(masked):
        if _is_local(target):
            yield line, target, is_image


MAX_PARENTHESES = 32
"""Nested parentheses a link destination may hold (cmark's limit): past it the text is no link, and the
scan of a line of `](](](` stops there instead of running to the line's end from every `](`."""


def _destination(text: str, start: int) -> str:
    """A Markdown link destination starting at `start`: `<...>`, or up to a space or the unbalanced `)`."""
    while start < len(text) and text[start] in " \t":
        start += 1
    if text.startswith("<", start):
        line_end = text.find("\n", start)
        end = text.find(">", start, line_end if line_end >= 0 else len(text))
        return text[start + 1 : end] if end != -1 else ""
    depth = 0
    end = start
    while end < len(text) and not text[end].isspace():
        if text[end] == "(":
            depth += 1
            if depth > MAX_PARENTHESES:
                return ""
        elif text[end] == ")":
            if depth == 0:
                break
            depth -= 1
        end += 1
    return text[start:end]


def _is_local(target: str) -> bool:
    return bool(target) and not target.startswith(("#", "/")) and url_scheme(target) is None


def _target_problem(target: str, page: Path, docs_dir: Path, is_image: bool) -> tuple[str, str] | None:
    try:
        return _path_problem(target, page, docs_dir, is_image)
    except (OSError, ValueError) as error:  # a name too long for the file system, a NUL byte
        shown = target if len(target) <= 60 else target[:59] + "…"
        reason = getattr(error, "strerror", None) or "not a valid path"
        return "broken link", f"'{shown}' cannot name a file under docs/ ({reason}); correct the link"


def _path_problem(target: str, page: Path, docs_dir: Path, is_image: bool) -> tuple[str, str] | None:
    relative = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not relative:
        return None
    is_image = is_image or PurePosixPath(relative).suffix.lower() in IMAGE_SUFFIXES
    kind = "missing image" if is_image else "broken link"
    resolved = (page.parent / relative).resolve()
    docs = docs_dir.resolve()
    if not resolved.is_relative_to(docs):
        return kind, f"'{target}' points outside docs/; link only to files under docs/"
    shown = f"{DOCS_FOLDER}/{resolved.relative_to(docs).as_posix()}"
    if resolved.is_dir():
        index = next((name for name in INDEX_NAMES if (resolved / name).is_file()), None)
        hint = f"link to '{target.rstrip('/')}/{index}'" if index else "link to a page (.md file) instead"
        return kind, f"'{target}' is a folder ({shown}/), which MkDocs cannot link to; {hint}"
    if resolved.is_file():
        return None
    if is_image:
        return (
            kind,
            f"image '{target}' not found (looked for {shown}); add the image file or correct the path",
        )
    return kind, f"'{target}' points to {shown}, which does not exist; correct the path or create the page"


def _html_links(masked: str) -> Iterable[tuple[int, str, bool]]:
    """Links and sources written in raw HTML (`<a href>`, `<img src>`), which MkDocs does not check, read
    by an HTML5 parser (Lexbor, as medkb/checks/html_safety.py); each element's line is where its tag is
    written, looked for in order."""
    if "<" not in masked:
        return
    tree = LexborHTMLParser(masked)
    if tree.root is None:
        return
    lowered = masked.lower()
    cursor = 0
    for node in tree.root.traverse(include_text=False):
        tag = node.tag or ""
        attribute = HTML_LINK_ATTRIBUTES.get(tag)
        if attribute is None:
            continue
        index = lowered.find(f"<{tag}", cursor)
        if index >= 0:
            cursor = index + 1
        value = node.attributes.get(attribute)
        if value and index >= 0:
            yield line_of(masked, index), value.strip(), tag != "a"
