"""Timeline arithmetic at fixed as-of dates: pure functions over the shipped plan."""

from __future__ import annotations

from datetime import date

import pytest

from iwgplan.files.loading import load_text
from iwgplan.plan.index import PlanIndex
from iwgplan.plan.model import Status
from iwgplan.views.timeline import due_date, elapsed_fraction, rollup, summarize
from tests.helpers import SHIPPED, SMALL


@pytest.fixture(scope="module")
def index() -> PlanIndex:
    return load_text(SHIPPED.read_text(encoding="utf-8"), "p")[1]


def ids(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.id for r in rows]


def test_before_the_start(index: PlanIndex) -> None:
    s = summarize(index, date(2025, 8, 1))
    assert s.elapsed == 0.0
    assert ids(s.overdue) == []  # the July 2025 meeting predates the revision: past business
    assert ids(s.past) == ["agenda-process"]
    assert ids(s.upcoming) == []
    assert [(m.id, m.days) for m in s.next_milestones][:2] == [("start", 31), ("mc14", 237)]


def test_first_day(index: PlanIndex) -> None:
    s = summarize(index, date(2025, 9, 1))
    assert s.elapsed == pytest.approx(1 / 487)
    assert ids(s.overdue) == []
    assert ids(s.past) == ["agenda-process"]
    assert s.next_milestones[0].id == "start" and s.next_milestones[0].days == 0  # under way


def test_during_mc14(index: PlanIndex) -> None:
    s = summarize(index, date(2026, 3, 27))
    assert ids(s.overdue) == []  # due when MC14 ends, on 29 March
    assert [(d.id, d.days) for d in s.upcoming][:2] == [("joint-statement", 2), ("compendium-2020", 2)]
    assert s.next_milestones[0].id == "mc14" and s.next_milestones[0].days == 0


def test_day_after_mc14(index: PlanIndex) -> None:
    s = summarize(index, date(2026, 3, 30))
    assert ids(s.overdue) == ["joint-statement", "compendium-2020"]
    assert s.overdue[0].days == -1
    assert s.next_milestones[0].id == "end"


def test_last_day(index: PlanIndex) -> None:
    s = summarize(index, date(2026, 12, 31))
    assert s.elapsed == 1.0
    # the ten items the document sets no date for run to the end of the period: never "due today"
    assert ids(s.upcoming) == ["report-back-duty"]
    assert "msme-toolkit" in ids(s.within) and len(s.within) == 10 and s.within[0].days == 0
    assert s.within_heading == "Within the period (to December 2026)"
    assert [m.id for m in s.next_milestones] == ["end", "report-back"]


def test_after_the_end(index: PlanIndex) -> None:
    s = summarize(index, date(2027, 2, 1))
    assert s.elapsed == 1.0
    # the report back (a date the document states) and the two inferred from MC14's end; the ten
    # the document sets no date for are open when the period ended, never late
    assert ids(s.overdue) == ["joint-statement", "compendium-2020", "report-back-duty"]
    assert s.overdue[-1].days == -1
    assert len(s.within) == 10 and s.within_heading == "Open when the period ended"
    assert s.next_milestones == []
    assert s.counts == {"planned": 13, "in-progress": 0, "done": 0, "blocked": 0, "dropped": 0}


def test_month_is_a_range_and_a_milestone_due_falls_at_its_end(index: PlanIndex) -> None:
    assert due_date("2026-02", index.milestones) == date(2026, 2, 28)
    assert due_date("mc14", index.milestones) == date(2026, 3, 29)
    assert due_date("report-back", index.milestones) == date(2027, 1, 31)
    assert due_date("end", index.milestones) == date(2026, 12, 31)
    assert due_date("2026-05-04", index.milestones) == date(2026, 5, 4)


def test_elapsed_fraction_bounds() -> None:
    start, end = date(2025, 9, 1), date(2025, 9, 10)
    assert [elapsed_fraction(start, end, date(2025, 9, d)) for d in (1, 5, 10)] == [0.1, 0.5, 1.0]


def test_children_roll_up() -> None:
    text = SMALL.read_text(encoding="utf-8")
    index = load_text(text, "s")[1]
    parent = index.get("parent")
    assert rollup(parent) is Status.IN_PROGRESS  # one kid is in progress
    done = text.replace("status: 'planned'", "status: done\n                completed: 2026-01-01").replace(
        "status: in-progress\n                history", "status: dropped\n                history"
    )
    assert rollup(load_text(done, "s")[1].get("parent")) is Status.DONE
