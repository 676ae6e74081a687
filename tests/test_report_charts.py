"""The reports' charts tell the truth (issue 23 point 6, issue 24 point 5): 4.3 drawn as its
window, the same bars in the HTML SVG, Mermaid and the Word timeline; what the document's force
makes something else than a deliverable is drawn as the other screens say it."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

from tests.helpers import SHIPPED

ON = "2026-12-15"


def _svg(cli, plan: Path, on: str = ON) -> str:
    html = cli("report", "--plan", plan, "--format", "html", "--as-of", on).out
    return html.split("<svg", 1)[1].split("</svg>", 1)[0]


def _word(cli, plan: Path, tmp_path: Path, on: str = ON) -> Any:
    import docx

    out = tmp_path / "r.docx"
    assert cli("report", "--plan", plan, "--format", "docx", "--as-of", on, "-o", out).code == 0
    return docx.Document(str(out))


def _timeline_table(document: Any) -> Any:
    """The Word timeline: the table whose header row is the months ("S\\n25", ...)."""
    return next(t for t in document.tables if re.fullmatch(r"[JFMASOND]\n\d\d", t.rows[0].cells[1].text))


def _shaded(row: Any) -> list[bool]:
    from docx.oxml.ns import qn

    out = []
    for cell in row.cells[1:]:
        shd = cell._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
        out.append(shd is not None)
    return out


def test_the_report_back_is_drawn_as_its_window(cli, tmp_path: Path) -> None:
    """4.3: "In December 2026-January 2027, the IWG Co-Chairs will report back": from 1 December
    2026 to 31 January 2027, not a 17-month bar from the plan's start, in all three charts."""
    mermaid = cli("export", "--plan", SHIPPED, "--format", "mermaid", "--as-of", ON).out
    line = next(x for x in mermaid.splitlines() if ":t_report_back_duty," in x)
    assert line.endswith(":t_report_back_duty, 2026-12-01, 2027-01-31")
    # an inferred date is a deadline, not a window: the joint statement runs from the plan's start
    assert next(x for x in mermaid.splitlines() if ":crit, t_joint_statement," in x).endswith(
        "2025-09-01, 2026-03-29"
    )
    svg = _svg(cli, SHIPPED)
    tip = re.search(
        r"<rect [^>]*><title>4\.3 In December 2026-January 2027[^<]*: planned, ([^<]*)</title>", svg
    )
    assert tip and unescape(tip[1]).startswith("2026-12-01 to 2027-01-31")
    # drawn from the December tick: the month line at 1 December 2026 is where the bar starts
    rect = re.search(r'<rect x="([0-9.]+)"[^>]*><title>4\.3 ', svg)
    ticks = [
        float(x)
        for x in re.findall(r'<line x1="([0-9.]+)" y1="[0-9.]+" x2="\1" y2="[0-9.]+" stroke="#e3e3e3"/>', svg)
    ]
    assert rect and float(rect[1]) in ticks[-3:-1]  # the Dec 2026 tick (then Jan 2027, then the end)
    table = _timeline_table(_word(cli, SHIPPED, tmp_path))
    months = [c.text.replace("\n", "") for c in table.rows[0].cells[1:]]
    row = next(r for r in table.rows if r.cells[0].text.startswith("4.3 "))
    assert [m for m, on in zip(months, _shaded(row), strict=True) if on] == ["D26", "J27"]


PLAN = """\
schema_version: 2
plan:
  id: forces
  title: Forces
  body: Group
  revision: 0
  date: 2025-09-10
  period: {start: 2025-09, end: 2026-12}
milestones:
  - {id: window, title: The window, start: 2026-05, end: 2026-06}
tiers:
  - id: t1
    number: "1"
    title: Tier one
    focus_areas:
      - id: fa
        title: Focus
        action_points:
          - id: task
            number: "1"
            title: A task in the window
            status: planned
            due: window
            due_basis: document
          - id: wish
            number: "2"
            title: Members intend to meet
            force: intend
            status: planned
            due: 2026-06
          - id: cheer
            number: "3"
            title: The group encourages the Secretariat
            force: encourage
            status: planned
            due: 2026-06
"""


def test_what_the_force_makes_no_deliverable_is_no_bar_and_no_status_badge(cli, tmp_path: Path) -> None:
    plan = tmp_path / "plans" / "forces.yaml"
    plan.parent.mkdir()
    plan.write_text(PLAN, encoding="utf-8")
    mermaid = cli("export", "--plan", plan, "--format", "mermaid", "--as-of", "2026-01-10").out
    assert ":t_task, 2026-05-01, 2026-06-30" in mermaid  # a stated window, on a plain plan too
    assert "t_wish" not in mermaid and "t_cheer" not in mermaid  # "intend", "encourage": no bars
    html = cli("report", "--plan", plan, "--format", "html", "--as-of", "2026-01-10").out
    assert "Members intend to meet · <em>intention</em>" in html
    assert "encourages the Secretariat · <em>encouraged</em>" in html
    assert 'class="status encouraged"' not in html and 'class="status intention"' not in html
    document = _word(cli, plan, tmp_path, "2026-01-10")
    lines = [p.text for p in document.paragraphs]
    assert any(x.startswith("encouraged") for x in lines) and any(x.startswith("intention") for x in lines)
    assert not any(x.startswith("Status: encouraged") or x.startswith("Status: intention") for x in lines)


def test_the_shipped_encouragement_reads_as_the_document_words_it(cli, tmp_path: Path) -> None:
    html = cli("report", "--plan", SHIPPED, "--format", "html", "--as-of", ON).out
    line = re.search(r"The IWG encourages the Secretariat[^·]*· (<[^>]+>)encouraged<", html)
    assert line and line[1] == "<em>"
    document = _word(cli, SHIPPED, tmp_path)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "The IWG encourages the Secretariat" in text and "Status: encouraged" not in text


def test_word_properties_keep_the_symbols_mark(cli, tmp_path: Path) -> None:
    props = _word(cli, SHIPPED, tmp_path).core_properties
    assert props.identifier == "INF/TGE/W/10/Rev.1, probable: not printed in the document"
    assert props.keywords.startswith("INF/TGE/W/10/Rev.1, probable: not printed in the document;")
