"""The report context: everything a report shows, as plain data (str, int, float, bool, None,
lists and dicts), so that `report --format json` prints it and templates render it. Pure.

Keys are stable: later versions may add keys but not remove or rename them. Dates are ISO
strings; fractions are 0..1, unrounded; text is exactly as the plan gives it (each
output format escapes it its own way).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from iwgplan.i18n import N_, ngettext, status_word
from iwgplan.i18n import gettext as _
from iwgplan.plan.index import Entry, Group, group_label
from iwgplan.views.context import as_of_words
from iwgplan.views.provenance import (
    cited,
    marked_title,
    milestone_title,
    points_source,
    reference_symbol,
    reference_title,
    revision_text,
    symbol_text,
    title_mark,
)
from iwgplan.views.report import (
    Bar,
    Report,
    blocked_units,
    corrections,
    corrections_footnote,
    header_facts,
    is_correction,
    item_facts,
    label,
    marks_legend,
    milestone_source,
    milestone_when_text,
    overview,
    point_marks,
    state_words,
)
from iwgplan.views.since import ROWS, Moved, report_heading, report_lines, report_notes, since_heading
from iwgplan.views.timeline import (
    Dated,
    before_issue,
    counted,
    date_legend,
    date_mark,
    dated_text,
    done_fraction,
    due_basis_of,
    effective_due,
    effective_kind,
    headline,
    is_past,
    is_tier,
    late_words,
    reader_number,
    rollup,
    share_counts,
    within_period,
)

if TYPE_CHECKING:
    from iwgplan.plan.model import Reference
    from iwgplan.views.timeline import GroupSummary

CONTEXT_VERSION = 1


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _url(ref: str) -> bool:
    return ref.startswith(("https://", "http://"))


def item(entry: Entry, report: Report) -> dict[str, Any]:
    """One action point (sub-points nested under ``children``)."""
    it = entry.item
    due = effective_due(entry, report.index)
    status = rollup(entry)
    return {
        "id": entry.id,
        "number": reader_number(entry),
        "own": entry.own,
        "kind": it.kind,
        "nature": effective_kind(entry, report.index),
        "force": it.force,
        "title": it.title,
        "facts": item_facts(entry, report.index),
        "status": status.value,
        "recorded_status": it.status.value,
        "description": it.description,
        "due": it.due,
        "due_date": _iso(due),
        "due_basis": due_basis_of(entry) if due else None,
        "due_text": dated_text(due, entry, report.index) if due else None,
        "overdue": _late(entry, due, report),
        "completed": _iso(it.completed),
        "owners": list(it.owners),
        "partners": list(it.partners),
        "refs": list(it.refs),
        "depends_on": list(it.depends_on),
        "evidence": [
            {"ref": e.ref, "title": e.title, "date": _iso(e.date), "is_url": _url(e.ref)} for e in it.evidence
        ],
        "history": [
            {"date": _iso(h.date), "status": h.status.value if h.status else None, "note": h.note}
            for h in it.history
        ],
        "notes": [  # a correction (`amend`) is left to `show` and `log`: the footnote counts it
            {"date": _iso(h.date), "status": h.status.value if h.status else None, "note": h.note}
            for h in it.history
            if h.note and not is_correction(h.note)
        ],
        "children": [item(child, report) for child in entry.children],
    }


def _late(entry: Entry, due: date | None, report: Report) -> bool:
    """Overdue as the status screen counts it, by the item's own or inherited due date: never a
    standing duty, a possibility, business from before the plan's issue, or an item the
    document sets no date for (it runs to the end of the period)."""
    if due is None or due >= report.as_of or not counted(entry) or is_past(entry, report.index):
        return False
    if within_period(entry):
        return False
    return not before_issue(report.index, due) and not rollup(entry).closed


def _blocks(group: Group, report: Report) -> list[dict[str, Any]]:
    """A group's top-level items in runs that share a focus area (``focus_area`` null: none)."""
    blocks: list[dict[str, Any]] = []
    current: object = object()
    for entry in report.index.top_level(group):
        if not blocks or entry.focus is not current:
            current = entry.focus
            focus = entry.focus
            area = None if focus is None else {"id": focus.id, "number": focus.number, **_titled(focus)}
            blocks.append({"focus_area": area, "items": []})
        blocks[-1]["items"].append(item(entry, report))
    return blocks


def _titled(node: Any) -> dict[str, Any]:
    """A title, and the same with its mark as the reports print it ("New IWG agenda setting
    (the tool's label)": the document gives 5.1 no heading of its own); the mark alone, or ""."""
    return {
        "title": node.title,
        "title_basis": getattr(node, "title_basis", None),
        "title_mark": title_mark(node),
        "marked_title": marked_title(node.title, node),
    }


def _groups(report: Report) -> list[dict[str, Any]]:
    placed = {g.group.id: (heading, lead) for g, heading, lead in _placed(report)}
    return [
        {
            "id": g.group.id,
            "number": g.group.number,
            **_titled(g.group),
            "kind": g.kind,
            "label": group_label(g.group),
            "marked_label": marked_title(group_label(g.group), g.group),
            "priority": g.priority,
            "description": g.group.description,
            "counts": dict(g.counts),
            "total": g.total,
            "done_fraction": g.done_fraction,
            "blocks": _blocks(g.group, report),
            "heading": placed[g.group.id][0],
            "lead": placed[g.group.id][1],
        }
        for g in report.summary.groups
    ]


def _top(number: str | None) -> str:
    """The heading a paragraph or section number falls under: "5" for 5.2, "2" for 2.1(a)."""
    return re.split(r"[.(]", number or "", maxsplit=1)[0]


def _placed(report: Report) -> list[tuple[GroupSummary, bool, dict[str, Any] | None]]:
    """Each tier and section with whether it prints a heading of its own, and its lead sentence.

    Under the document's headings, a section numbered as its heading (4 Timeline) has that
    heading and a section within one (5.1, 5.2) has none: its lead sentence carries its number
    ("5.1 The development ..."). A tier keeps its title ("Tier one"), and so does any group when
    the plan records no headings.
    """
    headings = {h.number for h in report.index.plan.headings}
    out = []
    for g in report.summary.groups:
        text = g.group.description
        number = None if is_tier(g.group) else g.group.number
        if is_tier(g.group) or _top(number) not in headings:
            out.append((g, True, {"number": None, "text": text} if text else None))
            continue
        within = number != _top(number)
        out.append((g, False, {"number": number if within else None, "text": text} if text else None))
    return out


def _outline(report: Report) -> list[dict[str, Any]]:
    """The document's own order: each heading with the paragraphs (``objectives``, by id) and the
    tiers and sections (``groups``, by id) under it. Without headings in the plan, one part with
    no heading holds them all (the reports then head the paragraphs "Objectives")."""
    plan = report.index.plan
    headings = {h.number: h for h in plan.headings}
    parts: list[dict[str, Any]] = []

    def part(key: str | None) -> dict[str, Any]:
        if not parts or parts[-1]["number"] != key:
            h = headings.get(key or "")
            parts.append(
                {
                    "number": key,
                    "title": h.title if h else None,
                    "label": f"{h.number} {h.title}" if h else None,
                    "objectives": [],
                    "groups": [],
                }
            )
        return parts[-1]

    key: str | None = None
    for o in plan.objectives:
        key = _top(o.number) if o.number and _top(o.number) in headings else key if not o.number else None
        part(key)["objectives"].append(o.id)
    tiers_key = key  # the tiers follow the last paragraph (3.1: "... as outlined below")
    for g in report.summary.groups:
        if is_tier(g.group):
            part(tiers_key)["groups"].append(g.group.id)
        else:
            top = _top(g.group.number)
            part(top if top in headings else None)["groups"].append(g.group.id)
    return parts


def _due_item(entry: Entry, report: Report) -> dict[str, Any]:
    return {
        "id": entry.id,
        "number": reader_number(entry),
        "title": entry.item.title,
        "label": label(entry),
        "status": rollup(entry).value,
        "shown": state_words(entry, report.index),
    }


def _milestones(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "id": d.milestone.id,
            "title": d.milestone.title,
            "marked_title": milestone_title(d.milestone),
            "mark": milestone_title(d.milestone)[len(d.milestone.title) :].strip(" ()"),
            "when": milestone_when_text(d.milestone),
            "source": milestone_source(d.milestone),
            "sources": [_source(s) for s in d.milestone.sources],
            "first_day": _iso(d.milestone.begins.first()),
            "last_day": _iso(d.milestone.finishes.last()),
            "due_by_it": [_due_item(e, report) for e in d.entries],
        }
        for d in report.milestones
    ]


def _before(report: Report) -> dict[str, Any]:
    """The Milestones table's first row: items dated before the plan's issue that name no milestone."""
    return {
        "title": _("Before this revision"),
        "when": _("before {date}").format(date=report.index.plan.plan.date),
        "due_by_it": [_due_item(e, report) for e in report.before],
    }


def months(first: date, last: date) -> list[str]:
    """Every month from ``first`` to ``last`` as YYYY-MM."""
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _bar(bar: Bar) -> dict[str, Any]:
    return {
        "id": bar.entry.id,
        "number": reader_number(bar.entry),
        "title": bar.entry.item.title,
        "start": _iso(bar.start),
        "end": _iso(bar.end),
        "status": bar.status.value,
        "overdue": bar.overdue,
    }


def _timeline(report: Report) -> dict[str, Any]:
    meta = report.index.plan.plan
    ms = report.index.plan.milestones
    lo = min([meta.period.start.first(), *(b.start for b in report.bars)])
    hi = max([meta.period.end.last(), *(m.finishes.last() for m in ms), *(b.end for b in report.bars)])
    return {
        "start": _iso(lo),
        "end": _iso(hi),
        "months": months(lo, hi),
        "bars": [_bar(b) for b in report.bars],
    }


def _source(ref: str) -> dict[str, Any]:
    """A public page or WTO document a fact comes from; ``site`` names a page short, by its host."""
    is_url = ref.startswith(("http://", "https://"))
    return {"ref": ref, "is_url": is_url, "site": urlsplit(ref).hostname if is_url else ref}


def _reference(r: Reference) -> dict[str, Any]:
    """A cited document, with its marks where the document gives no title or symbol."""
    return {
        "symbol": r.symbol,
        "title": r.title,
        "symbol_text": reference_symbol(r),
        "title_text": reference_title(r),
        "sources": list(r.sources),
    }


def _objectives(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "id": o.id,
            "number": o.number,
            "text": o.text,
            "refs": list(o.refs),
            "cited": cited(o.refs, report.index.plan.references),
            "points": [
                {"mark": m, "text": p}
                for m, p in zip(point_marks(o.points_style, len(o.points)), o.points, strict=True)
            ],
            "closing": o.closing,
            "points_source": points_source(o),
        }
        for o in report.index.plan.objectives
    ]


def _plan(report: Report) -> dict[str, Any]:
    meta = report.index.plan.plan
    return {
        "id": meta.id,
        "title": meta.title,
        "body": meta.body,
        "symbol": meta.symbol,
        "revision": meta.revision,
        "revision_label": meta.revision_label,
        "revision_text": revision_text(meta),
        "symbol_text": symbol_text(meta) if meta.symbol else None,
        "symbol_sources": list(meta.symbol_sources),
        "date": _iso(meta.date),
        "issued_by": list(meta.issued_by),
        "period": {"start": str(meta.period.start), "end": str(meta.period.end)},
        "supersedes": meta.supersedes,
    }


def _progress(report: Report) -> dict[str, Any]:
    s = report.summary
    counts = share_counts(s)  # what the summary sentence and the charts count
    return {
        "counts": dict(counts),
        "total": sum(counts.values()),
        "done": counts["done"],
        "done_fraction": done_fraction(counts),
        "counts_all": dict(s.counts),  # the section commitments too
        "headline": headline(s),
        "elapsed": s.elapsed,
        "start": _iso(s.start),
        "end": _iso(s.end),
    }


def _dated(d: Dated, report: Report) -> dict[str, Any]:
    entry, index = d.entry, report.index
    return {
        "id": d.id,
        "number": reader_number(entry) if entry else None,
        "title": d.title,
        "due": _iso(d.date),
        "due_basis": due_basis_of(entry) if entry else None,
        "date_mark": date_mark(entry, index) if entry else "",
        "due_text": dated_text(d.date, entry, index) if entry else _iso(d.date),
    }


def _attention(report: Report) -> dict[str, Any]:
    s = report.summary
    index = report.index
    return {
        "overdue": [
            {**_dated(d, report), "days_late": -d.days, "late_text": late_words(-d.days, d.entry, index)}
            for d in s.overdue
        ],
        "within_period": {"heading": s.within_heading, "items": [_dated(d, report) for d in s.within]},
        "date_legend": date_legend(e for e in index.entries if effective_due(e, index) is not None),
        "legend": marks_legend(index),  # the reports' one legend: dates and owners
        "blocked": [
            {"id": e.id, "number": reader_number(e), "title": e.item.title, "reason": r}
            for e, r in blocked_units(index)
        ],
        "dropped": [
            {"id": e.id, "number": reader_number(e), "title": e.item.title, "reason": r}
            for e, r in report.dropped
        ],
    }


def _moved(found: list[Moved]) -> list[dict[str, Any]]:
    return [
        {
            "id": m.id,
            "number": m.number or None,
            "title": m.title,
            "detail": m.detail or None,
            "days": m.days or None,
        }
        for m in found
    ]


def _since(report: Report) -> dict[str, Any] | None:
    """What changed since a day or revision (`report --since`), or None without --since."""
    since = report.since
    if since is None:
        return None
    return {
        "label": since.label,
        "heading": report_heading(since),  # in words: "Since 1 December 2026"
        "status_heading": since_heading(since),  # as `status --since` says it, with its commits
        "source": since.source,
        "commits": since.commits,
        "first_day": _iso(since.day),
        "adopted": _iso(since.adopted),
        "lines": [{"label": k, "text": v} for k, v in report_lines(since)],
        **{key: _moved(getattr(since, key)) for key, _label in ROWS},
        "revision": list(since.revision) if since.revision else None,
        "notes": report_notes(since),
        "tool_notes": list(since.notes),
    }


def _over_time(report: Report) -> dict[str, Any] | None:
    """The share of deliverables done per week against the share of the period elapsed."""
    progress = report.progress
    if progress is None:
        return None
    return {
        "source": progress.source,
        "note": progress.note or None,
        "start": _iso(progress.start),
        "end": _iso(progress.end),
        "any_done": any(w.done for w in progress.weeks),
        "weeks": [
            {
                "week": _iso(w.start),
                "week_end": _iso(w.end),
                "done_fraction": w.done,
                "elapsed_fraction": w.elapsed,
                "commit": w.commit,
            }
            for w in progress.weeks
        ],
        "milestones": [
            {"id": ident, "title": progress.titles.get(ident, ident), "date": _iso(day)}
            for ident, day in progress.milestones
        ],
    }


VARIANCE_HEADING = N_("Changes to the plan since its issue")


def _variance(report: Report) -> dict[str, Any] | None:
    """The plan against its baseline (the plan as issued): slips with reasons, added, dropped."""
    if report.variance is None:
        return None
    from iwgplan.views.variance import as_data

    data = as_data(report.variance)
    rows = [r for r in data["items"] if r["planned"] != r["current"]]
    for r in [*rows, *data["added"], *data["dropped"]]:
        entry = report.index.by_id.get(str(r["id"]).lower())
        r["label"] = label(entry) if entry is not None else r["title"]  # the reports name no id
    for r in rows:
        r["slip"] = slip_text(r["slip_days"], r["note"])
    return {"heading": _(VARIANCE_HEADING), **data, "moved": rows}


def slip_text(days: int | None, note: str | None) -> str:
    """``+28 days``, ``no slip``, or ``no slip to show: WHY``: what every report format prints."""
    if days is None:
        return _("no slip to show: {why}").format(why=note) if note else "—"
    if days == 0:
        return _("no slip")
    return ngettext("{n} day", "{n} days", abs(days)).format(n=f"{days:+d}")


def variance_cells(r: dict[str, Any]) -> list[object]:
    """A moved due date: the item (number and title), planned and current date, slip (or why
    none), status, reasons."""

    def when(due: str | None, day: str | None) -> str:
        if due is None:
            return _("no due date")
        if day is not None and not due[:1].isdigit():
            return day  # a milestone's id is the tool's name for it: its date is the reader's
        return due if day in (None, due) else f"{due} ({day})"

    status = (
        _("{status}, completed {date}").format(status=status_word(r["status"]), date=r["completed"])
        if r["completed"]
        else status_word(r["status"])
    )
    reasons = "; ".join(r["reasons"]) or _("no reason recorded")
    return [
        r.get("label") or r["title"],
        when(r["planned"], r["planned_date"]),
        when(r["current"], r["current_date"]),
        r["slip"],
        status,
        reasons,
    ]


def build_context(report: Report) -> dict[str, Any]:
    """The report as plain data; see the README's "The report context" for every key."""
    return {
        "context_version": CONTEXT_VERSION,
        "as_of": _iso(report.as_of),
        "as_recorded": report.recorded,
        "as_of_words": as_of_words(report.recorded),
        "plan": _plan(report),
        "overview": overview(report),
        "facts": [{"label": k, "value": v} for k, v in header_facts(report.index)],
        "objectives": _objectives(report),
        "progress": _progress(report),
        "groups": _groups(report),
        "outline": _outline(report),
        **_attention(report),
        "milestones": _milestones(report),
        "before_revision": _before(report),
        "references": [_reference(r) for r in report.index.plan.references],
        "timeline": _timeline(report),
        "since": _since(report),
        "variance": _variance(report),
        "corrections": corrections(report.index),
        "corrections_footnote": corrections_footnote(corrections(report.index)),
        "progress_over_time": _over_time(report),
    }
