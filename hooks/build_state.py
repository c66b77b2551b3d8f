"""State shared by the hook modules during one build (reset in on_config, so `mkdocs serve` starts clean).

Not a hook itself: it defines no `on_*` functions and is imported by the hooks by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from medkb.checks.project import CheckCache, ProjectReport
from medkb.preview import Preview
from medkb.preview.incremental import Fingerprint
from medkb.preview.templates import CompiledTemplates


@dataclass
class BuildState:
    report: ProjectReport | None = None
    theme_env: Any = None
    """The theme's Jinja environment, created once per build for rendering partials in hooks."""
    rendered_entries: Any = None
    """Reference entries as HTML by key, rendered once per build (hooks/references.py)."""
    references_pages: dict[str, str] = field(default_factory=dict)
    """src_uri of each article's generated references page -> its article (hooks/reference_pages.py)."""
    page_script_hashes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Page URL -> hashes of inline scripts our own hooks build for it (the offline search frame's bootstrap)."""
    preview: Preview | None = None
    """The findings by page, in the writer's preview only (hooks/preview.py); None in every other build."""
    page_urls: set[str] = field(default_factory=set)
    """The address of every page of this build (hooks/search_rebuilds.py)."""
    rendered: dict[str, Fingerprint] = field(default_factory=dict)
    """Site folder -> the inputs of the pages it holds (hooks/incremental.py): kept across builds, for
    `mkdocs serve --dirty` to render only what changed."""
    check_cache: CheckCache = field(default_factory=CheckCache)
    """Each page's check, kept across the preview's rebuilds (hooks/project_checks.py)."""
    serving: bool = False
    """`mkdocs serve` (hooks/incremental.py's on_startup): the process builds the site again on each save."""
    compiled_templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    """The theme's templates compiled so far, kept across the preview's rebuilds (hooks/incremental.py)."""
    pending: tuple[str, Fingerprint] | None = None
    """This build's site folder and inputs, recorded into `rendered` once the build is through."""


state = BuildState()
