"""`iwgplan validate` through the real CLI: exit codes, formats and plan discovery."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import SHIPPED, SMALL


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(SMALL.read_text(encoding="utf-8").replace("due: mc14", "due: mc15"), encoding="utf-8")
    return path


def test_valid_file(cli) -> None:
    run = cli("validate", SHIPPED)
    assert (run.code, run.out) == (0, f"{SHIPPED}: valid\n")


def test_invalid_file_text(cli, bad: Path) -> None:
    run = cli("validate", bad, SMALL)
    assert run.code == 1
    assert run.out == (
        f"{bad}:36:18: tiers[0].focus_areas[0].action_points[0].due: due 'mc15' is neither a date"
        " nor a milestone id (milestones: mc14)\n"
        f"{SMALL}: valid\n"
        "1 problem in 1 file\n"
    )


def test_json_format(cli, bad: Path) -> None:
    run = cli("validate", bad, "--format", "json")
    assert run.code == 1
    assert json.loads(run.out) == [
        {
            "path": str(bad),
            "valid": False,
            "notes": [],
            "errors": [
                {
                    "line": 36,
                    "column": 18,
                    "path": "tiers[0].focus_areas[0].action_points[0].due",
                    "message": "due 'mc15' is neither a date nor a milestone id (milestones: mc14)",
                }
            ],
        }
    ]


def test_github_format_is_automatic_in_actions(cli, bad: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    run = cli("validate", bad)
    assert run.code == 1
    assert run.out == (
        f"::error file={bad},line=36,col=18::tiers[0].focus_areas[0].action_points[0].due: due 'mc15'"
        " is neither a date nor a milestone id (milestones: mc14)\n"
    )


def test_missing_file(cli, tmp_path: Path) -> None:
    run = cli("validate", tmp_path / "nope.yaml")
    assert run.code == 1
    assert "nope.yaml: no such file" in run.out


def test_usage_error_exits_2(cli) -> None:
    run = cli("validate", "--format", "xml")
    assert run.code == 2
    assert "'xml' is not one of 'text', 'json', 'github'" in run.err


def test_discovers_plans_folder_from_a_subdirectory(cli, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "r" / "plans").mkdir(parents=True)
    shutil.copyfile(SMALL, tmp_path / "r" / "plans" / "mine.yaml")
    (tmp_path / "r" / "docs" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "r" / "docs" / "deep")
    run = cli("validate")
    assert (run.code, run.out) == (0, "../../plans/mine.yaml: valid\n") or run.out.endswith(
        "mine.yaml: valid\n"
    )


def test_several_plans_is_a_usage_error(cli, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "r" / "plans").mkdir(parents=True)
    for name in ("a.yaml", "b.yaml"):
        shutil.copyfile(SMALL, tmp_path / "r" / "plans" / name)
    monkeypatch.chdir(tmp_path / "r")
    run = cli("status")
    assert run.code == 2
    assert "holds several plans; choose one with --plan" in run.err
    assert "a.yaml" in run.err and "b.yaml" in run.err


def test_env_var_then_embedded_default(cli, monkeypatch) -> None:
    run = cli("validate")
    assert (run.code, run.out) == (0, "<embedded default workplan-2025-2026.yaml>: valid\n")
    monkeypatch.setenv("IWGPLAN_PLAN", str(SMALL))
    assert cli("validate").out == f"{SMALL}: valid\n"


def test_pre_commit_hook_is_declared() -> None:
    from tests.helpers import ROOT

    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "id: iwgplan-validate" in hooks and "entry: iwgplan validate" in hooks


def test_a_plans_folder_with_a_yml_file_is_read(cli, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "r" / "plans").mkdir(parents=True)
    shutil.copyfile(SMALL, tmp_path / "r" / "plans" / "mine.yml")
    monkeypatch.chdir(tmp_path / "r")
    run = cli("validate")
    assert (run.code, run.out, run.err) == (0, "plans/mine.yml: valid\n", "")
    shutil.copyfile(SMALL, tmp_path / "r" / "plans" / "other.yaml")
    run = cli("status")
    assert run.code == 2 and "mine.yml" in run.err and "other.yaml" in run.err


def _dangling(plans: Path) -> None:
    (plans / "p.yaml").symlink_to(plans / "gone.yaml")


def _folder(plans: Path) -> None:
    (plans / "p.yaml").mkdir()


def _hostile_name(plans: Path) -> None:
    (plans / "x\x1b]0;t\x07\u202e.yaml").symlink_to(plans / "gone.yaml")


def _fifo(plans: Path) -> None:
    import os

    os.mkfifo(plans / "p.yml")


def _other_files(plans: Path) -> None:
    (plans / "README.md").write_text("notes\n")
    (plans / "plan.yaml.bak").write_text("old\n")


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (
            _dangling,
            "holds no plan file it can read: p.yaml is a link to {plans}/gone.yaml that leads nowhere",
        ),
        (_folder, "holds no plan file it can read: p.yaml is a folder"),
        (
            _hostile_name,
            "holds no plan file it can read: x␛]0;t␇\\u202e.yaml is a link to {plans}/gone.yaml that leads nowhere",
        ),
        (_fifo, "holds no plan file it can read: p.yml is a FIFO (named pipe)"),
        (_other_files, "holds no *.yaml or *.yml file"),
        (lambda plans: None, "holds no *.yaml or *.yml file"),
    ],
)
@pytest.mark.parametrize("command", [["validate"], ["status"], ["list", "--format", "json"]])
def test_a_plans_folder_with_nothing_usable_says_which_plan_was_read(
    cli, tmp_path: Path, monkeypatch, make, why: str, command: list[str]
) -> None:
    plans = tmp_path / "r" / "plans"
    plans.mkdir(parents=True)
    make(plans)
    why = why.format(plans=plans)
    monkeypatch.chdir(tmp_path / "r")
    run = cli(*command)
    assert run.code == 0
    note = (
        f"iwgplan: note: {plans} {why}, so iwgplan reads the embedded default plan workplan-2025-2026.yaml\n"
    )
    assert run.err == note
    # a plan further up is read instead, and named
    shutil.copyfile(SMALL, tmp_path / "plans.yaml")
    (tmp_path / "plans").mkdir()
    shutil.move(tmp_path / "plans.yaml", tmp_path / "plans" / "up.yaml")
    run = cli(*command)
    assert run.code == 0
    assert run.err == f"iwgplan: note: {plans} {why}, so iwgplan reads {tmp_path / 'plans' / 'up.yaml'}\n"
