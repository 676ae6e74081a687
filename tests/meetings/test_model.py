"""Meetings and requests in the plan file: what `validate` accepts, and where it says a link or
date is wrong (file:line:col, as for every other problem)."""

from __future__ import annotations

from pathlib import Path

import pytest

from iwgplan.files.loading import check_text
from iwgplan.plan import meetings
from tests.helpers import FIXTURES, SHIPPED

EXAMPLE = FIXTURES / "meetings-example.yaml"


def test_the_shipped_plan_records_the_meeting_the_document_names(cli) -> None:
    checked = check_text(SHIPPED.read_text(encoding="utf-8"), "p.yaml")
    assert checked.plan is not None
    [meeting] = checked.plan.meetings  # 5.1(a): "the IWG meeting of 3 July 2025"; none invented
    assert (meeting.id, str(meeting.date), meeting.basis) == ("iwg-2025-07-03", "2025-07-03", "document")
    [item] = meeting.agenda
    assert item.items == ["agenda-process"] and item.outcome is None  # no outcome: not in the document
    assert checked.plan.requests == []
    assert cli("validate", SHIPPED).code == 0


def test_the_example_plan_holds_a_year_of_meetings(cli) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.startswith("# EXAMPLE ONLY")
    checked = check_text(text, "p.yaml")
    assert checked.plan is not None
    days = [m.date for m in checked.plan.meetings]
    assert len(days) >= 4 and (days[-1] - days[1]).days >= 300
    assert {r.kind for r in checked.plan.requests} == {"thematic-session", "secretariat-update"}
    assert cli("validate", EXAMPLE).code == 0


def test_a_plan_without_meetings_stays_valid(cli, tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    cut = tmp_path / "p.yaml"
    cut.write_text(text[: text.index("\n# The one meeting the document names")] + "\n", encoding="utf-8")
    assert cli("validate", cut).code == 0


# (what to replace, with what, the text the problem points at, the loc, words of the message)
BROKEN = [
    ("items: [msme-toolkit]\n        request: msme", "items: [msme-toolkits]\n        request: msme",
     "msme-toolkits", "meetings[2].agenda[1].items[0]", "is not the id of an action point"),
    ("request: data-update-request", "request: no-such-request", "no-such-request",
     "meetings[2].agenda[2].request", "is not the id of a request"),
    ("    meeting: iwg-2026-02-10\n  - id: data", "    meeting: iwg-2099\n  - id: data", "iwg-2099",
     "requests[0].meeting", "is not the id of a meeting"),
    ("    date: 2025-11-18\n    items: [msme", "    date: 2026-03-01\n    items: [msme", "2026-03-01",
     "requests[0].date", "after the meeting that takes it up"),
    ("  - id: iwg-2026-06-16", "  - id: iwg-2026-02-10", "iwg-2026-02-10\n    date: 2026-06-16",
     "meetings[3].id", "duplicate id 'iwg-2026-02-10'"),
    ("  - id: iwg-2026-06-16", "  - id: msme-toolkit", "msme-toolkit\n    date: 2026-06-16",
     "meetings[3].id", "duplicate id 'msme-toolkit'"),
    ("  - id: tpr-session-request", "  - id: last-meeting", "last-meeting",
     "meetings", "duplicate"),  # placeholder, replaced below
    ("      - id: secretariat\n", "      - id: msme-session\n", "msme-session\n        kind: secretariat",
     "meetings[2].agenda[2].id", "duplicate agenda item id 'msme-session'"),
    ("        kind: secretariat-update\n        title: Update", "        kind: presentation\n        title: Update",
     "presentation\n        title: Update", "meetings[2].agenda[2].kind", "asks for a secretariat-update"),
    ("    date: 2026-06-16", "    date: 2026-06-31", "2026-06-31", "meetings[3].date", ""),
    ("    kind: thematic\n    title: IWG meeting\n    theme: Gender", "    kind: plenary\n    title: IWG meeting\n    theme: Gender",
     "plenary", "meetings[3].kind", ""),
    ("          - {name: Example Speaker,", "          - {who: Example Speaker,", "{who: Example Speaker",
     "meetings[2].agenda[1].speakers[0]", "name"),
    ("    by: [Example Member D]\n", "", "- id: tpr-session-request", "requests[2]", "by"),
]  # fmt: skip
BROKEN[6] = (
    "  - id: iwg-2026-10-13",
    "  - id: last-meeting",
    "last-meeting",
    "meetings[4].id",
    "is reserved",
)


@pytest.mark.parametrize(
    ("old", "new", "at", "loc", "words"), BROKEN, ids=[b[3] + ":" + b[4] for b in BROKEN]
)
def test_each_broken_link_or_date_is_located(cli, tmp_path: Path, old, new, at, loc, words) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    run = cli("validate", bad)
    assert run.code == 1
    offset = text.index(at, text.index(new) if new else 0)
    line = text.count("\n", 0, offset) + 1
    lines = [x for x in run.out.splitlines() if f": {loc}" in x and words in x]
    assert lines, run.out
    where = lines[0].split(": ", 1)[0]
    assert where.startswith(f"{bad}:{line}:"), (lines, line)


def test_a_version_1_file_may_not_hold_meetings(cli, tmp_path: Path) -> None:
    bad = tmp_path / "v1.yaml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("schema_version: 2", "schema_version: 1"))
    run = cli("validate", bad)
    assert run.code == 1 and "'meetings' is new in schema_version 2" in run.out


def test_the_meeting_before_a_day_skips_side_events() -> None:
    checked = check_text(EXAMPLE.read_text(encoding="utf-8"), "p.yaml")
    plan = checked.plan
    assert plan is not None
    from datetime import date

    assert meetings.last_before(plan, date(2026, 2, 10)).id == "iwg-2025-11-18"  # type: ignore[union-attr]
    assert meetings.last_before(plan, date(2026, 2, 11)).id == "iwg-2026-02-10"  # type: ignore[union-attr]
    assert meetings.next_from(plan, date(2026, 2, 10)).id == "iwg-2026-02-10"  # type: ignore[union-attr]
    assert meetings.last_before(plan, date(2025, 7, 3)) is None
    assert [m.id for m, _ in meetings.discussed(plan, "JOINT-statement")] == ["iwg-2025-11-18"] * 2
