"""A Mermaid `gantt` block: a section per tier, milestones as milestones, done/active/crit."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from iwgplan.i18n import gettext as _
from iwgplan.plan.index import PlanIndex
from iwgplan.plan.status import Status
from iwgplan.render.safe import mermaid_label, mermaid_text
from iwgplan.views.provenance import milestone_title, title_mark
from iwgplan.views.report import Report
from iwgplan.views.timeline import short_mark

if TYPE_CHECKING:
    from iwgplan.plan.model import Milestone


WHOLE = 2000  # labels are whole (issue 24.5): the cap only bounds a pathological title


def _section(group: object) -> str:
    """A ``section`` line's name: the title cut at 60 characters, its mark (when the document
    does not write the title: "(the tool's label)") after it, never cut."""
    mark = title_mark(group)
    if not mark:
        return mermaid_text(getattr(group, "title", ""), 60)
    return f"{mermaid_text(getattr(group, 'title', ''), 60)} {mermaid_text(f'({mark})')}"


def _task_id(ident: str) -> str:
    return "t_" + re.sub(r"[^A-Za-z0-9_]", "_", ident)


def _milestone(m: Milestone) -> str:
    """A day is a milestone mark; a month or a range is drawn over its days, ends included."""
    first, last = m.begins.first(), m.finishes.last()
    mark = milestone_title(m)[len(m.title) :]  # never cut: " (from outside the document)"
    title = mermaid_label(m.title, WHOLE) + (f" {mermaid_text(mark)}" if mark else "")  # never cut
    if first == last:
        return f"    {title} :milestone, {_task_id(m.id)}, {first}, 0d"
    return f"    {title} :{_task_id(m.id)}, {first}, {last}"


def gantt(report: Report) -> str:
    index: PlanIndex = report.index
    when = mermaid_text(_("as of {date}").format(date=report.as_of))
    lines = [
        "gantt",
        f"    title {mermaid_text(index.plan.plan.title)} ({when})",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %b %Y",
        "    inclusiveEndDates",
        f"    section {mermaid_text(_('Milestones'))}",
    ]
    for m in sorted(index.plan.milestones, key=lambda m: m.begins.first()):
        lines.append(_milestone(m))
    as_of = mermaid_text(_("As of {date}").format(date=report.as_of))
    lines.append(f"    {as_of} :milestone, as_of, {report.as_of}, 0d")
    by_group: dict[str, list[str]] = {}
    for bar in report.bars:
        tags = []
        if bar.overdue:
            tags.append("crit")
        if bar.status is Status.DONE:
            tags.append("done")
        elif bar.status is Status.IN_PROGRESS:
            tags.append("active")
        mark = short_mark(bar.entry, index)  # a date the document does not state says so
        suffix = f" ({mark})" if mark else ""
        label = mermaid_label(f"{bar.entry.own} {bar.entry.item.title}", WHOLE) + suffix  # under its section
        tag = ", ".join([*tags, _task_id(bar.entry.id)])
        by_group.setdefault(bar.entry.group.id, []).append(f"    {label} :{tag}, {bar.start}, {bar.end}")
    for group in index.groups:
        if group.id in by_group:
            lines.append(f"    section {_section(group)}")
            lines += by_group[group.id]
    return "\n".join(lines) + "\n"
