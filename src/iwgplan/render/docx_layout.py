"""How the Word report's tables and paragraphs lie on printed pages (issue 24 point 6).

``render.docx`` builds the document; these helpers set the layout it prints with, in Word and
in LibreOffice alike:

- a table's header row repeats on every page (``w:tblHeader``) and stays with the first row;
- no row is split across two pages (``w:cantSplit``);
- headings keep with what follows (the Heading styles' own ``keepNext``), and so does the
  paragraph that introduces a table (a lead sentence, a caption);
- every column is at least as wide as its longest word, so that no word is broken inside a
  narrow column ("mainstr eaming"): the column with the most room to spare (a title) gives
  up the width the others need;
- a table is followed by space before the next paragraph, so that text never touches it.

Widths are estimated from the characters (the widths of DejaVu Sans, which LibreOffice uses
when Calibri is missing and which is wider than Calibri), never measured by a font library.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from docx.oxml.ns import qn

PT_PER_MM = 72 / 25.4
CELL_MARGIN_MM = 2 * 0.08 * 25.4  # Word's default cell margins: 0.08 inch left and right
SMALL_CELL_MARGIN_MM = 2 * 28 / 1440 * 25.4  # the small tables' 28 twips
SPACE_AFTER_TABLE = "160"  # twentieths of a point: 8 pt between a table and the next paragraph

_NARROW = set("iljI.,;:'!|()[]{} ")
_SEMI = set('frt-/"`')
_WIDE = set("mwMW@%")


def _ems(ch: str) -> float:
    if ch in _NARROW:
        return 0.34
    if ch in _SEMI:
        return 0.45
    if ch in _WIDE:
        return 1.0
    if ch.isupper() or ch in "#&":
        return 0.76
    return 0.64  # digits, lower case and the rest


def word_width_mm(word: str, size_pt: float, *, bold: bool = False) -> float:
    """An estimate of ``word``'s printed width, a little wide rather than narrow."""
    width = sum(_ems(ch) for ch in word) * size_pt / PT_PER_MM
    return width * (1.1 if bold else 1.0)


def _longest_word(texts: Iterable[str], size_pt: float, bold: bool) -> float:
    words = {w for t in texts for w in t.split()}  # each word measured once: titles repeat words
    return max((word_width_mm(w, size_pt, bold=bold) for w in words), default=0.0)


def cell_texts(value: object) -> str:
    """A cell's text as ``render.docx`` writes it: a string, or a list of (text, kind) runs."""
    if isinstance(value, list):
        return "".join(str(text) for text, _ in value)
    return "" if value is None else str(value)


def fit_words(
    widths: Sequence[float],
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    size_pt: float,
    small: bool = False,
    header: bool = True,
) -> list[float]:
    """``widths`` (mm) changed so that each column holds its longest word (bold in the header
    row): a column too narrow takes what it lacks from the column with the most room to spare,
    as far as that one can give without becoming too narrow itself; the total stays the same."""
    margin = SMALL_CELL_MARGIN_MM if small else CELL_MARGIN_MM
    needed = []
    for i in range(len(widths)):
        body = (cell_texts(row[i]) for row in rows if i < len(row))
        head = [str(headers[i])] if header else []
        word = max(_longest_word(body, size_pt, False), _longest_word(head, size_pt, True))
        needed.append(word + margin + 0.5)  # half a millimetre for the estimate's error
    out = list(widths)
    for i, need in enumerate(needed):
        lack = need - out[i]
        if lack <= 0:
            continue
        donor = max(range(len(out)), key=lambda j: out[j] - needed[j] if j != i else float("-inf"))
        give = min(lack, out[donor] - needed[donor])
        if give > 0:
            out[donor] -= give
            out[i] += give
    return out


@functools.cache
def _clark(tag: str) -> str:
    return str(qn(tag))


def _sub(parent: Any, tag: str) -> Any:
    child = parent.makeelement(_clark(tag), {})
    parent.append(child)
    return child


def row_properties(trpr: Any, *, header: bool) -> None:
    """A row's properties: never split across pages; the header row repeats on each page."""
    _sub(trpr, "w:cantSplit")
    if header:
        _sub(trpr, "w:tblHeader")


def keep_with_next(p: Any) -> None:
    """``p`` stays on the page of what follows it (``w:keepNext``, in its schema place)."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = p.makeelement(qn("w:pPr"), {})
        p.insert(0, ppr)
    if ppr.find(qn("w:keepNext")) is not None:
        return
    keep = ppr.makeelement(qn("w:keepNext"), {})
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(keep)
    else:
        ppr.insert(0, keep)


def introduce(table: Any) -> None:
    """The paragraph just before ``table`` (its heading, lead sentence or caption) keeps with it."""
    before = table.getprevious()
    if before is not None and before.tag == qn("w:p"):
        keep_with_next(before)


def space_after_table(p: Any) -> None:
    """``p`` follows a table: space before it, unless its style already has some (a heading)."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = p.makeelement(qn("w:pPr"), {})
        p.insert(0, ppr)
    style = ppr.find(qn("w:pStyle"))
    if style is not None and style.get(qn("w:val"), "").startswith("Heading"):
        return
    spacing = ppr.makeelement(qn("w:spacing"), {qn("w:before"): SPACE_AFTER_TABLE})
    ppr.append(spacing)
