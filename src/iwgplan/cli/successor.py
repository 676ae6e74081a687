"""`iwgplan successor`: start the next work plan from this one, and close this one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iwgplan.cli.common import DateOpt, DryRunOpt, PlanOpt, err, handled
from iwgplan.errors import IwgplanError, PlanInvalid


def successor(
    *,
    period: Annotated[
        str, typer.Option("--period", metavar="START..END", help="The new plan's period: 2027-01..2028-12.")
    ],
    title: Annotated[str | None, typer.Option("--title", help="The new plan's title.")] = None,
    issued_by: Annotated[
        list[str] | None, typer.Option("--issued-by", help="Who issues the new plan (repeatable).")
    ] = None,
    new_id: Annotated[
        str | None, typer.Option("--id", help="The new plan's id. Default: the old id with the new years.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The new plan file. Default: beside the old one, named for its years.",
            dir_okay=False,
        ),
    ] = None,
    on: DateOpt = None,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
) -> None:
    """Write the next work plan beside this one, carrying what this one left open; close this one.

    The new plan takes the tiers, focus areas and sections, every item left open (with
    `carried_from: PLAN-ID#ITEM-ID` and its history in a line) and the standing duties; done,
    dropped and past items stay behind; due dates are cleared for the drafters to set. The old
    plan gets `closed: DATE`, after which edits to it need --force.

    Example: iwgplan successor --period 2027-01..2028-12 --issued-by "Cabo Verde" --dry-run
    """
    from iwgplan.cli.editing import edit_day, run_edit
    from iwgplan.edit.apply import editable_path
    from iwgplan.edit.successor import Period, close, to_yaml
    from iwgplan.edit.successor import successor as build
    from iwgplan.files.atomic import write_atomic
    from iwgplan.files.discover import shown_path
    from iwgplan.files.loading import check_text
    from iwgplan.files.reading import read_text
    from iwgplan.render.safe import line

    wanted = Period.parse(period)
    day = edit_day(on, future=True)
    path = editable_path(plan)
    shown = shown_path(path)
    checked = check_text(read_text(path, shown), shown)
    if checked.plan is None or checked.index is None:
        raise PlanInvalid(checked.result, what="plan (fix it before starting its successor)")
    meta = checked.plan.plan
    if meta.closed is not None:
        raise IwgplanError(f"{shown} was already closed on {meta.closed}; its successor exists")
    data, carried = build(checked.index, wanted, day, new_id=new_id, title=title, issued_by=issued_by)
    target = output or path.with_name(_file_name(path.name, meta, wanted.years))
    target_shown = shown_path(target)
    text = to_yaml(data, shown, day)
    result = check_text(text, target_shown)
    if result.plan is None:  # a bug, not the user's: say so with the problems
        raise PlanInvalid(result.result, what="successor plan iwgplan built (nothing was written)")
    print(line(f"{target_shown}: {data['plan']['id']}, {wanted.start} to {wanted.end}"))
    print(line(f"  carried, left open: {len(carried.open)}" + _ids(carried.open)))
    print(line(f"  carried, standing duties: {len(carried.standing)}" + _ids(carried.standing)))
    print(line(f"  left behind: {len(carried.left)}" + _ids([f"{i} ({why})" for i, why in carried.left])))
    if dry_run:
        print(line(f"{shown}: would be marked closed: {day}"))
        err("dry run: nothing was written")
        return
    if target.exists() or target.is_symlink():
        raise IwgplanError(f"{target_shown} already exists; choose another file with --output")
    write_atomic(target, text.encode("utf-8"))
    try:
        run_edit(plan or path, lambda index: close(index, day), False, force=True)
    except BaseException:
        target.unlink(missing_ok=True)  # no successor without its predecessor's close
        raise
    err(f"wrote {target_shown}")


def _ids(ids: list[str], limit: int = 12) -> str:
    if not ids:
        return ""
    more = f" and {len(ids) - limit} more" if len(ids) > limit else ""
    return ": " + ", ".join(ids[:limit]) + more


def _file_name(name: str, meta: object, years: str) -> str:
    """``workplan-2025-2026.yaml`` → ``workplan-2027-2028.yaml``; else NAME-YEARS.yaml."""
    import re

    stem, dot, ext = name.rpartition(".")
    found = re.search(r"\d{4}(-\d{4})?", stem)
    if found:
        return f"{stem[: found.start()]}{years}{stem[found.end() :]}{dot}{ext}"
    return f"{stem}-{years}{dot}{ext}"


def register(app: typer.Typer) -> None:
    app.command()(handled(successor))
