"""The HTML report's timeline: an inline SVG Gantt of the action points against the milestones.

The page itself is the template ``iwgplan/templates/report.html.j2`` (inline CSS, no script,
nothing fetched; every value escaped), which calls ``gantt_svg()`` from here through
``render.templates``. Every piece of plan text in the SVG is escaped here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING

from iwgplan.i18n import N_, colon, current, long_day, month_abbr, status_word
from iwgplan.i18n import gettext as _
from iwgplan.render.safe import block
from iwgplan.views.context import as_of_words
from iwgplan.views.provenance import marked_title, milestone_long, milestone_title, unsure
from iwgplan.views.report import (
    Bar,
    Report,
    label,
)
from iwgplan.views.timeline import date_mark, short_mark

if TYPE_CHECKING:
    from iwgplan.plan.index import PlanIndex
    from iwgplan.plan.model import Milestone

STATUS_COLOUR = {
    "planned": "#90a4ae",
    "in-progress": "#f9a825",
    "done": "#2e7d32",
    "blocked": "#c62828",
    "dropped": "#bdbdbd",
}
MILESTONE_COLOUR = "#7b1fa2"
MEETING_COLOUR = "#00838f"
AS_OF_COLOUR = "#d32f2f"


def _e(value: object) -> str:
    return escape(block(value), quote=True)


# Glyph widths in ems, generous for the common sans-serif fonts, so that estimated text boxes
# contain the drawn ones: labels are placed and cut by these estimates.
_NARROW, _MEDIUM, _WIDE = set("ijlI.,:;'!|()[] "), set("frt-"), set("mwMW@◆…")
FONT_PX = 12.5


def _ems(ch: str) -> float:
    if ch in _NARROW:
        return 0.34
    if ch in _MEDIUM:
        return 0.45
    if ch in _WIDE:
        return 1.0
    if ch.isupper():
        return 0.78
    return 0.66


def text_width(text: str, size: float = FONT_PX) -> float:
    ems = 0.0
    for ch in text:
        ems += _ems(ch)
    return ems * size


def fit(text: str, room: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``room`` pixels.

    One pass over the widths of the prefixes (summed in the order ``text_width`` sums them, so
    every comparison is the same float): a title of any length is measured once, not once per
    character dropped.
    """
    prefix = [0.0]
    for ch in text:
        prefix.append(prefix[-1] + _ems(ch))
    if prefix[-1] * FONT_PX <= room:
        return text
    ellipsis = _ems("…")
    keep = len(text)
    while keep and (prefix[keep] + ellipsis) * FONT_PX > room:
        keep -= 1
    return text[:keep].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Label:
    """A text placed on the chart: ``left`` to ``right`` in pixels, on lane ``lane``."""

    text: str
    left: float
    right: float
    lane: int
    anchor: str  # "start" or "end"
    at: float  # the x the text is anchored at
    colour: str
    tooltip: str


def place_labels(wanted: list[tuple[float, str, str, str]], width: float, gap: float = 8) -> list[Label]:
    """Labels beside their lines, on as few lanes as keep them apart and inside ``0..width``.

    Each label goes on the first lane where it overlaps nothing already placed, right of its x
    or else left of it; a label too wide for either side is centred on x as far as the edges allow.
    """
    lanes: list[list[tuple[float, float]]] = []
    placed = []
    for x, text, colour, tooltip in sorted(wanted):
        text = fit(text, width / 3)
        w = text_width(text)
        sides = [(x + 3, "start", x + 3), (x - 3 - w, "end", x - 3)]
        inside = [c for c in sides if 0 <= c[0] and c[0] + w <= width]
        shifted = min(max(x - w / 2, 0.0), width - w)
        candidates = inside or [(shifted, "start", shifted)]
        for lane in range(len(lanes) + 1):
            spans = lanes[lane] if lane < len(lanes) else []
            free = [c for c in candidates if all(c[0] + w + gap <= a or c[0] >= b + gap for a, b in spans)]
            if free:
                break
        if lane == len(lanes):
            lanes.append([])
        start, anchor, at = free[0]
        lanes[lane].append((start, start + w))
        placed.append(Label(text, start, start + w, lane, anchor, at, colour, tooltip))
    return placed


def _short(title: str) -> str:
    """A milestone's title as far as its first comma or bracket: "WTO 14th Ministerial Conference"."""
    return re.split(r"\s*[,(]", title, maxsplit=1)[0] or title


SHORT_BASIS = {"outside": N_("outside the document"), "inferred": N_("inferred"), "default": N_("a default")}


def _marked(m: Milestone, room: float) -> str:
    """``◆`` and the short title, with the mark when its dates are not the document's: the
    title is cut to make room for the mark, never the mark."""
    if not unsure(m.basis):
        return "◆ " + _short(m.title)
    mark = f" ({_(SHORT_BASIS[m.basis or ''])})"
    name = re.search(r"\(([^()\s]{1,20})\)", m.title)  # "MC14": the short name, where room is short
    return fit("◆ " + (name[1] if name else _short(m.title)), room - text_width(mark)) + mark


def _tooltip(m: Milestone) -> str:
    """The whole title, and where its dates come from when the document does not give them."""
    return "; ".join(x for x in (m.title, milestone_long(m)) if x)


def _months(lo: date, hi: date) -> list[date]:
    """The first day of each month from ``lo``'s to ``hi``'s, and of the month after."""
    months, day = [], date(lo.year, lo.month, 1)
    while True:
        months.append(day)
        if day > hi:
            return months
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)


MIN_BAR_PX = 6.0  # the narrowest bar drawn: a done item finished soon after it began stays visible
LINE_PX = 14.5  # the distance between the two lines of an item's label


def wrap_label(name: str, suffix: str, room: float) -> list[str]:
    """An item's label on at most two lines of ``room`` pixels, cut only between words.

    The mark (``suffix``, "(within the period)") is never cut. A label longer than two lines
    ends its second line with "…" after a whole word; the tooltip and the item's section have
    it in full. A single word wider than the room is the one thing cut inside a word. Each word
    is measured once, so a title of any length costs linear work.
    """
    words = name.split()
    widths = [text_width(w) for w in words]
    space, mark = text_width(" "), text_width(suffix)
    used, n = 0.0, 0
    while n < len(words) and used + (space if n else 0.0) + widths[n] <= room:
        used += (space if n else 0.0) + widths[n]
        n += 1
    if n == 0 and words:  # one word wider than the room
        return [fit(words[0], room), *wrap_label(" ".join(words[1:]), suffix, room)[:1]]
    first, rest = " ".join(words[:n]), words[n:]
    if not rest and used + mark <= room:
        return [first + suffix]
    left = sum(widths[n:]) + space * max(len(rest) - 1, 0)
    if left + mark <= room:
        return [first, (" ".join(rest) + suffix).strip()]
    room2, used, k = room - mark - text_width("…"), 0.0, 0
    while k < len(rest) and used + (space if k else 0.0) + widths[n + k] <= room2:
        used += (space if k else 0.0) + widths[n + k]
        k += 1
    return [first, (" ".join(rest[:k]) + "…" + suffix).strip()]


def milestone_key(m: Milestone) -> str:
    """A milestone as the chart's key names it: its whole title, its mark, and its dates."""
    first, last = m.begins.first(), m.finishes.last()
    when = str(first) if first == last else _("{start} to {end}").format(start=first, end=last)
    return f"{milestone_title(m)}{colon()}{when}"


def gantt_svg(report: Report, width: int = 680) -> str:
    """The Gantt as inline SVG, drawn at the printed size: 1 unit is one CSS pixel on A4 or Letter.

    Milestones are labelled by their whole titles when these fit above the chart; else by a
    number (◆1, ◆2, ...) that the key under the chart (:func:`gantt_key`) gives in full, with
    the dates. A milestone
    that spans days (MC14, a month, the report back's two months) is drawn as a band from its
    first to its last day, labelled once. Item labels take two lines, cut only between words.
    """
    bars, index = report.bars, report.index
    meta = index.plan.plan
    milestones = sorted(index.plan.milestones, key=lambda m: m.begins.first())
    lo = min([meta.period.start.first(), *(m.begins.first() for m in milestones), *(b.start for b in bars)])
    hi = max([meta.period.end.last(), *(m.finishes.last() for m in milestones), *(b.end for b in bars)])
    months = _months(lo, hi)  # the chart runs from the first of lo's month to the end of hi's
    lo, hi = months[0], months[-1]
    label_w, lane_h = 236, 16
    span = max((hi - lo).days, 1)

    def x(day: date) -> float:
        return round(label_w + (min(max(day, lo), hi) - lo).days / span * (width - label_w - 4), 1)

    whole = ["◆ " + milestone_title(m) for m in milestones]
    names = [f"◆{i}" for i in range(1, len(milestones) + 1)] if numbered(report, width) else whole
    tops = [
        (x(m.begins.first()), n, MILESTONE_COLOUR, _tooltip(m))
        for m, n in zip(milestones, names, strict=True)
    ]
    tops.append((x(report.as_of), f"{as_of_words(report.recorded)} {report.as_of}", AS_OF_COLOUR, ""))
    labels = place_labels(tops, width)
    lanes = max(label.lane for label in labels) + 1
    axis = lanes * lane_h + 6
    top = axis + 2 * lane_h + 4
    heads = _headers(bars)
    rows = [wrap_label(_own(b), _suffix(b, index), label_w - 8) for b in bars]
    row_h = 31 if any(len(r) > 1 for r in rows) else 19
    head_h = 16
    chart_end = top + row_h * len(bars) + head_h * sum(1 for h in heads if h) + 6
    height = chart_end
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="'
        + _e(_("Gantt chart of the action points against the milestones"))
        + '">'
    ]
    parts += _axis(months, x, axis, top, chart_end)
    for m in milestones:  # a range as a band under everything else, labelled once at its start
        first, last = m.begins.first(), m.finishes.last()
        if first != last:
            x0, x1 = x(first), x(last + timedelta(days=1))
            parts.append(
                f'<rect x="{x0}" y="{axis}" width="{round(max(x1 - x0, 2), 1)}" height="{chart_end - axis}" '
                f'fill="{MILESTONE_COLOUR}" fill-opacity="0.1"><title>{_e(_tooltip(m))}</title></rect>'
            )
    for placed in labels:
        y = 12 + placed.lane * lane_h
        tip = f"<title>{_e(placed.tooltip)}</title>" if placed.tooltip else ""
        parts.append(
            f'<text x="{round(placed.at, 1)}" y="{y}" text-anchor="{placed.anchor}" '
            f'style="fill:{placed.colour}">{tip}{_e(placed.text)}</text>'
        )
    for m in milestones:
        first, last = m.begins.first(), m.finishes.last()
        edges = [x(first)] if first == last else [x(first), x(last + timedelta(days=1))]
        for mx in edges:
            parts.append(
                f'<line x1="{mx}" y1="{axis}" x2="{mx}" y2="{chart_end}" stroke="{MILESTONE_COLOUR}" '
                f'stroke-dasharray="3,3"/>'
            )
    row_y = float(top)
    for bar, lines, head in zip(bars, rows, heads, strict=True):
        if head:  # a tier and its focus area, once above its items (as Mermaid's sections)
            parts.append(
                f'<text class="group" x="0" y="{round(row_y + 13, 1)}" font-weight="600">{_e(head)}</text>'
            )
            row_y += head_h
        parts.append(_bar(bar, lines, row_y, row_h, x, width, index))
        row_y += row_h
    parts += _meetings(index, lo, hi, x, top - 2)
    ax = x(report.as_of)
    parts.append(
        f'<line x1="{ax}" y1="{axis}" x2="{ax}" y2="{chart_end}" stroke="{AS_OF_COLOUR}" stroke-width="2"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def numbered(report: Report, width: int = 680) -> bool:
    """Whether the chart labels its milestones by number: some whole title does not fit above it."""
    return any(text_width("◆ " + milestone_title(m)) > width / 3 for m in report.index.plan.milestones)


def gantt_key(report: Report, width: int = 680) -> list[str]:
    """The key printed under the chart when its milestones are numbered: "◆1 Title (mark):
    dates", each whole, in the chart's order; empty when the chart names them in full."""
    if not numbered(report, width):
        return []
    milestones = sorted(report.index.plan.milestones, key=lambda m: m.begins.first())
    return [f"◆{i} {milestone_key(m)}" for i, m in enumerate(milestones, 1)]


def _headers(bars: list[Bar]) -> list[str]:
    """Above the first item of each tier and focus area, its name ("Tier two · Digitalisation");
    a section's items are numbered in full (4.3, 5.1(a)) and need none."""
    out, last = [], ""
    for bar in bars:
        entry = bar.entry
        head = ""
        if entry.focus is not None:
            tier, focus = entry.group, entry.focus
            head = f"{marked_title(tier.title, tier)} · {marked_title(focus.title, focus)}"
        out.append(head if head and head != last else "")
        last = head
    return out


def _own(bar: Bar) -> str:
    """An item on its row: its number under its tier and focus area (the header above says
    which), or a section's full number (4.3), then its title."""
    entry = bar.entry
    number = entry.own if entry.focus is not None else label(entry)[: -len(entry.item.title) - 1]
    return f"{number} {entry.item.title}"


def _suffix(bar: Bar, index: PlanIndex) -> str:
    mark = short_mark(bar.entry, index)
    return f" ({mark})" if mark else ""


def _axis(
    months: list[date], x: Callable[[date], float], axis: float, top: float, height: float
) -> list[str]:
    """Month ticks and names, and the year under January (and under the first month).

    ``months`` ends with the first day after the chart, which closes the last month.
    """
    step = (x(months[-1]) - x(months[0])) / max(len(months) - 1, 1)
    initials = step < text_width("May") + 4
    out = []
    year_right, edge = -1e9, x(months[-1])
    for month in months:
        mx = x(month)
        out.append(f'<line x1="{mx}" y1="{top - 2}" x2="{mx}" y2="{height}" stroke="#e3e3e3"/>')
        if month == months[-1]:
            break
        name = month_abbr(month)[:1].upper() if initials else month_abbr(month)
        out.append(f'<text x="{round(mx + 2, 1)}" y="{axis + 13}">{name}</text>')
        year = str(month.year)
        room = mx + 2 >= year_right and mx + 2 + text_width(year) <= edge
        if (month.month == 1 or month == months[0]) and room:
            out.append(f'<text x="{round(mx + 2, 1)}" y="{axis + 28}">{year}</text>')
            year_right = mx + 2 + text_width(year) + 8
    out.append(f'<line x1="{x(months[0])}" y1="{top - 2}" x2="{edge}" y2="{top - 2}" stroke="#bbb"/>')
    return out


def _bar(
    bar: Bar, lines: list[str], y: float, row_h: int, x: Callable[[date], float], width: int, index: PlanIndex
) -> str:
    """A bar, at least :data:`MIN_BAR_PX` wide, and its label on one or two lines; a date the
    document does not state keeps its mark, which is never cut."""
    x0, x1 = x(bar.start), x(bar.end)
    w = max(round(x1 - x0, 1), MIN_BAR_PX)
    x0 = min(x0, round(width - 4 - w, 1))
    colour = STATUS_COLOUR[bar.status.value]
    stroke = ' stroke="#c62828" stroke-width="2"' if bar.overdue else ""
    name = label(bar.entry)
    suffix = _suffix(bar, index)
    full = date_mark(bar.entry, index) if bar.status.value != "done" else ""  # done: its completion
    end = f"{bar.end} ({full})" if full else str(bar.end)
    first = y + (row_h - LINE_PX * (len(lines) - 1)) / 2 + 4.5
    spans = "".join(
        f'<tspan x="0" y="{round(first + i * LINE_PX, 1)}">{_e(text)}</tspan>' for i, text in enumerate(lines)
    )
    return (
        f'<text x="0" y="{round(first, 1)}"><title>{_e(name + suffix)}</title>{spans}</text>'
        f'<rect x="{x0}" y="{y + (row_h - 13) / 2}" width="{w}" height="13" rx="3" '
        f'fill="{colour}"{stroke}><title>{_e(name)}{_e(colon())}{_e(status_word(bar.status.value))}, '
        f"{_e(_('{start} to {end}').format(start=bar.start, end=end))}</title></rect>"
    )


def _meetings(index: PlanIndex, lo: date, hi: date, x: Callable[[date], float], y: float) -> list[str]:
    """A small dot on the axis line per meeting within the chart, its day and theme as its
    tooltip (the legend names the dot); no id: the report is read by delegations."""
    from iwgplan.plan import meetings

    out = []
    for m in meetings.in_order(index.plan):
        if lo <= m.date < hi:
            named = (
                meetings.label(m)
                if current() == "en"
                else _("the meeting of {day}").format(day=long_day(m.date))
            )
            said = " · ".join(str(p) for p in (named, m.theme or m.title) if p)
            out.append(
                f'<circle cx="{x(m.date)}" cy="{y}" r="3.5" fill="{MEETING_COLOUR}" stroke="#fff">'
                f"<title>{_e(said)}</title></circle>"
            )
    return out
