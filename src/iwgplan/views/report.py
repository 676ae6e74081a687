"""The implementation report's content, independent of its format. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.model import Milestone
from iwgplan.plan.status import Status
from iwgplan.views.timeline import Summary, effective_due, reason_for, rollup, summarize


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of the Gantt: an action point from its start to its due (or completion) date."""

    entry: Entry
    start: date
    end: date
    status: Status
    overdue: bool


@dataclass(frozen=True, slots=True)
class MilestoneDue:
    milestone: Milestone
    entries: list[Entry]


@dataclass(slots=True)
class Report:
    index: PlanIndex
    summary: Summary
    bars: list[Bar]
    milestones: list[MilestoneDue]
    dropped: list[tuple[Entry, str | None]]

    @property
    def as_of(self) -> date:
        return self.summary.as_of


def _started(entry: Entry, default: date) -> date:
    for record in entry.item.history:
        if record.status is Status.IN_PROGRESS:
            return record.date
    return default


def gantt_bars(index: PlanIndex, as_of: date) -> list[Bar]:
    """Top-level items with a due date, each from its start to its due or completion date."""
    start = index.plan.plan.period.start.first()
    bars = []
    for entry in index.top_level():
        due = effective_due(entry, index)
        if due is None:
            continue
        status = rollup(entry)
        end = entry.item.completed if status is Status.DONE and entry.item.completed else due
        begin = min(_started(entry, start), end)
        if end == begin:
            begin = end - timedelta(days=1)
        bars.append(Bar(entry, begin, end, status, due < as_of and not status.closed))
    return bars


def due_by_milestone(index: PlanIndex) -> list[MilestoneDue]:
    """For each milestone, the items whose due date falls after the previous one and by it."""
    ordered = sorted(index.plan.milestones, key=lambda m: m.begins.first())
    out, previous = [], date.min
    for milestone in ordered:
        by = milestone.finishes.last()
        due = [
            e for e in index.top_level() if (d := effective_due(e, index)) is not None and previous < d <= by
        ]
        out.append(MilestoneDue(milestone, due))
        previous = by
    return out


def header_facts(index: PlanIndex) -> list[tuple[str, str]]:
    """The report header's facts, in the order both report formats show them."""
    meta = index.plan.plan
    return [
        ("Symbol", meta.symbol or "—"),
        ("Revision", f"{meta.revision_label} of {meta.date}"),
        ("Issued by", ", ".join(meta.issued_by) or "—"),
        ("Period", f"{meta.period.start} to {meta.period.end}"),
        ("Supersedes", meta.supersedes or "—"),
    ]


def build(index: PlanIndex, as_of: date) -> Report:
    dropped = [(e, reason_for(e, Status.DROPPED)) for e in index.entries if e.item.status is Status.DROPPED]
    return Report(index, summarize(index, as_of), gantt_bars(index, as_of), due_by_milestone(index), dropped)
