"""Findings are data: where (path, line), what kind, and a message saying what is allowed."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "info"]


def shown_path(path: Path, root: Path) -> str:
    """`path` as contributors see it in a finding: relative to the project root when it is inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int | None
    kind: str
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """`docs/a/b.md:12: uncited claim: ...` (the line is left out when unknown)."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.kind}: {self.message}"

    def annotation(self) -> str:
        """The same finding as a GitHub Actions workflow command."""
        level = {"error": "error", "warning": "warning", "info": "notice"}[self.severity]
        line = "" if self.line is None else f",line={self.line}"
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path}{line},title={self.kind}::{message}"


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity == "error"]


REPEATS_SHOWN = 10
"""Findings of one kind in one file shown one by one; past that, one line counts the rest."""


def condensed(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per distinct problem: the same message in one file becomes one finding at its first
    line with a count, and past REPEATS_SHOWN findings of one kind in one file one more counts the rest
    (20,000 bad citations make a few lines, not 20,000)."""
    ordered = sorted(findings, key=lambda f: (f.path, f.line or 0, f.kind, f.message))
    same: dict[tuple[str, str, str, str], list[Finding]] = {}
    for finding in ordered:
        same.setdefault((finding.path, finding.kind, finding.message, finding.severity), []).append(finding)
    merged: list[Finding] = []
    for group in same.values():
        first = group[0]
        if len(group) > 1:
            lines = [str(f.line) for f in group[1:4] if f.line is not None]
            more = f"; the next at lines {', '.join(lines)}{', …' if len(group) > 4 else ''}" if lines else ""
            first = Finding(first.path, first.line, first.kind,
                            f"{first.message} ({len(group):,} times in this file{more})", first.severity)
        merged.append(first)
    merged.sort(key=lambda f: (f.path, f.line or 0, f.kind, f.message))
    shown: list[Finding] = []
    per_kind: dict[tuple[str, str], list[Finding]] = {}
    for finding in merged:
        per_kind.setdefault((finding.path, finding.kind), []).append(finding)
    for (path, kind), group in per_kind.items():
        shown.extend(group[:REPEATS_SHOWN])
        rest = group[REPEATS_SHOWN:]
        if rest:
            shown.append(Finding(path, rest[0].line, kind, f"{len(rest):,} more findings of this kind in this file, "
                                 f"the first here: {rest[0].message}", rest[0].severity))
    return shown


def format_report(findings: Iterable[Finding], *, annotations: bool | None = None) -> str:
    """One line per distinct problem (`condensed`), sorted by place; annotations under GitHub Actions."""
    if annotations is None:
        annotations = os.environ.get("GITHUB_ACTIONS") == "true"
    lines: list[str] = []
    for finding in sorted(condensed(findings), key=lambda f: (f.path, f.line or 0, f.kind, f.message)):
        lines.append(finding.format())
        if annotations:
            lines.append(finding.annotation())
    return "\n".join(lines)
