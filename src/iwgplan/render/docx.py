"""The implementation report as a Word document (.docx), for the Secretariat's drafting workflow.

Built with python-docx (imported here only, so no other command pays for it) over the report
context of `report --format json`. Everything is in Word's own structures so that delegations
can edit it with tracked changes: Heading 1-3 styles (the navigation pane and a table of
contents work), tables for the header facts, progress, the timeline (months against items, with
shaded cells), overdue, blocked and dropped items, milestones and references; A4 pages with a
page number field in the footer; title, subject and date in the document properties.

Plan text is only ever the text of a run (``w:t``), set through lxml, which escapes it: it is
never parsed as XML and never becomes a field, so ``<script>`` or ``{ INCLUDETEXT ... }`` stay
the literal characters. Characters XML cannot hold (C0 controls but tab and line feed,
U+FFFE, U+FFFF, lone surrogates) are shown visibly instead. Bars, fields and shading are ours.

The lower-level builders below write WordprocessingML directly with lxml: python-docx's own
``add_paragraph`` and ``row.cells`` are linear per call, so a report of 1,000 items took
quadratic time through them.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from iwgplan import i18n
from iwgplan.i18n import colon, month_abbr, ngettext, status_word
from iwgplan.i18n import gettext as _
from iwgplan.render import docx_layout, safe
from iwgplan.render.gantt_svg import STATUS_COLOUR

Ctx = dict[str, Any]
Run = tuple[str, str]  # (text, kind): kind is "" (plain), "b" (bold), "i" (italic), "link:URL"

# What XML 1.0 cannot hold and render.safe.block leaves: the non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\ufffe\uffff]")
MILESTONE_FILL = "CE93D8"
AS_OF_FILL = "FFCDD2"
HEADER_FILL = "ECEFF1"
TEXT_WIDTH_MM = 170


def text_of(value: object) -> str:
    """Plan text as a run holds it: ``safe.block`` shows controls, bidi marks and separators
    visibly (tab and line feed stay, as Word's own tab and break); the rest XML cannot carry too."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m[0]):04x}", safe.block(value))


class Writer:
    """Appends paragraphs and tables to a python-docx Document's body in O(1) each.

    With a ``spool`` (a binary file), the body is written there as it is built instead of being
    held (see :class:`Spool`): only the element last put can still be changed by its caller.
    """

    def __init__(self, document: Any, spool: Spool | None = None) -> None:
        self.document = document
        self.body = document.element.body
        self.end = self.body.find(qn("w:sectPr"))
        self.part = document.part
        self._links: dict[str, str] = {}
        self._after_table = False  # the next paragraph gets space above it
        self.spool = spool

    def _put(self, element: Any) -> Any:
        if self.spool is not None:
            return self.spool.put(element)
        self.end.addprevious(element)
        return element

    def link_id(self, url: str) -> str:
        if url not in self._links:
            self._links[url] = self.part.relate_to(url, RT.HYPERLINK, is_external=True)
        return self._links[url]

    def paragraph(self, style: str | None, runs: Iterable[Run | str], parent: Any = None) -> Any:
        p = OxmlElement("w:p")
        if style:
            ppr = _sub(p, "w:pPr")
            _sub(ppr, "w:pStyle", {"w:val": style})
        for run in runs:
            text, kind = (run, "") if isinstance(run, str) else run
            self._text_run(p, text, kind)
        if parent is None:
            if self._after_table:
                docx_layout.space_after_table(p)
                self._after_table = False
            return self._put(p)
        parent.append(p)
        return p

    def _text_run(self, p: Any, text: str, kind: str, *, bold: bool = False, size: str = "") -> None:
        holder = p
        if kind.startswith("link:"):
            holder = _sub(p, "w:hyperlink", {"r:id": self.link_id(kind[5:])})
        r = _sub(holder, "w:r")
        if kind or bold or size:
            rpr = _sub(r, "w:rPr")
            if kind.startswith("link:"):
                _sub(rpr, "w:rStyle", {"w:val": "Hyperlink"})
            if kind == "b" or bold:
                _sub(rpr, "w:b")
            if kind == "i":
                _sub(rpr, "w:i")
            if size:
                _sub(rpr, "w:sz", {"w:val": size})
        _text(r, text_of(text))

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[object]],
        widths: Sequence[float] | None = None,
        *,
        fills: Iterable[Sequence[str | None]] | None = None,
        header_fills: Sequence[str | None] | None = None,
        small: bool = False,
        header: bool = True,
    ) -> Any:
        """A Table Grid table with a repeating header row; ``widths`` in mm, widened where a
        column's longest word needs it (``docx_layout``)."""
        if widths:
            rows = rows if isinstance(rows, Sequence) else list(rows)
            size = 7 if small else 9
            widths = docx_layout.fit_words(widths, headers, rows, size_pt=size, small=small, header=header)
        tbl = OxmlElement("w:tbl")
        pr = _sub(tbl, "w:tblPr")
        _sub(pr, "w:tblStyle", {"w:val": "TableGrid"})
        _sub(pr, "w:tblW", {"w:w": "5000", "w:type": "pct"})
        if widths:
            _sub(pr, "w:tblLayout", {"w:type": "fixed"})
        if small:
            margins = _sub(pr, "w:tblCellMar")
            for side in ("left", "right"):
                _sub(margins, f"w:{side}", {"w:w": "28", "w:type": "dxa"})
        _sub(pr, "w:tblLook", {"w:val": "04A0", "w:firstRow": "1", "w:noHBand": "0", "w:noVBand": "1"})
        grid = _sub(tbl, "w:tblGrid")
        twips = [round(w / 25.4 * 1440) for w in widths] if widths else None
        for i in range(len(headers)):
            attrs = {"w:w": str(twips[i])} if twips else {}
            _sub(grid, "w:gridCol", attrs)
        if header:
            head_fill = header_fills or [HEADER_FILL] * len(headers)
            self._row(tbl, headers, twips, head_fill, header=True, small=small)
        fill_rows = iter(fills) if fills is not None else None
        count = 0
        holder = tbl if self.spool is None else self.spool.table(tbl, docx_layout.introduce)
        for row in rows:
            fill = next(fill_rows) if fill_rows is not None else None
            self._row(holder, row, twips, fill, small=small)
            count += 1
            if self.spool is not None and count % Spool.BATCH == 0:
                self.spool.rows()
        if not count:
            self._row(holder, [_("none"), *[""] * (len(headers) - 1)], twips, None, small=small)
        self._after_table = True
        if self.spool is not None:
            return self.spool.end_table()
        self._put(tbl)
        docx_layout.introduce(tbl)
        return tbl

    def _row(
        self,
        tbl: Any,
        cells: Sequence[object],
        twips: list[int] | None,
        fills: Sequence[str | None] | None,
        *,
        header: bool = False,
        small: bool = False,
    ) -> None:
        tr = _sub(tbl, "w:tr")
        docx_layout.row_properties(_sub(tr, "w:trPr"), header=header)
        for i, value in enumerate(cells):
            tc = _sub(tr, "w:tc")
            tcpr = _sub(tc, "w:tcPr")
            if twips:
                _sub(tcpr, "w:tcW", {"w:w": str(twips[i]), "w:type": "dxa"})
            if fills and fills[i]:
                _sub(tcpr, "w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": str(fills[i])})
            p = _sub(tc, "w:p")
            ppr = _sub(p, "w:pPr")
            _sub(ppr, "w:spacing", {"w:before": "0", "w:after": "0"})
            if header:
                docx_layout.keep_with_next(p)  # the header row stays with the first row
            runs = value if isinstance(value, list) else [("" if value is None else str(value), "")]
            for text, kind in runs:
                if not text:
                    continue
                self._text_run(p, text, kind, bold=header, size="14" if small else "18")


class Spool:
    """The document's body written to a file as it is built, for a report of many items.

    A report of 95,000 items held its whole body as lxml elements: 3.5 GB (issue 29). Here the
    paragraphs and tables go to ``file`` as the bytes the saved document.xml holds for them, a
    batch at a time, and :func:`render` puts them in its body. Each batch is serialised as the
    children of a scratch element under the document's root, which declares no namespace of its
    own (as the body does not), so the bytes are those of the same elements in the body; a table's
    rows go the same way, a batch at a time, inside its own opening and closing tags.
    ``tests/test_report_docx_big.py`` holds a spooled document to the same bytes as a held one.
    """

    BATCH = 256

    def __init__(self, document: Any, file: Any) -> None:
        self.file = file
        root = document.element
        self.holder = root.makeelement(qn("w:body"), {})
        self.scratch = root.makeelement(qn("w:tbl"), {})
        root.append(self.holder)
        root.append(self.scratch)
        self._table_end = b""

    def put(self, element: Any) -> Any:
        """Keep ``element``; write the ones before it once a batch is full."""
        if len(self.holder) >= self.BATCH:
            self.flush()
        self.holder.append(element)
        return element

    def flush(self) -> None:
        if len(self.holder):
            self.file.write(_inner(self.holder))
            self.holder.clear()

    def table(self, tbl: Any, introduce: Callable[[Any], None]) -> Any:
        """Put ``tbl`` after what is kept, let ``introduce`` change the paragraph before it (still
        kept: the element last put always is), then write them and the table's head (properties,
        grid, header row); its rows are then added to the element returned and written by
        :meth:`rows`."""
        self.holder.append(tbl)
        introduce(tbl)
        head = _inner(self.holder)
        self.holder.clear()
        cut = head.rindex(b"</w:tbl>")
        self.file.write(head[:cut])
        self._table_end = head[cut:]
        return self.scratch

    def rows(self) -> None:
        if len(self.scratch):
            self.file.write(_inner(self.scratch))
            self.scratch.clear()

    def end_table(self) -> Any:
        self.rows()
        self.file.write(self._table_end)
        return self.scratch

    def close(self) -> None:
        """Write what is left and take the scratch elements out of the document."""
        self.flush()
        root = self.holder.getparent()
        root.remove(self.holder)
        root.remove(self.scratch)


def _inner(element: Any) -> bytes:
    """The serialised children of ``element`` (its own tags and namespace declarations cut)."""
    from lxml import etree  # type: ignore[import-untyped]  # python-docx's own XML library

    data: bytes = etree.tostring(element, encoding="UTF-8")
    if data.endswith(b"/>"):
        return b""
    return data[data.index(b">") + 1 : data.rindex(b"</")]


@functools.cache
def _clark(tag: str) -> str:
    return str(qn(tag))


def _sub(parent: Any, tag: str, attrs: dict[str, str] | None = None) -> Any:
    child = parent.makeelement(_clark(tag), {_clark(k): v for k, v in attrs.items()} if attrs else {})
    parent.append(child)
    return child


def _text(r: Any, text: str) -> None:
    """A run's text: tabs and line breaks as Word's own elements, the rest as literal w:t."""
    for i, line in enumerate(text.split("\n")):
        if i:
            _sub(r, "w:br")
        for j, piece in enumerate(line.split("\t")):
            if j:
                _sub(r, "w:tab")
            if piece:
                t = _sub(r, "w:t")
                t.text = piece
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _url(ref: str) -> str:
    """A URL as a relationship target: no spaces, quotes or angle brackets."""
    return quote(ref, safe=":/?&=#%~+@,;!$*'()-._[]")


def _pct(fraction: float) -> str:
    return i18n.share(fraction)


WORD_LANGUAGE = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}
"""The language Word checks the spelling in (w:lang), as the report is written."""


# ---------------------------------------------------------------- the document's parts


def _setup(document: Any, ctx: Ctx) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    styles = document.styles
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True
    styles["Normal"].font.size = Pt(10.5)
    normal = styles["Normal"].element.get_or_add_rPr()
    _sub(normal, "w:lang", {"w:val": WORD_LANGUAGE[i18n.current()]})
    # A footer of one line: one that wraps grows into the page after it is laid out, and
    # LibreOffice then leaves a heading kept with its next paragraph at a page's foot.
    styles["Footer"].font.size = Pt(8)
    _properties(document, ctx)
    _footer(section, ctx)


def _prop(value: object) -> str:
    """A core property: python-docx (and Word) hold at most 255 characters."""
    text = text_of(value)
    return text if len(text) <= 255 else text[:254] + "…"


def _properties(document: Any, ctx: Ctx) -> None:
    plan = ctx["plan"]
    when = datetime.combine(date.fromisoformat(ctx["as_of"]), datetime.min.time(), UTC)
    props = document.core_properties
    props.title = _prop(plan["title"])
    props.subject = _prop(
        _("{body}: implementation report {as_of_words} {day}").format(
            body=plan["body"], as_of_words=ctx["as_of_words"], day=i18n.when_words(ctx["as_of"])
        )
    )
    props.author = _prop(", ".join(plan["issued_by"]) or plan["body"])
    props.last_modified_by = "iwgplan"
    symbol = plan["symbol_text"]  # with its mark: "probable: not printed in the document"
    props.keywords = _prop("; ".join(x for x in (symbol, plan["id"]) if x))
    props.identifier = _prop(symbol or plan["id"])
    props.version = _prop(plan["revision_label"])
    revision = _("{revision} of {date}").format(
        revision=plan["revision_text"], date=i18n.when_words(plan["date"])
    )
    props.comments = _prop(
        _("Generated by iwgplan from {id} ({revision}).").format(id=plan["id"], revision=revision)
    )
    props.category = _("Implementation report")
    props.language = i18n.current()
    props.created = props.modified = when
    props.revision = 1


def _field(p: Any, instr: str) -> None:
    """One of our own fields (PAGE, NUMPAGES): never built from plan text."""
    fld = _sub(p, "w:fldSimple", {"w:instr": f" {instr} "})
    r = _sub(fld, "w:r")
    _text(r, "1")


def _footer(section: Any, ctx: Ctx) -> None:
    p = section.footer.paragraphs[0]._p
    ppr = _sub(p, "w:pPr")
    _sub(ppr, "w:jc", {"w:val": "center"})
    plan = ctx["plan"]
    label = _("{name} · report {as_of_words} {day} · page ").format(
        name=plan["symbol_text"] or plan["id"],
        as_of_words=ctx["as_of_words"],
        day=i18n.when_words(ctx["as_of"]),
    )
    for piece in (label, "PAGE", _(" of "), "NUMPAGES"):
        if piece.isupper():
            _field(p, piece)
        else:
            _text(_sub(p, "w:r"), text_of(piece))


def _header(w: Writer, ctx: Ctx) -> None:
    plan = ctx["plan"]
    w.paragraph("Title", [plan["title"]])
    w.paragraph("Subtitle", [plan["body"]])
    facts = [[f["label"], f["value"]] for f in ctx["facts"]]
    facts.append(
        [_("Report {as_of_words}").format(as_of_words=ctx["as_of_words"]), i18n.when_words(ctx["as_of"])]
    )
    w.table(["", ""], facts, [40, TEXT_WIDTH_MM - 40], header=False)
    if ctx.get("overview"):
        w.paragraph(None, [ctx["overview"]])
    if ctx.get("legend"):
        w.paragraph(None, [(_("Marks:") + " " + "; ".join(ctx["legend"]) + ".", "i")])


def _paragraph(w: Writer, o: Ctx) -> None:
    """A numbered paragraph of the document (1.1, 2.3 and its points), as the document words it."""
    refs = f" ({', '.join(o['cited'])})" if o["cited"] else ""
    w.paragraph(None, [f"{o['number'] or '•'} {o['text']}{refs}"])
    for point in o["points"]:  # Word draws the bullet; a letter stays as the document writes it
        bullet = point["mark"] == "•"
        w.paragraph(
            "ListBullet" if bullet else None,
            [point["text"] if bullet else f"{point['mark']} {point['text']}"],
        )
    if o["points_source"]:
        w.paragraph(None, [(_("The points: {source}.").format(source=o["points_source"]), "i")])
    if o["closing"]:
        w.paragraph(None, [o["closing"]])


def _progress(w: Writer, ctx: Ctx) -> None:
    p = ctx["progress"]
    w.paragraph("Heading1", [_("Progress")])
    w.paragraph(
        None,
        [
            " · ".join(p["headline"])
            + _("; {share} of the period ({period}) has elapsed.").format(
                share=_pct(p["elapsed"]),
                period=_("{start} to {end}").format(
                    start=i18n.when_words(p["start"]), end=i18n.when_words(p["end"])
                ),
            )
        ],
    )
    rows = [
        [
            g["marked_label"] + (_(" (priority)") if g["priority"] else ""),
            *g["counts"].values(),
            _pct(g["done_fraction"]),
        ]
        for g in ctx["groups"]
        if g["total"]  # a section with no deliverable has no row of zeros
    ]
    headers = [
        _("Tier / section"),
        _("planned"),
        _("in progress"),
        _("done"),
        _("blocked"),
        _("dropped"),
        _("% done"),
    ]
    w.table(headers, rows, [50, 20, 20, 20, 20, 20, 20])


def _since(w: Writer, ctx: Ctx) -> None:
    """What changed since a day or revision (`report --since`): the HTML and Markdown reports' lines."""
    since = ctx["since"]
    if not since:
        return
    w.paragraph("Heading1", [since["heading"]])
    for item in since["lines"]:
        w.paragraph("ListBullet", [(f"{item['label']}{colon()}", "b"), item["text"]])
    if not since["lines"]:
        w.paragraph("ListBullet", [_("no change to the plan")])
    for note in since["notes"]:
        w.paragraph("ListBullet", [(note, "i")])


def _variance(w: Writer, ctx: Ctx) -> None:
    """The plan against its baseline: the HTML and Markdown reports' table and lists."""
    from iwgplan.views.report_context import variance_cells

    variance = ctx["variance"]
    if not variance:
        return
    w.paragraph("Heading1", [variance["heading"]])
    w.paragraph(
        None,
        [
            _("Against {baseline}, issued {date}: {summary}.").format(
                baseline=variance["baseline"],
                date=i18n.when_words(variance["baseline_date"]),
                summary=variance["summary"],
            )
        ],
    )
    if variance["moved"]:
        rows = [variance_cells(r) for r in variance["moved"]]
        headers = [_("item"), _("planned"), _("now"), _("slip"), _("status"), _("reason")]
        w.table(headers, rows, [40, 26, 26, 22, 22, 34])
    for c in variance["added"]:
        w.paragraph(
            "ListBullet",
            [(_("added") + " ", "b"), f"{c['label']} ({c['reason'] or _('no reason recorded')})"],
        )
    for c in variance["dropped"]:
        w.paragraph(
            "ListBullet",
            [(f"{c['how']} ", "b"), f"{c['label']} ({c['reason'] or _('no reason recorded')})"],
        )
    for note in variance["notes"]:
        w.paragraph("ListBullet", [(note, "i")])


def _over_time(w: Writer, ctx: Ctx) -> None:
    """The share of deliverables done per week, as a table: the weeks in which it changed, and
    the last; nothing while no deliverable is done (the Progress section says so)."""
    from iwgplan.render.history_report import source_words

    over = ctx["progress_over_time"]
    if not over or not over["any_done"]:
        return
    weeks = [week for week in over["weeks"] if week["done_fraction"] is not None]
    rows, last = [], None
    for i, week in enumerate(weeks):
        if week["done_fraction"] != last or i == len(weeks) - 1:
            rows.append([week["week_end"], _pct(week["done_fraction"]), _pct(week["elapsed_fraction"])])
        last = week["done_fraction"]
    w.paragraph("Heading1", [_("Progress over time")])
    source = source_words(over["source"], over["note"])
    w.paragraph(
        None,
        [
            _(
                "The share of deliverables done at the end of each week in which it changed, and of the"
                " last week, against the share of the period elapsed; from {source}."
            ).format(source=source)
        ],
    )
    w.table([_("week ending"), _("done"), _("period elapsed")], rows, [50, 40, 40])


def _timeline(w: Writer, ctx: Ctx) -> None:
    """Months across, milestones then items down; a cell is shaded in each month an item spans."""
    tl = ctx["timeline"]
    months: list[str] = tl["months"]
    if len(tl["bars"]) > TIMELINE_ROWS:
        _timeline_by_group(w, ctx)
        return
    w.paragraph("Heading1", [_("Timeline")])
    w.paragraph(
        "Caption",
        [
            _(
                "Shaded cells: the months from an item's start to its due date (or completion), in the"
                " colour of its status (green done, amber in progress, grey planned, red blocked, light"
                " grey dropped); ! marks an overdue item, ◆ a milestone's first month (a range is shaded to"
                " its last); the as-of month's heading is red."
            )
        ],
    )
    rows, fills = _milestone_rows(ctx, months)
    for bar in tl["bars"]:
        span = _span(months, bar["start"], bar["end"])
        last = max(span) if span else -1
        colour = STATUS_COLOUR[bar["status"]].lstrip("#").upper()
        mark = "!" if bar["overdue"] else ""
        rows.append(
            [
                [(bar["number"], "b"), (" " + bar["title"], "")],  # whole: the cell wraps it
                *(mark if i == last else "" for i in range(len(months))),
            ]
        )
        fills.append([None, *(colour if i in span else None for i in range(len(months)))])
    _month_grid(w, ctx, months, rows, fills)


# A Word table of more rows than this is no timeline a reader can take in (and 95,000 rows of
# months took 1.3 GB to build): beyond it the timeline has a row per tier or section.
TIMELINE_ROWS = 1_000
GROUP_FILL = "B0BEC5"


def _count(n: int) -> str:
    """A count as the report's language writes it (95,000; 95 000; 95.000)."""
    from babel.numbers import format_decimal

    return str(format_decimal(n, locale=i18n.cldr()))


def _timeline_by_group(w: Writer, ctx: Ctx) -> None:
    """The timeline of a plan with more dated deliverables than :data:`TIMELINE_ROWS`: the
    milestones, then one row per tier or section, each month giving how many of its deliverables
    span it; each item's own dates stay in its section."""
    tl = ctx["timeline"]
    months: list[str] = tl["months"]
    group_of = {it["id"]: g["id"] for g in ctx["groups"] for block in g["blocks"] for it in block["items"]}
    counts: dict[str, list[int]] = {}
    late: dict[str, int] = {}
    for bar in tl["bars"]:
        group = group_of.get(bar["id"], "")
        row = counts.setdefault(group, [0] * len(months))
        for i, month in enumerate(months):
            if bar["start"][:7] <= month <= bar["end"][:7]:
                row[i] += 1
        late[group] = late.get(group, 0) + bar["overdue"]
    w.paragraph("Heading1", [_("Timeline")])
    w.paragraph(
        "Caption",
        [
            _(
                "This plan has {n} dated deliverables, more than a table can show one to a row:"
                " each tier or section has a row, and each month the number of its deliverables"
                " that run through it (from their start to their due date or completion), shaded"
                " where there is any; ! and a number after a name count its overdue items; ◆ marks"
                " a milestone's first month (a range is shaded to its last); the as-of month's"
                " heading is red. Each item's own dates are in its section."
            ).format(n=_count(len(tl["bars"])))
        ],
    )
    rows, fills = _milestone_rows(ctx, months)
    for g in ctx["groups"]:
        spans = counts.get(g["id"])
        if spans is None:
            continue
        overdue = f" !{_count(late[g['id']])}" if late.get(g["id"]) else ""
        name = g.get("marked_label", g["label"])  # with its mark when the document does not write it
        rows.append([[(name, "b"), (overdue, "")], *(_count(n) if n else "" for n in spans)])
        fills.append([None, *(GROUP_FILL if n else None for n in spans)])
    _month_grid(w, ctx, months, rows, fills)


def _milestone_rows(ctx: Ctx, months: list[str]) -> tuple[list[list[object]], list[list[str | None]]]:
    """The timeline's first rows: each milestone whole, with its mark, ◆ in its first month and
    its months shaded (a range to its last)."""
    rows: list[list[object]] = []
    fills: list[list[str | None]] = []
    for m in ctx["milestones"]:
        span = _span(months, m["first_day"], m["last_day"])
        rows.append(
            [
                [("◆ ", "b"), (m["marked_title"], "")],  # whole, with its mark
                *("◆" if i == min(span, default=-1) else "" for i in range(len(months))),
            ]
        )
        fills.append([None, *(MILESTONE_FILL if i in span else None for i in range(len(months)))])
    return rows, fills


def _month_grid(
    w: Writer, ctx: Ctx, months: list[str], rows: list[list[object]], fills: list[list[str | None]]
) -> None:
    """The timeline's table: a label column, then a narrow column a month (its initial over its
    year), the as-of month's heading shaded."""
    label_w = 60.0
    month_w = (TEXT_WIDTH_MM - label_w) / max(len(months), 1)
    as_of_month = ctx["as_of"][:7]
    headers = ["", *(_month_label(m) for m in months)]
    header_fills = [HEADER_FILL, *(AS_OF_FILL if m == as_of_month else HEADER_FILL for m in months)]
    widths = [label_w, *[month_w] * len(months)]
    w.table(headers, rows, widths, fills=fills, header_fills=header_fills, small=True)


def _month_label(month: str) -> str:
    """A month's initial over its year's last two digits: J/26 in English and French, E/26 (enero)
    in Spanish."""
    return f"{month_abbr(date(int(month[:4]), int(month[5:7]), 1))[:1].upper()}\n{month[2:4]}"


def _span(months: list[str], first: str, last: str) -> set[int]:
    return {i for i, m in enumerate(months) if first[:7] <= m <= last[:7]}


def _item(w: Writer, it: Ctx, depth: int = 0, heading: str = "Heading3") -> None:
    """An item's facts as every report words them (``facts``): its status, or what it is when
    not a deliverable ("standing duty"), then its due date with its mark, owners, partners."""
    words = it["facts"]
    facts: list[Run] = (
        [(_("Status:") + " ", ""), (words[0], "b")] if it["nature"] == "deliverable" else [(words[0], "i")]
    )
    for fact in words[1:]:
        facts.append((f" · {fact}", ""))
        if it["overdue"] and fact.startswith(_("due {date}").format(date="")):
            facts.append((_(" (overdue)"), "b"))
    if depth == 0:
        w.paragraph(heading, [(it["own"], ""), (" ", ""), (it["title"], "")])
        w.paragraph(None, facts)
        bullet = "ListBullet"
    else:
        style = "ListBullet2" if depth == 1 else "ListBullet3"
        w.paragraph(style, [(it["own"], "b"), (f" {it['title']} — ", ""), *facts])
        bullet = "ListBullet3"
    if it["description"]:
        w.paragraph(None if depth == 0 else bullet, [(it["description"], "i")])
    for e in it["evidence"]:
        what: list[Run] = (
            [(e["title"] or e["ref"], f"link:{_url(e['ref'])}")]
            if e["is_url"]
            else [(e["ref"], ""), *([(f" {e['title']}", "")] if e["title"] else [])]
        )
        when = [(f" ({e['date']})", "")] if e["date"] else []
        w.paragraph(bullet, [(_("Evidence:") + " ", "b"), *what, *when])
    for n in it["notes"]:
        tag = f" ({status_word(n['status'])})" if n["status"] else ""
        w.paragraph(bullet, [(f"{n['date']}{tag}{colon()}", ""), (n["note"], "")])
    for child in it["children"]:
        _item(w, child, depth + 1)


def _document(w: Writer, ctx: Ctx) -> None:
    """The plan in the document's order, under the document's headings (``outline``): its
    numbered paragraphs, then each tier and section with its lead sentence and items."""
    objectives = {o["id"]: o for o in ctx["objectives"]}
    groups = {g["id"]: g for g in ctx["groups"]}
    for part in ctx["outline"]:
        level = 2 if part["label"] else 1  # a tier's heading under the document's own
        if part["label"]:
            w.paragraph("Heading1", [part["label"]])
        elif part["objectives"]:
            w.paragraph("Heading1", [_("Objectives")])
        for ident in part["objectives"]:
            _paragraph(w, objectives[ident])
        for ident in part["groups"]:
            _group(w, groups[ident], level)


def _group(w: Writer, g: Ctx, level: int) -> None:
    if g["heading"]:
        priority = _(" (priority)") if g["priority"] else ""
        w.paragraph(f"Heading{level}", [f"{g['marked_label']}{priority}"])
    lead = g["lead"]
    if lead:
        w.paragraph(None, [*([(f"{lead['number']} ", "b")] if lead["number"] else []), lead["text"]])
    inner = level + 1 if g["heading"] else level
    for block in g["blocks"]:
        if block["focus_area"]:
            w.paragraph(f"Heading{inner}", [block["focus_area"]["marked_title"]])
        for it in block["items"]:
            _item(w, it, heading=f"Heading{max(inner + 1 if block['focus_area'] else inner, 3)}")


def _attention(w: Writer, ctx: Ctx) -> None:
    """Overdue, Blocked and Dropped: items by number and title, a section only when it lists some."""
    if ctx["overdue"]:
        w.paragraph("Heading1", [_("Overdue ({n})").format(n=len(ctx["overdue"]))])
        w.table(
            ["#", _("title"), _("due"), _("days late")],
            [[d["number"], d["title"], d["due_text"], d["days_late"]] for d in ctx["overdue"]],
            [18, 98, 36, 18],
        )
    within = ctx["within_period"]
    if within["items"]:
        n = len(within["items"])
        what = " " + ngettext(
            "{n} item the document sets no date for, each marked so in its section; none is late.",
            "{n} items the document sets no date for, each marked so in its section; none is late.",
            n,
        ).format(n=n)
        w.paragraph(None, [(f"{within['heading']}{colon()[:-1]}", "b"), what])
    for key in ("blocked", "dropped"):
        if not ctx[key]:
            continue
        heading = _("Blocked ({n})") if key == "blocked" else _("Dropped ({n})")
        w.paragraph("Heading1", [heading.format(n=len(ctx[key]))])
        w.table(
            ["#", _("title"), _("reason")],
            [[d["number"], d["title"], d["reason"] or "—"] for d in ctx[key]],
            [18, 82, 70],
        )


def _milestones(w: Writer, ctx: Ctx) -> None:
    w.paragraph("Heading1", [_("Milestones")])
    before = ctx["before_revision"]
    rows = [[before["title"], before["when"], _due_list(before["due_by_it"])]] if before["due_by_it"] else []
    rows += [[_milestone_cell(m), m["when"], _due_list(m["due_by_it"])] for m in ctx["milestones"]]
    w.table([_("milestone"), _("when"), _("due by it")], rows, [55, 35, 80])


def _milestone_cell(m: dict[str, Any]) -> list[Run]:
    """The milestone's title, with the note on its dates' source when they are not the document's."""
    sources = "".join(
        _("; source: {ref}").format(ref=s["ref"]) if i == 0 else f", {s['ref']}"
        for i, s in enumerate(m["sources"])
    )
    return [(m["marked_title"], ""), *([("\n" + m["source"] + sources, "i")] if m.get("source") else [])]


def _due_list(items: list[dict[str, Any]]) -> str:
    """One line per item, its number and title as the HTML and Markdown reports give them."""
    return "\n".join(f"{d['label']} ({d['shown']})" for d in items) or "—"


def _references(w: Writer, ctx: Ctx) -> None:
    w.paragraph("Heading1", [_("Appendix: referenced documents")])
    rows = [[r["symbol_text"], r["title_text"]] for r in ctx["references"]]
    w.table([_("symbol"), _("title")], rows, [50, 120])


# Above this many items (sub-points included) the body is spooled to a file as it is built.
SPOOL_ITEMS = 2_000


def render(ctx: Ctx) -> bytes:
    """The report context as the bytes of a .docx file; the same context gives the same bytes."""
    import tempfile

    with tempfile.TemporaryFile() as file:
        spooled = _count_items(ctx) > SPOOL_ITEMS
        return _render(ctx, file if spooled else None)


def _count_items(ctx: Ctx) -> int:
    def count(items: list[Ctx]) -> int:
        return sum(1 + count(it["children"]) for it in items)

    return sum(count(block["items"]) for g in ctx["groups"] for block in g["blocks"])


def _render(ctx: Ctx, file: Any) -> bytes:
    document = Document()
    _setup(document, ctx)
    spool = Spool(document, file) if file is not None else None
    w = Writer(document, spool)
    _header(w, ctx)
    _since(w, ctx)
    _variance(w, ctx)
    _progress(w, ctx)
    _over_time(w, ctx)
    _timeline(w, ctx)
    _document(w, ctx)
    _attention(w, ctx)
    _milestones(w, ctx)
    _references(w, ctx)
    if ctx.get("corrections_footnote"):
        w.paragraph(None, [(ctx["corrections_footnote"], "i")])
    if spool is not None:
        spool.close()
    out = io.BytesIO()
    document.save(out)
    del document, w, spool
    return _stable_zip(out.getvalue(), date.fromisoformat(ctx["as_of"]), body=file)


BODY_PART = "word/document.xml"


def _stable_zip(data: bytes, day: date, body: Any = None) -> bytes:
    """The same zip with every entry stamped with the report's day, so output is reproducible;
    with ``body`` (a spooled body, see :class:`Spool`), the document's body put in its place,
    before the section properties that end it, streamed from the file."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            if body is None or info.filename != BODY_PART:
                dst.writestr(entry, src.read(info.filename))
                continue
            xml = src.read(info.filename)
            cut = xml.rindex(b"<w:sectPr")
            size = body.seek(0, io.SEEK_END)
            body.seek(0)
            entry.file_size = len(xml) + size
            with dst.open(entry, "w") as stream:
                stream.write(xml[:cut])
                while chunk := body.read(1 << 20):
                    stream.write(chunk)
                stream.write(xml[cut:])
    return out.getvalue()
