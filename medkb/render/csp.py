"""The Content-Security-Policy of each page: scripts only from the site's own files, by construction.

The policy is a `<meta http-equiv="Content-Security-Policy">` at the top of `<head>` (the site is
static; no server adds headers). It is decided before any page is rendered, from what our templates
emit, never from what a finished page holds:

- Material's small inline scripts are served as files (`overrides/partials/javascripts/`,
  `overrides/assets/javascripts/medkb-theme-*.js`), so `script-src` is `'self'` and nothing inline
  runs: neither an injected `<script>` nor an event-handler attribute (`script-src-attr 'none'`).
  The only hash is the offline search frame's bootstrap, which our hook builds from the shipped
  iframe-worker shim and the page's address (medkb/render/offline.py), not from the page.
- `inline_script_problems` reads each finished page with an HTML5 parser and names any executable
  inline script or event handler in it, so a build fails rather than publish one (the policy would
  block it anyway).

What remains allowed, and why:
- `style-src 'self'`: our stylesheet and Material's; no inline `<style>` and no `style=`
  (Markdown's aligned table cells use `align=`, mkdocs.yml; pages may not carry either,
  medkb/checks/html_safety.py). Material's scripts set styles through the DOM, which the policy does not
  govern.
- `img-src 'self' data:`: Material's stylesheet draws its icons from `data:` SVG; pages may not use
  `data:` URLs or images from other sites (medkb/checks/html_safety.py).
- `frame-src` the video hosts of `extra.security.iframe_hosts`; `media-src 'self'`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser

META_NAME = "Content-Security-Policy"
HEAD_START = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
CHARSET_META = re.compile(r"\s*<meta\s+charset=[^>]*>", re.IGNORECASE)
EXISTING_POLICY = re.compile(r"\s*<meta\s+http-equiv=\"Content-Security-Policy\"[^>]*>", re.IGNORECASE)
DATA_BLOCK_TYPES = frozenset({"application/json", "application/ld+json", "text/plain"})
"""`<script type=...>` the browser never runs: Material's configuration, our JSON-LD, the offline bootstrap."""


def script_hash(body: str) -> str:
    """The CSP source expression for an inline script: 'sha256-<base64 of the UTF-8 body's digest>'."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(frame_hosts: Iterable[str], script_hashes: Iterable[str] = ()) -> str:
    """The policy: own files only, embeds only from the allowed video hosts; `script_hashes` only
    for scripts our own code builds (the offline search frame)."""
    hashes = sorted(set(script_hashes))
    frames = " ".join(f"https://{host}" for host in frame_hosts) or "'none'"
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *hashes]),
        "script-src-attr 'none'",  # no onclick= and the like, whatever else the policy allows
        "style-src 'self'",
        "img-src 'self' data:",  # data: for the theme's icons in its stylesheet; pages may not use data:
        "font-src 'self' data:",
        "connect-src 'self'",
        "media-src 'self'",
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


def inline_script_problems(page_html: str) -> list[str]:
    """Executable inline scripts and event-handler attributes in a finished page, read as a browser reads it.

    None of our templates emits either; one found here came from content or from a theme change.
    """
    scripts: list[str] = []
    handlers: list[str] = []
    tree = LexborHTMLParser(page_html)
    if tree.root is None:
        return []
    # One walk over the elements; an element's attribute names are looked at only when one starts with
    # "on" (the common case, a page of a few hundred elements and no handler, costs little more than the parse).
    for element in tree.root.traverse():
        attributes = element.attributes
        if element.tag == "script":
            kind = (attributes.get("type") or "").strip().lower()
            if "src" not in attributes and kind not in DATA_BLOCK_TYPES:
                text = " ".join((element.text(deep=True) or "").split())
                scripts.append(f"an inline <script> ('{text[:60]}') that none of the site's templates emits")
        for name in attributes:
            if name[:2].lower() == "on":
                first = min(name for name in attributes if name.lower().startswith("on"))
                handlers.append(f"the event-handler attribute {first}= on <{element.tag}>")
                break
    return scripts + handlers
