"""The implementation report's content, independent of its format. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.status import Status
from iwgplan.views.context import as_of_text, as_of_words
from iwgplan.views.timeline import (
    Summary,
    done_fraction,
    due_date,
    effective_due,
    reason_for,
    rollup,
    summarize,
)

if TYPE_CHECKING:
    from iwgplan.plan.model import Milestone


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


def _first_record(entry: Entry) -> date | None:
    """The earliest dated history entry of an item or any of its sub-points."""
    days = [r.date for r in entry.item.history[:1]]
    days += [d for d in (_first_record(c) for c in entry.children) if d is not None]
    return min(days, default=None)


def _completed(entry: Entry) -> date | None:
    """When an item was done: its own date, or for a parent done by its sub-points, the last of theirs."""
    if entry.item.completed is not None:
        return entry.item.completed
    days = [d for d in (_completed(c) for c in entry.children) if d is not None]
    return max(days, default=None)


def gantt_bars(index: PlanIndex, as_of: date) -> list[Bar]:
    """Top-level items with a due date, each from its start to its due or completion date.

    An item starts at its first dated history entry (or a sub-point's), else with the plan's
    period; a done item ends on its completion date.
    """
    start = index.plan.plan.period.start.first()
    bars = []
    for entry in index.top_level():
        due = effective_due(entry, index)
        if due is None:
            continue
        status = rollup(entry)
        end = (_completed(entry) or due) if status is Status.DONE else due
        begin = min(_first_record(entry) or start, end)
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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def overview(report: Report) -> str:
    """The report's opening paragraph: done, in progress, overdue, the next milestone."""
    s = report.summary
    total = sum(s.counts.values())
    words = [
        f"{as_of_words(report.recorded).capitalize()} {report.as_of}, {s.counts['done']} of "
        f"{_plural(total, 'action point')} {'is' if s.counts['done'] == 1 else 'are'} done "
        f"({done_fraction(s.counts):.0%}), {s.counts['in-progress']} in progress"
    ]
    if s.counts["blocked"]:
        words.append(f", {s.counts['blocked']} blocked")
    words.append(f" and {_plural(len(s.overdue), 'item')} overdue")
    if s.overdue:
        first = s.overdue[0]
        words.append(f" (the longest by {_plural(-first.days, 'day')})")
    words.append(f"; {s.elapsed:.0%} of the period ({s.start} to {s.end}) has elapsed.")
    coming = s.next_milestones
    if coming:
        m = coming[0]
        when = "under way" if m.days == 0 else f"in {_plural(m.days, 'day')}"
        words.append(f" The next milestone is {m.title} ({m.label.replace('..', ' to ')}, {when}).")
    else:
        words.append(" No milestone is ahead.")
    return "".join(words)


def label(entry: Entry) -> str:
    """An item as a reader names it: its number and title."""
    return f"{entry.number} {entry.item.title}"


def build(index: PlanIndex, as_of: date, *, recorded: bool = False) -> Report:
    dropped = [(e, reason_for(e, Status.DROPPED)) for e in index.entries if e.item.status is Status.DROPPED]
    summary = summarize(index, as_of)
    return Report(index, summary, gantt_bars(index, as_of), due_by_milestone(index), dropped, recorded)
