"""Issue 11: every output says what the document says (dates, numbers, kinds, provenance)."""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import SHIPPED


def status(cli, day: str) -> dict:  # type: ignore[no-untyped-def]
    run = cli("status", "--plan", SHIPPED, "--as-of", day, "--format", "json", "--no-cache")
    assert run.code == 0
    return json.loads(run.out)


def _ids(rows: list[dict]) -> list[str]:
    return [r["id"] for r in rows]


def _milestone(data: dict, ident: str) -> dict:
    return next(m for m in data["milestones"] if m["id"] == ident)


def test_docs_status_on_the_day_of_issue(cli) -> None:
    data = status(cli, "2025-09-10")
    assert data["overdue"] == [] and data["upcoming"] == []
    assert _ids(data["past"]) == ["agenda-process"] and data["past"][0]["date"] == "2025-07-03"
    assert data["summary"] == [
        "0 of 10 deliverables and action points of the tiers done",
        "0 of 3 section commitments done",
        "not counted: 8 standing duties, 1 intention, 1 encouragement, 1 past item, 1 possibility",
    ]
    start = _milestone(data, "start")
    assert (start["date"], start["end"], start["days"]) == ("2025-09-01", "2025-09-30", 0)  # under way
    assert _milestone(data, "mc14")["days"] == 197


def test_docs_status_during_mc14(cli) -> None:
    data = status(cli, "2026-03-28")
    assert data["overdue"] == []
    assert [(d["id"], d["date"], d["days"]) for d in data["upcoming"]] == [
        ("joint-statement", "2026-03-29", 1),
        ("compendium-2020", "2026-03-29", 1),
    ]
    assert data["upcoming"][0]["number"] == "Tier one, 1"


def test_docs_status_on_28_november_2026(cli) -> None:
    data = status(cli, "2026-11-28")
    assert [(d["id"], d["days_late"]) for d in data["overdue"]] == [
        ("joint-statement", 244),
        ("compendium-2020", 244),
    ]
    # issue 23: the ten the document sets no date for are within the period, never "due in 33 days"
    assert data["upcoming"] == []
    within = data["within_period"]
    assert within["heading"] == "Within the period (to December 2026)"
    assert len(within["items"]) == 10 and {d["due_basis"] for d in within["items"]} == {"default"}
    assert {d["due_basis"] for d in data["overdue"]} == {"inferred"}
    assert {d["date_mark"] for d in data["overdue"]} == {"inferred: MC14's end"}
    end = _milestone(data, "end")
    assert (end["date"], end["end"], end["days"]) == ("2026-12-01", "2026-12-31", 3)


def test_docs_status_on_15_january_2027(cli) -> None:
    data = status(cli, "2027-01-15")
    # issue 23: only the two inferred from MC14's end; the ten with no date are open, not late
    assert _ids(data["overdue"]) == ["joint-statement", "compendium-2020"]
    assert data["within_period"]["heading"] == "Open when the period ended"
    assert len(data["within_period"]["items"]) == 10
    assert [(d["id"], d["date"], d["days"]) for d in data["upcoming"]] == [
        ("report-back-duty", "2027-01-31", 16)
    ]
    assert _milestone(data, "report-back")["days"] == 0  # under way


def _page_section(day: str) -> str:
    text = (Path(__file__).resolve().parent.parent / "docs" / "status-as-of.md").read_text(encoding="utf-8")
    return text.split(f"\n## {day}", 1)[1].split("\n## ", 1)[0].split("<!-- status:", 1)[0]


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("2026-03-26", "fall due in {upcoming[Tier one, 1]} days"),
        ("2026-03-30", "{overdue[Tier one, 1]} day past the inferred date"),
        ("2026-07-01", "{overdue[Tier one, 1]} days past the inferred date"),
        ("2026-12-15", "{overdue[Tier one, 1]} days past the inferred date"),
        ("2026-12-15", "due in {upcoming[4.3]} days"),
        ("2027-03-01", "{overdue[4.3]} days late"),
        ("2027-03-01", "{overdue[Tier one, 1]} days past the inferred date"),
    ],
)
def test_docs_page_says_what_the_tool_says(cli, day: str, said: str) -> None:
    """The prose of docs/status-as-of.md, with the numbers of the JSON output on that day (its
    screens are generated: tests/test_docs.py checks them)."""
    data = status(cli, day)
    overdue = {o["number"]: o["days_late"] for o in data["overdue"]}
    upcoming = {u["number"]: u["days"] for u in data["upcoming"]}
    assert said.format(overdue=overdue, upcoming=upcoming) in " ".join(_page_section(day).split())


def test_docs_page_never_calls_an_undated_item_late(cli) -> None:
    for day in ("2027-01-31", "2027-03-01"):
        assert status(cli, day)["within_period"]["heading"] == "Open when the period ended"
        assert "open when the period ended" in " ".join(_page_section(day).split()).lower()


def test_standing_duties_are_listed_apart_and_never_overdue(cli) -> None:
    data = status(cli, "2027-12-31")
    standing = data["standing"]
    assert [s["number"] for s in standing] == [
        "5.1(b)",
        "5.2(a)",
        "5.2(b)",
        "5.2(c)",
        "5.2(d)",
        "5.2(e)",
        "6.2",
        "6.3",
    ]
    # 6.1 "Members intend to engage": an intention, not a duty (issue 23, point 4)
    assert [(s["number"], s["kind"]) for s in data["not_counted"]][-1] == ("6.1", "intention")
    assert not set(_ids(standing)) & set(_ids(data["overdue"]))
    assert sum(t["counts"]["planned"] for t in data["tiers"]) == 13  # deliverables only


DATED = """\
schema_version: 2
plan:
  id: dated
  title: Dated plan
  body: Group
  revision: 1
  date: 2026-01-10
  period: {start: 2026-01, end: 2026-12}
milestones:
  - {id: month, title: A month, date: 2026-06}
  - {id: span, title: A range, start: 2026-03-26, end: 2026-03-29}
tiers:
  - id: t1
    number: "1"
    title: Tier one
    focus_areas:
      - id: fa
        title: Focus
        action_points:
          - {id: by-month, number: "1", title: Due with the month, status: planned, due: month}
          - {id: by-span, number: "2", title: Due with the range, status: planned, due: span}
          - {id: before, number: "3", title: Before issue, status: planned, due: 2025-12-01}
"""

EXPECTED = {"by-month": "2026-06-30", "by-span": "2026-03-29"}


@pytest.fixture
def dated(tmp_path: Path) -> Path:
    path = tmp_path / "dated.yaml"
    path.write_text(DATED, encoding="utf-8")
    return path


Milestones = list[tuple[str, str, list[str]]]


def _html_milestones(html: str) -> Milestones:
    """The HTML report's Milestones table: each row's milestone, when, and the items due by it."""
    table = html.split("<h2>Milestones</h2>", 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r"<tr><td>(.*?)</td></tr>", table, re.S):
        cells = re.split(r"</td><td[^>]*>", row)
        items = [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", cells[2], re.S)]
        rows.append((re.sub(r"<br>.*", "", cells[0]), cells[1], [html_lib.unescape(i) for i in items]))
    return rows


def _word_milestones(cli, plan: Path, on: str, tmp_path: Path) -> Milestones:  # type: ignore[no-untyped-def]
    """The Word report's Milestones table as rows of milestone, when, and the items due by it."""
    return [
        (title.split("\n")[0], when, [i for i in items.split("\n") if i != "—"])
        for title, when, items in _docx_milestones(cli, plan, tmp_path, on)
    ]


def test_one_set_of_dates_in_every_output(cli, dated: Path, tmp_path: Path) -> None:
    """A month milestone, a range milestone and a due on each: the same dates everywhere."""
    on = "2026-04-15"  # after the range, inside nothing, before the month
    data = json.loads(cli("status", "--plan", dated, "--as-of", on, "--format", "json").out)
    assert {d["id"]: d["due"] for d in data["overdue"]} == {"by-span": EXPECTED["by-span"]}
    assert _ids(data["past"]) == ["before"]  # due before the plan's issue: never overdue
    month = _milestone(data, "month")
    assert (month["date"], month["end"]) == ("2026-06-01", "2026-06-30")
    listed = json.loads(cli("list", "--plan", dated, "--overdue", "--as-of", on, "--format", "json").out)
    assert [(r["id"], r["due_date"]) for r in listed["action_points"]] == [("by-span", "2026-03-29")]
    rows = {
        r["id"]: r for r in csv.DictReader(io.StringIO(cli("list", "--plan", dated, "--format", "csv").out))
    }
    assert {k: rows[k]["due_date"] for k in EXPECTED} == EXPECTED
    assert rows["by-month"]["number"] == "Tier one, 1"
    mermaid = cli("export", "--format", "mermaid", "--as-of", on, "--plan", dated).out
    assert "    ‣ A month :t_month, 2026-06-01, 2026-06-30\n" in mermaid
    assert "    ‣ A range :t_span, 2026-03-26, 2026-03-29\n" in mermaid
    assert (
        ":crit, t_by_span, 2026-01-01, 2026-03-29\n" in mermaid
        and ":t_by_month, 2026-01-01, 2026-06-30\n" in mermaid
    )
    html = cli("report", "--format", "html", "--as-of", on, "--plan", dated).out
    assert "Tier one, 2 Due with the range: planned, 2026-01-01 to 2026-03-29" in html
    md = cli("report", "--as-of", on, "--plan", dated).out
    milestones = md.split("## Milestones", 1)[1]
    assert "| A month | 2026-06 | Tier one, 1 Due with the month (planned) |" in milestones
    assert "| A range | 2026-03-26 to 2026-03-29 | Tier one, 2 Due with the range (planned)" in milestones
    assert (
        _html_milestones(html)
        == _word_milestones(cli, dated, on, tmp_path)
        == [
            (
                "Before this revision",
                "before 2026-01-10",
                ["Tier one, 3 Before issue (before this revision)"],
            ),
            ("A range", "2026-03-26 to 2026-03-29", ["Tier one, 2 Due with the range (planned)"]),
            ("A month", "2026-06", ["Tier one, 1 Due with the month (planned)"]),
        ]
    )
    from icalendar import Calendar

    ics = tmp_path / "p.ics"
    assert cli("export", "--format", "ics", "-o", ics, "--as-of", on, "--plan", dated).code == 0
    todos = {
        str(t["UID"]).split(".")[0]: t.decoded("DUE")
        for t in Calendar.from_ical(ics.read_bytes()).walk("VTODO")
    }
    assert {k: todos[k] for k in EXPECTED} == {k: date.fromisoformat(v) for k, v in EXPECTED.items()}
    text = cli("status", "--plan", dated, "--as-of", on, "--wide").out
    assert "2026-06 · in 47 to 76 days" in text


def test_numbering_is_the_documents_in_every_format(cli) -> None:
    rows = {
        r["id"]: r
        for r in json.loads(cli("list", "--plan", SHIPPED, "--format", "json").out)["action_points"]
    }
    assert rows["hackathons"]["number"] == "Tier two, data 2"
    assert rows["digital-partners"]["number"] == "Tier two, digitalisation 4"
    assert rows["tpr-shetrades"]["number"] == "Tier two, mainstreaming 3 •"
    assert rows["fta"]["number"] == "Tier 3, 1(a)"
    assert rows["agenda-protocol"]["number"] == "5.1(a)"
    for fmt in ("text", "markdown", "csv"):
        out = cli("list", "--plan", SHIPPED, "--format", fmt, "--wide").out
        assert "2.1.3" not in out and "1.1.1" not in out and "2.3.4" not in out
    report = cli("report", "--plan", SHIPPED, "--as-of", "2026-11-28").out
    assert "- **2** Skills enhancement hackathons" in report and "- **3 •** The SheTrades Outlook" in report
    assert report.index("## 2 Objectives") < report.index("### Tier one")


def test_provenance_in_status_show_and_report(cli) -> None:
    text = " ".join(cli("status", "--plan", SHIPPED, "--as-of", "2026-11-28", "--wide").out.split())
    assert "INF/TGE/W/10/Rev.1, probable: not printed in the document" in text
    assert "Issued by Cabo Verde and El Salvador, the Co-Chairs of the IWG" in text
    show = cli("show", "joint-statement", "--plan", SHIPPED, "--wide").out
    assert (
        "inferred, not stated in the document: the document gives no date; the item is under the MC14" in show
    )
    assert "IWG Co-Chairs (inferred)" in show
    report = cli("report", "--plan", SHIPPED, "--as-of", "2026-11-28").out
    assert "- **Symbol:** INF/TGE/W/10/Rev.1, probable: not printed in the document" in report
    # issue 23: no date the document does not set, and never "(default)" beside one
    assert "planned; within the period; owners: IWG (default)" in report
    assert "2026-12-31 (default)" not in report
    assert (
        "(from outside the document) | 2026-03-26 to 2026-03-29 (dates and place as announced; https://"
        in report
    )


def _ics(cli, plan: Path, tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    from icalendar import Calendar

    out = tmp_path / "p.ics"
    assert (
        cli("export", "--format", "ics", *args, "-o", out, "--as-of", "2026-11-28", "--plan", plan).code == 0
    )
    return Calendar.from_ical(out.read_bytes())


def _docx_milestones(cli, plan: Path, tmp_path: Path, on: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    import docx

    out = tmp_path / "r.docx"
    assert cli("report", "--format", "docx", "-o", out, "--as-of", on, "--plan", plan).code == 0
    for table in docx.Document(str(out)).tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows[0] == ["milestone", "when", "due by it"]:
            return rows[1:]
    raise AssertionError("no Milestones table")


@pytest.mark.parametrize("args", [(), ("--for", "google"), ("--todos-as-events",)])
def test_past_business_in_the_calendar(cli, tmp_path: Path, args: tuple[str, ...]) -> None:
    """5.1(a)'s presentation of 3 July 2025: an informational event, never a to-do or a deadline."""
    cal = _ics(cli, Path(SHIPPED), tmp_path, *args)
    uids = [str(c["UID"]) for c in cal.walk() if c.name in ("VTODO", "VEVENT")]
    assert not [u for u in uids if u.startswith(("agenda-process.", "due.agenda-process."))]
    (event,) = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("past.agenda-process.")]
    assert str(event["SUMMARY"]).startswith("Before this revision: 5.1(a) A new agenda building process")
    assert event.decoded("DTSTART") == date(2025, 7, 3) and event.decoded("DTEND") == date(2025, 7, 4)
    assert "STATUS" not in event and str(event["TRANSP"]) == "TRANSPARENT"
    assert "no completion is recorded" in str(event["DESCRIPTION"])
    # the protocol "implemented subsequently" is the other half of 5.1(a): still a deliverable, but
    # the document sets it no date (issue 23): a to-do without DUE, or, as events, a line of the
    # period's end
    protocol = [c for c in cal.walk() if "agenda-protocol." in str(c.get("UID", ""))]
    if args:
        assert protocol == []
        (end,) = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("milestone.end.")]
        assert "(agenda-protocol)" in str(end["DESCRIPTION"])
    else:
        (todo,) = protocol
        assert todo.name == "VTODO" and "DUE" not in todo
        assert str(todo["DESCRIPTION"]).startswith("Within the period (to December 2026): ")


def test_past_business_in_every_output(cli, tmp_path: Path) -> None:
    """The same item is past business in status, list, CSV, JSON, Gantt, reports and calendar."""
    on = "2026-11-28"
    plan = ("--plan", SHIPPED)
    data = status(cli, on)
    assert _ids(data["past"]) == ["agenda-process"] and "agenda-process" not in _ids(data["overdue"])
    text = cli("status", *plan, "--as-of", on, "--wide").out
    assert "Before this revision (1): 5.1(a) agenda-process (2025-07-03)" in text
    md_status = cli("status", *plan, "--as-of", on, "--format", "markdown").out
    assert "## Before this revision (1)" in md_status
    assert "agenda-process" not in md_status.split("## Overdue", 1)[1].split("## Due next", 1)[0]
    for fmt in ("text", "json", "markdown", "csv"):
        late = cli("list", *plan, "--overdue", "--as-of", on, "--format", fmt).out
        assert "agenda-process" not in late and "joint-statement" in late
    rows = {r["id"]: r for r in json.loads(cli("list", *plan, "--format", "json").out)["action_points"]}
    assert rows["agenda-process"]["kind"] == "past" and rows["agenda-protocol"]["kind"] == "deliverable"
    csv_rows = {r["id"]: r for r in csv.DictReader(io.StringIO(cli("export", "--format", "csv", *plan).out))}
    assert csv_rows["agenda-process"]["kind"] == "past" and csv_rows["sec-support"]["kind"] == "standing"
    assert "| 5.1(a) | agenda-process | past | 2025-07-03 |" in cli("list", *plan, "--format", "markdown").out
    assert "status      past" in cli("show", "agenda-process", *plan).out
    mermaid = cli("export", "--format", "mermaid", "--as-of", on, *plan).out
    assert "t_agenda_process" not in mermaid and ":milestone, t_agenda_meeting, 2025-07-03, 0d" in mermaid
    ctx = json.loads(cli("report", "--format", "json", "--as-of", on, *plan).out)
    assert "agenda-process" not in [b["id"] for b in ctx["timeline"]["bars"]]
    assert "agenda-process" not in _ids(ctx["overdue"])
    (meeting,) = [m for m in ctx["milestones"] if m["id"] == "agenda-meeting"]
    assert [(d["id"], d["shown"]) for d in meeting["due_by_it"]] == [
        ("agenda-process", "before this revision")
    ]
    section = next(g for g in ctx["groups"] if g["id"] == "agenda-setting")
    item = section["blocks"][0]["items"][0]
    assert item["id"] == "agenda-process" and item["overdue"] is False
    assert item["facts"][0] == "before this revision"
    md = cli("report", "--as-of", on, *plan).out
    assert (
        "| 2025-07-03 | 5.1(a) A new agenda building process will be prepared and presented at the IWG meeting of 3 July 2025 (before this revision) |"
        in md
    )
    assert "agenda-process" not in md.split("## Overdue", 1)[1].split("## Blocked", 1)[0]
    html = cli("report", "--format", "html", "--as-of", on, *plan).out
    assert "(before this revision)</li>" in html
    word = _docx_milestones(cli, Path(SHIPPED), tmp_path, on)
    assert [
        "IWG meeting presenting the new agenda building process",
        "2025-07-03",
        "5.1(a) A new agenda building process will be prepared and presented at the IWG meeting of"
        " 3 July 2025 (before this revision)",
    ] in word


# An item the plan dates before its own issue (2025-09-10), in every status and every form of
# `due`. Open, it is business before this revision on every screen; done or dropped, it is that.
BEFORE_ISSUE_DUES = {"day": "2025-07-03", "month": "2025-08", "milestone": "july-meeting"}
BEFORE_ISSUE_STATUSES = ["planned", "in-progress", "blocked", "done", "dropped"]


def _dated_before_issue(tmp_path: Path, status: str, due: str) -> Path:
    from tests.helpers import SMALL

    text = SMALL.read_text(encoding="utf-8")
    text = text.replace(
        "milestones:\n", "milestones:\n  - {id: july-meeting, title: July meeting, date: 2025-07-03}\n", 1
    )
    extra = {"done": "\n            completed: 2025-08-01"}
    text = text.replace(
        "          - id: parent\n            title: Parent\n            status: planned\n            due: 2026-06\n",
        f"          - id: parent\n            title: Parent\n            status: {status}{extra.get(status, '')}\n"
        f"            due: {due}\n",
        1,
    )
    plan = tmp_path / "plans" / "p.yaml"
    plan.parent.mkdir(exist_ok=True)
    plan.write_text(text, encoding="utf-8")
    return plan


@pytest.mark.parametrize("form", list(BEFORE_ISSUE_DUES))
@pytest.mark.parametrize("state", BEFORE_ISSUE_STATUSES)
def test_dated_before_issue_reads_the_same_in_list_as_in_status(
    cli, tmp_path: Path, state: str, form: str
) -> None:
    plan = _dated_before_issue(tmp_path, state, BEFORE_ISSUE_DUES[form])
    check = cli("validate", plan)
    assert check.code == 0, check.out + check.err
    past = state not in ("done", "dropped")
    day = "2026-01-01"
    summary = json.loads(cli("status", "--plan", plan, "--as-of", day, "--format", "json").out)
    assert ("parent" in _ids(summary["past"])) is past
    assert "parent" not in _ids(summary["overdue"])
    listed = {
        r["id"]: r
        for r in json.loads(cli("list", "--plan", plan, "--as-of", day, "--format", "json").out)[
            "action_points"
        ]
    }
    assert (listed["parent"]["kind"], listed["parent"]["recorded_kind"]) == (
        "past" if past else "deliverable",
        "deliverable",
    )
    rows = {
        r["id"]: r
        for r in csv.DictReader(
            io.StringIO(cli("list", "--plan", plan, "--as-of", day, "--format", "csv").out)
        )
    }
    assert rows["parent"]["kind"] == listed["parent"]["kind"]
    shown = "past" if past else ("done" if state == "done" else "dropped")
    text = cli("list", "--plan", plan, "--as-of", day).out
    assert any(
        line.split()[1:4:2] == ["parent", shown] for line in text.splitlines() if " parent " in line
    ), text
    markdown = cli("list", "--plan", plan, "--as-of", day, "--format", "markdown").out
    assert any(f"| parent | {shown}" in line for line in markdown.splitlines()), markdown
    show = cli("show", "parent", "--plan", plan, "--as-of", day).out
    assert f"status     {shown}" in show
    assert ("dated before this revision of 2025-09-10" in show) is past
    report = cli("report", "--plan", plan, "--as-of", day).out
    (told,) = [line for line in report.splitlines() if line.startswith("- **•** Parent — ")]
    assert told.startswith(f"- **•** Parent — {'before this revision' if past else shown}"), told
    assert "parent" not in _ids(
        json.loads(cli("list", "--plan", plan, "--as-of", day, "--overdue", "--format", "json").out)[
            "action_points"
        ]
    )


def test_milestones_table_files_each_item_under_the_milestone_its_due_names(cli, tmp_path: Path) -> None:
    """Under a milestone: the items whose `due` names it, whatever their status, and nothing else.
    An item due on a plain date or month is under no milestone, even one it falls in or before
    (the plan ties it to none); business before the plan's issue stands apart. The same rows in
    Markdown, HTML and Word."""
    extra = (
        '          - {id: early, number: "4", title: Dated before the range, status: planned, due: 2026-02-01}\n'
        '          - {id: in-range, number: "5", title: Dated inside the range, status: planned, due: 2026-03-28}\n'
        '          - {id: same-month, number: "6", title: Dated in the month, status: planned, due: 2026-06}\n'
        '          - {id: by-month-too, number: "7", title: Also by the month, status: done, due: month,'
        " completed: 2026-04-02}\n"
        '          - {id: after-all, number: "8", title: Due after every milestone, status: planned, due: 2026-11-15}\n'
        '          - {id: span-late, number: "9", title: Also with the range, status: blocked, due: span}\n'
    )
    plan = tmp_path / "grouped.yaml"
    plan.write_text(DATED + extra, encoding="utf-8")
    assert cli("validate", plan).code == 0
    on = "2026-04-15"
    expected = [
        ("Before this revision", "before 2026-01-10", ["Tier one, 3 Before issue (before this revision)"]),
        (
            "A range",
            "2026-03-26 to 2026-03-29",
            ["Tier one, 2 Due with the range (planned)", "Tier one, 9 Also with the range (blocked)"],
        ),
        (
            "A month",
            "2026-06",
            ["Tier one, 1 Due with the month (planned)", "Tier one, 7 Also by the month (done)"],
        ),
    ]
    plain = [
        "Dated before the range",
        "Dated inside the range",
        "Dated in the month",
        "Due after every milestone",
    ]
    html = cli("report", "--format", "html", "--as-of", on, "--plan", plan).out
    assert _html_milestones(html) == expected
    assert _word_milestones(cli, plan, on, tmp_path) == expected
    markdown = cli("report", "--as-of", on, "--plan", plan).out
    for title in plain:  # each is still in the report, with its tier
        assert f"{title} — " in markdown, title
    table = markdown.split("## Milestones", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in table.splitlines() if r.startswith("| ") and not r.startswith("| milestone |")]
    assert [(r.split(" | ")[0][2:], r.split(" | ")[1]) for r in rows] == [(t, w) for t, w, _ in expected]
    for title, when, items in expected:
        (row,) = [r for r in rows if r.startswith(f"| {title} | {when} | ")]
        assert row.split(" | ")[2].rstrip(" |").split("; ") == items, row
    assert not any(title in table for title in plain)
    context = json.loads(cli("report", "--format", "json", "--as-of", on, "--plan", plan).out)
    filed = {m["id"]: [i["id"] for i in m["due_by_it"]] for m in context["milestones"]}
    assert filed == {"span": ["by-span", "span-late"], "month": ["by-month", "by-month-too"]}


def test_points_from_outside_the_document_say_so_in_every_report(cli, tmp_path: Path) -> None:
    """2.2 names four pillars without listing them: the plan lists them from FACTS.md and marks
    it in the data (points_basis: outside), and each report says so beside them; points the
    document lists itself (2.3's (a) to (c)) carry no mark."""
    import docx

    from iwgplan.files.loading import load_text

    index = load_text(SHIPPED.read_text(encoding="utf-8"), str(SHIPPED))[1]
    pillars = next(o for o in index.plan.objectives if o.id == "pillars")
    assert (pillars.points_basis, len(pillars.points)) == ("outside", 4)
    said = "The points: from outside the document: the four pillars of WT/L/1095/Rev.1 in short"
    md = cli("report", "--plan", SHIPPED, "--as-of", "2026-11-28").out
    html = cli("report", "--format", "html", "--plan", SHIPPED, "--as-of", "2026-11-28").out
    out = tmp_path / "r.docx"
    assert cli("report", "--format", "docx", "-o", out, "--plan", SHIPPED, "--as-of", "2026-11-28").code == 0
    word = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    for text in (md, html, word):
        assert text.count("The points: ") == 1 and said in text
        assert text.index("Contributing to Aid for Trade") < text.index(said) < text.index("The main purpose")
    unmarked = tmp_path / "unmarked.yaml"
    unmarked.write_text(
        SHIPPED.read_text(encoding="utf-8").replace("    points_basis: outside\n", "", 1), encoding="utf-8"
    )
    assert "The points: " not in cli("report", "--plan", unmarked, "--as-of", "2026-11-28").out
