"""How well the claim rule does on a labelled corpus of clinical and site pages (tests/data/claims).

Each `x.md` has a `x.labels` file: one line per unit the rule yields, `LINE claim|nonclaim`, where
LINE is the unit's last line. Claims in the corpus are mostly left uncited on purpose, so the
classifier has to find them. The pages fall into sets by when they were written:

* the first pages (`antibiotics.md` ... `statins.md`), which the rule was first tuned on, and
  `round2_*.md`, written in the second round (site pages such as help and changelog pages, and
  clinical pages on new topics) before the rule was changed, then tuned on.
* `heldout_*.md`: written after the first round of tuning; held out in rounds one and two.
* `heldout2_*.md`: written in the second round together with `round2_*.md`, before the rule was
  changed; which pages were held out was drawn at random (per kind of page). Held out in round two.
* `r3_*.md`: written for the third round apart from the rule's tuning; held out in round three,
  measured once, then tuned on in round four.
* `r4_*.md`: written for the fourth round by someone else, apart from the rule and outside the
  repository; held out in round four, measured once, then tuned on in round five.
* `r5_*.md`: written for the fifth round the same way; held out, measured once (figures below), then
  tuned on in round six.
* `r6_*.md`: written for the sixth round the same way; held out, measured once (figures below), then
  tuned on in round seven.
* `r7_*.md`: written for the seventh round the same way; held out, measured once (figures below), then
  tuned on in round eight.
* `r8_*.md`: written after round eight the same way (five clinical section pages of evidence
  summaries, one site page); held out, measured once (figures below), then tuned on in round nine.
* `r9_*.md`, `r10_*.md`, `r11_*.md`: written for the ninth round the same way, each set by a different
  writer (six clinical pages in six genres, two site pages); each measured once when it arrived (figures
  below), then tuned on, in that order.
* `r12_*.md`: written at the same time as `r11_*` by yet another writer; measured once before and once
  after the tuning on `r11_*` (figures below), never tuned on or read while tuning: held out.
* `r13_*.md`: written after the last tuning by a fifth writer, measured once: held out.

In the third round every page but `r3_*` became a tuning page: all of them had been measured. In
the fourth round `r3_*` became one too, in the fifth `r4_*`, in the sixth `r5_*`, in the seventh
`r6_*`, in the eighth `r7_*`, and in the ninth `r8_*`, `r9_*`, `r10_*` and `r11_*`. `r12_*` and
`r13_*` are the held-out sets.

The rule as it stood before the second round, measured on all second-round pages: claim recall
99.4% (160/161), non-claim flagged 39.8% (49/123). That is the figure for text the rule had not
seen, and the reason for the second round. After it, measured once on `heldout2_*`: recall 100%
(63/63), non-claim flagged 13.6% (8/59), against 47.5% (28/59) before. Its misses were read only
after that measurement: instructions to authors that quote doses ("Write doses as '500 mg'"), a
"call 999" disclaimer, a contents box, a checklist item. The next round of tuning needs new
held-out pages, written before the rule changes.

Third round (issue 3), before it: recall 100% on every set; non-claim flagged 1.5% (1/68) on
the first pages, 1.6% (1/64) on `round2_`, 5.5% (6/110) on `heldout_`, 13.6% (8/59) on
`heldout2_`, 5.3% (16/301) on the whole corpus. The rule learnt kinds of site prose
(`medkb.editorial_prose`): instructions to authors on formatting and sources, contact and
emergency-service advice, local policy put above the page, authorship and currency notes,
contents boxes, correction notices, bold pseudo-headings. After it, with all those pages now
tuning pages: recall 100% (692/692), non-claim flagged 0.3% (1/301); left flagged: a slogan
in a block quote ("Every contact is an opportunity."). `r3_*` measures it on unseen text.

Round 3, measured once on `r3_*` before this round: recall 100% (141/141), non-claim flagged
23.1% (33/143): 6/41 on clinical pages, 27/102 on site pages (accessibility, privacy, contact and
editorial board, a style guide, how evidence is rated). Its misses were cross-references, a
contents line, series navigation, a referral process, contact and people tables, the site's own
grading table, formatting examples. Word lists fitted to each would not carry over, so the fourth
round (issue 3) taught the rule kinds and contexts instead (`medkb.page_context`,
`medkb.editorial_prose`): a page, section, box or table about the site asks for strong clinical
evidence (a clinical term with an effect, a risk, a figure, a comparison or a recommendation)
before a unit is flagged; right-and-wrong notation tables and example boxes there are specimens;
cross-references however worded, places in a series, referral and booking processes, and people
with their roles are not claims unless they assert a clinical effect. After it, with `r3_*` a
tuning set: recall 100% (833/833); non-claim flagged 0.0% (0/143) on `r3_*`, 0.2% (1/444) on
the whole corpus. Checked before each change on scratch pages written apart from the corpus
(never added to it): the second batch, written after the first change and before the last ones,
had 4/12 non-claims flagged on clinical pages and 2/15 on site pages; the third, written after
them, 2/6 and 1/14, with every claim found (a booking confirmed "by text message", a set of pages,
a clinical phrase in a help page's search example). `r4_*` measures it on unseen text.

Round 4, measured once on `r4_*` before the fifth round: recall 99.3% (141/142), non-claim flagged
16.8% (25/149): none on site pages (the site-context work carried over), 25 on clinical pages. The
misses were local service and process information (who visits the ward and when, where charts are
kept, which system takes requests, whom to call), notes on who the page is for and who wrote it,
pointers to tables and pages (one quoting a concentration from its table), page-history and
section-review tables, a question left to the senior clinician's judgement and a tip for an
appointment. The one claim missed was a list introduction carrying its own criterion ("Suspect
anaphylaxis when, within minutes to hours of exposure, a patient has:"). The fifth round (issue 3)
taught the rule those kinds (`medkb.local_logistics`, `medkb.editorial_prose`, `medkb.page_context`):
a local service, team, role, place or document with a predicate about availability, location,
schedule, routing, record-keeping or who does what is no claim unless, once those words are taken
out, something clinical, a condition, a figure, an effect or urgency is left; table pointers and
notes on a table's contents; history and review tables judged by their header (a row is a claim
only when it quotes a clinical figure); and a list introduction is a claim when it carries a
criterion of its own (a qualifier after its condition, a time course from a clinical event). After
it, with `r4_*` a tuning set: recall 100% (975/975); non-claim flagged 0.0% (0/149) on `r4_*`, 0.2%
(1/593) on the whole corpus. Checked before each change on scratch pages written apart from the
corpus (never added to it): the first batch, written before any change, had 27/37 non-claims
flagged and 1/28 claims missed, and 2/37 and 0/28 after; the second, written after the first
change, 11/25 and 2/22 (one a comparison with "above" the rule had always missed), then 1/25 and
0/22. Left flagged there: a service schedule anchored on a clinical event ("two days after a flare
starts"), a list named by what it is for ("Theatre lists for hip fractures run every morning"), a
symptom diary. `r5_*` measures it on unseen text.

Round 5, measured once on `r5_*` (six clinical pages, two site pages) after the fifth round: recall
98.4% (127/129), non-claim flagged 14.6% (20/137). So after five rounds the rule still misses the
target on text it has not seen: each new set brings kinds of non-claim prose it has not learnt
(audience lines opening with "For:" or a question, where forms and leaflets are kept, practical
advice to patients, a case vignette, checklist items naming doses), while its tuning pages come out
at 0.2%. The two claims missed: a sentence on which guideline the thresholds follow, and a literacy
statistic on a site page. Not yet tuned on.

Round 6 (issue 3) tuned on `r5_*` and tried a more general principle, the "says who?" test as a positive
requirement (`medkb.assertion`): a sentence with no figure and no assertion signal (an effect, a risk, a
comparison, a recommendation, a hedge, how often or how many, a condition on the patient, a reason, a
definition, urgency, an imperative of care) is no claim when its clinical words all stand in label
phrases (local services, teams, places, documents, tools and equipment; what a service handles, "every
new prescription"; contact data and schedules) or, in a practical handling imperative ("Sieve ...",
"Bring ..."), in the reader's own things ("your urine"). Also: audience and scope lines ("For: ...
teams", "Who is this for? ...", "This article covers ..."), a topic with where to read about it
("Stridor in infants under six months: see the neonatal handbook", "... are covered in the ...
handbook"), which source the page's figures follow (a claim), and a figure in words with a noun
inside ("one adult in six"). Before it: recall 100% on every tuning set, 98.4% (127/129) on `r5_*`;
non-claim flagged 0.2% (1/593) on the tuning sets, 14.6% (20/137) on `r5_*`. After it: recall 100%
(1104/1104); non-claim flagged 8.0% (11/137) on `r5_*`, 1.6% (12/730) on the whole corpus. The
principle was checked on two scratch batches written before any change (never added to the corpus):
clinical pages with furniture, 14/22 non-claims flagged and 39/39 claims found before (one label
corrected afterwards: a clinical imperative first labelled a non-claim), 7/21 and 40/40 after; pages
of furniture (a patient leaflet, an induction page, a site page), 16/37 and 10/11 before, 8/37 and
10/11 after. Left flagged there and in `r5_*`: practical advice to patients with clinical words
outside label phrases ("Rest the joint and raise it"), case vignettes without an age, checklist
items, site disclaimers that name doses. `r6_*` measures it on unseen text.

Round 6, measured once on `r6_*` (six clinical pages written as natural knowledge-base pages, two
site pages): recall 98.7% (154/156), non-claim flagged 17.9% (25/140). Most of what it flagged is
page furniture the rule had never met: metadata tables (specialty, reviewer, next review),
reference and further-reading lists, abbreviation lists, related-topic and download lists, audit
measures, a pointer to a training video. Missed: a wrapped list item on an ECG finding, the last
line of a block quote split from its first.

Every round's writer reported that a hard-wrapped block quote came out as one unit per line, so a
cited claim wrapped in a quote was reported uncited on its first line. Since round 6 a quote's
paragraph (or list item) is one unit, as any paragraph is; the labels of the lines that are no
longer a unit's last were folded into the unit's (a claim when any part was). Round 6 measured
again with that change, the rule otherwise unchanged: recall 99.3% (147/148), flagged 18.1% (25/138).

Round 7 (issue 3) tuned on `r6_*` and taught the rule page furniture by kind and context
(`medkb.page_furniture`): under a heading that announces a list of things (References, Further
reading, Sources; Abbreviations, Glossary; Related topics, See also, Downloads, Resources, Patient
leaflets and organisations, Page information, Competing interests, How to cite; Audit criteria) a
unit is a claim only with a strong clinical assertion of its own, and there a glossary entry only
when its gloss states a criterion or an effect ("serum sodium below 135 mmol/L"), an audit measure
("the proportion of patients who ...") never, a quality statement as the rule judges it. Wherever
they stand: a bibliographic entry (authors with initials or a corporate author, title, source,
year; "2019 ESC guidelines for ..."), also as a footnote definition; an abbreviation with its
expansion; a list item that is a download ("(PDF, 2 pages)"); a key-value metadata row
("| Next review | April 2028 |"); a row of a glossary table ("Label | Meaning"); a note on a
resource ("A short video of the test is available on the training page", "Our leaflet ... explains
how to ..."), on something left out ("... omitted here for brevity"), and the bare instruction to
take a history. Also: a label word that begins a compound ("counter-clockwise") is no label, which
had hidden an ECG finding. Before it: recall 100% on every tuning set but `r5_*` (99.2%, 126/127),
flagged 1.7% (12/722) on the tuning sets; `r6_*` as above. After it: recall 99.9% (1235/1236),
flagged 0.0% (0/138) on `r6_*`, 1.4% (12/860) on the whole corpus; the other sets unchanged. Checked
on scratch pages written apart from the corpus (never added to it): two natural pages with
furniture of kinds `r6_*` does not have (key-points boxes, a summary of changes, how to cite,
acknowledgements, competing interests, patient organisations with phone numbers, a version-history
table), written before any change: 30/43 non-claims flagged and 17/18 claims found before, 1/43 and
17/18 after. A third, written after the first change and measured once: 2/16 flagged and 8/10
found (a quality statement under "Quality standards", a glossary row "seen in chronic kidney
disease"; downloads under "Further information for patients"), then tuned on: 0/16 and 10/10. Left
there: a general-science gloss under "Definitions" ("Osmolality: the concentration of solutes ...")
and a history-table row quoting a clinical limit without a clinical word ("Correction limits revised
to 10 mmol/L"). `r7_*` measures it on unseen text.

Round 7, measured once on `r7_*` (six natural pages of an evidence-summary article, two site pages):
recall 93.0% (106/114), flagged 8.5% (10/118); worse than any earlier round. The rule had not met
statements about research itself. Missed: correction notices stating the corrected fact beside the
withdrawn statement ("An earlier version ... gave the follow-up as 18 months. The median follow-up was
three years."; a removal with its clinical reason); research findings on a site page ("Studies of
online health information have repeatedly found that ...", "Retracted articles often go on being
cited ..."); how a trial was analysed or done ("... the treatment-policy estimand, which counts
everyone randomised ...", "The treatment trial below relied on the attending clinician's
diagnosis ..."); list introductions that assert something ("The dose is increased every four weeks
to limit gastrointestinal effects:", "A pooled analysis of individual patient data from 40,138
bleeding patients put ... in these words:"). Flagged: review-status lines ("Review status: Approved,
..."), a note that a section belongs to an article and was submitted for review, a reader routed to
another page ("Readers looking for ... should go to the [...] page"), a results pointer ("... are in
the table below"), a reviewer's request ("Please add the Dutch cohort data ..."), dated update items
("27 March 2025 – Semaglutide: second reviewer assigned."), a box on grading schemes.

Round 8 (issue 3) tuned on `r7_*` and taught the rule statements about research by kind
(`medkb.research_prose`): a finding verb with a research noun as subject ("studies ... have found",
"a cohort reported", "evidence suggests") is a claim in any context, site pages included, and so is
research literature as subject with a tendency, a quantity or a comparison ("Retracted articles
often ..."; "always" and "never" said of it are site policy); how a study was done or analysed (a
named estimand, people randomised, a study that relied on, enrolled, excluded ...) is a claim; in a
correction notice only the sentence recounting the earlier version is set aside, and the sentences
beside it are read without the notice's editorial context, so the corrected fact, and a reason given
for a removal that states something, are claims on any page; a list introduction with a purpose on
something clinical ("to limit gastrointestinal effects") or a sample size ("40,138 bleeding patients")
is a claim. It also fixed a stray control character in the reason pattern (`because`, `so that`,
`to prevent ...`), which had never matched. For non-claims: "Review status:" as a metadata line,
review-status sentences ("submitted for review on ...", "Second reviewer assigned"), a reviewer's
request to the authors ("Please add ...", unless it quotes a statement or a figure), a dated entry
judged by what follows its date and topic, "Readers looking for X should go to the Y page", "The main
results ... are in the table below". Before it: recall 100% on every tuning set but `r5_*` (99.2%,
126/127), flagged 1.4% (12/860) on the tuning sets; `r7_*` as above. After it: recall 100%
(114/114) and flagged 0.8% (1/118) on `r7_*`; recall 99.9% (1349/1350), flagged 1.3% (13/978) on
the whole corpus; the other sets unchanged. Left flagged in `r7_*`: "Each guideline uses its own
grading scheme." in a box explaining grades. Known limit (unit tests): a dated changelog entry naming
a clinical section ("Gout: section on flares rewritten") is still flagged.

Round 8, measured once on `r8_*` after the eighth round (the rule as committed with it): recall
100% (109/109); non-claim flagged 10.2% (9/88): 3/60 on the five clinical pages (a reader-question
opening, an approval line naming the reviewers' professions, a search-method statement) and 6/28 on
the site page about reporting errors (a checklist item naming doses, a thank-you quote with counts,
a workflow table of who does what within how long, a turnaround promise).

Round 9 (issue 3) tuned on `r8_*`: a page whose title names neither the site nor medicine ("Reporting an
error") is about the site when its front-matter description or first paragraph speaks of the site and
of nothing clinical (there a unit needs strong clinical evidence, and something clinical as subject
with what it can do, "Dosing errors ... can reach patients", counts as such); a question reported
("Many of our readers have asked whether ...", not "Clinicians should ask whether ..." nor "The trial
asked whether ..."); an approval line ("Approved on 1 September 2026 after review by ..."); a finding
announced rather than stated ("This page collects what the trials show"); a numbered site person as
subject with a verb ("Two reviewers screened the records"); a clause continuing a sentence in the site's
voice speaks in that voice. Before it: tuning sets recall 99.9% (1349/1350), flagged 1.3% (13/978);
`r8_*` as above. After it: `r8_*` recall 100% (109/109), flagged 1.1% (1/88); tuning sets recall 99.9%
(1348/1350: the example box of a review comment on a page now known to be about the site is a
specimen), flagged 1.1% (11/978). Left flagged in `r8_*`: "Your reports led to 41 corrections, eleven
of them in dosing tables." ("led to" with a clinical word).

Round 9, measured once on `r9_*` (six clinical pages, each a different genre: evidence summary,
guideline with a dosing table, teaching note, quick-reference card, patient information with a
professional box, FAQ; two site pages) with the rule as tuned on `r8_*`: recall 99.2% (124/125),
non-claim flagged 17.0% (18/106): 16/65 on the clinical pages, 2/41 on the site pages. New kinds
again: learning objectives ("state the diagnostic criteria for ..."), history checklists under "Ask
about:", an FAQ's note on where its questions come from, a scope line without a label, a patient's
quoted testimony, a self-test exercise, a related-page item, a note on where equipment is kept, a
page-history entry naming a trial, a scoring table's row on a site page, a turnaround promise.
Missed: a treatment step written as a noun phrase ("A non-drowsy antihistamine ... taken every day").

Then, still in the ninth round, tuned on `r9_*`: learning objectives (a heading "Learning objectives" or
an introduction "you should be able to:"; an item is a claim only with a figure or an effect of its
own), sections on who a page is for and what it covers, more headings of related pages and page
history, a learner's task ("Try to name ...", "A useful exercise:"), a first-person quotation with
its attribution (testimony; a quoted maxim is judged by what it says), a condition leading a sentence
whose main clause is about the site ("When an alert affects a topic we cover, the page is updated
within 10 working days"), "the full ... guidance is in ...", a regimen or preference in label words.
Not taken: "Ask about:" lists. The round 9 writer labelled their items non-claims, the round 4 and 6
writers claims; what to ask about is a recommendation, so they stay claims (3 of the 4 units still
flagged on `r9_*`). After it: `r9_*` recall 100% (125/125), flagged 3.8% (4/106).

Round 10, measured once on `r10_*` (a narrative evidence review, a protocol, a teaching case, a summary
card, a pharmacist page, a "common questions" page, two site pages) after the tuning on `r9_*`:
recall 93.4% (114/122), non-claim flagged 15.1% (16/106). Missed: GRADE's definitions of certainty
on a site page, a guideline's recommendation told in passing, a grading's source, a glossary gloss
stating a mechanism, a criterion with a time threshold in label words. Flagged: a worked case's
story, record-keeping steps, a question handed to a local team, a reading instruction. Tuned on: a
page with a worked case (a unit opens with "Mr D, a 68-year-old ...") tells its patient's story in
units whose every sentence has the patient as subject; record-keeping imperatives with no step of
care, test or schedule; "Your local ... team will advise ..."; what a guideline says ("the update
made fidaxomicin the preferred treatment") and what further research is likely to do are claims on
any page; "N minutes or more" is a figure. After it: `r10_*` recall 99.2% (121/122), flagged 4.7%.

Round 11, measured once on `r11_*` (a drug page, a patient leaflet, a nurse procedure, a GP referral
page, a clinical answer, a teaching case with a quiz, two site pages) after the tuning on `r10_*`:
recall 92.9% (105/113), non-claim flagged 29.2% (33/113), the worst of any round. Its writer labelled
steps of a nurse procedure ("Give the first-line antiemetic as prescribed", "Offer sips of water"),
an equipment list and history prompts as non-claims, and a red-flag list in a box "Get help the same
day if:" as claims (the rule had taken that box title for a help page). Tuned on: "help" as a site
title only as a page name; metadata keys of procedures; "This procedure sets out ..."; equipment and
related-document sections; giving a medicine "as prescribed"; a quiz's "True or false:"; "clinical
pages" is no clinical term; on a page about the site, code spans and a trailing ", such as ..." example
are specimens; "N minutes after" is a figure. After it: `r11_*` recall 97.3% (110/113), flagged 9.7%
(11/113). Left: history prompts, basic care steps, "usually" in site prose.

Round 12, written blind by a fourth writer at the same time as `r11_*`: measured once with the rule as
tuned on `r10_*`, recall 97.6% (121/124), non-claim flagged 20.3% (27/133: 26/87 on the six clinical
pages, 1/46 on the two site pages); measured again after the tuning on `r11_*`, without reading its
units: recall 96.8% (120/124), flagged 19.5% (26/133). So after twelve rounds the rule still misses
the issue's targets on text it has not seen, by far on non-claims: each writer brings kinds of text and
a labelling of them the others did not (compare the "Ask about:" items above).

Round 13, written blind after all tuning by a fifth writer (six clinical pages, two site pages) and
measured once: recall 99.1% (114/115), non-claim flagged 18.9% (21/111).

How far do two careful labellers agree? A second labeller labelled every unit of `r11_*`, `r12_*` and
`r13_*` again, blind to the writers' labels and to the rule (`x.labels2`). Cohen's kappa 0.92 over 709
units: the second labeller called every one of the writers' 352 claims a claim, and 29 of their 357
non-claims claims (8.1%; per set 8.0%, 8.3%, 8.1%). Read as a rule, a careful person flags 8% of another
careful person's non-claims: the issue's 3% is below what labellers reach against each other, so a
measurement on unseen text labelled by one person cannot be expected to meet it. On the held-out units
both labellers agree on (`r12_*`, `r13_*`), the rule finds 97.9% of the claims (234/239) and flags
12.5% of the non-claims (28/224): worse than a second person on both counts. `test_quality` prints these
figures.

Run with `pytest -s` to see the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from medkb.claims import claim_units

CORPUS = Path(__file__).parent / "data" / "claims"
PAGES = sorted(CORPUS.glob("*.md"))
MIN_RECALL = 0.98
MAX_FALSE_POSITIVES = 0.03


def labels_of(page: Path, suffix: str = ".labels") -> dict[int, bool]:
    labels: dict[int, bool] = {}
    for number, raw in enumerate(page.with_suffix(suffix).read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        line, label = raw.split()
        assert label in ("claim", "nonclaim"), f"{page.name}.labels:{number}: unknown label {label!r}"
        assert int(line) not in labels, f"{page.name}.labels:{number}: line {line} labelled twice"
        labels[int(line)] = label == "claim"
    return labels


@dataclass
class Score:
    claims: int = 0
    detected: int = 0
    non_claims: int = 0
    flagged: int = 0

    def add(self, page: Path) -> None:
        labels = labels_of(page)
        for unit in claim_units(page.read_text(encoding="utf-8")):
            self.count(labels[unit.end_line], unit.is_claim)

    def count(self, label: bool, verdict: bool) -> None:
        """One unit: its label (a claim?) and the verdict being measured (flagged as a claim?)."""
        if label:
            self.claims += 1
            self.detected += verdict
        else:
            self.non_claims += 1
            self.flagged += verdict

    @property
    def recall(self) -> float:
        return self.detected / self.claims

    @property
    def false_positive_rate(self) -> float:
        return self.flagged / self.non_claims

    def summary(self, name: str) -> str:
        return (
            f"{name:<34} claim recall: {self.recall:6.1%} ({self.detected}/{self.claims}); "
            f"non-claim flagged: {self.false_positive_rate:5.1%} ({self.flagged}/{self.non_claims})"
        )


def score(pages: list[Path]) -> Score:
    total = Score()
    for page in pages:
        total.add(page)
    return total


SECOND_LABELLED = [page for page in PAGES if page.with_suffix(".labels2").exists()]
"""Pages a second labeller labelled again, blind to the writer's labels and to the rule (`x.labels2`)."""


def agreement(pages: list[Path]) -> tuple[Score, Score]:
    """The second labeller scored as if it were a rule against the writer's labels, and the rule on the
    units both labellers agree on."""
    second, rule = Score(), Score()
    for page in pages:
        writer, other = labels_of(page), labels_of(page, ".labels2")
        verdicts = {unit.end_line: unit.is_claim for unit in claim_units(page.read_text(encoding="utf-8"))}
        for line, is_claim in writer.items():
            second.count(is_claim, other[line])
            if other[line] == is_claim:
                rule.count(is_claim, verdicts[line])
    return second, rule


HELD_OUT: dict[str, list[Path]] = {
    "held out, round 12 (r12_)": [page for page in PAGES if page.name.startswith("r12_")],
    "held out, round 13 (r13_)": [page for page in PAGES if page.name.startswith("r13_")],
}
"""Pages the rule has never been tuned on (measured once when written; see above)."""
TUNING = [page for page in PAGES if not any(page in pages for pages in HELD_OUT.values())]
LATEST_TUNED = [page for page in PAGES if page.name.startswith(("r9_", "r10_", "r11_"))]


def test_corpus_is_big_and_varied_enough() -> None:
    assert len(TUNING) >= 4 and all(len(pages) >= 2 for pages in HELD_OUT.values())
    assert any(page.name.startswith("heldout2_") for page in TUNING)
    assert any(page.name.startswith("r3_") for page in TUNING)
    assert any(page.name.startswith("r4_") for page in TUNING)
    assert any(page.name.startswith("r5_") for page in TUNING)
    assert any(page.name.startswith("r6_") for page in TUNING)
    assert any(page.name.startswith("r7_") for page in TUNING)
    assert any(page.name.startswith("r8_") for page in TUNING)
    assert len(LATEST_TUNED) >= 6 and all(page in TUNING for page in LATEST_TUNED)
    every = score(PAGES)
    assert every.claims + every.non_claims >= 150
    assert every.non_claims >= 50
    for pages in (TUNING, *HELD_OUT.values()):
        constructs = {
            unit.construct for page in pages for unit in claim_units(page.read_text(encoding="utf-8"))
        }
        assert constructs == {"paragraph", "list item", "table row", "blockquote", "admonition"}
    second_round = score([page for page in PAGES if page.name.startswith(("round2_", "heldout2_"))])
    assert second_round.claims + second_round.non_claims >= 120


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_unit_is_labelled(page: Path) -> None:
    """The labelled lines are exactly the units' last lines: labels and segmentation agree."""
    unit_ends = {unit.end_line for unit in claim_units(page.read_text(encoding="utf-8"))}
    for suffix in (".labels", ".labels2") if page in SECOND_LABELLED else (".labels",):
        labelled = set(labels_of(page, suffix))
        assert sorted(unit_ends - labelled) == [], f"units without a label in {suffix}"
        assert sorted(labelled - unit_ends) == [], f"labels on lines that end no unit in {suffix}"


def test_quality() -> None:
    tuning = score(TUNING)
    held_out = {name: score(pages) for name, pages in HELD_OUT.items()}
    every = score(PAGES)
    held_out_second = [page for pages in HELD_OUT.values() for page in pages if page in SECOND_LABELLED]
    second, on_agreed = agreement(held_out_second)
    report = "\n".join(
        [
            tuning.summary("tuning set"),
            score(LATEST_TUNED).summary("rounds 9-11 (r9_-r11_), tuned on"),
            *(figures.summary(name) for name, figures in held_out.items()),
            second.summary("held out: 2nd labeller v. writer"),
            on_agreed.summary("held out: rule on agreed units"),
            every.summary("whole corpus"),
        ]
    )
    print("\n" + report)
    assert tuning.recall >= MIN_RECALL, report
    assert tuning.false_positive_rate <= MAX_FALSE_POSITIVES, report
    assert every.recall >= MIN_RECALL, report
    # The held-out figures are reported, not gated. They estimate how the rule does on text nobody tuned it
    # on, and tuning it until they passed would turn the held-out pages into tuning pages. They miss the
    # issue's targets (round 12: recall below 98%, far more than 3% of non-claims flagged); the second
    # labeller's figures show how far two careful people agree on the same units.
    assert held_out and held_out_second
