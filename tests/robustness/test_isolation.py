"""Nothing is given to a shell, and no command opens a network connection."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

from tests.helpers import SHIPPED

READ_COMMANDS = [
    ["validate"],
    ["status"],
    ["list"],
    ["tiers"],
    ["show", "statement"],
    ["report", "--format", "html"],
    ["report"],
    ["export", "--format", "ics"],
    ["export", "--format", "mermaid"],
    ["diff", "HEAD~1"],
    ["status", "--rev", "HEAD~1"],
]


def test_no_shell_and_no_network(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real_run, real_popen = subprocess.run, subprocess.Popen

    def guarded_run(args, *rest, **kwargs):  # type: ignore[no-untyped-def]
        assert isinstance(args, list) and not kwargs.get("shell"), args
        calls.append(args)
        return real_run(args, *rest, **kwargs)

    class GuardedPopen(real_popen):  # type: ignore[misc, valid-type]
        def __init__(self, args, *rest, **kwargs):  # type: ignore[no-untyped-def]
            assert isinstance(args, list) and not kwargs.get("shell"), args
            super().__init__(args, *rest, **kwargs)

    def no_socket(*args: object, **kwargs: object) -> None:
        raise AssertionError("iwgplan tried to open a network connection")

    monkeypatch.chdir(repo)
    monkeypatch.setattr(subprocess, "run", guarded_run)
    monkeypatch.setattr(subprocess, "Popen", GuardedPopen)
    monkeypatch.setattr(socket, "socket", no_socket)
    monkeypatch.setattr(socket, "create_connection", no_socket)
    for args in READ_COMMANDS:
        run = cli(*args)
        assert run.code == 0, (args, run.err)
    assert cli("done", "statement", "--date", "2026-01-02").code == 0
    assert any(c[:2] == ["git", "cat-file"] for c in calls if isinstance(c, list))  # --rev read a blob


def test_shipped_plan_commands_offline(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_socket(*args: object, **kwargs: object) -> None:
        raise AssertionError("network")

    monkeypatch.setattr(socket, "socket", no_socket)
    for args in (["status"], ["report", "--format", "html"], ["export", "--format", "ics"]):
        assert cli(*args, "--plan", SHIPPED).code == 0
