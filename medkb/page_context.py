"""Where a unit stands, for the claim rule: on a page about the site, in a section about it, in a
table whose header says what kind of table it is.

A page whose title is about the site (accessibility, privacy, contact, the editorial board, a
style guide, "How we ...", help, a newsletter, release notes) is a *site context*, and so is a
section, box or table about it. There the claim rule asks for strong clinical evidence before it
flags a unit: a clinical term together with an effect, a risk, a figure or a comparison. The
words of such pages change from one page to the next; the kind of page, told by its title, does
not.

Everything here looks at titles, headings and header rows only, by their shape and a few words
about the site; the clinical vocabulary stays in `medkb.claims`, which passes in how many
clinical words a title names. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import enum
import re

# ---------------------------------------------------------------------------------------------
# Titles and headings
# ---------------------------------------------------------------------------------------------

SITE_TITLE = re.compile(
    r"""(?xi)^\W*(?:[\w'’-]+\ ){0,2}?(?:
      privacy | cookies? | accessibility | terms\ (?:of\ (?:use|service)|and\ conditions) | disclaimers?
    | contact(?:\ us|ing\ us|\ details|\ the\ \w+)? | get\ in\ touch | (?:the\ )?editorial\ (?:board|team|office|policy
      |process|standards|independence) | style\ guide | house\ style | how\ (?:we|to\ use|to\ cite|to\ contribute
      |to\ get\ involved|to\ refer|to\ book|to\ contact|to\ request|to\ apply|to\ join|this\ site|the\ site)
    | using\ this\ (?:site|website|knowledge\ base) | help(?:\s*$|\ (?:and\ support|centre|center|pages?|with\ (?:the|this|using|our
      |searching)|for\ (?:users|readers|contributors)))\b | faqs? | frequently\ asked | newsletters?
    | release\ notes | change\ ?log | what['’]?s\ new | news\b | version\ history | site\ (?:map|search|news|terms)
    | meet\ the\ team | our\ (?:team|people|editors|authors|reviewers|board|funders|history|mission|methods|process)
    | (?:the\ )?team\b | who\ we\ are | about\b | governance | funding | sponsors? | licen[cs]es?\b | copyright
    | contribut(?:ing|ors?)\b | writing\ for | guidance\ for\ (?:authors|contributors|reviewers|editors)
    | (?:for|information\ for|notes\ for)\ (?:authors|contributors|reviewers|editors)
    | declarations?\ of\ interests? | conflicts?\ of\ interest | complaints? | corrections?(?:\ policy)?\s*$
    | feedback | acknowledg\w* | credits
    )"""
)
"""A page, section or box title about the site itself: "Privacy notice", "How we rate evidence",
"Contact us and the editorial board", "Newsletter and release notes", "How to refer"."""

_STRONG_SITE_TITLE = re.compile(
    r"""(?xi)^\W*(?:[\w'’-]+\ ){0,2}?(?:privacy|cookies?|accessibility|terms\ of|disclaimers?|style\ guide|house\ style|editorial\ board
    |release\ notes|change\ ?log|newsletter|how\ to\ (?:refer|book|contact|request|apply|cite))"""
)
"""Site titles that stay site titles when they name something clinical ("How to refer to the
falls clinic", "Style guide for doses")."""


def is_site_title(title: str, clinical_words: int) -> bool:
    """Whether a page, section or box title names the site rather than medicine.

    `clinical_words`: how many clinical words the title names ("FAQ: statins" is clinical)."""
    title = title.strip(" \"'*_#")
    if not SITE_TITLE.match(title):
        return False
    return clinical_words == 0 or _STRONG_SITE_TITLE.match(title) is not None


# ---------------------------------------------------------------------------------------------
# Admonitions
# ---------------------------------------------------------------------------------------------

EXAMPLE_KINDS = frozenset({"example", "quote", "cite"})
"""Admonition kinds that show an example or a quotation: on a page about the site, a specimen
("A well-cited sentence") and not the page's own statement."""


# ---------------------------------------------------------------------------------------------
# Tables, judged as a whole from their header row
# ---------------------------------------------------------------------------------------------


class TableKind(enum.Enum):
    NOTATION = "right and wrong notation"
    """"Write | Do not write", "Right | Wrong": examples of how to write, not statements."""
    SITE = "about the site"
    """"Team | Phone | Hours", "Page | Audience | Status", "Grade | Meaning on this site": rows are
    about the site and its workings."""
    HISTORY = "the page's history"
    """"Version | Date | What changed", "Section | Last checked | By", "Date | Page | Change": rows
    record edits and reviews of the page, not statements."""


_NOTATION_CELL = re.compile(
    r"""(?xi)^(?:
      (?:do\ )?(?:not|n['’]t)\ (?:write|use) | don['’]t(?:\ write|\ use)? | avoid(?:\ writing)? | instead\ of | not\ this
    | write(?:\ this)? | use(?:\ this)? | preferred(?:\ form|\ style)? | (?:in)?correct(?:\ form|\ style)?
    | right | wrong | yes | no | good | bad | before | after | this | not | acceptable | unacceptable
    )\W*$"""
)
_NOTATION_HEAD = re.compile(
    r"(?i)^(?:(?:do\ )?not\ |don['’]t\ )?(?:write|use|wrong|incorrect|right|correct|avoid|instead\ of|not\ this)\b"
)
"""At least one cell must say which form is right or wrong ("Write", "Do not write", "Wrong")."""

_SITE_HEADER_WORDS = frozenset(
    """page pages audience status owner owners author authors editor editors reviewer reviewers reviewed
    updated version versions change changes changed contact contacts email e-mail phone telephone hours
    opening role roles purpose website our office address request requests enquiry enquiries
    liability kept retention cookie cookies""".split()
)
_HEADER_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def table_kind(header: str, clinical_words: int) -> TableKind | None:
    """The kind of a table from its header row (Markdown source, pipes included).

    `clinical_words`: how many clinical words the header names: a header naming a drug or a dose
    ("Drug | Starting dose | Notes") heads a clinical table whatever else it says."""
    cells = [cell.strip(" *_`") for cell in header.strip().strip("|").split("|")]
    cells = [cell for cell in cells if cell]
    if len(cells) < 2:
        return None
    if all(_NOTATION_CELL.match(cell) for cell in cells) and any(_NOTATION_HEAD.match(cell) for cell in cells):
        return TableKind.NOTATION
    if clinical_words:
        return None
    if _is_history_header(cells):
        return TableKind.HISTORY
    words = set(_HEADER_WORD.findall(header.lower()))
    if not words.isdisjoint(_SITE_HEADER_WORDS) or _THIS_SITE.search(header):
        return TableKind.SITE
    return None


_THIS_SITE = re.compile(r"(?i)\b(?:this|our|the)\ site\b")
""""Site" alone heads a column of body sites ("Site | First-line | Maximum course")."""


_WHEN_CELL = re.compile(
    r"""(?xi)^(?:(?:last|next|date\ of|date\ last)\ )?(?:date|dates|updated|update|checked|reviewed|review|revised
    |version|v|when|published|changed|edited|approved|review\ date|effective(?:\ from)?)\W*$"""
)
"""A column saying when: "Date", "Last checked", "Next review", "Version"."""
_EDIT_CELL = re.compile(
    r"""(?xi)^(?:what\ changed|changes?(?:\ made)?|summary(?:\ of\ changes?)?|description|details|reason|notes?
    |comments?|section|sections|page|pages|area|topic|part|status|who|by|owner|editor|author|reviewer|lead
    |(?:approved|checked|reviewed|changed|edited|signed\ off|made)\ by)\W*$"""
)
"""A column saying what changed, in which part of the page, or who did it."""


def _is_history_header(cells: list[str]) -> bool:
    """A page-history or review table: a column saying when, and every other column what or who."""
    when = [cell for cell in cells if _WHEN_CELL.match(cell)]
    return bool(when) and all(_WHEN_CELL.match(cell) or _EDIT_CELL.match(cell) for cell in cells)
