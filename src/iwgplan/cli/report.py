"""`iwgplan report` and `iwgplan export`: documents for the co-chairs' report back."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iwgplan.cli.common import (
    AsOfOpt,
    ExcelOpt,
    LangOpt,
    PlanOpt,
    RawOpt,
    RevOpt,
    SinceOpt,
    emit,
    emit_csv,
    handled,
    in_words,
    load_view,
    refuse_plan_as_output,
)
from iwgplan.cli.variance import AgainstOpt, against_baseline
from iwgplan.errors import UsageError
from iwgplan.render.clients import Client

if TYPE_CHECKING:
    from iwgplan.views.context import View
    from iwgplan.views.since import Since
    from iwgplan.views.weekly import Progress

OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.", dir_okay=False),
]


class ReportFmt(StrEnum):
    markdown = "markdown"
    html = "html"
    docx = "docx"
    json = "json"


class By(StrEnum):
    item = "item"
    week = "week"


class ExportFmt(StrEnum):
    ics = "ics"
    mermaid = "mermaid"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class TemplateKind(StrEnum):
    html = "html"
    markdown = "markdown"


def report(
    *,
    as_of: AsOfOpt = None,
    fmt: Annotated[ReportFmt, typer.Option("--format", help="Output format.")] = ReportFmt.markdown,
    since: SinceOpt = None,
    output: OutputOpt = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Render html or markdown with this Jinja2 template instead of the shipped one.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    print_template: Annotated[
        TemplateKind | None,
        typer.Option(
            "--print-template",
            help="Write the shipped template of this format (a starting point for --template) and stop.",
            show_default=False,
        ),
    ] = None,
    against: AgainstOpt = None,
    lang: LangOpt = None,
    plan: PlanOpt = None,
    rev: RevOpt = None,
) -> None:
    """Write the implementation report: progress, each tier's items, overdue, milestones, references.

    HTML is one self-contained, printable file; Markdown embeds a Mermaid Gantt that GitHub draws;
    docx is a Word document to edit and circulate; json is the report context itself. HTML and
    Markdown are rendered from Jinja2 templates over that context; --template uses your own.

    Example: iwgplan report --format html -o report.html --since 2026-10-01
    """
    if print_template is not None:
        from iwgplan.render.templates import shipped_text

        emit(shipped_text(print_template.value), output)
        return
    refuse_plan_as_output(output, plan)
    if template is not None and fmt not in (ReportFmt.html, ReportFmt.markdown):
        raise UsageError("--template works with --format html or markdown")
    if fmt is ReportFmt.docx and output is None and sys.stdout.isatty():
        raise UsageError("--format docx writes a binary file: give --output/-o FILE (or redirect stdout)")
    from iwgplan import i18n
    from iwgplan.views.report import build
    from iwgplan.views.report_context import build_context
    from iwgplan.views.translate import in_language

    language = i18n.use(i18n.resolve(lang.value if lang else None))
    view = in_language(load_view(plan, rev, as_of), language)
    built = build(view.index, view.as_of, recorded=view.recorded)
    built.progress, built.since = _history(view, plan, rev, since)
    if rev is None or against is not None:  # a plan read at a revision names its baseline as it was
        built.variance = against_baseline(view.index, plan, against)
    context = build_context(built)
    if fmt is ReportFmt.json:
        from iwgplan.render.json_out import dump

        emit(dump(context), output)
    elif fmt is ReportFmt.docx:
        from iwgplan.render import docx

        emit(docx.render(context), output)
    else:
        from iwgplan.render import templates

        emit(templates.render_report(fmt.value, built, context, template), output)


def _history(
    view: View, plan: Path | None, rev: str | None, since: str | None
) -> tuple[Progress, Since | None]:
    """Progress per week (from git, or the file's dates) and, with --since, what changed since."""
    from iwgplan.files.blobs import cached_plans
    from iwgplan.files.discover import find_plan_path, shown_path
    from iwgplan.views.since import since_for
    from iwgplan.views.weekly import report_progress

    path = find_plan_path(plan)
    shown = shown_path(path) if path is not None else view.shown
    progress = report_progress(path, shown, view.index, view.as_of, rev, cached_plans)
    block = since_for(path, shown, since, view.index, view.as_of, cached_plans, rev)[0] if since else None
    return progress, block


def export(
    *,
    fmt: Annotated[ExportFmt, typer.Option("--format", help="What to export.")],
    raw: RawOpt = False,
    excel: ExcelOpt = False,
    by: Annotated[
        By, typer.Option("--by", help="csv and json: one row per action point, or per week of progress.")
    ] = By.item,
    as_of: AsOfOpt = None,
    todos_as_events: Annotated[
        bool,
        typer.Option(
            "--todos-as-events",
            help="ics: each due date as an all-day event 'Due: TITLE' instead of a to-do"
            " (Outlook and Google Calendar ignore to-dos on import).",
        ),
    ] = False,
    client: Annotated[
        Client | None,
        typer.Option("--for", help="ics: a preset for this calendar program (implies --todos-as-events)."),
    ] = None,
    output: OutputOpt = None,
    plan: PlanOpt = None,
    rev: RevOpt = None,
    lang: LangOpt = None,
) -> None:
    """Export the plan: an iCalendar file, a Mermaid Gantt, or one flat row per action point
    (CSV and JSON for scripts, xlsx for spreadsheets: typed cells, real dates, a frozen header).

    Example: iwgplan export --format ics --for outlook -o iwg.ics
    """
    if (todos_as_events or client is not None) and fmt is not ExportFmt.ics:
        raise UsageError("--todos-as-events and --for apply to --format ics only")
    if excel and fmt is not ExportFmt.csv:
        raise UsageError("--excel applies to --format csv only")
    if fmt is ExportFmt.xlsx and output is None and sys.stdout.isatty():
        raise UsageError("--format xlsx writes a binary file: give --output/-o FILE (or redirect stdout)")
    refuse_plan_as_output(output, plan)
    view = in_words(load_view(plan, rev, as_of), lang, fmt)
    if by is By.week:
        (emit_csv if fmt is ExportFmt.csv else emit)(_weeks(view, plan, rev, fmt), output)
    elif fmt is ExportFmt.ics:
        from iwgplan.render.ics import calendar

        emit(calendar(view.index, view.as_of, todos_as_events=todos_as_events, client=client), output)
    elif fmt is ExportFmt.mermaid:
        from iwgplan.render.mermaid import gantt
        from iwgplan.views.report import build

        emit(gantt(build(view.index, view.as_of, recorded=view.recorded)), output)
    else:
        from iwgplan.render.json_out import dump
        from iwgplan.render.rows import item_row, rows_csv

        rows = [item_row(e, view.index) for e in view.index.entries]
        if fmt is ExportFmt.xlsx:
            from iwgplan.render.xlsx import rows_xlsx

            emit(rows_xlsx(rows, view.as_of), output)
        elif fmt is ExportFmt.csv:
            emit_csv(rows_csv(rows, raw=raw, excel=excel), output)
        else:
            emit(dump({"action_points": rows}), output)


def _weeks(view: View, plan: Path | None, rev: str | None, fmt: ExportFmt) -> str:
    from iwgplan.errors import UsageError
    from iwgplan.render.history_report import weeks_csv, weeks_json

    if fmt not in (ExportFmt.csv, ExportFmt.json):
        raise UsageError(f"--by week needs --format csv or json, not {fmt.value}")
    progress = _history(view, plan, rev, None)[0]
    return weeks_csv(progress) if fmt is ExportFmt.csv else weeks_json(progress)


def register(app: typer.Typer) -> None:
    app.command()(handled(report))
    app.command()(handled(export))
