"""What the build writes into pages: citation markup, reference lists and pages, metadata, CSP, compaction, offline."""
