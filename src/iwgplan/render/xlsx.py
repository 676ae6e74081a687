"""The action points as an Excel workbook (openpyxl): one typed row per action point.

Dates are real dates, the document's numbers and `due` as written are text (4.10 stays 4.10),
every text cell is typed as text, so no plan text is ever read as a formula, and characters that
a spreadsheet cannot hold or would hide (controls, bidi marks, invisible characters) are shown as
their code point (as the terminal shows them). The header row is frozen and filtered, columns
are as wide as their words (up to a bound). Written in openpyxl's write-only mode: memory grows
with the row, not the sheet.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from iwgplan.i18n import N_
from iwgplan.i18n import gettext as _
from iwgplan.render.rows import ROW_KEYS
from iwgplan.render.safe import sheet_text

DATE_COLUMNS = ("due_date", "completed")
MAX_WIDTH = 60
# Translators: the header row of the spreadsheet export, one heading per column (the row's keys
# in English, which CSV and JSON keep as they are for scripts).
HEADINGS = {
    "id": N_("id"),
    "number": N_("number"),
    "title": N_("title"),
    "status": N_("status"),
    "recorded_status": N_("recorded_status"),
    "tier": N_("tier"),
    "focus_area": N_("focus_area"),
    "parent": N_("parent"),
    "due": N_("due"),
    "due_date": N_("due_date"),
    "completed": N_("completed"),
    "owners": N_("owners"),
    "partners": N_("partners"),
    "refs": N_("refs"),
    "depends_on": N_("depends_on"),
    "children_done": N_("children_done"),
    "kind": N_("kind"),
    "recorded_kind": N_("recorded_kind"),
    "due_basis": N_("due_basis"),
    "force": N_("force"),
}


def cell_text(value: object) -> str:
    """A text cell: the plan's text exactly, but what a sheet cannot hold or would hide made visible."""
    return sheet_text("; ".join(str(v) for v in value) if isinstance(value, list) else value)


def _value(key: str, value: Any) -> object:
    if value is None or value == []:
        return None
    if key in DATE_COLUMNS:
        return date.fromisoformat(value)
    return cell_text(value)


def rows_xlsx(rows: list[dict[str, Any]], as_of: date) -> bytes:
    """The workbook's bytes; its document properties carry ``as_of``, not the time of writing."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    stamp = datetime(as_of.year, as_of.month, as_of.day)
    book.properties.creator = "iwgplan"
    book.properties.created = book.properties.modified = stamp
    sheet = book.create_sheet(_("Action points"))
    values = [[_value(k, row.get(k)) for k in ROW_KEYS] for row in rows]
    headings = [_(HEADINGS[key]) for key in ROW_KEYS]  # the header row only is in the language
    for n, key in enumerate(ROW_KEYS, start=1):
        words = headings[n - 1]
        longest = max([len(words), *(len(str(v)) for v in (r[n - 1] for r in values) if v is not None)])
        wide = 12 if key in DATE_COLUMNS else min(longest + 2, MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(n)].width = wide
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(ROW_KEYS))}{len(rows) + 1}"
    bold = Font(bold=True)
    header = []
    for words in headings:
        cell = WriteOnlyCell(sheet, value=words)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in values:
        sheet.append([_cell(sheet, v, WriteOnlyCell) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet: Any, value: object, make: Any) -> Any:
    cell = make(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, even when it starts with "=": never a formula
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell
