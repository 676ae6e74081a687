"""`iwgplan edit ID` with a fake editor script that moves, breaks and fixes the file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from iwgplan.edit.by_hand import editor_command

# The fake editor: records its arguments, then applies the next of the steps listed in a JSON
# file (each a pair of texts to replace) to the plan it was given, one step per run.
SCRIPT = """
import json, sys
from pathlib import Path
args = sys.argv[1:]
log = Path({log!r})
log.write_text(log.read_text() + json.dumps(args) + "\\n" if log.exists() else json.dumps(args) + "\\n")
path = Path(args[-1].rsplit(":", 1)[0] if args[-2] == "--goto" else args[-1])
steps = json.loads(Path({steps!r}).read_text())
run = len(log.read_text().splitlines()) - 1
if run < len(steps):
    old, new = steps[run]
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
"""


@pytest.fixture
def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    log, steps = tmp_path / "editor.log", tmp_path / "steps.json"
    script = tmp_path / "editor.py"
    script.write_text(SCRIPT.format(log=str(log), steps=str(steps)), encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    monkeypatch.delenv("EDITOR", raising=False)

    def plan(*pairs: tuple[str, str]) -> Path:
        steps.write_text(json.dumps(pairs), encoding="utf-8")
        return log

    return plan


def _calls(log: Path) -> list[list[str]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_opens_at_the_items_line_and_shows_the_diff(cli, small: Path, fake_editor) -> None:
    log = fake_editor(("title: Joint statement", "title: Joint ministerial statement"))
    run = cli("edit", "STAT", "--plan", small)
    assert run.code == 0, run.err
    assert _calls(log) == [["+33", str(small)]]  # `- id: statement` is line 33
    assert "iwgplan: 'STAT' is statement" in run.err
    assert "-            title: Joint statement\n+            title: Joint ministerial statement\n" in run.out
    assert "is valid" in run.err
    assert "title: Joint ministerial statement" in small.read_text(encoding="utf-8")


def test_a_move_is_shown_as_a_diff(cli, small: Path, fake_editor) -> None:
    """The editor moves kid-b before kid-a: the diff shows the lines that moved."""
    text = small.read_text(encoding="utf-8")
    start, end = text.index("              - id: kid-a"), text.index("              - id: kid-b")
    tail = text.index("          - id: late")
    kid_a, kid_b = text[start:end], text[end:tail]
    fake_editor((kid_a + kid_b, kid_b + kid_a))  # one run of the editor, one move
    run = cli("edit", "kid-a", "--plan", small)
    assert run.code == 0, run.err
    removed = [x for x in run.out.splitlines() if x.startswith("-") and not x.startswith("---")]
    added = [x for x in run.out.splitlines() if x.startswith("+") and not x.startswith("+++")]
    assert sorted(removed) == sorted("-" + x[1:] for x in added) and removed  # the same lines, moved
    after = small.read_text(encoding="utf-8")
    assert after.index("id: kid-b") < after.index("id: kid-a")
    assert sorted(after.splitlines()) == sorted(text.splitlines())


def test_no_change_says_so(cli, small: Path, fake_editor) -> None:
    before = small.read_bytes()
    fake_editor()
    run = cli("edit", "kid-a", "--plan", small)
    assert run.code == 0
    assert run.err.endswith("iwgplan: no changes\n")
    assert run.out == ""
    assert small.read_bytes() == before


def test_break_then_fix_when_asked_to_edit_again(cli, small: Path, fake_editor, monkeypatch) -> None:
    monkeypatch.setattr("iwgplan.cli.edit.interactive", lambda: True)
    log = fake_editor(
        ("status: in-progress\n", "status: finished\n"), ("status: finished\n", "status: planned\n")
    )
    from typer.testing import CliRunner

    from iwgplan.cli.app import app

    result = CliRunner().invoke(app, ["edit", "kid-b", "--plan", str(small)], input="e\n")
    assert result.exit_code == 0, result.stderr
    calls = _calls(log)
    assert len(calls) == 2
    assert calls[0][0] == "+48" and calls[1][0] == "+51"  # reopened at the problem: the bad status
    assert "small.yaml:51:25: tiers[0].focus_areas[0].action_points[1].children[1].status:" in result.stderr
    assert "[e]dit again, [u]ndo your edit, or [k]eep it as it is?" in result.stderr
    assert "title: Second kid\n                status: planned\n" in small.read_text(encoding="utf-8")


def test_break_then_undo_restores_the_bytes(cli, small: Path, fake_editor, monkeypatch) -> None:
    monkeypatch.setattr("iwgplan.cli.edit.interactive", lambda: True)
    before = small.read_bytes()
    fake_editor(("status: in-progress\n", "status: [\n"))
    from typer.testing import CliRunner

    from iwgplan.cli.app import app

    result = CliRunner().invoke(app, ["edit", "kid-b", "--plan", str(small)], input="u\n")
    assert result.exit_code == 1
    assert f"{small.name}:" in result.stderr or "small.yaml:" in result.stderr
    assert small.read_bytes() == before


def test_break_without_a_terminal_keeps_the_file_and_exits_1(cli, small: Path, fake_editor) -> None:
    fake_editor(("status: in-progress\n", "status: finished\n"))
    run = cli("edit", "kid-b", "--plan", small)
    assert run.code == 1
    assert "is kept as you left it, but it is not valid" in run.err
    assert "status: finished" in small.read_text(encoding="utf-8")


def test_an_invalid_plan_opens_at_its_first_problem(cli, small: Path, fake_editor) -> None:
    text = small.read_text(encoding="utf-8")
    small.write_text(text.replace("status: in-progress\n", "status: finished\n", 1), encoding="utf-8")
    log = fake_editor(("status: finished\n", "status: in-progress\n"))
    run = cli("edit", "anything", "--plan", small)
    assert run.code == 0, run.err
    assert "is not valid, so ids cannot be found in it; opening it at line" in run.err
    assert _calls(log)[0][0].startswith("+")
    assert small.read_text(encoding="utf-8") == text


def test_unknown_and_ambiguous_ids_open_nothing(cli, small: Path, fake_editor) -> None:
    log = fake_editor()
    assert cli("edit", "kid", "--plan", small).code == 2
    assert cli("edit", "nothing", "--plan", small).code == 1
    assert cli("edit", "stat", "--exact", "--plan", small).code == 1
    assert not log.exists()


def test_a_missing_editor_is_a_message(cli, small: Path, monkeypatch) -> None:
    monkeypatch.setenv("VISUAL", "/nonexistent/editor --wait")
    run = cli("edit", "statement", "--plan", small)
    assert run.code == 1
    assert "cannot start the editor '/nonexistent/editor'" in run.err


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["vi"], ["vi", "+7", "p.yaml"]),
        (["nano"], ["nano", "+7", "p.yaml"]),
        (["emacs", "-nw"], ["emacs", "-nw", "+7", "p.yaml"]),
        (["code", "--wait"], ["code", "--wait", "--goto", "p.yaml:7"]),
        (["/usr/bin/codium", "-w"], ["/usr/bin/codium", "-w", "--goto", "p.yaml:7"]),
    ],
)
def test_editor_command_lines(command: list[str], expected: list[str]) -> None:
    assert editor_command(command, Path("p.yaml"), 7) == expected
