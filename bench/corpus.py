"""A synthetic knowledge base for benchmarks: articles of section pages that pass every rule.

Each page has realistic front matter, about 50 lines in hard-wrapped cited paragraphs, lists and
a table, and cites its share of a large bibliography. The same corpus, with citations removed
and without our hooks, is the baseline: a plain Material for MkDocs site. The peers a user would
pick instead get the same pages: Material with mkdocs-bibtex configured as its documentation shows
(`make_bibtex_peer`), and Sphinx with myst-parser and sphinxcontrib-bibtex, each citation a MyST role
(`make_sphinx_peer`).
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

DRUGS = ("metformin", "lisinopril", "atorvastatin", "amoxicillin", "salbutamol", "sertraline",
         "apixaban", "levothyroxine", "omeprazole", "furosemide", "prednisolone", "insulin glargine")
CONDITIONS = ("type 2 diabetes", "hypertension", "heart failure", "asthma", "community-acquired pneumonia",
              "major depression", "atrial fibrillation", "hypothyroidism", "chronic kidney disease", "COPD")
OUTCOMES = ("mortality", "hospital admission", "symptom scores", "HbA1c", "systolic blood pressure",
            "exacerbation rate", "quality of life", "relapse")
SURNAMES = ("smith", "garcia", "chen", "okafor", "muller", "rossi", "tanaka", "kowalski", "nguyen", "haddad")
EVIDENCE = ("rct", "meta-analysis", "systematic-review", "cohort", "guideline", "review")
SECTION_NAMES = ("Mechanism", "Efficacy", "Dosing", "Safety", "Monitoring", "Special populations",
                 "Comparisons", "Limitations")
CITATION = re.compile(r"\[@[^\]]+\]")
CITED_KEYS = re.compile(r"\[@(?P<keys>[^\]]+)\]")
SPHINX_THEMES = ("alabaster", "furo")


@dataclass(frozen=True)
class CorpusSize:
    pages: int = 1000
    pages_per_article: int = 8
    bib_entries: int = 2000
    citations_per_page: int = 5
    articles_per_section: int = 10
    """Articles grouped this many to a navigation section ("Specialty 1", ...), as a knowledge base of
    hundreds of articles groups them (by specialty) and as its readers expect: a page's sidebar lists the
    sections, the articles of its own section and the pages of its own article, so a page's size stays
    nearly the same however many articles the site has. 0: every article at the first level, each page
    listing every article (its size grows with the site: bench/RESULTS.md)."""

    @property
    def articles(self) -> int:
        return max(1, self.pages // self.pages_per_article)


def bib_key(index: int) -> str:
    return f"{SURNAMES[index % len(SURNAMES)]}{1990 + index % 35}trial{index}"


def write_bibliography(path: Path, entries: int, rng: random.Random) -> list[str]:
    keys: list[str] = []
    chunks: list[str] = []
    for index in range(entries):
        key = bib_key(index)
        keys.append(key)
        drug, condition = rng.choice(DRUGS), rng.choice(CONDITIONS)
        chunks.append(
            f"@article{{{key},\n"
            f"  author = {{{SURNAMES[index % 10].title()}, Anna and Lee, Brian and Patel, Chandra}},\n"
            f"  title = {{Effect of {drug} on {rng.choice(OUTCOMES)} in {condition}: trial {index}}},\n"
            f"  journal = {{Journal of Clinical Benchmarks}},\n"
            f"  year = {{{1990 + index % 35}}},\n"
            f"  volume = {{{index % 90 + 1}}},\n"
            f"  number = {{{index % 12 + 1}}},\n"
            f"  pages = {{{index % 900 + 1}--{index % 900 + 9}}},\n"
            f"  doi = {{10.5555/bench.{index:05d}}},\n"
            f"  pmid = {{{30000000 + index}}},\n"
            f"  evidence_type = {{{EVIDENCE[index % len(EVIDENCE)]}}},\n"
            + (f"  version_date = {{{1990 + index % 35}}},\n" if EVIDENCE[index % len(EVIDENCE)] == "guideline" else "")
            + "}\n"
        )
    path.write_text("\n".join(chunks), encoding="utf-8")
    return keys


def claim_paragraph(rng: random.Random, key: str) -> list[str]:
    """A hard-wrapped paragraph of two clinical claims, each cited at its end."""
    drug, condition, outcome = rng.choice(DRUGS), rng.choice(CONDITIONS), rng.choice(OUTCOMES)
    dose = rng.choice((5, 10, 20, 40, 80, 500, 1000))
    percent = rng.randint(5, 60)
    return [
        f"In adults with {condition}, {drug} {dose} mg daily reduced {outcome} by {percent}% compared",
        f"with placebo over {rng.randint(8, 104)} weeks in a randomised trial of {rng.randint(80, 4000)}",
        f"participants, with a hazard ratio of 0.{rng.randint(50, 95)} (95% CI 0.{rng.randint(30, 49)} to",
        f"0.{rng.randint(96, 99)}).[@{key}] Adverse events led to discontinuation in {rng.randint(2, 15)}% of patients",
        f"on {drug}, and the benefit was consistent across age groups, sexes and baseline",
        f"risk, although the trial excluded patients with severe renal impairment.[@{key}]",
    ]


def front_matter(rng: random.Random, title: str, *, overview: bool, question: str, condition: str,
                 drug: str) -> dict[str, object]:
    """Front matter as our pages carry it: a third of the pages approved, with reviewers and history."""
    front: dict[str, object] = {
        "title": title,
        "description": f"{title}: evidence summary for clinicians.",
    }
    if overview:
        front["question"] = question
    status = rng.choice(("submitted", "under_review", "approved"))
    front["review_status"] = status
    front["last_updated"] = "2025-06-01"
    front["authors"] = ["A. Author", "B. Writer"]
    if status == "approved":
        front["reviewers"] = ["Dr C. Reviewer", "Dr D. Checker"]
        front["reviewed_on"] = "2025-06-01"
        front["next_review"] = "2027-06-01"
        front["review_history"] = [
            {"date": "2025-03-01", "status": "submitted", "by": "A. Author", "note": "First draft"},
            {"date": "2025-06-01", "status": "approved", "by": "Dr C. Reviewer", "note": "Checked against sources"},
        ]
    if overview:
        front["about"] = [{"MedicalCondition": condition.capitalize()}, {"Drug": drug.capitalize()}]
    return front


def page_text(rng: random.Random, title: str, keys: list[str], *, overview: bool, question: str,
              condition: str = "hypertension", drug: str = "lisinopril") -> str:
    front = front_matter(rng, title, overview=overview, question=question, condition=condition, drug=drug)
    lines = ["---", yaml.safe_dump(front, sort_keys=False).strip(), "---", ""]
    for number, key in enumerate(keys):
        lines += [f"## Evidence {number + 1}", ""] if number % 2 == 0 else []
        lines += claim_paragraph(rng, key) + [""]
        if number == 2:
            lines += [
                "| Outcome | Drug | Effect |",
                "| --- | --- | --- |",
                f"| {rng.choice(OUTCOMES)} | {rng.choice(DRUGS)} | risk ratio 0.{rng.randint(60, 95)}[@{key}] |",
                "",
            ]
    lines += ["See the [overview](index.md) for dosing and safety.", ""]
    return "\n".join(lines)


def generate(root: Path, size: CorpusSize, *, repo: Path, seed: int = 7) -> Path:
    """Write a full project (docs/, bib/, mkdocs.yml, hooks/, overrides/) into `root`."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    (root / "bib").mkdir()
    for part in ("hooks", "overrides"):
        shutil.copytree(repo / part, root / part)
    keys = write_bibliography(root / "bib" / "bench.bib", size.bib_entries, rng)
    for name in ("index.md", "editorial-policy.md"):
        shutil.copy(repo / "docs" / name, root / "docs" / name)

    nav: list[object] = ["index.md"]
    cursor = 0
    page_count = 0
    for article in range(size.articles):
        slug = f"topic-{article:04d}"
        folder = root / "docs" / slug
        folder.mkdir()
        condition = CONDITIONS[article % len(CONDITIONS)]
        question = f"What is the role of {DRUGS[article % len(DRUGS)]} in {condition} (topic {article})?"
        entries: list[str] = []
        for section in range(size.pages_per_article):
            if page_count >= size.pages:
                break
            name = "index.md" if section == 0 else f"{SECTION_NAMES[section % len(SECTION_NAMES)].lower().replace(' ', '-')}.md"
            title = f"Topic {article}: overview" if section == 0 else f"Topic {article}: {SECTION_NAMES[section % 8]}"
            page_keys = [keys[(cursor + offset) % len(keys)] for offset in range(size.citations_per_page)]
            cursor += size.citations_per_page
            (folder / name).write_text(
                page_text(rng, title, page_keys, overview=section == 0, question=question, condition=condition,
                          drug=DRUGS[article % len(DRUGS)]),
                encoding="utf-8",
            )
            entries.append(f"{slug}/{name}")
            page_count += 1
        nav.append({f"Topic {article}": entries})
    if size.articles_per_section:
        articles = nav[1:]
        nav = ["index.md"] + [
            {f"Specialty {number + 1}": articles[start : start + size.articles_per_section]}
            for number, start in enumerate(range(0, len(articles), size.articles_per_section))
        ]
    nav.append("editorial-policy.md")

    # The project's own mkdocs.yml, inherited whole (tags such as !ENV included); only the nav differs.
    shutil.copy(repo / "mkdocs.yml", root / "base.yml")
    config = {"INHERIT": "base.yml", "site_name": "Benchmark knowledge base", "nav": nav}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


def make_baseline(project: Path, baseline: Path, *, navigation_cache: bool = False) -> Path:
    """The same pages as a plain Material site: no citations, no hooks, no bibtex, no overrides.

    navigation_cache: with our one change to how Material renders the navigation (hooks/navigation_cache.py,
    overrides/partials/nav.html and nav-item.html), and nothing else of ours: what the rest of our build
    costs is
    measured against this.
    """
    if baseline.exists():
        shutil.rmtree(baseline)
    shutil.copytree(project / "docs", baseline / "docs")
    for page in (baseline / "docs").rglob("*.md"):
        page.write_text(CITATION.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copy(project / "base.yml", baseline / "base.yml")
    (baseline / "no-overrides").mkdir()
    hooks: list[str] = []
    if navigation_cache:
        (baseline / "no-overrides" / "partials").mkdir()
        for template in ("nav.html", "nav-item.html"):
            shutil.copy(project / "overrides" / "partials" / template, baseline / "no-overrides" / "partials")
        (baseline / "hooks").mkdir()
        shutil.copy(project / "hooks" / "navigation_cache.py", baseline / "hooks")
        hooks = ["hooks/navigation_cache.py"]
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update({"hooks": hooks, "plugins": ["search"], "theme": {"custom_dir": "no-overrides"}})
    (baseline / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return baseline


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: an `!ENV [NAME, default]` tag is read as its default."""


_TolerantLoader.add_constructor(
    "!ENV", lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None
)


def make_bibtex_peer(project: Path, peer: Path, *, prune: bool) -> Path:
    """The same pages, citations kept, as a Material site with mkdocs-bibtex configured as its documentation
    shows (`bib_file`, the footnotes extension, a bibliography on every page by default): no hooks and no
    overrides of ours. prune: with Material's `navigation.prune`, as our build has it; without it, as
    Material's default (every page embeds the whole navigation)."""
    if peer.exists():
        shutil.rmtree(peer)
    shutil.copytree(project / "docs", peer / "docs")
    shutil.copytree(project / "bib", peer / "bib")
    shutil.copy(project / "base.yml", peer / "base.yml")
    base = yaml.load((project / "base.yml").read_text(encoding="utf-8"), _TolerantLoader)
    features = [feature for feature in base["theme"]["features"] if prune or feature != "navigation.prune"]
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    (peer / "no-overrides").mkdir()
    config.update({
        "hooks": [],
        "plugins": ["search", {"bibtex": {"bib_file": "bib/bench.bib"}}],
        "theme": {"custom_dir": "no-overrides", "features": features},
    })
    (peer / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return peer


def make_sphinx_peer(project: Path, peer: Path, *, theme: str = "alabaster") -> Path:
    """The same pages as a Sphinx project (myst-parser, sphinxcontrib-bibtex, `theme`), nothing of ours.

    Each `[@a; @b]` becomes the MyST role `{footcite:p}`a,b``` and each page ends with a
    `{footbibliography}`: sphinxcontrib-bibtex's documented way to a reference list per page, as ours
    has. The navigation is the same tree: the home page's toctrees list the articles by section
    (`caption`), each article's overview the article's other pages.
    """
    if theme not in SPHINX_THEMES:
        raise ValueError(f"unknown theme {theme!r}: one of {', '.join(SPHINX_THEMES)}")
    if peer.exists():
        shutil.rmtree(peer)
    source = peer / "source"
    source.mkdir(parents=True)
    shutil.copy(project / "bib" / "bench.bib", source / "bench.bib")
    nav = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    home = ["# Benchmark knowledge base", ""]
    for entry in nav:
        if not isinstance(entry, dict):
            continue
        ((name, children),) = entry.items()
        grouped = isinstance(children[0], dict)  # a section of articles, or one article at the first level
        articles = children if grouped else [entry]
        caption = name if grouped else None
        home += ["```{toctree}", ":maxdepth: 1"] + ([f":caption: {caption}"] if caption else []) + [""]
        for article in articles:
            ((_title, pages),) = article.items()
            overview, *sections = pages
            home.append(overview.removesuffix(".md"))
            folder = PurePosixPath(overview).parent
            toctree = ["", "```{toctree}", ":hidden:", ""] + [
                str(PurePosixPath(page).relative_to(folder)).removesuffix(".md") for page in sections
            ] + ["```", ""]
            for page in pages:
                text = (project / "docs" / page).read_text(encoding="utf-8")
                text = _with_myst_citations(text) + "\n```{footbibliography}\n```\n"
                if page == overview:
                    text += "\n".join(toctree)
                (source / page).parent.mkdir(parents=True, exist_ok=True)
                (source / page).write_text(text, encoding="utf-8")
        home += ["```", ""]
    (source / "index.md").write_text("\n".join(home), encoding="utf-8")
    (source / "conf.py").write_text(
        "project = 'Benchmark knowledge base'\n"
        "extensions = ['myst_parser', 'sphinxcontrib.bibtex']\n"
        "bibtex_bibfiles = ['bench.bib']\n"
        "myst_title_to_header = True  # the front matter's title as the page's heading, as MkDocs shows it\n"
        f"html_theme = '{theme}'\n",
        encoding="utf-8",
    )
    return peer


def _with_myst_citations(markdown: str) -> str:
    """`[@a; @b]` as `{footcite:p}`a,b``; the page's own link to its overview kept."""

    def role(match: re.Match[str]) -> str:
        keys = ",".join(key.strip().removeprefix("@") for key in match.group("keys").split(";"))
        return f"{{footcite:p}}`{keys}`"

    return CITED_KEYS.sub(role, markdown)
