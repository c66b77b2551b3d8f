"""Which MkDocs builds the site: MkDocs 1.6.1, or ProperDocs, its maintained fork.

The Makefile passes its MKDOCS variable on as MEDKB_MKDOCS (`make test MKDOCS=properdocs`), with the
environment that holds that package (ProperDocs' has no `mkdocs` package). ProperDocs reads mkdocs.yml,
runs the same plugins and hooks, and answers their `import mkdocs...` once `properdocs.replacement` is
imported, as its own command does first (`python -m properdocs build`).
"""

from __future__ import annotations

import os

ENGINES = ("mkdocs", "properdocs")


def engine() -> str:
    """The package whose command builds and serves the site: "mkdocs" unless MEDKB_MKDOCS names the other."""
    name = os.environ.get("MEDKB_MKDOCS") or "mkdocs"
    if name not in ENGINES:
        raise ValueError(f"MEDKB_MKDOCS={name!r}: one of {', '.join(ENGINES)}")
    return name


def enable_in_process() -> None:
    """Code that imports `mkdocs...` itself (tests driving builds in-process) gets ProperDocs when it is the engine."""
    if engine() == "properdocs":
        import properdocs.replacement  # noqa: F401  (every `mkdocs.*` import from here on is ProperDocs')
