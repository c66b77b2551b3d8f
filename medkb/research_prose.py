"""Statements about research itself, for the claim rule: findings, methods and corrections.

Round 7's blind pages (an evidence-summary article) missed claims of kinds the rule had not met, because
their words are the site's words or no clinical words at all: what studies found ("Studies of online
health information have repeatedly found that many pages cite no sources"), how research behaves
("Retracted articles often go on being cited"), how a trial was done or analysed ("The figures come
from the treatment-policy estimand, which counts everyone randomised", "The trial relied on the
clinician's diagnosis"), and the corrected fact in a correction notice ("An earlier version gave the
follow-up as 18 months. The median follow-up was three years.").

Each is a claim a reader can ask "says who?" of, whatever the page is about. This module only knows
the shapes (plain text in, no units, no MkDocs); `medkb.claims` decides what they weigh. Every check is
gated by a cheap word lookup (`*_HINTS`), since most sentences have none of these words.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------
# Findings: a research noun as subject, a finding verb
# ---------------------------------------------------------------------------------------------

_RESEARCH_SUBJECT = r"""(?:studies|trials|research|evidence|data|(?:meta-)?analyses|surveys|audits|cohorts
    |(?:systematic|cochrane|umbrella|narrative|scoping)\ reviews?|(?:meta-)?analysis
    |(?:the|a|one|this|that|each|an?\ \w+|[\w-]+)\ (?:study|trial|audit|survey|cohort))"""
FINDING_HINTS = frozenset(
    """found showed shown show suggest suggests suggested concluded demonstrated confirmed reported indicate
    indicates indicated""".split()
)
FINDING = re.compile(
    rf"""(?xi)(?<!\bwhat\ )(?<!\bwhat\ the\ )(?<!\bhow\ )(?<!\bhow\ the\ )(?<!\bwhether\ )(?<!\bwhether\ the\ )
    \b{_RESEARCH_SUBJECT}\b
    (?:\ (?:of|in|from|on|with|among|into|since|over)\ [^.;:,()"“”]{{0,60}}?)?
    \ (?:(?:have|has|had|consistently|repeatedly|also|now|since|so\ far|generally|mostly)\ ){{0,2}}
    (?:found|showed|shown|show|suggest|suggests|suggested|concluded|demonstrated|confirmed|reported
    |indicate|indicates|indicated)\b"""
)
"""What research found: "Studies of online health information have repeatedly found that ...",
"A Danish cohort reported ...", "Evidence suggests ...". Not a finding asked about or announced ("This
page collects what the trials show", "whether the studies found ..."). The research noun stands as the subject: a
"trial report" or a "reader reports" is none, and a site's own review ("The review found two broken
links") is not research unless it is a systematic or Cochrane review."""

_LITERATURE_HINTS = frozenset(
    """papers journals studies trials preprints publications retracted published peer-reviewed research""".split()
)
_LITERATURE_SUBJECT = re.compile(
    r"""(?xi)^\W*(?:(?:the|most|many|some|few|all|such|these|those|other)\ )?
    (?:(?:(?:published|retracted|peer-reviewed|scientific|medical|research|journal|industry-funded|negative
      |positive|small|large|observational|randomi[sz]ed|clinical)\ ){0,2}
      (?:papers|journals|studies|trials|preprints|publications)
    | (?:retracted|published|peer-reviewed|scientific|research|journal)\ (?:articles|reports|reviews)
    | (?:further|more|future|new)\ (?:research|studies|trials)\ (?:is|are)\ (?:very\ )?(?:un)?likely\ to)\b"""
)
"""Research literature as a sentence's subject ("Retracted articles ...", "Most published trials ..."), or
what further research is likely to do (GRADE's definitions of certainty); the caller asks for how often,
how many, how likely or a comparison in what follows."""


def states_finding(plain: str, tokens: set[str]) -> bool:
    """What research found, in any context: strong evidence of a claim."""
    if FINDING_HINTS.isdisjoint(tokens):
        return False
    return FINDING.search(plain) is not None


GUIDANCE_HINTS = frozenset("recommends recommended advises advised favours favoured prefers preferred made".split())
GUIDANCE_STATEMENT = re.compile(
    r"""(?xi)\b(?:guidelines?|guidance|update|consensus|statement|[A-Z]{2,}(?:/[A-Z]{2,})?)
    \ (?:now\ |also\ |currently\ |still\ )?(?:recommends?|recommended|advises?|advised|favours?|favoured|prefers?
      |preferred|made\ [\w\ /-]{1,40}?\ the\ (?:preferred|first-line|recommended|standard))\b"""
)
"""What a guideline says, told in passing: "... revised in 2021 after the IDSA/SHEA update made fidaxomicin
the preferred treatment". A claim in any context, as a finding is."""


def states_guidance(plain: str, tokens: set[str]) -> bool:
    return not GUIDANCE_HINTS.isdisjoint(tokens) and GUIDANCE_STATEMENT.search(plain) is not None


def literature_subject(plain: str, tokens: set[str]) -> bool:
    """Whether a sentence is about research literature in general ("Retracted articles often go on
    being cited"): with how often or how many, an empirical statement about research."""
    if _LITERATURE_HINTS.isdisjoint(tokens):
        return False
    return _LITERATURE_SUBJECT.match(plain) is not None


# ---------------------------------------------------------------------------------------------
# Methods: how a study was done or analysed
# ---------------------------------------------------------------------------------------------

METHOD_HINTS = frozenset(
    """estimand estimands intention-to-treat per-protocol randomised randomized randomisation randomization
    relied rested depended enrolled recruited measured defined counted pooled blinded masked lasted followed
    adjusted stratified analysed analyzed excluded included""".split()
)
_METHOD_TERM = re.compile(
    r"""(?xi)\b(?!(?:which|what|an?|the|its|their|each|this|that|every|any|one)\b)[\w-]+\ estimands?\b
    | \bintention-to-treat\b|\bper-protocol\b
    | \b(?:were|was|been|being|everyone|everybody|patients|participants|people|women|men|children|adults|all|who)
      \ (?:(?:then|also|not|first|subsequently)\ )?randomi[sz]ed\b
    | \brandomi[sz]ed\ (?:\d|to\b|between\b|in\ a\ \d|(?:[\d,]+\ )?(?:patients|participants|people|women|men|children|adults))
    | \brandomi[sz]ation\ (?:was|were|used|by|with|in)\b"""
)
"""Terms of how a trial was analysed or allocated: a named estimand ("the treatment-policy estimand"; not
"which estimand it uses"), "everyone randomised",
"randomised 7,062 patients". "A randomised controlled trial", the name of a kind of study, is none."""
_METHOD_STUDY = re.compile(
    r"""(?xi)\b(?:trials?|stud(?:y|ies)|(?:meta-)?analys[ie]s|cohorts?|audits?|surveys?)\b
    (?:\ (?!and\b|or\b|but\b)[\w'’-]+){0,3}?
    \ (?:(?:was|were|had|has|have|only|also|all|not|then)\ ){0,2}
    (?:relied|rested|depended|enrolled|recruited|measured|defined|counted|pooled|blinded|masked|lasted
      |followed|adjusted|stratified|analy[sz]ed|excluded|included|randomi[sz]ed)\b"""
)
"""A study as subject and a verb of method: "The treatment trial below relied on the clinician's
diagnosis", "The trial enrolled ...", "Both studies excluded ..."."""


def states_method(plain: str, tokens: set[str]) -> bool:
    """How a study was done or analysed: a claim about the study, checkable against its report."""
    if METHOD_HINTS.isdisjoint(tokens):
        return False
    return _METHOD_TERM.search(plain) is not None or _METHOD_STUDY.search(plain) is not None


SAMPLE_SIZE = re.compile(
    r"(?i)\b\d{1,3}(?:,\d{3})*\ (?:[a-z-]+\ ){0,2}(?:patients|participants|people|adults|children|women|men|infants|babies|subjects)\b"
)
"""How many people a study counted, in a list introduction: "individual patient data from 40,138
bleeding patients"."""


# ---------------------------------------------------------------------------------------------
# Correction notices: the withdrawn statement, and the corrected fact
# ---------------------------------------------------------------------------------------------

WITHDRAWN_HINTS = frozenset("""earlier previous first original former older""".split())
WITHDRAWN_NOUNS = ("version", "edition", "draft", "text", "wording")
"""Substrings a withdrawn statement holds: a cheap test before its words are looked up."""
WITHDRAWN = re.compile(
    r"""(?xi)\b(?:earlier|previous|first|original|former|older)\ (?:version|versions|edition|draft|text|wording)\b
    (?:\ of\ (?:this|the|our)\ (?:page|article|section|chapter|entry|box|table|answer|summary))?
    (?:\ (?:here|online|above|below|wrongly|incorrectly|mistakenly|also))?
    \ (?:said|stated|gave|listed|described|claimed|reported|quoted|put|read|called|recommended
      |included|advised|suggested|showed|named)\b"""
)
"""A sentence recounting what an earlier version said ("An earlier version of this page gave the
follow-up as 18 months", "The previous version listed ... as an adverse event"): the withdrawn
statement. The sentences around it state the correction ("The median follow-up was three years")."""
REASON_CLAUSE = re.compile(r"(?i)\b(?:because|since|as)\ (?=(?:the|a|an|this|these|it|they|its|their)\b)")
"""Where the reason for a correction starts: "We have removed it because the perceptual changes are ..."."""


def is_withdrawn_statement(plain: str, tokens: set[str]) -> bool:
    if WITHDRAWN_HINTS.isdisjoint(tokens):
        return False
    return WITHDRAWN.search(plain) is not None


def reason_of(plain: str) -> str | None:
    """The reason a sentence gives ("... because the changes are the intended effect"), if any."""
    match = REASON_CLAUSE.search(plain)
    return plain[match.end() :] if match else None
