"""The real articles' audience blocks cite only sources their section pages cite."""

from __future__ import annotations

from sitebuild import KETAMINE, KETAMINE_PAGES, cited_keys

from medkb.checks.audience import audience_blocks
from medkb.checks.citations import citation_blocks


def test_audience_blocks_cite_only_sources_the_section_pages_cite() -> None:
    text = (KETAMINE / "index.md").read_text(encoding="utf-8")
    lines = text.split("\n")
    blocks = audience_blocks(text)
    assert {block.audience for block in blocks} == {"patient", "professional"}
    sections = [KETAMINE / source for source in KETAMINE_PAGES.values() if source != "index.md"]
    section_keys = {key for section in sections for key in cited_keys(section)}
    for block in blocks:
        body = []
        for line in lines[block.line :]:
            if line.strip() and not line.startswith("    "):
                break
            body.append(line)
        keys = {key for cite in citation_blocks("\n".join(body)) for key in cite.keys}
        assert keys and keys <= section_keys, keys - section_keys
