"""The base-branch rules: an approved page changed without a new last_updated, and status changes.

A table for the comparison of two versions of a page, then real git repositories in a temp dir
for what `medkb check --base REF` finds in a branch, and the command itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import FIXTURES

from medkb.checks.approval_diff import GitError, PageChange, approval_findings, changed_pages, compare_page

BODY = "First claim.[@a2000x]\nSecond claim.[@a2000x]\n"


def page(
    status: str = "approved", last_updated: str = "2026-01-10", body: str = BODY, description: str = "D."
) -> str:
    reviewers = "reviewers:\n  - Dr Reviewer\nreviewed_on: 2026-01-10\n" if status == "approved" else ""
    return (
        f"---\ntitle: T\ndescription: {description}\nreview_status: {status}\nlast_updated: {last_updated}\n"
        f"{reviewers}---\n\n{body}"
    )


def found(base_text: str | None, text: str) -> list[tuple[int | None, str, str]]:
    return [
        (f.line, f.kind, f.severity) for f in compare_page(PageChange("docs/a/p.md", base_text, text), "main")
    ]


# Line numbers in an approved page: review_status on 4, last_updated on 5, the claims on 11 and 12.
@pytest.mark.parametrize(
    ("base_text", "text", "expected"),
    [
        pytest.param(
            page(),
            page(body="First claim.[@a2000x]\nChanged claim.[@a2000x]\n"),
            [(12, "approved page changed", "error")],
            id="approved-changed-same-date",
        ),
        pytest.param(
            page(),
            page(last_updated="2026-01-01", body="New first claim.[@a2000x]\n"),
            [(11, "approved page changed", "error")],
            id="approved-changed-earlier-date",
        ),
        pytest.param(
            page(),
            page(body=BODY + "Third claim.[@a2000x]\n"),
            [(13, "approved page changed", "error")],
            id="approved-line-added",
        ),
        pytest.param(
            page(),
            page(body="First claim.[@a2000x]\n"),
            [(11, "approved page changed", "error")],
            id="approved-line-removed-at-end",
        ),
        pytest.param(
            page(),
            page(last_updated="2026-02-01", body="Changed.[@a2000x]\n"),
            [],
            id="approved-changed-new-date",
        ),
        pytest.param(page(), page(description="Another description."), [], id="approved-front-matter-only"),
        pytest.param(
            page(),
            page(body="First claim.[@a2000x]   \nSecond claim.[@a2000x]\n\n\n"),
            [],
            id="approved-trailing-whitespace-only",
        ),
        pytest.param(
            page("submitted"), page("submitted", body="Changed.[@a2000x]\n"), [], id="submitted-changed"
        ),
        pytest.param(
            page("submitted"),
            page("under_review"),
            [(4, "review status change", "warning")],
            id="status-change",
        ),
        pytest.param(
            page("under_review"), page(), [(4, "review status change", "warning")], id="approved-now"
        ),
        pytest.param(None, page("submitted"), [], id="new-page-submitted"),
        pytest.param(None, page(), [(4, "review status change", "warning")], id="new-page-approved"),
        pytest.param(
            page(), "---\ntitle: [unclosed\n---\nText.\n", [], id="broken-front-matter-left-to-check"
        ),
    ],
)
def test_compare_page(base_text: str | None, text: str, expected: list[tuple[int, str, str]]) -> None:
    assert found(base_text, text) == expected


def test_messages_say_what_to_fix() -> None:
    changed = compare_page(PageChange("docs/a/p.md", page(), page(body="Changed.[@a2000x]\n")), "origin/main")
    assert [f.format() for f in changed] == [
        (
            "docs/a/p.md:11: approved page changed: this page is approved on origin/main and its content changed, "
            "but last_updated (line 5) is 2026-01-10, not later than the approved version's 2026-01-10; "
            "set last_updated to the date of this change"
        )
    ]
    status = compare_page(PageChange("docs/a/p.md", page("submitted"), page("under_review")), "origin/main")
    assert [f.format() for f in status] == [
        (
            "docs/a/p.md:4: review status change: review_status changes from Submitted to Under Review: only the "
            "medical reviewers move a page between statuses; their approval of this pull request is required (CODEOWNERS)"
        )
    ]
    new = compare_page(PageChange("docs/a/p.md", None, page()), "origin/main")
    assert "review_status changes as a new page to Approved" in new[0].message


# ---------------------------------------------------------------------------------------------
# Real git repositories
# ---------------------------------------------------------------------------------------------

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=True
    )
    return result.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: one approved page and one submitted page; HEAD on a new branch 'change'."""
    root = tmp_path / "repo"
    (root / "docs/a").mkdir(parents=True)
    (root / "docs/a/approved.md").write_text(page())
    (root / "docs/a/submitted.md").write_text(page("submitted"))
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "base")
    git(root, "checkout", "-q", "-b", "change")
    return root


def kinds(findings: list) -> list[tuple[str, int | None, str]]:
    return [(f.path, f.line, f.kind) for f in findings]


def test_committed_change_to_an_approved_page_is_found(repo: Path) -> None:
    (repo / "docs/a/approved.md").write_text(page(body="First claim.[@a2000x]\nEdited.[@a2000x]\n"))
    (repo / "docs/a/submitted.md").write_text(page("submitted", body="Edited.[@a2000x]\n"))
    commit_all(repo, "edit")

    assert kinds(approval_findings(repo, "main")) == [("docs/a/approved.md", 12, "approved page changed")]


def test_uncommitted_change_counts_and_a_new_date_clears_it(repo: Path) -> None:
    approved = repo / "docs/a/approved.md"
    approved.write_text(page(body="Edited.[@a2000x]\n"))
    assert kinds(approval_findings(repo, "main")) == [("docs/a/approved.md", 11, "approved page changed")]

    approved.write_text(page(last_updated="2026-02-01", body="Edited.[@a2000x]\n"))
    assert approval_findings(repo, "main") == []


def test_renamed_and_changed_approved_page_is_found_under_its_new_name(repo: Path) -> None:
    git(repo, "mv", "docs/a/approved.md", "docs/a/renamed.md")
    (repo / "docs/a/renamed.md").write_text(
        page(body="First claim.[@a2000x]\nSecond claim, edited.[@a2000x]\n")
    )
    commit_all(repo, "rename")

    changes = changed_pages(repo, "main")
    assert [(c.path, c.base_text == page()) for c in changes] == [("docs/a/renamed.md", True)]
    assert kinds(approval_findings(repo, "main")) == [("docs/a/renamed.md", 12, "approved page changed")]


def test_only_changes_since_the_merge_base_count(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    (repo / "docs/a/approved.md").write_text(
        page(body="Changed on main after the branch started.[@a2000x]\n")
    )
    commit_all(repo, "main moves on")
    git(repo, "checkout", "-q", "change")
    (repo / "docs/a/submitted.md").write_text(page("under_review"))
    commit_all(repo, "start review")

    assert kinds(approval_findings(repo, "main")) == [("docs/a/submitted.md", 4, "review status change")]


def test_deleted_pages_and_other_files_are_not_compared(repo: Path) -> None:
    (repo / "docs/a/submitted.md").unlink()
    (repo / "docs/a/notes.txt").write_text("x")
    (repo / "README.md").write_text("x")
    commit_all(repo, "delete")
    assert changed_pages(repo, "main") == []


def test_unknown_base_and_missing_repository_are_clear_errors(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(
        GitError, match=r"the base 'origin/main' is not a commit in this repository; fetch it first"
    ):
        approval_findings(repo, "origin/main")
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(GitError, match="not a git repository"):
        approval_findings(plain, "main")


# ---------------------------------------------------------------------------------------------
# The command: `medkb check --base REF` (what `make check BASE=...` and the pull request run)
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def project_repo(tmp_path: Path) -> Path:
    """The minimal fixture site in git: its overview page approved on main, HEAD on a branch."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", root)
    overview = root / "docs/demo-article/index.md"
    overview.write_text(
        overview.read_text().replace(
            "review_status: submitted\n",
            "review_status: approved\nreviewers:\n  - Dr Reviewer\nreviewed_on: 2025-12-01\n",
        )
    )
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "approved overview")
    git(root, "checkout", "-q", "-b", "fix")
    return root


def check(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "medkb", "check", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV, "GITHUB_ACTIONS": "", **env},
        check=False,
    )


def test_check_with_base_fails_on_an_approved_page_changed_without_a_new_date(project_repo: Path) -> None:
    overview = project_repo / "docs/demo-article/index.md"
    text = overview.read_text()
    overview.write_text(text.replace("within hours.", "within two hours."))
    changed_line = next(
        n for n, line in enumerate(overview.read_text().splitlines(), 1) if "two hours" in line
    )

    assert check(project_repo).returncode == 0
    result = check(project_repo, "--base", "main")

    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"docs/demo-article/index.md:{changed_line}: approved page changed: this page is approved on main and its "
        "content changed, but last_updated (line 9) is 2025-12-01, not later than the approved version's "
        "2025-12-01; set last_updated to the date of this change"
    )
    annotated = check(project_repo, "--base", "main", GITHUB_ACTIONS="true")
    assert (
        f"::error file=docs/demo-article/index.md,line={changed_line},title=approved page changed::"
        in annotated.stdout
    )

    overview.write_text(overview.read_text().replace("last_updated: 2025-12-01", "last_updated: 2025-12-02"))
    assert check(project_repo, "--base", "main").returncode == 0


def test_check_with_base_marks_status_changes_on_the_diff_without_failing(project_repo: Path) -> None:
    section = project_repo / "docs/demo-article/section.md"
    section.write_text(section.read_text().replace("review_status: under_review", "review_status: submitted"))

    result = check(project_repo, "--base", "main", GITHUB_ACTIONS="true")

    assert result.returncode == 0, result.stdout
    assert (
        "::warning file=docs/demo-article/section.md,line=3,title=review status change::review_status changes "
        "from Under Review to Submitted" in result.stdout
    )


def test_check_with_an_unknown_base_says_how_to_get_it(project_repo: Path) -> None:
    result = check(project_repo, "--base", "origin/main")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "medkb check --base origin/main: the base 'origin/main' is not a commit in this repository; fetch it first "
        "(git fetch origin; in GitHub Actions check out with fetch-depth: 0)"
    )
