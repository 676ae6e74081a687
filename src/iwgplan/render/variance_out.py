"""Reporters for `iwgplan variance`: text (rich), Markdown and JSON of the plan against its baseline."""

from __future__ import annotations

import json

from rich.console import Console
from rich.text import Text

from iwgplan.i18n import gettext as _
from iwgplan.i18n import ngettext
from iwgplan.render import safe
from iwgplan.render.markdown import cell, table
from iwgplan.views.report_context import slip_text
from iwgplan.views.variance import Row, Variance, as_data


def slip_words(row: Row) -> str:
    """``+45 days``, ``no slip``, or why there is no slip to show (as every report says it)."""
    return slip_text(row.slip, row.note or None)


def _date(value: str | None, day: object) -> str:
    if value is None:
        return _("no due date")
    return value if str(day) == value or day is None else f"{value} ({day})"


def done_words(row: Row) -> str:
    if row.completed:
        return _("{status}, completed {date}").format(status=row.status, date=row.completed)
    return row.status


def moved(v: Variance) -> list[Row]:
    return [r for r in v.rows if r.moved]


def _dropped_words(how: str, reason: str | None) -> str:
    return f"{how}: {reason}" if reason else _("{how}, no reason recorded").format(how=how)


def text(v: Variance, out: Console) -> None:
    def say(line: Text) -> None:  # a long line is never cut or wrapped: it is read or piped whole
        out.print(line, soft_wrap=True)

    say(
        Text(
            safe.line(
                _("Against the baseline {baseline} (issued {date})").format(
                    baseline=v.baseline, date=v.baseline_date
                )
            )
        )
    )
    say(Text(safe.line(v.summary()), style="bold"))
    rows = moved(v)
    if rows:
        say(Text(_("Due dates moved"), style="bold underline"))
        for r in rows:
            where = f"{_date(r.planned, r.planned_day)} → {_date(r.current, r.current_day)}"
            say(Text(safe.line(f"  {r.id}: {where}, {slip_words(r)}; {done_words(r)}")))
            for reason in r.reasons:
                say(Text(safe.line("    " + _("reason: {reason}").format(reason=reason))))
            if not r.reasons:
                say(Text("    " + _("no reason recorded"), style="dim"))
    on_plan = len(v.rows) - len(rows)
    say(Text(_keep(on_plan)))
    for title, changes in ((_("Added"), v.added), (_("Dropped"), v.dropped)):
        if not changes:
            continue
        say(Text(title, style="bold underline"))
        for c in changes:
            why = c.reason or _("no reason recorded")
            words = _dropped_words(c.how, c.reason) if c.how else why
            say(Text(safe.line(f"  {c.id}: {c.title} ({words})")))
    for note in v.notes:
        say(Text(safe.line(_("note: {note}").format(note=note)), style="dim"))


def _keep(n: int) -> str:
    return ngettext("{n} item keep their planned date", "{n} items keep their planned date", n).format(n=n)


def markdown(v: Variance) -> str:
    parts = [
        _("**iwgplan variance** against {baseline} (issued {date}): {summary}").format(
            baseline=cell(v.baseline), date=v.baseline_date, summary=cell(v.summary())
        )
        + "\n"
    ]
    rows = moved(v)
    if rows:
        parts.append(f"### {_('Due dates moved')} ({len(rows)})\n")
        cells = [
            [
                r.id,
                _date(r.planned, r.planned_day),
                _date(r.current, r.current_day),
                slip_words(r),
                done_words(r),
                "; ".join(r.reasons) or _("no reason recorded"),
            ]
            for r in rows
        ]
        parts.append(table(["id", _("planned"), _("now"), _("slip"), _("status"), _("reason")], cells))
    on_plan = len(v.rows) - len(rows)
    parts.append(f"{_keep(on_plan)}.\n")
    for title, changes in ((_("Added"), v.added), (_("Dropped"), v.dropped)):
        if changes:
            parts.append(f"### {title} ({len(changes)})\n")
            cells = [
                [
                    c.id,
                    c.title,
                    _dropped_words(c.how, c.reason) if c.how else c.reason or _("no reason recorded"),
                ]
                for c in changes
            ]
            parts.append(table(["id", _("title"), _("reason")], cells))
    parts += [f"*{cell(note)}*\n" for note in v.notes]
    return "\n".join(parts)


def as_json(v: Variance) -> str:
    return json.dumps(as_data(v), indent=2, ensure_ascii=False) + "\n"
