"""Unit tables for medkb.site_paths (links and images, page addresses, navigation) and medkb.csp."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from medkb.csp import content_security_policy, inline_scripts, script_hash, secure_page, with_policy
from medkb.site_paths import address_collision_findings, link_findings, nav_findings, page_address
from sitebuild import BuildResult


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
<script>var a = "</div>";</script>
<script data-x="a>b">__md_scope = 1</script>
<script type="application/ld+json">{"name": "x"}</script>
<script src="bundle.js"></script>
</head><body><p>x</p><SCRIPT>b()</SCRIPT ></body></html>"""


def test_inline_scripts_are_found_as_the_browser_reads_them() -> None:
    scripts = inline_scripts(PAGE)
    assert [(script.body, script.type) for script in scripts] == [
        ('var a = "</div>";', ""),
        ("__md_scope = 1", ""),
        ('{"name": "x"}', "application/ld+json"),
        ("b()", ""),
    ]


def test_script_hash_is_the_csp_sha256_of_the_body() -> None:
    body = "__md_scope = 1"
    expected = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert script_hash(body) == f"'sha256-{expected}'"


def test_policy_goes_after_the_charset_and_replaces_an_older_one() -> None:
    secured = secure_page(PAGE, ["player.vimeo.com"])
    head = secured.split("<head>", 1)[1]
    assert head.startswith('<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="')
    assert "frame-src https://player.vimeo.com;" in secured
    assert secure_page(secured, ["player.vimeo.com"]) == secured
    assert secured.count("Content-Security-Policy") == 1


def test_policy_without_hosts_refuses_frames_and_never_allows_inline_scripts() -> None:
    policy = content_security_policy([script_hash("x")], [])
    assert "frame-src 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src ", 1)[1].split(";", 1)[0]
    with pytest.raises(ValueError):
        with_policy("<p>no head</p>", policy)


TRICKY = """<html><head><title>a <script>not()</script></title>
<!-- <script>commented()</script> -->
<style>p::after { content: "<script>x()</script>"; }</style>
<meta content='<script>in_attribute()</script>'><a title="x > <script>y()</script>">z</a>
<script
  id="__config" type="application/json">{"a": "</scrip"}</script>
a < b and <scripted> text <script>real()</script>
<textarea><script>typed()</script></textarea>
<script src="x.js" type=module></script>
<script>unclosed()"""


def test_inline_scripts_skip_text_comments_attributes_and_text_only_elements() -> None:
    assert [(script.body, script.type) for script in inline_scripts(TRICKY)] == [
        ('{"a": "</scrip"}', "application/json"),
        ("real()", ""),
        ("unclosed()", ""),
    ]


def test_inline_scripts_agree_with_a_full_html_tokenizer_on_every_page_of_the_real_site(real_site: BuildResult) -> None:
    pages = sorted(real_site.site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = [(script.body, script.type) for script in inline_scripts(html)]
        assert found == scripts_by_tokenizer(html), page
        assert found, f"{page}: the theme's inline scripts were not found"


def scripts_by_tokenizer(page_html: str) -> list[tuple[str, str]]:
    """The same question answered by the standard library's HTML tokenizer over the whole page (slow)."""

    class Finder(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=False)
            self.found: list[tuple[int, int, str, dict[str, str | None]]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "script":
                self.found.append((*self.getpos(), self.get_starttag_text() or "", dict(attrs)))

    finder = Finder()
    finder.feed(page_html)
    finder.close()
    line_starts = [0] + [match.end() for match in re.finditer("\n", page_html)]
    scripts = []
    for line, column, start_tag, attributes in finder.found:
        if "src" not in attributes:
            start = line_starts[line - 1] + column + len(start_tag)
            end = re.compile(r"</script[\s/>]", re.IGNORECASE).search(page_html, start)
            scripts.append((page_html[start : end.start() if end else len(page_html)],
                            (attributes.get("type") or "").strip().lower()))
    return scripts
