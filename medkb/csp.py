"""The Content-Security-Policy of each page: scripts from the site itself, and inline scripts only by hash.

The policy is a `<meta http-equiv="Content-Security-Policy">` at the top of `<head>` (the site is
static; no server adds headers). It is computed from the finished page: every inline `<script>`
the theme and our templates emitted is hashed into `script-src`, so nothing else inline can run,
neither an injected `<script>` nor an event-handler attribute (`onerror=`), and there is no
'unsafe-inline' for scripts.
"""

from __future__ import annotations

import base64
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


def inline_scripts(page_html: str) -> list[InlineScript]:
    """Every `<script>` without `src`, with its text exactly as the browser hashes it."""
    finder = _ScriptFinder()
    finder.feed(page_html)
    finder.close()
    line_starts = [0] + [match.end() for match in re.finditer("\n", page_html)]
    scripts: list[InlineScript] = []
    for line, column, start_tag, attributes in finder.found:
        if "src" in attributes:
            continue
        start = line_starts[line - 1] + column + len(start_tag)
        end = SCRIPT_END.search(page_html, start)
        body = page_html[start : end.start() if end else len(page_html)]
        scripts.append(InlineScript(body, (attributes.get("type") or "").strip().lower()))
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


class _ScriptFinder(HTMLParser):
    """Positions of `<script>` start tags, read by a real tokenizer (attributes may hold '>')."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[int, int, str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            line, column = self.getpos()
            self.found.append((line, column, self.get_starttag_text() or "", dict(attrs)))
