"""`export --format xlsx`: read back with openpyxl (types, header, filters, widths), converted by
LibreOffice, and safe over the family of hostile text (no formula, nothing hidden)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from iwgplan.render.rows import ROW_KEYS
from iwgplan.render.safe import line
from tests.helpers import PYTHON, SHIPPED
from tests.helpers.hostile_output import plan_text

AS_OF = "2026-04-01"


def _export(cli, plan: Path, target: Path) -> openpyxl.worksheet.worksheet.Worksheet:  # type: ignore[no-untyped-def]
    run = cli("export", "--format", "xlsx", "--plan", plan, "--as-of", AS_OF, "-o", target)
    assert run.code == 0, run.err
    return openpyxl.load_workbook(target).active


def test_header_types_and_filters(cli, tmp_path: Path) -> None:
    sheet = _export(cli, SHIPPED, tmp_path / "plan.xlsx")
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == ROW_KEYS
    json_rows = json.loads(cli("export", "--format", "json", "--plan", SHIPPED, "--as-of", AS_OF).out)
    assert len(rows) - 1 == len(json_rows["action_points"])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:T{len(rows)}"  # 20 columns: due_basis, then force (issue 23)
    assert all(sheet.cell(1, n).font.b for n in range(1, len(ROW_KEYS) + 1))
    due = ROW_KEYS.index("due_date")
    for cells, expected in zip(sheet.iter_rows(min_row=2), json_rows["action_points"], strict=True):
        for key, cell in zip(ROW_KEYS, cells, strict=True):
            want = expected[key]
            if want in (None, []):
                assert cell.value is None, key
            elif key in ("due_date", "completed"):
                assert cell.value == datetime.fromisoformat(want) and cell.is_date, key
            else:
                assert cell.data_type == "s", key  # the document's numbers stay text: 4.10 is not 4.1
                assert cell.value == ("; ".join(want) if isinstance(want, list) else str(want)), key
        assert cells[due].value is None or cells[due].number_format == "yyyy-mm-dd"
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQR"]
    assert all(8 <= w <= 62 for w in widths)


def test_a_binary_file_is_not_written_to_a_terminal() -> None:
    import os
    import pty

    leader, follower = pty.openpty()
    done = subprocess.run(
        [PYTHON, "-m", "iwgplan", "export", "--format", "xlsx", "--plan", str(SHIPPED)],
        stdout=follower,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )
    os.close(follower)
    os.close(leader)
    assert done.returncode == 2 and "--format xlsx writes a binary file" in done.stderr


# Every control character, DEL and C1, bidi controls, invisible format characters, and text a
# spreadsheet would run as a formula: the cell holds text, the reader sees every character.
HOSTILE = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]]
HOSTILE += [
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\u2060",
    "\u2064",
    "\u00ad",
    "\ufeff",
    "\u3164",
    "\u2028",
]
FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://x")', "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("payload", [*HOSTILE, *FORMULAS], ids=repr)
def test_hostile_text_is_text_and_visible(cli, tmp_path: Path, payload: str) -> None:
    plan = tmp_path / "hostile.yaml"
    plan.write_text(plan_text(payload), encoding="utf-8")
    sheet = _export(cli, plan, tmp_path / "h.xlsx")
    seen = False
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s"  # never a formula
                if payload in FORMULAS and payload in cell.value:
                    seen = True
                if payload not in FORMULAS and payload not in "\t\n\r":
                    assert payload not in cell.value, (repr(payload), cell.value)
                    seen = seen or line(payload) in cell.value
    assert seen or payload in "\t\n\r"


@pytest.mark.skipif(
    not Path("/usr/lib/libreoffice/program/libsclo.so").exists(),
    reason="LibreOffice Calc is not installed (.ci/run installs libreoffice-calc-nogui)",
)
def test_libreoffice_reads_the_workbook(cli, tmp_path: Path) -> None:
    _export(cli, SHIPPED, tmp_path / "plan.xlsx")
    profile = tmp_path / "profile"
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",  # comma, double quote, UTF-8
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "plan.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "plan.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ROW_KEYS
    shipped = [r for r in rows[1:] if r[0] == "joint-statement"][0]
    assert shipped[ROW_KEYS.index("number")] == "Tier one, 1"
    assert shipped[ROW_KEYS.index("due_date")] == "2026-03-29"
