"""Terminal reporters (rich) for status, list, tiers and show.

Colour only where the console supports it: rich drops ANSI codes when stdout is not a
terminal or NO_COLOR is set. Layouts are meant to read well at 80 columns.
"""

from __future__ import annotations

import shlex
from datetime import date

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from iwgplan.plan import dates
from iwgplan.plan.dates import shift
from iwgplan.plan.index import Entry, PlanIndex, group_label
from iwgplan.plan.status import Status
from iwgplan.render.columns import Fit, Rows, print_lines
from iwgplan.render.safe import block, line
from iwgplan.views.context import Listing, View
from iwgplan.views.provenance import due_basis, issued_by_text, owners_text, symbol_text
from iwgplan.views.timeline import (
    Dated,
    GroupSummary,
    Summary,
    cookie,
    date_legend,
    date_mark,
    dated_text,
    effective_due,
    effective_kind,
    headline,
    holds,
    late_words,
    latest_note,
    milestone_when,
    number_ranges,
    rollup,
    shown_status,
    within_period,
)
from iwgplan.views.timeline import short_mark as timeline_short_mark

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
        head.append(f" · {line(symbol_text(meta))}")
    if meta.issued_by:
        head.append(f"\nIssued by {line(issued_by_text(meta))}")
    # the day first, so that a long path (a CI runner's checkout) never splits it
    head.append(f"\n{view.as_of_text} · plan: {line(view.shown)}", style="dim")
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
    legend.append("today" if summary.as_of == dates.today() else "as of")
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
    return Text(f"§{line(group_label(g.group))}")


def tiers_table(groups: list[GroupSummary], *, bar_width: int = 10) -> Table:
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 0), pad_edge=False, expand=False)
    table.add_column("Tier / section", overflow="fold", max_width=34)  # wrapped, never cut
    for status in SHORT.values():
        table.add_column(status, justify="right", no_wrap=True, min_width=4)
    table.add_column("%", justify="right", no_wrap=True, min_width=4)
    table.add_column("", no_wrap=True, min_width=bar_width)
    for g in groups:
        if not g.total:
            continue  # only standing duties or past business: nothing to be done by a date
        counts = [str(g.counts[s]) if g.counts[s] else "·" for s in SHORT]
        table.add_row(group_name(g), *counts, f"{g.done_fraction:.0%}", bar(g.done_fraction, bar_width))
    return table


def owners_suffix(entry: Entry | None) -> Text:
    """`` · IWG Co-Chairs (inferred)``: who holds a dated item, after its title, so that it wraps
    with the title on a narrow screen; marked when the document does not state it."""
    if entry is None or not entry.item.owners:
        return Text("")
    return Text(f" · {line(owners_text(entry.item))}", style="dim")


def short_mark(entry: Entry | None, index: PlanIndex) -> str:
    """The mark beside a date where room is short: `` (inferred)``, never nothing."""
    mark = timeline_short_mark(entry, index) if entry is not None else ""
    return f" ({mark})" if mark else ""


def _dated_rows(rows: list[Dated], caption: str, index: PlanIndex, *, late: bool) -> Rows:
    table = Rows(
        ["number", "id", "title", "when"], title="title", shrink=["when", "when"], right=["when"], want=20
    )
    table.heading(Text(caption, style="bold red" if late else "bold"))
    style = "red" if late else ""
    for d in rows:
        if late:
            words = [late_words(-d.days, d.entry, index), late_words(-d.days, d.entry, index, short=True)]
        else:
            words = ["today", "today"] if d.days == 0 else [f"in {plural(d.days, 'day')}", f"in {d.days}d"]
        full = dated_text(d.date, d.entry, index) if d.entry is not None else str(d.date)
        if late and d.entry is not None and date_mark(d.entry, index):
            full = str(d.date)  # "1 day past the inferred date (MC14's end)" says it
        mark = timeline_short_mark(d.entry, index) if d.entry is not None else ""
        short = f"{d.date} {mark}" if mark else str(d.date)
        brief = f"{short} · {-d.days}d" if late and mark else f"{short} · {words[1]}"
        when = [Text(f"{full} · {words[0]}", style=style), Text(brief, style=style)]
        when.append(Text(short, style=style))
        table.add(
            number=line(d.entry.number) if d.entry else "",
            id=Text(line(d.id), style="bold"),
            title=Text(line(d.title)) + owners_suffix(d.entry),
            when=when,
        )
    return table


def _more(rows: list[Dated], limit: int, hint: str) -> tuple[list[Dated], Text | None]:
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], Text(f"  … and {len(rows) - limit} more: {hint}", style="dim")


def status(
    view: View,
    summary: Summary,
    console: Console,
    *,
    horizon: int,
    limit: int = 8,
    fit: Fit = Fit.FULL,
) -> None:
    console.print(Group(_header(view), Text(), timeline(summary, console.width), tiers_table(summary.groups)))
    console.print(Text(" · ".join(headline(summary)), style="dim"))
    mine = f" --owner {shlex.quote(line(summary.owner))}" if summary.owner else ""
    whose = f" for owner '{line(summary.owner)}'" if summary.owner else ""
    index = view.index
    rows, more = _more(summary.overdue, limit, f"iwgplan list --overdue{mine}")
    caption = f"Overdue{whose} ({len(summary.overdue)})"
    _print_rows(console, _dated_rows(rows, caption, index, late=True), fit, more)
    rows, more = _more(
        summary.upcoming, limit, f"iwgplan list --due-before {_plus(summary.as_of, horizon)}{mine}"
    )
    caption = f"Due in the next {plural(horizon, 'day')}{whose} ({len(summary.upcoming)})"
    _print_rows(console, _dated_rows(rows, caption, index, late=False), fit, more)
    if summary.within:
        head = f"{summary.within_heading}{whose}: "
        n = len(summary.within)
        what = f"{plural(n, 'item')} the document sets no date for"
        console.print(Text.assemble((head, "bold"), what))
    _print_rows(console, _milestones(summary.next_milestones[:3], summary.as_of), fit)
    if summary.past:
        _past(console, summary.past)
    standing = [e for e in summary.standing if not summary.owner or holds(e.item.owners, summary.owner)]
    if standing:
        _standing(console, standing, limit, fit, whose)
    more = None
    if len(summary.blocked) > limit:
        hint = f"iwgplan list --status blocked{mine}"
        more = Text(f"  … and {len(summary.blocked) - limit} more: {hint}", style="dim")
    if not summary.blocked:
        console.print(Text.assemble((f"Blocked{whose}: ", "bold"), ("none", "dim")))
    else:
        _print_rows(console, _blocked(summary, limit), fit, more)
    # the "within the period" line says what it means itself
    legend(console, [d.entry for d in [*summary.overdue, *summary.upcoming] if d.entry is not None])


def legend(console: Console, entries: list[Entry]) -> None:
    """Once per screen, what the marks beside its dates mean (nothing when no date is marked)."""
    meanings = date_legend(entries)
    if meanings:
        console.print(Text("; ".join(m[:1].upper() + m[1:] for m in meanings) + ".", style="dim"))


def _print_rows(console: Console, rows: Rows, fit: Fit, more: Text | None = None) -> None:
    print_lines(console, rows.lines(console.width, fit, console))
    if more is not None:
        console.print(more)


def _plus(day: date, days: int) -> date:
    return shift(day, days + 1)


def _standing(console: Console, entries: list[Entry], limit: int, fit: Fit, whose: str = "") -> None:
    """Standing duties run for the whole period: those with a note show it, the rest by number."""
    noted = [(e, note) for e in entries if (note := latest_note(e))]
    quiet = number_ranges([e.number for e in entries if not latest_note(e)])
    head = Text(f"Standing duties{whose} ({len(entries)}, not counted)", style="bold")
    if quiet:
        head.append(f": {line(quiet)}" + ("; no note" if noted else "; no notes recorded"), style="")
    console.print(head)
    if noted:
        table = Rows(["number", "id", "latest"], title="latest", want=30)
        for entry, note in noted[:limit]:
            ident = Text(line(entry.id), style="bold")
            table.add(number=line(entry.number), id=ident, latest=Text(block(note)))
        _print_rows(console, table, fit)


def _past(console: Console, rows: list[Dated]) -> None:
    """Business the document sets before its own issue date: named on one line, never late."""
    head = Text(f"Before this revision ({len(rows)}): ", style="bold")
    named = [f"{d.entry.number if d.entry else ''} {d.id} ({d.date})".strip() for d in rows]
    console.print(head + Text(line(", ".join(named))))


def _milestones(rows: list[Dated], as_of: date) -> Rows:
    table = Rows(["id", "title", "when"], title="title", shrink=["when", "when"], right=["when"], want=32)
    table.heading(Text("Next milestones", style="bold"))
    for m in rows:
        when = milestone_when(m, as_of)
        short = (
            when.replace(" to ", "-").replace(" days", "d").replace(" day", "d").replace("under way, ", "")
        )
        label = line(m.label)
        table.add(
            id=Text(line(m.id), style="bold magenta"),
            title=line(m.title),
            when=[f"{label} · {when}", f"{label} · {short}", label],
        )
    if not rows:
        table.add(title=Text("none ahead", style="dim"))
    return table


def _blocked(summary: Summary, limit: int) -> Rows:
    table = Rows(["id", "reason"], title="reason")
    whose = f" for owner '{line(summary.owner)}'" if summary.owner else ""
    table.heading(Text(f"Blocked{whose} ({len(summary.blocked)})", style="bold red"))
    for entry, reason in summary.blocked[:limit]:
        why = Text(block(reason)) if reason else Text("no reason recorded", style="dim")
        table.add(id=Text(line(entry.id), style="bold"), reason=why)
    return table


# --- list ----------------------------------------------------------------------------------


def owners_cell(owners: list[str]) -> list[Text]:
    """Owners in full, then the first one and how many more, then nothing."""
    full = ", ".join(owners)
    if len(owners) <= 1 and len(full) <= 14:
        return [Text(full), Text("")]
    first = owners[0] if len(owners[0]) <= 14 else owners[0][:13] + "…"
    more = f" +{len(owners) - 1}" if len(owners) > 1 else ""
    return [Text(full), Text(first + more), Text("")]


def status_cell(status: Status) -> list[Text]:
    return [status_text(status), Text(SHORT[status.value], style=STYLE[status.value])]


def kind_text(entry: Entry, index: PlanIndex) -> Text:
    """The status, or what the item is when it is not a deliverable: standing, past, possible."""
    shown = shown_status(entry, index)
    return Text(shown, style=STYLE.get(shown, "magenta"))


def kind_cell(entry: Entry, index: PlanIndex) -> list[Text]:
    if effective_kind(entry, index) == "deliverable":
        return status_cell(rollup(entry))
    return [kind_text(entry, index), Text(shown_status(entry, index)[:4], style="magenta")]


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 action point``, ``2 action points``: the count and the word in the right number."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def listing(result: Listing, console: Console, *, fit: Fit = Fit.FULL) -> None:
    if not result.matched:
        console.print("no action points match", style="dim")
        return
    view = result.view
    rows = Rows(
        ["number", "id", "status", "due", "owners", "title"],
        title="title",
        shrink=["due", "owners", "owners", "status"],
    )
    last_group, last_focus = None, None
    for entry in view.index.entries:
        if id(entry) not in result.keep:
            continue
        if entry.group is not last_group:
            heading = Text(line(group_label(entry.group)), style="bold underline")
            if getattr(entry.group, "priority", False):
                heading.append(" ★ priority", style="yellow")
            rows.heading(heading)
        if entry.focus is not None and (entry.focus is not last_focus or entry.group is not last_group):
            rows.heading(Text(f"  {line(entry.focus.title)}", style="italic"))
        last_group, last_focus = entry.group, entry.focus
        ident = Text("  " * len(entry.ancestors()) + line(entry.id), style="bold")
        if entry.children:
            ident.append(f" {cookie(entry)}", style="dim")
        due = effective_due(entry, view.index) if entry.item.due else None
        rows.add(
            number=Text(line(entry.own), style="dim"),
            id=ident,
            status=kind_cell(entry, view.index),
            due=due_cell(due, entry, view.index),
            owners=owners_cell([line(o) for o in entry.item.owners]),
            title=Text(line(entry.item.title)),
        )
    print_lines(console, rows.lines(console.width, fit, console))
    console.print(Text(f"{plural(len(result.matched), 'action point')}{_recorded(view)}", style="dim"))
    legend(console, [e for e in result.matched if e.item.due])


def due_cell(due: date | None, entry: Entry, index: PlanIndex) -> list[Text]:
    """A due date with its mark (``2026-03-29 (inferred: MC14's end)``, then ``2026-03-29
    (inferred)``); an item the document sets no date for is ``within the period``, no date."""
    if due is None:
        return [Text("")]
    mark = date_mark(entry, index)
    if not mark:
        return [Text(str(due))]
    if within_period(entry):
        return [Text(mark, style="dim")]
    return [Text(f"{due} ({mark})"), Text(f"{due}{short_mark(entry, index)}")]


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
                console.print(Text(f"  · {line(area.title)}"))  # wrapped, never cut


# --- show ----------------------------------------------------------------------------------


def show(view: View, entry: Entry, console: Console, *, fit: Fit = Fit.FULL) -> None:
    """The whole story of one item: where it sits, its facts, sub-points, links and history."""
    item = entry.item
    index = view.index
    head = Rows(["number", "title"], title="title", want=60)
    head.add(number=Text(line(entry.number), style="bold dim"), title=Text(line(item.title), style="bold"))
    print_lines(console, head.lines(console.width, fit, console))
    if view.recorded:
        console.print(Text(view.as_of_text, style="dim"))
    print_lines(console, _facts(view, entry).lines(console.width, fit, console))
    for caption, related in (
        (f"sub-points {cookie(entry)}", entry.children),
        ("depends on", [index.by_id[d.lower()] for d in item.depends_on if d.lower() in index.by_id]),
        ("needed by", index.dependents.get(item.id.lower(), [])),
    ):
        if related:
            print_lines(console, _related(caption, related, index).lines(console.width, fit, console))
    if item.history:
        history = Rows(["n", "date", "note"], title="note", want=30, gap=2)
        history.heading(Text("history", style="bold"))
        for n, h in enumerate(item.history, 1):  # the N of `iwgplan amend ID --entry N`
            note = status_text(h.status) + Text("  ") if h.status else Text("")
            history.add(n=f"  {n:>2}", date=str(h.date), note=note + Text(block(h.note or "")))
        print_lines(console, history.lines(console.width, fit, console))


class _Facts(Rows):
    def __init__(self) -> None:
        super().__init__(["key", "value"], title="value", want=60)

    def add_row(self, key: str, value: str | Text) -> None:
        self.add(key=Text(key, style="bold"), value=value)


def _facts(view: View, entry: Entry) -> Rows:
    item, index = entry.item, view.index
    facts = _Facts()
    facts.add_row("id", line(item.id))
    facts.add_row("number", Text(line(entry.own)))  # the document's own, in its tier and focus area
    status = kind_text(entry, index)
    if effective_kind(entry, index) != item.kind:  # open, and dated before the plan's issue
        status.append(f" (dated before this revision of {index.plan.plan.date}; recorded: ", style="dim")
        status.append(f"{rollup(entry).value})", style="dim")
    elif item.kind == "deliverable" and rollup(entry) is not item.status:
        status.append(f" (recorded: {item.status.value}; rolled up from its sub-points)", style="dim")
    facts.add_row("status", status)
    group = entry.group
    kind = "tier" if group in index.plan.tiers else "section"
    facts.add_row(kind, Text(line(group_label(group))))
    if entry.focus is not None:
        facts.add_row("focus area", Text(line(entry.focus.title)))
    for parent in entry.ancestors():
        facts.add_row(
            "part of", Text(" ".join(line(x) for x in (parent.number, "", parent.id, "", parent.item.title)))
        )
    due = effective_due(entry, index)
    if due:
        said = f" · {line(item.due)}" if item.due and item.due != str(due) else ""
        facts.add_row("due", dated_text(due, entry, index) + said)
    if item.due and item.due_basis:
        facts.add_row("due basis", Text(line(due_basis(item))))
    elif item.due is None and due:
        holder = next(p for p in reversed(entry.ancestors()) if p.item.due is not None)
        basis = f"; {due_basis(holder.item)}" if holder.item.due_basis else ""
        facts.add_row("due basis", Text(line(f"from {holder.id}{basis}")))
    for key, value in (("completed", item.completed), ("description", item.description)):
        if value:
            facts.add_row(key, Text(block(value)))
    for key, values in (("owners", item.owners), ("partners", item.partners), ("refs", item.refs)):
        if values:
            facts.add_row(key, Text(line(owners_text(item) if key == "owners" else ", ".join(values))))
    for e in item.evidence:
        facts.add_row("evidence", Text(" · ".join(line(str(x)) for x in (e.ref, e.title, e.date) if x)))
    missing = [d for d in item.depends_on if d.lower() not in index.by_id]
    if missing:
        facts.add_row("depends on", Text(line(", ".join(missing))))
    return facts


def _related(caption: str, entries: list[Entry], index: PlanIndex) -> Rows:
    rows = Rows(["number", "id", "status", "title"], title="title", shrink=["status"], want=30)
    rows.heading(Text(caption, style="bold"))
    for other in entries:
        rows.add(
            number=Text(f"  {line(other.number)}", style="dim"),
            id=Text(line(other.id), style="bold"),
            status=kind_cell(other, index),
            title=Text(line(other.item.title)),
        )
    return rows
