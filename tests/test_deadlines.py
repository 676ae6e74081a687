"""Issue 23: deadlines only where the document sets them, and every output carries the marks.

One table over eight as-of dates: in every output that calls items late or overdue (status as
text and JSON, list --overdue, the Mermaid Gantt's crit bars, the Markdown, HTML and Word
reports' Overdue tables) the items are exactly those whose date the document states, plus the
ones whose date is inferred, printed with their mark; nothing is late against a default (the
period's end standing in for a date the document does not set). Where an output prints a date
the document does not state (show, CSV, iCalendar), the mark is beside it.
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.helpers import SHIPPED

DATES = [
    "2025-09-10",
    "2025-11-15",
    "2026-03-26",
    "2026-03-30",
    "2026-07-01",
    "2026-12-15",
    "2027-01-31",
    "2027-03-01",
]


def _items() -> list[dict]:
    """Every action point of the shipped plan, read with PyYAML, not with iwgplan."""
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    found: list[dict] = []

    def walk(items: list[dict]) -> None:
        for item in items:
            found.append(item)
            walk(item.get("children", []))

    for tier in data["tiers"]:
        for area in tier["focus_areas"]:
            walk(area["action_points"])
    for section in data["sections"]:
        walk(section["items"])
    return found


ITEMS = {i["id"]: i for i in _items()}
# the milestones' last days, from the document (4.3) and from outside it (MC14)
DUE = {"mc14": date(2026, 3, 29), "report-back": date(2027, 1, 31), "end": date(2026, 12, 31)}
ISSUED = date(2025, 9, 10)
DEFAULT = {k for k, i in ITEMS.items() if i.get("due_basis") == "default"}
INFERRED = {k for k, i in ITEMS.items() if i.get("due_basis") == "inferred"}


def late_on(day: str) -> tuple[set[str], set[str]]:
    """(stated, inferred): the deliverables past a date the document states, and past an inferred one."""
    on = date.fromisoformat(day)
    stated, inferred = set(), set()
    for ident, item in ITEMS.items():
        due = DUE.get(item.get("due", ""))
        if due is None or item.get("kind", "deliverable") != "deliverable" or due >= on or due < ISSUED:
            continue
        if item["due_basis"] == "document":
            stated.add(ident)
        elif item["due_basis"] == "inferred":
            inferred.add(ident)
    return stated, inferred


def test_the_plan_is_as_the_issue_says() -> None:
    assert len(DEFAULT) == 10 and INFERRED == {"joint-statement", "compendium-2020"}
    assert late_on("2027-03-01") == ({"report-back-duty"}, INFERRED)


def _run(cli, *args: str | Path) -> str:  # type: ignore[no-untyped-def]
    run = cli(*args, "--plan", SHIPPED)
    assert run.code == 0, run.err
    return run.out


def _section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("day", DATES)
def test_late_only_against_dates_the_document_states_or_marked(cli, tmp_path: Path, day: str) -> None:
    stated, inferred = late_on(day)
    late = stated | inferred
    ids_of = {ITEMS[k]["title"]: k for k in ITEMS}

    data = json.loads(_run(cli, "status", "--as-of", day, "--format", "json"))
    assert {d["id"] for d in data["overdue"]} == late
    for d in data["overdue"]:
        assert d["date_mark"] == ("inferred: MC14's end" if d["id"] in inferred else "")
    assert not {d["id"] for d in data["upcoming"]} & DEFAULT
    within = {d["id"] for d in data["within_period"]["items"]}
    assert within == (DEFAULT if date.fromisoformat(day) >= ISSUED else set())

    text = _run(cli, "status", "--as-of", day, "--wide", "--no-pager")
    overdue = _section(text, "Overdue (", "Due in the next")
    assert {i for i in ITEMS if re.search(rf"\b{re.escape(i)}\b", overdue)} == late
    for ident in inferred:
        row = next(r for r in overdue.splitlines() if f" {ident} " in r)
        assert "(MC14's end)" in row and "past the inferred date" in row and " late" not in row
    assert not re.search(r"\blate\b", text.replace(overdue, ""))
    heading = "Within the period (to December 2026): 10 items"
    after = "Open when the period ended: 10 items"
    assert (heading in text, after in text) == (day <= "2026-12-31", day > "2026-12-31")

    listed = json.loads(_run(cli, "list", "--overdue", "--as-of", day, "--format", "json"))
    assert {r["id"] for r in listed["action_points"]} == late
    assert {r["due_basis"] for r in listed["action_points"]} <= {"document", "inferred"}
    listed_text = _run(cli, "list", "--overdue", "--as-of", day, "--wide", "--no-pager")
    for ident in inferred:
        assert "2026-03-29 (inferred: MC14's end)" in next(r for r in listed_text.splitlines() if ident in r)

    gantt = _run(cli, "export", "--format", "mermaid", "--as-of", day)
    crit = set(re.findall(r":crit, t_([a-z0-9_]+),", gantt))
    assert crit == {i.replace("-", "_") for i in late}
    for ident in DEFAULT:
        line = next((r for r in gantt.splitlines() if f"t_{ident.replace('-', '_')}," in r), None)
        assert line is None or "(within the period)" in line

    for fmt in ("markdown", "html", "docx"):
        out = tmp_path / f"r.{fmt}"
        _run(cli, "report", "--as-of", day, "--format", fmt, "-o", out)
        rows = _report_overdue(out, fmt)
        assert {ids_of[title] for title, _ in rows} == late, fmt
        for title, due in rows:
            mark = " (inferred: MC14's end)" if ids_of[title] in inferred else ""
            assert due == str(DUE[ITEMS[ids_of[title]]["due"]]) + mark, fmt


def _report_overdue(path: Path, fmt: str) -> list[tuple[str, str]]:
    """(title, due) of each row of a report's Overdue table; none when nothing is overdue (the
    reports print no empty table, issue 24)."""
    if fmt == "docx":
        import docx

        for table in docx.Document(str(path)).tables:
            cells = [[c.text for c in row.cells] for row in table.rows]
            if cells[0] == ["#", "title", "due", "days late"]:
                return [(r[1], r[2]) for r in cells[1:]]
        return []
    text = path.read_text(encoding="utf-8")
    if fmt == "markdown":
        if "## Overdue (" not in text:
            return []
        table = _section(text, "## Overdue (", "\n## ")
        rows = [r.split(" | ") for r in table.splitlines() if r.startswith("| ") and "---" not in r]
        return [(r[1].replace("\\", ""), r[2].replace("\\", "")) for r in rows[1:]]
    if "<h2>Overdue (" not in text:
        return []
    table = _section(text, "<h2>Overdue (", "</table>")
    rows = re.findall(r"<tr><td[^>]*>[^<]*</td><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>", table)
    return [(html_lib.unescape(t), html_lib.unescape(d)) for t, d in rows]


def test_show_csv_and_calendar_mark_every_date_the_document_does_not_state(cli, tmp_path: Path) -> None:
    day = "2027-01-31"
    for ident in DEFAULT:
        show = _run(cli, "show", ident, "--as-of", day, "--wide", "--no-pager")
        assert "within the period" in show and "2026-12-31" not in show
        assert not re.search(r"\blate\b|overdue", show)
    for ident in INFERRED:
        show = _run(cli, "show", ident, "--as-of", day, "--wide", "--no-pager")
        assert "2026-03-29 (inferred: MC14's end)" in show

    rows = list(csv.DictReader(io.StringIO(_run(cli, "export", "--format", "csv"))))
    assert list(rows[0])[-2:] == ["due_basis", "force"]  # appended: earlier columns keep their place
    basis = {r["id"]: r["due_basis"] for r in rows if r["due"]}
    assert basis == {k: i["due_basis"] for k, i in ITEMS.items() if i.get("due")}

    from icalendar import Calendar

    for args in ((), ("--for", "outlook")):
        out = tmp_path / "c.ics"
        _run(cli, "export", "--format", "ics", *args, "--as-of", day, "-o", out)
        cal = Calendar.from_ical(out.read_bytes())
        for part in cal.walk():
            uid = str(part.get("UID", ""))
            named = next(
                (
                    k
                    for k in ITEMS
                    if uid.endswith(f".{k}.iwg-workplan-2025-2026@iwgplan") or uid.startswith(f"{k}.")
                ),
                None,
            )
            if named in DEFAULT:
                assert part.name == "VTODO" and "DUE" not in part and "DTSTART" not in part, uid
            if named in INFERRED:
                assert str(part["SUMMARY"]).endswith("(inferred: MC14's end)")
                assert "(inferred: MC14's end)" in str(part["DESCRIPTION"])
        if args:
            (end,) = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("milestone.end.")]
            assert all(f"({k})" in str(end["DESCRIPTION"]) for k in DEFAULT)


# The document's word for what each kind is: (screens, reports); never "planned".
KINDS = {
    "agenda-process": ("past", "before this revision"),
    "sec-support": ("standing", "standing duty"),
    "tpr-shetrades": ("possible", "a possibility, not a task"),
    # the document's force (issue 23, point 4): "intend", "encourages"
    "engagement": ("intention", "intention"),
    "tpr-secretariat": ("encouraged", "encouraged"),
}


def test_kinds_read_the_same_in_every_format(cli, tmp_path: Path) -> None:
    day = "2026-03-30"
    for ident, (word, _) in KINDS.items():
        row = next(
            r
            for r in _run(cli, "list", "--as-of", day, "--wide", "--no-pager").splitlines()
            if f" {ident} " in r
        )
        assert f" {word} " in row and "planned" not in row, row
        show = _run(cli, "show", ident, "--as-of", day, "--wide", "--no-pager")
        assert (
            re.search(rf"^status +{word}\b", show, re.M)
            and "planned" not in show.split("\nstatus", 1)[1].split("\n", 1)[0]
        )
        shown = json.loads(_run(cli, "show", ident, "--as-of", day, "--format", "json"))
        kind = {"possible": "possibility", "encouraged": "encouragement"}.get(word, word)
        assert shown["status"] == word and shown["kind"] == kind
        md_show = _run(cli, "show", ident, "--as-of", day, "--format", "markdown")
        assert f"| status | {word} |" in md_show
    rows = {
        r["id"]: r
        for r in csv.DictReader(io.StringIO(_run(cli, "export", "--format", "csv", "--as-of", day)))
    }
    tpr = json.loads(_run(cli, "show", "tpr", "--as-of", day, "--format", "json"))
    assert {c["id"]: c["status"] for c in tpr["children"]}["tpr-shetrades"] == "possible"
    for ident, (word, _) in KINDS.items():
        assert rows[ident]["status"] == word and rows[ident]["recorded_status"] == "planned"

    text = _run(cli, "status", "--as-of", day, "--wide", "--no-pager")
    assert "Before this revision (1): 5.1(a) agenda-process (2025-07-03)" in text
    assert "Standing duties (8, not counted): 5.1(b), 5.2(a)-(e), 6.2-6.3" in text
    assert "1 possibility" in text and "1 intention" in text and "1 encouragement" in text

    ics = _run(cli, "export", "--format", "ics", "--as-of", day)
    assert "SUMMARY:Before this revision: 5.1(a) A new agenda" in ics

    for fmt in ("markdown", "html", "docx"):
        out = tmp_path / f"r.{fmt}"
        _run(cli, "report", "--as-of", day, "--format", fmt, "-o", out)
        lines = _report_lines(out, fmt)
        for ident, (_, words) in KINDS.items():
            title = " ".join(ITEMS[ident]["title"].split())
            line = next(entry for entry in lines if title in entry)
            assert words in line and "planned" not in line, (fmt, line)


def _report_lines(path: Path, fmt: str) -> list[str]:
    """Each item's line in a report: its title and what the report says after it."""
    if fmt == "docx":
        import docx

        paragraphs = docx.Document(str(path)).paragraphs
        # a top-level item is a Heading 3, then a paragraph of its facts; a sub-point is one line
        return [
            f"{p.text} {paragraphs[i + 1].text}" if p.style.name == "Heading 3" else p.text
            for i, p in enumerate(paragraphs[:-1])
        ]
    text = path.read_text(encoding="utf-8")
    if fmt == "html":
        text = html_lib.unescape(re.sub(r"<[^>]+>", " ", text.replace('<div class="item">', "\n")))
    return [" ".join(line.split()) for line in text.splitlines()]
