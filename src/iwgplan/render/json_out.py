"""JSON reporters for status, list, tiers and show. Keys are stable; new keys may be added."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from iwgplan.plan.index import Entry
from iwgplan.render.rows import item_row
from iwgplan.render.safe import json_text
from iwgplan.views.context import Listing, View
from iwgplan.views.provenance import milestone_long, milestone_title, title_mark
from iwgplan.views.timeline import (
    Dated,
    GroupSummary,
    Summary,
    date_legend,
    date_mark,
    due_basis_of,
    due_milestone,
    effective_kind,
    headline,
    latest_note,
    shown_status,
)

if TYPE_CHECKING:
    from iwgplan.plan.model import Milestone


def dump(data: Any) -> str:
    return json_text(data)


def _plan(view: View) -> dict[str, Any]:
    meta = view.plan.plan
    return {
        "id": meta.id,
        "title": meta.title,
        "revision": meta.revision,
        "date": str(meta.date),
        "symbol": meta.symbol,
        "symbol_note": meta.symbol_note,
        "symbol_sources": list(meta.symbol_sources),
        "revision_note": meta.revision_note,
        "path": view.shown,
    }


def _dated(d: Dated, key: str = "days") -> dict[str, Any]:
    out = {"id": d.id, "title": d.title, "date": d.date.isoformat(), key: d.days}
    return {**out, "number": d.entry.number} if d.entry else out


def _basis(d: Dated, view: View) -> dict[str, Any]:
    """Where the date comes from (``due_basis``, as the plan gives it) and the mark every screen
    prints beside it ("" for the document's own date)."""
    if d.entry is None:
        return {}
    return {"due_basis": due_basis_of(d.entry), "date_mark": date_mark(d.entry, view.index)}


def _source(milestone: Milestone | None) -> dict[str, Any]:
    """Where a milestone's dates come from: ``basis`` and ``sources``; its ``title`` carries the mark."""
    if milestone is None:
        return {}
    return {"basis": milestone.basis, "sources": list(milestone.sources)}


def _owners(d: Dated) -> dict[str, Any]:
    """An item's owners and how sure the document is of them (``owners_basis``)."""
    item = d.entry.item if d.entry else None
    return {"owners": list(item.owners) if item else [], "owners_basis": item.owners_basis if item else None}


def _title(node: Any) -> dict[str, Any]:
    """Where a tier's, focus area's or section's title comes from (``title_basis``, ``title_note``
    as the plan gives them) and the mark every screen prints beside it ("" for the document's own
    heading; "the tool's label" for 5.1 and 5.2, which have none of their own)."""
    return {
        "title_basis": getattr(node, "title_basis", None),
        "title_note": getattr(node, "title_note", None),
        "title_mark": title_mark(node),
    }


def _group(g: GroupSummary) -> dict[str, Any]:
    return {
        "id": g.group.id,
        "number": g.group.number,
        "title": g.group.title,
        **_title(g.group),
        "kind": g.kind,
        "priority": g.priority,
        "counts": g.counts,
        "done_fraction": round(g.done_fraction, 4),
    }


def status(view: View, summary: Summary) -> str:
    return dump(
        {
            "as_of": summary.as_of.isoformat(),
            "as_recorded": view.recorded,
            "plan": _plan(view),
            "period": {"start": summary.start.isoformat(), "end": summary.end.isoformat()},
            "elapsed": round(summary.elapsed, 4),
            "counts": summary.counts,
            "tiers": [_group(g) for g in summary.groups],
            "overdue": [
                {
                    "id": d.id,
                    "number": d.entry.number if d.entry else None,
                    "title": d.title,
                    "due": d.date.isoformat(),
                    "days_late": -d.days,
                    **_owners(d),
                    **_basis(d, view),
                }
                for d in summary.overdue
            ],
            "upcoming": [{**_dated(d), **_owners(d), **_basis(d, view)} for d in summary.upcoming],
            "within_period": {
                "heading": summary.within_heading,
                "items": [
                    {
                        "id": d.id,
                        "number": d.entry.number if d.entry else None,
                        "title": d.title,
                        "due": d.date.isoformat(),
                        **_owners(d),
                        **_basis(d, view),
                    }
                    for d in summary.within
                ],
            },
            "date_legend": date_legend(d.entry for d in summary.dated if d.entry is not None),
            "owner_filter": summary.owner,
            "milestones": [
                {
                    **_dated(m),
                    "end": m.end.isoformat() if m.end else None,
                    "label": m.label,
                    **_source(view.index.milestones.get(m.id)),
                }
                for m in summary.milestones
            ],
            "blocked": [{"id": e.id, "title": e.item.title, "reason": r} for e, r in summary.blocked],
            "summary": headline(summary),
            "tier_counts": summary.tier_counts,
            "section_counts": summary.section_counts,
            "past": [{**_dated(d), **_basis(d, view)} for d in summary.past],
            "standing": [
                {
                    "id": e.id,
                    "number": e.number,
                    "title": e.item.title,
                    "latest_note": latest_note(e),
                    "force": e.item.force,
                }
                for e in summary.standing
            ],
            # intended, encouraged or possible: in the document's words, never counted
            "not_counted": [
                {
                    "id": e.id,
                    "number": e.number,
                    "title": e.item.title,
                    "kind": effective_kind(e, view.index),
                    "force": e.item.force,
                }
                for e in summary.aside
            ],
        }
    )


def listing(result: Listing) -> str:
    index = result.view.index
    return dump({"action_points": [item_row(e, index) for e in result.matched]})


def tiers(view: View, summary: Summary) -> str:
    def with_areas(g: GroupSummary) -> dict[str, Any]:
        areas = [{"id": f.id, "title": f.title} for f in getattr(g.group, "focus_areas", [])]
        return {**_group(g), "focus_areas": areas}

    return dump({"tiers": [with_areas(g) for g in summary.groups]})


def show(view: View, entry: Entry) -> str:
    item = entry.item
    index = view.index
    data = item_row(entry, index)
    data.update(
        {
            "description": item.description,
            "parents": [{"id": p.id, "number": p.number, "title": p.item.title} for p in entry.ancestors()],
            "group": {"id": entry.group.id, "title": entry.group.title, **_title(entry.group)},
            "evidence": [e.model_dump(mode="json") for e in item.evidence],
            "history": [h.model_dump(mode="json", exclude_none=True) for h in item.history],
            "children": [{"id": c.id, "status": shown_status(c, index)} for c in entry.children],
            "dependents": [d.id for d in index.dependents.get(entry.id.lower(), [])],
            "meetings": _meetings(view, entry),
        }
    )
    milestone = due_milestone(entry, index)
    if milestone is not None and milestone_long(milestone):  # its dates are not the document's
        data["milestone"] = {
            "id": milestone.id,
            "title": milestone_title(milestone),
            "basis": milestone.basis,
            "note": milestone_long(milestone),
            "sources": list(milestone.sources),
        }
    return dump(data)


def _meetings(view: View, entry: Entry) -> list[dict[str, Any]]:
    """The meetings whose agenda concerned the item (by date), each agenda item with its outcome."""
    from iwgplan.plan import meetings

    return [
        {
            "id": meeting.id,
            "date": meeting.date.isoformat(),
            "kind": meeting.kind,
            "held": meeting.date <= view.as_of,
            "agenda_item": {
                "id": agenda_item.id,
                "kind": agenda_item.kind,
                "title": agenda_item.title,
                "outcome": agenda_item.outcome,
            },
            "outcome": meeting.outcome,
        }
        for meeting, agenda_item in meetings.discussed(view.index.plan, entry.id)
    ]
