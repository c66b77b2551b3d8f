"""A drug label's BibTeX entry with its version date, and the small fixture project citing it: shared by
the reference-version rules (unit/test_reference_versions.py) and the built reference list
(site/test_reference_versions_site.py)."""

from __future__ import annotations

from pathlib import Path

from sitebuild import FIXTURES, make_project

LABEL = """@manual{janssen2020spravato,
  author = {{Janssen Pharmaceuticals, Inc.}},
  title = {{SPRAVATO} (esketamine) Nasal Spray: Full Prescribing Information},
  organization = {Janssen Pharmaceuticals, Inc.},
  year = {2020},
  url = {https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=d81a6a79-a74a-44b7-822c-0dfa3036eaed},
  evidence_type = {drug-label},
  version_date = {2020-07},
}
"""


def project_citing_the_label(tmp_path: Path, entry: str) -> Path:
    project = make_project(tmp_path / "project", FIXTURES / "minimal")
    with (project / "bib" / "demo.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n" + entry)
    section = project / "docs" / "demo-article" / "section.md"
    text = section.read_text(encoding="utf-8")
    section.write_text(
        text.replace("## Details\n", "## Details\n\nEsketamine is given as a nasal spray.[@janssen2020spravato]\n"),
        encoding="utf-8",
    )
    return project
