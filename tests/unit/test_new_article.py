"""`make new-article` without a build: a taken, invalid or empty slug or title is refused and nothing changes,
a failed write leaves nothing behind, and the article enters the navigation where a person would put it,
comments kept."""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from commands import copy_minimal, front_matter, medkb, mkdocs_config, run_make
from publishing import fingerprint
from sitebuild import REPO

from medkb.cli.scaffold import ScaffoldError, new_article, with_nav_entry


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        (
            "demo-article",
            (
                "'demo-article' is taken: docs/demo-article/ already exists; "
                "choose another slug (nothing was changed)"
            ),
        ),
        (
            "editorial-policy",
            (
                "'editorial-policy' is taken: docs/editorial-policy.md already exists; "
                "choose another slug (nothing was changed)"
            ),
        ),
        ("demo", "'demo' is taken: bib/demo.bib already exists; choose another slug (nothing was changed)"),
        (
            "Lithium_Suicide",
            (
                "slug 'Lithium_Suicide' is not valid: use lowercase letters a-z, digits and single "
                "hyphens between them, e.g. 'lithium-suicide'"
            ),
        ),
        (
            "lithium--suicide",
            (
                "slug 'lithium--suicide' is not valid: use lowercase letters a-z, digits and single "
                "hyphens between them, e.g. 'lithium-suicide'"
            ),
        ),
        (
            "-lithium",
            (
                "slug '-lithium' is not valid: use lowercase letters a-z, digits and single "
                "hyphens between them, e.g. 'lithium'"
            ),
        ),
        (
            "lithium/suicide",
            (
                "slug 'lithium/suicide' is not valid: use lowercase letters a-z, digits and single "
                "hyphens between them, e.g. 'lithium-suicide'"
            ),
        ),
        ("assets", "slug 'assets' is reserved for the site's own files; choose another slug"),
        ("", 'no slug given; run: make new-article SLUG=my-topic TITLE="My topic"'),
    ],
)
def test_taken_or_invalid_slug_is_refused_and_nothing_changes(
    tmp_path: Path, slug: str, message: str
) -> None:
    project = copy_minimal(tmp_path / "project")
    before = fingerprint(project)

    result = medkb(project, "new-article", f"--slug={slug}", "--title=Lithium")

    assert result.returncode == 1
    assert result.stderr.strip() == f"new-article: {message}"
    assert result.stdout == ""
    assert fingerprint(project) == before


def test_slug_already_in_the_navigation_is_refused(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("- editorial-policy.md", "- lithium/index.md\n- editorial-policy.md")
    )
    line = config.read_text().splitlines().index("- lithium/index.md") + 1
    before = fingerprint(project)

    result = medkb(project, "new-article", "--slug=lithium", "--title=Lithium")

    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"new-article: 'lithium' is taken: mkdocs.yml line {line} already lists 'lithium/index.md'; "
        "choose another slug (nothing was changed)"
    )
    assert fingerprint(project) == before


def test_empty_title_is_refused(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path / "project")
    result = medkb(project, "new-article", "--slug=lithium", "--title=  ")
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == 'new-article: TITLE is empty; run: make new-article SLUG=my-topic TITLE="My topic"'
    )
    assert not (project / "docs" / "lithium").exists()


def test_make_target_passes_titles_with_quotes_and_colons_intact(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path / "project")
    shutil.copy(REPO / "Makefile", project / "Makefile")
    title = """Lithium: "does it" prevent suicide? Patients' & carers' view #1"""

    result = run_make(project, f"make new-article SLUG=lithium TITLE={shlex.quote(title)}")

    assert result.returncode == 0, result.stdout + result.stderr
    assert front_matter(project / "docs/lithium/index.md")["title"] == title
    assert {title: ["lithium/index.md", "lithium/evidence.md", "lithium/limitations.md"]} in mkdocs_config(
        project
    )["nav"]
    assert medkb(project, "check").returncode == 0


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_minimal(tmp_path / "project")
    before = fingerprint(project)
    real_replace = os.replace

    def failing_replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(target).name == "mkdocs.yml":
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        new_article(project, "lithium", "Lithium")

    assert fingerprint(project) == before
    assert sorted(path.name for path in project.iterdir()) == ["bib", "docs", "mkdocs.yml"]


NAV = """\
site_name: Demo  # the name
nav:
  - Home: index.md
  # Articles, in alphabetical order
  - Anaemia:
      - anaemia/index.md
      - anaemia/iron.md  # the long one
  - Asthma:
      - asthma/index.md

  # Site pages
  - Editorial policy: editorial-policy.md
extra:
  key: value
"""


def test_article_goes_after_the_last_article_with_the_same_indentation_and_comments_kept() -> None:
    updated = with_nav_entry(NAV, "lithium", "Lithium", ["lithium/index.md", "lithium/evidence.md"])

    assert updated == NAV.replace(
        "      - asthma/index.md\n",
        "      - asthma/index.md\n  - Lithium:\n      - lithium/index.md\n      - lithium/evidence.md\n",
    )


@pytest.mark.parametrize(
    ("config", "expected_block"),
    [
        ("nav:\n- index.md\n- A:\n  - a/index.md\n- policy.md\n", "- New:\n  - new/index.md\n"),
        ("nav:\n    - index.md\n    - policy.md\n", "    - New:\n        - new/index.md\n"),
        ("nav:\n  - A:\n    - a/index.md", "  - New:\n    - new/index.md\n"),
    ],
)
def test_navigation_layouts(config: str, expected_block: str) -> None:
    updated = with_nav_entry(config, "new", "New", ["new/index.md"])
    assert expected_block in updated
    listed = yaml.safe_load(updated)["nav"]
    assert {"New": ["new/index.md"]} in listed
    assert [item for item in listed if item != {"New": ["new/index.md"]}] == yaml.safe_load(config)["nav"]


def test_titles_that_yaml_would_misread_are_quoted() -> None:
    for title in ("Lithium: a review", "yes", "2024", "#1 question", "- dash", 'it\'s "quoted"'):
        updated = with_nav_entry("nav:\n  - index.md\n", "x", title, ["x/index.md"])
        assert {title: ["x/index.md"]} in yaml.safe_load(updated)["nav"], title


def test_without_a_nav_mkdocs_lists_pages_itself_and_the_config_is_unchanged() -> None:
    assert with_nav_entry("site_name: Demo\n", "x", "X", ["x/index.md"]) == "site_name: Demo\n"


def test_flow_style_nav_is_refused_with_a_message() -> None:
    with pytest.raises(ScaffoldError, match="'nav' must be a block list"):
        with_nav_entry("nav: [index.md]\n", "x", "X", ["x/index.md"])


def test_article_goes_after_the_last_article_not_after_other_sections() -> None:
    config = (
        "nav:\n  - index.md\n  - A:\n      - a/index.md\n  - About:\n      - about.md\n      - policy.md\n"
    )
    updated = with_nav_entry(config, "new", "New", ["new/index.md"])
    assert updated == config.replace(
        "      - a/index.md\n", "      - a/index.md\n  - New:\n      - new/index.md\n"
    )
