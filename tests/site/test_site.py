"""The real site, built for real: what a reader sees on every article page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from sitebuild import KETAMINE_PAGES, REPO, BuildResult

from medkb.sources.bibliography import load_bibliography

ARTICLE = "ketamine-depression"
SECTION_TITLES = [
    "Mechanism of action",
    "Antidepressant efficacy",
    "Antisuicidal effects",
    "Dosing protocols",
    "Side effects and safety",
    "Comparison with other NMDA antagonists",
    "Clinical limitations",
]
ARTICLE_PAGES = list(KETAMINE_PAGES)
BIBLIOGRAPHY = load_bibliography(sorted((REPO / "bib").glob("*.bib")), REPO)
NOTICES = yaml.safe_load(
    (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "x").replace("!ENV", "")
)["extra"]["notices"]


def article_page(site: BuildResult, slug: str) -> BeautifulSoup:
    return site.page(f"{ARTICLE}/{slug}")


def text_of(node: Tag | BeautifulSoup) -> str:
    return " ".join(node.get_text(" ").split())


def content(soup: BeautifulSoup) -> Tag:
    article = soup.select_one("article.md-content__inner")
    assert article is not None
    return article


@pytest.mark.parametrize("slug", ARTICLE_PAGES)
def test_article_page_shows_review_status_in_text(real_site: BuildResult, slug: str) -> None:
    page = content(article_page(real_site, slug))
    steps = page.select(".medkb-tracker__steps li")
    assert [text_of(step.select_one(".medkb-step__label")) for step in steps] == [
        "Submitted",
        "Under Review",
        "Approved",
    ]
    current = [step for step in steps if step.get("aria-current") == "step"]
    assert len(current) == 1
    assert "(current step)" in text_of(current[0])
    # Nobody has approved these pages: they must not say so.
    assert text_of(page.select_one(".medkb-tracker__current")) != "Approved"


@pytest.mark.parametrize("slug", ARTICLE_PAGES)
def test_article_page_shows_date_policy_board_and_notices(real_site: BuildResult, slug: str) -> None:
    page = content(article_page(real_site, slug))
    updated = page.select_one(".medkb-updated")
    assert updated is not None and text_of(updated).startswith("Last updated ")
    time = updated.select_one("time")
    assert time is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(time["datetime"]))
    policy = updated.select_one("a.medkb-policy-link")
    assert policy is not None and text_of(policy) == "View editorial policy"
    target = (real_site.site / ARTICLE / slug / str(policy["href"])).resolve() / "index.html"
    assert target.is_file(), f"policy link {policy['href']} points nowhere"
    assert "Editorial policy" in text_of(BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser"))
    assert "Medical Advisory Board" in text_of(page.select_one(".medkb-board"))
    assert "Educational purpose only" in text_of(page.select_one(".medkb-banner--educational"))
    assert "pending human review" in text_of(page.select_one(".medkb-banner--pending")).lower()
    professional = page.select("aside.medkb-disclaimer--professional")
    patient = page.select("aside.medkb-disclaimer--patient")
    assert len(professional) == len(patient) == 1
    assert " ".join(NOTICES["disclaimer"].split()) in text_of(professional[0])
    assert " ".join(NOTICES["disclaimer_patient"].split()) in text_of(patient[0])
    # The disclaimers come last, after the reference list.
    assert page.find_all(["aside", "div"], class_=["medkb-disclaimer", "footnote"])[-2:] == [*professional, *patient]


@pytest.mark.parametrize("slug", ARTICLE_PAGES)
def test_citations_are_numbered_in_order_and_separated(real_site: BuildResult, slug: str) -> None:
    page = content(article_page(real_site, slug))
    refs = page.select("sup[id^='fnref'] a.footnote-ref")
    assert refs, "every article page cites its sources"
    first_seen: list[int] = []
    for ref in refs:
        number = int(text_of(ref))
        if number not in first_seen:
            first_seen.append(number)
    assert first_seen == list(range(1, len(first_seen) + 1)), "numbers follow the order of first citation"
    for sup in page.select("sup[id^='fnref']:not(.citation-in-range)"):  # inside a range: out of sight
        following = sup.find_next_sibling()
        touching = sup.next_sibling is following
        assert not (touching and following is not None and str(following.get("id", "")).startswith("fnref")), (
            "adjacent citations must read '1,2', not '12'"
        )


def citation_clusters(page: Tag) -> list[tuple[list[int], str]]:
    """Each run of citations side by side: every number cited (in order) and what a reader sees ('1–3,5')."""
    clusters: list[tuple[list[int], str]] = []
    for sup in page.select("sup"):
        previous = sup.previous_sibling
        if not (isinstance(previous, Tag) and previous.name == "sup"):
            clusters.append(([], ""))
        cited, seen = clusters[-1]
        classes = sup.get("class") or []
        if str(sup.get("id", "")).startswith("fnref"):
            cited.append(int(text_of(sup)))
        if "citation-in-range" not in classes:
            clusters[-1] = (cited, seen + text_of(sup).replace("\u2060", ""))
    return [(cited, seen) for cited, seen in clusters if cited]


def journal_style(numbers: list[int]) -> str:
    """'1–3,5' for 1, 2, 3, 5: runs of three or more as a range."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ",".join(f"{run[0]}\u2013{run[-1]}" if len(run) >= 3 else ",".join(map(str, run)) for run in runs)


@pytest.mark.parametrize("slug", ARTICLE_PAGES)
def test_citation_clusters_read_ascending_with_ranges(real_site: BuildResult, slug: str) -> None:
    clusters = citation_clusters(content(article_page(real_site, slug)))
    assert any(len(cited) > 1 for cited, _seen in clusters), "the page cites several sources at once"
    for cited, seen in clusters:
        assert cited == sorted(cited), f"cluster '{seen}' is not ascending"
        shown = journal_style(cited)
        assert seen == shown, f"cluster {cited} reads '{seen}', not '{shown}'"


@pytest.mark.parametrize("slug", ARTICLE_PAGES)
def test_reference_list_entries_have_type_and_working_identifier(real_site: BuildResult, slug: str) -> None:
    page = content(article_page(real_site, slug))
    heading = page.select_one("h2#references")
    assert heading is not None
    entries = page.select("div.footnote > ol > li")
    cited = {str(a["href"]).removeprefix("#") for a in page.select("a.footnote-ref")}
    assert {str(li["id"]) for li in entries} == cited
    for entry in entries:
        reference = BIBLIOGRAPHY[str(entry["id"]).removeprefix("fn:")]
        assert text_of(entry.select_one(".medkb-ref__type")) == reference.evidence_label
        assert text_of(entry.select_one(".medkb-ref__title")) == reference.title_sentence
        assert reference.year in text_of(entry)
        doi = entry.select_one("a.medkb-ref__doi")
        pubmed = entry.select_one("a.medkb-ref__pmid")
        url = entry.select_one("a.medkb-ref__url")
        assert (doi is not None) == bool(reference.doi)
        assert (pubmed is not None) == bool(reference.pmid)
        if doi is not None:
            assert re.fullmatch(r"https://doi\.org/10\.\d{4,9}/\S+", str(doi["href"]))
        if pubmed is not None:
            assert re.fullmatch(r"https://pubmed\.ncbi\.nlm\.nih\.gov/\d+/", str(pubmed["href"]))
        if not (doi or pubmed):
            # Guidelines and labels without DOI or PMID link to the document itself.
            assert url is not None and str(url["href"]).startswith("https://"), entry


def test_sections_follow_the_navigation_order(real_site: BuildResult) -> None:
    titles = []
    current = real_site.site / ARTICLE / "index.html"
    for _ in SECTION_TITLES:
        link = BeautifulSoup(current.read_text(encoding="utf-8"), "html.parser").select_one(
            "a.md-footer__link--next"
        )
        assert link is not None
        titles.append(text_of(link.select_one(".md-ellipsis")))
        current = (current.parent / str(link["href"])).resolve() / "index.html"
    assert titles == SECTION_TITLES


def site_text(site: BuildResult) -> str:
    return " ".join(text_of(content(article_page(site, slug))) for slug in ARTICLE_PAGES)


SEED_FIGURES = [
    "0.5 mg/kg",
    "40 minutes",
    "24 hours",
    "9.87",
    "4.37",
    "22.29",
    "14.47",
    "2.67",
    "78.49",
    "2-3 days",
    "REMS",
    "2 hours",
    "midazolam",
    "D-cycloserine",
    "rapastinel",
    "(2R,6R)-hydroxynorketamine",
    "mTOR",
    "eEF2",
    "GSK-3",
    "AMPA",
    "1.0 mg/kg",
    "71%",
    "79%",
    "0.2 mg/kg",
    "VA/DoD",
]


@pytest.mark.parametrize("figure", SEED_FIGURES)
def test_every_seed_topic_and_figure_is_on_the_site(real_site: BuildResult, figure: str) -> None:
    normalised = site_text(real_site).replace("\u2013", "-").replace("\u2011", "-").replace("\u00a0", " ")
    assert figure in normalised


def test_corrections_are_one_line_notes_that_open_on_a_tap_with_sources(real_site: BuildResult) -> None:
    notes = [
        note
        for slug in ARTICLE_PAGES
        for note in content(article_page(real_site, slug)).select("details.editorial, details.correction")
    ]
    assert len(notes) >= 7, "one note per corrected statement"
    for note in notes:
        assert not note.has_attr("open"), "a correction box is folded to its one-line title"
        assert text_of(note.select_one("summary")), "a one-line title says what is corrected"
        assert note.select("a.footnote-ref"), "each note cites what the sources show"
    text = " ".join(text_of(note) for note in notes)
    for corrected_figure in ("61%", "2.36", "10 days", "2022"):
        assert corrected_figure in text
    assert "draft" not in text.lower(), "a correction stands alone: it never speaks of a draft the reader never saw"
    assert sum(bool(note.select("blockquote")) for note in notes) >= 7, "the corrected statement is quoted"
    assert not any(content(article_page(real_site, slug)).select(".admonition.editorial, .admonition.correction")
                   for slug in ARTICLE_PAGES)


def test_retracted_source_is_marked_in_the_reference_list(real_site: BuildResult) -> None:
    retracted = [
        entry
        for slug in ARTICLE_PAGES
        for entry in content(article_page(real_site, slug)).select("div.footnote li .medkb-ref--retracted")
    ]
    assert retracted, "the retracted emergency-department study is named as retracted"
    for entry in retracted:
        assert text_of(entry.select_one(".medkb-ref__retracted")) == "RETRACTED"
        assert text_of(entry.select_one(".medkb-ref__notice")).startswith(("Retracted", "Retraction notice:"))


def test_home_page_lists_the_article_with_question_status_and_date(real_site: BuildResult) -> None:
    home = content(real_site.page(""))
    articles = home.select(".medkb-article")
    assert len(articles) == 1
    article = articles[0]
    assert "NMDA receptor antagonists" in text_of(article.select_one(".medkb-article__question"))
    assert text_of(article.select_one(".medkb-article__status")) in {"Submitted", "Under Review"}
    assert article.select_one("time") is not None
    link = article.select_one("a.medkb-article__title")
    assert (real_site.site / str(link["href"]) / "index.html").is_file()


def test_citation_inside_code_is_shown_as_written(minimal_project: Path) -> None:
    from sitebuild import build

    result = build(minimal_project)
    assert result.ok, result.output
    page = content(result.page("demo-article/"))
    codes = [text_of(code) for code in page.select("code")]
    assert "[@zarate2006randomized]" in codes
    assert "editor@example.org" in text_of(page)
    assert len(page.select("div.footnote li")) == 3
