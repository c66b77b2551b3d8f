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
from markupsafe import Markup
from mkdocs.utils import normalize_url

from medkb.compact_html import compact_html

COLLAPSED = "md-nav__item--pruned"
"""The class Material gives a section it renders as one link (partials/nav-item.html)."""

rendered: dict[tuple[Any, str], str] = {}
"""(section, its link as seen from the page, or the page's depth: see `link_key`) -> the section's markup."""
first_pages: dict[Any, tuple[str, str]] = {}
"""section -> the address of the page its collapsed link leads to, and that address's first folder."""


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    rendered.clear()  # the navigation's sections are new objects in every build
    first_pages.clear()
    env.globals["medkb_nav_items"] = nav_items
    return env


def nav_items(render: Callable[..., str], items: list[Any], page: Any, base_url: str) -> Markup:
    """The first level of the navigation, as Material's loop in partials/nav.html renders it: one call
    per page instead of one template step and call per item. The items are separated by a line break,
    which is all the loop's indentation comes to in the finished page (hooks/compact_html.py)."""
    folder = page.url.split("/", 1)[0] if page is not None else None
    return Markup("\n".join(
        nav_item(render, item, index, page, folder, base_url) for index, item in enumerate(items, 1)
    ))


def nav_item(
    render: Callable[..., str], item: Any, index: int, page: Any, page_folder: str | None, base_url: str
) -> str:
    """`render(item, path, 1)` (Material's macro), reused for a collapsed section; `page_folder` is the
    first folder of the reader's page's address (None: no page, as on 404.html)."""
    children = getattr(item, "children", None)
    if not children or item.active:
        return render(item, f"__nav_{index}", 1)
    key = (item, link_key(item, page, page_folder, base_url))
    markup = rendered.get(key)
    if markup is None:
        markup = render(item, f"__nav_{index}", 1)
        if COLLAPSED in markup[: markup.find(">")]:  # its first tag: only a collapsed section is the same
            # wherever the link is the same (not `path`, not the reader's page); kept without the
            # template's indentation, which hooks/compact_html.py would otherwise take out on every page
            markup = rendered[key] = Markup(compact_html(markup))
    return markup


def link_key(section: Any, page: Any, page_folder: str | None, base_url: str) -> str:
    """What the section's collapsed link depends on, as seen from `page`.

    Material links a collapsed section to its first page, relative to the reader's page. When the two
    addresses share no first folder, that link is the way up to the site's root (`base_url`, the same
    for every page as deep) followed by the target's address: the depth is the key, and the link need
    not be worked out again on each page. Otherwise the link itself is the key.
    """
    target = first_pages.get(section)
    if target is None:
        first = section.children[0]
        while getattr(first, "children", None):  # the page Material links to (render_pruned)
            first = first.children[0]
        url = str(first.url)
        target = first_pages[section] = (url, url.split("/", 1)[0])
    url, folder = target
    if page_folder is not None and folder != page_folder:
        return f"depth:{base_url}"
    return normalize_url(url, page=page, base=base_url)
