"""Writes are atomic, locked and careful with modes, links and read-only places."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from iwgplan.files import atomic
from tests.helpers import SMALL

ORIGINAL = SMALL.read_text(encoding="utf-8")


def test_mode_is_kept(cli, small: Path) -> None:
    small.chmod(0o640)
    assert cli("start", "kid-a", "--plan", small).code == 0
    assert stat.S_IMODE(small.stat().st_mode) == 0o640


def test_symlink_is_kept_and_target_written(cli, small: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(small)
    assert cli("start", "kid-a", "--plan", link).code == 0
    assert link.is_symlink()
    assert "status: 'in-progress'" in small.read_text(encoding="utf-8")


def test_read_only_file(cli, small: Path) -> None:
    small.chmod(0o444)
    run = cli("start", "kid-a", "--plan", small)
    assert run.code == 1
    assert f"the plan file {small} is read-only; nothing was changed" in run.err
    assert small.read_text(encoding="utf-8") == ORIGINAL


def test_read_only_folder(cli, small: Path) -> None:
    small.parent.chmod(0o555)
    try:
        run = cli("start", "kid-a", "--plan", small)
    finally:
        small.parent.chmod(0o755)
    assert run.code == 1
    assert "is read-only; nothing was changed" in run.err
    assert small.read_text(encoding="utf-8") == ORIGINAL


def _fail(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_failure_midway_leaves_original(cli, small: Path, monkeypatch, where: str) -> None:
    monkeypatch.setattr(atomic.os, where, _fail)
    run = cli("start", "kid-a", "--plan", small)
    monkeypatch.undo()
    assert run.code == 1
    assert "No space left on device; nothing was changed" in run.err
    assert small.read_text(encoding="utf-8") == ORIGINAL
    assert sorted(p.name for p in small.parent.iterdir()) == ["small.yaml"]


def test_stale_temp_file_is_cleaned(cli, small: Path) -> None:
    dead = small.parent / ".iwgplan-dead.tmp"
    dead.write_text("partial")
    old = dead.stat().st_mtime - atomic.STALE_AFTER - 60
    os.utime(dead, (old, old))
    assert cli("start", "kid-a", "--plan", small).code == 0
    assert sorted(p.name for p in small.parent.iterdir()) == ["small.yaml"]


@pytest.mark.parametrize("age", ["young", "old"])
@pytest.mark.parametrize("writing", [True, False])
def test_an_edit_removes_only_abandoned_temp_files(cli, small: Path, age: str, writing: bool) -> None:
    """A concurrent `export -o` is writing its temporary file (it holds its lock) while an edit
    runs: the edit leaves it alone, however old; an unlocked one goes only once it is old."""
    import fcntl

    live = small.parent / ".iwgplan-export.tmp"
    live.write_bytes(b"half of an export")
    if age == "old":
        then = live.stat().st_mtime - atomic.STALE_AFTER - 60
        os.utime(live, (then, then))
    fd = os.open(live, os.O_RDWR)
    try:
        if writing:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert cli("start", "kid-a", "--plan", small).code == 0
        assert live.exists() == (writing or age == "young")
        assert "status: in-progress" in small.read_text(encoding="utf-8")
    finally:
        os.close(fd)


def test_a_writer_holds_its_temp_files_lock_until_renamed(small: Path, monkeypatch) -> None:
    """An edit cleaning up (with no age bound at all) in the middle of another write: the
    write's temporary file is locked, so it survives and lands."""
    real_fsync, seen = os.fsync, []

    def fsync_then_clean(fd: int) -> None:
        real_fsync(fd)
        seen.extend(p.name for p in small.parent.glob(".iwgplan-*.tmp"))
        atomic._remove_stale_temps(small.parent, older_than=-3600)

    monkeypatch.setattr(atomic.os, "fsync", fsync_then_clean)
    out = small.parent / "export.csv"
    atomic.write_output(out, b"a,b\n")
    assert seen and out.read_bytes() == b"a,b\n"
    assert sorted(p.name for p in small.parent.iterdir()) == ["export.csv", "small.yaml"]


def _many_items_plan(n: int) -> str:
    items = "".join(
        f"          - id: item-{i}\n            title: Item {i}\n            status: planned\n"
        for i in range(n)
    )
    return (
        "schema_version: 1\nplan:\n  id: p\n  title: P\n  body: B\n  revision: 0\n  date: 2025-09-10\n"
        "  period: {start: 2025-09, end: 2026-12}\ntiers:\n  - id: t\n    number: '1'\n    title: T\n"
        "    focus_areas:\n      - id: f\n        title: F\n        action_points:\n" + items
    )


@pytest.mark.slow
def test_twenty_concurrent_processes_all_land(tmp_path: Path) -> None:
    plan = tmp_path / "plans" / "p.yaml"
    plan.parent.mkdir()
    plan.write_text(_many_items_plan(20), encoding="utf-8")
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "iwgplan",
                "done",
                f"item-{i}",
                "--date",
                "2026-01-01",
                "--plan",
                str(plan),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(20)
    ]
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 20, errors
    text = plan.read_text(encoding="utf-8")
    assert text.count("status: done") == 20 * 2  # the status and its history entry
    check = subprocess.run([sys.executable, "-m", "iwgplan", "validate", str(plan)], capture_output=True)
    assert check.returncode == 0


def test_two_writers_on_one_id(tmp_path: Path) -> None:
    plan = tmp_path / "plans" / "p.yaml"
    plan.parent.mkdir()
    plan.write_text(_many_items_plan(2), encoding="utf-8")
    cmd = [sys.executable, "-m", "iwgplan", "done", "item-0", "--date", "2026-01-01", "--plan", str(plan)]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    results = [(p.communicate(timeout=60)[1], p.returncode) for p in procs]
    results = [(code, err) for err, code in results]
    assert [code for code, _ in results] == [0, 0]
    assert sum("already done; nothing to change" in err for _, err in results) == 1
    assert plan.read_text(encoding="utf-8").count("status: done") == 2


def test_python_m_runs_and_exit_codes_as_subprocess(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    ok = subprocess.run([sys.executable, "-m", "iwgplan", "--help"], capture_output=True, text=True, env=env)
    assert ok.returncode == 0 and "Usage: iwgplan" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "iwgplan", "show", "nope"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "iwgplan", "status", "--bogus"], capture_output=True, text=True, env=env
    )
    assert usage.returncode == 2
