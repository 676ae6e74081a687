"""One flat row per action point, for JSON, CSV and spreadsheets. Keys are stable."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.render.safe import csv_cell
from iwgplan.views.timeline import cookie, due_basis_of, effective_due, effective_kind, shown_status

ROW_KEYS = [
    "id",
    "number",
    "title",
    "status",
    "recorded_status",
    "tier",
    "focus_area",
    "parent",
    "due",
    "due_date",
    "completed",
    "owners",
    "partners",
    "refs",
    "depends_on",
    "children_done",
    "kind",
    "recorded_kind",
    "due_basis",
    "force",
]


def item_row(entry: Entry, index: PlanIndex) -> dict[str, Any]:
    item = entry.item
    due = effective_due(entry, index)
    return {
        "id": item.id,
        "number": entry.number,
        "title": item.title,
        "status": shown_status(entry, index),  # what every screen says: "standing", not "planned"
        "recorded_status": item.status.value,
        "tier": entry.group.id,
        "focus_area": entry.focus.id if entry.focus else None,
        "parent": entry.parent.id if entry.parent else None,
        "due": item.due,
        "due_date": _iso(due),
        "completed": _iso(item.completed),
        "owners": list(item.owners),
        "partners": list(item.partners),
        "refs": list(item.refs),
        "depends_on": list(item.depends_on),
        "children_done": cookie(entry) or None,
        "kind": effective_kind(entry, index),
        "recorded_kind": item.kind,
        "due_basis": due_basis_of(entry) if due else None,
        "force": item.force,  # the document's own verb: will, intend, encourage, could ...
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# Cells a spreadsheet would turn into a number or a date: 4.10 becomes 4.1, 2026-12 Dec-26.
_NUMBERLIKE = re.compile(r"[0-9][0-9./-]*")
TEXT_COLUMNS = ("number", "due")  # the document's numbering and `due` as written are text


def rows_csv(rows: list[dict[str, Any]], *, raw: bool = False, excel: bool = False) -> str:
    """CSV with a leading ``'`` on cells a spreadsheet would run as a formula, unless ``raw``.

    Rows end in LF. The writer is told CRLF so that it quotes a cell holding a lone CR too
    (with LF alone it would not, and the CR would split the row); each row's CRLF becomes LF.
    With ``excel``: a byte-order mark (Excel on Windows reads UTF-8 only with it), CRLF line ends,
    and number-like document numbers and ``due`` values as ``="4.10"``, which Excel and LibreOffice
    show as the text 4.10 (only digits, dots, dashes and slashes are ever wrapped).
    """
    row_out = io.StringIO()
    writer = csv.DictWriter(row_out, fieldnames=ROW_KEYS, lineterminator="\r\n")
    lines = []
    for n, row in enumerate([dict(zip(ROW_KEYS, ROW_KEYS, strict=True)), *rows]):
        row_out.seek(0)
        row_out.truncate()
        cells = {k: csv_cell("; ".join(v) if isinstance(v, list) else v, raw) for k, v in row.items()}
        if excel and n:
            cells.update({k: f'="{cells[k]}"' for k in TEXT_COLUMNS if _NUMBERLIKE.fullmatch(cells[k])})
        writer.writerow(cells)
        lines.append(row_out.getvalue() if excel else row_out.getvalue()[:-2] + "\n")
    return ("\ufeff" if excel else "") + "".join(lines)
