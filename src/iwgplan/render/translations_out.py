"""What lacks a translation, for people (a list by language) and for translators (a CSV or xlsx
sheet to fill: one row per text, its place in the file, its English and a column per language)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from iwgplan.render.safe import csv_cell, line, sheet_text
from iwgplan.views.translate import Text

COLUMNS = ("path", "id", "en")


def listing(missing: dict[str, list[Text]]) -> str:
    """Each language, how many texts lack it, then each text's place and English."""
    out = []
    for lang, texts in missing.items():
        out.append(f"{lang}: {len(texts)} text{'' if len(texts) == 1 else 's'} without a translation")
        out += [f"  {t.path}  ({line(t.label)})  {line(t.english)}" for t in texts]
    return "\n".join(out) + "\n"


def rows(missing: dict[str, list[Text]]) -> tuple[list[str], list[list[str]]]:
    """The header and one row per text lacking any of the languages (what it has filled in)."""
    langs = list(missing)
    seen: dict[str, Text] = {}
    for texts in missing.values():
        for t in texts:
            seen.setdefault(t.path, t)
    order = sorted(seen.values(), key=lambda t: _order(t, missing))
    body = [[t.path, t.label, t.english, *(t.translations.get(lang, "") for lang in langs)] for t in order]
    return [*COLUMNS, *langs], body


def _order(text: Text, missing: dict[str, list[Text]]) -> int:
    for texts in missing.values():
        for n, t in enumerate(texts):
            if t.path == text.path:
                return n
    return 0  # pragma: no cover - every text comes from missing


def sheet_csv(header: list[str], body: list[list[str]]) -> str:
    """CSV for a spreadsheet: a cell that could be read as a formula gets a leading '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in body)
    return buffer.getvalue()


def sheet_xlsx(header: list[str], body: list[list[str]], as_of: date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    stamp = datetime(as_of.year, as_of.month, as_of.day)
    book.properties.creator = "iwgplan"
    book.properties.created = book.properties.modified = stamp
    sheet = book.create_sheet("Translations")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in body:
        typed = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=sheet_text(value) if value else None)
            cell.data_type = "s"
            typed.append(cell)
        sheet.append(typed)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
