"""The suite's groups stay true: every test file sits in the folder of what it needs (unit: no build; site:
real builds; pdf: the PDF export; browser: Chromium), and `make test GROUP=...` runs exactly that folder."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest
from sitebuild import REPO

GROUPS = ("unit", "site", "pdf", "browser")

BUILDS = {"build", "build_offline", "publish_over_previous_site", "ServeSession", "export_pdfs", "mkdocs_build",
          "real_site", "offline_site"}
"""What builds a site or its PDFs: the support functions (tests/sitebuild.py, publishing.py, servesession.py,
medkb.pdf, the benchmark's build command) and conftest.py's fixtures that hold a built site."""
BROWSERS = {"browser", "real_site_url", "playwright"}
"""conftest.py's Chromium and the site it serves to it, and Playwright itself."""
PDF_READERS = {"pypdf", "pikepdf", "pdfread"}


def uses(path: Path) -> set[str]:
    """The modules a test file imports, the names it imports from them, and the arguments of its functions
    (pytest's fixtures)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module.split(".")[0], *(alias.name for alias in node.names)}
        elif isinstance(node, ast.FunctionDef):
            found |= {argument.arg for argument in node.args.args}
    return found


def layout_problems(tests: Path) -> list[str]:
    """Each test file outside a group folder, and each one whose group cannot run what it uses."""
    problems = []
    for path in sorted(tests.rglob("test_*.py")):
        name = path.relative_to(tests).as_posix()
        group = path.relative_to(tests).parts[0]
        if len(path.relative_to(tests).parts) != 2 or group not in GROUPS:
            problems.append(f"{name}: not in a group folder (tests/{'/, tests/'.join(GROUPS)}/)")
            continue
        used = uses(path)
        if group == "unit" and used & BUILDS:
            problems.append(f"{name}: a unit test builds nothing, but this uses {sorted(used & BUILDS)}")
        if group != "browser" and used & BROWSERS:
            problems.append(f"{name}: only tests/browser/ drives Chromium, but this uses {sorted(used & BROWSERS)}")
        if group != "pdf" and used & PDF_READERS:
            problems.append(f"{name}: only tests/pdf/ opens PDFs, but this uses {sorted(used & PDF_READERS)}")
    return problems


def test_every_test_file_sits_in_the_group_it_needs() -> None:
    tests = REPO / "tests"
    assert layout_problems(tests) == []
    groups = {path.relative_to(tests).parts[0] for path in tests.rglob("test_*.py")}
    assert groups == set(GROUPS)


def test_a_file_out_of_place_is_named_with_what_is_wrong(tmp_path: Path) -> None:
    files = {
        "test_loose.py": "def test_x():\n    pass\n",
        "unit/test_builds.py": "from sitebuild import build\n\n\ndef test_x(real_site):\n    pass\n",
        "site/test_clicks.py": "def test_x(browser):\n    pass\n",
        "browser/test_reads_pdfs.py": "from pypdf import PdfReader\n",
        "misc/test_other.py": "",
        "site/test_fine.py": "from sitebuild import build\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert layout_problems(tmp_path) == [
        "browser/test_reads_pdfs.py: only tests/pdf/ opens PDFs, but this uses ['pypdf']",
        "misc/test_other.py: not in a group folder (tests/unit/, tests/site/, tests/pdf/, tests/browser/)",
        "site/test_clicks.py: only tests/browser/ drives Chromium, but this uses ['browser']",
        "test_loose.py: not in a group folder (tests/unit/, tests/site/, tests/pdf/, tests/browser/)",
        "unit/test_builds.py: a unit test builds nothing, but this uses ['build', 'real_site']",
    ]


def pytest_command(*arguments: str) -> list[str]:
    """The arguments `make test ARGUMENTS` passes to pytest (a dry run: nothing is installed or run)."""
    result = subprocess.run(["make", "-n", "test", *arguments], cwd=REPO, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    (command,) = [line for line in result.stdout.splitlines() if " -m pytest" in line]
    return command.split(" -m pytest", 1)[1].split()


@pytest.mark.parametrize("group", GROUPS)
def test_make_test_with_a_group_runs_that_folder_alone(group: str) -> None:
    assert pytest_command(f"GROUP={group}") == [f"tests/{group}"]


def test_make_test_runs_every_group_and_refuses_an_unknown_one() -> None:
    assert pytest_command() == []  # pyproject.toml's testpaths: all of tests/
    refused = subprocess.run(["make", "-n", "test", "GROUP=fast"], cwd=REPO, capture_output=True, text=True,
                             check=False)
    assert refused.returncode != 0
    assert "GROUP is one or more of: unit site pdf browser" in refused.stderr


def test_the_groups_are_documented_where_a_contributor_looks() -> None:
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    help_text = subprocess.run(["make", "help"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    for text in (contributing, readme, help_text):
        assert "make test GROUP=unit" in text
    for group in GROUPS:
        assert re.search(rf"`tests/{group}/`", contributing), group
