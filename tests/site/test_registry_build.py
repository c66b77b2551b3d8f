"""The build reads the registry cache and nothing else: a reference the cache records as matched, as it
now reads, shows "verified against ..."; the build is the same with and without a network."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from sitebuild import FIXTURES, REPO, make_project

from medkb.engine import engine
from medkb.registry.cache import CACHE_NAME, RegistryCache, Verdict, fingerprint
from medkb.sources.bibliography import load_bibliography

NETGUARD = REPO / "tests" / "netguard"
CHECKED = dt.date(2026, 11, 20)


def cache_for(project: Path) -> RegistryCache:
    """zarate: matched as it reads; berman: matched, but edited since; larkin: checked, did not match."""
    references = load_bibliography(sorted((project / "bib").glob("*.bib")), project).references
    compared = ("title", "first author", "year", "journal", "notices")
    return RegistryCache(
        verdicts={
            "zarate2006randomized": Verdict(
                CHECKED,
                fingerprint(references["zarate2006randomized"]),
                {"crossref": "10.1001/archpsyc.63.8.856", "pubmed": "16894061"},
                compared,
                True,
            ),
            "berman2000antidepressant": Verdict(
                CHECKED, "0123456789abcdef", {"crossref": "10.1016/s0006-3223(99)00230-9"}, compared, True
            ),
            "larkin2011preliminary": Verdict(
                CHECKED,
                fingerprint(references["larkin2011preliminary"]),
                {"crossref": "10.1017/s1461145711000629"},
                compared,
                False,
            ),
        }
    )


def build(project: Path, site: Path, *, guarded: bool) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    if guarded:
        env |= {"PYTHONPATH": str(NETGUARD), "MEDKB_NETWORK_LOG": str(project / "network.log")}
    return subprocess.run(
        [sys.executable, "-m", engine(), "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def files_of(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_only_entries_matched_as_they_read_show_verified_and_the_build_needs_no_network(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "minimal")
    cache_for(project).save(project / "bib" / CACHE_NAME)

    guarded = build(project, tmp_path / "offline", guarded=True)
    assert guarded.returncode == 0, guarded.stdout + guarded.stderr
    assert not (project / "network.log").exists(), (project / "network.log").read_text()

    page = BeautifulSoup(
        (tmp_path / "offline/demo-article/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    shown = {
        str(item["id"]).removeprefix("fn:"): (
            label.get_text(strip=True) if (label := item.select_one(".medkb-ref__verified")) else ""
        )
        for item in page.select(".footnote li[id^='fn:']")
    }
    assert shown == {
        "zarate2006randomized": "verified against Crossref and PubMed, 2026-11",
        "berman2000antidepressant": "",
        "larkin2011preliminary": "",
    }

    online = build(project, tmp_path / "online", guarded=False)
    assert online.returncode == 0, online.stdout + online.stderr
    assert files_of(tmp_path / "online") == files_of(tmp_path / "offline")


def test_a_broken_cache_stops_the_build_with_its_file_and_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "minimal")
    (project / "bib" / CACHE_NAME).write_text('{\n  "format": 1,\n  "verdicts": [\n', encoding="utf-8")
    result = build(project, tmp_path / "site", guarded=True)
    assert result.returncode == 1
    assert "bib/registry-cache.json:4: registry cache: " in result.stderr
    assert "Traceback" not in result.stderr
