"""Markdown reporters for status, list, tiers and show: GitHub-flavoured tables."""

from __future__ import annotations

from collections.abc import Sequence

from iwgplan.i18n import N_, ngettext, share
from iwgplan.i18n import gettext as _
from iwgplan.plan.index import Entry
from iwgplan.render.safe import line
from iwgplan.views.context import Listing, View
from iwgplan.views.provenance import (
    marked_title,
    milestone_long,
    owners_text,
    revision_text,
    symbol_text,
    title_legend,
    title_long,
)
from iwgplan.views.timeline import (
    Dated,
    Summary,
    cookie,
    date_legend,
    dated_text,
    due_milestone,
    effective_due,
    headline,
    shown_status,
)


def cell(value: object) -> str:
    """Text safe inside a Markdown table cell: controls visible, Markdown syntax escaped."""
    text = line(value)
    for char in "\\|*_`[]<>":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def table(headers: list[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def headers(names: list[str]) -> list[str]:
    """Column headings marked with N_ where they are written, in the current language."""
    return [_(name) if name.strip("#") else name for name in names]


def heading(view: View) -> str:
    meta = view.plan.plan
    symbol = f" · {cell(symbol_text(meta))}" if meta.symbol else ""
    return f"# {cell(meta.title)}\n\n{cell(revision_text(meta))} · {meta.date}{symbol} · {view.as_of_text}\n"


def tiers_rows(summary: Summary) -> str:
    rows = [
        [
            marked_title(g.group.title, g.group) + (_(" (priority)") if g.priority else ""),
            *(g.counts[s] for s in g.counts),
            share(g.done_fraction),
        ]
        for g in summary.groups
    ]
    names = [N_("Tier / section"), N_("planned"), N_("in progress"), N_("done"), N_("blocked")]
    return table([*headers([*names, N_("dropped")]), "% " + _("done")], rows)


def _owners(d: Dated) -> str:
    """Owners as the document gives them, marked ``(inferred)`` or ``(default)`` when it does not."""
    return owners_text(d.entry.item) if d.entry is not None and d.entry.item.owners else ""


def _due(d: Dated, view: View) -> str:
    """The date with its mark when the document does not state it."""
    return dated_text(d.date, d.entry, view.index) if d.entry is not None else str(d.date)


def _legend(entries: list[Entry]) -> str:
    meanings = date_legend(entries)
    if not meanings:
        return ""
    return "_" + _("Dates: {meanings}.").format(meanings=cell("; ".join(meanings))) + "_\n"


def _titles_legend(nodes: list[object]) -> str:
    """What the marks beside the tiers', focus areas' and sections' titles mean; "" when none is."""
    meanings = title_legend(nodes)
    if not meanings:
        return ""
    return "_" + cell("; ".join(m[:1].upper() + m[1:] for m in meanings)) + "._\n"


def status(view: View, summary: Summary) -> str:
    parts = [
        heading(view),
        _("**{share}** of the period ({start} to {end}) elapsed.").format(
            share=share(summary.elapsed), start=summary.start, end=summary.end
        )
        + "\n",
    ]
    parts.append(tiers_rows(summary))
    parts.append(line(" · ".join(headline(summary))) + "\n")
    whose = _(" for owner '{owner}'").format(owner=cell(summary.owner)) if summary.owner else ""
    parts.append("## " + _("Overdue{whose} ({n})").format(whose=whose, n=len(summary.overdue)) + "\n")
    parts.append(
        table(
            headers(["#", N_("id"), N_("title"), N_("owners"), N_("due"), N_("days late")]),
            [
                [d.entry.number if d.entry else "", d.id, d.title, _owners(d), _due(d, view), -d.days]
                for d in summary.overdue
            ],
        )
    )
    parts.append("## " + _("Due next{whose} ({n})").format(whose=whose, n=len(summary.upcoming)) + "\n")
    parts.append(
        table(
            headers(["#", N_("id"), N_("title"), N_("owners"), N_("due"), N_("days")]),
            [
                [d.entry.number if d.entry else "", d.id, d.title, _owners(d), _due(d, view), d.days]
                for d in summary.upcoming
            ],
        )
    )
    if summary.within:
        n = len(summary.within)
        items = ngettext("{n} item", "{n} items", n).format(n=n)
        parts.append(f"## {cell(summary.within_heading)}{whose}: {items}\n")
        parts.append(
            table(
                headers(["#", N_("id"), N_("title"), N_("owners")]),
                [[d.entry.number if d.entry else "", d.id, d.title, _owners(d)] for d in summary.within],
            )
        )
    parts.append("## " + _("Milestones") + "\n")
    parts.append(
        table(
            headers([N_("id"), N_("title"), N_("when"), N_("days to go")]),
            [[m.id, m.title, m.label, m.days] for m in summary.milestones],
        )
    )
    if summary.past:
        parts.append("## " + _("Before this revision ({n})").format(n=len(summary.past)) + "\n")
        parts.append(
            table(
                headers(["#", N_("id"), N_("title"), N_("dated")]),
                [[d.entry.number if d.entry else "", d.id, d.title, d.date] for d in summary.past],
            )
        )
    parts.append("## " + _("Blocked ({n})").format(n=len(summary.blocked)) + "\n")
    parts.append(
        table(
            headers([N_("id"), N_("title"), N_("reason")]),
            [[e.id, e.item.title, r or ""] for e, r in summary.blocked],
        )
    )
    legend = _legend([d.entry for d in summary.dated if d.entry is not None])
    legends = [x for x in (legend, _titles_legend([g.group for g in summary.groups])) if x]
    return "\n".join([*parts, *legends])


def listing(result: Listing) -> str:
    view = result.view
    rows = [
        [
            e.number,
            e.id,
            f"{shown_status(e, view.index)} {cookie(e)}".strip(),
            _item_due(e, view),
            ", ".join(e.item.owners),
            e.item.title,
        ]
        for e in result.matched
    ]
    names = ["#", N_("id"), N_("status"), N_("due"), N_("owners"), N_("title")]
    out = _recorded(view) + table(headers(names), rows)
    legend = _legend([e for e in result.matched if effective_due(e, view.index)])
    return out + ("\n" + legend if legend else "")


def _item_due(entry: Entry, view: View) -> str:
    due = effective_due(entry, view.index)
    return dated_text(due, entry, view.index) if due else ""


def _recorded(view: View) -> str:
    return f"_{view.as_of_text}_\n\n" if view.recorded else ""


def tiers(view: View, summary: Summary) -> str:
    parts = [_recorded(view) + tiers_rows(summary)]
    titled: list[object] = [g.group for g in summary.groups]
    for g in summary.groups:
        areas = getattr(g.group, "focus_areas", [])
        titled += areas
        if areas:
            titles = "; ".join(cell(marked_title(a.title, a)) for a in areas)
            parts.append(f"**{cell(marked_title(g.group.title, g.group))}**: " + titles + "\n")
    legend = _titles_legend(titled)
    return "\n".join([*parts, legend] if legend else parts)


def _meetings(view: View, entry: Entry) -> list[str]:
    """The meetings whose agenda concerned the item, each agenda item with its outcome."""
    from iwgplan.plan import meetings

    rows: list[list[object]] = []
    for meeting, agenda_item in meetings.discussed(view.index.plan, entry.id):
        said, recorded = meetings.outcome_or_why(meeting, agenda_item, view.as_of)
        rows.append([meeting.date, meeting.id, agenda_item.title, said if recorded else f"({_(said)})"])
    if not rows:
        return []
    names = [N_("date"), N_("meeting"), N_("agenda item"), N_("outcome")]
    return ["### " + _("Meetings") + "\n", table(headers(names), rows)]


def show(view: View, entry: Entry) -> str:
    item = entry.item
    chain = " › ".join(
        [
            title_long(entry.group.title, entry.group),
            *([title_long(entry.focus.title, entry.focus)] if entry.focus else []),
            *(p.item.title for p in entry.ancestors()),
        ]
    )
    rows: list[list[object]] = [[_("id"), item.id], [_("status"), shown_status(entry, view.index)]]
    due = effective_due(entry, view.index)
    if due:
        said = f" · {item.due}" if item.due and item.due != str(due) else ""
        rows.append([_("due"), dated_text(due, entry, view.index) + said])
    milestone = due_milestone(entry, view.index)
    if milestone is not None and milestone_long(milestone):  # its dates are not the document's
        rows.append([_("milestone"), f"{milestone.title}: {milestone_long(milestone)}"])
    for key, value in (
        (N_("completed"), item.completed),
        (N_("description"), item.description),
        (N_("owners"), ", ".join(item.owners)),
        (N_("partners"), ", ".join(item.partners)),
        (N_("refs"), ", ".join(item.refs)),
        (N_("depends on"), ", ".join(item.depends_on)),
        (N_("needed by"), ", ".join(d.id for d in view.index.dependents.get(item.id.lower(), []))),
    ):
        if value:
            rows.append([_(key), value])
    for e in item.evidence:
        rows.append([_("evidence"), " · ".join(str(x) for x in (e.ref, e.title, e.date) if x)])
    for c in entry.children:
        rows.append([_("child"), f"{c.id} ({shown_status(c, view.index)})"])
    out = [
        f"## {cell(entry.number)} {cell(item.title)}\n",
        f"{cell(chain)}\n",
        _recorded(view) + table(["", ""], rows),
    ]
    out += _meetings(view, entry)
    if item.history:
        out.append("### " + _("History") + "\n")
        out.append(
            table(
                headers(["#", N_("date"), N_("status"), N_("note")]),
                [
                    [n, h.date, h.status.value if h.status else "", h.note or ""]
                    for n, h in enumerate(item.history, 1)
                ],
            )
        )
    return "\n".join(out)
