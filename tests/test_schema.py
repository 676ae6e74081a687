"""The exported JSON Schema agrees with the models, and `schema --check` catches drift."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from iwgplan.files.loading import check_text
from iwgplan.files.yaml_loader import load_data
from iwgplan.plan.jsonschema import key_reference, schema_dict, schema_text
from tests.helpers import ROOT, SHIPPED, SMALL

INVALID = sorted((Path(__file__).parent / "fixtures" / "invalid").glob("*.yaml"))


def test_committed_schema_is_current() -> None:
    assert (ROOT / "schemas" / "workplan.schema.json").read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("path", [SHIPPED, SMALL], ids=lambda p: p.name)
def test_valid_plans_pass_both(path: Path) -> None:
    data, _ = load_data(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema_dict())
    assert check_text(path.read_text(encoding="utf-8"), str(path)).plan is not None


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixtures_fail_both(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data, _ = load_data(text)
    assert check_text(text, str(path)).plan is None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema_dict())


def test_there_are_invalid_fixtures() -> None:
    assert len(INVALID) >= 6


def test_schema_check_exit_codes(cli, tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert cli("schema", "--check", "-o", out).code == 1
    assert cli("schema", "-o", out).code == 0
    assert json.loads(out.read_text())["title"].startswith("iwgplan work plan")
    run = cli("schema", "--check", "-o", out)
    assert (run.code, run.err) == (0, f"{out} is up to date\n")
    out.write_text("{}\n")
    run = cli("schema", "--check", "-o", out)
    assert run.code == 1
    assert "stale" in run.err


# --- descriptions and examples: the schema explains itself, and says the same as the docs ---

SCHEMA = schema_dict()
DEFS: dict[str, dict[str, object]] = SCHEMA["$defs"]  # type: ignore[assignment]
OBJECTS = {"(top level)": SCHEMA, **{name: d for name, d in DEFS.items() if "properties" in d}}
PROPERTIES = [
    (f"{owner}.{key}", prop)
    for owner, obj in OBJECTS.items()
    for key, prop in obj["properties"].items()  # type: ignore[attr-defined]
]


def _has_grammar(prop: dict[str, object]) -> bool:
    """A value with a grammar: a pattern, a fixed set of values, or a list or choice of such."""
    if "pattern" in prop or "enum" in prop or "const" in prop:
        return True
    ref = prop.get("$ref")
    if isinstance(ref, str) and "enum" in DEFS[ref.rsplit("/", 1)[1]]:
        return True
    parts = [prop.get("items"), *prop.get("anyOf", [])]  # type: ignore[misc]
    return any(isinstance(p, dict) and _has_grammar(p) for p in parts)


def test_the_walk_sees_every_model() -> None:
    assert set(OBJECTS) >= {"(top level)", "ActionPoint", "PlanMeta", "Milestone", "Period", "HistoryEntry"}
    assert len(PROPERTIES) >= 68


@pytest.mark.parametrize(("where", "prop"), PROPERTIES, ids=[w for w, _ in PROPERTIES])
def test_every_property_has_a_description(where: str, prop: dict[str, object]) -> None:
    description = prop.get("description")
    assert isinstance(description, str) and len(description.split()) >= 3, f"{where} has no description"


@pytest.mark.parametrize(("where", "prop"), PROPERTIES, ids=[w for w, _ in PROPERTIES])
def test_examples_validate_against_their_own_property(where: str, prop: dict[str, object]) -> None:
    examples = prop.get("examples", [])
    assert isinstance(examples, list)
    if _has_grammar(prop):
        assert examples, f"{where} has a grammar but no examples"
    validator = jsonschema.Draft202012Validator({"$defs": DEFS, **prop})
    for example in examples:
        errors = [e.message for e in validator.iter_errors(example)]
        assert errors == [], f"{where}: example {example!r} fails its own property: {errors}"


@pytest.mark.parametrize(("where", "prop"), PROPERTIES, ids=[w for w, _ in PROPERTIES])
def test_examples_are_accepted_by_the_models(where: str, prop: dict[str, object]) -> None:
    from typing import Annotated

    from pydantic import TypeAdapter

    from iwgplan.plan import model

    owner, key = where.split(".")
    cls = model.Plan if owner == "(top level)" else getattr(model, owner)
    field = cls.model_fields[key]
    kind = Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation
    adapter: TypeAdapter[object] = TypeAdapter(kind)
    for example in prop.get("examples", []):  # type: ignore[attr-defined]
        adapter.validate_python(example)


def test_examples_fail_when_they_break_the_grammar() -> None:
    """The examples test can fail: a due that is neither a date nor an id is caught."""
    validator = jsonschema.Draft202012Validator({"$defs": DEFS, **DEFS["ActionPoint"]["properties"]["due"]})  # type: ignore[index]
    assert not validator.is_valid("2026-13")
    assert not validator.is_valid("MC14")


def test_schema_has_no_id_that_points_nowhere() -> None:
    assert "$id" not in SCHEMA


def test_docs_key_reference_is_made_from_the_descriptions() -> None:
    page_path = ROOT / "docs" / "plan-format.md"
    page = page_path.read_text(encoding="utf-8")
    start, end = "<!-- keys:start -->\n", "<!-- keys:end -->"
    assert start in page and end in page
    head, rest = page.split(start, 1)
    current, tail = rest.split(end, 1)
    wanted = key_reference()
    if current != wanted and os.environ.get("UPDATE_SNAPSHOTS"):
        page_path.write_text(head + start + wanted + end + tail, encoding="utf-8")
        current = wanted
    assert current == wanted, (
        "docs/plan-format.md's key reference differs from the models: UPDATE_SNAPSHOTS=1 rewrites it"
    )


# The options that set a key of an action point say what the key's description says.
OPTION_KEYS = [
    ("add", "--due", "due"),
    ("modify", "--due", "due"),
    ("add", "--ref", "refs"),
    ("add", "--depends-on", "depends_on"),
]
GRAMMAR_WORDS = re.compile(r"YYYY-MM(?:-DD)?|milestone id|document symbol|month|day")


@pytest.mark.parametrize(("command", "option", "key"), OPTION_KEYS)
def test_option_help_agrees_with_the_key_description(command: str, option: str, key: str) -> None:
    import typer

    from iwgplan.cli.app import app
    from iwgplan.plan.model import ActionPoint

    cmd = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    param = next(p for p in cmd.params if option in p.opts)
    description = ActionPoint.model_fields[key].description or ""
    for word in GRAMMAR_WORDS.findall(param.help or ""):
        assert word in description, f"{command} {option} says {word!r}; the description of {key} does not"
