"""Front matter: read it with line numbers (bounded, without YAML aliases), and the article rules.

Every key's type on every page is checked by medkb.sources.frontmatter_schema. Article pages (any page
inside an article folder under docs/) must carry the review fields, checked here; site pages at the
top of docs/ (home, editorial policy) need only what they use.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from medkb.findings import Finding
from medkb.sources.review import REVIEW_STEPS, STATUS_LABELS

MAX_FRONT_MATTER_CHARS = 16 * 1024
MAX_DEPTH = 8
"""review_history is three levels deep (list, record, value); a deeper value is no field of ours."""
MAX_VALUES = 4000
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
EDITORIAL_NOTE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+editorial\b", re.MULTILINE)

REVIEW_STATUS_CHOICES = "one of " + ", ".join(value for value, _ in REVIEW_STEPS)
DATE_FIELDS = ("last_updated", "reviewed_on", "next_review")


@dataclass
class FrontMatter:
    data: dict[str, Any]
    field_lines: dict[str, int]
    body_start_line: int
    """1-based line of the first body line (after the closing '---')."""


@dataclass(frozen=True)
class HistoryRecord:
    date: dt.date
    status: str
    by: str
    note: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass
class PageReview:
    """The checked review fields of an article page, as the templates use them."""

    title: str
    review_status: str
    last_updated: dt.date
    question: str = ""
    description: str = ""
    reviewers: tuple[str, ...] = ()
    reviewed_on: dt.date | None = None
    next_review: dt.date | None = None
    history: tuple[HistoryRecord, ...] = field(default=())

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.review_status]


class _TextDatesLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so '2025-13-01' becomes a finding rather than a crash."""


class _FastTextDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same, parsed by libyaml (7 times faster): front matter is read for every page of every build.

    Values come from the same Python resolver and constructor; a front matter libyaml refuses is read
    again by `_TextDatesLoader`, whose error messages (and lines) the findings quote.
    """


_TextDatesLoader.yaml_implicit_resolvers = _FastTextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_front_matter(text: str) -> FrontMatter:
    """The YAML block at the top of a page; raises FrontMatterError (with a line) when it does not parse."""
    match = FRONT_MATTER.match(text)
    if match is None:
        if text.startswith("---"):
            raise FrontMatterError(1, "front matter opened with '---' is never closed with a second '---'")
        return FrontMatter({}, {}, 1)
    source = match.group("yaml") or ""
    _check_shape(source)
    try:
        try:
            node, data = _load(_FastTextDatesLoader, source)
        except yaml.YAMLError:
            node, data = _load(_TextDatesLoader, source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(line, f"front matter is not valid YAML: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(2, "front matter must be a mapping of 'field: value' lines")
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _value_node in node.value:
            name, line = str(key_node.value), key_node.start_mark.line + 2
            if name in lines:
                raise FrontMatterError(line, f"'{name}' is given twice (lines {lines[name]} and {line}); "
                                             "keep one")
            lines[name] = line
    body_start = text.count("\n", 0, match.end()) + 1
    return FrontMatter({str(key): value for key, value in data.items()}, lines, body_start)


def _check_shape(source: str) -> None:
    """Refuse what could make reading or printing the front matter expensive, before any value is built:
    anchors and aliases (a few hundred bytes can stand for gigabytes once printed), deep nesting
    (recursion in the YAML constructor) and sheer size. Read as a flat stream of parser events."""
    if len(source) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(2, f"front matter is {len(source) // 1024} KB; the limit is "
                                  f"{MAX_FRONT_MATTER_CHARS // 1024} KB")
    depth = values = 0
    try:
        for event in yaml.parse(source, Loader=_FastTextDatesLoader):
            line = event.start_mark.line + 2 if event.start_mark is not None else 2
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise FrontMatterError(line, "YAML anchors and aliases (&name, *name) are not allowed in front "
                                             "matter; write each value out")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise FrontMatterError(line, f"front matter is nested more than {MAX_DEPTH} levels deep; "
                                                 "no field takes such a value")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent):
                values += 1
                if values > MAX_VALUES:
                    raise FrontMatterError(line, f"front matter holds more than {MAX_VALUES} values; "
                                                 "no page needs so many")
    except yaml.YAMLError:
        return  # not valid YAML: the reading below reports it with its line


def _load(loader_class: type, source: str) -> tuple[yaml.Node | None, Any]:
    """The document's node (for the lines of its keys) and its value."""
    loader = loader_class(source)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def check_article_meta(  # noqa: C901  (a flat list of field rules, each a line or two)
    path: str, meta: dict[str, Any], field_lines: dict[str, int], body: str, *, today: dt.date,
    is_overview: bool, refused: frozenset[str] | set[str] = frozenset(),
) -> tuple[PageReview | None, list[Finding]]:
    """Check an article page's front matter; the PageReview is None when an error prevents one.

    Types and unknown keys are the schema's (medkb.sources.frontmatter_schema); `refused` names the fields it
    refused, about which nothing more is said here (one finding per problem).
    """
    findings: list[Finding] = []
    blocked = bool(refused)

    def add(field_name: str | None, message: str, kind: str = "front matter") -> None:
        if field_name in refused:
            return
        line = field_lines.get(field_name, 1) if field_name else 1
        findings.append(Finding(path, line, kind, message))

    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        add("title" if "title" in meta else None, "'title' is missing or empty; give the page title as text")
    status = meta.get("review_status")
    if status is None:
        add(None, f"'review_status' is missing; allowed: {REVIEW_STATUS_CHOICES}")
    elif status not in STATUS_LABELS:
        add("review_status", f"review_status '{status}' is not allowed; use {REVIEW_STATUS_CHOICES}")

    dates: dict[str, dt.date | None] = {}
    for name in DATE_FIELDS:
        dates[name] = None
        if name not in meta:
            if name == "last_updated":
                add(None, "'last_updated' is missing; give the date the content last changed (YYYY-MM-DD)")
            continue
        value = as_date(meta[name])
        if value is None:
            add(name, f"{name} '{meta[name]}' is not a date; write it as YYYY-MM-DD, e.g. 2025-12-01")
        dates[name] = value

    question = meta.get("question", "")
    if is_overview and not (isinstance(question, str) and question.strip()):
        add("question" if "question" in meta else None,
            "the article overview needs 'question': the clinical question the article answers")

    reviewers = _names(meta.get("reviewers"))
    if "reviewers" in meta and reviewers is None:
        add("reviewers", "'reviewers' must be a list of names")
    history, history_problems = _history(meta.get("review_history"))
    for message in history_problems:
        add("review_history", message)

    last_updated, reviewed_on = dates["last_updated"], dates["reviewed_on"]
    if last_updated is not None and last_updated > today:
        add("last_updated", f"last_updated {last_updated} is in the future")
    if reviewed_on is not None:
        if reviewed_on > today:
            add("reviewed_on", f"reviewed_on {reviewed_on} is in the future")
        elif last_updated is not None and reviewed_on > last_updated:
            add("reviewed_on", f"reviewed_on {reviewed_on} is after last_updated {last_updated}")
    if status == "approved":
        if not reviewers:
            add("review_status", "an approved page needs 'reviewers': the medical reviewers who approved it",
                "approval")
        if reviewed_on is None and "reviewed_on" not in meta:
            add("review_status", "an approved page needs 'reviewed_on': the date of the approving review",
                "approval")
        if EDITORIAL_NOTE.search(body):
            findings.append(Finding(path, field_lines.get("review_status", 1), "approval",
                                    "a page with an open editorial note cannot be approved; resolve the note "
                                    "or set review_status to under_review"))

    if findings or blocked or last_updated is None or not isinstance(title, str) or status not in STATUS_LABELS:
        return None, findings
    return (
        PageReview(
            title=title.strip(),
            review_status=str(status),
            last_updated=last_updated,
            question=question.strip() if isinstance(question, str) else "",
            description=str(meta.get("description", "") or "").strip(),
            reviewers=reviewers or (),
            reviewed_on=reviewed_on,
            next_review=dates["next_review"],
            history=history,
        ),
        findings,
    )


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _names(value: object) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(item.strip() for item in value if item.strip())
    return None


def _history(value: object) -> tuple[tuple[HistoryRecord, ...], list[str]]:
    if value is None:
        return (), []
    if not isinstance(value, list):
        return (), ["'review_history' must be a list of {date, status, by, note} records"]
    records: list[HistoryRecord] = []
    problems: list[str] = []
    for index, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            problems.append(f"review_history item {index} must be a mapping with date and status")
            continue
        date = as_date(item.get("date"))
        status = item.get("status")
        if date is None:
            problems.append(f"review_history item {index}: date '{item.get('date')}' is not YYYY-MM-DD")
        if status not in STATUS_LABELS:
            problems.append(
                f"review_history item {index}: status '{status}' is not one of {REVIEW_STATUS_CHOICES}"
            )
        if date is not None and status in STATUS_LABELS:
            records.append(HistoryRecord(date, str(status), str(item.get("by", "") or ""),
                                         str(item.get("note", "") or "")))
    return tuple(sorted(records, key=lambda record: record.date)), problems
