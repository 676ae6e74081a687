"""The text of a blank plan for `iwgplan init --blank`: one tier, focus area and action point.

Written as text, not dumped from data, so that it carries the comments a new user needs; the
result is checked like any plan before anyone writes it.
"""

from __future__ import annotations

import json
import re
from datetime import date

from iwgplan.files.loading import load_text
from iwgplan.plan.model import SCHEMA_VERSION

_PLAIN = re.compile(r"[a-z][a-z0-9-]*|[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?")

TEMPLATE = """\
# yaml-language-server: $schema=../schemas/workplan.schema.json
#
# A work plan kept with iwgplan. Edit it by hand or record progress with
# `iwgplan done ID`, `start`, `block`, `note` ...; check it with `iwgplan validate`.
# The format is described in iwgplan's README, "The plan format"; your editor shows
# help for each key through the schema named on the first line.
schema_version: {version}

plan:
  id: {name}  # short and lower-case; stays the same in every revision
  title: {title}
  body: {title}  # who issues the plan: the name of your group
  # symbol: INF/TGE/W/10  # the plan's document symbol, if it is a WTO document
  revision: 0  # 0 = the original; `iwgplan revise` counts up
  date: {today}  # the date of this revision
  issued_by: []  # who issued it, for example [Cabo Verde, El Salvador]
  period: {{start: {start}, end: {end}}}  # a month (YYYY-MM) or a day (YYYY-MM-DD)

references: []  # documents the plan cites, as {{symbol: WT/L/1095/Rev.1, title: ...}}

milestones:  # each with a `date`, or a `start` and an `end`
  - id: end
    title: Implementation of the work plan ends
    date: {end}

tiers:  # tiers hold focus areas, which hold action points
  - id: tier1
    number: "1"
    title: Tier one
    priority: true
    focus_areas:
      - id: first-focus
        title: First focus area  # rename it
        action_points:
          - id: first-action  # unique in the file and short enough to type: `iwgplan show first-action`
            number: "1"  # the document's own numbering, for display
            title: First action point  # what is to be done
            status: planned  # planned | in-progress | done | blocked | dropped
            kind: deliverable  # deliverable | standing (a duty for the whole period) | past | possibility
            due: end  # a day, a month (YYYY-MM) or a milestone id
            owners: []  # who carries it out
            partners: []  # who helps
            history: []  # dated status changes and notes; iwgplan adds them
            children: []  # sub-points, of the same shape

sections: []  # numbered sections of the document whose commitments are tracked too
"""


_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _scalar(value: str) -> str:
    """Plain when it is an id or a date, as people write them; else a double-quoted YAML string."""
    plain = _PLAIN.fullmatch(value) and value not in ("null", "true", "false")
    if plain:
        return value
    # JSON escapes C0 controls; DEL, C1 controls, line separators and the BOM, which YAML
    # refuses raw or reads differently, get the same \\u escapes (valid in double quotes).
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(value, ensure_ascii=False))


def blank_plan(*, name: str, title: str, start: str, end: str, today: date) -> str:
    """A minimal valid plan with the header filled in; raises PlanInvalid if the values are not."""
    text = TEMPLATE.format(
        name=_scalar(name),
        title=_scalar(title),
        start=_scalar(start),
        end=_scalar(end),
        today=today.isoformat(),
        version=SCHEMA_VERSION,
    )
    load_text(text, f"plans/{name}.yaml")
    return text
