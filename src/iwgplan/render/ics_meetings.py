"""The plan's meetings as iCalendar events, for render.ics (kept apart from its fixed strings).

Each meeting is an all-day VEVENT on its day: SUMMARY "IWG meeting: THEME" (or its title),
LOCATION its place, DESCRIPTION its recorded agenda (numbered items with the action points they
concern, guiding questions, speakers with their titles, documents and, once held, outcomes) as
plain text, which Outlook, Google Calendar and khal all show as it is. The UID derives from the
meeting's and the plan's ids, so a re-import updates the event. Every piece of plan text goes
through render.safe, as item titles do in the rest of the calendar.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from iwgplan.i18n import N_
from iwgplan.i18n import gettext as _
from iwgplan.plan.dates import shift
from iwgplan.render.safe import block, line

if TYPE_CHECKING:
    from iwgplan.plan.index import PlanIndex
    from iwgplan.plan.model import AgendaItem, Meeting

# Translators: what meetings.outcome_or_why says where an agenda item has no outcome.
WHY = (N_("to be held"), N_("no outcome recorded"))
KIND = {  # translated where shown
    "regular": N_("Regular meeting"),
    "thematic": N_("Thematic meeting"),
    "side-event": N_("Side event"),
}


def meeting_uid(plan_id: str, meeting_id: str) -> str:
    return f"meeting.{meeting_id}.{plan_id}@iwgplan"


def meeting_events(index: PlanIndex, stamp: datetime, *, outlook: bool = False) -> list[Any]:
    """One all-day event per meeting, by date."""
    from icalendar import Event

    from iwgplan.plan import meetings

    events = []
    for meeting in meetings.in_order(index.plan):
        event = Event()
        event.add("uid", meeting_uid(index.plan.plan.id, meeting.id))
        event.add("dtstamp", stamp)
        event.add("summary", line(summary(meeting)))
        event.add("dtstart", meeting.date)
        event.add("dtend", shift(meeting.date, 1))
        if meeting.place:
            event.add("location", line(meeting.place))
        event.add("description", block(description(index, meeting)))
        event.add("categories", [_("IWG meeting")])
        event.add("status", "CONFIRMED")
        if outlook:
            event.add("x-microsoft-cdo-alldayevent", "TRUE")
        events.append(event)
    return events


def summary(meeting: Meeting) -> str:
    name = meeting.title or (_("IWG side event") if meeting.kind == "side-event" else _("IWG meeting"))
    return _("{name}: {theme}").format(name=name, theme=meeting.theme) if meeting.theme else name


def description(index: PlanIndex, meeting: Meeting) -> str:
    from iwgplan.views.agenda import KIND_WORDS

    head = [_(KIND[meeting.kind]) if meeting.kind in KIND else meeting.kind]
    if meeting.theme:
        head.append(_("thematic focus: {theme}").format(theme=meeting.theme))
    where = ", ".join(p for p in (meeting.place, meeting.format) if p)
    if where:
        head.append(where)
    lines = [" · ".join(head), ""]
    if meeting.agenda:
        lines.append(_("Agenda:"))
        for n, item in enumerate(meeting.agenda, 1):
            kind = _(KIND_WORDS[item.kind]) if item.kind in KIND_WORDS else item.kind
            lines.append(f"{n}. {item.title} ({kind})")
            lines += ["   " + x for x in _item_lines(index, item)]
    else:
        lines.append(_("No agenda is recorded yet (iwgplan agenda {id} drafts one).").format(id=meeting.id))
    if meeting.outcome:
        lines += ["", _("Outcome: ") + meeting.outcome]
    lines += ["", _("Id: {id} (iwgplan agenda {id})").format(id=meeting.id)]
    return "\n".join(lines)


def _item_lines(index: PlanIndex, item: AgendaItem) -> list[str]:
    out = []
    for ident in item.items:
        entry = index.by_id.get(ident.lower())
        concerns = f"{entry.number} {entry.item.title} ({entry.id})" if entry else ident
        out.append(_("Concerns: ") + concerns)
    if item.questions:
        out.append(_("Guiding questions:"))
        out += [f"- {q}" for q in item.questions]
    if item.speakers:
        out.append(_("Speakers:"))
        out += ["- " + ", ".join(x for x in (s.name, s.title, s.organisation) if x) for s in item.speakers]
    if item.documents:
        out.append(_("Documents: ") + ", ".join(item.documents))
    if item.outcome:
        out.append(_("Outcome: ") + item.outcome)
    return out
