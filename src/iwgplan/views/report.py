"""The implementation report's content, independent of its format. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.model import Milestone
from iwgplan.plan.status import Status
from iwgplan.views.context import as_of_text
from iwgplan.views.timeline import Summary, due_date, effective_due, reason_for, rollup, summarize


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
    recorded: bool = False  # replayed from the dated history (`--as-of`)

    @property
    def as_of(self) -> date:
        return self.summary.as_of

    @property
    def as_of_text(self) -> str:
        return as_of_text(self.as_of, self.recorded)


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
    """Each milestone with the top-level items due by it, in document order.

    An item whose ``due`` names a milestone belongs to that milestone; an item due on a date
    belongs to the first milestone that is not over before that date.
    """
    ordered = sorted(index.plan.milestones, key=lambda m: m.begins.first())
    found: dict[str, list[Entry]] = {m.id: [] for m in ordered}
    for entry in index.top_level():
        home = _milestone_of(entry, index, ordered)
        if home is not None:
            found[home.id].append(entry)
    return [MilestoneDue(m, found[m.id]) for m in ordered]


def _milestone_of(entry: Entry, index: PlanIndex, ordered: list[Milestone]) -> Milestone | None:
    due = entry.item.due
    if due is not None and due in index.milestones:
        return index.milestones[due]
    when = due_date(due, index.milestones)
    return next((m for m in ordered if when is not None and m.finishes.last() >= when), None)


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


def build(index: PlanIndex, as_of: date, *, recorded: bool = False) -> Report:
    dropped = [(e, reason_for(e, Status.DROPPED)) for e in index.entries if e.item.status is Status.DROPPED]
    summary = summarize(index, as_of)
    return Report(index, summary, gantt_bars(index, as_of), due_by_milestone(index), dropped, recorded)
