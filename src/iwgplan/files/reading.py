"""Reading a plan file's bytes safely: a regular file only, within the size limit, as UTF-8.

Nothing here imports YAML, so reading a file for the validated-plan cache stays light.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from iwgplan.errors import FileResult, PlanInvalid, Problem
from iwgplan.files import limits

MAX_BYTES = limits.MAX_BYTES  # a name tests can change for this module alone


def decode(raw: bytes, path: str) -> str:
    """Bytes to text, refusing binary files and invalid UTF-8 with a position."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(raw, nul)
        raise PlanInvalid(FileResult(path, [Problem("binary file: NUL byte", (), line, col)]))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        problem = Problem(f"not valid UTF-8: byte 0x{raw[exc.start]:02x}", (), line, col)
        raise PlanInvalid(FileResult(path, [problem])) from None


def read_text(path: Path, shown: str) -> str:
    """A plan file's text: size-limited, binary and invalid UTF-8 refused with a position."""
    return decode(read_bytes(path, shown), shown)


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def read_bytes(path: Path, shown: str) -> bytes:
    """Read a plan file: a regular file only, and never more than the limit plus one byte.

    ``stat`` cannot be trusted for the size (``/dev/zero`` and ``/proc`` files say 0), and a
    FIFO, a socket or a device would block or never end, so they are refused before reading.
    """
    try:
        info = os.stat(path)
        kind = mode_kind(info.st_mode)
        if kind:
            raise PlanInvalid(FileResult(shown, [Problem(f"is {kind}, not a plan file")]))
        if info.st_size > MAX_BYTES:
            raise PlanInvalid(FileResult(shown, [_too_big(f"{info.st_size / 2**20:.0f} MiB")]))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            kind = mode_kind(os.fstat(fd).st_mode)  # it may have changed since the stat
            if kind:
                raise PlanInvalid(FileResult(shown, [Problem(f"is {kind}, not a plan file")]))
            raw = _read_at_most(fd, MAX_BYTES + 1)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise PlanInvalid(FileResult(shown, [Problem("no such file")])) from None
    except PermissionError:
        raise PlanInvalid(FileResult(shown, [Problem("permission denied")])) from None
    except OSError as exc:
        raise PlanInvalid(FileResult(shown, [Problem(exc.strerror or str(exc))])) from None
    if len(raw) > MAX_BYTES:  # stat said less: a file that grew, or one in /proc
        raise PlanInvalid(FileResult(shown, [_too_big(f"more than {MAX_BYTES // 2**20} MiB")]))
    return raw


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _too_big(size: str) -> Problem:
    return Problem(limits.too_big_words(size), (), 1, 1)


def mode_kind(mode: int) -> str | None:
    """What a file is when it is not a regular file, in words; None for a regular file."""
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def path_kind(path: Path) -> str:
    """What is at ``path``, in the words of :func:`mode_kind` ("a file" for a regular file)."""
    if path.is_symlink() and not path.exists():
        return f"a link to {os.readlink(path)} that leads nowhere"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    return mode_kind(mode) or "a file"
