"""Renders each navigation item the reader is not in once, not once per page.

Material renders the navigation into every page. With navigation.prune, a section the reader is not
in is collapsed to one link to its first page; yet Material renders it again for each page, and each
link to a page of the reader's own article too, so a site with a flat list of articles spends time in
proportion to pages x articles: two thirds of a 1,000-page build (bench/RESULTS.md), and a site with
articles grouped into sections a third. The markup of a collapsed section, or of a link to a page the
reader is not on, is the same on every page but for that link, relative to the page: it is rendered
once per (item, link) and reused. overrides/partials/nav.html (Material's, with one line changed)
calls `nav_items` below for the first level, and overrides/partials/nav-item.html (Material's, with
one line changed) calls `nav_item` for the children of a section the reader is in; whatever holds the
reader's page (its sections, the page itself with its table of contents) and anything else (external
links) is rendered by Material each time, as before. tests/site/test_navigation_cache.py builds sites
with and without this and compares every page byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import normalize_url

from medkb.render.compact_html import compact_html

COLLAPSED = "md-nav__item--pruned"
"""The class Material gives a section it renders as one link (partials/nav-item.html)."""
PAGE_LINK = '<li class="md-nav__item">'
"""The first tag of Material's link to a page the reader is not on (partials/nav-item.html)."""

rendered: dict[tuple[int, str], str] = {}
"""(id of the item (a page is not hashable), its link as seen from the page, or the page's depth: see
`link_key`) -> the item's markup."""
targets: dict[int, tuple[str, str]] = {}
"""id of the item -> the address of the page its link leads to, and that address's first folder."""


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    rendered.clear()  # the navigation's items are new objects in every build
    targets.clear()
    env.globals["medkb_nav_items"] = nav_items
    env.globals["medkb_nav_item"] = nested_nav_item
    return env


def nav_items(render: Callable[..., str], items: list[Any], page: Any, base_url: str) -> Markup:
    """The first level of the navigation, as Material's loop in partials/nav.html renders it: one call
    per page instead of one template step and call per item. The items are separated by a line break,
    which is all the loop's indentation comes to in the finished page (hooks/compact_html.py)."""
    folder = folder_of(page)
    return Markup("\n".join(
        nav_item(render, item, (f"__nav_{index}", 1), page, folder, base_url)
        for index, item in enumerate(items, 1)
    ))


def nested_nav_item(
    render: Callable[..., str], item: Any, path: str, level: int, parent: Any, page: Any, base_url: str
) -> Markup:
    """`render(item, path, level, parent)` inside a section the reader is in (partials/nav-item.html)."""
    return Markup(nav_item(render, item, (path, level, parent), page, folder_of(page), base_url))


def folder_of(page: Any) -> str | None:
    """The first folder of the reader's page's address (None: no page, as on 404.html)."""
    return page.url.split("/", 1)[0] if page is not None else None


def nav_item(
    render: Callable[..., str], item: Any, arguments: tuple[Any, ...], page: Any, page_folder: str | None,
    base_url: str,
) -> str:
    """`render(item, *arguments)` (Material's macro), reused for a collapsed section or a link to a page
    the reader is not on; `page_folder` is the first folder of the reader's page's address (None: no
    page, as on 404.html)."""
    children = getattr(item, "children", None)
    if not (children or getattr(item, "is_page", False)) or item.active:
        return render(item, *arguments)
    key = (id(item), link_key(item, page, page_folder, base_url))
    markup = rendered.get(key)
    if markup is None:
        markup = render(item, *arguments)
        start = markup.lstrip()
        first_tag = start[: start.find(">") + 1]
        # Only a collapsed section, or a plain link to a page, is the same wherever its link is the same
        # (not `path`, not the reader's page); kept without the template's indentation, which
        # hooks/compact_html.py would otherwise take out on every page.
        if (COLLAPSED in first_tag) if children else (first_tag == PAGE_LINK):
            markup = rendered[key] = Markup(compact_html(markup))
    return markup


def link_key(item: Any, page: Any, page_folder: str | None, base_url: str) -> str:
    """What the item's link depends on, as seen from `page`.

    Material links a collapsed section to its first page, and a page to itself, relative to the reader's
    page. When the two addresses share no first folder, that link is the way up to the site's root
    (`base_url`, the same for every page as deep) followed by the target's address: the depth is the
    key, and the link need not be worked out again on each page. Otherwise the link itself is the key.
    """
    target = targets.get(id(item))
    if target is None:
        first = item
        while getattr(first, "children", None):  # the page Material links to (render_pruned)
            first = first.children[0]
        url = str(first.url)
        target = targets[id(item)] = (url, url.split("/", 1)[0])
    url, folder = target
    if page_folder is not None and folder != page_folder:
        return f"depth:{base_url}"
    return normalize_url(url, page=page, base=base_url)
