"""The offline site (`make offline`): search works opened from disk, with nothing fetched at run time.

Material's offline plugin inlines the search index, but for search from `file://` it adds the
iframe-worker shim from a CDN. This hook gives it the shim from node_modules/ instead (the npm
package `iframe-worker` in package.json, installed by `npm ci`), shipped with the site and loaded
before Material's scripts, and declares the shim's frame bootstrap on each page so that the
Content-Security-Policy (hooks/security.py, which runs after this hook) allows it (medkb/render/offline.py).
Nothing happens unless the offline plugin is enabled (OFFLINE=true).
"""

from __future__ import annotations

import re
from pathlib import Path

from build_state import state  # type: ignore[import-not-found]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from medkb.render.csp import script_hash
from medkb.render.offline import ShimError, with_bootstrap_declared, worker_bootstrap

SHIM_PACKAGE = Path("node_modules/iframe-worker/shim/index.js")
SHIM_URL = "assets/javascripts/iframe-worker-shim.js"
WORKER_PATH = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")

_shim: Path | None = None
_shim_source = ""
_worker_path = ""


@event_priority(50)  # before the offline plugin, which adds the CDN script unless an iframe-worker is listed
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _shim, _shim_source, _worker_path
    _shim = None
    offline = config.plugins.get("material/offline")
    if offline is None or not offline.config.enabled:
        return config
    shim = Path(config.config_file_path).parent / SHIM_PACKAGE
    if not shim.is_file():
        raise PluginError(
            f"{SHIM_PACKAGE} is missing: the offline site needs the npm package iframe-worker; "
            "run `make offline` (it installs the front-end packages with npm ci)"
        )
    _shim = shim
    _shim_source = shim.read_text(encoding="utf-8")
    _worker_path = search_worker_path(config)
    polyfills = [script for script in config.extra.get("polyfills", []) if "iframe-worker" not in str(script)]
    config.extra["polyfills"] = [*polyfills, SHIM_URL]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if _shim is not None:
        files.append(File.generated(config, SHIM_URL, abs_src_path=str(_shim)))
    return files


@event_priority(-50)  # after the page is complete, before hooks/security.py (-100) writes its policy
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """The bootstrap for this page's worker address (as Material's `url` filter writes it), built from
    the shim and the address alone, never read from the page; its hash is handed to hooks/security.py."""
    if _shim is None:
        return output
    try:
        bootstrap = worker_bootstrap(_shim_source, normalize_url(_worker_path, page))
        output = with_bootstrap_declared(output, bootstrap)
    except ShimError as error:
        raise PluginError(
            f"{SHIM_PACKAGE}: {error}; the offline search cannot be allowed by the CSP"
        ) from None
    state.page_script_hashes[page.url] = (script_hash(bootstrap),)
    return output


def search_worker_path(config: MkDocsConfig) -> str:
    """The search worker's file as the theme's base.html names it (the name carries a content hash)."""
    for folder in config.theme.dirs:
        base = Path(folder) / "base.html"
        if base.is_file():
            match = WORKER_PATH.search(base.read_text(encoding="utf-8"))
            if match is not None:
                return match.group(0)
    raise PluginError("the theme's base.html names no search worker (assets/javascripts/workers/search.*.js)")
