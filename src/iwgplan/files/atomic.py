"""Atomic file replacement: a temporary file beside the target, fsync, then os.replace."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from iwgplan.errors import IwgplanError

TEMP_PREFIX = ".iwgplan-"
# A temporary file is only ever removed by another iwgplan when it is older than this AND no
# writer holds its lock: every writer locks its temporary file from creation to rename.
STALE_AFTER = 15 * 60.0


def real_target(path: Path) -> Path:
    """Write through a symlink to its target, so that the link itself stays."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def write_atomic(path: Path, data: bytes) -> None:
    target = real_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644 & ~_umask()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=folder)
    except OSError as exc:
        raise IwgplanError(f"cannot write {path}: {exc.strerror or exc}; nothing was changed") from None
    _lock_nowait(fd)  # a live temporary file, until it is renamed: see _remove_stale_temps
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise IwgplanError(f"cannot write {path}: {exc.strerror or exc}; nothing was changed") from None
    _fsync_dir(folder)


def write_output(path: Path, data: bytes) -> None:
    """Write a report or export to ``-o PATH``.

    Only a regular file (or a new one) is replaced atomically. A character device, a FIFO or a
    socket is written in place, since renaming a file over ``/dev/null`` would replace the
    device; a directory is refused.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise IwgplanError(f"cannot write {path}: {exc.strerror or exc}") from None
    if mode is None or stat.S_ISREG(mode):
        write_atomic(path, data)
    elif stat.S_ISDIR(mode):
        raise IwgplanError(f"{path} is a directory; give a file name after -o")
    else:
        try:
            with open(path, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise IwgplanError(f"cannot write {path}: {exc.strerror or exc}") from None


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def locked(path: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold an exclusive lock on the folder of ``path`` while its plan is read and replaced.

    The folder is locked, not the file: the file's inode changes with every os.replace. Stale
    temporary files of a killed writer are removed once the lock is held.
    """
    import fcntl
    import time

    folder = real_target(path).parent
    try:
        fd = os.open(folder if str(folder) else ".", os.O_RDONLY)
    except OSError as exc:
        raise IwgplanError(f"cannot open {folder}: {exc.strerror or exc}") from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise IwgplanError(f"another iwgplan is still editing in {folder}") from None
                time.sleep(0.02)
        _remove_stale_temps(folder)
        yield
    finally:
        os.close(fd)


def _lock_nowait(fd: int) -> bool:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _remove_stale_temps(folder: Path, older_than: float | None = None) -> None:
    """Remove the temporary files a killed writer left behind, and only those.

    Every writer (an edit, ``export -o``, ``report -o``) locks its temporary file from the
    moment it exists until it is renamed, so a file whose lock can be taken is abandoned. Only
    files older than ``STALE_AFTER`` are even tried: a writer between creating its file and
    locking it is never caught. Anything else in the folder is left alone.
    """
    import time

    bound = time.time() - (STALE_AFTER if older_than is None else older_than)
    for stale in folder.glob(f"{TEMP_PREFIX}*.tmp"):
        with contextlib.suppress(OSError):
            info = os.lstat(stale)
            if not stat.S_ISREG(info.st_mode) or info.st_mtime > bound:
                continue
            fd = os.open(stale, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
            try:
                same = os.fstat(fd).st_ino == info.st_ino
                if same and _lock_nowait(fd):  # nobody is writing it
                    os.unlink(stale)
            finally:
                os.close(fd)
