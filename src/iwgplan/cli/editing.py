"""What every editing command shares: the day it records, the id it edits, and the run itself
(lock, read, change, check, write; then say what was done). Used by `done` and the other
progress commands, `amend`, `add`, `modify`, `move` and `revise`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from iwgplan.cli.output import err, parse_day, resolve_ids
from iwgplan.errors import UsageError
from iwgplan.plan import dates

if TYPE_CHECKING:
    from iwgplan.edit.progress import Outcome
    from iwgplan.plan.index import PlanIndex


def run_edit(
    plan: Path | None,
    make: Callable[..., Outcome],
    dry_run: bool,
    *,
    with_source: bool = False,
    force: bool = False,
) -> None:
    """Make the edit ``make`` describes to the plan file, or show it with ``dry_run``."""
    from iwgplan.cli.output import State
    from iwgplan.edit.apply import record
    from iwgplan.render.safe import block, line

    done = record(
        plan, make, dry_run=dry_run, with_source=with_source, force=force, use_cache=not State.no_cache
    )
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


def edit_id(index: PlanIndex, wanted: str, exact: bool) -> str:
    """The full id a prefix names, resolved inside the edit's lock against the file it edits."""
    return resolve_ids(index, [wanted], exact=exact)[0].id


def edit_day(value: str | None, future: bool = False) -> date:
    """The day an edit records: ``--date`` or today; a later day only with ``--future``."""
    day = parse_day(value, "--date") or dates.today()
    if day > dates.today() and not future:
        raise UsageError(
            f"--date {day} is after today ({dates.today()}); nothing was written."
            " Pass --future if you mean to record it ahead of time"
        )
    return day


def record_done(
    ids: list[str],
    *,
    on: str | None = None,
    note: str | None = None,
    evidence: str | None = None,
    evidence_title: str | None = None,
    with_children: bool = False,
    force: bool = False,
    reason: str | None = None,
    future: bool = False,
    dry_run: bool = False,
    plan: Path | None = None,
    exact: bool = False,
) -> None:
    """`iwgplan done`: the Typer command's body, and the start-up path's (iwgplan.cli.front),
    which runs it without loading Typer."""
    from iwgplan.edit.progress import mark_done, require_text

    if force and not reason:
        raise UsageError("--force needs --reason TEXT: say why a dropped item is done after all")
    day = edit_day(on, future)

    def make(index: PlanIndex) -> Outcome:
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

    run_edit(plan, make, dry_run, force=force)
