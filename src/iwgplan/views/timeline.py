"""Status and progress arithmetic over a plan and an as-of date. Pure: no I/O, no output."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from iwgplan.plan.dates import When
from iwgplan.plan.index import Entry, Group, PlanIndex
from iwgplan.plan.status import Status

if TYPE_CHECKING:
    from iwgplan.plan.model import Milestone

Day = date  # `date` is also a field name of Dated below
STATUSES = [s.value for s in Status]


def milestone_due(milestone: Milestone) -> date:
    """A milestone as a due date: its day, or for a range its start (a month: its last day)."""
    return milestone.begins.last()


def due_date(due: str | None, milestones: dict[str, Milestone]) -> date | None:
    """A ``due`` value as the day it falls due: a month falls due on its last day."""
    if due is None:
        return None
    if due[:1].isdigit():
        return When.parse(due).last()
    milestone = milestones.get(due)
    return milestone_due(milestone) if milestone else None


def effective_due(entry: Entry, index: PlanIndex) -> date | None:
    """An item's own due date, or the nearest parent's."""
    current: Entry | None = entry
    while current is not None:
        if current.item.due is not None:
            return due_date(current.item.due, index.milestones)
        current = current.parent
    return None


def rollup(entry: Entry) -> Status:
    """A parent's status as its children make it: all done (or dropped) means done."""
    own = entry.item.status
    if not entry.children or own.closed:
        return own
    kids = [rollup(child) for child in entry.children]
    if all(k.closed for k in kids) and Status.DONE in kids:
        return Status.DONE
    if own is Status.BLOCKED:
        return own
    if any(k in (Status.DONE, Status.IN_PROGRESS) for k in kids):
        return Status.IN_PROGRESS
    return own


def cookie(entry: Entry) -> str:
    """``[2/3]``: children done out of children, as an outliner shows it."""
    if not entry.children:
        return ""
    done = sum(rollup(child) is Status.DONE for child in entry.children)
    return f"[{done}/{len(entry.children)}]"


def reason_for(entry: Entry, status: Status) -> str | None:
    """The note of the latest history entry that set ``status``: why it was blocked, say."""
    for record in reversed(entry.item.history):
        if record.status is status:
            return record.note
    return None


def done_fraction(counts: dict[str, int]) -> float:
    """Done over everything that is still meant to be done (dropped items do not count)."""
    live = sum(counts.values()) - counts.get(Status.DROPPED.value, 0)
    return counts.get(Status.DONE.value, 0) / live if live else 0.0


def count(entries: list[Entry]) -> dict[str, int]:
    found = Counter(rollup(e).value for e in entries)
    return {status: found.get(status, 0) for status in STATUSES}


def is_tier(group: Group) -> bool:
    """A tier (with focus areas) rather than a section; true of models and records alike."""
    return hasattr(group, "focus_areas")


@dataclass(frozen=True, slots=True)
class GroupSummary:
    group: Group
    counts: dict[str, int]

    @property
    def kind(self) -> str:
        return "tier" if is_tier(self.group) else "section"

    @property
    def priority(self) -> bool:
        return is_tier(self.group) and bool(getattr(self.group, "priority", False))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done_fraction(self) -> float:
        return done_fraction(self.counts)


@dataclass(frozen=True, slots=True)
class Dated:
    """An item (or milestone) with the day it falls on and the days from the as-of date."""

    id: str
    title: str
    date: Day
    days: int
    entry: Entry | None = None
    end: Day | None = None
    label: str = ""  # the date as the plan gives it: 2026-12, 2026-03-26, mc14 ...


@dataclass(slots=True)
class Summary:
    as_of: date
    start: date
    end: date
    elapsed: float
    counts: dict[str, int]
    groups: list[GroupSummary]
    overdue: list[Dated] = field(default_factory=list)
    upcoming: list[Dated] = field(default_factory=list)
    milestones: list[Dated] = field(default_factory=list)
    blocked: list[tuple[Entry, str | None]] = field(default_factory=list)

    @property
    def next_milestones(self) -> list[Dated]:
        return [m for m in self.milestones if (m.end or m.date) >= self.as_of]


def elapsed_fraction(start: date, end: date, as_of: date) -> float:
    """Share of the period gone by the end of the as-of day, within 0..1."""
    span = (end - start).days + 1
    gone = (as_of - start).days + 1
    return min(max(gone / span, 0.0), 1.0)


def dated_items(index: PlanIndex, as_of: date) -> list[Dated]:
    """Every open item with a due date of its own, earliest first."""
    found = []
    for entry in index.entries:
        when = due_date(entry.item.due, index.milestones)
        if when is not None and not rollup(entry).closed:
            days = (when - as_of).days
            found.append(Dated(entry.id, entry.item.title, when, days, entry, None, entry.item.due or ""))
    found.sort(key=lambda d: (d.date, d.entry.number if d.entry else ""))
    return found


def milestone_label(milestone: Milestone) -> str:
    if milestone.date is not None:
        return str(milestone.date)
    return f"{milestone.start}..{milestone.end}"


def milestone_dated(milestone: Milestone, as_of: date) -> Dated:
    """Days to go until a milestone begins; 0 while it is under way; negative once it is over."""
    first, last = milestone.begins.first(), milestone.finishes.last()
    days = (first - as_of).days if as_of < first else (0 if as_of <= last else (last - as_of).days)
    label = milestone_label(milestone)
    return Dated(milestone.id, milestone.title, first, days, None, last, label)


def summarize(index: PlanIndex, as_of: date, horizon: int = 60) -> Summary:
    meta = index.plan.plan
    start, end = meta.period.start.first(), meta.period.end.last()
    groups = [GroupSummary(g, count(list(index.top_level(g)))) for g in index.groups]
    totals = count(list(index.top_level()))
    summary = Summary(as_of, start, end, elapsed_fraction(start, end, as_of), totals, groups)
    for item in dated_items(index, as_of):
        if item.days < 0:
            summary.overdue.append(item)
        elif item.days <= horizon:
            summary.upcoming.append(item)
    summary.milestones = [
        milestone_dated(m, as_of) for m in sorted(index.plan.milestones, key=lambda m: m.begins.first())
    ]
    summary.blocked = [
        (e, reason_for(e, Status.BLOCKED)) for e in index.entries if e.item.status is Status.BLOCKED
    ]
    return summary
