"""The draft annotated agenda as a Word document: what the Secretariat circulates. Numbered
items in Heading 2, the guiding questions under each, the speakers with their titles; plan text
only ever as the text of a run (render.docx's Writer), so it is never markup or a field."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from typing import Any

from docx import Document
from docx.shared import Mm, Pt

from iwgplan.i18n import current
from iwgplan.i18n import gettext as _
from iwgplan.render.agenda import draft_facts, kind_words, point_text
from iwgplan.render.docx import Writer, text_of
from iwgplan.views.agenda import Agenda


def render(agenda: Agenda) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(22))
    document.styles["Normal"].font.size = Pt(11)
    _properties(document, agenda)
    w = Writer(document)
    w.paragraph(None, [(_("DRAFT"), "b")])
    w.paragraph("Title", [_("Annotated agenda: {heading}").format(heading=agenda.heading)])
    w.paragraph("Subtitle", [agenda.body])
    facts = [[key, value] for key, value in draft_facts(agenda)]
    w.table(["", ""], facts, [40, 126], header=False)
    for item in agenda.items:
        w.paragraph("Heading2", [f"{item.number}. {item.title}"])
        w.paragraph(None, [(kind_words(item), "i")])
        if item.concerns:
            w.paragraph(None, [(_("Concerns: "), "b"), "; ".join(point_text(p) for p in item.concerns)])
        for part in item.sections:
            w.paragraph(None, [(part.heading, "b")])
            for p in part.points:
                w.paragraph("ListBullet", [point_text(p)])
            for t in part.lines:
                w.paragraph("ListBullet", [t])
        if item.questions:
            w.paragraph(None, [(_("Guiding questions"), "b")])
            for q in item.questions:
                w.paragraph("ListNumber", [q])
        if item.speakers:
            w.paragraph(None, [(_("Speakers"), "b")])
            for s in item.speakers:
                runs: list[tuple[str, str] | str] = [(s.name, "b")]
                rest = ", ".join(x for x in (s.title, s.organisation) if x)
                if rest:
                    runs.append(", " + rest)
                w.paragraph("ListBullet", runs)
        if item.documents:
            w.paragraph(None, [(_("Documents: "), "b"), ", ".join(item.documents)])
        if item.outcome:
            w.paragraph(None, [(_("Outcome: "), "b"), item.outcome])
    w.paragraph("Heading2", [_("Notes on this draft")])
    for note in agenda.notes:
        w.paragraph("ListBullet", [(note, "i")])
    out = io.BytesIO()
    document.save(out)
    return _stable_zip(out.getvalue(), agenda.as_of)


def _properties(document: Any, agenda: Agenda) -> None:
    props = document.core_properties
    props.title = text_of(_("Annotated agenda: {heading}").format(heading=agenda.heading))[:255]
    props.subject = text_of(agenda.body)[:255]
    props.author = "iwgplan"
    props.last_modified_by = "iwgplan"
    props.category = _("Draft annotated agenda")
    props.language = current()
    when = datetime.combine(agenda.as_of, datetime.min.time(), UTC)
    props.created = props.modified = when
    props.revision = 1


def _stable_zip(data: bytes, day: date) -> bytes:
    """Every zip entry stamped with the agenda's day: the same plan and day give the same bytes."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, stamp), src.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()
