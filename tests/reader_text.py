"""What readers must never see of our bookkeeping, looked for in the text of a page, a preview or a PDF."""

from __future__ import annotations

import re

from medkb.sources.bibliography import Bibliography

BOOKKEEPING_PHRASES = (
    "Bibliographic details not yet confirmed",
    "not confirmed with the search tools",
    "Retraction notice: Retracted",
    "Retraction notice: Retraction notice",
    "Semantic Scholar",
    "CORD-19",
)


def working_notes(text: str, bibliography: Bibliography) -> list[str]:
    """Each piece of editors' bookkeeping found in `text`: working notes of entries, their keys, the
    phrases of our notes, and the double full stops of names ending in one ('Inc..')."""
    text = " ".join(text.replace("\u00a0", " ").split())
    found = [phrase for phrase in BOOKKEEPING_PHRASES if phrase in text]
    for reference in bibliography.references.values():
        note = " ".join(reference.unconfirmed.split())
        if note and note[:40] in text:
            found.append(f"the working note of {reference.key}: {note[:40]}")
        if re.search(rf"(?<![\w/#:-]){re.escape(reference.key)}(?![\w-])", text):
            found.append(f"the key {reference.key}")
    found.extend(f"double full stop: …{match.group(0)}" for match in re.finditer(r"\w{1,20}\.\.(?!\.)", text))
    return found
