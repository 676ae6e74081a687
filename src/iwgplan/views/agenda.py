"""The draft annotated agenda of a meeting (5.1(a)), built from the plan: the Co-Chairs' progress
report (6.2) with what happened since the last meeting and what falls due before the next, the
thematic sessions (5.1(b)) and Secretariat updates (6.3) Members asked for, and the items recorded
for the meeting with their guiding questions and speakers.

It is a draft: every agenda item says whether it was recorded in the plan or inferred here, and
the notes say what was inferred and from what.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from iwgplan.i18n import N_, SOURCE, current, long_day
from iwgplan.i18n import gettext as _
from iwgplan.plan import meetings as mt
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.views.timeline import counted, dated_text, effective_due, is_overdue, rollup, within_period

if TYPE_CHECKING:
    from iwgplan.plan.model import AgendaItem, Meeting, Request
    from iwgplan.views.since import Since

RECORDED, INFERRED = "recorded", "inferred"
AHEAD = 120  # days looked ahead for what falls due when no following meeting is recorded
KIND_WORDS = {  # translated where shown
    "progress-report": N_("Co-Chairs' progress report (6.2)"),
    "thematic-session": N_("Thematic session (5.1(b))"),
    "secretariat-update": N_("Secretariat update (6.3)"),
    "presentation": N_("Presentation"),
    "other": N_("Other business"),
    "procedural": N_("Procedural"),
}


def _label(meeting: Meeting) -> str:
    """'the meeting of 3 July 2025' in the current language (:func:`iwgplan.plan.meetings.label`)."""
    return _("the meeting of {day}").format(day=long_day(meeting.date))


def day_text(day: date) -> str:
    """A day as the agenda prints it: ``2026-03-30`` in English (as it always has), the day in
    words in French and Spanish (``30 mars 2026``)."""
    return str(day) if current() == SOURCE else long_day(day)


@dataclass(slots=True)
class Point:
    """An action point as the agenda cites it: the document's number and title."""

    id: str
    number: str
    title: str
    detail: str = ""  # a due date with its mark, a reason, "2026-06 → 2026-09"


@dataclass(slots=True)
class Speaker:
    name: str
    title: str | None = None
    organisation: str | None = None

    @property
    def text(self) -> str:
        return ", ".join(x for x in (self.name, self.title, self.organisation) if x)


@dataclass(slots=True)
class Section:
    """A block of an agenda item's annotation: "Done since the last meeting", with its points."""

    heading: str
    points: list[Point] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # text lines, for blocks that are not points


@dataclass(slots=True)
class Item:
    number: int
    title: str
    kind: str
    source: str  # RECORDED or INFERRED
    id: str | None = None
    questions: list[str] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    concerns: list[Point] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    outcome: str | None = None


@dataclass(slots=True)
class Agenda:
    plan_title: str
    body: str
    meeting_id: str
    date: date
    kind: str
    title: str
    theme: str | None
    place: str | None
    format: str | None
    previous: tuple[str, dt.date] | None  # the meeting the progress report starts from
    following: tuple[str, dt.date] | None
    window: tuple[dt.date, dt.date]  # what falls due: from the meeting to the day before the next
    as_of: dt.date
    items: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the draft inferred, and how

    @property
    def heading(self) -> str:
        return _("{title} of {day}").format(title=self.title, day=long_day(self.date))

    def as_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        data = asdict(self)
        data["date"] = str(self.date)
        data["as_of"] = str(self.as_of)
        data["window"] = [str(d) for d in self.window]
        data["previous"] = {"id": self.previous[0], "date": str(self.previous[1])} if self.previous else None
        data["following"] = (
            {"id": self.following[0], "date": str(self.following[1])} if self.following else None
        )
        data["heading"] = self.heading
        return {"draft": True, **data}


def pick_meeting(index: PlanIndex, wanted: str | None, as_of: date, *, exact: bool = False) -> Meeting:
    """The meeting named, or the IWG's next meeting from ``as_of``."""
    from iwgplan.errors import IwgplanError

    plan = index.plan
    if wanted is not None:
        return mt.find(plan, wanted, exact=exact)
    found = mt.next_from(plan, as_of)
    if found is None:
        last = mt.last_before(plan, as_of)
        after = f" (the last was {last.id}, {last.date})" if last else ""
        raise IwgplanError(
            f"no IWG meeting is recorded on or after {as_of}{after}: add the next one with"
            " `iwgplan meeting add --date YYYY-MM-DD`, or name a meeting"
        )
    return found


def _point(entry: Entry, detail: str = "") -> Point:
    return Point(entry.id, entry.number, entry.item.title, detail)


def _due_point(entry: Entry, day: date, index: PlanIndex) -> Point:
    return _point(entry, _("due {date}").format(date=dated_text(day, entry, index)))


def _points(index: PlanIndex, ids: list[str]) -> list[Point]:
    return [_point(index.by_id[i.lower()]) for i in ids if i.lower() in index.by_id]


def build(index: PlanIndex, meeting: Meeting, as_of: date, since: Since | None) -> Agenda:
    """The draft agenda of ``meeting``; ``since`` is what happened since the meeting before it."""
    plan = index.plan
    before = mt.previous(plan, meeting)
    after = mt.following(plan, meeting)
    end = after.date - timedelta(days=1) if after else meeting.date + timedelta(days=AHEAD)
    agenda = Agenda(
        plan_title=plan.plan.title,
        body=plan.plan.body,
        meeting_id=meeting.id,
        date=meeting.date,
        kind=meeting.kind,
        title=meeting.title or (_("IWG side event") if meeting.kind == "side-event" else _("IWG meeting")),
        theme=meeting.theme,
        place=meeting.place,
        format=meeting.format,
        previous=(before.id, before.date) if before else None,
        following=(after.id, after.date) if after else None,
        window=(meeting.date, end),
        as_of=as_of,
    )
    recorded = list(meeting.agenda)
    items: list[Item] = [_inferred(_("Adoption of the agenda"), "procedural")]
    agenda.notes.append(_("Item 1 (adoption of the agenda) and the last item (other business) are the"
                          " usual opening and closing items, inferred."))  # fmt: skip
    progress = next((a for a in recorded if a.kind == "progress-report"), None)
    report = _from_recorded(progress, index) if progress else _inferred(
        _("Report by the Co-Chairs on the implementation of the Work Plan"), "progress-report"
    )  # fmt: skip
    report.sections = _progress(index, meeting, before, since, agenda)
    items.append(report)
    if progress is None:
        agenda.notes.append(
            _(
                "The Co-Chairs' progress report (6.2) is not recorded for this meeting;"
                " it is inferred, with what the plan records since the last meeting."
            )
        )
    for wanted in ("thematic-session", "secretariat-update"):
        items += [_from_recorded(a, index, plan.requests) for a in recorded if a.kind == wanted]
        items += _requested(index, meeting, wanted, agenda)
    items += [_from_recorded(a, index) for a in recorded if a.kind in ("presentation", "other")]
    items.append(_inferred(_("Other business"), "procedural"))
    if meeting.date < as_of:
        agenda.notes.append(
            _(
                "This meeting was held on {day}: what happened since the last one is told"
                " up to {as_of}, not up to the meeting (use --as-of {iso} for that)."
            ).format(day=day_text(meeting.date), as_of=day_text(as_of), iso=meeting.date)
        )
    for n, item in enumerate(items, start=1):
        item.number = n
    agenda.items = items
    return agenda


def _inferred(title: str, kind: str) -> Item:
    return Item(0, title, kind, INFERRED)


def _from_recorded(item: AgendaItem, index: PlanIndex, requests: list[Request] | None = None) -> Item:
    out = Item(
        0,
        item.title,
        item.kind,
        RECORDED,
        id=item.id,
        questions=list(item.questions),
        speakers=[Speaker(s.name, s.title, s.organisation) for s in item.speakers],
        documents=list(item.documents),
        concerns=_points(index, item.items),
        outcome=item.outcome,
    )
    if item.request is not None and requests is not None:
        request = next((r for r in requests if r.id.lower() == item.request.lower()), None)
        if request is not None:
            out.sections.append(Section(_("Requested"), lines=[_asked(request)]))
    return out


def _asked(request: Request) -> str:
    return _("by {members} on {day}: {subject}").format(
        members=", ".join(request.by), day=long_day(request.date), subject=request.subject
    )


def _requested(index: PlanIndex, meeting: Meeting, kind: str, agenda: Agenda) -> list[Item]:
    """Requests of ``kind`` not yet held: none taken up, or taken up by this meeting or a later
    one, and not already on this meeting's recorded agenda."""
    plan = index.plan
    on_agenda = {a.request.lower() for a in meeting.agenda if a.request}
    waiting: list[Request] = []
    later: list[tuple[Request, Meeting]] = []
    for request in plan.requests:
        if request.kind != kind or request.id.lower() in on_agenda or request.date > meeting.date:
            continue
        held = mt.taken_up_by(plan, request)
        if held is None or held.id == meeting.id:
            waiting.append(request)
        elif held.date > meeting.date:
            later.append((request, held))
    if not waiting and not later:
        return []
    title = (
        _("Thematic sessions requested by Members (5.1(b))")
        if kind == "thematic-session"
        else _("Updates requested from the Secretariat (6.3)")
    )
    item = _inferred(title, kind)
    if waiting:
        item.sections.append(
            Section(_("Requested, not yet on an agenda"), lines=[_asked(r) for r in waiting])
        )
        for request in waiting:
            item.concerns += [p for p in _points(index, request.items) if p not in item.concerns]
    if later:
        planned = _("{request} (planned for {meeting}, {day})")
        lines = [planned.format(request=_asked(r), meeting=m.id, day=long_day(m.date)) for r, m in later]
        item.sections.append(Section(_("Requested, planned for a later meeting"), lines=lines))
    agenda.notes.append(
        _("Item '{title}' is inferred from the requests recorded in the plan.").format(title=title)
    )
    return [item]


def _progress(
    index: PlanIndex, meeting: Meeting, before: Meeting | None, since: Since | None, agenda: Agenda
) -> list[Section]:
    sections: list[Section] = []
    start = before.date if before else index.plan.plan.date
    since_words = _label(before) if before else _("the plan's issue ({day})").format(day=long_day(start))
    if since is None:
        note = _("What happened since {since} is not known yet: it is after today.")
        agenda.notes.append(note.format(since=since_words))
    else:
        for key, label in (
            ("done", N_("Done since {since}")),
            ("started", N_("Started since {since}")),
            ("blocked", N_("Blocked since {since}")),
            ("dropped", N_("Dropped since {since}")),
            ("reopened", N_("Reopened since {since}")),
            ("slipped", N_("Slipped since {since}")),
            ("earlier", N_("Brought forward since {since}")),
            ("added", N_("Added since {since}")),
            ("removed", N_("Removed since {since}")),
        ):
            moved = getattr(since, key)
            if not moved:
                continue
            points = []
            for m in moved:
                entry = index.by_id.get(m.id.lower())
                detail = (
                    _("{detail} ({days} days)").format(detail=m.detail, days=f"{m.days:+d}")
                    if m.days
                    else m.detail
                )
                number = entry.number if entry else ""
                points.append(Point(m.id, number, m.title, detail))
            sections.append(Section(_(label).format(since=since_words), points))
        if since.empty:
            nothing = [_("no change is recorded in the plan")]
            sections.append(Section(_("Since {since}").format(since=since_words), lines=nothing))
        if since.source == "git":
            said = _(
                "The progress report lists what the plan records since {since} (from git),"
                " by the document's numbers and titles."
            )
        else:
            said = _(
                "The progress report lists what the plan records since {since} (from the dated"
                " history in the file), by the document's numbers and titles."
            )
        agenda.notes.append(said.format(since=since_words))
        agenda.notes += since.notes
    first, last = agenda.window
    due, overdue = [], []
    for entry in index.entries:
        if not counted(entry) or rollup(entry).closed or within_period(entry):
            continue
        day = effective_due(entry, index)
        if day is None:
            continue
        if first <= day <= last:
            due.append((day, entry))
        elif is_overdue(entry, index, meeting.date):
            overdue.append((day, entry))
    if overdue:
        points = [_due_point(e, d, index) for d, e in sorted(overdue, key=lambda x: x[0])]
        sections.append(Section(_("Overdue at {meeting}").format(meeting=_label(meeting)), points))
    if agenda.following:
        falls = _("Falls due before the meeting of {day}").format(day=long_day(agenda.following[1]))
    else:
        falls = _("Falls due by {day}").format(day=day_text(last))
    if due:
        sections.append(Section(falls, [_due_point(e, d, index) for d, e in sorted(due, key=lambda x: x[0])]))
    else:
        sections.append(Section(falls, lines=[_("nothing with a date")]))
    if not agenda.following:
        agenda.notes.append(
            _("No following meeting is recorded: 'falls due' looks {n} days ahead, to {day}.").format(
                n=AHEAD, day=day_text(last)
            )
        )
    return sections
