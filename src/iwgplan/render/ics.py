"""iCalendar export, built with the icalendar library (imported only by this command).

Milestones become all-day VEVENTs (ranges keep their end), action points with a due date
become VTODOs. UIDs derive from the plan and item ids, so a re-import updates entries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from iwgplan.plan.index import PlanIndex
from iwgplan.plan.status import Status
from iwgplan.render.safe import block, line
from iwgplan.views.timeline import due_date, rollup

STATUS = {
    Status.PLANNED: "NEEDS-ACTION",
    Status.BLOCKED: "NEEDS-ACTION",
    Status.IN_PROGRESS: "IN-PROCESS",
    Status.DONE: "COMPLETED",
    Status.DROPPED: "CANCELLED",
}


def uid(plan_id: str, ident: str) -> str:
    return f"{ident}.{plan_id}@iwgplan"


def calendar(index: PlanIndex, as_of: date) -> bytes:
    from icalendar import Calendar, Event, Todo

    meta = index.plan.plan
    stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    cal = Calendar()
    cal.add("prodid", "-//iwgplan//iwgplan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", line(meta.title))
    for m in index.plan.milestones:
        event = Event()
        event.add("uid", uid(meta.id, f"milestone.{m.id}"))
        event.add("dtstamp", stamp)
        event.add("summary", line(m.title))
        event.add("dtstart", m.begins.first())
        event.add("dtend", m.finishes.last() + timedelta(days=1))  # all-day DTEND is exclusive
        if m.description:
            event.add("description", block(m.description))
        cal.add_component(event)
    for entry in index.entries:
        due = due_date(entry.item.due, index.milestones)
        if due is None:
            continue
        status = rollup(entry)
        todo = Todo()
        todo.add("uid", uid(meta.id, entry.id))
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
        cal.add_component(todo)
    return bytes(cal.to_ical())
