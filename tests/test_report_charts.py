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


# ------------------------------------------------------------------ issue 24.5: labels in full


def _svg_texts(svg: str) -> list[str]:
    """Every label the chart shows: a <text>'s own text, or its <tspan> lines joined."""
    out = []
    for body in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S):
        body = re.sub(r"<title>.*?</title>", "", body, flags=re.S)
        lines = re.findall(r"<tspan[^>]*>(.*?)</tspan>", body) or [body]
        out.append(unescape(" ".join(lines)))
    return out


def _milestone_titles() -> list[tuple[str, str]]:
    from iwgplan.files.loading import load_text
    from iwgplan.views.provenance import milestone_title

    _, index = load_text(SHIPPED.read_text(encoding="utf-8"), str(SHIPPED))
    ordered = sorted(index.plan.milestones, key=lambda m: m.begins.first())
    return [(m.title, milestone_title(m)) for m in ordered]


def test_svg_names_every_milestone_in_full_and_cuts_no_word(cli) -> None:
    html = cli("report", "--plan", SHIPPED, "--format", "html", "--as-of", "2026-03-27").out
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    texts = _svg_texts(svg)
    key = html.split("</svg>", 1)[1].split('<ul class="legend key">', 1)[1].split("</ul>", 1)[0]
    joined = unescape(" ".join(re.findall(r"<li>(.*?)</li>", key)))  # the key under the chart
    for i, (title, marked) in enumerate(_milestone_titles(), 1):
        if f"◆ {marked}" in texts:  # labelled in full above the chart
            continue
        assert f"◆{i}" in texts, title  # else by its number, above the chart ...
        assert f"◆{i} {marked}:" in joined, title  # ... and in full in the key under it
    # a range is drawn as its range: a band from its first to its last day, labelled once
    assert len(re.findall(r'<rect [^>]*fill-opacity="0.1"><title>WTO 14th Ministerial', svg)) == 1
    assert "◆5 IWG Co-Chairs report back to the IWG on the implementation of the Work Plan:" in joined
    assert "2026-12-01 to 2027-01-31" in joined
    # no label is cut inside a word: what comes before "…" is whole words of the item's label
    for body in re.findall(r"<text x=\"0\"[^>]*><title>(.*?)</title>(.*?)</text>", svg, re.S):
        full = unescape(body[0])
        shown = unescape(" ".join(re.findall(r"<tspan[^>]*>(.*?)</tspan>", body[1])))
        if "…" in shown:
            before = shown.split("…")[0].strip()
            at = full.find(before)  # the row shows the number under its tier; the tooltip, the whole
            assert at >= 0 and full[at + len(before)] == " ", (shown, full)
        assert body[1].count("<tspan") <= 2  # two lines at most


DONE = """\
schema_version: 2
plan:
  id: quick
  title: Quick
  body: Group
  revision: 0
  date: 2025-09-10
  period: {start: 2025-09, end: 2026-12}
tiers:
  - id: t1
    number: "1"
    title: Tier one
    focus_areas:
      - id: fa
        title: Focus
        action_points:
          - id: quick
            number: "1"
            title: Done the day after it began
            status: done
            due: 2026-06
            completed: 2026-01-11
            history:
              - {date: 2026-01-10, status: in-progress}
              - {date: 2026-01-11, status: done}
"""


def test_a_done_item_is_no_sliver(cli, tmp_path: Path) -> None:
    from iwgplan.render.gantt_svg import MIN_BAR_PX, STATUS_COLOUR

    plan = tmp_path / "plans" / "quick.yaml"
    plan.parent.mkdir()
    plan.write_text(DONE, encoding="utf-8")
    html = cli("report", "--plan", plan, "--format", "html", "--as-of", "2026-02-01").out
    rect = re.search(
        r'<rect x="[0-9.]+" y="[0-9.]+" width="([0-9.]+)"[^>]*fill="([^"]+)"><title>Tier one, 1 Done', html
    )
    assert rect and float(rect[1]) >= MIN_BAR_PX == 6 and rect[2] == STATUS_COLOUR["done"]
    assert f'<i style="background:{STATUS_COLOUR["done"]}"></i>done</li>' in html  # in the legend


def test_mermaid_names_milestones_and_items_in_full(cli) -> None:
    from iwgplan.files.loading import load_text

    mermaid = cli("export", "--plan", SHIPPED, "--format", "mermaid", "--as-of", ON).out
    for title, marked in _milestone_titles():
        assert f"‣ {marked} :" in mermaid, title
    _, index = load_text(SHIPPED.read_text(encoding="utf-8"), str(SHIPPED))
    tasks = [x for x in mermaid.splitlines() if x.startswith("    ‣ ")]
    assert not any("…" in x for x in tasks)
    assert f"‣ 1 {index.get('msme-toolkit').item.title} (within the period) :" in mermaid


def test_word_timeline_labels_are_whole(cli, tmp_path: Path) -> None:
    from iwgplan.files.loading import load_text

    table = _timeline_table(_word(cli, SHIPPED, tmp_path))
    labels = [r.cells[0].text for r in table.rows[1:]]
    assert not any("…" in x for x in labels)
    for _, marked in _milestone_titles():
        assert f"◆ {marked}" in labels
    _, index = load_text(SHIPPED.read_text(encoding="utf-8"), str(SHIPPED))
    assert any(x.endswith(index.get("compendium-2020").item.title) for x in labels)
    months = [c.text.replace("\n", "") for c in table.rows[0].cells[1:]]
    row = next(r for r in table.rows if r.cells[0].text.startswith("◆ WTO 14th"))
    assert [m for m, c in zip(months, row.cells[1:], strict=True) if c.text == "◆"] == ["M26"]
    back = next(r for r in table.rows if r.cells[0].text.startswith("◆ IWG Co-Chairs report back"))
    assert [c.text for c in back.cells[1:]].count("◆") == 1 and _shaded(back).count(True) == 2


def test_the_progress_chart_names_milestones_by_title(cli, tmp_path: Path) -> None:
    import json

    ctx = json.loads(cli("report", "--plan", SHIPPED, "--format", "json", "--as-of", ON).out)
    milestones = ctx["progress_over_time"]["milestones"]
    assert {m["id"]: m["title"] for m in milestones}["mc14"].startswith("WTO 14th Ministerial Conference")
