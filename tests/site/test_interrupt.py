"""`make site` interrupted for real (Ctrl-C, kill, kill -9) in the middle of writing the new site:
site/ stays exactly as it was and nothing half-written is left behind (or, after kill -9, only a hidden
staging folder that the next build removes)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from publishing import fingerprint

from medkb.cli import publish

NOTES = 150
"""Extra pages, so that MkDocs spends a few seconds writing pages into the staging folder."""


def test_ctrl_c_mid_build_leaves_the_previous_site(slow_project: Path) -> None:
    before = publish_once(slow_project)
    change_content(slow_project)
    build = start_publish(slow_project)
    mkdocs = wait_until_writing(slow_project, build)

    os.killpg(build.pid, signal.SIGINT)  # what the terminal does on Ctrl-C: the whole process group
    returncode = build.wait(timeout=120)

    output = output_of(slow_project)
    assert returncode == 128 + signal.SIGINT, output
    assert "Build interrupted (SIGINT): site/ was left as it was." in output
    assert "Traceback" not in output
    assert_untouched(slow_project, before)
    assert leftovers(slow_project) == []
    assert not alive(mkdocs)


def test_kill_mid_build_leaves_the_previous_site(slow_project: Path) -> None:
    before = publish_once(slow_project)
    change_content(slow_project)
    build = start_publish(slow_project)
    mkdocs = wait_until_writing(slow_project, build)

    os.kill(build.pid, signal.SIGTERM)  # `kill PID`: the publisher alone; it must stop MkDocs itself
    returncode = build.wait(timeout=120)

    output = output_of(slow_project)
    assert returncode == 128 + signal.SIGTERM, output
    assert "Build interrupted (SIGTERM): site/ was left as it was." in output
    assert "Traceback" not in output
    assert_untouched(slow_project, before)
    assert leftovers(slow_project) == []
    assert wait_for_exit(mkdocs), "MkDocs kept running after the publisher was stopped"


def test_kill_9_leaves_only_a_hidden_staging_folder_that_the_next_build_removes(slow_project: Path) -> None:
    before = publish_once(slow_project)
    change_content(slow_project)
    build = start_publish(slow_project)
    mkdocs = wait_until_writing(slow_project, build)

    os.kill(build.pid, signal.SIGKILL)
    build.wait(timeout=60)

    assert wait_for_exit(mkdocs), "MkDocs kept writing after the publisher was killed"
    assert_untouched(slow_project, before)
    left = leftovers(slow_project)
    assert len(left) == 1 and left[0].startswith(publish.STAGING_PREFIX), left

    after = run_publish(slow_project)
    assert after.returncode == 0, after.stdout + after.stderr
    assert leftovers(slow_project) == []
    assert "Changed after the first build" in (slow_project / "site/index.html").read_text()


# --- helpers ------------------------------------------------------------------------------------


@pytest.fixture
def slow_project(minimal_project: Path) -> Path:
    nav = []
    for number in range(NOTES):
        (minimal_project / f"docs/note-{number:03d}.md").write_text(
            f"---\ntitle: Note {number}\n---\n\nResponse rates were higher than with placebo.[@zarate2006randomized]\n"
            "\n## Details\n\nThe effect was seen within hours.[@berman2000antidepressant]\n"
        )
        nav.append(f"- note-{number:03d}.md\n")
    config = minimal_project / "mkdocs.yml"
    text = config.read_text()
    assert "- editorial-policy.md\n" in text
    config.write_text(text.replace("- editorial-policy.md\n", "- editorial-policy.md\n" + "".join(nav)))
    return minimal_project


def run_publish(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "medkb.cli.publish", "--site-dir", "site"],
        cwd=project,
        capture_output=True,
        text=True,
        env=build_env(),
        check=False,
    )


def publish_once(project: Path) -> dict[str, str]:
    result = run_publish(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return fingerprint(project / "site")


def start_publish(project: Path) -> subprocess.Popen[str]:
    log = (project / "publish.log").open("w")
    return subprocess.Popen(
        [sys.executable, "-m", "medkb.cli.publish", "--site-dir", "site"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        env=build_env(),
        start_new_session=True,
    )


def output_of(project: Path) -> str:
    return (project / "publish.log").read_text()


def wait_until_writing(project: Path, build: subprocess.Popen[str], timeout: float = 180) -> int:
    """Block until MkDocs has written some pages of the new site but not all; return MkDocs' process id."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert build.poll() is None, "the build ended before it could be interrupted"
        for staging in project.glob(f"{publish.STAGING_PREFIX}*"):
            written = len(list(staging.glob("note-*/index.html")))
            if 0 < written < NOTES // 2:
                children = Path(f"/proc/{build.pid}/task/{build.pid}/children").read_text().split()
                assert children, "no MkDocs process under the publisher"
                return int(children[0])
        time.sleep(0.005)
    raise AssertionError("MkDocs did not start writing pages in time")


def change_content(project: Path) -> None:
    home = project / "docs/index.md"
    home.write_text(home.read_text() + "\nChanged after the first build. <!-- not-a-claim: a test edit -->\n")


def assert_untouched(project: Path, before: dict[str, str]) -> None:
    assert fingerprint(project / "site") == before, "site/ changed"


def leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if path.name.startswith(".site-"))



def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def wait_for_exit(pid: int, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


def build_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


