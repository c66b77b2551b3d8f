"""`make site` publishes atomically; `make check` reports findings as `path:line: kind: message`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from publishing import fingerprint


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", *args], cwd=project, capture_output=True, text=True,
                          env=env, check=False)



def test_failed_build_leaves_the_previous_site_as_it_was(minimal_project: Path) -> None:
    first = run(minimal_project, "medkb.cli.publish", "--site-dir", "site")
    assert first.returncode == 0, first.stdout + first.stderr
    before = fingerprint(minimal_project / "site")
    assert "demo-article/index.html" in before

    page = minimal_project / "docs/demo-article/index.md"
    page.write_text(page.read_text().replace("review_status: submitted", "review_status: someday"))
    second = run(minimal_project, "medkb.cli.publish", "--site-dir", "site")

    assert second.returncode != 0
    assert "site/ was left as it was" in second.stderr
    assert fingerprint(minimal_project / "site") == before
    assert not [p.name for p in minimal_project.iterdir() if p.name.startswith(".site-")]


