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
    # `- id: statement` is line 33; the editor works on a copy named as the plan, in a folder
    # of its own, and the plan is written when it is done
    ((line, copy),) = _calls(log)
    assert line == "+33" and Path(copy).name == small.name and Path(copy).parent != small.parent
    assert not Path(copy).parent.exists()
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


# A fake editor that runs, on its n-th start, the n-th Python snippet of a list, with ``path``
# the file it was given and ``plan`` the plan (as $PLAN_FOR_EDITOR), then exits with ``code``.
SNIPPETS = """
import json, os, subprocess, sys
from pathlib import Path
path, plan = Path(sys.argv[-1]), Path(os.environ.get("PLAN_FOR_EDITOR", "."))
count = Path({count!r})
run = int(count.read_text()) if count.exists() else 0
count.write_text(str(run + 1))
snippets = json.loads(Path({steps!r}).read_text())
code = 0
if run < len(snippets):
    exec(snippets[run])
sys.exit(code)
"""

DONE = (
    f"subprocess.run([{sys.executable!r}, '-m', 'iwgplan', 'done', 'kid-a', '--plan', str(plan)], check=True)"
)
EDIT = "path.write_text(path.read_text().replace('title: First kid', 'title: First kid, edited'))"
BREAK = "path.write_text(path.read_text().replace('status: in-progress', 'status: [', 1))"


@pytest.fixture
def editor_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    count, steps = tmp_path / "runs", tmp_path / "snippets.json"
    script = tmp_path / "snippets.py"
    script.write_text(SNIPPETS.format(count=str(count), steps=str(steps)), encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    monkeypatch.delenv("EDITOR", raising=False)

    def plan(*snippets: str, for_plan: Path | None = None) -> Path:
        steps.write_text(json.dumps(snippets), encoding="utf-8")
        if for_plan is not None:
            monkeypatch.setenv("PLAN_FOR_EDITOR", str(for_plan))
        return count

    return plan


def _asked(small: Path, answer: str, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("iwgplan.cli.edit.interactive", lambda: True)
    from typer.testing import CliRunner

    from iwgplan.cli.app import app

    return CliRunner().invoke(app, ["edit", "kid-a", "--plan", str(small)], input=answer)


def _asides(small: Path) -> list[Path]:
    return sorted(small.parent.glob(f"{small.name}.edited*"))


def test_a_done_recorded_while_the_editor_is_open_is_never_overwritten(cli, small, editor_runs) -> None:
    """A slow editor: `iwgplan done` lands on the plan while it is open, then it saves."""
    editor_runs(DONE + "\n" + EDIT, for_plan=small)
    run = cli("edit", "kid-a", "--plan", small)
    assert run.code == 1
    assert "was changed by another program while your editor was open" in run.err
    assert "is valid" not in run.err
    text = small.read_text(encoding="utf-8")
    assert "status: done" in text and "First kid, edited" not in text  # the done is kept
    (aside,) = _asides(small)
    assert "title: First kid, edited" in aside.read_text(encoding="utf-8")  # and so is the edit
    assert str(aside.name) in run.err


@pytest.mark.parametrize("answer", ["u\n", "k\n"])
def test_undo_or_keep_after_a_done_meanwhile_keeps_the_done(
    cli, small, editor_runs, monkeypatch, answer
) -> None:
    editor_runs(DONE + "\n" + BREAK, for_plan=small)
    result = _asked(small, answer, monkeypatch)
    assert result.exit_code == 1
    text = small.read_text(encoding="utf-8")
    assert "status: done" in text and "status: [" not in text
    if answer == "k\n":
        assert "was changed by another program" in result.stderr
        assert "status: [" in _asides(small)[0].read_text(encoding="utf-8")


# Every way the editor can leave a file iwgplan cannot read, each with the line it is at.
UNREADABLE = {
    "latin-1": ("path.write_bytes(path.read_bytes().replace(b'First kid', b'First k\\xefd'))", True),
    "nul": ("path.write_bytes(path.read_bytes().replace(b'First kid', b'First\\x00kid'))", True),
    "lone surrogate bytes": ("path.write_bytes(path.read_bytes() + b'# \\xed\\xa0\\x80\\n')", True),
    "too big": ("path.write_bytes(path.read_bytes() + b'#' * (33 * 2**20))", False),
    "deleted": ("path.unlink()", False),
    "a folder": ("path.unlink(); path.mkdir()", False),
}


@pytest.mark.parametrize("how", sorted(UNREADABLE))
@pytest.mark.parametrize("answer", ["e", "u", "k"])
def test_an_unreadable_save_gets_the_recovery_prompt(small, editor_runs, monkeypatch, how, answer) -> None:
    break_it, has_bytes = UNREADABLE[how]
    before = small.read_bytes()
    # edit again: the second run fixes the file from scratch
    fix = f"import shutil; shutil.rmtree(path) if path.is_dir() else None; path.write_bytes({before!r})"
    runs = editor_runs(break_it, fix.replace("'First kid'", "'First kid'") + "\n" + EDIT)
    result = _asked(small, answer + "\n", monkeypatch)
    assert "[e]dit again, [u]ndo your edit, or [k]eep it as it is?" in result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    if answer == "e":
        assert result.exit_code == 0, result.stderr
        assert runs.read_text() == "2"
        assert small.read_bytes() == before.replace(b"title: First kid", b"title: First kid, edited")
    elif answer == "u" or not has_bytes:
        assert result.exit_code == 1
        assert small.read_bytes() == before
    else:  # keep: the file is written as the editor left it, and iwgplan says it is not valid
        assert result.exit_code == 1
        assert small.read_bytes() != before
        assert "is kept as you left it, but it is not valid" in result.stderr


@pytest.mark.parametrize("bad", [b"First k\xefd", b"First\x00kid", b"First kid\xed\xa0\x80", b"\xffFirst"])
def test_a_plan_that_is_not_utf8_opens_at_its_first_problem(cli, small, fake_editor, bad) -> None:
    raw = small.read_bytes()
    small.write_bytes(raw.replace(b"First kid", bad, 1))
    log = fake_editor()
    run = cli("edit", "kid-a", "--plan", small)
    assert run.code == 0, run.err
    expected = raw[: raw.index(b"First kid")].count(b"\n") + 1
    assert _calls(log)[0][0] == f"+{expected}"
    assert f"opening it at line {expected}" in run.err


@pytest.mark.parametrize("code", [1, 2, 127, 255])
@pytest.mark.parametrize("changed", [True, False])
def test_an_editor_that_fails_abandons_the_edit(cli, small, editor_runs, code, changed) -> None:
    """As git does: the plan stays as it was, whatever the editor saved; exit 1."""
    before = small.read_bytes()
    editor_runs((EDIT if changed else "") + f"\ncode = {code}")
    run = cli("edit", "kid-a", "--plan", small)
    assert run.code == 1
    assert f"the editor exited with code {code}, so the edit is abandoned" in run.err
    assert small.read_bytes() == before
    asides = _asides(small)
    assert len(asides) == changed  # what it saved is kept aside, not lost
    if changed:
        assert "First kid, edited" in asides[0].read_text(encoding="utf-8")


def test_an_editor_killed_by_a_signal_abandons_the_edit(cli, small, editor_runs) -> None:
    before = small.read_bytes()
    editor_runs(EDIT + "\nimport signal; os.kill(os.getpid(), signal.SIGKILL)")
    run = cli("edit", "kid-a", "--plan", small)
    assert run.code == 1
    assert "the editor exited with code -9, so the edit is abandoned" in run.err
    assert small.read_bytes() == before


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ('vim "x', "cannot be read as a command (no closing quotation)"),
        ("vim 'x", "cannot be read as a command (no closing quotation)"),
        ("vim x\\", "cannot be read as a command (no escaped character)"),
        ('""', "names no program"),
        ("'' --wait", "names no program"),
        ("' '", "names no program"),
        ("/nonexistent/editor", "cannot start the editor '/nonexistent/editor'"),
        ("no-such-editor-anywhere -w", "cannot start the editor 'no-such-editor-anywhere'"),
        (".", "cannot start the editor '.'"),
    ],
)
@pytest.mark.parametrize("name", ["VISUAL", "EDITOR"])
def test_a_bad_editor_setting_is_a_user_error(cli, small, monkeypatch, value, words, name) -> None:
    before = small.read_bytes()
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv(name, value)
    run = cli("edit", "kid-a", "--plan", small)
    assert run.code == 1, run.err
    assert words in run.err and "unexpected" not in run.err
    assert small.read_bytes() == before
