"""`make new-article`: a new article folder, its bib file and its place in the navigation.

Everything is prepared and checked first, then written in one step: either all of it is in
place afterwards or none of it is, and nothing that exists is ever overwritten. mkdocs.yml is
edited as text (one block inserted into `nav:`), so its comments and layout stay as they were.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from medkb.checks.project import today
from medkb.sources import BIB_FOLDER, DOCS_FOLDER

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = {"assets", "search"}
"""Folders the theme writes into the built site: an article there would mix with them."""
MAX_TITLE = 120


class ScaffoldError(Exception):
    """Why the article was not created; nothing was changed."""


@dataclass(frozen=True)
class SectionPage:
    filename: str
    title: str
    description: str
    body: str


@dataclass(frozen=True)
class ScaffoldResult:
    slug: str
    created: tuple[str, ...]
    """Paths relative to the repository root, in the order a contributor opens them."""
    nav_updated: bool


SECTIONS: tuple[SectionPage, ...] = (
    SectionPage(
        "evidence.md",
        "What the evidence shows",
        "The studies that answer the question, what they found, and how certain the findings are.",
        """\
<!--
Write one sentence per line, and end every sentence that states a fact, figure, dose, rate,
effect or recommendation with its citation after the final punctuation (see CONTRIBUTING.md).
Start with the strongest evidence: guidelines, systematic reviews and meta-analyses, then trials.
Add more section pages as the topic needs them, and list each one in mkdocs.yml under this article.
-->

## Main findings

<!-- What the best evidence shows, with effect sizes and the populations studied. -->

## Certainty of the evidence

<!-- How many trials and patients, how long they were followed, and what limits confidence. -->
""",
    ),
    SectionPage(
        "limitations.md",
        "Limitations of the evidence",
        "What the studies cannot tell us, and the questions that remain open.",
        """\
<!--
Name the gaps: small or short trials, selected populations, missing comparisons, unclear
long-term safety. Each statement about the evidence carries its citation, like any other claim.
-->

## Open questions

<!-- Questions the current evidence does not answer. -->
""",
    ),
)


def new_article(
    root: Path, slug: str, title: str, *, question: str = "", on_date: dt.date | None = None
) -> ScaffoldResult:
    """Create docs/<slug>/ (overview and section pages), bib/<slug>.bib and the nav entry."""
    on_date = on_date or today()
    slug, title, question = slug.strip(), " ".join(title.split()), " ".join(question.split())
    check_slug(root, slug)
    check_text("TITLE", title)
    if question:
        check_text("QUESTION", question)
    else:
        question = f"{title}: what does the evidence show?"

    config_path = root / "mkdocs.yml"
    pages = {"index.md": overview_page(slug, title, question, on_date)}
    for section in SECTIONS:
        pages[section.filename] = section_page(section, on_date)
    bib_text = bib_header(slug)
    nav_updated = False
    config_text: str | None = None
    if config_path.exists():
        original = config_path.read_text(encoding="utf-8")
        config_text = with_nav_entry(original, slug, title, [f"{slug}/{name}" for name in pages])
        nav_updated = config_text != original

    write_all(root, slug, pages, bib_text, config_text if nav_updated else None)
    created = [f"{DOCS_FOLDER}/{slug}/{name}" for name in pages] + [f"{BIB_FOLDER}/{slug}.bib"]
    return ScaffoldResult(slug, tuple(created), nav_updated)


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------


def check_slug(root: Path, slug: str) -> None:
    if not slug:
        raise ScaffoldError('no slug given; run: make new-article SLUG=my-topic TITLE="My topic"')
    if not SLUG.match(slug):
        suggestion = "-".join(re.findall(r"[a-z0-9]+", slug.lower()))
        hint = f", e.g. '{suggestion}'" if suggestion else ""
        raise ScaffoldError(
            f"slug '{slug}' is not valid: use lowercase letters a-z, digits and single hyphens "
            f"between them{hint}"
        )
    if slug in RESERVED_SLUGS:
        raise ScaffoldError(f"slug '{slug}' is reserved for the site's own files; choose another slug")
    taken = [
        path
        for path in (
            root / DOCS_FOLDER / slug, root / DOCS_FOLDER / f"{slug}.md", root / BIB_FOLDER / f"{slug}.bib"
        )
        if path.exists()
    ]
    if taken:
        names = ", ".join(
            path.relative_to(root).as_posix() + ("/" if path.is_dir() else "") for path in taken
        )
        verb = "exists" if len(taken) == 1 else "exist"
        raise ScaffoldError(
            f"'{slug}' is taken: {names} already {verb}; choose another slug (nothing was changed)"
        )


def check_text(name: str, value: str) -> None:
    if not value:
        raise ScaffoldError(f'{name} is empty; run: make new-article SLUG=my-topic TITLE="My topic"')
    if len(value) > MAX_TITLE:
        raise ScaffoldError(f"{name} is {len(value)} characters long; keep it under {MAX_TITLE}")
    if any(ord(char) < 32 for char in value):
        raise ScaffoldError(f"{name} contains control characters; write it as plain text on one line")


# ---------------------------------------------------------------------------------------------
# Page and file contents
# ---------------------------------------------------------------------------------------------


def overview_page(slug: str, title: str, question: str, on_date: dt.date) -> str:
    links = "\n".join(f"- [{section.title}]({section.filename})" for section in SECTIONS)
    return (
        front_matter(
            title,
            "The clinical question, the short answer, and where each part of the evidence is discussed.",
            on_date,
            question=question,
        )
        + f"""
<!--
How to write this article (CONTRIBUTING.md has a complete example):
- One sentence, one claim, one line. End each claim with its citation after the final full stop.
- Put every source in bib/{slug}.bib, with its doi or pmid and its evidence_type.
- Run `make check` before you push: it names every line that still needs a citation.
- Keep review_status at submitted: the medical reviewers change it.
-->

## Short answer

<!-- Two to five sentences that answer the question, each with its citation. -->

## In this article

{links}
"""
    )


def section_page(section: SectionPage, on_date: dt.date) -> str:
    return front_matter(section.title, section.description, on_date) + "\n" + section.body


def front_matter(title: str, description: str, on_date: dt.date, *, question: str = "") -> str:
    lines = ["---", f"title: {yaml_text(title)}", f"description: {yaml_text(description)}"]
    if question:
        lines.append(f"question: {yaml_text(question)}")
    lines += [
        "review_status: submitted",
        f"last_updated: {on_date.isoformat()}",
        "review_history:",
        f"  - date: {on_date.isoformat()}",
        "    status: submitted",
        "    note: Article proposed",
        "---",
    ]
    return "\n".join(lines) + "\n"


def bib_header(slug: str) -> str:
    # No at-sign in here: every BibTeX reader takes one for the start of an entry.
    return f"""\
% References cited by docs/{slug}/. One entry per source, keyed by the first author's family
% name, the year and the first significant word of the title (smith2020lithium).
% Give author, title, journal (or publisher), year, volume, number, pages, doi and pmid where
% they exist, and evidence_type: guideline, consensus-statement, systematic-review,
% meta-analysis, rct, cohort, case-series, review, drug-label, regulatory, preclinical or
% retraction-notice. CONTRIBUTING.md shows a complete entry.
"""


def yaml_text(value: str) -> str:
    """`value` as a YAML scalar that reads back as the same text, as a value and as a nav key."""
    try:
        as_value = yaml.safe_load(f"k: {value}") == {"k": value}
        plain_ok = as_value and yaml.safe_load(f"- {value}:\n  - x") == [{value: ["x"]}]
    except yaml.YAMLError:
        plain_ok = False
    return value if plain_ok else json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Navigation: one block inserted into mkdocs.yml's nav, as text
# ---------------------------------------------------------------------------------------------


def with_nav_entry(config_text: str, slug: str, title: str, page_paths: list[str]) -> str:
    """mkdocs.yml with the article added to `nav:` after the last article (text otherwise unchanged).

    An article is a nav section whose pages sit in a folder; without one, the article goes after
    the first entry (the home page).

    Without a `nav:` MkDocs lists every page by itself, and the text is returned unchanged.
    """
    nav = _nav(config_text)
    if nav is None:
        return config_text
    for node in _scalars(nav):
        if node.value == slug or str(node.value).startswith(f"{slug}/"):
            raise ScaffoldError(
                f"'{slug}' is taken: mkdocs.yml line {node.start_mark.line + 1} already lists "
                f"'{node.value}'; choose another slug (nothing was changed)"
            )

    lines = config_text.splitlines(keepends=True)
    articles = [item for item in nav.value if _is_article(item)]
    anchor = articles[-1] if articles else nav.value[0]
    dash = _dash_column(lines, anchor)
    child_indent = _dash_column(lines, anchor.value[0][1].value[0]) if articles else dash + 4
    block = [f"{' ' * dash}- {yaml_text(title)}:\n"]
    block += [f"{' ' * child_indent}- {path}\n" for path in page_paths]
    insert_at = _last_line(anchor) + 1
    if not lines[insert_at - 1].endswith("\n"):  # the nav ends the file without a final newline
        lines[insert_at - 1] += "\n"
    updated = "".join(lines[:insert_at] + block + lines[insert_at:])

    new_nav = _nav(updated)
    listed = [node.value for node in _scalars(new_nav)] if new_nav is not None else []
    if not all(path in listed for path in page_paths):
        raise ScaffoldError(
            "could not add the article to mkdocs.yml's nav; add it by hand (nothing was changed)"
        )
    return updated


def _nav(config_text: str) -> yaml.SequenceNode | None:
    """The `nav:` list of mkdocs.yml as YAML nodes (with their positions), or None without one."""
    try:
        document = yaml.compose(config_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise ScaffoldError(f"mkdocs.yml does not parse as YAML ({error}); fix it first") from None
    if not isinstance(document, yaml.MappingNode):
        raise ScaffoldError("mkdocs.yml is not a mapping of settings; fix it first")
    nav = next((value for key, value in document.value if key.value == "nav"), None)
    if nav is None:
        return None
    if not isinstance(nav, yaml.SequenceNode) or nav.flow_style or not nav.value:
        raise ScaffoldError("mkdocs.yml: 'nav' must be a block list ('- page.md' lines) for new-article")
    return nav


def _is_article(item: yaml.Node) -> bool:
    if not (isinstance(item, yaml.MappingNode) and len(item.value) == 1):
        return False
    children = item.value[0][1]
    if not isinstance(children, yaml.SequenceNode) or children.flow_style or not children.value:
        return False
    first_page = _scalars(children.value[0])[-1].value
    return "/" in str(first_page)


def _scalars(node: yaml.Node) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    if isinstance(node, yaml.SequenceNode):
        return [scalar for item in node.value for scalar in _scalars(item)]
    if isinstance(node, yaml.MappingNode):
        return [scalar for key, value in node.value for scalar in (*_scalars(key), *_scalars(value))]
    return []


def _dash_column(lines: list[str], item: yaml.Node) -> int:
    line = lines[item.start_mark.line]
    dash = line.rfind("-", 0, item.start_mark.column)
    if dash < 0:
        raise ScaffoldError(f"mkdocs.yml line {item.start_mark.line + 1}: cannot read the nav layout")
    return dash


def _last_line(node: yaml.Node) -> int:
    """0-based line of the last character that belongs to a block node (trailing comments excluded)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        end = node.end_mark
        return end.line if end.column > 0 else end.line - 1
    children = _scalars(node) if isinstance(node, yaml.MappingNode) else node.value
    return max(_last_line(child) for child in children)


# ---------------------------------------------------------------------------------------------
# Writing: everything or nothing
# ---------------------------------------------------------------------------------------------


def write_all(root: Path, slug: str, pages: dict[str, str], bib_text: str, config_text: str | None) -> None:
    article_dir = root / DOCS_FOLDER / slug
    bib_path = root / BIB_FOLDER / f"{slug}.bib"
    config_path = root / "mkdocs.yml"
    staging = Path(tempfile.mkdtemp(prefix=".new-article-", dir=root))
    done: list[Path] = []
    try:
        for folder in (root / DOCS_FOLDER, root / BIB_FOLDER):
            if not folder.is_dir():
                folder.mkdir()
                done.append(folder)
        staged_dir = staging / slug
        staged_dir.mkdir()
        for name, text in pages.items():
            (staged_dir / name).write_text(text, encoding="utf-8")
        staged_config = staging / "mkdocs.yml"
        if config_text is not None:
            staged_config.write_text(config_text, encoding="utf-8")
            shutil.copymode(config_path, staged_config)

        try:
            article_dir.mkdir()  # fails if it appeared meanwhile: never merge into an existing folder
        except FileExistsError:
            raise ScaffoldError(
                f"{DOCS_FOLDER}/{slug}/ already exists; choose another slug (nothing was changed)"
            ) from None
        done.append(article_dir)
        os.rename(staged_dir, article_dir)  # replaces the empty folder just made: the pages appear at once
        try:
            with bib_path.open("x", encoding="utf-8") as bib:  # "x": never replaces an existing file
                done.append(bib_path)
                bib.write(bib_text)
        except FileExistsError:
            raise ScaffoldError(
                f"{BIB_FOLDER}/{slug}.bib already exists; choose another slug (nothing was changed)"
            ) from None
        if config_text is not None:
            os.replace(staged_config, config_path)
    except BaseException:
        for path in reversed(done):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
