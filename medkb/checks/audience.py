"""Audience blocks: parts of a page written for one kind of reader, and the rule for their marker.

A block is a collapsible admonition that is open by default, so that without JavaScript every
block is visible:

    ???+ audience-patient "In plain words: for patients and caregivers"
        Ketamine is ...[@key]

The reader's choice on the page ("Which best describes you?") puts the blocks for that audience
first and collapses the others, which stay one click away (overrides/assets/javascripts/
medkb-audience.js). The body of a block is prose like any other: every claim in it is cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medkb.checks.citations import mask_code
from medkb.findings import Finding

AUDIENCES: dict[str, str] = {
    "professional": "Healthcare professional",
    "student": "Student",
    "patient": "Patient or caregiver",
}
"""The readers a page can address: marker name (`audience-<name>`) and the label of the choice."""

AUDIENCE_READERS: dict[str, str] = {
    "professional": "healthcare professionals",
    "student": "students",
    "patient": "patients and caregivers",
}
"""The same readers in the plural, as sentences about a block name them."""

BLOCK_START = re.compile(
    r"""(?x)
    ^(?P<indent>[ ]*)
    (?P<marker>!!!|\?\?\?\+?)           # admonition, or collapsible block (??? closed, ???+ open)
    [ ]*
    (?P<type>audience\S*)               # the block type: audience-<name>
    (?P<rest>.*)$                       # further classes and the quoted title
    """,
    re.MULTILINE,
)
TYPE = re.compile(r"^audience-(?P<audience>[a-z]+)$")
TITLE = re.compile(r"""^\s*(?:[\w-]+\s+)*"(?P<title>[^"]*)"\s*$""")
EXAMPLE = '???+ audience-patient "In plain words: for patients and caregivers"'


@dataclass(frozen=True)
class AudienceBlock:
    line: int
    """1-based line of the block's marker in the text given."""
    audience: str
    """The audience named after 'audience-' (as written, even when unknown)."""
    title: str
    problem: str | None
    """Why the marker is not a valid audience block, or None."""


def audience_blocks(text: str) -> list[AudienceBlock]:
    """Every audience-block marker of a page, outside code, with what is wrong with it."""
    blocks: list[AudienceBlock] = []
    masked = mask_code(text)
    for match in BLOCK_START.finditer(masked):
        line = masked.count("\n", 0, match.start()) + 1
        type_match = TYPE.match(match.group("type"))
        audience = type_match.group("audience") if type_match else match.group("type").removeprefix("audience-")
        title_match = TITLE.match(match.group("rest"))
        title = title_match.group("title").strip() if title_match else ""
        blocks.append(AudienceBlock(line, audience, title, _problem(match.group("marker"), audience, title,
                                                                    type_match is not None)))
    return blocks


def _problem(marker: str, audience: str, title: str, well_formed: bool) -> str | None:
    allowed = ", ".join(f"audience-{name}" for name in AUDIENCES)
    if not well_formed or audience not in AUDIENCES:
        return f"'audience-{audience}' names no audience; use one of: {allowed} (e.g. {EXAMPLE})"
    if marker != "???+":
        return (f"write audience blocks as '???+ audience-{audience} \"Title\"' (not '{marker}'): an open "
                "collapsible block, so that every block shows without JavaScript and readers can fold it")
    if not title:
        return (f"the audience block has no title; give one that names its reader in double quotes, "
                f"e.g. {EXAMPLE}")
    return None


def audience_findings(path: str, text: str) -> list[Finding]:
    """Audience-block markers that are malformed, each at its line."""
    return [
        Finding(path, block.line, "audience block", block.problem)
        for block in audience_blocks(text)
        if block.problem is not None
    ]


def page_audiences(text: str) -> tuple[str, ...]:
    """The audiences that valid blocks of the page address, in order of first appearance."""
    seen: list[str] = []
    for block in audience_blocks(text):
        if block.problem is None and block.audience not in seen:
            seen.append(block.audience)
    return tuple(seen)
