"""`status` on one screen (issue 24): at 80x40 and 120x40, on the shipped plan at five dates and
on a plan with a year of progress, every screen fits, nothing wraps, no line ends in spaces."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers import SHIPPED
from tests.helpers.progressed import progressed
from tests.helpers.snapshots import snapshot

DATES = ["2025-09-15", "2026-03-27", "2026-03-30", "2026-09-01", "2026-12-07"]
SIZES = [80, 120]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A terminal of 40 lines; the plan's path is the same in every checkout."""
    monkeypatch.chdir(SHIPPED.parent.parent)
    monkeypatch.setattr("iwgplan.cli.output.on_terminal", lambda: True)
    monkeypatch.setenv("LINES", "40")
    return monkeypatch


def _screen(cli, plan: Path | str, day: str, columns: int, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", str(columns))
    run = cli("status", "--plan", plan, "--as-of", day, "--no-pager", "--color", "never")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert len(lines) <= 40, f"{len(lines)} lines at {columns}x40 on {day}"
    assert max(len(line) for line in lines) <= columns
    assert all(line == line.rstrip() for line in lines)
    return run.out


@pytest.mark.parametrize("columns", SIZES)
@pytest.mark.parametrize("day", DATES)
def test_status_of_the_shipped_plan_fits_the_screen(cli, terminal, day: str, columns: int) -> None:
    out = _screen(cli, "plans/workplan-2025-2026.yaml", day, columns, terminal)
    snapshot(f"screen-{day}-{columns}.txt", out)


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan after a year of progress recorded with the CLI (built once)."""
    from typer.testing import CliRunner

    from iwgplan.cli.app import app

    folder = tmp_path_factory.mktemp("progressed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("iwgplan.plan.dates.today", lambda: date(2026, 12, 7))
        patch.setenv("IWGPLAN_CACHE_DIR", str(folder / "cache"))

        class Run:
            def __init__(self, *args: object) -> None:
                result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
                self.code, self.err = result.exit_code, result.stderr

        return progressed(folder, Run)


@pytest.mark.parametrize("columns", SIZES)
@pytest.mark.parametrize("day", ["2026-06-15", "2026-12-07"])
def test_status_of_a_progressed_plan_fits_the_screen(
    cli, terminal, year: Path, day: str, columns: int
) -> None:
    terminal.chdir(year.parent.parent)  # the path shown is the same in every run
    out = _screen(cli, "plans/workplan-2025-2026.yaml", day, columns, terminal)
    snapshot(f"screen-progressed-{day}-{columns}.txt", out)
    # every list says how many it holds, and what it does not show is counted, with the command
    overdue = int(re.search(r"^Overdue \((\d+)\)", out, re.M)[1])  # type: ignore[index]
    shown = re.search(r"^Overdue.*?\n((?: .*\n)*)", out, re.M)[1]  # type: ignore[index]
    more = re.search(r"… and (\d+) more: iwgplan list --overdue", shown)
    assert len([x for x in shown.splitlines() if "… and" not in x]) + (int(more[1]) if more else 0) == overdue


def test_full_wraps_titles_and_keeps_every_list(cli, terminal, year: Path) -> None:
    terminal.setenv("COLUMNS", "80")
    run = cli("status", "--plan", year, "--as-of", "2026-12-07", "--full", "--no-pager", "--color", "never")
    assert run.code == 0, run.err
    assert "…" not in run.out.replace("… and", "")
    flat = re.sub(r"\s+", " ", run.out)
    assert "Second data workshop on gender-disaggregated services trade" in flat
    assert max(len(line) for line in run.out.splitlines()) <= 80
    assert cli("status", "--full", "--wide").code == 2


@pytest.mark.parametrize("columns", ["", "60", "80", "120"])
def test_piped_status_honours_columns_and_pads_nothing(cli, monkeypatch, year: Path, columns: str) -> None:
    """Piped, COLUMNS set is the width (as click, rich and git take it); unset, nothing is cut.
    Either way no line ends in spaces and no row is padded past its last word."""
    monkeypatch.setattr("iwgplan.cli.output.on_terminal", lambda: False)
    if columns:
        monkeypatch.setenv("COLUMNS", columns)
    else:
        monkeypatch.delenv("COLUMNS")
    run = cli("status", "--plan", year, "--as-of", "2026-12-07")
    lines = run.out.splitlines()
    assert all(line == line.rstrip() for line in lines)
    # a row ends with its title: nothing pads it out to the longest row's width
    rows = [line for line in lines if "Second data workshop" in line]
    assert all(row.endswith(("…", "· WTO Secretariat")) for row in rows)
    if columns:
        assert max(len(line) for line in lines) <= int(columns)
    else:
        assert "Second data workshop on gender-disaggregated services trade · WTO Secretariat" in run.out


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
def test_timeline_marks_never_run_together(width: int) -> None:
    """On every day of the period, each milestone's number and today's ▲ stand apart, numbered
    1, 2, 3... in order: never "43▲"."""
    from iwgplan.files.loading import load_text
    from iwgplan.render.text import timeline
    from iwgplan.views.timeline import summarize

    _, index = load_text(SHIPPED.read_text(encoding="utf-8"), "plan")
    day = date(2025, 9, 1)
    while day <= date(2027, 1, 31):
        marks = timeline(summarize(index, day, 0), width).plain.splitlines()[1]
        tokens = marks.split()
        assert all(re.fullmatch(r"\d+|▲", t) for t in tokens), (day, marks)
        numbers = [int(t) for t in tokens if t != "▲"]
        assert numbers == list(range(1, len(numbers) + 1)), (day, marks)
        assert len(marks) <= width
        day += timedelta(days=3)
