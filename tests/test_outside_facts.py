"""Issue 23, point 5: every fact that is not the document's own is marked wherever it is printed.

The facts are listed from the shipped plan itself (read with PyYAML, not with iwgplan): each
milestone, reference title and reference symbol whose ``*_basis`` is not ``document``, the
plan's symbol (``symbol_note``) and its revision number (``revision_note``). Every format that
prints one is cut into units (a line; an HTML row, item or SVG label; a Word paragraph or table
cell), and every unit that prints the fact carries its mark. Sources are public pages or WTO
documents, never a file a user of the plan does not have.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest
import yaml

from iwgplan.plan.model import _SYMBOL_RE, _URL_RE
from tests.helpers import SHIPPED
from tests.helpers.units import docx_units as _docx_units
from tests.helpers.units import units as _units

DATA = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
META = DATA["plan"]
UNSURE = {"inferred", "outside", "default"}
WORDS = {"inferred": "inferred", "outside": "outside the document", "default": "default"}


def _facts() -> list[tuple[str, re.Pattern[str], str]]:
    """(name, what prints the fact, the mark every unit that prints it carries)."""
    found = [
        (
            "plan symbol",
            re.compile(re.escape(META["symbol"])),
            re.escape(META["symbol_note"]),
        ),
        (
            "revision number",
            re.compile(rf"(?<![/\w])Rev\.{META['revision']}\b"),
            re.escape(META["revision_note"]),
        ),
    ]
    for m in DATA["milestones"]:
        if m.get("basis") in UNSURE:
            found.append(
                (f"milestone {m['id']}", re.compile(re.escape(m["title"])), re.escape(WORDS[m["basis"]]))
            )
    for r in DATA["references"]:
        title = " ".join(r["title"].split())
        if r.get("title_basis") in UNSURE:
            mark = {"inferred": "title inferred"}.get(r["title_basis"], "title not in the document")
            mark = "symbol and " + mark if r.get("symbol_basis") in UNSURE else mark
            found.append((f"title of {r['symbol']}", re.compile(re.escape(title)), mark))
        if r.get("symbol_basis") in UNSURE:
            # the symbol as printed, not inside a longer one, and not as a named source
            pattern = re.compile(rf"(?<![/\w]){re.escape(r['symbol'])}(?!/)(?!\w)(?!; |\)\s*$)")
            # beside the symbol, or once for both in a table's row: "(symbol and title not in ...)"
            found.append(
                (f"symbol {r['symbol']}", pattern, "not printed in the document|symbol and title not")
            )
    return found


FACTS = _facts()


def test_the_shipped_plan_marks_what_the_issue_names() -> None:
    names = {name for name, _, _ in FACTS}
    assert {"plan symbol", "revision number", "milestone mc14", "symbol WT/MIN(24)/6"} <= names
    assert {"title of INF/TGE/R/1", "title of INF/TGE/R/2/Rev.1", "title of WT/MIN(24)/6"} <= names
    assert META["symbol_note"] == "probable: not printed in the document"


def _sources() -> list[str]:
    out = list(META.get("symbol_sources", []))
    for key, field in (
        ("milestones", "sources"),
        ("references", "sources"),
        ("objectives", "points_sources"),
    ):
        for node in DATA[key]:
            if node.get("basis", node.get("title_basis", node.get("points_basis"))) == "outside":
                assert node.get(field), (key, node)  # every outside fact names its source
            out += node.get(field, [])
    return out


def test_every_source_is_a_public_page_or_document_and_no_file_is_cited() -> None:
    sources = _sources()
    assert sources and all(_URL_RE.match(s) or _SYMBOL_RE.match(s) for s in sources)
    text = SHIPPED.read_text(encoding="utf-8")
    assert "FACTS.md" not in text and "shared/seed" not in text
    packaged = SHIPPED.parents[1] / "src" / "iwgplan" / "data" / SHIPPED.name
    assert packaged.read_bytes() == SHIPPED.read_bytes()


AS_OF = "2026-03-20"  # before MC14: it is among the next milestones


def _outputs(cli, tmp_path: Path) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    def run(*args: str | Path) -> str:
        result = cli(*args, "--plan", SHIPPED)
        assert result.code == 0, result.err
        return result.out

    outputs = {
        "status": _units(run("status", "--as-of", AS_OF, "--wide", "--no-pager"), "text"),
        "status markdown": _units(run("status", "--as-of", AS_OF, "--format", "markdown"), "text"),
        "show": _units(run("show", "joint-statement", "--as-of", AS_OF, "--wide", "--no-pager"), "text"),
        "show markdown": _units(run("show", "joint-statement", "--format", "markdown"), "text"),
        "ics": _units(run("export", "--format", "ics", "--as-of", AS_OF), "ics"),
        "ics outlook": _units(run("export", "--format", "ics", "--for", "outlook", "--as-of", AS_OF), "ics"),
        "mermaid": _units(run("export", "--format", "mermaid", "--as-of", AS_OF), "text"),
    }
    for name, args in (("status json", ("status",)), ("show json", ("show", "joint-statement"))):
        data = json.loads(run(*args, "--as-of", AS_OF, "--format", "json"))
        outputs[name] = [json.dumps(m, ensure_ascii=False) for m in data.get("milestones", [])] + (
            [json.dumps(data["milestone"], ensure_ascii=False)] if "milestone" in data else []
        )
    for fmt in ("markdown", "html", "docx"):
        out = tmp_path / f"r.{fmt}"
        run("report", "--as-of", AS_OF, "--format", fmt, "-o", out)
        outputs[f"report {fmt}"] = (
            _docx_units(out) if fmt == "docx" else _units(out.read_text(encoding="utf-8"), fmt)
        )
    return outputs


# Where each fact must be printed at all (so that the check below cannot pass by printing nothing).
PRINTED = {
    "milestone mc14": {"status", "status markdown", "status json", "show", "show markdown", "show json"}
    | {"ics", "ics outlook", "report markdown", "report html", "report docx"},
    "plan symbol": {"status", "status markdown", "report markdown", "report html", "report docx"},
    "revision number": {"status", "status markdown", "report markdown", "report html", "report docx"},
    "symbol WT/MIN(24)/6": {"report markdown", "report html", "report docx"},
    "title of WT/MIN(24)/6": {"report markdown", "report html", "report docx"},
    "title of INF/TGE/R/1": {"report markdown", "report html", "report docx"},
}


def test_every_fact_from_outside_the_document_carries_its_mark_in_every_format(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # a line of text is a unit: no wrapping (widths: below)
    outputs = _outputs(cli, tmp_path)
    for name, pattern, mark in FACTS:
        for fmt, units in outputs.items():
            printing = [u for u in units if pattern.search(u)]
            if fmt in PRINTED.get(name, ()):
                assert printing, (name, fmt)
            for unit in printing:
                assert re.search(mark, unit), (name, fmt, unit)


def test_the_gantt_charts_mark_the_milestone_and_name_its_sources(cli, tmp_path: Path) -> None:
    mc14 = next(m for m in DATA["milestones"] if m["id"] == "mc14")
    out = tmp_path / "r.html"
    assert cli("report", "--as-of", AS_OF, "--format", "html", "-o", out, "--plan", SHIPPED).code == 0
    svg = html_lib.unescape(out.read_text(encoding="utf-8"))
    # numbered above the chart (its tooltip names the sources), whole with its mark in the key
    label = re.search(r"<title>(WTO 14th[^<]*)</title>(◆[0-9]+)</text>", svg)
    assert label and mc14["title"] in label[1]
    assert all(source in label[1] for source in mc14["sources"])
    assert f">{label[2]} {mc14['title']} (from outside the document):" in svg
    docx_out = tmp_path / "r.docx"
    assert cli("report", "--as-of", AS_OF, "--format", "docx", "-o", docx_out, "--plan", SHIPPED).code == 0
    cells = _docx_units(docx_out)
    assert f"◆ {mc14['title']} (from outside the document)" in cells
    mermaid = cli("export", "--format", "mermaid", "--plan", SHIPPED).out
    assert f"‣ {mc14['title']} (from outside the document) :t_mc14," in mermaid


@pytest.mark.parametrize("width", ["60", "80", "120", "200"])
def test_the_marks_are_never_cut_off_at_any_width(cli, monkeypatch: pytest.MonkeyPatch, width: str) -> None:
    monkeypatch.setenv("COLUMNS", width)
    monkeypatch.setattr("iwgplan.cli.output.on_terminal", lambda: True)  # the one-screen layout
    out = cli("status", "--as-of", AS_OF, "--plan", SHIPPED, "--no-pager", "--no-color").out
    flat = " ".join(out.split())
    assert META["symbol_note"] in flat and META["revision_note"] in flat
    # the milestone's title may be cut to fit; the mark beside its dates never is
    (row,) = [r for r in out.splitlines() if r.lstrip().startswith("mc14 ")]
    assert re.search(r"2026-03-26\.\.2026-03-29 (outside|\(from outside the document\))", row)
    assert "Outside: the milestone's dates come from outside the document" in flat
