"""The claim gate: unit tables for its parts, the stored verdicts on every labelled sentence, and its quality."""

from __future__ import annotations

import difflib
import re
import textwrap
from pathlib import Path

import pytest
from claim_corpus import DATA, VERDICTS, figures, labelled_set, verdict_rows

from medkb.checks.claims import EXEMPTIONS, claim_report, page_kind

CLINICAL = page_kind(True, None)
SITE = page_kind(False, "site")
ROOT = Path(__file__).resolve().parents[2]


def page(body: str) -> str:
    return "---\ntitle: T\n---\n" + textwrap.dedent(body).lstrip("\n")


def flagged(body: str, kind=CLINICAL) -> list[tuple[int, str]]:
    """(line, sentence start) of every uncited claim the rule reports, lines counted in the page."""
    report = claim_report("docs/a/p.md", page(body), kind)
    return [(finding.line or 0, re.search("\u201c(.*?)[\u201d\u2026]", finding.message).group(1)[:30])
            for finding in report.findings if finding.kind == "uncited claim"]


def verdicts(body: str, kind=CLINICAL) -> list[tuple[str, str]]:
    return [(judged.plain, judged.verdict) for judged in claim_report("p.md", page(body), kind).judged]


# --- what the issue measured: each now fails the gate -------------------------------------------------

def test_a_citation_covers_only_its_own_sentence():
    body = """
    Ketamine blocks NMDA receptors.
    Its effect starts within hours.
    Response fades within a week.[@k2006a]
    """
    assert flagged(body) == [(4, "Ketamine blocks NMDA receptors"), (5, "Its effect starts within hours")]


@pytest.mark.parametrize("sentence", [
    "Esketamine is given over 40 minutes.",
    "Readers with glaucoma should not receive ketamine.",
    "— ketamine causes dissociation in most patients.",
    "Ketamine works",
])
def test_plain_clinical_claims_are_flagged(sentence):
    assert len(flagged(sentence)) == 1


def test_no_heading_or_vocabulary_makes_a_clinical_page_prose():
    body = """
    ## Data protection and privacy considerations

    Ketamine is stored as a controlled drug.
    Patients' records are kept for eight years.
    """
    assert [line for line, _ in flagged(body)] == [6, 7]


def test_the_line_reported_is_where_the_sentence_starts():
    body = """
    Ketamine was first given to people in 1964 and is still used in anaesthesia, in emergency
    medicine and in pain services; its antidepressant effect was reported much later.
    """
    assert flagged(body) == [(4, "Ketamine was first given to pe")]


# --- sentences ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, sentences", [
    ("Zarate et al. reported a response within 24 hours.[@z2006r]", 1),
    ("Side effects, e.g. dissociation, pass within 2 hours.[@a2020b]", 1),
    ("Doses, i.e. 0.5 mg/kg over 40 min, were fixed.[@a2020b]", 1),
    ("Ketamine vs. midazolam was compared.[@a2020b]", 1),
    ("A 0.5 mg/kg dose was used.[@a2020b] A 1.0 mg/kg dose was not better.[@a2020b]", 2),
    ("J. H. Krystal led the trial.[@a2020b]", 1),
    ("Response fell (p < 0.05).[@a2020b] Remission rose.[@a2020b]", 2),
    ("It worked.[@a2020b] It was safe.[@b2021c]", 2),
    ("It worked [@a2020b]. It was safe [@b2021c].", 2),
    ("Nausea, headache, etc.[@a2020b] Ketamine was stopped.[@a2020b]", 2),
])
def test_sentence_splitting(line, sentences):
    found = verdicts(line)
    assert len(found) == sentences, found
    assert all(verdict == "cited" for _, verdict in found)


def test_a_citation_after_the_stop_or_before_it_covers_the_sentence():
    assert flagged("Onset is within hours.[@a2020b]\nOnset is within hours [@a2020b].\n") == []


def test_two_sentences_on_a_line_only_one_cited():
    assert flagged("Ketamine is an anaesthetic. It acts within hours.[@a2020b]") == [(4, "Ketamine is an anaesthetic.")]


def test_a_wrapped_sentence_is_one_sentence():
    body = """
    In the largest trial of intravenous ketamine in treatment-resistant depression, response
    at 24 hours was 64% with ketamine and 28% with midazolam.[@murrough2013antidepressant]
    """
    assert verdicts(body) == [(
        ("In the largest trial of intravenous ketamine in treatment-resistant depression, response at 24 hours "
        "was 64% with ketamine and 28% with midazolam."), "cited")]


@pytest.mark.parametrize("body, expected", [
    ("Ketamine cures depression\nAll patients respond [@a2020b].", [4]),
    (("Ketamine cures depression in most of the patients who receive it in our clinics\n"
     "All patients respond [@a2020b]."), [4]),
    ("Ketamine was compared with\nMidazolam in one trial.[@a2020b]", []),      # the phrase stays open
    ("Ketamine lowers the level of\nCRP in one trial.[@a2020b]", []),
    ("Ketamine raised\nCRP in one trial.[@a2020b]", []),                      # an acronym continues
])
def test_lines_without_stops(body, expected):
    assert [line for line, _ in flagged(body)] == expected


@pytest.mark.parametrize("body, expected", [
    ("* Dissociation passes within 2 hours.[@a2020b]\n* Blood pressure rises.\n", [5]),
    ("| Drug | Dose |\n| --- | --- |\n| Ketamine | 0.5 mg/kg[@a2020b] |\n| Esketamine | 56 mg |\n", [7]),
    ("| Drug | Effect |\n| --- | --- |\n| Ketamine | Fast. Short-lived.[@a2020b] |\n", [6]),
    ("!!! warning \"Monitoring\"\n    Monitor for 2 hours.\n", [5]),
    ("> Ketamine is a dissociative anaesthetic.\n", [4]),
])
def test_list_items_table_rows_boxes_and_quotes_are_sentences(body, expected):
    assert [line for line, _ in flagged(body)] == expected


# --- exemptions by structure: the table, each example run through the rule -----------------------------

@pytest.mark.parametrize("body, exemption", [
    ("## Dosing\n", "heading"),
    ('!!! warning "Monitoring after each dose"\n    Monitor blood pressure.[@a2020b]\n', "box title"),
    ("| Regimen | Setting |\n| --- | --- |\n| 0.5 mg/kg | TRD[@a2020b] |\n", "table header row"),
    ("**Key points**\n", "bold label"),
    ("**What it is.** Ketamine is an anaesthetic.[@a2020b]\n", "bold label"),
    ("What dose is used in trials?\n", "question"),
    ("The label lists three warnings:\n\n* sedation[@a2020b]\n", "list introduction"),
    ("For regimens, see [Dosing](dosing.md).\n", "pointer"),
    ("See [Dosing](dosing.md) for the regimens.\n", "pointer"),
    ("Acute treatment is covered in [Acute care](acute.md).\n", "pointer"),
    ("This page covers adults.\n", "about the page"),
    ("## References\n\nKetamine is discussed by all of them.\n", "exempt section"),
    ('!!! editorial "Correction"\n    > Ketamine works in 61% of patients.\n', "quoted in a correction box"),
    ("We could not find this figure. <!-- not-a-claim: our source check -->\n", "marked not-a-claim"),
])
def test_exemptions(body, exemption):
    assert exemption in [verdict for _, verdict in verdicts(body)]
    assert flagged(body) == []


@pytest.mark.parametrize("body", [
    "See [Dosing](dosing.md): 0.5 mg/kg is the dose.",        # a figure is asserted next to the link
    "This page shows that ketamine halves suicide in 2 days.",  # a figure
    "Ketamine reduces ideation; see [Suicide](suicide.md).",    # a claim before the pointer
    "> Ketamine works in 61% of patients.",                     # a quote outside a correction box
    "Ketamine cures depression in most patients:",              # a colon with no list after it
    "See [the trial](trial.md): everyone responded.",           # asserted after the pointer
    "**Ketamine cures 90%.** It is the best drug.[@a2020b]",   # a figure is no label
    "This page explains why ketamine cures depression.",       # a drug and an effect
    "[^1]: Ketamine cures depression.",                         # a footnote is read too
    "Ketamine works. <!-- not-a-claim -->",                     # a marker without a reason
])
def test_what_looks_exempt_but_is_not(body):
    assert flagged(body)


def test_a_marker_exempts_only_the_sentence_it_follows():
    body = """
    Ketamine is an anaesthetic.
    The draft said it cures depression. <!-- not-a-claim: quotes the draft -->
    """
    report = claim_report("p.md", page(body), CLINICAL)
    assert [finding.line for finding in report.findings] == [4]
    assert [(marker.line, marker.reason) for marker in report.markers] == [(5, "quotes the draft")]


def test_a_marker_that_follows_no_sentence_is_a_finding():
    report = claim_report("p.md", page("## Dosing\n\n<!-- not-a-claim: nothing -->\n"), CLINICAL)
    assert [finding.kind for finding in report.findings] == ["not-a-claim marker"]


def test_code_comments_and_images_are_not_sentences():
    body = """
    ```
    Ketamine is safe.
    ```

    <!-- Ketamine is safe. -->
    ![Ketamine molecule](ketamine.png)
    Use `ketamine --safe` here.[@a2020b]
    """
    assert verdicts(body) == [("Use here.", "cited")]


# --- site pages: hard signals only ----------------------------------------------------------------------

@pytest.mark.parametrize("sentence, is_claim", [
    ("Articles are reviewed by our board.", False),
    ("Pages are reviewed every 2 years.", False),
    ("Ketamine 0.5 mg/kg is given over 40 minutes.", True),
    ("About 30% of patients respond.", True),
    ("One trial found an odds ratio of 2.1.", True),
    ("Ketamine reduces suicidal thoughts.", True),
    ("3 in 10 patients stop the drug.", True),
])
def test_site_pages_need_sources_only_for_hard_signals(sentence, is_claim):
    assert bool(flagged(sentence, SITE)) is is_claim


def test_a_page_outside_the_articles_is_clinical_unless_it_declares_site():
    outside = page_kind(False, None)
    assert outside.clinical
    assert flagged("Articles are reviewed by our board.", outside)


# --- the table of exemptions is the one CONTRIBUTING.md shows --------------------------------------------

def test_contributing_lists_the_exemptions_as_built():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (?P<name>[a-z][a-z -]+) \| (?P<example>.+?) \|$", text, re.MULTILINE)
    shown = {name: example for name, example in rows}
    for exemption in EXEMPTIONS:
        assert exemption.name in shown, f"CONTRIBUTING.md lacks the exemption '{exemption.name}'"


# --- the stored verdicts and the quality figures ---------------------------------------------------------

def test_every_labelled_sentence_keeps_its_stored_verdict():
    """A change to the rule shows here sentence by sentence; when the flips are right, write the file
    again with `python tests/claim_corpus.py --write` and review its diff."""
    stored = VERDICTS.read_text(encoding="utf-8").splitlines()[1:]
    now = verdict_rows()
    flips = [line for line in difflib.unified_diff(stored, now, "stored", "now", n=0, lineterm="")
             if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert not flips, "verdicts changed:\n" + "\n".join(flips[:60])


# Figures of the rule as it stands (python tests/claim_corpus.py prints them): the hold-out, 689 sentences
# labelled by writers who had not read the rule and never read while building it, has its uncited claims
# found 176/177 (99.4%; the one missed is a list introduction ending with ':', exempt by structure) and
# 73/133 non-claims flagged, 2.65 per 25 sentences. A second labeller (holdout/*.labels2, blind to the
# writers' labels and to the rule) agreed on 98.7% of sentences (kappa 0.96); by those labels every uncited
# claim is found (180/180). On a clinical page every sentence is a claim unless
# structure or the not-a-claim marker says otherwise, so orientation, advice and case narrative are
# flagged until marked. The floors below keep the figures from getting worse; the stored verdicts pin
# each sentence. A floor is never moved to fit a change: a change that lowers a figure is a regression.
QUALITY_FLOORS = {"dev": (0.995, 3.9), "holdout": (0.994, 2.7)}


@pytest.mark.parametrize("name", sorted(QUALITY_FLOORS))
def test_quality_on_text_written_blind(name):
    """Figures on sets written by people who had not read the rule."""
    items = [item for item in labelled_set(DATA / name) if item.label in ("claim", "nonclaim")]
    result = figures(items)
    recall, flags_per_25 = QUALITY_FLOORS[name]
    assert len(items) >= 300
    assert result.recall >= recall, f"{name}: {result}"
    assert result.false_flags_per_25 <= flags_per_25, f"{name}: {result}"


def test_every_uncited_sentence_of_a_published_review_is_examined():
    """A published review section with its own citations: every uncited sentence gets a verdict."""
    items = labelled_set(DATA / "realworld")
    uncited = [item for item in items if not item.cited]
    examined = [item for item in uncited if item.verdict != "not examined"]
    assert len(uncited) >= 100
    assert examined == uncited
    assert all(item.flagged for item in uncited if item.label == "claim")


def test_every_claim_sentence_of_the_published_articles_carries_its_own_citation():
    docs = ROOT / "docs"
    pages = sorted(docs.glob("*/*.md"))
    assert pages
    judged = {page: claim_report(str(page), page.read_text(encoding="utf-8"), CLINICAL).judged for page in pages}
    uncited = [f"{page.relative_to(ROOT)}:{item.sentence.line}: {item.plain}"
               for page, items in judged.items() for item in items if item.verdict == "uncited claim"]
    assert not uncited, "\n".join(uncited)
    assert sum(item.verdict == "cited" for items in judged.values() for item in items) > 200

