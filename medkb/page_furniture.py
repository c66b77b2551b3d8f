"""Page furniture, for the claim rule: the parts of a page that list things rather than assert them.

A natural knowledge-base page carries more than its clinical text: a metadata table ("Specialty |
Cardiology", "Next review | April 2028"), a reference list, footnotes that are bibliographic entries,
an abbreviation list or glossary, related topics, downloads and resources, patient organisations with
their phone numbers, audit measures, competing interests. Their headings say what they are: under
"References", "Related topics" or "Abbreviations" a unit is an entry in a list of things, and it is a
claim only when it makes a strong clinical assertion of its own (a clinical term with an effect, a risk,
a figure, a comparison or a recommendation; `medkb.claims` judges that).

Some furniture has a shape wherever it stands: a bibliographic entry (authors with initials, a title, a
journal, a year; "2019 ESC guidelines for supraventricular tachycardia"), a glossary entry ("DOAC:
direct oral anticoagulant"), a key-value metadata row, a note on a resource ("A short video of the test
is available on the training page"), a note that something is left out ("Grades III and V are omitted
here for brevity").

Everything here looks at headings and at the shape of a unit; the clinical vocabulary and the
assertion signals stay in `medkb.claims`. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import enum
import re

# ---------------------------------------------------------------------------------------------
# Sections, by their heading
# ---------------------------------------------------------------------------------------------


class Furniture(enum.Enum):
    REFERENCES = "a reference list"
    """References, Further reading, Sources, Bibliography: entries are bibliographic."""
    GLOSSARY = "a glossary"
    """Abbreviations, Glossary: entries are "term: gloss"."""
    AUDIT = "audit criteria"
    """Audit criteria, standards or measures: entries are measures ("the proportion of ...")."""
    LISTING = "a list of things"
    """Related topics, See also, Downloads, Resources, Patient organisations, Page information,
    Competing interests, Page history: entries name things, people, organisations or edits."""
    OBJECTIVES = "learning objectives"
    """Learning objectives, Learning outcomes: entries say what a learner will be able to do ("state the
    diagnostic criteria for ..."), not what is so."""
    SCOPE = "who the page is for"
    """Who is this page for?, Audience, Scope: entries name readers and topics covered or left out."""


_REFERENCES_HEADING = re.compile(
    r"""(?xi)^\W*(?:(?:key|selected|main|further|other|additional|useful|core)\ )?
    (?:references?|reading(?:\ list)?|sources?(?:\ of\ evidence)?|bibliography|citations?|footnotes)\W*$
    | ^\W*further\ (?:reading|information|resources)
    (?:\ for\ (?:patients|carers|parents|families|the\ public))?\W*$"""
)
"""A reference list: "References", "Key references", "Further reading", "Sources"."""

_GLOSSARY_HEADING = re.compile(
    r"""(?xi)^\W*(?:(?:abbreviations?|acronyms?)(?:\ (?:and\ (?:acronyms|definitions|terms)
    |used(?:\ (?:on|in)\ this\ \w+)?))?
    | glossary(?:\ of\ terms)? | (?:key\ )?terms(?:\ used)?
    )\W*$"""
)
"""An abbreviation list or glossary: "Abbreviations used on this page", "Glossary". ("Definitions" is not
one: its entries are clinical criteria, "Hyponatraemia: serum sodium below 135 mmol/L".)"""

_AUDIT_HEADING = re.compile(
    r"""(?xi)^\W*(?:suggested\ |local\ )?(?:audit|quality)
    (?:\ (?:criteria|standards|measures|points|indicators
    |and\ (?:quality\ )?(?:improvement|monitoring)))?\W*$
    | ^\W*(?:quality|performance)\ (?:measures|indicators|standards)\W*$"""
)
"""Audit measures: "Audit criteria", "Audit standards", "Quality indicators"."""

_LISTING_HEADING = re.compile(
    r"""(?xi)^\W*(?:
      related\ (?:topics|pages|articles|content|guidance|links|conditions|guidelines|information)
    | see\ also | (?:useful\ |external\ |other\ )?links | downloads? | (?:printable\ )?resources
    | (?:patient\ )?(?:information\ )?leaflets?
    | patient\ (?:information\ )?(?:leaflets|resources|organisations)
    | (?:patient\ |useful\ |support\ )?(?:organisations|organizations|contacts|charities) | support\ groups
    | page\ (?:information|details|metadata) | (?:document|page)\ (?:control|information) | metadata
    | (?:version|revision|page|edit|update)\ history | history\ of\ (?:this|the)\ (?:page|article)
    | (?:summary\ of\ )?changes | what['’]?s\ changed | competing\ interests
    | (?:other|more|related|further)\ (?:pages|articles|topics|information)(?:\ (?:you|that)\ (?:may|might)\ (?:find\ )?
      (?:useful|helpful|interest\ you|like|also\ (?:like|want|need)))?
    | (?:pages|articles|topics|information)\ (?:you|that)\ (?:may|might)\ (?:find\ (?:useful|helpful)|also\ (?:like|want|need))
    | useful\ (?:pages|articles|topics|information|websites)
    | (?:declarations?|conflicts?)\ of\ interests?
    | disclosures | acknowledg\w+ | equipment(?:\ (?:needed|required|list))? | (?:what\ )?you\ will\ need
    | related\ (?:documents|policies|procedures|protocols|guidelines) 
    | how\ to\ cite(?:\ this\ (?:page|article))? | citing\ this\ (?:page|article)
    )\W*$"""
)
"""Lists of things: related pages, downloads, resources, organisations, page information. ("Patient
information" is not one: its items are advice to patients, "Head lice are not a sign of poor hygiene".)"""


_OBJECTIVES_HEADING = re.compile(
    r"""(?xi)^\W*(?:(?:learning|session|tutorial|teaching|module)\ )?(?:objectives|outcomes|aims)
    (?:\ (?:of|for)\ (?:this|the)\ \w+)?\W*$
    | ^\W*(?:what\ you\ will|you\ will)\ learn\W*$"""
)
"""Learning objectives: "Learning objectives", "Learning outcomes", "Aims of this tutorial"."""
_SCOPE_HEADING = re.compile(
    r"""(?xi)^\W*(?:who\ (?:is\ )?(?:this|the)\ (?:page|article|guide|section|summary|note|card|leaflet|resource)
      \ (?:is\ )?(?:for|aimed\ at|written\ for)
    | who\ should\ (?:read|use)\ (?:this|it) | (?:intended\ )?audience | scope(?:\ of\ (?:this|the)\ \w+)?
    | scope\ and\ (?:audience|purpose) | (?:audience|purpose)\ and\ scope | about\ this\ (?:page|article|guide|summary|note|card))\W*$"""
)
"""Who the page is for, and what it covers: "Who is this page for?", "Audience", "Scope"."""
OBJECTIVE_VERB = re.compile(
    r"""(?xi)^\W*(?:\d+[.)]\s*)?(?:be\ able\ to\ )?(?:state|list|name|describe|explain|outline|recognise|recognize
    |identify|define|discuss|summari[sz]e|interpret|apply|compare|distinguish|choose|plan|justify|demonstrate
    |know|understand|appreciate|recall|use|calculate|assess|evaluate|manage|select|take|perform|counsel)\b"""
)
"""A learning objective's verb, first ("state the diagnostic criteria for ...")."""


_HEADINGS = (
    (_OBJECTIVES_HEADING, Furniture.OBJECTIVES),
    (_SCOPE_HEADING, Furniture.SCOPE),
    (_REFERENCES_HEADING, Furniture.REFERENCES),
    (_GLOSSARY_HEADING, Furniture.GLOSSARY),
    (_AUDIT_HEADING, Furniture.AUDIT),
    (_LISTING_HEADING, Furniture.LISTING),
)
"""Each kind of furniture by the heading that announces it, the first that matches deciding."""


def furniture_heading(heading: str) -> Furniture | None:
    """What kind of furniture a heading (plain text) announces, if any."""
    if len(heading) > 60:
        return None
    return next((kind for pattern, kind in _HEADINGS if pattern.match(heading)), None)


# ---------------------------------------------------------------------------------------------
# Bibliographic entries
# ---------------------------------------------------------------------------------------------

_AUTHOR = r"[A-Z][\w'’-]+(?:\ [A-Z][\w'’-]+){0,2}\ [A-Z]{1,3}"
"""An author as references write them: surname and initials ("Hilton MP", "Le Roux CW")."""

_ORGANISATION = r"""(?:[A-Z]{2,8}|(?:[A-Z][\w&'’-]+\ (?:of\ |for\ |and\ |&\ )?){0,5}
    (?:Society|Association|College|Institute|Organi[sz]ation|Group|Committee|Agency|Department|Foundation
    |Network|Council|Federation|Service|Academy|Board)
    (?:\ (?:for|of|on)\ (?:the\ )?[A-Z][\w'’-]+(?:\ (?:and\ )?[A-Z][\w'’-]+){0,3})?)"""
"""A corporate author: "NICE", "World Health Organization", "British Society for Rheumatology"."""

BIBLIOGRAPHIC_ENTRY = re.compile(
    rf"""(?x)^(?:\[\^[^\]]+\]:\s*)?(?:\d{{1,3}}[.)]\s+|\[\d{{1,3}}\]\s+)?
    (?:
      (?:{_AUTHOR}(?:,\ {_AUTHOR}){{0,7}}(?:,?\ et\ al)?|{_ORGANISATION})\.\s
      [^\n]{{8,400}}?\b(?:19|20)\d\d\b[^\n]{{0,60}}  # a title, a source, a year, volume and pages
    | (?:19|20)\d\d\ (?:[A-Z][\w/&-]*\ ){{1,4}}(?:[\w-]+\ ){{0,2}}
      (?:guidelines?|guidance|consensus(?:\ statement)?|recommendations|statement)
      \ (?:for|on)\ [^\n.;]{{3,120}}
    )\.?\s*$"""
)
"""A reference as it stands in a list or footnote: "Hilton MP, Pinder DK. The Epley manoeuvre ...
Cochrane Database Syst Rev. 2014.", "NICE. Cellulitis ... (NG141). 2019.", "2019 ESC guidelines for
supraventricular tachycardia". A sentence that cites a study in its own words ("Smith and colleagues
found ...") has no such shape."""


def is_bibliographic(text: str) -> bool:
    """Whether a unit (its prose, list marker and footnote label possibly still on) is just a reference."""
    return BIBLIOGRAPHIC_ENTRY.match(" ".join(text.split())) is not None


# ---------------------------------------------------------------------------------------------
# Glossary entries and tables
# ---------------------------------------------------------------------------------------------

GLOSSARY_ENTRY = re.compile(r"^\W*(?P<term>[^:\n]{1,40}?)\s*[:–—=]\s+(?P<gloss>[^\n]{2,200})$")
"""An entry of an abbreviation list or glossary: "DOAC: direct oral anticoagulant"."""

_ACRONYM_TERM = re.compile(r"^[A-Z][\w₀-₉²-]*[A-Z][\w₀-₉²-]*$")
"""An abbreviation as a glossary term: "DOAC", "CHA₂DS₂-VASc", "eGFR" is not one (it starts lower)."""


def glossary_entry(text: str) -> tuple[str, str] | None:
    """The term and its gloss, for a unit shaped "term: gloss"."""
    match = GLOSSARY_ENTRY.match(text.strip())
    if match is None:
        return None
    return match.group("term"), match.group("gloss")


def is_acronym(term: str) -> bool:
    return _ACRONYM_TERM.match(term) is not None


_GLOSSARY_HEAD = re.compile(
    r"(?i)^(?:term|terms|label|labels|abbreviation|abbreviations|acronym|word|words|phrase|symbol|icon|badge"
    r"|tag)$"
)
_GLOSSARY_GLOSS = re.compile(
    r"(?i)^(?:meaning|what\ it\ means|means|definition|stands\ for|explanation|description|full\ form)$"
)


def is_glossary_header(cells: list[str]) -> bool:
    """"Label | Meaning", "Abbreviation | Stands for", "Term | Definition": a glossary table."""
    return (
        len(cells) == 2
        and _GLOSSARY_HEAD.match(cells[0]) is not None
        and _GLOSSARY_GLOSS.match(cells[1]) is not None
    )


# ---------------------------------------------------------------------------------------------
# Key-value metadata rows
# ---------------------------------------------------------------------------------------------

METADATA_KEY = re.compile(
    r"""(?xi)^(?:specialty|speciality|specialties|category|categories|topic|section|owner|page\ owner
    |clinical\ lead
    |author|authors|written\ by|editor|editors|reviewer|reviewers|reviewed\ by|approved\ by
    |checked\ by|signed\ off\ by
    |(?:last\ |next\ )?(?:reviewed|review|updated|update|published|revised)(?:\ date|\ due)?
    |date|date\ (?:published|of\ review)
    |version|status|audience|document\ (?:id|type|number|owner)|(?:procedure|policy|protocol|guideline)\ (?:number|owner|lead)
    |reference|ref|id|tags?|keywords|applies\ to|scope|licen[cs]e|language)$"""
)
"""The key of a metadata row: "Specialty", "Reviewed by", "Next review", "Version"."""


def is_metadata_key(cell: str) -> bool:
    return METADATA_KEY.match(cell.strip(" *_`:")) is not None


# ---------------------------------------------------------------------------------------------
# Audit measures
# ---------------------------------------------------------------------------------------------

AUDIT_MEASURE = re.compile(
    r"""(?xi)^\W*(?:the\ )?(?:proportion|percentage|per\ cent|number|rate|share|fraction|time
    |median\ time|documentation
    |recording|completion|use|uptake)\ (?:of|with|from|to|in)\b"""
)
"""An audit measure: "the proportion of patients with positional vertigo who had a documented
Dix-Hallpike test", "Documentation of the cause in the discharge summary"."""


# ---------------------------------------------------------------------------------------------
# Notes about resources and omissions, wherever they stand
# ---------------------------------------------------------------------------------------------

DOWNLOAD_TAG = re.compile(
    r"(?i)\((?:PDF|Word|DOCX?|XLSX?|PPTX?|Excel|PowerPoint|video|audio|MP4|MP3|online|interactive|web)"
    r"\b[^)]{0,40}\)"
)
"""A file's format and size: "(PDF, 2 pages)", "(Word)". A list item carrying one is a download,
wherever it stands: "Heel pain exercises (PDF, 2 pages)"."""

GLOSS_ASSERTION = re.compile(
    r"""(?xi)\b(?:seen|found|occurs?|occurring|common(?:est|ly)?|rare(?:ly)?|usually|often|typically|mostly
    |associated|linked|caused|due\ to|leads?\ to|results?\ in
    |predicts?|increases?|reduces?|raises?|lowers?|acts?\ (?:at|on|by|as)|binds?|blocks?|inhibits?|activates?)\b"""
)
"""What turns a gloss into a statement about the clinical world: "Iron deficiency despite normal stores,
seen in chronic kidney disease", "hypnotics that act at the same GABA-A receptor site"."""

_RESOURCE = r"""(?:videos?|leaflets?|podcasts?|animations?|posters?|flowcharts?|charts?|templates?
    |e-learning(?:\ modules?)?
    |modules?|slides|apps?|calculators?|handouts?|booklets?|factsheets?|fact\ sheets?|infographics?
    |checklists?|webinars?
    |recordings?|tutorials?|courses?|packs?|forms?|sheets?)"""

RESOURCE_NOTE = re.compile(
    rf"""(?xi)^(?:a|an|the|our|this|these|that|your|each)?\ ?(?:[\w'’-]+\ ){{0,4}}?{_RESOURCE}
    (?:\ (?:of|on|about|for|from|in|at|to)\ (?:[\w'’-]+\ ){{0,5}}?[\w'’-]+)?
    \ (?:
      (?:is|are)\ (?:also\ )?(?:available|on|in|at|linked|kept|held|provided)
    | can\ (?:also\ )?be\ (?:found|downloaded|printed|ordered|viewed|watched|adapted|borrowed|requested)
    | (?:explains?|shows?|describes?|demonstrates?|covers?|walks?\ (?:you|readers|patients)\ through)
      \ (?:how|what|when|where|why|the\ steps)
    | can\ help\ (?:you\ )?(?:plan|calculate|work\ out|estimate|choose|record|prepare)
    )\b"""
)
"""A note on a resource: "A short video of the test is available on the training page", "Our leaflet on
lithium blood tests explains how to prepare for a level check"."""

OMISSION_NOTE = re.compile(
    r"""(?xi)\b(?:is|are|has\ been|have\ been)\ (?:omitted|left\ out|not\ shown|not\ listed|not\ included)
    \ (?:here|from\ (?:this|the)\ (?:table|list|figure|page|chart|summary)
    |for\ (?:brevity|clarity|simplicity|space))"""
)
"""A note that the page leaves something out: "Grades III and V are omitted here for brevity"."""

_WHO = (
    r"(?:(?:the|any|a|their|his|her)\ )?"
    r"(?:patient|patients|parents?|carers?|relatives?|family|witness(?:es)?|partner|others?)"
)
HISTORY_TAKING = re.compile(
    rf"""(?xi)^(?:take|obtain|get|record)\ (?:a\ )?
    (?:(?:careful|full|detailed|thorough|focused|collateral|brief)\ (?:and\ )?)*
    history(?:\ from\ {_WHO}(?:(?:,|\ and|\ or)\ {_WHO})*)?\W*$"""
)
"""The bare instruction to take a history ("Take a careful history from the patient and any carer"):
the questions that follow are the claims."""

SENTENCE_HINTS = frozenset(
    """omitted left shown listed included video videos leaflet leaflets podcast animation poster flowchart
    chart charts template templates module slides app calculator handout booklet factsheet infographic
    checklist webinar recording tutorial course pack form forms sheet sheets learning history""".split()
)
"""Words one of the sentence shapes above needs: a cheap gate before the patterns."""


def is_furniture_sentence(plain: str) -> bool:
    """A note on a resource, an omission, or the bare instruction to take a history."""
    return bool(RESOURCE_NOTE.match(plain) or OMISSION_NOTE.search(plain) or HISTORY_TAKING.match(plain))
