"""The pure parts of the PDF export, as tables: page content for print, links, navigation, settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import FIXTURES, REPO, make_project

from medkb.checks.project import PageInfo, in_reading_order
from medkb.pdf.assemble import page_numbers
from medkb.pdf.content import GOTO, printable_page, resolve_links, site_placeholder
from medkb.pdf.documents import PrintSection, chunk_sections, needs_pending_notice
from medkb.pdf.render import Anchor, PartJob, local_fetcher, split_pieces
from medkb.pdf.sources import PdfError, RenderedPage, load_site, normalise_url_path
from medkb.render.offline import (
    ShimError,
    function_source,
    search_worker_url,
    with_bootstrap_declared,
    worker_bootstrap,
)
from medkb.sources.frontmatter import PageReview

PAGE = """<html><body><nav>site navigation</nav>
<article class="md-content__inner md-typeset">
<section class="medkb-review">Review status: Submitted</section>
<h1>{title}</h1>
<h2 id="summary">Summary<a class="headerlink" href="#summary">¶</a></h2>
<p>Rapid effect.<sup id="fnref:zarate2006randomized"><a class="footnote-ref" href="#fn:zarate2006randomized">1</a></sup>
<sup class="citation-sep">,</sup><sup id="fnref:berman2000antidepressant"><a class="footnote-ref" href="#fn:berman2000antidepressant">2</a></sup>
Again.<sup id="fnref2:zarate2006randomized"><a class="footnote-ref" href="#fn:zarate2006randomized">1</a></sup>
See <a href="{link}">the other page</a> and <a href="https://doi.org/10.1/x">a DOI</a>.</p>
<details class="note"><summary>More</summary><p>Hidden on screen.</p></details>
<h2 id="references">References</h2>
<div class="footnote"><hr><ol>
<li id="fn:zarate2006randomized"><p>Zarate 2006. <a class="footnote-backref" href="#fnref:zarate2006randomized">↩</a><a class="footnote-backref" href="#fnref2:zarate2006randomized">↩</a></p></li>
<li id="fn:berman2000antidepressant"><p>Berman 2000. <a class="footnote-backref" href="#fnref:berman2000antidepressant">↩</a></p></li>
</ol></div>
<aside class="medkb-disclaimer"><h2 id="medkb-disclaimer-title">Professional medical disclaimer</h2></aside>
</article></body></html>"""


def write_page(site: Path, html_file: str, title: str, link: str) -> None:
    path = site / html_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title, link=link), encoding="utf-8")


@pytest.fixture
def two_pages(tmp_path: Path) -> tuple[Path, list[RenderedPage]]:
    site = tmp_path / "site"
    write_page(site, "demo/one/index.html", "Page one", "../two/#summary")
    write_page(site, "demo/two/index.html", "Page two", "../one/")
    pages = [
        RenderedPage("demo/one.md", site / "demo/one/index.html", "demo/one/"),
        RenderedPage("demo/two.md", site / "demo/two/index.html", "demo/two/"),
    ]
    return site, pages


def test_pages_citing_the_same_source_keep_unique_ids_when_combined(
    two_pages: tuple[Path, list[RenderedPage]],
) -> None:
    site, pages = two_pages
    printable = [printable_page(page, site) for page in pages]
    anchors = {page.url_path: page.anchor for page in pages}
    combined = BeautifulSoup(
        "".join(
            f'<section id="{p.anchor}">{resolve_links(p.html, anchors, "")}</section>' for p in printable
        ),
        "html.parser",
    )
    ids = [str(node["id"]) for node in combined.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate ids in the combined document"
    assert "demo/one::fn:zarate2006randomized" in ids and "demo/two::fn:zarate2006randomized" in ids
    targets = [
        str(a["href"]).removeprefix(GOTO)
        for a in combined.find_all("a", href=True)
        if a["href"].startswith(GOTO)
    ]
    assert targets and set(targets) <= set(ids), f"links to missing ids: {set(targets) - set(ids)}"
    assert "demo/two::summary" in targets  # a link to a heading of another page in the same PDF
    assert "demo/one" in targets  # a link to another page of the same PDF


def test_print_content_leaves_out_screen_parts_and_numbers_references(
    two_pages: tuple[Path, list[RenderedPage]],
) -> None:
    site, pages = two_pages
    page = printable_page(pages[0], site)
    soup = BeautifulSoup(page.html, "html.parser")
    assert page.title == "Page one"
    assert soup.find("h1") is None  # the print template sets the title
    assert not soup.select(
        ".medkb-review, .medkb-disclaimer, a.headerlink, a.footnote-backref, hr, nav, details"
    )
    assert [n.get_text() for n in soup.select("div.references li .ref-number")] == ["1.", "2."]
    assert [h.text for h in page.headings] == ["Summary", "References"]
    assert [h.is_reference_list for h in page.headings] == [False, True]
    assert soup.select_one(".admonition > .admonition-title").get_text() == "More"  # details print open


@pytest.mark.parametrize(
    ("href", "html_dir", "expected"),
    [
        ("../two/", "demo/one", "medkb-page:demo/two/"),
        ("../two/#dose", "demo/one", "medkb-page:demo/two/#dose"),
        ("two.html#dose", "demo", "medkb-page:demo/two/#dose"),
        ("../", "demo/one", "medkb-page:demo/"),
        ("../../", "demo/one", "medkb-page:"),
        ("../../editorial-policy/", "demo/one", "medkb-page:editorial-policy/"),
        ("../../assets/leaflet.pdf", "demo/one", "medkb-file:assets/leaflet.pdf"),
        ("../../../outside/", "demo/one", "medkb-file:"),
    ],
)
def test_links_within_the_site_become_placeholders(href: str, html_dir: str, expected: str) -> None:
    assert site_placeholder(href, html_dir) == expected


@pytest.mark.parametrize(
    ("html", "site_url", "expected"),
    [
        ('href="medkb-page:demo/two/#dose"', "", f'href="{GOTO}demo/two::dose"'),
        ('href="medkb-page:demo/two/"', "", f'href="{GOTO}demo/two"'),
        ('href="medkb-page:"', "", 'data-unlinked=""'),  # the home page is in no PDF
        ('href="medkb-page:"', "https://kb.example.org/", 'href="https://kb.example.org/"'),
        (
            'href="medkb-file:assets/a.pdf"',
            "https://kb.example.org",
            'href="https://kb.example.org/assets/a.pdf"',
        ),
        ('href="medkb-file:assets/a.pdf"', "", 'data-unlinked=""'),
    ],
)
def test_placeholders_resolve_to_a_jump_a_web_link_or_no_link(
    html: str, site_url: str, expected: str
) -> None:
    assert resolve_links(html, {"demo/two/": "demo/two"}, site_url) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("", ""),
        ("index.html", ""),
        ("a/b/index.html", "a/b/"),
        ("a/b.html", "a/b/"),
        ("a/b/", "a/b/"),
        ("a/b", "a/b/"),
    ],
)
def test_built_page_paths_are_normalised(path: str, expected: str) -> None:
    assert normalise_url_path(path) == expected


def minimal_config(tmp_path: Path, settings: str) -> Path:
    """The minimal fixture project with `settings` over its mkdocs.yml (which it inherits)."""
    project = make_project(tmp_path / "project", FIXTURES / "minimal")
    (project / "mkdocs.yml").rename(project / "base.yml")
    (project / "mkdocs.yml").write_text(f"INHERIT: base.yml\n{settings}", encoding="utf-8")
    return project / "mkdocs.yml"


def test_the_export_gets_the_site_model_from_the_builds_own_builders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside the build, MkDocs loads the configuration (INHERIT, !ENV) and lays out the navigation, and the
    project check groups the pages into articles: the export has no reader of its own for either."""
    config = minimal_config(
        tmp_path,
        "site_name: Bench\nsite_url: !ENV [KB_URL, '']\nnav:\n  - Home: index.md\n"
        "  - Demo:\n    - Second: demo-article/section.md\n    - demo-article/index.md\n"
        "  - https://example.org/\n",
    )
    monkeypatch.setenv("KB_URL", "https://kb.example.org/")
    site = load_site(config)
    settings = site.settings
    assert settings.site_name == "Bench" and settings.site_url == "https://kb.example.org/"
    assert settings.nav_order == ("index.md", "demo-article/section.md", "demo-article/index.md")
    assert settings.nav_titles == {"index.md": "Home", "demo-article/section.md": "Second"}
    assert "professional" in settings.notices["disclaimer"]  # from the inherited extra.notices
    assert settings.language == "en" and settings.custom_dir == config.parent / "overrides"
    assert site.report.articles.keys() == {"demo-article"}
    assert {page.src_path for page in site.report.articles["demo-article"].pages} == {
        "demo-article/index.md", "demo-article/section.md"
    }


def test_without_a_nav_the_order_is_mkdocs_own(tmp_path: Path) -> None:
    config = minimal_config(tmp_path, "nav: null\n")
    assert load_site(config).settings.nav_order == (
        "index.md", "editorial-policy.md", "demo-article/index.md", "demo-article/section.md"
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("extra: {notices: {educational: a, pending_review: '', disclaimer: c}}\n",
         "mkdocs.yml: extra.notices needs pending_review"),
        ("site_name: [unclosed\n", "mkdocs.yml"),
    ],
)
def test_unusable_settings_are_explained(tmp_path: Path, settings: str, message: str) -> None:
    with pytest.raises(PdfError, match=message):
        load_site(minimal_config(tmp_path, settings))


def section(name: str, size: int) -> PrintSection:
    from medkb.pdf.content import PrintablePage

    return PrintSection(PrintablePage(f"a/{name}.md", f"a/{name}", f"a/{name}/", name, "x" * size, ()), None)


@pytest.mark.parametrize(
    ("sizes", "chunks", "expected"),
    [
        ([10, 10, 10, 10], 2, [2, 2]),
        ([40, 10, 10, 10, 10], 2, [1, 4]),
        ([10, 10], 5, [1, 1]),
        ([10, 10, 10], 1, [3]),
        ([5, 5, 5, 100], 3, [2, 1, 1]),
    ],
)
def test_sections_are_split_into_runs_of_about_equal_size(
    sizes: list[int], chunks: int, expected: list[int]
) -> None:
    sections = [section(f"s{index}", size) for index, size in enumerate(sizes)]
    runs = chunk_sections(sections, chunks)
    assert [len(run) for run in runs] == expected
    assert [s for run in runs for s in run] == sections  # order kept, nothing lost


def test_page_numbers_count_pages_of_earlier_parts() -> None:
    parts = [
        (1, {"cover": Anchor(0, 0, 0)}),
        (2, {}),
        (5, {"a": Anchor(0, 0, 0), "b": Anchor(3, 0, 0)}),
        (1, {"z": Anchor(0, 0, 0)}),
    ]
    assert page_numbers(parts, ["cover", "a", "b", "z", "missing"]) == {"cover": 1, "a": 4, "b": 7, "z": 9}


def test_parts_laid_out_together_are_split_where_each_begins() -> None:
    """Covers laid out in one layout: each part is its pages, its ids counted from its first page."""
    job = PartJob("covers", "", Path("covers.pdf"), "", (), pieces=(("one", "a"), ("two", "b"), ("three", "c")))
    anchors = {
        "a": Anchor(0, 10, 700),
        "a-table": Anchor(1, 10, 500),  # the first cover runs onto a second page
        "b": Anchor(2, 10, 700),
        "c": Anchor(3, 10, 700),
        "c-notice": Anchor(3, 10, 300),
    }
    parts = split_pieces(job, 4, anchors, ())
    assert [(part.key, part.first_page, part.pages) for part in parts] == [
        ("one", 0, 2),
        ("two", 2, 1),
        ("three", 3, 1),
    ]
    assert parts[0].anchors == {"a": Anchor(0, 10, 700), "a-table": Anchor(1, 10, 500)}
    assert parts[2].anchors == {"c": Anchor(0, 10, 700), "c-notice": Anchor(0, 10, 300)}
    assert all(part.path == Path("covers.pdf") for part in parts)


@pytest.mark.parametrize(
    ("anchors", "message"),
    [
        ({"a": Anchor(0, 0, 0)}, "without the element"),
        ({"a": Anchor(1, 0, 0), "b": Anchor(0, 0, 0)}, "not one after another"),
        ({"a": Anchor(0, 0, 0), "b": Anchor(0, 0, 0)}, "not one after another"),
    ],
)
def test_parts_laid_out_together_must_each_start_a_page(anchors: dict[str, Anchor], message: str) -> None:
    job = PartJob("covers", "", Path("covers.pdf"), "", (), pieces=(("one", "a"), ("two", "b")))
    with pytest.raises(PdfError, match=message):
        split_pieces(job, 2, anchors, ())


def review(status: str) -> PageReview:
    return PageReview(title="T", review_status=status, last_updated=dt.date(2025, 1, 1))


@pytest.mark.parametrize(
    ("statuses", "pending"),
    [(["approved", "approved"], False), (["approved", "under_review"], True), (["submitted"], True)],
)
def test_pending_notice_applies_while_any_page_is_unapproved(statuses: list[str], pending: bool) -> None:
    assert needs_pending_notice([review(status) for status in statuses]) is pending


def test_the_export_reads_only_the_site_and_never_the_network(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "secret.txt").write_text("no")
    fetcher = local_fetcher([site])
    assert fetcher((site / "logo.png").as_uri()).read() == b"\x89PNG"
    assert fetcher("data:text/plain,hi").read() == b"hi"
    for url in (
        "https://example.org/tracker.png",
        "http://127.0.0.1:9/x.css",
        (tmp_path / "secret.txt").as_uri(),
    ):
        with pytest.raises(ValueError, match="not (fetched|read)"):
            fetcher(url)
    assert len(fetcher.refused) == 3


# --- Offline search under the site's Content-Security-Policy ---------------------------------------------

SHIM = REPO / "node_modules" / "iframe-worker" / "shim" / "index.js"


def test_worker_bootstrap_is_the_script_the_shim_writes_into_its_frame() -> None:
    source = SHIM.read_text(encoding="utf-8")
    bootstrap = worker_bootstrap(source, "../assets/javascripts/workers/search.js")
    assert bootstrap.startswith("postMessage=function ")
    assert ";importScripts=function " in bootstrap
    assert 'filename:"../assets/javascripts/workers/search.js"' in bootstrap
    assert "${" not in bootstrap


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("var x = 1;", "no `document.write"),
        (
            "function c(a){return a};document.write(`<html><script>postMessage=${c};${e};${f}<\\/script>`)",
            "one URL",
        ),
        (
            "function c(a){return a;document.write(`<script>postMessage=${c};x=${e}<\\/script>`)",
            "never closes",
        ),
    ],
)
def test_an_unexpected_shim_is_reported(source: str, message: str) -> None:
    with pytest.raises(ShimError, match=message):
        worker_bootstrap(source, "w.js")


def test_function_source_skips_braces_in_strings() -> None:
    assert function_source('x;function f(a){return "}"+a};y', "f") == 'function f(a){return "}"+a}'


def test_bootstrap_is_declared_as_an_inert_data_block() -> None:
    page = '<html><body><script id="__config" type="application/json">{"search": "../w.js"}</script></body></html>'
    assert search_worker_url(page) == "../w.js"
    declared = with_bootstrap_declared(page, "postMessage=1")
    assert declared.endswith(
        '<script type="text/plain" data-medkb-iframe-worker>postMessage=1</script>\n</body></html>'
    )
    with pytest.raises(ShimError):
        with_bootstrap_declared(page, "x</script><script>alert(1)")


def test_an_articles_pages_in_reading_order_for_the_references_page_and_the_pdf() -> None:
    """One order for both: the navigation's, then the pages it leaves out, by path."""
    pages = [PageInfo(src, f"docs/{src}", "a", {}, None, []) for src in ("a/z.md", "a/b.md", "a/index.md", "a/c.md")]
    order = ["index.md", "a/index.md", "a/z.md", "a/b.md"]
    assert [page.src_path for page in in_reading_order(pages, order)] == ["a/index.md", "a/z.md", "a/b.md", "a/c.md"]
