"""`add`, `modify` and `move`: change the plan's items themselves, as minimal edits of the text.

Each returns an Outcome of Changes, like the progress commands, so that every edit is spliced,
checked against the intended data, validated, and written atomically under the plan's lock.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from yaml.nodes import Node

from iwgplan.edit.progress import Outcome, history_entry
from iwgplan.edit.splice import Change, ListEdit, day, entry_source
from iwgplan.errors import IwgplanError, Loc, UsageError
from iwgplan.plan import dates
from iwgplan.plan.dates import When, dated
from iwgplan.plan.index import Entry, PlanIndex, UnknownId, resolve
from iwgplan.plan.model import ID_BODY, ActionPoint, Plan
from iwgplan.views.replay import ADDED
from iwgplan.views.timeline import before_issue, due_date

_ID = re.compile(ID_BODY)


@dataclass(frozen=True, slots=True)
class Place:
    """A list of action points: a focus area's, a section's, or an item's sub-points."""

    loc: Loc  # of the mapping that holds the list
    key: str  # action_points, items or children
    items: list[ActionPoint]
    name: str  # for messages: "focus area data", "action point fta"
    entry: Entry | None = None  # the parent item, for sub-points


def find_place(index: PlanIndex, under: str, *, exact: bool = False) -> Place:
    """The focus area, section (by id, any case) or action point (by id or prefix) named."""
    wanted = under.strip().lower()
    for t, tier in enumerate(index.plan.tiers):
        for f, focus in enumerate(tier.focus_areas):
            if focus.id.lower() == wanted:
                loc: Loc = ("tiers", t, "focus_areas", f)
                return Place(loc, "action_points", focus.action_points, f"focus area {focus.id}")
    for s, section in enumerate(index.plan.sections):
        if section.id.lower() == wanted:
            return Place(("sections", s), "items", section.items, f"section {section.id}")
    try:
        entry = resolve(index, under, exact=exact)
    except UnknownId:
        raise IwgplanError(
            f"--under: no focus area, section or action point with id {under!r}"
            " (`iwgplan tiers` lists the focus areas)"
        ) from None
    return Place(entry.loc, "children", entry.item.children, f"action point {entry.id}", entry)


def all_ids(plan: Plan, index: PlanIndex) -> set[str]:
    ids = {m.id for m in plan.milestones} | {o.id for o in plan.objectives}
    for tier in plan.tiers:
        ids |= {tier.id, *(f.id for f in tier.focus_areas)}
    ids |= {s.id for s in plan.sections} | {e.id for e in index.entries}
    ids |= {m.id for m in plan.meetings} | {r.id for r in plan.requests}
    return {i.lower() for i in ids}


def slug(title: str, taken: set[str], words: int = 3, limit: int = 24) -> str:
    """A short, unique id from a title: its first words, ASCII, lower case, joined by '-'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    parts = [w for w in re.split(r"[^a-z0-9]+", ascii_title.lower()) if w][:words] or ["item"]
    base = "-".join(parts)[:limit].strip("-")
    if not base[0].isalpha():
        base = f"item-{base}"
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    return found


@dataclass(slots=True)
class NewItem:
    title: str
    id: str | None = None
    number: str | None = None
    due: str | None = None
    owners: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    description: str | None = None
    depends_on: list[str] = field(default_factory=list)
    reason: str | None = None  # why it is added: kept in its first history entry, "added: REASON"


def _check_due(due: str, index: PlanIndex) -> None:
    if dated(due):
        try:
            When.parse(due)
        except ValueError:
            raise UsageError(f"--due: {due!r} is not a date (YYYY-MM-DD) or a month (YYYY-MM)") from None
    elif due not in index.milestones:
        known = ", ".join(index.milestones) or "none"
        raise IwgplanError(f"--due: {due!r} is neither a date nor a milestone id (milestones: {known})")


def _check_refs(refs: list[str], plan: Plan) -> None:
    symbols = {r.symbol for r in plan.references}
    for ref in refs:
        if ref not in symbols:
            raise IwgplanError(f"--ref: {ref!r} is not listed under the plan's references")


def _check_depends(ids: list[str], index: PlanIndex, exact: bool) -> list[str]:
    found = []
    for wanted in ids:
        try:
            found.append(resolve(index, wanted, exact=exact).id)
        except UnknownId as exc:
            raise IwgplanError(f"--depends-on: {exc}") from None
    return found


def add(
    index: PlanIndex,
    under: str,
    new: NewItem,
    on: date,
    *,
    after: str | None = None,
    exact: bool = False,
) -> Outcome:
    if not new.title.strip():
        raise UsageError("--title: give the action point's title")
    place = find_place(index, under, exact=exact)
    taken = all_ids(index.plan, index)
    ident = new.id or slug(new.title, taken)
    if not _ID.fullmatch(ident) or len(ident) > 40:
        raise UsageError(
            f"--id: {ident!r} must be lower-case letters, digits and single '-', '_' or '.' between"
            " them, starting with a letter, at most 40 characters"
        )
    if ident.lower() in taken:
        raise IwgplanError(f"--id: {ident!r} is already used in the plan; choose another with --id")
    if new.due:
        _check_due(new.due, index)
    _check_refs(new.refs, index.plan)
    depends = _check_depends(new.depends_on, index, exact)
    at = _position(index, place, after, exact)
    item: dict[str, Any] = {"id": ident}
    if new.number:
        item["number"] = new.number
    item["title"] = new.title
    item["status"] = "planned"
    for key, value in (
        ("description", new.description),
        ("due", new.due),
        ("owners", _unique(new.owners)),
        ("partners", _unique(new.partners)),
        ("refs", new.refs),
        ("depends_on", depends),
    ):
        if value:
            item[key] = value
    if new.reason is not None and not new.reason.strip():
        raise UsageError("--reason: give some text, or leave --reason out")
    note = f"{ADDED}: {new.reason}" if new.reason else ADDED
    item["history"] = [{"date": day(on), "status": "planned", "note": note}]
    out = Outcome([Change(place.loc, lists=[ListEdit(place.key, at, item)])])
    out.said.append(f"{ident}: added under {place.name} on {on}")
    falls = due_date(new.due, index.milestones)
    today = dates.today()
    if falls is not None and before_issue(index, falls):
        out.notices.append(
            f"note: {ident} is due {new.due} ({falls}), before the plan's issue ({index.plan.plan.date}):"
            " it is shown as business before this revision, never as late"
        )
    elif falls is not None and falls < today:
        late = (today - falls).days
        out.notices.append(
            f"warning: {ident} is due {new.due} (falls due on {falls}), already past: it is overdue"
            f" from the start, {late} day{'s' * (late != 1)} late today ({today})"
        )
    return out


def _position(index: PlanIndex, place: Place, after: str | None, exact: bool) -> int:
    if after is None:
        return len(place.items)
    sibling = resolve(index, after, exact=exact)
    for i, item in enumerate(place.items):
        if item is sibling.item:
            return i + 1
    raise IwgplanError(f"--after: {sibling.id} is not directly under {place.name}")


@dataclass(slots=True)
class Edits:
    """What `modify` changes; None leaves a field alone."""

    title: str | None = None
    description: str | None = None
    due: str | None = None
    number: str | None = None
    owners: list[str] = field(default_factory=list)  # +NAME adds, -NAME removes, NAME adds
    partners: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)
    clear: list[str] = field(default_factory=list)  # description, due, number, owners ...
    reason: str | None = None


CLEARABLE = ("description", "due", "number", "owners", "partners", "refs", "depends_on")


def _same_name(name: str) -> str:
    """What two spellings of a name share when they are the same name: NFC, so that "Côte"
    typed with a combining accent is the "Côte" in the file (compatibility forms such as "ﬁ"
    stay apart: they are other characters). The file's spelling is what is kept and written."""
    return unicodedata.normalize("NFC", name)


def _unique(names: list[str]) -> list[str]:
    """Names once each, in their first spelling."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(_same_name(name), name)
    return list(seen.values())


def _apply_signs(current: list[str], signed: list[str], what: str) -> list[str]:
    out = list(current)
    for raw in signed:
        name = raw[1:] if raw[:1] in "+-" else raw
        name = name.strip()
        if not name:
            raise UsageError(f"--{what}: {raw!r} names nothing")
        keys = [_same_name(n) for n in out]
        if raw.startswith("-"):
            if _same_name(name) not in keys:
                have = ", ".join(out) or "none"
                raise IwgplanError(f"--{what}: {name!r} is not among them ({have}); nothing was written")
            del out[keys.index(_same_name(name))]
        elif _same_name(name) not in keys:
            out.append(name)
    return out


def modify(index: PlanIndex, item_id: str, edits: Edits, on: date, *, exact: bool = False) -> Outcome:
    entry = resolve(index, item_id, exact=exact)
    item = entry.item
    change = Change(entry.loc)
    said: list[str] = []
    for key in edits.clear:
        if key not in CLEARABLE:
            raise UsageError(f"--clear: {key!r} cannot be cleared; choose from {', '.join(CLEARABLE)}")
    for key, value in (("title", edits.title), ("description", edits.description), ("number", edits.number)):
        if value is not None and value != getattr(item, key):
            if not value.strip():
                raise UsageError(f"--{key}: give some text, or --clear {key}")
            change.set[key] = value
            said.append(f"{key} set")
    for key in ("description", "number"):
        if key in edits.clear and getattr(item, key) is not None:
            change.remove.append(key)
            said.append(f"{key} cleared")
    slip = _due(change, entry, edits, index, on)
    if slip:
        said.append(slip)
    lists = {"owners": edits.owners, "partners": edits.partners, "refs": edits.refs}
    lists["depends_on"] = [_signed_id(s, index, exact) for s in edits.depends_on]
    for key, signed in lists.items():
        current = list(getattr(item, key))
        new = [] if key in edits.clear else current
        new = _apply_signs(new, signed, key.replace("_", "-"))
        if key == "refs":
            _check_refs(new, index.plan)
        if new == current:
            continue
        if new:
            change.set_list[key] = new
        else:
            change.remove.append(key)
        said.append(f"{key} {', '.join(new) if new else 'cleared'}")
    if not change.set and not change.remove and not change.set_list:
        raise UsageError(f"nothing to modify: {entry.id} already reads so (see `iwgplan modify --help`)")
    out = Outcome([change])
    if slip:
        history = history_entry(entry, {"date": day(on), "note": slip}, on)
        change.append, change.lists = history.append, history.lists
    out.said.append(f"{entry.id}: " + "; ".join(said))
    return out


def _signed_id(signed: str, index: PlanIndex, exact: bool) -> str:
    """`+ID` or `ID`: the full id it names; `-ID` stays as given (it must match one listed)."""
    if signed.startswith("-"):
        return signed
    return "+" + _check_depends([signed.removeprefix("+")], index, exact)[0]


def _due(change: Change, entry: Entry, edits: Edits, index: PlanIndex, on: date) -> str | None:
    """Set or clear `due`; a change of an existing due date is a slip, kept with its reason."""
    old = entry.item.due
    new = None if "due" in edits.clear else (edits.due if edits.due is not None else old)
    if new == old:
        return None
    if new is not None:
        _check_due(new, index)
        change.set["due"] = new
    else:
        change.remove.append("due")
    if old is not None and not edits.reason:
        raise UsageError(
            f"--reason is required to change a due date ({entry.id} is due {old}): say why it moves"
        )
    what = f"due {old} → {new}" if old and new else (f"due set to {new}" if new else f"due {old} removed")
    _due_provenance(change, entry.item, new, what, edits.reason, on)
    return what + (f": {edits.reason}" if edits.reason else "")


def _due_provenance(
    change: Change, item: Any, new: str | None, what: str, reason: str | None, on: date
) -> None:
    """The basis follows the edit (issue 23, point 7): a due set by hand is ``recorded``, with a
    note that says when and why; the old inference or default and its note go. A file that
    never said where its dates come from (no ``due_basis``) is left so."""
    if item.due_basis is None and item.due_note is None:
        return
    if new is None:
        change.remove += [k for k in ("due_basis", "due_note") if getattr(item, k) is not None]
        return
    change.set["due_basis"] = "recorded"
    change.set["due_note"] = f"{what} by `modify` on {on}" + (f": {reason}" if reason else "")


def move(
    index: PlanIndex,
    text: str,
    root: Node,
    data: Any,
    item_id: str,
    under: str,
    *,
    after: str | None = None,
    exact: bool = False,
) -> Outcome:
    entry = resolve(index, item_id, exact=exact)
    place = find_place(index, under, exact=exact)
    if place.entry is not None and (place.entry is entry or entry in place.entry.ancestors()):
        raise IwgplanError(f"cannot move {entry.id} under itself or one of its own sub-points")
    at = _position(index, place, after, exact)
    old_key, old_at = entry.loc[-2], entry.loc[-1]
    assert isinstance(old_key, str) and isinstance(old_at, int)
    old_place = entry.loc[:-2]
    if old_place == place.loc and at in (old_at, old_at + 1):
        out = Outcome([])  # nothing to do: nothing written, exit 0
        out.notices.append(f"{entry.id} is already under {place.name} at that place; nothing to move")
        return out
    lines, dash, _, _ = entry_source(text, root, entry.loc)
    insert = ListEdit(place.key, at, _data_at(data, entry.loc), source=lines, source_dash=dash)
    remove = ListEdit(old_key, old_at, None, replace=True)
    if old_place == place.loc:
        changes = [Change(place.loc, lists=[insert, remove])]
    else:
        changes = [Change(place.loc, lists=[insert]), Change(old_place, lists=[remove])]
    out = Outcome(changes)
    kids = f" with {_count(entry)} sub-points" if entry.children else ""
    out.said.append(f"{entry.id}{kids}: moved under {place.name}")
    return out


def _count(entry: Entry) -> int:
    return sum(1 + _count(c) for c in entry.children)


def _data_at(data: Any, loc: Loc) -> Any:
    """The item's data as parsed from the text: what the moved lines must read as again."""
    for part in loc:
        data = data[part]
    return data
