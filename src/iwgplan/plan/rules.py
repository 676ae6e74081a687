"""Cross-field rules over a whole plan; each broken rule becomes one located Problem."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pydantic import BaseModel

from iwgplan.errors import Loc, Problem, dotted
from iwgplan.plan import meetings
from iwgplan.plan.dates import dated
from iwgplan.plan.index import PlanIndex
from iwgplan.plan.model import ActionPoint, Plan
from iwgplan.plan.status import Status


def check(plan: Plan, index: PlanIndex | None = None) -> list[Problem]:
    index = index or PlanIndex(plan)
    return [
        *_version_fields(plan),
        *_unique_ids(plan, index),
        *_references(plan, index),
        *_cycles(index),
        *_item_dates(plan, index),
        *meetings.problems(plan, index),
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
        "points_basis",
        "points_note",
        "basis",
        "basis_note",
        "kind",
        "due_basis",
        "due_note",
        "owners_basis",
        # Succession (iwgplan variance, iwgplan successor)
        "baseline",
        "closed",
        "carried_from",
        # Meetings (iwgplan agenda)
        "meetings",
        "requests",
        "symbol_sources",
        "revision_note",
        "symbol_basis",
        "title_note",
        "sources",
        "points_sources",
        # The document's force (issue 23, point 4)
        "force",
    }
)


def _version_fields(plan: Plan) -> Iterator[Problem]:
    if plan.schema_version != 1:
        return
    yield from _version_fields_under(plan, ())


def _version_fields_under(model: BaseModel, at: Loc) -> Iterator[Problem]:
    for loc, node in _walk(model, at):
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
    yield from meetings.meeting_ids(plan)


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
        if item.due and not dated(item.due) and item.due not in index.milestones:
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
    """One problem per group of items that depend on each other in a loop (a strongly connected
    component), pointing at the first of them in the file, with one cycle through it shortened
    past a few ids: 10,000 items in one loop make one line, not one line per back edge."""
    graph = {
        e.id.lower(): [
            d.lower() for d in e.item.depends_on if d.lower() in index.by_id and d.lower() != e.id.lower()
        ]
        for e in index.entries
    }
    order = {key: n for n, key in enumerate(graph)}
    for component in strongly_connected(graph):
        if len(component) < 2:
            continue
        first = min(component, key=order.__getitem__)
        cycle = [index.by_id[key].id for key in _cycle_through(first, graph, set(component))]
        message = f"dependency cycle: {_shortened(cycle)}"
        if len(component) > len(cycle) - 1:
            message += f" ({len(component):,} items depend on each other in loops)"
        yield Problem(message, (*index.by_id[first].loc, "depends_on"))


def strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively, so no depth hits a recursion limit."""
    low: dict[str, int] = {}
    number: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in graph:
        if root in number:
            continue
        work = [(root, iter(graph[root]))]
        number[root] = low[root] = len(number)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            nxt = next(successors, None)
            if nxt is not None:
                if nxt not in number:
                    number[nxt] = low[nxt] = len(number)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                elif nxt in on_stack:
                    low[node] = min(low[node], number[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == number[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found


def _cycle_through(start: str, graph: dict[str, list[str]], members: set[str]) -> list[str]:
    """The shortest way from ``start`` back to itself inside its component (breadth first)."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        ahead: list[str] = []
        for node in frontier:
            for nxt in graph[node]:
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if nxt in members and nxt not in came_from:
                    came_from[nxt] = node
                    ahead.append(nxt)
        frontier = ahead
    return [start, start]  # not reached: every member of a component lies on a cycle


def _shortened(cycle: list[str], keep: int = 4) -> str:
    if len(cycle) <= keep + 2:
        return " -> ".join(cycle)
    hidden = len(cycle) - keep - 1
    return " -> ".join([*cycle[:keep], f"… ({hidden:,} more)", cycle[-1]])


def plan_window_start(plan: Plan) -> date:
    """The earliest day the plan speaks of: its period start, its earliest milestone, or the
    day it is dated (a plan drafted before its period starts, as `successor` writes the next one
    in December, records what it carried on that day)."""
    firsts = [plan.plan.period.start.first(), plan.plan.date, *(m.begins.first() for m in plan.milestones)]
    return min(firsts)


def _item_dates(plan: Plan, index: PlanIndex) -> Iterator[Problem]:
    earliest = plan_window_start(plan)
    for entry in index.entries:
        yield from _dates_of(entry.item, entry.loc, earliest)


def _dates_of(item: ActionPoint, loc: Loc, earliest: date) -> Iterator[Problem]:
    if item.status is Status.DONE and item.completed is None:
        yield Problem("status is 'done' but there is no 'completed' date", (*loc, "status"))
    if item.completed and item.completed < earliest:
        yield Problem(_too_early("completed", item.completed, earliest), (*loc, "completed"))
    previous = None
    for h, entry_h in enumerate(item.history):
        if entry_h.date < earliest:
            yield Problem(_too_early("history date", entry_h.date, earliest), (*loc, "history", h, "date"))
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


# The keys of an action point that the rules over the whole plan read only in the item itself:
# its dates and version 2 keys. The others (ids, refs, due, depends_on) tie items together.
OWN_KEYS = frozenset({"status", "completed", "history", "evidence"})


def item_problems(item: ActionPoint, loc: Loc, earliest: date, schema_version: int) -> list[Problem]:
    """The rules over the whole plan, for a valid plan in which only ``item`` (validated, at
    ``loc``) changed, and only in its OWN_KEYS: what :func:`check` would find, since every
    other rule reads keys that did not change. ``earliest`` is the plan's
    :func:`plan_window_start`, ``schema_version`` its version."""
    found = list(_version_fields_under(item, loc)) if schema_version == 1 else []
    return [*found, *_dates_of(item, loc, earliest)]


def _too_early(what: str, day: date, earliest: date) -> str:
    return f"{what} {day} is before the plan's start ({earliest})"
