"""The transition table, cell by cell, through the real CLI; and the command reference prints it."""

from __future__ import annotations

from pathlib import Path

import pytest

from iwgplan.edit.transitions import COMMANDS, TABLE, TARGET, Act, markdown
from iwgplan.plan.status import Status
from tests.helpers import ROOT

PLAN = """\
schema_version: 1
plan:
  id: t
  title: Transitions
  body: B
  revision: 0
  date: 2025-09-10
  period: {start: 2025-09, end: 2026-12}
tiers:
  - id: tier1
    number: "1"
    title: Tier one
    focus_areas:
      - id: fa
        title: Focus
        action_points:
          - id: item-planned
            title: P
            status: planned
          - id: item-in-progress
            title: W
            status: in-progress
            history:
              - {date: 2026-01-10, status: in-progress}
          - id: item-done
            title: D
            status: done
            completed: 2026-01-10
            history:
              - {date: 2026-01-10, status: done}
          - id: item-blocked
            title: B
            status: blocked
            history:
              - {date: 2026-01-10, status: blocked, note: waiting}
          - id: item-dropped
            title: X
            status: dropped
            history:
              - {date: 2026-01-10, status: dropped, note: moot}
"""
DAY = "2026-02-01"
ARGS = {
    "start": [],
    "block": ["--reason", "why"],
    "drop": ["--reason", "why"],
    "done": [],
    "reopen": ["--reason", "why"],
    "note": [],
}
CELLS = [(c, s) for c in COMMANDS for s in Status]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "t.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _run(cli, plan: Path, command: str, status: Status, *extra: str):  # type: ignore[no-untyped-def]
    item = f"item-{status.value}"
    text = ["some text"] if command == "note" else []
    return cli(command, item, *text, *ARGS[command], "--date", DAY, *extra, "--plan", plan)


def _status(cli, plan: Path, status: Status) -> str:  # type: ignore[no-untyped-def]
    import json

    return json.loads(cli("show", f"item-{status.value}", "--plan", plan, "--format", "json").out)[
        "recorded_status"
    ]


def _history(cli, plan: Path, status: Status) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    import json

    shown = cli("show", f"item-{status.value}", "--plan", plan, "--format", "json").out
    return json.loads(shown)["history"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("command", "status"), CELLS, ids=[f"{c}-{s.value}" for c, s in CELLS])
def test_cell(cli, plan: Path, command: str, status: Status) -> None:
    rule = TABLE[command][status]
    run = _run(cli, plan, command, status)
    item = f"item-{status.value}"
    if rule.act is Act.REFUSE:
        assert run.code == 1
        assert run.err == f"iwgplan: {rule.say(item, status)}\n"
        assert plan.read_text(encoding="utf-8") == PLAN
    elif rule.act is Act.ALREADY:
        assert run.code == 0
        assert rule.say(item, status) in run.err
        assert "nothing to change" in run.err
        assert plan.read_text(encoding="utf-8") == PLAN
    elif rule.act is Act.NOTE:
        assert run.code == 0
        assert _status(cli, plan, status) == status.value
        assert _history(cli, plan, status)[-1] == {"date": DAY, "note": "some text"}
    else:
        assert run.code == 0, run.err
        assert run.out == f"{item}: {status.value} → {TARGET[command].value} on {DAY}{_why(command)}\n"
        assert _status(cli, plan, status) == TARGET[command].value
        assert ("completed: " + DAY in plan.read_text(encoding="utf-8")) is (command == "done")


def _why(command: str) -> str:
    return " (why)" if ARGS[command] else ""


def test_force_marks_a_dropped_item_done_with_its_reason(cli, plan: Path) -> None:
    run = _run(cli, plan, "done", Status.DROPPED, "--force", "--reason", "held after all")
    assert run.code == 0, run.err
    assert _status(cli, plan, Status.DROPPED) == "done"
    assert "note: held after all" in plan.read_text(encoding="utf-8")


def test_force_without_reason_is_a_usage_error(cli, plan: Path) -> None:
    run = _run(cli, plan, "done", Status.DROPPED, "--force")
    assert run.code == 2
    assert "--force needs --reason TEXT" in run.err
    assert plan.read_text(encoding="utf-8") == PLAN


def test_reopen_in_progress(cli, plan: Path) -> None:
    run = _run(cli, plan, "reopen", Status.DONE, "--in-progress")
    assert run.code == 0
    assert _status(cli, plan, Status.DONE) == "in-progress"
    assert "completed:" not in plan.read_text(encoding="utf-8").split("item-done")[1].split("- id:")[0]


def test_command_reference_prints_the_table() -> None:
    assert markdown() in (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
