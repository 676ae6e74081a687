"""The README and the documentation site stay true to the code: every command documented with its
options and its generated `--help`, examples valid, links that lead somewhere."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import typer

from iwgplan.cli.app import app
from iwgplan.files.loading import check_text
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
COMMANDS_PAGE = (DOCS / "commands.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app)
VISIBLE = {name: cmd for name, cmd in COMMANDS.commands.items() if not cmd.hidden}  # type: ignore[attr-defined]


def section(name: str) -> str:
    match = re.search(rf"^## `iwgplan {re.escape(name)}\b.*?(?=^## |\Z)", COMMANDS_PAGE, re.M | re.S)
    assert match, f"docs/commands.md has no '## `iwgplan {name}`' section"
    return match.group(0)


@pytest.mark.parametrize("name", sorted(VISIBLE))
def test_every_command_has_help_and_a_section_in_the_reference(name: str) -> None:
    command = VISIBLE[name]
    assert command.help and "Example:" in command.help, f"{name} has no help text with an example"
    text = re.sub(
        r"<!-- generated:(\S+):start -->.*?<!-- generated:\1:end -->", "", section(name), flags=re.S
    )
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            longest = max(param.opts, key=len)
            assert longest in text, f"docs/commands.md's section on {name} does not mention {longest}"


def test_every_section_ends_with_its_generated_help() -> None:
    """The generated block is the command's own: a block under another command's heading fails."""
    for name in VISIBLE:
        assert f"<!-- generated:{name}:start -->\n```text\n$ iwgplan {name} --help\n" in section(name), name


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_commands", DOCS / "gen_commands.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_reference_has_no_drift(capsys: pytest.CaptureFixture[str]) -> None:
    code = _generator().main(["--check"])
    assert code == 0, capsys.readouterr().err


def test_drift_check_fails_on_a_stale_or_missing_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gen = _generator()
    page = tmp_path / "commands.md"
    stale = COMMANDS_PAGE.replace("  --horizon N", "  --horizon <int>", 1)
    assert stale != COMMANDS_PAGE
    page.write_text(stale, encoding="utf-8")
    assert gen.main(["--check", "--page", str(page)]) == 1
    assert "stale (status)" in capsys.readouterr().err
    assert page.read_text(encoding="utf-8") == stale  # --check writes nothing
    assert gen.main(["--page", str(page)]) == 0
    assert page.read_text(encoding="utf-8") == COMMANDS_PAGE
    missing = re.sub(
        r"<!-- generated:log:start -->.*?<!-- generated:log:end -->\n", "", COMMANDS_PAGE, flags=re.S
    )
    page.write_text(missing, encoding="utf-8")
    assert gen.main(["--check", "--page", str(page)]) == 1
    assert "no block for `iwgplan log`" in capsys.readouterr().err


LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


@pytest.mark.parametrize("page", ["README.md", *sorted(f"docs/{p.name}" for p in DOCS.glob("*.md"))])
def test_relative_links_lead_to_files(page: str) -> None:
    """Every relative link of the README (and of the pages, as GitHub shows them) names a file
    that exists; mkdocs build --strict checks the site's own links in .ci/run."""
    text = (ROOT / page).read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)  # code blocks
    text = re.sub(r"`[^`\n]*`", "", text)  # code spans
    targets = [t for t in LINK.findall(text) if not re.match(r"[a-z]+:|#", t)]
    if page == "README.md":
        assert "docs/commands.md" in targets and "docs/report-docx.png" in targets
    for target in targets:
        path = (ROOT / page).parent / target.split("#", 1)[0]
        assert path.exists(), f"{page} links to {target}, which does not exist"


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


def test_plan_format_example_is_valid() -> None:
    page = (DOCS / "plan-format.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", page, re.S)
    assert block
    checked = check_text(block.group(1), "docs/plan-format.md")
    assert checked.result.problems == []


def test_changelog_has_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog") and "## Unreleased" in changelog


def test_the_status_as_of_page_shows_what_status_prints() -> None:
    """docs/status-as-of.md's screens are generated (docs/gen_status_as_of.py) and current."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_status_as_of", ROOT / "docs" / "gen_status_as_of.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0
