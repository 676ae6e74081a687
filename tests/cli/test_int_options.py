"""Every whole-number option of every command takes any text without an unexpected error: a
huge, negative, fractional, non-ASCII or non-numeric value is a usage error (exit 2) or, in
range, an answer; never exit 3. The options are found in the Typer app, so a new one is covered."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from iwgplan.cli.app import app

VALUES = [
    "99999999999999999999",
    "9" * 5000,  # past Python's limit on int() of text
    "-99999999999999999999",
    str(sys.maxsize),
    str(sys.maxsize + 1),
    "-1",
    "0",
    "1.5",
    "1e3",
    "0x10",
    "abc",
    "",
    " 3",
    "٣",  # Arabic-Indic three
    "３",  # full-width three
    "³",
    "1_000",
]


def _int_options() -> list[tuple[str, str, bool]]:
    """(command, option, takes an ID argument) for each whole-number option in the app."""
    found = []
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        takes_id = any(p.param_type_name == "argument" for p in command.params)
        for param in command.params:
            descriptor = getattr(param, "type_descriptor", None)
            kind = getattr(descriptor, "annotation", None) or getattr(param, "type", None)
            if kind is int or "int" in type(kind).__name__.lower():
                found.append((name, param.opts[-1], takes_id))
    return found


OPTIONS = _int_options()


def test_the_options_are_found() -> None:
    assert {(c, o) for c, o, _ in OPTIONS} >= {
        ("status", "--horizon"),
        ("log", "--max-count"),
        ("amend", "--entry"),
    }


@pytest.mark.parametrize(("command", "option", "takes_id"), OPTIONS)
@pytest.mark.parametrize("value", VALUES)
def test_any_value_is_an_answer_or_a_usage_error(
    cli, repo: Path, monkeypatch, command, option, takes_id, value
) -> None:
    plan = repo / "plans" / "small.yaml"
    monkeypatch.chdir(repo)
    before = plan.read_bytes()
    args = [command, *(["kid-b"] if takes_id else []), f"{option}={value}", "--plan", plan]
    if command == "amend":
        args += ["--note", "corrected", "--dry-run"]
    run = cli(*args)
    assert run.code in (0, 1, 2), run.err
    assert "unexpected" not in run.err
    if run.code == 2:
        assert option in run.err or "Invalid value" in run.err
    assert plan.read_bytes() == before


@pytest.mark.parametrize(("command", "option", "takes_id"), OPTIONS)
def test_huge_numbers_through_the_installed_entry_point(repo: Path, command, option, takes_id) -> None:
    """The same through `python -m iwgplan`, which takes the fast start-up path where it can."""
    args = [command, *(["kid-b"] if takes_id else []), option, "99999999999999999999"]
    done = subprocess.run(
        [sys.executable, "-m", "iwgplan", *args], cwd=repo, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2, done.stderr
    assert "unexpected" not in done.stderr and "Traceback" not in done.stderr
