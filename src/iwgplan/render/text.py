"""Terminal reporters (rich) for status, list, tiers and show.

Colour only where the console supports it: rich drops ANSI codes when stdout is not a
terminal or NO_COLOR is set. Layouts are meant to read well at 80 columns.
"""

from __future__ import annotations

from datetime import date

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from iwgplan.plan.index import Entry
from iwgplan.plan.status import Status
from iwgplan.render.safe import block, line
from iwgplan.views.context import Listing, View
from iwgplan.views.timeline import Dated, GroupSummary, Summary, cookie, effective_due, rollup

STYLE = {
    "planned": "cyan",
    "in-progress": "yellow",
    "done": "green",
    "blocked": "red",
    "dropped": "dim",
}
SHORT = {
    "planned": "plan",
    "in-progress": "prog",
    "done": "done",
    "blocked": "blk",
    "dropped": "drop",
}


def status_text(status: Status) -> Text:
    return Text(status.value, style=STYLE[status.value])


def bar(fraction: float, width: int) -> Text:
    filled = round(fraction * width)
    return Text("█" * filled, style="green") + Text("░" * (width - filled), style="dim")


def _header(view: View) -> Text:
    meta = view.plan.plan
    head = Text(line(meta.title), style="bold")
    head.append(f"\n{meta.revision_label} · {meta.date}", style="")
    if meta.symbol:
        head.append(f" · {line(meta.symbol)}")
    head.append(f"\nplan: {line(view.shown)} · {view.as_of_text}", style="dim")
    return head


def _position(day: date, start: date, end: date, width: int) -> int:
    span = max((end - start).days, 1)
    return min(max(round((day - start).days / span * (width - 1)), 0), width - 1)


def timeline(summary: Summary, width: int) -> Text:
    """The period as a bar, the share elapsed, milestones numbered beneath, and today."""
    inner = max(width - 22, 20)
    gone = round(summary.elapsed * inner)
    line = Text(f"{summary.start:%b %Y} ", style="bold")
    line += Text("━" * gone, style="green") + Text("─" * (inner - gone), style="dim")
    line += Text(f" {summary.end:%b %Y}", style="bold")
    marks = [" "] * inner
    legend = Text()
    shown = [m for m in summary.milestones if (m.end or m.date) >= summary.start]
    if summary.start <= summary.as_of <= summary.end:
        marks[_position(summary.as_of, summary.start, summary.end, inner)] = "▲"
    for number, milestone in enumerate(shown, start=1):
        _place(marks, _position(milestone.date, summary.start, summary.end, inner), str(number))
        legend.append(f"{number} ", style="bold magenta")
        legend.append(f"{milestone.id}  ")
    legend.append("▲ ", style="bold magenta")
    legend.append("today" if summary.as_of == date.today() else "as of")
    under = Text(" " * 9 + "".join(marks), style="magenta")
    elapsed = Text(f"{summary.elapsed:.0%} of the period elapsed at {summary.as_of}", style="dim")
    return Text("\n").join([line, under, legend, elapsed])


def _place(marks: list[str], at: int, mark: str) -> None:
    """Put a mark at its position, or at the nearest free one when marks collide."""
    for spot in sorted(range(len(marks)), key=lambda i: (abs(i - at), -i)):
        if marks[spot] == " ":
            marks[spot] = mark
            return


def group_name(g: GroupSummary) -> Text:
    if g.kind == "tier":
        name = Text(line(g.group.title), style="bold")
        if g.priority:
            name.append(" ★ priority", style="yellow")
        return name
    return Text(f"§{line(g.group.number)} {line(g.group.title)}")


def tiers_table(groups: list[GroupSummary], *, bar_width: int = 10) -> Table:
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 0), pad_edge=False, expand=False)
    table.add_column("Tier / section", overflow="ellipsis", no_wrap=True, max_width=34)
    for status in SHORT.values():
        table.add_column(status, justify="right", no_wrap=True, min_width=4)
    table.add_column("%", justify="right", no_wrap=True, min_width=4)
    table.add_column("", no_wrap=True, min_width=bar_width)
    for g in groups:
        counts = [str(g.counts[s]) if g.counts[s] else "·" for s in SHORT]
        table.add_row(group_name(g), *counts, f"{g.done_fraction:.0%}", bar(g.done_fraction, bar_width))
    return table


def _dated_table(rows: list[Dated], caption: str, *, late: bool) -> Table:
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False, expand=True)
    table.add_column("number", no_wrap=True)
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("title", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("when", no_wrap=True, justify="right")
    for d in rows:
        number = line(d.entry.number) if d.entry else ""
        when = f"{-d.days} days late" if late else ("today" if d.days == 0 else f"in {d.days} days")
        table.add_row(number, d.id, line(d.title), Text(f"{d.date} · {when}", style="red" if late else ""))
    table.title = caption
    table.title_justify = "left"
    table.title_style = "bold red" if late else "bold"
    return table


def _more(rows: list[Dated], limit: int, hint: str) -> tuple[list[Dated], Text | None]:
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], Text(f"  … and {len(rows) - limit} more: {hint}", style="dim")


def status(view: View, summary: Summary, console: Console, *, horizon: int, limit: int = 8) -> None:
    parts: list[RenderableType] = [_header(view), Text(), timeline(summary, console.width)]
    parts.append(tiers_table(summary.groups))
    rows, more = _more(summary.overdue, limit, "iwgplan list --overdue")
    parts.append(_dated_table(rows, f"Overdue ({len(summary.overdue)})", late=True))
    parts += [more] if more else []
    rows, more = _more(summary.upcoming, limit, f"iwgplan list --due-before {_plus(summary.as_of, horizon)}")
    parts.append(_dated_table(rows, f"Due in the next {horizon} days ({len(summary.upcoming)})", late=False))
    parts += [more] if more else []
    parts.append(_milestones(summary.next_milestones[:3]))
    parts.append(_blocked(summary, limit))
    if len(summary.blocked) > limit:
        hint = "iwgplan list --status blocked"
        parts.append(Text(f"  … and {len(summary.blocked) - limit} more: {hint}", style="dim"))
    console.print(Group(*[p for p in parts if p is not None]))


def _plus(day: date, days: int) -> date:
    from datetime import timedelta

    return day + timedelta(days=days + 1)


def _milestones(rows: list[Dated]) -> Table:
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False, expand=True)
    table.title, table.title_justify, table.title_style = "Next milestones", "left", "bold"
    table.add_column("id", no_wrap=True, style="bold magenta")
    table.add_column("title", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("when", no_wrap=True, justify="right")
    for m in rows:
        when = "under way" if m.days == 0 else f"in {m.days} days"
        table.add_row(m.id, line(m.title), f"{line(m.label)} · {when}")
    if not rows:
        table.add_row("", Text("none ahead", style="dim"), "")
    return table


def _blocked(summary: Summary, limit: int) -> RenderableType:
    if not summary.blocked:
        return Text.assemble(("Blocked: ", "bold"), ("none", "dim"))
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False, expand=True)
    table.title, table.title_justify, table.title_style = (
        f"Blocked ({len(summary.blocked)})",
        "left",
        "bold red",
    )
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("reason", overflow="fold", ratio=1)
    for entry, reason in summary.blocked[:limit]:
        table.add_row(entry.id, block(reason) if reason else Text("no reason recorded", style="dim"))
    return table


# --- list ----------------------------------------------------------------------------------


def _list_table() -> Table:
    table = Table(box=None, padding=(0, 1, 0, 0), pad_edge=False, expand=True, show_header=False)
    table.add_column("#", no_wrap=True, style="dim", width=8)
    table.add_column("id", no_wrap=True, style="bold", width=24, overflow="ellipsis")
    table.add_column("status", no_wrap=True, width=11)
    table.add_column("due", no_wrap=True, width=10)
    table.add_column("owners", overflow="ellipsis", no_wrap=True, width=12)
    table.add_column("title", overflow="ellipsis", no_wrap=True, ratio=1, min_width=10)
    return table


def listing(result: Listing, console: Console) -> None:
    if not result.matched:
        console.print("no action points match", style="dim")
        return
    view = result.view
    table: Table | None = None
    last_group, last_focus = None, None
    for entry in view.index.entries:
        if id(entry) not in result.keep:
            continue
        if entry.group is not last_group or entry.focus is not last_focus:
            if table is not None:
                console.print(table)
            if entry.group is not last_group:
                heading = Text(
                    f"{line(entry.group.number)}  {line(entry.group.title)}", style="bold underline"
                )
                if getattr(entry.group, "priority", False):
                    heading.append(" ★ priority", style="yellow")
                console.print(heading)
            if entry.focus is not None:
                console.print(
                    Text(f"  {line(entry.focus.title)}", style="italic"),
                    overflow="ellipsis",
                    no_wrap=True,
                )
            last_group, last_focus = entry.group, entry.focus
            table = _list_table()
        ident = Text("  " * len(entry.ancestors()) + entry.id)
        if entry.children:
            ident.append(f" {cookie(entry)}", style="dim")
        due = effective_due(entry, view.index) if entry.item.due else None
        assert table is not None
        table.add_row(
            line(entry.number),
            ident,
            status_text(rollup(entry)),
            str(due or ""),
            line(", ".join(entry.item.owners)),
            line(entry.item.title),
        )
    if table is not None:
        console.print(table)
    console.print(Text(f"{len(result.matched)} action points{_recorded(view)}", style="dim"))


def _recorded(view: View) -> str:
    return f" · {view.as_of_text}" if view.recorded else ""


# --- tiers ---------------------------------------------------------------------------------


def tiers(view: View, summary: Summary, console: Console) -> None:
    table = tiers_table(summary.groups)
    console.print(table)
    if view.recorded:
        console.print(Text(view.as_of_text, style="dim"))
    for g in summary.groups:
        areas = getattr(g.group, "focus_areas", [])
        if areas:
            console.print(group_name(g))
            for area in areas:
                console.print(Text(f"  · {line(area.title)}"), overflow="ellipsis", no_wrap=True)


# --- show ----------------------------------------------------------------------------------


def show(view: View, entry: Entry, console: Console) -> None:
    item = entry.item
    index = view.index
    title = Text(f"{line(entry.number)}  ", style="bold dim") + Text(line(item.title), style="bold")
    console.print(title)
    chain = [
        entry.group.title,
        *(a.title for a in [entry.focus] if a),
        *(p.item.title for p in entry.ancestors()),
    ]
    console.print(Text(" › ".join(map(line, chain)), style="dim"), overflow="ellipsis", no_wrap=True)
    if view.recorded:
        console.print(Text(view.as_of_text, style="dim"))
    facts = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    facts.add_column("key", style="bold", no_wrap=True)
    facts.add_column("value", overflow="fold")
    status = status_text(rollup(entry))
    if rollup(entry) is not item.status:
        status.append(f" (recorded: {item.status.value}; rolled up from its children)", style="dim")
    facts.add_row("id", item.id)
    facts.add_row("status", status)
    due = effective_due(entry, index)
    if due:
        facts.add_row("due", f"{due}" + (f" ({item.due})" if item.due and item.due != str(due) else ""))
    for key, value in (("completed", item.completed), ("description", item.description)):
        if value:
            facts.add_row(key, Text(block(value)))
    for key, values in (("owners", item.owners), ("partners", item.partners), ("refs", item.refs)):
        if values:
            facts.add_row(key, Text(line(", ".join(values))))
    for e in item.evidence:
        facts.add_row("evidence", Text(" · ".join(line(x) for x in (e.ref, e.title, e.date) if x)))
    if entry.children:
        kids = Text(", ").join(
            Text(c.id) + Text(f" ({rollup(c).value})", style=STYLE[rollup(c).value]) for c in entry.children
        )
        facts.add_row(f"children {cookie(entry)}", kids)
    if item.depends_on:
        facts.add_row("depends on", ", ".join(item.depends_on))
    dependents = index.dependents.get(item.id.lower(), [])
    if dependents:
        facts.add_row("needed by", ", ".join(d.id for d in dependents))
    console.print(facts)
    if item.history:
        console.print(Text("history", style="bold"))
        for n, h in enumerate(item.history, 1):  # the N of `iwgplan amend ID --entry N`
            row = Text(f"  {n:>2}  {h.date}  ")
            if h.status:
                row += status_text(h.status) + Text("  ")
            row += Text(block(h.note or ""))
            console.print(row)
