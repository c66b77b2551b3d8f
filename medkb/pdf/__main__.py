"""`python -m medkb.pdf`: write the PDFs of an already built site (what `make pdf` does inside the build).

The site's model (configuration, navigation order, pages and articles) is made as the build makes it
(medkb.pdf.load_site): the export then matches the build's.

python -m medkb.pdf --site-dir site                      # every article and the handbook, into site/pdf/
python -m medkb.pdf --site-dir site --article ketamine-depression --no-handbook --out-dir pdf-out
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from medkb.pdf import PdfError, export_pdfs, load_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m medkb.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"), help="default: mkdocs.yml")
    parser.add_argument("--out-dir", type=Path, help="where pdf/ is written (default: the site folder)")
    parser.add_argument(
        "--article",
        action="append",
        dest="articles",
        metavar="SLUG",
        help="export this article only (repeatable; default: every article)",
    )
    parser.add_argument("--no-handbook", action="store_true", help="do not write the handbook")
    args = parser.parse_args(argv)
    try:
        exported = export_pdfs(
            args.site_dir,
            args.out_dir,
            site=load_site(args.config_file),
            articles=args.articles,
            handbook=not args.no_handbook,
            progress=lambda message: print(message, file=sys.stderr, flush=True),
        )
    except PdfError as error:
        print(f"PDF export failed: {error}", file=sys.stderr)
        return 1
    for item in exported:
        print(f"{item.path}: {item.pages} pages, {item.size / 1024:.0f} KiB, {item.seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
