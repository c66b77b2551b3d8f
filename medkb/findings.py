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


def format_report(findings: Iterable[Finding], *, annotations: bool | None = None) -> str:
    """One line per finding, sorted by place; annotations under GitHub Actions."""
    if annotations is None:
        annotations = os.environ.get("GITHUB_ACTIONS") == "true"
    lines: list[str] = []
    for finding in sorted(findings, key=lambda f: (f.path, f.line or 0, f.kind, f.message)):
        lines.append(finding.format())
        if annotations:
            lines.append(finding.annotation())
    return "\n".join(lines)
