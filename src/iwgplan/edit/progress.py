"""Recording progress: status changes, notes and evidence as Changes to a plan's text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from iwgplan.edit.splice import Change, day
from iwgplan.errors import IwgplanError
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.status import Status
from iwgplan.views.timeline import rollup


@dataclass(slots=True)
class Outcome:
    changes: list[Change] = field(default_factory=list)
    said: list[str] = field(default_factory=list)  # what changed, one line each
    notices: list[str] = field(default_factory=list)  # what did not, and suggestions


def _history(on: date, status: Status | None, note: str | None) -> dict[str, str]:
    entry = {"date": day(on)}
    if status is not None:
        entry["status"] = status.value
    if note:
        entry["note"] = note
    return entry


def _status_change(entry: Entry, status: Status, on: date, note: str | None) -> Change:
    change = Change(entry.loc, set={"status": status.value})
    if status is Status.DONE:
        change.set["completed"] = day(on)
    change.append["history"] = [_history(on, status, note)]
    return change


def mark_done(
    index: PlanIndex,
    ids: list[str],
    on: date,
    *,
    note: str | None = None,
    evidence: str | None = None,
    evidence_title: str | None = None,
    with_children: bool = False,
) -> Outcome:
    out = Outcome()
    entries = _unique(index, ids)
    targets: list[Entry] = []
    for entry in entries:
        open_kids = [c for c in _descendants(entry) if not c.item.status.closed]
        if open_kids and not with_children:
            names = ", ".join(c.id for c in open_kids)
            raise IwgplanError(
                f"{entry.id} has open sub-points ({names}); mark them first or pass --with-children"
            )
        targets += [*open_kids, entry] if with_children else [entry]
    seen: set[int] = set()
    for entry in targets:
        if id(entry) in seen:
            continue
        seen.add(id(entry))
        if entry.item.status is Status.DONE:
            out.notices.append(f"{entry.id} is already done; nothing to change")
            continue
        change = _status_change(entry, Status.DONE, on, note)
        if evidence and entry in entries:
            proof = {"ref": evidence, **({"title": evidence_title} if evidence_title else {})}
            proof["date"] = day(on)
            change.append["evidence"] = [proof]
        out.changes.append(change)
        out.said.append(f"{entry.id}: {entry.item.status.value} → done on {on}")
    _suggest_parents(out, targets, index)
    return out


def _suggest_parents(out: Outcome, targets: list[Entry], index: PlanIndex) -> None:
    done_now = {id(e) for e in targets}
    for parent in {id(e.parent): e.parent for e in targets if e.parent is not None}.values():
        if parent is None or id(parent) in done_now or parent.item.status is Status.DONE:
            continue
        kids_closed = all(id(c) in done_now or c.item.status.closed for c in parent.children)
        if kids_closed:
            out.notices.append(f"every sub-point of {parent.id} is now done; run `iwgplan done {parent.id}`")


def _descendants(entry: Entry) -> list[Entry]:
    found = []
    for child in entry.children:
        found += [*_descendants(child), child]
    return found


def _unique(index: PlanIndex, ids: list[str]) -> list[Entry]:
    entries: list[Entry] = []
    for item_id in ids:
        entry = index.get(item_id)
        if entry not in entries:
            entries.append(entry)
    return entries


def set_status(index: PlanIndex, item_id: str, status: Status, on: date, reason: str | None) -> Outcome:
    """start (in-progress), block and drop."""
    entry = index.get(item_id)
    out = Outcome()
    if entry.item.status is status:
        out.notices.append(f"{entry.id} is already {status.value}; nothing to change")
        return out
    if status is Status.IN_PROGRESS and entry.item.status.closed:
        raise IwgplanError(f"{entry.id} is {entry.item.status.value}; use `iwgplan reopen` first")
    out.changes.append(_status_change(entry, status, on, reason))
    why = f" ({reason})" if reason else ""
    out.said.append(f"{entry.id}: {entry.item.status.value} → {status.value} on {on}{why}")
    return out


def reopen(index: PlanIndex, item_id: str, on: date, reason: str, to: Status) -> Outcome:
    entry = index.get(item_id)
    out = Outcome()
    if entry.item.status in (Status.PLANNED, Status.IN_PROGRESS):
        out.notices.append(f"{entry.id} is already open ({entry.item.status.value}); nothing to change")
        return out
    change = _status_change(entry, to, on, reason)
    if entry.item.completed is not None:
        change.remove.append("completed")
    out.changes.append(change)
    out.said.append(f"{entry.id}: {entry.item.status.value} → {to.value} on {on} ({reason})")
    return out


def add_note(index: PlanIndex, item_id: str, on: date, text: str) -> Outcome:
    entry = index.get(item_id)
    out = Outcome([Change(entry.loc, append={"history": [_history(on, None, text)]})])
    out.said.append(f"{entry.id}: note added on {on}")
    return out


def next_symbol(symbol: str) -> str:
    """INF/TGE/W/10 -> INF/TGE/W/10/Rev.1; INF/TGE/W/10/Rev.1 -> INF/TGE/W/10/Rev.2."""
    match = re.fullmatch(r"(.*)/Rev\.(\d+)", symbol)
    return f"{match[1]}/Rev.{int(match[2]) + 1}" if match else f"{symbol}/Rev.1"


def revise(index: PlanIndex, on: date, symbol: str | None) -> Outcome:
    """Start the next revision in place: revision + 1, supersedes the old symbol, a new date."""
    meta = index.plan.plan
    change = Change(("plan",), set={"revision": meta.revision + 1, "date": day(on)})
    new_symbol = symbol or (next_symbol(meta.symbol) if meta.symbol else None)
    if meta.symbol:
        change.set["supersedes"] = meta.symbol
    if new_symbol:
        change.set["symbol"] = new_symbol
    out = Outcome([change])
    out.said.append(
        f"revision {meta.revision} → {meta.revision + 1} dated {on}"
        + (f"; {new_symbol} supersedes {meta.symbol}" if meta.symbol and new_symbol else "")
    )
    return out


__all__ = ["Outcome", "add_note", "mark_done", "reopen", "revise", "rollup", "set_status"]
