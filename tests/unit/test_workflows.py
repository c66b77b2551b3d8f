"""Contributor tooling: GitHub workflows, pre-commit, CODEOWNERS and the pull request template.

The workflows must parse and call only `make` targets the Makefile defines (so CI installs and
checks exactly as every machine does); every action is pinned to a commit, every job holds only
the permissions it needs, and zizmor (run offline) finds nothing in .github/. The pre-commit hook
is run for real in a temp repository.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitebuild import FIXTURES, REPO

WORKFLOWS = REPO / ".github" / "workflows"
ZIZMOR = Path(sys.executable).with_name("zizmor")
# `uses: owner/repo@<full commit>  # vX.Y.Z`: a tag can be moved to other code, a commit cannot.
PINNED_USES = re.compile(
    r"""(?x)
    ^\s*(?:-\s+)?uses:\s+
    (?P<action>[\w.-]+/[\w.-]+(?:/[\w.-]+)*)   # owner/repo[/path]
    @(?P<commit>[0-9a-f]{40})                  # the release's full commit
    \s+\#\s+(?P<version>v\d+\.\d+\.\d+)\s*$      # and its version, for people and Dependabot
    """
)
MAKE_RULE = re.compile(r"^(?P<targets>[A-Za-z0-9_.%/$() -]+?)\s*::?(?!=)(?:\s|$)", re.MULTILINE)


def makefile_targets() -> set[str]:
    """Targets with a rule in the Makefile (variable names such as $(READY) left out)."""
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return {
        target
        for match in MAKE_RULE.finditer(text)
        for target in match.group("targets").split()
        if not target.startswith("$") and not target.startswith(".")
    }


def load_workflow(name: str) -> dict[Any, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    return on if isinstance(on, dict) else {name: None for name in ([on] if isinstance(on, str) else on)}


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def make_calls(run: str) -> list[tuple[list[str], dict[str, str]]]:
    """Each line of a `run:` as (targets, variables); a line that is not a `make` call fails the test."""
    calls = []
    for line in run.strip().splitlines():
        words = shlex.split(line)
        assert words and words[0] == "make", f"run step line is not a make call: {line!r}"
        variables = dict(word.split("=", 1) for word in words[1:] if "=" in word)
        targets = [word for word in words[1:] if "=" not in word]
        assert targets, f"make call names no target: {line!r}"
        calls.append((targets, variables))
    return calls


def workflow_names() -> list[str]:
    return sorted(path.name for path in WORKFLOWS.glob("*.yml"))


def test_there_is_a_pull_request_workflow_and_a_publishing_workflow() -> None:
    assert workflow_names() == ["publish.yml", "pull-request.yml"]


@pytest.mark.parametrize("name", workflow_names())
def test_every_step_uses_a_pinned_action_or_calls_make_targets_that_exist(name: str) -> None:
    workflow = load_workflow(name)
    targets = makefile_targets()
    assert workflow["name"] and workflow["jobs"]
    for job in workflow["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest"
        assert job.get("steps"), "every job has steps"
    for step in steps(workflow):
        assert ("uses" in step) != ("run" in step), f"a step either uses an action or runs make: {step}"
        if "uses" in step:
            continue
        for called, _variables in make_calls(step["run"]):
            missing = [target for target in called if target not in targets]
            assert not missing, (
                f"{name}: step {step.get('name')!r} calls make {missing}, which the Makefile does not define"
            )
            dry_run = subprocess.run(
                ["make", "-n", *called], cwd=REPO, capture_output=True, text=True, check=False
            )
            assert dry_run.returncode == 0, dry_run.stderr


def test_pull_requests_are_checked_tested_built_exported_and_uploaded() -> None:
    workflow = load_workflow("pull-request.yml")
    assert "pull_request" in triggers(workflow)
    all_steps = workflow["jobs"]["checks"]["steps"]
    checkout = next(step for step in all_steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "the base-branch check needs the base branch's history"

    calls = {
        target: (variables, step)
        for step in all_steps
        if "run" in step
        for targets, variables in make_calls(step["run"])
        for target in targets
    }
    assert list(calls) == ["setup", "check", "verify-refs", "test", "site", "pdf"]
    for target in ("check", "verify-refs"):  # verify-refs: only the entries the pull request adds or changes
        variables, step = calls[target]
        assert variables == {"BASE": "$BASE"}
        assert step["env"]["BASE"] == "origin/${{ github.base_ref }}"
    for target in ("verify-refs", "test", "site", "pdf"):
        assert calls[target][1]["if"] == "${{ !cancelled() }}", (
            f"{target} runs even when an earlier check failed"
        )

    uploads = {
        step["with"]["name"]: step["with"]["path"]
        for step in all_steps
        if step.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert uploads == {"site": "site/", "pdf": "site/pdf/"}


def test_pull_requests_run_the_suite_on_properdocs_too() -> None:
    job = load_workflow("pull-request.yml")["jobs"]["engines"]
    assert job["strategy"]["matrix"]["mkdocs"] == ["properdocs"]
    assert job["permissions"] == {"contents": "read"}
    (run,) = [step for step in job["steps"] if "run" in step]
    assert make_calls(run["run"]) == [(["test"], {"MKDOCS": "$MKDOCS"})]
    assert run["env"] == {"MKDOCS": "${{ matrix.mkdocs }}"}
    dry_run = subprocess.run(["make", "-n", "test", "MKDOCS=properdocs"], cwd=REPO, capture_output=True,
                             text=True, check=False)
    assert dry_run.returncode == 0 and ".venv-properdocs/bin/python -m pytest" in dry_run.stdout, dry_run.stderr


def test_every_test_build_runs_on_the_engine_under_test() -> None:
    """`make test MKDOCS=properdocs` has no `mkdocs` package: a test builds with medkb.engine's choice."""
    hardcoded = [
        path.name for path in sorted((REPO / "tests").rglob("*.py"))
        if re.search(r"""["']-m["'],\s*["']mkdocs["']""", path.read_text(encoding="utf-8"))
    ]
    assert hardcoded == []


def test_main_is_built_and_deployed_to_github_pages() -> None:
    workflow = load_workflow("publish.yml")
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    targets = [
        target
        for step in build["steps"]
        if "run" in step
        for call in make_calls(step["run"])
        for target in call[0]
    ]
    assert targets == ["check", "site", "pdf"]
    pages_artifact = next(
        step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert pages_artifact["with"]["path"] == "site/"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_make_check_passes_the_base_to_the_command() -> None:
    # Run as a top-level make even when the suite itself runs under `make test`.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"BASE", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}
    }
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "check", "BASE=origin/main"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert dry_run.stdout.strip().splitlines()[-1].endswith('-m medkb check --base "$BASE"')
    plain = subprocess.run(
        ["make", "--no-print-directory", "-n", "check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert plain.stdout.strip().splitlines()[-1].endswith("-m medkb check")


# ---------------------------------------------------------------------------------------------
# Supply chain and permissions: a stranger's pull request runs through these workflows
# ---------------------------------------------------------------------------------------------


def zizmor_findings(*paths: str, cwd: Path = REPO) -> list[str]:
    """zizmor's findings (offline, pedantic persona) as `path:line: audit: what (where)`, one a line."""
    audit = subprocess.run(
        [str(ZIZMOR), "--offline", "--persona", "pedantic", "--format", "json", *paths],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert audit.stdout.strip(), f"zizmor printed no report (exit {audit.returncode}): {audit.stderr}"
    findings = []
    for finding in json.loads(audit.stdout):
        primary = next(place for place in finding["locations"] if place["symbolic"]["kind"] == "Primary")
        path = primary["symbolic"]["key"]["Local"]["verbatim_path"]
        line = primary["concrete"]["location"]["start_point"]["row"] + 1
        findings.append(
            f"{path}:{line}: {finding['ident']}: {finding['desc']} ({primary['symbolic']['annotation']})"
        )
    return findings


def test_zizmor_finds_nothing_in_the_workflows_and_the_dependabot_configuration() -> None:
    findings = zizmor_findings(".github/")
    assert not findings, "zizmor (offline) reports:\n" + "\n".join(findings)


def test_zizmor_names_the_file_and_line_of_what_it_finds(tmp_path: Path) -> None:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "unsafe.yml").write_text(
        "name: Unsafe\n"
        "on: pull_request_target\n"
        "permissions: {}\n"
        "jobs:\n"
        "  greet:\n"
        "    runs-on: ubuntu-latest\n"
        "    permissions: {}\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    findings = "\n".join(zizmor_findings(".github/", cwd=tmp_path))
    assert ".github/workflows/unsafe.yml:9: unpinned-uses:" in findings
    assert ".github/workflows/unsafe.yml:10: template-injection:" in findings
    assert ".github/workflows/unsafe.yml:2: dangerous-triggers:" in findings


@pytest.mark.parametrize("name", workflow_names())
def test_every_action_is_pinned_to_a_full_commit_with_its_version(name: str) -> None:
    lines = (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
    uses_lines = [
        (number, line) for number, line in enumerate(lines, 1) if re.match(r"^\s*(-\s+)?uses:", line)
    ]
    assert len(uses_lines) == sum("uses" in step for step in steps(load_workflow(name)))
    for number, line in uses_lines:
        assert PINNED_USES.match(line), f".github/workflows/{name}:{number}: pin to a commit: {line.strip()}"


def test_dependabot_keeps_the_action_pins_current() -> None:
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    (actions,) = [update for update in config["updates"] if update["package-ecosystem"] == "github-actions"]
    assert actions["directory"] == "/"
    assert actions["schedule"]["interval"] in {"daily", "weekly"}


@pytest.mark.parametrize("name", workflow_names())
def test_every_job_holds_only_the_permissions_it_needs(name: str) -> None:
    workflow = load_workflow(name)
    assert workflow["permissions"] == {}, "no permissions by default: each job names its own"
    granted = {job_id: job["permissions"] for job_id, job in workflow["jobs"].items()}
    if name == "pull-request.yml":
        assert granted == {"checks": {"contents": "read"}, "engines": {"contents": "read"}}
    else:
        assert granted == {"build": {"contents": "read"}, "deploy": {"pages": "write", "id-token": "write"}}


@pytest.mark.parametrize("name", workflow_names())
def test_no_checkout_leaves_its_credentials_in_the_workspace(name: str) -> None:
    checkouts = [
        step for step in steps(load_workflow(name)) if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("name", workflow_names())
def test_no_workflow_runs_a_pull_request_with_secrets_or_expands_event_text_in_a_script(name: str) -> None:
    workflow = load_workflow(name)
    assert not {"pull_request_target", "workflow_run"} & set(triggers(workflow))
    if name == "pull-request.yml":
        assert "secrets." not in (WORKFLOWS / name).read_text(encoding="utf-8")
    for step in steps(workflow):
        assert "${{" not in step.get("run", ""), f"pass expressions through env:, not into a script: {step}"


# ---------------------------------------------------------------------------------------------
# pre-commit: the claim gate on every commit that changes a page or a bib file
# ---------------------------------------------------------------------------------------------


def pre_commit_hook(hook_id: str = "claim-gate") -> dict[str, Any]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = [hook for hook in repo["hooks"] if hook["id"] == hook_id]
    return hook


@pytest.mark.parametrize(
    ("path", "selected"),
    [
        ("docs/ketamine-depression/dosing.md", True),
        ("docs/index.md", True),
        ("bib/ketamine-clinical.bib", True),
        ("docs/images/figure.png", False),
        ("README.md", False),
        ("medkb/checks/claims.py", False),
        ("tests/fixtures/minimal/docs/index.md", False),
    ],
)
def test_pre_commit_runs_on_pages_and_bib_files(path: str, selected: bool) -> None:
    assert bool(re.search(pre_commit_hook()["files"], path)) is selected


def test_pre_commit_hook_stops_a_commit_with_a_broken_citation(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    shutil.copy(REPO / ".pre-commit-config.yaml", project)
    (project / ".venv").symlink_to(REPO / ".venv")
    (project / "README.md").write_text("Readme.\n")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GITHUB_ACTIONS": "",
    }
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True, env=env)
    section = project / "docs/demo-article/section.md"
    section.write_text(section.read_text().replace("[@zarate2006randomized]\n\n!!!", "[@nokey2020x]\n\n!!!"))

    def pre_commit(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--files", *files],
            cwd=project,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    failed = pre_commit("docs/demo-article/section.md")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert (
        "docs/demo-article/section.md:10: unknown cite key: 'nokey2020x' is in no bib/*.bib file"
        in failed.stdout
    )

    skipped = pre_commit("README.md")
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "(no files to check)Skipped" in skipped.stdout


@pytest.mark.parametrize(
    ("path", "selected"),
    [
        (".github/workflows/pull-request.yml", True),
        (".github/dependabot.yml", True),
        (".github/CODEOWNERS", False),
        ("docs/index.md", False),
    ],
)
def test_pre_commit_audits_the_workflows_with_zizmor_offline(path: str, selected: bool) -> None:
    hook = pre_commit_hook("zizmor")
    assert bool(re.search(hook["files"], path)) is selected
    assert shlex.split(hook["entry"])[:2] == [".venv/bin/zizmor", "--offline"]


def test_pre_commit_hook_stops_a_commit_with_an_unpinned_action(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(REPO / ".pre-commit-config.yaml", project)
    (project / ".venv").symlink_to(REPO / ".venv")
    workflow = project / ".github" / "workflows" / "build.yml"
    workflow.write_text(
        "name: Build\non: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
        "    permissions: {}\n    steps:\n      - uses: actions/setup-python@v5\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True, env=env)
    failed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", ".github/workflows/build.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "zizmor" in failed.stdout and "unpinned-uses" in failed.stdout


# ---------------------------------------------------------------------------------------------
# Review routing and the reviewer's checklist
# ---------------------------------------------------------------------------------------------


def owners_of(path: str) -> list[str]:
    """GitHub's rule: the last matching line of CODEOWNERS wins (our patterns: '*', '/dir/', '/file')."""
    owners: list[str] = []
    for line in (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern, *names = line.split()
        anchored = pattern.lstrip("/")
        if pattern == "*" or (pattern.endswith("/") and path.startswith(anchored)) or path == anchored:
            owners = names
    return owners


@pytest.mark.parametrize(
    "path", ["docs/ketamine-depression/dosing.md", "docs/index.md", "bib/ketamine-clinical.bib"]
)
def test_pages_and_references_need_the_medical_reviewers(path: str) -> None:
    assert owners_of(path) == ["@clinical-evidence-kb/medical-reviewers"]


def test_tooling_needs_the_maintainers() -> None:
    assert owners_of("medkb/cli/scaffold.py") == ["@clinical-evidence-kb/maintainers"]


def test_pull_request_template_holds_the_reviewers_checklist() -> None:
    template = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    checklist = re.findall(r"^- \[ \] \*\*(?P<item>[^*]+)\*\*", template, re.MULTILINE)
    assert checklist[:2] == ["Sources checked", "Figures match the sources"]
    assert "Status change justified" in checklist
