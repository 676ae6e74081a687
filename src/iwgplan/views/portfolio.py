"""Several plans at once: each plan of a plans/ folder with its period, whether it is open and
its progress, then the items carried across plans (`carried_from` followed back to the first
plan that had them). Also the "Carried from" story of one item, for `show`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iwgplan.files.carries import Member, by_plan_id, chain, split
from iwgplan.i18n import gettext as _
from iwgplan.i18n import ngettext
from iwgplan.plan.index import Entry
from iwgplan.views.timeline import rollup, summarize


@dataclass(frozen=True, slots=True)
class Block:
    """One plan: where it is, what it is, how far it has come."""

    shown: str
    id: str
    title: str
    start: str
    end: str
    closed: str | None
    counts: dict[str, int]
    elapsed: float

    @property
    def done_percent(self) -> int:
        """Done, of the deliverables not dropped (as `status` counts them)."""
        live = sum(self.counts.values()) - self.counts.get("dropped", 0)
        return round(100 * self.counts.get("done", 0) / live) if live else 0

    @property
    def state(self) -> str:
        return _("closed {date}").format(date=self.closed) if self.closed else _("open")


@dataclass(frozen=True, slots=True)
class Link:
    """One item of one plan, in a chain of carries."""

    plan: str
    id: str
    title: str
    status: str
    shown: str
    history: str  # the item's history in a line: its dated moves and last note


@dataclass(frozen=True, slots=True)
class Carry:
    """An item and the items of the earlier plans it carries on, nearest first; ``missing`` is
    the ``carried_from`` the chain could not follow (a plan not in the folder, an item not in it)."""

    item: Link
    earlier: list[Link]
    missing: str | None = None


@dataclass(slots=True)
class Portfolio:
    as_of: date
    blocks: list[Block] = field(default_factory=list)
    carries: list[Carry] = field(default_factory=list)
    invalid: list[Member] = field(default_factory=list)

    def summary(self) -> str:
        opened = sum(b.closed is None for b in self.blocks)
        n = len(self.blocks)
        carried = len(self.carries)
        plans = ngettext(
            "{n} plan ({opened} open, {closed} closed)", "{n} plans ({opened} open, {closed} closed)", n
        )
        items = ngettext("{n} item carried across plans", "{n} items carried across plans", carried)
        return f"{plans.format(n=n, opened=opened, closed=n - opened)}; {items.format(n=carried)}"


def history_line(entry: Entry) -> str:
    item = entry.item
    moves = [f"{h.status.value} {h.date}" for h in item.history if h.status is not None]
    notes = [h.note for h in item.history if h.note]
    parts = [", ".join(moves)] if moves else []
    if notes:
        parts.append(_("last note: {note}").format(note=notes[-1]))
    return "; ".join(parts) or _("no history")


def link(member: Member, entry: Entry) -> Link:
    assert member.plan is not None
    return Link(
        member.plan.plan.id,
        entry.id,
        entry.item.title,
        rollup(entry).value,
        member.shown,
        history_line(entry),
    )


def carried_from(member: Member, entry: Entry, members: list[Member]) -> Carry:
    """The chain of an item's carries, through the plans ``members`` holds."""
    ref = entry.item.carried_from
    plans = by_plan_id(members)
    found = chain(ref, plans) if ref else []
    missing = None
    if found:
        last = found[-1][1].item.carried_from
        if last and (split(last) not in {(m.plan.plan.id.lower(), e.id.lower()) for m, e in found if m.plan}):
            missing = last
    elif ref:
        missing = ref
    return Carry(link(member, entry), [link(m, e) for m, e in found], missing)


def _order(member: Member) -> tuple[date, str]:
    assert member.plan is not None
    return member.plan.plan.period.start.first(), member.shown


def portfolio(members: list[Member], as_of: date) -> Portfolio:
    valid = sorted((m for m in members if m.plan is not None and m.index is not None), key=_order)
    out = Portfolio(as_of, invalid=[m for m in members if m.plan is None])
    for m in valid:
        assert m.plan is not None and m.index is not None
        meta = m.plan.plan
        summary = summarize(m.index, as_of)
        closed = str(meta.closed) if meta.closed is not None else None
        out.blocks.append(
            Block(
                m.shown,
                meta.id,
                meta.title,
                str(meta.period.start),
                str(meta.period.end),
                closed,
                summary.counts,
                summary.elapsed,
            )
        )
    for m in valid:
        assert m.index is not None
        out.carries += [carried_from(m, e, valid) for e in m.index.entries if e.item.carried_from]
    return out


def link_data(x: Link) -> dict[str, Any]:
    return {
        "plan": x.plan,
        "id": x.id,
        "title": x.title,
        "status": x.status,
        "path": x.shown,
        "history": x.history,
    }


def as_data(p: Portfolio) -> dict[str, Any]:
    return {
        "as_of": str(p.as_of),
        "summary": p.summary(),
        "plans": [
            {
                "path": b.shown,
                "id": b.id,
                "title": b.title,
                "period": {"start": b.start, "end": b.end},
                "closed": b.closed,
                "counts": b.counts,
                "done_percent": b.done_percent,
                "elapsed": round(b.elapsed, 4),
            }
            for b in p.blocks
        ],
        "carried": [
            {**link_data(c.item), "carried_from": [link_data(x) for x in c.earlier], "not_found": c.missing}
            for c in p.carries
        ],
        "invalid": [m.shown for m in p.invalid],
    }
