"""`report --format json` (the report context) and `report --format docx` (a Word document).

The .docx is read back with python-docx, and converted to PDF by LibreOffice in headless mode,
whose pages are rendered to PNG by pdftoppm and checked not to be blank.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import PYTHON, ROOT, SHIPPED
from tests.helpers.hostile_output import PAYLOADS, UNSAFE, plan_text

ARTIFACTS = ROOT / "test-artifacts"
DOCS_PNG = ROOT / "docs" / "report-docx.png"
AS_OF = "2026-02-01"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

CONTEXT_KEYS = {
    "context_version",
    "as_of",
    "as_recorded",
    "as_of_words",
    "plan",
    "overview",
    "objectives",
    "facts",
    "progress",
    "groups",
    "outline",
    "overdue",
    "within_period",
    "date_legend",
    "blocked",
    "dropped",
    "milestones",
    "before_revision",
    "references",
    "timeline",
    "since",
    "variance",
    "progress_over_time",
    "legend",
    "corrections",
    "corrections_footnote",
}


@pytest.fixture
def progressed(cli, small: Path) -> Path:
    """The small plan after real edits: done with a URL as evidence, dropped, a note."""
    done = cli(
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
    )
    assert done.code == 0
    drop = cli("drop", "statement", "--reason", "superseded by <b>", "--date", "2026-01-12", "--plan", small)
    assert drop.code == 0
    return small


def _context(cli, plan: Path) -> dict[str, Any]:
    run = cli("report", "--format", "json", "--as-of", AS_OF, "--plan", plan)
    assert run.code == 0, run.err
    data: dict[str, Any] = json.loads(run.out)
    return data


def _docx(cli, plan: Path, out: Path, as_of: str = AS_OF) -> Any:
    import docx

    run = cli("report", "--format", "docx", "-o", out, "--as-of", as_of, "--plan", plan)
    assert run.code == 0, run.err
    assert run.err == f"wrote {out}\n"
    return docx.Document(str(out))


def _headings(document: Any) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]


# ------------------------------------------------------------------ json


def test_json_context_has_the_documented_keys(cli, progressed: Path) -> None:
    ctx = _context(cli, progressed)
    assert set(ctx) == CONTEXT_KEYS
    assert ctx["since"] is None  # only with report --since
    assert ctx["progress_over_time"]["source"] == "file"  # not in git: the file's dates
    assert ctx["as_of"] == AS_OF and ctx["as_recorded"] is True
    assert ctx["plan"]["title"] == "Small plan — Côte d'Ivoire and Türkiye"
    group = ctx["groups"][0]
    assert [b["focus_area"]["title"] for b in group["blocks"]] == ["Focus"]
    items = group["blocks"][0]["items"]
    assert [i["id"] for i in items] == ["statement", "parent", "late"]
    kid_a = items[1]["children"][0]
    assert kid_a["number"] == "Tier one, • (a)" and kid_a["own"] == "• (a)"
    assert kid_a["status"] == "done" and kid_a["completed"] == "2026-01-10"
    assert kid_a["evidence"] == [
        {
            "ref": "https://example.org/a?b=1&c=<2>",
            "title": "Kid <a> report",
            "date": "2026-01-10",
            "is_url": True,
        }
    ]
    assert kid_a["notes"] == [{"date": "2026-01-10", "status": "done", "note": "Done & dusted"}]
    assert ctx["dropped"] == [
        {
            "id": "statement",
            "number": "Tier one, •",
            "title": "Joint statement",
            "reason": "superseded by <b>",
        }
    ]
    assert ctx["blocked"][0]["reason"] == "waiting: funding"
    assert ctx["overdue"][0] == {
        "id": "late",
        "number": "Tier one, •",
        "title": "Türkiye: hosting",
        "due": "2026-01-15",
        "days_late": 17,
        "due_basis": None,  # a file that does not say: its own deadline, with no mark
        "date_mark": "",
        "due_text": "2026-01-15",
        "late_text": "17 days late",
    }
    assert ctx["within_period"]["items"] == [] and ctx["date_legend"] == []
    assert ctx["milestones"][0]["due_by_it"][0]["id"] == "statement"
    assert ctx["timeline"]["months"][0] == "2025-09" and ctx["timeline"]["months"][-1] == "2026-12"
    assert [b["id"] for b in ctx["timeline"]["bars"]] == ["statement", "parent", "late"]


def test_json_context_keys_are_in_the_docs(cli, progressed: Path) -> None:
    page = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    section = page.split("\n## The report context\n", 1)[1].split("\n## ", 1)[0]
    ctx = _context(cli, progressed)
    item = ctx["groups"][0]["blocks"][0]["items"][0]
    for key in [*ctx, *ctx["plan"], *ctx["progress"], *ctx["groups"][0], *item, *ctx["timeline"]]:
        assert f"`{key}`" in section or re.search(rf"\b{re.escape(key)}\b", section), key


# ------------------------------------------------------------------ docx read back


def test_docx_reads_back_with_word_structures(cli, progressed: Path, tmp_path: Path) -> None:
    from docx.shared import Mm

    out = tmp_path / "report.docx"
    document = _docx(cli, progressed, out)
    heads = _headings(document)
    assert heads[0] == ("Title", "Small plan — Côte d'Ivoire and Türkiye")
    assert [h for h in heads if h[0] != "Heading 3"][1:] == [
        ("Heading 1", "Progress"),
        ("Heading 1", "Timeline"),
        ("Heading 1", "Tier one (priority)"),
        ("Heading 2", "Focus"),
        ("Heading 1", "Overdue (1)"),
        ("Heading 1", "Blocked (1)"),
        ("Heading 1", "Dropped (1)"),
        ("Heading 1", "Milestones"),
        ("Heading 1", "Appendix: referenced documents"),
    ]
    assert [h[1] for h in heads if h[0] == "Heading 3"] == [
        "• Joint statement",
        "• Parent",
        "• Türkiye: hosting",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    for line in (
        "• (a) First kid — Status: done · completed 2026-01-10",
        "• (b) Second kid — Status: in-progress",
        "2025-10-01 (in-progress): started",
        "2026-01-10 (done): Done & dusted",
        "Status: blocked · due 2026-01-15 (overdue)",
    ):
        assert line in text
    facts, progress, timeline, overdue, blocked, dropped, milestones, refs = document.tables
    assert [[c.text for c in r.cells] for r in facts.rows][0] == ["Symbol", "—"]
    assert [c.text for c in progress.rows[1].cells] == [
        "Tier one (priority)",
        "0",
        "1",
        "0",
        "1",
        "1",
        "0%",
    ]
    assert len(timeline.rows) == 1 + 1 + 3  # months, the milestone, three items
    assert [c.text for c in timeline.rows[0].cells][1:3] == ["S\n25", "O\n25"]
    assert timeline.rows[4].cells[0].text == "Tier one, • Türkiye: hosting"
    assert [c.text for c in overdue.rows[1].cells] == [  # no id column: the reports name no id
        "Tier one, •",
        "Türkiye: hosting",
        "2026-01-15",
        "17",
    ]
    assert [c.text for c in blocked.rows[1].cells][-1] == "waiting: funding"
    assert [c.text for c in dropped.rows[1].cells][-1] == "superseded by <b>"
    assert [c.text for c in milestones.rows[1].cells] == [
        "MC14",
        "2026-03-26 to 2026-03-29",
        "Tier one, • Joint statement (dropped)",  # Türkiye: hosting has a plain date: under none
    ]
    assert [c.text for c in refs.rows[1].cells] == ["INF/TGE/W/7/Rev.3", "Compendium"]
    section = document.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    props = document.core_properties
    assert props.title == "Small plan — Côte d'Ivoire and Türkiye"
    assert props.subject == "Working group: implementation report as recorded on 2026-02-01"
    assert props.created.date().isoformat() == AS_OF


def test_docx_shading_links_and_page_field(cli, progressed: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    document = _docx(cli, progressed, out)
    timeline = document.tables[2]
    late = timeline.rows[4]._tr
    fills = [shd.get(f"{W}fill") for shd in late.iter(f"{W}shd")]
    assert fills == ["C62828"] * 5  # blocked, never started: from the plan's start to January 2026, red
    assert [c.text for c in timeline.rows[4].cells][1:] == ["", "", "", "", "!", *[""] * 11]
    links = list(document.element.body.iter(f"{W}hyperlink"))
    assert len(links) == 1 and links[0].xpath("string(.)") == "Kid <a> report"
    rel = document.part.rels[
        links[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    ]
    assert rel.is_external and rel.target_ref == "https://example.org/a?b=1&c=%3C2%3E"
    footer = document.sections[0].footer._element
    fields = [f.get(f"{W}instr") for f in footer.iter(f"{W}fldSimple")]
    assert fields == [" PAGE ", " NUMPAGES "]
    body_fields = list(document.element.body.iter(f"{W}fldSimple", f"{W}instrText", f"{W}fldChar"))
    assert body_fields == []


def test_docx_is_reproducible(cli, progressed: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.docx", tmp_path / "two.docx"
    _docx(cli, progressed, one)
    _docx(cli, progressed, two)
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as z:
        assert {i.date_time[:3] for i in z.infolist()} == {(2026, 2, 1)}


def test_docx_every_shipped_item_is_present(cli, tmp_path: Path) -> None:
    from iwgplan.files.loading import load_text

    out = tmp_path / "report.docx"
    document = _docx(cli, SHIPPED, out, "2026-05-01")
    _, index = load_text(SHIPPED.read_text(encoding="utf-8"), str(SHIPPED))
    text = "\n".join(p.text for p in document.paragraphs)
    for entry in index.entries:
        assert f"{entry.own} {entry.item.title}" in text


def test_docx_shows_the_objectives_and_counts_what_it_names(cli, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    document = _docx(cli, SHIPPED, out, "2026-11-28")
    heads = [h[1] for h in _headings(document)]
    assert heads.index("Progress") < heads.index("1 Introduction") < heads.index("2 Objectives")
    assert "Objectives" not in heads  # the document's own heading, 2 Objectives, holds 2.1 to 2.4
    text = "\n".join(p.text for p in document.paragraphs)
    assert "The Work Plan defines the actions to be taken by the IWG" in text  # 2.1's opening
    assert "deliverables and action points of the tiers done" in text  # standing duties apart
    assert "0 of 23 action points" not in text
    bullets = [
        p.text for p in document.paragraphs if p.style.name == "List Bullet" and "gender lens" in p.text
    ]
    assert bullets and not any(b.startswith("•") for b in bullets)  # Word draws the one bullet


def test_docx_to_a_terminal_is_refused() -> None:
    import pty

    leader, follower = pty.openpty()
    done = subprocess.run(
        [PYTHON, "-m", "iwgplan", "report", "--format", "docx", "--plan", str(SHIPPED)],
        stdout=follower,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )
    os.close(follower)
    os.close(leader)
    assert done.returncode == 2
    assert "--format docx writes a binary file" in done.stderr


@pytest.mark.parametrize("args", [["--help"], ["report", "--plan", str(SHIPPED)], ["report", "--help"]])
def test_docx_is_not_imported_by_other_commands(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "iwgplan", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0
    modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert not {"docx", "lxml", "iwgplan.render.docx"} & modules
    if args[-1] == "--help":
        assert not {"jinja2", "iwgplan.render.templates", "iwgplan.views.report_context"} & modules


# ------------------------------------------------------------------ hostile text

FIELD_CODES = r'{ INCLUDETEXT "C:\Windows\win.ini" } { DDEAUTO c:\x "calc" } { HYPERLINK "x" }'
HOSTILE = {
    "controls": "nul\x00 bell\x07 esc\x1b[31m vt\x0b ff\x0c us\x1f del\x7f c1\x85\x9b",
    "word-field-chars": "begin\x13 INCLUDETEXT x \x14sep\x15end",
    "non-characters": "fffe\ufffe ffff\uffff",
    "markup": "<script>alert(1)</script> <w:fldSimple w:instr='INCLUDETEXT x'/> &amp; ]]>",
    "fields": FIELD_CODES,
    "bidi": "\u202eevil\u202c",
}


def _hostile_plan(path: Path) -> Path:
    long_title = "Very long title " * 400
    every = " ".join(HOSTILE.values())

    def q(text: str) -> str:
        return json.dumps(text)

    path.write_text(
        f"""\
schema_version: 1
plan:
  id: hostile
  title: {q(every + " plan")}
  body: {q(HOSTILE["markup"])}
  revision: 0
  date: 2025-09-10
  issued_by: [{q(HOSTILE["fields"])}]
  period: {{start: 2025-09, end: 2026-12}}
references:
  - symbol: INF/TGE/W/7
    title: {q(every)}
milestones:
  - id: mc14
    title: {q(HOSTILE["fields"])}
    date: 2026-03-26
tiers:
  - id: tier1
    number: "1"
    title: {q(HOSTILE["controls"])}
    focus_areas:
      - id: fa
        title: {q(HOSTILE["markup"])}
        action_points:
          - id: a
            title: {q(long_title)}
            status: blocked
            due: mc14
            description: {q(every)}
            owners: [{q(HOSTILE["fields"])}]
            evidence:
              - {{ref: "https://e.example/x?<script>", title: {q(HOSTILE["markup"])}}}
            history:
              - {{date: 2025-10-01, status: blocked, note: {q(every)}}}
            children:
              - id: b
                title: {q(HOSTILE["word-field-chars"])}
                status: dropped
                history:
                  - {{date: 2025-10-02, status: dropped, note: {q(HOSTILE["non-characters"])}}}
""",
        encoding="utf-8",
    )
    return path


def test_hostile_plan_gives_a_valid_docx_with_literal_text(cli, tmp_path: Path) -> None:
    plan = _hostile_plan(tmp_path / "hostile.yaml")
    assert cli("validate", plan).code == 0
    out = tmp_path / "hostile.docx"
    document = _docx(cli, plan, out)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    from lxml import etree

    etree.fromstring(xml.encode())  # well-formed
    assert not re.search("[\x00-\x08\x0b-\x1f\ufffe\uffff]", xml)
    assert "<script>" not in xml and "&lt;script&gt;alert(1)&lt;/script&gt;" in xml
    assert list(document.element.body.iter(f"{W}fldSimple", f"{W}instrText", f"{W}fldChar")) == []
    text = "\n".join(p.text for p in document.paragraphs)
    assert FIELD_CODES in text
    assert "nul␀ bell␇ esc␛[31m" in text and "begin␓ INCLUDETEXT" in text and "fffe\\ufffe" in text
    assert "\\u202eevil\\u202c" in text and "\u202e" not in xml
    assert "Very long title " * 400 in text
    assert document.core_properties.title.startswith("nul␀ bell␇")


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_hostile_output_payloads_in_docx_and_json(cli, tmp_path: Path, name: str) -> None:
    """Every payload of the hostile-output tests, in every text field: a well-formed .docx
    holding no raw control character and no field; the JSON context gives the exact text back."""
    from lxml import etree

    payload = PAYLOADS[name]
    plan = tmp_path / "p.yaml"
    plan.write_text(plan_text(payload), encoding="utf-8")
    out = tmp_path / "p.docx"
    document = _docx(cli, plan, out)
    with zipfile.ZipFile(out) as z:
        for part in ("word/document.xml", "word/footer1.xml", "docProps/core.xml"):
            xml = z.read(part).decode("utf-8")
            etree.fromstring(xml.encode())
            bad = UNSAFE.search(xml)
            assert not bad, f"{part}: raw U+{ord(bad[0]):04X}"
    assert list(document.element.body.iter(f"{W}fldSimple", f"{W}instrText", f"{W}fldChar")) == []
    ctx = json.loads(cli("report", "--format", "json", "--plan", plan, "--as-of", AS_OF).out)
    assert ctx["plan"]["title"] == payload + " plan"
    item = ctx["groups"][0]["blocks"][0]["items"][0]
    assert item["notes"][0]["note"] == payload + " reason"


# ------------------------------------------------------------------ LibreOffice and pdftoppm


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("no soffice on PATH: .ci/run installs Debian's libreoffice-writer-nogui where apt exists")
    if shutil.which("pdftoppm") is None:
        pytest.skip("no pdftoppm on PATH: .ci/run installs Debian's poppler-utils where apt exists")
    return found


def _to_pages(docx_path: Path, tmp_path: Path, last: int = 3) -> list[Path]:
    """LibreOffice converts the .docx to PDF; pdftoppm renders its first pages as PNG."""
    soffice = _soffice()
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx_path),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    pdf = tmp_path / (docx_path.stem + ".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), "LibreOffice wrote no PDF"
    prefix = tmp_path / docx_path.stem
    subprocess.run(
        ["pdftoppm", "-r", "80", "-l", str(last), "-png", str(pdf), str(prefix)], check=True, timeout=120
    )
    return sorted(tmp_path.glob(f"{docx_path.stem}-*.png"))


def _assert_not_blank(png: Path) -> None:
    from PIL import Image

    image = Image.open(png).convert("L")
    dark = sum(image.histogram()[:200])
    assert dark > image.width * image.height * 0.001, f"{png.name} is blank"


def test_libreoffice_renders_the_shipped_report(cli, tmp_path: Path) -> None:
    _soffice()
    out = tmp_path / "report.docx"
    _docx(cli, SHIPPED, out, "2026-05-01")
    pages = _to_pages(out, tmp_path)
    assert len(pages) == 3
    for page in pages:
        _assert_not_blank(page)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(pages[0], ARTIFACTS / "report-docx.png")
    if os.environ.get("UPDATE_SNAPSHOTS"):
        DOCS_PNG.parent.mkdir(exist_ok=True)
        shutil.copyfile(pages[0], DOCS_PNG)
    assert DOCS_PNG.exists(), "docs/report-docx.png is made by this test with UPDATE_SNAPSHOTS=1"


def test_libreoffice_opens_the_hostile_report(cli, tmp_path: Path) -> None:
    _soffice()
    plan = _hostile_plan(tmp_path / "hostile.yaml")
    out = tmp_path / "hostile.docx"
    _docx(cli, plan, out)
    pages = _to_pages(out, tmp_path, last=2)
    assert pages
    for page in pages:
        _assert_not_blank(page)
