"""The next work plan, started from this one: its structure, the items left open carried with
``carried_from``, standing duties carried, dates cleared; and the old plan marked closed.

The new plan is built as data here and written by the caller as a new file (validated first);
the old plan's close is one byte-minimal splice, like every other edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iwgplan.edit.progress import Outcome
from iwgplan.edit.splice import Change, day
from iwgplan.errors import UsageError
from iwgplan.plan.dates import When
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.model import ID_PATTERN, SCHEMA_VERSION
from iwgplan.plan.status import Status
from iwgplan.views.timeline import reason_for

_ID = re.compile(ID_PATTERN)


@dataclass(slots=True)
class Carried:
    """What the successor takes and leaves: ids, for the dry run and the message."""

    open: list[str] = field(default_factory=list)
    standing: list[str] = field(default_factory=list)
    left: list[tuple[str, str]] = field(default_factory=list)  # (id, why: done, dropped, past)


@dataclass(frozen=True, slots=True)
class Period:
    start: When
    end: When

    @classmethod
    def parse(cls, spec: str) -> Period:
        """``2027-01..2028-12``: two months or days, the end not before the start."""
        start, sep, end = spec.partition("..")
        try:
            if not sep:
                raise ValueError
            period = cls(When.parse(start.strip()), When.parse(end.strip()))
        except ValueError:
            raise UsageError(
                f"--period: {spec!r} is not START..END, months or days (2027-01..2028-12)"
            ) from None
        if period.end.last() < period.start.first():
            raise UsageError(f"--period: {spec!r} ends before it starts")
        return period

    @property
    def years(self) -> str:
        a, b = self.start.first().year, self.end.last().year
        return str(a) if a == b else f"{a}-{b}"


def next_id(old: str, old_years: str, years: str) -> str:
    """The old plan's id with its years replaced (``iwg-workplan-2025-2026`` → ``...-2027-2028``)."""
    new = old.replace(old_years, years) if old_years in old else f"{old}-{years}"
    new = new[:40].strip("-_.")
    if not _ID.match(new) or new == old:
        raise UsageError(f"cannot derive a new plan id from {old!r}: give one with --id")
    return new


def _summary(entry: Entry, old_id: str) -> str:
    """An item's history in a line: its moves, the last reason, its old due date."""
    item = entry.item
    moves = [f"{h.status.value} {h.date}" for h in item.history if h.status is not None]
    parts = [f"carried from {old_id}"]
    if moves:
        parts.append("history: " + ", ".join(moves))
    notes = [h.note for h in item.history if h.note and h.status is None]
    if notes:
        parts.append(f"last note: {notes[-1]}")
    why = reason_for(entry, item.status) if item.status in (Status.BLOCKED,) else None
    if why:
        parts.append(f"blocked: {why}")
    if item.due:
        parts.append(f"was due {item.due}" + (f" ({item.due_basis})" if item.due_basis else ""))
    return "; ".join(parts)


def _carry(entry: Entry, old_id: str, on: date, keep: set[str], out: Carried) -> dict[str, Any] | None:
    item = entry.item
    if item.kind == "past":
        out.left.append((entry.id, "before the old plan's issue"))
        return None
    if item.status in (Status.DONE, Status.DROPPED):
        out.left.append((entry.id, item.status.value))
        return None
    standing = item.kind == "standing"
    (out.standing if standing else out.open).append(entry.id)
    data: dict[str, Any] = {"id": item.id}
    if item.number:
        data["number"] = item.number
    data["title"] = item.title
    if item.kind != "deliverable":
        data["kind"] = item.kind
    if item.force:  # the old document's verb: an encouragement carried on is still not the IWG's to do
        data["force"] = item.force
    status = Status.PLANNED if standing else item.status
    data["status"] = status.value
    if item.description:
        data["description"] = item.description
    for key in ("owners", "partners", "refs"):
        if getattr(item, key):
            data[key] = list(getattr(item, key))
    if item.owners and item.owners_basis:
        data["owners_basis"] = item.owners_basis
    depends = [d for d in item.depends_on if d.lower() in keep]
    if depends:
        data["depends_on"] = depends
    data["history"] = [{"date": day(on), "status": status.value, "note": _summary(entry, old_id)}]
    children = [c for c in (_carry(k, old_id, on, keep, out) for k in entry.children) if c is not None]
    if children:
        data["children"] = children
    data["carried_from"] = f"{old_id}#{item.id}"
    return data


def _kept(index: PlanIndex) -> set[str]:
    """The ids the successor carries (a `depends_on` on any other is dropped)."""
    kept: set[str] = set()

    def walk(entry: Entry) -> None:
        item = entry.item
        if item.kind == "past" or item.status in (Status.DONE, Status.DROPPED):
            return
        kept.add(entry.id.lower())
        for child in entry.children:
            walk(child)

    for entry in index.top_level():
        walk(entry)
    return kept


def successor(
    index: PlanIndex,
    period: Period,
    on: date,
    *,
    new_id: str | None = None,
    title: str | None = None,
    issued_by: list[str] | None = None,
) -> tuple[dict[str, Any], Carried]:
    """The new plan's data, and what it carries and leaves behind."""
    plan = index.plan
    meta = plan.plan
    old_years = meta.period.start.first().strftime("%Y")
    if meta.period.end.last().year != meta.period.start.first().year:
        old_years += f"-{meta.period.end.last().year}"
    ident = new_id or next_id(meta.id, old_years, period.years)
    out = Carried()
    keep = _kept(index)
    head: dict[str, Any] = {
        "id": ident,
        "title": title or f"{meta.body} - Work Plan {period.years}",
        "body": meta.body,
        "revision": 0,
        "date": day(on),
    }
    if issued_by:
        head["issued_by"] = list(issued_by)
    if meta.issuer_role:
        head["issuer_role"] = meta.issuer_role
    head["period"] = {"start": str(period.start), "end": str(period.end)}
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "plan": head}
    if plan.references:
        data["references"] = [r.model_dump(mode="json", exclude_none=True) for r in plan.references]
    data["milestones"] = [
        {"id": "start", "title": "Implementation of the Work Plan starts", "date": str(period.start)},
        {"id": "end", "title": "Implementation of the Work Plan ends", "date": str(period.end)},
    ]
    tiers = []
    for tier in plan.tiers:
        t: dict[str, Any] = {"id": tier.id, "number": tier.number, "title": tier.title}
        if tier.priority:
            t["priority"] = True
        if tier.description:
            t["description"] = tier.description
        areas = []
        for focus in tier.focus_areas:
            f: dict[str, Any] = {"id": focus.id}
            if focus.number:
                f["number"] = focus.number
            f["title"] = focus.title
            if focus.description:
                f["description"] = focus.description
            points = [_carry(e, meta.id, on, keep, out) for e in index.top_level() if e.focus is focus]
            f["action_points"] = [p for p in points if p is not None]
            areas.append(f)
        t["focus_areas"] = areas
        tiers.append(t)
    data["tiers"] = tiers
    sections = []
    for section in plan.sections:
        s: dict[str, Any] = {"id": section.id, "number": section.number, "title": section.title}
        for key in ("title_basis", "title_note"):  # a label the document does not write stays marked
            if getattr(section, key, None):
                s[key] = getattr(section, key)
        if section.description:
            s["description"] = section.description
        items = [_carry(e, meta.id, on, keep, out) for e in index.top_level() if e.group is section]
        s["items"] = [i for i in items if i is not None]
        sections.append(s)
    data["sections"] = sections
    return data, out


def close(index: PlanIndex, on: date) -> Outcome:
    """The old plan's `closed: DATE`, one key spliced into its `plan:` mapping."""
    meta = index.plan.plan
    if meta.closed is not None:
        raise UsageError(f"the plan {meta.id} was already closed on {meta.closed}")
    out = Outcome([Change(("plan",), set={"closed": day(on)})])
    out.said.append(f"{meta.id}: closed on {on}")
    return out


_DATE = re.compile(r"'(\d{4}-\d{2}-\d{2})'")


def to_yaml(data: dict[str, Any], old_shown: str, on: date) -> str:
    """The new plan's text: a header that says where it comes from, then its data, dates bare."""
    import yaml

    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    body = _DATE.sub(r"\1", body)
    head = (
        "# yaml-language-server: $schema=../schemas/workplan.schema.json\n"
        "#\n"
        f"# Started on {on} by `iwgplan successor` from {old_shown}:\n"
        "# its structure, the items it left open (each with `carried_from` and its history in a line)\n"
        "# and its standing duties. Dates are cleared for the drafters to set; objectives and\n"
        "# milestones are theirs to write.\n\n"
    )
    return head + body
