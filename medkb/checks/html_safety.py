r"""Raw HTML and URLs in contributed Markdown: anything that could run code, leave the page or spoof it is refused.

Pages come from outside contributors. Markdown lets them write raw HTML, link to any URL and (with
`attr_list`) set any attribute, and the theme copies all of it into the site as it is. Two checks
share the rules below, and both read HTML as a browser does:

- `unsafe_html_findings` reads a page's source (the text outside code) and Markdown's own link,
  definition and attribute-list syntax, and reports every problem with its line. The project check
  runs it, so the build, `medkb check` and the tests all use it.
- `executable_html_problems` reads the page as Markdown rendered it (hooks/security.py): inside a raw
  HTML block Markdown does not treat backticks as code, so "`<style>`" there is live; an
  entity-encoded URL is decoded by the browser.

HTML is parsed by Lexbor (selectolax), an HTML5 parser that builds the tree the WHATWG algorithm
builds, the one a browser builds: `<svg><style><meta http-equiv=refresh>` is a live `<meta>` to it
as to Chromium. It is chosen over html5lib (pure Python) for speed, linear on hostile input, and over
the standard library's tokenizer, which is not the HTML5 algorithm and takes quadratic time on a run
of `<a `. URLs are resolved by ada-url, a WHATWG URL parser: `\` is `/` to it as to the browser.

Allowed: ordinary text markup (ALLOWED_TAGS), links to http(s), mailto and tel URLs or relative paths,
images and media from the site's own files only, and `<iframe>` embeds from the video hosts of
`extra.security.iframe_hosts` in mkdocs.yml (https only). HTML comments are read as if they were not
there (browsers and Markdown disagree on where a comment ends), so markup inside a comment is checked
like any other.
"""

from __future__ import annotations

import functools
import html
import os
import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ada_url
import yaml
from selectolax.lexbor import LexborHTMLParser

from medkb.checks.citations import line_of, mask_code
from medkb.checks.safety.svg import svg_problem
from medkb.findings import Finding, shown_path
from medkb.sources.frontmatter import FRONT_MATTER

KIND = "unsafe html"

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
DEFAULT_IFRAME_HOSTS = ("www.youtube-nocookie.com", "player.vimeo.com")
CONFIG_KEY = "extra.security.iframe_hosts"
CODE_HINT = "to show markup as an example, put it in backticks"
SITE_BASE = "https://site.invalid/page/"
"""Where a page is taken to live when resolving a URL: a resource is the site's own if it stays on this host."""

ALLOWED_TAGS = frozenset(
    """
    a abbr article aside audio b bdi bdo blockquote br caption cite code col colgroup dd del details dfn
    div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i iframe img ins kbd li mark ol p picture pre q
    rp rt ruby s samp section small source span strong sub summary sup table tbody td tfoot th thead
    time tr track u ul var video wbr
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
DOCUMENT_TAGS = frozenset(["html", "head", "body"])
"""Made by the parser around any fragment; written with attributes, they would set the page's own."""

REFUSED_TAGS = {
    "script": "scripts would run in every reader's browser; the site's scripts come only from its templates",
    "style": "a stylesheet could hide or restyle content (warnings, review status); use the site's stylesheet",
    "object": "plugins and embedded documents are not allowed; link to the document instead",
    "embed": "plugins and embedded documents are not allowed; link to the document instead",
    "applet": "plugins and embedded documents are not allowed; link to the document instead",
    "form": "pages must not collect input from readers",
    "input": "pages must not collect input from readers",
    "button": "pages must not collect input from readers",
    "textarea": "pages must not collect input from readers",
    "select": "pages must not collect input from readers",
    "meta": "it could redirect readers or change the page's security policy",
    "base": "it would redirect every link of the page",
    "link": "it would load stylesheets or other resources into the page",
    "frame": "frames are not allowed; embed videos with an allowed <iframe>",
    "frameset": "frames are not allowed; embed videos with an allowed <iframe>",
    "svg": "inline SVG can carry scripts and links; add the drawing as an image file (![alt](figure.svg))",
    "math": "inline MathML is not allowed; add the formula as an image or as text",
    "template": "templates hold markup out of sight (it can swallow what follows); write the content directly",
    "noscript": "pages have no scripts to stand in for",
    "title": "it would change the page's title; the title comes from the front matter",
}

URL_ATTRIBUTES = frozenset(
    """
    href src srcset poster cite action formaction background data xlink:href longdesc ping manifest
    codebase lowsrc dynsrc
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
RESOURCE_ATTRIBUTES = frozenset(["src", "srcset", "poster", "background", "data", "lowsrc", "dynsrc"])
"""Attributes the browser fetches as the page loads: from the site's own files only (no tracking)."""
FORM_ATTRIBUTES = frozenset({"action", "formaction", "form"})
REFUSED_ATTRIBUTES = {
    "srcdoc": "it embeds a whole page with its own scripts",
    "http-equiv": "it could change the page's security policy",
    "ping": "it reports readers' clicks to another address",
    "manifest": "it would load resources into the page",
    "codebase": "it would load resources into the page",
}
RESERVED_CLASS_PREFIXES = ("medkb-", "md-")
"""Our review header, banners and tracker, and the theme's own layout: a page must not imitate them."""
ALLOWED_RESERVED_CLASSES = frozenset({"md-button", "md-button--primary"})

COMMENT_AND_DECLARATION_MARKS = re.compile(r"<!--|--!?>|<!\[?|<\?")
DECLARATION = re.compile(r"<!(?!--)(?P<what>\[?[A-Za-z]*)")
MARKDOWN_LINK = re.compile(
    r"""(?x)
    \]\(                    # the end of [text] or ![alt] and the opening parenthesis
    [ \t]*<?[ \t]*          # optional spaces and angle bracket around the destination
    (?P<url>[^\s)>]+)       # the destination (enough of it to read the scheme)
    """
)
MARKDOWN_IMAGE = re.compile(
    r"""(?x)
    !\[(?P<alt>[^\]\n]{0,500})\]\(   # ![alt]( on one line (a bounded alt text: no search runs past it)
    [ \t]*<?[ \t]*                   # optional spaces and angle bracket around the destination
    (?P<url>[^\s)>]+)                # the destination
    """
)
REFERENCE_DEFINITION = re.compile(
    r"""(?xm)
    ^[ ]{0,3}               # a definition starts a line (up to three spaces in)
    \[(?!\^)[^\]\n]+\]:     # [label]: (not a footnote [^label]:)
    [ \t]*<?                # optional spaces and angle bracket
    (?P<url>[^\s>]+)        # the destination
    """
)
ATTRIBUTE_LIST = re.compile(
    r"""(?x)
    \{:?[ ]*                # attr_list opens with { or {: (Python-Markdown's syntax)
    (?P<body>[^{}\n]*)      # the attributes, on one line (no brace: each '{' starts at most one try)
    \}
    """
)
ATTRIBUTE_LIST_ITEM = re.compile(
    r"""(?x)
    (?<![^\s{:])            # each item starts after a space (one try per item, not per character)
    (?:
      (?P<key>[^\s=}"']+)=  # key=  (no spaces around '=', as attr_list reads it)
      (?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s}]+))
    | \.(?P<cls>[^\s}]+)    # .class
    )
    """
)
AUTOLINK = re.compile(r"<(?P<url>[a-zA-Z][a-zA-Z0-9+.\-]*:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
"""Markdown's <https://...> and <name@host> links: not tags (an HTML parser would take them for some)."""
HOST_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
C0_AND_SPACE = "".join(map(chr, range(0x21)))


@dataclass(frozen=True)
class HtmlPolicy:
    iframe_hosts: tuple[str, ...] = DEFAULT_IFRAME_HOSTS

    def allows_frame(self, url: str) -> bool:
        """An https URL on one of the hosts (or a subdomain of one), as the browser parses it."""
        parsed = _parsed_url(url)
        if parsed is None or parsed.get("protocol") != "https:":
            return False
        host = str(parsed.get("hostname") or "").lower()
        return any(host == allowed or host.endswith("." + allowed) for allowed in self.iframe_hosts)

    @property
    def allowed_frames_text(self) -> str:
        return " or ".join(f"https://{host}" for host in self.iframe_hosts) or "no host (none is configured)"


class PolicyError(ValueError):
    """mkdocs.yml's security settings are not valid; the message says what is expected."""


def policy_from_extra(extra: Any) -> HtmlPolicy:
    """The policy from mkdocs.yml's `extra` mapping: `security: {iframe_hosts: [host, ...]}`."""
    security = extra.get("security") if isinstance(extra, Mapping) else None
    if not isinstance(security, Mapping) or "iframe_hosts" not in security:
        if security is not None and not isinstance(security, Mapping):
            raise PolicyError("extra.security must be a mapping, e.g. {iframe_hosts: [player.vimeo.com]}")
        return HtmlPolicy()
    hosts = security["iframe_hosts"] or []
    if not isinstance(hosts, list) or not all(isinstance(host, str) for host in hosts):
        raise PolicyError(f"{CONFIG_KEY} must be a list of host names, e.g. [www.youtube-nocookie.com]")
    bad = [host for host in hosts if not HOST_NAME.match(host.lower())]
    if bad:
        raise PolicyError(
            f"{CONFIG_KEY}: {', '.join(repr(host) for host in bad)} is not a host name; write only the host, "
            "e.g. player.vimeo.com (no scheme, path or wildcard; https is always required)"
        )
    return HtmlPolicy(tuple(host.lower() for host in hosts))


def policy_for_page(page: Path) -> HtmlPolicy:
    """The policy of the project a page belongs to: the nearest mkdocs.yml above it (as ruff finds its config).

    An unreadable or invalid configuration gives the default policy here; the build reports the
    configuration error itself (hooks/security.py).
    """
    for folder in page.resolve().parents:
        config = folder / "mkdocs.yml"
        if config.is_file():
            try:
                return _policy_from_file(config, config.stat().st_mtime_ns)
            except (OSError, PolicyError, yaml.YAMLError):
                return HtmlPolicy()
    return HtmlPolicy()


@functools.lru_cache(maxsize=8)
def _policy_from_file(config: Path, _mtime: int) -> HtmlPolicy:
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_LenientLoader)
    return policy_from_extra(data.get("extra") if isinstance(data, dict) else None)


class _LenientLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads mkdocs.yml without constructing its `!!python/name:` and `!ENV` values (with libyaml's
    parser where PyYAML has it: a large site's navigation is thousands of lines)."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


# --- the source check ----------------------------------------------------------------------------


def unsafe_html_findings(path: str, text: str, policy: HtmlPolicy | None = None) -> list[Finding]:
    """Every unsafe piece of raw HTML, URL or attribute in a page's source, with its line.

    `text` is the whole page; its front matter is skipped (its values are checked by the schema and
    escaped where they are shown). Inline and fenced code are not read; comments are read as if their
    marks were absent.
    """
    policy = policy or HtmlPolicy()
    body = blank_front_matter(text)
    findings = _declaration_findings(path, mask_code(body))
    masked = mask_code(_defused(body))
    masked = _autolinks_blanked(path, masked, findings)
    for line, message in _located(markup_problems(masked, policy), masked):
        if message == CLOSES_LAYOUT:
            line = _closing_line(masked, policy)
        findings.append(Finding(path, line, KIND, message))
    findings.extend(_markdown_url_findings(path, masked))
    findings.extend(_attribute_list_findings(path, masked))
    findings.extend(_unclosed_comment_findings(path, mask_code(body)))
    return sorted(set(findings), key=lambda finding: (finding.line or 0, finding.message))


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (entities decoded, tabs, newlines and controls dropped)."""
    match = URL_SCHEME.match(_normalised_url(url))
    return match.group(1).lower() if match else None


def unsafe_url_reason(url: str) -> str | None:
    scheme = url_scheme(url)
    if scheme is None or scheme in SAFE_SCHEMES:
        return None
    return (
        f"a {scheme}: URL is not allowed (it can run code or carry hidden content); links and images "
        f"may use {', '.join(s + ':' for s in SAFE_SCHEMES)} or a relative path to a file under docs/"
    )


def external_resource_reason(url: str) -> str | None:
    """Why a URL the browser fetches as the page loads (an image, a video) may not be used, or None.

    Resolved as the browser resolves it (`//host/x.png` and `\\\\host/x.png` are other sites too).
    """
    if unsafe_url_reason(url) is not None:
        return unsafe_url_reason(url)
    resolved = _parsed_url(url)
    if resolved is None or resolved.get("host") == _SITE_HOST:
        return None
    return (
        "images and media from other sites are not allowed: they would tell that site who reads the page "
        "(and can change after review); add the file under docs/ and use a relative path"
    )


def tag_problem(tag: str, attributes: Mapping[str, str | None], policy: HtmlPolicy) -> str | None:
    """Why an element may not be published (attributes apart), or None."""
    if tag == "meta" and "http-equiv" in attributes:
        return (
            "<meta http-equiv> is not allowed: it could redirect readers or change the page's security policy"
        )
    if tag in REFUSED_TAGS:
        return _refused(tag)
    if tag in DOCUMENT_TAGS:
        return None if not attributes else (
            f"<{tag}> with attributes is not allowed: it would set the attributes of the whole page"
        )
    if tag not in ALLOWED_TAGS:
        return (
            f"<{_shorten(tag, 30)}> is not an allowed HTML tag; use Markdown, or one of: "
            f"{', '.join(sorted(ALLOWED_TAGS))} ({CODE_HINT}; write a literal '<' as &lt; or with a space after it)"
        )
    if tag == "iframe":
        source = attributes.get("src") or ""
        if not policy.allows_frame(source):
            return (
                f'<iframe src="{_shorten(source)}"> is not allowed: embed videos only from '
                f"{policy.allowed_frames_text} (setting {CONFIG_KEY} in mkdocs.yml)"
            )
    return None


def attribute_problem(tag: str, name: str, value: str) -> str | None:
    """Why an attribute may not be published, or None. `tag` is '' for an attribute list `{ ... }`."""
    name = name.lower()
    where = f"on <{tag}>" if tag else "in an attribute list { ... }"
    if name.startswith("on"):
        return (
            f"the event-handler attribute {name}= {where} is not allowed: it runs code in readers' browsers"
        )
    if name == "style":
        return (
            f"the style= attribute {where} is not allowed: styles could hide or spoof content; "
            "use Markdown or the site's classes (aligned table cells: the tables extension's use_align_attribute)"
        )
    if name in REFUSED_ATTRIBUTES:
        return f"{name}= {where} is not allowed: {REFUSED_ATTRIBUTES[name]}"
    if name in FORM_ATTRIBUTES:
        return f"{name}= {where} is not allowed: pages must not submit forms"
    if name in URL_ATTRIBUTES:
        urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
        for url in urls:
            reason = unsafe_url_reason(url)
            if reason is None and name in RESOURCE_ATTRIBUTES and tag != "iframe":
                reason = external_resource_reason(url)
            if reason is not None:
                return f'{name}="{_shorten(url)}" {where}: {reason}'
    if name == "class":
        reserved = [cls for cls in value.split()
                    if cls.startswith(RESERVED_CLASS_PREFIXES) and cls not in ALLOWED_RESERVED_CLASSES]
        if reserved:
            return (
                f'class "{_shorten(" ".join(reserved))}" {where} is reserved for the site\'s own review notices and '
                "layout (a page must not imitate them); choose another class name"
            )
    return None


@dataclass(frozen=True)
class MarkupProblem:
    tag: str
    """The element's tag, as its start tag is looked for in the source (`<tag`); '' for the whole fragment."""
    attribute: str | None
    """The attribute at fault, looked for after the element's start tag; None for the element itself."""
    message: str


def markup_problems(fragment: str, policy: HtmlPolicy) -> list[MarkupProblem | str]:
    """Every element of an HTML fragment in document order (its tag), each followed by its problems,
    as the browser's parser builds the tree; and whether the fragment stays in its place.

    The fragment is parsed between two markers of ours: markup that closes the site's layout around it
    (`</div></article>`), or leaves an element open that swallows what follows, moves the end marker.
    """
    found: list[MarkupProblem | str] = []
    mark = f"medkb-{uuid.uuid4().hex}"
    tree = LexborHTMLParser(_LAYOUT.format(mark=mark, fragment=fragment))
    root = tree.root
    if root is None:
        return found
    left_open = _left_open(tree, mark)
    for node in root.traverse(include_text=False):
        tag = node.tag or ""
        if tag.startswith(("-", "#", "!")):  # comments and the like
            continue
        attributes = node.attributes
        if (attributes.get("id") or "").startswith(mark):
            continue
        if tag not in DOCUMENT_TAGS:
            found.append(tag)
        if left_open is not None and node.mem_id == left_open.mem_id:
            found.append(MarkupProblem(tag, None, f"<{tag}> is never closed: it would swallow the notices and "
                                       f"the references after the article; close it with </{tag}>"))
        problem = tag_problem(tag, attributes, policy)
        if problem is not None:
            found.append(MarkupProblem(tag, None, problem))
            if tag != "iframe":
                continue
        for name, value in attributes.items():
            message = attribute_problem(tag, name, value or "")
            if message is not None:
                found.append(MarkupProblem(tag, name, message))
    return found + _placement_problems(tree, mark)


_LAYOUT = (
    '<main id="{mark}-main"><div id="{mark}-inner"><div id="{mark}-content"><article id="{mark}-article">'
    '<div id="{mark}-start">{fragment}<span id="{mark}-tail"></span></div><p id="{mark}-end"></p>'
    '</article></div></div></main>'
    '<p id="{mark}-after"></p>'
)
"""The elements the theme opens around a page's content (main, div, div, article), then our markers."""
_SITE_HOST = "site.invalid"


OPTIONAL_END_TAGS = frozenset(["p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup",
                               "rt", "rp", "caption"])
"""Elements whose end tag HTML lets authors leave out: the next block closes them (and Markdown always does)."""


def _left_open(tree: LexborHTMLParser, mark: str) -> Any:
    """The element the fragment left open, if any: the marker written after the fragment sits inside it."""
    tail = tree.css_first(f"#{mark}-tail")
    if tail is None:
        return None
    node = tail.parent
    while node is not None and node.tag in OPTIONAL_END_TAGS:
        node = node.parent
    if node is None or (node.attributes.get("id") or "").startswith(mark):
        return None
    return node


CLOSES_LAYOUT = (
    "this closes an element the page never opened: it would close the site's layout around the article "
    "(the notices and references would land outside it); remove the end tag"
)


def _placement_problems(tree: LexborHTMLParser, mark: str) -> list[MarkupProblem | str]:
    """A problem when the fragment closed more than it opened (the end marker left the article)."""
    end = tree.css_first(f"#{mark}-end")
    article = tree.css_first(f"#{mark}-article")
    if end is None or article is None or end.parent is None:
        return [MarkupProblem("", None, CLOSES_LAYOUT)]
    node: Any = end.parent
    while node is not None and node.mem_id != article.mem_id:
        node = node.parent
    return [] if node is not None else [MarkupProblem("", None, CLOSES_LAYOUT)]


def _closing_line(source: str, policy: HtmlPolicy) -> int | None:
    """The first line by which the source has closed more than it opened (found by halving: once the
    layout is closed, every longer part of the page has closed it too)."""
    lines = source.split("\n")
    low, high = 1, len(lines)

    def closes(count: int) -> bool:
        mark = f"medkb-{uuid.uuid4().hex}"
        part = "\n".join(lines[:count])
        return bool(_placement_problems(LexborHTMLParser(_LAYOUT.format(mark=mark, fragment=part)), mark))

    if not closes(high):
        return None
    while low < high:
        middle = (low + high) // 2
        if closes(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _located(found: list[MarkupProblem | str], source: str) -> list[tuple[int | None, str]]:
    """Each problem with its line in `source`: elements are looked for in order (`<tag` after the previous
    element's), an attribute after its element's start. None when the text is not in the source (an
    element Markdown made, an encoded URL)."""
    # Elements after the last problem locate nothing: not looked for (each search reads the rest of the source).
    last = max((index for index, item in enumerate(found) if not isinstance(item, str)), default=-1)
    if last < 0:
        return []
    lowered = source.lower()
    located: list[tuple[int | None, str]] = []
    cursor = 0
    element_at = -1
    for item in found[: last + 1]:
        if isinstance(item, str):
            index = lowered.find(f"<{item}", cursor)
            element_at = index
            if index >= 0:
                cursor = index + 1
            continue
        if not item.tag:
            located.append((None, item.message))
            continue
        at = element_at
        if item.attribute is not None and at >= 0:
            attribute_at = lowered.find(item.attribute.lower(), at)
            at = attribute_at if attribute_at >= 0 else at
        if at < 0:  # not written as a tag in the source (Markdown made it): the attribute alone
            at = lowered.find(item.attribute.lower()) if item.attribute else -1
        located.append((line_of(source, at) if at >= 0 else None, item.message))
    return located


def _autolinks_blanked(path: str, masked: str, findings: list[Finding]) -> str:
    """Markdown's autolinks checked for their scheme, then blanked (same length) for the HTML parser."""

    def blank(match: re.Match[str]) -> str:
        url = match.group("url")
        reason = None if "@" in url and ":" not in url else unsafe_url_reason(url)
        if reason is not None:
            findings.append(Finding(path, line_of(masked, match.start()), KIND, f"<{_shorten(url)}>: {reason}"))
        return " " * len(match.group(0))

    return AUTOLINK.sub(blank, masked)


def _markdown_url_findings(path: str, masked: str) -> list[Finding]:
    findings: list[Finding] = []
    for pattern, what in ((MARKDOWN_LINK, "link or image"), (REFERENCE_DEFINITION, "link definition")):
        for match in pattern.finditer(masked):
            url = match.group("url")
            reason = unsafe_url_reason(url)
            if reason is not None:
                findings.append(
                    Finding(
                        path,
                        line_of(masked, match.start("url")),
                        KIND,
                        f"Markdown {what} to '{_shorten(url)}': {reason}",
                    )
                )
    for match in MARKDOWN_IMAGE.finditer(masked):
        url = match.group("url")
        if unsafe_url_reason(url) is None and (reason := external_resource_reason(url)) is not None:
            findings.append(
                Finding(path, line_of(masked, match.start("url")), KIND, f"Markdown image '{_shorten(url)}': {reason}")
            )
    return findings


def _attribute_list_findings(path: str, masked: str) -> list[Finding]:
    findings: list[Finding] = []
    for match in ATTRIBUTE_LIST.finditer(masked):
        for item in ATTRIBUTE_LIST_ITEM.finditer(match.group("body")):
            if item.group("cls") is not None:
                name, value = "class", item.group("cls")
            else:
                name = item.group("key")
                value = next(
                    v
                    for v in (item.group("double"), item.group("single"), item.group("bare"))
                    if v is not None
                )
            message = attribute_problem("", name, html.unescape(value))
            if message is not None:
                findings.append(Finding(path, line_of(masked, match.start()), KIND, message))
    return findings


def _declaration_findings(path: str, masked: str) -> list[Finding]:
    """`<![CDATA[`, `<!DOCTYPE` and the like: browsers and parsers end them in different places."""
    return [
        Finding(
            path,
            line_of(masked, match.start()),
            KIND,
            f"'<!{match.group('what')}' is not allowed in a page: browsers and HTML readers end such "
            "declarations in different places, which can hide markup; remove it",
        )
        for match in DECLARATION.finditer(masked)
    ]


def _unclosed_comment_findings(path: str, masked: str) -> list[Finding]:
    """`mask_code` blanks complete comments; an opening mark that is left was never closed."""
    return [
        Finding(
            path,
            line_of(masked, match.start()),
            KIND,
            "this HTML comment is never closed: it would hide the rest of the page, the notices "
            "included; close it with -->",
        )
        for match in re.finditer(r"<!--", masked)
    ]


# --- files under docs/ ---------------------------------------------------------------------------

ACTIVE_FILE_SUFFIXES = frozenset(
    [".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".js", ".mjs", ".swf", ".wasm",
     ".svgz"]
)
"""Files a browser would run as a page or script in the site's own origin (the CSP trusts 'self');
compressed SVG is refused rather than unpacked (a figure needs no compression)."""


def unsafe_file_findings(docs_dir: Path, root: Path) -> list[Finding]:
    """Files under docs/ that MkDocs would copy into the site as they are and that could run there, or
    that are not the project's own files.

    Pages are Markdown; figures are images. An HTML file or a script in docs/ would be published
    without any of the checks above, and an SVG opened on its own runs its scripts. A symbolic link
    leading out of the repository would publish a file of the machine that builds the site (its
    environment, its passwords). Hidden files and docs/templates/ are skipped, as MkDocs does not
    publish them.
    """
    findings: list[Finding] = []
    top = root.resolve()
    for path in sorted(_published_files(docs_dir)):
        suffix = path.suffix.lower()
        linked = path.is_symlink()
        if not linked and suffix not in ACTIVE_FILE_SUFFIXES and suffix != ".svg":
            continue  # a page or an image: nothing to read, and no path to resolve
        shown = _link_shown(path, root) if linked else shown_path(path, root)
        if linked:
            target = path.resolve()
            if not target.is_relative_to(top):
                findings.append(Finding(shown, None, "unsafe file", "this symbolic link leads out of the "
                                        "repository: the site would publish a file of the machine that builds "
                                        "it; replace the link with the file itself"))
                continue
        if suffix in ACTIVE_FILE_SUFFIXES:
            findings.append(
                Finding(
                    shown,
                    None,
                    "unsafe file",
                    f"'{suffix}' files are not published from docs/: "
                    "the site would serve them unchecked, able to run code; write pages in "
                    "Markdown (.md) and add figures as images (SVG uncompressed)",
                )
            )
        elif suffix == ".svg":
            problem = svg_problem(path.read_bytes())
            if problem is not None:
                line, message = problem
                findings.append(Finding(shown, line, "unsafe file", message))
    return findings


def _link_shown(path: Path, root: Path) -> str:
    """A link as contributors see it: where it sits, not where it leads."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def _published_files(docs_dir: Path) -> Iterator[Path]:
    """Every file under docs/ but hidden ones and docs/templates/, listed without a stat per file.

    Links to folders are listed as files (not followed): MkDocs would follow them.
    """
    for folder, subfolders, files in os.walk(docs_dir):
        at_top = Path(folder) == docs_dir
        subfolders[:] = [name for name in subfolders
                         if not name.startswith(".") and not (at_top and name == "templates")]
        linked = [name for name in subfolders if os.path.islink(os.path.join(folder, name))]
        subfolders[:] = [name for name in subfolders if name not in linked]
        yield from (Path(folder, name) for name in [*files, *linked] if not name.startswith("."))


# --- the rendered check --------------------------------------------------------------------------


def executable_html_problems(
    rendered: str, source: str, policy: HtmlPolicy | None = None
) -> list[tuple[int | None, str]]:
    """What in a page's rendered HTML could run, leave or spoof the page, each with the source line where
    found.

    `rendered` is the HTML Markdown produced for the page's content; `source` the page's Markdown,
    used only to point at a line (None when the text cannot be found there, e.g. an encoded URL).
    """
    policy = policy or HtmlPolicy()
    problems = markup_problems(_defused(rendered), policy)
    body = blank_front_matter(source)
    located = {
        (_closing_line(mask_code(body), policy) if message == CLOSES_LAYOUT else line, message)
        for line, message in _located(problems, body)
    }
    return sorted(located, key=lambda item: (item[0] or 0, item[1]))


# --- helpers -------------------------------------------------------------------------------------


def _refused(tag: str) -> str:
    return f"<{tag}> is not allowed: {REFUSED_TAGS[tag]} ({CODE_HINT})"


def _defused(text: str) -> str:
    """Comment and declaration marks blanked (same length): what they would hide is read like the rest."""
    return COMMENT_AND_DECLARATION_MARKS.sub(lambda match: " " * len(match.group(0)), text)


def blank_front_matter(text: str) -> str:
    """The text with its front matter blanked (newlines kept, so lines still count from the top)."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return text
    blank = "\n".join(" " * len(line) for line in match.group(0).split("\n"))
    return blank + text[match.end() :]


def _normalised_url(url: str) -> str:
    """As the browser reads a URL: entities decoded; tabs and newlines ignored; ends trimmed."""
    return IGNORED_IN_URLS.sub("", html.unescape(url)).strip(C0_AND_SPACE)


def _parsed_url(url: str) -> Any:
    """The URL resolved against a page of the site by a WHATWG URL parser (None when the browser
    would not load it)."""
    try:
        return ada_url.parse_url(ada_url.join_url(SITE_BASE, _normalised_url(url)))
    except ValueError:
        return None


def _shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
