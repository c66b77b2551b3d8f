"""Local service and process information on clinical pages, for the claim rule.

Clinical pages say how things are done *here*: who visits the ward and when, where charts and
kits are kept, which system takes requests, whom to call, who decides. Such sentences name
clinical things ("fluid charts", "the Parkinson's nurse specialists", "CTPA requests") and still
assert nothing a reader could ask "says who?" about. They are told by their shape:

* a local service, team, role, place or document as subject, and a predicate about availability,
  location, schedule, routing, record-keeping or who does what ("The dietitian visits the ward on
  weekday mornings", "Fluid charts are kept on the electronic record", "The triage team reviews
  referrals weekly");
* something kept, stocked or available at a local place ("Block kits are stocked in the resus
  bay"), or done by a local role ("Titration is led by the specialist team");
* an instruction to call, bleep or ask a local role ("Ask the paediatric registrar before
  starting it on the ward"), or to refer or book through a local means ("Refer using the
  electronic referral form");
* a question deferred to someone's judgement ("That is a judgement for the senior clinician on
  shift"), and practical tips for an appointment ("Write your questions down").

`logistics_rest` recognises the shape and returns the words left once the local nouns, the
people and bookings handled, the schedule and contact data are taken out: the caller keeps the
sentence a claim if anything clinical, a figure or an effect is left ("Contact the diabetes team
urgently if the patient is pregnant" keeps "urgently if is pregnant"; "Refer urgently to the stroke
team if symptoms last more than an hour" has no local means and is no logistics at all).
Recommendations with a modal ("The team should include a dietitian") and sentences about how
many patients ("Most patients are reviewed by a specialist within two weeks") are never logistics.
Nothing here knows about MkDocs, units or pages; the clinical vocabulary stays in `medkb.claims`.
"""

from __future__ import annotations

import re

from medkb.editorial_prose import CONTACT_DATA

# ---------------------------------------------------------------------------------------------
# Local nouns: services, teams, roles, places, documents, means, equipment
# ---------------------------------------------------------------------------------------------

_LOCAL_HEAD = r"""(?:
      registrars? | consultants? | nurses? | sisters? | matrons? | pharmacists? | dieti[tc]ians? | physiotherapists?
    | therapists? | clerks? | secretar(?:y|ies) | receptionists? | co-?ordinators? | porters? | doctors? | gps?
    | specialists? | teams? | outreach | staff | surgeons? | anaesthetists? | anesthetists? | microbiologists?
    | radiologists? | haematologists? | midwi(?:fe|ves) | practitioners? | managers? | clinicians?
    | wards? | units? | clinics? | departments? | services? | cent(?:re|er)s? | hubs? | offices? | reception | desks?
    | rooms? | bays? | theatres? | lab(?:orator(?:y|ies)|s)? | pharmacy | switchboard | helplines?
    | (?:advice|phone|telephone|help|booking|referral|direct)\ lines? | referrals? | requests? | bookings?
    | charts? | records? | notes | forms? | leaflets? | booklets? | cards? | letters? | stickers? | posters?
    | bundles? | checklists? | proformas? | systems? | intranet | portal | apps? | voicemail | answerphone
    | badges? | lists? | rotas? | bleeps? | pagers? | extensions? | meters? | kits? | trolleys? | cupboards?
    | fridges? | box(?:es)? | folders? | drawers? | trays?
    )(?:\ (?:on\ call|in\ charge|on\ shift|on\ duty|of\ the\ day))?"""
"""The head of a noun phrase for something local: a role, a service or place, a document or
system, equipment. Its modifiers may be clinical ("the heart failure nurses", "fluid charts")."""
LOCAL_HEAD = _LOCAL_HEAD
"""Public for `medkb.assertion`, which takes local nouns out of any sentence."""

_STOP = r"""(?:is|are|was|were|be|been|has|have|had|with|without|if|when|unless|and|or|to|for|of|on|in|at|by
    |a|an|the|who|which|that|not|no|will|would|can|could|may|might|should|must|before|after|until|within|from)"""
_MODIFIERS = rf"(?:(?!{_STOP}\b)[\w'’-]+\ ){{0,4}}?"
"""Up to four words before the head that are no function words: "our trust's Parkinson's nurse"."""

_DEFINITE = r"(?:the|our|your|their|this|that|each|every|all|any|its|his|her|local)"
_ANY_DETERMINER = rf"(?:{_DEFINITE}|a|an)"

_LOCAL_NP = rf"{_MODIFIERS}{_LOCAL_HEAD}"
_LOCAL_NP_LIST = rf"{_LOCAL_NP}(?:(?:,|\ and|\ or|,\ and|,\ or)\ (?:{_ANY_DETERMINER}\ )?{_LOCAL_NP})*"
"""One or more local noun phrases: "the on-call respiratory consultant and critical care outreach"."""

_PLACE = rf"""(?:{_DEFINITE}\ (?:(?:back|front|top|bottom|inside|side)\ of\ (?:the|your|each|every)\ )?{_LOCAL_NP}
    | (?:[\w-]+\ ){{0,2}}(?:bay|room|ward|bed)\ \d+)"""
"""A local place or document with its determiner, or a numbered bay: "the locked drug cupboard",
"the back of the admission booklet", "resus bay 3"."""

_LOCAL_NOUN_PHRASE = re.compile(
    rf"(?xi)\b(?:{_ANY_DETERMINER}\ |on-call\ )?(?:(?:back|front|top|bottom|inside)\ of\ (?:the|your)\ )?{_LOCAL_NP}\b"
    rf"|\b(?:[\w-]+\ ){{0,2}}(?:bay|room|ward|bed)\ \d+\b"
)

# ---------------------------------------------------------------------------------------------
# What is handled, and when
# ---------------------------------------------------------------------------------------------

_HANDLED = re.compile(
    r"""(?xi)\b(?:(?:the|a|an|every|each|all|any|new|direct|urgent|routine|their|your|our)\ )*
    (?:[\w-]+\ ){0,2}?(?:patients?|admissions?|referrals?|requests?|families|parents|carers|relatives|messages?
      |child|children|infants?|bab(?:y|ies)|adults?|people|women|men
      |enquiries|questions|calls|results|dates?|times?|slots?|appointments?|beds?)\b"""
)
"""People and bookings a service handles: "every patient", "direct GP referrals", "a theatre date".
What the people have ("with DKA") is left for the caller to judge."""

SCHEDULE = re.compile(
    r"""(?xi)\b(?:
      (?:on|at|over|during)\ (?:weekdays?|weekends?|week\ ?days|bank\ holidays)(?:\ (?:mornings?|afternoons?|evenings?))?
    | (?:every|each|most|on)\ (?:(?:week)?day|morning|afternoon|evening|night|shift|week|month|monday|tuesday
        |wednesday|thursday|friday|saturday|sunday|weekday)s?(?:\ (?:morning|afternoon|evening)s?)?
    | (?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?)(?:\ to\ \w+day)?
    | (?:seven|five|7|5)\ days\ a\ week | around\ the\ clock | 24\ hours\ a\ day | 24/7 | round\ the\ clock
    | (?:out\ of|in|office|working|opening)\ hours | overnight | weekly | fortnightly | monthly | daily
    | including\ weekends | at\ (?:handover|night|weekends) | on\ the\ (?:ward|board)\ round
    | (?:within|in)\ (?:one|two|three|five|seven|ten|fourteen|\d+)\ (?:working\ )?(?:days?|hours?|weeks?)
    | (?:the\ )?(?:day|morning|week)\ (?:after|before|of)
    | (?:on|of|after|before|at|from|until|following)\ (?:the\ )?(?:admission|discharge|handover|transfer|arrival
        |referral|the\ request|request)
    | (?:between|from)\ \S+\ (?:and|to|until|till)\ \S+ | (?:until|till|from|by)\ \d\S*
    )\b"""
)
"""When a service works or answers: "on weekday mornings", "8am to 8pm", "within 14 days",
"within one working day of admission", "at handover", "out of hours"."""

_MEANS = re.compile(
    r"""(?xi)\b(?:using|through|via|on|by|with|in|from)\ (?:the\ |a\ |an\ |your\ |our\ )?(?:[\w-]+\ ){0,3}?
    (?:form|system|portal|proforma|intranet|e-?mail|letter|app|list|line|phone|telephone|switchboard|voicemail
    |pathway|template|hub|bleep|pager|extension|website|online|referral)\b"""
)
"""A local means of referring or booking: "using the electronic referral form", "through the order
communications system"."""

# ---------------------------------------------------------------------------------------------
# The shapes
# ---------------------------------------------------------------------------------------------

_LOGISTIC_VERB = r"""(?:
      (?:is|are)\ (?:not\ )?(?:usually\ |normally\ |also\ |only\ |now\ )?(?:open|closed|staffed|available|based|located
        |run|held|kept|stored|stocked|filed|documented|recorded|printed|signed|copied|sent|posted|emailed|faxed|taken
        |accepted|collected|triaged|processed|led|done|made|booked|arranged|covered|answered|completed|displayed
        |pinned|written|updated)
    | (?:will\ |can\ |may\ )?(?:(?:usually|normally|also|only|then|routinely)\ )?(?:opens?|closes?|runs?|visits?
        |attends?|covers?|sees?|takes?|accepts?|reviews?|triages?|repl(?:y|ies)|responds?|signs?|confirms?|phones?
        |calls?|rings?|writes?|sends?|books?|arranges?|holds?|offers?|provides?|answers?|collects?|keeps?|stocks?
        |handles?|processes?|checks?|contacts?|liaises?|organi[sz]es?|co-?ordinates?|does|goes|comes?)
    | (?:can|could)\ be\ (?:reached|contacted|bleeped|paged|called|found|collected|printed|ordered|requested
        |downloaded|booked)
    )"""
_LOCAL_SUBJECT = re.compile(
    rf"""(?xi)^(?:{_ANY_DETERMINER}\ |on-call\ )?{_LOCAL_NP_LIST}\ {_LOGISTIC_VERB}\b"""
)
"""A local service, team, role, place or document as subject, and a logistic predicate: "The
dietitian visits ...", "Fluid charts are kept ...", "The triage team reviews referrals ..."."""

_KEPT_AT_PLACE = re.compile(
    rf"""(?xi)^(?P<subject>(?:[\w'’-]+\ ){{1,6}}?)(?:is|are)\ (?:usually\ |also\ |only\ |now\ )?
    (?:(?:kept|stored|stocked|held|filed|found|located|based|available|displayed|pinned|printed|documented
      |recorded)\ )?(?:[^.;]{{0,60}}?\ )?(?:in|on|at|from|behind|beside|next\ to)\ {_PLACE}\b"""
)
"""Something kept, stocked, recorded or available at a local place or in a local document, whatever
it is: "Nebulised adrenaline is kept in the locked drug cupboard", "Pressure area care is
documented on the SKIN bundle"."""

_DONE_BY_LOCAL = re.compile(
    rf"""(?xi)^(?P<subject>(?:[\w'’-]+\ ){{1,6}}?)(?:is|are)\ (?:usually\ |normally\ |always\ |also\ |only\ )?
    (?:(?:led|done|run|managed|co-?ordinated|carried\ out|provided|delivered|supervised|organi[sz]ed|overseen
      |documented|written|signed|completed|arranged|booked|triaged|made|decided|chosen|copied\ to)\ )?
    (?:by|through|via)\ (?:{_DEFINITE}|on-call)\ {_LOCAL_NP}\b"""
)
"""Who does what: "Titration is led by the specialist team", "Referral is by the GP"."""

_CONTACT_LOCAL = re.compile(
    rf"""(?xi)^(?:(?:out\ of\ hours|in\ hours|at\ night|at\ weekends|first|then|also|please|if\ in\ doubt),?\ )*
    (?:call|phone|ring|bleep|page|contact|ask|inform|tell|notify|alert|leave\ a\ message\ (?:for|with|on))
    \ (?:(?:{_DEFINITE}|on-call)\ )+{_LOCAL_NP_LIST}\b"""
)
"""An instruction to reach a local role or service: "Call the on-call respiratory consultant and
critical care outreach", "Ask the paediatric registrar before ...", "Leave a message on the voicemail"."""

_ROUTE_BY_MEANS = re.compile(
    r"""(?xi)^(?:[^,]{1,40},\ )?(?:please\ )?(?:refer|request|book|order|send|submit|make\ (?:a|the)\ referral)\b"""
)
"""Referring, requesting or booking: logistics only when a local means is named (`_MEANS`)."""

_MODAL = re.compile(r"(?i)\b(?:should|must|ought|need\ to|needs\ to|have\ to|has\ to|shall)\b")
_CONDITION = re.compile(
    r"""(?xi)\b(?:if|when|unless|whenever|in\ case\ of|as\ soon\ as)\b(?!\ (?:in\ doubt|unsure|not\ sure|needed
    |necessary|possible|required|you\ have\ (?:questions|queries)|there\ is\ no\ answer|no\ one\ answers))"""
)
"""A condition: whom to call and when is medicine ("Call the registrar if the child is tiring"). Only
"if in doubt", "if needed" and the like leave a sentence logistics."""
_QUANTIFIED = re.compile(
    r"(?i)^(?:most|many|some|few|half|all|nearly|almost|about|around|over|under|up\ to|at\ least|one\ in|\d)"
)
"""A subject counted ("Most patients are reviewed ..."): a statement about patients, not a service."""

_HINTS = frozenset(
    """registrar registrars consultant consultants nurse nurses sister matron pharmacist pharmacists dietitian
    dietitians dietician physiotherapist physiotherapists therapist therapists clerk clerks secretary
    secretaries receptionist coordinator co-ordinator porter porters doctor doctors gp gps specialist
    specialists team teams outreach staff surgeon surgeons anaesthetist anesthetist microbiologist radiologist
    haematologist midwife midwives practitioner practitioners manager clinician clinicians ward wards unit
    units clinic clinics department departments service services centre centres center hub office offices
    reception desk room rooms bay bays theatre theatres lab labs laboratory pharmacy switchboard helpline chart
    charts record records notes form forms leaflet leaflets booklet booklets card cards letter letters sticker
    stickers poster posters bundle bundles checklist checklists proforma proformas system systems intranet
    portal app apps voicemail answerphone badge badges list lists rota rotas bleep bleeps pager pagers
    extension meter meters kit kits trolley trolleys cupboard cupboards fridge fridges box boxes folder folders
    drawer drawers tray trays line lines referral
    referrals request requests booking bookings""".split()
)


def logistics_rest(plain: str, words: set[str]) -> str | None:
    """If a sentence (plain prose) is local service or process information by its shape, the words
    left once local nouns, the people and bookings handled, the schedule and contact data are taken
    out, for the caller to check for clinical words, figures and effects; None otherwise.

    `words`: the sentence's lower-case words."""
    if _HINTS.isdisjoint(words):
        return None
    text = plain.strip().rstrip(".!")
    rest: str | None = None
    subject = _LOCAL_SUBJECT.match(text)
    if subject:
        rest = text
    else:
        for shape in (_KEPT_AT_PLACE, _DONE_BY_LOCAL):
            found = shape.match(text)
            if found and not _QUANTIFIED.match(found.group("subject")):
                rest = text[found.end("subject") :]  # what is kept or done is not asserted
                break
        else:
            if _CONTACT_LOCAL.match(text) or (_ROUTE_BY_MEANS.match(text) and _MEANS.search(text)):
                rest = text
    if rest is None or _MODAL.search(plain) or _CONDITION.search(plain):
        return None
    for pattern in (CONTACT_DATA, SCHEDULE, _MEANS, _LOCAL_NOUN_PHRASE, _HANDLED):
        rest = pattern.sub(" ", rest)
    return rest


# ---------------------------------------------------------------------------------------------
# Deferrals and practical tips
# ---------------------------------------------------------------------------------------------

_DEFERRAL = re.compile(
    r"""(?xi)^(?:that|this|it|these|those|the\ (?:choice|decision|timing|threshold)(?:\ [\w-]+){0,3}
      |whether\ [^,;]{1,80}?|when\ to\ [^,;]{1,60}?|how\ (?:much|long|far|soon)\ [^,;]{1,60}?)
    \ (?:is|are|remains?)\ (?:(?:a|an)\ )?(?:(?:matter|judg(?:e)?ment|decision|call|question)\ (?:for|of)
      |for|left\ to|up\ to|at\ the\ discretion\ of)
    \ (?:the\ |your\ |a\ |an\ |local\ )?(?:[\w'’-]+\ ){0,3}?(?:clinicians?|teams?|consultants?|registrars?|doctors?
      |prescribers?|specialists?|surgeons?|seniors?|judg(?:e)?ment|discretion|nurses?|midwi(?:fe|ves)|gps?
      |physicians?|anaesthetists?|pharmacists?)
    (?:\ (?:on\ call|on\ shift|on\ duty|in\ charge|to\ (?:decide|make|judge|agree|weigh)))?\W*$"""
)
"""A question handed to someone's judgement: "That is a judgement for the senior clinician on shift",
"Whether to stop the infusion overnight is a decision for the consultant on call". Nothing may follow
the person: a reason given ("..., as bleeding risk is higher") is the page's own statement."""

_DEFERRAL_HINTS = frozenset("judgement judgment decision matter call question discretion for up left".split())


_LOCAL_ADVICE = re.compile(
    r"""(?xi)^(?:your|the)\ (?:local\ )?(?:[\w-]+\ ){0,3}?(?:team|service|unit|department|laboratory|lab|pharmacy
      |pharmacist|microbiologist|virologist|consultant|specialist|midwife|nurse|gp)
    \ (?:will|can|should|may)\ (?:advise|tell\ you|decide|confirm|say|help\ you\ decide)
    (?:\ (?:you|on|about|when|whether|if|how)\b[^.;]{0,80})?\W*$"""
)
"""A question handed to a local team: "Your local infection prevention team will advise when isolation can
end". Nothing may follow: a reason or a figure is the page's own statement."""


def is_judgement_deferral(plain: str, words: set[str]) -> bool:
    plain = plain.strip()
    if not _DEFERRAL_HINTS.isdisjoint(words) and _DEFERRAL.match(plain) is not None:
        return True
    return ("advise" in words or "decide" in words or "confirm" in words) and _LOCAL_ADVICE.match(plain) is not None


AS_PRESCRIBED = re.compile(
    r"""(?xi)\bas\ (?:prescribed|charted|written)(?:\ on\ the\ (?:drug\ |medication\ )?(?:chart|kardex|record))?\b
    | \bthe\ dose\ (?:written|prescribed)\ on\ the\ (?:drug\ |medication\ )?chart\b"""
)
"""A medicine given as the prescriber wrote it ("Give the first-line as-required antiemetic as prescribed",
"always give the dose written on the drug chart"): carrying out a prescription, not advice on what to give."""


def gives_as_prescribed(plain: str, words: set[str]) -> bool:
    return ("prescribed" in words or "charted" in words or "written" in words) and AS_PRESCRIBED.search(plain) is not None


_RECORD_STEP = re.compile(
    r"""(?xi)^(?:and\ |then\ )?(?:record|document|note\ down|write\ down|file|log|enter|scan|upload|send\ a\ copy
    |copy|confirm\ the\ (?:date|time|details|name)s?)\b"""
)
"""An imperative of record-keeping: "Record the agreed plan ... and send a copy to the prescriber", "Document
the result and the plan in the maternity record"."""


def is_record_keeping(plain: str) -> bool:
    """An imperative sentence that opens by keeping records (what is written down, where, who gets a copy)
    and names no step of care ("and give antipyretics"), test ("Record a 12-lead ECG"), schedule or rule
    ("every 4 hours", "Record every vaccine in the national register"): those make it clinical advice."""
    return _CARE_OR_SCHEDULE.search(plain) is None and _RECORD_STEP.match(plain.strip()) is not None


_CARE_OR_SCHEDULE = re.compile(
    r"""(?xi)\b(?:give|start|stop|check|measure|monitor|refer|prescribe|offer|treat|test|take|use|avoid|administer
    |repeat|increase|reduce|titrate|withhold|admit|discharge|daily|hourly|weekly|times|until|if|unless|every|ecg|ecgs
    |electrocardiogram)\b"""
)


_APPOINTMENT_TIP = re.compile(
    r"""(?xi)^(?:(?:write|note|jot)\ (?:[\w'’-]+\ ){0,6}?down\b | (?:write|note|jot)\ down\b
    | bring\ [^.;]{1,80}?\ to\ (?:the|your|every|each|all)\ (?:next\ )?(?:[\w-]+\ )?(?:appointments?
      |clinics?|visits?|consultations?|reviews?|sessions?)\b
    | (?:make|keep)\ a\ list\ of\ (?:your\ )?questions\b)"""
)
"""A practical tip for the reader's appointment: "Write your questions down and bring them to the
appointment". Only addressed to the reader ("you", "your")."""


def is_appointment_tip(plain: str, words: set[str]) -> bool:
    return ("you" in words or "your" in words) and _APPOINTMENT_TIP.match(plain.strip()) is not None
