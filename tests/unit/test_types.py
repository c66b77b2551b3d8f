"""The project's Python checks: mypy over medkb/, hooks/ and bench/, ruff over all our Python (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_medkb_hooks_and_bench_type_check(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache"), "medkb", "hooks", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_code_passes_ruff(tmp_path: Path) -> None:
    """ruff's lint rules (pyproject.toml: errors, imports, bugbear, pyupgrade, a complexity limit) over all our Python."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise",
         "medkb", "hooks", "bench", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_reads_every_python_file_of_the_suite() -> None:
    """No test file escapes the lint: none is excluded by a setting or an ignore file (a `site/` pattern in
    .gitignore would hide tests/site/)."""
    listed = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--show-files", "medkb", "hooks", "tests"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()
    checked = {Path(name).resolve() for name in listed}
    suite = set((ROOT / "tests").rglob("*.py"))
    assert len(suite) > 40
    assert sorted(path.relative_to(ROOT).as_posix() for path in suite - checked) == []


def test_ruff_reports_what_it_should(tmp_path: Path) -> None:
    """The lint test can fail: an unused import and an overly complex function are reported with file and line."""
    sample = tmp_path / "sample.py"
    branches = "\n".join(f"    if x == {n}:\n        return {n}" for n in range(25))
    sample.write_text(f"import os\n\n\ndef f(x):\n{branches}\n    return -1\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise",
         "--config", str(ROOT / "pyproject.toml"), str(sample)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "sample.py:1:8: F401" in result.stdout and "sample.py:4:5: C901" in result.stdout
