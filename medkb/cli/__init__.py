"""Command line: `medkb check` runs every rule over docs/ and bib/ (what `make check` calls);
`medkb new-article` scaffolds an article (what `make new-article` calls); `medkb verify-refs` and
`medkb add-ref` compare bib entries with Crossref and PubMed and add one by DOI or PMID (medkb.registry)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from medkb.checks.approval_diff import GitError, approval_findings
from medkb.checks.project import check_project
from medkb.cli.scaffold import ScaffoldError, new_article
from medkb.findings import format_report
from medkb.sources import BIB_FOLDER, DOCS_FOLDER


def run_check(root: Path, base: str | None = None, *, verbose: bool = False) -> int:
    report = check_project(root, root / DOCS_FOLDER, root / BIB_FOLDER)
    if base:
        try:
            report.findings.extend(approval_findings(root, base))
        except GitError as error:
            print(f"medkb check --base {base}: {error}", file=sys.stderr)
            return 2
    if report.findings:
        print(format_report(report.findings))
    marked = [(page.display_path, marker) for page in report.pages.values() for marker in page.markers]
    if verbose:
        for path, marker in sorted(marked, key=lambda item: (item[0], item[1].line)):
            print(f"{path}:{marker.line}: not-a-claim: {marker.reason}")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and marked:  # the pull request's summary page lists the exempted sentences for reviewers
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(f"### Sentences marked not-a-claim ({len(marked)})\n\n")
            handle.writelines(f"- `{path}:{marker.line}`: {marker.reason}\n" for path, marker in sorted(
                marked, key=lambda item: (item[0], item[1].line)))
    if marked:
        print(f"{len(marked)} sentence{'s' if len(marked) != 1 else ''} marked not-a-claim"
              + ("" if verbose else " (listed by --verbose)"))
    # Working notes are for editors: readers see only a 'details not yet verified' mark (medkb.render.reference_display).
    unconfirmed = sorted((reference.path, reference.line, reference.key, reference.unconfirmed)
                         for reference in report.bibliography.references.values() if reference.unconfirmed)
    if verbose:
        for path, line, key, note in unconfirmed:
            print(f"{path}:{line}: unconfirmed: {key}: {note}")
    if unconfirmed:
        print(f"{len(unconfirmed)} reference{'s' if len(unconfirmed) != 1 else ''} with details not yet verified"
              + ("" if verbose else " (listed by --verbose)"))
    errors = len(report.errors)
    others = len(report.findings) - errors
    print(
        f"{len(report.pages)} pages, {len(report.bibliography.references)} references: "
        f"{errors} error{'s' if errors != 1 else ''}, {others} other finding{'s' if others != 1 else ''}"
    )
    return 1 if errors else 0


def run_new_article(root: Path, slug: str, title: str, question: str) -> int:
    try:
        result = new_article(root, slug, title, question=question)
    except ScaffoldError as error:
        print(f"new-article: {error}", file=sys.stderr)
        return 1
    print(f"Created the article '{result.slug}':")
    for path in result.created:
        print(f"  {path}")
    if result.nav_updated:
        print("  mkdocs.yml: added to the navigation")
    print(f"Next: write the pages (one claim per line, each cited), add the sources to "
          f"{BIB_FOLDER}/{result.slug}.bib, then run `make check` and preview with `make serve`. "
          "CONTRIBUTING.md walks through it.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="medkb", description="Clinical knowledge base tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check pages, citations, references and front matter")
    check.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    check.add_argument("--base", metavar="REF", help="also compare changed pages with this git ref (e.g. "
                       "origin/main): approved pages changed without a new last_updated, status changes")
    check.add_argument("--verbose", action="store_true",
                       help="also list every sentence marked <!-- not-a-claim: reason -->, with its reason, and every "
                       "reference's note on what is not yet confirmed")
    scaffold = commands.add_parser("new-article", help="create a new article: pages, bib file, navigation")
    scaffold.add_argument("--slug", required=True, help="folder name: lowercase words joined by hyphens")
    scaffold.add_argument("--title", required=True, help="the article's title")
    scaffold.add_argument("--question", default="", help="the clinical question the article answers")
    scaffold.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    verify = commands.add_parser("verify-refs", help="compare bib entries with Crossref and PubMed")
    verify.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    verify.add_argument("--base", metavar="REF", help="only the entries added or changed since this git ref")
    verify.add_argument("--keys", default="", help="only these entries (keys separated by spaces or commas)")
    verify.add_argument("--offline", action="store_true", help="ask no registry: verify from the cache")
    verify.add_argument("--refresh", action="store_true", help="fetch every record again, however fresh")
    verify.add_argument("--max-age", type=int, default=90, metavar="DAYS",
                        help="fetch records older than this again (default: 90)")
    verify.add_argument("--mailto", default="", help="contact address sent to the registries "
                        "(default: $MEDKB_MAILTO)")
    add_ref = commands.add_parser("add-ref", help="add a bib entry from the registries' metadata")
    add_ref.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    add_ref.add_argument("--doi", default="", help="the source's DOI")
    add_ref.add_argument("--pmid", default="", help="the source's PMID")
    add_ref.add_argument("--evidence", default="", help="the evidence type (the author chooses it)")
    add_ref.add_argument("--bib", default="", help="the bib file to add the entry to (bib/<article>.bib)")
    add_ref.add_argument("--mailto", default="", help="contact address sent to the registries")
    args = parser.parse_args(argv)
    if args.command == "verify-refs":
        from medkb.registry.verify import run_verify_refs

        return run_verify_refs(args.root, base=args.base, keys=args.keys.replace(",", " ").split(),
                               offline=args.offline, refresh=args.refresh, max_age_days=args.max_age,
                               mailto=args.mailto)
    if args.command == "add-ref":
        from medkb.registry.add_ref import run_add_ref

        return run_add_ref(args.root, doi=args.doi, pmid=args.pmid, evidence_type=args.evidence,
                           bib=args.bib, mailto=args.mailto)
    if args.command == "check":
        return run_check(args.root, args.base, verbose=args.verbose)
    if args.command == "new-article":
        return run_new_article(args.root, args.slug, args.title, args.question)
    return 2


if __name__ == "__main__":
    sys.exit(main())
