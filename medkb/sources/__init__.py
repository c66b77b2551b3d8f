"""Our sources read and checked as data: BibTeX entries, the bibliography, front matter, review steps."""
