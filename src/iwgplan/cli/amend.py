"""`iwgplan amend ID --entry N|--last`: correct one history entry, keeping the correction as a note."""

from __future__ import annotations

from typing import Annotated

import typer

from iwgplan.cli.common import DryRunOpt, ExactOpt, ForceOpt, FutureOpt, IdArg, PlanOpt, handled
from iwgplan.cli.editing import edit_day, edit_id, run_edit
from iwgplan.plan import dates
from iwgplan.plan.status import Status


def amend(
    item_id: IdArg,
    *,
    entry: Annotated[
        int | None,
        typer.Option(
            "--entry",
            min=1,
            max=10**6,
            help="The history entry to correct: 1 is the oldest, as `show` lists them.",
        ),
    ] = None,
    last: Annotated[bool, typer.Option("--last", help="Correct the latest history entry.")] = False,
    on: Annotated[str | None, typer.Option("--date", help="The entry's right date (YYYY-MM-DD).")] = None,
    status: Annotated[Status | None, typer.Option("--status", help="The entry's right status.")] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="The entry's right note ('' removes the note).")
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Remove the entry altogether.")] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why; added to the correction note.")] = None,
    future: FutureOpt = False,
    force: ForceOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    exact: ExactOpt = False,
) -> None:
    """Rewrite or remove one history entry; the correction is kept as a dated note.

    The item's status and completion date follow its last dated status afterwards.

    Example: iwgplan amend fta --last --date 2026-05-01 --reason "typo in the year"
    """
    from iwgplan.edit.corrections import Amendment
    from iwgplan.edit.corrections import amend as amend_entry
    from iwgplan.errors import UsageError

    if (entry is None) == (not last):
        raise UsageError("give either --entry N or --last")
    if remove and (on or status or note is not None):
        raise UsageError("--remove takes no --date, --status or --note")
    day = edit_day(on, future) if on else None
    change = Amendment(day, status, note, remove, reason)
    run_edit(
        plan,
        lambda index: amend_entry(index, edit_id(index, item_id, exact), entry, dates.today(), change),
        dry_run,
        force=force,
    )


def register(app: typer.Typer) -> None:
    app.command()(handled(amend))
