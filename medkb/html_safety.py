"""Raw HTML and URLs in contributed Markdown: anything that could run code, leave the page or spoof it is refused.

Pages come from outside contributors. Markdown lets them write raw HTML, link to any URL and (with
`attr_list`) set any attribute, and the theme copies all of it into the site as it is. Two checks
share the rules below:

- `unsafe_html_findings` reads a page's source (the text outside code) with a real HTML tokenizer,
  plus Markdown's own link, definition and attribute-list syntax, and reports every problem with
  its line. The project check runs it, so the build, `medkb check` and the tests all use it.
- `executable_html_problems` reads the page as Markdown rendered it (hooks/security.py). It is the
  safety net for what a source reading cannot see: inside a raw HTML block Markdown does not treat
  backticks as code, so "`<script>`" there is live; an entity-encoded URL is decoded by the browser.

Allowed: ordinary text markup (ALLOWED_TAGS), links and images to http(s), mailto and tel URLs or
relative paths, and `<iframe>` embeds from the video hosts of `extra.security.iframe_hosts` in
mkdocs.yml (https only). HTML comments are read as if they were not there (browsers and Markdown
disagree on where a comment ends), so markup inside a comment is checked like any other.
"""

from __future__ import annotations

import functools
import html
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from medkb.citations import line_of, mask_code
from medkb.findings import Finding, shown_path
from medkb.frontmatter import FRONT_MATTER

KIND = "unsafe html"

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
DEFAULT_IFRAME_HOSTS = ("www.youtube-nocookie.com", "player.vimeo.com")
CONFIG_KEY = "extra.security.iframe_hosts"
CODE_HINT = "to show markup as an example, put it in backticks"

ALLOWED_TAGS = frozenset(
    """
    a abbr article aside audio b bdi bdo blockquote br caption cite code col colgroup dd del details dfn
    div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i iframe img ins kbd li mark ol p picture pre q
    rp rt ruby s samp section small source span strong sub summary sup table tbody td tfoot th thead
    time tr track u ul var video wbr
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
VOID_TAGS = frozenset(["br", "col", "hr", "img", "source", "track", "wbr"])

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
    "template": "templates hold markup for scripts; write the content directly",
    "noscript": "pages have no scripts to stand in for",
}
RENDERED_REFUSED_TAGS = frozenset(
    ["script", "object", "embed", "applet", "form", "meta", "base", "link", "frame", "frameset", "iframe"]
)
"""What may never reach a rendered page (iframes only from the allowed hosts); the rendered check allows
whatever else Markdown extensions emit (aligned table cells' style=, our reference classes)."""

URL_ATTRIBUTES = frozenset(
    """
    href src srcset poster cite action formaction background data xlink:href longdesc ping manifest
    codebase lowsrc dynsrc
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
FORM_ATTRIBUTES = frozenset({"action", "formaction", "form"})
RESERVED_CLASS_PREFIXES = ("medkb-", "md-")
"""Our review header, banners and tracker, and the theme's own layout: a page must not imitate them."""
ALLOWED_RESERVED_CLASSES = frozenset({"md-button", "md-button--primary"})

COMMENT_AND_DECLARATION_MARKS = re.compile(r"<!--|--!?>|<!\[?|<\?")
DECLARATION = re.compile(r"<!(?!--)(?P<what>\[?[A-Za-z]*)")
NET_TAG = re.compile(r"<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])")
NET_EVENT_HANDLER = re.compile(
    r"""(?xi)
    <(?P<tag>[a-z][a-z0-9]*)    # inside a tag ...
    [^<>]*?[\s/"']              # ... after its name or another attribute ...
    (?P<name>on[a-z]+)\s*=      # ... an on...= attribute
    """
)
MARKDOWN_LINK = re.compile(
    r"""(?x)
    \]\(                    # the end of [text] or ![alt] and the opening parenthesis
    [ \t]*<?[ \t]*          # optional spaces and angle bracket around the destination
    (?P<url>[^\s)>]+)       # the destination (enough of it to read the scheme)
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
    (?P<body>[^}\n]*)       # the attributes, on one line
    \}
    """
)
ATTRIBUTE_LIST_ITEM = re.compile(
    r"""(?x)
    (?P<key>[^\s=}"']+)=    # key=  (no spaces around '=', as attr_list reads it)
    (?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s}]+))
    | (?<![^\s{:])\.(?P<cls>[^\s}]+)   # .class
    """
)
AUTOLINK_TAG = re.compile(r"^<(?P<url>[a-zA-Z][a-zA-Z0-9+.\-]*:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>$")
HOST_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
IGNORED_IN_URLS = re.compile(r"[\t\n\r\\]")
C0_AND_SPACE = "".join(map(chr, range(0x21)))


@dataclass(frozen=True)
class HtmlPolicy:
    iframe_hosts: tuple[str, ...] = DEFAULT_IFRAME_HOSTS

    def allows_frame(self, url: str) -> bool:
        """An https URL on one of the hosts (or a subdomain of one)."""
        parts = urlsplit(_normalised_url(url))
        host = (parts.hostname or "").lower()
        return parts.scheme.lower() == "https" and any(
            host == allowed or host.endswith("." + allowed) for allowed in self.iframe_hosts
        )

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

    `text` is the whole page; its front matter is skipped (its values are escaped where they are
    shown). Inline and fenced code are not read; comments are read as if their marks were absent.
    """
    policy = policy or HtmlPolicy()
    body = blank_front_matter(text)
    findings = _declaration_findings(path, mask_code(body))
    masked = mask_code(_defused(body))
    findings.extend(_TagScanner(path, policy).scan(masked))
    findings.extend(_net_findings(path, masked, policy))
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


def tag_problem(tag: str, attributes: dict[str, str | None], policy: HtmlPolicy) -> str | None:
    """Why an element may not be published (attributes apart), or None."""
    if tag == "meta" and "http-equiv" in attributes:
        return (
            "<meta http-equiv> is not allowed: it could redirect readers or change the page's security policy"
        )
    if tag in REFUSED_TAGS:
        return _refused(tag)
    if tag not in ALLOWED_TAGS:
        return (
            f"<{tag}> is not an allowed HTML tag; use Markdown, or one of: {', '.join(sorted(ALLOWED_TAGS))} "
            f"({CODE_HINT}; write a literal '<' as &lt; or with a space after it)"
        )
    if tag == "iframe":
        source = attributes.get("src") or ""
        if not policy.allows_frame(source):
            return (
                f'<iframe src="{_shorten(source)}"> is not allowed: embed videos only from '
                f"{policy.allowed_frames_text} (setting {CONFIG_KEY} in mkdocs.yml)"
            )
    return None


def attribute_problem(tag: str, name: str, value: str, *, rendered: bool = False) -> str | None:
    """Why an attribute may not be published, or None. `tag` is '' for an attribute list `{ ... }`.

    `rendered`: the page as Markdown rendered it, where style= (aligned table cells) and our own
    classes (reference lists) are legitimate.
    """
    name = name.lower()
    where = f"on <{tag}>" if tag else "in an attribute list { ... }"
    if name.startswith("on"):
        return (
            f"the event-handler attribute {name}= {where} is not allowed: it runs code in readers' browsers"
        )
    if name == "style" and not rendered:
        return (
            f"the style= attribute {where} is not allowed: styles could hide or spoof content; "
            "use Markdown or the site's classes"
        )
    if name == "srcdoc":
        return f"srcdoc= {where} is not allowed: it embeds a whole page with its own scripts"
    if name in FORM_ATTRIBUTES:
        return f"{name}= {where} is not allowed: pages must not submit forms"
    if name == "http-equiv":
        return f"http-equiv= {where} is not allowed: it could change the page's security policy"
    if name in URL_ATTRIBUTES:
        urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
        for url in urls:
            reason = unsafe_url_reason(url)
            if reason is not None:
                return f'{name}="{_shorten(url)}" {where}: {reason}'
    if name == "class" and not rendered:
        reserved = [
            cls
            for cls in value.split()
            if cls.startswith(RESERVED_CLASS_PREFIXES) and cls not in ALLOWED_RESERVED_CLASSES
        ]
        if reserved:
            return (
                f'class "{" ".join(reserved)}" {where} is reserved for the site\'s own review notices and '
                "layout (a page must not imitate them); choose another class name"
            )
    return None


class _TagScanner(HTMLParser):
    """Reports unsafe tags and attributes; positions come from the tokenizer (1-based lines)."""

    def __init__(self, path: str, policy: HtmlPolicy) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.policy = policy
        self.findings: list[Finding] = []
        self.open_tags: list[str] = []

    def scan(self, text: str) -> list[Finding]:
        try:
            self.feed(text)
            self.close()
        except AssertionError:  # html.parser gives up on a few malformed constructs
            self.report(self.getpos()[0], f"this HTML cannot be read safely; remove it ({CODE_HINT})")
        return self.findings

    def report(self, line: int, message: str) -> None:
        self.findings.append(Finding(self.path, line, KIND, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.check_tag(tag, attrs)
        if tag in ALLOWED_TAGS and tag not in VOID_TAGS:
            self.open_tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.check_tag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open_tags:
            del self.open_tags[len(self.open_tags) - 1 - self.open_tags[::-1].index(tag) :]
        elif tag in ALLOWED_TAGS and tag not in VOID_TAGS and tag != "p":
            self.report(
                self.getpos()[0],
                f"</{tag}> closes an element this page never opened: it would close the site's own layout "
                "around the article and break the page; remove it",
            )

    def check_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        raw = (self.get_starttag_text() or f"<{tag}>").strip()
        autolink = AUTOLINK_TAG.match(raw)
        if autolink is not None:  # Markdown's <https://...> and <name@host> links, not tags
            reason = None if "@" in tag and ":" not in tag else unsafe_url_reason(autolink.group("url"))
            if reason is not None:
                self.report(line, f"{_shorten(raw)}: {reason}")
            return
        attributes = dict(attrs)
        problem = tag_problem(tag, attributes, self.policy)
        if problem is not None:
            self.report(line, problem)
            if tag != "iframe":
                return
        for name, value in attrs:
            message = attribute_problem(tag, name, value or "")
            if message is not None:
                self.report(line, message)


def _net_findings(path: str, masked: str, policy: HtmlPolicy) -> list[Finding]:
    """A second reading with plain patterns, in case the tokenizer and the browser split a tag differently."""
    findings: list[Finding] = []
    for match in NET_TAG.finditer(masked):
        tag = match.group("tag").lower()
        if tag in REFUSED_TAGS and tag != "meta":
            findings.append(Finding(path, line_of(masked, match.start()), KIND, _refused(tag)))
    for match in NET_EVENT_HANDLER.finditer(masked):
        message = attribute_problem(match.group("tag").lower(), match.group("name"), "")
        if message is not None:
            findings.append(Finding(path, line_of(masked, match.start()), KIND, message))
    return findings


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
    [".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".js", ".mjs", ".swf", ".wasm"]
)
"""Files a browser would run as a page or script in the site's own origin (the CSP trusts 'self')."""
SVG_ACTIVE_CONTENT = re.compile(
    r"(?i)<script|<foreignobject|<iframe|<embed|<object|[\s\"'/]on[a-z]+\s*=|javascript:|data:text/html"
)


def unsafe_file_findings(docs_dir: Path, root: Path) -> list[Finding]:
    """Files under docs/ that MkDocs would copy into the site as they are and that could run there.

    Pages are Markdown; figures are images. An HTML file or a script in docs/ would be published
    without any of the checks above, and an SVG opened on its own runs its scripts. Hidden files and
    docs/templates/ are skipped, as MkDocs does not publish them.
    """
    findings: list[Finding] = []
    for path in sorted(_published_files(docs_dir)):
        suffix = path.suffix.lower()
        if suffix not in ACTIVE_FILE_SUFFIXES and suffix != ".svg":
            continue  # (most files: pages and images, nothing to look into)
        shown = shown_path(path, root)
        if suffix in ACTIVE_FILE_SUFFIXES:
            findings.append(
                Finding(
                    shown,
                    None,
                    "unsafe file",
                    f"'{suffix}' files are not published from docs/: "
                    "the site would serve them unchecked, able to run code; write pages in "
                    "Markdown (.md) and add figures as images",
                )
            )
        elif suffix == ".svg":
            text = path.read_bytes().decode("utf-8", errors="replace")
            match = SVG_ACTIVE_CONTENT.search(text)
            if match is not None:
                findings.append(
                    Finding(
                        shown,
                        line_of(text, match.start()),
                        "unsafe file",
                        f"this SVG holds '{match.group(0).strip()}': opened on its own it would run "
                        "in the site's origin; remove scripts, event handlers and embedded documents",
                    )
                )
    return findings


def _published_files(docs_dir: Path) -> Iterator[Path]:
    """Every file under docs/ but hidden ones and docs/templates/, listed without a stat per file."""
    for folder, subfolders, files in os.walk(docs_dir):
        at_top = Path(folder) == docs_dir
        subfolders[:] = [name for name in subfolders
                         if not name.startswith(".") and not (at_top and name == "templates")]
        yield from (Path(folder, name) for name in files if not name.startswith("."))



# --- the rendered check --------------------------------------------------------------------------


RENDERED_ALARM_MARKUP = re.compile(
    r"<\s*/?\s*(?i:script|object|embed|applet|form|meta|base|link|frame|iframe)"  # a refused element, or one named so
    r"|<!(?!--)|<\?"  # a declaration or processing instruction
)
TAG_TEXT = re.compile(r"""<[^>"']*+(?:(?:"[^"]*+"|'[^']*+')[^>"']*+)*+>?""")
"""A tag, whole (quoted values may hold '>'); all that can hold an attribute."""
RENDERED_ALARM_ATTRIBUTE = re.compile(
    r"""(?xi)
      [\s/"'](?:on[a-z]*|srcdoc|action|formaction|form|http-equiv)\s*=        # a refused attribute
    | [\s/"'](?:href|src|srcset|poster|cite|background|data|xlink:href|longdesc|ping|manifest|codebase
               |lowsrc|dynsrc)\s*=\s*                  # a URL attribute whose value is not plainly safe:
      (?!"(?:[#/.?][^"&\\\t\n\r]*|(?:(?:https?|mailto|tel):)?[^"&:\\\t\n\r]*)"  # quoted, no character
        |'(?:[#/.?][^'&\\\t\n\r]*|(?:(?:https?|mailto|tel):)?[^'&:\\\t\n\r]*)')  # reference, no other scheme
    """
)


def could_hold_executable_html(rendered: str) -> bool:
    """Whether rendered HTML holds anything the full check (`scanned_html_problems`) could object to.

    Two searches, the second over the page's tags only: it errs on the side of alarm (a word such as
    `<linked` in text, or any `&` in a link's address, sets it off), so a page it clears is certainly
    clean and is spared the tokenizer.
    """
    if RENDERED_ALARM_MARKUP.search(rendered) is not None:
        return True
    return RENDERED_ALARM_ATTRIBUTE.search(" ".join(TAG_TEXT.findall(rendered))) is not None


def executable_html_problems(
    rendered: str, source: str, policy: HtmlPolicy | None = None
) -> list[tuple[int | None, str]]:
    """What in a page's rendered HTML could run or leave the page, each with the source line where found.

    `rendered` is the HTML Markdown produced for the page's content; `source` the page's Markdown,
    used only to point at a line (None when the text cannot be found there, e.g. an encoded URL).
    """
    if not could_hold_executable_html(rendered):
        return []
    return scanned_html_problems(rendered, source, policy)


def scanned_html_problems(
    rendered: str, source: str, policy: HtmlPolicy | None = None
) -> list[tuple[int | None, str]]:
    """`executable_html_problems` by a full read of the HTML with a tokenizer, whatever it holds."""
    policy = policy or HtmlPolicy()
    scanner = _RenderedScanner(policy)
    defused = _defused(rendered)
    try:
        scanner.feed(defused)
        scanner.close()
    except AssertionError:
        scanner.problems.append(("", "the rendered page holds HTML that cannot be read safely"))
    for match in NET_TAG.finditer(defused):
        tag = match.group("tag").lower()
        if tag in RENDERED_REFUSED_TAGS - {"iframe", "meta"}:
            scanner.problems.append((f"<{tag}", _refused(tag)))
    for match in NET_EVENT_HANDLER.finditer(defused):
        scanner.problems.append(
            (
                match.group("name"),
                attribute_problem(match.group("tag"), match.group("name"), "", rendered=True) or "",
            )
        )
    body = blank_front_matter(source)
    located = {(_line_of_needle(body, needle), message) for needle, message in scanner.problems}
    return sorted(located, key=lambda item: (item[0] or 0, item[1]))


class _RenderedScanner(HTMLParser):
    def __init__(self, policy: HtmlPolicy) -> None:
        super().__init__(convert_charrefs=True)
        self.policy = policy
        self.problems: list[tuple[str, str]] = []
        """(text to look for in the source, message)"""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in RENDERED_REFUSED_TAGS or (tag == "meta" and "http-equiv" in attributes):
            problem = tag_problem(tag, attributes, self.policy)
            if problem is not None:
                self.problems.append((f"<{tag}", problem))
        for name, value in attrs:
            message = attribute_problem(tag, name, value or "", rendered=True)
            if message is not None:
                needle = name if not name.startswith(("href", "src")) else (value or name)
                self.problems.append((needle, message))

    handle_startendtag = handle_starttag


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


def _line_of_needle(text: str, needle: str) -> int | None:
    index = text.lower().find(needle.lower()) if needle else -1
    return None if index < 0 else line_of(text, index)


def _normalised_url(url: str) -> str:
    """As the browser reads a URL: entities decoded; tabs, newlines and backslashes ignored; ends trimmed."""
    return IGNORED_IN_URLS.sub("", html.unescape(url)).strip(C0_AND_SPACE)


def _shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
