"""Command line: `medkb check` runs every rule over docs/ and bib/ (what `make check` calls)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from medkb.findings import format_report
from medkb.project import check_project


def run_check(root: Path) -> int:
    report = check_project(root, root / "docs", root / "bib")
    if report.findings:
        print(format_report(report.findings))
    errors = len(report.errors)
    others = len(report.findings) - errors
    print(
        f"{len(report.pages)} pages, {len(report.bibliography.references)} references: "
        f"{errors} error{'s' if errors != 1 else ''}, {others} other finding{'s' if others != 1 else ''}"
    )
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="medkb", description="Clinical knowledge base tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check pages, citations, references and front matter")
    check.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.root)
    return 2


if __name__ == "__main__":
    sys.exit(main())
