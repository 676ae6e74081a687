"""`amend`: rewrite or remove one history entry, keeping the correction itself as a dated note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iwgplan.edit.progress import Outcome
from iwgplan.edit.splice import Change, ListEdit, day
from iwgplan.errors import IwgplanError, UsageError
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.model import HistoryEntry
from iwgplan.plan.status import Status


@dataclass(slots=True)
class Slot:
    """One history entry in the merged order: an old one (by index) kept or dropped, or a new one."""

    old: int | None
    entry: dict[str, str]
    dropped: bool = False


@dataclass(frozen=True, slots=True)
class Amendment:
    date: date | None = None
    status: Status | None = None
    note: str | None = None
    remove: bool = False
    reason: str | None = None


def as_dict(h: HistoryEntry) -> dict[str, str]:
    out = {"date": day(h.date)}
    if h.status is not None:
        out["status"] = h.status.value
    if h.note:
        out["note"] = h.note
    return out


def describe(entry: dict[str, str], limit: int = 60) -> str:
    """An entry on one line, its note shortened: `2026-05-01, done: issued at MC14`."""
    parts = [entry["date"], entry.get("status", "")]
    text = ", ".join(p for p in parts if p)
    note = " ".join(entry.get("note", "").split())
    if len(note) > limit:
        note = note[: limit - 1].rstrip() + "…"
    return f"{text}: {note}" if note else text


def pick(entry: Entry, number: int | None) -> int:
    """The 0-based index of history entry ``number`` (1-based, oldest first; None: the last)."""
    count = len(entry.item.history)
    if not count:
        raise IwgplanError(f"{entry.id} has no history entries to amend")
    if number is None:
        return count - 1
    if not 1 <= number <= count:
        raise UsageError(f"--entry: {entry.id} has history entries 1 to {count}; there is no entry {number}")
    return number - 1


def _place(slots: list[Slot], new: Slot) -> None:
    """Insert after the last live entry dated on or before the new one (date order, stable)."""
    at = 0
    for i, slot in enumerate(slots):
        if not slot.dropped and slot.entry["date"] <= new.entry["date"]:
            at = i + 1
    slots.insert(at, new)


def list_edits(key: str, slots: list[Slot], size: int) -> list[ListEdit]:
    """The ListEdits that turn the old list into the merged one.

    A dropped entry is replaced by the new entry next to it where there is one, so that no two
    splices overlap and a list never passes through empty.
    """
    edits: list[ListEdit] = []
    pending: int | None = None
    for i, slot in enumerate(slots):
        if slot.old is None:
            if pending is not None:
                edits.append(ListEdit(key, pending, slot.entry, replace=True))
                pending = None
                continue
            following = next((s.old for s in slots[i + 1 :] if s.old is not None), size)
            edits.append(ListEdit(key, following, slot.entry))
            continue
        if pending is not None:
            edits.append(ListEdit(key, pending, None, replace=True))
            pending = None
        if slot.dropped and edits and edits[-1] == ListEdit(key, slot.old, edits[-1].entry):
            edits[-1] = ListEdit(key, slot.old, edits[-1].entry, replace=True)  # the new one just before
        elif slot.dropped:
            pending = slot.old
    if pending is not None:
        edits.append(ListEdit(key, pending, None, replace=True))
    return edits


def amend(index: PlanIndex, item_id: str, number: int | None, today: date, change: Amendment) -> Outcome:
    entry = index.get(item_id)
    at = pick(entry, number)
    old = as_dict(entry.item.history[at])
    slots = [Slot(i, as_dict(h)) for i, h in enumerate(entry.item.history)]
    slots[at].dropped = True
    new = None if change.remove else _rewritten(old, change)
    if new is not None:
        _place(slots, Slot(None, new))
    what = "removed" if new is None else f"now reads ({describe(new)})"
    note = f"corrected on {day(today)}: entry {at + 1} ({describe(old)}) {what}"
    _place(
        slots,
        Slot(None, {"date": day(today), "note": note + (f": {change.reason}" if change.reason else "")}),
    )
    edit = Change(entry.loc, lists=list_edits("history", slots, len(entry.item.history)))
    _settle(edit, entry, [s.entry for s in slots if not s.dropped], changed=bool(old.get("status")))
    out = Outcome([edit])
    out.said.append(f"{entry.id}: history entry {at + 1} ({describe(old)}) {what}")
    return out


def _rewritten(old: dict[str, str], change: Amendment) -> dict[str, str]:
    new = dict(old)
    if change.date is not None:
        new["date"] = day(change.date)
    if change.status is not None:
        new["status"] = change.status.value
    if change.note is not None:
        new.pop("note", None)
        if change.note:
            new["note"] = change.note
    new = {k: new[k] for k in ("date", "status", "note") if k in new}
    if new == old:
        raise UsageError("nothing to amend: give --date, --status, --note or --remove")
    if "status" not in new and "note" not in new:
        raise UsageError("a history entry needs a status or a note; give --note TEXT or use --remove")
    return new


def _settle(edit: Change, entry: Entry, history: list[dict[str, str]], *, changed: bool) -> None:
    """Keep the item's status and `completed` in line with its last dated status."""
    last = next((h for h in reversed(history) if h.get("status")), None)
    item = entry.item
    if last is None and not changed:
        return
    status = Status(last["status"]) if last else Status.PLANNED
    if status is not item.status:
        edit.set["status"] = status.value
    if status is Status.DONE:
        assert last is not None
        if item.completed is None or day(item.completed) != last["date"]:
            edit.set["completed"] = last["date"]
    elif item.completed is not None:
        edit.remove.append("completed")
