"""Editorial and site prose recognised by the shape of the sentence, for the claim rule.

`medkb.claims` tells medicine from site talk mostly by vocabulary. Some kinds of site text name
clinical things or quote figures and still assert nothing a reader could ask "says who?" about:

* instructions to authors about formatting ("Write doses as "500 mg", with a space") and about
  sources ("Prefer systematic reviews and national guidelines");
* contact and emergency-service advice ("In an emergency, call 999"), and where enquiries go;
* deferral to local policy ("Your trust's microbiology advice takes precedence");
* authorship notes ("A GP and a nephrologist wrote the first version");
* currency notes ("Vaccination schedules change every year", "correct as of January 2025");
* contents boxes ("In this article: staging, treatment and referral");
* correction notices, which repeat a withdrawn statement in order to retract it;
* cross-references however worded ("The choice is discussed drug by drug on the [... page]") and
  places in a series ("You are reading part 2 of 3 ...");
* referral and booking processes ("Use the electronic referral form and choose ..."), contact
  data, people named with their roles, and the site's own voice ("We aim to ...").

Each recogniser looks at one sentence of plain prose (markup removed) and its set of lower-case
words, tried first against a few hint words: most sentences hold none, and the claim rule must
stay fast. Where a recogniser only
knows the shape, it returns the words left once the site phrases are taken out, and the caller
decides with its clinical vocabulary whether anything clinical is left. Nothing here knows about
MkDocs or about units and pages.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------
# Instructions to authors
# ---------------------------------------------------------------------------------------------

_IMPERATIVE_LEAD = re.compile(
    r"""(?xi)^(?:(?:please|always|never|also|then|instead|do\ not|don['’]t|and)[,]?\ )*
    (?P<verb>[a-z]+)\b"""
)
"""The first word of a sentence after "Please", "Always", "Do not" and the like."""

_WRITING_VERBS = frozenset(
    """write spell give use put express round abbreviate capitalise capitalize italicise italicize
    hyphenate format quote number separate start begin end keep avoid prefer add insert leave place mark
    label bold indent list cite link state show report present enter type include""".split()
)
TYPOGRAPHY = re.compile(
    r"""(?xi)\b(?:
      lower[-\ ]?case | upper[-\ ]?case | capital\ letters? | capitals | capitali[sz]ed | italics? | bold\ type
    | full\ stops? | commas? | colons? | semicolons? | (?:en|em)\ dash(?:es)? | dash(?:es)? | hyphens? | hyphenated
    | trailing\ zeros? | leading\ zeros? | decimal\ (?:places?|points?) | significant\ figures | brackets | parenthes[ie]s
    | quotation\ marks | quote\ marks | apostrophes? | abbreviations? | acronyms?
    | spell(?:ed|t)?\ out\ (?:the\ |all\ )?(?:numbers?|abbreviations?|acronyms?|units?|words?|names?|terms?|"|“)
    | in\ (?:words|figures|numerals|digits) | numerals | digits | running\ text | headings? | sentences?
    | paragraphs? | bullet\ points? | bullets | markdown | plain\ english | spellings? | punctuation
    | footnotes? | superscripts? | (?:with|without|no)\ (?:a\ )?spaces? | spaces?\ (?:before|after)
    | spaces?\ between\ (?:the\ )?(?:number|value|figure|digits?) | 24-hour\ clock | date\ format
    | symbols? | formatting | per\ cent\ sign | percent\ sign
    )\b | %\ sign"""
)
"""Words about how text is written: "lower case", "an en dash", "trailing zeros", "with a space"."""


def imperative_verb(plain: str) -> str:
    """The verb a sentence opens with, lower-cased, if it could be an imperative; "" otherwise."""
    lead = _IMPERATIVE_LEAD.match(plain)
    return lead.group("verb").lower() if lead else ""


_TYPOGRAPHY_HINTS = frozenset(
    """case capital capitals capitalised capitalized italic italics bold stop stops comma commas colon colons
    semicolon semicolons dash dashes hyphen hyphens hyphenated zero zeros decimal significant brackets
    parentheses parenthesis quotation quote apostrophe apostrophes abbreviation abbreviations acronym
    acronyms spell spelled spelt words figures numerals digits running heading headings sentence sentences
    paragraph paragraphs bullet bullets markdown plain spelling spellings punctuation footnote footnotes
    superscript superscripts space spaces clock format symbol symbols formatting sign""".split()
)


def is_formatting_instruction(plain: str, verb: str, words: set[str]) -> bool:
    """An imperative about how to write ("Write doses as "500 mg", with a space"; "Give ranges with
    an en dash: 2–4 weeks"). Its figures are examples of notation, not statements.
    `verb`: the sentence's `imperative_verb`; `words`: its lower-case words."""
    return (
        verb in _WRITING_VERBS
        and not _TYPOGRAPHY_HINTS.isdisjoint(words)
        and TYPOGRAPHY.search(plain) is not None
    )


_SOURCING_VERBS = frozenset(
    """cite prefer quote reference link read check choose rely use avoid follow consult search look find
    add include record list give""".split()
)
_EVIDENCE_WORDS = re.compile(
    r"""(?xi)\b(?:
      systematic\ reviews? | cochrane(?:\ reviews?)? | meta-analys[ie]s | (?:randomi[sz]ed\ )?(?:controlled\ )?trials?
    | stud(?:y|ies) | reviews? | guidelines? | guidance | cohorts? | observational | publications? | papers?
    | abstracts? | textbooks? | sources? | evidence | journals? | preprints? | reports?
    | nice | sign | who | cdc | uspstf | bnf | smpc | fda | ema | mhra
    )\b"""
)
"""Kinds of evidence and publication: what a sourcing instruction is about."""


def sourcing_instruction_rest(plain: str, verb: str) -> str | None:
    """An imperative about which sources to use ("Prefer systematic reviews and national guidelines";
    "Cite the original publication rather than a textbook"): the words left once the kinds of
    evidence are taken out, for the caller to check for clinical words. None if not of that shape."""
    if verb not in _SOURCING_VERBS or not _EVIDENCE_WORDS.search(plain):
        return None
    return _EVIDENCE_WORDS.sub(" ", plain)


# ---------------------------------------------------------------------------------------------
# Contact and emergency-service advice, and where enquiries go
# ---------------------------------------------------------------------------------------------

_SERVICE = r"""
    (?:an?\ |the\ |your\ |their\ )?(?:own\ |nearest\ |local\ |usual\ |regular\ |registered\ )*
    (?:999|911|112|111|000|nhs\ 111|ambulance|emergency\ services|(?:local\ )?emergency\ number
      |emergency\ (?:department|room)|a\s*&\s*e|urgent\ care(?:\ (?:centre|center))?
      |(?:walk-in|out-of-hours)\ (?:centre|center|service) |gp|doctor|pharmacist|pharmacy|practice(?:\ nurse|\ manager)?
      |nurse|midwife|health\ visitor|hospital|health\ ?care\ professional|health\ professional|care\ team
      |clinician|medical\ (?:help|advice|attention))\b"""
_CONTACT = re.compile(
    rf"""(?xi)\b(?:call|dial|phone|ring|contact|see|ask|speak\ to|talk\ to|go\ to|visit|get|seek|attend)
    \ (?:to\ )?{_SERVICE}(?:\ (?:or|and)\ (?:(?:call|dial|phone|ring|contact|see|ask|speak\ to|talk\ to|go\ to|visit)\ )?{_SERVICE})*
    | \b(?:urgent|immediate|emergency)\ (?:medical\ )?(?:help|advice|attention|care)\b"""
)
"""Telling the reader to contact a service: "call 999", "go to the nearest emergency department"."""
_GENERIC_CONDITION = re.compile(
    r"""(?xi)\b(?:
      (?:in\ an?|in\ the\ event\ of\ an?|for\ an?)\ (?:medical\ )?emergency | (?:medical\ )?emergenc(?:y|ies)
    | if\ in\ doubt | for\ urgent\ (?:medical\ )?(?:help|advice)
    | if\ you\ (?:think|feel)\ (?:that\ )?you\ (?:are\ having|have|may\ have|might\ have)\ an?\ (?:medical\ )?emergency
    | if\ you\ are\ (?:worried|concerned|unsure|not\ sure|anxious)(?:\ about\ (?:this|anything))?
    | (?:about|with)\ your\ (?:own\ )?(?:symptoms|health|treatment|medicines?|medication|condition|care)
    | personal\ medical\ questions? | immediately | right\ away | straight\ away | at\ once | urgently
    | please | you\ (?:should|can|must|may) | or | and
    )\b"""
)
"""Conditions that name nothing particular: "In an emergency", "If you are worried about your symptoms"."""
_LEFT_CONDITION = re.compile(r"(?i)\b(?:if|when|unless|whenever|after|before|within)\b")


_CONTACT_HINTS = frozenset(
    """call dial phone ring contact see ask speak talk go visit get seek attend urgent immediate emergency""".split()
)


def contact_advice_rest(plain: str, words: set[str]) -> str | None:
    """Advice to contact a service under no particular condition ("In an emergency, call 999 or go
    to the nearest emergency department"): the words left once the service and generic conditions
    are taken out, for the caller to check for clinical words. None if not of that shape, or if
    a particular condition is left ("Call 999 if the person collapses" is first-aid advice)."""
    if _CONTACT_HINTS.isdisjoint(words) or not _CONTACT.search(plain):
        return None
    rest = _GENERIC_CONDITION.sub(" ", _CONTACT.sub(" ", plain))
    if _LEFT_CONDITION.search(rest):
        return None
    return rest


_ENQUIRIES = r"(?:questions|enquiries|inquiries|queries|complaints|comments|requests|correspondence|feedback|corrections|suggestions|messages)"
_ENQUIRY_ROUTING = re.compile(
    rf"""(?xi)^(?:[\w'’-]+\ ){{0,2}}?{_ENQUIRIES}\b[^.;]{{0,80}}?\b(?:(?:should|can|may|must|will|are\ to)
    \ (?:be\ )?(?:go|sent|directed|addressed|emailed|made|forwarded|passed|raised)\ (?:only\ )?(?:to|via|through|with)
    | (?:go|are\ (?:sent|directed|handled|answered|forwarded))\ (?:only\ )?(?:to|by|via|through))\b
    | ^(?:please\ )?(?:send|direct|address|email|e-mail|forward|post|submit|raise)\ (?:your\ |any\ |all\ )?(?:[\w-]+\ )?{_ENQUIRIES}\b"""
)
"""Where enquiries go: "Questions about local services should go to your practice manager"."""


_ENQUIRY_HINTS = frozenset(_ENQUIRIES.strip("(?:)").split("|"))


def is_enquiry_routing(plain: str, words: set[str]) -> bool:
    return not _ENQUIRY_HINTS.isdisjoint(words) and _ENQUIRY_ROUTING.match(plain) is not None


# ---------------------------------------------------------------------------------------------
# Local policy, authorship, currency and correction notices
# ---------------------------------------------------------------------------------------------

_LOCAL_BODY = r"""(?:local|your\ (?:own\ )?(?:trust|hospital|organi[sz]ation|practice|unit|department|health\ board|board
    |area|region|employer)['’]?s?|(?:the\ )?(?:trust|hospital|regional|departmental|unit|practice)['’]?s?)"""
_POLICY = r"(?:guidelines?|guidance|policy|policies|protocols?|formular(?:y|ies)|advice|pathways?|procedures?|rules)"
_LOCAL_POLICY = re.compile(
    rf"""(?xi)\b{_LOCAL_BODY}\ (?:[\w-]+\ ){{0,2}}?{_POLICY}\b[^.;]{{0,40}}?
        \b(?:takes?\ precedence|overrides?|supersedes?|comes?\ first|should\ be\ followed|prevails?|applies\ instead)\b"""
)
"""Local policy put above the page: "Your trust's microbiology advice takes precedence". (An
instruction to follow local policy, "Use the local antimicrobial guideline", is a recommendation.)"""


_LOCAL_POLICY_HINTS = frozenset(
    "precedence override overrides supersede supersedes first followed prevail prevails instead".split()
)


def is_local_policy_deferral(plain: str, words: set[str]) -> bool:
    return not _LOCAL_POLICY_HINTS.isdisjoint(words) and _LOCAL_POLICY.search(plain) is not None


_SITE_OBJECT = r"""(?:version|versions|draft|drafts|page|pages|article|articles|sections?|editions?|text|revisions?
    |chapters?|entry|entries|summary|summaries|update|guide|site|website|wording|content|tables?|handout|leaflet
    |criteria|algorithm|flowchart|images|photographs|illustrations|diagrams)"""
_AUTHORSHIP = re.compile(
    rf"""(?xi)
      \b(?:wrote|drafted|edited|reviewed|revised|updated|checked|proofread|proof-read|translated|compiled
        |illustrated|rewrote|redrafted|co-wrote|co-authored|authored|maintains?|maintained|signed\ off
        |contributed|supplied)
        \ (?:(?:and|or)\ [\w-]+\ )?(?:the|this|these|that|our|each|every|its|all)\ (?:[\w-]+\ ){{0,2}}?{_SITE_OBJECT}\b
    | ^(?:[\w'’-]+\ ){{0,4}}?(?:{_SITE_OBJECT}|statements?|figures?|references|sources|citations|doses)
        \ (?:was\ |were\ |is\ |are\ |has\ been\ |have\ been\ )?(?:written|drafted|edited|reviewed|revised
        |checked|updated|approved|verified|proofread|signed\ off|compiled|maintained)(?:\ and\ [\w-]+)?\ by\b"""
)
"""Who wrote or checked the page: "A GP and a nephrologist wrote the first version", "Dose table
reviewed by a pharmacist". A clinical object ("reviewed the patient") is not a page."""


_AUTHORSHIP_HINTS = frozenset(
    """wrote drafted edited reviewed revised updated checked proofread proof translated compiled illustrated
    rewrote redrafted co authored maintain maintains maintained signed written approved verified contributed
    supplied""".split()
)


def is_authorship_note(plain: str, words: set[str]) -> bool:
    return not _AUTHORSHIP_HINTS.isdisjoint(words) and _AUTHORSHIP.search(plain) is not None


_CURRENCY = re.compile(
    r"""(?xi)
      \b(?:schedules?|guidelines?|guidance|recommendations?|advice|formular(?:y|ies)|prices?|costs?|lists?
        |tables?|programmes?|programs?|licen[cs]es?|licensing|availability|policies|policy|links?|information)
        \ (?:change|changes|are\ (?:updated|revised|reviewed|changed)|is\ (?:updated|revised|reviewed|changed)
          |get\ updated)
        \ (?:every|each|once|at\ least|regularly|often|frequently|annually|yearly|quickly|over\ time
          |without\ notice|from\ time\ to\ time)\b
    | \b(?:may|can|might|will|could)\ (?:have\ )?(?:changed?|been\ updated)\ since\b
    | \b(?:is|are|was|were)\ (?:correct|current|accurate|up\ to\ date)\ (?:as\ of|at\ the\ time\ of|at|on|in)\b"""
)
"""When the content holds: "Vaccination schedules change every year", "correct as of January 2025"."""


_CURRENCY_HINTS = frozenset("change changes changed updated revised reviewed correct current accurate".split())


def is_currency_note(plain: str, words: set[str]) -> bool:
    return not _CURRENCY_HINTS.isdisjoint(words) and _CURRENCY.search(plain) is not None


REVIEW_STATUS = re.compile(
    r"""(?xi)\b(?:submitted|sent|returned|put\ forward)\ for\ (?:peer\ |editorial\ |panel\ )?review\b
    | ^(?:it|this\ (?:page|section|article|answer|summary|entry)|the\ (?:page|section|article|answer|draft))
      \ (?:is|was|has\ been|remains)\ (?:currently\ |still\ )?(?:under|awaiting|in)\ (?:peer\ |editorial\ )?review\b
    | ^(?:(?:second|first|new|another)\ )?(?:reviewers?|section\ editors?)\ (?:assigned|appointed|added)\b
    | ^(?:(?:this\ (?:page|section|article)|it)\ (?:was|has\ been)\ )?(?:approved|signed\ off|(?:peer[-\ ])?reviewed
      |checked)\ (?:on|in)\ (?:\d{1,2}\ )?(?:\w+\ )?\d{4}\b(?:\ (?:after\ review\ )?by\b|\W*$)"""
)
"""Where a page stands in its review: "It was submitted for review on 19 May 2025 and has not yet been
approved", "This section is under review", "Second reviewer assigned". A licence under review by a
regulator is no page's status: the subject is the page, or the review is one pages are sent for."""
_REVIEW_STATUS_HINTS = frozenset("review reviewer reviewers editor editors approved reviewed checked signed".split())


def is_review_status(plain: str, words: set[str]) -> bool:
    return not _REVIEW_STATUS_HINTS.isdisjoint(words) and REVIEW_STATUS.search(plain) is not None


EDIT_REQUEST = re.compile(
    r"""(?xi)^(?:please|could\ you|can\ you|could\ the\ authors?|can\ the\ authors?|the\ authors?\ should)
    \ (?:also\ )?(?:add|include|cite|clarify|expand|update|mention|explain|rephrase|reword|remove|correct|give|state
      |say|check|discuss|report|consider\ adding|provide)\b(?!\ that\b)"""
)
"""A reviewer's request to the authors ("Please add the cohort data on mortality before and after the
change"): it names what to add, and asserts nothing of it. "Please add that ..." quotes a statement."""
_EDIT_REQUEST_HINTS = frozenset("please could can authors author".split())


def is_edit_request(plain: str, words: set[str]) -> bool:
    return not _EDIT_REQUEST_HINTS.isdisjoint(words) and EDIT_REQUEST.match(plain) is not None


RETRACTION = re.compile(
    r"""(?xi)\b(?:statement|sentence|claim|figure|paragraph|text|wording|passage|line)s?\b[^.]{0,60}
    \b(?:was|were|has\ been|have\ been)\ (?:removed|deleted|dropped|reworded|rewritten|moved|replaced
    |corrected|withdrawn|could\ not\ be\ (?:sourced|verified|confirmed|traced))\b
    |\b(?:could|can)\ not\ be\ (?:sourced|verified|confirmed|traced)\b
    |\bno\ source\ (?:could\ be\ found|was\ found|supports)\b"""
)
"""A statement withdrawn or found unsourced: "No source supports this, and the sentence has been removed"."""
RETRACTION_HINTS = frozenset(
    """removed deleted dropped reworded rewritten moved replaced corrected withdrawn sourced verified
    confirmed traced source""".split()
)


# ---------------------------------------------------------------------------------------------
# Contents boxes, site bodies, pseudo-headings
# ---------------------------------------------------------------------------------------------

CONTENTS_LABEL = re.compile(
    r"""(?xi)^(?:
      contents | table\ of\ contents | in\ this\ (?:article|page|section|chapter|guide|topic)
    | on\ this\ page | this\ (?:page|article|section|guide|chapter)\ (?:covers|includes|contains)
    | what(?:['’]s|\ is)\ (?:covered|included|inside|in\ this\ \w+) | topics(?:\ covered)? | covered\ here
    | sections | jump\ to | quick\ links
    )\s*(?::|$)"""
)
"""A contents box title or label: "In this article", "On this page:", "This page covers:"."""


def is_contents_title(title: str) -> bool:
    return CONTENTS_LABEL.match(title.strip(" \"'*_")) is not None


SITE_BODY = re.compile(
    r"""(?xi)^(?:the\ |our\ |this\ site['’]s\ |an?\ )?(?:editorial|advisory|steering|editorial\ (?:and|&)\ advisory)
    \ (?:board|team|office|committee|group|panel|staff|leads?|members?)\b
    | ^(?:our|the\ site['’]s)\ (?:board|team|editors?|authors?|reviewers?|volunteers|contributors|members|staff)\b"""
)
"""The site's own people as subject: "The editorial board has nine members", "Our reviewers ..."."""

PSEUDO_HEADING = re.compile(r"^(?::[\w-]+:\s*)*(?P<mark>\*\*|__)(?P<text>[^*_\n]{1,60})(?P=mark)\s*$")
"""A unit that is one short bold phrase, maybe after an icon: a heading in disguise ("**Time matters**")."""


# ---------------------------------------------------------------------------------------------
# Cross-references and series navigation
# ---------------------------------------------------------------------------------------------

CROSS_REFERENCE = re.compile(
    r"""(?xi)
      \b(?:is|are|was|were|be|been)\ (?:also\ |then\ |fully\ |briefly\ |further\ )?
        (?:covered|discussed|described|explained|dealt\ with|detailed|summari[sz]ed|set\ out|listed|considered
          |addressed|outlined|treated|handled|explored|reviewed|shown|presented|linked)
        \b[^.;:§]{0,40}?\b(?:in|on|under|at|from|via)\ (?:the\ |our\ |a\ |its\ own\ |their\ own\ |separate\ )?
        (?:[\w-]+\ ){0,3}?(?:§|(?:page|pages|section|sections|chapter|article|leaflet|guide|handbook|appendix|report
          |reports|intranet|website|document)\b)
    | ^(?:for\ [^,§]{1,60},\ )?(?:please\ )?(?:read|see|consult|look\ at|refer\ to|go\ to)\ (?:also\ )?
        (?:the\ |our\ |this\ |a\ )?(?:[\w-]+\ ){0,4}?(?:§|(?:page|pages|section|leaflet|guide|article|chapter
        |handbook)\b)
    | ^read\ this\ (?:page\ |section\ |article\ )?(?:with|alongside|together\ with|after|before|first)\b
    | ^(?:readers|those|anyone|clinicians|you|people)\ (?:looking\ for|interested\ in|who\ want|wanting|seeking)
        \ [^.;]{1,80}?\ (?:should|can|may|will\ want\ to|need\ to)\ (?:also\ )?(?:go\ to|see|read|consult|look\ at
        |turn\ to|refer\ to)\ (?:the\ |our\ |this\ |a\ )?(?:[\w-]+\ ){0,4}?(?:§[^¶]*¶\W*$|(?:§[^¶]*¶\ )?(?:page|pages
        |section|leaflet|guide|article|chapter|handbook)\b)
    | ^(?:[\w'’-]+\ ){1,8}?(?:is|are|can\ be\ found|sits?|lives?)\ (?:also\ )?(?:on|in)
        \ (?:the|our|a|its\ own|a\ separate)\ (?:[\w-]+\ ){0,3}?(?:page|pages|website|library|gallery|atlas)\b
    """
)
"""A pointer to another page, however many words stand between the verb and the link: "The choice
is discussed drug by drug on the [antiseizure drugs page]", "For dietary advice, read our patient
leaflet on [eating well]", "Read this with [Stable COPD]". Links are marked §text¶. What the
pointer says about medicine (an effect, a figure) is the caller's to check."""

_PART = r"(?:part|section|chapter|module|unit|page|volume|episode|lesson|instalment)"
_ORDINAL = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|[ivx]+)"
SERIES_NAVIGATION = re.compile(
    rf"""(?xi)
      ^(?:you\ are\ (?:now\ )?(?:reading|viewing|on|looking\ at)|this\ is)\ (?:{_PART}\b|the\ (?:first|second|third
        |fourth|fifth|sixth|last|final|next|\d+(?:st|nd|rd|th))\b)
    | ^(?:the\ )?{_PART}\ {_ORDINAL}(?:\ of\ (?:the\ |this\ )?[\w'’-]+(?:\ series)?)?(?:\ \([^)]*\))?
        \ (?:covers|covered|deals\ with|dealt\ with|describes|described|discusses|discussed|explains|is\ about
          |looks\ at|focuses\ on|introduces|will\ cover|turns\ to|moves\ on\ to)\b
    | \b{_PART}\ {_ORDINAL}\ of\ {_ORDINAL}\b
    | \b(?:first|second|third|fourth|fifth|last|final)\ (?:of\ {_ORDINAL}\ (?:pages|parts|articles|chapters)
        |(?:page|part|article|chapter)\ (?:in|of)\ (?:a|the|this|our)\ series)\b
    | ^(?:this|the)\ (?:page|article|section)\ is\ (?:one|part)\ of\ (?:a|the|our)\ (?:set|series|group)\b
    | ^the\ (?:next|previous|last|following|first|second|third|other)(?:\ (?:one|page|part|article))?
        \ (?:is\ about|covers|deals\ with|describes|looks\ at)\b
    """
)
"""Where a page stands in a series: "You are reading part 2 of 3 ...", "Part 1 covers falls",
"Part 3 of this series describes urate-lowering therapy"."""

_SERIES_HINTS = frozenset(
    """part section chapter module unit page volume episode lesson instalment reading viewing first second
    third fourth fifth last final next previous following""".split()
)


def is_series_navigation(plain: str, words: set[str]) -> bool:
    return not _SERIES_HINTS.isdisjoint(words) and SERIES_NAVIGATION.search(plain) is not None


_CROSS_REFERENCE_HINTS = frozenset(
    """covered discussed described explained dealt detailed summarised summarized set listed considered
    addressed outlined treated handled explored reviewed shown presented linked read see consult look refer
    go page pages website library gallery atlas""".split()
)


def is_cross_reference(sentence: str, words: set[str]) -> bool:
    """`sentence`: links marked §text¶; `words`: its lower-case words."""
    return not _CROSS_REFERENCE_HINTS.isdisjoint(words) and CROSS_REFERENCE.search(sentence) is not None


def outside_links(sentence: str) -> str:
    """A sentence without the text of its links (marked §text¶): what it says in its own words."""
    return re.sub(r"§[^¶]*¶", " ", sentence) if "§" in sentence else sentence


# ---------------------------------------------------------------------------------------------
# How things are done: referral and booking processes, contact details, people and their roles
# ---------------------------------------------------------------------------------------------

ADMIN_MEANS = re.compile(
    r"""(?xi)\b(?:
      (?:referral|request|booking|consent|online|electronic|web|paper|contact|feedback|order)\ forms? | forms?\ on
    | intranet | portal | booking\ (?:line|office|team|system|service) | bleep | pager | extension | switchboard
    | secretar(?:y|ies) | receptionists? | administrators? | admin\ team | (?:phone|telephone|fax|pager)\ numbers?
    | email\ address | e-?mail | e-?referrals? | referral\ (?:system|letter|hub|portal|template|pathway\ form)
    | drop-?down | tick\ ?box | nhs\ number | hospital\ number | appointment\ (?:letter|system|line|slot)
    | letter | fax | hub | website | the\ form
    )\b"""
)
"""How a process is carried out: forms, booking lines, bleeps, secretaries, letters."""
_ADMIN_ACTION = re.compile(
    r"""(?xi)
      ^(?:[^,]{1,40},\ )?(?:please\ )?(?:complete|fill\ (?:in|out)|attach|tick|choose|select|phone|telephone|call
        |ring|e-?mail|book|send|post|fax|upload|submit|log\ in|use|give|quote|enter|ask)\b
    | \b(?:will|to)\ (?:phone|call|ring|write\ to|send|book|contact|email|arrange|page|bleep)\b
    | \bcan\ be\ (?:reached|contacted|bleeped|paged|called)\b | \b(?:is|are)\ available\ (?:on|via|at|through)\b
    | \b(?:is|are)\ (?:made|sent|booked|submitted|done|arranged|requested|handled|processed)\ (?:through|via|using|on|by)\b
    """
)
_SELF_EVIDENT_ADMIN = re.compile(r"(?i)(?:^|\band\ )(?:please\ )?(?:attach|upload|fax|scan\ and\ attach)\b")
"""Imperatives that are paperwork whatever their object: "... and attach the last two culture results"."""
"""The process as the sentence's predicate: an imperative ("Complete the referral form ...", "To
book ..., phone ..."), what someone will do ("The secretary will phone ..."), how to reach them,
how a referral is made. "Ask for the witness's phone number" names a means, but says something else."""
_ADMIN_HINTS = frozenset(
    """form forms intranet portal booking bleep pager extension switchboard secretary secretaries receptionist
    receptionists administrator administrators admin phone telephone fax email mail referral referrals
    dropdown drop tick number appointment letter hub website switchboard e""".split()
)


def is_admin_process(plain: str, words: set[str]) -> bool:
    """How to refer, book or reach someone ("Use the electronic referral form and choose ...", "The
    clinic secretary will phone the patient with a date", "The team can be reached on bleep 4412").
    Whom to refer and when is medicine: the caller keeps a sentence with a clinical condition."""
    if ("attach" in words or "upload" in words or "fax" in words) and _SELF_EVIDENT_ADMIN.search(plain):
        return True
    return (
        not _ADMIN_HINTS.isdisjoint(words)
        and _ADMIN_ACTION.search(plain) is not None
        and ADMIN_MEANS.search(plain) is not None
    )


CONTACT_DATA = re.compile(
    r"""(?xi)
      (?:\+\d{1,3}[\s-]?)?\(?0\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\b      # a phone number
    | \b(?:bleep|pager|extension|ext\.?)\s*\d{3,6}\b
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                                        # an email address
    | \b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b | \b\d{1,2}[:.]\d{2}\b        # a time of day
    | \b\d+\s+working\ days?\b
    | \b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b                             # a postcode
    """
)
"""Contact data, whose digits are no figure: phone numbers, bleeps, emails, times, postcodes."""


PERSON_ENTRY = re.compile(
    r"""(?x)^(?:
      (?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx|Sir|Dame|Rev)\.?\ (?:[A-Z][\w'’.-]*\ ?){1,4}
    | (?:[A-Z][\w'’-]+\ ){1,3}(?:RN|RGN|MD|PhD|FRCP|FRCS|MRCP|MRCGP|FRCGP|MPharm|MBBS|BSc|MSc|DPhil)\b[\w ,]*?
    )\s*(?:,|–|—|\ -\ |:|\()"""
)
"""A person named with a title or post-nominals and then their role: "Dr Amira Haddad, editor-in-chief,
consultant in acute medicine", "Jo Bell RN, nurse editor"."""


def is_person_entry(plain: str) -> bool:
    return PERSON_ENTRY.match(plain) is not None


# ---------------------------------------------------------------------------------------------
# Voice: who speaks and to whom
# ---------------------------------------------------------------------------------------------

_SITE_VOICE = re.compile(
    r"""(?xi)^(?:
      (?:we|our|us|i)\b
    | (?:if\ |when\ |once\ |before\ |after\ |as\ )?(?:you|your)\b
    | (?:please\ )?(?:send|email|e-mail|write\ to|tell\ us|let\ us|contact\ us|click|tap|select|choose|use\ the
        |complete|fill\ in|sign\ up|subscribe|unsubscribe|download|print|read\ (?:it|them|this|these)|do\ not\ send
        |include\ the|cite|quote|add\ the|run\ the|check\ (?:your|the\ (?:page|date|box)))\b
    )"""
)
"""The site speaking or speaking to its reader: "We aim to ...", "You should be able to ...",
"Do not send patient-identifiable details", "Email the editorial office"."""


def is_site_voice(plain: str) -> bool:
    """A sentence in the voice of the site or addressed to its reader about using it."""
    return _SITE_VOICE.match(plain) is not None or SITE_BODY.match(plain) is not None


# ---------------------------------------------------------------------------------------------
# Who a page is for; pointers to its tables and notes on them
# ---------------------------------------------------------------------------------------------

AUDIENCE_LABEL = re.compile(
    r"""(?xi)^(?:who\ (?:this|the)\ (?:page|article|guide|section|summary|chapter)\ is\ (?:for|written\ for|aimed\ at)
    | who\ should\ (?:read|use)\ (?:this|it)(?:\ (?:page|article|guide|section))? | who\ is\ (?:this|it)\ for
    | (?:intended|target)\ (?:audience|readers(?:hip)?|users) | audience | for\ whom)\s*[:?—–-]"""
)
"""A label saying who the page is for: "Who this page is for: general practitioners, ...",
"Intended audience: GPs and practice nurses". What follows is a list of readers."""

SCOPE_TAGLINE = re.compile(
    r"""(?xi)^(?:an?|this|the)\ (?:[\w-]+\ ){0,3}?(?:guide|summary|overview|introduction|primer|handbook|reference
    |resource|toolkit|page|article|walk-?through|refresher)\ (?:for|to\ help|aimed\ at|written\ for)\b"""
)
"""A page's tagline: "A practical guide for clinicians seeing infants with bronchiolitis ...", "A short
summary for prescribers ...". A tagline has no finite verb: the caller checks with its verb list."""

TABLE_POINTER = re.compile(
    r"""(?xi)^(?:(?:the\ )?(?:table|figure|fig\.?|box|chart|flowchart|algorithm|appendix|panel)\s*[\dA-Z]{1,3}[a-z]?
    | the\ (?:[\w-]+\ ){0,2}?(?:table|figure|box|chart|flowchart|algorithm)(?:\ (?:below|above))?)
    \ (?:gives|lists|shows|sets\ out|summari[sz]es|contains|provides|presents|details|outlines|tabulates|includes)
    \ (?!that\b|how\b|whether\b|why\b|which\b)
    | ^(?:the\ )?(?:[\w-]+\ ){0,2}?(?:results?|findings|figures|outcomes|data|details|numbers)(?:\ of\ [^.;:]{1,60}?)?
      \ (?:are|is)\ (?:shown\ |given\ |summari[sz]ed\ |listed\ |set\ out\ |tabulated\ )?in\ (?:the\ )?
      (?:table|figure|box|chart)(?:\ [\dA-Z]{1,3})?(?:\ (?:below|above))?\W*$"""
)
"""A pointer to a table or figure, whatever it quotes from it: "Table 2 gives the intramuscular doses of
adrenaline 1 mg/mL (1:1000)", "The main results of the trial are in the table below". "Figure 2 shows
that ..." reports a finding and is no pointer."""

_TABLE_POINTER_HINTS = frozenset("table figure fig box chart flowchart algorithm appendix panel".split())


def is_table_pointer(plain: str, words: set[str]) -> bool:
    return not _TABLE_POINTER_HINTS.isdisjoint(words) and TABLE_POINTER.match(plain) is not None


TABLE_NOTE = re.compile(
    r"""(?xi)^(?:the\ )?(?:[\w-]+\ ){0,2}?(?:recommendations?|advice|doses?|dosages?|values?|figures?|numbers?|criteria
      |thresholds?|scores?|targets?|ranges?|regimens?|options?|drugs?|medicines?|information|data|entries|rows?
      |colou?rs?|features?|items?|steps?)(?:\ of\ [\w\ -]{1,30}?)?
    \ (?:in|on|from|of)\ (?:the|this|these)\ (?:[\w-]+\ ){0,2}?(?:table|tables|box|figure|chart|flowchart|algorithm
      |list|calculator)(?:\ (?:above|below))?
    \ (?:is|are|follows?|come\ from|comes\ from|were\ taken\ from|are\ taken\ from|is\ taken\ from|reflects?
      |match(?:es)?|apply|applies|were|was)\b
    | ^(?:the\ )?(?:recommendations?|advice|doses?|values?|information|guidance|content)\ (?:on|in)\ this
      \ (?:page|section|article)\ (?:follows?|comes?\ from|is\ based\ on|are\ based\ on|reflects?|match(?:es)?)\b"""
)
"""A note on a table's contents, where they come from or whom they apply to: "The recommendations in the
table follow the national guideline", "Doses in the table are starting doses only". The caller keeps
notes with a figure, an effect or a comparison ("The doses in the table are halved in renal failure")."""

_TABLE_NOTE_HINTS = frozenset("table tables box figure chart flowchart algorithm list calculator page section article".split())


def is_table_note(plain: str, words: set[str]) -> bool:
    return not _TABLE_NOTE_HINTS.isdisjoint(words) and TABLE_NOTE.match(plain) is not None


# ---------------------------------------------------------------------------------------------
# List introductions whose items are learning objectives, not statements
# ---------------------------------------------------------------------------------------------

OBJECTIVES_INTRO = re.compile(
    r"""(?xi)^(?:
      (?:by\ the\ end\ of\ (?:this|the)\ [\w\ -]{1,30},?\ )?(?:you|learners|students|trainees)
      \ (?:should|will|must)\ (?:be\ able\ to|know\ how\ to|understand|learn)?\ *:
    | (?:after|having\ read)\ (?:this|the)\ [\w\ -]{1,30},?\ you\ (?:should|will)\ (?:be\ able\ to)?\ *:
    )$"""
)
"""A list introduction whose items are things a learner will be able to do: "By the end of the tutorial
you should be able to:". Its items ("state the diagnostic criteria for ...") name what will be learnt;
they assert only what they say themselves (a figure, an effect). ("Ask about:" is not one: what to ask
about is a recommendation, and its items are claims.)"""


def is_objectives_intro(plain: str) -> bool:
    return plain.endswith(":") and OBJECTIVES_INTRO.match(plain) is not None
