"""Bounded work on hostile text: long runs of every ASCII punctuation character, alone and after common
prefixes (`<a `, `[`, `[@`, `{:`, `<!--`, ...), through `medkb check` (what `make check` runs) and the
real build. Each page's check must take bounded time: a rule whose time grows with the square of a
run would take minutes here (a 240 KB line of `[` took 254 s before the page limits).
"""

from __future__ import annotations

import os
import string
import subprocess
import sys
import time
from pathlib import Path

import markdown
from mkdocs.config import load_config
from sitebuild import build

from medkb.checks.safety.limits import MAX_BRACKETS, source_limit_findings

PREFIXES = ["", "<a ", "[", "![", "[@", "{:", "<!--", "&#", "`", "](", "<", "\\", "- ", "> "]
LINE = 1500
LINES_PER_BLOCK = 3
LONG_LINE = 240_000
CHECK_BOUND_SECONDS = 300.0
BUILD_BOUND_SECONDS = 300.0
"""Generous: on two busy cores the whole fuzz check takes well under a minute; a quadratic rule takes hours."""
HEAD = "---\ntitle: Fuzz\nreview_status: submitted\nlast_updated: 2025-12-01\n---\n\n"


def fuzz_page(char: str) -> str:
    """One block per prefix: three lines of `prefix + char` repeated, each cut to stay inside the page limits
    (medkb/checks/safety/limits.py), so that every rule and Markdown read it."""
    blocks = []
    for prefix in PREFIXES:
        unit = prefix + char
        run = unit * (LINE * LINES_PER_BLOCK // len(unit))
        if run.count("[") > MAX_BRACKETS:
            run = run[: _index_of_nth(run, "[", MAX_BRACKETS + 1)]
        lines = ["x " + run[i : i + LINE] for i in range(0, len(run), LINE)]  # no line opens a list or quote
        blocks.append("\n".join(lines))
    return HEAD + "\n\n".join(blocks) + "\n"


def _index_of_nth(text: str, char: str, count: int) -> int:
    index = -1
    for _ in range(count):
        index = text.index(char, index + 1)
    return index


def name_of(char: str) -> str:
    return f"fuzz-{ord(char):02x}.md"


def test_runs_of_every_punctuation_character_are_checked_and_built_in_bounded_time(minimal_project: Path) -> None:
    folder = minimal_project / "docs" / "demo-article"
    for char in string.punctuation:
        page = fuzz_page(char)
        assert source_limit_findings(name_of(char), page) == []  # inside the limits: every rule reads it
        (folder / name_of(char)).write_text(page, encoding="utf-8")
    for char in "[{<(`*_!&":  # one 240 KB line each: refused by the page limits before any other rule
        (folder / f"long-{ord(char):02x}.md").write_text(HEAD + char * LONG_LINE + "\n", encoding="utf-8")
    (folder / "long-a.md").write_text(HEAD + "<a " * (LONG_LINE // 3) + "\n", encoding="utf-8")

    started = time.monotonic()
    check = subprocess.run(
        [sys.executable, "-m", "medkb", "check", "--root", str(minimal_project)],
        capture_output=True, text=True, timeout=CHECK_BOUND_SECONDS, check=False,
        env={**os.environ, "GITHUB_ACTIONS": "false"},
    )
    check_seconds = time.monotonic() - started
    assert "Traceback" not in check.stderr + check.stdout, check.stderr[-3000:]
    assert check.returncode == 1, check.stderr[-3000:]  # findings, not a crash (2) or a pass (0)
    assert check_seconds < CHECK_BOUND_SECONDS
    for char in "[{<(`*_!&":
        assert f"docs/demo-article/long-{ord(char):02x}.md:7: page limits: a line longer than" in check.stdout

    # Markdown with the site's extensions on every fuzz page: what the build would render of a page the
    # check let through.
    config = load_config(str(minimal_project / "mkdocs.yml"))
    slowest = (0.0, "")
    started = time.monotonic()
    for char in string.punctuation:
        text = (folder / name_of(char)).read_text(encoding="utf-8")
        page_started = time.monotonic()
        markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(text)
        slowest = max(slowest, (time.monotonic() - page_started, char))
    markdown_seconds = time.monotonic() - started
    assert markdown_seconds < BUILD_BOUND_SECONDS, (markdown_seconds, slowest)

    # The build over the same pages: its check runs first and stops it, in bounded time, naming pages.
    started = time.monotonic()
    result = build(minimal_project)
    build_seconds = time.monotonic() - started
    assert "Traceback" not in result.output, result.output[-3000:]
    assert result.returncode != 0 and "docs/demo-article/long-5b.md:7: page limits" in result.output
    assert build_seconds < BUILD_BOUND_SECONDS
