"""Reports and exports: golden Markdown and Mermaid, ICS read back, HTML safety, a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHIPPED, SMALL

GOLDEN = Path(__file__).resolve().parent / "golden"
ARTIFACTS = ROOT / "test-artifacts"
AS_OF = "2026-02-01"


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture
def progressed(cli, small: Path) -> Path:
    """The small plan after a few real edits: done with evidence, dropped, in progress."""
    assert (
        cli(
            "done",
            "kid-a",
            "--date",
            "2026-01-10",
            "--evidence",
            "https://example.org/a?b=1&c=<2>",
            "--evidence-title",
            "Kid <a> report",
            "--note",
            "Done & dusted",
            "--plan",
            small,
        ).code
        == 0
    )
    assert (
        cli(
            "drop", "statement", "--reason", "superseded by <b>", "--date", "2026-01-12", "--plan", small
        ).code
        == 0
    )
    return small


def test_markdown_report_golden(cli, progressed: Path) -> None:
    run = cli("report", "--as-of", AS_OF, "--plan", progressed)
    assert run.code == 0
    golden("report-small.md", run.out)
    assert "```mermaid\ngantt\n" in run.out


def test_mermaid_export_golden(cli, progressed: Path) -> None:
    run = cli("export", "--format", "mermaid", "--as-of", AS_OF, "--plan", progressed)
    assert run.code == 0
    golden("gantt-small.mmd", run.out)


def test_mermaid_states(cli, progressed: Path) -> None:
    out = cli("export", "--format", "mermaid", "--as-of", "2026-02-01", "--plan", progressed).out
    assert "    ‣ 1.1.3 Türkiye hosting :crit, t_late, 2025-09-01, 2026-01-15\n" in out
    assert "    ‣ MC14 :milestone, t_mc14, 2026-03-26, 0d\n" in out
    assert "    section Tier one\n" in out


def test_ics_reads_back(cli, progressed: Path, tmp_path: Path) -> None:
    from icalendar import Calendar

    out = tmp_path / "plan.ics"
    run = cli("export", "--format", "ics", "-o", out, "--as-of", AS_OF, "--plan", progressed)
    assert run.code == 0 and run.err == f"wrote {out}\n"
    cal = Calendar.from_ical(out.read_bytes())
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    todos = {str(t["UID"]): t for t in cal.walk("VTODO")}
    mc14 = events["milestone.mc14.small-plan@iwgplan"]
    assert (mc14.decoded("DTSTART"), mc14.decoded("DTEND")) == (date(2026, 3, 26), date(2026, 3, 30))
    assert set(todos) == {
        "statement.small-plan@iwgplan",
        "parent.small-plan@iwgplan",
        "late.small-plan@iwgplan",
    }
    statement = todos["statement.small-plan@iwgplan"]
    assert str(statement["STATUS"]) == "CANCELLED" and statement.decoded("DUE") == date(2026, 3, 26)
    assert str(todos["parent.small-plan@iwgplan"]["STATUS"]) == "IN-PROCESS"
    assert str(todos["late.small-plan@iwgplan"]["STATUS"]) == "NEEDS-ACTION"
    assert str(todos["parent.small-plan@iwgplan"]["SUMMARY"]) == "1.1.2 Parent"


def test_ics_completed_and_stable_uids(cli, small: Path) -> None:
    from icalendar import Calendar

    cli("done", "late", "--date", "2026-01-20", "--plan", small)
    first = cli("export", "--format", "ics", "--as-of", AS_OF, "--plan", small).out
    again = cli("export", "--format", "ics", "--as-of", AS_OF, "--plan", small).out
    assert first == again
    todo = next(t for t in Calendar.from_ical(first).walk("VTODO") if str(t["UID"]).startswith("late."))
    assert str(todo["STATUS"]) == "COMPLETED"
    assert todo.decoded("COMPLETED").date() == date(2026, 1, 20)
    assert isinstance(todo.decoded("COMPLETED"), datetime)


def test_csv_and_json_exports(cli) -> None:
    csv_out = cli("export", "--format", "csv", "--plan", SMALL).out
    assert csv_out.splitlines()[0].startswith("id,number,title,status,")
    assert len(csv_out.splitlines()) == 6
    import json

    rows = json.loads(cli("export", "--format", "json", "--plan", SMALL).out)["action_points"]
    assert [r["id"] for r in rows] == ["statement", "parent", "kid-a", "kid-b", "late"]


def test_html_is_self_contained_and_escaped(cli, progressed: Path) -> None:
    run = cli("report", "--format", "html", "--as-of", AS_OF, "--plan", progressed)
    html = run.out
    assert run.code == 0 and html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower()
    urls = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert urls == ["https://example.org/a?b=1&amp;c=&lt;2&gt;"]  # only the link the plan gives
    assert "Kid &lt;a&gt; report" in html and "<a>" not in html.replace("<a href", "")
    assert "superseded by &lt;b&gt;" in html
    assert "@media print" in html and "break-before: page" in html
    assert "<svg" in html and "as of 2026-02-01" in html
    assert 'class="bar"' in html


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.mark.browser
def test_html_report_in_headless_chromium(cli, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("no chromium binary on PATH (CI installs Debian's chromium)")
    from PIL import Image

    page = tmp_path / "report.html"
    assert cli("report", "--format", "html", "-o", page, "--as-of", "2026-05-01", "--plan", SHIPPED).code == 0
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--hide-scrollbars",
        "--window-size=1200,1800",
    ]
    subprocess.run(
        [browser, *flags, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True
    )
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    for title in ("Tier one", "Tier two", "Tier 3"):
        assert f"{title}" in dom
    assert "<svg" in dom
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 10, "the screenshot is blank"
    assert image.size == (1200, 1800)


def test_other_commands_do_not_import_icalendar() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "iwgplan", "status", "--plan", str(SHIPPED)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0
    modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "icalendar" not in modules and "iwgplan.views.diff" not in modules
    assert "iwgplan.render.text" in modules


def _milestone_rows(markdown: str) -> dict[str, str]:
    section = markdown.split("## Milestones", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return {row[0][2:]: row[2] for row in rows[1:]}


def test_report_groups_items_by_the_milestone_they_name(cli) -> None:
    rows = _milestone_rows(cli("report", "--plan", SHIPPED, "--as-of", "2026-03-30").out)
    back = rows["IWG Co-Chairs report back to the IWG on the implementation of the Work Plan"]
    assert back == "report-back-duty (planned) |"
    assert "report-back-duty" not in rows["Implementation of the Work Plan ends"]
    assert "joint-statement" in rows["WTO 14th Ministerial Conference (MC14), Yaoundé, Cameroon"]


@pytest.mark.parametrize(
    ("due", "home"),
    [
        ("2026-03-01", "MC14"),  # a plain date: the next milestone on or after it
        ("2026-03-27", "MC14"),  # inside a range milestone
        ("2026-03-30", "Ends"),
        ("2026-05", "Ends"),  # a month falls due on its last day
        ("mc14", "MC14"),
        ("ends", "Ends"),
    ],
)
def test_date_due_goes_under_the_next_milestone(cli, small: Path, due: str, home: str) -> None:
    text = small.read_text(encoding="utf-8")
    text = text.replace(
        "    end: 2026-03-29\n", "    end: 2026-03-29\n  - id: ends\n    title: Ends\n    date: 2026-12\n"
    )
    text = text.replace("            due: 2026-06\n", f"            due: {due}\n")
    small.write_text(text, encoding="utf-8")
    rows = _milestone_rows(cli("report", "--plan", small, "--as-of", "2026-01-01").out)
    assert [name for name, cell in rows.items() if "parent (" in cell] == [home]
