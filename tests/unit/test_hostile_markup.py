"""The raw-HTML checks on their own (medkb.checks.html_safety): every hostile payload found in the source and
in the rendered page, as the browser parses it; ordinary markup and what Markdown emits pass; the iframe
allow list."""

from __future__ import annotations

import re
from typing import Any

import markdown
import pytest
from hostile import PAYLOADS

from medkb.checks.html_safety import (
    HtmlPolicy,
    executable_html_problems,
    policy_from_extra,
    unsafe_html_findings,
)

SAFE_SOURCES = [
    "Plain text with p<0.05, CrCl <30 mL/min and a < b > c.",
    "Links: [dosing](dosing.md), [site](https://example.org/), [mail](mailto:a@b.org), <https://example.org/>.",
    "An e-mail address <editor@example.org> and a phone link [call](tel:+441234567).",
    "Code shows `<script>alert(1)</script>` as text.",
    "<!-- not-a-claim: quotes the corrected draft -->",
    "<details markdown>\n<summary>More</summary>\n\nText.\n</details>",
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    '<figure><img src="figure.png" alt="A figure"><figcaption>Caption</figcaption></figure>',
    '<iframe src="https://player.vimeo.com/video/1" title="Talk" allowfullscreen></iframe>',
    "[Read more](https://example.org/){ .md-button }",
    '---\ntitle: "<script>alert(1)</script>"\n---\n\nFront matter is escaped, not refused.',
]


@pytest.mark.parametrize("source", SAFE_SOURCES)
def test_ordinary_markup_is_not_reported(source: str) -> None:
    assert unsafe_html_findings("docs/p.md", source) == []


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_every_payload_is_found_by_the_source_check(name: str) -> None:
    payload, expected = PAYLOADS[name]
    findings = unsafe_html_findings("docs/p.md", "---\ntitle: T\n---\n\n" + payload + "\n")
    assert findings and all(finding.line is not None and finding.line >= 5 for finding in findings)
    assert any(expected in finding.message for finding in findings), findings


def test_comments_do_not_hide_markup_from_the_check() -> None:
    """Markdown and browsers disagree on where a comment spanning paragraphs ends: its content is checked."""
    source = "Text <!-- start\n\n<script>alert(2)</script>\n\nend -->\n"
    assert [(f.line, f.kind) for f in unsafe_html_findings("docs/p.md", source)] == [(3, "unsafe html")]


def test_rendered_check_points_at_the_source_line() -> None:
    rendered = '<p>x</p>\n<script>alert(1)</script>\n<p><a href="javascript&#58;alert(2)">y</a></p>'
    source = (
        "---\ntitle: T\n---\n\nx\n\n```\n<script>alert(1)</script>\n```\n\n[y](javascript&#58;alert(2))\n"
    )
    problems = executable_html_problems(rendered, source)
    script_message = (
        "<script> is not allowed: scripts would run in every reader's browser; the site's scripts come "
        "only from its templates (to show markup as an example, put it in backticks)"
    )
    assert (8, script_message) in problems
    assert any(line is None and "javascript: URL" in message for line, message in problems)


def test_rendered_check_allows_what_markdown_emits() -> None:
    rendered = (
        '<table><tr><th align="left">a</th></tr></table>'
        '<p>Claim.<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a></sup></p>'
        '<span class="citation"><a href="https://doi.org/10.1/x">doi</a></span>'
    )
    assert executable_html_problems(rendered, "") == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"security": {"iframe_hosts": "player.vimeo.com"}}, "must be a list of host names"),
        ({"security": {"iframe_hosts": ["https://player.vimeo.com/"]}}, "is not a host name"),
        ({"security": {"iframe_hosts": ["*.example.org"]}}, "is not a host name"),
        ({"security": "on"}, "extra.security must be a mapping"),
    ],
)
def test_invalid_iframe_allow_list_is_refused(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        policy_from_extra(extra)


def test_iframe_allow_list_from_the_configuration() -> None:
    policy = policy_from_extra({"security": {"iframe_hosts": ["media.example.org"]}})
    assert policy == HtmlPolicy(("media.example.org",))
    assert policy.allows_frame("https://media.example.org/v/1")
    assert not policy.allows_frame("https://media.example.org.evil.example/v/1")
    assert not policy.allows_frame("http://media.example.org/v/1")
    assert not policy.allows_frame("https://www.youtube-nocookie.com/embed/x")


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_every_payload_is_refused_in_the_rendered_page_too(name: str) -> None:
    """What Markdown makes of each payload is refused by the check of the rendered page as well."""
    payload = PAYLOADS[name][0]
    rendered = markdown.markdown(payload, extensions=["attr_list", "md_in_html", "footnotes", "tables"])
    if name in ("unclosed comment hiding the notices", "CDATA hiding markup", "javascript: link definition"):
        return  # Markdown drops or escapes these; the source check refuses them
    assert executable_html_problems(rendered, payload) != [], rendered


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="java&#115;cript:alert(1)">x</a></p>',
        "<p><a href='vbscript:x'>x</a></p>",
        "<p><a href=javascript:alert(1)>x</a></p>",
        '<p><img src="x.png"\nonerror="alert(1)"></p>',
        '<p><a title="x"onmouseover="alert(1)">x</a></p>',
        '<p><IFRAME SRC="https://evil.example/"></IFRAME></p>',
        '<p><a href=" javascript:alert(1)">x</a></p>',
        '<p><img srcset="a.png 1x, data:image/png;base64,AAAA 2x"></p>',
        '<p><a title="a>b" onclick="alert(1)">x</a></p>',
        "<p><a href='#x' title='>'\tonmouseover=alert(1)>x</a></p>",
        '<p><img src="https://tracker.example/pixel.gif" alt=""></p>',
        '<p><img src="\\\\tracker.example/pixel.gif" alt=""></p>',
        '<p><img src="//tracker.example/pixel.gif" alt=""></p>',
        "<svg><style><meta http-equiv=refresh content='0;url=https://evil.example/'></style></svg>",
        "<style>.medkb-banner--pending{display:none}</style>",
        "<template><p>References</p>",
        '<div class="medkb-banner medkb-banner--approved">Approved by the Medical Advisory Board</div>',
        '<iframe src="https://evil.example\\.www.youtube-nocookie.com/embed/x"></iframe>',
        "</div></div></article><p>outside</p>",
        '<div hidden><p>the rest of the page</p>',
    ],
)
def test_disguised_markup_is_refused_as_the_browser_reads_it(html: str) -> None:
    assert executable_html_problems(html, "") != [], html


def test_what_markdown_makes_of_a_cited_page_passes() -> None:
    """Citations, footnote links, aligned tables, links, images, details."""
    rendered = markdown.markdown(
        "A claim.[^a]\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n[Dosing](dosing.md#adults) and "
        "[NICE](https://www.nice.org.uk/guidance/ng222), ![chart](figures/chart.png)\n\n[^a]: A source.\n",
        extensions=["attr_list", "md_in_html", "footnotes", "tables"],
        extension_configs={"tables": {"use_align_attribute": True}},
    )
    assert 'href="#fn:a"' in rendered and 'align="right"' in rendered
    assert executable_html_problems(rendered, "") == []
