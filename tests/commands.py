"""Our commands as a contributor runs them in a project folder: `python -m medkb ...` and documented
`make` lines, and what they write read back (mkdocs.yml, a page's front matter)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from sitebuild import FIXTURES


def medkb(project: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """`python -m medkb ARGS` run in `project`, with `extra_env` added to the environment."""
    return subprocess.run(
        [sys.executable, "-m", "medkb", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **extra_env},
        check=False,
    )


def run_make(project: Path, command: str) -> subprocess.CompletedProcess[str]:
    """A documented `make ...` command, with the project's Python instead of a fresh .venv."""
    command = command.replace("\\\n", " ").strip() + f" READY= PY={sys.executable}"
    return subprocess.run(
        ["bash", "-c", command],
        cwd=project,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )


def copy_minimal(destination: Path) -> Path:
    """The small fixture project (tests/fixtures/minimal) as it is, for commands that do not build."""
    shutil.copytree(FIXTURES / "minimal", destination)
    return destination


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even if it uses tags such as !ENV (their values are not needed here)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def mkdocs_config(project: Path) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])
