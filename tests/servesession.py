"""The build `mkdocs serve` runs on every save, driven from a test: one session, several builds.

`mkdocs serve` loads the configuration once, calls the plugins' on_startup, then on each change loads
the configuration again and builds into the same folder (MkDocs' commands/serve.py). Plugins with an
on_startup (Material's search) live for the whole session; MkDocs keeps them in a cache of its own,
which is emptied here before and after a session so that sessions do not share them.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

PREVIEW_HOOKS = ("hooks/preview.py", "hooks/search_rebuilds.py", "hooks/incremental.py")
SERVE_URL = "http://127.0.0.1:8000/"


def with_preview_settings(project: Path) -> Path:
    """The project's mkdocs.yml (the small fixture's) with the preview's hooks and setting, as the site's."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    preview, *others = PREVIEW_HOOKS
    text = text.replace("- hooks/project_checks.py\n", f"- hooks/project_checks.py\n- {preview}\n", 1)
    text = text.replace(
        "- hooks/security.py\n", "".join(f"- {hook}\n" for hook in others) + "- hooks/security.py\n", 1
    )
    text = text.replace("\nextra:\n", "\nextra:\n  preview: !ENV [MEDKB_PREVIEW, false]\n", 1)
    config.write_text(text, encoding="utf-8")
    return project


class ServeSession:
    def __init__(self, project: Path, *, dirty: bool = False) -> None:
        self.project = project
        self.site = project / "served"
        self.dirty = dirty
        self._startup: MkDocsConfig | None = None

    def __enter__(self) -> Self:
        _plugin_cache().clear()
        self._startup = self._config()
        self._startup.plugins.on_startup(command="serve", dirty=self.dirty)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._startup is not None:
            self._startup.plugins.on_shutdown()
        _plugin_cache().clear()

    def build(self) -> None:
        """What one save does: the configuration loaded again, the site built into the served folder."""
        build(self._config(), serve_url=SERVE_URL, dirty=self.dirty)

    def search_index(self) -> list[dict[str, Any]]:
        index = json.loads((self.site / "search" / "search_index.json").read_text(encoding="utf-8"))
        docs: list[dict[str, Any]] = index["docs"]
        return docs

    def _config(self) -> MkDocsConfig:
        config = load_config(config_file=str(self.project / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        return config


def _plugin_cache() -> dict[str, Any]:
    cache: dict[str, Any] = MkDocsConfig.plugins.plugin_cache  # type: ignore[attr-defined]
    return cache
