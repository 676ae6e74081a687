"""The plan's history in documents: the "Since ..." section, progress per week as an SVG chart,
a Mermaid xychart, a sparkline and CSV rows. No rich here: the report writers import this."""

from __future__ import annotations

import os
import re
from datetime import date
from html import escape

from iwgplan.i18n import gettext as _
from iwgplan.i18n import share
from iwgplan.render.markdown import cell
from iwgplan.render.safe import block, json_text
from iwgplan.views.since import Since, since_heading, since_lines
from iwgplan.views.weekly import Progress

# --- the "Since ..." block ------------------------------------------------------------------------


def since_markdown(since: Since) -> str:
    out = [f"## {cell(since_heading(since))}\n"]
    rows = since_lines(since)
    out += [f"- **{cell(label)}:** {cell(text)}" for label, text in rows] or [
        "- " + _("no change to the plan")
    ]
    out += [f"- *{cell(note)}*" for note in since.notes]
    return "\n".join(out) + "\n"


# --- progress per week ----------------------------------------------------------------------------

BLOCKS = "▁▂▃▄▅▆▇█"
ASCII = "_.-=+*#@"


def unicode_ok() -> bool:
    """Block characters unless the locale says plain ASCII (LANG=C, POSIX, or not UTF-8).

    Python coerces a C locale to C.UTF-8 by setting LC_CTYPE (PEP 538), so LC_CTYPE=C.UTF-8 with
    LANG=C still means the user asked for C.
    """
    env = os.environ
    lang, ctype = env.get("LANG", ""), env.get("LC_CTYPE", "")
    coerced = lang in ("C", "POSIX") and ctype.startswith("C.")
    value = env.get("LC_ALL") or ("" if coerced else ctype) or lang
    if not value:
        return True
    return value not in ("C", "POSIX") and "utf8" in value.lower().replace("-", "")


def sparkline(values: list[float | None], unicode: bool | None = None) -> str:
    marks = BLOCKS if (unicode_ok() if unicode is None else unicode) else ASCII
    top = len(marks) - 1
    return "".join(" " if v is None else marks[min(round(v * top), top)] for v in values)


def sparkline_line(progress: Progress, limit: int = 60) -> str:
    weeks = progress.weeks[-limit:]
    if not weeks:
        return ""
    last = weeks[-1]
    done = _("{share} done").format(share=share(last.done)) if last.done is not None else _("no record yet")
    return _("done per week: {sparkline} {done}, {share} of the period elapsed").format(
        sparkline=sparkline([w.done for w in weeks]), done=done, share=share(last.elapsed)
    )


def weeks_csv(progress: Progress) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["week", "week_end", "done_fraction", "elapsed_fraction", "source", "commit"])
    for w in progress.weeks:
        done = "" if w.done is None else f"{w.done:.4f}"
        writer.writerow([w.start, w.end, done, f"{w.elapsed:.4f}", progress.source, w.commit or ""])
    return out.getvalue()


def _share(value: float) -> str:
    return share(value)


def _e(value: object) -> str:
    return escape(block(value), quote=True)


def _ticks(start: date, end: date, most: int = 6) -> list[date]:
    """First days of months between ``start`` and ``end``, every few months, at most ``most``."""
    months, day = [], date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    step = max(1, -(-len(months) // most))
    return months[::step]


CHAR_PX = 7.6  # a generous average glyph width at the report's 12.5 px chart text


def _lanes(spans: list[tuple[float, float]], gap: float = 6) -> list[int]:
    """A lane for each label spanning (left, right), so that labels on one lane do not overlap."""
    ends: list[float] = []
    lanes = [0] * len(spans)
    for i in sorted(range(len(spans)), key=lambda k: spans[k][0]):
        left, right = spans[i]
        lane = next((n for n, end in enumerate(ends) if end + gap <= left), len(ends))
        if lane == len(ends):
            ends.append(0.0)
        ends[lane] = right
        lanes[i] = lane
    return lanes


def progress_svg(progress: Progress, width: int = 680) -> str:
    """Done against time: the share of deliverables done per week, the ideal line, the milestones.

    Drawn at its printed size (1 unit is one CSS pixel), like the Gantt, so its text prints at the
    report's chart size.
    """
    start, end = progress.start, progress.end
    shown = [(ident, day) for ident, day in progress.milestones if start <= day <= end]
    left, right, bottom, plot_h = 44, 12, 26, 100
    inner_w = width - left - right
    span = max((end - start).days, 1)

    def x(day: date) -> float:
        return round(left + (min(max(day, start), end) - start).days / span * inner_w, 1)

    texts = [f"◆ {_short(progress.titles.get(ident, ident))}" for ident, _day in shown]
    spans = []
    for (_ident, day), text in zip(shown, texts, strict=True):
        w = len(text) * CHAR_PX
        spans.append((x(day), x(day) + w) if x(day) + w <= width else (x(day) - w, x(day)))
    lanes = _lanes(spans)
    top = 8 + 16 * (max(lanes, default=-1) + 1)
    height = top + plot_h + bottom

    def y(share: float) -> float:
        return round(top + (1 - share) * plot_h, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}"'
        f' height="{height}" role="img" class="progress-chart" aria-label="'
        + _e(_("Share of deliverables done per week against the share of the period elapsed"))
        + '">'
    ]
    for level in (0, 0.25, 0.5, 0.75, 1):
        parts.append(
            f'<line x1="{left}" y1="{y(level)}" x2="{width - right}" y2="{y(level)}" stroke="#e0e0e0"/>'
            f'<text x="{left - 5}" y="{y(level) + 4}" text-anchor="end">{_e(_share(level))}</text>'
        )
    for day in _ticks(start, end):
        parts.append(
            f'<line x1="{x(day)}" y1="{y(0)}" x2="{x(day)}" y2="{y(0) + 4}" stroke="#555"/>'
            f'<text class="axis-date" x="{x(day)}" y="{y(0) + 18}" text-anchor="middle">{day}</text>'
        )
    for (ident, day), lane, (left_end, _right), text in zip(shown, lanes, spans, texts, strict=True):
        at, anchor = (x(day) + 2, "start") if left_end >= x(day) else (x(day) - 2, "end")
        title = _e(progress.titles.get(ident, ident))
        parts.append(
            f'<line x1="{x(day)}" y1="{12 + 16 * lane}" x2="{x(day)}" y2="{y(0)}" stroke="#7b1fa2"'
            f' stroke-dasharray="3,3"/><text x="{at}" y="{12 + 16 * lane}" text-anchor="{anchor}">'
            f"<title>{title}</title>{_e(text)}</text>"
        )
    parts.append(
        f'<line x1="{x(start)}" y1="{y(0)}" x2="{x(end)}" y2="{y(1)}" stroke="#90a4ae" stroke-width="2"'
        ' stroke-dasharray="6,4"><title>'
        + _e(_("share of the period elapsed (the even pace)"))
        + "</title></line>"
    )
    points = " ".join(f"{x(w.end)},{y(w.done)}" for w in progress.weeks if w.done is not None)
    if points:
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="#2e7d32" stroke-width="2.5">'
            "<title>" + _e(_("share of deliverables done, per week")) + "</title></polyline>"
        )
    ax = x(progress.as_of)
    label = _e(_("as of {date}").format(date=progress.as_of))
    at, anchor = (ax + 4, "start") if ax + 4 + len(label) * CHAR_PX <= width else (ax - 4, "end")
    parts.append(
        f'<line x1="{ax}" y1="{top}" x2="{ax}" y2="{y(0)}" stroke="#d32f2f" stroke-width="1.5"/>'
        f'<text x="{at}" y="{top + 14}" text-anchor="{anchor}" style="fill:#d32f2f">{label}</text></svg>'
    )
    return "".join(parts)


def _short(title: str) -> str:
    """A milestone's title as far as its first comma or bracket: "WTO 14th Ministerial Conference"."""
    return re.split(r"\s*[,(]", title, maxsplit=1)[0] or title


def _source(progress: Progress) -> str:
    return source_words(progress.source, progress.note)


def source_words(source: str, note: str | None) -> str:
    """Where a progress series comes from, as every report says it."""
    if source == "git":
        return _("the plan's git history")
    return _("the dates recorded in the plan") + (f" ({note})" if note else "")


def recorded(progress: Progress) -> bool:
    """Whether any week has a deliverable done: a chart of zeros would only repeat "0 done"."""
    return any(w.done for w in progress.weeks)


def progress_html(progress: Progress) -> str:
    legend = (
        '<ul class="legend"><li><i style="background:#2e7d32"></i>'
        + _e(_("share of deliverables done, per week"))
        + '</li><li><i class="line" style="border-color:#90a4ae;border-left-style:dashed"></i>'
        + _e(_("share of the period elapsed (an even pace)"))
        + '</li><li><i class="line" style="border-color:#7b1fa2;border-left-style:dashed"></i>◆ '
        + _e(_("milestone"))
        + "</li><li>"
        + _e(_("from {source}").format(source=_source(progress)))
        + "</li></ul>"
    )
    if not recorded(progress):
        return ""  # the Progress section already says that nothing is done
    return f"<h3>{_e(_('Progress over time'))}</h3><figure>{progress_svg(progress)}{legend}</figure>"


def progress_mermaid(progress: Progress) -> str:
    """A Mermaid xychart-beta: done per week (first line) and time elapsed (second line)."""
    weeks = [w for w in progress.weeks if w.done is not None]
    if not weeks or not recorded(progress):
        return ""  # the Progress section already says that nothing is done
    labels = ", ".join(f'"{w.end}"' for w in weeks)
    done = ", ".join(f"{round(w.done * 100, 1)}" for w in weeks if w.done is not None)
    elapsed = ", ".join(f"{round(w.elapsed * 100, 1)}" for w in weeks)
    chart = (
        "```mermaid\nxychart-beta\n"
        f'    title "{_("Share of deliverables done per week, against time elapsed")}"\n'
        f"    x-axis [{labels}]\n"
        '    y-axis "%" 0 --> 100\n'
        f"    line [{done}]\n"
        f"    line [{elapsed}]\n"
        "```\n"
    )
    last = weeks[-1]
    return (
        f"## {_('Progress over time')}\n\n"
        + chart
        + "\n"
        + _(
            "First line: share of deliverables done at the end of each week ({done} by {day});"
            " second line: share of the period elapsed ({share}). From {source}."
        ).format(done=_done(last), day=last.end, share=share(last.elapsed), source=cell(_source(progress)))
        + "\n"
    )


def _done(week: object) -> str:
    done = getattr(week, "done", None)
    return share(done) if done is not None else _("none")


def weeks_json(progress: Progress) -> str:

    weeks = [
        {
            "week": w.start.isoformat(),
            "week_end": w.end.isoformat(),
            "done_fraction": None if w.done is None else round(w.done, 4),
            "elapsed_fraction": round(w.elapsed, 4),
            "commit": w.commit,
        }
        for w in progress.weeks
    ]
    data = {"source": progress.source, "as_of": progress.as_of.isoformat(), "weeks": weeks}
    return json_text(data)
