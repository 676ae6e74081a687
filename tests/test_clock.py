"""One clock: every "today" iwgplan reads comes from iwgplan.plan.dates.today.

A suite that runs across midnight once wrote one day and expected another; the fix was to
read the date in one place and pin it in tests. These tests keep it that way.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import ROOT

ELSEWHERE = re.compile(r"\b(?:date\.today|datetime\.(?:now|today|utcnow)|time\.localtime)\(")
# The one other reader, and why: a remembered screen's hit reads the day without loading
# iwgplan.plan.dates (test_memo checks it is the day the clock gives, and that with the clock
# loaded, or pinned, the clock's day is used).
HIT = "memo.py"


def test_only_the_clock_reads_the_date() -> None:
    readers = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ELSEWHERE.search(text) and path.name not in ("dates.py", HIT)
    ]
    assert readers == []


@pytest.mark.parametrize("day", [date(2026, 11, 29), date(2030, 1, 1)])
def test_commands_read_the_pinned_day(cli, small: Path, monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr("iwgplan.plan.dates.today", lambda: day)
    run = cli("note", "statement", "a note", "--plan", small)
    assert run.code == 0, run.err
    assert f"date: {day.isoformat()}" in small.read_text(encoding="utf-8")
    later = date.fromordinal(day.toordinal() + 1).isoformat()
    run = cli("note", "statement", "later", "--date", later, "--plan", small)
    assert run.code == 2
    assert f"is after today ({day.isoformat()})" in run.err
    status = cli("status", "--plan", small, "--format", "json").out
    assert f'"as_of": "{day.isoformat()}"' in status
