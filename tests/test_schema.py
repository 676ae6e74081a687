"""The exported JSON Schema agrees with the models, and `schema --check` catches drift."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from iwgplan.files.loading import check_text
from iwgplan.files.source import load_data
from iwgplan.plan.jsonschema import schema_dict, schema_text
from tests.conftest import ROOT, SHIPPED, SMALL

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
