"""The JSON Schema of the plan format, generated from the pydantic models.

The schema has no ``$id``: no stable URL serves it, and an editor finds it by the path in the
plan's modeline (``init`` writes a copy beside a new plan), so a made-up ``$id`` would only
mislead a tool that tries to fetch it.
"""

from __future__ import annotations

import json

from iwgplan.plan.model import Plan

# The models in the order a reader meets them in a plan file, with the path that leads to each.
_PLACES = (
    ("Plan", "(top level)"),
    ("PlanMeta", "plan"),
    ("Period", "plan.period"),
    ("Reference", "references[]"),
    ("Heading", "headings[]"),
    ("Objective", "objectives[]"),
    ("Milestone", "milestones[]"),
    ("Tier", "tiers[]"),
    ("FocusArea", "tiers[].focus_areas[]"),
    ("ActionPoint", "action_points[], items[], children[]"),
    ("Evidence", "action_points[].evidence[]"),
    ("HistoryEntry", "action_points[].history[]"),
    ("Section", "sections[]"),
)


def schema_dict() -> dict[str, object]:
    schema = _nullable(Plan.model_json_schema())
    assert isinstance(schema, dict)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "iwgplan work plan (schema_version 2)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def _nullable(node: object) -> object:
    """pydantic writes an optional value as ``anyOf: [{type: string, ...}, {type: null}]``;
    an editor's hover then names the key once per branch ("Due || Due"). The same rule as one
    schema: ``type: [string, null]``, with ``null`` added to an ``enum``. A ``$ref`` stays."""
    if isinstance(node, list):
        return [_nullable(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _nullable(value) for key, value in node.items()}
    branches = node.get("anyOf")
    if isinstance(branches, list) and len(branches) == 2 and {"type": "null"} in branches:
        (other,) = [b for b in branches if b != {"type": "null"}]
        if isinstance(other, dict) and isinstance(other.get("type"), str) and "$ref" not in other:
            merged = {**other, "type": [other["type"], "null"]}
            if "enum" in merged:
                merged["enum"] = [*merged["enum"], None]
            rest = {key: value for key, value in node.items() if key != "anyOf"}
            return {**merged, **rest}
    return node


def schema_text() -> str:
    return json.dumps(schema_dict(), indent=2, ensure_ascii=False) + "\n"


def key_reference() -> str:
    """Every key of the format with its description and examples, as Markdown: the README's
    key reference, made from the same descriptions as the schema so that the two cannot drift."""
    schema = schema_dict()
    defs: dict[str, dict[str, object]] = schema["$defs"]  # type: ignore[assignment]
    lines: list[str] = []
    for name, where in _PLACES:
        model = schema if name == "Plan" else defs[name]
        lines += [f"**`{where}`**: {_cell(model['description'])}", "", "| key | what it holds | examples |"]
        lines.append("| --- | --- | --- |")
        properties: dict[str, dict[str, object]] = model["properties"]  # type: ignore[assignment]
        required = set(model.get("required", ()))  # type: ignore[call-overload]
        for key, prop in properties.items():
            mark = " (required)" if key in required else ""
            examples = ", ".join(f"`{json.dumps(e, ensure_ascii=False)}`" for e in prop.get("examples", ()))  # type: ignore[attr-defined]
            lines.append(f"| `{key}`{mark} | {_cell(prop['description'])} | {_cell(examples)} |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
