"""The pager: used on a terminal (a real pty here) when the output is longer than the screen, never
when piped, never with --no-pager; $IWGPLAN_PAGER, then $PAGER, then `less -FRX`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from iwgplan.cli.output import pager_command
from tests.helpers import SHIPPED, SMALL
from tests.helpers.terminal import on_a_pty


@pytest.fixture
def fake_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that writes what it was given to a file."""
    seen = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    script.write_text(f"import sys\nopen({str(seen)!r}, 'wb').write(sys.stdin.buffer.read())\n")
    return f"{sys.executable} {script}", seen


def _run(args: list[str], *, tty: bool, env: dict[str, str]) -> tuple[int, bytes]:
    full_env = {**os.environ, "COLUMNS": "80", "LINES": "20", **env}
    command = [sys.executable, "-m", "iwgplan", *args]
    if not tty:
        done = subprocess.run(command, capture_output=True, env=full_env, check=False, timeout=60)
        return done.returncode, done.stdout
    return on_a_pty(command, full_env)


def test_long_output_on_a_terminal_goes_to_the_pager(fake_pager: tuple[str, Path]) -> None:
    command, seen = fake_pager
    code, out = _run(["list", "--plan", str(SHIPPED)], tty=True, env={"IWGPLAN_PAGER": command})
    assert code == 0
    paged = seen.read_text(encoding="utf-8")
    assert "joint-statement" in paged and "29 action points" in paged
    assert "\x1b[" in paged  # colour kept for `less -R`
    assert b"joint-statement" not in out


@pytest.mark.parametrize(
    ("args", "tty"),
    [
        (["list", "--no-pager"], True),  # turned off
        (["list"], False),  # piped
        (["show", "kid-a", "--plan", str(SMALL)], True),  # shorter than the screen
    ],
)
def test_no_pager_when_off_piped_or_short(fake_pager: tuple[str, Path], args: list[str], tty: bool) -> None:
    command, seen = fake_pager
    if "--plan" not in args:
        args = [*args, "--plan", str(SHIPPED)]
    code, out = _run(args, tty=tty, env={"IWGPLAN_PAGER": command, "PAGER": command})
    assert code == 0
    assert not seen.exists()
    assert b"kid-a" in out or b"joint-statement" in out


def test_pager_variables_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IWGPLAN_PAGER", raising=False)
    monkeypatch.delenv("PAGER", raising=False)
    assert pager_command() == ["less", "-FRX"]
    monkeypatch.setenv("PAGER", "more -s")
    assert pager_command() == ["more", "-s"]
    monkeypatch.setenv("IWGPLAN_PAGER", "most")
    assert pager_command() == ["most"]
    for off in ("", "cat"):
        monkeypatch.setenv("IWGPLAN_PAGER", off)
        assert pager_command() == []


def test_a_missing_pager_prints_the_text_instead() -> None:
    code, out = _run(["list", "--plan", str(SHIPPED)], tty=True, env={"IWGPLAN_PAGER": "/nonexistent/pager"})
    assert code == 0
    assert b"joint-statement" in out
