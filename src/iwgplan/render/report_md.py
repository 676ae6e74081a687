"""The implementation report as GitHub-flavoured Markdown, with a Mermaid Gantt GitHub draws."""

from __future__ import annotations

from urllib.parse import quote

from iwgplan.plan.index import Entry, Group, group_label
from iwgplan.render.markdown import cell, table
from iwgplan.render.mermaid import gantt
from iwgplan.views.context import as_of_words
from iwgplan.views.report import (
    Report,
    header_facts,
    item_facts,
    label,
    milestone_source,
    milestone_when_text,
    overview,
    point_marks,
)
from iwgplan.views.timeline import headline, rollup


def _header(report: Report) -> list[str]:
    meta = report.index.plan.plan
    facts = header_facts(report.index)
    return [
        f"# {cell(meta.title)}\n",
        f"Implementation report {as_of_words(report.recorded)} **{report.as_of}**\n",
        f"{cell(overview(report))}\n",
        "".join(f"- **{k}:** {cell(v)}\n" for k, v in facts),
    ]


def _objectives(report: Report) -> list[str]:
    """Sections 1 and 2 of the document (and 3.1): what the plan is for, before its tiers."""
    out = []
    for o in report.index.plan.objectives:
        refs = f" ({cell(', '.join(o.refs))})" if o.refs else ""
        out.append(f"- **{cell(o.number or '•')}** {cell(o.text)}{refs}")
        marks = point_marks(o.points_style, len(o.points))
        out += [f"  - {cell(mark)} {cell(point)}" for mark, point in zip(marks, o.points, strict=True)]
        if o.closing:
            out.append(f"  {cell(o.closing)}")
    return ["## Objectives\n", "\n".join(out) + "\n"] if out else []


def _progress(report: Report) -> list[str]:
    s = report.summary
    rows = [
        [
            group_label(g.group) + (" (priority)" if g.priority else ""),
            *g.counts.values(),
            f"{g.done_fraction:.0%}",
        ]
        for g in s.groups
        if g.total
    ]
    return [
        "## Progress\n",
        f"{cell(' · '.join(headline(s)))}; {s.elapsed:.0%} of the period ({s.start} to {s.end})"
        " has elapsed.\n",
        table(["Tier / section", "planned", "in progress", "done", "blocked", "dropped", "% done"], rows),
        "## Timeline\n",
        "```mermaid\n" + gantt(report) + "```\n",
    ]


def _item(entry: Entry, report: Report, depth: int = 0) -> list[str]:
    item, pad = entry.item, "  " * depth
    facts = item_facts(entry, report.index)
    lines = [f"{pad}- **{cell(entry.own)}** {cell(item.title)} — {cell('; '.join(facts))}"]
    if item.description:
        lines.append(f"{pad}  - {cell(item.description)}")
    for e in item.evidence:
        what = f"[{cell(e.title or e.ref)}]({_url(e.ref)})" if e.ref.startswith("http") else cell(e.ref)
        title = f" {cell(e.title)}" if e.title and not e.ref.startswith("http") else ""
        lines.append(f"{pad}  - Evidence: {what}{title}" + (f" ({e.date})" if e.date else ""))
    for h in item.history:
        if h.note:
            tag = f" ({h.status.value})" if h.status else ""
            lines.append(f"{pad}  - {h.date}{tag}: {cell(h.note)}")
    for child in entry.children:
        lines += _item(child, report, depth + 1)
    return lines


def _url(url: str) -> str:
    """A URL safe inside a Markdown link target: no spaces, brackets or angle brackets."""
    return quote(url, safe=":/?&=#%~+@,;!$*'-._")


def _group(group: Group, report: Report) -> list[str]:
    priority = " (priority)" if getattr(group, "priority", False) else ""
    out = [f"## {cell(group_label(group))}{priority}\n"]
    current = None
    for entry in report.index.top_level(group):
        if entry.focus is not None and entry.focus is not current:
            current = entry.focus
            gap = "\n" if len(out) > 1 else ""  # a blank line after the list above it
            out.append(f"{gap}### {cell(entry.focus.title)}\n")
        out += _item(entry, report)
    return ["\n".join(out) + "\n"]


def _attention(report: Report) -> list[str]:
    s = report.summary
    return [
        f"## Overdue ({len(s.overdue)})\n",
        table(
            ["#", "title", "due", "days late"],
            [[d.entry.number if d.entry else "", d.title, d.date, -d.days] for d in s.overdue],
        ),
        f"## Blocked ({len(s.blocked)})\n",
        table(["#", "title", "reason"], [[e.number, e.item.title, r or "—"] for e, r in s.blocked]),
        f"## Dropped ({len(report.dropped)})\n",
        table(["#", "title", "reason"], [[e.number, e.item.title, r or "—"] for e, r in report.dropped]),
    ]


def _milestones(report: Report) -> list[str]:
    rows = []
    for due in report.milestones:
        m = due.milestone
        source = milestone_source(m)
        when = milestone_when_text(m) + (f" ({source})" if source else "")
        items = "; ".join(f"{label(e)} ({rollup(e).value})" for e in due.entries) or "—"
        rows.append([m.title, when, items])
    return ["## Milestones\n", table(["milestone", "when", "due by it"], rows)]


def _appendix(report: Report) -> list[str]:
    refs = report.index.plan.references
    return [
        "## Appendix: referenced documents\n",
        table(["symbol", "title"], [[r.symbol, r.title] for r in refs]),
    ]


def render(report: Report) -> str:
    parts = [*_header(report), *_objectives(report), *_progress(report)]
    for group in report.index.groups:
        parts += _group(group, report)
    parts += [*_attention(report), *_milestones(report), *_appendix(report)]
    return "\n".join(parts)
