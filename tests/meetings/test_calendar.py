"""Meetings in the iCalendar export: one all-day event per meeting with a stable UID (meeting id
and plan id), its place, and its recorded agenda in the description; read back by icalendar and
by vobject (the parser khal uses), in every mode of the export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, SHIPPED

EXAMPLE = FIXTURES / "meetings-example.yaml"
PLAN_ID = "iwg-workplan-2025-2026"


@pytest.mark.parametrize(
    "args", [[], ["--todos-as-events"], ["--for", "outlook"], ["--for", "google"], ["--for", "apple"]]
)
def test_each_meeting_is_an_event_with_its_agenda(cli, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    import vobject
    from icalendar import Calendar

    out = cli("export", "--format", "ics", *args, "--plan", EXAMPLE).out
    ours = [e for e in Calendar.from_ical(out).walk("VEVENT") if str(e["uid"]).startswith("meeting.")]
    assert [str(e["uid"]) for e in ours] == [
        f"meeting.{m}.{PLAN_ID}@iwgplan"
        for m in ("iwg-2025-07-03", "iwg-2025-11-18", "iwg-2026-02-10", "iwg-2026-06-16", "iwg-2026-10-13")
    ]
    by_uid = {e.uid.value: e for e in vobject.readOne(out).vevent_list}
    held = by_uid[f"meeting.iwg-2026-02-10.{PLAN_ID}@iwgplan"]
    assert held.summary.value == "IWG meeting: Women entrepreneurs and MSMEs"
    assert (held.dtstart.value, held.dtend.value) == (date(2026, 2, 10), date(2026, 2, 11))
    assert held.location.value == "WTO, Geneva"
    text = held.description.value
    assert text.startswith("Thematic meeting · thematic focus: Women entrepreneurs and MSMEs · WTO, Geneva")
    assert (
        "\n2. Thematic session: financial inclusion of women-led MSMEs (Thematic session (5.1(b)))\n" in text
    )
    assert (
        "   Guiding questions:\n   - What should a policy toolkit on financial inclusion cover first?\n"
        in text
    )
    assert "   Speakers:\n   - Example Speaker, Chief, Example Division\n" in text
    assert "(msme-toolkit)\n" in text and text.endswith("Id: iwg-2026-02-10 (iwgplan agenda iwg-2026-02-10)")
    decided = by_uid[f"meeting.iwg-2025-11-18.{PLAN_ID}@iwgplan"].description.value
    assert "   Outcome: The Co-Chairs will circulate a first draft in January.\n" in decided
    empty = by_uid[f"meeting.iwg-2026-10-13.{PLAN_ID}@iwgplan"].description.value
    assert "No agenda is recorded yet (iwgplan agenda iwg-2026-10-13 drafts one)." in empty
    outlook = "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE" in "\n".join(e.to_ical().decode() for e in ours)
    assert outlook == (args == ["--for", "outlook"])
    again = cli("export", "--format", "ics", *args, "--plan", EXAMPLE).out
    assert again == out  # stable UIDs: importing again updates the same events


def test_the_shipped_plan_has_the_meeting_the_document_names(cli) -> None:  # type: ignore[no-untyped-def]
    import vobject

    out = cli("export", "--format", "ics", "--plan", SHIPPED).out
    [meeting] = [e for e in vobject.readOne(out).vevent_list if e.uid.value.startswith("meeting.")]
    assert meeting.uid.value == f"meeting.iwg-2025-07-03.{PLAN_ID}@iwgplan"
    assert meeting.dtstart.value == date(2025, 7, 3)
    assert "(agenda-process)" in meeting.description.value


def test_a_plan_without_meetings_has_no_meeting_event(cli, small: Path) -> None:  # type: ignore[no-untyped-def]
    out = cli("export", "--format", "ics", "--plan", small).out
    assert "UID:meeting." not in out and "IWG meeting" not in out
