"""Whether the exported JSON Schema and `validate` agree on a plan's data.

``EVERY_FIELD`` is a plan that holds every key of the format; ``VALIDATOR`` applies the schema
iwgplan exports; ``ASIDE`` lists the rules a JSON Schema cannot state, with the messages
`validate` gives for them. :func:`paths` walks every key and index of some data,
:func:`replaced` copies it with one value replaced (or deleted, with ``DELETE``), and
:func:`disagreement` says what each side said when they disagree.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import jsonschema

from iwgplan.files.loading import check_data
from iwgplan.plan.jsonschema import schema_dict
from tests.helpers import FIXTURES

EVERY_FIELD = FIXTURES / "every-field.yaml"
VALIDATOR = jsonschema.Draft202012Validator(schema_dict())

DELETE = object()

# What a JSON Schema cannot say, each with the messages `validate` gives for it.
ASIDE = {
    "ids are unique across the plan": r"^duplicate id ",
    "depends_on names an action point, not itself, without cycles": (
        r"is not the id of an action point$|depends on itself$|^dependency cycle: "
    ),
    "refs are listed under references": r"is not listed under 'references'$",
    "a due that is not a date names a milestone": r"is neither a date nor a milestone id",
    "a version 1 file uses no key version 2 added": r"is new in schema_version 2",
    "a done item has a completed date": r"^status is 'done' but there is no 'completed' date$",
    "dates are not before the plan's start, history in date order": (
        r"is before the plan's start|^history is out of date order"
    ),
    "a calendar day exists (no 2025-02-30)": r"is not a day of that month$",
    "years lie between 1995 and 2100": r"is outside the years ",
    "a period or milestone range does not end before it starts": r"ends \(.*\) before it starts",
    "a milestone has a date or a start and an end, not both": (
        r"^give either 'date' or 'start' and 'end'|^give a 'date', or a range"
    ),
    "a history entry has a status or a note that is not empty": (
        r"^a history entry needs a 'status', a 'note', or both$"
    ),
    "meetings and requests link to what exists, agree and keep their dates in order": (
        r"is not the id of a (meeting|request) \(|^duplicate agenda item id |^request '.*' is for meeting"
        r"|^request '.*' asks for a |^request '.*' is taken up already|after (this meeting|the meeting that)"
        r"|^meeting id '.*' is reserved"
    ),
}
_ASIDE = re.compile("|".join(f"(?:{pattern})" for pattern in ASIDE.values()))


def paths(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        yield (*at, key)
        yield from paths(value, (*at, key))


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    out = copy.deepcopy(data)
    node = out
    for part in path[:-1]:
        node = node[part]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


def disagreement(data: Any, text: str) -> str | None:
    """None when the schema and `validate` agree on ``data``; else what each said."""
    schema_ok = VALIDATOR.is_valid(data)
    problems = check_data(data, text, "plan.yaml").result.problems
    beyond = [p for p in problems if not _ASIDE.search(p.message)]
    if schema_ok == (not beyond):
        return None
    if schema_ok:
        return f"the schema accepts it, validate says: {[p.dotted + ': ' + p.message for p in beyond]}"
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    return f"validate accepts it ({len(problems)} problems aside), the schema says: {errors[:3]}"
