"""`make bench`: time and memory of our build against a plain Material build of the same corpus.

Everything is measured in one run on one generated corpus, because these machines are noisy:
the figures that matter are ratios. Each measurement runs in a child process; its CPU-independent
wall time and its own peak memory (from wait4's resource usage) are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from medkb.corpus import CorpusSize, generate, make_baseline

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Measurement:
    name: str
    seconds: float
    peak_mib: float
    output_bytes: int | None = None
    inner_seconds: float | None = None
    """The step's own time as the child measured it (no interpreter start-up, no imports)."""

    @property
    def figure(self) -> float:
        return self.inner_seconds if self.inner_seconds is not None else self.seconds


def run_measured(name: str, command: list[str], *, cwd: Path, output: Path | None = None) -> Measurement:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    log = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{name} failed (exit {process.returncode}):\n{log.decode(errors='replace')[-4000:]}")
    size = folder_size(output) if output is not None else None
    inner = re.search(rb"^(?:CPU|seconds) ([0-9.]+)$", log, re.MULTILINE)
    return Measurement(name, seconds, usage.ru_maxrss / 1024, size, float(inner.group(1)) if inner else None)


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def mkdocs_build(project: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", "site"]


CHECK_SCRIPT = """
import time, sys
from pathlib import Path
from medkb.project import check_project
root = Path.cwd()
start = time.process_time()
report = check_project(root, root / "docs", root / "bib")
seconds = time.process_time() - start
if report.errors:
    sys.exit("\\n".join(finding.format() for finding in report.errors[:20]))
print(f"CPU {seconds:.3f}")
"""

REBUILD_SCRIPT = """
import time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
page = sorted(Path("docs").glob("topic-0000/*.md"))[1]
times = []
for attempt in range(2):
    config = load_config("mkdocs.yml", site_dir="site-serve")
    start = time.perf_counter()
    build(config, dirty=False)
    times.append(time.perf_counter() - start)
    page.write_text(page.read_text() + "\\nSee the dosing section for details.\\n")
print(f"first {times[0]:.3f} rebuild {times[1]:.3f}")
"""

PDF_SCRIPT = """
import sys, time
from pathlib import Path
from medkb.pdf import export_pdfs
kind = sys.argv[1]
root = Path.cwd()
start = time.perf_counter()
if kind == "article":
    export_pdfs(root / "site", root / "pdf-out", config_file=root / "mkdocs.yml", articles=["topic-0000"],
                handbook=False)
else:
    export_pdfs(root / "site", root / "pdf-out", config_file=root / "mkdocs.yml", articles=[], handbook=True)
print(f"seconds {time.perf_counter() - start:.3f}")
"""


def measure_corpus(size: CorpusSize, workdir: Path, *, pdf: bool, rebuild: bool) -> dict[str, Measurement]:
    project = generate(workdir / f"project-{size.pages}", size, repo=REPO)
    baseline = make_baseline(project, workdir / f"baseline-{size.pages}")
    results: dict[str, Measurement] = {}
    results["baseline build"] = run_measured("baseline build", mkdocs_build(baseline), cwd=baseline,
                                             output=baseline / "site")
    results["full build"] = run_measured("full build", mkdocs_build(project), cwd=project, output=project / "site")
    results["claim gate"] = run_measured("claim gate", [sys.executable, "-c", CHECK_SCRIPT], cwd=project)
    if pdf:
        results["article PDF"] = run_measured("article PDF", [sys.executable, "-c", PDF_SCRIPT, "article"],
                                              cwd=project)
        results["handbook PDF"] = run_measured("handbook PDF", [sys.executable, "-c", PDF_SCRIPT, "handbook"],
                                               cwd=project)
    if rebuild:
        results["serve-style rebuild"] = run_measured(
            "serve-style rebuild", [sys.executable, "-c", REBUILD_SCRIPT], cwd=project
        )
    return results


def table(results: dict[str, Measurement], pages: int) -> str:
    lines = ["| step | process seconds | step seconds | peak memory (MiB) | output (MB) | output per page (KB) |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for result in results.values():
        output = f"{result.output_bytes / 1e6:.1f}" if result.output_bytes is not None else ""
        per_page = f"{result.output_bytes / 1e3 / pages:.1f}" if result.output_bytes is not None else ""
        inner = f"{result.inner_seconds:.2f}" if result.inner_seconds is not None else ""
        lines.append(f"| {result.name} | {result.seconds:.2f} | {inner} | {result.peak_mib:.0f} | {output} | "
                     f"{per_page} |")
    return "\n".join(lines)


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, " \
           f"Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--bib-entries", type=int, default=2000)
    parser.add_argument("--scaling", action="store_true", help="also build 250, 500, 1000 and 2000 pages")
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--results", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="medkb-bench-") as temporary:
        workdir = Path(temporary)
        size = CorpusSize(pages=args.pages, bib_entries=args.bib_entries)
        results = measure_corpus(size, workdir, pdf=not args.no_pdf, rebuild=True)
        report = [f"Corpus: {size.pages} pages in {size.articles} articles, {size.bib_entries} bib entries, "
                  f"{size.citations_per_page} citations per page. Machine: {machine()}.", "",
                  table(results, size.pages)]
        scaling: list[str] = []
        if args.scaling:
            scaling = ["", "| pages | baseline s | full s | ratio | full output MB | s per 1,000 pages |",
                       "| ---: | ---: | ---: | ---: | ---: | ---: |"]
            for pages in (250, 500, 1000, 2000):
                grown = CorpusSize(pages=pages, bib_entries=max(pages * 2, 500))
                measured = measure_corpus(grown, workdir, pdf=False, rebuild=False)
                base, full = measured["baseline build"], measured["full build"]
                scaling.append(f"| {pages} | {base.seconds:.2f} | {full.seconds:.2f} | "
                               f"{full.seconds / base.seconds:.2f} | {(full.output_bytes or 0) / 1e6:.1f} | "
                               f"{full.seconds / pages * 1000:.1f} |")
        base, full = results["baseline build"], results["full build"]
        article = results.get("article PDF")
        handbook = results.get("handbook PDF")
        summary = (f"build_ratio={full.seconds / base.seconds:.2f} check_s={results['claim gate'].figure:.2f} "
                   f"article_pdf_s={article.figure if article else float('nan'):.2f} "
                   f"handbook_pdf_s={handbook.figure if handbook else float('nan'):.2f}")
        text = "\n".join(report + scaling)
        print(text)
        print(summary)
        if args.results:
            stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
            with args.results.open("a", encoding="utf-8") as handle:
                handle.write(f"\n## Run of {stamp}\n\n{text}\n\n`{summary}`\n")
        print(json.dumps({name: vars(result) for name, result in results.items()}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
