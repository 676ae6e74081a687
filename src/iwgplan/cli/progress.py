"""`done`, `start`, `block`, `drop`, `reopen`, `note`: record progress in the plan file."""

from __future__ import annotations

from typing import Annotated

import typer

from iwgplan.cli import complete
from iwgplan.cli.common import (
    DateOpt,
    DryRunOpt,
    ExactOpt,
    FutureOpt,
    IdArg,
    PlanOpt,
    ReasonOpt,
    err,
    handled,
    parse_day,
    resolve_ids,
)
from iwgplan.plan import dates


def _run(plan, make, dry_run: bool, *, with_source: bool = False) -> None:  # type: ignore[no-untyped-def]
    from iwgplan.edit.apply import record

    done = record(plan, make, dry_run=dry_run, with_source=with_source)
    from iwgplan.render.safe import block, line

    for notice in done.outcome.notices:
        err(notice)
    if dry_run and done.diff:
        print(block(done.diff), end="")
    for said in done.outcome.said:
        print(line(said))
    if done.written:
        err(f"updated {done.path}")
    elif dry_run and done.diff:
        err("dry run: nothing was written")


def _id(index, wanted: str, exact: bool) -> str:  # type: ignore[no-untyped-def]
    """The full id a prefix names, resolved inside the edit's lock against the file it edits."""
    return resolve_ids(index, [wanted], exact=exact)[0].id


def _day(value: str | None, future: bool = False):  # type: ignore[no-untyped-def]
    from iwgplan.errors import UsageError

    day = parse_day(value, "--date") or dates.today()
    if day > dates.today() and not future:
        raise UsageError(
            f"--date {day} is after today ({dates.today()}); nothing was written."
            " Pass --future if you mean to record it ahead of time"
        )
    return day


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
        bool, typer.Option("--force", help="Mark a dropped item done without reopening it (needs --reason).")
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
    from iwgplan.edit.progress import mark_done, require_text
    from iwgplan.errors import UsageError

    if force and not reason:
        raise UsageError("--force needs --reason TEXT: say why a dropped item is done after all")
    day = _day(on, future)

    def make(index):  # type: ignore[no-untyped-def]
        entries = resolve_ids(index, ids, exact=exact)
        for what, value in (("note", note), ("reason", reason)):
            require_text(entries[0], value, what, day)
        return mark_done(
            index,
            [e.id for e in entries],
            day,
            note="; ".join(t for t in (note, reason) if t) or None,
            evidence=evidence,
            evidence_title=evidence_title,
            with_children=with_children,
            force=force,
        )

    _run(plan, make, dry_run)


def start(
    item_id: IdArg,
    *,
    on: DateOpt = None,
    future: FutureOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    exact: ExactOpt = False,
) -> None:
    """Mark an action point in progress.

    Example: iwgplan start data-workshops
    """
    from iwgplan.edit.progress import set_status
    from iwgplan.plan.status import Status

    day = _day(on, future)
    _run(
        plan,
        lambda index: set_status(index, _id(index, item_id, exact), Status.IN_PROGRESS, day, None),
        dry_run,
    )


def _with_reason(status_name: str, summary: str, example: str):  # type: ignore[no-untyped-def]
    """A command that sets a status that needs a reason (block, drop)."""

    def command(
        item_id: IdArg,
        *,
        reason: ReasonOpt,
        on: DateOpt = None,
        future: FutureOpt = False,
        dry_run: DryRunOpt = False,
        plan: PlanOpt = None,
        exact: ExactOpt = False,
    ) -> None:
        from iwgplan.edit.progress import set_status
        from iwgplan.plan.status import Status

        day = _day(on, future)
        _run(
            plan,
            lambda index: set_status(index, _id(index, item_id, exact), Status(status_name), day, reason),
            dry_run,
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
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    exact: ExactOpt = False,
) -> None:
    """Reopen a done, blocked or dropped action point (as planned, or --in-progress).

    Example: iwgplan reopen compendium-2020 --reason "Members asked for a second edition"
    """
    from iwgplan.edit.progress import reopen as reopen_item
    from iwgplan.plan.status import Status

    day = _day(on, future)
    to = Status.IN_PROGRESS if started else Status.PLANNED
    _run(plan, lambda index: reopen_item(index, _id(index, item_id, exact), day, reason, to), dry_run)


def note(
    item_id: IdArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    *,
    on: DateOpt = None,
    future: FutureOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    exact: ExactOpt = False,
) -> None:
    """Add a dated note to an action point's history, without changing its status.

    Example: iwgplan note msme-toolkit "first draft shared with the MSME group"
    """
    from iwgplan.edit.progress import add_note

    day = _day(on, future)
    _run(plan, lambda index: add_note(index, _id(index, item_id, exact), day, text), dry_run)


def revise(
    *,
    on: DateOpt = None,
    symbol: Annotated[
        str | None,
        typer.Option("--symbol", help="The new revision's symbol. Default: the next Rev.N of the old one."),
    ] = None,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
) -> None:
    """Start the next revision of the plan in place; ids are kept so that `diff` stays meaningful.

    Example: iwgplan revise --date 2026-02-15
    """
    from iwgplan.edit.progress import revise as revise_plan

    day = _day(on, future=True)
    _run(plan, lambda index: revise_plan(index, day, symbol), dry_run)


def register(app: typer.Typer) -> None:
    for command in (done, start, block, drop, reopen, note, revise):
        app.command()(handled(command))
