"""The reader's experience in the built HTML: JSON-LD and meta tags that match the front matter,
the generated references page, "Cite this page", and the audience blocks of the ketamine article.
Behaviour in a browser is in tests/browser/test_reader_browser.py."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from reader_text import working_notes
from sitebuild import KETAMINE, KETAMINE_PAGES, REPO, BuildResult, build, cited_keys, make_project

from medkb.engine import engine
from medkb.render.reference_display import UNVERIFIED_MARK
from medkb.render.reference_index import GROUP_HEADINGS
from medkb.sources.bibliography import EVIDENCE_TYPES, load_bibliography
from medkb.sources.frontmatter import read_front_matter

ARTICLE = "ketamine-depression"
DOCS = KETAMINE
PAGES = KETAMINE_PAGES
BIBLIOGRAPHY = load_bibliography(sorted((REPO / "bib").glob("*.bib")), REPO)
READER_HOOKS = ("hooks/reference_pages.py", "hooks/reader_extras.py")


def front(source: str) -> dict[str, object]:
    return read_front_matter((DOCS / source).read_text(encoding="utf-8")).data


def json_ld(soup: BeautifulSoup) -> dict[str, object]:
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    raw = scripts[0].string or ""
    assert "</" not in raw and raw.isascii()
    data = json.loads(raw)
    assert isinstance(data, dict)
    return data


def meta(soup: BeautifulSoup, attribute: str, name: str) -> str:
    tag = soup.find("meta", attrs={attribute: name})
    assert isinstance(tag, Tag), f"no <meta {attribute}={name!r}>"
    return str(tag["content"])


def text_of(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


# ---------------------------------------------------------------------------------------------
# Machine-readable pages
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "source"), PAGES.items())
def test_json_ld_is_a_medical_web_page_matching_the_front_matter(real_site: BuildResult, slug: str,
                                                                 source: str) -> None:
    data = json_ld(real_site.page(f"{ARTICLE}/{slug}"))
    page_front = front(source)
    assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage"
    assert data["name"] == page_front["title"]
    assert data["description"] == page_front["description"]
    assert data["dateModified"] == str(page_front["last_updated"])
    assert page_front["review_status"] != "approved"
    assert "lastReviewed" not in data and "reviewedBy" not in data, "nobody has approved these pages"
    about = [{"@type": kind, "name": name} for item in front("index.md")["about"] for kind, name in item.items()]
    assert data["about"] == about
    keys = cited_keys(DOCS / source)
    citations = data["citation"]
    assert isinstance(citations, list) and len(citations) == len(keys)
    dois = {c["identifier"]["value"] for c in citations if c.get("identifier", {}).get("propertyID") == "DOI"}
    assert dois == {BIBLIOGRAPHY[key].doi for key in keys if BIBLIOGRAPHY[key].doi}
    assert [c["name"] for c in citations] == [BIBLIOGRAPHY[key].title for key in keys]
    audiences = {audience["name"] for audience in data["audience"]}
    written = (DOCS / source).read_text(encoding="utf-8")
    expected = {"Healthcare professionals", "Students"} | (
        {"Patients and caregivers"} if "audience-patient" in written else set())
    assert audiences == expected


@pytest.mark.parametrize(("slug", "source"), PAGES.items())
def test_description_and_open_graph_tags_come_from_the_front_matter(real_site: BuildResult, slug: str,
                                                                    source: str) -> None:
    soup = real_site.page(f"{ARTICLE}/{slug}")
    page_front = front(source)
    article_title = front("index.md")["title"]
    description = str(page_front["description"])
    assert meta(soup, "name", "description") == description
    assert meta(soup, "property", "og:description") == description
    assert meta(soup, "name", "twitter:description") == description
    expected_title = article_title if source == "index.md" else f"{article_title}: {page_front['title']}"
    assert meta(soup, "property", "og:title") == expected_title
    assert meta(soup, "property", "og:type") == "article"
    assert meta(soup, "property", "og:site_name") == "Clinical Evidence Knowledge Base"
    assert meta(soup, "property", "article:modified_time") == str(page_front["last_updated"])
    assert soup.find("meta", attrs={"property": "og:url"}) is None, "no site_url: no address to give"


def test_site_pages_get_open_graph_tags_but_no_medical_json_ld(real_site: BuildResult) -> None:
    home = real_site.page("")
    assert meta(home, "property", "og:type") == "website"
    assert meta(home, "property", "og:description") == meta(home, "name", "description")
    assert not home.select('script[type="application/ld+json"]')
    assert not home.select("[data-medkb-audience], [data-medkb-cite]")


# ---------------------------------------------------------------------------------------------
# The references page
# ---------------------------------------------------------------------------------------------


def test_references_page_is_the_last_page_of_the_article_in_the_navigation(real_site: BuildResult) -> None:
    limitations = real_site.page(f"{ARTICLE}/limitations/")
    following = limitations.select_one("a.md-footer__link--next")
    assert following is not None and following["href"] == "../references/"
    assert text_of(following.select_one(".md-ellipsis")) == "References"
    overview = real_site.page(f"{ARTICLE}/")
    section_links = [text_of(a) for a in overview.select(".md-nav--primary .md-nav__item--active .md-nav__link")]
    assert section_links[-1] == "References"
    references = real_site.page(f"{ARTICLE}/references/")
    assert text_of(references.select_one("article h1")) == "References"
    back = references.select_one("a.md-footer__link--prev")
    assert back is not None and back["href"] == "../limitations/"


def test_references_page_lists_every_cited_source_once_grouped_by_evidence_type(real_site: BuildResult) -> None:
    article = real_site.page(f"{ARTICLE}/references/").select_one("article.md-content__inner")
    assert article is not None
    entries = article.select(".medkb-refindex__entry")
    keys = [str(entry["id"]).removeprefix("ref-") for entry in entries]
    cited = {key for source in PAGES.values() for key in cited_keys(DOCS / source)}
    assert sorted(keys) == sorted(cited)
    order = list(EVIDENCE_TYPES)  # the order of evidence types defined with the bibliography rules
    groups = [h2 for h2 in article.select("h2")]
    assert [str(h2["id"]) for h2 in groups] == sorted((str(h2["id"]) for h2 in groups), key=order.index)
    for h2 in groups:
        in_group = h2.find_next("ul").select(".medkb-refindex__entry")
        types = {BIBLIOGRAPHY[str(entry["id"]).removeprefix("ref-")].evidence_type for entry in in_group}
        assert types == {str(h2["id"])}
        assert text_of(h2).removesuffix("¶").strip() == f"{GROUP_HEADINGS[str(h2['id'])]} ({len(in_group)})"
    assert len(groups) >= 5, "the article cites guidelines, trials, meta-analyses, labels and more"
    # The entry is the same rendering as in the pages' reference lists, retraction included.
    retracted = article.select_one("#ref-larkin2011preliminary .medkb-ref--retracted")
    assert retracted is not None and "RETRACTED" in text_of(retracted)


def test_back_links_lead_to_each_citation_of_the_source(real_site: BuildResult) -> None:
    article = real_site.page(f"{ARTICLE}/references/").select_one("article.md-content__inner")
    assert article is not None
    pages = {slug: real_site.page(f"{ARTICLE}/{slug}") for slug in PAGES}
    checked = 0
    for entry in article.select(".medkb-refindex__entry"):
        key = str(entry["id"]).removeprefix("ref-")
        cited = entry.find_next_sibling(class_="medkb-refindex__cited")
        assert cited is not None and text_of(cited).startswith("Cited in:")
        links = cited.select("a")
        citing = [slug for slug, source in PAGES.items() if key in cited_keys(DOCS / source)]
        assert len(links) == len(citing)
        for link, slug in zip(links, citing, strict=True):
            href = str(link["href"])
            assert href == f"../{slug}#fnref:{key}"
            target = pages[slug]
            assert target.find(id=f"fnref:{key}") is not None
            assert text_of(link) == text_of(target.select_one("article h1"))
            checked += 1
    assert checked > 60


# ---------------------------------------------------------------------------------------------
# Cite this page
# ---------------------------------------------------------------------------------------------


def test_search_finds_a_source_once_on_the_references_page_and_the_text_on_section_pages(
    real_site: BuildResult,
) -> None:
    index = json.loads((real_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    title = "Antagonist in Treatment-Resistant Bipolar Depression"
    assert title in text_of(real_site.page(f"{ARTICLE}/dosing/").select_one("#references + div"))
    with_title = sorted({doc["location"].split("#")[0] for doc in docs if title.lower() in doc["text"].lower()})
    assert with_title == [f"{ARTICLE}/references/"]
    section_entries = [doc for doc in docs if doc["location"].startswith(f"{ARTICLE}/dosing/")]
    assert any("ketamine" in doc["text"] for doc in section_entries)
    assert not any(doc["location"].endswith("#references") for doc in docs)
    assert not any("medkb: the reference list" in doc["text"] for doc in docs)


def test_each_reference_is_its_own_search_entry_at_its_anchor(real_site: BuildResult) -> None:
    docs = json.loads((real_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    page = real_site.page(f"{ARTICLE}/references/")
    anchors = [str(entry["id"]) for entry in page.select(".medkb-refindex__entry")]
    assert anchors
    by_location = {doc["location"]: doc for doc in docs}
    for anchor in anchors:
        doc = by_location.get(f"{ARTICLE}/references/#{anchor}")
        assert doc is not None, f"no search entry for {anchor}"
        reference = BIBLIOGRAPHY[anchor.removeprefix("ref-")]
        assert doc["title"] == reference.title_sentence
        assert reference.authors[0].split()[0] in doc["text"]
        if reference.doi:
            assert reference.doi in doc["text"]
    # An author's name brings up that author's entries, not a whole evidence group.
    groups = [doc for doc in docs if doc["location"].startswith(f"{ARTICLE}/references/#")
              and not doc["location"].startswith(f"{ARTICLE}/references/#ref-")]
    assert not any("Zarate" in doc["text"] for doc in groups)


@pytest.mark.parametrize(("slug", "source"), PAGES.items())
def test_every_article_page_has_its_citation_in_plain_text_and_bibtex(real_site: BuildResult, slug: str,
                                                                      source: str) -> None:
    box = real_site.page(f"{ARTICLE}/{slug}").select_one("aside.medkb-cite")
    assert box is not None and text_of(box.select_one("h2")) == "Cite this page"
    article_title = str(front("index.md")["title"])
    title = article_title if source == "index.md" else f"{article_title}: {front(source)['title']}"
    plain = " ".join(box.select_one(".medkb-cite__text").get_text().split())
    updated = dt.date.fromisoformat(str(front(source)["last_updated"]))
    assert plain == (f"{title}. Clinical Evidence Knowledge Base. Updated {updated.day} {updated:%B %Y}. "
                     "Accessed [date accessed]. [address of this page]")
    bibtex = box.select_one(".medkb-cite__bibtex").get_text()
    key = ARTICLE if source == "index.md" else f"{ARTICLE}-{source.removesuffix('.md')}"
    assert bibtex.startswith(f"@misc{{{key},\n  title = {{{{{title}}}}},\n")
    assert "  url = {[address of this page]},\n  urldate = {[date accessed, YYYY-MM-DD]}\n}" in bibtex
    assert bibtex.count("{") == bibtex.count("}")
    slots = {str(slot["data-medkb-slot"]) for slot in box.select("[data-medkb-slot]")}
    assert slots == {"accessed", "accessed-iso", "url"}


# ---------------------------------------------------------------------------------------------
# Audience blocks of the ketamine article
# ---------------------------------------------------------------------------------------------


def test_overview_has_open_audience_blocks_and_a_hidden_choice(real_site: BuildResult) -> None:
    soup = real_site.page(f"{ARTICLE}/")
    blocks = soup.select("article details[class*='audience-']")
    assert [block["class"] for block in blocks] == [["audience-patient"], ["audience-professional"]]
    for block in blocks:
        assert block.has_attr("open"), "without JavaScript every block is visible"
        assert block.select("sup a.footnote-ref"), "claims in the blocks are cited"
    assert text_of(blocks[0].select_one("summary")) == "In plain words: for patients and caregivers"
    assert text_of(blocks[1].select_one("summary")) == "Quick reference: for healthcare professionals"
    table = blocks[1].select_one("table")
    assert table is not None
    assert [text_of(row.select_one("td")) for row in table.select("tbody tr")] == [
        "Status", "Dose and route", "Onset and duration", "Monitoring", "Contraindications and cautions", "Evidence"]
    choice = soup.select_one("[data-medkb-audience]")
    assert choice is not None and choice.has_attr("hidden")
    assert text_of(choice.select_one("legend")) == "Which best describes you?"
    labels = [text_of(label) for label in choice.select("label")]
    assert labels == ["Healthcare professional", "Student", "Patient or caregiver"]
    for slug in PAGES:
        assert real_site.page(f"{ARTICLE}/{slug}").select_one("[data-medkb-audience]") is not None


# ---------------------------------------------------------------------------------------------
# A small site: approved page, site address, and broken input
# ---------------------------------------------------------------------------------------------


def with_reader_hooks(project: Path, **settings: object) -> None:
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["hooks"] = [*config["hooks"], *(hook for hook in READER_HOOKS if hook not in config["hooks"])]
    config.update(settings)
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_approved_page_with_a_site_address(minimal_project: Path) -> None:
    with_reader_hooks(minimal_project, site_url="https://kb.example.org/")
    edit(minimal_project / "docs/demo-article/index.md", "review_status: submitted\n",
         "review_status: approved\nreviewers:\n  - Dr Jane Doe\n  - Dr Ali Khan\nreviewed_on: 2025-11-30\n"
         "about:\n  - Drug: Ketamine\n")
    result = build(minimal_project)
    assert result.ok, result.output
    soup = result.page("demo-article/")
    data = json_ld(soup)
    assert data["lastReviewed"] == "2025-11-30"
    assert data["reviewedBy"] == [{"@type": "Person", "name": "Dr Jane Doe"},
                                  {"@type": "Person", "name": "Dr Ali Khan"}]
    assert data["url"] == "https://kb.example.org/demo-article/"
    assert data["about"] == [{"@type": "Drug", "name": "Ketamine"}]
    assert meta(soup, "property", "og:url") == "https://kb.example.org/demo-article/"
    url_slots = soup.select(".medkb-cite [data-medkb-slot='url']")
    assert [text_of(slot) for slot in url_slots] == ["https://kb.example.org/demo-article/"] * 2
    assert all(slot.has_attr("data-medkb-fixed") for slot in url_slots)
    # The section page inherits `about` from the overview, and is not approved.
    section = json_ld(result.page("demo-article/section/"))
    assert section["about"] == data["about"] and "lastReviewed" not in section
    # The references page of the small article.
    references = result.page("demo-article/references/")
    keys = [str(entry["id"]) for entry in references.select(".medkb-refindex__entry")]
    assert sorted(keys) == ["ref-berman2000antidepressant", "ref-larkin2011preliminary", "ref-zarate2006randomized"]
    zarate = references.select_one("#ref-zarate2006randomized").find_next_sibling(class_="medkb-refindex__cited")
    assert [str(a["href"]) for a in zarate.select("a")] == [
        "../#fnref:zarate2006randomized", "../section/#fnref:zarate2006randomized"]


@pytest.mark.parametrize(
    ("page", "old", "new", "message"),
    [
        ("docs/demo-article/section.md", "!!! editorial", '???+ audience-patients "Plain words"\n'
         "    Ketamine helps.[@zarate2006randomized]\n\n!!! editorial",
         "docs/demo-article/section.md:12: audience block: 'audience-patients' names no audience; use one of: "
         "audience-professional, audience-student, audience-patient"),
        ("docs/demo-article/section.md", "!!! editorial", '!!! audience-patient "Plain words"\n'
         "    Ketamine helps.[@zarate2006randomized]\n\n!!! editorial",
         "docs/demo-article/section.md:12: audience block: write audience blocks as "
         "'???+ audience-patient \"Title\"' (not '!!!')"),
        ("docs/demo-article/index.md", "review_status: submitted\n", "review_status: submitted\nabout: ketamine\n",
         "docs/demo-article/index.md:6: front matter: 'about' is text, not a list"),
        ("docs/demo-article/index.md", "review_status: submitted\n",
         "review_status: submitted\nabout:\n  - Medicine: Ketamine\n",
         "docs/demo-article/index.md:6: front matter: about item 1: 'Medicine' is not one of: MedicalCondition"),
        ("docs/demo-article/index.md", "review_status: submitted\n",
         "review_status: submitted\nfollow_up:\n  - question: What next?\n    page: nowhere.md\n",
         ("docs/demo-article/index.md:6: follow-up: 'What next?' leads to 'demo-article/nowhere.md', which is not "
          "a page of the article 'demo-article'")),
        ("docs/demo-article/index.md", "review_status: submitted\n",
         "review_status: submitted\nfollow_up:\n  - question: What next?\n    url: section.md\n",
         "docs/demo-article/index.md:6: front matter: 'follow_up' item 1 has the unknown key 'url'"),
        ("docs/demo-article/index.md", "review_status: submitted\n",
         "review_status: submitted\nkey_terms:\n  - term: infusion\n    means: a drip\n    source: nobody2020x\n",
         "docs/demo-article/index.md:6: key term: 'infusion': its source 'nobody2020x' is in no bib/*.bib file"),
    ],
)
def test_broken_reader_input_fails_the_build_naming_file_and_line(minimal_project: Path, page: str, old: str,
                                                                  new: str, message: str) -> None:
    with_reader_hooks(minimal_project)
    edit(minimal_project / page, old, new)
    result = build(minimal_project)
    assert not result.ok
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_hand_written_references_page_is_refused(minimal_project: Path) -> None:
    with_reader_hooks(minimal_project)
    (minimal_project / "docs/demo-article/references.md").write_text(
        "---\ntitle: References\nreview_status: submitted\nlast_updated: 2025-12-01\n---\n\n"
        "See the [overview](index.md).\n", encoding="utf-8")
    result = build(minimal_project)
    assert not result.ok
    assert ("docs/demo-article/references.md: an article's references page is generated from the citations of "
            "its pages; rename or remove this file") in result.output
    assert "Traceback" not in result.output


TITLE = '</title><script>alert("t")</script> & "Ketamine" <b>'
DESCRIPTION = '"><script>alert("d")</script> *not emphasis* & more'


def test_front_matter_text_reaches_meta_tags_json_ld_and_citation_as_text(minimal_project: Path) -> None:
    with_reader_hooks(minimal_project)
    quoted = {name: "'" + value.replace("'", "''") + "'" for name, value in (("t", TITLE), ("d", DESCRIPTION))}
    page = minimal_project / "docs/demo-article/index.md"
    edit(page, "title: Ketamine for depression", f"title: {quoted['t']}")
    edit(page, "description: A demonstration article.", f"description: {quoted['d']}")
    result = build(minimal_project)
    assert result.ok, result.output
    soup = result.page("demo-article/")
    assert not [s for s in soup.select("script") if "alert" in (s.string or "") and "json" not in s.get("type", "")]
    assert meta(soup, "property", "og:title") == TITLE
    assert meta(soup, "property", "og:description") == DESCRIPTION
    data = json_ld(soup)
    assert (data["name"], data["description"]) == (TITLE, DESCRIPTION), "escaped once, for HTML only"
    plain = " ".join(soup.select_one(".medkb-cite__text").get_text().split())
    assert plain.startswith(" ".join(f"{TITLE}. Demo.".split()))
    section = result.page("demo-article/section/")
    assert meta(section, "property", "og:title") == f"{TITLE}: Section"
    references = result.page("demo-article/references/").select_one("article.md-content__inner")
    assert references.select_one("p").get_text().startswith(f"Every source cited in {TITLE}, grouped")
    assert not references.select("script, b")


# ---------------------------------------------------------------------------------------------
# Readers see references, not our bookkeeping
# ---------------------------------------------------------------------------------------------


def reader_text(soup: BeautifulSoup) -> str:
    """What a reader reads on a page: its content's text as laid out (no space added between elements)."""
    article = soup.select_one("article.md-content__inner")
    assert article is not None
    return article.get_text()


@pytest.mark.parametrize("slug", [*PAGES, "references/"])
def test_reader_pages_show_no_working_notes(real_site: BuildResult, slug: str) -> None:
    soup = real_site.page(f"{ARTICLE}/{slug}")
    assert working_notes(reader_text(soup), BIBLIOGRAPHY) == []


def test_an_unconfirmed_entry_gets_only_the_small_mark(real_site: BuildResult) -> None:
    soup = real_site.page(f"{ARTICLE}/references/")
    entries = {str(entry["id"]).removeprefix("ref-"): entry for entry in soup.select("[id^='ref-']")}
    cited = [reference for reference in BIBLIOGRAPHY.references.values() if reference.key in entries]
    marked = {reference.key for reference in cited if reference.unconfirmed}
    assert marked and len(marked) < len(cited), "the article cites entries both unconfirmed and confirmed"
    for reference in cited:
        marks = [mark.get_text(strip=True) for mark in entries[reference.key].select(".medkb-ref__unverified")]
        assert marks == ([UNVERIFIED_MARK] if reference.key in marked else []), reference.key


def test_a_retraction_notice_reads_with_one_label(real_site: BuildResult) -> None:
    retracted = [reference for reference in BIBLIOGRAPHY.references.values() if reference.retracted]
    assert retracted
    soup = real_site.page(f"{ARTICLE}/references/")
    for reference in retracted:
        notice = soup.select_one(f"[id='ref-{reference.key}'] .medkb-ref__notice")
        assert notice is not None
        text = " ".join(notice.get_text().split())
        assert text.startswith(("Retracted", "Retraction notice:")), text
        assert len(re.findall(r"(?i)retraction notice:|retracted in \d{4}:", text)) == 1, text


def test_the_preview_shows_no_working_notes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", REPO)
    site = tmp_path / "preview"
    result = subprocess.run(
        [sys.executable, "-m", engine(), "build", "--site-dir", str(site)], cwd=project, capture_output=True,
        text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "MEDKB_PREVIEW": "true"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for slug in [*PAGES, "references/"]:
        soup = BeautifulSoup((site / ARTICLE / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
        for panel in soup.select(".medkb-findings"):  # the writer's own findings (by line, naming keys)
            panel.decompose()
        assert working_notes(reader_text(soup), BIBLIOGRAPHY) == [], slug


# ---------------------------------------------------------------------------------------------
# Follow-up questions and "Ask a question about this article"
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "source"), PAGES.items())
def test_every_article_page_lists_the_questions_its_article_answers_next(real_site: BuildResult, slug: str,
                                                                          source: str) -> None:
    declared = front("index.md")["follow_up"]
    assert isinstance(declared, list) and len(declared) >= len(PAGES) - 1
    soup = real_site.page(f"{ARTICLE}/{slug}")
    box = soup.select_one("section.medkb-followup")
    assert box is not None
    expected = [(item["question"], item["page"]) for item in declared if item["page"] != source]
    links = box.select("ul.medkb-followup__list a")
    assert [a.get_text(strip=True) for a in links] == [question for question, _page in expected]
    for link, (_question, target) in zip(links, expected, strict=True):
        page_dir = real_site.site / ARTICLE / slug
        assert (page_dir / str(link["href"]) / "index.html").resolve() == (
            real_site.site / ARTICLE / target.removesuffix(".md").replace("index", "") / "index.html").resolve()


@pytest.mark.parametrize(("slug", "source"), PAGES.items())
def test_ask_a_question_opens_an_issue_naming_the_article_and_section(real_site: BuildResult, slug: str,
                                                                      source: str) -> None:
    from urllib.parse import parse_qs, urlsplit

    repository = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))[
        "extra"]["repository"]["url"]
    link = real_site.page(f"{ARTICLE}/{slug}").select_one("a.medkb-ask")
    assert link is not None and link.get_text(strip=True) == "Ask a question about this article"
    address = urlsplit(str(link["href"]))
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{repository}/issues/new"
    query = parse_qs(address.query)
    article, section = str(front("index.md")["title"]), str(front(source)["title"])
    assert query["title"] == [f"Question about {article}: {section}"]
    assert f"Article: {article}\nSection: {section}\nURL: /{ARTICLE}/{slug}" in query["body"][0]
