"""The offline site: search from `file://` through the iframe-worker shim, under the site's CSP.

Browsers start no Web Worker from `file://`, so Material's search needs the `iframe-worker` shim
(npm package, installed by `npm ci`), which runs the search worker in a hidden frame. The shim
writes an inline bootstrap script into that frame, and the frame inherits the page's
Content-Security-Policy, which runs inline scripts only by hash (medkb/render/csp.py). The bootstrap's
text is fixed by the shim and the worker's URL, so the build knows it: each offline page carries
it as a data block (`<script type="text/plain">`, never run), whose hash the CSP then includes.
"""

from __future__ import annotations

import json
import re

TEMPLATE = re.compile(r"document\.write\(`(?P<frame>[^`]*)`\)")
FRAME_SCRIPT = re.compile(r"<script>(?P<body>.*?)<\\/script>")
PLACEHOLDER = re.compile(r"\$\{(?P<name>[A-Za-z_$][\w$]*)\}")
CONFIG_SCRIPT = re.compile(r'<script id="__config" type="application/json">(?P<json>.*?)</script>', re.DOTALL)
BOOTSTRAP_TYPE = "text/plain"
BOOTSTRAP_MARK = "data-medkb-iframe-worker"


class ShimError(ValueError):
    """The shim's source is not shaped as expected (another iframe-worker version)."""


def worker_bootstrap(shim_source: str, worker_url: str) -> str:
    """The inline script the shim writes into its frame for a worker at `worker_url`.

    The shim builds it from a template literal: `${f}` for each function it passes (their source
    text, as Function.prototype.toString gives it), `${e}` for the worker URL (its constructor's
    argument).
    """
    template = TEMPLATE.search(shim_source)
    script = FRAME_SCRIPT.search(template.group("frame")) if template else None
    if script is None:
        raise ShimError(
            "no `document.write(`<html>...<script>...`)` frame template in the iframe-worker shim"
        )
    body = script.group("body")
    names = PLACEHOLDER.findall(body)
    functions = {
        name: function_source(shim_source, name) for name in names if f"function {name}(" in shim_source
    }
    urls = [name for name in names if name not in functions]
    if len(set(urls)) != 1:
        raise ShimError(f"expected one URL placeholder in the shim's frame script, found {sorted(set(urls))}")

    def fill(match: re.Match[str]) -> str:
        return functions.get(match.group("name"), worker_url)

    return PLACEHOLDER.sub(fill, body)


def function_source(source: str, name: str) -> str:
    """`function name(...){...}` as written in `source` (braces matched, strings skipped)."""
    start = source.find(f"function {name}(")
    if start < 0:
        raise ShimError(f"function {name} not found in the iframe-worker shim")
    depth = 0
    index = source.index("{", start)
    quote = ""
    while index < len(source):
        char = source[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return source[start : index + 1]
        index += 1
    raise ShimError(f"function {name} in the iframe-worker shim never closes")


def search_worker_url(page_html: str) -> str | None:
    """The search worker URL Material wrote into the page's configuration (relative to the page)."""
    match = CONFIG_SCRIPT.search(page_html)
    if match is None:
        return None
    try:
        value = json.loads(match.group("json"))
    except json.JSONDecodeError:
        return None
    url = value.get("search") if isinstance(value, dict) else None
    return url if isinstance(url, str) else None


def with_bootstrap_declared(page_html: str, bootstrap: str) -> str:
    """The page with the bootstrap as a data block before </body> (its hash goes into the CSP)."""
    if "</script" in bootstrap.lower():
        raise ShimError("the iframe-worker bootstrap cannot be embedded: it contains '</script'")
    block = f'<script type="{BOOTSTRAP_TYPE}" {BOOTSTRAP_MARK}>{bootstrap}</script>\n'
    end = page_html.rfind("</body>")
    if end < 0:
        return page_html + block
    return page_html[:end] + block + page_html[end:]
