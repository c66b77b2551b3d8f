"""Hard signals: what makes a sentence on a site page (home, policy, about) a claim.

On clinical pages every sentence is a claim; on pages that declare `kind: site` only a
sentence carrying one of these needs a source: a figure with a clinical unit, a rate, an
effect size, or a named drug with an effect.
"""

from __future__ import annotations

import functools
import re

from medkb.checks.claims.vocabulary import vocabulary

NUMBER = r"(?<![\w.,])\d+(?:[.,]\d+)*"
WORD = re.compile(r"[a-zA-Z][a-zA-Z-]*")


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    words = vocabulary()
    units = "|".join(sorted((re.escape(unit) for unit in words.units), key=len, reverse=True))
    sizes = "|".join(sorted((re.escape(size) for size in words.effect_sizes), key=len, reverse=True))
    return (
        ("a figure with a unit", re.compile(
            rf"""(?x)
            {NUMBER}                # 0.5, 1,000, 40
            [ \t]?(?:{units})       # mg/kg, %, mmHg ...
            (?![a-zA-Z])            # a whole unit, not the start of a word
            """)),
        ("a rate", re.compile(
            rf"""(?x)
              {NUMBER}[ \t]+(?:in|of|out[ \t]+of)[ \t]+(?:every[ \t]+)?{NUMBER}   # 3 in 10, 12 of 40
            | \bper[ \t]+(?:{NUMBER}|hundred|thousand|million)\b                  # per 1,000
            | {NUMBER}[ \t]?(?:-[ \t]?)?(?:fold|times)\b                          # 2-fold, 3 times
            """)),
        ("an effect size", re.compile(
            rf"""(?x)
              \b(?:{sizes})\b                       # OR, hazard ratio, 95% CI ...
            | \b[pdr][ \t]?[=<>≤≥][ \t]?[-−]?\.?\d   # p < 0.05, d = 0.8, r = .3
            """)),
    )


def hard_signal(plain: str) -> tuple[str, str] | None:
    """(what kind of signal, the text that shows it), or None."""
    for name, pattern in _patterns():
        if match := pattern.search(plain):
            return name, match.group(0).strip()
    words = vocabulary()
    tokens = [token.lower() for token in WORD.findall(plain)]
    drug = next((token for token in tokens if _is_drug(token, words.drugs, words.drug_stems)), None)
    if drug is not None and any(token in words.effect_verbs for token in tokens):
        return "a named drug with an effect", drug
    return None


def _is_drug(token: str, drugs: frozenset[str], stems: tuple[str, ...]) -> bool:
    return token in drugs or any(token.endswith(stem) and len(token) > len(stem) + 3 for stem in stems)
