"""Reports printed as people print them, measured page by page (issue 24 point 6).

The HTML report is printed to PDF by headless Chromium (A4 or Letter, through an ``@page size``
rule put before the report's own CSS), the Word report converted to PDF by LibreOffice; poppler's
``pdftotext -bbox-layout`` then gives every word's box on every page. Words that share a baseline
make a visual line, as a reader sees them. :func:`problems` names each broken rule of point 6:

- a table that runs onto a page without its header row at the top of that page;
- a heading, or a table's header row, as the last thing on a page (stranded from what follows);
- a page less than a third full, but the last.

What is a heading and what is a table's header comes from the document itself (the HTML's
``h1``-``h3`` and ``thead``; the Word document's Heading styles and repeated header rows).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

MM = 72 / 25.4  # points per millimetre


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no chromium on PATH: .ci/run installs Debian's chromium where apt exists")


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("no soffice on PATH: .ci/run installs Debian's libreoffice-writer-nogui where apt exists")
    return found


def need_poppler() -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("no pdftotext on PATH: .ci/run installs Debian's poppler-utils where apt exists")


def print_html(page: Path, paper: str, folder: Path) -> Path:
    """``page`` printed to PDF by headless Chromium on ``paper`` (A4 or Letter), with no header
    or footer of the browser's own; the report's @page margins apply."""
    browser = chromium()
    sized = folder / f"{page.stem}-{paper}.html"
    text = page.read_text(encoding="utf-8")
    sized.write_text(text.replace("<style>", f"<style>@page {{ size: {paper}; }}", 1), encoding="utf-8")
    pdf = folder / f"{page.stem}-{paper}.pdf"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            f"--user-data-dir={folder / 'chromium-profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            sized.as_uri(),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    assert pdf.read_bytes().startswith(b"%PDF"), "Chromium wrote no PDF"
    return pdf


def word_to_pdf(document: Path, folder: Path) -> Path:
    """``document`` (.docx) converted to PDF by LibreOffice, in a profile of its own."""
    office = soffice()
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(document),
        ],
        capture_output=True,
        timeout=600,
        check=True,
    )
    pdf = folder / (document.stem + ".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), "LibreOffice wrote no PDF"
    return pdf


@dataclass
class Line:
    top: float
    bottom: float
    text: str


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


def _tokens(text: str) -> str:
    return " ".join(text.split())


def pages(pdf: Path, *, footer_mm: float = 0) -> list[Page]:
    """Each page's visual lines, top to bottom: its words grouped by baseline, left to right.
    Lines in the bottom ``footer_mm`` of the page (a running footer) are left out."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for n, (w, h, body) in enumerate(
        re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S), start=1
    ):
        page = Page(n, float(w), float(h))
        words = [
            (float(x0), float(y0), float(x1), float(y1), html.unescape(text))
            for x0, y0, x1, y1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body
            )
        ]
        words = [word for word in words if word[3] <= page.height - footer_mm * MM]
        words.sort(key=lambda word: (word[1] + word[3]) / 2)
        rows: list[list[tuple[float, float, float, float, str]]] = []
        for word in words:
            middle = (word[1] + word[3]) / 2
            if rows and min(r[1] for r in rows[-1]) <= middle <= max(r[3] for r in rows[-1]):
                rows[-1].append(word)
            else:
                rows.append([word])
        for row in rows:
            row.sort(key=lambda word: word[0])
            text = " ".join(word[4] for word in row)
            page.lines.append(Line(min(r[1] for r in row), max(r[3] for r in row), _tokens(text)))
        found.append(page)
    return found


@dataclass
class Table:
    cells: list[str]  # the header row's cells (their first line), as words
    after: str  # the first words of what follows the table ("" when nothing does)

    @property
    def header(self) -> str:
        return " ".join(c for c in self.cells if c)

    def is_header(self, text: str) -> bool:
        """``text`` is the header row's first visual line: the whole row, or the first words of
        each of its cells when some of them wrap."""
        cells = [c.split() for c in self.cells if c]
        return text == self.header or _prefixes(text.split(), cells)


def _prefixes(words: list[str], cells: list[list[str]]) -> bool:
    """``words`` is a non-empty start of each of ``cells``, one after the other."""
    if not cells:
        return not words
    first, rest = cells[0], cells[1:]
    return any(
        words[:n] == first[:n] and _prefixes(words[n:], rest)
        for n in range(1, min(len(first), len(words)) + 1)
    )


@dataclass
class Layout:
    """What the rules are about: the headings (their text) and the tables with a header row, in
    the document's order."""

    blocks: list[str | Table]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def headings(self) -> list[str]:
        return [b for b in self.blocks if isinstance(b, str)]


class _HtmlParts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str | Table] = []
        self._heading: list[str] | None = None
        self._svg = 0
        self._style = False
        self._table_depth = 0
        self._head: list[list[str]] | None = None  # the cells of the thead's row
        self._in_head = False
        self._waiting: Table | None = None  # a table whose following words are not seen yet
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self._svg += 1
        elif tag == "style":
            self._style = True
        elif tag in ("h1", "h2", "h3"):
            self._heading = []
        elif tag == "table":
            self._table_depth += 1
            if self._table_depth == 1:
                self._head = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "th" and self._in_head and self._head is not None:
            self._cell = []
            self._head.append(self._cell)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg -= 1
        elif tag == "style":
            self._style = False
        elif tag in ("h1", "h2", "h3") and self._heading is not None:
            self.blocks.append(_tokens(" ".join(self._heading)))
            self._heading = None
        elif tag == "th":
            self._cell = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "table":
            self._table_depth -= 1
            if self._table_depth == 0 and self._head:
                cells = [_tokens(" ".join(c)) for c in self._head]
                self._waiting = Table(cells, "")
                self.blocks.append(self._waiting)
            self._head = None

    def handle_data(self, data: str) -> None:
        if self._style or not data.strip():
            return
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._waiting is not None and not self._table_depth:
            self._waiting.after = " ".join(_tokens(data).split()[:3])
            self._waiting = None


def html_layout(page: str) -> Layout:
    parts = _HtmlParts()
    parts.feed(page)
    return Layout(parts.blocks)


def docx_layout(path: Path) -> Layout:
    """The Word document's headings (Heading 1-3) and its tables with a repeated header row."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    blocks: list[str | Table] = []
    waiting: Table | None = None
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = _tokens("".join(t.text or "" for t in element.iter(qn("w:t"))))
            style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is not None and style.get(qn("w:val"), "").startswith("Heading") and text:
                blocks.append(text)
            if waiting is not None and text:
                waiting.after = " ".join(text.split()[:3])
                waiting = None
        elif element.tag == qn("w:tbl"):
            first = element.find(qn("w:tr"))
            if first is None or first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
                continue
            cells = []
            for tc in first.iter(qn("w:tc")):
                lines = _cell_lines(tc, qn)
                cells.append(lines[0] if lines else "")
            waiting = Table(cells, "")
            blocks.append(waiting)
    return Layout(blocks)


def _cell_lines(tc: Any, qn: Any) -> list[str]:
    text = ""
    for node in tc.iter(qn("w:t"), qn("w:br"), qn("w:p")):
        if node.tag == qn("w:t"):
            text += node.text or ""
        else:
            text += "\n"
    return [_tokens(line) for line in text.split("\n") if line.strip()]


def problems(found: list[Page], layout: Layout, *, top_mm: float, bottom_mm: float) -> list[str]:
    """Each broken rule of point 6, as "page N: what"; empty when the document prints well.

    The headings and tables are found in the document's order, each after the one before, so
    that a row of the timeline that reads like an item's heading is not taken for it."""
    wrong: list[str] = []
    for page in found[:-1]:
        if not page.lines:
            wrong.append(f"page {page.number}: empty")
            continue
        area = page.height - (top_mm + bottom_mm) * MM
        share = (page.lines[-1].bottom - top_mm * MM) / area
        if share < 1 / 3:
            wrong.append(f"page {page.number}: {share:.0%} full")
        if any(t.is_header(page.lines[-1].text) for t in layout.tables):
            wrong.append(f"page {page.number}: ends with a table's header {page.lines[-1].text!r}")
    at = (0, -1)  # where the previous block ended: (page index, line index)
    for block in layout.blocks:
        if isinstance(block, str):
            heading = _find_heading(found, at, block)
            if heading is None:
                wrong.append(f"the heading {block!r} is not printed (or is split across pages)")
                continue
            index, last = heading
            if index < len(found) - 1 and last == len(found[index].lines) - 1:
                wrong.append(f"page {index + 1}: ends with the heading {block!r}")
            at = heading
            continue
        start = _find(found, at, block.is_header)
        if start is None:
            wrong.append(f"the header {block.header!r} is not printed")
            continue
        end = len(found) - 1, len(found[-1].lines)
        if block.after:
            after = _find(found, start, lambda text, t=block: text.startswith(t.after))  # type: ignore[misc]
            if after is None:
                wrong.append(f"{block.after!r} (after the table {block.header!r}) is not printed")
                continue
            end = after
        for index in range(start[0] + 1, end[0] + 1):
            lines = found[index].lines
            if not lines or block.is_header(lines[0].text) or (index, 0) == end:
                continue  # the header repeated, or the table ended with the page before
            wrong.append(
                f"page {index + 1}: the table {block.header!r} runs on without its header"
                f" (top: {lines[0].text!r})"
            )
        at = (end[0], end[1] - 1)  # what follows the table may be the next block
    return wrong


def _find(found: list[Page], after: tuple[int, int], match: Any) -> tuple[int, int] | None:
    """The first line after ``after`` (page index, line index) whose text ``match`` accepts."""
    for index in range(after[0], len(found)):
        for n, line in enumerate(found[index].lines):
            if (index, n) > after and match(line.text):
                return index, n
    return None


def _find_heading(found: list[Page], after: tuple[int, int], text: str) -> tuple[int, int] | None:
    """Where the heading ``text`` ends (page index, line index): the first one to six lines
    after ``after``, on one page, that read it."""
    for index in range(after[0], len(found)):
        lines = found[index].lines
        for n in range(len(lines)):
            if (index, n) <= after or not text.startswith(lines[n].text):
                continue
            for k in range(6):
                if " ".join(line.text for line in lines[n : n + k + 1]) == text:
                    return index, n + k
    return None
