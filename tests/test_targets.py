"""Odd targets: devices, FIFOs, `-` and directories as `-o`; FIFOs, devices and endless files as plans."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from iwgplan.files.atomic import write_output
from tests.helpers import SMALL

WRITERS = [
    ["report", "--plan", str(SMALL), "--as-of", "2026-02-01"],
    ["report", "--plan", str(SMALL), "--format", "html", "--as-of", "2026-02-01"],
    ["export", "--plan", str(SMALL), "--format", "ics"],
    ["export", "--plan", str(SMALL), "--format", "csv"],
    ["schema"],
]


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: " ".join(a[:1] + a[-2:]))
def test_dash_writes_to_stdout(cli, args: list[str]) -> None:
    run = cli(*args, "-o", "-")
    assert run.code == 0
    assert len(run.out) > 100 and not Path("-").exists()


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: " ".join(a[:1] + a[-2:]))
def test_fifo_is_written_in_place(cli, tmp_path: Path, args: list[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    run = cli(*args, "-o", fifo)
    reader.join(timeout=20)
    assert run.code == 0, run.err
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a FIFO, not replaced by a file
    assert len(got[0]) > 100
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "cache")  # the test's own cache folder
    assert left == ["pipe", "work"]  # no temporary file left


def test_character_device_is_written_in_place() -> None:
    before = os.stat("/dev/null")
    write_output(Path("/dev/null"), b"data")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_dev_null_through_the_cli(cli) -> None:
    run = cli("export", "--plan", SMALL, "--format", "json", "-o", "/dev/null")
    assert run.code == 0 and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_directory_is_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "iwgplan",
            "export",
            "--plan",
            str(SMALL),
            "--format",
            "csv",
            "-o",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr
    assert "directory" in done.stderr
    with pytest.raises(Exception, match="is a directory; give a file name after -o"):
        write_output(tmp_path, b"x")


def test_regular_file_is_still_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    inode = target.stat().st_ino
    write_output(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_ino != inode


# --- reading -------------------------------------------------------------------------------


def _validate(path: str, *how: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    args = [sys.executable, "-m", "iwgplan"]
    if how == ("env",):
        env["IWGPLAN_PLAN"] = path
        args += ["status"]
    elif how == ("--plan",):
        args += ["status", "--plan", path]
    else:
        args += ["validate", path]
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.mark.parametrize("how", [(), ("--plan",), ("env",)], ids=["validate", "--plan", "IWGPLAN_PLAN"])
@pytest.mark.parametrize(
    ("device", "kind"),
    [
        ("/dev/zero", "a character device"),
        ("/dev/urandom", "a character device"),
        ("/dev/null", "a character device"),
    ],
)
def test_devices_are_refused_without_reading(device: str, kind: str, how: tuple[str, ...]) -> None:
    done = _validate(device, *how)
    assert done.returncode == 1, done.stderr
    assert f"is {kind}, not a plan file" in done.stdout + done.stderr


@pytest.mark.parametrize("how", [(), ("--plan",), ("env",)], ids=["validate", "--plan", "IWGPLAN_PLAN"])
def test_fifo_is_refused_without_blocking(tmp_path: Path, how: tuple[str, ...]) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    done = _validate(str(fifo), *how, timeout=10)  # no writer: a read would block for ever
    assert done.returncode == 1
    assert "is a FIFO (named pipe), not a plan file" in done.stdout + done.stderr


def test_socket_is_refused(tmp_path: Path) -> None:
    place = tmp_path / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(place))
    try:
        done = _validate(str(place))
    finally:
        server.close()
    assert done.returncode == 1 and "is a socket, not a plan file" in done.stdout + done.stderr


def test_read_stops_after_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file whose stat size is small but whose content is not (a /proc file, a growing file)."""
    from iwgplan.errors import PlanInvalid
    from iwgplan.files import reading

    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * 1000)
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    given: list[int] = []
    real_read = os.read

    def counted(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        given.append(len(data))
        return data

    monkeypatch.setattr(reading.os, "read", counted)
    monkeypatch.setattr(
        reading.os, "stat", lambda p: os.stat_result((stat.S_IFREG | 0o644, 0, 0, 1, 0, 0, 0, 0, 0, 0))
    )
    with pytest.raises(PlanInvalid) as caught:
        reading.read_bytes(big, "big.yaml")
    monkeypatch.undo()
    assert sum(given) == 101
    assert "the file is more than" in caught.value.result.problems[0].message


def test_read_limit_of_the_start_up_path_is_the_loaders() -> None:
    import inspect

    from iwgplan.files import cached_plan, gitlog, limits, reading

    assert reading.MAX_BYTES == limits.MAX_BYTES == 32 * 1024 * 1024
    assert "limits.MAX_BYTES + 1" in inspect.getsource(cached_plan._regular_file_bytes)
    assert "limits.MAX_BYTES" in inspect.getsource(gitlog.GitHistory.blob)
