"""The claim gate's word lists, read once from `rules.toml` (data, not code)."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

RULES_FILE = Path(__file__).with_name("rules.toml")


@dataclass(frozen=True)
class Vocabulary:
    exempt_headings: frozenset[str]
    correction_boxes: frozenset[str]
    abbreviations: frozenset[str]
    continues_after: frozenset[str]
    pointer_verbs: frozenset[str]
    pointer_words: frozenset[str]
    page_nouns: frozenset[str]
    page_verbs: frozenset[str]
    covered_words: frozenset[str]
    units: tuple[str, ...]
    effect_sizes: tuple[str, ...]
    drugs: frozenset[str]
    drug_stems: tuple[str, ...]
    effect_verbs: frozenset[str]


@functools.cache
def vocabulary() -> Vocabulary:
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    structure, sentences, pointers, signals = (
        data["structure"], data["sentences"], data["pointers"], data["signals"]
    )
    return Vocabulary(
        exempt_headings=frozenset(heading.lower() for heading in structure["exempt_headings"]),
        correction_boxes=frozenset(structure["correction_boxes"]),
        abbreviations=frozenset(word.lower() for word in sentences["abbreviations"]),
        continues_after=frozenset(word.lower() for word in sentences["continues_after"]),
        pointer_verbs=frozenset(pointers["verbs"]),
        pointer_words=frozenset(pointers["words"]),
        page_nouns=frozenset(pointers["page_nouns"]),
        page_verbs=frozenset(pointers["page_verbs"]),
        covered_words=frozenset(pointers["covered_words"]),
        units=tuple(signals["units"]),
        effect_sizes=tuple(signals["effect_sizes"]),
        drugs=frozenset(signals["drugs"]),
        drug_stems=tuple(signals["drug_stems"]),
        effect_verbs=frozenset(signals["effect_verbs"]),
    )
