"""The reports printed (issue 24 point 6): headings kept with what follows, table headers repeated
on every page, rows not split, no page less than a third full but the last, on A4 and Letter; the
Word report's columns wide enough for their words, and space after its tables.

The slow tests print the HTML report with headless Chromium and convert the Word report with
LibreOffice, then measure every page (tests/helpers/printed.py); the fast ones read the Word
document's layout properties with python-docx."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import generate

from tests.helpers import printed
from tests.helpers.progressed import progressed

AS_OF = "2026-12-07"
PAPERS = ["A4", "Letter"]
HTML_MARGIN_MM = 16  # report.css: @page { margin: 16mm 14mm }
WORD_TOP_MM, WORD_BOTTOM_MM = 20, 18  # render/docx.py: the page's margins; the footer is below


def _year(cli, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    """The shipped plan after a year of progress (done, started, blocked, noted) and one item dropped."""
    plan = progressed(folder, cli)
    dropped = cli(
        "drop",
        "webinar-itu",
        "--reason",
        "ITU could not take part this year",
        "--date",
        "2026-11-02",
        "--plan",
        plan,
        "--future",
    )
    assert dropped.code == 0, dropped.err
    return plan


def _thousand(folder: Path) -> Path:
    """A plan of 1,000 action points (benchmarks/generate.py): long tables, long lists."""
    plan = folder / "plans" / "big.yaml"
    plan.parent.mkdir(parents=True)
    plan.write_text(generate(1000), encoding="utf-8")
    return plan


@pytest.fixture(params=["year", "thousand"])
def plan(request: pytest.FixtureRequest, cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    if request.param == "year":
        return _year(cli, tmp_path / "repo")
    return _thousand(tmp_path / "big")


def _report(cli, plan: Path, fmt: str, out: Path) -> Path:  # type: ignore[no-untyped-def]
    run = cli("report", "--format", fmt, "--as-of", AS_OF, "--plan", plan, "-o", out)
    assert run.code == 0, run.err
    return out


# ------------------------------------------------------------------ printed, page by page


@pytest.mark.slow
@pytest.mark.browser
def test_the_html_report_prints_well_on_a4_and_letter(cli, plan: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    printed.chromium()
    printed.need_poppler()
    page = _report(cli, plan, "html", tmp_path / "report.html")
    text = page.read_text(encoding="utf-8")
    layout = printed.html_layout(text)
    assert len(layout.tables) == text.count("<table") - 1  # every table but the facts has a header row
    assert len(layout.tables) >= 5 and len(layout.headings) >= 10
    for paper in PAPERS:
        found = printed.pages(printed.print_html(page, paper, tmp_path))
        assert len(found) >= 3
        assert printed.problems(found, layout, top_mm=HTML_MARGIN_MM, bottom_mm=HTML_MARGIN_MM) == [], paper


@pytest.mark.slow
def test_the_word_report_converted_by_libreoffice_prints_well(cli, plan: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    printed.soffice()
    printed.need_poppler()
    document = _report(cli, plan, "docx", tmp_path / "report.docx")
    layout = printed.docx_layout(document)
    assert len(layout.tables) >= 6 and len(layout.headings) >= 10
    pdf = printed.word_to_pdf(document, tmp_path)
    found = printed.pages(pdf, footer_mm=WORD_BOTTOM_MM)
    assert len(found) >= 3
    assert printed.problems(found, layout, top_mm=WORD_TOP_MM, bottom_mm=WORD_BOTTOM_MM) == []
    # the running footer is one line (one that wraps pushes LibreOffice's pages about)
    import docx

    start = " ".join(docx.Document(str(document)).sections[0].footer.paragraphs[0].text.split()[:2])
    for page in printed.pages(pdf):
        assert [line for line in page.lines if line.text.startswith(start) and " · page " in line.text], (
            page.number
        )
    # no word of a table is broken inside a column ("mainstr eaming"); a line may still break
    # after a hyphen (2026-12 to 2027-|01), and a word wider than any column (a long URL) must break
    printed_words = {w for page in found for line in page.lines for w in line.text.split()}
    broken = sorted(
        {
            word
            for word in _table_words(document)
            if word not in printed_words
            and not all(part in printed_words for part in re.findall(r"[^-]+-?|-", word))
            and _width(word) < 80
        }
    )
    assert broken == []


def _table_words(path: Path) -> set[str]:
    import docx

    document = docx.Document(str(path))
    return {w for t in document.tables for row in t.rows for cell in row.cells for w in cell.text.split()}


def _width(word: str) -> float:
    from iwgplan.render.docx_layout import word_width_mm

    return word_width_mm(word, 9)


# ------------------------------------------------------------------ the Word document's properties


def _word(cli, plan: Path, tmp_path: Path) -> Any:  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(str(_report(cli, plan, "docx", tmp_path / "report.docx")))


def _q(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def test_the_word_report_is_laid_out_for_print(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The Word report of a progressed plan (overdue, blocked and dropped tables), as python-docx
    reads its layout properties: each rule of point 6 below."""
    document = _word(cli, _year(cli, tmp_path / "repo"), tmp_path)
    _headers_repeat_and_rows_stay_whole(document)
    _headings_and_lead_sentences_keep_with_what_follows(document)
    _tables_have_space_after_them(document)
    _columns_hold_their_longest_word(document)


def _headers_repeat_and_rows_stay_whole(document: Any) -> None:
    """Every table but the facts under the title has a header row that repeats on each page and
    stays with the first row; no row of any table is split across pages."""
    tables = document.tables
    assert len(tables) >= 8
    facts, *others = tables
    assert facts.rows[0].cells[0].text == "Symbol"
    assert facts.rows[0]._tr.find(f"{_q('w:trPr')}/{_q('w:tblHeader')}") is None  # no header row
    for table in others:
        first = table.rows[0]._tr
        assert first.find(f"{_q('w:trPr')}/{_q('w:tblHeader')}") is not None, table.rows[0].cells[0].text
        for p in first.iter(_q("w:p")):
            assert p.find(f"{_q('w:pPr')}/{_q('w:keepNext')}") is not None
        assert [
            r._tr for r in table.rows[1:] if r._tr.find(f"{_q('w:trPr')}/{_q('w:tblHeader')}") is not None
        ] == []
    for table in tables:
        for row in table.rows:
            assert row._tr.find(f"{_q('w:trPr')}/{_q('w:cantSplit')}") is not None


def _keeps(paragraph: Any) -> bool:
    style = paragraph.style
    while style is not None:
        if paragraph.paragraph_format.keep_with_next is not None:
            return bool(paragraph.paragraph_format.keep_with_next)
        if style.paragraph_format.keep_with_next is not None:
            return bool(style.paragraph_format.keep_with_next)
        style = style.base_style
    return False


def _space_before(paragraph: Any) -> float:
    """The space above a paragraph in points: its own, else its style's."""
    own = paragraph.paragraph_format.space_before
    if own is not None:
        return float(own.pt)
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.space_before is not None:
            return float(style.paragraph_format.space_before.pt)
        style = style.base_style
    return 0.0


def _headings_and_lead_sentences_keep_with_what_follows(document: Any) -> None:
    from docx.text.paragraph import Paragraph

    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) > 30
    assert [p.text for p in headings if not _keeps(p)] == []
    for table in document.tables:  # what introduces a table: a heading, a lead sentence, a caption
        before = table._tbl.getprevious()
        assert before.tag == _q("w:p")
        assert _keeps(Paragraph(before, document._body)), Paragraph(before, document._body).text


def _tables_have_space_after_them(document: Any) -> None:
    """The facts table no longer touches the paragraph below it: every table is followed by a
    paragraph with at least 6 pt above it."""
    from docx.text.paragraph import Paragraph

    followed = 0
    for table in document.tables:
        after = table._tbl.getnext()
        if after is None or after.tag != _q("w:p"):
            continue  # the last table, before the section's properties
        followed += 1
        paragraph = Paragraph(after, document._body)
        assert _space_before(paragraph) >= 6, paragraph.text
    assert followed >= len(document.tables) - 1


def _columns_hold_their_longest_word(document: Any) -> None:
    """Each column is at least as wide as its longest word (estimated in DejaVu Sans, wider than
    Calibri) and the cell margins."""
    from iwgplan.render.docx_layout import CELL_MARGIN_MM, SMALL_CELL_MARGIN_MM, word_width_mm

    checked = 0
    for table in document.tables:
        grid = [int(c.get(_q("w:w"))) / 1440 * 25.4 for c in table._tbl.iter(_q("w:gridCol"))]
        small = table._tbl.find(f"{_q('w:tblPr')}/{_q('w:tblCellMar')}") is not None
        size, margin = (7, SMALL_CELL_MARGIN_MM) if small else (9, CELL_MARGIN_MM)
        for i, width in enumerate(grid):
            cells = [row.cells[i] for row in table.rows]
            head = table.rows[0]._tr.find(f"{_q('w:trPr')}/{_q('w:tblHeader')}") is not None
            longest = max(
                word_width_mm(w, size, bold=head and n == 0)
                for n, cell in enumerate(cells)
                for w in cell.text.split() or [""]
            )
            if longest + margin > 80:
                continue  # a long URL: no column holds it
            assert width >= longest + margin, (table.rows[0].cells[i].text, width, longest)
            checked += 1
    assert checked > 30


# ------------------------------------------------------------------ the measure itself


def _page(number: int, *texts: str, last_at: float = 700) -> printed.Page:
    page = printed.Page(number, 595, 842)
    step = (last_at - 60) / max(len(texts) - 1, 1)
    page.lines = [printed.Line(60 + i * step, 70 + i * step, t) for i, t in enumerate(texts)]
    return page


def test_the_measure_names_each_broken_rule() -> None:
    """tests/helpers/printed.problems finds a table running on without its header, a heading
    and a table's header left at a page's foot, and a page less than a third full; and it
    passes a document that keeps the rules."""
    table = printed.Table(["#", "title", "days late"], "Blocked (1)")
    layout = printed.Layout(["Overdue (2)", table, "Blocked (1)"])
    good = [
        _page(1, "Introduction", "text", "Overdue (2)", "# title days late", "1 One 3"),
        _page(2, "# title days late", "2 Two 4", "Blocked (1)", "more text"),
        _page(3, "the end", last_at=80),
    ]
    assert printed.problems(good, layout, top_mm=16, bottom_mm=16) == []
    headless = [good[0], _page(2, "2 Two 4", "Blocked (1)", "more text"), good[2]]
    assert printed.problems(headless, layout, top_mm=16, bottom_mm=16) == [
        "page 2: the table '# title days late' runs on without its header (top: '2 Two 4')"
    ]
    stranded = [
        _page(1, "Introduction", "text", "Overdue (2)"),
        _page(2, "# title days late", "1 One 3", "Blocked (1)", "more text"),
        _page(3, "the end", last_at=80),
    ]
    assert printed.problems(stranded, layout, top_mm=16, bottom_mm=16) == [
        "page 1: ends with the heading 'Overdue (2)'"
    ]
    header_alone = [
        _page(1, "Introduction", "text", "Overdue (2)", "# title days"),  # the header row wraps
        _page(2, "# title days", "late", "1 One 3", "Blocked (1)", "more text"),
        _page(3, "the end", last_at=80),
    ]
    assert printed.problems(header_alone, layout, top_mm=16, bottom_mm=16) == [
        "page 1: ends with a table's header '# title days'"
    ]
    short = [
        good[0],
        _page(2, "# title days late", "2 Two 4", "Blocked (1)", "more text", last_at=250),
        good[2],
    ]
    assert printed.problems(short, layout, top_mm=16, bottom_mm=16) == ["page 2: 29% full"]
