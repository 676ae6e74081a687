"""`meeting add`, `meeting item add`, `meeting outcome` and `request add`: meetings and requests
kept as minimal edits of the text, like `add` and `modify` (spliced, checked, validated, written
atomically under the plan's lock by :mod:`iwgplan.edit.apply`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iwgplan.edit.progress import Outcome
from iwgplan.edit.splice import Change, ListEdit, day
from iwgplan.edit.structure import all_ids, slug
from iwgplan.errors import IwgplanError, UsageError
from iwgplan.plan import meetings
from iwgplan.plan.index import PlanIndex, UnknownId, resolve
from iwgplan.plan.model import ID_PATTERN, check_document

_ID = re.compile(ID_PATTERN)
MEETING_KINDS = ("regular", "thematic", "side-event")
AGENDA_KINDS = ("progress-report", "thematic-session", "secretariat-update", "presentation", "other")
REQUEST_KINDS = ("thematic-session", "secretariat-update")
FORMATS = ("in-person", "virtual", "hybrid")


def _check_choice(value: str | None, choices: tuple[str, ...], option: str) -> None:
    if value is not None and value not in choices:
        raise UsageError(f"{option}: {value!r} is not one of {', '.join(choices)}")


def _new_id(given: str | None, base: str, taken: set[str], option: str = "--id") -> str:
    ident = given or slug(base, taken, words=6, limit=40)
    if not _ID.match(ident) or len(ident) > 40:
        raise UsageError(
            f"{option}: {ident!r} must be lower-case letters, digits and single '-', '_' or '.' between"
            " them, starting with a letter, at most 40 characters"
        )
    if ident.lower() in taken:
        raise IwgplanError(f"{option}: {ident!r} is already used in the plan; choose another with {option}")
    return ident


def _text(value: str | None, option: str) -> str | None:
    if value is not None and not value.strip():
        raise UsageError(f"{option}: give some text")
    return value


def _item_ids(index: PlanIndex, wanted: list[str], exact: bool) -> list[str]:
    found: list[str] = []
    for ident in wanted:
        try:
            full = resolve(index, ident, exact=exact).id
        except UnknownId as exc:
            raise IwgplanError(f"--item: {exc}") from None
        if full not in found:
            found.append(full)
    return found


def _documents(values: list[str]) -> list[str]:
    for value in values:
        try:
            check_document(value)
        except ValueError as exc:
            raise UsageError(f"--document: {exc}") from None
    return values


def _put(entry: dict[str, Any], **values: Any) -> dict[str, Any]:
    """Add the keys that have a value, in the order given (the order the file shows them)."""
    entry.update({k: v for k, v in values.items() if v})
    return entry


@dataclass(slots=True)
class NewMeeting:
    date: date
    id: str | None = None
    kind: str | None = None
    title: str | None = None
    theme: str | None = None
    place: str | None = None
    format: str | None = None


def add_meeting(index: PlanIndex, new: NewMeeting) -> Outcome:
    plan = index.plan
    _check_choice(new.kind, MEETING_KINDS, "--kind")
    _check_choice(new.format, FORMATS, "--format")
    for option, value in (("--title", new.title), ("--theme", new.theme), ("--place", new.place)):
        _text(value, option)
    taken = all_ids(plan, index)
    ident = new.id or _free(f"iwg-{new.date.isoformat()}", taken)
    ident = _new_id(ident, ident, taken)
    entry = _put(
        {"id": ident, "date": day(new.date)},
        kind=new.kind if new.kind != "regular" else None,
        title=new.title,
        theme=new.theme,
        place=new.place,
        format=new.format,
    )
    at = sum(1 for m in plan.meetings if m.date <= new.date)  # in date order, after the same day's
    out = Outcome([Change((), lists=[ListEdit("meetings", at, entry)])])
    what = "meeting" if new.kind in (None, "regular") else f"{new.kind} meeting"
    out.said.append(f"{ident}: {what} of {meetings.long_day(new.date)} added")
    return out


def _free(base: str, taken: set[str]) -> str:
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    return found


def parse_speaker(value: str) -> dict[str, str]:
    """``NAME | TITLE | ORGANISATION`` (the last two optional) as a speaker."""
    parts = [p.strip() for p in value.split("|")]
    if len(parts) > 3 or not parts[0]:
        raise UsageError(f"--speaker: {value!r} is not NAME, NAME | TITLE or NAME | TITLE | ORGANISATION")
    speaker = {"name": parts[0]}
    for key, part in zip(("title", "organisation"), parts[1:], strict=False):
        if part:
            speaker[key] = part
    return speaker


@dataclass(slots=True)
class NewAgendaItem:
    title: str
    kind: str | None = None
    id: str | None = None
    items: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    request: str | None = None


def add_agenda_item(index: PlanIndex, meeting_id: str, new: NewAgendaItem, *, exact: bool = False) -> Outcome:
    plan = index.plan
    meeting = meetings.find(plan, meeting_id, exact=exact)
    m = plan.meetings.index(meeting)
    if not new.title.strip():
        raise UsageError("--title: give the agenda item's title")
    for question in new.questions:
        _text(question, "--question")
    _check_choice(new.kind, AGENDA_KINDS, "--kind")
    changes: list[Change] = []
    request_id = None
    kind = new.kind
    items = new.items
    if new.request is not None:
        request = meetings.find_request(plan, new.request, exact=exact)
        request_id = request.id
        kind = kind or request.kind
        items = new.items or list(request.items)  # what the request concerns, unless told
        if kind != request.kind:
            raise IwgplanError(f"--request: {request.id} asks for a {request.kind}, not a {kind}")
        if request.meeting is None:
            changes.append(Change(("requests", plan.requests.index(request)), set={"meeting": meeting.id}))
        elif request.meeting.lower() != meeting.id.lower():
            raise IwgplanError(f"--request: {request.id} is for meeting {request.meeting}, not {meeting.id}")
    if kind is None:
        raise UsageError(f"--kind: say what the item is: {', '.join(AGENDA_KINDS)}")
    taken = {a.id.lower() for a in meeting.agenda}
    ident = _new_id(new.id or slug(new.title, taken), new.title, taken)
    entry = _put(
        {"id": ident, "kind": kind, "title": new.title},
        items=_item_ids(index, items, exact),
        questions=new.questions,
        speakers=[parse_speaker(s) for s in new.speakers],
        documents=_documents(new.documents),
        request=request_id,
    )
    changes.insert(0, Change(("meetings", m), lists=[ListEdit("agenda", len(meeting.agenda), entry)]))
    out = Outcome(changes)
    out.said.append(f"{meeting.id}: agenda item {len(meeting.agenda) + 1} ({ident}, {kind}) added")
    if request_id and len(changes) > 1:
        out.said.append(f"{request_id}: taken up by {meeting.id}")
    return out


def outcome(
    index: PlanIndex,
    meeting_id: str,
    item_id: str | None,
    text: str,
    on: date,
    *,
    exact: bool = False,
) -> Outcome:
    """Record what a meeting (or one of its agenda items) concluded, once it is held."""
    plan = index.plan
    meeting = meetings.find(plan, meeting_id, exact=exact)
    if not text.strip():
        raise UsageError("--text: give the outcome")
    if meeting.date > on:
        raise IwgplanError(
            f"{meeting.id} is on {meeting.date}, after {on}: record its outcome once it is held"
            " (or pass --date and --future to record it ahead of time)"
        )
    m = plan.meetings.index(meeting)
    if item_id is None:
        loc: tuple[str | int, ...] = ("meetings", m)
        old, what = meeting.outcome, f"{meeting.id}: outcome"
    else:
        a = _agenda_index(meeting, item_id)
        loc = ("meetings", m, "agenda", a)
        agenda = meeting.agenda[a]
        old, what = agenda.outcome, f"{meeting.id}: outcome of item {a + 1} ({agenda.id})"
    if old == text:
        raise UsageError(f"nothing to record: {what} already reads so")
    out = Outcome([Change(loc, set={"outcome": text})])
    out.said.append(f"{what} {'replaced' if old else 'recorded'}")
    return out


def _agenda_index(meeting: Any, wanted: str) -> int:
    """An agenda item by its number on the agenda (1, 2 ...), its id, or a unique prefix of it."""
    if wanted.isdigit() and 1 <= int(wanted) <= len(meeting.agenda):
        return int(wanted) - 1
    key = wanted.strip().lower()
    ids = [a.id.lower() for a in meeting.agenda]
    if key in ids:
        return ids.index(key)
    begins = [i for i, ident in enumerate(ids) if key and ident.startswith(key)]
    if len(begins) == 1:
        return begins[0]
    listed = ", ".join(f"{i + 1} {a.id}" for i, a in enumerate(meeting.agenda)) or "none"
    raise IwgplanError(f"{meeting.id} has no agenda item {wanted!r} (its items: {listed})")


@dataclass(slots=True)
class NewRequest:
    kind: str
    subject: str
    by: list[str]
    date: date
    id: str | None = None
    items: list[str] = field(default_factory=list)
    meeting: str | None = None


def add_request(index: PlanIndex, new: NewRequest, *, exact: bool = False) -> Outcome:
    plan = index.plan
    _check_choice(new.kind, REQUEST_KINDS, "--kind")
    if not new.subject.strip():
        raise UsageError("--subject: say what is asked for")
    by = [b.strip() for b in new.by if b.strip()]
    if not by:
        raise UsageError("--by: say who asked (a delegation or group of Members; repeatable)")
    meeting_id = None
    if new.meeting is not None:
        meeting = meetings.find(plan, new.meeting, exact=exact)
        if new.date > meeting.date:
            raise IwgplanError(
                f"--meeting: {meeting.id} is on {meeting.date}, before the request ({new.date})"
            )
        meeting_id = meeting.id
    taken = all_ids(plan, index)
    ident = _new_id(new.id, new.subject, taken)
    entry = _put(
        {"id": ident, "kind": new.kind, "subject": new.subject, "by": by, "date": day(new.date)},
        items=_item_ids(index, new.items, exact),
        meeting=meeting_id,
    )
    out = Outcome([Change((), lists=[ListEdit("requests", len(plan.requests), entry)])])
    taken_up = f", for {meeting_id}" if meeting_id else ""
    out.said.append(f"{ident}: {new.kind} request by {', '.join(by)} of {new.date} recorded{taken_up}")
    return out
