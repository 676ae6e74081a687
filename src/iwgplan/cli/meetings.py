"""`meeting add`, `meeting item add`, `meeting outcome`, `request add`: the IWG's meetings and
Members' requests, kept without hand-editing YAML."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from iwgplan.cli import complete
from iwgplan.cli.common import (
    AsOfOpt,
    DateOpt,
    DryRunOpt,
    ExactOpt,
    ForceOpt,
    FutureOpt,
    LangOpt,
    PlanOpt,
    RevOpt,
    handled,
    parse_day,
)
from iwgplan.cli.editing import edit_day, run_edit
from iwgplan.errors import UsageError

MeetingArg = Annotated[
    str,
    typer.Argument(
        metavar="MEETING",
        help="The meeting's id, or its first letters (any case).",
        autocompletion=complete.meetings,
    ),
]
ItemsOpt = Annotated[
    list[str] | None,
    typer.Option("--item", help="An action point it concerns: an id or its first letters (repeatable)."),
]

meeting_app = typer.Typer(
    name="meeting",
    help="Record the IWG's meetings: add one, add items to its agenda, record outcomes, list them."
    "\n\nExample: iwgplan meeting add --date 2026-02-10 --kind thematic",
    no_args_is_help=True,
    rich_markup_mode=None,
)
item_app = typer.Typer(
    name="item",
    help="The items of a meeting's agenda."
    "\n\nExample: iwgplan meeting item add MEETING --kind other --title TEXT",
    no_args_is_help=True,
    rich_markup_mode=None,
)
request_app = typer.Typer(
    name="request",
    help="Record requests from Members: thematic sessions (5.1(b)) and Secretariat updates (6.3)."
    "\n\nExample: iwgplan request add --kind thematic-session --subject TEXT --by MEMBER",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _day(value: str, option: str) -> object:
    found = parse_day(value, option)
    if found is None:  # pragma: no cover - a required option
        raise UsageError(f"{option}: give a day (YYYY-MM-DD)")
    return found


def meeting_add(
    *,
    day: Annotated[str, typer.Option("--date", metavar="DATE", help="The day it is held (YYYY-MM-DD).")],
    kind: Annotated[
        str | None, typer.Option("--kind", help="regular (the default), thematic or side-event.")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Its name, e.g. 'IWG meeting'.")] = None,
    theme: Annotated[str | None, typer.Option("--theme", help="Its thematic focus.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Where it is held.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="in-person, virtual or hybrid.")] = None,
    new_id: Annotated[str | None, typer.Option("--id", help="Its id. Default: iwg-YYYY-MM-DD.")] = None,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    force: ForceOpt = False,
) -> None:
    """Add a meeting, in date order under the plan's `meetings`.

    Example: iwgplan meeting add --date 2026-02-10 --kind thematic --theme "Women and MSMEs"
    """
    from datetime import date

    from iwgplan.edit.meetings import NewMeeting, add_meeting

    on = _day(day, "--date")
    assert isinstance(on, date)
    new = NewMeeting(on, id=new_id, kind=kind, title=title, theme=theme, place=place, format=fmt)
    run_edit(plan, lambda index: add_meeting(index, new), dry_run, force=force)


def item_add(
    meeting: MeetingArg,
    *,
    title: Annotated[str, typer.Option("--title", help="The item as the agenda words it.")],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="progress-report, thematic-session, secretariat-update, presentation or other."
            " Default: the kind of its --request.",
        ),
    ] = None,
    items: ItemsOpt = None,
    question: Annotated[
        list[str] | None, typer.Option("--question", help="A guiding question (repeatable).")
    ] = None,
    speaker: Annotated[
        list[str] | None,
        typer.Option("--speaker", help="'NAME | TITLE | ORGANISATION', the last two optional (repeatable)."),
    ] = None,
    document: Annotated[
        list[str] | None, typer.Option("--document", help="A WTO document symbol or URL (repeatable).")
    ] = None,
    request: Annotated[
        str | None,
        typer.Option(
            "--request",
            help="The request from Members it takes up (an id).",
            autocompletion=complete.requests,
        ),
    ] = None,
    new_id: Annotated[
        str | None, typer.Option("--id", help="Its id in the meeting. Default: from the title.")
    ] = None,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    force: ForceOpt = False,
    exact: ExactOpt = False,
) -> None:
    """Add an item to a meeting's agenda, with its guiding questions, speakers and documents.

    Example: iwgplan meeting item add iwg-2026-02-10 --kind thematic-session --title "TITLE"
    --item msme-toolkit --question "QUESTION?" --speaker "NAME | Ambassador | Cabo Verde"
    """
    from iwgplan.edit.meetings import NewAgendaItem, add_agenda_item

    new = NewAgendaItem(
        title=title,
        kind=kind,
        id=new_id,
        items=items or [],
        questions=question or [],
        speakers=speaker or [],
        documents=document or [],
        request=request,
    )
    run_edit(plan, lambda index: add_agenda_item(index, meeting, new, exact=exact), dry_run, force=force)


def meeting_outcome(
    meeting: MeetingArg,
    item: Annotated[
        str | None,
        typer.Argument(
            metavar="ITEM", help="An agenda item: its number or id. Default: the meeting as a whole."
        ),
    ] = None,
    *,
    text: Annotated[str, typer.Option("--text", help="What the meeting concluded.")],
    on: DateOpt = None,
    future: FutureOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    force: ForceOpt = False,
    exact: ExactOpt = False,
) -> None:
    """Record the outcome of a meeting that has been held, or of one of its agenda items.

    Example: iwgplan meeting outcome iwg-2026-02-10 2 --text "The Secretariat will circulate a draft."
    """
    from iwgplan.edit.meetings import outcome

    day = edit_day(on, future)
    run_edit(plan, lambda index: outcome(index, meeting, item, text, day, exact=exact), dry_run, force=force)


def request_add(
    *,
    kind: Annotated[str, typer.Option("--kind", help="thematic-session or secretariat-update.")],
    subject: Annotated[str, typer.Option("--subject", help="What is asked for, in a line.")],
    by: Annotated[list[str], typer.Option("--by", help="Who asked: a delegation or group (repeatable).")],
    items: ItemsOpt = None,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting", help="The meeting that takes it up, if known.", autocompletion=complete.meetings
        ),
    ] = None,
    new_id: Annotated[str | None, typer.Option("--id", help="Its id. Default: from the subject.")] = None,
    on: DateOpt = None,
    future: FutureOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    force: ForceOpt = False,
    exact: ExactOpt = False,
) -> None:
    """Record a request from Members, with who asked and when.

    Example: iwgplan request add --kind thematic-session --subject "SUBJECT" --by "Cabo Verde"
    """
    from iwgplan.edit.meetings import NewRequest, add_request

    day = edit_day(on, future)
    new = NewRequest(kind, subject, list(by), day, id=new_id, items=items or [], meeting=meeting)
    run_edit(plan, lambda index: add_request(index, new, exact=exact), dry_run, force=force)


class ListFmt(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def meeting_list(
    *,
    fmt: Annotated[ListFmt, typer.Option("--format", help="Output format.")] = ListFmt.text,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    rev: RevOpt = None,
    lang: LangOpt = None,
) -> None:
    """List the meetings by date: kind, theme, number of agenda items, whether an outcome is
    recorded (or the meeting is still to come).

    Example: iwgplan meeting list --format markdown
    """
    from iwgplan.cli.output import in_words, load_view, page
    from iwgplan.render import meeting_list as out

    view = in_words(load_view(plan, rev, as_of), lang, fmt)
    page(getattr(out, fmt.value)(view.plan, view.as_of))


def register(app: typer.Typer) -> None:
    meeting_app.command("add")(handled(meeting_add))
    item_app.command("add")(handled(item_add))
    meeting_app.add_typer(item_app)
    meeting_app.command("outcome")(handled(meeting_outcome))
    meeting_app.command("list")(handled(meeting_list))
    request_app.command("add")(handled(request_add))
    app.add_typer(meeting_app)
    app.add_typer(request_app)
