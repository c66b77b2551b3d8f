"""Labelled pages for the claim gate: each page's sentences with a person's label, and the rule's verdicts.

A labelled set is a folder of `NAME.md` pages with `NAME.labels` beside them, one line per
sentence written by the person who labelled it: `LINE<TAB>claim|nonclaim<TAB>SENTENCE` (the
real-world set adds a `cited|uncited` column after LINE). The rule's sentence holding the start
of a labelled sentence gives its verdict, so the figures do not depend on both splitting alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from medkb.checks.claims import Judged, claim_report, page_kind
from medkb.sources.frontmatter import FrontMatterError, read_front_matter

CITATION = re.compile(r"\[@[^\[\]\n]*\]")


@dataclass(frozen=True)
class Labelled:
    page: str
    line: int
    label: str
    """claim or nonclaim, as the labeller judged the sentence."""
    cited: bool
    """The sentence as the labeller delimited it carries a citation."""
    text: str
    verdict: str
    """The rule's verdict on the sentence holding it: 'uncited claim', 'cited' or an exemption."""

    @property
    def flagged(self) -> bool:
        return self.verdict == "uncited claim"


def judge_page(path: Path, *, in_article: bool = True) -> list[Judged]:
    text = path.read_text(encoding="utf-8")
    try:
        kind = read_front_matter(text).data.get("kind")
    except FrontMatterError:
        kind = None  # a page's broken front matter is the front-matter check's finding, not the claim rule's
    return claim_report(path.name, text, page_kind(in_article and kind is None, kind)).judged


def labelled_set(folder: Path) -> list[Labelled]:
    """Every labelled sentence of every page in `folder`, with the rule's verdict."""
    found: list[Labelled] = []
    for labels in sorted(folder.glob("*.labels")):
        page = labels.with_suffix(".md")
        text = page.read_text(encoding="utf-8")
        line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        judged = judge_page(page)
        for row in labels.read_text(encoding="utf-8").splitlines():
            if not row.strip():
                continue
            parts = row.split("\t")
            if len(parts) == 4:
                line, cited_column, label, sentence = parts
                cited = cited_column == "cited"
            else:
                line, label, sentence = parts[0], parts[1], "\t".join(parts[2:])
                cited = CITATION.search(sentence) is not None
            number = int(line)
            offset = _offset_of(text, line_starts, number, sentence)
            verdict = _verdict_at(judged, offset)
            found.append(Labelled(page.name, number, label.strip(), cited, sentence, verdict))
    return found


def _offset_of(text: str, line_starts: list[int], line: int, sentence: str) -> int:
    start = line_starts[line - 1]
    end = line_starts[line] if line < len(line_starts) else len(text)
    probe = sentence.strip()[:24]
    while probe:
        found = text.find(probe, start, end)
        if found != -1:
            return found
        probe = probe[: len(probe) // 2]
    return start + len(text[start:end]) - len(text[start:end].lstrip())


def _verdict_at(judged: list[Judged], offset: int) -> str:
    holding = [item for item in judged if item.sentence.start <= offset < item.sentence.end]
    if holding:
        return holding[0].verdict
    after = [item for item in judged if item.sentence.start >= offset]
    return after[0].verdict if after else "not examined"


@dataclass(frozen=True)
class Figures:
    sentences: int
    uncited_claims: int
    found: int
    nonclaims: int
    false_flags: int

    @property
    def recall(self) -> float:
        return self.found / self.uncited_claims if self.uncited_claims else 1.0

    @property
    def false_flags_per_25(self) -> float:
        return 25 * self.false_flags / self.sentences if self.sentences else 0.0

    def __str__(self) -> str:
        return (f"{self.sentences} sentences: uncited claims found {self.found}/{self.uncited_claims} "
                f"({100 * self.recall:.1f}%); non-claims flagged {self.false_flags}/{self.nonclaims}, "
                f"{self.false_flags_per_25:.2f} per 25 sentences")


def figures(items: list[Labelled]) -> Figures:
    uncited = [item for item in items if item.label == "claim" and not item.cited]
    nonclaims = [item for item in items if item.label == "nonclaim"]
    return Figures(len(items), len(uncited), sum(item.flagged for item in uncited), len(nonclaims),
                   sum(item.flagged for item in nonclaims))


DATA = Path(__file__).parent / "data" / "claims"
VERDICTS = DATA / "verdicts.tsv"
SETS = ("corpus", "dev", "holdout", "realworld")
"""corpus: pages written for the earlier paragraph rule, labels carried to sentences (a claim
paragraph of several sentences is 'unit-claim': which of its sentences claim is not known);
dev: written blind, read while building the rule; holdout: written blind, measured once, never
read; realworld: a published review section with its own citations."""


def verdict_rows() -> list[str]:
    """Every judged sentence of every set: set/page, line, label, verdict, the sentence's start."""
    rows: list[str] = []
    for name in SETS:
        folder = DATA / name
        if not folder.is_dir():
            continue
        labelled = {(item.page, item.line, item.text[:24]): item.label for item in labelled_set(folder)}
        labels_by_line: dict[tuple[str, int], str] = {}
        for (page, line, _text), label in labelled.items():
            labels_by_line.setdefault((page, line), label)
        for page in sorted(folder.glob("*.md")):
            for judged in judge_page(page):
                label = labels_by_line.get((page.name, judged.sentence.line), "-")
                rows.append("\t".join((f"{name}/{page.name}", str(judged.sentence.line), label,
                                       judged.verdict, judged.plain[:90])))
    return rows


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--write"]:
        VERDICTS.write_text("set/page\tline\tlabel\tverdict\tsentence\n" + "\n".join(verdict_rows()) + "\n",
                            encoding="utf-8")
        print(f"wrote {VERDICTS}")
    else:
        for name in SETS:
            if (DATA / name).is_dir():
                print(f"{name}: {figures([i for i in labelled_set(DATA / name) if i.label in ('claim', 'nonclaim')])}")
