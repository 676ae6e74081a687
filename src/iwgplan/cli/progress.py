"""`done`, `start`, `block`, `drop`, `reopen`, `note`: record progress in the plan file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from iwgplan.cli import complete
from iwgplan.cli.common import (
    DateOpt,
    DryRunOpt,
    ExactOpt,
    ForceOpt,
    FutureOpt,
    IdArg,
    PlanOpt,
    ReasonOpt,
    handled,
)
from iwgplan.cli.editing import edit_day, edit_id, record_done, run_edit

if TYPE_CHECKING:
    pass


def done(
    ids: Annotated[
        list[str],
        typer.Argument(metavar="ID...", help="One or more action point ids.", autocompletion=complete.ids),
    ],
    *,
    on: DateOpt = None,
    note: Annotated[str | None, typer.Option("--note", help="A note for the history.")] = None,
    evidence: Annotated[
        str | None,
        typer.Option("--evidence", help="A document symbol or URL that shows it was done."),
    ] = None,
    evidence_title: Annotated[
        str | None, typer.Option("--evidence-title", help="The evidence's title.")
    ] = None,
    with_children: Annotated[
        bool, typer.Option("--with-children", help="Mark open sub-points done as well.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Mark a dropped item done without reopening it, or edit a closed plan (needs --reason).",
        ),
    ] = False,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why --force is right; kept in the history.")
    ] = None,
    future: FutureOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    exact: ExactOpt = False,
) -> None:
    """Mark action points done, with a completion date and a history entry.

    Example: iwgplan done joint-statement --date 2026-03-27 --evidence WT/MIN(26)/6
    """
    record_done(
        ids,
        on=on,
        note=note,
        evidence=evidence,
        evidence_title=evidence_title,
        with_children=with_children,
        force=force,
        reason=reason,
        future=future,
        dry_run=dry_run,
        plan=plan,
        exact=exact,
    )


def start(
    item_id: IdArg,
    *,
    on: DateOpt = None,
    future: FutureOpt = False,
    force: ForceOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    exact: ExactOpt = False,
) -> None:
    """Mark an action point in progress.

    Example: iwgplan start data-workshops
    """
    from iwgplan.edit.progress import set_status
    from iwgplan.plan.status import Status

    day = edit_day(on, future)
    run_edit(
        plan,
        lambda index: set_status(index, edit_id(index, item_id, exact), Status.IN_PROGRESS, day, None),
        dry_run,
        force=force,
    )


def _with_reason(status_name: str, summary: str, example: str) -> Callable[..., None]:
    """A command that sets a status that needs a reason (block, drop)."""

    def command(
        item_id: IdArg,
        *,
        reason: ReasonOpt,
        on: DateOpt = None,
        future: FutureOpt = False,
        force: ForceOpt = False,
        dry_run: DryRunOpt = False,
        plan: PlanOpt = None,
        exact: ExactOpt = False,
    ) -> None:
        from iwgplan.edit.progress import set_status
        from iwgplan.plan.status import Status

        day = edit_day(on, future)
        run_edit(
            plan,
            lambda index: set_status(index, edit_id(index, item_id, exact), Status(status_name), day, reason),
            dry_run,
            force=force,
        )

    command.__name__ = {"blocked": "block", "dropped": "drop"}[status_name]
    command.__doc__ = f"{summary}\n\n    Example: {example}\n    "
    return command


block = _with_reason(
    "blocked",
    "Mark an action point blocked; the reason is required.",
    'iwgplan block hackathons --reason "waiting for funding"',
)
drop = _with_reason(
    "dropped",
    "Drop an action point; the reason is required.",
    'iwgplan drop tpr-shetrades --reason "merged into tpr-assessment"',
)


def reopen(
    item_id: IdArg,
    *,
    reason: ReasonOpt,
    started: Annotated[
        bool, typer.Option("--in-progress", help="Reopen as in-progress rather than planned.")
    ] = False,
    on: DateOpt = None,
    future: FutureOpt = False,
    force: ForceOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    exact: ExactOpt = False,
) -> None:
    """Reopen a done, blocked or dropped action point (as planned, or --in-progress).

    Example: iwgplan reopen compendium-2020 --reason "Members asked for a second edition"
    """
    from iwgplan.edit.progress import reopen as reopen_item
    from iwgplan.plan.status import Status

    day = edit_day(on, future)
    to = Status.IN_PROGRESS if started else Status.PLANNED
    run_edit(
        plan,
        lambda index: reopen_item(index, edit_id(index, item_id, exact), day, reason, to),
        dry_run,
        force=force,
    )


def note(
    item_id: IdArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    *,
    on: DateOpt = None,
    future: FutureOpt = False,
    force: ForceOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    exact: ExactOpt = False,
) -> None:
    """Add a dated note to an action point's history, without changing its status.

    Example: iwgplan note msme-toolkit "first draft shared with the MSME group"
    """
    from iwgplan.edit.progress import add_note

    day = edit_day(on, future)
    run_edit(
        plan, lambda index: add_note(index, edit_id(index, item_id, exact), day, text), dry_run, force=force
    )


def revise(
    *,
    on: DateOpt = None,
    symbol: Annotated[
        str | None,
        typer.Option("--symbol", help="The new revision's symbol. Default: the next Rev.N of the old one."),
    ] = None,
    force: ForceOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
) -> None:
    """Start the next revision of the plan in place; ids are kept so that `diff` stays meaningful.

    Example: iwgplan revise --date 2026-02-15
    """
    from iwgplan.edit.progress import revise as revise_plan

    day = edit_day(on, future=True)
    run_edit(plan, lambda index: revise_plan(index, day, symbol), dry_run, force=force)


def register(app: typer.Typer) -> None:
    for command in (done, start, block, drop, reopen, note, revise):
        app.command()(handled(command))
