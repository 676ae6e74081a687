"""Recording progress: status changes, notes and evidence as Changes to a plan's text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from iwgplan.edit.splice import Change, ListEdit, Refused, day
from iwgplan.edit.transitions import Act, rule
from iwgplan.errors import IwgplanError
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.status import Status
from iwgplan.views.replay import status_on
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


def require_text(entry: Entry, value: str | None, what: str, on: date) -> None:
    """A note or reason that is given must say something: an empty one, or one of white space
    only, is refused at the place in the file where its history entry would go."""
    if value is None or value.strip():
        return
    at = history_position(entry, on)
    if at:
        loc, where = (*entry.loc, "history", at - 1), "after this history entry"
    elif entry.item.history:
        loc, where = (*entry.loc, "history"), "first in this history"
    else:
        loc, where = (*entry.loc, "id"), "in a new history for this item"
    blank = "empty" if not value else "only white space"
    raise Refused(f"the {what} is {blank}; its entry would go {where}, but it would say nothing", loc)


def history_position(entry: Entry, on: date) -> int:
    """Where an entry dated ``on`` goes: after every entry of that day or before (date order)."""
    return sum(h.date <= on for h in entry.item.history)


def history_entry(entry: Entry, new: dict[str, str], on: date) -> Change:
    """A Change that adds one history entry in date order (at the end unless it is backdated)."""
    at = history_position(entry, on)
    if at == len(entry.item.history):
        return Change(entry.loc, append={"history": [new]})
    return Change(entry.loc, lists=[ListEdit("history", at, new)])


def _later_status(entry: Entry, on: date) -> tuple[date, Status] | None:
    """The first status change the history records after ``on``."""
    return next(((h.date, h.status) for h in entry.item.history if h.date > on and h.status), None)


def _status_change(entry: Entry, status: Status, on: date, note: str | None, out: Outcome) -> Change:
    """Record ``status`` on ``on``; the item's own status moves only if no later entry sets one."""
    change = history_entry(entry, _history(on, status, note), on)
    later = _later_status(entry, on)
    if later is not None:
        out.notices.append(
            f"{entry.id}: a later entry ({later[0]}, {later[1].value}) still sets its status;"
            f" it stays {entry.item.status.value}"
        )
        return change
    change.set["status"] = status.value
    if status is Status.DONE:
        change.set["completed"] = day(on)
    elif entry.item.completed is not None:
        change.remove.append("completed")
    return change


def check_transition(entry: Entry, command: str, to: Status, on: date, *, force: bool = False) -> bool:
    """Look the command up in the transition table for the item's status on ``on``.

    True: record it. False: nothing to change (the caller says why). Raises when refused.
    """
    was = status_on(entry.item, on)
    found = rule(command, was)
    if found.act is Act.REFUSE and not (found.forceable and force):
        raise IwgplanError(found.say(entry.id, was))
    return found.act is not Act.ALREADY and not _became(entry, to, on)


def _became(entry: Entry, to: Status, on: date) -> bool:
    later = _later_status(entry, on)
    return later is not None and later[1] is to


def _unchanged(entry: Entry, command: str, to: Status, on: date) -> str:
    was = status_on(entry.item, on)
    if _became(entry, to, on):
        later = _later_status(entry, on)
        assert later is not None
        n = next(i for i, h in enumerate(entry.item.history, 1) if h.date == later[0] and h.status is to)
        return (
            f"{entry.id} became {to.value} on {later[0]}; to correct that date, run"
            f" `iwgplan amend {entry.id} --entry {n} --date {on}`"
        )
    said = rule(command, was).say(entry.id, was)
    later = _later_status(entry, on)
    if later is None:
        return said
    n = next(i for i, h in enumerate(entry.item.history, 1) if h.date == later[0] and h.status is later[1])
    return (
        f"{said} (on {on}); the history records {later[1].value} on {later[0]} (entry {n}),"
        f" which `iwgplan amend {entry.id} --entry {n}` can correct"
    )


def mark_done(
    index: PlanIndex,
    ids: list[str],
    on: date,
    *,
    note: str | None = None,
    evidence: str | None = None,
    evidence_title: str | None = None,
    with_children: bool = False,
    force: bool = False,
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
    named = {id(entry) for entry in entries}
    seen: set[int] = set()
    for entry in targets:
        if id(entry) in seen:
            continue
        seen.add(id(entry))
        if not check_transition(entry, "done", Status.DONE, on, force=force):
            out.notices.append(_unchanged(entry, "done", Status.DONE, on))
            continue
        was = status_on(entry.item, on)
        change = _status_change(entry, Status.DONE, on, note, out)
        if evidence and id(entry) in named:
            proof = {"ref": evidence, **({"title": evidence_title} if evidence_title else {})}
            proof["date"] = day(on)
            change.append["evidence"] = [proof]
        out.changes.append(change)
        out.said.append(f"{entry.id}: {was.value} → done on {on}")
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
    """The entries the ids name, each once, in the order first named (a set: not a scan of
    the list for each id, which grew as the square of the ids)."""
    entries: list[Entry] = []
    seen: set[int] = set()
    for item_id in ids:
        entry = index.get(item_id)
        if id(entry) not in seen:
            seen.add(id(entry))
            entries.append(entry)
    return entries


COMMAND_OF = {Status.IN_PROGRESS: "start", Status.BLOCKED: "block", Status.DROPPED: "drop"}


def set_status(index: PlanIndex, item_id: str, status: Status, on: date, reason: str | None) -> Outcome:
    """start (in-progress), block and drop."""
    entry = index.get(item_id)
    out = Outcome()
    command = COMMAND_OF[status]
    require_text(entry, reason, "reason", on)
    if not check_transition(entry, command, status, on):
        out.notices.append(_unchanged(entry, command, status, on))
        return out
    was = status_on(entry.item, on)
    out.changes.append(_status_change(entry, status, on, reason, out))
    why = f" ({reason})" if reason else ""
    out.said.append(f"{entry.id}: {was.value} → {status.value} on {on}{why}")
    return out


def reopen(index: PlanIndex, item_id: str, on: date, reason: str, to: Status) -> Outcome:
    entry = index.get(item_id)
    out = Outcome()
    require_text(entry, reason, "reason", on)
    if not check_transition(entry, "reopen", to, on):
        out.notices.append(_unchanged(entry, "reopen", to, on))
        return out
    was = status_on(entry.item, on)
    out.changes.append(_status_change(entry, to, on, reason, out))
    out.said.append(f"{entry.id}: {was.value} → {to.value} on {on} ({reason})")
    return out


def add_note(index: PlanIndex, item_id: str, on: date, text: str) -> Outcome:
    entry = index.get(item_id)
    require_text(entry, text, "note", on)
    out = Outcome([history_entry(entry, _history(on, None, text), on)])
    out.said.append(f"{entry.id}: note added on {on}")
    return out


def next_symbol(symbol: str) -> str:
    """INF/TGE/W/10 -> INF/TGE/W/10/Rev.1; INF/TGE/W/10/Rev.1 -> INF/TGE/W/10/Rev.2."""
    match = re.fullmatch(r"(.*)/Rev\.([0-9]+)", symbol)
    return f"{match[1]}/Rev.{int(match[2]) + 1}" if match else f"{symbol}/Rev.1"


def _carry_note(change: Change, key: str, note: str | None, old: str | None) -> None:
    """How sure the old symbol was goes with it to ``supersedes``."""
    if note:
        change.set[key] = note
    elif old:
        change.remove.append(key)


def revise(index: PlanIndex, on: date, symbol: str | None) -> Outcome:
    """Start the next revision in place: revision + 1, supersedes the old symbol, a new date."""
    meta = index.plan.plan
    change = Change(("plan",), set={"revision": meta.revision + 1, "date": day(on)})
    new_symbol = symbol or (next_symbol(meta.symbol) if meta.symbol else None)
    if meta.symbol:
        change.set["supersedes"] = meta.symbol
        _carry_note(change, "supersedes_note", meta.symbol_note, meta.supersedes_note)
    if new_symbol:
        change.set["symbol"] = new_symbol
    if symbol and meta.symbol_note:
        change.remove.append("symbol_note")  # a symbol given by hand is not the old one's guess
    # The provenance of the old revision's facts does not follow them (issue 23, point 7): the
    # sources cited the old symbol, and the new number is the user's own, not a reading.
    reset = [key for key in ("symbol_sources", "revision_note") if getattr(meta, key, None)]
    change.remove += reset
    out = Outcome([change])
    out.said.append(
        f"revision {meta.revision} → {meta.revision + 1} dated {on}"
        + (f"; {new_symbol} supersedes {meta.symbol}" if meta.symbol and new_symbol else "")
    )
    resets = [f"{key} (it was about revision {meta.revision})" for key in reset]
    if symbol and meta.symbol_note:
        resets.append("symbol_note (the symbol is the one given)")
    if resets:
        out.said.append("reset: " + "; ".join(resets))
    out.said.append(
        "kept: every item, its id, status, history, due date and its basis, the milestones and the"
        " references; record this revision's changes with modify, add, move and drop"
    )
    return out


__all__ = ["Outcome", "add_note", "mark_done", "reopen", "revise", "rollup", "set_status"]
