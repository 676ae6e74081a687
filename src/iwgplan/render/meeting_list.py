"""`iwgplan meeting list`: the plan's meetings, one a line, as text, Markdown and JSON.

Each meeting with its date, kind, theme, the number of its agenda items, and whether an outcome
is recorded (for the meeting or any of its agenda items). Plan text goes through render.safe
(``line``) and Markdown's ``cell``, as item titles do everywhere else; JSON keeps the exact text.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from iwgplan.i18n import N_, ngettext, pgettext
from iwgplan.i18n import gettext as _
from iwgplan.render.markdown import cell, table
from iwgplan.render.safe import json_text, line

if TYPE_CHECKING:
    from iwgplan.plan.model import Meeting, Plan


def _outcome(meeting: Meeting, as_of: date) -> str:
    """'recorded', 'none' (held, nothing recorded) or 'to come' (not yet held)."""
    if meeting.outcome or any(a.outcome for a in meeting.agenda):
        return N_("recorded")
    return N_("to come") if meeting.date > as_of else N_("none")


def kind_word(kind: str) -> str:
    """A meeting's kind in words ("thématique"); the file's own word in English, and a kind
    not named here as it is."""
    words = {
        "regular": pgettext("meeting", "regular"),
        "thematic": pgettext("meeting", "thematic"),
        "side-event": pgettext("meeting", "side-event"),
    }
    return words.get(kind, kind)


def _rows(plan: Plan, as_of: date) -> list[list[str]]:
    from iwgplan.plan import meetings

    return [
        [
            str(m.date),
            m.id,
            kind_word(m.kind),
            str(len(m.agenda)),
            _(_outcome(m, as_of)),
            m.theme or m.title or "",
        ]
        for m in meetings.in_order(plan)
    ]


HEAD = [N_("date"), "id", N_("kind"), N_("items"), N_("outcome"), N_("theme / title")]


def _head() -> list[str]:
    return [_(h) for h in HEAD]


def text(plan: Plan, as_of: date) -> str:
    rows = [[line(c) for c in row] for row in _rows(plan, as_of)]
    if not rows:
        return _("No meetings are recorded in the plan (iwgplan meeting add --date DATE).") + "\n"
    head = _head()
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def one(row: list[str]) -> str:
        pairs = enumerate(zip(row, widths, strict=True))
        cells = [c.rjust(w) if i == 3 else c.ljust(w) for i, (c, w) in pairs]
        return "  ".join([*cells[:-1], row[-1]]).rstrip()

    count = ngettext("{n} meeting", "{n} meetings", len(rows)).format(n=len(rows))
    return "\n".join([one(head), *(one(r) for r in rows), count]) + "\n"


def markdown(plan: Plan, as_of: date) -> str:
    rows = _rows(plan, as_of)
    if not rows:
        return "*" + _("No meetings are recorded in the plan.") + "*\n"
    return _("## Meetings ({plan})").format(plan=cell(plan.plan.title)) + "\n\n" + table(_head(), rows)


def json(plan: Plan, as_of: date) -> str:
    from iwgplan.plan import meetings

    data: list[dict[str, Any]] = [
        {
            "id": m.id,
            "date": m.date.isoformat(),
            "kind": m.kind,
            "title": m.title,
            "theme": m.theme,
            "place": m.place,
            "format": m.format,
            "items": len(m.agenda),
            "held": m.date <= as_of,
            "outcome_recorded": _outcome(m, as_of) == "recorded",
            "outcome": m.outcome,
        }
        for m in meetings.in_order(plan)
    ]
    return json_text({"plan": plan.plan.id, "as_of": as_of.isoformat(), "meetings": data})
