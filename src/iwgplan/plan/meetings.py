"""Meetings as the plan holds them: the rules that span them (links to action points, requests
and other meetings; dates), and the look-ups the views share (the meeting before a day, the
meetings that discussed an item, a meeting by id or prefix).

Runs on the models and on the light records alike (no pydantic needed).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from iwgplan.errors import IwgplanError, Loc, Problem
from iwgplan.plan.index import PlanIndex, unknown_message

if TYPE_CHECKING:
    from iwgplan.plan.model import AgendaItem, Meeting, Plan, Request

LAST_MEETING = "last-meeting"
RESERVED = frozenset({LAST_MEETING, "next-meeting"})
REFERENCE_KINDS = ("regular", "thematic")  # meetings of the IWG itself: side events are not


def meeting_ids(plan: Plan) -> Iterator[tuple[str, Loc]]:
    for m, meeting in enumerate(plan.meetings):
        yield meeting.id, ("meetings", m, "id")
    for r, request in enumerate(plan.requests):
        yield request.id, ("requests", r, "id")


def problems(plan: Plan, index: PlanIndex) -> Iterator[Problem]:
    """Every broken link or date among the plan's meetings and requests, located."""
    meetings = {m.id.lower(): m for m in plan.meetings}
    requests = {r.id.lower(): r for r in plan.requests}
    taken_up: dict[str, tuple[str, Loc]] = {}
    for m, meeting in enumerate(plan.meetings):
        loc: Loc = ("meetings", m)
        if meeting.id.lower() in RESERVED:
            yield Problem(
                f"meeting id {meeting.id!r} is reserved (`--since {LAST_MEETING}`); choose another",
                (*loc, "id"),
            )
        seen: dict[str, int] = {}
        for a, item in enumerate(meeting.agenda):
            at: Loc = (*loc, "agenda", a)
            key = item.id.lower()
            if key in seen:
                yield Problem(
                    f"duplicate agenda item id {item.id!r} in meeting {meeting.id!r}:"
                    f" already used by item {seen[key] + 1}",
                    (*at, "id"),
                )
            seen.setdefault(key, a)
            yield from _items_resolve(item.items, index, (*at, "items"))
            if item.request is None:
                continue
            request = requests.get(item.request.lower())
            if request is None:
                known = ", ".join(r.id for r in plan.requests) or "none"
                yield Problem(
                    f"request {item.request!r} is not the id of a request (requests: {known})",
                    (*at, "request"),
                )
                continue
            yield from _takes_up(meeting, item, request, at)
            earlier = taken_up.get(request.id.lower())
            if earlier is not None and earlier[0] != meeting.id:
                yield Problem(
                    f"request {request.id!r} is taken up already by meeting {earlier[0]!r}",
                    (*at, "request"),
                )
            taken_up.setdefault(request.id.lower(), (meeting.id, at))
    for r, request in enumerate(plan.requests):
        loc = ("requests", r)
        yield from _items_resolve(request.items, index, (*loc, "items"))
        if request.meeting is None:
            continue
        held = meetings.get(request.meeting.lower())
        if held is None:
            known = ", ".join(m.id for m in plan.meetings) or "none"
            yield Problem(
                f"meeting {request.meeting!r} is not the id of a meeting (meetings: {known})",
                (*loc, "meeting"),
            )
        elif request.date > held.date:
            yield Problem(
                f"the request is dated {request.date}, after the meeting that takes it up"
                f" ({held.id}, {held.date})",
                (*loc, "date"),
            )


def _items_resolve(ids: Sequence[str], index: PlanIndex, loc: Loc) -> Iterator[Problem]:
    for i, ident in enumerate(ids):
        if ident.lower() not in index.by_id:
            yield Problem(f"{ident!r} is not the id of an action point", (*loc, i))


def _takes_up(meeting: Meeting, item: AgendaItem, request: Request, at: Loc) -> Iterator[Problem]:
    if item.kind != request.kind:
        yield Problem(
            f"request {request.id!r} asks for a {request.kind}, but this item is a {item.kind}",
            (*at, "kind"),
        )
    if request.meeting is not None and request.meeting.lower() != meeting.id.lower():
        yield Problem(
            f"request {request.id!r} is for meeting {request.meeting!r}, not {meeting.id!r}",
            (*at, "request"),
        )
    if request.date > meeting.date:
        yield Problem(
            f"request {request.id!r} is dated {request.date}, after this meeting ({meeting.date})",
            (*at, "request"),
        )


# Look-ups -----------------------------------------------------------------------------------


def in_order(plan: Plan) -> list[Meeting]:
    """The meetings by date (and file order on one day)."""
    return sorted(plan.meetings, key=lambda m: m.date)


def of_the_iwg(plan: Plan) -> list[Meeting]:
    """The IWG's own meetings (regular and thematic, not side events), by date."""
    return [m for m in in_order(plan) if m.kind in REFERENCE_KINDS]


def last_before(plan: Plan, day: date) -> Meeting | None:
    """The IWG's last meeting held before ``day``."""
    held = [m for m in of_the_iwg(plan) if m.date < day]
    return held[-1] if held else None


def next_from(plan: Plan, day: date) -> Meeting | None:
    """The IWG's next meeting on or after ``day``."""
    return next((m for m in of_the_iwg(plan) if m.date >= day), None)


def following(plan: Plan, meeting: Meeting) -> Meeting | None:
    """The IWG meeting after ``meeting``."""
    return next((m for m in of_the_iwg(plan) if m.date > meeting.date), None)


def previous(plan: Plan, meeting: Meeting) -> Meeting | None:
    return last_before(plan, meeting.date)


def find(plan: Plan, wanted: str, *, exact: bool = False) -> Meeting:
    """The meeting ``wanted`` names: its id in any case, or (unless ``exact``) a unique prefix."""
    key = wanted.strip().lower()
    for meeting in plan.meetings:
        if meeting.id.lower() == key:
            return meeting
    begins = [m for m in plan.meetings if m.id.lower().startswith(key)] if key and not exact else []
    if len(begins) == 1:
        return begins[0]
    if begins:
        from iwgplan.errors import UsageError

        names = ", ".join(m.id for m in begins)
        raise UsageError(f"{wanted!r} is the beginning of {len(begins)} meeting ids: {names}")
    known = [m.id for m in plan.meetings]
    message = unknown_message("meeting", wanted, known)
    raise IwgplanError(message + (f" (meetings: {', '.join(known)})" if known else " (the plan has none)"))


def find_request(plan: Plan, wanted: str, *, exact: bool = False) -> Request:
    key = wanted.strip().lower()
    for request in plan.requests:
        if request.id.lower() == key:
            return request
    begins = [r for r in plan.requests if r.id.lower().startswith(key)] if key and not exact else []
    if len(begins) == 1:
        return begins[0]
    known = [r.id for r in plan.requests]
    listed = ", ".join(known) or "none"
    raise IwgplanError(unknown_message("request", wanted, known) + f" (requests: {listed})")


def discussed(plan: Plan, item_id: str) -> list[tuple[Meeting, AgendaItem]]:
    """The meetings (by date) whose agenda items concern the action point ``item_id``."""
    key = item_id.lower()
    return [(m, a) for m in in_order(plan) for a in m.agenda if key in (i.lower() for i in a.items)]


def outcome_or_why(meeting: Meeting, item: AgendaItem, as_of: date) -> tuple[str, bool]:
    """The agenda item's recorded outcome (True), or why there is none (False): the meeting is
    still to be held, or no outcome is recorded."""
    if item.outcome:
        return item.outcome, True
    return ("to be held" if meeting.date > as_of else "no outcome recorded"), False


def touched(meeting: Meeting) -> set[str]:
    """The ids (in lower case) of the action points the meeting's agenda items concern."""
    return {i.lower() for a in meeting.agenda for i in a.items}


def taken_up_by(plan: Plan, request: Request) -> Meeting | None:
    """The meeting that takes a request up: its own `meeting`, or an agenda item naming it."""
    if request.meeting is not None:
        return next((m for m in plan.meetings if m.id.lower() == request.meeting.lower()), None)
    key = request.id.lower()
    for meeting in in_order(plan):
        if any(a.request is not None and a.request.lower() == key for a in meeting.agenda):
            return meeting
    return None


def label(meeting: Meeting) -> str:
    """'the meeting of 3 July 2025' — as a Secretariat officer writes it."""
    return f"the meeting of {long_day(meeting.date)}"


def long_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def since_spec(plan: Plan, spec: str, as_of: date) -> tuple[str, str | None]:
    """``--since last-meeting`` or ``--since MEETING_ID`` as the meeting's day, with a label
    ("the meeting of 3 July 2025 (iwg-2025-07-03)"); any other spec is returned as it is."""
    key = spec.strip().lower()
    if key == LAST_MEETING:
        found = last_before(plan, as_of)
        if found is None:
            raise IwgplanError(f"--since {LAST_MEETING}: no IWG meeting is recorded before {as_of}")
    else:
        found = next((m for m in plan.meetings if m.id.lower() == key), None)
        if found is None:
            return spec, None
    return found.date.isoformat(), f"{label(found)} ({found.id})"
