"""`make site`'s publisher run over a project that already has a site, telling whether that site survived."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PREVIOUS_SITE = {
    "index.html": "<!doctype html><title>The previous site</title><p>Published before this change.</p>",
    "assets/site.css": "body { margin: 0 }",
}


@dataclass
class PublishResult:
    returncode: int
    output: str
    site_survived: bool
    """site/ holds exactly what it held before the publisher ran."""
    leftovers: list[str]
    """Staging or retired folders (`.site-*`) left next to site/."""


def publish_over_previous_site(project: Path) -> PublishResult:
    site = project / "site"
    for name, content in PREVIOUS_SITE.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(content)
    before = fingerprint(site)
    result = subprocess.run(
        [sys.executable, "-m", "medkb.cli.publish", "--site-dir", "site"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    return PublishResult(
        result.returncode,
        result.stdout + result.stderr,
        fingerprint(site) == before,
        sorted(path.name for path in project.iterdir() if path.name.startswith(".site-")),
    )


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
