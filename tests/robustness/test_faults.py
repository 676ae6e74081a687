"""Edits under faults: killed writers, full disks, vanished plans, odd paths. Nothing is lost."""

from __future__ import annotations

import errno
import importlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from iwgplan.files import atomic
from tests.helpers import SHIPPED

KILLS = int(os.environ.get("IWGPLAN_KILLS", "25"))
DONE = [
    sys.executable,
    "-m",
    "iwgplan",
    "done",
    "joint-statement",
    "--date",
    "2026-03-27",
    "--note",
    "killed?",
]


@pytest.mark.slow
def test_sigkill_at_random_points_leaves_old_or_new(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = folder / "p.yaml"
    old = SHIPPED.read_bytes()
    reference = tmp_path / "reference.yaml"
    reference.write_bytes(old)
    subprocess.run([*DONE, "--plan", str(reference)], check=True, capture_output=True)
    new = reference.read_bytes()
    assert new != old
    rng = random.Random(20261128)
    seen = {"old": 0, "new": 0}
    for _ in range(KILLS):
        plan.write_bytes(old)
        proc = subprocess.Popen(
            [*DONE, "--plan", str(plan)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.0, 0.45))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = plan.read_bytes()
        assert now in (old, new), "a killed writer left a partial plan"
        seen["old" if now == old else "new"] += 1
    # leftover temporary files of killed writers are removed by the next edit once they are
    # old enough that no live writer can own them (a live one also holds its lock)
    (folder / ".iwgplan-left.tmp").write_bytes(b"partial")
    for left in folder.glob(".iwgplan-*.tmp"):
        then = left.stat().st_mtime - atomic.STALE_AFTER - 60
        os.utime(left, (then, then))
    plan.write_bytes(old)
    subprocess.run([*DONE, "--plan", str(plan)], check=True, capture_output=True)
    assert sorted(p.name for p in folder.iterdir()) == ["p.yaml"]
    assert plan.read_bytes() == new
    print(f"\n{KILLS} kills survived: {seen['old']} left the old text, {seen['new']} the new one")


def _enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_while_writing(cli, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = shipped_copy.read_bytes()
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int, mode: str) -> None:
            self.handle = real_fdopen(fd, mode)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fdopen", FullDisk)
    run = cli("done", "joint-statement", "--plan", shipped_copy)
    monkeypatch.undo()
    assert run.code == 1
    assert "No space left on device; nothing was changed" in run.err
    assert shipped_copy.read_bytes() == before
    assert sorted(p.name for p in shipped_copy.parent.iterdir()) == [shipped_copy.name]


@pytest.mark.parametrize("splicer", ["iwgplan.edit.apply.apply_changes", "iwgplan.edit.warm.edit"])
def test_plan_deleted_mid_edit(
    cli, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch, splicer: str
) -> None:
    """The file removed while the edit is spliced, through the whole text or (the cache on) by
    the items' cached positions: nothing is written."""
    module, name = splicer.rsplit(".", 1)
    real = getattr(importlib.import_module(module), name)

    def delete_then_apply(*args, **kwargs):  # type: ignore[no-untyped-def]
        if shipped_copy.exists():
            shipped_copy.unlink()
        return real(*args, **kwargs)

    monkeypatch.setattr(splicer, delete_then_apply)
    if name == "apply_changes":
        monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")
    run = cli("done", "joint-statement", "--plan", shipped_copy)
    assert run.code == 1
    assert "was changed or removed by another program while iwgplan was editing it" in run.err
    assert not shipped_copy.exists()  # not resurrected with half a story


@pytest.mark.parametrize("splicer", ["iwgplan.edit.apply.apply_changes", "iwgplan.edit.warm.edit"])
def test_plan_changed_by_an_editor_mid_edit(
    cli, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch, splicer: str
) -> None:  # type: ignore[no-untyped-def]
    module, name = splicer.rsplit(".", 1)
    real = getattr(importlib.import_module(module), name)

    def edit_then_apply(*args, **kwargs):  # type: ignore[no-untyped-def]
        shipped_copy.write_bytes(shipped_copy.read_bytes() + b"# saved by an editor\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(splicer, edit_then_apply)
    if name == "apply_changes":
        monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")
    run = cli("done", "joint-statement", "--plan", shipped_copy)
    assert run.code == 1
    assert shipped_copy.read_bytes().endswith(b"# saved by an editor\n")


def test_path_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    folder = tmp_path / "plans du groupe — Côte d'Ivoire"
    folder.mkdir()
    plan = folder / "plan de travail ü.yaml"
    shutil.copyfile(SHIPPED, plan)
    done = subprocess.run([*DONE, "--plan", str(plan)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "status: done" in plan.read_text(encoding="utf-8")
    check = subprocess.run(
        [sys.executable, "-m", "iwgplan", "validate", str(plan)], capture_output=True, text=True
    )
    assert check.returncode == 0 and check.stdout == f"{plan}: valid\n"
