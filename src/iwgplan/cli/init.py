"""`iwgplan init [DIR]`: start keeping a plan in DIR/plans/, with its schema in DIR/schemas/."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated

import typer

from iwgplan.cli.common import err, handled
from iwgplan.errors import IwgplanError, PlanInvalid, UsageError
from iwgplan.files.reading import path_kind
from iwgplan.plan import dates


def init(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="Where plans/ and schemas/ are created.")
    ] = Path("."),
    *,
    blank: Annotated[
        bool, typer.Option("--blank", help="Write a blank plan (one tier, focus area and action point).")
    ] = False,
    name: Annotated[
        str, typer.Option("--name", help="--blank: the plan's id and file name (lower-case).")
    ] = "workplan",
    title: Annotated[str, typer.Option("--title", help="--blank: the plan's title.")] = "Work plan",
    start: Annotated[
        str | None, typer.Option("--start", help="--blank: first month or day (default: this month).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--end", help="--blank: last month or day (default: 11 months on).")
    ] = None,
) -> None:
    """Start a plan in DIR/plans/: a copy of the IWG plan, or with --blank an empty one to fill in.

    Also writes DIR/schemas/workplan.schema.json, which the plan's first line names, so that
    editors with the YAML language server explain every key. Never overwrites a file.

    Example: iwgplan init --blank my-group --name trade-group --title "Our work plan" --start 2026-01
    """
    header = {"--name": name != "workplan", "--title": title != "Work plan", "--start": start, "--end": end}
    given = [option for option, used in header.items() if used]
    if given and not blank:
        raise UsageError(f"{', '.join(given)}: only for a blank plan; add --blank")
    for option, value in (("--name", name), ("--title", title), ("--start", start), ("--end", end)):
        bad = re.search("[\ud800-\udfff]", value or "")
        if bad:  # bytes that were not UTF-8 in the argument reach Python as lone surrogates
            where = f"byte 0x{ord(bad[0]) - 0xDC00:02x} at character {bad.start() + 1}"
            raise UsageError(f"{option} is not valid UTF-8 ({where})")
    text, file_name = _blank(name, title, start, end) if blank else _embedded()
    target = folder / "plans" / file_name
    _create(target, text)
    schema = _schema(folder / "schemas" / "workplan.schema.json")
    err(f"created {target}{schema}; edit it, then run `iwgplan validate`")


def _embedded() -> tuple[str, str]:
    from iwgplan.files.discover import EMBEDDED_NAME, embedded_text

    return embedded_text(), EMBEDDED_NAME


def _blank(name: str, title: str, start: str | None, end: str | None) -> tuple[str, str]:
    from iwgplan.files.blank import blank_plan
    from iwgplan.plan.dates import When

    today = dates.today()
    first = start or f"{today:%Y-%m}"
    try:
        begins = When.parse(first)
        last = end or str(When((begins.year * 12 + begins.month + 10) // 12, (begins.month + 10) % 12 + 1))
        When.parse(last)
        return blank_plan(name=name, title=title, start=first, end=last, today=today), f"{name}.yaml"
    except ValueError as exc:
        raise UsageError(f"--start/--end: {exc}") from None
    except PlanInvalid as exc:
        raise UsageError("the plan would be invalid:\n" + _problems(exc)) from None


def _problems(exc: PlanInvalid) -> str:
    return "\n".join(f"  {p.dotted}: {p.message}" for p in exc.result.problems)


def _create(target: Path, text: str, suffix: str = "; nothing was changed") -> None:
    try:
        _folder(target.parent)
        with open(target, "x", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except FileExistsError:
        kind = path_kind(target)
        what = "" if kind == "a file" else f" ({kind})"
        raise IwgplanError(f"{target} already exists{what}{suffix}") from None
    except OSError as exc:
        raise IwgplanError(f"cannot create {target}: {exc.strerror or exc}{suffix}") from None
    except IwgplanError as exc:
        raise IwgplanError(f"{exc}{suffix}") from None


def _folder(folder: Path) -> None:
    """Make ``folder`` and its parents; one of them that is there but not a folder (a file, a
    FIFO, a link that leads nowhere) is named, rather than blamed on the plan file."""
    for place in [*reversed(folder.parents), folder]:
        if place.is_dir():
            continue
        if os.path.lexists(place):
            raise IwgplanError(f"{place} is {path_kind(place)}, not a folder")
        break
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IwgplanError(f"cannot create the folder {folder}: {exc.strerror or exc}") from None


def _schema(target: Path) -> str:
    """Write the schema beside the plan unless a file is there; say what happened."""
    from iwgplan.plan.jsonschema import schema_text

    wanted = schema_text()
    try:
        if target.is_file():
            if target.read_text(encoding="utf-8") == wanted:
                return f" (kept {target}, which is current)"
            return f" (kept {target}, which differs: `iwgplan schema -o {target}` updates it)"
        _create(target, wanted, suffix="")
    except (OSError, IwgplanError, UnicodeDecodeError) as exc:
        return f" (no schema: {exc})"
    return f" and {target}"


def register(app: typer.Typer) -> None:
    app.command()(handled(init))
