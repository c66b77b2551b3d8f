"""The "says who?" test as a positive requirement, for the claim rule.

Five rounds of blind pages showed the rule learning the kinds of non-claim prose it had seen (where
charts are kept, who visits the ward, audience lines) and missing the next kinds. What those kinds
share is that clinical words stand in them only as *labels*: of a local service, team, place or
document ("the acute oncology alert card", "the sepsis grab bags on the resus trolley"), of an
audience ("for emergency department and medical admissions teams"), or of something handled
("sieve your urine through the strainer", "bring the card to your appointment"). Nothing is asserted
about the clinical world, so there is nothing a source could support.

The principle, as code: a sentence asserts something clinical when it holds a figure or an assertion
signal (an effect, a risk, a comparison, a recommendation, how often, a condition, urgency; the caller
knows those) or when, once its label phrases are taken out (`label_residue`), something clinical is
still named. This module knows the label phrases and the practical handling imperatives; the clinical
vocabulary and the assertion signals stay in `medkb.claims`. Nothing here knows about MkDocs or units.
"""

from __future__ import annotations

import re

from medkb.editorial_prose import CONTACT_DATA
from medkb.local_logistics import LOCAL_HEAD, SCHEDULE

# ---------------------------------------------------------------------------------------------
# Label phrases: nouns for local things, whatever clinical words modify them
# ---------------------------------------------------------------------------------------------

_LABEL_HEAD = rf"""(?:{LOCAL_HEAD}
    | documents? | stations? | shelf | shelves | drives? | whiteboards? | noticeboards? | counters? | lockers? | cabinets?
    | files? | sheets? | logs? | scripts? | tools? | packs? | bags? | strainers? | handbooks? | manuals?
    | homepages? | minutes | slides | printouts? | templates? | grand\ rounds? | meetings? | handovers?
    | smartcards? | passwords? | logins? | keys? | lanyards? | passports? | wristbands?)"""
"""The head of a noun phrase for a local thing: a role, service, place, document, tool or piece of
equipment (`medkb.local_logistics`), and furniture of the workplace and its paperwork."""

_STOP = r"""(?:is|are|was|were|be|been|has|have|had|with|without|if|when|unless|and|or|to|for|of|on|in|at|by
    |a|an|the|who|which|that|not|no|will|would|can|could|may|might|should|must|before|after|until|within|from
    |than|more|less|because|so|as|can't|don't|do|does)"""

LABEL_PHRASE = re.compile(
    rf"""(?xi)\b(?:(?:the|our|your|their|this|that|each|every|all|any|its|local|a|an)\ |on-call\ )?
    (?:(?:back|front|top|bottom|inside|side)\ (?:drawer\ )?of\ (?:the|your|each|every)\ )?
    (?:(?!{_STOP}\b)[\w'’-]+\ ){{0,4}}?{_LABEL_HEAD}\b(?![-'’])"""
)
"""A local thing with up to four modifiers, clinical or not: "the acute oncology alert card", "the
laminated landmark card", "the orange folder in resus". A head word that begins a compound is none
("counter-clockwise flutter")."""

_AUDIENCE_NOUN = r"""(?:teams?|staff|doctors?|nurses?|registrars?|consultants?|clinicians?|trainees?|students?
    |practitioners?|pharmacists?|midwi(?:fe|ves)|therapists?|physiotherapists?|paramedics?|surgeons?|gps?|readers?
    |professionals?|prescribers?|physicians?|colleagues|residents?|fellows?|units?|services?|departments?|wards?)"""
AUDIENCE_LIST = re.compile(
    rf"""(?xi)\b(?:(?!{_STOP}\b)[\w'’-]+\ ){{0,4}}?{_AUDIENCE_NOUN}
    (?:(?:,|\ and|\ or|,\ and|,\ or)\ (?:(?!{_STOP}\b)[\w'’-]+\ ){{0,4}}?{_AUDIENCE_NOUN})*\b"""
)
"""Readers named by their work: "foundation doctors, emergency nurses, orthopaedic and orthogeriatric
teams". Used only on an audience line, where the clinical words name who reads."""

AUDIENCE_LINE = re.compile(
    r"""(?xi)^(?:for | who\ is\ (?:this|it)\ (?:page\ |article\ |guide\ |guideline\ |leaflet\ )?for
    | who\ (?:this|the)\ (?:[\w-]+\ )?is\ for | who\ should\ (?:read|use)\ (?:this|it)(?:\ [\w-]+)?
    | (?:intended|target)\ (?:audience|readers(?:hip)?|users) | readers | audience | for\ whom)\s*[:?]\s*"""
)
"""A line opening with who the page is for: "For: acute oncology ... teams", "Who is this for? ...",
"Intended readers: ...", "Who should read this: ..."."""

SCOPE_LINE = re.compile(
    r"""(?xi)^(?:this|the)\ (?:[\w-]+\ ){0,2}?(?:page|article|guideline|guidance|leaflet|section|chapter|protocol
    |summary|guide|handbook|pathway|document|topic|procedure|policy)
    \ (?:covers|is\ about|is\ for|applies\ to|deals\ with|describes|is\ not\ about|does\ not\ cover
      |is\ written\ for|is\ meant\ for|is\ intended\ for|sets\ out|explains)\b"""
)
"""A line saying what the page covers or whom it applies to: "This article covers classical and crusted
scabies in adults and children", "This guideline applies to adults on medical wards". It names the
page's subject, and asserts nothing about it; a figure, an effect or a recommendation in it still
counts (the caller checks)."""

# ---------------------------------------------------------------------------------------------
# Practical handling: what to do with things, not what they do
# ---------------------------------------------------------------------------------------------

HANDLING_VERBS = frozenset(
    """keep bring print file collect fetch carry store put hand sit hold choose tick pick sieve strain wash
    clean label pack write note jot show ask tell read find leave lay place set switch plug open close
    fold wrap charge photograph photocopy scan post""".split()
)
"""Verbs of handling things and people in everyday practice: an imperative with one of these asserts
nothing clinical unless a figure, a reason, a condition or an effect comes with it ("Sieve your urine
through the strainer we give you"; but "Keep the child upright, as lying flat worsens stridor")."""

_POSSESSED = re.compile(r"(?i)\b(?:your|their|his|her)\ (?:[\w'’-]+\ ){0,2}?[\w'’-]+\b")
"""A thing of the reader's, or of their charge: "your urine", "your child", "their wristband"."""

_IMPERATIVE = re.compile(r"(?i)^(?:(?:please|then|also|first|now|always),?\ )?(?P<verb>[a-z]+)\b")


_EVERY_HANDLED = re.compile(
    r"(?i)\b(?:every|each|all|any)\ (?:new\ |other\ )?(?:patients?|prescriptions?|referrals?|requests?|admissions?|results?)\b"
)
"""What a service handles, every one of them: "every new prescription", "that every patient carries"."""

_TRIVIAL_CONDITION = re.compile(
    r"""(?xi)\b(?:if|unless|in\ case)\ (?:[\w'’-]+\ ){0,5}?(?:is|are|gets?|goes|runs?)\ (?:missing|empty|lost|full|closed
    |busy|unavailable|out\ of\ stock|not\ (?:there|available|answering)|engaged)\b
    | \b(?:if|unless)\ (?:in\ doubt|unsure|needed|necessary|possible|required|no\ one\ answers)\b"""
)
"""A condition on a local thing, not on the patient: "if the folder is missing", "if in doubt"."""


def trivial_condition(plain: str) -> bool:
    """Whether a sentence's conditions are all about local things (`_TRIVIAL_CONDITION`)."""
    return _TRIVIAL_CONDITION.search(plain) is not None


def handling_verb(plain: str) -> str | None:
    """The verb of a sentence that opens as an imperative of handling ("Sieve ...", "Please bring ..."),
    or None."""
    match = _IMPERATIVE.match(plain.strip())
    if match is None:
        return None
    verb = match.group("verb").lower()
    return verb if verb in HANDLING_VERBS else None


LABEL_HINTS = frozenset(
    """registrar registrars consultant consultants nurse nurses sister matron pharmacist pharmacists dietitian
    dietitians dietician physiotherapist physiotherapists therapist therapists clerk clerks secretary secretaries
    receptionist coordinator porter porters doctor doctors gp gps specialist specialists team teams outreach staff
    surgeon surgeons anaesthetist microbiologist radiologist haematologist midwife midwives practitioner
    practitioners manager clinician clinicians ward wards unit units clinic clinics department departments service
    services centre centres center hub office offices reception desk room rooms bay bays theatre theatres lab labs
    laboratory pharmacy switchboard helpline chart charts record records notes form forms leaflet leaflets booklet
    booklets card cards letter letters sticker stickers poster posters bundle bundles checklist checklists proforma
    proformas system systems intranet portal app apps voicemail answerphone badge badges list lists rota rotas bleep
    bleeps pager pagers extension meter meters kit kits trolley trolleys cupboard cupboards fridge fridges box boxes
    folder folders drawer drawers tray trays line lines referral referrals request requests booking bookings
    document documents station stations shelf shelves drive drives whiteboard whiteboards noticeboard counter
    counters locker lockers cabinet cabinets file files sheet sheets log logs script scripts tool tools pack packs
    bag bags strainer strainers handbook handbooks manual manuals homepage minutes slides printout printouts
    template templates round rounds meeting meetings handover handovers smartcard smartcards password passwords
    login logins key keys lanyard lanyards passport passports wristband wristbands every each all any
    monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays saturday saturdays
    sunday sundays weekday weekdays weekend weekends hours overnight weekly daily monthly am pm""".split()
)
"""Words that a label phrase or a handled object needs: a sentence without one has nothing to take out."""


def label_residue(plain: str, *, handling: bool = False, audience: bool = False) -> str:
    """A sentence without its label phrases: local things, contact data and schedules; with
    `audience`, the readers named; with `handling`, the reader's own things ("your urine")."""
    rest = CONTACT_DATA.sub(" ", plain) if any(char.isdigit() for char in plain) else plain
    rest = SCHEDULE.sub(" ", rest)
    rest = LABEL_PHRASE.sub(" ", rest)
    rest = _EVERY_HANDLED.sub(" ", rest)
    if audience:
        rest = AUDIENCE_LIST.sub(" ", rest)
    if handling:
        rest = _POSSESSED.sub(" ", rest)
    return rest
