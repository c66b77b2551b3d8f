"""References that check themselves (medkb.registry): the real clients, cache and rules, driven by
recorded registry replies (tests/data/registry/) through a mocked HTTP layer. Nothing goes online."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import requests
import responses
from sitebuild import REPO

from medkb.checks.project import check_project
from medkb.registry.add_ref import run_add_ref
from medkb.registry.cache import CACHE_NAME, load_cache
from medkb.registry.clients import CROSSREF_API, EUTILS_API, Politeness, RegistryClient
from medkb.registry.records import Work, normal_text, page_range, pubmed_family_name, same_title
from medkb.registry.verify import bib_candidates, run_verify_refs
from medkb.sources.bibliography import load_bibliography

DATA = REPO / "tests" / "data" / "registry"
NETGUARD = REPO / "tests" / "netguard"
TODAY = dt.date(2026, 12, 4)
BERMAN_DOI = "10.1016/S0006-3223(99)00230-9"
BERMAN = """@article{berman2000antidepressant,
  author        = {Berman, Robert M. and Cappiello, Angela and Anand, Amit and Oren, Dan A. and Heninger, George R. and Charney, Dennis S. and Krystal, John H.},
  title         = {Antidepressant Effects of Ketamine in Depressed Patients},
  journal       = {Biological Psychiatry},
  year          = {2000},
  volume        = {47},
  number        = {4},
  pages         = {351--354},
  doi           = {10.1016/S0006-3223(99)00230-9},
  pmid          = {10686270},
  evidence_type = {rct}
}
"""
LARKIN = """@article{larkin2011preliminary,
  author        = {Larkin, Gregory Luke and Beautrais, Annette L.},
  title         = {A preliminary naturalistic study of low-dose ketamine for depression and suicide ideation in the emergency department},
  journal       = {International Journal of Example Psychiatry},
  year          = {2011},
  volume        = {14},
  number        = {8},
  pages         = {1127--1131},
  doi           = {10.5555/example.2011.0629},
  evidence_type = {case-series}
}
"""
EXEMPLO = """@article{exemplo2019ketamine,
  author        = {Exemplo, Ana and Sample, Ben},
  title         = {Ketamine Infusion for Treatment-Resistant Depression: A Single-Centre Cohort},
  journal       = {Example Journal of Mood Disorders},
  year          = {2019},
  volume        = {12},
  number        = {2},
  pages         = {101--110},
  doi           = {10.5555/example.2019.0042},
  evidence_type = {cohort}
}
"""


def recorded(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def crossref_url(doi: str) -> str:
    return f"{CROSSREF_API}/works/{doi.lower()}"


ESUMMARY = f"{EUTILS_API}/esummary.fcgi"
ESEARCH = f"{EUTILS_API}/esearch.fcgi"


class FakeTime:
    """A clock that only moves when the client sleeps: waits are recorded, never slept."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def client(fake_time: FakeTime) -> RegistryClient:
    return RegistryClient(
        Politeness(mailto="editors@example.org", sleep=fake_time.sleep, clock=fake_time.clock)
    )


@pytest.fixture
def registry() -> Iterator[responses.RequestsMock]:
    """The registries, as recorded replies; a request nobody registered fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def project(tmp_path: Path, *entries: str) -> Path:
    (tmp_path / "bib").mkdir(parents=True, exist_ok=True)
    (tmp_path / "bib" / "test.bib").write_text("\n".join(entries), encoding="utf-8")
    return tmp_path


def line_of(root: Path, text: str) -> int:
    lines = (root / "bib" / "test.bib").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def verify_refs(
    root: Path, client: RegistryClient, capsys: pytest.CaptureFixture[str], **options: Any
) -> tuple[int, str, str]:
    code = run_verify_refs(root, client=client, today=options.pop("today", TODAY), **options)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def findings(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("bib/")]


def add_berman(
    registry: responses.RequestsMock,
    crossref: dict[str, Any] | None = None,
    esummary: dict[str, Any] | None = None,
) -> None:
    registry.get(crossref_url(BERMAN_DOI), json=crossref or recorded("crossref-berman2000.json"))
    registry.get(ESUMMARY, json=esummary or recorded("esummary-berman2000.json"))


def with_title(reply: dict[str, Any], title: str) -> dict[str, Any]:
    changed = copy.deepcopy(reply)
    if "message" in changed:
        changed["message"]["title"] = [title]
    else:
        changed["result"]["10686270"]["title"] = title
    return changed


# ---------------------------------------------------------------------------------------------
# Normalised text: what counts as a difference
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ours", "theirs", "same"),
    [
        (
            "Antidepressant Effects of Ketamine in Depressed Patients",
            "Antidepressant effects of ketamine in depressed patients.",
            True,
        ),
        (
            "Ketamine and Other {NMDA} Antagonists: Early Clinical Trials",
            "Ketamine and other NMDA antagonists - early clinical trials",
            True,
        ),
        ("Effects of {\\'e}sketamine", "Effects of ésketamine", True),
        ("Mood & anxiety", "Mood and anxiety", True),
        ("Ketamine in <i>vivo</i>", "Ketamine in vivo", True),
        ("A randomized trial", "RETRACTED: A randomized trial", True),
        ("Antidepressant effects of ketamine", "Antidepressant effects of esketamine", False),
        ("Ketamine for depression", "Ketamine for depression in adolescents", False),
    ],
)
def test_titles_differing_only_in_case_punctuation_accents_or_markup_are_the_same(
    ours: str, theirs: str, same: bool
) -> None:
    assert same_title(ours, Work(registry="crossref", title=theirs)) is same


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ("351--354", ("351", "354")),
        ("351-4", ("351", "354")),
        ("1127-31", ("1127", "1131")),
        ("e1234", ("e1234", "")),
        ("f3646", ("f3646", "")),
        ("950 \u2013 966", ("950", "966")),
    ],
)
def test_page_ranges_are_read_as_pubmed_abbreviates_them(pages: str, expected: tuple[str, str]) -> None:
    assert page_range(pages) == expected


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("Berman RM", "berman"),
        ("Vande Voort JL", "vande voort"),
        ("Zarate CA Jr", "zarate"),
        ("Brutsché NE", "brutsche"),
    ],
)
def test_pubmed_author_names_give_their_family_name(name: str, family: str) -> None:
    assert pubmed_family_name(name) == family
    assert normal_text(family) == family


# ---------------------------------------------------------------------------------------------
# make verify-refs against recorded replies
# ---------------------------------------------------------------------------------------------


def test_a_matching_entry_has_no_findings_and_is_recorded_as_verified(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_berman(registry)
    root = project(tmp_path, BERMAN)
    code, out, _err = verify_refs(root, client, capsys)

    assert code == 0, out
    assert findings(out) == []
    assert "1 entries: 1 matched the registries" in out
    cache = load_cache(root / "bib" / CACHE_NAME)
    verdict = cache.verdicts["berman2000antidepressant"]
    assert verdict.matched and verdict.checked == TODAY
    assert verdict.against == {"crossref": "10.1016/s0006-3223(99)00230-9", "pubmed": "10686270"}
    assert {"title", "first author", "year", "journal", "volume", "issue", "pages", "notices"} <= set(
        verdict.compared
    )
    assert cache.records["crossref:10.1016/s0006-3223(99)00230-9"].fetched == TODAY
    assert (
        cache.records["pubmed:10686270"].work.title
        == "Antidepressant effects of ketamine in depressed patients."
    )  # type: ignore[union-attr]

    crossref_call, esummary_call = registry.calls[0].request, registry.calls[1].request
    assert "mailto:editors@example.org" in crossref_call.headers["User-Agent"]
    assert parse_qs(urlparse(crossref_call.url).query)["mailto"] == ["editors@example.org"]
    query = parse_qs(urlparse(esummary_call.url).query)
    assert query["db"] == ["pubmed"] and query["id"] == ["10686270"] and query["retmode"] == ["json"]
    assert query["tool"] == ["medkb-verify-refs"] and query["email"] == ["editors@example.org"]


def test_the_cache_file_is_sorted_diff_friendly_and_the_same_on_every_run(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_berman(registry)
    root = project(tmp_path, BERMAN)
    verify_refs(root, client, capsys)
    first = (root / "bib" / CACHE_NAME).read_text(encoding="utf-8")
    verify_refs(root, client, capsys)  # everything fresh: nothing fetched, nothing changed
    assert (root / "bib" / CACHE_NAME).read_text(encoding="utf-8") == first
    assert len(registry.calls) == 2
    data = json.loads(first)
    assert first == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert data["records"]["pubmed:10686270"]["fetched"] == "2026-12-04"
    assert re.search(r'\n +"Berman",\n', first), "one value a line: a changed author is a one-line diff"


@pytest.mark.parametrize(
    "entry",
    [LARKIN, LARKIN.replace("  evidence_type", "  retraction    = {  },\n  evidence_type")],
    ids=["no retraction field", "a blank one"],
)
def test_a_retracted_work_the_entry_does_not_mark_is_an_error_naming_the_notice(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
    entry: str,
) -> None:
    """One test of a retraction (Reference.retracted): the comparison and the site's RETRACTED mark agree."""
    registry.get(crossref_url("10.5555/example.2011.0629"), json=recorded("crossref-retracted.json"))
    root = project(tmp_path, entry)
    [reference] = load_bibliography([root / "bib" / "test.bib"], root).references.values()
    assert not reference.retracted
    code, out, _err = verify_refs(root, client, capsys)

    assert code == 1
    assert findings(out) == [
        (
            "bib/test.bib:1: retracted: entry 'larkin2011preliminary': the cited work was retracted (retraction, "
            "notice doi:10.5555/example.2017.retraction, 2017-08-28); add `retraction = {...}` with the notice, "
            "cite it only in statements about the retraction and support the claims with a valid source"
        )
    ]
    assert not load_cache(root / "bib" / CACHE_NAME).verdicts["larkin2011preliminary"].matched


def test_a_retracted_work_the_entry_marks_is_not_a_finding(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.get(crossref_url("10.5555/example.2011.0629"), json=recorded("crossref-retracted.json"))
    marked = LARKIN.replace(
        "  evidence_type",
        "  retraction    = {Retracted in 2017: notice doi:10.5555/example.2017.retraction},\n  evidence_type",
    )
    code, out, _err = verify_refs(project(tmp_path, marked), client, capsys)
    assert code == 0 and findings(out) == []


def test_an_expression_of_concern_the_entry_does_not_mark_is_an_error(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.get(crossref_url("10.5555/example.2019.0042"), json=recorded("crossref-concern.json"))
    root = project(tmp_path, EXEMPLO)
    code, out, _err = verify_refs(root, client, capsys)
    assert code == 1
    (finding,) = findings(out)
    assert finding.startswith(
        "bib/test.bib:1: expression of concern: entry 'exemplo2019ketamine': the publisher "
        "issued an expression of concern (expression of concern, notice doi:10.5555/example.2021.eoc, 2021-03-04)"
    )

    marked = EXEMPLO.replace(
        "  evidence_type",
        "  expression_of_concern = {Expression of concern, 2021: doi:10.5555/example.2021.eoc},\n  evidence_type",
    )
    code, out, _err = verify_refs(project(tmp_path, marked), client, capsys)
    assert code == 0 and findings(out) == []


def test_a_doi_that_resolves_to_another_title_is_an_error_at_the_title(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other = with_title(recorded("crossref-berman2000.json"), "Glutamatergic modulation in mood disorders")
    add_berman(registry, crossref=other)
    root = project(tmp_path, BERMAN)
    code, out, _err = verify_refs(root, client, capsys)
    assert code == 1
    assert findings(out) == [
        (
            f"bib/test.bib:{line_of(root, 'title ')}: title mismatch: entry 'berman2000antidepressant': DOI "
            f"{BERMAN_DOI} is 'Glutamatergic modulation in mood disorders' (Biological Psychiatry, 2000) in Crossref, "
            "not 'Antidepressant Effects of Ketamine in Depressed Patients'; check the DOI and the title"
        )
    ]


def test_a_pmid_for_another_paper_is_an_error_at_the_pmid(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other = with_title(recorded("esummary-berman2000.json"), "Glutamate and depression: a review.")
    other["result"]["10686270"]["articleids"] = [{"idtype": "pubmed", "idtypen": 1, "value": "10686270"}]
    add_berman(registry, esummary=other)
    root = project(tmp_path, BERMAN)
    code, out, _err = verify_refs(root, client, capsys)
    assert code == 1
    assert findings(out) == [
        (
            f"bib/test.bib:{line_of(root, 'pmid ')}: pmid mismatch: entry 'berman2000antidepressant': PMID 10686270 is "
            "another paper: 'Glutamate and depression: a review.' (Biological psychiatry, 2000); check the PMID"
        )
    ]


def test_a_doi_and_a_pmid_naming_different_works_are_an_identifier_conflict(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    elsewhere = recorded("esummary-berman2000.json")
    elsewhere["result"]["10686270"]["articleids"][1]["value"] = "10.1016/s0006-3223(00)00001-x"
    add_berman(registry, esummary=elsewhere)
    root = project(tmp_path, BERMAN)
    code, out, _err = verify_refs(root, client, capsys)
    assert code == 1
    assert findings(out) == [
        (
            f"bib/test.bib:{line_of(root, 'doi ')}: identifier conflict: entry 'berman2000antidepressant': DOI "
            f"{BERMAN_DOI} and PMID 10686270 name different works: PubMed gives PMID 10686270 the DOI "
            "10.1016/s0006-3223(00)00001-x"
        )
    ]


def test_first_author_year_and_details_that_differ_are_reported_where_they_stand(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_berman(registry)
    wrong = (
        BERMAN.replace("Berman, Robert M. and ", "Bergman, Robert M. and ")
        .replace("{2000}", "{2001}")
        .replace("{47}", "{48}")
        .replace("351--354", "351--359")
    )
    root = project(tmp_path, wrong)
    code, out, _err = verify_refs(root, client, capsys)
    assert code == 1
    assert [line.split(": entry")[0] for line in findings(out)] == [
        f"bib/test.bib:{line_of(root, 'author ')}: author mismatch",
        f"bib/test.bib:{line_of(root, 'year ')}: year mismatch",
        f"bib/test.bib:{line_of(root, 'volume ')}: detail mismatch",
        f"bib/test.bib:{line_of(root, 'pages ')}: detail mismatch",
    ]
    assert "the first author is Berman in Crossref, not Bergman, Robert M." in out
    assert "the year is 2000 in Crossref, not 2001" in out


def test_differences_of_case_punctuation_and_abbreviation_only_are_not_reported(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    styled = recorded("crossref-berman2000.json")
    styled["message"]["title"] = ["ANTIDEPRESSANT EFFECTS OF KETAMINE IN DEPRESSED PATIENTS."]
    styled["message"]["container-title"] = ["The Biological Psychiatry"]
    styled["message"]["page"] = "351\u2013354"
    add_berman(registry, crossref=styled)  # PubMed: 'Biol Psychiatry', pages '351-4', a final full stop
    entry = BERMAN.replace(
        "{Antidepressant Effects of Ketamine in Depressed Patients}",
        "{Antidepressant effects of ketamine in depressed patients: }",
    )
    code, out, _err = verify_refs(project(tmp_path, entry), client, capsys)
    assert code == 0
    assert findings(out) == []


def test_a_doi_crossref_does_not_know_and_a_pmid_pubmed_does_not_know_are_errors(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.get(crossref_url(BERMAN_DOI), status=404, body="Resource not found.", content_type="text/plain")
    registry.get(ESUMMARY, json=recorded("esummary-unknown.json"))
    root = project(tmp_path, BERMAN.replace("10686270", "99999999"))
    code, out, _err = verify_refs(root, client, capsys)
    assert code == 1
    assert [line.split(": entry")[0] for line in findings(out)] == [
        f"bib/test.bib:{line_of(root, 'doi ')}: doi not found",
        f"bib/test.bib:{line_of(root, 'pmid ')}: pmid not found",
    ]


def test_a_timeout_is_retried_with_backoff_then_reported_without_a_traceback(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    fake_time: FakeTime,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.get(crossref_url(BERMAN_DOI), body=requests.exceptions.ReadTimeout("read timed out"))
    registry.get(ESUMMARY, body=requests.exceptions.ReadTimeout("read timed out"))
    root = project(tmp_path, BERMAN)
    code, out, err = verify_refs(root, client, capsys)

    assert code == 0  # nothing is wrong with the entry that we know of: it is reported as not verified
    assert len(registry.calls) == 10  # five attempts at each registry
    assert fake_time.sleeps[:4] == [1.0, 2.0, 4.0, 8.0]
    assert findings(out) == [
        (
            f"bib/test.bib:{line_of(root, 'doi ')}: not verified: entry 'berman2000antidepressant': DOI {BERMAN_DOI} not "
            "checked against Crossref and no record cached (Crossref: no reply within 30 seconds after 5 attempts "
            f"({CROSSREF_API}/works/10.1016/s0006-3223(99)00230-9))"
        ),
        (
            f"bib/test.bib:{line_of(root, 'pmid ')}: not verified: entry 'berman2000antidepressant': PMID 10686270 not "
            "checked against PubMed and no record cached (NCBI E-utilities: no reply within 30 seconds after 5 attempts "
            f"({EUTILS_API}/esummary.fcgi))"
        ),
    ]
    assert "Traceback" not in out + err
    assert "verify-refs: Crossref: no reply within 30 seconds after 5 attempts" in err


def test_a_rate_limit_reply_is_waited_out_as_its_retry_after_asks(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    fake_time: FakeTime,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.get(crossref_url(BERMAN_DOI), status=429, headers={"Retry-After": "7"}, json={"status": "error"})
    add_berman(registry)  # the second request gets the record
    code, out, _err = verify_refs(project(tmp_path, BERMAN), client, capsys)
    assert code == 0 and findings(out) == []
    assert [call.response.status_code for call in registry.calls] == [429, 200, 200]
    assert fake_time.sleeps == [7.0], "the wait the registry asked for, and no backoff on top"


def test_without_any_network_the_cache_is_used_and_its_age_reported(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_berman(registry)
    root = project(tmp_path, BERMAN)
    assert verify_refs(root, client, capsys, today=dt.date(2026, 11, 1))[0] == 0
    registry.reset()
    registry.get(
        re.compile(r"https://.*"),
        body=requests.exceptions.ConnectionError("Temporary failure in name resolution"),
    )

    code, out, err = verify_refs(root, client, capsys, today=TODAY, max_age_days=7)
    assert code == 0
    assert findings(out) == []
    assert "Traceback" not in out + err
    assert (
        "verify-refs: Crossref cannot be reached (temporary failure in name resolution): verified from the "
        "cache instead, records fetched 2026-11-01 (the oldest 33 days old)"
    ) in err
    assert "verify-refs: NCBI E-utilities cannot be reached" in err
    assert load_cache(root / "bib" / CACHE_NAME).verdicts["berman2000antidepressant"].matched


def test_the_command_line_without_network_says_so_plainly(tmp_path: Path) -> None:
    """The real command, every connection refused by tests/netguard: a message, no traceback."""
    root = project(tmp_path, BERMAN)
    log = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": str(NETGUARD),
        "MEDKB_NETWORK_LOG": str(log),
        "MEDKB_MAILTO": "editors@example.org",
    }
    result = subprocess.run(
        [sys.executable, "-m", "medkb", "verify-refs", "--root", str(root)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "verify-refs: Crossref cannot be reached" in result.stderr
    assert "the cache holds no record to use instead" in result.stderr
    assert "not verified: entry 'berman2000antidepressant'" in result.stdout
    assert "api.crossref.org" in log.read_text()


def test_ncbi_is_asked_in_batches_at_its_rate_limit_with_the_api_key_from_the_environment(
    registry: responses.RequestsMock, fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    def esummary_reply(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        ids = parse_qs(urlparse(request.url).query)["id"][0].split(",")
        return 200, {}, json.dumps({"result": {"uids": ids}})

    registry.add_callback(responses.GET, ESUMMARY, callback=esummary_reply)
    pmids = [str(10_000_000 + number) for number in range(450)]

    polite = RegistryClient(Politeness(sleep=fake_time.sleep, clock=fake_time.clock))
    assert polite.pubmed_works(pmids) == dict.fromkeys(pmids)
    assert [
        len(parse_qs(urlparse(call.request.url).query)["id"][0].split(",")) for call in registry.calls
    ] == [200, 200, 50]
    assert fake_time.sleeps == [pytest.approx(1 / 3, abs=0.001)] * 2  # 3 requests a second without a key

    registry.calls.reset()  # type: ignore[no-untyped-call]
    fake_time.sleeps.clear()
    monkeypatch.setenv("NCBI_API_KEY", "k3y")
    keyed = RegistryClient(Politeness.from_environment())
    keyed.politeness.sleep, keyed.politeness.clock = fake_time.sleep, fake_time.clock
    keyed.pubmed_works(pmids)
    assert all(parse_qs(urlparse(call.request.url).query)["api_key"] == ["k3y"] for call in registry.calls)
    assert fake_time.sleeps == [pytest.approx(1 / 10, abs=0.001)] * 2  # 10 a second with a key


def test_fresh_records_are_not_fetched_again_and_old_or_changed_ones_are(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_berman(registry)
    root = project(tmp_path, BERMAN)
    verify_refs(root, client, capsys, today=dt.date(2026, 11, 1))
    assert len(registry.calls) == 2

    verify_refs(root, client, capsys, today=TODAY, max_age_days=90)
    assert len(registry.calls) == 2, "33 days old and the entry unchanged: nothing fetched"

    verify_refs(root, client, capsys, today=TODAY, max_age_days=30)
    assert len(registry.calls) == 4, "older than 30 days: fetched again"

    (root / "bib" / "test.bib").write_text(
        BERMAN.replace("{47}", "{ 47 }").replace("{4}", "{5}"), encoding="utf-8"
    )
    code, out, _err = verify_refs(root, client, capsys, today=TODAY)
    assert len(registry.calls) == 6, "an edited entry is checked against fresh records"
    assert code == 0 and "the issue is 4 in Crossref, not 5" in out


def test_only_entries_added_or_changed_since_the_base_are_checked_and_shown_as_annotations(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = project(tmp_path, BERMAN)
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "references"], cwd=root, check=True)
    (root / "bib" / "test.bib").write_text(
        BERMAN + "\n" + LARKIN, encoding="utf-8"
    )  # a pull request adds one
    registry.get(crossref_url("10.5555/example.2011.0629"), json=recorded("crossref-retracted.json"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")

    code, out, _err = verify_refs(root, client, capsys, base="main")
    assert code == 1
    assert [call.request.url.split("?")[0] for call in registry.calls] == [
        crossref_url("10.5555/example.2011.0629")
    ]
    line = line_of(root, "@article{larkin")
    assert f"::error file=bib/test.bib,line={line},title=retracted::entry 'larkin2011preliminary'" in out
    assert "1 entries added or changed since main" in out

    code, _out, err = verify_refs(root, client, capsys, base="no-such-branch")
    assert code == 2 and "'no-such-branch' is not a commit of this repository" in err


def test_a_broken_cache_file_is_named_with_its_line(
    tmp_path: Path, client: RegistryClient, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, BERMAN)
    (root / "bib" / CACHE_NAME).write_text('{\n  "format": 1,\n  "records": {,\n}\n', encoding="utf-8")
    code, _out, err = verify_refs(root, client, capsys)
    assert code == 2
    assert err.startswith("verify-refs: bib/registry-cache.json:3: registry cache: ")


# ---------------------------------------------------------------------------------------------
# make add-ref: an entry from the registries, checked before it is written
# ---------------------------------------------------------------------------------------------


def add_ref(
    root: Path, client: RegistryClient, capsys: pytest.CaptureFixture[str], **options: str
) -> tuple[int, str, str]:
    arguments = {"doi": "", "pmid": "", "evidence_type": "rct", "bib": "bib/test.bib", **options}
    code = run_add_ref(root, client=client, today=TODAY, **arguments)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_add_ref_writes_a_complete_checked_entry_keyed_by_our_rule(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.get(crossref_url(BERMAN_DOI), json=recorded("crossref-berman2000.json"))
    registry.get(
        ESEARCH,
        json={
            "header": {"type": "esearch", "version": "0.3"},
            "esearchresult": {"count": "1", "retmax": "1", "retstart": "0", "idlist": ["10686270"]},
        },
    )
    registry.get(ESUMMARY, json=recorded("esummary-berman2000.json"))
    root = project(tmp_path, EXEMPLO)
    code, out, err = add_ref(root, client, capsys, doi=f"https://doi.org/{BERMAN_DOI}")

    assert code == 0, err
    written = (root / "bib" / "test.bib").read_text(encoding="utf-8")
    assert written == EXEMPLO + "\n" + (
        "@article{berman2000antidepressant,\n"
        "  author        = {Berman, Robert M and Cappiello, Angela and Anand, Amit and Oren, Dan A and "
        "Heninger, George R and Charney, Dennis S and Krystal, John H},\n"
        "  title         = {Antidepressant effects of ketamine in depressed patients},\n"
        "  journal       = {Biological Psychiatry},\n"
        "  year          = {2000},\n"
        "  volume        = {47},\n"
        "  number        = {4},\n"
        "  pages         = {351--354},\n"
        f"  doi           = {{{BERMAN_DOI}}},\n"
        "  pmid          = {10686270},\n"
        "  evidence_type = {rct}\n"
        "}\n"
    )
    line = line_of(root, "@article{berman")
    assert out.endswith(
        f"Added 'berman2000antidepressant' to bib/test.bib:{line} from Crossref and PubMed; "
        "cite it as [@berman2000antidepressant].\n"
    )
    assert parse_qs(urlparse(registry.calls[1].request.url).query)["term"] == [
        "10.1016/s0006-3223(99)00230-9[doi]"
    ]
    verdict = load_cache(root / "bib" / CACHE_NAME).verdicts["berman2000antidepressant"]
    assert verdict.matched and verdict.against == {
        "crossref": "10.1016/s0006-3223(99)00230-9",
        "pubmed": "10686270",
    }
    report = check_project(root, root / "docs", root / "bib")
    assert [finding for finding in report.findings if finding.kind != "uncited entry"] == []


def test_add_ref_by_pmid_takes_the_doi_from_pubmed(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.get(ESUMMARY, json=recorded("esummary-berman2000.json"))
    registry.get(crossref_url(BERMAN_DOI), json=recorded("crossref-berman2000.json"))
    root = project(tmp_path, EXEMPLO)
    code, _out, err = add_ref(root, client, capsys, pmid="10686270")
    assert code == 0, err
    written = (root / "bib" / "test.bib").read_text(encoding="utf-8")
    assert "  doi           = {10.1016/s0006-3223(99)00230-9},\n  pmid          = {10686270},\n" in written


def test_add_ref_writes_the_retraction_the_registry_records(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.get(crossref_url("10.5555/example.2011.0629"), json=recorded("crossref-retracted.json"))
    registry.get(ESEARCH, json={"esearchresult": {"count": "0", "idlist": []}})
    root = project(tmp_path, BERMAN)
    code, out, err = add_ref(
        root, client, capsys, doi="10.5555/example.2011.0629", evidence_type="case-series"
    )
    assert code == 0, err
    written = (root / "bib" / "test.bib").read_text(encoding="utf-8")
    assert (
        "@article{larkin2011preliminary,\n  author        = {Larkin, Gregory Luke and Beautrais, Annette L.},"
        in written
    )
    assert (
        "  retraction    = {Retracted: notice doi:10.5555/example.2017.retraction 2017-08-28}\n}" in written
    )
    assert "Warning: the registries record a notice on this work" in out


def test_add_ref_takes_the_next_title_word_when_the_key_is_taken(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.get(crossref_url(BERMAN_DOI), json=recorded("crossref-berman2000.json"))
    registry.get(ESEARCH, json={"esearchresult": {"count": "0", "idlist": []}})
    taken = BERMAN.replace(BERMAN_DOI, "10.5555/another.2000").replace("10686270", "10686271")
    root = project(tmp_path, taken)
    code, out, err = add_ref(root, client, capsys, doi=BERMAN_DOI)
    assert code == 0, err
    assert "Added 'berman2000antidepressanteffects'" in out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"doi": BERMAN_DOI, "evidence_type": ""},
            "add-ref: choose the evidence type: EVIDENCE= one of guideline, ",
        ),
        (
            {"doi": BERMAN_DOI, "evidence_type": "anecdote"},
            "add-ref: choose the evidence type: EVIDENCE= one of ",
        ),
        ({}, "add-ref: give the source's DOI=10.… or PMID=…"),
        ({"doi": "doi.org/10.1016/x"}, "add-ref: 'doi.org/10.1016/x' is not a DOI; write it bare"),
        ({"pmid": "PMID10686270"}, "add-ref: PMID 'PMID10686270' must be digits only"),
        (
            {"doi": BERMAN_DOI, "bib": "docs/test.bib"},
            "add-ref: name the article's bib file: BIB= one of bib/test.bib",
        ),
        (
            {"doi": BERMAN_DOI, "bib": "bib/other.bib"},
            "add-ref: name the article's bib file: BIB= one of bib/test.bib",
        ),
        (
            {"doi": BERMAN_DOI.lower()},
            "add-ref: already in bib/test.bib:1 as 'berman2000antidepressant'; cite it as ",
        ),
        ({"pmid": "10686270"}, "add-ref: already in bib/test.bib:1 as 'berman2000antidepressant'"),
    ],
)
def test_add_ref_refuses_and_writes_nothing(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
    options: dict[str, str],
    message: str,
) -> None:
    root = project(tmp_path, BERMAN)
    code, _out, err = add_ref(root, client, capsys, **options)
    assert code == 1
    assert err.startswith(message)
    assert (root / "bib" / "test.bib").read_text(encoding="utf-8") == BERMAN
    assert not (root / "bib" / CACHE_NAME).exists()
    assert len(registry.calls) == 0


def test_add_ref_refuses_a_doi_crossref_does_not_know(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.get(crossref_url("10.5555/nothing"), status=404, body="Resource not found.")
    root = project(tmp_path, BERMAN)
    code, _out, err = add_ref(root, client, capsys, doi="10.5555/nothing")
    assert code == 1
    assert err == (
        "add-ref: Crossref has no work with DOI 10.5555/nothing; check it at https://doi.org/10.5555/nothing; "
        "nothing was written\n"
    )
    assert (root / "bib" / "test.bib").read_text(encoding="utf-8") == BERMAN


# ---------------------------------------------------------------------------------------------
# The make targets
# ---------------------------------------------------------------------------------------------


def make_dry_run(*arguments: str) -> str:
    env = {key: value for key, value in os.environ.items() if key not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", *arguments],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return result.stdout.strip().splitlines()[-1]


def test_make_targets_pass_their_variables_to_the_commands() -> None:
    assert make_dry_run("verify-refs").endswith("-m medkb verify-refs")
    assert make_dry_run("verify-refs", "BASE=origin/main").endswith('-m medkb verify-refs --base "$BASE"')
    assert make_dry_run("add-ref", "DOI=10.1/x", "EVIDENCE=rct").endswith(
        '-m medkb add-ref --doi "${DOI-}" --pmid "${PMID-}" --evidence "${EVIDENCE-}" --bib "${BIB-}"'
    )


def test_contributing_documents_every_kind_of_finding_the_rules_report() -> None:
    from medkb.registry import compare

    documented_section = (
        (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").split("## Verifying references")[1]
    )
    documented = {
        kind
        for row in re.findall(r"^\| (`[^|]+)\|", documented_section, re.MULTILINE)
        for kind in re.findall(r"`([^`]+)`", row)
    }
    in_code = set(
        re.findall(r"^\| ([a-z ]+) \| (?:error|warning|info) \|", compare.__doc__ or "", re.MULTILINE)
    )
    assert len(in_code) >= 12
    assert documented == in_code | {"not verified"}


def test_crossref_is_asked_no_faster_than_the_limit_it_announces(
    registry: responses.RequestsMock, client: RegistryClient, fake_time: FakeTime
) -> None:
    registry.get(
        crossref_url(BERMAN_DOI),
        json=recorded("crossref-berman2000.json"),
        headers={"X-Rate-Limit-Limit": "5", "X-Rate-Limit-Interval": "1s"},
    )
    client.crossref_work(BERMAN_DOI)
    client.crossref_work(BERMAN_DOI)
    assert fake_time.sleeps == [pytest.approx(0.2, abs=0.001)]  # 5 a second, not our own 10


def test_what_the_registries_can_complete_or_settle_is_reported_as_notes(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_berman(registry)
    sparse = (
        BERMAN.replace("  volume        = {47},\n", "")
        .replace("  pmid          = {10686270},\n", "")
        .replace(
            "  evidence_type = {rct}",
            "  evidence_type = {rct},\n  verification  = {unconfirmed: volume and PMID not confirmed}",
        )
    )
    root = project(tmp_path, sparse)
    code, out, _err = verify_refs(root, client, capsys)
    assert code == 0
    assert findings(out) == [
        "bib/test.bib:1: can be completed: entry 'berman2000antidepressant': Crossref gives volume 47: add what the source confirms",
        (
            f"bib/test.bib:{line_of(root, 'verification')}: unconfirmed: entry 'berman2000antidepressant': Crossref confirms "
            "title, first author, year, journal, issue, pages, type, DOI, notices: settle the `verification` note "
            "(remove what the registries confirm)"
        ),
    ]
    assert load_cache(root / "bib" / CACHE_NAME).verdicts["berman2000antidepressant"].matched


def test_a_full_run_forgets_removed_entries_and_identifiers_a_partial_run_keeps_them(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_berman(registry)
    registry.get(crossref_url("10.5555/example.2019.0042"), json=recorded("crossref-concern.json"))
    root = project(tmp_path, BERMAN, EXEMPLO)
    verify_refs(root, client, capsys)
    (root / "bib" / "test.bib").write_text(BERMAN, encoding="utf-8")  # exemplo2019ketamine removed

    verify_refs(root, client, capsys, keys=["berman2000antidepressant"])
    assert "exemplo2019ketamine" in load_cache(root / "bib" / CACHE_NAME).verdicts

    verify_refs(root, client, capsys)
    cache = load_cache(root / "bib" / CACHE_NAME)
    assert set(cache.verdicts) == {"berman2000antidepressant"}
    assert set(cache.records) == {"crossref:10.1016/s0006-3223(99)00230-9", "pubmed:10686270"}


def test_the_committed_cache_reads_and_is_written_as_verify_refs_writes_it() -> None:
    path = REPO / "bib" / CACHE_NAME
    cache = load_cache(path)
    assert path.read_text(encoding="utf-8") == cache.to_json(), "edited by hand? run make verify-refs"
    keys = {candidate.entry.key for candidate in bib_candidates(REPO, (REPO / "bib").glob("*.bib"))}
    assert set(cache.verdicts) <= keys, "verdicts of entries no longer in bib/: run make verify-refs"


def test_an_entry_one_registry_could_not_check_is_not_recorded_as_verified(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.get(crossref_url(BERMAN_DOI), body=requests.exceptions.ConnectionError("Connection refused"))
    registry.get(ESUMMARY, json=recorded("esummary-berman2000.json"))
    root = project(tmp_path, BERMAN)
    code, out, err = verify_refs(root, client, capsys)
    assert code == 0
    assert [line.split(": entry")[0] for line in findings(out)] == [
        f"bib/test.bib:{line_of(root, 'doi ')}: not verified"
    ]
    assert "Crossref cannot be reached (connection refused)" in err
    verdict = load_cache(root / "bib" / CACHE_NAME).verdicts["berman2000antidepressant"]
    assert verdict.against == {"pubmed": "10686270"} and not verdict.matched


def test_a_request_ncbi_refuses_is_not_read_as_pmids_it_does_not_have(
    tmp_path: Path,
    registry: responses.RequestsMock,
    client: RegistryClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.get(crossref_url(BERMAN_DOI), json=recorded("crossref-berman2000.json"))
    registry.get(ESUMMARY, json={"error": "API key invalid"})
    root = project(tmp_path, BERMAN)
    code, out, err = verify_refs(root, client, capsys)
    assert code == 0
    assert "pmid not found" not in out
    assert [line.split(": entry")[0] for line in findings(out)] == [
        f"bib/test.bib:{line_of(root, 'pmid ')}: not verified"
    ]
    assert "NCBI E-utilities refused the request: API key invalid" in out + err
