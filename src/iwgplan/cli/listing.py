"""`iwgplan list`: the tree of tiers, focus areas and action points, with filters."""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Annotated

import typer

from iwgplan.cli.common import AsOfOpt, PlanOpt, RawOpt, RevOpt, handled, load_view, parse_day, report
from iwgplan.errors import UsageError
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
        str | None, typer.Option("--tier", help="Only this tier or section (id or number).")
    ] = None,
    status: Annotated[
        list[StatusChoice] | None,
        typer.Option("--status", help="Only items with this status (repeatable)."),
    ] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Only items this owner holds.")] = None,
    due_before: Annotated[
        str | None,
        typer.Option("--due-before", help="Only items due before this day (YYYY-MM-DD)."),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only open items past their due date.")] = False,
    search: Annotated[
        str | None,
        typer.Option("--search", help="Only items whose title or description contains TEXT."),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[ListFmt, typer.Option("--format", help="Output format.")] = ListFmt.text,
    raw: RawOpt = False,
    plan: PlanOpt = None,
    rev: RevOpt = None,
) -> None:
    """List action points as a tree: tiers, focus areas, action points and their sub-points.

    Example: iwgplan list --tier tier2 --status planned --status blocked
    """
    from iwgplan.views.context import Listing
    from iwgplan.views.query import Filters, select, with_ancestors

    view = load_view(plan, rev, as_of)
    filters = Filters(
        group=_group(view, tier),
        statuses={s.value for s in status or []},
        owner=owner,
        due_before=parse_day(due_before, "--due-before"),
        overdue_on=view.as_of if overdue else None,
        search=search,
    )
    matched = select(view.index, filters)
    result = Listing(view, matched, with_ancestors(matched))
    if fmt is ListFmt.csv:
        from iwgplan.render.rows import item_row, rows_csv

        print(rows_csv([item_row(e, view.index) for e in matched], raw=raw), end="")
    else:
        report(fmt.value, "listing", result)


def _group(view, tier: str | None):  # type: ignore[no-untyped-def]
    if tier is None:
        return None
    for group in view.index.groups:
        if tier.lower() in (group.id.lower(), group.number.lower()):
            return group
    allowed = ", ".join(g.id for g in view.index.groups)
    raise UsageError(f"--tier: {tier!r} is not a tier or section; choose from {allowed}")


def register(app: typer.Typer) -> None:
    app.command("list")(handled(list_items))
