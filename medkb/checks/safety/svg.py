"""SVG figures under docs/: opened on their own (a link to the file), they run in the site's origin.

A browser reads an `.svg` file as XML with namespaces, so it is checked with an XML parser (lxml)
that sees the same elements: `<x:script xmlns:x="http://www.w3.org/2000/svg">` is a script to both,
and `&#106;avascript:` is `javascript:` once the parser has read it. Refused: any element outside the
SVG namespace (XHTML smuggled in), scripts, foreignObject, embedded documents, animation elements
(which can set an attribute to a `javascript:` URL), event handlers, `javascript:`/`data:` (and any
scheme but http and https) in any attribute, processing instructions (an XSLT stylesheet) and
document type declarations (entities).
"""

from __future__ import annotations

import re

from lxml import etree

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
REFUSED_ELEMENTS = frozenset(
    """
    script foreignObject iframe embed object handler listener set animate animateMotion animateTransform
    animateColor discard
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
URL_WITH_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
ALLOWED_SCHEMES = frozenset({"http", "https"})
IGNORED_IN_URLS = re.compile(r"[\t\n\r\x00-\x20]")
ADVICE = "remove it, or export the figure as PNG"


def svg_problem(data: bytes) -> tuple[int | None, str] | None:
    """The first reason an SVG file may not be published, with its line; None when it is a plain drawing."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        return 1, f"this SVG declares a document type or entities, which can expand or hide content; {ADVICE}"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        return (error.lineno or None), f"this SVG is not well-formed XML ({error.msg}); {ADVICE}"
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        return root.sourceline, "this file is not an SVG drawing (its root is not <svg> in the SVG namespace)"
    for node in root.iter():
        if isinstance(node, etree._ProcessingInstruction):
            return node.sourceline, f"this SVG holds a processing instruction <?{node.target} ...?>; {ADVICE}"
        if not isinstance(node.tag, str):
            continue  # comments
        namespace, _, name = node.tag[1:].partition("}") if node.tag.startswith("{") else ("", "", node.tag)
        if namespace != SVG_NAMESPACE:
            return node.sourceline, (f"this SVG holds <{name}> from another namespace ({namespace or 'none'}): "
                                     f"opened on its own it could run in the site's origin; {ADVICE}")
        if name in REFUSED_ELEMENTS:
            return node.sourceline, (f"this SVG holds <{name}>: opened on its own it could run in the site's "
                                     f"origin; {ADVICE}")
        for attribute, value in node.attrib.items():
            local = attribute.rpartition("}")[2].lower()
            if local.startswith("on"):
                return node.sourceline, f"this SVG has the event handler {local}= on <{name}>; {ADVICE}"
            scheme = URL_WITH_SCHEME.match(IGNORED_IN_URLS.sub("", value))
            if scheme is not None and scheme.group(1).lower() not in ALLOWED_SCHEMES:
                return node.sourceline, (f"this SVG has a {scheme.group(1).lower()}: URL in {local}= on <{name}>; "
                                         f"{ADVICE}")
    before = root.getprevious()
    while before is not None:
        if isinstance(before, etree._ProcessingInstruction):
            return before.sourceline, f"this SVG holds a processing instruction <?{before.target} ...?>; {ADVICE}"
        before = before.getprevious()
    return None
