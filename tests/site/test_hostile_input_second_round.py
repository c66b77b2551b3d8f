"""The second round of hostile input (issue 14): each case is a real `make site` over a small project,
which must fail naming the file and line, print no traceback and leave the previous site as it was.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from publishing import publish_over_previous_site

from medkb.render.citations import entry_placeholder

SECTION = "docs/demo-article/section.md"
OVERVIEW = "docs/demo-article/index.md"
POLICY_PAGE = "docs/editorial-policy.md"


@dataclass(frozen=True)
class Case:
    change: Callable[[Path], None]
    where: str
    """`docs/page.md:LINE` (or a path alone) that the build must name; `{line}` stands for the line of `line_of`."""
    expected: str
    """What the message must say (a piece of it)."""
    line_of: str = ""
    """Text whose first line in the changed file is the line to name."""


def front_matter(page: str, lines: str) -> Callable[[Path], None]:
    """Add `lines` at the top of a page's front matter (they become lines 2, 3, ...)."""

    def change(project: Path) -> None:
        path = project / page
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n")
        path.write_text("---\n" + lines.rstrip("\n") + "\n" + text[4:], encoding="utf-8")

    return change


def replaced(page: str, old: str, new: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / page
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def appended(page: str, text: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / page
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")

    return change


def written(name: str, content: bytes | str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)

    return change


def linked(name: str, target: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        (project / name).symlink_to(target)

    return change


def in_raw_block(markup: str) -> Callable[[Path], None]:
    """Markup in backticks inside a raw HTML block: code to the source check, live HTML to Markdown."""
    return appended(SECTION, f"<div>\n`{markup}`\n</div>\n")


def nav_entry(entry: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "- editorial-policy.md\n" in text
        config.write_text(text.replace("- editorial-policy.md\n", f"- editorial-policy.md\n{entry}\n"), encoding="utf-8")

    return change


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{}\n</svg>\n'
ALIAS_BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nsubtitle: *c\n"
)

CASES: dict[str, Case] = {
    # 1. front matter printed raw by the theme
    "subtitle as a list holding a script": Case(
        front_matter(SECTION, 'subtitle: ["<script>alert(document.domain)</script>"]'),
        f"{SECTION}:2", "'subtitle' is a list, not text",
    ),
    "status breaking out of an attribute": Case(
        front_matter(SECTION, "status: [\"x' \\\"><script>alert(1)</script>\"]"),
        f"{SECTION}:2", "'status' is a list, which is not allowed; expected one of new",
    ),
    "title as a list on a page outside an article": Case(
        replaced(POLICY_PAGE, "title: Editorial policy", 'title: ["<script>alert(1)</script>"]'),
        f"{POLICY_PAGE}:{{line}}", "'title' is a list, not text", "title: [",
    ),
    "unknown key on a site page": Case(
        front_matter(POLICY_PAGE, "extra_head: <script>alert(1)</script>"),
        f"{POLICY_PAGE}:2", "unknown field 'extra_head'",
    ),
    "a key given twice": Case(
        front_matter(POLICY_PAGE, "title: <script>alert(1)</script>"), f"{POLICY_PAGE}:{{line}}",
        "'title' is given twice", "title: Editorial policy",
    ),
    "page kind outside the allowed values": Case(
        replaced(POLICY_PAGE, "kind: site", "kind: blog"), f"{POLICY_PAGE}:{{line}}", "'kind' is 'blog', which is not allowed; expected what the page is: site or article", "kind: blog",
    ),
    # 5. a YAML alias bomb
    "YAML alias bomb": Case(front_matter(SECTION, ALIAS_BOMB), f"{SECTION}:2", "anchors and aliases"),
    # 7. tracebacks instead of file:line
    "icon outside the theme": Case(
        front_matter(SECTION, "icon: ../../../../../../etc/passwd"), f"{SECTION}:2", "not an icon of the theme",
    ),
    "icon that does not exist": Case(
        front_matter(SECTION, "icon: material/no-such-icon-here"), f"{SECTION}:2", "not an icon of the theme",
    ),
    "template that does not exist": Case(
        front_matter(SECTION, "template: missing.html"), f"{SECTION}:2", "'template' is 'missing.html', which is not allowed; expected one of main.html",
    ),
    "template naming a partial": Case(
        front_matter(SECTION, "template: partials/nav.html"), f"{SECTION}:2", "expected one of main.html",
    ),
    "front matter nested 600 levels": Case(
        front_matter(SECTION, "tags: " + "[" * 600 + "]" * 600), f"{SECTION}:2", "nested more than",
    ),
    # 2. SVG that runs script in the site's origin
    "SVG with a namespace-prefixed script": Case(
        written("docs/demo-article/figure.svg", SVG.format(
            '<x:script xmlns:x="http://www.w3.org/2000/svg">alert(document.domain)</x:script>')),
        "docs/demo-article/figure.svg:2", "this SVG holds <script>",
    ),
    "SVG with an entity-encoded javascript: link": Case(
        written("docs/demo-article/figure.svg", SVG.format(
            '<a xlink:href="&#106;avascript:alert(1)"><text>x</text></a>')),
        "docs/demo-article/figure.svg:2", "a javascript: URL in href= on <a>",
    ),
    "SVG with XHTML inside": Case(
        written("docs/demo-article/figure.svg", SVG.format(
            '<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body>'
            "</foreignObject>")),
        "docs/demo-article/figure.svg:2", "this SVG holds <foreignObject>",
    ),
    "compressed SVG": Case(
        written("docs/demo-article/figure.svgz", gzip.compress(SVG.format("<script>alert(1)</script>").encode())),
        "docs/demo-article/figure.svgz", "'.svgz' files are not published",
    ),
    # 3. files of the build machine
    "symlink to the build's environment": Case(
        linked("docs/env.txt", "/proc/self/environ"), "docs/env.txt", "leads out of the repository",
    ),
    "symlink to /etc/passwd": Case(linked("docs/passwd.md", "/etc/passwd"), "docs/passwd.md", "leads out of"),
    "symlink to a folder": Case(linked("docs/ssl", "/etc/ssl"), "docs/ssl", "leads out of the repository"),
    # 4. code spans inside a raw HTML block are live HTML
    "style hiding the notices": Case(
        in_raw_block("<style>.medkb-banner--pending, .medkb-disclaimer {display: none}</style>"),
        f"{SECTION}:{{line}}", "<style> is not allowed", "<style>",
    ),
    "template swallowing the references": Case(
        in_raw_block("<template>"), f"{SECTION}:{{line}}", "<template> is not allowed", "<template>",
    ),
    "fake approval banner": Case(
        in_raw_block('<div class="medkb-banner medkb-banner--approved">Approved by the Medical Advisory Board</div>'),
        f"{SECTION}:{{line}}", 'class "medkb-banner medkb-banner--approved"', "Approved by",
    ),
    "meta refresh inside svg style": Case(
        in_raw_block('<svg><style><meta http-equiv="refresh" content="0; url=https://evil.example/"></style></svg>'),
        f"{SECTION}:{{line}}", "<meta http-equiv> is not allowed", "http-equiv",
    ),
    # 5. denial of service
    "a 240 KB line of [": Case(appended(SECTION, "[" * 240_000), f"{SECTION}:{{line}}", "a line longer than", "[[["),
    "a 240 KB line of {": Case(appended(SECTION, "{" * 240_000), f"{SECTION}:{{line}}", "a line longer than", "{{{"),
    "80,000 times '<a '": Case(appended(SECTION, "<a " * 80_000), f"{SECTION}:1", "HTML tags; the limit is"),
    "a list nested 600 levels": Case(
        appended(SECTION, "- " * 600 + "item"), f"{SECTION}:{{line}}", "nested more than 16 levels", "- - - item",
    ),
    "a list indented 400 levels": Case(
        appended(SECTION, "\n".join("  " * level + "- item" for level in range(400))),
        f"{SECTION}:{{line}}", "nested more than 16 levels", " " * 64 + "- item",
    ),
    "quotes nested 600 levels": Case(
        appended(SECTION, ">" * 600 + " quoted"), f"{SECTION}:{{line}}", "nested more than 16 levels", ">>> quoted",
    ),
    # 6. iframe host check and the browser's backslash
    "iframe host hidden behind a backslash": Case(
        appended(SECTION, '<iframe src="https://evil.example\\.www.youtube-nocookie.com/embed/x"></iframe>'),
        f"{SECTION}:{{line}}", "embed videos only from", "<iframe",
    ),
    # 7. private-use placeholder characters: a forged entry placeholder
    "private-use placeholder character": Case(
        appended(SECTION, f"A claim.{entry_placeholder('zarate2006randomized')} [@zarate2006randomized]"),
        f"{SECTION}:{{line}}", "a private-use character", "A claim.",
    ),
    # 8. smaller
    "javascript: nav entry": Case(
        nav_entry('- Evil: "javascript:alert(document.domain)"'), "mkdocs.yml:{line}",
        "a javascript: address is not allowed in the navigation", "javascript:alert",
    ),
    "external tracking image": Case(
        appended(SECTION, "![](https://tracker.example/pixel.gif?reader=1)"), f"{SECTION}:{{line}}",
        "images and media from other sites are not allowed", "tracker.example",
    ),
    "external image in raw HTML, backslashed": Case(
        appended(SECTION, '<img src="\\\\tracker.example/pixel.gif" alt="">'), f"{SECTION}:{{line}}",
        "images and media from other sites are not allowed", "tracker.example",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_source_fails_the_build_naming_file_and_line(minimal_project: Path, name: str) -> None:
    case = CASES[name]
    case.change(minimal_project)

    result = publish_over_previous_site(minimal_project)  # what `make site` runs

    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output and "Error:" not in result.output.replace("PluginError", ""), (
        result.output
    )
    assert result.site_survived and result.leftovers == []
    where = case.where
    if case.line_of:
        changed = minimal_project / where.split(":", 1)[0]
        where = where.format(line=next(
            number for number, line in enumerate(changed.read_text(encoding="utf-8").splitlines(), start=1)
            if case.line_of in line
        ))
    assert re.search(rf"(?m)^{re.escape(where)}: [^\n]*{re.escape(case.expected)}", result.output), result.output


def test_thousands_of_bad_citations_make_a_few_lines(minimal_project: Path) -> None:
    page = minimal_project / SECTION
    page.write_text(page.read_text(encoding="utf-8") + "\n" + "Claim.[@nosuch2020key]\n\n" * 8000, encoding="utf-8")

    result = publish_over_previous_site(minimal_project)

    assert result.returncode != 0 and "Traceback" not in result.output
    assert result.site_survived
    about_page = [line for line in result.output.splitlines() if line.startswith(SECTION)]
    assert 1 <= len(about_page) <= 12, result.output[:3000]
    assert re.search(r"nosuch2020key[^\n]*\(8,000 times in this file; the next at lines \d+, \d+, \d+, …\)",
                     result.output), result.output[:3000]


