"""Issue 23, "say only what the source says": a title the document does not write is marked.

The document has one heading for section 5 ("New IWG AGENDA SETTING and secretariat's support
functions"); 5.1 and 5.2 have none of their own, and the shipped plan's titles for them are the
tool's labels (``title_basis: inferred``). The titles are listed from the shipped plan file itself
(read with PyYAML, not with iwgplan); every format that prints one is cut into units (a line; a
JSON object; an HTML row, heading or item; a Word paragraph or table cell; a spreadsheet cell),
and every unit that prints the title carries its mark, in English, French and Spanish. Every other
title of a tier, focus area or section must be the document's own words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import FIXTURES, SHIPPED
from tests.helpers.units import docx_units, units, xlsx_units

DATA = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
SOURCE = (FIXTURES / "seed" / "iwg-workplan-2025-2026-rev.txt").read_text(encoding="utf-8")
UNSURE = {"inferred", "default", "outside"}
AS_OF = "2026-03-20"

# The mark in each language: beside the title, and the short one of the status and tiers tables.
MARKS = {
    "en": r"\(the tool's label\b|\(label\)",
    "fr": r"\(libellé de l'outil\b|\(libellé\)",
    "es": r"\(rótulo de la herramienta\b|\(rótulo\)",
}
# What the legends say it means: beside the long mark, and beside the tables' short one.
LEGENDS = {
    "en": "the document gives the part no heading of its own",
    "fr": "le document ne donne pas de titre propre à cette partie",
    "es": "el documento no da a esta parte un título propio",
}
SHORT_LEGENDS = {
    "en": "Label: a title the document does not write",
    "fr": "Libellé : un titre que le document n'écrit pas",
    "es": "Rótulo: un título que el documento no escribe",
}


def _titled() -> list[tuple[str, dict]]:
    """Every tier, focus area and section of the shipped plan, with where it sits."""
    out: list[tuple[str, dict]] = []
    for tier in DATA["tiers"]:
        out.append(("tier", tier))
        out += [("focus area", area) for area in tier.get("focus_areas", [])]
    out += [("section", section) for section in DATA["sections"]]
    return out


# The document's own headings hold the labels' words ("5 New IWG agenda setting and Secretariat's
# support functions"): printed as the document's, they need no mark.
HEADINGS = re.compile("|".join(re.escape(h["title"]) for h in DATA["headings"]))
LABELS = [node for _kind, node in _titled() if node.get("title_basis") in UNSURE]


def test_the_shipped_plan_marks_the_labels_the_issue_names() -> None:
    assert {(n["number"], n["title"]) for n in LABELS} == {
        ("5.1", "New IWG agenda setting"),
        ("5.2", "Secretariat's support functions"),
    }
    assert all(n["title_basis"] == "inferred" and "section 5's heading" in n["title_note"] for n in LABELS)
    assert "5 new iwg agenda setting and secretariat's support functions" in _words(SOURCE)
    packaged = SHIPPED.parents[1] / "src" / "iwgplan" / "data" / SHIPPED.name
    assert packaged.read_bytes() == SHIPPED.read_bytes()


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


@pytest.mark.parametrize("kind,node", _titled(), ids=lambda v: v if isinstance(v, str) else v["id"])
def test_every_unmarked_title_is_the_documents_own(kind: str, node: dict) -> None:
    """A title without a basis is the document's: its words are a line of the document (a
    heading), or open one (a focus area's, before its description in brackets)."""
    if node.get("title_basis") in UNSURE:
        assert _words(node["title"]) not in {_words(line) for line in SOURCE.splitlines()}, node["id"]
        return
    number = f"{node['number']}  " if kind == "section" else ""
    lines = [_words(line) for line in SOURCE.splitlines()]
    title = _words(number + node["title"])
    assert any(line == title or line.startswith(title + " (") for line in lines), (kind, node["title"])


def _outputs(cli, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    def run(*args: str | Path) -> str:
        result = cli(*args, "--plan", SHIPPED, "--lang", lang)
        assert result.code == 0, result.err
        return result.out

    def text(*args: str) -> list[str]:
        return units(run(*args), "text")

    outputs = {
        "status": text("status", "--as-of", AS_OF, "--wide", "--no-pager"),
        "status markdown": text("status", "--as-of", AS_OF, "--format", "markdown"),
        "list": text("list", "--wide", "--no-pager"),
        "list markdown": text("list", "--format", "markdown"),
        "tiers": text("tiers"),
        "tiers markdown": text("tiers", "--format", "markdown"),
        "show": text("show", "agenda-protocol", "--wide", "--no-pager")
        + text("show", "sec-support", "--wide", "--no-pager"),
        "show markdown": text("show", "agenda-protocol", "--format", "markdown")
        + text("show", "sec-support", "--format", "markdown"),
        "csv": text("export", "--format", "csv"),
        "mermaid": text("export", "--format", "mermaid", "--as-of", AS_OF),
        "ics": units(run("export", "--format", "ics", "--as-of", AS_OF), "ics"),
    }
    status = json.loads(run("status", "--as-of", AS_OF, "--format", "json"))
    tiers = json.loads(run("tiers", "--format", "json"))
    shown = [json.loads(run("show", i, "--format", "json")) for i in ("agenda-protocol", "sec-support")]
    outputs["status json"] = [json.dumps(g, ensure_ascii=False) for g in status["tiers"]]
    outputs["tiers json"] = [json.dumps(g, ensure_ascii=False) for g in tiers["tiers"]]
    outputs["show json"] = [json.dumps(s["group"], ensure_ascii=False) for s in shown]
    xlsx = tmp_path / f"{lang}.xlsx"
    run("export", "--format", "xlsx", "-o", xlsx)
    outputs["xlsx"] = xlsx_units(xlsx)
    for fmt in ("markdown", "html", "docx"):
        out = tmp_path / f"r-{lang}.{fmt}"
        run("report", "--as-of", AS_OF, "--format", fmt, "-o", out)
        outputs[f"report {fmt}"] = (
            docx_units(out) if fmt == "docx" else units(out.read_text(encoding="utf-8"), fmt)
        )
    # a plan of more dated deliverables than a Word table can show one to a row: a row per group
    monkeypatch.setattr("iwgplan.render.docx.TIMELINE_ROWS", 3)
    out = tmp_path / f"r-{lang}-by-group.docx"
    run("report", "--as-of", AS_OF, "--format", "docx", "-o", out)
    outputs["report docx, timeline by group"] = docx_units(out)
    return outputs


# Where each label must be printed at all, so that the check cannot pass by printing nothing:
# 5.1 has a deliverable (a row of the progress tables, a bar of the charts); 5.2 only standing
# duties, named by `list`, `show` and the Markdown status and tiers tables (all of their rows).
EVERYWHERE = {"list", "tiers markdown", "show", "show markdown", "status markdown"}
EVERYWHERE |= {"status json", "tiers json", "show json"}
PRINTED = {
    "agenda-setting": EVERYWHERE
    | {"status", "tiers", "mermaid", "ics", "report markdown", "report html", "report docx"}
    | {"report docx, timeline by group"},
    "secretariat": EVERYWHERE,
}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_every_label_carries_its_mark_in_every_format(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # a line of text is a unit: no wrapping
    outputs = _outputs(cli, tmp_path, lang, monkeypatch)
    for node in LABELS:
        title = re.compile(rf"{re.escape(node['title'])}(?!\w)")
        for fmt, cut in outputs.items():
            printing = [u for u in cut if title.search(HEADINGS.sub("", u))]
            if fmt in PRINTED[node["id"]]:
                assert printing, (node["id"], fmt)
            for unit in printing:
                mark = r"\"title_mark\": \"[^\"]+\"" if "json" in fmt else MARKS[lang]
                assert re.search(mark, unit), (node["id"], fmt, unit)
    # each screen that marks a title says once what the mark means: the tables' short mark, or the long one
    for fmt in ("status", "tiers"):
        assert any(SHORT_LEGENDS[lang] in u for u in outputs[fmt]), (fmt, "legend")
    for fmt in ("list", "status markdown", "tiers markdown", "report markdown", "report html", "report docx"):
        assert any(LEGENDS[lang] in u for u in outputs[fmt]), (fmt, "legend")


def test_the_reports_legend_says_what_the_mark_means(cli, tmp_path: Path) -> None:
    for lang, words in LEGENDS.items():
        out = tmp_path / f"r-{lang}.docx"
        assert (
            cli(
                "report", "--as-of", AS_OF, "--format", "docx", "-o", out, "--plan", SHIPPED, "--lang", lang
            ).code
            == 0
        )
        (legend,) = [u for u in docx_units(out) if words in u]
        assert re.search(MARKS[lang].split("|")[0], legend), legend  # the mark, then its meaning


def test_show_gives_the_note_and_a_documents_own_title_no_mark(cli) -> None:
    out = cli("show", "sec-support", "--plan", SHIPPED, "--wide", "--no-pager").out
    assert (
        "5.2 Secretariat's support functions (the tool's label: section 5's heading covers 5.1 and 5.2" in out
    )
    out = cli("show", "report-back-duty", "--plan", SHIPPED, "--wide", "--no-pager").out
    assert re.search(r"section\s+4 Timeline\n", out) and "label" not in out
    data = json.loads(cli("show", "report-back-duty", "--plan", SHIPPED, "--format", "json").out)
    assert data["group"]["title_basis"] is None and data["group"]["title_mark"] == ""


@pytest.mark.parametrize("columns", ["50", "80", "120"])
@pytest.mark.parametrize("command", ["status", "tiers"])
def test_a_long_title_keeps_its_whole_mark_in_the_narrow_tables(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, columns: str
) -> None:
    """The status and tiers tables wrap a long title between words, never cut it, and the mark
    is one word: never split, never dropped."""
    plan = tmp_path / "plans" / SHIPPED.name
    plan.parent.mkdir()
    long = "New IWG agenda setting and the working protocols that carry it out"
    text = SHIPPED.read_text(encoding="utf-8").replace(
        "    title: New IWG agenda setting\n", f"    title: {long}\n"
    )
    plan.write_text(text, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr("iwgplan.cli.output.on_terminal", lambda: True)  # the one-screen layout
    out = cli(command, "--plan", plan, "--as-of", AS_OF, "--no-pager", "--no-color").out
    tokens = out.split()
    assert "(label)" in tokens and not [t for t in tokens if t.startswith("(la") and t != "(label)"]
    assert all(word in tokens for word in long.split()) and "…" not in " ".join(tokens[:80])
    assert "Label: a title the document does not write." in " ".join(tokens)


def test_the_successor_keeps_the_labels_marked(cli, shipped_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """`successor` writes the next plan's sections from this one's: a label stays the tool's."""
    run = cli("successor", "--plan", shipped_copy, "--period", "2027-01..2028-12", "--date", "2027-01-31")
    assert run.code == 0, run.err
    new = shipped_copy.parent / "workplan-2027-2028.yaml"
    sections = {s["id"]: s for s in yaml.safe_load(new.read_text(encoding="utf-8"))["sections"]}
    for node in LABELS:
        kept = sections[node["id"]]
        assert (kept["title_basis"], kept["title_note"]) == (node["title_basis"], node["title_note"])
    assert "title_basis" not in sections["timeline"]
    listed = cli("list", "--plan", new, "--wide", "--no-pager").out
    assert "5.2 Secretariat's support functions (the tool's label)" in listed
