"""`add`, `modify`, `move`: change the plan's items without hand-editing YAML."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from iwgplan.cli.common import DateOpt, DryRunOpt, ExactOpt, ForceOpt, FutureOpt, IdArg, PlanOpt, handled
from iwgplan.cli.editing import edit_day, run_edit

if TYPE_CHECKING:
    from iwgplan.edit.apply import Source
    from iwgplan.edit.progress import Outcome
    from iwgplan.plan.index import PlanIndex

UnderOpt = Annotated[
    str, typer.Option("--under", help="The focus area, section or action point it goes under (an id).")
]
AfterOpt = Annotated[
    str | None,
    typer.Option("--after", help="Put it right after this item under the same parent. Default: last."),
]


def add(
    *,
    under: UnderOpt,
    title: Annotated[str, typer.Option("--title", help="The action point's title.")],
    new_id: Annotated[
        str | None, typer.Option("--id", help="Its id. Default: from the first words of the title.")
    ] = None,
    number: Annotated[
        str | None, typer.Option("--number", help="The document's own number (1, 2.3, a).")
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", help="A day, a month (YYYY-MM) or a milestone id.")
    ] = None,
    owner: Annotated[list[str] | None, typer.Option("--owner", help="An owner (repeatable).")] = None,
    partner: Annotated[list[str] | None, typer.Option("--partner", help="A partner (repeatable).")] = None,
    ref: Annotated[
        list[str] | None,
        typer.Option("--ref", help="A document symbol from the plan's references (repeatable)."),
    ] = None,
    description: Annotated[str | None, typer.Option("--description", help="A description.")] = None,
    depends_on: Annotated[
        list[str] | None, typer.Option("--depends-on", help="An action point it depends on (repeatable).")
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", help="Why it is added to the plan; kept in its history (`iwgplan variance`)."
        ),
    ] = None,
    after: AfterOpt = None,
    on: DateOpt = None,
    future: FutureOpt = False,
    force: ForceOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    exact: ExactOpt = False,
) -> None:
    """Add an action point (or a sub-point) with a dated "added" history entry.

    It goes after the last item under --under (or right after --after), in the file's own style.

    Example: iwgplan add --under data --title "TITLE" --due 2026-10 --owner IWG
    """
    from iwgplan.edit.structure import NewItem
    from iwgplan.edit.structure import add as add_item

    day = edit_day(on, future)
    new = NewItem(
        title=title,
        id=new_id,
        number=number,
        due=due,
        owners=owner or [],
        partners=partner or [],
        refs=ref or [],
        description=description,
        depends_on=depends_on or [],
        reason=reason,
    )
    run_edit(
        plan, lambda index: add_item(index, under, new, day, after=after, exact=exact), dry_run, force=force
    )


def modify(
    item_id: IdArg,
    *,
    title: Annotated[str | None, typer.Option("--title", help="A new title.")] = None,
    description: Annotated[str | None, typer.Option("--description", help="A new description.")] = None,
    due: Annotated[
        str | None, typer.Option("--due", help="A new due date, month or milestone id (needs --reason).")
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why the due date moves; kept in the history.")
    ] = None,
    number: Annotated[str | None, typer.Option("--number", help="A new number.")] = None,
    owner: Annotated[
        list[str] | None, typer.Option("--owner", help="+NAME adds an owner, -NAME removes one (repeatable).")
    ] = None,
    partner: Annotated[
        list[str] | None, typer.Option("--partner", help="+NAME or -NAME (repeatable).")
    ] = None,
    ref: Annotated[list[str] | None, typer.Option("--ref", help="+SYMBOL or -SYMBOL (repeatable).")] = None,
    depends_on: Annotated[
        list[str] | None, typer.Option("--depends-on", help="+ID or -ID (repeatable).")
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear", help="Remove a field: description, due, number, owners, partners, refs, depends_on."
        ),
    ] = None,
    on: DateOpt = None,
    future: FutureOpt = False,
    force: ForceOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    exact: ExactOpt = False,
) -> None:
    """Change an action point's title, description, due date, number, owners, partners, refs or dependencies.

    A due date that moves needs --reason: the slip and its reason go into the history.

    Example: iwgplan modify hackathons --due 2026-11 --reason "REASON" --owner "+WTO Secretariat"
    """
    from iwgplan.edit.structure import Edits
    from iwgplan.edit.structure import modify as modify_item

    day = edit_day(on, future)
    edits = Edits(
        title=title,
        description=description,
        due=due,
        number=number,
        owners=owner or [],
        partners=partner or [],
        refs=ref or [],
        depends_on=depends_on or [],
        clear=[c.replace("-", "_") for c in clear or []],
        reason=reason,
    )
    run_edit(plan, lambda index: modify_item(index, item_id, edits, day, exact=exact), dry_run, force=force)


def move(
    item_id: IdArg,
    *,
    under: UnderOpt,
    after: AfterOpt = None,
    force: ForceOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    exact: ExactOpt = False,
) -> None:
    """Move an action point, with its sub-points, under another focus area, section or action point.

    Example: iwgplan move networks --under digitalisation
    """
    from iwgplan.edit.structure import move as move_item

    def make(index: PlanIndex, source: Source) -> Outcome:
        return move_item(
            index, source.text, source.root, source.data, item_id, under, after=after, exact=exact
        )

    run_edit(plan, make, dry_run, with_source=True, force=force)


def register(app: typer.Typer) -> None:
    for command in (add, modify, move):
        app.command()(handled(command))
