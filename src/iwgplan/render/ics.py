"""iCalendar export, built with the icalendar library (imported only by this command).

Milestones become all-day VEVENTs (ranges keep their end). Action points with a due date
become VTODOs, or, for calendars that ignore to-dos on import (Outlook, Google Calendar), all-day
VEVENTs "Due: NUMBER TITLE" on their due date. Business the document sets before its own issue
(``kind: past``, or an open deliverable due before the plan's date) is no one's to-do and has no
recorded completion: it becomes an informational all-day VEVENT "Before this revision: NUMBER
TITLE" on its date, in either mode, with no STATUS. UIDs derive from the plan and item ids, so a
re-import updates entries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from iwgplan.plan.dates import shift
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.status import Status
from iwgplan.render.safe import block, line
from iwgplan.views.timeline import due_date, is_past, reason_for, rollup


class Client(StrEnum):
    """Calendar programs with a preset: each imports events only, so to-dos become events."""

    outlook = "outlook"
    google = "google"
    apple = "apple"


STATUS = {
    Status.PLANNED: "NEEDS-ACTION",
    Status.BLOCKED: "NEEDS-ACTION",
    Status.IN_PROGRESS: "IN-PROCESS",
    Status.DONE: "COMPLETED",
    Status.DROPPED: "CANCELLED",
}


def uid(plan_id: str, ident: str) -> str:
    return f"{ident}.{plan_id}@iwgplan"


def calendar(
    index: PlanIndex, as_of: date, *, todos_as_events: bool = False, client: Client | None = None
) -> bytes:
    """The plan as an iCalendar file; ``client`` implies ``todos_as_events``."""
    from icalendar import Calendar

    meta = index.plan.plan
    stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    cal = Calendar()
    cal.add("prodid", "-//iwgplan//iwgplan//EN")
    cal.add("version", "2.0")
    if client is Client.outlook:
        cal.add("method", "PUBLISH")  # Outlook opens a published calendar as one to subscribe to or import
    cal.add("x-wr-calname", line(meta.title))
    for m in index.plan.milestones:
        event = _event(uid(meta.id, f"milestone.{m.id}"), stamp, line(m.title), m.begins.first(), client)
        event["dtend"].dt = shift(m.finishes.last(), 1)  # all-day DTEND is exclusive
        if m.description:
            event.add("description", block(m.description))
        cal.add_component(event)
    events = todos_as_events or client is not None
    for entry in index.entries:
        due = due_date(entry.item.due, index.milestones)
        if due is None:
            continue
        if is_past(entry, index):
            cal.add_component(_past_event(index, entry, due, stamp, client))
        elif events:
            cal.add_component(_due_event(meta.id, entry, due, stamp, client))
        else:
            cal.add_component(_todo(meta.id, entry, due, stamp))
    return bytes(cal.to_ical())


def _event(ident: str, stamp: datetime, summary: str, day: date, client: Client | None) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", ident)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", shift(day, 1))
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    if client is Client.outlook:
        event.add("x-microsoft-cdo-alldayevent", "TRUE")
        event.add("x-microsoft-cdo-busystatus", "FREE")
    return event


def _todo(plan_id: str, entry: Entry, due: date, stamp: datetime) -> Any:
    from icalendar import Todo

    status = rollup(entry)
    todo = Todo()
    todo.add("uid", uid(plan_id, entry.id))
    todo.add("dtstamp", stamp)
    todo.add("summary", line(f"{entry.number} {entry.item.title}"))
    todo.add("due", due)
    todo.add("status", STATUS[status])
    if status is Status.DONE and entry.item.completed:
        done = entry.item.completed
        todo.add("completed", datetime(done.year, done.month, done.day, tzinfo=UTC))
    if entry.item.description:
        todo.add("description", block(entry.item.description))
    todo.add("categories", [line(entry.group.title)])
    return todo


def _due_event(plan_id: str, entry: Entry, due: date, stamp: datetime, client: Client | None) -> Any:
    """A due date as an all-day event: the status, owners, sub-points and id in its description."""
    status = rollup(entry)
    closed = f" ({status.value})" if status.closed else ""
    summary = line(f"Due: {entry.number} {entry.item.title}{closed}")
    event = _event(uid(plan_id, f"due.{entry.id}"), stamp, summary, due, client)
    event.add("status", "CANCELLED" if status is Status.DROPPED else "CONFIRMED")
    event.add("description", block(due_description(entry, status)))
    event.add("categories", [line(entry.group.title)])
    return event


def _past_event(index: PlanIndex, entry: Entry, day: date, stamp: datetime, client: Client | None) -> Any:
    """Business from before the plan's issue: shown on its date for information, not as a to-do."""
    summary = line(f"Before this revision: {entry.number} {entry.item.title}")
    event = _event(uid(index.plan.plan.id, f"past.{entry.id}"), stamp, summary, day, client)
    event.add("description", block(past_description(index, entry)))
    event.add("categories", [line(entry.group.title)])
    return event


def past_description(index: PlanIndex, entry: Entry) -> str:
    item = entry.item
    done = f"completed {item.completed}" if item.completed else "no completion is recorded"
    lines = [
        f"Before this revision: the plan, issued {index.plan.plan.date}, dates this earlier."
        f" Past business, not a to-do; {done}.",
        f"Id: {entry.id} (iwgplan show {entry.id})",
    ]
    if item.description:
        lines += ["", item.description]
    return "\n".join(lines)


def due_description(entry: Entry, status: Status) -> str:
    item = entry.item
    why = reason_for(entry, status) if status in (Status.BLOCKED, Status.DROPPED) else None
    lines = [
        f"Status: {status.value}"
        + (f", completed {item.completed}" if item.completed else "")
        + (f" ({why})" if why else "")
    ]
    if item.owners:
        lines.append("Owners: " + ", ".join(item.owners))
    if item.partners:
        lines.append("Partners: " + ", ".join(item.partners))
    lines.append(f"Id: {entry.id} (iwgplan show {entry.id})")
    if entry.children:
        lines.append("Sub-points:")
        lines += [f"- {c.number} {c.item.title}: {rollup(c).value}" for c in entry.children]
    if item.description:
        lines += ["", item.description]
    return "\n".join(lines)
