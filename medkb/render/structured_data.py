"""What machines read about a page: schema.org `MedicalWebPage` JSON-LD, and the description that
the Open Graph and description meta tags carry.

Everything comes from the checked front matter and bibliography; nothing is stated here that the
page does not state. The JSON is made safe to sit inside a `<script>` element.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from medkb.checks.audience import AUDIENCES
from medkb.checks.citations import CITATION_BLOCK, mask_code
from medkb.findings import Finding
from medkb.sources.bibliography import Reference
from medkb.sources.frontmatter import FrontMatterError, PageReview, read_front_matter

ABOUT_TYPES = ("MedicalCondition", "Drug", "DrugClass", "MedicalTherapy", "MedicalProcedure", "MedicalTest",
               "MedicalSignOrSymptom")
"""schema.org types an `about` entry may name (front matter: `- Drug: Ketamine`)."""

PAGE_AUDIENCES = ("professional", "student")
"""Every article page is written for these readers (see the disclaimer); audience blocks add others."""

SCHEMA_AUDIENCES: dict[str, dict[str, str]] = {
    "professional": {"@type": "MedicalAudience", "audienceType": "Clinician", "name": "Healthcare professionals"},
    "student": {"@type": "EducationalAudience", "educationalRole": "student", "name": "Students"},
    "patient": {"@type": "MedicalAudience", "audienceType": "Patient", "name": "Patients and caregivers"},
}

DESCRIPTION_LIMIT = 300
"""Longest description (characters) put in meta tags; longer leads are cut at a word."""


@dataclass(frozen=True)
class AboutItem:
    schema_type: str
    name: str


# ---------------------------------------------------------------------------------------------
# Front matter: `about`
# ---------------------------------------------------------------------------------------------


def read_about(value: object) -> tuple[tuple[AboutItem, ...], list[str]]:
    """The `about` list (`- Drug: Ketamine`), and what is wrong with it."""
    if value is None:
        return (), []
    allowed = ", ".join(ABOUT_TYPES)
    if not isinstance(value, list) or not value:
        return (), [f"'about' must be a list of 'Type: name' entries, e.g. '- Drug: Ketamine' (types: {allowed})"]
    items: list[AboutItem] = []
    problems: list[str] = []
    for index, entry in enumerate(value, start=1):
        if not (isinstance(entry, dict) and len(entry) == 1):
            problems.append(f"about item {index} must be one 'Type: name' pair, e.g. '- MedicalCondition: "
                            f"Depression' (types: {allowed})")
            continue
        ((schema_type, name),) = entry.items()
        if schema_type not in ABOUT_TYPES:
            problems.append(f"about item {index}: '{schema_type}' is not one of: {allowed}")
        elif not isinstance(name, str) or not name.strip():
            problems.append(f"about item {index}: give the name of the {schema_type} as text")
        else:
            items.append(AboutItem(str(schema_type), name.strip()))
    return tuple(items), problems


def about_findings(path: str, meta: dict[str, Any], field_lines: dict[str, int]) -> list[Finding]:
    _items, problems = read_about(meta.get("about"))
    line = field_lines.get("about", 1)
    return [Finding(path, line, "front matter", problem) for problem in problems]


# ---------------------------------------------------------------------------------------------
# JSON-LD
# ---------------------------------------------------------------------------------------------


def medical_web_page(
    *,
    review: PageReview,
    description: str,
    site_name: str,
    language: str,
    audiences: Iterable[str],
    references: Sequence[Reference],
    about: Sequence[AboutItem],
    url: str | None = None,
    site_url: str | None = None,
) -> dict[str, Any]:
    """schema.org MedicalWebPage of an article page.

    `lastReviewed` and `reviewedBy` appear only on approved pages: a page nobody has approved must
    not tell search engines that it was reviewed.
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": review.title,
    }
    if description:
        data["description"] = description
    if url:
        data["url"] = url
    data["inLanguage"] = language
    data["dateModified"] = review.last_updated.isoformat()
    if review.review_status == "approved":
        if review.reviewed_on is not None:
            data["lastReviewed"] = review.reviewed_on.isoformat()
        if review.reviewers:
            data["reviewedBy"] = [{"@type": "Person", "name": name} for name in review.reviewers]
    wanted = set(PAGE_AUDIENCES) | set(audiences)
    data["audience"] = [SCHEMA_AUDIENCES[name] for name in AUDIENCES if name in wanted]
    if about:
        data["about"] = [{"@type": item.schema_type, "name": item.name} for item in about]
    if references:
        data["citation"] = [cited_work(reference) for reference in references]
    website: dict[str, Any] = {"@type": "WebSite", "name": site_name}
    if site_url:
        website["url"] = site_url
    data["isPartOf"] = website
    return data


def cited_work(reference: Reference) -> dict[str, Any]:
    """A cited source as schema.org CreativeWork: title, source, year and its DOI (or other address)."""
    work: dict[str, Any] = {
        "@type": "ScholarlyArticle" if reference.entry_type == "article" else "CreativeWork",
        "name": reference.title,
    }
    if reference.authors:
        work["author"] = ", ".join(reference.authors)
    if reference.container:
        work["isPartOf"] = {"@type": "Periodical" if reference.entry_type == "article" else "CreativeWork",
                            "name": reference.container}
    if reference.year:
        work["datePublished"] = reference.year
    if reference.doi:
        work["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": reference.doi}
        work["url"] = reference.doi_url
    elif reference.pmid:
        work["identifier"] = {"@type": "PropertyValue", "propertyID": "PMID", "value": reference.pmid}
        work["url"] = reference.pubmed_url
    elif reference.url:
        work["url"] = reference.url
    return work


def json_for_script(data: Any) -> str:
    """JSON that can stand inside a `<script>` element: no `</script>`, `<!--` or raw non-ASCII.

    `ensure_ascii` already writes every non-ASCII character (U+2028 and U+2029 among them) as an
    escape; the three characters that could open or close markup are escaped too. One line, no
    indentation: machines read it, and Python's fast JSON encoder does not indent (the slow one took
    0.2 s of a 1,000-page build).
    """
    text = json.dumps(data, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---------------------------------------------------------------------------------------------
# Descriptions: the front matter's, or the page's lead
# ---------------------------------------------------------------------------------------------

_SKIPPED_BLOCK = re.compile(
    r"""(?x)
    ^\s*(?:
        \#{1,6}(?:\s|$)             # heading
      | (?:!!!|\?\?\?)              # admonition or collapsible block
      | [-*+]\s | \d{1,9}[.)]\s    # list item
      | \|                          # table
      | >                           # block quote
      | <                           # HTML block
      | \[[^\]]+\]:                 # link definition
      | (?:`{3}|~{3})               # code fence
    )
    """
)
_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
_SPACES = re.compile(r"\s+")


def lead_text(markdown: str) -> str:
    """The first paragraph of a page, as plain text without its citations."""
    body = markdown
    try:
        front = read_front_matter(markdown)
        body = "\n".join(markdown.split("\n")[front.body_start_line - 1 :])
    except FrontMatterError:
        pass  # a body that starts with a '---' rule; a real front matter error is the project check's
    masked = mask_code(body).split("\n")  # lines of fenced code come out blank
    paragraph: list[str] = []
    for line, seen in zip(body.split("\n"), masked, strict=True):
        if not seen.strip():
            if paragraph:
                break
            continue
        if not paragraph and (_SKIPPED_BLOCK.match(line) or line.startswith("    ")):
            continue
        paragraph.append(line.strip())
    return plain_text(" ".join(paragraph))


def plain_text(markdown: str) -> str:
    """Inline Markdown as plain text: citations dropped, links reduced to their text."""
    text = CITATION_BLOCK.sub("", markdown)
    text = _LINK.sub(lambda match: match.group("text"), text)
    text = _HTML_TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}\u2026"


def page_description(meta: Mapping[str, Any], lead: str, fallback: str = "") -> str:
    """The front matter's description; else the page's lead (`lead_text`); else `fallback` (the site's)."""
    description = meta.get("description")
    if isinstance(description, str) and description.strip():
        return _SPACES.sub(" ", description).strip()
    return shorten(lead) or fallback
