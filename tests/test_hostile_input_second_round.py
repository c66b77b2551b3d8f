"""The second round of hostile input (issue 14): each case is a real `make site` over a small project,
which must fail naming the file and line, print no traceback and leave the previous site as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from publishing import publish_over_previous_site

SECTION = "docs/demo-article/section.md"
OVERVIEW = "docs/demo-article/index.md"
POLICY_PAGE = "docs/editorial-policy.md"


@dataclass(frozen=True)
class Case:
    change: Callable[[Path], None]
    where: str
    """`docs/page.md:LINE` (or a path alone) that the build must name."""
    expected: str
    """What the message must say (a piece of it)."""


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
        f"{POLICY_PAGE}:2", "'title' is a list, not text",
    ),
    "unknown key on a site page": Case(
        front_matter(POLICY_PAGE, "extra_head: <script>alert(1)</script>"),
        f"{POLICY_PAGE}:2", "unknown field 'extra_head'",
    ),
    "a key given twice": Case(
        front_matter(POLICY_PAGE, "title: <script>alert(1)</script>"), f"{POLICY_PAGE}:3", "'title' is given twice",
    ),
    "page kind outside the allowed values": Case(
        front_matter(POLICY_PAGE, "kind: blog"), f"{POLICY_PAGE}:2", "'kind' is 'blog', which is not allowed; expected what the page is: site or article",
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
    assert re.search(rf"{re.escape(case.where)}\b[^\n]*{re.escape(case.expected)}", result.output), result.output
