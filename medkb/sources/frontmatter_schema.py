"""One schema for the front matter of every page: each key has a type, and nothing else is accepted.

The theme prints front-matter values into every page's navigation, head and attributes: a value of
an unexpected type (a list where text is expected) would be printed raw, and a `template` or
`icon` names a file the theme includes. So every key on every page, article or not, is declared
here with its type and bounds; `template` and `icon` come from allowed sets. The article rules
(required fields, approval) are in medkb/sources/frontmatter.py and read only values that passed this check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medkb.findings import Finding
from medkb.sources.review import REVIEW_STEPS

KIND = "front matter"
PAGE_KINDS = ("site", "article")
ALLOWED_TEMPLATES = ("main.html",)
"""Page templates a page may name: ours (overrides/main.html, extending Material's). Partials and
templates that expect other context end in a traceback or print nothing of the page."""
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
STATUS_VALUES = ("new", "deprecated")
"""Material's page statuses: a class name and an icon, nothing else."""
ICON_NAME = re.compile(r"(?:material|fontawesome/(?:brands|regular|solid)|octicons|simple)/[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_TEXT = {"title": 200, "subtitle": 200, "description": 500, "question": 500, "follow_up": 200}
MAX_NAME = 200
MAX_NOTE = 1000
MAX_ITEMS = 50
MAX_HISTORY = 200

Check = Callable[[object, "SchemaChoices"], "str | None"]


@dataclass(frozen=True)
class SchemaChoices:
    """What the allowed sets are drawn from: the theme's icon folder (None: no icon is allowed)."""

    icons_dir: Path | None = None

    def has_icon(self, name: str) -> bool:
        return (
            self.icons_dir is not None
            and ICON_NAME.fullmatch(name) is not None
            and (self.icons_dir / f"{name}.svg").is_file()
        )


@dataclass(frozen=True)
class FieldSpec:
    meaning: str
    check: Check


def front_matter_findings(
    path: str, meta: dict[str, Any], field_lines: dict[str, int], choices: SchemaChoices | None = None
) -> tuple[list[Finding], set[str]]:
    """Every key that is unknown or whose value has the wrong type, with its line; and those keys."""
    choices = choices or SchemaChoices()
    findings: list[Finding] = []
    bad: set[str] = set()
    for name, value in meta.items():
        spec = FIELDS.get(name)
        problem: str | None
        if spec is None:
            problem = f"unknown field '{_short(name)}'; allowed: {', '.join(FIELDS)}"
        else:
            reason = spec.check(value, choices)
            problem = None if reason is None else f"'{name}' {reason}; expected {spec.meaning}"
        if problem is not None:
            bad.add(name)
            findings.append(Finding(path, field_lines.get(name, 1), KIND, problem))
    return findings, bad


# --- value checks ------------------------------------------------------------------------------


def _text(limit: int) -> Check:
    def check(value: object, _choices: SchemaChoices) -> str | None:
        if not isinstance(value, str):
            return f"is {_type_name(value)}, not text (put quotes around it)"
        if len(value) > limit:
            return f"is {len(value)} characters long; the limit is {limit}"
        return None

    return check


def _one_of(values: Collection[str]) -> Check:
    def check(value: object, _choices: SchemaChoices) -> str | None:
        if isinstance(value, str) and value in values:
            return None
        return f"is {_shown(value)}, which is not allowed"

    return check


def _date(value: object, _choices: SchemaChoices) -> str | None:
    """Dates stay text when read (medkb.sources.frontmatter); the article rules say what is wrong with one."""
    if isinstance(value, str) and len(value) <= 40:
        return None
    return f"is {_type_name(value)}, not a date"


def _names(value: object, _choices: SchemaChoices) -> str | None:
    if isinstance(value, str):
        return _text(MAX_NAME)(value, _choices)
    return _list_of(_text(MAX_NAME), MAX_ITEMS)(value, _choices)


def _list_of(item: Check, limit: int) -> Check:
    def check(value: object, choices: SchemaChoices) -> str | None:
        if not isinstance(value, list):
            return f"is {_type_name(value)}, not a list"
        if len(value) > limit:
            return f"has {len(value)} items; the limit is {limit}"
        for index, entry in enumerate(value, start=1):
            reason = item(entry, choices)
            if reason is not None:
                return f"item {index} {reason}"
        return None

    return check


def _flag(value: object, _choices: SchemaChoices) -> str | None:
    return None if isinstance(value, bool) else f"is {_shown(value)}, not true or false"


def _record(keys: dict[str, Check]) -> Check:
    def check(value: object, choices: SchemaChoices) -> str | None:
        if not isinstance(value, dict):
            return f"is {_type_name(value)}, not a mapping"
        for key, entry in value.items():
            if key not in keys:
                return f"has the unknown key '{_short(str(key))}' (allowed: {', '.join(keys)})"
            reason = keys[key](entry, choices)
            if reason is not None:
                return f"'{key}' {reason}"
        return None

    return check


def _about_entry(value: object, _choices: SchemaChoices) -> str | None:
    """`- Drug: Ketamine`: one pair of short texts (which types are allowed: medkb.render.structured_data)."""
    if isinstance(value, dict) and len(value) == 1:
        ((key, name),) = value.items()
        if isinstance(key, str) and len(key) <= 60 and isinstance(name, str) and len(name) <= MAX_NAME:
            return None
    return "is not one 'Type: name' pair of texts"


def _boost(value: object, _choices: SchemaChoices) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 10:
        return None
    return f"is {_shown(value)}, not a number above 0 and at most 10"


def _icon(value: object, choices: SchemaChoices) -> str | None:
    if isinstance(value, str) and choices.has_icon(value):
        return None
    return f"is {_shown(value)}, not an icon of the theme"


def _type_name(value: object) -> str:
    if value is None:
        return "empty"
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
             dict: "a mapping"}
    return names.get(type(value), f"a {type(value).__name__}")


def _shown(value: object) -> str:
    return f"'{_short(value)}'" if isinstance(value, str) else _type_name(value)


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


FOLLOW_UP_RECORD = _record({"question": _text(MAX_TEXT["follow_up"]), "page": _text(MAX_NAME)})
"""`- question: What dose is used?` and `page: dosing.md`: a question a page of the article answers."""

KEY_TERM_RECORD = _record({"term": _text(80), "means": _text(300), "source": _text(MAX_NAME)})
"""`- term: off-label`, `means: ...`, `source: <bib key>`: a key term explained where a page first uses it."""

HISTORY_RECORD = _record(
    {"date": _date, "status": _one_of([value for value, _ in REVIEW_STEPS]), "by": _text(MAX_NAME),
     "note": _text(MAX_NOTE)}
)

FIELDS: dict[str, FieldSpec] = {
    # every page
    "title": FieldSpec(f"the page title (text, at most {MAX_TEXT['title']} characters)", _text(MAX_TEXT["title"])),
    "description": FieldSpec(f"one sentence describing the page (text, at most {MAX_TEXT['description']} "
                             "characters)", _text(MAX_TEXT["description"])),
    "kind": FieldSpec(f"what the page is: {' or '.join(PAGE_KINDS)}", _one_of(PAGE_KINDS)),
    # article pages
    "question": FieldSpec("the clinical question the article answers (text; the overview page only)",
                          _text(MAX_TEXT["question"])),
    "follow_up": FieldSpec("the questions the article's pages answer next (the overview page only): a list of "
                           "{question, page} records, page a file of the article such as dosing.md",
                           _list_of(FOLLOW_UP_RECORD, MAX_ITEMS)),
    "key_terms": FieldSpec("the article's key terms (the overview page only): a list of {term, means, source} "
                           "records, source the bib key the explanation rests on",
                           _list_of(KEY_TERM_RECORD, MAX_ITEMS)),
    "review_status": FieldSpec("one of " + ", ".join(value for value, _ in REVIEW_STEPS),
                               _one_of([value for value, _ in REVIEW_STEPS])),
    "last_updated": FieldSpec("the date the content last changed (YYYY-MM-DD)", _date),
    "reviewers": FieldSpec(f"the medical reviewers (a list of at most {MAX_ITEMS} names)", _names),
    "reviewed_on": FieldSpec("the date of the last medical review (YYYY-MM-DD)", _date),
    "next_review": FieldSpec("the date the page is due for review again (YYYY-MM-DD)", _date),
    "review_history": FieldSpec("a list of {date, status, by, note} records",
                                _list_of(HISTORY_RECORD, MAX_HISTORY)),
    "authors": FieldSpec(f"the authors (a list of at most {MAX_ITEMS} names)", _names),
    "about": FieldSpec("what the article is about, for search engines: a list of 'Type: name' "
                       "(e.g. '- Drug: Ketamine')", _list_of(_about_entry, MAX_ITEMS)),
    # the theme's keys
    "subtitle": FieldSpec(f"a short text (at most {MAX_TEXT['subtitle']} characters)", _text(MAX_TEXT["subtitle"])),
    "template": FieldSpec("one of " + ", ".join(ALLOWED_TEMPLATES), _one_of(ALLOWED_TEMPLATES)),
    "icon": FieldSpec("a Material icon name such as material/pill (one of the theme's icons)", _icon),
    "status": FieldSpec("one of " + ", ".join(STATUS_VALUES), _one_of(STATUS_VALUES)),
    "hide": FieldSpec("a list of: " + ", ".join(HIDE_VALUES), _list_of(_one_of(HIDE_VALUES), len(HIDE_VALUES))),
    "search": FieldSpec("a mapping with 'exclude: true' or 'boost: <number>'",
                        _record({"exclude": _flag, "boost": _boost})),
    "tags": FieldSpec(f"a list of at most {MAX_ITEMS} short texts", _list_of(_text(60), MAX_ITEMS)),
    "comments": FieldSpec("true or false", _flag),
}
