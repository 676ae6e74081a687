"""Outputs cut into the units a reader sees, so that a test can say "every unit that prints this
fact carries its mark": a line of text; an HTML row, item, heading, paragraph or SVG label; a
calendar property (unfolded); a Word paragraph, table cell or footer line; a spreadsheet cell."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path


def units(out: str, fmt: str) -> list[str]:
    if fmt == "html":
        pieces = re.split(r"<tr|<div class=\"item\"|<text |<li|<p|<h\d|<rect", out)
        return [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", p)).split()) for p in pieces]
    if fmt == "ics":
        out = re.sub(r"\r?\n[ \t]", "", out).replace("\\,", ",").replace("\\n", "\n").replace("\\;", ";")
    return out.splitlines()


def docx_units(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        found += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        found += [p.text for p in section.footer.paragraphs]
    return found


def xlsx_units(path: Path) -> list[str]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return [
        str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c
    ]
