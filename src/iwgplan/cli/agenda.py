"""`iwgplan agenda [MEETING]`: the draft annotated agenda of the next meeting (or the one named)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iwgplan.cli import complete
from iwgplan.cli.common import (
    AsOfOpt,
    ExactOpt,
    LangOpt,
    PlanOpt,
    RevOpt,
    emit,
    handled,
    in_words,
    load_view,
)
from iwgplan.errors import UsageError


class AgendaFmt(StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"
    docx = "docx"
    json = "json"


def agenda(
    meeting: Annotated[
        str | None,
        typer.Argument(
            metavar="MEETING",
            help="The meeting's id or its first letters. Default: the IWG's next meeting.",
            autocompletion=complete.meetings,
        ),
    ] = None,
    *,
    fmt: Annotated[AgendaFmt, typer.Option("--format", help="Output format.")] = AgendaFmt.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file ('-' for stdout).", dir_okay=False),
    ] = None,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    rev: RevOpt = None,
    exact: ExactOpt = False,
    lang: LangOpt = None,
) -> None:
    """Draft the annotated agenda of the next meeting (or the one named), from the plan.

    The Co-Chairs' progress report (6.2): what was done, started, blocked, slipped and added since
    the last meeting, and what falls due before the following one; the thematic sessions (5.1(b))
    and Secretariat updates (6.3) Members requested; the items recorded for the meeting, with
    their guiding questions and speakers. It says what it inferred and what it found recorded.

    Example: iwgplan agenda --format docx -o agenda.docx
    """
    if fmt is AgendaFmt.docx and output is None and sys.stdout.isatty():
        raise UsageError("--format docx writes a binary file: give --output/-o FILE (or redirect stdout)")
    from iwgplan.plan import dates
    from iwgplan.plan import meetings as mt
    from iwgplan.views.agenda import build, pick_meeting

    view = in_words(load_view(plan, rev, as_of), lang, fmt)
    chosen = pick_meeting(view.index, meeting, view.as_of, exact=exact)
    before = mt.previous(view.plan, chosen)
    start = before.date if before else view.plan.plan.date
    since = None
    if start <= min(view.as_of, dates.today()):
        from iwgplan.files.blobs import cached_plans
        from iwgplan.files.discover import find_plan_path, shown_path
        from iwgplan.views.since import since_for

        path = find_plan_path(plan)
        shown = shown_path(path) if path is not None else view.shown
        since = since_for(path, shown, start.isoformat(), view.index, view.as_of, cached_plans, rev)[0]
    built = build(view.index, chosen, view.as_of, since)
    from iwgplan.render import agenda as out

    if fmt is AgendaFmt.docx:
        from iwgplan.render import agenda_docx

        emit(agenda_docx.render(built), output)
    elif fmt is AgendaFmt.json:
        emit(out.as_json(built), output)
    elif fmt is AgendaFmt.html:
        emit(out.html(built), output)
    elif fmt is AgendaFmt.markdown:
        emit(out.markdown(built), output)
    else:
        emit(out.text(built), output)


def register(app: typer.Typer) -> None:
    app.command()(handled(agenda))
