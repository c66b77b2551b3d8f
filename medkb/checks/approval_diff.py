"""Pull-request rules that need the base branch: what changed on pages since `git merge-base`.

* An approved page whose content changed while its `last_updated` did not is an error: readers
  would take the new text for the reviewed one.
* Every change of `review_status` is reported as a warning on the diff, so that the medical
  reviewers see each status change they are asked to approve.

Pages are compared with their version at the merge base of the base ref and HEAD (what a pull
request changes), against the working tree, so uncommitted edits count too.
"""

from __future__ import annotations

import datetime as dt
import difflib
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medkb.findings import Finding
from medkb.sources import DOCS_FOLDER
from medkb.sources.frontmatter import FrontMatter, FrontMatterError, as_date, read_front_matter
from medkb.sources.review import STATUS_LABELS

APPROVED = "approved"


class GitError(Exception):
    """git could not answer (no repository, unknown base ref): the check cannot be made."""


@dataclass(frozen=True)
class PageChange:
    path: str
    """Path of the page now, relative to the root (`docs/...`)."""
    base_text: str | None
    """The page at the merge base (under its old name if it was renamed); None for a new page."""
    text: str


def approval_findings(root: Path, base: str, docs: str = DOCS_FOLDER) -> list[Finding]:
    findings: list[Finding] = []
    for change in changed_pages(root, base, docs):
        findings.extend(compare_page(change, base))
    return findings


def compare_page(change: PageChange, base: str) -> list[Finding]:
    """The findings for one changed page (pure: no git, no files)."""
    new = _front(change.text)
    if new is None:
        return []  # broken front matter: the main check reports it with its line
    old = _front(change.base_text) if change.base_text is not None else None
    old_status = old.data.get("review_status") if old else None
    new_status = new.data.get("review_status")
    findings: list[Finding] = []

    if old is not None and old_status == APPROVED and change.base_text is not None:
        changed_line = _first_changed_body_line(change.base_text, old, change.text, new)
        old_date, new_date = as_date(old.data.get("last_updated")), as_date(new.data.get("last_updated"))
        if changed_line is not None and not (old_date and new_date and new_date > old_date):
            date_line = new.field_lines.get("last_updated", 1)
            findings.append(
                Finding(
                    change.path,
                    changed_line,
                    "approved page changed",
                    f"this page is approved on {base} and its content changed, but last_updated (line "
                    f"{date_line}) is {_text(new.data.get('last_updated'))}, not later than the approved "
                    f"version's {_text(old.data.get('last_updated'))}; "
                    "set last_updated to the date of this change",
                )
            )

    if new_status != old_status and (old is not None or new_status != "submitted"):
        before = f"from {_label(old_status)} " if old is not None else "as a new page "
        findings.append(
            Finding(
                change.path,
                new.field_lines.get("review_status", 1),
                "review status change",
                f"review_status changes {before}to {_label(new_status)}: only the medical reviewers move a "
                "page between statuses; their approval of this pull request is required (CODEOWNERS)",
                severity="warning",
            )
        )
    return findings


def changed_pages(root: Path, base: str, docs: str = DOCS_FOLDER) -> list[PageChange]:
    """Markdown pages under `docs` added, modified or renamed since the merge base of `base` and HEAD."""
    git_output(root, "rev-parse", "--show-toplevel")
    if not git_output(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}", check=False):
        raise GitError(
            f"the base '{base}' is not a commit in this repository; fetch it first "
            "(git fetch origin; in GitHub Actions check out with fetch-depth: 0)"
        )
    merge_base = git_output(root, "merge-base", base, "HEAD", check=False).strip()
    if not merge_base:
        raise GitError(
            f"'{base}' and HEAD have no common history; compare with the branch this one started from"
        )
    raw = git_output(root, "diff", "--name-status", "-z", "-M", "--relative", merge_base, "--", docs)
    fields = raw.split("\0")
    changes: list[PageChange] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status[0] in "RC":
            old_path, path = fields[index + 1], fields[index + 2]
            index += 3
        else:
            old_path = path = fields[index + 1]
            index += 2
        if status[0] in "D" or not path.endswith(".md"):
            continue
        try:
            text = (root / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # unreadable now: the main check says why
        base_text = (
            None if status[0] == "A" else git_output(root, "show", f"{merge_base}:./{old_path}", check=False)
        )
        changes.append(PageChange(path, base_text or None, text))
    return changes


def git_output(root: Path, *args: str, check: bool = True) -> str:
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed; the base-branch check needs it") from None
    if result.returncode != 0 and check:
        message = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"git {args[0]} failed"
        raise GitError(f"{root}: {message}")
    return result.stdout if result.returncode == 0 else ""


def _front(text: str) -> FrontMatter | None:
    try:
        return read_front_matter(text)
    except FrontMatterError:
        return None


def _body(text: str, front: FrontMatter) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()[front.body_start_line - 1 :]]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _first_changed_body_line(old_text: str, old: FrontMatter, new_text: str, new: FrontMatter) -> int | None:
    """1-based line in the new file of the first body change; None when the bodies read the same."""
    old_body, new_body = _body(old_text, old), _body(new_text, new)
    if old_body == new_body:
        return None
    matcher = difflib.SequenceMatcher(a=old_body, b=new_body, autojunk=False)
    for tag, _i1, _i2, j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            return new.body_start_line + min(j1, max(len(new_body) - 1, 0))
    return new.body_start_line


def _label(status: Any) -> str:
    return STATUS_LABELS.get(status, f"'{status}'") if isinstance(status, str) else "(none)"


def _text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "missing" if value is None else str(value)
