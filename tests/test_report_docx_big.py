"""The Word report of a plan of many items (issue 29: 95,000 items took 3.5 GB): its body spooled
to a file as it is built, byte for byte the document built in memory, and a timeline of a row per
tier or section beyond what a table can show one item to a row."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from iwgplan.files.loading import load_text
from iwgplan.render import docx
from iwgplan.views.report import build
from iwgplan.views.report_context import build_context
from tests.helpers import FIXTURES, ROOT, SHIPPED
from tests.helpers.hostile_output import PAYLOADS, plan_text

sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _context(text: str, day: str = "2026-03-30") -> dict[str, object]:
    index = load_text(text, "plan")[1]
    return build_context(build(index, date.fromisoformat(day)))


def _both(monkeypatch: pytest.MonkeyPatch, ctx: dict[str, object]) -> tuple[bytes, bytes]:
    """The document built in memory, and spooled in batches of 3 (so that every table and the
    body cross batches)."""
    with monkeypatch.context() as patch:
        patch.setattr(docx, "SPOOL_ITEMS", 10**9)
        held = docx.render(ctx)
    with monkeypatch.context() as patch:
        patch.setattr(docx, "SPOOL_ITEMS", -1)
        patch.setattr(docx.Spool, "BATCH", 3)
        spooled = docx.render(ctx)
    return held, spooled


SOURCES = {
    "shipped": lambda: SHIPPED.read_text(encoding="utf-8"),
    "every-field": lambda: (FIXTURES / "every-field.yaml").read_text(encoding="utf-8"),
    "generated": lambda: generate(400, seed=2, history=5),
    **{f"hostile-{name}": (lambda p=p: plan_text(p)) for name, p in PAYLOADS.items() if name != "invisible"},
    "hostile-invisible": lambda: plan_text(PAYLOADS["invisible"]),
}


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_spooled_body_is_the_same_document(monkeypatch, source: str) -> None:  # type: ignore[no-untyped-def]
    held, spooled = _both(monkeypatch, _context(SOURCES[source]()))
    assert spooled == held
    body = zipfile.ZipFile(io.BytesIO(held)).read(docx.BODY_PART)
    assert body.count(b"<w:tbl>") >= 3  # tables, rows and paragraphs all crossed batches


def test_big_reports_spool_and_small_ones_do_not(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    spools: list[object] = []
    real = docx.Spool.__init__

    def spy(self, document, file):  # type: ignore[no-untyped-def]
        spools.append(file)
        real(self, document, file)

    monkeypatch.setattr(docx.Spool, "__init__", spy)
    monkeypatch.setattr(docx, "SPOOL_ITEMS", 500)
    small, big = _context(generate(200, seed=1)), _context(generate(600, seed=1))
    docx.render(small)
    assert not spools
    docx.render(big)
    assert len(spools) == 1


def test_timeline_beyond_its_rows_has_a_row_per_tier_or_section(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each month's cell counts the group's deliverables that run through it, as the report's
    own bars (the JSON) give them; the caption says what the rows are; milestones stay."""
    from docx import Document

    plan = tmp_path / "plan.yaml"
    plan.write_text(generate(300, seed=4, groups=6), encoding="utf-8")
    args = ["--plan", plan, "--as-of", "2026-03-30"]
    ctx = json.loads(cli("report", "--format", "json", *args).out)
    bars, months = ctx["timeline"]["bars"], ctx["timeline"]["months"]
    assert len(bars) > 20
    monkeypatch.setattr(docx, "TIMELINE_ROWS", 20)
    out = tmp_path / "report.docx"
    assert cli("report", "--format", "docx", "-o", out, *args).code == 0
    document = Document(str(out))
    texts = [p.text for p in document.paragraphs]
    at = texts.index("Timeline")
    assert texts[at + 1].startswith(f"This plan has {len(bars):,} dated deliverables")
    timeline = [t for t in document.tables if len(t.columns) == len(months) + 1][0]
    rows = [[c.text for c in r.cells] for r in timeline.rows][1:]
    milestones = [r for r in rows if r[0].startswith("◆")]
    groups = [r for r in rows if not r[0].startswith("◆")]
    assert len(milestones) == len(ctx["milestones"])
    labels = {g["label"] for g in ctx["groups"] if any(b["items"] for b in g["blocks"])}
    assert len(groups) == len({r[0].split(" !")[0] for r in groups}) <= len(labels)
    for i, month in enumerate(months):
        spanning = sum(b["start"][:7] <= month <= b["end"][:7] for b in bars)
        assert sum(int(r[i + 1].replace(",", "") or 0) for r in groups) == spanning
    overdue = sum(int(r[0].split(" !")[1].replace(",", "")) for r in groups if " !" in r[0])
    assert overdue == sum(b["overdue"] for b in bars)


def test_timeline_up_to_its_rows_has_a_row_per_item(cli, tmp_path: Path) -> None:
    from docx import Document

    plan = tmp_path / "plan.yaml"
    plan.write_text(generate(300, seed=4, groups=6), encoding="utf-8")
    args = ["--plan", plan, "--as-of", "2026-03-30"]
    ctx = json.loads(cli("report", "--format", "json", *args).out)
    out = tmp_path / "report.docx"
    assert cli("report", "--format", "docx", "-o", out, *args).code == 0
    months = ctx["timeline"]["months"]
    timeline = [t for t in Document(str(out)).tables if len(t.columns) == len(months) + 1][0]
    assert len(timeline.rows) == 1 + len(ctx["milestones"]) + len(ctx["timeline"]["bars"])
