"""The Content-Security-Policy of each page: scripts from the site itself, and inline scripts only by hash.

The policy is a `<meta http-equiv="Content-Security-Policy">` at the top of `<head>` (the site is
static; no server adds headers). It is computed from the finished page: every inline `<script>`
the theme and our templates emitted is hashed into `script-src`, so nothing else inline can run,
neither an injected `<script>` nor an event-handler attribute (`onerror=`), and there is no
'unsafe-inline' for scripts.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

META_NAME = "Content-Security-Policy"
SCRIPT_END = re.compile(r"</script[\s/>]", re.IGNORECASE)
HEAD_START = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
CHARSET_META = re.compile(r"\s*<meta\s+charset=[^>]*>", re.IGNORECASE)
EXISTING_POLICY = re.compile(r"\s*<meta\s+http-equiv=\"Content-Security-Policy\"[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class InlineScript:
    body: str
    type: str
    """The type attribute ('' when absent): data blocks such as application/ld+json are not run, but hashed too."""


TAG_ATTRIBUTES = r"""[^>"']*+(?:(?:"[^"]*+"|'[^']*+')[^>"']*+)*+"""
"""What follows a tag's name up to its '>': quoted attribute values may hold '>'."""
TEXT_ONLY = r"(?i:style|textarea|title)"
"""Elements whose content is text to the tokenizer: a '<script' in them starts nothing."""
SCRIPT_START = re.compile(
    r"(?:"
    r"[^<]++"  # text
    rf"|<[a-rA-Ru-zU-Z/]{TAG_ATTRIBUTES}>"  # a tag whose name starts with neither s nor t: most tags, decided at once
    rf"|<(?!(?i:script)[\s/>]|!--|{TEXT_ONLY}\b){TAG_ATTRIBUTES}>"  # any other tag
    r"|<!--.*?-->"  # a comment
    rf"|<{TEXT_ONLY}\b{TAG_ATTRIBUTES}>.*?</{TEXT_ONLY}\s*+>"  # a text-only element, whole
    r"|<(?!(?i:script)[\s/>])"  # a '<' that starts no tag
    r")*+"
    rf"(?P<tag><(?i:script){TAG_ATTRIBUTES}>)",
    re.DOTALL,
)
"""From where the search stands, to the next `<script ...>` start tag as a browser's tokenizer finds it.

The repetition is possessive: on a page with no further script the match fails in one pass over the
rest of the page, in the regex engine, without backtracking."""


def inline_scripts(page_html: str) -> list[InlineScript]:
    """Every `<script>` without `src`, with its text exactly as the browser hashes it."""
    scripts: list[InlineScript] = []
    position = 0
    while (start := SCRIPT_START.match(page_html, position)) is not None:
        end = SCRIPT_END.search(page_html, start.end())
        body_end = end.start() if end else len(page_html)
        attributes = _attributes(start.group("tag"))
        if "src" not in attributes:
            scripts.append(InlineScript(page_html[start.end() : body_end], (attributes.get("type") or "").strip().lower()))
        position = end.end() if end else len(page_html)
    return scripts


def script_hash(body: str) -> str:
    """The CSP source expression for an inline script: 'sha256-<base64 of the UTF-8 body's digest>'."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script_hashes: Iterable[str], frame_hosts: Iterable[str]) -> str:
    """The policy: own files only, inline scripts by hash, embeds only from the allowed video hosts."""
    hashes = sorted(set(script_hashes))
    frames = " ".join(f"https://{host}" for host in frame_hosts) or "'none'"
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *hashes]),
        "script-src-attr 'none'",  # no onclick= and the like, whatever else the policy allows
        "style-src 'self' 'unsafe-inline'",  # Markdown's aligned table cells use style=; pages may not (html_safety)
        "img-src 'self' data: https:",  # data: for the theme's icons in CSS; pages may not use data: (html_safety)
        "font-src 'self' data:",
        "connect-src 'self'",
        "media-src 'self' https:",
        f"frame-src {frames}",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def with_policy(page_html: str, policy: str) -> str:
    """The page with the policy as the first element of `<head>` (after `<meta charset>`, which must come first).

    A policy already present is replaced, so running twice gives the same page.
    """
    if META_NAME in page_html:  # (the pattern's leading spaces make a search of the whole page slow)
        page_html = EXISTING_POLICY.sub("", page_html, count=1)
    head = HEAD_START.search(page_html)
    if head is None:
        raise ValueError("the page has no <head> to hold its Content-Security-Policy")
    insert_at = head.end()
    charset = CHARSET_META.match(page_html, insert_at)
    if charset is not None:
        insert_at = charset.end()
    meta = f'\n    <meta http-equiv="{META_NAME}" content="{policy}">'
    return page_html[:insert_at] + meta + page_html[insert_at:]


def secure_page(page_html: str, frame_hosts: Iterable[str]) -> str:
    """Hash every inline script of a finished page and put the resulting policy into its head."""
    hashes = [script_hash(script.body) for script in inline_scripts(page_html)]
    return with_policy(page_html, content_security_policy(hashes, frame_hosts))


@functools.lru_cache(maxsize=256)  # the same few script tags on every page
def _attributes(start_tag: str) -> dict[str, str | None]:
    """The attributes of one start tag, read by the standard library's tokenizer (entities, case, quoting)."""
    reader = _StartTagReader()
    reader.feed(start_tag)
    reader.close()
    return reader.attributes


class _StartTagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = dict(attrs)
