"""The exported JSON Schema and `validate` agree on which plans are valid.

Every value of two plans (one that holds every key of the format, and the small fixture) is
replaced in turn by each value of a family of types (booleans, whole and fractional numbers,
numeric and boolean text, dates, null, lists, mappings) or deleted; text mutations from the fuzz
tests are added by hypothesis. The JSON Schema (the `jsonschema` library, and `check-jsonschema`
on files) and `validate` must call the same plans valid. The only exceptions are the rules a JSON
Schema cannot state, listed in ``ASIDE`` (in tests/helpers/schema_agreement.py): a plan the
schema accepts may fail `validate` on those, and on nothing else; a plan the schema refuses must
always fail `validate`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iwgplan.files.loading import check_text
from iwgplan.files.yaml_loader import load_data
from iwgplan.plan.jsonschema import schema_dict
from tests.helpers import ROOT, SMALL
from tests.helpers.mutations import mutate, mutation
from tests.helpers.schema_agreement import DELETE, EVERY_FIELD, VALIDATOR, disagreement, paths, replaced

VARIANTS: list[Any] = [
    True,
    False,
    0,
    1,
    2,
    -1,
    1000,
    1.0,
    2.0,
    1.5,
    "1",
    "2",
    "1.0",
    "",
    " ",
    "x",
    "true",
    "yes",
    "null",
    "2025-10-01",
    "2025-10",
    "2025-02-30",
    "1900-01-01",
    "mc14",
    "INF/TGE/W/7/Rev.3",
    "https://example.org",
    "planned",
    None,
    [],
    {},
    ["x"],
    [1],
    [True],
    {"a": 1},
]


@pytest.mark.parametrize("plan", [EVERY_FIELD, SMALL], ids=lambda p: p.name)
def test_every_value_of_every_type_agrees(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    data, problems = load_data(text)
    assert not problems and VALIDATOR.is_valid(data) and disagreement(data, text) is None
    found: dict[str, str] = {}
    tried = 0
    for path in paths(data):
        for value in [*VARIANTS, DELETE]:
            tried += 1
            said = disagreement(replaced(data, path, value), text)
            if said:
                shown = "deleted" if value is DELETE else repr(value)
                found.setdefault(f"{'.'.join(map(str, path))} = {shown}", said)
    assert not found, f"{len(found)} of {tried} disagree, for example: {list(found.items())[:5]}"


def test_the_corpus_holds_every_key_of_the_format() -> None:
    """The every-field plan must hold each property the schema defines, or the test above
    would miss a field's types."""
    schema = schema_dict()
    wanted = {(name, key) for name, d in schema["$defs"].items() for key in d.get("properties", {})}
    wanted |= {("Plan", key) for key in schema["properties"]}
    data, _ = load_data(EVERY_FIELD.read_text(encoding="utf-8"))
    seen = {("Plan", key) for key in data}
    refs = schema["$defs"]

    def walk(node: Any, spec: dict[str, Any]) -> None:
        spec = _resolve(spec, refs)
        if isinstance(node, dict) and "properties" in spec:
            name = spec.get("title", "")
            for key, value in node.items():
                seen.add((name, key))
                walk(value, spec["properties"][key])
        elif isinstance(node, list) and "items" in spec:
            for value in node:
                walk(value, spec["items"])

    for key, value in data.items():
        walk(value, schema["properties"][key])
    assert wanted - seen == set()


def _resolve(spec: dict[str, Any], refs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in spec:
        return refs[spec["$ref"].rsplit("/", 1)[-1]]
    for option in spec.get("anyOf", []):
        if option.get("type") != "null":
            return _resolve(option, refs)
    return spec


@given(st.lists(mutation, min_size=1, max_size=4), st.sampled_from([EVERY_FIELD, SMALL]))
def test_mutated_texts_agree(steps: list[tuple[str, int, object]], plan: Path) -> None:
    raw = mutate(plan.read_bytes(), steps)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    data, problems = load_data(text)
    if problems:  # YAML the loader refuses never reaches either validator
        assert check_text(text, "plan.yaml").plan is None
        return
    assert disagreement(data, text) is None


FILES = {
    "schema_version: true": ("schema_version: 2", "schema_version: true"),
    'schema_version: "2"': ("schema_version: 2", 'schema_version: "2"'),
    "schema_version: 2.0": ("schema_version: 2", "schema_version: 2.0"),
    "revision: true": ("revision: 0", "revision: true"),
    'revision: "1"': ("revision: 0", 'revision: "1"'),
    "revision: 1.0": ("revision: 0", "revision: 1.0"),
    "revision: 1.5": ("revision: 0", "revision: 1.5"),
    "priority: 1": ("priority: true", "priority: 1"),
    'priority: "true"': ("priority: true", 'priority: "true"'),
    "title: 2026": ('title: "Small plan — Côte d\'Ivoire and Türkiye"', "title: 2026"),
    "number: 1": ('number: "1"', "number: 1"),
    "status: true": ('status: "planned"', "status: true"),
    "owners: Côte": ("owners: [Côte d'Ivoire]", "owners: Côte"),
}


def test_check_jsonschema_and_validate_agree_on_files(tmp_path: Path) -> None:
    """The issue's own examples and their family, as files, through both command lines."""
    tool = shutil.which("check-jsonschema") or str(Path(ROOT / ".venv" / "bin" / "check-jsonschema"))
    if not Path(tool).exists():
        pytest.skip("check-jsonschema is not installed (pip install -e '.[dev]')")
    text = SMALL.read_text(encoding="utf-8")
    files = {}
    for n, (name, (old, new)) in enumerate(FILES.items()):
        assert old in text, name
        files[name] = tmp_path / f"case{n}.yaml"
        files[name].write_text(text.replace(old, new, 1), encoding="utf-8")
    schema = ROOT / "schemas" / "workplan.schema.json"
    checked = subprocess.run(
        [tool, "--schemafile", str(schema), *map(str, files.values())], capture_output=True, text=True
    )
    for name, path in files.items():
        schema_ok = f"{path}::" not in checked.stdout
        validate_ok = check_text(path.read_text(encoding="utf-8"), str(path)).plan is not None
        assert schema_ok == validate_ok, (name, checked.stdout)
    assert f"{files['revision: true']}::$.plan.revision" in checked.stdout
