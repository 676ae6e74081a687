"""The README stays true to the code: every command documented with its options, examples valid."""

from __future__ import annotations

import re

import pytest
import typer

from iwgplan.cli.app import app
from iwgplan.files.loading import check_text
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app)
VISIBLE = {name: cmd for name, cmd in COMMANDS.commands.items() if not cmd.hidden}  # type: ignore[attr-defined]


def section(name: str) -> str:
    match = re.search(rf"^### `iwgplan {re.escape(name)}\b.*?(?=^### |^## )", README, re.M | re.S)
    assert match, f"README has no '### `iwgplan {name}`' section in its command reference"
    return match.group(0)


@pytest.mark.parametrize("name", sorted(VISIBLE))
def test_every_command_has_help_and_a_readme_section(name: str) -> None:
    command = VISIBLE[name]
    assert command.help and "Example:" in command.help, f"{name} has no help text with an example"
    text = section(name)
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            longest = max(param.opts, key=len)
            assert longest in text, f"README's section on {name} does not mention {longest}"


def test_readme_starts_with_exactly_two_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert lines == [
        "python3 -m venv .venv && .venv/bin/pip install -q -e '.[dev]' && .venv/bin/iwgplan status",
        ".venv/bin/python -m pytest",
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\n.venv/bin/python -m pytest\n" in ci


def test_readme_plan_example_is_valid() -> None:
    block = re.search(r"## The plan format.*?```yaml\n(.*?)```", README, re.S)
    assert block
    checked = check_text(block.group(1), "README.md")
    assert checked.result.problems == []


def test_changelog_has_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog") and "## Unreleased" in changelog
