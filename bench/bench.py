"""`make bench`: time and memory of our build against a plain Material build of the same corpus.

Everything is measured in one run on one generated corpus (bench/corpus.py), because these machines
are noisy and shared: the figures that matter are ratios. Each step runs in a child process, and
is reported with its wall time, its CPU time (user + system, from wait4's resource usage: what the
step costs, and far steadier than wall time when other processes compete for the cores), its peak
memory and its output. A build uses one core, so on an idle machine its CPU time is its wall time.

Steps: the baseline (plain Material, same theme features and Markdown extensions, no citations,
hooks, bibtex plugin or overrides); the baseline with our navigation cache and nothing else of ours
(the one part of our build that makes Material's own work cheaper: the full build's cost beyond it
is what everything else we add costs); our full build; with --peers, what a user would pick instead,
on the same pages and citations and in the same rounds: Material + mkdocs-bibtex configured as its
documentation shows (pruned navigation and not), Sphinx + myst-parser + sphinxcontrib-bibtex (its
own environment, bench/requirements-peers.txt), and our build and the baseline on ProperDocs; the claim
gate (`medkb check`, as `make check` runs it); one article PDF and the handbook PDF (from the full
build's site); and the writer's preview: `make serve` started on the corpus, one page edited, the time
until the served page shows the edit. `--repeat K` runs the builds K times, alternating, and reports medians.
Then the growth: baseline and full builds of 1/4, 1/2 and 2 times the corpus (250, 500 and 2,000
pages by default; --scaling-factors), with the factor from size to size and the exponent of pages.
The last line printed is `build_ratio=R peer_ratio=P preview_s=E check_s=S article_pdf_s=A
handbook_pdf_s=H`: R is the median ratio of full build to baseline in CPU time, P of full build to
Material + mkdocs-bibtex with a pruned navigation (nan without --peers), E the wall time from saving
one page to `make serve` serving it changed, S the CPU time of the claim gate itself (every page and
bib file read and parsed; starting Python and loading modules are in the table's CPU column),
A and H the wall time of the PDF exports themselves, as `python -m medkb.pdf` runs them: the site's model
made as the build makes it (medkb.pdf.load_site: MkDocs' configuration and navigation, the project check),
then the export (worker processes in parallel; the table shows the whole process as well, Python's start
and module loading included).
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from bench.corpus import CorpusSize, generate, make_baseline, make_bibtex_peer, make_sphinx_peer

REPO = Path(__file__).resolve().parent.parent
SCALING_FACTORS = (0.25, 0.5, 1, 2)
"""Growth is measured at these multiples of --pages: 250, 500, 1,000 and 2,000 pages by default."""
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MIB = 2**20


@dataclass(frozen=True)
class Measurement:
    name: str
    wall_s: float
    cpu_s: float
    """User + system CPU time of the step's process and the processes it waited for."""
    peak_mib: float
    """Largest resident memory of one process of the step (wait4)."""
    tree_peak_mib: float
    """Largest resident memory of all the step's processes together, sampled every 50 ms."""
    output_bytes: int | None = None
    step_s: float | None = None
    """The step's own time as the child measured it (no interpreter start-up, no imports)."""
    detail: str = ""


@dataclass
class StepRuns:
    """The runs of one step; figures are medians."""

    runs: list[Measurement] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        values = [getattr(run, attribute) for run in self.runs if getattr(run, attribute) is not None]
        return statistics.median(values) if values else math.nan

    @property
    def last(self) -> Measurement:
        return self.runs[-1]


def run_measured(name: str, command: list[str], *, cwd: Path, output: Path | None = None,
                 env: dict[str, str] | None = None) -> Measurement:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    sampler = TreeMemorySampler(process.pid)
    sampler.start()
    assert process.stdout is not None
    log = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        shown = log.decode(errors="replace")[-4000:]
        raise SystemExit(f"{name} failed (exit {process.returncode}):\n{shown}")
    text = log.decode(errors="replace")
    step = re.search(r"^step_seconds ([0-9.]+)$", text, re.MULTILINE)
    detail = re.search(r"^detail (.*)$", text, re.MULTILINE)
    return Measurement(
        name=name,
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_mib=usage.ru_maxrss / 1024,
        tree_peak_mib=max(sampler.peak_bytes / MIB, usage.ru_maxrss / 1024),
        output_bytes=folder_size(output) if output is not None else None,
        step_s=float(step.group(1)) if step else None,
        detail=detail.group(1) if detail else "",
    )


class TreeMemorySampler(threading.Thread):
    """Peak resident memory of a process and all its descendants (the PDF export's workers)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_bytes = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            resident = sum(_resident_bytes(pid) for pid in _process_tree(self.pid))
            self.peak_bytes = max(self.peak_bytes, resident)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _process_tree(root: int) -> list[int]:
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                    pending.extend(int(child) for child in children.read().split())
        except OSError:  # the process has ended
            continue
    return found


def _resident_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def mkdocs_build(python: str = sys.executable, module: str = "mkdocs", site: str = "site") -> list[str]:
    """`module`: "mkdocs" (MkDocs 1.6.1) or "properdocs" (its maintained fork, which reads mkdocs.yml alike)."""
    return [python, "-m", module, "build", "--strict", "--clean", "--config-file", "mkdocs.yml", "--site-dir", site]


def sphinx_build(python: str) -> list[str]:
    """As sphinxcontrib-bibtex's and myst-parser's documentation build: HTML, one process, a fresh environment."""
    return [python, "-m", "sphinx", "-b", "html", "-E", "-q", "source", "_build/html"]


CHECK_STEP = """
import sys, time
start = time.process_time()
from medkb.cli import main
imported = time.process_time()
code = main(["check"])
done = time.process_time()
print(f"step_seconds {done - imported:.3f}")
print(f"detail the check itself (every page and bib file read and parsed) {done - imported:.2f} s CPU; "
      f"loading its modules before it {imported - start:.2f} s")
sys.exit(code)
"""

PREVIEW_STEP = """
import os, socket, subprocess, sys, time, urllib.request
from pathlib import Path
module = sys.argv[1]
page = sorted(Path("docs").glob("topic-0000/*.md"))[1]
url_path = f"{page.parent.name}/{page.stem}/"
marker = "See the other sections of this article, changed in the preview."  # not a claim: the gate passes it
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
url = f"http://127.0.0.1:{port}/{url_path}"
log = open("serve.log", "wb")
# As `make serve` runs it (the Makefile's serve target), on a free port of this machine.
serve = subprocess.Popen([sys.executable, "-m", module, *sys.argv[2:], "-a", f"127.0.0.1:{port}"],
                         env={**os.environ, "MEDKB_PREVIEW": "true"}, stdout=log, stderr=subprocess.STDOUT)

def shown(deadline):
    while time.perf_counter() < deadline:
        if serve.poll() is not None:
            sys.exit("mkdocs serve stopped: " + Path("serve.log").read_text(errors="replace")[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                yield response.read().decode("utf-8", errors="replace")
        except OSError:
            pass
        time.sleep(0.05)
    sys.exit("the preview did not show the page in time: " + Path("serve.log").read_text(errors="replace")[-3000:])

try:
    start = time.perf_counter()
    next(shown(start + 1800))
    first = time.perf_counter() - start
    edited = time.perf_counter()
    page.write_text(page.read_text(encoding="utf-8") + f"\\n{marker}\\n", encoding="utf-8")
    for html in shown(edited + 1800):
        if marker in html:
            break
    seen = time.perf_counter() - edited
finally:
    serve.terminate()
    serve.wait()
print(f"step_seconds {seen:.3f}")
print(f"detail `make serve` ({module} {' '.join(sys.argv[2:])}, MEDKB_PREVIEW=true): first page served "
      f"{first:.2f} s after start; "
      f"one page edited, the edit shown {seen:.2f} s later (wall time, the page fetched every 50 ms)")
"""

PDF_STEP = """
import sys, time
from pathlib import Path
from medkb.pdf import export_pdfs, load_site
kind = sys.argv[1]
root = Path.cwd()
start = time.perf_counter()
articles, handbook = (["topic-0000"], False) if kind == "article" else ([], True)
pdfs = export_pdfs(root / "site", root / "pdf-out", site=load_site(root / "mkdocs.yml"), articles=articles,
                   handbook=handbook)
print(f"step_seconds {time.perf_counter() - start:.3f}")
print("detail " + ", ".join(f"{pdf.path.name}: {pdf.pages} pages, {pdf.size / 2**20:.1f} MiB"
                           for pdf in pdfs))
"""


BASELINE, CACHED_BASELINE, FULL = "baseline build", "baseline + navigation cache", "full build"
BIBTEX_PRUNED = "peer: Material + mkdocs-bibtex, pruned navigation"
BIBTEX = "peer: Material + mkdocs-bibtex, whole navigation"
PROPERDOCS_FULL, PROPERDOCS_BASELINE = "full build on ProperDocs", "baseline build on ProperDocs"
PREVIEW = "preview: one-page edit (make serve)"
SERVE_ARGUMENTS = ("serve", "--dirty", "--watch", "bib")
"""The arguments of the Makefile's `serve` target (tests/site/test_bench_peers.py keeps them the same)."""


def sphinx_step(theme: str) -> str:
    return f"peer: Sphinx + myst-parser + sphinxcontrib-bibtex, {theme}"


@dataclass(frozen=True)
class Peers:
    """The interpreters of the peers' environments (make bench builds them; None: that peer is skipped)."""

    sphinx_python: str | None = None
    """bench/requirements-peers.txt: Sphinx, myst-parser, sphinxcontrib-bibtex and their themes."""
    sphinx_themes: tuple[str, ...] = ("alabaster",)
    properdocs_python: str | None = None
    """requirements.txt with ProperDocs in place of MkDocs (requirements-properdocs.txt)."""
    bibtex: bool = True
    """Material + mkdocs-bibtex as documented, pruned and not (in our own environment: its packages are ours)."""


@dataclass(frozen=True)
class Build:
    name: str
    folder: Path
    command: list[str]
    output: str
    """The output folder, relative to `folder`; removed before each build."""


@dataclass
class CorpusResults:
    size: CorpusSize
    steps: dict[str, StepRuns]
    html_pages: int

    def ratio(self, step: str, against: str = BASELINE, attribute: str = "cpu_s") -> float:
        """The median, over the alternating runs, of `step` / `against` in one run."""
        pairs = zip(self.steps[against].runs, self.steps[step].runs, strict=False)
        return statistics.median(getattr(mine, attribute) / getattr(theirs, attribute)
                                 for theirs, mine in pairs)

    @property
    def build_ratio(self) -> float:
        return self.ratio(FULL)

    @property
    def peer_ratio(self) -> float:
        """Our build / the peer a user of Material would set up for citations (mkdocs-bibtex, pruned)."""
        return self.ratio(FULL, BIBTEX_PRUNED) if BIBTEX_PRUNED in self.steps else math.nan


def measure_corpus(size: CorpusSize, workdir: Path, *, repeat: int = 1, check: bool = True, pdf: bool = False,
                   preview: bool = False, own_overhead: bool = False, peers: Peers | None = None) -> CorpusResults:
    """own_overhead: also build the baseline with our navigation cache, the one part of our build that
    makes Material's own work cheaper, so that the cost of everything else we add can be read apart.
    peers: also build the same corpus with what a user would pick instead, in the same rounds."""
    project = generate(workdir / f"project-{size.pages}", size, repo=REPO)
    baseline = make_baseline(project, workdir / f"baseline-{size.pages}")
    builds = [Build(BASELINE, baseline, mkdocs_build(), "site")]
    if own_overhead:
        cached = make_baseline(project, workdir / f"cached-baseline-{size.pages}", navigation_cache=True)
        builds.append(Build(CACHED_BASELINE, cached, mkdocs_build(), "site"))
    builds.append(Build(FULL, project, mkdocs_build(), "site"))
    if peers is not None:
        builds += peer_builds(project, workdir, size, peers, baseline)
    steps: dict[str, StepRuns] = {build.name: StepRuns() for build in builds}
    for attempt in range(repeat):
        # Alternate the order, so that a change in the machine's load weighs on every build alike.
        for build in builds if attempt % 2 == 0 else reversed(builds):
            shutil.rmtree(build.folder / build.output, ignore_errors=True)
            steps[build.name].runs.append(
                run_measured(build.name, build.command, cwd=build.folder, output=build.folder / build.output)
            )
    if check:
        steps["claim gate"] = StepRuns(
            [run_measured("claim gate", [sys.executable, "-c", CHECK_STEP], cwd=project)
             for _ in range(repeat)]
        )
    if pdf:
        for name, kind in (("article PDF", "article"), ("handbook PDF", "handbook")):
            steps[name] = StepRuns([run_measured(name, [sys.executable, "-c", PDF_STEP, kind], cwd=project)])
    html_pages = sum(1 for _ in (project / "site").rglob("*.html"))
    if preview:  # last: it edits a page of the corpus
        steps[PREVIEW] = StepRuns([run_measured(PREVIEW, [sys.executable, "-c", PREVIEW_STEP, "mkdocs", *SERVE_ARGUMENTS],
                                                cwd=project)])
    return CorpusResults(size, steps, html_pages)


def peer_builds(project: Path, workdir: Path, size: CorpusSize, peers: Peers, baseline: Path) -> list[Build]:
    builds: list[Build] = []
    if peers.properdocs_python is not None:
        builds.append(Build(PROPERDOCS_BASELINE, baseline,
                            mkdocs_build(peers.properdocs_python, "properdocs", "site-properdocs"), "site-properdocs"))
        builds.append(Build(PROPERDOCS_FULL, project,
                            mkdocs_build(peers.properdocs_python, "properdocs", "site-properdocs"), "site-properdocs"))
    if peers.bibtex:
        for name, prune in ((BIBTEX_PRUNED, True), (BIBTEX, False)):
            folder = make_bibtex_peer(project, workdir / f"bibtex-{'pruned-' if prune else ''}{size.pages}", prune=prune)
            builds.append(Build(name, folder, mkdocs_build(), "site"))
    if peers.sphinx_python is not None:
        for theme in peers.sphinx_themes:
            folder = make_sphinx_peer(project, workdir / f"sphinx-{theme}-{size.pages}", theme=theme)
            builds.append(Build(sphinx_step(theme), folder, sphinx_build(peers.sphinx_python), "_build"))
    return builds


def table(results: CorpusResults) -> str:
    pages = results.size.pages
    lines = [
        ("| step | wall s | CPU s | step s | peak MiB (one process) | peak MiB (all processes) | output MB "
        "| output per page KB | full build ÷ this (CPU) | runs |"),
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    builds = len(results.steps[FULL].runs)
    for name, step in results.steps.items():
        output = step.median("output_bytes")
        shown_output = f"{output / 1e6:.1f}" if not math.isnan(output) else ""
        per_page = f"{output / 1e3 / pages:.1f}" if not math.isnan(output) else ""
        step_s = step.median("step_s")
        # A ratio for the builds of the same rounds only (the median of the per-round ratios).
        ratio = f"{results.ratio(FULL, name):.2f}" if name != FULL and len(step.runs) == builds \
            and step.last.output_bytes is not None else ""
        lines.append(
            f"| {name} | {step.median('wall_s'):.2f} | {step.median('cpu_s'):.2f} | "
            f"{'' if math.isnan(step_s) else f'{step_s:.2f}'} | {step.median('peak_mib'):.0f} | "
            f"{step.median('tree_peak_mib'):.0f} | {shown_output} | {per_page} | {ratio} | {len(step.runs)} |"
        )
    details = [f"- {name}: {step.last.detail}" for name, step in results.steps.items() if step.last.detail]
    runs = len(results.steps[FULL].runs)
    each = ", ".join(
        f"{full.cpu_s / base.cpu_s:.2f}"
        for base, full in zip(results.steps[BASELINE].runs, results.steps[FULL].runs, strict=False)
    )
    ratios = [
        (f"Full build / baseline: {results.build_ratio:.2f} in CPU time, "
        f"{results.ratio(FULL, attribute='wall_s'):.2f} in wall time (medians of {runs} alternating runs; "
        f"CPU ratio of each run: {each})."),
    ]
    if CACHED_BASELINE in results.steps:
        ratios.append(
            f"Everything we add but the navigation cache: full build / (baseline + navigation cache) = "
            f"{results.ratio(FULL, CACHED_BASELINE):.2f} in CPU time; the navigation cache alone: "
            f"(baseline + navigation cache) / baseline = {results.ratio(CACHED_BASELINE):.2f}."
        )
    if BIBTEX_PRUNED in results.steps:
        ratios.append(
            f"Full build / Material + mkdocs-bibtex with a pruned navigation (peer_ratio): {results.peer_ratio:.2f} "
            "in CPU time. The peers build the same pages with the same citations and a reference list on every "
            "page; mkdocs-bibtex and Sphinx check no claims, review status or HTML and write no references pages."
        )
    if PROPERDOCS_FULL in results.steps and PROPERDOCS_BASELINE in results.steps:
        ratios.append(
            f"On ProperDocs: full build / baseline = {results.ratio(PROPERDOCS_FULL, PROPERDOCS_BASELINE):.2f}; "
            f"our full build on MkDocs / on ProperDocs = {results.ratio(FULL, PROPERDOCS_FULL):.2f} in CPU time."
        )
    ratios.append(
        f"The full build writes {results.html_pages} HTML pages: the {pages} pages of the corpus, the "
        f"articles' generated references pages, home and editorial policy. Output per page: the site's "
        f"size / {pages}."
    )
    return "\n".join(lines + [""] + details + [""] + ratios)


def scaling_table(measured: list[CorpusResults]) -> str:
    lines = [
        ("| pages | baseline CPU s | full CPU s | ratio | full output MB | output per page KB | "
        "full CPU s per 1,000 pages |"),
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for results in measured:
        base, full, pages = results.steps[BASELINE], results.steps[FULL], results.size.pages
        output = full.median("output_bytes")
        lines.append(
            f"| {pages} | {base.median('cpu_s'):.2f} | {full.median('cpu_s'):.2f} "
            f"| {results.build_ratio:.2f} | {output / 1e6:.1f} | {output / 1e3 / pages:.1f} "
            f"| {full.median('cpu_s') / pages * 1000:.2f} |"
        )
    return "\n".join([*lines, "", scaling_summary(measured)])


def scaling_summary(measured: list[CorpusResults]) -> str:
    """How time and output grow: the factor from each size to the next, and the exponent of pages (1 is
    linear): the slope of log(figure) over log(pages), fitted through every size measured."""
    first, last = measured[0], measured[-1]
    growth = last.size.pages / first.size.pages
    parts = []
    for label, step, attribute in (
        ("baseline time", BASELINE, "cpu_s"),
        ("full build time", FULL, "cpu_s"),
        ("full build output", FULL, "output_bytes"),
    ):
        ratio = last.steps[step].median(attribute) / first.steps[step].median(attribute)
        per_step = ", ".join(
            f"x{later.steps[step].median(attribute) / earlier.steps[step].median(attribute):.2f} for "
            f"x{later.size.pages / earlier.size.pages:.1f} pages"
            for earlier, later in itertools.pairwise(measured)
        )
        exponent = growth_exponent([(r.size.pages, r.steps[step].median(attribute)) for r in measured])
        parts.append(f"{label} x{ratio:.2f} for x{growth:.0f} pages (pages^{exponent:.2f}; {per_step})")
    return "Scaling (pages^1 is linear): " + "; ".join(parts) + "."


def growth_exponent(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of log(value) over log(pages)."""
    xs = [math.log(pages) for pages, _value in points]
    ys = [math.log(value) for _pages, value in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    model = platform.processor() or platform.machine()
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
        model = found.group(1).strip() if found else model
    except OSError:
        pass
    versions = ", ".join(
        f"{package} {metadata.version(package)}" for package in ("mkdocs", "mkdocs-material", "Markdown")
    )
    return (f"{model}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; {versions}")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} {five:.1f} {fifteen:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--bib-entries", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind, alternating (default 3)")
    parser.add_argument("--scaling-factors", default=",".join(str(factor) for factor in SCALING_FACTORS),
                        help="the growth's sizes as multiples of --pages (default %(default)s; for 10,000 "
                             "pages: 0.1,0.25,0.5,1)")
    parser.add_argument("--no-scaling", action="store_true",
                        help="skip the growth measurement (builds of 1/4, 1/2 and 2 x the pages)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the two PDF steps")
    parser.add_argument("--articles-per-section", type=int, default=CorpusSize.articles_per_section,
                        help="group the articles this many to a navigation section (default "
                             f"{CorpusSize.articles_per_section}, as by specialty; 0: every article at the "
                             "first level of the navigation)")
    parser.add_argument("--peers-python", help="the interpreter of the Sphinx peers' environment "
                        "(bench/requirements-peers.txt); with --peers")
    parser.add_argument("--properdocs-python", help="the interpreter of an environment with ProperDocs in place "
                        "of MkDocs (requirements-properdocs.txt); with --peers")
    parser.add_argument("--peers", action="store_true",
                        help="also build the corpus with the peers: Material + mkdocs-bibtex (pruned and not), "
                             "Sphinx (--peers-python), our build on ProperDocs (--properdocs-python)")
    parser.add_argument("--furo", action="store_true", help="with --peers: Sphinx with the furo theme too (slow)")
    parser.add_argument("--no-preview", action="store_true", help="skip the `make serve` edit-to-preview step")
    parser.add_argument("--results", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args(argv)

    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_before = load()
    size = CorpusSize(pages=args.pages, bib_entries=args.bib_entries,
                      articles_per_section=args.articles_per_section)
    with tempfile.TemporaryDirectory(prefix="medkb-bench-") as temporary:
        workdir = Path(temporary)
        peers = Peers(
            # Absolute, not resolved: a venv's python is a link that must keep its place to be that venv's.
            sphinx_python=os.path.abspath(args.peers_python) if args.peers_python else None,
            sphinx_themes=("alabaster", "furo") if args.furo else ("alabaster",),
            properdocs_python=os.path.abspath(args.properdocs_python) if args.properdocs_python else None,
        ) if args.peers else None
        results = measure_corpus(size, workdir, repeat=args.repeat, pdf=not args.no_pdf,
                                 preview=not args.no_preview, own_overhead=True, peers=peers)
        report = [
            f"Corpus: {size.pages} pages in {size.articles} articles, {size.bib_entries} bib entries, "
            f"{size.citations_per_page} citations per page; navigation: "
            + (f"articles grouped {size.articles_per_section} to a section." if size.articles_per_section
               else "every article at the first level."),
            f"Machine: {machine()}.",
            (f"Load average (1, 5, 15 min): {load_before} at the start, {load()} at the end of the main "
            "measurement."),
            "",
            table(results),
        ]
        if not args.no_scaling:
            measured = [
                results if factor == 1 else measure_corpus(
                    CorpusSize(pages=max(8, round(size.pages * factor)),
                               bib_entries=round(size.bib_entries * factor),
                               articles_per_section=size.articles_per_section),
                    workdir, check=False,
                )
                for factor in sorted(float(factor) for factor in args.scaling_factors.split(","))
            ]
            report += ["", ("Growth (bib entries in proportion; one build of each kind per size, "
                       f"{args.repeat} at {size.pages} pages):"), "", scaling_table(measured)]
    text = "\n".join(report)
    article, handbook = results.steps.get("article PDF"), results.steps.get("handbook PDF")
    preview = results.steps.get(PREVIEW)
    summary = (
        f"build_ratio={results.build_ratio:.2f} peer_ratio={results.peer_ratio:.2f} "
        f"preview_s={preview.median('step_s') if preview else math.nan:.2f} "
        f"check_s={results.steps['claim gate'].median('step_s'):.2f} "
        f"article_pdf_s={article.median('step_s') if article else math.nan:.2f} "
        f"handbook_pdf_s={handbook.median('step_s') if handbook else math.nan:.2f}"
    )
    print(text)
    print(summary)
    if args.results:
        command = " ".join(["python -m bench.bench", *(sys.argv[1:] if argv is None else argv)])
        args.results.parent.mkdir(parents=True, exist_ok=True)
        with args.results.open("a", encoding="utf-8") as handle:
            handle.write(f"\n## Run of {started} (`{command}`)\n\n{text}\n\n`{summary}`\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
