"""The implementation report as one self-contained, printable HTML file.

Inline CSS, no script, nothing fetched from the network; every piece of plan text is escaped.
The timeline is an inline SVG Gantt of the action points against the milestones.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape

from iwgplan.plan.index import Entry, Group
from iwgplan.render.safe import block
from iwgplan.views.context import as_of_words
from iwgplan.views.report import Report, header_facts
from iwgplan.views.timeline import done_fraction, effective_due, rollup

CSS = """
:root { --done:#2e7d32; --prog:#f9a825; --plan:#90a4ae; --blk:#c62828; --drop:#bdbdbd; --ink:#1b1b1b; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 1060px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { border-bottom: 2px solid #ddd; padding-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #e0e0e0; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.meta th { width: 9rem; color: #555; font-weight: 600; }
.bar { background: #eceff1; height: .8rem; border-radius: .4rem; overflow: hidden; min-width: 8rem; }
.bar > span { display: block; height: 100%; background: var(--done); }
.status { font-size: .8rem; padding: .05rem .45rem; border-radius: .6rem; color: #fff; white-space: nowrap; }
.planned { background: var(--plan); } .in-progress { background: var(--prog); color: #222; }
.done { background: var(--done); } .blocked { background: var(--blk); }
.dropped { background: var(--drop); color:#222; }
.item { margin: .35rem 0 .35rem 0; } .item .num { color: #666; font-variant-numeric: tabular-nums; }
.item ul { margin: .2rem 0 .2rem 1.2rem; padding: 0; } .notes { color: #444; font-size: .9rem; }
.children { margin-left: 1.5rem; } td.nw { white-space: nowrap; }
.late { color: var(--blk); font-weight: 600; }
svg text { font: 11px system-ui, sans-serif; fill: #333; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section.tier { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
"""

STATUS_COLOUR = {
    "planned": "#90a4ae",
    "in-progress": "#f9a825",
    "done": "#2e7d32",
    "blocked": "#c62828",
    "dropped": "#bdbdbd",
}


def _e(value: object) -> str:
    return escape(block(value), quote=True)


def _status(value: str) -> str:
    return f'<span class="status {_e(value)}">{_e(value)}</span>'


def _header(report: Report) -> str:
    meta = report.index.plan.plan
    rows = [*header_facts(report.index), (f"Report {as_of_words(report.recorded)}", str(report.as_of))]
    cells = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return (
        f'<header><h1>{_e(meta.title)}</h1><p>{_e(meta.body)}</p><table class="meta">{cells}</table></header>'
    )


def _progress(report: Report) -> str:
    s = report.summary
    total = sum(s.counts.values())
    rows = []
    for g in s.groups:
        pct = round(g.done_fraction * 100)
        name = f"{g.group.number} {g.group.title}" + (" ★ priority" if g.priority else "")
        counts = "".join(f"<td>{n}</td>" for n in g.counts.values())
        rows.append(
            f'<tr><td>{_e(name)}</td>{counts}<td>{pct}%</td><td><div class="bar" role="img" '
            f'aria-label="{pct}% done"><span style="width:{pct}%"></span></div></td></tr>'
        )
    head = "".join(
        f"<th>{h}</th>"
        for h in ["Tier / section", "planned", "in progress", "done", "blocked", "dropped", "% done", ""]
    )
    summary = (
        f"{s.counts['done']} of {total} action points done ({done_fraction(s.counts):.0%});"
        f" {s.elapsed:.0%} of the period has elapsed."
    )
    return (
        f"<section><h2>Progress</h2><p>{_e(summary)}</p><table><tr>{head}</tr>{''.join(rows)}</table>"
        f"<h2>Timeline</h2>{gantt_svg(report)}</section>"
    )


def gantt_svg(report: Report, width: int = 1000) -> str:
    bars, index = report.bars, report.index
    meta = index.plan.plan
    milestones = sorted(index.plan.milestones, key=lambda m: m.begins.first())
    lo = min([meta.period.start.first(), *(b.start for b in bars)])
    hi = max([meta.period.end.last(), *(m.finishes.last() for m in milestones), *(b.end for b in bars)])
    label_w, row_h, top = 300, 18, 34
    span = max((hi - lo).days, 1)

    def x(day: date) -> float:
        return round(label_w + (min(max(day, lo), hi) - lo).days / span * (width - label_w - 10), 1)

    height = top + row_h * len(bars) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="Gantt chart of the action points against the milestones">'
    ]
    for i, m in enumerate(milestones):
        mx = x(m.begins.first())
        y = 11 + 11 * (i % 2)
        parts.append(
            f'<line x1="{mx}" y1="{top - 6}" x2="{mx}" y2="{height}" stroke="#7b1fa2" '
            f'stroke-dasharray="3,3"/><text x="{mx + 2}" y="{y}">◆ {_e(m.id)}</text>'
        )
    for i, bar in enumerate(bars):
        y = top + i * row_h
        x0, x1 = x(bar.start), x(bar.end)
        colour = STATUS_COLOUR[bar.status.value]
        stroke = ' stroke="#c62828" stroke-width="2"' if bar.overdue else ""
        label = f"{bar.entry.number} {bar.entry.item.title}"
        short = label if len(label) <= 46 else label[:45] + "…"
        parts.append(
            f'<text x="4" y="{y + 12}"><title>{_e(label)}</title>{_e(short)}</text>'
            f'<rect x="{x0}" y="{y + 3}" width="{max(x1 - x0, 2)}" height="{row_h - 6}" rx="3" '
            f'fill="{colour}"{stroke}><title>{_e(bar.entry.id)}: {_e(bar.status.value)}, '
            f"{_e(bar.start)} to {_e(bar.end)}</title></rect>"
        )
    ax = x(report.as_of)
    parts.append(
        f'<line x1="{ax}" y1="{top - 10}" x2="{ax}" y2="{height}" stroke="#d32f2f" stroke-width="2"/>'
        f'<text x="{ax + 3}" y="{height - 2}" style="fill:#d32f2f">as of {_e(report.as_of)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _link(ref: str, title: str | None) -> str:
    if ref.startswith(("https://", "http://")):
        return f'<a href="{_e(ref)}">{_e(title or ref)}</a>'
    return _e(ref) + (f" {_e(title)}" if title else "")


def _item(entry: Entry, report: Report) -> str:
    item = entry.item
    facts = [_status(rollup(entry).value)]
    if item.due:
        facts.append(f"due {_e(effective_due(entry, report.index))}")
    if item.completed:
        facts.append(f"completed {_e(item.completed)}")
    if item.owners:
        facts.append(_e(", ".join(item.owners)))
    notes = [
        f"<li>Evidence: {_link(e.ref, e.title)}{f' ({_e(e.date)})' if e.date else ''}</li>"
        for e in item.evidence
    ]
    notes += [
        f"<li>{_e(h.date)}{f' ({_e(h.status.value)})' if h.status else ''}: {_e(h.note)}</li>"
        for h in item.history
        if h.note
    ]
    kids = "".join(_item(c, report) for c in entry.children)
    return (
        f'<div class="item"><span class="num">{_e(entry.number)}</span> {_e(item.title)} · '
        f"{' · '.join(facts)}"
        + (f'<ul class="notes">{"".join(notes)}</ul>' if notes else "")
        + (f'<div class="children">{kids}</div>' if kids else "")
        + "</div>"
    )


def _group(group: Group, report: Report) -> str:
    priority = " ★ priority" if getattr(group, "priority", False) else ""
    out = [
        f'<section class="tier" id="{_e(group.id)}"><h2>{_e(group.number)} {_e(group.title)}{priority}</h2>'
    ]
    current = None
    for entry in report.index.top_level(group):
        if entry.focus is not None and entry.focus is not current:
            current = entry.focus
            out.append(f"<h3>{_e(entry.focus.title)}</h3>")
        out.append(_item(entry, report))
    return "".join(out) + "</section>"


_DATEISH = re.compile(r"\d{4}-\d{2}(-\d{2})?( to \d{4}-\d{2}(-\d{2})?)?|[\w.()-]{1,24}")


def _cell(value: object) -> str:
    """A table cell; dates, ids and numbers do not break across lines."""
    text = "" if value is None else str(value)
    nowrap = ' class="nw"' if _DATEISH.fullmatch(text) else ""
    return f"<td{nowrap}>{_e(text)}</td>"


def _table(title: str, headers: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in rows)
    empty = "" if rows else f'<tr><td colspan="{len(headers)}">none</td></tr>'
    return f"<h2>{_e(title)}</h2><table><tr>{head}</tr>{body}{empty}</table>"


def _attention(report: Report) -> str:
    s = report.summary
    return "".join(
        [
            "<section>",
            _table(
                f"Overdue ({len(s.overdue)})",
                ["#", "id", "title", "due", "days late"],
                [[d.entry.number if d.entry else "", d.id, d.title, d.date, -d.days] for d in s.overdue],
            ),
            _table(
                f"Blocked ({len(s.blocked)})",
                ["id", "title", "reason"],
                [[e.id, e.item.title, r or "—"] for e, r in s.blocked],
            ),
            _table(
                f"Dropped ({len(report.dropped)})",
                ["id", "title", "reason"],
                [[e.id, e.item.title, r or "—"] for e, r in report.dropped],
            ),
            _table(
                "Milestones",
                ["milestone", "when", "due by it"],
                [
                    [
                        d.milestone.title,
                        d.milestone.date or f"{d.milestone.start} to {d.milestone.end}",
                        ", ".join(f"{e.id} ({rollup(e).value})" for e in d.entries) or "—",
                    ]
                    for d in report.milestones
                ],
            ),
            _table(
                "Appendix: referenced documents",
                ["symbol", "title"],
                [[r.symbol, r.title] for r in report.index.plan.references],
            ),
            "</section>",
        ]
    )


def render(report: Report) -> str:
    meta = report.index.plan.plan
    body = [
        _header(report),
        _progress(report),
        *(_group(g, report) for g in report.index.groups),
        _attention(report),
    ]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{_e(meta.title)} — report {report.as_of_text}'
        '</title><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{CSS}</style></head><body>{''.join(body)}"
        f"<footer><p>Generated by iwgplan from {_e(meta.id)}.</p></footer></body></html>\n"
    )
