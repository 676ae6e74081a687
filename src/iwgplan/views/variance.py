"""The plan against its baseline (the plan as issued): slips with their reasons, items added and
dropped. Pure: both plans are given, already read and validated.

A slip is the move of an item's own due date, read by the deadlines rules (a month falls due on
its last day, a milestone when it ends; :func:`iwgplan.views.timeline.due_date`). Only a date the
issued document states can slip: an item whose baseline due date is inferred, a transcription
default or from outside the document (`due_basis`) has no slip to show, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iwgplan.i18n import N_, ngettext
from iwgplan.i18n import gettext as _
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.status import Status
from iwgplan.views.provenance import unsure
from iwgplan.views.timeline import due_date, reason_for

NOT_STATED = N_("the document states no date for it")
# The notes `iwgplan modify --due --reason` and `iwgplan add --reason` write in an item's history.
DUE_NOTE, ADDED_NOTE = "due ", "added"


@dataclass(frozen=True, slots=True)
class Row:
    """One item of both plans: its planned and current due dates, and how far it moved."""

    id: str
    title: str
    planned: str | None  # the baseline's `due`
    planned_day: date | None
    current: str | None
    current_day: date | None
    stated: bool  # the issued document states the planned date
    slip: int | None  # days later (negative: earlier); None when there is nothing to compare
    status: str
    completed: date | None
    reasons: list[str]

    @property
    def moved(self) -> bool:
        return self.planned != self.current

    @property
    def note(self) -> str:
        """Why a moved date shows no slip; empty when it shows one, or did not move."""
        if not self.moved:
            return ""
        if not self.stated:
            return _(NOT_STATED)
        if self.planned_day is None or self.current_day is None:
            return _("no date to compare on one side")
        return ""


@dataclass(frozen=True, slots=True)
class Change:
    """An item added or dropped since the baseline, with the reason its history gives."""

    id: str
    title: str
    reason: str | None
    how: str = ""  # dropped: "dropped" or "removed from the file"


@dataclass(slots=True)
class Variance:
    baseline: str  # where the baseline was read from: "issued:plans/x.yaml"
    baseline_date: date
    rows: list[Row]
    added: list[Change]
    dropped: list[Change]
    notes: list[str] = field(default_factory=list)

    @property
    def slipped(self) -> list[Row]:
        return [r for r in self.rows if r.slip is not None and r.slip > 0]

    @property
    def forward(self) -> list[Row]:
        return [r for r in self.rows if r.slip is not None and r.slip < 0]

    @property
    def unstated(self) -> list[Row]:
        """Items whose date moved, but the document states none to slip from."""
        return [r for r in self.rows if r.moved and r.slip is None]

    def summary(self) -> str:
        """``3 items slipped, by 45 days on average; 2 added; 1 dropped``."""
        slipped = self.slipped
        if slipped:
            mean = sum(r.slip or 0 for r in slipped) / len(slipped)
            n = len(slipped)
            head = ngettext(
                "{n} item slipped, by {days} on average", "{n} items slipped, by {days} on average", n
            ).format(n=n, days=_days(mean))
        else:
            head = _("no item slipped")
        parts = [head]
        if self.forward:
            mean = sum(-(r.slip or 0) for r in self.forward) / len(self.forward)
            n = len(self.forward)
            parts.append(
                ngettext(
                    "{n} item brought forward, by {days} on average",
                    "{n} items brought forward, by {days} on average",
                    n,
                ).format(n=n, days=_days(mean))
            )
        parts += [
            _("{n} added").format(n=len(self.added)),
            ngettext("{n} dropped", "{n} dropped", len(self.dropped)).format(n=len(self.dropped)),
        ]
        if self.unstated:
            n = len(self.unstated)
            parts.append(
                ngettext(
                    "{n} moved without a date the document states (no slip to show)",
                    "{n} moved without a date the document states (no slip to show)",
                    n,
                ).format(n=n)
            )
        return "; ".join(parts)


def _days(value: float) -> str:
    shown = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
    return ngettext("{n} day", "{n} days", 1 if shown == "1" else 2).format(n=shown)


def _new_history(old: Entry | None, new: Entry) -> list[Any]:
    seen = {(h.date, h.status, h.note) for h in old.item.history} if old else set()
    return [h for h in new.item.history if (h.date, h.status, h.note) not in seen]


def due_reasons(old: Entry, new: Entry) -> list[str]:
    """The reasons `modify --due --reason` recorded since the baseline, oldest first."""
    reasons = []
    for h in _new_history(old, new):
        if h.note and h.note.startswith(DUE_NOTE) and ": " in h.note:
            reasons.append(h.note.split(": ", 1)[1])
    return reasons


def added_reason(entry: Entry) -> str | None:
    """The reason `add --reason` recorded (``added: REASON``), else the item's description."""
    for h in entry.item.history:
        if h.note and h.note.startswith(ADDED_NOTE + ": "):
            return h.note.split(": ", 1)[1]
    return entry.item.description


def _row(old: Entry, new: Entry, base: PlanIndex, current: PlanIndex) -> Row:
    a, b = old.item, new.item
    planned_day = due_date(a.due, base.milestones)
    current_day = due_date(b.due, current.milestones)
    stated = a.due is not None and not unsure(a.due_basis)
    slip = None
    if stated and planned_day is not None and current_day is not None:
        slip = (current_day - planned_day).days
    return Row(
        id=new.id,
        title=b.title,
        planned=a.due,
        planned_day=planned_day,
        current=b.due,
        current_day=current_day,
        stated=stated,
        slip=slip,
        status=b.status.value,
        completed=b.completed,
        reasons=due_reasons(old, new),
    )


def variance(base: PlanIndex, current: PlanIndex, shown: str) -> Variance:
    """The current plan against ``base``, the plan as issued (read from ``shown``)."""
    rows, added, dropped = [], [], []
    for key, entry in current.by_id.items():
        before = base.by_id.get(key)
        if before is None:
            added.append(Change(entry.id, entry.item.title, added_reason(entry)))
            continue
        rows.append(_row(before, entry, base, current))
        if entry.item.status is Status.DROPPED and before.item.status is not Status.DROPPED:
            dropped.append(Change(entry.id, entry.item.title, reason_for(entry, Status.DROPPED), "dropped"))
    for key, entry in base.by_id.items():
        if key not in current.by_id:
            dropped.append(Change(entry.id, entry.item.title, None, _("removed from the file")))
    out = Variance(shown, base.plan.plan.date, rows, added, dropped)
    if any(not r.stated and r.planned is not None for r in rows):
        n = sum(not r.stated and r.planned is not None for r in rows)
        out.notes.append(
            ngettext(
                "{n} item of the baseline have a due date the document does not state (inferred,"
                " a transcription default or from outside it): they have no slip to show",
                "{n} items of the baseline have a due date the document does not state (inferred,"
                " a transcription default or from outside it): they have no slip to show",
                n,
            ).format(n=n)
        )
    return out


def as_data(v: Variance) -> dict[str, Any]:
    """The variance as plain data, for JSON and the report context."""

    def iso(day: date | None) -> str | None:
        return day.isoformat() if day else None

    return {
        "baseline": v.baseline,
        "baseline_date": iso(v.baseline_date),
        "summary": v.summary(),
        "slipped": len(v.slipped),
        "mean_slip_days": (sum(r.slip or 0 for r in v.slipped) / len(v.slipped)) if v.slipped else None,
        "items": [
            {
                "id": r.id,
                "title": r.title,
                "planned": r.planned,
                "planned_date": iso(r.planned_day),
                "current": r.current,
                "current_date": iso(r.current_day),
                "stated": r.stated,
                "slip_days": r.slip,
                "note": r.note or None,
                "status": r.status,
                "completed": iso(r.completed),
                "reasons": r.reasons,
            }
            for r in v.rows
        ],
        "added": [{"id": c.id, "title": c.title, "reason": c.reason} for c in v.added],
        "dropped": [{"id": c.id, "title": c.title, "reason": c.reason, "how": c.how} for c in v.dropped],
        "notes": list(v.notes),
    }
