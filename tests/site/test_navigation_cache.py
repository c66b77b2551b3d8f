"""Collapsed navigation sections are rendered once (hooks/navigation_cache.py), and every page is still
exactly what Material renders without the cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from sitebuild import REPO, build

from bench.corpus import CorpusSize, generate


def test_every_page_is_byte_identical_with_and_without_the_navigation_cache(tmp_path: Path) -> None:
    flat = CorpusSize(pages=56, bib_entries=112, articles_per_section=0)
    cached = generate(tmp_path / "cached", flat, repo=REPO)
    # Three articles grouped under a section of their own: collapsed sections at two levels, and links
    # that lead into a section the reader is in.
    config_path = cached / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    nav = config["nav"]
    nav[1:4] = [{"Psychiatry": nav[1:4]}]
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    uncached = tmp_path / "uncached"
    shutil.copytree(cached, uncached)
    for template in ("nav.html", "nav-item.html"):  # Material's own navigation templates
        (uncached / "overrides" / "partials" / template).unlink()

    results = [build(cached), build(uncached)]
    for result in results:
        assert result.ok, result.output
    pages = html_files(cached / "site")
    assert len(pages) > 56 and pages == html_files(uncached / "site")
    different = [str(page) for page in pages
                 if (cached / "site" / page).read_bytes() != (uncached / "site" / page).read_bytes()]
    assert different == []
    # The pages do have collapsed sections, nested ones included.
    inner = (cached / "site" / "topic-0004" / "index.html").read_text(encoding="utf-8")
    assert inner.count("md-nav__item--pruned") >= 3
    grouped = (cached / "site" / "topic-0001" / "dosing" / "index.html").read_text(encoding="utf-8")
    assert "md-nav__item--pruned" in grouped and "Psychiatry" in grouped
    # Inside the reader's section, the other articles (collapsed) and the other pages of the reader's
    # article (plain links) come from the cache too: they are in the page, as Material writes them.
    assert grouped.count('<li class="md-nav__item">') >= 7


def html_files(site: Path) -> list[Path]:
    return sorted(path.relative_to(site) for path in site.rglob("*.html"))
