"""`mkdocs serve --dirty`: each page rebuilt replaces its own entries in the search index
(medkb.preview.search_rebuilds says why Material's search plugin appends generated pages again otherwise)."""

from __future__ import annotations

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from medkb.preview.search_rebuilds import without_rebuilt_pages


@event_priority(-200)  # after every hook that adds pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state.page_urls = {file.url for file in files.documentation_pages()}
    return files


@event_priority(10)  # before the search plugin (0) merges this build's entries into the previous index
def on_post_build(*, config: MkDocsConfig) -> None:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    # The previous build's index: kept by the plugin only in a dirty session.
    previous = getattr(search, "search_index_prev", None)
    current = getattr(search, "search_index", None)
    if previous is None or current is None:
        return
    previous.entries = without_rebuilt_pages(previous.entries, current.entries, state.page_urls)
