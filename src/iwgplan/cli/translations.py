"""`iwgplan translations`: what lacks a French or Spanish text, a sheet for translators, and the
filled sheet applied back to the plan."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iwgplan.cli.common import (
    AsOfOpt,
    DryRunOpt,
    ForceOpt,
    PlanOpt,
    emit,
    handled,
    load_view,
    refuse_plan_as_output,
)
from iwgplan.errors import UsageError

OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.", dir_okay=False),
]


class Only(StrEnum):
    fr = "fr"
    es = "es"


class SheetFmt(StrEnum):
    text = "text"
    csv = "csv"
    xlsx = "xlsx"


def translations(
    *,
    only: Annotated[
        Only | None,
        typer.Option("--lang", help="Only this language (fr or es). Default: both.", show_default=False),
    ] = None,
    fmt: Annotated[
        SheetFmt,
        typer.Option(
            "--format",
            help="text: a list by language; csv or xlsx: a sheet for translators (path, id, en and a"
            " column per language to fill).",
        ),
    ] = SheetFmt.text,
    output: OutputOpt = None,
    import_: Annotated[
        Path | None,
        typer.Option(
            "--import",
            help="Apply a filled sheet (.csv or .xlsx, as --format wrote it): each filled text"
            " becomes {en: ..., fr: ...} in its place; nothing else in the file changes.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOpt = False,
    force: ForceOpt = False,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
) -> None:
    """List the plan's texts (title, description, note) that lack a French or Spanish version,
    write them as a sheet for translators, or apply the filled sheet.

    Example: iwgplan translations --lang fr --format csv -o fr.csv; then iwgplan translations --import fr.csv
    """
    if import_ is not None:
        if output is not None or fmt is not SheetFmt.text or only is not None:
            raise UsageError("--import takes no --output, --format or --lang: the sheet says which languages")
        _import(import_, plan, dry_run, force)
        return
    if dry_run:
        raise UsageError("--dry-run applies to --import only")
    if fmt is SheetFmt.xlsx and output is None:
        import sys

        if sys.stdout.isatty():
            raise UsageError("--format xlsx writes a binary file: give --output/-o FILE (or redirect stdout)")
    refuse_plan_as_output(output, plan)
    from iwgplan.plan.model import OTHER_LANGUAGES
    from iwgplan.render import translations_out as out
    from iwgplan.views.translate import missing

    view = load_view(plan, None, as_of)
    wanted = missing(view.plan, (only.value,) if only else OTHER_LANGUAGES)
    if fmt is SheetFmt.text:
        emit(out.listing(wanted), output)
        return
    header, body = out.rows(wanted)
    if fmt is SheetFmt.csv:
        emit(out.sheet_csv(header, body), output)
    else:
        emit(out.sheet_xlsx(header, body, view.as_of), output)


def _read_sheet(path: Path) -> tuple[list[str], list[list[str]]]:
    from iwgplan.errors import IwgplanError

    try:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
            if not book.worksheets:
                raise ValueError("no sheet in the workbook")
            found = book.worksheets[0].iter_rows(values_only=True)
            values = [["" if v is None else str(v) for v in row] for row in found]
            book.close()
        else:
            import csv

            from iwgplan.files.limits import MAX_BYTES

            raw = path.read_bytes()
            if len(raw) > MAX_BYTES:
                raise IwgplanError(f"{path}: larger than {MAX_BYTES} bytes; nothing was written")
            text = raw.decode("utf-8-sig")
            values = [list(row) for row in csv.reader(text.splitlines(keepends=True))]
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as exc:
        raise IwgplanError(f"{path}: cannot read the sheet ({exc}); nothing was written") from None
    values = [row for row in values if any(cell.strip() for cell in row)]
    if not values:
        raise IwgplanError(f"{path}: the sheet is empty; nothing was written")
    return values[0], values[1:]


def _import(sheet: Path, plan: Path | None, dry_run: bool, force: bool) -> None:
    from iwgplan.cli.editing import run_edit
    from iwgplan.edit.translations import outcome
    from iwgplan.render.safe import sheet_text

    header, body = _read_sheet(sheet)
    as_written = sheet_text if sheet.suffix.lower() == ".xlsx" else str
    run_edit(plan, lambda index: outcome(index, header, body, str(sheet), as_written), dry_run, force=force)


def register(app: typer.Typer) -> None:
    app.command()(handled(translations))
