"""The PDFs, opened for real with pypdf: what a clinician reading or printing them gets.

The real site is built once with PDFs on (MEDKB_PDF=true, as `make pdf` does); the article PDF
and the handbook are then read page by page: cover, contents, outline, headings, citation
numbers against their reference entries, DOIs, disclaimer, links, fonts, page numbers.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
import yaml
from bs4 import Tag
from pdfread import Fragment, all_text, fonts, fragments, links, outline, page_text, text_in
from pypdf import PdfReader
from reader_text import working_notes
from sitebuild import FIXTURES, REPO, BuildResult, build, make_project

from medkb.pdf import export_pdfs, load_site
from medkb.pdf.content import SCREEN_ONLY
from medkb.sources.bibliography import load_bibliography

ARTICLE = "ketamine-depression"
DISCLAIMER = "Professional medical disclaimer"


def with_pdf_hook(project: Path) -> Path:
    """A fixture project (tests/fixtures/minimal) with the downloads hook of the real mkdocs.yml."""
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    if "hooks/downloads.py" not in config["hooks"]:
        config["hooks"].insert(config["hooks"].index("hooks/security.py"), "hooks/downloads.py")
    config["extra"]["pdf_downloads"] = True
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return project


def build_with_pdfs(project: Path) -> BuildResult:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MEDKB_PDF", "true")
        result = build(project)
    assert result.ok, result.output
    return result


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_with_pdfs(make_project(tmp_path_factory.mktemp("pdf") / "project", REPO))


@pytest.fixture(scope="module")
def article_pdf(pdf_site: BuildResult) -> PdfReader:
    return PdfReader(pdf_site.site / "pdf" / f"{ARTICLE}.pdf")


@pytest.fixture(scope="module")
def handbook_pdf(pdf_site: BuildResult) -> PdfReader:
    return PdfReader(pdf_site.site / "pdf" / "handbook.pdf")


def words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def nav_pages(site: BuildResult, folder: str) -> list[str]:
    """Source paths of the article's pages in navigation order (mkdocs.yml, as MkDocs reads it)."""
    config = yaml.safe_load((site.project / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    found: list[str] = []

    def visit(item: object) -> None:
        if isinstance(item, str) and item.startswith(f"{folder}/"):
            found.append(item)
        elif isinstance(item, list):
            for child in item:
                visit(child)
        elif isinstance(item, dict):
            for child in item.values():
                visit(child)

    visit(config["nav"])
    return found


def web_page(site: BuildResult, src: str) -> Tag:
    url = src.removesuffix("index.md").removesuffix(".md")
    url = url if url.endswith("/") or not url else f"{url}/"
    article = site.page(url).select_one("article.md-content__inner")
    assert article is not None
    return article


def web_title(page: Tag) -> str:
    h1 = page.find("h1")
    assert isinstance(h1, Tag)
    return words(h1.get_text(" "))


def article_meta(site: BuildResult) -> dict[str, str]:
    text = (site.project / "docs" / ARTICLE / "index.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


# --- Downloads on the site ------------------------------------------------------------------------


def test_every_article_page_links_to_its_pdf_and_the_file_is_there(pdf_site: BuildResult) -> None:
    for src in nav_pages(pdf_site, ARTICLE):
        page = web_page(pdf_site, src)
        link = page.select_one(".medkb-download a")
        assert link is not None and words(link.get_text()) == "Download PDF", src
        html_file = pdf_site.site / src.removesuffix(".md").removesuffix("index") / "index.html"
        target = (html_file.parent / str(link["href"])).resolve()
        assert target == (pdf_site.site / "pdf" / f"{ARTICLE}.pdf").resolve(), src
        assert target.read_bytes().startswith(b"%PDF-"), src
    home = pdf_site.page("").select_one(".medkb-download a")
    assert home is not None and "handbook" in home.get_text()
    assert (pdf_site.site / str(home["href"])).read_bytes().startswith(b"%PDF-")


def test_the_print_templates_are_not_published(pdf_site: BuildResult) -> None:
    assert not (pdf_site.site / "print").exists()


# --- The article PDF ------------------------------------------------------------------------------


def test_metadata_title_language_and_author(article_pdf: PdfReader, pdf_site: BuildResult) -> None:
    meta = article_meta(pdf_site)
    assert article_pdf.metadata is not None
    assert article_pdf.metadata.title == meta["title"]
    assert article_pdf.metadata.author == "Clinical Evidence Knowledge Base"
    assert article_pdf.trailer["/Root"]["/Lang"] == "en"


def test_cover_shows_question_status_date_and_notices(article_pdf: PdfReader, pdf_site: BuildResult) -> None:
    meta = article_meta(pdf_site)
    cover = page_text(article_pdf, 0)
    assert words(meta["title"]) in cover
    assert words(meta["question"]) in cover
    status = {"submitted": "Submitted", "under_review": "Under Review", "approved": "Approved"}[
        meta["review_status"]
    ]
    assert f"Review status {status}" in cover
    assert re.search(r"Last updated \d{1,2} [A-Z][a-z]+ \d{4}", cover)
    assert "Educational purpose only." in cover
    # Not approved by a medical reviewer: the cover says so, as the site's pages do.
    assert "Pending human review." in cover


def test_outline_lists_the_sections_in_navigation_order_then_the_disclaimer(
    article_pdf: PdfReader, pdf_site: BuildResult
) -> None:
    sections = [web_title(web_page(pdf_site, src)) for src in nav_pages(pdf_site, ARTICLE)]
    items = outline(article_pdf)
    assert [item.title for item in items if item.level == 1] == [*sections, DISCLAIMER]
    for item in items:
        assert item.page is not None, item
    for item in [item for item in items if item.level == 1][:-1]:
        assert words(item.title) in page_text(article_pdf, item.page), (
            f"{item.title} is not on page {item.page + 1}"
        )
    # Each section's headings sit under it, its reference list among them.
    assert sum(1 for item in items if item.level == 2 and item.title == "References") == len(sections)


def test_contents_page_numbers_match_where_sections_start(article_pdf: PdfReader) -> None:
    sections = [item for item in outline(article_pdf) if item.level == 1]
    assert sections[0].page is not None and sections[0].page >= 2
    contents = " ".join(page_text(article_pdf, index) for index in range(1, sections[0].page))
    assert contents.startswith("Contents")
    for item in sections:
        assert item.page is not None
        assert f"{words(item.title)} {item.page + 1}" in contents, item


def test_every_section_heading_appears_in_order(article_pdf: PdfReader, pdf_site: BuildResult) -> None:
    text = all_text(article_pdf)
    position = 0
    for src in nav_pages(pdf_site, ARTICLE):
        page = web_page(pdf_site, src)
        title = web_title(page)
        for screen_only in page.select(", ".join(SCREEN_ONLY)):
            screen_only.decompose()  # the review header, disclaimer, "Cite this page" and the like
        for heading in [title, *(words(h.get_text(" ")) for h in page.select("h2, h3"))]:
            found = text.find(heading, position)
            assert found >= 0, f"heading {heading!r} ({src}) missing or out of order"
            position = found


def test_citation_numbers_lead_to_the_reference_entry_with_the_same_number(article_pdf: PdfReader) -> None:
    checked = 0
    for link in [link for link in links(article_pdf) if link.uri is None]:
        number = text_in(article_pdf, link.page, link.rect, max_size=7)  # citation marks are superscripts
        if not number.isdigit():
            continue  # a contents line or a cross-reference, not a citation mark
        assert link.target_page is not None and link.target_top is not None, link
        # The entry starts with its number ("3.") at the top of the place the citation leads to.
        entry = [
            fragment
            for fragment in fragments(article_pdf, link.target_page)
            if link.target_top - 14 <= fragment.y <= link.target_top + 1
        ]
        assert entry, f"nothing at the destination of citation {number} (page {link.page + 1})"
        assert entry[0].text.startswith(f"{number}."), (number, entry[0])
        checked += 1
    assert checked > 100, "the article cites its sources throughout"


def test_reference_lists_number_from_one_and_show_dois(article_pdf: PdfReader, pdf_site: BuildResult) -> None:
    text = all_text(article_pdf).replace(" ", "")
    uris = {link.uri for link in links(article_pdf) if link.uri}
    for src in nav_pages(pdf_site, ARTICLE):
        entries = web_page(pdf_site, src).select("div.footnote > ol > li")
        for entry in entries:
            doi = entry.select_one("a.medkb-ref__doi")
            if doi is not None:
                assert words(doi.get_text()).replace(" ", "") in text, doi.get_text()
                assert str(doi["href"]) in uris, f"{doi['href']} is not a link in the PDF"
    assert any(uri.startswith("https://pubmed.ncbi.nlm.nih.gov/") for uri in uris)


def test_disclaimer_is_on_the_last_page(article_pdf: PdfReader) -> None:
    notices = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["extra"][
        "notices"
    ]
    last = page_text(article_pdf, len(article_pdf.pages) - 1)
    assert DISCLAIMER in last
    assert words(notices["disclaimer"]) in last


def test_no_link_points_nowhere(article_pdf: PdfReader, handbook_pdf: PdfReader) -> None:
    for reader in (article_pdf, handbook_pdf):
        found = links(reader)
        assert found
        for link in found:
            if link.uri is not None:
                assert re.match(r"https?://", link.uri), link
            else:
                assert link.target_page is not None, f"internal link on page {link.page + 1} leads to no page"


def test_fonts_are_embedded(article_pdf: PdfReader) -> None:
    used = fonts(article_pdf)
    assert used and all(used.values()), used


def test_every_page_is_numbered_and_headed(article_pdf: PdfReader, pdf_site: BuildResult) -> None:
    total = len(article_pdf.pages)
    assert total > len(nav_pages(pdf_site, ARTICLE)) + 2  # cover, contents, sections, disclaimer
    title = words(article_meta(pdf_site)["title"])
    for index in range(total):
        text = page_text(article_pdf, index)
        assert f"Page {index + 1} of {total}" in text
        if 0 < index < total - 1:  # not on the cover; the disclaimer page (shared by all PDFs) names the site
            assert title in text, f"page {index + 1} has no running title"
            page = article_pdf.pages[index]
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            header = words(text_in(article_pdf, index, (0, height - 60, width, height), max_size=10))
            assert header.count(title) == 1, f"page {index + 1}'s running header: '{header}'"


def is_heading(fragment: Fragment) -> bool:
    return "Sans-Bold" in fragment.font and fragment.size >= 10.5


def test_headings_never_end_a_page(article_pdf: PdfReader, handbook_pdf: PdfReader) -> None:
    for reader in (article_pdf, handbook_pdf):
        headings = 0
        for index in range(len(reader.pages)):
            body = [f for f in fragments(reader, index) if 60 < f.y < 780 and f.text]
            if not body:
                continue
            headings += sum(map(is_heading, body))
            lowest = min(body, key=lambda f: f.y)
            assert not is_heading(lowest), f"page {index + 1} ends with the heading {lowest.text!r}"
        assert headings > 10, "headings are no longer recognised by their font: the check above would see none"


# --- The handbook ---------------------------------------------------------------------------------


def test_handbook_holds_every_article_the_editorial_policy_and_the_disclaimer(
    handbook_pdf: PdfReader, article_pdf: PdfReader, pdf_site: BuildResult
) -> None:
    assert handbook_pdf.metadata is not None and handbook_pdf.metadata.title.endswith("handbook")
    assert handbook_pdf.trailer["/Root"]["/Lang"] == "en"
    top = [item.title for item in outline(handbook_pdf) if item.level == 1]
    assert top == [words(article_meta(pdf_site)["title"]), "Editorial policy", DISCLAIMER]
    sections = [item.title for item in outline(handbook_pdf) if item.level == 2]
    assert sections[: len(nav_pages(pdf_site, ARTICLE))] == [
        web_title(web_page(pdf_site, src)) for src in nav_pages(pdf_site, ARTICLE)
    ]
    first_paragraph = web_page(pdf_site, "editorial-policy.md").find("p")
    assert isinstance(first_paragraph, Tag)
    text = all_text(handbook_pdf)
    assert words(first_paragraph.get_text(" "))[:80] in text
    assert len(handbook_pdf.pages) >= len(article_pdf.pages)
    total = len(handbook_pdf.pages)
    assert f"Page {total} of {total}" in page_text(handbook_pdf, total - 1)


# --- Print layout on a page made to break badly -----------------------------------------------------


def add_to_nav(project: Path, section: str | None, *pages: str) -> None:
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    for entry in config["nav"]:
        if section is not None and isinstance(entry, dict) and section in entry:
            entry[section].extend(pages)
            break
    else:
        config["nav"].insert(-1, {pages[0].split("/")[0]: list(pages)})
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def long_table_pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    project = with_pdf_hook(make_project(tmp_path_factory.mktemp("table") / "project", FIXTURES / "minimal"))
    rows = "\n".join(
        f"| R{row}A {'trial arm ' * 6}| {'participants ' * 8}| R{row}C ended.[@zarate2006randomized] |"
        for row in range(1, 61)
    )
    filler = "\n".join(
        f"Paragraph {n} about response rates was measured in the trial.[@zarate2006randomized]"
        for n in range(40)
    )
    (project / "docs" / "demo-article" / "long-table.md").write_text(
        "---\ntitle: Long table\nreview_status: submitted\nlast_updated: 2025-12-01\n---\n\n"
        f"## Trials\n\n| Arm | Participants | Outcome |\n| --- | --- | --- |\n{rows}\n\n"
        + "".join(f"## Heading {n}\n\n{filler}\n\n" for n in range(3)),
        encoding="utf-8",
    )
    add_to_nav(project, "Demo", "demo-article/long-table.md")
    site = build_with_pdfs(project)
    return PdfReader(site.site / "pdf" / "demo-article.pdf")


def test_table_rows_are_never_split_across_pages(long_table_pdf: PdfReader) -> None:
    pages = [page_text(long_table_pdf, index) for index in range(len(long_table_pdf.pages))]
    spread = {page for page, text in enumerate(pages) if "R1A" in text or "R60C" in text}
    assert len({page for page, text in enumerate(pages) if re.search(r"\bR\d+A\b", text)}) > 1, (
        "the table spans pages"
    )
    assert spread
    for row in range(1, 61):
        first = [page for page, text in enumerate(pages) if re.search(rf"\bR{row}A\b", text)]
        last = [page for page, text in enumerate(pages) if re.search(rf"\bR{row}C\b", text)]
        assert first == last and len(first) == 1, f"row {row} starts on page {first} and ends on page {last}"


def test_table_header_repeats_on_each_page_of_the_table(long_table_pdf: PdfReader) -> None:
    pages = [page_text(long_table_pdf, index) for index in range(len(long_table_pdf.pages))]
    with_rows = [index for index, text in enumerate(pages) if re.search(r"\bR\d+A\b", text)]
    assert len(with_rows) > 1, "the table fits on one page: nothing to repeat"
    for index in with_rows:
        assert "Arm Participants Outcome" in pages[index], f"page {index + 1} continues the table without its header"


def test_headings_on_a_long_page_do_not_end_a_page(long_table_pdf: PdfReader) -> None:
    test_headings_never_end_a_page(long_table_pdf, long_table_pdf)


# --- The command line -----------------------------------------------------------------------------


def test_articles_laid_out_together_each_keep_their_own_pages(tmp_path: Path) -> None:
    """A handbook of many articles lays out their covers, and the sections of several articles, in
    shared layouts; in the PDF each article still has its own cover, sections and running title."""
    project = make_project(tmp_path / "project", FIXTURES / "minimal")
    titles = {"demo-article": "Ketamine for depression"}
    for number in range(1, 8):
        slug = f"demo-{number}"
        titles[slug] = f"Demonstration article {number}"
        (project / "docs" / slug).mkdir()
        for page in (project / "docs" / "demo-article").glob("*.md"):
            text = page.read_text(encoding="utf-8")
            text = text.replace("title: Ketamine for depression", f"title: {titles[slug]}")
            (project / "docs" / slug / page.name).write_text(text, encoding="utf-8")
        add_to_nav(project, None, f"{slug}/index.md", f"{slug}/section.md")
    plain = build(project)
    assert plain.ok, plain.output
    [handbook] = export_pdfs(
        plain.site, tmp_path / "out", site=load_site(project / "mkdocs.yml"), articles=[], workers=1
    )
    reader = PdfReader(handbook.path)
    items = outline(reader)
    starts = sorted(item.page for item in items if item.level == 1 and item.page is not None)
    articles = [item for item in items if item.level == 1 and item.title in titles.values()]
    assert [item.title for item in articles] == list(titles.values())
    for article in articles:
        assert article.page is not None
        end = min(start for start in starts if start > article.page)
        cover = page_text(reader, article.page)
        assert "Review status" in cover and words(article.title) in cover
        sections = [item for item in items if item.level == 2 and article.page < (item.page or 0) < end]
        assert [item.title for item in sections] == [article.title, "Section"]
        for item in sections:
            assert item.page is not None and words(item.title) in page_text(reader, item.page)
        for index in range(article.page + 1, end):  # every page after the cover is headed with the article
            assert words(article.title) in page_text(reader, index), f"page {index + 1}"
    total = len(reader.pages)
    assert all(f"Page {index + 1} of {total}" in page_text(reader, index) for index in range(total))


def run_pdf_command(*args: str, cwd: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra_env}
    return subprocess.run(
        [sys.executable, "-m", "medkb.pdf", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_the_command_prints_what_the_build_printed(pdf_site: BuildResult, tmp_path: Path) -> None:
    """`python -m medkb.pdf` makes the site's model with the build's own builders (MkDocs' configuration and
    navigation, the project check): from the same site it writes the same article PDF, byte for byte."""
    result = run_pdf_command(
        "--site-dir", str(pdf_site.site), "--article", ARTICLE, "--no-handbook", "--out-dir", str(tmp_path),
        cwd=pdf_site.project,
    )
    assert result.returncode == 0, result.stderr
    written = tmp_path / "pdf" / f"{ARTICLE}.pdf"
    assert written.read_bytes() == (pdf_site.site / "pdf" / f"{ARTICLE}.pdf").read_bytes()


def test_command_exports_one_article_from_a_built_site(real_site: BuildResult, tmp_path: Path) -> None:
    result = run_pdf_command(
        "--site-dir",
        str(real_site.site),
        "--article",
        ARTICLE,
        "--no-handbook",
        "--out-dir",
        str(tmp_path),
        cwd=real_site.project,
    )
    assert result.returncode == 0, result.stderr
    written = tmp_path / "pdf" / f"{ARTICLE}.pdf"
    assert f"{written}:" in result.stdout and " pages, " in result.stdout
    assert len(PdfReader(written).pages) > 5
    assert not (tmp_path / "pdf" / "handbook.pdf").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--article", "no-such-article"], "no article named no-such-article in the navigation"),
        (["--site-dir", "missing-site"], "no built page for docs/index.md; build the site first"),
    ],
)
def test_command_explains_what_is_wrong(
    real_site: BuildResult, tmp_path: Path, args: list[str], message: str
) -> None:
    base = ["--site-dir", str(real_site.site), "--out-dir", str(tmp_path)]
    result = run_pdf_command(*base, *args, cwd=real_site.project)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_command_names_the_front_matter_problem_behind_a_missing_cover(
    real_site: BuildResult, tmp_path: Path
) -> None:
    # Exported "in 2001": every last_updated date is in the future, so no page has valid review fields.
    result = run_pdf_command(
        "--site-dir",
        str(real_site.site),
        "--out-dir",
        str(tmp_path),
        cwd=real_site.project,
        SOURCE_DATE_EPOCH="1000000000",
    )
    assert result.returncode == 1
    assert re.search(
        r"docs/ketamine-depression/[\w-]+\.md:\d+: front matter: last_updated .* is in the future",
        result.stderr,
    )
    assert "cite key" not in result.stderr and "Traceback" not in result.stderr


def test_progress_is_shown_when_many_documents_are_exported(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "minimal")
    for copy in ("demo-b", "demo-c", "demo-d"):
        (project / "docs" / copy).mkdir()
        for page in (project / "docs" / "demo-article").glob("*.md"):
            (project / "docs" / copy / page.name).write_text(
                page.read_text(encoding="utf-8"), encoding="utf-8"
            )
        add_to_nav(project, None, f"{copy}/index.md", f"{copy}/section.md")
    plain = build(project)
    assert plain.ok, plain.output
    result = run_pdf_command("--site-dir", str(plain.site), cwd=project)
    assert result.returncode == 0, result.stderr
    assert re.search(r"\[\d/5\] .*demo-c\.pdf", result.stderr), result.stderr
    assert "5 PDF(s) written" in result.stderr


def test_no_working_notes_in_the_pdfs(article_pdf: PdfReader, handbook_pdf: PdfReader) -> None:
    bibliography = load_bibliography(sorted((REPO / "bib").glob("*.bib")), REPO)
    for pdf in (article_pdf, handbook_pdf):
        text = " ".join(page_text(pdf, index) for index in range(len(pdf.pages)))
        assert "Retracted" in text or "Retraction notice" in text, "the retracted study's notice is printed"
        assert working_notes(text, bibliography) == []


def structure_problems(path: Path) -> list[str]:
    """What keeps a PDF from being a tagged PDF whose structure covers its own pages."""
    pdf = pikepdf.open(path)
    problems: list[str] = []
    if not bool(pdf.Root.get("/MarkInfo", {}).get("/Marked", False)):
        problems.append("not marked as tagged (MarkInfo)")
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return [*problems, "no structure tree"]
    document = tree.K[0]
    if document.S != pikepdf.Name.Document or len(document.K) < 2:
        problems.append("no Document element holding the content")
    pages = {page.obj.objgen for page in pdf.pages}
    stack = list(document.K)
    elements = 0
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue
        elements += 1
        if "/Pg" in element and element.Pg.objgen not in pages:
            problems.append(f"a {element.get('/S')} element names a page outside the document")
        kids = element.get("/K")
        stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
    nums = tree.ParentTree.Nums
    keys = {int(nums[index]) for index in range(0, len(nums), 2)}
    for number, page in enumerate(pdf.pages, 1):
        if int(page.obj.get("/StructParents", -1)) not in keys:
            problems.append(f"page {number}'s marked content is not in the parent tree")
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation and int(annotation.StructParent) not in keys:
                problems.append(f"a link on page {number} is not in the parent tree")
    if elements < 100:
        problems.append(f"only {elements} structure elements")
    return problems


def test_the_pdfs_are_tagged(pdf_site: BuildResult) -> None:
    for path in (pdf_site.site / "pdf" / f"{ARTICLE}.pdf", pdf_site.site / "pdf" / "handbook.pdf"):
        assert structure_problems(path) == [], path.name
