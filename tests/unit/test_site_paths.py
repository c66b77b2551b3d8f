"""Unit tables for medkb.checks.site_paths (links and images, page addresses, navigation) and medkb.render.csp."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from medkb.checks.site_paths import address_collision_findings, link_findings, nav_findings, page_address
from medkb.render.csp import content_security_policy, inline_script_problems, script_hash, with_policy


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    for name in ("index.md", "topic/index.md", "topic/dosing.md", "topic/figures/chart.png", "file(1).md"):
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text("x")
    return tmp_path / "docs"


GOOD_LINKS = [
    "[dosing](dosing.md)",
    "[dosing, a heading](dosing.md#oral-dose)",
    "[home](../index.md)",
    "![chart](figures/chart.png)",
    '![chart](<figures/chart.png> "title")',
    "[see [1]](dosing.md)",
    "[paren](../file(1).md)",
    "[web](https://example.org/x.md) [mail](mailto:a@b.org) [anchor](#top)",
    '<a href="dosing.md">dosing</a> <img src="figures/chart.png" alt="">',
    "[ref][d]\n\n[d]: dosing.md",
    "`[code](missing.md)` is not a link",
    "[^1]: a footnote: not a link definition",
]
BAD_LINKS = [
    ("[gone](gone.md)", "broken link", "'gone.md' points to docs/topic/gone.md, which does not exist"),
    (
        "![x](figures/none.png)",
        "missing image",
        "image 'figures/none.png' not found (looked for docs/topic/figures/",
    ),
    ("[up](../../outside.md)", "broken link", "'../../outside.md' points outside docs/"),
    (
        "[folder](../topic/)",
        "broken link",
        "is a folder (docs/topic/), which MkDocs cannot link to; link to '../topic/index.md'",
    ),
    ('<img src="figures/none.svg">', "missing image", "image 'figures/none.svg' not found"),
    ("[d]: nowhere.md", "broken link", "'nowhere.md' points to docs/topic/nowhere.md"),
]


@pytest.mark.parametrize("text", GOOD_LINKS)
def test_links_to_existing_files_pass(docs: Path, text: str) -> None:
    assert link_findings("docs/topic/dosing.md", text, docs / "topic/dosing.md", docs) == []


@pytest.mark.parametrize(("text", "kind", "message"), BAD_LINKS)
def test_links_to_missing_files_are_named_with_their_line(
    docs: Path, text: str, kind: str, message: str
) -> None:
    findings = link_findings(
        "docs/topic/dosing.md", "---\ntitle: T\n---\n\n" + text, docs / "topic/dosing.md", docs
    )
    assert [(finding.line, finding.kind) for finding in findings] == [(5, kind)]
    assert message in findings[0].message


@pytest.mark.parametrize(
    ("src_path", "address"),
    [("index.md", ""), ("a.md", "a/"), ("a/index.md", "a/"), ("a/README.md", "a/"), ("a/b.md", "a/b/")],
)
def test_page_address(src_path: str, address: str) -> None:
    assert page_address(src_path) == address


def test_pages_sharing_an_address_are_reported_once_naming_both() -> None:
    findings = address_collision_findings(["a.md", "a/index.md", "b.md", "c/index.md"])
    assert [finding.format() for finding in findings] == [
        (
            "docs/a/index.md: duplicate page address: docs/a.md and docs/a/index.md would both be published at "
            "/a/, one replacing the other; rename or remove one of them"
        )
    ]


def test_navigation_refuses_unsafe_addresses_and_markup_in_titles() -> None:
    config = (
        "nav:\n"
        "  - Home: index.md\n"
        "  - Evil: 'javascript:alert(1)'\n"
        "  - '<img src=x onerror=alert(1)>':\n"
        "      - index.md\n"
        "  - Data: 'data:text/html,x'\n"
    )
    nav = [
        {"Home": "index.md"},
        {"Evil": "javascript:alert(1)"},
        {"<img src=x onerror=alert(1)>": ["index.md"]},
        {"Data": "data:text/html,x"},
    ]
    found = [(finding.line, finding.message.split(":", 1)[0]) for finding in nav_findings(nav, ["index.md"], config)]
    assert sorted(found, key=str) == sorted(
        [(3, "nav entry 'Evil"), (4, "nav title '<img src=x onerror=alert(1)>' holds '<' or '&'"), (6, "nav entry 'Data")],
        key=str,
    )


def test_navigation_entries_must_name_pages() -> None:
    config = (
        "site_name: X\nnav:\n  - Home: index.md\n  - Topic:\n      - topic/index.md\n      - 'topic/gone.md'\n"
        "  - External: https://example.org/\n"
    )
    nav = [
        {"Home": "index.md"},
        {"Topic": ["topic/index.md", "topic/gone.md"]},
        {"External": "https://example.org/"},
    ]
    findings = nav_findings(nav, ["index.md", "topic/index.md"], config)
    assert [finding.format() for finding in findings] == [
        (
            "mkdocs.yml:6: navigation: nav entry 'topic/gone.md' names docs/topic/gone.md, which does not exist; "
            "correct the path (relative to docs/) or remove the entry"
        )
    ]


PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>T</title>
<script type="application/ld+json">{"name": "x"}</script>
<script src="bundle.js"></script>
</head><body><p>x</p></body></html>"""


def test_script_hash_is_the_csp_sha256_of_the_body() -> None:
    body = "__md_scope = 1"
    expected = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert script_hash(body) == f"'sha256-{expected}'"


def test_policy_goes_after_the_charset_and_replaces_an_older_one() -> None:
    policy = content_security_policy(["player.vimeo.com"])
    secured = with_policy(PAGE, policy)
    head = secured.split("<head>", 1)[1]
    assert head.startswith('<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="')
    assert "frame-src https://player.vimeo.com;" in secured
    assert with_policy(secured, policy) == secured
    assert secured.count("Content-Security-Policy") == 1


def test_policy_allows_no_inline_script_but_the_hashes_it_is_given() -> None:
    policy = content_security_policy([])
    assert "frame-src 'none'" in policy
    assert "script-src 'self';" in policy and "'unsafe-inline'" not in policy
    assert "style-src 'self';" in policy and "img-src 'self' data:;" in policy
    assert f"script-src 'self' {script_hash('x')};" in content_security_policy([], [script_hash("x")])
    with pytest.raises(ValueError):
        with_policy("<p>no head</p>", policy)


TRICKY = """<html><head><title>a <script>not()</script></title>
<!-- <script>commented()</script> -->
<style>p::after { content: "<script>x()</script>"; }</style>
<meta content='<script>in_attribute()</script>'><a title="x > <script>y()</script>">z</a>
<script
  id="__config" type="application/json">{"a": "</scrip"}</script>
a < b and <scripted> text <textarea><script>typed()</script></textarea>
<script src="x.js" type=module></script>
<script type="text/plain" data-medkb-iframe-worker>boot()</script>"""


def test_a_finished_page_of_our_templates_holds_no_inline_script() -> None:
    assert inline_script_problems(PAGE) == []
    assert inline_script_problems(TRICKY) == []


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>x</p><SCRIPT>b()</SCRIPT >", "an inline <script> ('b()')"),
        (TRICKY + "<script>unclosed()", "an inline <script> ('unclosed()')"),
        ('<script type="module">m()</script>', "an inline <script> ('m()')"),
        ('<script type=" text/javascript ">j()</script>', "an inline <script> ('j()')"),
        ('<svg><script>s()</script></svg>', "an inline <script> ('s()')"),
        ('<img src=x.png onerror="e()">', "the event-handler attribute onerror= on <img>"),
        ('<body onload="e()"><p>x</p>', "the event-handler attribute onload= on <body>"),
    ],
)
def test_inline_scripts_and_handlers_are_found_as_the_browser_reads_them(html: str, expected: str) -> None:
    problems = inline_script_problems(html)
    assert problems and problems[0].startswith(expected), problems


