"""iCalendar export, built with the icalendar library (imported only by this command).

Milestones become all-day VEVENTs (ranges keep their end). Action points with a due date
become VTODOs, or, for calendars that ignore to-dos on import (Outlook, Google Calendar), all-day
VEVENTs "Due: NUMBER TITLE" on their due date. Business the document sets before its own issue
(``kind: past``, or an open deliverable due before the plan's date) is no one's to-do and has no
recorded completion: it becomes an informational all-day VEVENT "Before this revision: NUMBER
TITLE" on its date, in either mode, with no STATUS. An item the document sets no date for (its
``due`` is the period's end, ``due_basis: default``) has no date in the calendar: a VTODO with no
DUE, or, as events, a line in the description of the period's end, one event of its own. An
inferred date says so in SUMMARY and DESCRIPTION: "(inferred: MC14's end)". The plan's meetings
are all-day events with their agenda (render.ics_meetings). UIDs derive from the plan and item
(or meeting) ids, so a re-import updates entries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from iwgplan.plan.dates import shift
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.status import Status
from iwgplan.render.clients import Client
from iwgplan.render.safe import block, line
from iwgplan.views.provenance import marked_title, milestone_long, milestone_title
from iwgplan.views.timeline import (
    DATE_LEGEND,
    date_mark,
    due_basis_of,
    due_date,
    is_past,
    period_words,
    reason_for,
    rollup,
    shown_status,
    within_period,
)
from iwgplan.words import colon
from iwgplan.words import gettext as _

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
    events = todos_as_events or client is not None
    dated = [e for e in index.entries if due_date(e.item.due, index.milestones) is not None]
    within = [e for e in dated if within_period(e) and not is_past(e, index)]
    end = meta.period.end.last()
    ends = (m for m in index.plan.milestones if m.begins.first() <= end == m.finishes.last())
    period_end = next(ends, None)
    for m in index.plan.milestones:
        months = month_span(m)
        title = line(milestone_title(m))  # its mark in the summary, where a client shows nothing else
        summary = title + (f" ({months})" if months else "")
        event = _event(uid(meta.id, f"milestone.{m.id}"), stamp, summary, m.begins.first(), client)
        text = [f"{m.title}{colon()}{months}."] if months else []
        if not months:  # days the document states: the event spans them (DTEND is exclusive)
            event["dtend"].dt = shift(m.finishes.last(), 1)
        text += [m.description] if m.description else []
        if milestone_long(m):
            text.append(_("Dates: {meanings}.").format(meanings=milestone_long(m)))
        if m is period_end and events and within:
            text.append(within_lines(within))
        if text:
            event.add("description", block("\n\n".join(text)))
        cal.add_component(event)
    if period_end is None and events and within:
        event = _event(uid(meta.id, "period-end"), stamp, _("End of the period"), end, client)
        event.add("description", block(within_lines(within)))
        cal.add_component(event)
    for entry in dated:
        due = due_date(entry.item.due, index.milestones)
        assert due is not None
        if is_past(entry, index):
            cal.add_component(_past_event(index, entry, due, stamp, client))
        elif within_period(entry):
            if not events:
                cal.add_component(_todo(meta.id, entry, None, stamp, index))
        elif events:
            cal.add_component(_due_event(meta.id, entry, due, stamp, client, index))
        else:
            cal.add_component(_todo(meta.id, entry, due, stamp, index))
    from iwgplan.render.ics_meetings import meeting_events

    for event in meeting_events(index, stamp, outlook=client is Client.outlook):
        cal.add_component(event)
    return bytes(cal.to_ical())


def month_span(milestone: Any) -> str:
    """``December 2026``, ``December 2026 to January 2027``: a milestone the document dates only
    by month(s), which the calendar shows as one all-day event on its first day with these words
    (a 31- to 62-day event would fill every day of the month in a calendar); "" for a milestone
    the document dates by day, whose event spans those days."""
    first, last = milestone.begins, milestone.finishes
    if first.day is not None and last.day is not None:
        return ""
    from iwgplan.i18n import long_day, month_words

    start, end = first.first(), last.last()
    words = [month_words(start) if first.day is None else long_day(start)]
    if last == first:
        return words[0]
    words.append(month_words(end) if last.day is None else long_day(end))
    return _("{start} to {end}").format(start=words[0], end=words[1])


def within_lines(entries: list[Entry]) -> str:
    """The items that run to the end of the period, for the description of that day's event."""
    head = _("Within the period: the document sets these items no date; they run to the end of the period.")
    return "\n".join([head, *(f"- {e.number} {e.item.title} ({e.id})" for e in entries)])


def _marked(text: str, entry: Entry, index: PlanIndex) -> str:
    """``TITLE (inferred: MC14's end)``: a date the document does not state says so."""
    mark = date_mark(entry, index)
    return f"{text} ({mark})" if mark else text


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


def _todo(plan_id: str, entry: Entry, due: date | None, stamp: datetime, index: PlanIndex) -> Any:
    """A to-do on its due date; with ``due`` None (the document sets no date), one without DUE."""
    from icalendar import Todo

    status = rollup(entry)
    todo = Todo()
    todo.add("uid", uid(plan_id, entry.id))
    todo.add("dtstamp", stamp)
    todo.add("summary", line(_marked(f"{entry.number} {entry.item.title}", entry, index)))
    if due is not None:
        todo.add("due", due)
    todo.add("status", STATUS[status])
    if status is Status.DONE and entry.item.completed:
        done = entry.item.completed
        todo.add("completed", datetime(done.year, done.month, done.day, tzinfo=UTC))
    text = [date_words(entry, index)] if date_mark(entry, index) else []
    if entry.item.description:
        text.append(entry.item.description)
    if text:
        todo.add("description", block("\n\n".join(text)))
    todo.add("categories", [category(entry)])
    return todo


def category(entry: Entry) -> str:
    """The item's tier or section as a calendar category, its title marked as every screen marks
    it when the document does not write it ("New IWG agenda setting (the tool's label)")."""
    return line(marked_title(entry.group.title, entry.group))


def _due_event(
    plan_id: str, entry: Entry, due: date, stamp: datetime, client: Client | None, index: PlanIndex
) -> Any:
    """A due date as an all-day event: the status, owners, sub-points and id in its description."""
    status = rollup(entry)
    closed = f" ({status.value})" if status.closed else ""
    due_words = _("Due: {number} {title}").format(number=entry.number, title=entry.item.title)
    summary = line(_marked(due_words, entry, index) + closed)
    event = _event(uid(plan_id, f"due.{entry.id}"), stamp, summary, due, client)
    event.add("status", "CANCELLED" if status is Status.DROPPED else "CONFIRMED")
    event.add("description", block(due_description(entry, status, index)))
    event.add("categories", [category(entry)])
    return event


def _past_event(index: PlanIndex, entry: Entry, day: date, stamp: datetime, client: Client | None) -> Any:
    """Business from before the plan's issue: shown on its date for information, not as a to-do."""
    summary = line(
        _("Before this revision: {number} {title}").format(number=entry.number, title=entry.item.title)
    )
    event = _event(uid(index.plan.plan.id, f"past.{entry.id}"), stamp, summary, day, client)
    event.add("description", block(past_description(index, entry)))
    event.add("categories", [category(entry)])
    return event


def past_description(index: PlanIndex, entry: Entry) -> str:
    item = entry.item
    done = (
        _("completed {day}").format(day=item.completed) if item.completed else _("no completion is recorded")
    )
    lines = [
        _(
            "Before this revision: the plan, issued {day}, dates this earlier."
            " Past business, not a to-do; {done}."
        ).format(day=index.plan.plan.date, done=done),
        _("Id: {id} (iwgplan show {id})").format(id=entry.id),
    ]
    if item.description:
        lines += ["", item.description]
    return "\n".join(lines)


def date_words(entry: Entry, index: PlanIndex) -> str:
    """The mark of a date the document does not state, with its meaning, for a description:
    "Due date (inferred: MC14's end): the document gives no date; ..."."""
    mark = date_mark(entry, index)
    if within_period(entry):
        due = due_date(entry.item.due, index.milestones)
        assert due is not None
        words = period_words(due, due, index.plan.plan.period.end.last())
        meaning = _(DATE_LEGEND["within"]).partition(": ")[2]
        return _("{when}: {meaning}.").format(when=words[:1].upper() + words[1:], meaning=meaning)
    key = "outside" if due_basis_of(entry) == "outside" else "inferred"
    meaning = _(DATE_LEGEND[key]).partition(": ")[2]
    return _("Due date ({mark}): {meaning}.").format(mark=mark, meaning=meaning)


def due_description(entry: Entry, status: Status, index: PlanIndex) -> str:
    item = entry.item
    why = reason_for(entry, status) if status in (Status.BLOCKED, Status.DROPPED) else None
    lines = [
        _("Status: {status}").format(status=status.value)
        + (_(", completed {day}").format(day=item.completed) if item.completed else "")
        + (f" ({why})" if why else "")
    ]
    if date_mark(entry, index):
        lines.append(date_words(entry, index))
    if item.owners:
        lines.append(_("Owners: ") + ", ".join(item.owners))
    if item.partners:
        lines.append(_("Partners: ") + ", ".join(item.partners))
    lines.append(_("Id: {id} (iwgplan show {id})").format(id=entry.id))
    if entry.children:
        lines.append(_("Sub-points:"))
        lines += [f"- {c.number} {c.item.title}{colon()}{shown_status(c, index)}" for c in entry.children]
    if item.description:
        lines += ["", item.description]
    return "\n".join(lines)
