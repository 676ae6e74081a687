"""Cross-field rules over a whole plan; each broken rule becomes one located Problem."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pydantic import BaseModel

from iwgplan.errors import Loc, Problem, dotted
from iwgplan.plan.index import PlanIndex
from iwgplan.plan.model import Plan
from iwgplan.plan.status import Status


def check(plan: Plan, index: PlanIndex | None = None) -> list[Problem]:
    index = index or PlanIndex(plan)
    return [
        *_version_fields(plan),
        *_unique_ids(plan, index),
        *_references(plan, index),
        *_cycles(index),
        *_item_dates(plan, index),
    ]


# Keys that version 2 of the format added; a file that says `schema_version: 1` may not use them.
V2_KEYS = frozenset(
    {
        "issuer_role",
        "symbol_note",
        "supersedes_note",
        "title_basis",
        "points_style",
        "closing",
        "basis",
        "basis_note",
        "kind",
        "due_basis",
        "due_note",
        "owners_basis",
    }
)


def _version_fields(plan: Plan) -> Iterator[Problem]:
    if plan.schema_version != 1:
        return
    for loc, node in _walk(plan, ()):
        for key in sorted(V2_KEYS & node.model_fields_set):
            yield Problem(
                f"{key!r} is new in schema_version 2; this file says schema_version 1:"
                " change it to 2 (every version 1 file is a valid version 2 file)",
                (*loc, key),
            )


def _walk(node: BaseModel, loc: Loc) -> Iterator[tuple[Loc, BaseModel]]:
    yield loc, node
    for name in type(node).model_fields:
        value = getattr(node, name)
        if isinstance(value, BaseModel):
            yield from _walk(value, (*loc, name))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                if isinstance(child, BaseModel):
                    yield from _walk(child, (*loc, name, i))


def _all_ids(plan: Plan, index: PlanIndex) -> Iterator[tuple[str, Loc]]:
    for i, m in enumerate(plan.milestones):
        yield m.id, ("milestones", i, "id")
    for i, o in enumerate(plan.objectives):
        yield o.id, ("objectives", i, "id")
    for t, tier in enumerate(plan.tiers):
        yield tier.id, ("tiers", t, "id")
        for f, focus in enumerate(tier.focus_areas):
            yield focus.id, ("tiers", t, "focus_areas", f, "id")
    for s, section in enumerate(plan.sections):
        yield section.id, ("sections", s, "id")
    for entry in index.entries:
        yield entry.id, (*entry.loc, "id")


def _unique_ids(plan: Plan, index: PlanIndex) -> Iterator[Problem]:
    seen: dict[str, Loc] = {}
    for ident, loc in _all_ids(plan, index):
        key = ident.lower()
        if key in seen:
            yield Problem(f"duplicate id {ident!r}: already used at {dotted(seen[key])}", loc)
        else:
            seen[key] = loc


def _references(plan: Plan, index: PlanIndex) -> Iterator[Problem]:
    symbols = {ref.symbol for ref in plan.references}
    for o, objective in enumerate(plan.objectives):
        yield from _refs_resolve(objective.refs, symbols, ("objectives", o, "refs"))
    for entry in index.entries:
        item = entry.item
        yield from _refs_resolve(item.refs, symbols, (*entry.loc, "refs"))
        if item.due and not item.due[:1].isdigit() and item.due not in index.milestones:
            known = ", ".join(index.milestones) or "none"
            msg = f"due {item.due!r} is neither a date nor a milestone id (milestones: {known})"
            yield Problem(msg, (*entry.loc, "due"))
        for d, dep in enumerate(item.depends_on):
            if dep.lower() == item.id.lower():
                yield Problem(f"{item.id!r} depends on itself", (*entry.loc, "depends_on", d))
            elif dep.lower() not in index.by_id:
                yield Problem(
                    f"depends_on {dep!r} is not the id of an action point",
                    (*entry.loc, "depends_on", d),
                )


def _refs_resolve(refs: list[str], symbols: set[str], loc: Loc) -> Iterator[Problem]:
    for r, ref in enumerate(refs):
        if ref not in symbols:
            yield Problem(f"ref {ref!r} is not listed under 'references'", (*loc, r))


def _cycles(index: PlanIndex) -> Iterator[Problem]:
    graph = {
        e.id.lower(): [
            d.lower() for d in e.item.depends_on if d.lower() in index.by_id and d.lower() != e.id.lower()
        ]
        for e in index.entries
    }
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for start in graph:
        if state.get(start):
            continue
        path, stack = [start], [iter(graph[start])]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                entry = index.by_id[nxt]
                yield Problem(f"dependency cycle: {' -> '.join(cycle)}", (*entry.loc, "depends_on"))
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(graph[nxt]))


def plan_window_start(plan: Plan) -> date:
    """The earliest day the plan speaks of: its period start or its earliest milestone."""
    firsts = [plan.plan.period.start.first(), *(m.begins.first() for m in plan.milestones)]
    return min(firsts)


def _item_dates(plan: Plan, index: PlanIndex) -> Iterator[Problem]:
    earliest = plan_window_start(plan)
    for entry in index.entries:
        item, loc = entry.item, entry.loc
        if item.status is Status.DONE and item.completed is None:
            yield Problem("status is 'done' but there is no 'completed' date", (*loc, "status"))
        if item.completed and item.completed < earliest:
            yield Problem(_too_early("completed", item.completed, earliest), (*loc, "completed"))
        previous = None
        for h, entry_h in enumerate(item.history):
            if entry_h.date < earliest:
                yield Problem(
                    _too_early("history date", entry_h.date, earliest), (*loc, "history", h, "date")
                )
            if previous and entry_h.date < previous:
                yield Problem(
                    f"history is out of date order: {entry_h.date} comes after {previous}",
                    (*loc, "history", h, "date"),
                )
            previous = entry_h.date
        for e, evidence in enumerate(item.evidence):
            if evidence.date and evidence.date < earliest:
                yield Problem(
                    _too_early("evidence date", evidence.date, earliest),
                    (*loc, "evidence", e, "date"),
                )


def _too_early(what: str, day: date, earliest: date) -> str:
    return f"{what} {day} is before the plan's start ({earliest})"
