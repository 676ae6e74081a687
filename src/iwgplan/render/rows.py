"""One flat row per action point, for JSON, CSV and spreadsheets. Keys are stable."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.render.safe import csv_cell
from iwgplan.views.timeline import cookie, effective_due, rollup

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
]


def item_row(entry: Entry, index: PlanIndex) -> dict[str, Any]:
    item = entry.item
    due = effective_due(entry, index)
    return {
        "id": item.id,
        "number": entry.number,
        "title": item.title,
        "status": rollup(entry).value,
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
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def rows_csv(rows: list[dict[str, Any]], *, raw: bool = False) -> str:
    """CSV with a leading ``'`` on cells a spreadsheet would run as a formula, unless ``raw``.

    Rows end in LF. The writer is told CRLF so that it quotes a cell holding a lone CR too
    (with LF alone it would not, and the CR would split the row); each row's CRLF becomes LF.
    """
    row_out = io.StringIO()
    writer = csv.DictWriter(row_out, fieldnames=ROW_KEYS, lineterminator="\r\n")
    lines = []
    for row in [dict(zip(ROW_KEYS, ROW_KEYS, strict=True)), *rows]:
        row_out.seek(0)
        row_out.truncate()
        writer.writerow(
            {k: csv_cell("; ".join(v) if isinstance(v, list) else v, raw) for k, v in row.items()}
        )
        lines.append(row_out.getvalue()[:-2] + "\n")
    return "".join(lines)
