"""`iwgplan list`: the tree of tiers, focus areas and action points, with filters."""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Annotated

import typer

from iwgplan.cli import complete
from iwgplan.cli.common import (
    AsOfOpt,
    ExcelOpt,
    LangOpt,
    NoPagerOpt,
    NoWrapOpt,
    PlanOpt,
    RawOpt,
    RevOpt,
    WideOpt,
    handled,
    in_words,
    load_view,
)
from iwgplan.plan.status import Status

StatusChoice = Enum("StatusChoice", {s.value: s.value for s in Status}, type=str)  # type: ignore[misc]


class ListFmt(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"


def list_items(
    *,
    tier: Annotated[
        str | None,
        typer.Option(
            "--tier", help="Only this tier or section (id or number).", autocompletion=complete.tiers
        ),
    ] = None,
    statuses: Annotated[
        list[StatusChoice] | None,
        typer.Option("--status", help="Only items with this status (repeatable)."),
    ] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Only items this owner holds.")] = None,
    due_before: Annotated[
        str | None,
        typer.Option("--due-before", metavar="DATE", help="Only items due before this day (YYYY-MM-DD)."),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only open items past their due date.")] = False,
    search: Annotated[
        str | None,
        typer.Option("--search", help="Only items whose title or description contains TEXT."),
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting",
            metavar="MEETING",
            help="Only the action points this meeting's agenda concerns (its id or first letters).",
            autocompletion=complete.meetings,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[ListFmt, typer.Option("--format", help="Output format.")] = ListFmt.text,
    raw: RawOpt = False,
    excel: ExcelOpt = False,
    plan: PlanOpt = None,
    rev: RevOpt = None,
    wide: WideOpt = False,
    no_wrap: NoWrapOpt = False,
    no_pager: NoPagerOpt = False,
    lang: LangOpt = None,
) -> None:
    """List action points as a tree: tiers, focus areas, action points and their sub-points.

    Example: iwgplan list --tier tier2 --status planned --status blocked
    """
    from iwgplan.cli import browse

    browse.listing(
        in_words(load_view(plan, rev, as_of), lang, fmt),
        tier=tier,
        statuses=[s.value for s in statuses or []],
        owner=owner,
        due_before=due_before,
        overdue=overdue,
        search=search,
        meeting=meeting,
        fmt=fmt.value,
        raw=raw,
        excel=excel,
        wide=wide,
        no_wrap=no_wrap,
        no_pager=no_pager,
    )


def register(app: typer.Typer) -> None:
    app.command("list")(handled(list_items))
