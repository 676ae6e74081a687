"""Version 2 of the plan format: old files still read, new keys need the new version."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import SMALL

V1 = SMALL.read_text(encoding="utf-8").replace("schema_version: 2", "schema_version: 1")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_version_1_file_is_valid_and_validate_explains(cli, tmp_path: Path) -> None:
    path = write(tmp_path, V1)
    run = cli("validate", path)
    assert run.code == 0
    assert f"{path}: note: schema_version 1: read as version 2, which only adds keys" in run.out
    assert "a due that names a milestone falls due when the milestone ends" in run.out
    assert run.out.endswith(f"{path}: valid\n")
    data = json.loads(cli("validate", path, "--format", "json").out)
    assert data[0]["valid"] is True and "schema_version 1" in data[0]["notes"][0]
    github = cli("validate", path, "--format", "github").out
    assert github.startswith(f"::notice file={path}::schema_version 1")


def test_version_2_file_has_no_note(cli, tmp_path: Path) -> None:
    run = cli("validate", SMALL)
    assert run.out == f"{SMALL}: valid\n"


def test_version_1_file_may_not_use_version_2_keys(cli, tmp_path: Path) -> None:
    text = V1.replace("            due: mc14\n", "            due: mc14\n            due_basis: inferred\n")
    text = text.replace("  date: 2025-09-10\n", "  date: 2025-09-10\n  symbol_note: probable\n")
    run = cli("validate", write(tmp_path, text))
    assert run.code == 1
    assert (
        ":10:16: plan.symbol_note: 'symbol_note' is new in schema_version 2; this file says"
        " schema_version 1: change it to 2 (every version 1 file is a valid version 2 file)"
    ) in run.out
    assert "action_points[0].due_basis: 'due_basis' is new in schema_version 2" in run.out
    assert cli("validate", write(tmp_path, text.replace("schema_version: 1", "schema_version: 2"))).code == 0


def test_unknown_versions_are_refused(cli, tmp_path: Path) -> None:
    run = cli("validate", write(tmp_path, V1.replace("schema_version: 1", "schema_version: 0")))
    assert run.code == 1 and "schema_version: schema_version must be 1 or 2" in run.out
    run = cli("validate", write(tmp_path, V1.replace("schema_version: 1", "schema_version: 3")))
    assert "made by a newer iwgplan: schema_version 3" in run.out
    assert "reads schema_version 2 and older" in run.out


def test_new_keys_are_checked(cli, tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace(
        "            due: mc14\n",
        "            due: mc14\n            due_basis: guessed\n            kind: chore\n",
    )
    run = cli("validate", write(tmp_path, text))
    assert run.code == 1
    assert "due_basis: Input should be 'document', 'inferred', 'default', 'outside' or 'recorded'" in run.out
    assert "kind: Input should be 'deliverable', 'standing', 'past' or 'possibility'" in run.out
