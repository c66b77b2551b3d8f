"""Renders each collapsed section of the navigation once, not once per page.

Material renders the whole first level of the navigation into every page. With navigation.prune, a
section the reader is not in is collapsed to one link to its first page; yet Material renders it
again for each page, so a site with a flat list of articles spends time in proportion to pages x
articles: two thirds of a 1,000-page build (bench/RESULTS.md). A collapsed section's markup is the
same on every page but for that link, relative to the page: it is rendered once per (section, link)
and reused. overrides/partials/nav.html (Material's, with one line changed) calls `nav_item` below
for each first-level item; anything not collapsed (the reader's own section, pages, links) is
rendered by Material each time, as before. tests/test_navigation_cache.py builds a site with and
without this and compares every page byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import normalize_url

COLLAPSED = "md-nav__item--pruned"
"""The class Material gives a section it renders as one link (partials/nav-item.html)."""

rendered: dict[tuple[Any, str], str] = {}
"""(section, its link as seen from the page) -> the section's markup."""


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    rendered.clear()  # the navigation's sections are new objects in every build
    env.globals["medkb_nav_item"] = nav_item
    return env


def nav_item(render: Callable[..., str], item: Any, path: str, level: int, page: Any, base_url: str) -> str:
    """`render(item, path, level)` (Material's macro), reused for a collapsed section."""
    children = getattr(item, "children", None)
    if not children or item.active:
        return render(item, path, level)
    first = children[0]
    while getattr(first, "children", None):  # the page Material links to (render_pruned)
        first = first.children[0]
    key = (item, normalize_url(str(first.url), page=page, base=base_url))
    markup = rendered.get(key)
    if markup is None:
        markup = render(item, path, level)
        if COLLAPSED in markup[: markup.find(">")]:  # its first tag: only a collapsed section is the same
            rendered[key] = markup  # wherever the link is the same (not `path`, not the reader's page)
    return markup
