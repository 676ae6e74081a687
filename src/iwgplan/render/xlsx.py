"""The action points as an Excel workbook (openpyxl): one typed row per action point.

Dates are real dates, the document's numbers and `due` as written are text (4.10 stays 4.10),
every text cell is typed as text, so no plan text is ever read as a formula, and characters that
a spreadsheet cannot hold or would hide (controls, bidi marks, invisible characters) are shown as
their code point. The header row is frozen and filtered, columns are as wide as their words
(up to a bound). Written in openpyxl's write-only mode: memory grows with the row, not the sheet.
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from iwgplan.render.rows import ROW_KEYS

DATE_COLUMNS = ("due_date", "completed")
MAX_WIDTH = 60
# XML 1.0 cannot hold C0 controls (but tab, LF, CR) or lone surrogates; DEL, C1, bidi controls
# and invisible format characters would hide or reorder text a reader should see.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u00ad\u115f\u1160\u3164\uffa0]")


def _shown(char: str) -> str:
    return f"<U+{ord(char):04X}>"


def cell_text(value: object) -> str:
    """A text cell: the plan's text exactly, but what a sheet cannot hold or would hide made visible."""
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    text = _HIDDEN.sub(lambda m: _shown(m[0]), text)
    return "".join(_shown(c) if unicodedata.category(c) == "Cf" else c for c in text)


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
    sheet = book.create_sheet("Action points")
    values = [[_value(k, row.get(k)) for k in ROW_KEYS] for row in rows]
    for n, key in enumerate(ROW_KEYS, start=1):
        longest = max([len(key), *(len(str(v)) for v in (r[n - 1] for r in values) if v is not None)])
        wide = 12 if key in DATE_COLUMNS else min(longest + 2, MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(n)].width = wide
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(ROW_KEYS))}{len(rows) + 1}"
    bold = Font(bold=True)
    header = []
    for key in ROW_KEYS:
        cell = WriteOnlyCell(sheet, value=key)
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
