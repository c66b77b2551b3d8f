"""Offline and reproducible: the build and the PDF export need no network, and two builds of the same
commit (at different times, in different time zones, with different hash seeds) are byte-identical.

The real site (docs/, bib/, hooks, templates of the repository, PDFs included) is committed to a
fresh git repository and published twice with `python -m medkb.cli.publish`, as `make pdf` does: once
normally, once inside a network namespace with no network (`unshare -n`) and with every Python
socket connection, name lookup and URL fetch refused and recorded (tests/netguard/sitecustomize.py).
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from publishing import fingerprint
from sitebuild import FIXTURES, REPO, make_project

from medkb.cli.publish import source_date_epoch

NETGUARD = REPO / "tests" / "netguard"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class TwoBuilds:
    online: Path
    offline: Path
    offline_result: subprocess.CompletedProcess[str]
    network_log: Path
    isolated: bool
    """True when the offline build ran in a network namespace (`unshare -n`), not only under the guard."""


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> TwoBuilds:
    work = tmp_path_factory.mktemp("reproducible")
    project = committed_project(work / "project", REPO)
    first = publish(project, work / "site-a", {"TZ": "UTC", "PYTHONHASHSEED": "1"})
    assert first.returncode == 0, first.stdout + first.stderr
    time.sleep(1.5)  # a later wall-clock second, minute and (in the other zone) day
    network_log = work / "network.log"
    isolated = network_namespace_available()
    second = publish(
        project,
        work / "site-b",
        {
            "TZ": "Pacific/Kiritimati",
            "PYTHONHASHSEED": "2",
            "PYTHONPATH": str(NETGUARD),
            "MEDKB_NETWORK_LOG": str(network_log),
        },
        offline=isolated,
    )
    return TwoBuilds(work / "site-a", work / "site-b", second, network_log, isolated)


def test_the_build_and_pdf_export_need_no_network(two_builds: TwoBuilds) -> None:
    result = two_builds.offline_result
    assert result.returncode == 0, result.stdout + result.stderr
    assert not two_builds.network_log.exists(), two_builds.network_log.read_text()
    pdfs = sorted(path.name for path in (two_builds.offline / "pdf").glob("*.pdf"))
    assert "handbook.pdf" in pdfs and len(pdfs) >= 2, pdfs
    assert all((two_builds.offline / "pdf" / name).read_bytes().startswith(b"%PDF-") for name in pdfs)


def test_the_network_guard_would_notice_a_connection(tmp_path: Path) -> None:
    """The control: the same guard stops and records a fetch, so the test above can fail."""
    log = tmp_path / "network.log"
    env = {**os.environ, "PYTHONPATH": str(NETGUARD), "MEDKB_NETWORK_LOG": str(log)}
    script = "import urllib.request\nurllib.request.urlopen('https://fonts.example/font.woff2', timeout=5)"
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "urllib.Request https://fonts.example/font.woff2" in log.read_text()


def test_two_builds_of_a_commit_are_byte_identical(two_builds: TwoBuilds) -> None:
    online, offline = fingerprint(two_builds.online), fingerprint(two_builds.offline)
    assert len(online) > 50
    assert "sitemap.xml.gz" in online and "search/search_index.json" in online
    assert sorted(online) == sorted(offline)
    differing = [name for name in online if online[name] != offline[name]]
    assert differing == []


def test_sitemap_dates_come_from_the_commit_not_the_clock(tmp_path: Path) -> None:
    commit_date = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
    project = committed_project(
        tmp_path / "project", FIXTURES / "minimal", commit_date, site_url="https://kb.example.org/"
    )
    result = publish(project, tmp_path / "site", {"TZ": "Pacific/Kiritimati"})
    assert result.returncode == 0, result.stdout + result.stderr

    sitemap = ET.parse(tmp_path / "site/sitemap.xml")
    dates = [element.text for element in sitemap.iter(f"{SITEMAP}lastmod")]
    assert len(dates) >= 4 and set(dates) == {"2026-01-15"}
    with gzip.open(tmp_path / "site/sitemap.xml.gz") as compressed:
        assert compressed.read() == (tmp_path / "site/sitemap.xml").read_bytes()
    header_mtime = int.from_bytes((tmp_path / "site/sitemap.xml.gz").read_bytes()[4:8], "little")
    assert dt.datetime.fromtimestamp(header_mtime, dt.UTC).date() == dt.date(2026, 1, 15)


def test_source_date_epoch_is_the_commit_time_only_for_committed_sources(tmp_path: Path) -> None:
    commit_date = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
    project = committed_project(tmp_path / "project", FIXTURES / "minimal", commit_date)
    assert source_date_epoch(project) == str(int(commit_date.timestamp()))

    (project / "site").mkdir()  # output and other files outside the sources do not count
    assert source_date_epoch(project) == str(int(commit_date.timestamp()))

    page = project / "docs/index.md"
    page.write_text(page.read_text() + "\nAn edit not yet committed.\n")
    assert source_date_epoch(project) is None  # no commit to reproduce: the clock is used

    outside = tmp_path / "not-a-repository"
    outside.mkdir()
    assert source_date_epoch(outside) is None


# --- helpers ------------------------------------------------------------------------------------


def committed_project(
    destination: Path, source: Path, date: dt.datetime | None = None, *, site_url: str | None = None
) -> Path:
    project = make_project(destination, source)
    if site_url is not None:  # MkDocs lists pages in the sitemap only when it knows the site's address
        config = project / "mkdocs.yml"
        config.write_text(f"site_url: {site_url}\n" + config.read_text())
    git = shutil.which("git")
    assert git, "git is needed to build from a commit"
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date.isoformat()
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "Sources"],
    ):
        subprocess.run([git, *command], cwd=project, env=env, check=True, capture_output=True)
    return project


def publish(
    project: Path, site: Path, extra_env: dict[str, str], *, offline: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MEDKB_PDF": "true", **extra_env}
    env.pop("SOURCE_DATE_EPOCH", None)
    command = [sys.executable, "-m", "medkb.cli.publish", "--site-dir", str(site)]
    if offline:
        command = ["unshare", "--net", *command]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)


def network_namespace_available() -> bool:
    """`unshare -n` needs root or user namespaces; without it the guard alone refuses connections."""
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "--net", "true"], capture_output=True, check=False).returncode == 0
