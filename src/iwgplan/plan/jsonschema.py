"""The JSON Schema of the plan format, generated from the pydantic models."""

from __future__ import annotations

import json

from iwgplan.plan.model import Plan

SCHEMA_ID = "https://github.com/iwgplan/iwgplan/schemas/workplan.schema.json"


def schema_dict() -> dict[str, object]:
    schema = Plan.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "iwgplan work plan (schema_version 2)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    return json.dumps(schema_dict(), indent=2, ensure_ascii=False) + "\n"
