"""The contributor path, driven for real in a temp copy of the repository.

`make new-article` scaffolds an article that checks and builds; the first uncited claim fails
`make check` naming its line; the worked example of CONTRIBUTING.md (its command, its lines, its
BibTeX entry and its approval front matter) does what the document says, word for word.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from commands import front_matter, medkb, mkdocs_config, run_make
from sitebuild import REPO, BuildResult, build

from medkb.cli.scaffold import bib_header
from medkb.sources.bibtex import parse_bibtex

SLUG = "lithium-suicide-prevention"
EXAMPLE_DAY = dt.date(2026, 12, 2)
"""The worked example's approval is dated 1 December 2026: run it on a later day."""


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def copy_repository(destination: Path) -> Path:
    """The files a clone would hold: tracked and new files, without what .gitignore leaves out."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def finding_lines(output: str, prefix: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(prefix)]


def contributing_blocks() -> dict[str, list[str]]:
    """The fenced blocks of CONTRIBUTING.md by language, in order."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks: dict[str, list[str]] = {}
    for match in re.finditer(r"^```(?P<lang>\w+)\n(?P<body>.*?)^```$", text, re.MULTILINE | re.DOTALL):
        blocks.setdefault(match.group("lang"), []).append(match.group("body"))
    return blocks


@pytest.fixture
def on_example_day(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """The build's date (SOURCE_DATE_EPOCH) on or after the worked example's approval date."""
    day = max(dt.date.today(), EXAMPLE_DAY)
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(noon.timestamp())))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return day


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return copy_repository(tmp_path / "repository")


# ---------------------------------------------------------------------------------------------
# The scaffold in the real repository
# ---------------------------------------------------------------------------------------------


def test_documented_new_article_command_scaffolds_an_article_that_checks_and_builds(
    repository: Path, on_example_day: dt.date
) -> None:
    config_before = (repository / "mkdocs.yml").read_text(encoding="utf-8")
    command = next(block for block in contributing_blocks()["sh"] if "make new-article" in block)

    result = run_make(repository, command)

    assert result.returncode == 0, result.stdout + result.stderr
    pages = ["index.md", "evidence.md", "limitations.md"]
    for name in pages:
        assert f"docs/{SLUG}/{name}" in result.stdout
        meta = front_matter(repository / "docs" / SLUG / name)
        assert meta["review_status"] == "submitted"
        assert meta["last_updated"] == on_example_day
        assert meta["review_history"] == [
            {"date": on_example_day, "status": "submitted", "note": "Article proposed"}
        ]
    overview = front_matter(repository / "docs" / SLUG / "index.md")
    assert overview["title"] == "Lithium and suicide prevention in mood disorders"
    assert overview["question"] == "Does long-term lithium prevent suicide in people with mood disorders?"

    bib = parse_bibtex((repository / "bib" / f"{SLUG}.bib").read_text(encoding="utf-8"), f"bib/{SLUG}.bib")
    assert (bib.entries, bib.findings) == ([], [])

    config_after = (repository / "mkdocs.yml").read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.ndiff(config_before.splitlines(), config_after.splitlines())
        if line[:1] in "+-"
    ]
    assert diff == [
        "+   - Lithium and suicide prevention in mood disorders:",
        f"+       - {SLUG}/index.md",
        f"+       - {SLUG}/evidence.md",
        f"+       - {SLUG}/limitations.md",
    ]
    nav = mkdocs_config(repository)["nav"]
    position = nav.index(
        {"Lithium and suicide prevention in mood disorders": [f"{SLUG}/{name}" for name in pages]}
    )
    articles = [item for item in nav if isinstance(item, dict) and "/" in str(next(iter(item.values()))[0])]
    assert nav[position - 1] == articles[-2], "the new article comes right after the last article"

    check = medkb(repository, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert finding_lines(check.stdout, f"docs/{SLUG}") == finding_lines(check.stdout, f"bib/{SLUG}") == []

    site = build(repository)
    assert site.ok, site.output
    page = site.page(f"{SLUG}/")
    assert page.select_one("h1").get_text(strip=True) == "Lithium and suicide prevention in mood disorders"
    assert page.select_one(".medkb-tracker__current").get_text(strip=True) == "Submitted"
    assert page.select_one(".medkb-banner--pending") is not None
    summary = " ".join(page.select_one(".medkb-history summary").get_text().split())
    assert (
        summary == f"Review history: 1 entry, latest {on_example_day.day} {on_example_day:%B %Y} (Submitted)"
    )
    in_this_article = page.select_one("h2#in-this-article").find_next("ul").select("a")
    assert [(link["href"], link.get_text()) for link in in_this_article] == [
        ("evidence/", "What the evidence shows"),
        ("limitations/", "Limitations of the evidence"),
    ]
    navigation = [
        (link["href"], " ".join(link.get_text().split()))
        for link in page.select("nav.md-nav--primary a.md-nav__link")
    ]
    at = navigation.index(("./", "Lithium and suicide prevention in mood disorders"))
    assert navigation[at + 1 : at + 3] == [
        ("evidence/", "What the evidence shows"),
        ("limitations/", "Limitations of the evidence"),
    ]
    for section in ("evidence", "limitations"):
        assert (
            site.page(f"{SLUG}/{section}/").select_one(".medkb-tracker__current").get_text(strip=True)
            == "Submitted"
        )


def test_first_uncited_claim_fails_check_naming_its_line_and_the_worked_example_passes(
    repository: Path, on_example_day: dt.date
) -> None:
    blocks = contributing_blocks()
    uncited, cited = blocks["markdown"][0].strip(), blocks["markdown"][1].strip()
    expected_failure = blocks["text"][0].strip()
    entry = blocks["bibtex"][0]
    assert run_make(repository, next(b for b in blocks["sh"] if "make new-article" in b)).returncode == 0
    evidence = repository / "docs" / SLUG / "evidence.md"
    scaffolded = evidence.read_text(encoding="utf-8")
    comment = "<!-- What the best evidence shows, with effect sizes and the populations studied. -->"
    assert scaffolded.count(comment) == 1

    evidence.write_text(scaffolded.replace(comment, uncited), encoding="utf-8")
    failing = medkb(repository, "check")

    assert failing.returncode == 1
    assert finding_lines(failing.stdout, f"docs/{SLUG}") == [expected_failure]
    assert expected_failure.startswith(f"docs/{SLUG}/evidence.md:21: uncited claim: ")
    assert evidence.read_text(encoding="utf-8").splitlines()[20] == uncited

    bib = repository / "bib" / f"{SLUG}.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n" + entry, encoding="utf-8")
    evidence.write_text(scaffolded.replace(comment, cited), encoding="utf-8")
    passing = medkb(repository, "check")

    assert passing.returncode == 0, passing.stdout
    assert finding_lines(passing.stdout, f"docs/{SLUG}") == finding_lines(passing.stdout, f"bib/{SLUG}") == []
    site = build(repository)
    assert site.ok, site.output
    page = site.page(f"{SLUG}/evidence/")
    assert "lithium reduced the number of suicides" in page.select_one("article").get_text()
    references = page.select_one("#references").find_next(["ol", "ul", "div"]).get_text(" ", strip=True)
    assert "Meta-analysis" in references and "10.1136/bmj.f3646" in references


def test_approval_needs_named_reviewers(repository: Path, on_example_day: dt.date) -> None:
    blocks = contributing_blocks()
    assert run_make(repository, next(b for b in blocks["sh"] if "make new-article" in b)).returncode == 0
    evidence = repository / "docs" / SLUG / "evidence.md"
    bib = repository / "bib" / f"{SLUG}.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n" + blocks["bibtex"][0], encoding="utf-8")
    comment = "<!-- What the best evidence shows, with effect sizes and the populations studied. -->"
    body = (
        evidence.read_text(encoding="utf-8")
        .split("---\n", 2)[2]
        .replace(comment, blocks["markdown"][1].strip())
    )
    approved_front = (
        "---\ntitle: What the evidence shows\n"
        "description: The studies that answer the question, what they found, and how certain the findings are.\n"
        + blocks["yaml"][0]
        + "---\n"
    )
    evidence.write_text(approved_front + body, encoding="utf-8")

    approved = medkb(repository, "check")
    assert approved.returncode == 0, approved.stdout
    site = build(repository)
    assert site.ok, site.output
    page = site.page(f"{SLUG}/evidence/")
    assert page.select_one(".medkb-tracker__current").get_text(strip=True) == "Approved"
    assert page.select_one(".medkb-banner--pending") is None
    assert (page.select_one(".medkb-banner--overdue") is not None) == (on_example_day > dt.date(2027, 12, 1))
    assert " ".join(page.select_one(".medkb-reviewers").get_text().split()) == (
        "Medical review: Dr A. Reviewer, 1 December 2026"
    )
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.select(".medkb-history tbody tr")
    ]
    assert rows == [
        ["1 December 2026", "Approved", "Dr A. Reviewer", "Every statement checked against its source"],
        ["27 November 2026", "Submitted", "", "Article proposed"],
    ]

    without_reviewers = re.sub(r"reviewers:\n  - Dr A\. Reviewer\n", "", approved_front)
    assert without_reviewers != approved_front
    evidence.write_text(without_reviewers + body, encoding="utf-8")
    refused = medkb(repository, "check")

    assert refused.returncode == 1
    documented = re.search(
        r"Without `reviewers`, `make check` stops with\n`(?P<line>[^`]+)`",
        (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8"),
    )
    assert documented is not None
    assert finding_lines(refused.stdout, f"docs/{SLUG}") == [documented.group("line")]
    assert documented.group("line") == (
        f"docs/{SLUG}/evidence.md:4: approval: an approved page needs 'reviewers': the medical reviewers who approved it"
    )


def test_every_page_links_to_edit_it_and_to_report_a_problem(real_site: BuildResult) -> None:
    repository = mkdocs_config(real_site.project)["extra"]["repository"]
    edited: set[str] = set()
    for path in sorted(real_site.site.rglob("index.html")):
        url_path = path.parent.relative_to(real_site.site).as_posix()
        url_path = "" if url_path == "." else url_path + "/"
        soup = real_site.page(url_path)
        title = soup.select_one("h1").get_text(strip=True)
        candidates = (
            ["docs/index.md"] if not url_path else [f"docs/{url_path[:-1]}.md", f"docs/{url_path}index.md"]
        )
        source = next((name for name in candidates if (real_site.project / name).is_file()), None)
        edit = soup.select_one(".medkb-page-actions a.medkb-page-actions__edit")
        report = soup.select_one(".medkb-page-actions a.medkb-page-actions__report")

        assert report is not None and report.get_text(strip=True) == "Report a problem with this page", (
            url_path
        )
        issue = urlsplit(report["href"])
        assert f"{issue.scheme}://{issue.netloc}{issue.path}" == f"{repository['url']}/issues/new"
        query = parse_qs(issue.query)
        assert query["title"] == [f"Problem on page: {title}"]
        if source is None:  # generated by the build: nothing under docs/ to edit
            assert edit is None, url_path
            assert query["body"][0].startswith(f"Page: {title}\nURL: /{url_path}\n\nWhat is wrong")
            continue
        assert edit is not None and edit.get_text(strip=True) == "Edit this page", url_path
        assert edit["href"] == f"{repository['url']}/edit/{repository['branch']}/{source}"
        assert query["body"][0].startswith(f"Page: {title}\nURL: /{url_path}\nSource file: {source}\n")
        edited.add(source)

    pages = {
        path.relative_to(real_site.project).as_posix() for path in (real_site.project / "docs").rglob("*.md")
    }
    assert edited == pages


def test_article_pages_show_their_review_history(real_site: BuildResult) -> None:
    overview = real_site.page("ketamine-depression/")
    history = overview.select_one(".medkb-review .medkb-history")
    assert history is not None
    records = overview.select(".medkb-history tbody tr")
    summary = " ".join(history.select_one("summary").get_text().split())
    if records:
        assert summary.startswith(f"Review history: {len(records)} entr")
    else:
        assert summary == "Review history: none recorded yet"


def test_empty_bib_files_are_accepted_by_the_check_and_by_mkdocs_bibtex(minimal_project: Path) -> None:
    (minimal_project / "bib/empty.bib").write_text("", encoding="utf-8")
    (minimal_project / "bib/new-topic.bib").write_text(bib_header("new-topic"), encoding="utf-8")

    check = medkb(minimal_project, "check")
    site = build(minimal_project)

    assert check.returncode == 0, check.stdout
    assert "bib/empty.bib" not in check.stdout and "bib/new-topic.bib" not in check.stdout
    assert site.ok, site.output
    references = site.page("demo-article/").select_one("#references")
    assert references is not None
    # Citations still resolve through mkdocs-bibtex with the empty files beside the real one.
    assert len(site.page("demo-article/").select("div.footnote li .medkb-ref")) == 3


def test_page_past_its_next_review_shows_review_overdue(minimal_project: Path) -> None:
    site = build(minimal_project)
    assert site.ok, site.output
    banner = site.page("demo-article/section/").select_one(".medkb-review .medkb-banner--overdue")
    assert (
        " ".join(banner.get_text().split())
        == "Review overdue. This page was due for review on 1 January 2026."
    )
    assert site.page("demo-article/").select_one(".medkb-banner--overdue") is None


# ---------------------------------------------------------------------------------------------
# Refusals: a clear message, and nothing written
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# The navigation edit: text in, text out, comments kept
# ---------------------------------------------------------------------------------------------


