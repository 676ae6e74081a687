"""Text to a valid Plan, or to every located problem that stands in the way."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import Node

from iwgplan import __version__
from iwgplan.errors import FileResult, Loc, PlanInvalid, Problem
from iwgplan.files.positions import Locator
from iwgplan.files.yaml_loader import Span, no_gc, parse
from iwgplan.plan import model
from iwgplan.plan.index import PlanIndex
from iwgplan.plan.model import READABLE_VERSIONS, SCHEMA_VERSION, Plan
from iwgplan.plan.rules import check


@dataclass(slots=True)
class Checked:
    plan: Plan | None
    result: FileResult
    index: PlanIndex | None = None
    data: Any = None  # the plain data the plan was validated from
    root: Node | None = None  # its node tree, when asked for with keep_tree


def check_text(
    text: str, path: str, *, keep_tree: bool = False, spans: dict[int, Span] | None = None
) -> Checked:
    """Parse and validate; collect syntax, schema and cross-field problems with positions.

    ``spans`` receives where the data's list entries stand in the text (see :func:`parse`)."""
    with no_gc():
        parsed = parse(text, keep_tree=keep_tree, spans=spans)
        if parsed.problems:
            return Checked(None, FileResult(path, parsed.problems))
        return check_data(parsed.data, text, path, root=parsed.root)


def check_data(data: Any, text: str, path: str, *, root: Node | None = None) -> Checked:
    """Validate data already parsed from ``text``; positions come from ``root`` or a new compose."""
    with no_gc():
        checked = _check(data, text, path, root)
    checked.data, checked.root = data, root
    return checked


def _check(data: Any, text: str, path: str, root: Node | None) -> Checked:
    result = FileResult(path)
    locator = Locator(text, root)
    if not isinstance(data, dict):
        result.problems.append(
            Problem("the top level must be a mapping (schema_version, plan, tiers, ...)", (), 1, 1)
        )
        return Checked(None, result)
    newer = _newer_version(data, locator)
    if newer:
        result.problems.append(newer)
        return Checked(None, result)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        result.problems.extend(_pydantic_problem(err, locator, data) for err in exc.errors())
        return Checked(None, result)
    index = PlanIndex(plan)
    if plan.schema_version < SCHEMA_VERSION:
        result.notes.append(VERSION_1_NOTE)
    for problem in check(plan, index):
        line, column = locator.position(problem.loc)
        result.problems.append(Problem(problem.message, problem.loc, line, column))
    result.problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return Checked(None if result.problems else plan, result, index)


VERSION_1_NOTE = (
    "schema_version 1: read as version 2, which only adds keys (kind, due_basis, due_note,"
    " owners_basis, symbol_note ...). Dates are read by version 2's rules: a month is the whole"
    " month, and a due that names a milestone falls due when the milestone ends (version 1 read"
    " it at the start). Change it to `schema_version: 2` to use the new keys."
)


def load_text(text: str, path: str) -> tuple[Plan, PlanIndex]:
    checked = check_text(text, path)
    if checked.plan is None or checked.index is None:
        raise PlanInvalid(checked.result)
    return checked.plan, checked.index


def _newer_version(data: dict[str, Any], locator: Locator) -> Problem | None:
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        line, column = locator.position(("schema_version",))
        message = (
            f"made by a newer iwgplan: schema_version {version}, but iwgplan {__version__}"
            f" reads schema_version {SCHEMA_VERSION} and older; upgrade iwgplan to read this file"
        )
        return Problem(message, ("schema_version",), line, column)
    return None


def _clean_loc(loc: tuple[int | str, ...], data: Any) -> Loc:
    """The loc parts that name keys and indexes of the data; pydantic internals are dropped."""
    kept: list[int | str] = []
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif i < len(loc) - 1:
            continue  # a union member or validator name, not a place in the file
        kept.append(part)
    return tuple(kept)


def _pydantic_problem(err: ErrorDetails, locator: Locator, data: Any) -> Problem:
    loc = _clean_loc(err["loc"], data)
    kind = err["type"]
    if kind == "extra_forbidden" and loc:
        line, column = locator.position(loc, at_key=True)
        return Problem(_unknown_key(str(loc[-1])), loc, line, column)
    line, column = locator.position(loc)
    return Problem(_message(err, loc), loc, line, column)


def _message(err: ErrorDetails, loc: Loc) -> str:
    kind, msg = err["type"], err["msg"]
    if kind == "missing" and loc:
        return f"missing required key {loc[-1]!r}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "string_type":
        return f"expected text, got {_yaml_type(err['input'])}; quote the value if it is meant as text"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping, got {_yaml_type(err['input'])}"
    if kind == "list_type":
        return f"expected a list, got {_yaml_type(err['input'])}"
    if kind == "recursion_depth_exceeded":
        depth = sum(part == "children" for part in loc)
        return f"nested too deeply: iwgplan reads up to about {depth} levels of sub-points"
    if loc == ("schema_version",) and kind in ("literal_error", "int_type"):
        return f"schema_version must be {' or '.join(map(str, READABLE_VERSIONS))}"
    if kind == "int_type":
        value = err["input"]
        return f"expected a whole number, got {value if isinstance(value, float) else _yaml_type(value)}"
    if kind == "bool_type":
        return f"expected true or false, got {_yaml_type(err['input'])}"
    return msg


def _yaml_type(value: object) -> str:
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing (null)",
    }
    return names.get(type(value), type(value).__name__)


def _all_keys() -> list[str]:
    keys: set[str] = set()
    for obj in vars(model).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            keys.update(obj.model_fields)
    return sorted(keys)


def _unknown_key(key: str) -> str:
    close = difflib.get_close_matches(key, _all_keys(), n=1, cutoff=0.7)
    return f"unknown key {key!r}" + (f"; did you mean {close[0]!r}?" if close else "")
