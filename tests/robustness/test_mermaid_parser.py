"""Every Mermaid chart iwgplan writes, read by the real Mermaid parser, says what the plan says.

Plan titles, tier titles, milestone titles and item titles are made of Mermaid's own words
(every gantt keyword in four cases), comments (``%%``), dates, ``:`` and ``#``. Mermaid (npm
``mermaid`` with ``jsdom`` for its DOM) parses each chart from ``export --format mermaid`` and
the Markdown report's Gantt; the parsed chart must have our title, our sections, exactly our
tasks (each named as we wrote it), and no ``excludes``, ``includes``, ``todayMarker`` or other
setting a title could smuggle in.

Mermaid is installed once into a cache folder (``~/.cache/iwgplan-tests/mermaid``, or
``$IWGPLAN_MERMAID_DIR``) and reused; ``.ci/run`` installs it before the tests. Without node or
npm, or when the install fails, the test skips and says why.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iwgplan.cli.app import app

PACKAGES = ["mermaid@11", "jsdom@29"]
KEYWORDS = [
    "gantt",
    "title",
    "section",
    "dateFormat",
    "axisFormat",
    "tickInterval",
    "excludes",
    "includes",
    "todayMarker",
    "inclusiveEndDates",
    "topAxis",
    "weekday",
    "weekend",
    "click",
    "call",
    "href",
    "accTitle",
    "accDescr",
    "displayMode",
    "after",
    "until",
    "crit",
    "done",
    "active",
    "milestone",
    "vert",
]
CASES = [str.lower, str.upper, str.title, lambda k: k[0].lower() + k[1:].swapcase()]
EXTRAS = [
    "%% a comment",
    "%%{init: {'theme': 'dark'}}%%",
    "2026-01-01",
    "2026-01-01, 3d",
    "a: b",
    "a #35; b",
    "x :crit, done, 2025-01-01, 1d",
    "after t_a",
    "   title spaced",
    "‣ title already marked",
    "section: S\ntitle: T",
    "excludes weekends\nincludes 2026-01-01",
    'click t_a href "https://evil.example"',
    "accTitle: owned",
]
TITLES = [f"{case(k)} owned: 1 #2 %% 3" for k in KEYWORDS for case in CASES] + [
    case(k) for k in KEYWORDS for case in CASES[:2]
]
TITLES += EXTRAS

NODE_SCRIPT = r"""
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";
const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
const charts = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = [];
for (const text of charts) {
  try {
    await mermaid.parse(text);
    if (text.startsWith("xychart-beta")) {
      out.push({ xychart: true });
      continue;
    }
    const db = (await mermaid.mermaidAPI.getDiagramFromText(text)).db;
    out.push({
      title: db.getDiagramTitle(),
      accTitle: db.getAccTitle(),
      excludes: db.getExcludes(),
      includes: db.getIncludes(),
      todayMarker: db.getTodayMarker(),
      tickInterval: db.getTickInterval() ?? null,
      dateFormat: db.getDateFormat(),
      axisFormat: db.getAxisFormat(),
      sections: db.getSections(),
      tasks: db.getTasks().map((t) => [t.task, t.section]),
    });
  } catch (error) {
    out.push({ error: String(error && error.message || error) });
  }
}
console.log(JSON.stringify(out));
"""


def _folder() -> Path:
    return Path(os.environ.get("IWGPLAN_MERMAID_DIR") or Path.home() / ".cache" / "iwgplan-tests" / "mermaid")


@pytest.fixture(scope="module")
def mermaid_dir() -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("node and npm are needed to run the real Mermaid parser; not found on PATH")
    folder = _folder()
    if not all((folder / "node_modules" / name / "package.json").exists() for name in ("mermaid", "jsdom")):
        folder.mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run(
                [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--silent", *PACKAGES],
                capture_output=True,
                text=True,
                timeout=600,
            )
        except subprocess.TimeoutExpired:
            pytest.skip(f"npm install {' '.join(PACKAGES)} into {folder} took over 10 minutes")
        if done.returncode != 0:
            pytest.skip(f"npm install {' '.join(PACKAGES)} into {folder} failed: {done.stderr[-500:]}")
    (folder / "parse.mjs").write_text(NODE_SCRIPT, encoding="utf-8")
    return folder


def _q(text: str) -> str:
    return json.dumps(text)


def hostile_plan(title: str, items: list[str]) -> str:
    """A valid plan titled ``title``: one tier, focus area, milestone and action point per item title."""
    lines = [
        "schema_version: 2",
        "plan:",
        "  id: mermaid",
        f"  title: {_q(title)}",
        "  body: B",
        "  revision: 0",
        "  date: 2025-09-10",
        "  period: {start: 2025-09, end: 2026-12}",
        "milestones:",
    ]
    for n, text in enumerate(items):
        lines += [f"  - id: m{n}", f"    title: {_q(text)}", f"    date: 2026-0{n % 9 + 1}-1{n % 10}"]
    lines.append("tiers:")
    for n, text in enumerate(items):
        lines += [
            f"  - id: t{n}",
            f'    number: "{n + 1}"',
            f"    title: {_q(text)}",
            "    focus_areas:",
            f"      - id: f{n}",
            f"        title: {_q(text)}",
            "        action_points:",
            f"          - id: a{n}",
            f"            title: {_q(text)}",
            f"            status: {['planned', 'in-progress', 'done', 'blocked'][n % 4]}",
            f"            due: 2026-0{n % 9 + 1}",
        ]
        if n % 4 == 2:
            lines.append("            completed: 2025-12-01")
    return "\n".join(lines) + "\n"


def charts(tmp_path: Path, xycharts: list[str]) -> list[str]:
    """Every Gantt iwgplan writes, over plans whose every title is hostile; the progress charts
    of the Markdown reports (``xychart-beta``) go to ``xycharts``."""
    runner = CliRunner()
    found: list[str] = []
    plans = 16
    for k in range(plans):
        plan = tmp_path / f"p{k}.yaml"
        plan.write_text(hostile_plan(TITLES[k * len(TITLES) // plans], TITLES[k::plans]), encoding="utf-8")
        common = ["--plan", str(plan), "--as-of", "2026-01-01"]
        exported = runner.invoke(app, ["export", "--format", "mermaid", *common], catch_exceptions=False)
        assert exported.exit_code == 0, exported.stderr
        found.append(exported.stdout)
        report = runner.invoke(app, ["report", "--format", "markdown", *common], catch_exceptions=False)
        assert report.exit_code == 0, report.stderr
        blocks = re.findall(r"```mermaid\n(.*?)```", report.stdout, re.S)
        gantts = [b for b in blocks if b.startswith("gantt\n")]
        assert len(gantts) == 1
        # the rest is the progress-over-time chart, made of dates and numbers only
        assert all(b.startswith("xychart-beta\n") for b in blocks if b not in gantts)
        found += gantts
        xycharts.extend(b for b in blocks if b not in gantts)
    return found


def expected(chart: str) -> dict[str, object]:
    """What the chart says, read by iwgplan's own line grammar (which the test must confirm)."""
    lines = chart.splitlines()
    tasks, section = [], None
    for line in lines[5:]:
        if line.startswith("    section "):
            section = line.removeprefix("    section ")
            continue
        name = line.strip().split(" :", 1)[0]
        tasks.append([name, section])
    sections = list(dict.fromkeys(s for _, s in tasks))
    return {"title": lines[1].removeprefix("    title "), "tasks": tasks, "sections": sections}


@pytest.mark.slow
def test_the_real_mermaid_parser_reads_every_chart_as_written(mermaid_dir: Path, tmp_path: Path) -> None:
    xycharts: list[str] = []
    found = charts(tmp_path, xycharts)
    assert xycharts, "no report drew its progress over time"
    source = tmp_path / "charts.json"
    source.write_text(json.dumps(found + xycharts), encoding="utf-8")
    run = subprocess.run(
        ["node", str(mermaid_dir / "parse.mjs"), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=mermaid_dir,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    parsed = json.loads(run.stdout.strip().splitlines()[-1])
    assert len(parsed) == len(found) + len(xycharts) and len(found) == 32
    for chart, got in zip(xycharts, parsed[len(found) :], strict=True):
        assert got == {"xychart": True}, (got, chart)
    parsed = parsed[: len(found)]
    for chart, got in zip(found, parsed, strict=True):
        assert "error" not in got, (got, chart)
        want = expected(chart)
        assert got["title"] == want["title"], chart
        assert (got["accTitle"], got["excludes"], got["includes"], got["todayMarker"]) == ("", [], [], "")
        assert (got["dateFormat"], got["axisFormat"], got["tickInterval"]) == ("YYYY-MM-DD", "%b %Y", None)
        assert got["sections"] == want["sections"]
        assert [[name.strip(), section] for name, section in got["tasks"]] == want["tasks"], chart
        for name, _ in got["tasks"]:
            assert name.startswith("‣ ") or re.fullmatch(r"As of \d{4}-\d{2}-\d{2} ?", name), name
    titled = {t for chart in found for t in re.findall(r"‣ [^:]*", chart)}
    assert len(titled) > len(TITLES)  # every hostile title reached a chart
