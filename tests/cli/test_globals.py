"""Global options where people put them: before the command or after it, with the same meaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from iwgplan.cli.common import hoist_flags
from tests.helpers import SMALL

COMMANDS = {"list", "show", "status", "done"}


def test_plan_before_or_after_the_command_reads_the_same_plan(cli) -> None:
    before = cli("--plan", SMALL, "list")
    after = cli("list", "--plan", SMALL)
    assert before.code == after.code == 0
    assert before.out == after.out
    assert "statement" in before.out


@pytest.mark.parametrize("where", ["before", "after", "both"])
def test_plan_for_an_edit_in_either_place(cli, small: Path, where: str) -> None:
    plan = ["--plan", str(small)]
    args = ["start", "stat"]
    args = {"before": [*plan, *args], "after": [*args, *plan], "both": [*plan, *args, *plan]}[where]
    run = cli(*args)
    assert run.code == 0, run.err
    assert "status: in-progress" in small.read_text(encoding="utf-8")


def test_two_different_plans_are_a_usage_error(cli, small: Path) -> None:
    before = small.read_bytes()
    run = cli("--plan", small, "done", "statement", "--plan", SMALL)
    assert run.code == 2
    assert "--plan is given twice" in run.err
    assert small.read_bytes() == before


def test_rev_before_or_after_the_command(cli, repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    before = cli("--rev", "rev0", "show", "statement")
    after = cli("show", "statement", "--rev", "rev0")
    now = cli("show", "statement")
    assert before.code == after.code == 0
    assert before.out == after.out != now.out
    assert "planned" in before.out and "in-progress" in now.out
    assert cli("--rev", "rev0", "show", "statement", "--rev", "HEAD").code == 2


def test_rev_before_a_command_that_cannot_take_it(cli, small: Path) -> None:
    run = cli("--rev", "HEAD", "done", "statement", "--plan", small)
    assert run.code == 2
    assert run.err == "iwgplan: --rev does not apply to `iwgplan done`\n"


@pytest.mark.parametrize(
    "args",
    [
        ["--color", "always", "list"],
        ["list", "--color", "always"],
        ["list", "--color=always"],
        ["--color=always", "list"],
    ],
)
def test_color_always_in_either_place(cli, args: list[str]) -> None:
    run = cli(*args, "--plan", SMALL)
    assert run.code == 0
    assert "\x1b[" in run.out


@pytest.mark.parametrize(
    "args",
    [
        ["--no-color", "list"],
        ["list", "--no-color"],
        ["list", "--color", "never"],
        ["--color", "auto", "list"],
    ],
)
def test_no_color_in_either_place(cli, monkeypatch, args: list[str]) -> None:
    monkeypatch.delenv("NO_COLOR")
    run = cli(*args, "--plan", SMALL)
    assert run.code == 0
    assert "\x1b[" not in run.out


@pytest.mark.parametrize(
    "args", [["--no-color", "list", "--color", "always"], ["list", "--color=auto", "--no-color"]]
)
def test_color_conflicts_are_usage_errors(cli, args: list[str]) -> None:
    run = cli(*args, "--plan", SMALL)
    assert run.code == 2
    assert "--no-color and --color" in run.err


@pytest.mark.parametrize("args", [["--debug", "show", "statement"], ["show", "statement", "--debug"]])
def test_debug_in_either_place_shows_the_traceback(cli, monkeypatch, args: list[str]) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("iwgplan.cli.show.load_view", broken)
    assert cli("show", "statement").code == 3
    with pytest.raises(RuntimeError, match="boom"):
        cli(*args)
    assert cli("show", "statement").code == 3  # --debug does not outlive its own run


def test_hoisting_stops_at_double_dash_and_skips_option_values() -> None:
    assert hoist_flags(["note", "x", "--", "--debug"], COMMANDS) == ["note", "x", "--", "--debug"]
    assert hoist_flags(["list", "--no-color", "--tier", "t"], COMMANDS) == [
        "--no-color",
        "list",
        "--tier",
        "t",
    ]
    assert hoist_flags(["--plan", "list", "status", "--debug"], COMMANDS) == [
        "--plan",
        "list",
        "--debug",
        "status",
    ]


def test_subprocess_plan_before_the_command() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "iwgplan", "--plan", str(SMALL), "show", "kid-a"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "First kid" in done.stdout
