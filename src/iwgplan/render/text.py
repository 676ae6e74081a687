"""Terminal reporters (rich) for status, list, tiers and show.

Colour only where the console supports it: rich drops ANSI codes when stdout is not a
terminal or NO_COLOR is set. Layouts are meant to read well at 80 columns.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from iwgplan.i18n import N_, colon, ngettext, share, short_month
from iwgplan.i18n import gettext as _
from iwgplan.plan import dates
from iwgplan.plan.dates import shift
from iwgplan.plan.index import Entry, PlanIndex, group_label
from iwgplan.plan.status import Status
from iwgplan.render.columns import Fit, PlainRows, Rows, print_lines, write_lines
from iwgplan.render.safe import block, line
from iwgplan.views.context import Listing, View
from iwgplan.views.provenance import (
    due_basis,
    issued_by_text,
    marked_title,
    milestone_long,
    owners_text,
    revision_text,
    symbol_text,
    title_legend,
    title_long,
    title_short_legend,
    title_short_mark,
)
from iwgplan.views.timeline import (
    Dated,
    GroupSummary,
    Summary,
    aside_words,
    cookie,
    date_legend,
    date_mark,
    dated_text,
    days_text,
    due_milestone,
    effective_due,
    effective_kind,
    headline,
    holds,
    is_overdue,
    is_past,
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
# Translators: the column headings of the counts by status, in four letters or so: planned,
# in progress, done, blocked, dropped. The statuses themselves are the plan file's words.
SHORT = {
    "planned": N_("plan"),
    "in-progress": N_("prog"),
    "done": N_("done"),
    "blocked": N_("blk"),
    "dropped": N_("drop"),
}


def status_text(status: Status) -> Text:
    return Text(status.value, style=STYLE[status.value])


def bar(fraction: float, width: int) -> Text:
    filled = round(fraction * width)
    return Text("█" * filled, style="green") + Text("░" * (width - filled), style="dim")


def _header(view: View) -> Text:
    meta = view.plan.plan
    head = Text(line(meta.title), style="bold")
    head.append(f"\n{line(revision_text(meta))} · {meta.date}", style="")
    if meta.symbol:
        head.append(f" · {line(symbol_text(meta))}")
    if meta.issued_by:
        head.append("\n" + _("Issued by {who}").format(who=line(issued_by_text(meta))))
    # the day first, so that a long path (a CI runner's checkout) never splits it
    head.append(f"\n{view.as_of_text} · " + _("plan: {path}").format(path=line(view.shown)), style="dim")
    return head


def _position(day: date, start: date, end: date, width: int) -> int:
    span = max((end - start).days, 1)
    return min(max(round((day - start).days / span * (width - 1)), 0), width - 1)


def timeline(summary: Summary, width: int) -> Text:
    """The period as a bar, the share elapsed, milestones numbered beneath, and today.

    Milestones that begin within a cell of each other share one number (``3 end, report-back``),
    and every mark stands a space apart from the next, so two never read as one ("43▲").
    """
    inner = max(width - 22, 20)
    gone = round(summary.elapsed * inner)
    bar_line = Text(f"{short_month(summary.start)} ", style="bold")
    bar_line += Text("━" * gone, style="green") + Text("─" * (inner - gone), style="dim")
    bar_line += Text(f" {short_month(summary.end)}", style="bold")
    shown = [m for m in summary.milestones if (m.end or m.date) >= summary.start]
    clusters: list[tuple[int, list[Dated]]] = []
    for milestone in shown:
        at = _position(milestone.date, summary.start, summary.end, inner)
        if clusters and at - clusters[-1][0] <= 1:
            clusters[-1][1].append(milestone)
        else:
            clusters.append((at, [milestone]))
    wanted = [(at, str(number)) for number, (at, _members) in enumerate(clusters, start=1)]
    if summary.start <= summary.as_of <= summary.end:
        wanted.append((_position(summary.as_of, summary.start, summary.end, inner), "▲"))
    marks = _spaced(wanted, inner)
    legend = Text()
    for number, (_at, members) in enumerate(clusters, start=1):
        legend.append(f"{number} ", style="bold magenta")
        legend.append(", ".join(line(m.id) for m in members) + "  ")
    legend.append("▲ ", style="bold magenta")
    legend.append(_("today") if summary.as_of == dates.today() else _("as of"))
    under = Text(" " * 9 + marks.rstrip(), style="magenta")
    elapsed = Text(
        _("{share} of the period elapsed at {day}").format(share=share(summary.elapsed), day=summary.as_of),
        style="dim",
    )
    return Text("\n").join([bar_line, under, legend, elapsed])


def _spaced(wanted: list[tuple[int, str]], width: int) -> str:
    """Marks at their positions, in order, each at least one space after the one before; a
    mark pushed past the end pulls the ones before it back."""
    order = sorted(wanted)
    spots: list[int] = []
    for at, _mark in order:
        spot = max(at, spots[-1] + len(order[len(spots) - 1][1]) + 1) if spots else at
        spots.append(spot)
    limit = width
    for i in range(len(order) - 1, -1, -1):  # pull back from the right edge
        spots[i] = max(min(spots[i], limit - len(order[i][1])), 0)
        limit = spots[i] - 1
    cells = [" "] * (max([width, *(s + len(m) for s, (_at, m) in zip(spots, order, strict=True))]))
    for spot, (_at, mark) in zip(spots, order, strict=True):
        cells[spot : spot + len(mark)] = list(mark)
    return "".join(cells)


NAME_WIDTH = 44  # the tables' "Tier / section" column: wrapped at this width, never cut


def group_name(g: GroupSummary) -> Text:
    """A tier or section as the tables name it, its title marked when the document does not
    write it ("§5.1 New IWG agenda setting (label)", the short mark, one word: the legend says
    what it means): wrapped between words, never cut, so the mark is never split."""
    if g.kind == "tier":
        name = Text(line(g.group.title), style="bold")
        if g.priority:
            name.append(" ★ " + _("priority"), style="yellow")
    else:
        name = Text(f"§{line(group_label(g.group))}")
    mark = title_short_mark(g.group)
    if mark:
        name.append(f" ({line(mark)})")
    return name


def tiers_table(groups: list[GroupSummary], *, bar_width: int = 10) -> Table:
    # no blank edge lines above and below: they would take two of a status screen's lines
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 0), pad_edge=False, expand=False, show_edge=False)
    table.add_column(_("Tier / section"), overflow="fold", max_width=NAME_WIDTH)  # wrapped, never cut
    for status in SHORT.values():
        table.add_column(_(status), justify="right", no_wrap=True, min_width=4)
    table.add_column("%", justify="right", no_wrap=True, min_width=4)
    table.add_column("", no_wrap=True, min_width=bar_width)
    for g in groups:
        if not g.total:
            continue  # only standing duties or past business: nothing to be done by a date
        counts = [str(g.counts[s]) if g.counts[s] else "·" for s in SHORT]
        table.add_row(group_name(g), *counts, share(g.done_fraction), bar(g.done_fraction, bar_width))
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


def _when_words(d: Dated, index: PlanIndex, *, late: bool) -> list[str]:
    """A dated item's date and how it stands, fullest first: ``2026-03-29 · 253 days past the
    inferred date (MC14's end)``, ``2026-03-29 inferred · 253d past``, ``2026-03-29 inferred``.
    The mark stays while the date is shown."""
    if late:
        words = [late_words(-d.days, d.entry, index), late_words(-d.days, d.entry, index, short=True)]
    else:
        if d.days == 0:
            words = [_("today"), _("today")]
        else:
            words = [_("in {days}").format(days=days_text(d.days)), _("in {n}d").format(n=d.days)]
    full = dated_text(d.date, d.entry, index) if d.entry is not None else str(d.date)
    if late and d.entry is not None and date_mark(d.entry, index):
        full = str(d.date)  # "1 day past the inferred date (MC14's end)" says it
    mark = timeline_short_mark(d.entry, index) if d.entry is not None else ""
    short = f"{d.date} {mark}" if mark else str(d.date)
    return [f"{full} · {words[0]}", f"{short} · {words[1]}", short]


def _owners_of(rows: list[Dated]) -> str | None:
    """The owners every row shares (said once, in the caption), else None (said on each row)."""
    said = {owners_text(d.entry.item) if d.entry is not None else "" for d in rows}
    return said.pop() if len(said) == 1 and len(rows) > 1 else None


def _dated_rows(
    rows: list[Dated], caption: str, index: PlanIndex, *, late: bool, grouped: bool = True
) -> Rows:
    """One line per item: its date and how it stands (said once for the items that share it, when
    ``grouped``: on a screen; every row says it where nothing is cut, for grep), its number, its
    id (the first to give way), and its title (cut or wrapped last); owners said once, in the
    caption, when all rows share them."""
    table = Rows(
        ["when", "number", "id", "title"],
        title="title",
        shrink=["when", "id", "number", "when"],
        want=36,
        gap=2,
    )
    style = "red" if late else ""
    shared = _owners_of(rows)
    head = Text(caption, style="bold red" if late else "bold")
    if shared:
        head.append(f" · {line(shared)}", style="dim")
    table.heading(head)
    previous: tuple[object, ...] | None = None
    for d in rows:
        words = _when_words(d, index, late=late)
        key = (d.date, words[2])
        repeat = key != previous or not grouped
        when = [Text(" " + w, style=style) for w in words] if repeat else [Text("")]
        previous = key
        title = Text(line(d.title))
        if not shared:
            title += owners_suffix(d.entry)
        number = [line(d.entry.number), line(d.entry.own)] if d.entry else [""]
        ident = [Text(line(d.id), style="dim"), Text("")]  # the id gives way first, then the number
        table.add(when=when, number=[Text(n, style="bold") for n in number], id=ident, title=title)
    return table


def _more(rows: list[Dated], limit: int, hint: str) -> tuple[list[Dated], Text | None]:
    if len(rows) <= limit:
        return rows, None
    more = _("… and {n} more: {hint}").format(n=len(rows) - limit, hint=hint)
    return rows[:limit], Text("  " + more, style="dim")


# Lines a status screen may take when nothing else says: the screen `status` is laid out for
# (80x40 and wider); a taller terminal gives more.
SCREEN_LINES = 40


def status(
    view: View,
    summary: Summary,
    console: Console,
    *,
    horizon: int,
    limit: int = 8,
    fit: Fit = Fit.FULL,
    budget: int | None = None,
) -> None:
    """The status screen. With a ``budget`` of lines (a screen, where titles are cut to its
    width), the lists of items give up rows, the longest first, until the screen fits it; each
    says how many more there are and the command that lists them."""
    top = Group(_header(view), Text(), timeline(summary, console.width), tiers_table(summary.groups))
    headline_text = Text(" · ".join(headline(summary)), style="dim")
    fixed = [*console.render_lines(top, pad=False), *console.render_lines(headline_text, pad=False)]
    sections = _sections(view, summary, console, horizon=horizon, fit=fit)
    shown = [min(limit, s.total) for s in sections]
    if budget is not None:
        while len(fixed) + sum(s.size(n) for s, n in zip(sections, shown, strict=True)) > budget:
            cut = max(range(len(shown)), key=lambda i: (shown[i], i))  # the later lists first
            if shown[cut] <= 1:
                break
            shown[cut] -= 1
    console.print(top)
    console.print(headline_text)
    for section, n in zip(sections, shown, strict=True):
        print_lines(console, section.lines(n))


@dataclass(slots=True)
class _Section:
    """A part of the status screen that shows ``n`` of its ``total`` rows: ``build(n)`` lays them
    out; a list cut short ends with how many more there are and where to see them."""

    total: int
    build: Callable[[int], list[Text]]

    def lines(self, n: int) -> list[Text]:
        return self.build(n)

    def size(self, n: int) -> int:
        return len(self.build(n))


def _sections(view: View, summary: Summary, console: Console, *, horizon: int, fit: Fit) -> list[_Section]:
    width = console.width
    mine = f" --owner {shlex.quote(line(summary.owner))}" if summary.owner else ""
    whose = _for_owner(summary)
    index = view.index

    def laid(rows: Rows, more: Text | None = None) -> list[Text]:
        out = rows.lines(width, fit, console)
        return [*out, more] if more is not None else out

    def overdue(n: int) -> list[Text]:
        rows, more = _more(summary.overdue, n, f"iwgplan list --overdue{mine}")
        caption = _("Overdue{whose} ({n})").format(whose=whose, n=len(summary.overdue))
        return laid(_dated_rows(rows, caption, index, late=True, grouped=fit is not Fit.FULL), more)

    def upcoming(n: int) -> list[Text]:
        hint = f"iwgplan list --due-before {_plus(summary.as_of, horizon)}{mine}"
        rows, more = _more(summary.upcoming, n, hint)
        caption = _("Due in the next {days}{whose} ({n})").format(
            days=days_text(horizon), whose=whose, n=len(summary.upcoming)
        )
        return laid(_dated_rows(rows, caption, index, late=False, grouped=fit is not Fit.FULL), more)

    def within(_n: int) -> list[Text]:
        if not summary.within:
            return []
        n = len(summary.within)
        what = ngettext(
            "{n} item the document sets no date for", "{n} items the document sets no date for", n
        ).format(n=n)
        return _one_line(
            Text.assemble((f"{summary.within_heading}{whose}{colon()}", "bold"), what), width, fit, console
        )

    def milestones(n: int) -> list[Text]:
        return laid(_milestones(summary.next_milestones[:n], summary.as_of))

    def past(_n: int) -> list[Text]:
        return _one_line(_past(summary.past), width, fit, console) if summary.past else []

    standing = [e for e in summary.standing if not summary.owner or holds(e.item.owners, summary.owner)]
    noted = [e for e in standing if latest_note(e)]

    def standing_lines(n: int) -> list[Text]:
        if not standing:
            return []
        head, rows = _standing(standing, n, whose)
        out = _one_line(head, width, fit, console)
        if rows is not None:
            more = None
            if len(noted) > n:
                words = _("… and {n} more with a note").format(n=len(noted) - n)
                more = Text("  " + words, style="dim")
            out += laid(rows, more)
        return out

    aside = [e for e in summary.aside if not summary.owner or holds(e.item.owners, summary.owner)]

    def aside_lines(_n: int) -> list[Text]:  # in the document's words: intend, encourage, could
        words = _("Intended, encouraged or possible{whose} ({n}, not counted): ")
        head = Text(words.format(whose=whose, n=len(aside)), style="bold")
        return _one_line(head + Text(line(aside_words(aside))), width, fit, console) if aside else []

    def blocked(n: int) -> list[Text]:
        if not summary.blocked:
            return [Text.assemble((_("Blocked{whose}: ").format(whose=whose), "bold"), (_("none"), "dim"))]
        more = None
        if len(summary.blocked) > n:
            hint = f"iwgplan list --status blocked{mine}"
            words = _("… and {n} more: {hint}").format(n=len(summary.blocked) - n, hint=hint)
            more = Text("  " + words, style="dim")
        return laid(_blocked(summary, n), more)

    def legend_lines(_n: int) -> list[Text]:
        # the "within the period" line says what it means itself
        entries = [d.entry for d in [*summary.overdue, *summary.upcoming] if d.entry is not None]
        meanings = date_legend(entries)
        if any(m.mark for m in summary.next_milestones[:3]):  # "outside" beside a milestone's dates
            meanings.append(_("outside: the milestone's dates come from outside the document"))
        meanings += title_short_legend(g.group for g in summary.groups if g.total)  # as the table marks them
        if not meanings:
            return []
        text = Text("; ".join(m[:1].upper() + m[1:] for m in meanings) + ".", style="dim")
        return _wrapped(text, width, console)

    return [
        _Section(len(summary.overdue), overdue),
        _Section(len(summary.upcoming), upcoming),
        _Section(0, within),
        _Section(min(len(summary.next_milestones), 3), milestones),
        _Section(0, past),
        _Section(len(noted), standing_lines),
        _Section(0, aside_lines),
        _Section(len(summary.blocked), blocked),
        _Section(0, legend_lines),
    ]


def _for_owner(summary: Summary) -> str:
    """`` for owner 'Secretariat'`` after a caption, when --owner narrows the lists."""
    if not summary.owner:
        return ""
    return _(" for owner '{owner}'").format(owner=line(summary.owner))


def _wrapped(text: Text, width: int, console: Console) -> list[Text]:
    """A sentence wrapped at the width, as lines (it is read whole, never cut)."""
    return list(text.wrap(console, width))


def _one_line(text: Text, width: int, fit: Fit, console: Console) -> list[Text]:
    """A line that names items: cut with "…" at the width on a screen, wrapped with --full,
    whole when piped."""
    if fit is Fit.FULL:
        return [text]
    if fit is Fit.CUT:
        text = text.copy()
        text.truncate(width, overflow="ellipsis")
        return [text]
    return _wrapped(text, width, console)


def legend(console: Console, entries: list[Entry], titled: Iterable[object] = ()) -> None:
    """Once per screen, what the marks beside its dates (and the titles ``titled`` of its
    headings) mean; nothing when none is marked."""
    meanings = [*date_legend(entries), *title_legend(titled)]
    if meanings:
        console.print(Text("; ".join(m[:1].upper() + m[1:] for m in meanings) + ".", style="dim"))


def _print_rows(console: Console, rows: Rows, fit: Fit, more: Text | None = None) -> None:
    print_lines(console, rows.lines(console.width, fit, console))
    if more is not None:
        console.print(more)


def _plus(day: date, days: int) -> date:
    return shift(day, days + 1)


def _standing(entries: list[Entry], limit: int, whose: str = "") -> tuple[Text, Rows | None]:
    """Standing duties run for the whole period: those with a note show it, the rest by number."""
    noted = [(e, note) for e in entries if (note := latest_note(e))]
    quiet = number_ranges([e.number for e in entries if not latest_note(e)])
    words = _("Standing duties{whose} ({n}, not counted)").format(whose=whose, n=len(entries))
    head = Text(words, style="bold")
    if quiet:
        head.append(colon() + line(quiet) + (_("; no note") if noted else _("; no notes recorded")), style="")
    if not noted:
        return head, None
    table = Rows(["number", "latest"], title="latest", want=30, gap=2)
    for entry, note in noted[:limit]:
        table.add(number=Text("  " + line(entry.number), style="bold"), latest=Text(line(note)))
    return head, table


def _past(rows: list[Dated]) -> Text:
    """Business the document sets before its own issue date: named on one line, never late."""
    head = Text(_("Before this revision ({n}): ").format(n=len(rows)), style="bold")
    named = [f"{d.entry.number if d.entry else ''} {d.id} ({d.date})".strip() for d in rows]
    return head + Text(line(", ".join(named)))


def _milestones(rows: list[Dated], as_of: date) -> Rows:
    table = Rows(["id", "title", "when"], title="title", shrink=["when", "when"], right=["when"], want=50)
    table.heading(Text(_("Next milestones"), style="bold"))
    for m in rows:
        when, short = milestone_when(m, as_of), milestone_when(m, as_of, short=True)
        label = line(m.label)
        if m.mark:  # dates not the document's: the mark goes with them, never cut with the title
            title = m.title.removesuffix(f" ({m.mark})")
            full, brief = f"{label} ({m.mark})", f"{label} {_brief(m.mark)}"
        else:
            title, full, brief = m.title, label, label
        table.add(
            id=Text("  " + line(m.id), style="bold magenta"),
            title=line(title),
            when=[f"{full} · {when}", f"{brief} · {short}", brief],
        )
    if not rows:
        table.add(title=Text(_("none ahead"), style="dim"))
    return table


def _brief(mark: str) -> str:
    """A milestone's mark where room is short: ``outside`` for "from outside the document"."""
    if mark == _("from outside the document"):
        return _("outside")
    return mark.split()[-3] if " " in mark else mark


def _blocked(summary: Summary, limit: int) -> Rows:
    """One line per blocked item: its number, why, then its title (dim); cut at the width."""
    table = Rows(["number", "reason"], title="reason", want=30, gap=2)
    caption = _("Blocked{whose} ({n})").format(whose=_for_owner(summary), n=len(summary.blocked))
    table.heading(Text(caption, style="bold red"))
    for entry, reason in summary.blocked[:limit]:
        why = Text(line(reason)) if reason else Text(_("no reason recorded"), style="dim")
        table.add(
            number=Text("  " + line(entry.number), style="bold"),
            reason=why + Text(f" · {line(entry.item.title)}", style="dim"),
        )
    return table


# --- list ----------------------------------------------------------------------------------


def styled(text: str, style: str = "") -> Text:
    """A cell's piece for a console that shows styles."""
    return Text(text, style=style)


def unstyled(text: str, style: str = "") -> str:
    """The same piece where nothing is styled (:class:`~iwgplan.render.columns.PlainRows`)."""
    return text


# How a cell's pieces are made: ``styled`` (rich Text) or ``unstyled`` (str); either way pieces
# join with ``+``, so one function lays out a cell for both.
Make = Callable[..., Any]


def owners_cell(owners: list[str], make: Make = styled) -> list[Any]:
    """Owners in full, then the first one and how many more, then nothing."""
    full = ", ".join(owners)
    if len(owners) <= 1 and len(full) <= 14:
        return [make(full), make("")]
    first = owners[0] if len(owners[0]) <= 14 else owners[0][:13] + "…"
    more = f" +{len(owners) - 1}" if len(owners) > 1 else ""
    return [make(full), make(first + more), make("")]


def status_cell(status: Status, make: Make = styled) -> list[Any]:
    return [make(status.value, STYLE[status.value]), make(SHORT[status.value], STYLE[status.value])]


def kind_text(entry: Entry, index: PlanIndex, make: Make = styled) -> Any:
    """The status, or what the item is when it is not a deliverable: standing, past, possible."""
    shown = shown_status(entry, index)
    return make(shown, STYLE.get(shown, "magenta"))


def kind_cell(entry: Entry, index: PlanIndex, make: Make = styled) -> list[Any]:
    if effective_kind(entry, index) == "deliverable":
        return status_cell(rollup(entry), make)
    return [kind_text(entry, index, make), make(shown_status(entry, index)[:4], "magenta")]


def listing(result: Listing, console: Console, *, fit: Fit = Fit.FULL) -> None:
    if not result.matched:
        console.print(_("no action points match"), style="dim")
        return
    view = result.view
    if console.color_system is None:
        # Nothing styled reaches this console (piped, NO_COLOR off a terminal, --no-color): the
        # rows' plain lines at once, unless a cell holds what rich would change on printing
        # (a tab, a line break, a control character it strips; plan text never does, as it
        # passes through safe.line), then the rich rows below, so the bytes are the same.
        plain = _listing_rows(result, unstyled, PlainRows(*_LIST_COLUMNS, **_LIST_LAYOUT))
        lines = plain.lines(console.width, fit, console)
        if not _PRINTS_CHANGED.search(body := "\n".join(lines)) and body.count("\n") == len(lines) - 1:
            write_lines(console, lines)
        else:
            rows = _listing_rows(result, styled, Rows(*_LIST_COLUMNS, **_LIST_LAYOUT))
            print_lines(console, rows.lines(console.width, fit, console))
    else:
        rows = _listing_rows(result, styled, Rows(*_LIST_COLUMNS, **_LIST_LAYOUT))
        print_lines(console, rows.lines(console.width, fit, console))
    n = len(result.matched)
    counted = ngettext("{n} action point", "{n} action points", n).format(n=n)
    console.print(Text(f"{counted}{_recorded(view)}", style="dim"))
    shown = [e for e in view.index.entries if id(e) in result.keep]  # their headings are printed
    headed = {id(n): n for e in shown for n in (e.group, e.focus) if n is not None}
    legend(console, [e for e in result.matched if e.item.due], headed.values())


# What printing a line through rich changes in it: tabs expanded, these control characters
# stripped (rich.control.strip_control_codes), and a line break splits it.
_PRINTS_CHANGED = re.compile("[\t\x07\x08\x0b\x0c\x0d]")


_LIST_COLUMNS = (["number", "id", "status", "due", "owners", "title"],)
_LIST_LAYOUT: dict[str, Any] = {"title": "title", "shrink": ["due", "owners", "owners", "status", "due"]}
_Rows = TypeVar("_Rows", bound=Rows)


def _listing_rows(result: Listing, make: Make, rows: _Rows) -> _Rows:
    """The rows of `list`, their cells made by ``make``."""
    view = result.view
    last_group, last_focus = None, None
    for entry in view.index.entries:
        if id(entry) not in result.keep:
            continue
        if entry.group is not last_group:
            heading = make(line(marked_title(group_label(entry.group), entry.group)), "bold underline")
            if getattr(entry.group, "priority", False):
                heading = heading + make(" ★ " + _("priority"), "yellow")
            rows.heading(heading)
        if entry.focus is not None and (entry.focus is not last_focus or entry.group is not last_group):
            rows.heading(make(f"  {line(marked_title(entry.focus.title, entry.focus))}", "italic"))
        last_group, last_focus = entry.group, entry.focus
        ident = make("  " * len(entry.ancestors()) + line(entry.id), "bold")
        if entry.children:
            ident = ident + make(f" {cookie(entry)}", "dim")
        due = effective_due(entry, view.index) if entry.item.due else None
        rows.add(
            number=make(line(entry.own), "dim"),
            id=ident,
            status=kind_cell(entry, view.index, make),
            due=due_cell(due, entry, view.index, view.as_of, make),
            owners=owners_cell([line(o) for o in entry.item.owners], make),
            title=make(line(entry.item.title)),
        )
    return rows


def late_by(entry: Entry, index: PlanIndex, as_of: date, *, short: bool = False) -> str:
    """How late an item is on ``as_of``, as `status` says it (``3 days late``, ``1 day past the
    inferred date (MC14's end)``; ``short``: ``3d late``), or "" when it is not overdue: the one
    rule of :func:`iwgplan.views.timeline.is_overdue` (a date the document does not set is never
    late)."""
    due = effective_due(entry, index)
    if due is None or not is_overdue(entry, index, as_of):
        return ""
    return late_words((as_of - due).days, entry, index, short=short)


def due_cell(
    due: date | None, entry: Entry, index: PlanIndex, as_of: date | None = None, make: Make = styled
) -> list[Any]:
    """A due date with its mark (``2026-03-29 (inferred: MC14's end)``, then ``2026-03-29
    (inferred)``) and, when it is overdue on ``as_of``, how late (``· 253d past``, in red); an
    item the document sets no date for is ``within the period``, no date."""
    if due is None:
        return [make("")]
    mark = date_mark(entry, index)
    if within_period(entry):
        return [make(mark, "dim")]
    late = late_by(entry, index, as_of, short=True) if as_of is not None else ""
    brief = short_mark(entry, index)
    full = make(f"{due} ({mark})" if mark else str(due))
    short = make(f"{due}{brief}")
    if late:  # how late stays; where room is short the date gives way, its mark stays
        tight = make(late, "red") + make(brief)
        return [full + make(f" · {late}", "red"), short + make(f" · {late}", "red"), tight]
    return [full, short] if mark else [full]


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
            width = max(len(line(area.id)) for area in areas)
            for area in areas:  # the id, for `add --under`; the title wrapped, never cut
                title = line(marked_title(area.title, area))
                console.print(Text(f"  {line(area.id):<{width}}  ", style="bold") + Text(title))
    shown = [g.group for g in summary.groups if g.total or getattr(g.group, "focus_areas", [])]
    areas = [a for g in summary.groups for a in getattr(g.group, "focus_areas", [])]
    meanings = [*title_short_legend(shown), *title_legend(areas)]  # the tables' short marks, the areas' own
    if meanings:
        console.print(Text("; ".join(m[:1].upper() + m[1:] for m in meanings) + ".", style="dim"))


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
        (_("sub-points {done}").format(done=cookie(entry)), entry.children),
        (_("depends on"), [index.by_id[d.lower()] for d in item.depends_on if d.lower() in index.by_id]),
        (_("needed by"), index.dependents.get(item.id.lower(), [])),
    ):
        if related:
            print_lines(console, _related(caption, related, index).lines(console.width, fit, console))
    if view.index.plan.meetings:
        print_lines(console, _meetings(view, entry).lines(console.width, fit, console))
    if item.history:
        history = Rows(["n", "date", "note"], title="note", want=30, gap=2)
        history.heading(Text(_("history"), style="bold"))
        for n, h in enumerate(item.history, 1):  # the N of `iwgplan amend ID --entry N`
            note = status_text(h.status) + Text("  ") if h.status else Text("")
            history.add(n=f"  {n:>2}", date=str(h.date), note=note + Text(block(h.note or "")))
        print_lines(console, history.lines(console.width, fit, console))


def _meetings(view: View, entry: Entry) -> Rows:
    """The meetings whose agenda concerned the item, each agenda item with its outcome."""
    from iwgplan.plan import meetings

    rows = Rows(["date", "meeting", "note"], title="note", want=30, gap=2)
    found = meetings.discussed(view.index.plan, entry.id)
    if found:
        rows.heading(Text(_("meetings"), style="bold"))
    for meeting, agenda_item in found:
        said, recorded = meetings.outcome_or_why(meeting, agenda_item, view.as_of)
        said = said if recorded else _(said)  # "to be held", "no outcome recorded"
        note = Text(line(agenda_item.title)) + Text(colon())
        note += Text(block(said)) if recorded else Text(said, style="dim")
        rows.add(date=f"  {meeting.date}", meeting=Text(line(meeting.id), style="bold"), note=note)
    return rows


class _Facts(Rows):
    def __init__(self) -> None:
        super().__init__(["key", "value"], title="value", want=60)

    def add_row(self, key: str, value: str | Text) -> None:
        self.add(key=Text(key, style="bold"), value=value)


def _facts(view: View, entry: Entry) -> Rows:
    item, index = entry.item, view.index
    facts = _Facts()
    facts.add_row(_("id"), line(item.id))
    facts.add_row(_("number"), Text(line(entry.own)))  # the document's own, in its tier and focus area
    status = kind_text(entry, index)
    if is_past(entry, index) and item.kind != "past":  # open, and dated before the plan's issue
        words = _(" (dated before this revision of {day}; recorded: {status})")
        status.append(words.format(day=index.plan.plan.date, status=rollup(entry).value), style="dim")
    elif item.kind == "deliverable" and rollup(entry) is not item.status:
        words = _(" (recorded: {status}; rolled up from its sub-points)").format(status=item.status.value)
        status.append(words, style="dim")
    facts.add_row(_("status"), status)
    if item.force:
        facts.add_row(_("force"), Text(_('"{verb}", the document\'s verb').format(verb=item.force)))
    group = entry.group
    kind = _("tier") if group in index.plan.tiers else _("section")
    facts.add_row(kind, Text(line(title_long(group_label(group), group))))
    if entry.focus is not None:
        facts.add_row(_("focus area"), Text(line(title_long(entry.focus.title, entry.focus))))
    for parent in entry.ancestors():
        facts.add_row(
            _("part of"),
            Text(" ".join(line(x) for x in (parent.number, "", parent.id, "", parent.item.title))),
        )
    due = effective_due(entry, index)
    if due:
        said = f" · {line(item.due)}" if item.due and item.due != str(due) else ""
        when = Text(dated_text(due, entry, index) + said)
        late = late_by(entry, index, view.as_of)
        if late:
            when.append(f" · {late}", style="bold red")
        facts.add_row(_("due"), when)
    if item.due and item.due_basis:
        facts.add_row(_("due basis"), Text(line(due_basis(item))))
    milestone = due_milestone(entry, index)
    if milestone is not None and milestone_long(milestone):  # its dates are not the document's
        facts.add_row(_("milestone"), Text(line(f"{milestone.title}{colon()}{milestone_long(milestone)}")))
    elif item.due is None and due:
        holder = next(p for p in reversed(entry.ancestors()) if p.item.due is not None)
        basis = f"; {due_basis(holder.item)}" if holder.item.due_basis else ""
        facts.add_row(_("due basis"), Text(line(_("from {id}").format(id=holder.id) + basis)))
    for key, value in ((N_("completed"), item.completed), (N_("description"), item.description)):
        if value:
            facts.add_row(_(key), Text(block(value)))
    people = ((N_("owners"), item.owners), (N_("partners"), item.partners), (N_("refs"), item.refs))
    for key, values in people:
        if values:
            facts.add_row(_(key), Text(line(owners_text(item) if key == "owners" else ", ".join(values))))
    for e in item.evidence:
        facts.add_row(_("evidence"), Text(" · ".join(line(str(x)) for x in (e.ref, e.title, e.date) if x)))
    missing = [d for d in item.depends_on if d.lower() not in index.by_id]
    if missing:
        facts.add_row(_("depends on"), Text(line(", ".join(missing))))
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
