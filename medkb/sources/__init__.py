"""Our sources read and checked as data: BibTeX entries, the bibliography, front matter, review steps."""

DOCS_FOLDER = "docs"
"""The pages, one folder per article, under the project root (MkDocs' `docs_dir`, mkdocs.yml's default)."""
BIB_FOLDER = "bib"
"""The BibTeX files, under the project root (mkdocs-bibtex's `bib_dir` in mkdocs.yml)."""
