"""The draft annotated agenda as text, Markdown, HTML and JSON (Word: render.agenda_docx).

Every piece of plan text goes through render.safe (``line``/``block``), Markdown's ``cell`` and
HTML escaping, as item titles do everywhere else; JSON keeps the exact text.
"""

from __future__ import annotations

import json
from html import escape

from iwgplan.i18n import colon, current
from iwgplan.i18n import gettext as _
from iwgplan.render.markdown import cell
from iwgplan.render.safe import block, line
from iwgplan.views.agenda import KIND_WORDS, RECORDED, Agenda, Item, Point, day_text


def _where(agenda: Agenda) -> str:
    parts = [agenda.place, agenda.format]
    return ", ".join(line(p) for p in parts if p)


def point_text(p: Point) -> str:
    head = f"{p.number} {p.title}".strip() if p.number else p.title
    return f"{head} [{p.id}]" + (f" — {p.detail}" if p.detail else "")


def source_words(item: Item) -> str:
    return _("recorded in the plan") if item.source == RECORDED else _("inferred")


def kind_words(item: Item) -> str:
    """``inferred; Procedural``: where the item comes from and what it is."""
    return f"{source_words(item)}; {_(KIND_WORDS[item.kind])}"


def text(agenda: Agenda) -> str:
    out = [
        line(_("DRAFT ANNOTATED AGENDA — {heading}").format(heading=agenda.heading)),
        line(agenda.body),
    ]
    if agenda.theme:
        out.append(line(_("Thematic focus: {theme}").format(theme=agenda.theme)))
    if _where(agenda):
        out.append(_where(agenda))
    drafted = _("Meeting {id} · drafted {day} from the plan")
    out.append(line(drafted.format(id=agenda.meeting_id, day=day_text(agenda.as_of))))
    for item in agenda.items:
        kind = f"   ({kind_words(item)})"
        out += ["", line(f"{item.number}. {item.title}") + kind]
        out += _item_lines(item, "   ", line)
    out += ["", _("Notes on this draft:")]
    out += [line(f" - {n}") for n in agenda.notes]
    return "\n".join(out) + "\n"


def _item_lines(item: Item, pad: str, safe: object) -> list[str]:
    out: list[str] = []
    if item.concerns:
        out.append(pad + _("Concerns: ") + "; ".join(line(point_text(p)) for p in item.concerns))
    for section in item.sections:
        out.append(pad + line(section.heading) + colon().rstrip())
        out += [pad + " - " + line(point_text(p)) for p in section.points]
        out += [pad + " - " + line(t) for t in section.lines]
    if item.questions:
        out.append(pad + _("Guiding questions:"))
        out += [pad + " - " + line(q) for q in item.questions]
    if item.speakers:
        out.append(pad + _("Speakers:"))
        out += [pad + " - " + line(s.text) for s in item.speakers]
    if item.documents:
        out.append(pad + _("Documents: ") + ", ".join(line(d) for d in item.documents))
    if item.outcome:
        out.append(pad + _("Outcome: ") + line(item.outcome))
    return out


def markdown(agenda: Agenda) -> str:
    title = _("Draft annotated agenda: {heading}").format(heading=cell(agenda.heading))
    out = [f"# {title}", "", cell(agenda.body), ""]
    facts = [(_("Meeting"), agenda.meeting_id), (_("Date"), day_text(agenda.date))]
    if agenda.theme:
        facts.append((_("Thematic focus"), agenda.theme))
    if _where(agenda):
        facts.append((_("Place"), _where(agenda)))
    drafted = _("{day}, from the plan (a draft: see the notes)").format(day=day_text(agenda.as_of))
    facts.append((_("Drafted"), drafted))
    out += [f"- **{k}:** {cell(v)}" for k, v in facts]
    for item in agenda.items:
        out += [
            "",
            f"## {item.number}. {cell(item.title)}",
            "",
            f"*{kind_words(item)}*",
            "",
        ]
        if item.concerns:
            out.append(_("Concerns: ") + "; ".join(cell(point_text(p)) for p in item.concerns))
            out.append("")
        for section in item.sections:
            out += [f"**{cell(section.heading)}**", ""]
            out += [f"- {cell(point_text(p))}" for p in section.points]
            out += [f"- {cell(t)}" for t in section.lines]
            out.append("")
        if item.questions:
            out += (
                ["**" + _("Guiding questions") + "**", ""] + [f"- {cell(q)}" for q in item.questions] + [""]
            )
        if item.speakers:
            out += ["**" + _("Speakers") + "**", ""] + [f"- {cell(s.text)}" for s in item.speakers] + [""]
        if item.documents:
            out += ["**" + _("Documents:") + "** " + ", ".join(cell(d) for d in item.documents), ""]
        if item.outcome:
            out += ["**" + _("Outcome:") + "** " + cell(item.outcome), ""]
    out += ["", "## " + _("Notes on this draft"), ""] + [f"- {cell(n)}" for n in agenda.notes]
    return "\n".join(x for x in _squeeze(out)) + "\n"


def _squeeze(lines: list[str]) -> list[str]:
    out: list[str] = []
    for x in lines:
        if x == "" and out and out[-1] == "":
            continue
        out.append(x)
    return out


def _h(value: object) -> str:
    return escape(block(value), quote=True)


def _ul(rows: list[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{_h(r)}</li>" for r in rows) + f"</{tag}>"


def html(agenda: Agenda) -> str:
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{current()}"><head><meta charset="utf-8">',
        "<title>" + _("Draft annotated agenda: {heading}").format(heading=_h(agenda.heading)) + "</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;line-height:1.45}"
        "h2{font-size:1.1rem;margin-top:1.6rem}.src{color:#666;font-style:italic;font-size:.9rem}"
        ".draft{color:#b00;font-weight:600;letter-spacing:.05em}dt{font-weight:600}</style>",
        "</head><body>",
        '<p class="draft">' + _h(_("DRAFT")) + "</p>",
        "<h1>" + _("Annotated agenda: {heading}").format(heading=_h(agenda.heading)) + "</h1>",
        f"<p>{_h(agenda.body)}</p><dl>",
    ]
    facts = draft_facts(agenda)
    out += [f"<dt>{_h(k)}</dt><dd>{_h(v)}</dd>" for k, v in facts]
    out.append("</dl>")
    for item in agenda.items:
        out.append(f'<section id="item-{item.number}"><h2>{item.number}. {_h(item.title)}</h2>')
        out.append(f'<p class="src">{_h(kind_words(item))}</p>')
        if item.concerns:
            out.append(
                "<p>" + _h(_("Concerns: ")) + "; ".join(_h(point_text(p)) for p in item.concerns) + "</p>"
            )
        for section in item.sections:
            rows = [point_text(p) for p in section.points] + section.lines
            out.append(
                f"<h3>{_h(section.heading)}</h3><ul>" + "".join(f"<li>{_h(r)}</li>" for r in rows) + "</ul>"
            )
        if item.questions:
            out.append(
                "<h3>"
                + _h(_("Guiding questions"))
                + "</h3><ul>"
                + "".join(f"<li>{_h(q)}</li>" for q in item.questions)
                + "</ul>"
            )
        if item.speakers:
            out.append(
                "<h3>"
                + _h(_("Speakers"))
                + "</h3><ul>"
                + "".join(f"<li>{_h(s.text)}</li>" for s in item.speakers)
                + "</ul>"
            )
        if item.documents:
            out.append("<p>" + _h(_("Documents: ")) + ", ".join(_h(d) for d in item.documents) + "</p>")
        if item.outcome:
            out.append("<p><strong>" + _h(_("Outcome:")) + f"</strong> {_h(item.outcome)}</p>")
        out.append("</section>")
    out.append(
        "<h2>"
        + _h(_("Notes on this draft"))
        + "</h2><ul>"
        + "".join(f"<li>{_h(n)}</li>" for n in agenda.notes)
        + "</ul>"
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def draft_facts(agenda: Agenda) -> list[tuple[str, str]]:
    """The facts under the title of the HTML and Word agenda: meeting, date, theme, place."""
    facts = [(_("Meeting"), agenda.meeting_id), (_("Date"), day_text(agenda.date))]
    if agenda.theme:
        facts.append((_("Thematic focus"), agenda.theme))
    if agenda.place or agenda.format:
        facts.append((_("Place"), ", ".join(p for p in (agenda.place, agenda.format) if p)))
    facts.append((_("Drafted"), _("{day}, from the plan").format(day=day_text(agenda.as_of))))
    return facts


def as_json(agenda: Agenda) -> str:
    return json.dumps(agenda.as_dict(), ensure_ascii=False, indent=2) + "\n"
