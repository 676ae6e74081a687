"""Semantic comparison of two plans, matched by id, never by position. Pure."""

from __future__ import annotations

import dataclasses
import difflib
import json
import operator
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from iwgplan.i18n import gettext as _
from iwgplan.i18n import ngettext
from iwgplan.plan import records
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.views.timeline import due_date

ADDED, REMOVED, MOVED, CHANGED = "added", "removed", "moved", "changed"


def _fields(record: type[records.Record], *apart: str) -> list[str]:
    """A record's fields in the format's order, but those compared on their own (keys, children)."""
    return [name for name, *_ in record.FIELDS if name not in apart]


# Every field of the format is compared, read from the records that mirror the models (a test
# holds them to the models): a change in how sure a fact is (a `*_basis`, a `*_note`) or in
# what an item is (`kind`) is a change a reviewer must see, and a field added to the format is
# compared without anyone having to remember it here.
_META_FIELDS = _fields(records.PlanMeta)
_SET_FIELDS = ["owners", "partners", "refs"]
_TEXT_FIELDS = _fields(
    records.ActionPoint, "id", "status", "due", "evidence", "history", "children", *_SET_FIELDS
)
MILESTONE_FIELDS = _fields(records.Milestone, "id")
OBJECTIVE_FIELDS = _fields(records.Objective, "id")
REFERENCE_FIELDS = _fields(records.Reference, "symbol")
GROUP_FIELDS = list(
    dict.fromkeys([*_fields(records.Tier, "id", "focus_areas"), *_fields(records.Section, "id", "items")])
)
FOCUS_FIELDS = _fields(records.FocusArea, "id", "action_points")


@dataclass(slots=True)
class Change:
    """One difference. ``id`` is None for plan metadata; ``extra`` holds kind-specific keys."""

    kind: str
    entity: str  # plan, action_point, milestone, objective, reference, tier, focus_area
    id: str | None
    field: str | None = None
    old: Any = None
    new: Any = None
    group: str | None = None  # the tier or section the item is in (new side, else old)
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)

    def inverse(self) -> Change:
        kind = {ADDED: REMOVED, REMOVED: ADDED}.get(self.kind, self.kind)
        extra = dict(self.extra)
        if "days" in extra:
            extra["days"] = -extra["days"]
        if "added" in extra or "removed" in extra:
            extra["added"], extra["removed"] = extra.pop("removed", []), extra.pop("added", [])
        extra.pop("hint", None)
        return Change(kind, self.entity, self.id, self.field, self.new, self.old, self.group, extra)


def _by_ref(evidence: Any) -> dict[str, list[str]]:
    """Each reference's entries (a title or date changed in place is a change of that reference;
    a plan may cite one reference twice), whatever their order."""
    entries: dict[str, list[str]] = {}
    for item in evidence:
        entries.setdefault(item.ref, []).append(json.dumps(_jsonable(item), sort_keys=True))
    return {ref: sorted(found) for ref, found in entries.items()}


def _jsonable(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _place(entry: Entry) -> dict[str, str | None]:
    return {
        "group": entry.group.id,
        "focus_area": entry.focus.id if entry.focus else None,
        "parent": entry.parent.id if entry.parent else None,
    }


# Every field `_item_changes` compares on its own, read in one call (a tuple, compared in C).
_COMPARED = operator.attrgetter("status", "due", *_TEXT_FIELDS, *_SET_FIELDS, "evidence", "history")


def _same(old: Entry, new: Entry) -> bool:
    """Whether an item is unchanged, in one cheap test that implies every test of
    `_item_changes` passes: equal fields (lists of equal entries, in the same order, are equal
    sets too, and equal evidence and history dump and key alike) in the same place. Most items
    of two revisions are unchanged; a changed one takes the full comparison."""
    return (
        old.group.id == new.group.id
        and (old.focus.id if old.focus else None) == (new.focus.id if new.focus else None)
        and (old.parent.id if old.parent else None) == (new.parent.id if new.parent else None)
        and _COMPARED(old.item) == _COMPARED(new.item)
    )


def _item_changes(old: Entry, new: Entry, old_index: PlanIndex, new_index: PlanIndex) -> Iterator[Change]:
    if _same(old, new):
        return
    ident, group = new.id, new.group.id
    a, b = old.item, new.item
    if _place(old) != _place(new):
        yield Change(MOVED, "action_point", ident, None, _place(old), _place(new), group)
    if a.status != b.status:
        yield Change(CHANGED, "action_point", ident, "status", a.status.value, b.status.value, group)
    if a.due != b.due:
        extra: dict[str, Any] = {}
        before, after = due_date(a.due, old_index.milestones), due_date(b.due, new_index.milestones)
        if before and after:
            extra["days"] = (after - before).days
        reason = _slip_reason(a, b)
        if reason:
            extra["reason"] = reason
        yield Change(CHANGED, "action_point", ident, "due", a.due, b.due, group, extra)
    for name in _TEXT_FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        if x != y:
            yield Change(CHANGED, "action_point", ident, name, _jsonable(x), _jsonable(y), group)
    for name in _SET_FIELDS:
        x, y = set(getattr(a, name)), set(getattr(b, name))
        if x != y:
            sets = {"added": sorted(y - x), "removed": sorted(x - y)}
            yield Change(CHANGED, "action_point", ident, name, sorted(x), sorted(y), group, sets)
    old_ev, new_ev = _by_ref(a.evidence), _by_ref(b.evidence)
    if old_ev != new_ev:  # in another order, the same entries: no change (as owners)
        sets = {
            "added": sorted(new_ev.keys() - old_ev.keys()),
            "removed": sorted(old_ev.keys() - new_ev.keys()),
            "changed": sorted(ref for ref in old_ev.keys() & new_ev.keys() if old_ev[ref] != new_ev[ref]),
        }
        yield Change(CHANGED, "action_point", ident, "evidence", sorted(old_ev), sorted(new_ev), group, sets)
    old_history, new_history = [_entry_key(h) for h in a.history], [_entry_key(h) for h in b.history]
    if old_history != new_history:
        old_keys, new_keys = set(old_history), set(new_history)
        added = [h for h, key in zip(b.history, new_history, strict=True) if key not in old_keys]
        removed = [h for h, key in zip(a.history, old_history, strict=True) if key not in new_keys]
        sets = {"added": _jsonable(added), "removed": _jsonable(removed)}
        yield Change(CHANGED, "action_point", ident, "history", len(a.history), len(b.history), group, sets)


def _slip_reason(a: Any, b: Any) -> str | None:
    """Why the due date moved, from the history entry `modify --due --reason` wrote with it
    ("due 2026-11 → 2027-01: Postponed ..."), when the new side has one the old side has not."""
    said = f"due {a.due} → {b.due}: " if a.due and b.due else None
    if said is None:
        return None
    old = {_entry_key(h) for h in a.history}
    for h in reversed(b.history):
        if h.note and h.note.startswith(said) and _entry_key(h) not in old:
            return str(h.note[len(said) :])
    return None


def _entry_key(h: Any) -> tuple[Any, ...]:
    """A history entry as a hashable tuple: comparing models one by one was quadratic."""
    return (h.date, h.status, h.note)


# Similar-title search compares every added title with every removed one; past this many pairs
# only identical titles (after case and spacing) give a rename hint, and `rename_note` says so.
MAX_SIMILAR_PAIRS = 20_000
RENAME_CUTOFF = 0.85


def _normal(title: str) -> str:
    return " ".join(title.casefold().split())


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def _renames(added: list[Entry], removed: list[Entry]) -> dict[int, Entry]:
    """For each added entry (by identity), the removed entry it was probably renamed from."""
    by_title: dict[str, Entry] = {}
    for entry in removed:
        by_title.setdefault(_normal(entry.item.title), entry)
    twins: dict[int, Entry] = {}
    unmatched = []
    for entry in added:
        twin = by_title.get(_normal(entry.item.title))
        if twin is not None:
            twins[id(entry)] = twin
        else:
            unmatched.append(entry)
    if len(unmatched) * len(removed) > MAX_SIMILAR_PAIRS:
        return twins
    for entry in unmatched:
        twin = _most_similar(entry.item.title, removed)
        if twin is not None:
            twins[id(entry)] = twin
    return twins


def _most_similar(title: str, removed: list[Entry]) -> Entry | None:
    matcher = difflib.SequenceMatcher(None, "", title.casefold())
    best, best_ratio = None, RENAME_CUTOFF
    for entry in removed:
        matcher.set_seq1(entry.item.title.casefold())
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio or (best is None and ratio >= best_ratio):
            best, best_ratio = entry, ratio
    return best


def rename_note(changes: list[Change]) -> str | None:
    """Why some added items may lack a rename hint: too many pairs to compare titles."""
    added = sum(c.kind == ADDED and c.entity == "action_point" and "hint" not in c.extra for c in changes)
    removed = sum(c.kind == REMOVED and c.entity == "action_point" for c in changes)
    if added * removed <= MAX_SIMILAR_PAIRS:
        return None
    return (
        f"iwgplan: rename hints only for identical titles: comparing {added:,} added with {removed:,}"
        f" removed action points is past the limit of {MAX_SIMILAR_PAIRS:,} pairs"
    )


def carried_over(old: PlanIndex, new: PlanIndex) -> dict[str, str]:
    """New id → old id of the items the new plan carries from the old one (``carried_from``
    naming the old plan's id and one of its items): a plan and its successor are compared
    item by item through their carries, whatever the new plan calls them."""
    prefix = old.plan.plan.id.lower() + "#"
    if new.plan.plan.id.lower() + "#" == prefix:
        return {}
    out: dict[str, str] = {}
    taken: set[str] = set()
    for key, entry in new.by_id.items():
        ref = (entry.item.carried_from or "").lower()
        if ref.startswith(prefix) and ref[len(prefix) :] in old.by_id and ref[len(prefix) :] not in taken:
            out[key] = ref[len(prefix) :]
            taken.add(out[key])
    return out


def _items(old: PlanIndex, new: PlanIndex) -> Iterator[Change]:
    carried = carried_over(old, new)
    taken = set(carried.values())  # a set: `in carried.values()` per item was quadratic
    matched = {**{k: k for k in new.by_id if k in old.by_id and k not in taken}, **carried}
    kept = set(matched.values())
    removed = [e for key, e in old.by_id.items() if key not in kept]
    for entry in removed:
        yield Change(REMOVED, "action_point", entry.id, None, entry.item.title, None, entry.group.id)
    added = [e for key, e in new.by_id.items() if key not in matched]
    twins = _renames(added, removed)
    for key, entry in new.by_id.items():
        was = matched.get(key)
        before = old.by_id.get(was) if was is not None else None
        if before is not None and before.id != entry.id:
            yield Change(CHANGED, "action_point", entry.id, "id", before.id, entry.id, entry.group.id)
        if before is None:
            change = Change(ADDED, "action_point", entry.id, None, None, entry.item.title, entry.group.id)
            twin = twins.get(id(entry))
            if twin is not None:
                change.extra["hint"] = f"probably renamed from {twin.id}"
            yield change
        else:
            yield from _item_changes(before, entry, old, new)


def _by_id(kind: str, old: dict[str, Any], new: dict[str, Any], fields: list[str]) -> Iterator[Change]:
    for key in old.keys() - new.keys():
        yield Change(REMOVED, kind, key, None, _jsonable(old[key]), None)
    for key in sorted(new.keys() - old.keys()):
        yield Change(ADDED, kind, key, None, None, _jsonable(new[key]))
    for key in [k for k in new if k in old]:
        for name in fields:  # a section has no `priority`: None on both sides
            x, y = getattr(old[key], name, None), getattr(new[key], name, None)
            if x != y:
                yield Change(CHANGED, kind, key, name, _jsonable(x), _jsonable(y))


def diff_plans(old: PlanIndex, new: PlanIndex) -> list[Change]:
    a, b = old.plan, new.plan
    changes = [
        Change(CHANGED, "plan", None, name, _jsonable(x), _jsonable(y))
        for name in _META_FIELDS
        if (x := getattr(a.plan, name)) != (y := getattr(b.plan, name))
    ]
    if a.schema_version != b.schema_version:
        changes.append(Change(CHANGED, "plan", None, "schema_version", a.schema_version, b.schema_version))
    changes += _by_id("milestone", old.milestones, new.milestones, MILESTONE_FIELDS)
    objectives = ({o.id: o for o in a.objectives}, {o.id: o for o in b.objectives})
    changes += _by_id("objective", *objectives, OBJECTIVE_FIELDS)
    references = ({r.symbol: r for r in a.references}, {r.symbol: r for r in b.references})
    changes += _by_id("reference", *references, REFERENCE_FIELDS)
    old_groups = {g.id: g for g in old.groups}
    new_groups = {g.id: g for g in new.groups}
    changes += _by_id("tier", old_groups, new_groups, GROUP_FIELDS)
    old_areas = {f.id: f for t in a.tiers for f in t.focus_areas}
    new_areas = {f.id: f for t in b.tiers for f in t.focus_areas}
    changes += _by_id("focus_area", old_areas, new_areas, FOCUS_FIELDS)
    changes += _items(old, new)
    return changes


@dataclass(frozen=True, slots=True)
class Summary:
    added: int
    removed: int
    changed: int
    status_changes: int
    slips: list[int]

    def line(self) -> str:
        details = []
        if self.status_changes:
            n = self.status_changes
            details.append(ngettext("{n} status change", "{n} status changes", n).format(n=n))
        later = [d for d in self.slips if d > 0]
        earlier = [d for d in self.slips if d < 0]
        if later:
            n = len(later)
            details.append(
                ngettext("{n} due date slipped by {days}", "{n} due dates slipped by {days}", n).format(
                    n=n, days=_days(later)
                )
            )
        if earlier:
            n = len(earlier)
            details.append(
                ngettext(
                    "{n} due date brought forward by {days}", "{n} due dates brought forward by {days}", n
                ).format(n=n, days=_days(earlier))
            )
        head = f"+{self.added} −{self.removed} ~{self.changed}"
        return head + (f" ({', '.join(details)})" if details else "")


def _days(values: list[int]) -> str:
    biggest = max(abs(v) for v in values)
    days = ngettext("{n} day", "{n} days", biggest).format(n=biggest)
    return days if len(values) == 1 else _("up to {days}").format(days=days)


def summarize(changes: list[Change]) -> Summary:
    return Summary(
        added=sum(c.kind == ADDED for c in changes),
        removed=sum(c.kind == REMOVED for c in changes),
        changed=len({(c.entity, c.id) for c in changes if c.kind in (CHANGED, MOVED)}),
        status_changes=sum(c.field == "status" for c in changes),
        slips=[c.extra["days"] for c in changes if c.field == "due" and c.extra.get("days")],
    )
