"""Lateness where people look (issue 24, point 8): `show` and `list` mark an overdue item as
`status` does, by the one rule of views/timeline.py; a date the document does not set is never
late, an inferred one is said as such."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import SHIPPED

DAYS = ["2026-03-29", "2026-03-30", "2026-12-07", "2027-03-01"]
LATE = re.compile(r"\b(\d+d late|\d+d past|\d+ days? late|\d+ days? past the inferred date)\b")


def _overdue(cli, plan: Path, day: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    data = json.loads(cli("status", "--plan", plan, "--as-of", day, "--format", "json").out)
    return {d["id"]: d["days_late"] for d in data["overdue"]}


@pytest.mark.parametrize("day", DAYS)
def test_list_and_show_mark_exactly_the_items_status_calls_overdue(cli, day: str) -> None:
    late = _overdue(cli, SHIPPED, day)
    rows = cli("list", "--plan", SHIPPED, "--as-of", day, "--wide").out.splitlines()
    ids = [
        e["id"] for e in json.loads(cli("list", "--plan", SHIPPED, "--format", "json").out)["action_points"]
    ]
    for ident in ids:
        row = next(r for r in rows if re.search(rf"\s{re.escape(ident)}(\s|$)", r))
        found = LATE.search(row)
        assert bool(found) == (ident in late), (day, row)
        if found:
            assert found[1].startswith(f"{late[ident]}d ")
            assert ("past" in found[1]) == ("(inferred" in row)  # an inferred date: "past", never "late"
        shown = cli("show", ident, "--plan", SHIPPED, "--as-of", day).out
        due = next((r for r in shown.splitlines() if r.startswith("due ")), "")
        assert bool(LATE.search(due)) == (ident in late), (day, due)
        if ident in late and "inferred" in due:
            assert f"{late[ident]} day" in due and "past the inferred date (MC14's end)" in due


def test_a_date_the_document_does_not_set_is_never_late(cli) -> None:
    out = cli("list", "--plan", SHIPPED, "--as-of", "2027-06-01", "--wide").out
    for row in out.splitlines():
        if "within the period" in row:
            assert not LATE.search(row), row
