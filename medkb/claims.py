"""The claim rule: every claim-bearing prose unit carries at least one citation.

Two stages, each a pure function:

* `claim_units` cuts a Markdown page into prose units (a paragraph, however hard-wrapped; a
  list item with its continuation lines; a table body row; a paragraph or list item of a block quote; a
  paragraph inside an admonition), skipping what is not prose (front matter, headings, code,
  HTML comments, link definitions, lone images, table header and separator rows, admonition
  titles).
* `is_claim_bearing` decides, from a unit's text alone, whether a reader could ask "says who?"
  about it. It is a heuristic tuned to flag rather than to miss: a sentence of prose is a claim
  unless it is recognisably a question, a list introduction, a cross-reference, or editorial
  or navigational text.

Editorial text is told from medicine by two vocabularies (clinical words, stems and suffixes;
words for the site, its parts and its people) and by structure: a site thing or person as
subject ("Each page shows ..."), a reader's action on the site, a changelog entry. A clause
that names something clinical and says what it does stays a claim whatever its subject. Context
counts too: under a heading about the site ("About this page", "Acknowledgements"), and next to
a sentence about the site in the same unit, a sentence that names nothing clinical is taken to
be about the site. A figure (a dose, a percentage, an effect size) is always a claim.

Where a unit stands weighs more than its words (`medkb.page_context`): on a page, in a section or
box, or in a table about the site (a contact page, a style guide, a "Name | Role | Email" table)
a unit the rule would flag is a claim only with strong clinical evidence, a clinical term with an
effect, a risk, a figure, a comparison or a recommendation; "Paracetamol overdose can cause liver
failure" stays a claim on a contact page. Pointers (cross-references however worded, places in a
series), referral and booking processes, and people with their roles are kinds of unit that are
no claims anywhere unless they assert a clinical effect in their own words. So is how things are
done locally (`medkb.local_logistics`: who visits the ward and when, where charts are kept, whom to
call), unless a condition, a figure, an effect or something clinical is left once the local words are
taken out; and so are pointers to tables and notes on them, and rows of a page's history table.

Page furniture (`medkb.page_furniture`) is no claim either: under a heading such as "References",
"Abbreviations", "Related topics", "Downloads" or "Audit criteria" a unit is an entry in a list of
things unless it makes a strong clinical assertion of its own; and wherever they stand, a
bibliographic entry, an abbreviation with its expansion, a download, a key-value metadata row, a
glossary table's row, a note on a resource or on something the page leaves out.

Statements about research itself (`medkb.research_prose`) are claims in any context, on pages about
the site too: what studies found, how research literature behaves ("Retracted articles often ..."),
how a study was done or analysed; and in a correction notice, the corrected fact beside the
withdrawn statement (which alone is set aside).

`claim_findings` turns both into findings. Citation syntax is `medkb.citations`' business.
"""

from __future__ import annotations

import bisect
import enum
import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from medkb import assertion, editorial_prose, local_logistics, page_context, page_furniture, research_prose
from medkb.citations import CITATION_BLOCK, citation_blocks, mask_code
from medkb.findings import Finding

Construct = str
"""One of "paragraph", "list item", "table row", "blockquote", "admonition"."""


def _words(text: str) -> list[str]:
    """A word list written as one string, for the vocabularies below."""
    return text.split()


@dataclass(frozen=True)
class ClaimUnit:
    start_line: int
    """1-based, counted in the full file text including front matter."""
    end_line: int
    text: str
    """The unit's source lines as written, joined with newlines."""
    construct: Construct
    is_claim: bool
    cited_keys: tuple[str, ...]
    marker_reason: str | None
    """Reason of a not-a-claim marker; "" for a marker without a reason; None without marker."""


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def claim_findings(path: str, text: str) -> list[Finding]:
    """Uncited claims, markers without a reason (errors) and every marker use (info), by line."""
    page = _Page(text)
    findings: list[Finding] = []
    for index, draft in enumerate(page.drafts):
        # Only units without a citation or a marker need the classifier: cited pages stay cheap.
        if page.keys(draft) or page.reason(draft) is not None or not page.is_claim(index):
            continue
        findings.append(
            Finding(
                path,
                draft.end,
                "uncited claim",
                f"'{_quote(page.content_of(draft))}' reads as a claim but cites no source; add a citation "
                "[@key] at the end, or mark it <!-- not-a-claim: reason -->",
            )
        )
    draft_at = {line: draft for draft in page.drafts for line in range(draft.start, draft.end + 1)}
    for line, reason in page.markers:
        marked = draft_at.get(line)
        quoted = f"'{_quote(page.content_of(marked))}'" if marked is not None else "no prose line"
        if not reason:
            findings.append(
                Finding(
                    path,
                    line,
                    "marker without reason",
                    f"the not-a-claim marker on {quoted} gives no reason; "
                    "write <!-- not-a-claim: why this is not a claim -->",
                )
            )
        where = "" if marked is not None else " (it applies to no prose unit: put it at the end of the line)"
        findings.append(
            Finding(
                path,
                line,
                "not-a-claim marker",
                f"{quoted} marked as not a claim: {reason or '(no reason)'}{where}",
                severity="info",
            )
        )
    return sorted(findings)


def claim_units(text: str) -> list[ClaimUnit]:
    """Every prose unit of a Markdown page, claim or not, in reading order."""
    page = _Page(text)
    return [
        ClaimUnit(
            start_line=draft.start,
            end_line=draft.end,
            text=page.text_of(draft),
            construct=draft.construct,
            is_claim=page.is_claim(index),
            cited_keys=page.keys(draft),
            marker_reason=page.reason(draft),
        )
        for index, draft in enumerate(page.drafts)
    ]


class _Page:
    """A page cut into drafts, with its citations and markers by line; classifies on demand."""

    def __init__(self, text: str) -> None:
        if "\t" in text:
            text = text.expandtabs(4)
        self.lines = text.split("\n")
        masked = mask_code(text)
        masked_lines = masked.split("\n")
        first = _body_start(self.lines)
        rows = [
            (number, masked_lines[number - 1], self.lines[number - 1])
            for number in range(first, len(self.lines) + 1)
        ]
        self.drafts: list[_Draft] = []
        _scan(rows, "paragraph", self.drafts)
        self.keys_by_line: dict[int, list[str]] = {}
        for block in citation_blocks(text):
            if block.problem is None:
                self.keys_by_line.setdefault(block.line, []).extend(block.keys)
        self.markers = _markers(text)
        self.reasons_by_line: dict[int, str] = {}
        for line, reason in self.markers:
            self.reasons_by_line.setdefault(line, reason)
        self._intro_cache: dict[int, bool] = {}
        self._masked = masked
        self._body_start = first
        self._headings: list[_Heading] | None = None  # only pages with units to classify need them
        self._context_cache: dict[int, bool] = {}
        self._site_cache: dict[int, bool] = {}
        self._furniture_cache: dict[int, page_furniture.Furniture | None] = {}
        self._table_kinds: dict[str, page_context.TableKind | None] = {}

    def text_of(self, draft: _Draft) -> str:
        return "\n".join(self.lines[draft.start - 1 : draft.end])

    def content_of(self, draft: _Draft) -> str:
        """The unit's lines without list markers, quote marks and container indentation."""
        return "\n".join(draft.parts)

    def keys(self, draft: _Draft) -> tuple[str, ...]:
        if not self.keys_by_line:
            return ()
        return tuple(
            key for line in range(draft.start, draft.end + 1) for key in self.keys_by_line.get(line, ())
        )

    def reason(self, draft: _Draft) -> str | None:
        if not self.reasons_by_line:
            return None
        return next(
            (
                self.reasons_by_line[line]
                for line in range(draft.start, draft.end + 1)
                if line in self.reasons_by_line
            ),
            None,
        )

    def is_claim(self, index: int) -> bool:
        draft = self.drafts[index]
        content = self.content_of(draft)
        editorial_section = self._in_editorial_section(draft.start)
        if draft.box is not None:
            if editorial_prose.is_contents_title(draft.box):
                # A contents box lists topics ("Staging CKD, treatments that slow progression, ...").
                return _has_figure(_unlink(_prose(content)))
            editorial_section = editorial_section or _names_site(draft.box) is True
        if not _claim_bearing(content, editorial_section=editorial_section):
            return False
        if _tells_the_case(content) and self._has_case:
            return False  # "He takes ramipril and amlodipine for hypertension.": the worked case's patient
        if self._is_furniture(draft, content):
            return False
        if draft.construct == "list item" and self._after_editorial_intro(index):
            # Items of a list introduced as page talk ("Changes in this revision:") are page talk too.
            return _asserts_itself(content)
        if draft.construct == "list item" and self._after_objectives_intro(index) and not _asserts_itself(content):
            # Items of a list of learning objectives ("You should be able to:") say what will be learnt:
            # one is a claim only with a figure or an effect of its own, and where it stands allows.
            return False
        context = self._site_context(draft)
        if context is None:
            return True
        if context is _SiteContext.HISTORY:
            return _quotes_clinical_figure(content)
        if context is not _SiteContext.SITE:
            return False  # a specimen: right and wrong notation, an example box on a page about the site
        if _is_correction(content):
            return True  # a correction notice states its corrected fact on any page, in any box
        voiced = (draft.construct == "list item" and self._after_site_voice_intro(index)) or (
            draft.box is not None and editorial_prose.is_site_voice(draft.box)  # a box "Our criteria"
        )
        return _strong_clinical_assertion(content, voiced=voiced)

    def _is_furniture(self, draft: _Draft, content: str) -> bool:
        """Whether a unit the rule would flag is page furniture (`medkb.page_furniture`): an entry of a
        reference list, glossary, audit or other list of things, told by its section's heading, unless it
        makes a strong clinical assertion of its own; or, wherever it stands, a bibliographic entry, a
        glossary entry for an abbreviation, a key-value metadata row or a glossary table's row."""
        if draft.construct == "table row":
            return self._is_furniture_row(draft, content)
        if draft.box is not None:  # a box "References" is furniture; a box "Advice for patients" is not
            furniture = page_furniture.furniture_heading(_unlink(_prose(draft.box)))
        else:
            furniture = self._furniture_section(draft.start)
        if furniture is None and content[:1] not in "[0123456789" and not _ENTRY_MARKS.intersection(content):
            return False  # not in a section of furniture, nor shaped like a reference, entry or download
        prose = _prose(content) if not content.startswith("[^") else _prose(content.split(":", 1)[1])
        if _DIGIT.search(prose) and page_furniture.is_bibliographic(prose):
            return True
        entry = page_furniture.glossary_entry(_unlink(prose)) if draft.construct == "list item" else None
        if entry is not None and _is_abbreviation(*entry) and not _glossary_gloss_is_claim(entry[1]):
            return True
        download = draft.construct == "list item" and page_furniture.DOWNLOAD_TAG.search(content) is not None
        if furniture is None and not download:
            return False
        if furniture is page_furniture.Furniture.AUDIT:
            # A measure ("the proportion of patients who ...") is none; a quality statement ("Adults with ...
            # are referred within 2 weeks") keeps the rule's verdict.
            return page_furniture.AUDIT_MEASURE.match(_unlink(prose)) is not None
        if furniture is page_furniture.Furniture.GLOSSARY and entry is not None:
            return not _glossary_gloss_is_claim(entry[1])
        if furniture is page_furniture.Furniture.OBJECTIVES and page_furniture.OBJECTIVE_VERB.match(_unlink(prose)):
            return True  # "explain why dopamine agonists can make symptoms worse": what a learner will do
        return not _strong_clinical_assertion(page_furniture.DOWNLOAD_TAG.sub(" ", content))

    def _is_furniture_row(self, draft: _Draft, row: str) -> bool:
        """A key-value metadata row ("| Next review | April 2028 |") or a glossary table's row
        ("Label | Meaning": "| Recommendation | What a national guideline advises |")."""
        cells = [_unlink(_prose(cell)) for cell in _CELL_SPLIT.split(row.strip().strip("|"))]
        if len(cells) != 2:
            return False
        if page_furniture.is_metadata_key(cells[0]):
            return not _quotes_clinical_figure(row)
        if draft.header is not None:
            header = [_unlink(_prose(cell)) for cell in _CELL_SPLIT.split(draft.header.strip().strip("|"))]
            if page_furniture.is_glossary_header(header):
                return not _glossary_gloss_is_claim(cells[1])
        return False

    @property
    def headings(self) -> list[_Heading]:
        """The page title and its headings, read the first time a unit needs them."""
        if self._headings is None:
            self._headings = _headings(self.lines, self._masked, self._body_start)
        return self._headings

    def _headings_above(self, line: int) -> int:
        """How many headings stand above `line` (the index just past the nearest one)."""
        return bisect.bisect_left(self.headings, line, key=lambda heading: heading.line)

    def _nearest_verdict(
        self, position: int, verdict_of: Callable[[_Heading], bool | None], default: bool = False
    ) -> bool:
        """The verdict of the nearest heading above that has one: a heading with none ("November
        2025") defers to the headings above it, up to the page title; `default` when none has one."""
        level = 7
        for heading in reversed(self.headings[:position]):
            if heading.level >= level:
                continue
            verdict = verdict_of(heading)
            if verdict is not None:
                return verdict
            level = heading.level
        return default

    @functools.cached_property
    def _has_case(self) -> bool:
        """Whether the page tells a worked case: a unit opens with its patient ("Mr D, a 68-year-old
        retired teacher, collapsed ...")."""
        return any(
            _VIGNETTE.match(_unlink(_prose(self.content_of(draft))).lstrip()) for draft in self.drafts if draft.box is None
        )

    @functools.cached_property
    def _lead_about_site(self) -> bool:
        """Whether a page whose title names neither the site nor medicine ("Reporting an error") is
        about the site, told by how it introduces itself: its front-matter description or its first
        paragraph speaks of the site and states nothing clinical ("How to tell us about a mistake in an
        article", "If you find one, please tell us. This page explains how to report it")."""
        leads = [
            match.group("text").strip("\"'")
            for match in map(_DESCRIPTION_FIELD.match, self.lines[: self._body_start - 2])
            if match
        ]
        first = next((draft for draft in self.drafts if draft.box is None), None)
        if first is not None and first.construct == "paragraph":
            leads.append(self.content_of(first))
        return any(_introduces_site(lead) for lead in leads)

    def _furniture_section(self, line: int) -> page_furniture.Furniture | None:
        """The furniture the nearest heading above announces ("References", "Related topics"), if any."""
        position = self._headings_above(line)
        if not position:
            return None
        if position not in self._furniture_cache:
            self._furniture_cache[position] = page_furniture.furniture_heading(self.headings[position - 1].text)
        return self._furniture_cache[position]

    def _site_context(self, draft: _Draft) -> _SiteContext | None:
        """Whether the unit stands on a page, in a section, box or table about the site."""
        if draft.header is not None:
            kind = self._table_kinds.get(draft.header, False)
            if kind is False:
                header = _unlink(_prose(draft.header))
                kind = self._table_kinds[draft.header] = page_context.table_kind(
                    draft.header, _clinical_count(header)
                )
            if kind is page_context.TableKind.NOTATION:
                return _SiteContext.SPECIMEN
            if kind is page_context.TableKind.SITE:
                return _SiteContext.SITE
            if kind is page_context.TableKind.HISTORY:
                return _SiteContext.HISTORY
        site = self._in_site_section(draft.start)
        if draft.box is not None:
            box_site = _site_title(draft.box)
            site = site if box_site is None else box_site
        if not site:
            return None
        if draft.box_kind in page_context.EXAMPLE_KINDS:
            return _SiteContext.SPECIMEN
        return _SiteContext.SITE

    def _in_site_section(self, line: int) -> bool:
        """Whether the nearest heading above that is a title at all is about the site
        (`page_context.is_site_title`); headings that name neither defer to the ones above them,
        up to the page title. A clinical heading on a page about the site ("Hypertension" on a
        changelog page) starts a clinical section."""
        position = self._headings_above(line)
        if position not in self._site_cache:
            self._site_cache[position] = self._nearest_verdict(
                position, lambda heading: heading.site, default=self._lead_about_site
            )
        return self._site_cache[position]

    def _after_site_voice_intro(self, index: int) -> bool:
        """Whether the list this item belongs to is introduced in the site's voice ("You should be
        able to:", "We collect:"): its items speak in that voice too."""
        sentence = self._intro_sentence(index)
        return sentence is not None and editorial_prose.is_site_voice(sentence)

    def _in_editorial_section(self, line: int) -> bool:
        """Whether the nearest heading above that names a subject names the site, not medicine.

        Headings that name neither ("November 2025", "At a glance") defer to the heading above them;
        the page title stands above every heading."""
        position = self._headings_above(line)
        if position not in self._context_cache:
            self._context_cache[position] = self._nearest_verdict(position, lambda heading: heading.editorial)
        return self._context_cache[position]

    def _list_intro(self, index: int) -> _Draft | None:
        """The unit that introduces the list this item belongs to, if one stands right above it."""
        while index > 0 and self.drafts[index].construct == "list item":
            index -= 1
        intro = self.drafts[index]
        if intro.construct == "list item" or self.drafts[index + 1].start - intro.end > 2:
            return None
        return intro

    def _intro_sentence(self, index: int) -> str | None:
        """The last sentence (plain text) of the unit introducing this item's list, when it ends with ':'."""
        intro = self._list_intro(index)
        if intro is None:
            return None
        prose = _prose(self.content_of(intro))
        return _unlink(_sentences(prose)[-1]) if prose.endswith(":") else None

    def _after_objectives_intro(self, index: int) -> bool:
        """Whether the list this item belongs to is introduced as learning objectives ("By the end of
        the tutorial you should be able to:")."""
        sentence = self._intro_sentence(index)
        return sentence is not None and editorial_prose.is_objectives_intro(sentence.strip())

    def _after_editorial_intro(self, index: int) -> bool:
        """Whether the nearest unit before this list is an editorial list introduction."""
        intro = self._list_intro(index)
        if intro is None:
            return False
        if intro.start not in self._intro_cache:
            self._intro_cache[intro.start] = _is_editorial_intro(self.content_of(intro))
        return self._intro_cache[intro.start]


class _SiteContext(enum.Enum):
    SITE = "about the site"
    """A page, section, box or table about the site: a unit there needs strong clinical evidence."""
    SPECIMEN = "a specimen"
    """Right and wrong notation, an example box on a page about the site: shows, does not state."""
    HISTORY = "the page's history"
    """A row of a version or review table: records an edit; a claim only when it quotes a figure about
    something clinical ("Allopurinol starting dose corrected to 100 mg daily")."""


_CAUSAL = re.compile(
    r"""(?xi)(?<!-)\b(?:reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?|increas(?:e|es|ed|ing)|rais(?:e|es|ed|ing)
    |improv(?:e|es|ed|ing)|worsen(?:s|ed|ing)?|prevent(?:s|ed|ing)?|caus(?:e|es|ed|ing)|predict(?:s|ed)?
    |protect(?:s|ed)?|inhibit(?:s|ed)?|cur(?:e|es|ed)|reliev(?:e|es|ed)|halv(?:e|es|ed)|doubl(?:e|es|ed)
    |shorten(?:s|ed)?|prolong(?:s|ed)?|trigger(?:s|ed)?|toxic|fatal|lethal|harm(?:s|ful)?|dangerous
    |contraindicated|interacts?|leads?\ to|led\ to|results?\ in|resulted\ in|risks?\ of|associated\ with
    |(?:higher|lower|increased|reduced|greater)\ risk|prone\ to|cause\ of)\b"""
)
"""An effect, a harm or a risk: asserted of something clinical, a claim whoever says it. Not in a
compound noun ("urate-lowering therapy")."""
_COMPARISON = re.compile(
    r"""(?xi)\b(?:more|less|fewer|higher|lower|greater|smaller|better|worse|longer|shorter|earlier|later
    |safer|commoner)\ (?:[\w-]+\ ){0,4}?than\b|\bmost\ common\b|\bcommonest\b"""
)
_QUANTIFIERS = frozenset(_words("most many majority minority few"))
_VERDICT_OF_CLINICAL = re.compile(
    r"""(?xi)(?<!\bwho\ )(?<!\bwhich\ )(?<!\bthat\ )\b(?:(?:should|must|ought\ to)(?:\ not|n['’]t)?|can(?:not|\ not|\ only|['’]t)|may\ (?:only|not))\ (?:be\ )?\w+
    | \b(?:helps?|helped|works?|worked|ineffective|useful|useless|beneficial|benefits?|avoid(?:ed)?
      |high[-\ ]risk|low[-\ ]risk|under-?diagnosed|over-?diagnosed|under-?treated|over-?treated)\b"""
)
"""A recommendation or restriction in the main clause ("Children under 16 should not take aspirin",
"Yellow fever vaccine can only be given at registered centres"; not "the clinician, who should
consider ..."), or a verdict on what works or is risky."""


def _clinical_subject_is(words: list[str]) -> bool:
    """A sentence that opens with something clinical and says what it is: "Penicillin allergy is
    overdiagnosed". (A site thing or person as subject is the site's voice.)"""
    start = 1 if words and words[0] in _DETERMINERS else 0
    for position in range(start, min(start + 3, len(words))):
        if words[position] in ("is", "are"):
            return position > start and all(_clinical_count(word) for word in words[start:position])
    return False
_POSSIBILITY = re.compile(
    r"""(?xi)^\W*(?P<subject>(?:[\w'’-]+\ ){1,6}?)(?:can|may|might|could)\ (?:also\ |sometimes\ |still\ )?
    (?!(?:be|get|also\ be)\b|(?:find|see|read|print|download|view|open|search|share|copy|use|ask|contact|email
      |send|call|tell|write|report|look|click|tap|select|choose)\b)[a-z]+"""
)


def _clinical_possibility(clause: str) -> bool:
    """Something clinical as subject, and what it can do: "Dosing errors in reference sources can reach
    patients" (not "Doses can be found in Table 2", nor "You can print the dosing table")."""
    match = _POSSIBILITY.match(clause)
    return match is not None and bool(_clinical_count(match.group("subject")))


_LEARNER_TASK = re.compile(
    r"""(?xi)^(?:now\ )?(?:try\ to|see\ if\ you\ can|can\ you\ (?:name|list|think|work\ out|explain|recall)
    |read\ (?:the|this)\ (?:case|scenario|vignette|question|history)\ (?:first|before|again|carefully)
    |test\ yourself|ask\ yourself|check\ your\ (?:understanding|answer)|a\ useful\ exercise|true\ or\ false
    |try\ (?:these|this|the\ (?:quiz|questions|case))|work\ through\ (?:the|this)\ (?:case|page|questions|quiz|scenario)
    |name\ (?:three|two|four|five|some)\ )\b"""
)
"""A task set for a learner: "Try to name three conditions ...", "Can you explain why ...", "Test yourself",
"Read the case first, try to answer the question at the end of it, and then read on"."""
_INSTRUCTION_LEAD = re.compile(r"(?i)^\W*(?:please|always|never|do\ not|don['’]t)\b")
"""An instruction ("Never abbreviate ..."): its "never" says nothing of how often."""
_PRACTICE_VERBS = frozenset(
    _words(
        """give offer start stop avoid consider check measure monitor refer prescribe advise review seek treat
    test repeat titrate withhold continue arrange admit discharge assess examine reduce increase"""
    )
)
"""Imperatives of clinical practice: "check yours before prescribing" is a recommendation, even on a
page about the site (sending, citing and formatting are the site's own imperatives)."""


def _strong_clinical_assertion(text: str, *, voiced: bool = False) -> bool:
    """Strong clinical evidence, asked of a unit in a site context: a sentence that names something
    clinical in its own words (not in link text, quotations or contact details) and asserts an
    effect, a harm or a risk of it; or, unless the site speaks or is spoken to ("We aim to ...",
    "You can ...", a person and their role), a figure, a comparison, how often or how many.

    `voiced`: the unit is an item of a list introduced in the site's voice."""
    if "`" in text:
        text = _CODE_SPAN.sub(" something ", text)  # "Abbreviations such as `AKI` work": specimens
    prose = _prose(text)
    if '"' in prose or "“" in prose:
        prose = _mask_quoted(prose)
    if ", such as" in prose:
        prose = _EXAMPLES.sub("", prose)  # "warning boxes flag safety issues, such as the risk of ..."
    if "|" in prose:
        # A row: each cell on its own; a label cell ("Harm") or a question cell ("How much harm could
        # follow?") asserts nothing.
        cells = [cell.strip() for cell in prose.strip().strip("|").split("|")]
        sentences = [cell for cell in cells if len(cell.split()) > 2 and not cell.endswith("?")]
    else:
        sentences = _sentences(prose)
    for sentence in sentences:
        # "Your reports led to 41 corrections, eleven of them in dosing tables": a clause after the first
        # speaks in the voice its sentence opened with.
        sentence_voiced = voiced or editorial_prose.is_site_voice(_unlink(sentence).lstrip(" -*"))
        for clause in _clauses(sentence):
            own = _unlink(editorial_prose.outside_links(clause))
            if _DIGIT.search(own):
                own = editorial_prose.CONTACT_DATA.sub(" ", own)
            own_tokens = _TOKEN.findall(own.lower())
            own_set = set(own_tokens)
            if not _SOURCE_HINTS.isdisjoint(own_set) and _SOURCE_OF_CONTENT.search(own):
                return True  # "The thresholds above follow the 2023 national renal guideline"
            if _about_research(own.strip(), own_tokens, own_set):
                return True  # "Studies of online health information have found that many pages cite no sources"
            lower = own.lower()
            words = _VOCABULARY_WORD.findall(lower)
            if not _clinical_count(own, words):
                continue
            own = editorial_prose.TYPOGRAPHY.sub(" ", own)  # "lower case" is no effect
            if _CAUSAL.search(own):
                return True
            verb = editorial_prose.imperative_verb(own)
            if verb in _PRACTICE_VERBS:
                return True
            if (
                sentence_voiced
                or _INSTRUCTION_LEAD.match(own)
                or _opens_with_site_noun(words)
                or editorial_prose.is_site_voice(own.lstrip(" -*"))
                or editorial_prose.is_person_entry(own.lstrip(" -*"))
                or _site_subject(words)
            ):
                continue
            tokens = _TOKEN.findall(own.lower())
            if (
                _has_figure(own)
                or _has_medical_effect(own, tokens)
                or _COMPARISON.search(own)
                or _VERDICT_OF_CLINICAL.search(own)
                or _clinical_subject_is(words)
                or _clinical_possibility(own)
                or not _FREQUENCY.isdisjoint(tokens)
                or not _QUANTIFIERS.isdisjoint(tokens)
            ):
                return True
    return False


_CODE_SPAN = re.compile(r"`[^`\n]+`")
_EXAMPLES = re.compile(r"(?i),\ such\ as\ [^.;:()]*(?=[.;]\s|[.;]?$)")
"""An example given in passing at the end of a sentence on a page about the site says what kind of thing is
meant ("Warning boxes flag safety issues, such as the risk of hypersensitivity with intravenous iron"); the
sentence asserts what it says without it. ("Look-alike names such as hydroxyzine and hydralazine are a
frequent cause of errors" asserts its example.)"""


def _quotes_clinical_figure(row: str) -> bool:
    """Whether a cell of a table row holds a figure and names something clinical."""
    for cell in _CELL_SPLIT.split(row.strip().strip("|")):
        plain = _unlink(_prose(cell))
        if _has_figure(plain) and _clinical_count(plain):
            return True
    return False


def _opens_with_site_noun(words: list[str]) -> bool:
    """A sentence about a thing of the site, whatever it is about: "Topics on rare diseases are less
    likely to be chosen" (in a site context; elsewhere `_site_subject` weighs what follows)."""
    start = 1 if words and words[0] in _DETERMINERS else 0
    return any(word in _STRONG_SITE_NOUNS for word in words[start : start + 2])


def _is_editorial_intro(text: str) -> bool:
    """A list introduction (ending with ':') that talks about the page, not about medicine."""
    if ":" not in text:
        return False
    prose = _prose(text)
    if not prose.endswith(":"):
        return False
    intro = _unlink(_sentences(prose)[-1]).rstrip(":")
    # Stricter than for a sentence: a wrong verdict here would hide every item of the list.
    return bool(_META_LINE.match(intro) or _is_navigation(intro) or _is_page_talk(intro, minimum=2))


def is_claim_bearing(sentence_text: str) -> bool:
    """Whether a unit's text asserts something a reader could ask "says who?" about.

    Accepts a unit's content or its raw source (list markers, `>` and table pipes are stripped).
    The unit is judged alone, as if it stood under a heading about medicine.
    """
    return _claim_bearing(sentence_text, editorial_section=False)


def _claim_bearing(text: str, *, editorial_section: bool) -> bool:
    """A unit is a claim when one of its clauses is, read in the light of the others: next to a
    sentence about the site, a clause that names nothing clinical is about the site too."""
    if "|" in text and _TABLE_ROW.match(text):
        return _row_is_claim(text, editorial_section)
    if text.endswith(("**", "__")) and _is_pseudo_heading(text):
        return False
    prose = _prose(text)
    if not _LETTER.search(prose) or _META_LINE.match(prose) or _is_link_only(prose):
        return False
    if '"' in prose or "“" in prose:
        testimony = _TESTIMONY.match(prose)
        if testimony:
            if _FIRST_PERSON.search(testimony.group("quote")):
                return False  # "I wish I'd known sooner." — a member of our patient panel: an experience, told
            # A quoted maxim says what it says, whoever is credited with it.
            return _claim_bearing(testimony.group("quote"), editorial_section=editorial_section)
        prose = _mask_quoted(prose)
    plain = _unlink(prose)
    if _LINK_LEAD.match(prose):
        return bool(_has_figure(plain) or _EFFECT_VERB.search(plain))
    if _CAPTION.match(plain):
        return bool(_has_figure(plain) or _FINITE_VERB.search(plain))
    editorial = False  # the sentence before was about the site: "It ..." is about the site too
    any_editorial = False
    context_claim = False
    # A correction notice repeats the withdrawn statement ("The article said that statins halve
    # the risk of dementia. No source supports this, and the sentence has been removed.").
    retraction = _is_retraction(plain)
    # A correction recounts what an earlier version said, then states the corrected fact ("An earlier
    # version gave the follow-up as 18 months. The median follow-up was three years."): only the
    # withdrawn statement is set aside; the correction, and a reason it gives, are claims.
    # Alone, a withdrawn statement repeated is judged as any sentence (it needs a marker).
    sentences = _sentences(prose)
    correction = (
        len(sentences) > 1
        and any(map(plain.__contains__, research_prose.WITHDRAWN_NOUNS))
        and not research_prose.WITHDRAWN_HINTS.isdisjoint(_TOKEN.findall(plain.lower()))
    )
    for sentence in sentences:
        if retraction and not _REPORTED_SPEECH.isdisjoint(_TOKEN.findall(sentence.lower())):
            any_editorial = editorial = True
            continue
        if correction:
            own = _unlink(sentence)
            if research_prose.is_withdrawn_statement(own, set(_TOKEN.findall(own.lower()))):
                continue
        if editorial and _PRONOUN_LEAD.match(sentence) and not _NAVIGATION_LEAD.match(sentence):
            sentence = _PRONOUN_LEAD.sub("This page ", sentence, count=1)
        sentence_claim = sentence_editorial = False
        for clause in _clauses(sentence):
            # In a correction, the sentences beside the withdrawn statement are read on their own: the
            # notice is the site's, the corrected fact is not.
            verdict = _judge(clause, editorial_section and not correction)
            if verdict is _Verdict.CLAIM:
                return True  # a claim whatever the other sentences say
            sentence_claim = sentence_claim or verdict is _Verdict.CONTEXT_CLAIM
            sentence_editorial = sentence_editorial or verdict is _Verdict.EDITORIAL
        if correction and sentence_editorial and not sentence_claim and _corrects_with_reason(sentence):
            return True  # "We have removed it because the perceptual changes are the intended effect"
        context_claim = context_claim or sentence_claim
        any_editorial = any_editorial or sentence_editorial
        editorial = sentence_editorial and not sentence_claim
    return context_claim and not any_editorial


def _is_correction(text: str) -> bool:
    """A correction notice: a unit that recounts what an earlier version said, and says more."""
    if not any(map(text.__contains__, research_prose.WITHDRAWN_NOUNS)):
        return False
    sentences = _sentences(_unlink(_prose(text)))
    return len(sentences) > 1 and any(
        research_prose.is_withdrawn_statement(sentence, set(_TOKEN.findall(sentence.lower())))
        for sentence in sentences
    )


def _corrects_with_reason(sentence: str) -> bool:
    """In a correction notice, the reason given for the change, when it states something itself."""
    reason = research_prose.reason_of(_unlink(sentence))
    return reason is not None and _judge(reason) in (_Verdict.CLAIM, _Verdict.CONTEXT_CLAIM)


def _is_pseudo_heading(text: str) -> bool:
    """One short bold phrase naming nothing clinical, maybe after an icon ("**Time matters**")."""
    match = editorial_prose.PSEUDO_HEADING.match(text.strip())
    if match is None:
        return False
    label = match.group("text")
    return (
        len(label.split()) <= 6
        and not _clinical_count(label)
        and not _has_figure(label)
        and not _EFFECT.search(label)  # "**Avoid thiazides**" is a recommendation
    )


_QUOTED = re.compile(r"\"[^\"\n]{1,240}\"|“[^”\n]{1,240}”")
"""A quoted phrase: in running text, an example being mentioned ('Write doses as "500 mg"')."""


_TESTIMONY = re.compile(r"""^\s*["“](?P<quote>[^"”]{3,600})["”]\s*(?:—|–|--|―|-)\s*\S""")
"""A quotation and who said it: "..." — a member of our patient panel."""
_FIRST_PERSON = re.compile(r"\b(?:I|I'[dmv]\w*|I’[dmv]\w*|my|me|myself)\b")
"""A quotation in the first person singular is someone's experience ("I spent two years cutting foods out of
my diet"); a quoted maxim ("Every day in bed costs an older patient a week of recovery") is a claim."""


def _mask_quoted(prose: str) -> str:
    """Quoted phrases replaced by a neutral word, when enough of the sentence stands outside them:
    what a unit says is in its own words, not in its examples. A unit that is all quotation stays."""
    outside = _QUOTED.sub(" ", prose)
    if len(_WORD.findall(outside)) < 4:
        return prose
    return _QUOTED.sub(" something ", prose)


def _is_retraction(plain: str) -> bool:
    if editorial_prose.RETRACTION_HINTS.isdisjoint(_TOKEN.findall(plain.lower())):
        return False
    return editorial_prose.RETRACTION.search(plain) is not None


# ---------------------------------------------------------------------------------------------
# Units: a line scanner over the masked text (code and comments blanked, columns kept)
# ---------------------------------------------------------------------------------------------


@dataclass
class _Draft:
    start: int
    end: int
    construct: Construct
    parts: list[str]
    box: str | None = None
    """Title of the admonition the unit stands in, if it has one."""
    box_kind: str | None = None
    """Kind of the admonition the unit stands in ("note", "example"), if any."""
    header: str | None = None
    """A table row's header row, as written."""


_Row = tuple[int, str, str]
"""(1-based line number, masked line, original line), both dedented alike for the container."""

_UNIT_END = re.compile(r"\[\s*@[^\[\]\n]*\]\s*$")
"""A citation ending a line ends the unit: the next line is a new sentence needing its own."""
_MARKER_END = re.compile(r"<!--\s*not-a-claim\b.*?-->\s*$", re.IGNORECASE)

_CONTAINER = re.compile(r"^ *(?:!!!|\?\?\?\+?) *[\w-]+|^ *===[+!]? +[\"']")
"""An admonition (`!!! note "Title"`, `??? tip`) or a content tab (`=== "Adults"`): body indented by 4."""
_TAB_CONTAINER = re.compile(r"^ *===")
_CONTAINER_KIND = re.compile(r"^ *(?:!!!|\?\?\?\+?) *(?P<kind>[\w-]+)")
_CONTAINER_TITLE = re.compile(r"[\"'](?P<title>[^\"']*)[\"']\s*$")
"""An admonition's quoted title: `!!! abstract "In this article"`."""
_HEADING = re.compile(r"^ *#{1,6}(?: |$)")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+) *$")
_RULE = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
_TABLE_SEPARATOR = re.compile(r"^ *\|? *:?-{1,}:? *(?:\| *:?-{1,}:? *)*\|? *$")
_QUOTE_PREFIX = re.compile(r"^ *(?:> ?)+")
_LIST_ITEM = re.compile(r"^(?P<marker> *(?:[-*+]|\d{1,9}[.)]))(?: +(?:\[[ xX]\] +)?|$)")
_STRUCTURAL_LINE = re.compile(
    r"""(?x)
    ^\ {0,3}\[(?!\^)[^\]]+\]:\ *\S+(?:\ +(?:"[^"]*"|'[^']*'|\([^)]*\)))?\ *$   # link definition
    | ^\ *\*\[[^\]]+\]:                                  # abbreviation definition
    | ^\ *\[?!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])(?:\]\([^)]*\))?(?:\{[^}]*\})?\ *$   # lone image
    | ^\ *(?:</?[A-Za-z][^>]*>\ *)+$                     # HTML tags only
    | ^\ *\{:?[ ]*[.#:][^}]*\}\ *$                       # attribute list
    | ^\ *\[TOC\]\ *$
    | ^\ *-{2}8<-{2}                                     # snippet include
    """
)


def _body_start(lines: list[str]) -> int:
    """First line after YAML front matter (1-based)."""
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                return index + 2
    return 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _scan(
    rows: list[_Row],
    prose_construct: Construct,
    out: list[_Draft],
    box: str | None = None,
    box_kind: str | None = None,
) -> None:
    """Cut rows of one container into drafts; containers are dedented and scanned again."""
    current: _Draft | None = None
    in_list = False
    after_blank = True
    in_indented_code = False
    quote_depth = 0
    """How many '>' the last block-quote line had; with `quote_closed`, whether the next continues it."""
    quote_closed = True

    def close() -> None:
        nonlocal current
        if current is not None:
            out.append(current)
            current = None

    index = 0
    while index < len(rows):
        number, masked, original = rows[index]
        index += 1
        stripped = masked.lstrip(" ")
        if not stripped.strip():
            close()
            after_blank = True
            continue
        indent = len(masked) - len(stripped)
        lead = stripped[0]  # most lines start with a letter: only try the patterns they could match
        if in_indented_code:
            if indent >= 4:
                continue
            in_indented_code = False

        if lead in "!?=" and _CONTAINER.match(masked):
            close()
            body_indent = indent + 4
            body: list[_Row] = []
            while index < len(rows):
                row_number, row_masked, row_original = rows[index]
                if row_masked.strip() and _indent(row_masked) < body_indent:
                    break
                body.append((row_number, row_masked[body_indent:], row_original[body_indent:]))
                index += 1
            is_tab = bool(_TAB_CONTAINER.match(masked))
            if is_tab:
                _scan(body, prose_construct, out, box, box_kind)
            else:
                title = _CONTAINER_TITLE.search(masked)
                kind = _CONTAINER_KIND.match(masked)
                _scan(
                    body,
                    "admonition",
                    out,
                    title.group("title") if title else None,
                    kind.group("kind").lower() if kind else None,
                )
            after_blank = True
            continue

        if lead == "#" and _HEADING.match(masked):
            close()
            in_list = indent > 0 and in_list
            continue
        if (
            lead in "=-"
            and current is not None
            and current.construct in ("paragraph", "admonition")
            and _SETEXT.match(masked)
        ):
            current = None  # the paragraph was a setext heading
            continue
        if lead in "-*_" and _RULE.match(masked):
            close()
            continue

        if (
            "|" in masked
            and index < len(rows)
            and _TABLE_SEPARATOR.match(rows[index][1])
            and "-" in rows[index][1]
            and "|" in rows[index][1]
        ):
            close()
            header = original.strip()
            index += 1  # header and separator rows are not prose
            while index < len(rows) and rows[index][1].strip() and "|" in rows[index][1]:
                row_number, row_masked, row_original = rows[index]
                out.append(
                    _Draft(row_number, row_number, "table row", [row_original.strip()], box, box_kind, header)
                )
                index += 1
            in_list = in_list and indent > 0
            after_blank = False
            continue

        if lead == ">":
            close()
            prefix = _QUOTE_PREFIX.match(masked)
            cut = prefix.end() if prefix else 0
            content_masked = masked[cut:]
            if (
                content_masked.strip()
                and not _HEADING.match(content_masked)
                and not _STRUCTURAL_LINE.match(content_masked)
            ):
                item = _LIST_ITEM.match(content_masked)
                if item:
                    cut += item.end()
                depth = prefix.group(0).count(">") if prefix else 0
                previous = out[-1] if out else None
                if (
                    item is None
                    and previous is not None
                    and previous.construct == "blockquote"
                    and previous.end == number - 1
                    and quote_depth == depth
                    and not quote_closed
                ):  # the next line of a hard-wrapped paragraph in the quote
                    previous.parts.append(original[cut:].strip())
                    previous.end = number
                else:
                    out.append(_Draft(number, number, "blockquote", [original[cut:].strip()], box, box_kind))
                    quote_depth = depth
                quote_closed = _ends_unit(masked, original)
            after_blank = False
            continue

        if lead in "[!<{*-" and _STRUCTURAL_LINE.match(masked):
            close()
            after_blank = True
            continue

        item = _LIST_ITEM.match(masked) if lead in "-*+" or lead.isdigit() else None
        if item:
            close()
            current = _Draft(number, number, "list item", [original[item.end() :].strip()], box, box_kind)
            in_list = True
            after_blank = False
        elif current is not None:
            current.parts.append(original.strip())
            current.end = number
            after_blank = False
        elif after_blank and indent >= 4 and not in_list:
            in_indented_code = True
            continue
        else:
            if in_list and after_blank and indent >= 2:
                construct = "list item"
            else:
                in_list = False
                construct = prose_construct
            current = _Draft(number, number, construct, [original.strip()], box, box_kind)
            after_blank = False
        if _ends_unit(masked, original):
            close()
    close()


def _ends_unit(masked: str, original: str) -> bool:
    """A line that closes its unit however the text goes on: it ends with a citation (outside code,
    hence the masked line) or a not-a-claim marker."""
    stripped = masked.lstrip(" ")
    return ("]" in stripped and _UNIT_END.search(stripped) is not None) or (
        "-->" in original and _MARKER_END.search(original) is not None
    )


# ---------------------------------------------------------------------------------------------
# Markers
# ---------------------------------------------------------------------------------------------

_MARKER = re.compile(r"<!--\s*not-a-claim\b(?P<rest>.*?)-->", re.IGNORECASE | re.DOTALL)
_MARKER_REASON = re.compile(r"^\s*:?\s*(?P<reason>.*?)\s*$", re.DOTALL)


def _markers(text: str) -> list[tuple[int, str]]:
    """(line, reason) of every not-a-claim marker outside code; reason "" when none is given."""
    if "not-a-claim" not in text.lower():
        return []
    if "\t" in text:
        text = text.expandtabs(4)
    visible: str | None = None
    if "`" in text or "~~~" in text:
        # Hide comment openers from mask_code so that only code is blanked: a marker that is
        # still visible afterwards is a live one.
        visible = mask_code(text.replace("<!--", "<!~~"))
    found: list[tuple[int, str]] = []
    for match in _MARKER.finditer(text):
        if visible is not None and visible[match.start() : match.start() + 4] != "<!~~":
            continue
        reason_match = _MARKER_REASON.match(match.group("rest"))
        reason = reason_match.group("reason") if reason_match else ""
        found.append((text.count("\n", 0, match.start()) + 1, " ".join(reason.split())))
    return found


def _quote(text: str, width: int = 60) -> str:
    words = " ".join(_unlink(_prose(text)).split())
    return words if len(words) <= width else words[: width - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# The classifier: structure first (questions, list introductions, cross-references, captions,
# page furniture), then figures; what is left is prose, and prose in a clinical text is a claim
# unless it is short and clinically empty, or talks only about the page and its readers.
# ---------------------------------------------------------------------------------------------


class _Verdict(enum.Enum):
    CLAIM = "claim"
    CONTEXT_CLAIM = "claim unless about the site"
    """A claim, unless another sentence of its unit is about the site: then it is about the site too."""
    EDITORIAL = "editorial"
    """Not a claim, and about the page: a following "It ..." is about the page too."""
    OTHER = "other"


_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_DIGIT = re.compile(r"\d")
_STANDALONE_NUMBER = re.compile(r"(?<![\w-])\d+(?:[.,]\d+)?(?![\w-])")
"""A number on its own ("below 14"), not part of a name ("CRB-65", "T4")."""
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|\n]+(?:\|[^|\n]*){2,}$")

# Markup to plain text. Links become "§text¶" so that the rules can see where a link was.
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)|-->", re.DOTALL)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]*>|\bhttps?://\S+|\bwww\.\S+")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ATTR_LIST = re.compile(r"\{:?\s*[.#:][^}]*\}")
_ICON = re.compile(r":(?:material|fontawesome|octicons|simple)-[\w-]+:")
_EMPHASIS = re.compile(
    r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)|(?<=\S)_(?!\w)|~~|==|\^\^|`+"
)
_LINE_PREFIX = re.compile(
    r"^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?", re.MULTILINE
)
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=256)
def _prose(text: str) -> str:
    """Plain prose of a unit: markup, comments, citations and URLs removed; links marked.

    Cached: a flagged unit's prose is needed again to quote it in the finding."""
    # Each substitution is skipped when its trigger character is absent: this runs on every unit.
    if "<" in text or "-->" in text:
        text = _HTML_COMMENT.sub(" ", text)
        text = _HTML_TAG.sub(" ", _AUTOLINK.sub(" §¶ ", text))
    if "[" in text:
        text = CITATION_BLOCK.sub(" ", text)
        text = _FOOTNOTE_REF.sub(" ", text)
        text = _IMAGE.sub(" ", text)
        text = _LINK.sub(_mark_link, text)
    if "http" in text or "www." in text:
        text = _AUTOLINK.sub(" §¶ ", text)
    if "{" in text:
        text = _ATTR_LIST.sub(" ", text)
    if ":" in text:
        text = _ICON.sub(" ", text)
    if _NEEDS_PREFIX_STRIP.search(text):
        text = _LINE_PREFIX.sub("", text)
    if _NEEDS_EMPHASIS_STRIP.search(text):
        text = _EMPHASIS.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def _mark_link(match: re.Match[str]) -> str:
    return f"§{match.group('text')}¶"


_NEEDS_PREFIX_STRIP = re.compile(r"^[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])", re.MULTILINE)
_NEEDS_EMPHASIS_STRIP = re.compile(r"[*_~=`^]")


def _unlink(prose: str) -> str:
    return prose.replace("§", "").replace("¶", "")


_LINK_SPAN = re.compile(r"§[^¶]*¶")
_LINK_LIST_FILLER = re.compile(
    r"(?i)\b(?:see|also|and|or|related(?: pages| topics| articles)?|next|previous|prev|back|home|top|up"
    r"|more|pages?|links?|further reading|resources|external)\b|[^\w]"
)


_LINK_LIST_LABEL = re.compile(r"^[^:§¶.!?]{0,60}:\s*§")


def _is_link_only(prose: str) -> bool:
    """A line that is only links (and separators or 'See also' filler), maybe after a short label."""
    if "§" not in prose:
        return False
    if _LINK_LIST_LABEL.match(prose):
        prose = prose[prose.index(":") + 1 :]
    rest = _LINK_SPAN.sub(" ", prose)
    return not _LINK_LIST_FILLER.sub("", rest).strip()


_LINK_LEAD = re.compile(r"^§[^¶]*¶\s*(?:[-–—:|,·•]|\(|$)")
"""A navigation entry: a link first, then a separator and maybe a short description."""

_CAPTION = re.compile(
    r"(?i)^(?:figure|fig\.|table|box|chart|panel|diagram|flowchart|appendix|supplementary\s+(?:table|figure))"
    r"\s*[\dA-Z]{1,3}[a-z]?\s*[.:—–-]"
)
_VIGNETTE = re.compile(
    r"(?i)^(?:a|an|mr|mrs|ms|miss|dr)\b[^.]{0,25}?\b\d+[- ](?:year|month|week|day)s?[- ]old\b"
    r"|^(?:a|an)\ (?:\w+\ ){0,3}(?:man|woman|boy|girl|child|infant|patient)\ (?:aged\ \d+\ )?(?:presents|attends|is\ brought)\b"
    r"|^(?:mr|mrs|ms|miss|master)\.?\ [A-Z]\w{0,12},?\ (?:is|was|aged)\ \d{1,3}\b"
)
"""A worked example's patient: "A 34-year-old woman has ..."."""
_CASE_NARRATIVE = re.compile(
    r"""(?xi)^(?:(?:on|at|after|by|during|within|over|later|that|the\ next|next|two|three|on\ the)\b[^,.]{0,40}?,?\ )?
    (?:he|she|his|her|mr|mrs|ms|miss)\b"""
)
"""A sentence of a worked case: its patient as subject ("He takes ramipril ...", "On arrival his blood
pressure is 128/74 mmHg", "On the second day he had a six-second pause ...")."""


def _asserts_itself(content: str) -> bool:
    """A unit that holds a figure or states an effect of its own, whatever introduces it."""
    plain = _unlink(_prose(content))
    return bool(_has_figure(plain) or _EFFECT_VERB.search(plain))


def _tells_the_case(content: str) -> bool:
    """On a page with a worked case: every sentence of the unit tells the patient's story or asks about it
    (a general statement, "Orthostatic hypotension and an arrhythmia can coexist", is the page's own)."""
    sentences = _sentences(_unlink(_prose(content)))
    return all(
        sentence.rstrip().endswith("?") or _VIGNETTE.match(sentence.lstrip()) or _CASE_NARRATIVE.match(sentence.lstrip())
        for sentence in sentences
        if _LETTER.search(sentence)
    )


_INDIRECT_QUESTION = re.compile(
    r"""(?xi)^(?:(?!(?:should|must|need|needs|ought|trials?|stud(?:y|ies)|reviews?|analys[ie]s|cohorts?|investigators
      |researchers|authors)\b)[\w'’-]+\ ){1,6}?(?:(?:have|has|had|often|sometimes|frequently|commonly|regularly|also|may|will)\ )*
    (?:ask(?:s|ed)?|wonder(?:s|ed)?|want(?:s|ed)?\ to\ know|enquire[sd]?|inquire[sd]?)\ (?:us\ |me\ )?
    (?:whether|if|how|what|why|which|when)\b"""
)
"""A question reported, not answered: "Many of our readers have asked whether intermittent fasting is
safe"; the answer, where one follows, is judged on its own. Not a recommendation to ask ("Clinicians
should ask whether ...") nor the question a study asked ("The trial asked whether ...")."""
_LEADING_CONDITION = re.compile(
    r"(?i)^(?:when|whenever|if|once|after|before|as\ soon\ as|where|while)\b[^,]{3,120},\s*(?P<main>[a-z].{8,})$"
)
"""A sentence opening with its condition: the main clause's subject says whether it is about the site."""
_QUESTION_HINTS = frozenset(_words("ask asks asked wonder wonders wondered know enquire enquired inquire inquired"))
_COVERED_HINTS = frozenset(_words("covered dealt managed"))
_SOURCE_HINTS = frozenset(_words("follow follows based taken those"))
_AUDIENCE_HINTS = frozenset(
    _words(
        """team teams staff doctors nurses registrars consultants clinicians trainees students practitioners
    pharmacists midwives therapists paramedics surgeons gps readers professionals prescribers physicians"""
    )
)
_SOURCE_OF_CONTENT = re.compile(
    r"""(?xi)\b(?:thresholds?|doses?|targets?|criteria|cut-?offs?|definitions?|recommendations?|ranges?|values?|limits?
    |grading|grades|scales?|scores?|classification|staging|categories)
    \ (?:[\w-]+\ ){0,2}?(?:follow|follows|are\ based\ on|is\ based\ on|are\ taken\ from|are\ those\ of)
    \ (?:the\ |a\ )?(?:[\w-]+\ ){0,4}?(?:guidelines?|guidance|trials?|stud(?:y|ies)|consensus|statement|formulary)\b"""
)
"""Which source the page's figures follow: a statement a reader could check ("The thresholds above follow the
2023 national renal guideline")."""
_TOPIC_POINTER = re.compile(
    r"(?i)^[^:.;]{1,80}:\s*(?:see|refer\ to|use|follow|go\ to)\ (?:the|our|a|your)\b[^.;]{0,80}\.?$"
    r"|\b(?:is|are)\ (?:covered|dealt\ with|managed)\ (?:by|in|under)\ (?:the|their|its|our|a|a\ separate)\ [^.;]{0,60}"
    r"(?:handbook|protocol|guideline|guidance|page|article|pathway|policy|leaflet)\b"
)
"""A topic and where to read about it: "Stridor in infants under six months: see the neonatal handbook",
"Children are covered in the paediatric oncology handbook"."""
_PRONOUN_LEAD = re.compile(r"^(?:it|this|they|these)\s+(?!page\b|section\b|article\b)", re.IGNORECASE)

_NUM = r"(?:\d+(?:[.,·]\d+)*|½|¼|¾)"
_NUMBER_QUANTITY = re.compile(
    rf"""(?xi)
    {_NUM}\s*(?:
        %|‰|°|per\s?cent\b|percent\b|percentage\ points?\b|pp\b
      | (?:mg|g|kg|mcg|µg|μg|ug|ng|ml|l|dl|mmol|µmol|μmol|umol|mol|meq|iu|units?|u|ppb|ppm|micrograms?|micromol
          |milligrams?|grams?|mmhg|mm\ hg|cmh2o|kpa|bpm|beats|breaths|kcal|mosm|cm|mm|m2|m²|x|×|fold|times|doses?
          |tablets?|puffs?|drops?|sprays?|vials?|capsules?|sachets?)\b
      | (?:/|per\s)\s*(?:min|minute|h|hr|hour|day|d|week|kg|dose|year|l|dl|ml|m2|m²)\b
      | (?:-|–|to)\s*{_NUM}\s*(?:hours?|h|days?|weeks?|months?|years?|minutes?|min)\b
      | (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\ or\ (?:more|longer|less|fewer|over|under)\b
      | (?:seconds?|minutes?|mins?|hours?|hrs?)\ (?:after|before|from|post)\b
      | (?:in|out\ of)\s+\d
    )
    """
)
"""A figure: a number with a unit, a percentage or a dose."""
_COMPARED_NUMBER = re.compile(r"[<>≤≥]\s*\d")
_STATISTIC = re.compile(
    rf"(?i)\b(?:a?or|a?hr|i?rr|rrr|arr|nnt|nnh|smd|w?md|auc|ppv|npv|lr|ci|iqr|sd)\s*[=:,]?\s*{_NUM}"
    r"|\bp\s*[<=>≤≥]\s*0?[.,]\d|\bi[²2]\s*="
)
_STATISTIC_HINTS = ("OR", "HR", "RR", "CI", "NN", "MD", "AUC", "PV", "LR", "IQR", "SD", "I²", "I2", "p", "P")
_WORD_QUANTITY = re.compile(
    r"""(?xi)
    \b(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[a-z]+\s+){0,2}(?:in|out\ of)\s+(?:two|three|four|five
        |six|seven|eight|nine|ten|twenty|a\ hundred|a\ thousand)\b
    | \b(?:two|three|four|five|six|ten)[-\s]?fold\b
    | \b(?:twice|thrice|halved|halves|halving|doubled|doubles|doubling|tripled|trebled)\b
    | \b(?:one|two)[-\s](?:thirds?|quarters?|fifths?)\b | \b(?:a|one)\ (?:third|quarter|fifth|half)\ of\b
    | \bhalf\ (?:of|the|as)\b | \b(?:once|three\ times|four\ times)\ (?:a\ )?(?:daily|day|weekly|week)\b
    """
)
_WORD_QUANTITY_HINTS = (
    *_words("twice thrice halv doubl tripled trebled fold half third quarter fifth once times"),
    "out of",
    *(f"{number} in" for number in _words("one two three four five six seven eight nine ten")),
)


def _has_figure(plain: str) -> bool:
    """A number with a unit, a percentage, a dose, a ratio or a statistic, or a figure in words."""
    if _DIGIT.search(plain):
        if _NUMBER_QUANTITY.search(plain) or _COMPARED_NUMBER.search(plain):
            return True
        if any(map(plain.__contains__, _STATISTIC_HINTS)) and _STATISTIC.search(plain):
            return True
    lower = plain.lower()
    return any(map(lower.__contains__, _WORD_QUANTITY_HINTS)) and _WORD_QUANTITY.search(plain) is not None


_NAVIGATION_NUMBER = re.compile(
    r"""(?xi)
    \b(?:table|tables|figure|figures|fig|box|section|sections|chapter|step|page|pages|part|appendix
       |version|v|panel|item|question|row|column|slide|level\ of\ evidence)\.?\s*\d+(?:[.\d]*[a-z]?)?
    | \b\d{4}-\d{2}(?:-\d{2})?\b | \b\d{1,2}/\d{1,2}/\d{2,4}\b
    | \b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?
    | \b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}
    | \b(?:19|20)\d{2}(?:\s*[-–/]\s*(?:(?:19|20)?\d{2})\b)?
    """
)

# Whole lines that are page furniture: never claims, whatever numbers they hold.
_META_LINE = re.compile(
    r"""(?xi)
    ^[^\w§]*(?:
      back\ to\ (?:top|contents|index|the\ top|overview)\b | top\ of\ (?:the\ )?page\b | skip\ to\b
    | jump\ to\ (?:top|contents|section)\b
    | (?:table\ of\ )?contents\b\W*$ | on\ this\ page\b\W*$ | in\ this\ (?:article|page|section|chapter)\b\W*$
    | edit\ (?:this|on)\b | print\ (?:this|page)\b | share\ (?:this|on)\b | download\ (?:this|the\ pdf|as)\b
    | last\ (?:updated|reviewed|modified|edited|revised|checked|changed)\b
    | (?:page\ )?(?:updated|reviewed|revised|published|created|modified)\ (?:on|in)?\s*[:\d]
    | (?:updated|reviewed|revised|published|created|modified)\s*:
    | next\ review\b | review\ (?:date|due)\b | (?:applies\ to|scope)\s*: | date\ (?:of\ |published|reviewed|created)
    | version\s*(?::|\d[\d.]*\b(?!\ of\b)) | v\d+(?:\.\d+)*\b | changelog\b
    | (?:(?:page|content|clinical|section|topic|review|approval|publication)\ )?(?:authors?|editors?|reviewers?|contributors?|maintainers?
        |owners?|leads?|status|audience|tags?|keywords?|category|categories|licen[cs]e|copyright|contacts?|email
        |e-mail)\s*:
    | (?:written|reviewed|edited|maintained|compiled|prepared|checked|approved)
      (?:\ and\ (?:written|reviewed|edited|maintained|compiled|prepared|checked|approved|updated))?\ by\b
    | (?:please\ )?cite\ (?:this|as)\b | how\ to\ cite\b | suggested\ citation\b
    | copyright\b | ©
    | (?:previous|next|prev|up)\s*(?::|page\b|section\b|chapter\b|article\b|topic\b|→|»|›|>|§)
    | page\ \d+\ of\ \d+
    )
    """
)

# Cross-references and editorial text: not claims unless they hold a strong figure (a
# percentage, a dose, an effect size), which a reader may still question.
# Leads are matched at the start of a sentence only.
_NAVIGATION_LEAD = re.compile(
    r"""(?xi)
      see\b(?!\s+(?:a|an|your|their|his|her|them|him|patients?|children|people
                      |the\ (?:patient|child|doctor|gp|nurse|pharmacist|specialist|midwife|dentist))\b)
    | (?:for|for\ more|for\ further)\b[^.;!?]{0,100}?\bsee\b
    | (?:refer|turn|go|return|continue|proceed|jump|skip|navigate|head|move|come\ back|scroll)
        (?:\ (?:back|ahead|down|up|straight|directly|forward))?\ (?:to|on\ to|onto)\ (?:the\ |our\ |a\ )?
        (?:§|top\b|previous\b|next\b|main\b|index\b|contents\b|home\b|overview\b|summary\b
          |(?:[\w-]+\ ){0,3}(?:page|pages|section|sections|chapter|article|list|glossary|menu|tab|appendix
             |table|figure|box|guideline|guidelines|guidance|website|site|faq|protocol|policy|formulary|bnf
             |smpc|label|leaflet|pathway|resources?|link|links|report|newsletter|handbook|blog)\b)
    | (?:click|tap|scroll|hover|expand\ the|collapse\ the|open\ the\ (?:tab|menu|panel|link)|bookmark|print)\b
    | use\ the\ (?:[\w-]+\ )?(?:tabs?|menu|search|links?|buttons?|sidebar|navigation|toggle|filters?|calculator
                   |table\ of\ contents|index|glossary|arrows?)\b
    | (?:read|learn|find\ out)\ (?:more|about)\b
    | read\ (?:the|our)\ (?:[\w-]+\ ){0,3}(?:page|pages|section|article|guide|summary|overview|faq|guideline|report)\b
    | read\ (?:it|this|this\ [\w-]+)\ (?:together|alongside|in\ conjunction)\ with\b
    | check\ (?:the|our)\ (?:[\w-]+\ ){0,2}(?:page|section|table|list|glossary|website|site|faq|links?)\b
    | (?:more|further|full|additional)\ (?:information|details?|reading|guidance|background|resources)\b
    | (?:details|information)\ (?:on|about|of)\b[^.]*\b(?:is|are|can\ be)\ (?:available|given|found|provided)\b
    | welcome\ to\b
    | (?:this|these|our|each|every|all|the\ (?:present|current|next|following|previous|preceding|remaining|last
        |first|rest\ of\ (?:the|this)))
        \ (?:[\w-]+\ ){0,2}?(?:page|pages|article|articles|section|sections|chapter|chapters|guide|site|website
             |document|tab|tabs|table|tables|figure|figures|box|appendix|glossary|topic|entry|resource|overview
             |knowledge\ base|subsection|paragraph|part|summary|flowchart|diagram|infographic|calculator|tool
             |list|note|notes|editorial|commentary|module|series|collection|checklist|questions|answers)\b
    | (?:the\ )?(?:[\w-]+\ )?(?:table|tables|figure|figures|diagram|flowchart|chart|box|list|sections?|links?
                  |pages?|tabs?|resources?|references?|sources?|questions?|cards?)
        \ (?:below|above|that\ follows?|on\ the\ (?:left|right))\b
    | (?:table|figure|fig\.?|box|chart|appendix|panel|supplement(?:ary)?\ (?:table|figure))\s*[\dA-Z]{1,3}[a-z]?\b
    | (?:in|on|within|throughout|across|below|above|here)\b[^.]{0,20}?\b
        (?:this|these|the\ (?:next|following|previous|preceding|sections?\ below))
        \ (?:[\w-]+\ )?(?:page|pages|article|section|sections|chapter|guide|site|table|figure|part|summary|tab
             |overview|note)\b
    | (?:here|below|above|in\ what\ follows|next|first|finally|now|then|later)\s*,?\s+(?:we|you|i)\b
    | (?:we|i)\ (?:have\ |had\ |did\ |do\ |will\ |would\ |could\ |can\ )?(?:not\ |never\ |also\ |now\ |only\ )?
        (?:included|excluded|listed|added|removed|covered|graded|given|reproduced|checked|tested|written|kept)\b
    | (?:we|i)\ (?:\w+\ ){0,2}?(?:update|updated|updating|revise|revised|welcome|thank|aim|aimed|plan|planned
        |intend|hope|summari[sz]e|describe|cover|outline|list|discuss|present|explain|focus|looked|look\ at|will
        |would\ like|wrote|searched|have\ (?:grouped|listed|organi[sz]ed|written|tried|aimed|included|excluded
        |kept|added|removed|moved|split|merged|marked|rewritten|reworded)|added|removed|moved|split|merged
        |marked|rewrote|reworded|could\ not\ (?:find|source|confirm|verify|locate|identify)|did\ not\ find
        |were\ unable)\b
    | (?:you|readers?|users?|visitors)\ (?:can|may|will|might|could)\ (?:also\ )?(?:find|see|read|browse
        |search|navigate|download|print|switch|click|jump|skip|return|go|access|look|filter|sort|expand)\b
    | (?:the\ )?(?:pages?|articles?|sections?|chapters?|entries|topics?|notes?)\ (?:in|of|on)\ (?:this|these|the)
        \ (?:section|site|website|knowledge\ base|chapter|page|series|collection|part)\b
    | (?:the|these|our)\ (?:recommendations?|evidence|data|information|advice|guidance|key\ points|options|figures
        |numbers|doses|tables?|links?|references?)\ (?:summari[sz]ed|listed|shown|given|presented|described|outlined
        |below|above|here|on\ this\ page|in\ this\ (?:section|page|article))\b
    | (?:readers?|users?|visitors|subscribers)\b
    | (?:the|this|these)\ (?:[\w-]+\ ){0,3}(?:below|above)\b
    | (?:the\ )?full\ (?:[\w-]+\ (?:and\ [\w-]+\ )?)?(?:recommendations?|guidance|guideline|text|details?|list|version
        |report|evidence|protocol|instructions)
        \ (?:is|are|can\ be)\ (?:in|at|on|available|found|given)\b
    | (?:this|these)\ (?:guidance|information|content|material|advice|summary|summaries)\ (?:is|are)\b
    | (?:it|they|this|these|we)\ (?:does|do)\ not\ (?:cover|discuss|address|deal\ with|include)\b
    | (?:source|sources|credit|credits|image|photo|illustration|abbreviations?|key|legend|footnotes?|notes?
        |disclaimer)\s*:
    | (?:adapted|reproduced|modified|redrawn|derived|summari[sz]ed)\ (?:with\ permission\ )?from\b
    | (?:—|–|--|―)\s*\S
    | (?:thanks|thank\ you|many\ thanks|we\ thank|we\ are\ grateful|with\ thanks|acknowledg)
    | (?:please\ )?(?:send|email|e-mail|report|contact|tell|write\ to)
        \ (?:us|the\ editors?|the\ editorial|the\ team|the\ authors)\b
    """
)


def _phrase(hints: str, pattern: str) -> tuple[frozenset[str], re.Pattern[str]]:
    """A phrase searched anywhere, tried only when the sentence holds one of its hint words."""
    return frozenset(hints.split()), re.compile(pattern, re.IGNORECASE | re.VERBOSE)


# Phrases anywhere in a sentence. Hint words keep the search cheap: most sentences hold none.
_NAVIGATION_PHRASES = (
    _phrase(
        "shown listed given summarised summarized presented described provided detailed discussed covered "
        "explained outlined tabulated reviewed compared collected illustrated available defined set addressed "
        "dealt included found linked gathered grouped explored treated handled repeated kept",
        r"""\b(?:is|are|were|was|will\ be|can\ be|may\ be|have\ been|has\ been)
        \ (?:also\ |then\ |each\ |briefly\ |fully\ )?
        (?:shown|listed|given|summari[sz]ed|presented|described|provided|detailed|discussed|covered|explained
         |outlined|tabulated|reviewed|compared|collected|illustrated|available|defined|set\ out|addressed
         |dealt\ with|included|found|linked|gathered|grouped|explored|treated|handled|repeated|kept)\s+
        (?:separately\b|elsewhere\b|later\b|below\b|above\b|in\ full\b|here\b|next\b
         |(?:in|on|under|at|from|via|within|by|through)
          \ (?:the\ |our\ |a\ |this\ |that\ |each\ |its\ own\ |another\ |separate\ )*
           (?:§|(?:[\w-]+\ ){0,2}?(?:page|pages|section|sections|chapter|table|tables|figure|figures|box
           |appendix|glossary|article|website|site|tab|list|links?|subsection|part|guide|summary|overview|faq
           |next|following|previous|preceding|separate|related|companion|editorial|sidebar|notes?|report
           |reports|newsletter|handbook|blog|minutes)\b))""",
    ),
    _phrase("written", r"\b(?:is|are)\ written\ (?:for|by)\b"),
    _phrase(
        "page section tab website site glossary appendix §",
        r"""\b(?:is|are|can\ be\ found)\ (?:on|in|at|under)\ (?:the\ |our\ |a\ )?
        (?:§|(?:[\w-]+\ ){0,3}(?:page|section|tab|website|site|glossary|appendix)\b)""",
    ),
    _phrase(
        "this",
        r"""\b(?:on|in|from|of|throughout|about|to|for|within|across)\ this\ (?:page|section|article|site|website
        |chapter|part|revision|version|edition|update)\b""",
    ),
    _phrase(
        "aimed intended meant designed written targeted use",
        r"""\b(?:aimed\ at|intended\ for|meant\ for|designed\ for|written\ for|targeted\ at|for\ use\ by)
        \ (?:\w+\ ){0,3}?(?:gps|clinicians|doctors|nurses|pharmacists|prescribers|readers|students|trainees
        |professionals|staff|teams|users|patients\ and\ carers)\b""",
    ),
    _phrase(
        "pages articles chapters",
        r"\b(?:the|our|other|separate|dedicated|its\ own|their\ own)\ (?:[\w-]+\ ){0,2}?(?:pages|articles|chapters)\b",
    ),
    _phrase("left deferred", r"\b(?:is|are)\ (?:left|deferred)\ to\b"),
    _phrase(
        "find",
        r"""\b(?:may|might|will|should|could)\ (?:also\ )?find\ (?:the|this|these|our)\ (?:[\w-]+\ ){0,3}?
        (?:section|sections|page|pages|table|tables|chapter|article|summary|checklist|tool|leaflet|box|flowchart
        |algorithm|calculator|part)\b[^.;]{0,60}?\b(?:useful|helpful|relevant|handy|of\ interest|easier)\b""",
    ),
    _phrase("unless", r"\bunless\ (?:otherwise\ )?(?:stated|noted|specified|indicated|shown)\b"),
    _phrase(
        "available",
        r"\b(?:is|are)\ available\ (?:in|from|on|at)\ (?:the\ )?(?:[\w-]+\ ){0,2}(?:guidelines?|guidance|report|references?)\b",
    ),
    _phrase(
        "helps help",
        r"\bhelps?\ (?:you|readers|clinicians|users)\ (?:to\ )?(?:decide|find|choose|navigate|understand|remember|work\ out)\b",
    ),
    _phrase(
        "linked listed given cited",
        r"\b(?:linked|listed|given|cited)\ (?:at\ the\ (?:bottom|top|end)|below|above)\b",
    ),
    _phrase(
        "bottom top end",
        r"\bat\ the\ (?:bottom|top|end)\ of\ (?:the|this)\ (?:page|section|article|chapter)\b",
    ),
    _phrase("scope", r"\b(?:beyond|outside)\ (?:the\ )?scope\b"),
    _phrase(
        "covered",
        r"\bnot\ covered\ (?:here|on\ this|in\ this|by\ this)\b|\bcovered\ (?:separately|elsewhere)\b",
    ),
    _phrase("own", r"\bhas\ its\ own\ (?:page|section|article|chapter)\b"),
    _phrase("last", r"\blast\ (?:updated|reviewed|revised|checked)\b"),
    _phrase(
        "replace replaces substitute substitutes replacement",
        r"""\b(?:not|never)\ (?:a\ |intended\ (?:as\ a\ |to\ )|meant\ (?:as\ a\ |to\ ))?
        (?:replace|replaces|substitute|substitutes|replacement)
        \ (?:for\ )?(?:\w+\ ){0,2}?(?:judg(?:e)?ment|advice|assessment|protocols?|policy|policies|guidance
        |consultation|care)\b""",
    ),
    _phrase(
        "educational informational information teaching reference",
        r"\bfor\ (?:educational|information(?:al)?|teaching|reference)\ (?:purposes|use)\b|\bfor\ information\ only\b",
    ),
    _phrase(
        "adapted reproduced modified redrawn taken",
        r"\b(?:are|is|were|was)\ (?:adapted|reproduced|modified|redrawn|taken)\ from\b",
    ),
    _phrase(
        "conflict conflicts competing",
        r"\b(?:declares?|declared|report)\ no\ (?:conflicts?|competing)\b|\bconflicts?\ of\ interest\b",
    ),
    _phrase(
        "welcome welcomed",
        r"""\b(?:feedback|comments|corrections|suggestions|questions|contributions)\b[^.]{0,40}\b(?:are|is)
        \ (?:always\ |very\ |most\ )?welcomed?\b""",
    ),
    _phrase("tracker pull github", r"\bissue\ tracker\b|\bpull\ requests?\b|\bgithub\b"),
    (editorial_prose.RETRACTION_HINTS, editorial_prose.RETRACTION),  # statements withdrawn
)


def _is_navigation(sentence: str, words: set[str] | None = None) -> bool:
    """A cross-reference or editorial sentence (links still marked with § and ¶)."""
    if _NAVIGATION_LEAD.match(sentence):
        return True
    if words is None:
        words = set(_TOKEN.findall(sentence.lower()))
    if "§" in sentence:
        words.add("§")
    if words.isdisjoint(_NAVIGATION_HINTS):
        return False
    for hints, pattern in _NAVIGATION_PHRASES:
        if not hints.isdisjoint(words) and pattern.search(sentence):
            return True
    return False


_TOKEN = re.compile(r"[a-z0-9]+")
_NAVIGATION_HINTS = frozenset().union(*(hints for hints, _ in _NAVIGATION_PHRASES))


_LABEL_PREFIX = re.compile(
    r"(?i)^(?:(?:please\s+)?note(?:\s+that)?|nb|n\.b\.|important|tip|warning|caution|remember|key\s+points?"
    r"|in\s+short|in\s+summary|summary|bottom\s+line|tl;?dr)\s*[:,.\-–—]\s*"
)
_LEADING_JUNK = re.compile(r"^[\s\"'“‘(\[*#>•·→»›✓✔✗✘☐☑-]+")

_DATED_LEAD = re.compile(
    r"""(?xi)^(?:\d{1,2}\ (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\ \d{4}
    | \d{4}-\d{2}-\d{2})\s*[–—:-]\s*(?:[^:.;§]{1,40}:\s+)?"""
)
"""The date of a dated entry, and the topic it names ("27 March 2025 – Semaglutide: second reviewer
assigned."): the entry is judged by what follows them."""
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9§])")
_ABBREVIATION_END = re.compile(
    r"(?i)(?:\b(?:e\.g|i\.e|vs|etc|et al|approx|fig|figs|no|nos|dr|prof|st|cf|incl|min|max|ca|resp|ref|refs|vol|pp|ext|tel|tx)"
    r"|\b[A-Z])\.$"
)

# Vocabulary, used only where structure alone cannot tell: very short units and editorial talk.
# Clinical vocabulary, tested word by word (suffixes, stems, abbreviations): a regex with a
# leading `\w*` would backtrack through every word.
_CLINICAL_SUFFIXES = tuple(
    _words(
        """olol ilol alol pril prilat sartan statin mab tinib cillin mycin micin floxacin cycline azole
    gliptin gliflozin glutide glitazone parin xaban gatran triptan lukast sone solone olone onide
    terol tropium dipine thiazide semide pamide vir azepam zolam tidine prazole oxetine pramine
    triptyline caine profen proxen fenac coxib setron peridol apine idone barbital tadine dronate
    parib platin rubicin taxel ercept kinra lutamide relin tocin pressin onium curium butamol grel
    oxin lactone thyroxine adol oxone adrenaline nephrine clav azide oquine purinol trexate racetam
    apentin gabalin amate proate prim antoin mectin itis aemia emia osis oses pathy pathies algia
    ectomy otomy ostomy uria penia cardia plasia trophy plegia paresis rrhoea rrhea rrhage scopy lysis
    oxia capnia pnoea pnea ptysis ectasis megaly toxicity glycaemia glycemia kalaemia kalemia
    natraemia natremia coccus cocci bacter bacteria virus viruses"""
    )
)
_CLINICAL_STEMS = tuple(
    _words(
        """patient adult child infant neonat newborn bab paediatr pediatr pregnan breastfeed women woman
    elderly frail dose dosing dosage drug medic therap treat prescri tablet inject infusion inhal
    nebulis vaccin immunis immuniz antibiotic antimicrob antivir antibod antigen steroid insulin
    metformin aspirin warfarin heparin paracetamol acetaminophen ibuprofen morphine codeine opioid
    lithium colchicine atropine salbutamol oxygen fluid saline diet exercis smok alcohol weight obes
    blood pressure glucose sugar cholesterol lipid kidney renal liver hepat heart cardi coronar lung
    pulmonar respirat airway brain neuro bone skin chest abdom joint muscle eye throat nose mouth
    stomach bowel gut urin stool sweat itch swell oedema edema bruis jaundice confus drows letharg
    irritab tremor palpitat syncope faint weakness numb tingl cramp insomnia sleep appetite thirst
    mood infect sepsis septic bacteri viral fung fever febrile temperature pain ache headache migraine
    asthma diabet hypertens hypotens stroke infarct angina failure cancer tumor tumour malignan
    disease disorder syndrome symptom diagnos screen biomarker mortality death dying surviv morbidity
    hospital admission emergency outcome risk incidence prevalence complication adverse harm toxic
    allerg sensitiv anaphyla bleed haemorrh hemorrh thromb embol clot anticoag platelet trial study
    studies cohort meta-analys random placebo guideline guidance efficac effective tolerab interaction
    clearance half-life pharmacokin metabol receptor enzyme inflamm immun exacerbat relapse remission
    chronic acute severe mild moderate clinical clinician doctor nurse pharmac surg operat procedure
    physician prognos triglycerid lipoprotein sulfonylurea biguanide contraindic indicat nausea vomit
    diarrh rash cough wheez breath dyspn fatigue dizz seizure convuls epilep dementia delirium depress
    anxiety psych booster measles influenza covid sars tuberc pneumon bronch meningit streptoc
    staphyloc resist arrhythm fibrillation atrial ventric anaem anem iron vitamin calcium potassium
    sodium magnesium lactate creatinine troponin x-ray ultrasound biopsy culture swab spirometr
    inhibitor agonist antagonist blocker diuretic supplement vital saturation oximetr hydrat dehydrat
    rehydrat wound fracture injur trauma burn overdose poison withdraw addict cure recover prevent
    prophyla contracept menopaus menstru fertil birth labour labor delivery caesarean gestation fetal
    foetal maternal hospice palliat monitor referr specialist dialysis cef onco chemo radiother
    metasta neutropen mucos pupil cornea retina visual vision sight acuity photophob cataract eyelid
    lens hearing deaf tinnitus sinus tonsil swallow lesion plaque eczema acne melanom ulcer blister
    psoria dermat placent miscarr postpart postnat antenat prenat obstetr midwi uter ovar cervi
    prostat testi breast thyroid adrenal pancrea spleen lymph vein venous arter vascul nerve spinal
    spine cereb hormon cortis oestr estrog testost progest albumin protein nephr malaria mosquito
    dengue typhoid rabies altitude acclimati illness unwell sick examin investigat presentation
    presenting onset flare recur resolv disab frailty genital pelvi vagin penile bladder kidney lung
    liver colon rectal anal oesophag esophag gastr intestin hernia appendic gall biliar pancreat thyro
    diagnost prognost allergen immunotherap transplant graft implant prosthe catheter stent pacemaker
    ventilat intubat resuscitat sedat anaesthe anesthe analges cannabis nicotine tobacco vaping
    caffeine opiat benzodiazep cochrane perforat autis distress adherence safety histamin cytokin
    serotonin dopamin genetic dna mutation"""
    )
)
_CLINICAL_WORDS = frozenset(
    _words(
        """men test tests testing ear arb sglt2 glp-1 dpp-4 ics laba lama saba nsaid nsaids ppi ppis ssri
    ssris snri snris doac doacs noac noacs lmwh ace-i mra ccb bp hr inr hiv rsv tb uti ckd aki dvt vte
    icu gp bmi ecg ct mri crp egfr fev1 copd ldl hdl hba1c spo2 cdc gina kdigo uspstf fda ema mhra
    heal heals healed healing consultation consultations case cases fall falls hip hips knee knees
    ankle wrist shoulder elbow neck face hand hands foot feet leg legs arm arms head heads scalp nail
    nails hair tooth teeth gum gums tongue lip lips salt food foods vessel vessels cell cells gene
    genes scar scars scarring wart warts scan scans attack attacks episode episodes"""
    )
)
_CLINICAL_ACRONYMS = frozenset(_words("ACE MI AF PE ED NICE WHO ADA GOLD ESC AHA"))
"""Clinical only in capitals: "who", "nice", "gold" and "ace" are English words too."""
_CLINICAL_PHRASE = re.compile(
    r"(?i)\b(?:intensive care|side[- ]effects?|systematic review|peak flow|older (?:adults|people)|care home)\b"
)
_VOCABULARY_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _clinical_count(plain: str, words: list[str] | None = None) -> int:
    """Clinical words and phrases in a text; `words`: its lower-cased vocabulary words, if known."""
    if words is None:
        words = _VOCABULARY_WORD.findall(plain.lower())
    count = 0
    if not _CLINICAL_PHRASE_HINTS.isdisjoint(words):
        count = len(_CLINICAL_PHRASE.findall(plain))
    known = _CLINICAL_WORD_CACHE
    for word in words:
        clinical = known.get(word)
        if clinical is None:
            if len(known) > 50_000:
                known.clear()
            clinical = known[word] = word not in _NOT_CLINICAL and (
                word in _CLINICAL_WORDS
                or word.startswith(_CLINICAL_STEMS)
                or word.endswith(_CLINICAL_SUFFIXES)
            )
        count += clinical
    if not _ACRONYM_WORDS.isdisjoint(words) and any(map(plain.__contains__, _CLINICAL_ACRONYMS)):
        count += sum(word in _CLINICAL_ACRONYMS for word in _ACRONYM.findall(plain))
    if count and "clinical" in words:
        count -= len(_CLINICAL_OF_SITE.findall(plain))  # "Most clinical pages follow the same order"
    return count


_CLINICAL_OF_SITE = re.compile(
    r"(?i)\bclinical\ (?=(?:pages?|articles?|topics?|content|sections?|summar(?:y|ies)|entries|answers|knowledge\ base)\b)"
)
""""Clinical" naming a kind of the site's pages, not something clinical."""


_ACRONYM_WORDS = frozenset(word.lower() for word in _CLINICAL_ACRONYMS)
_CLINICAL_PHRASE_HINTS = frozenset(
    _words("intensive side side-effect side-effects systematic peak older care")
)
_NOT_CLINICAL = frozenset(_words("number numbers numbered numbering clothes"))
"""Words that only look clinical to the stems and suffixes ("numb")."""
_CLINICAL_WORD_CACHE: dict[str, bool] = {}
"""Word -> clinical or not; a page's words recur, and the stem and suffix tests are the costly part."""
_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")


_EFFECT = re.compile(
    r"""(?xi)
    \b(?:reduc|lower|increas|rais|improv|worsen|prevent|caus|leads?\ to|led\ to|result(?:s|ed)?\ in|associat
       |predict|protect|inhibit|block|bind|activat|cure|reliev|halv|doubl|shorten|prolong|trigger|recommend|advis
       |suggest|contraindicat|indicated|demonstrat|confirm|is\ defined|defined\ as|refers\ to|characteri[sz]ed
       |first[-\ ]line|second[-\ ]line|preferred|avoid|superior|inferior|non-?inferior|compared\ with|versus|vs\b
       |more\ (?:\w+\ )?than|less\ (?:\w+\ )?than|higher|greater|fewer|better|worse|most\ common|effective
       |efficacy|safe\b|safer|benefit|harm|risk|outperform|equivalent|no\ (?:significant\ )?difference|mortality)
    """
)
_EFFECT_VERB = re.compile(
    r"""(?xi)
    \b(?:reduces?|reduced|lowers?|lowered|increases?|increased|raises?|raised|improves?|improved|worsens?
       |worsened|prevents?|prevented|causes?|caused|leads?\ to|led\ to|results?\ in|resulted\ in|predicts?
       |protects?|inhibits?|blocks?|binds?|activates?|cures?|relieves?|halves|halved|doubles|doubled|shortens?
       |prolongs?|triggers?|recommends?|recommended|advised|suggests?|showed|shows|found|confirmed|demonstrated
       |outperform\w*|first[-\ ]line|second[-\ ]line|preferred|contraindicated|indicated|is\ associated
       |are\ associated|superior|inferior|non-?inferior)\b
    """
)
_FINITE_VERB = re.compile(
    r"""(?xi)
    \b(?:reduces?|reduced|lowers?|lowered|increases?|increased|raises?|raised|improves?|improved|worsens?
       |worsened|prevents?|prevented|causes?|caused|leads?\ to|led\ to|results?\ in|resulted\ in|predicts?
       |protects?|inhibits?|blocks?|binds?|activates?|cures?|relieves?|halves|halved|doubles|doubled|shortens?
       |prolongs?|triggers?|recommends?|recommended|advises?|suggests?|showed|shows|found|confirmed|demonstrated
       |outperform\w*|is|are|was|were|has|have|had|can|may|might|should|must|will|does|do|did)\b
    """
)
_EDITORIAL_WORDS = frozenset(
    _words(
        """page pages site website readers reader authors author editors editor editorial comment comments
    feedback update updated updates link links click tap section sections tab tabs menu contributor
    contributors team we our glossary navigation sidebar search bookmark print pdf download version
    changelog email e-mail article articles chapter chapters format layout template heading headings
    toc index overview introduction archive entries topic topics pilot tables revision changes queries
    statement statements source sources reviewer reviewers version versions wrote checked drafted
    edition footer"""
    )
)


# Site talk: the site, its parts and its people. Words that medicine uses as well ("review",
# "source", "team", "label", "figure") are left out, or excepted where they name something clinical.
_STRONG_SITE_NOUNS = frozenset(
    _words(
        """page pages webpage site sites website websites sidebar menu menus header footer toolbar button
    buttons icon icons badge badges hyperlink hyperlinks url urls browser browsers keyboard pdf pdfs
    printout layout layouts template templates font fonts glossary changelog newsletter newsletters
    author authors editor editors reviewer reviewers contributor contributors volunteer volunteers
    maintainer maintainers funder funders sponsor sponsors cookies privacy article articles chapter
    chapters subsection subsections heading headings paragraph paragraphs wording citation citations
    bibliography footnote footnotes superscript overview topic topics draft drafts reference
    references wiki typo typos markdown repository box bar field calculators spelling spellings
    terminology section sections statement statements comment comments checklist checklists"""
    )
)
"""Nouns for the site, its parts and its people."""
_WEAK_SITE_NOUNS = frozenset(
    _words(
        """reader readers user users visitor visitors member members subscribers guide content feedback release
    releases design entry entries text image images photo photos photograph photographs illustration
    illustrations video videos search link links version versions revision revisions edition editions
    table tables format formats theme themes tab tabs app apps archive aim aims sentence sentences
    knowledge item items translation translations"""
    )
)
"""Nouns for the site that name something clinical as well ("text message", "revision surgery",
"users of oral contraceptives"): they make a sentence site talk only when it names nothing clinical."""
_SITE_NOUNS = _STRONG_SITE_NOUNS | _WEAK_SITE_NOUNS
_SITE_WORDS = _SITE_NOUNS | frozenset(
    _words(
        """we our us editorial licence license copyright email e-mail online print printed printing download
    downloaded downloads subscribe subscribers publish publication publications cite cited citing
    edited editing authored proofread navigation toc accessibility screenshot board tutorial tutorials lecture
    lectures seminar seminars workshop workshops syllabus curriculum"""
    )
)
_SITE_PRONOUNS = frozenset(_words("we i us"))
_DETERMINERS = frozenset(
    _words(
        """the this these that those each every all our your its their a an any no some most many both other
    another new small short full whole none two three four several"""
    )
)
_CONVENTION_NOUNS = frozenset(_words("names spelling spellings terminology abbreviations"))
_ATTACHING = frozenset(_words("of with who between in on from taking using at after"))
"""Words that tie a noun to what follows it: "Readers with kidney disease", "Users of oral contraceptives"."""
_SUBJECT_STOPS = frozenset(
    _words(
        """is are was were be been being has have had can may might will would should must does do did not it
    they he she you there"""
    )
)
_EVIDENCE_MODIFIERS = frozenset(
    _words(
        """trial trials study studies cohort guideline guidelines cochrane review reviews systematic
    meta-analysis product drug drugs manufacturer manufacturers smpc bnf nice who fda ema mhra label
    leaflet paper papers"""
    )
)
_NOUN_EXCEPTIONS: dict[str, frozenset[str]] = {
    # the noun as part of a clinical name: next word (or, for "section", the word before)
    "reference": frozenset(
        _words("range ranges interval intervals value values standard standards laboratory")
    ),
    "section": frozenset(_words("caesarean cesarean c")),
    "sections": frozenset(_words("caesarean cesarean c")),
    "search": frozenset(_words("for")),
    "text": frozenset(_words("message messages messaging")),
    "table": frozenset(_words("salt")),
}
_SITE_ACTION = re.compile(
    r"""(?xi)^(?:please\ )?(?:
      type|enter|press|click|tap|select|choose|open|close|use|hover|scroll|search|download|print|share|bookmark
    | subscribe|sign\ (?:up|in)|log\ in|follow|visit|browse|filter|sort|toggle|switch|vote|e-?mail|contact
    | write\ to|tell\ us|let\ us\ know|report|send|submit|find|read
    | added|adds|fixed|fixes|removed|updated|rewrote|rewritten|moved|renamed|retired|replaced|reworded|corrected
    | merged|split|archived|published|launched|redesigned|reorgani[sz]ed|clarified|expanded|shortened|new
    | improved|changed|dropped|deleted|restored|migrated|tidied|linked)\b"""
)
"""A reader's action on the site, or a changelog entry: only with a word about the site."""
_SCOPE_NOTE = re.compile(
    r"""(?xi)\b(?:is|are)\ not\ (?:covered|discussed|included|considered)\s*\W*$
    | \b(?:advice|information|guidance|content|recommendations?)\ (?:here|on\ this\ page|in\ this\ \w+)
      \ (?:is|are|applies|apply)\ (?:only\ )?(?:for|to)\b"""
)
"""Where the page stops: "... are not covered.", "The advice here is for adults ..."."""
_SCOPE_VERB = re.compile(r"(?i)\b(?:does|do)\ not\ (?:cover|discuss|address|include|deal\ with)\b")
_SCOPE_HINTS = frozenset(
    _words(
        "covered discussed included considered advice information guidance content recommendation recommendations"
    )
)
_MEDICAL_EFFECT_WORDS = frozenset(
    _words(
        """reduce reduces reduced lower lowers lowered increase increases increased raise raises raised
    improve improves improved worsen worsens worsened prevent prevents prevented cause causes caused
    predict predicts protect protects inhibit inhibits block blocks bind binds activate activates cure
    cures relieve relieves halves halved doubles doubled shorten shortens prolong prolongs trigger
    triggers recommend recommends advise advises advised contraindicated indicated superior inferior
    noninferior effective efficacy safe unsafe toxic fatal know known believe suspect estimate
    estimated found showed concluded demonstrated confirmed affect affects affected detect detects
    detected spread spreads occur occurs occurred develop develops developed disproved eligible"""
    )
)
_MEDICAL_EFFECT_HINTS = frozenset(
    _words("lead leads led result results resulted recommended associated first second risk risks")
)
_MEDICAL_EFFECT_PHRASE = re.compile(
    r"""(?xi)\b(?:leads?\ to|led\ to|results?\ in|resulted\ in|recommended\ (?:for|in|to|as|that|against)
    |(?:is|are|was|were)\ associated|first[-\ ]line|second[-\ ]line
    |(?:higher|lower|increased|reduced|greater|smaller|absolute|relative)\ risk|risks?\ of)\b"""
)


def _has_medical_effect(plain: str, tokens: list[str]) -> bool:
    """A clinical effect, recommendation or safety verdict: keeps a sentence a claim whatever its subject."""
    if not _MEDICAL_EFFECT_WORDS.isdisjoint(tokens):
        return True
    return not _MEDICAL_EFFECT_HINTS.isdisjoint(tokens) and _MEDICAL_EFFECT_PHRASE.search(plain) is not None


_EDITORIAL_LABEL = re.compile(
    r"""(?xi)^(?:[\w'’-]+\ ){0,4}?(?:(?:this|the)\ (?:page|site|article|section)|authors?['’]?s?|editors?['’]?s?
    |reviewers?['’]?s?|readers?|contributors?|exercises?|self-tests?|quiz|activity|reflection|try\ this
    |test\ yourself|check\ your\ understanding)(?:\ [\w'’-]+){0,3}(?:\ \([^)]{0,30}\))?\s*:\s*"""
)
"""A label that says who speaks, or that a learner's task follows: "How to use this page:", "Reviewer
comment (March 2025):", "A useful exercise:"."""


@dataclass(frozen=True)
class _Heading:
    line: int
    level: int
    """0 for the page title in the front matter."""
    editorial: bool | None
    """True: names the site; False: names something clinical; None: names neither ("November 2025")."""
    site: bool | None = None
    """True: a title about the site itself (`page_context.is_site_title`); False: names something
    clinical; None: neither. Stricter than `editorial`: it decides where a unit needs strong evidence."""
    text: str = ""
    """The heading as plain text: what page furniture it announces is asked only of units to flag."""


_ATX_HEADING = re.compile(r"^ {0,3}(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t#]*$", re.MULTILINE)
_TITLE_FIELD = re.compile(r"^title:\s*(?P<text>.*?)\s*$")
_SITE_HEADING = re.compile(
    r"""(?xi)\b(?:about\ (?:this|these|the\ (?:site|authors?|page|article)|us|our)|acknowledg\w*|thanks|credits?
    |changes(?:\ (?:in|to|since)\ (?:this|the)\ \w+)?\s*$|change\ ?log|what['’]?s\ new|news\s*$
    |(?:version|revision|page|review)\ history|(?:author|editor|reviewer)['’]?s?\ notes?|notes?\ for\ readers
    |review\ notes?|contact(?:\ us|\ details)?\s*$|get\ in\ touch|funding|disclaimer|licen[cs]e|copyright
    |faq|who\ we\ are|how\ to\ use|using\ this|contributing|writing\ for|style\ guide|volunteering
    |further\ reading|related\ (?:pages|topics|articles)|see\ also|abbreviations|dark\ mode|printing
    |accessibility|knowledge\ base|(?:reader|user|visitor)s?['’]?\ (?:notes?|comments?|feedback|letters|questions
    |survey)|(?:your\ )?feedback\s*$)\b"""
)
"""Headings about the site: "About this page", "Changes in this version", "Acknowledgements"."""


def _headings(lines: list[str], masked: str, body_start: int) -> list[_Heading]:
    """The page title and every ATX heading outside code, each with what it names."""
    headings: list[_Heading] = []
    for number in range(1, body_start - 1):
        title = _TITLE_FIELD.match(lines[number - 1])
        if title:
            text = title.group("text").strip("\"'")
            headings.append(_Heading(number, 0, _names_site(text), _site_title(text), text))
    number, counted_to = 1, 0
    for heading in _ATX_HEADING.finditer(masked):
        number += masked.count("\n", counted_to, heading.start())
        counted_to = heading.start()
        if number >= body_start:
            level = len(heading.group("hashes"))
            text = _unlink(_prose(heading.group("text")))
            headings.append(_Heading(number, level, _names_site(text), _site_title(text), text))
    return headings


_DESCRIPTION_FIELD = re.compile(r"^description:\s*(?P<text>.*?)\s*$")


def _introduces_site(lead: str) -> bool:
    """A page's description or first paragraph that speaks of the site, and of nothing clinical."""
    prose = _prose(lead)
    plain = _unlink(prose)
    if not plain or _clinical_count(plain) or _has_figure(plain):
        return False
    return any(
        editorial_prose.is_site_voice(sentence) or _judge(sentence) is _Verdict.EDITORIAL
        for sentence in map(_unlink, _sentences(prose))
    )


def _site_title(title: str) -> bool | None:
    clinical = _clinical_count(title)
    if page_context.is_site_title(title, clinical):
        return True
    return False if clinical else None


def _names_site(heading: str) -> bool | None:
    words = _VOCABULARY_WORD.findall(_POSSESSIVE.sub("", heading.lower()))
    if _clinical_count(heading):
        return False
    if _SITE_HEADING.search(heading) or not _STRONG_SITE_NOUNS.isdisjoint(words):
        return True
    return None


def _sentences(plain: str) -> list[str]:
    if not any(mark in plain for mark in ".!?"):
        return [plain]
    merged: list[str] = []
    for piece in _SENTENCE_END.split(plain):
        if merged and _ABBREVIATION_END.search(merged[-1][-16:]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _judge(sentence: str, editorial_context: bool = False) -> _Verdict:
    """One sentence or clause (links still marked with § and ¶).

    `editorial_context`: the text around it is about the site (its section, or another sentence
    of its unit), so a sentence naming nothing clinical is about the site as well.
    """
    sentence = sentence.strip()
    if sentence and not sentence[0].isalnum():
        sentence = _LEADING_JUNK.sub("", sentence)
    sentence = _LABEL_PREFIX.sub("", sentence)
    if sentence[:1].isdigit():
        sentence = _DATED_LEAD.sub("", sentence)  # "27 March 2025 – Semaglutide: second reviewer assigned."
    if ":" in sentence or "?" in sentence:
        if editorial_prose.AUDIENCE_LABEL.match(sentence):  # "Who this page is for: GPs, ..."
            return _Verdict.CLAIM if _has_figure(_unlink(sentence)) else _Verdict.EDITORIAL
    if ":" in sentence:
        if editorial_prose.CONTENTS_LABEL.match(sentence):  # "On this page: timing of symptoms, ..."
            return _Verdict.CLAIM if _has_figure(_unlink(sentence)) else _Verdict.EDITORIAL
        label = _EDITORIAL_LABEL.match(sentence)
        if label:  # "How to use this page: ...", "Reviewer comment (March 2025): ..."
            sentence = sentence[label.end() :]
            editorial_context = True
    sentence = sentence.rstrip(" )]\"'”’")
    plain = _unlink(sentence)
    if not _LETTER.search(plain) or plain.endswith("?"):
        return _Verdict.OTHER
    if _META_LINE.match(plain):
        return _Verdict.EDITORIAL
    if _VIGNETTE.match(plain):
        return _Verdict.OTHER
    lower = plain.lower()
    tokens = _TOKEN.findall(lower)
    token_set = set(tokens)
    if plain[:1] in "WwIiOoAaBb" and "," in plain:
        main = _LEADING_CONDITION.match(plain)
        if main and _site_subject(_VOCABULARY_WORD.findall(main.group("main").lower())) and not _has_medical_effect(
            main.group("main"), _TOKEN.findall(main.group("main").lower())
        ):
            return _judge(main.group("main"), editorial_context)  # "When an alert affects a topic, the page is updated ..."
    if not _QUESTION_HINTS.isdisjoint(token_set) and _INDIRECT_QUESTION.match(plain) and not _has_figure(plain):
        return _Verdict.OTHER  # "Readers often ask whether ...": a question, told
    if (
        plain[:1] in "FWTIRAfwtira"
        and (assertion.AUDIENCE_LINE.match(plain) or assertion.SCOPE_LINE.match(plain))
        and not (_has_figure(plain) or _asserts_effect(plain, tokens))
    ):
        return _Verdict.EDITORIAL  # "For: acute oncology teams.", "This article covers scabies in adults."
    if (
        ("," in plain or " and " in plain)
        and not _AUDIENCE_HINTS.isdisjoint(token_set)
        and assertion.AUDIENCE_LIST.sub("", plain).strip(" ,.;") == ""
    ):
        return _Verdict.CONTEXT_CLAIM  # "Foundation doctors, emergency nurses, ...", after "Who is this for?"
    if (
        (":" in plain or not _COVERED_HINTS.isdisjoint(token_set))
        and _TOPIC_POINTER.search(plain)
        and not _has_figure(plain)
    ):
        return _Verdict.OTHER  # "Stridor in infants under six months: see the neonatal handbook."
    if _is_site_instruction(plain, token_set):
        return _Verdict.EDITORIAL
    if plain[:1] in "TtSsCcAaNnRrWw" and _LEARNER_TASK.match(plain.lstrip("0123456789. ")) and not _has_figure(plain):
        return _Verdict.EDITORIAL  # "Try to name three conditions that could meet the first four criteria."
    if editorial_prose.is_review_status(plain, token_set) or (
        editorial_prose.is_edit_request(plain, token_set) and not (_has_figure(plain) or _CAUSAL.search(plain))
    ):
        return _Verdict.EDITORIAL  # "It was submitted for review on 19 May 2025", "Please add the cohort data"
    if _is_local_aside(plain, token_set):
        return _Verdict.OTHER  # how things are done here: says nothing of the sentences around it
    if not plain.endswith(":") and (
        _about_research(plain, tokens, token_set) or research_prose.states_method(plain, token_set)
    ):
        return _Verdict.CLAIM  # "Studies ... have found that ...", "The trial relied on the clinician's diagnosis"
    if editorial_prose.is_table_pointer(plain, token_set) and not _asserts_effect(plain, tokens):
        return _Verdict.EDITORIAL  # "Table 2 gives the doses of adrenaline 1 mg/mL": its figures name what is there
    strong = _has_figure(plain)
    word_count = len(plain.split())
    if plain.endswith(":"):
        # A list introduction is no claim, its items are; unless it carries a criterion of its own.
        criterion = (
            (strong and word_count > 12)
            or _INTRO_CRITERION.search(plain) is not None
            or _intro_purpose_or_sample(plain)
        )
        return _Verdict.CLAIM if criterion else _Verdict.OTHER
    if ":" in plain and editorial_prose.CONTENTS_LABEL.match(plain):
        return _Verdict.CLAIM if strong else _Verdict.EDITORIAL  # "In this article: staging, ..."
    if strong:
        return _Verdict.CLAIM  # a figure is questioned even in a cross-reference
    furniture_hint = not page_furniture.SENTENCE_HINTS.isdisjoint(token_set)
    if furniture_hint and page_furniture.is_furniture_sentence(plain):
        return _Verdict.OTHER  # "A short video of the test is available on the training page."
    if _is_site_notice(plain, token_set):
        return _Verdict.EDITORIAL
    if _is_pointer(sentence, plain, tokens, token_set):
        return _Verdict.OTHER  # not a claim, and says nothing of the sentences around it
    words = _VOCABULARY_WORD.findall(_POSSESSIVE.sub("", lower) if "'" in lower or "’" in lower else lower)
    subject = True if editorial_prose.SITE_BODY.match(plain) else _site_subject(words)
    clinical = _clinical_count(plain, words)
    # "This page recommends aspirin from 12 weeks" is the page's own claim, not a cross-reference
    # ("See [Efficacy] for how the comparator affects effect sizes" is one).
    if not _SOURCE_HINTS.isdisjoint(token_set) and _SOURCE_OF_CONTENT.search(plain):
        return _Verdict.CLAIM  # "The thresholds above follow the 2023 national renal guideline": says who, in itself
    if (
        subject is not False
        and _is_navigation(sentence, token_set)
        and not (subject and clinical and _has_medical_effect(plain, tokens))
        and not (clinical and _COMPARISON.search(plain))  # "The doses above are lower than in the US"
    ):
        return _Verdict.EDITORIAL
    if word_count <= 3:
        if not _is_technical(tokens):
            return _Verdict.OTHER
        if not clinical and (editorial_context or subject or not _SITE_WORDS.isdisjoint(words)):
            return _Verdict.OTHER  # "Every statement cited" in a checklist for authors
        if editorial_prose.imperative_verb(plain) in _PRACTICE_VERBS:
            return _Verdict.CLAIM  # "Avoid aspirin."
        return _Verdict.CONTEXT_CLAIM  # "Adult patients only", after a line on whom the page is for
    if _is_page_talk(plain, tokens, clinical=clinical):
        return _Verdict.EDITORIAL
    talk = _site_talk(plain, tokens, words, subject, clinical)
    if talk:
        return _Verdict.EDITORIAL
    if talk is None and editorial_context:
        return _Verdict.EDITORIAL
    if _labels_only(plain, tokens):
        return _Verdict.OTHER  # clinical words only as names of local things: nothing to ask "says who?" of
    return _Verdict.CONTEXT_CLAIM if talk is None else _Verdict.CLAIM


def _labels_only(plain: str, tokens: list[str]) -> bool:
    """The "says who?" test as a positive requirement (`medkb.assertion`): a sentence with no assertion
    signal (an effect, a risk, a comparison, a recommendation, how often or how many, a condition, a
    reason, urgency), whose clinical words all stand in label phrases: local things, contact data and
    schedules, and, in a practical handling imperative, the reader's own things ("Sieve your urine
    through the strainer we give you", "The triage script is printed on the back of the alert card")."""
    handling = assertion.handling_verb(plain) is not None
    if not handling and assertion.LABEL_HINTS.isdisjoint(tokens):
        return False  # nothing to take out: cheap, and most sentences end here
    if (
        editorial_prose.imperative_verb(plain) in _CARE_VERBS
        or _HEDGE.search(plain)
        or _CAUSAL.search(plain)
        or _COMPARISON.search(plain)
        or _has_medical_effect(plain, tokens)
        or _VERDICT_OF_CLINICAL.search(plain)
        or _URGENCY.search(plain)
        or _REASON.search(plain)
        or _DEFINITION.search(plain)
        or _REGIMEN.search(plain)
        or (_ASSERTION_CONDITION.search(plain) and not assertion.trivial_condition(plain))
        or (not handling and not (_FREQUENCY.isdisjoint(tokens) and _QUANTIFIERS.isdisjoint(tokens)))
    ):
        return False
    residue = assertion.label_residue(plain, handling=handling)
    # A sentence naming nothing clinical in our words is a claim by default (the vocabulary is not
    # complete); it is none only when it is about local things.
    return residue != plain and not _clinical_count(residue)


_CARE_VERBS = _PRACTICE_VERBS | frozenset(
    _words(
        """discuss calculate escalate transfuse insert send take use apply drink eat encourage explain
    observe watch record document inform involve exclude suspect think assume expect aim plan"""
    )
)
"""Imperatives of care: "Discuss with the respiratory team", "Calculate the score before ...". (Keeping,
bringing and filing things are `medkb.assertion.HANDLING_VERBS`.)"""
_HEDGE = re.compile(r"(?i)\b(?:can|may|might|could)\ (?!be\ (?:found|reached|contacted|bleeped|collected|printed|ordered|downloaded|booked)\b)(?:not\ |also\ |sometimes\ |still\ )?(?!provide|help\ (?:you|plan)|arrange|show|tell|give\ you)\w+")
"""A hedged statement ("Potassium binders can allow blockade to continue") asserts something; a service
that can provide, arrange or show something does not."""
_REASON = re.compile(
    r"(?i)\b(?:because|since|so\ that|as\ (?:it|they|this|these|the)\b|in\ order\ to|to\ (?:prevent|avoid|reduce|stop|lower|limit|protect))\b"
)
"""A reason given is the page's own statement: "... with food, as they can irritate the stomach"."""
_DEFINITION = re.compile(
    r"(?i)\b(?:is|are)\ (?:(?:a|an|the)\ )?(?:[\w-]+\ ){0,3}?(?:way|ways|means|measure|sign|signs|marker|form|forms|type|types|kind|cause|causes|feature|features|rule|definition)\ (?:of|to|for|that)\b"
)
"""A definition or a characterisation: "The fingertip unit is a practical way to explain how much cream to apply"."""
_REGIMEN = re.compile(
    r"""(?xi)\b(?:taken|given|used|applied)\ (?:[\w-]+\ ){0,3}?(?:every\ day|daily|each\ day|twice|once\ a|at\ night
    |every\ \w+\ hours)\b|\brather\ than\b|\binstead\ of\b"""
)
"""A regimen or a preference: "A non-drowsy antihistamine ... taken every day rather than only when you have
hives"."""
_ASSERTION_CONDITION = re.compile(r"(?i)\b(?:if|unless|whenever|until|in\ case)\b")
"""A condition: when to do something is clinical advice ("Bring the stone in if the pain returns")."""


_INTRO_CRITERION = re.compile(
    r"""(?xi)\b(?:when|if|where|unless|whenever),\ [^,:]{3,80},
    | \b(?:within|after|over|for\ (?:more|longer|less)\ than|in\ the\ first)\ (?:[\w-]+\ ){0,3}?
      (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\ (?:of|after|from|since)\b"""
)
"""A criterion carried by a list introduction itself: a qualifier set off after its condition ("Suspect
anaphylaxis when, within minutes to hours of exposure, a patient has:"), or a time course from a
clinical event ("... within 6 hours of onset:"). "Perform a CT head scan within 1 hour if any of these
are present:" only introduces its list."""


def _intro_purpose_or_sample(plain: str) -> bool:
    """A list introduction that asserts something itself: a purpose on something clinical ("The dose is
    increased every four weeks to limit gastrointestinal effects:"), or the people a study
    counted ("A pooled analysis of individual patient data from 40,138 bleeding patients put it so:")."""
    if _DIGIT.search(plain) and research_prose.SAMPLE_SIZE.search(plain):
        return True
    reason = _REASON.search(plain)
    return reason is not None and _clinical_count(plain[reason.end() :]) > 0


def _about_research(plain: str, tokens: list[str], token_set: set[str]) -> bool:
    """What research found ("Studies ... have repeatedly found that ..."), what a guideline says, or how research behaves, said
    with how often, how many or a comparison ("Retracted articles often go on being cited"): an empirical
    statement in any context, on a page about the site as well."""
    if research_prose.states_finding(plain, token_set) or research_prose.states_guidance(plain, token_set):
        return True
    return research_prose.literature_subject(plain, token_set) and bool(
        not (_TENDENCY.isdisjoint(token_set) and _QUANTIFIERS.isdisjoint(tokens[1:]))
        or _COMPARISON.search(plain)
        or _has_figure(plain)
    )


_TENDENCY = frozenset(
    _words("common commonly uncommon rare rarely frequent frequently often usually typically seldom likely unlikely")
)
"""How often, as a tendency: "always" and "never" said of research are the site's policy ("Retracted
publications are never used to support a statement")."""


def _is_pointer(sentence: str, plain: str, tokens: list[str], words: set[str]) -> bool:
    """A pointer elsewhere (a cross-reference, a place in a series), a referral or booking process,
    or a person and their role: not a claim unless, in its own words, it asserts a clinical effect or
    names a clinical condition ("Refer through the e-referral form if ...")."""
    if not (
        editorial_prose.is_cross_reference(sentence, words)
        or editorial_prose.is_series_navigation(plain, words)
        or editorial_prose.is_admin_process(plain, words)
        or editorial_prose.is_person_entry(plain)
        or editorial_prose.is_table_note(plain, words)
    ):
        return False
    own = _unlink(editorial_prose.outside_links(sentence))
    if _asserts_effect(own, tokens):
        return False
    condition = _CONDITION.search(own)
    return condition is None or not _clinical_count(condition.group("rest"))


def _is_local_aside(plain: str, words: set[str]) -> bool:
    """Local service and process information, a question left to someone's judgement, record-keeping, or
    a tip for an appointment (`medkb.local_logistics`): not a claim unless it asserts an effect or a comparison,
    or, once the local nouns, schedule and contact data are taken out, still names something
    clinical, a figure or urgency ("Contact the diabetes team urgently if the patient is pregnant")."""
    if (
        local_logistics.is_judgement_deferral(plain, words)
        or local_logistics.is_appointment_tip(plain, words)
        or (plain[:1] in "RDNWFLESCrdnwflesc" and local_logistics.is_record_keeping(plain))
        or local_logistics.gives_as_prescribed(plain, words)
    ):
        conditional = _ASSERTION_CONDITION.search(plain) is not None and not assertion.trivial_condition(plain)
        # "Bring your child back to the clinic if the breathing becomes noisy" is safety-netting advice.
        return not (_has_figure(plain) or _CAUSAL.search(plain) or _COMPARISON.search(plain) or conditional)
    rest = local_logistics.logistics_rest(plain, words)
    if rest is None or _CAUSAL.search(plain) or _COMPARISON.search(plain):
        return False
    rest_words = _VOCABULARY_WORD.findall(rest.lower())
    return not (
        _clinical_count(rest, rest_words)
        or _has_figure(rest)
        or _has_medical_effect(rest, rest_words)
        or _URGENCY.search(rest)
    )


_URGENCY = re.compile(
    r"(?i)\b(?:urgent(?:ly)?|immediate(?:ly)?|emergency|same[-\ ]day|straight\ away|right\ away|at\ once|now|promptly|early)\b"
)
"""Urgency is clinical advice: "Call the outreach team immediately" is a recommendation."""


def _asserts_effect(own: str, tokens: list[str]) -> bool:
    """An effect, a harm, a risk, a clinical verdict or a comparison in a unit's own words."""
    return bool(_CAUSAL.search(own) or _COMPARISON.search(own) or _has_medical_effect(own, tokens))


_CONDITION = re.compile(
    r"(?i)\b(?:if|when|unless|whenever|in\ (?:patients|people|anyone|adults|children|women|men)\ with)\b(?P<rest>[^.;]*)"
)
"""A condition and what follows it: "if the patient has red flags"."""


def _is_site_instruction(plain: str, words: set[str]) -> bool:
    """An instruction about writing for the site, contacting a service or where enquiries go, whose
    figures are examples or phone numbers: checked before figures count."""
    if editorial_prose.is_enquiry_routing(plain, words):
        return True
    verb = editorial_prose.imperative_verb(plain)
    if not editorial_prose.is_formatting_instruction(plain, verb, words):
        # Sourcing and contact advice name nothing clinical once their own words are taken out.
        rests = (
            editorial_prose.sourcing_instruction_rest(plain, verb),
            editorial_prose.contact_advice_rest(plain, words),
        )
        if not any(rest is not None and not (_clinical_count(rest) or _has_figure(rest)) for rest in rests):
            return False
    # "Use capital letters for look-alike drug names to reduce selection errors" is a claim.
    return not _EFFECT_VERB.search(editorial_prose.TYPOGRAPHY.sub(" ", plain))


def _is_site_notice(plain: str, words: set[str]) -> bool:
    """Local policy put above the page, a note on who wrote the page, or on when its content holds."""
    return (
        editorial_prose.is_local_policy_deferral(plain, words)
        or editorial_prose.is_authorship_note(plain, words)
        or editorial_prose.is_currency_note(plain, words)
        or (editorial_prose.SCOPE_TAGLINE.match(plain) is not None and not _FINITE_VERB.search(plain))
    )


def _site_talk(
    plain: str, tokens: list[str], words: list[str], subject: bool | None, clinical: int
) -> bool | None:
    """Whether a sentence talks about the site, its pages, people and workings rather than medicine:
    True, False, or None for "only if the text around it does".

    Signs: a site thing or its people as the subject ("Each page shows ...", "We prefer ..."), a
    reader's action on the site ("Type ... into the search box"), a changelog entry ("Fixed broken
    links ..."), or words about the site and none about medicine. A clause that names something
    clinical and says what it does ("This page recommends aspirin ...") stays a claim.
    """
    if clinical and _has_medical_effect(plain, tokens):
        return False
    if not _REPORTED_SPEECH.isdisjoint(tokens):
        return False  # "The draft said it works in everyone.": the statement is repeated, and needs a marker
    if subject:
        return True
    if " for " in plain and _AUDIENCE_LIST.search(plain) and not _FINITE_VERB.search(plain):
        return True  # a tagline: "Short answers to clinical questions for clinicians, students and patients."
    editorial = sum(word in _SITE_WORDS for word in words)
    if editorial and not clinical:
        return True
    if editorial and _READER_NEEDS.search(plain):
        return True  # "For the tutorial you need the principles, not doses."
    if editorial and sum(word in _SITE_WORDS for word in words[1:]) and _SITE_ACTION.match(plain):
        return (
            True  # "Type a drug or symptom into the search box", but not "Search for a source of infection"
        )
    if not _SCOPE_HINTS.isdisjoint(tokens) and _SCOPE_NOTE.search(plain):
        return True
    if editorial and "not" in tokens and _SCOPE_VERB.search(plain):
        return True  # "The knowledge base does not cover veterinary medicine." (but "Amoxicillin does not cover ...")
    if not clinical:
        # "... are common", "... usually settles": how often something happens is a medical statement.
        return None if editorial or _FREQUENCY.isdisjoint(tokens) else False
    return None if editorial >= clinical else False


_READER_NEEDS = re.compile(
    r"(?i)\byou\ (?:will\ )?(?:need|do\ not\ need|don['’]t\ need|will\ not\ need|won['’]t\ need|can\ skip|should\ know)\b"
)
"""The reader told what they need for the course or the page: site talk when the site is named."""
_FREQUENCY = frozenset(
    _words(
        "common commonest commonly uncommon rare rarely frequent frequently often usually typically seldom occasionally always never"
    )
)


def _site_subject(words: list[str]) -> bool | None:
    """True: the sentence opens with a site thing or person as subject; False: it opens with one
    that names something clinical ("Readers with kidney disease", "Each section of the bowel",
    "Revision surgery"); None: neither."""
    if not words:
        return None
    first = words[0]
    if first in _SITE_PRONOUNS:
        return True
    start = 1 if first in _DETERMINERS else 0
    if words[start : start + 2] == ["of", "the"]:
        start += 2  # "None of the authors ..."
    for position in range(start, min(start + 3, len(words))):
        word = words[position]
        if word in _SUBJECT_STOPS:
            return None  # "It is ..."
        if word in _EVIDENCE_MODIFIERS:
            following = words[position + 1 : position + 2]
            if following and following[0] in _CONVENTION_NOUNS:
                return True  # "Drug names follow the BNF."
            return None  # "The study authors ...", "The drug label ..."
        if word in _SITE_NOUNS:
            return _site_noun_subject(words, position)
    return None


def _site_noun_subject(words: list[str], position: int) -> bool | None:
    while position + 1 < len(words) and words[position + 1] in _SITE_NOUNS:
        position += 1  # the head of "search box", "reference list", "version history"
    word = words[position]
    following = words[position + 1 : position + 5]
    exceptions = _NOUN_EXCEPTIONS.get(word, frozenset())
    if following[:1] and following[0] in exceptions or position and words[position - 1] in exceptions:
        return False  # "reference range", "caesarean section"
    if following[:1] and not following[0].endswith("ed") and _clinical_count(following[0]):
        # "revision surgery", "release tablets": the noun names something clinical ("Two reviewers
        # screened the records": a verb, not a compound)
        return False
    if following[:1] and following[0] in _ATTACHING:
        attached = following[1:]
        if _EVIDENCE_MODIFIERS.intersection(attached) or _clinical_count(" ".join(attached)):
            return False  # "Authors of the trial ...", "Readers with kidney disease ...", "Images of the retina ..."
        if _SITE_NOUNS.intersection(attached):
            return True  # "A patient version of this article ..."
    if word in _WEAK_SITE_NOUNS and _clinical_count(" ".join(words)):
        # "Users who stop suddenly may have withdrawal symptoms." (but "Table 1 lists the doses" is still navigation)
        return False if word in _SITE_PEOPLE else None
    return True


_SITE_PEOPLE = frozenset(_words("reader readers user users visitor visitors member members subscribers"))


def _clauses(sentence: str) -> list[str]:
    """A sentence cut at semicolons: "The table is a simplification; atypical presentations are common."."""
    if ";" not in sentence:
        return [sentence]
    return [clause for clause in _CLAUSE_END.split(sentence) if clause.strip()]


_CLAUSE_END = re.compile(r";\s+")
_REPORTED_SPEECH = frozenset(
    _words("said says stated states claimed claims asserted asserts suggested reported attributed quoted")
)
_AUDIENCE = (
    r"(?:[\w-]+\ )?(?:clinicians|doctors|gps|nurses|pharmacists|midwives|students|trainees|patients|carers|caregivers"
    r"|families|parents|readers|professionals|prescribers|practitioners|public|researchers|teachers|everyone)"
)
_AUDIENCE_LIST = re.compile(
    rf"(?i)\bfor\ (?:the\ )?{_AUDIENCE}(?:,\ {_AUDIENCE})*,?\ (?:and|or)\ {_AUDIENCE}\b"
)
"""Who a page is for, as a list: "for clinicians, students, patients and caregivers"."""
_POSSESSIVE = re.compile(r"['’]s\b")


def _is_page_talk(
    plain: str, tokens: list[str] | None = None, *, minimum: int = 1, clinical: int | None = None
) -> bool:
    """More words about pages, readers and editing than about medicine, and no effect verb."""
    if tokens is None:
        tokens = _TOKEN.findall(plain.lower())
    editorial = sum(token in _EDITORIAL_WORDS for token in tokens)
    if editorial < minimum:
        return False
    if clinical is None:
        clinical = _clinical_count(plain)
    if editorial <= clinical or _EFFECT.search(plain):
        return False
    return not _has_number(plain)


def _is_technical(tokens: list[str]) -> bool:
    """Whether a few words say something ("a sore arm", "triglycerides"), not a label ("Key points")."""
    return any(token not in _FILLER_WORDS and not token.isdigit() for token in tokens)


def _has_number(plain: str) -> bool:
    """A number that is not a table, figure or section number, a date or a year."""
    if not _DIGIT.search(plain):
        return False
    return _STANDALONE_NUMBER.search(_NAVIGATION_NUMBER.sub(" ", plain)) is not None


_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_ABBREVIATION_CELL = re.compile(r"^[A-Za-z0-9-]{2,12}$")


def _row_is_claim(row: str, editorial_section: bool = False) -> bool:
    """A table body row states something (its cells read against the header) unless it is
    navigation, an abbreviation and its expansion, holds only filler words, or is a row about the
    site (a long cell about the site, and no figure or claim in any cell)."""
    cells = [_prose(cell) for cell in _CELL_SPLIT.split(row.strip().strip("|"))]
    cells = [cell for cell in cells if _LETTER.search(cell) or _DIGIT.search(cell)]
    if not cells:
        return False
    if _is_link_only(cells[0]):
        rest = _unlink(" ; ".join(cells[1:]))
        return bool(_has_figure(rest) or _EFFECT_VERB.search(rest))
    if len(cells) == 2 and _is_abbreviation(_unlink(cells[0]), _unlink(cells[1])):
        return False
    named = False  # a short cell names something ("Ramipril", "Gain")
    named_clinical = False
    site_row = False
    for cell in cells:
        if _is_link_only(cell):
            continue
        plain = _unlink(cell)
        if _META_LINE.match(plain):
            continue
        if _has_figure(plain):
            return True
        words = _WORD.findall(_NAVIGATION_NUMBER.sub(" ", plain))
        if len(words) <= 3:
            if any(word.lower() not in _FILLER_WORDS and word.lower() not in _SITE_NOUNS for word in words):
                named = True
                named_clinical = named_clinical or _clinical_count(plain) > 0
            continue
        verdicts = [
            _judge(clause, editorial_section)
            for sentence in _sentences(plain)
            for clause in _clauses(sentence)
        ]
        if _Verdict.CLAIM in verdicts or _Verdict.CONTEXT_CLAIM in verdicts:
            return True
        site_row = site_row or _Verdict.EDITORIAL in verdicts
    if site_row:
        return False  # "| 23 Sep | Migraine | Links to the headache diary updated |"
    return named_clinical if editorial_section else named


_FILLER_WORDS = frozenset(
    _words(
        """overview introduction intro background summary contents content references reference bibliography
    sources source glossary appendix index home top back next previous prev more related pages page
    links link resources further reading see also notes note key points point methods results
    discussion conclusion conclusions abstract acknowledgements acknowledgments faq faqs help contact
    about edit print download share yes no n/a na none other others tbd todo draft the a an and or of
    to in on for this that section sections chapter table figure fig box part step version updated
    last reviewed update review status author authors date general miscellaneous details detail
    information info start end continue return menu main tab tabs list lists examples example
    abbreviations definitions terms term at glance quick facts questions answers answer question jump
    skip by topic topics welcome hello thanks thank you we us our how why what who work works team
    editorial policy policies site website"""
    )
)


_ENTRY_MARKS = frozenset(":)")
"""A glossary entry has a colon, a download its "(PDF)": outside furniture, a unit with neither is none."""


def _glossary_gloss_is_claim(gloss: str) -> bool:
    """A gloss states a clinical criterion or an effect ("serum sodium below 135 mmol/L", "organ
    dysfunction caused by a dysregulated host response"), not just what a term or an abbreviation
    means ("direct oral anticoagulant", "a stroke risk score for atrial fibrillation")."""
    plain = _unlink(_prose(gloss))
    return bool(
        _has_figure(plain)
        or _COMPARISON.search(plain)
        or _CAUSAL.search(plain)
        or _EFFECT_VERB.search(plain)
        or _HEDGE.search(plain)
        or page_furniture.GLOSS_ASSERTION.search(plain)
    )


def _is_abbreviation(short: str, long: str) -> bool:
    """`BP | Blood pressure`: an abbreviation and its expansion, which is not a claim."""
    if not _ABBREVIATION_CELL.match(short) or sum(char.isupper() for char in short) < 2:
        return False
    letters = [char.lower() for char in short if char.isalpha()]
    words = [word.lower() for word in _WORD.findall(long)]
    if not words or not letters or words[0][0] != letters[0] or len(words) > 8:
        return False
    haystack = "".join(words)
    position = 0
    for letter in letters:
        position = haystack.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True
