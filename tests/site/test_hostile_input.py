"""Hostile pages: raw HTML that could run, leave or spoof the page fails the build (file and line named);
front-matter text is shown as text everywhere; every page carries a Content-Security-Policy that
lets only our own (hashed) inline scripts run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hostile import PAYLOADS
from publishing import publish_over_previous_site
from sitebuild import BuildResult, build

SECTION = "docs/demo-article/section.md"
ARTICLE = "docs/demo-article/index.md"

# Front-matter fields are not checked for markup: they are escaped wherever they are shown.
TITLE_PAYLOAD = '</title><script>alert("t")</script><img src=x onerror=alert("i")> & "quotes"'
REVIEWER_PAYLOAD = "<img src=x onerror=alert('r')>"
DESCRIPTION_PAYLOAD = '"><script>alert("d")</script>'
HEADING_PAYLOAD = "&lt;/title&gt;&lt;script&gt;alert('h')&lt;/script&gt;"


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_hostile_markup_fails_the_build_naming_file_and_line(minimal_project: Path, name: str) -> None:
    payload, expected = PAYLOADS[name]
    page = minimal_project / SECTION
    page.write_text(page.read_text(encoding="utf-8") + "\n" + payload + "\n", encoding="utf-8")

    result = publish_over_previous_site(minimal_project)  # what `make site` runs

    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    assert result.site_survived and result.leftovers == []
    line = page.read_text().splitlines().index(payload) + 1
    assert re.search(
        rf"{re.escape(SECTION)}:{line}: unsafe html: [^\n]*{re.escape(expected)}", result.output
    ), result.output


def test_markup_that_only_looks_like_code_is_caught_in_the_rendered_page(minimal_project: Path) -> None:
    """Inside a raw HTML block Markdown does not read backticks as code: the script is live. The source
    check takes it for code; the check of the rendered page (hooks/security.py) catches it."""
    page = minimal_project / SECTION
    page.write_text(page.read_text() + "\n<div>\n`<script>alert(1)</script>`\n</div>\n", encoding="utf-8")

    result = publish_over_previous_site(minimal_project)

    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    assert result.site_survived and result.leftovers == []
    line = page.read_text().splitlines().index("`<script>alert(1)</script>`") + 1
    assert f"{SECTION}:{line}: unsafe html: <script> is not allowed" in result.output, result.output


def test_allowed_embeds_and_markup_build(minimal_project: Path) -> None:
    page = minimal_project / SECTION
    page.write_text(
        page.read_text()
        + '\n<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Lecture"></iframe>\n\n'
        + '<details><summary>More</summary>Text with <abbr title="N-methyl-D-aspartate">NMDA</abbr>, '
        + 'H<sub>2</sub>O and <a href="https://example.org/">a link</a>.[@zarate2006randomized]</details>\n\n'
        + "Doses below 0.5 mg/kg (p<0.05) helped <https://example.org/>; `<script>` in code is text."
        + "[@zarate2006randomized]\n",
        encoding="utf-8",
    )

    result = build(minimal_project)

    assert result.ok, result.output
    frame = result.page("demo-article/section/").select_one("article iframe")
    assert frame is not None and frame["src"] == "https://www.youtube-nocookie.com/embed/abc"
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in content_security_policy(
        result.page("demo-article/section/")
    )


def test_front_matter_values_are_shown_as_text_everywhere(minimal_project: Path) -> None:
    article = minimal_project / ARTICLE
    text = article.read_text()
    text = text.replace("title: Ketamine for depression", f"title: {yaml_quoted(TITLE_PAYLOAD)}")
    text = text.replace(
        "description: A demonstration article.", f"description: {yaml_quoted(DESCRIPTION_PAYLOAD)}"
    )
    text = text.replace(
        "review_status: submitted",
        f"review_status: approved\nreviewers: [{yaml_quoted(REVIEWER_PAYLOAD)}]\nreviewed_on: 2025-11-30",
    )
    article.write_text(text, encoding="utf-8")
    (minimal_project / "docs/editorial-policy.md").write_text(f"---\nkind: site\n---\n\n# Policy {HEADING_PAYLOAD}\n\nHow we work.\n")

    result = build(minimal_project)

    assert result.ok, result.output
    pages = {
        url: result.page(url) for url in ("", "demo-article/", "demo-article/section/", "editorial-policy/")
    }
    for url, soup in pages.items():
        assert_no_executable_markup(soup, url)
    overview = pages["demo-article/"]
    assert overview.title is not None and overview.title.string.startswith(TITLE_PAYLOAD)
    assert text_of(overview.select_one("article h1")) == TITLE_PAYLOAD
    assert text_of(overview.select_one("[data-md-component=header-topic] .md-ellipsis")) == TITLE_PAYLOAD
    assert overview.select_one('meta[name="description"]')["content"] == DESCRIPTION_PAYLOAD
    assert REVIEWER_PAYLOAD in text_of(overview.select_one(".medkb-reviewers"))
    previous = pages["demo-article/section/"].select_one(".md-footer__link--prev")
    assert text_of(previous.select_one(".md-ellipsis")) == TITLE_PAYLOAD
    assert previous["aria-label"] == f"Previous: {TITLE_PAYLOAD}"  # escaped once, not twice
    nav_titles = [text_of(link) for link in pages["demo-article/section/"].select("nav.md-nav--primary a")]
    assert "Policy </title><script>alert('h')</script>" in nav_titles
    assert TITLE_PAYLOAD in [text_of(link) for link in pages[""].select(".medkb-article__title")]
    policy_page = pages["editorial-policy/"]
    assert policy_page.title is not None
    assert policy_page.title.string == "Policy </title><script>alert('h')</script> - Demo"
    search_titles = (result.site / "search/search_index.json").read_text()
    assert "<script>" not in search_titles and "<img" not in search_titles


def test_every_page_runs_only_the_sites_script_files(real_site: BuildResult) -> None:
    """The policy is the same on every page and names no inline script: none of our pages has one."""
    pages = sorted(real_site.site.rglob("*.html"))
    assert len(pages) >= 10
    policies = set()
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        policy = content_security_policy(soup)
        policies.add(policy)
        assert directive(policy, "script-src") == ["'self'"], path
        assert directive(policy, "style-src") == ["'self'"], path
        assert directive(policy, "img-src") == ["'self'", "data:"], path
        assert directive(policy, "object-src") == ["'none'"], path
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") in ("application/json", "application/ld+json"), path
        assert not soup.find_all(style=True) and not soup.find_all("style"), path
        head = soup.head
        assert head is not None
        first = [child for child in head.children if getattr(child, "name", None)][:2]
        assert any(tag.get("http-equiv") == "Content-Security-Policy" for tag in first), path
        before_policy = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"}).find_all_previous(
            ["script", "link", "style"]
        )
        assert not before_policy, f"{path}: resources load before the policy"
    assert len(policies) == 1


# --- unit tables for the rule itself -----------------------------------------------------------


def test_invalid_iframe_allow_list_fails_the_build(minimal_project: Path) -> None:
    config = minimal_project / "mkdocs.yml"
    text = config.read_text()
    assert "\nextra:\n" in text
    config.write_text(
        text.replace("\nextra:\n", "\nextra:\n  security:\n    iframe_hosts: [https://evil.example/]\n")
    )
    result = build(minimal_project)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert (
        "mkdocs.yml: extra.security.iframe_hosts: 'https://evil.example/' is not a host name" in result.output
    )


# --- helpers ------------------------------------------------------------------------------------


def content_security_policy(soup: BeautifulSoup) -> str:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None, "page has no Content-Security-Policy"
    return str(meta["content"])


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"no {name} in {policy}")


def assert_no_executable_markup(soup: BeautifulSoup, url: str) -> None:
    for script in soup.find_all("script"):
        body = script.string or ""
        if script.get("type") in ("application/ld+json", "application/json"):  # data, never run ...
            assert "<" not in body, f"{url}: markup in a data block could end the script element"
        else:
            assert "alert" not in body, f"{url}: injected script element"
    for element in soup.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert not handlers, f"{url}: <{element.name}> has {handlers}"
        for name in ("href", "src"):
            assert not str(element.get(name, "")).strip().lower().startswith("javascript:"), url



def text_of(element: Any) -> str:
    assert element is not None
    return " ".join(element.get_text().split())


def yaml_quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


