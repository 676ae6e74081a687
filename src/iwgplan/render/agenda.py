"""The draft annotated agenda as text, Markdown, HTML and JSON (Word: render.agenda_docx).

Every piece of plan text goes through render.safe (``line``/``block``), Markdown's ``cell`` and
HTML escaping, as item titles do everywhere else; JSON keeps the exact text.
"""

from __future__ import annotations

import json
from html import escape

from iwgplan.render.markdown import cell
from iwgplan.render.safe import block, line
from iwgplan.views.agenda import KIND_WORDS, RECORDED, Agenda, Item, Point


def _where(agenda: Agenda) -> str:
    parts = [agenda.place, agenda.format]
    return ", ".join(line(p) for p in parts if p)


def point_text(p: Point) -> str:
    head = f"{p.number} {p.title}".strip() if p.number else p.title
    return f"{head} [{p.id}]" + (f" — {p.detail}" if p.detail else "")


def source_words(item: Item) -> str:
    return "recorded in the plan" if item.source == RECORDED else "inferred"


def text(agenda: Agenda) -> str:
    out = [
        line(f"DRAFT ANNOTATED AGENDA — {agenda.heading}"),
        line(agenda.body),
    ]
    if agenda.theme:
        out.append(line(f"Thematic focus: {agenda.theme}"))
    if _where(agenda):
        out.append(_where(agenda))
    out.append(line(f"Meeting {agenda.meeting_id} · drafted {agenda.as_of} from the plan"))
    for item in agenda.items:
        kind = f"   ({source_words(item)}; {KIND_WORDS[item.kind]})"
        out += ["", line(f"{item.number}. {item.title}") + kind]
        out += _item_lines(item, "   ", line)
    out += ["", "Notes on this draft:"]
    out += [line(f" - {n}") for n in agenda.notes]
    return "\n".join(out) + "\n"


def _item_lines(item: Item, pad: str, safe: object) -> list[str]:
    out: list[str] = []
    if item.concerns:
        out.append(pad + "Concerns: " + "; ".join(line(point_text(p)) for p in item.concerns))
    for section in item.sections:
        out.append(pad + line(section.heading) + ":")
        out += [pad + " - " + line(point_text(p)) for p in section.points]
        out += [pad + " - " + line(t) for t in section.lines]
    if item.questions:
        out.append(pad + "Guiding questions:")
        out += [pad + " - " + line(q) for q in item.questions]
    if item.speakers:
        out.append(pad + "Speakers:")
        out += [pad + " - " + line(s.text) for s in item.speakers]
    if item.documents:
        out.append(pad + "Documents: " + ", ".join(line(d) for d in item.documents))
    if item.outcome:
        out.append(pad + "Outcome: " + line(item.outcome))
    return out


def markdown(agenda: Agenda) -> str:
    out = [f"# Draft annotated agenda: {cell(agenda.heading)}", "", cell(agenda.body), ""]
    facts = [("Meeting", agenda.meeting_id), ("Date", str(agenda.date))]
    if agenda.theme:
        facts.append(("Thematic focus", agenda.theme))
    if _where(agenda):
        facts.append(("Place", _where(agenda)))
    facts.append(("Drafted", f"{agenda.as_of}, from the plan (a draft: see the notes)"))
    out += [f"- **{k}:** {cell(v)}" for k, v in facts]
    for item in agenda.items:
        out += [
            "",
            f"## {item.number}. {cell(item.title)}",
            "",
            f"*{source_words(item)}; {KIND_WORDS[item.kind]}*",
            "",
        ]
        if item.concerns:
            out.append("Concerns: " + "; ".join(cell(point_text(p)) for p in item.concerns))
            out.append("")
        for section in item.sections:
            out += [f"**{cell(section.heading)}**", ""]
            out += [f"- {cell(point_text(p))}" for p in section.points]
            out += [f"- {cell(t)}" for t in section.lines]
            out.append("")
        if item.questions:
            out += ["**Guiding questions**", ""] + [f"- {cell(q)}" for q in item.questions] + [""]
        if item.speakers:
            out += ["**Speakers**", ""] + [f"- {cell(s.text)}" for s in item.speakers] + [""]
        if item.documents:
            out += ["**Documents:** " + ", ".join(cell(d) for d in item.documents), ""]
        if item.outcome:
            out += ["**Outcome:** " + cell(item.outcome), ""]
    out += ["", "## Notes on this draft", ""] + [f"- {cell(n)}" for n in agenda.notes]
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
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Draft annotated agenda: {_h(agenda.heading)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;line-height:1.45}"
        "h2{font-size:1.1rem;margin-top:1.6rem}.src{color:#666;font-style:italic;font-size:.9rem}"
        ".draft{color:#b00;font-weight:600;letter-spacing:.05em}dt{font-weight:600}</style>",
        "</head><body>",
        '<p class="draft">DRAFT</p>',
        f"<h1>Annotated agenda: {_h(agenda.heading)}</h1>",
        f"<p>{_h(agenda.body)}</p><dl>",
    ]
    facts = [("Meeting", agenda.meeting_id), ("Date", str(agenda.date))]
    if agenda.theme:
        facts.append(("Thematic focus", agenda.theme))
    if agenda.place or agenda.format:
        facts.append(("Place", ", ".join(p for p in (agenda.place, agenda.format) if p)))
    facts.append(("Drafted", f"{agenda.as_of}, from the plan"))
    out += [f"<dt>{_h(k)}</dt><dd>{_h(v)}</dd>" for k, v in facts]
    out.append("</dl>")
    for item in agenda.items:
        out.append(f'<section id="item-{item.number}"><h2>{item.number}. {_h(item.title)}</h2>')
        out.append(f'<p class="src">{_h(source_words(item))}; {_h(KIND_WORDS[item.kind])}</p>')
        if item.concerns:
            out.append("<p>Concerns: " + "; ".join(_h(point_text(p)) for p in item.concerns) + "</p>")
        for section in item.sections:
            rows = [point_text(p) for p in section.points] + section.lines
            out.append(
                f"<h3>{_h(section.heading)}</h3><ul>" + "".join(f"<li>{_h(r)}</li>" for r in rows) + "</ul>"
            )
        if item.questions:
            out.append(
                "<h3>Guiding questions</h3><ul>"
                + "".join(f"<li>{_h(q)}</li>" for q in item.questions)
                + "</ul>"
            )
        if item.speakers:
            out.append(
                "<h3>Speakers</h3><ul>" + "".join(f"<li>{_h(s.text)}</li>" for s in item.speakers) + "</ul>"
            )
        if item.documents:
            out.append("<p>Documents: " + ", ".join(_h(d) for d in item.documents) + "</p>")
        if item.outcome:
            out.append(f"<p><strong>Outcome:</strong> {_h(item.outcome)}</p>")
        out.append("</section>")
    out.append(
        "<h2>Notes on this draft</h2><ul>" + "".join(f"<li>{_h(n)}</li>" for n in agenda.notes) + "</ul>"
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def as_json(agenda: Agenda) -> str:
    return json.dumps(agenda.as_dict(), ensure_ascii=False, indent=2) + "\n"
