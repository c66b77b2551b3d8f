"""A build with a crowded navigation level warns about it and goes on."""

from __future__ import annotations

from pathlib import Path

from sitebuild import build

from medkb.checks.site_paths import CROWDED_LEVEL


def test_the_build_warns_about_a_crowded_navigation_and_goes_on(minimal_project: Path) -> None:
    config_path = minimal_project / "mkdocs.yml"
    config = config_path.read_text(encoding="utf-8")
    extra = "".join(f"- Link {number}: https://example.org/{number}\n" for number in range(CROWDED_LEVEL))
    config_path.write_text(config.replace("- editorial-policy.md\n", f"- editorial-policy.md\n{extra}"),
                           encoding="utf-8")
    result = build(minimal_project)
    assert result.ok, result.output
    assert "mkdocs.yml: crowded navigation: the navigation's first level lists 33 entries" in result.output
