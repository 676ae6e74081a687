"""The cache folder and the files in it: where it is, whose it must be, and how an entry is read
and written. Shared by the validated-plan cache (:mod:`iwgplan.files.cache`) and the remembered
screens (:mod:`iwgplan.cli.memo`); it imports nothing but ``os`` and ``stat``, so that a
remembered screen is printed without loading JSON or pathlib.

What another user could have put there is never read: a folder is used only when it is ours and
not world-writable, and an entry only when it is a regular file (not a link, a FIFO, a device),
ours, writable by no one else, and no bigger than the limit its reader gives; it is opened
without following a link and without waiting, so nothing found there can hang a run or fill its
memory. Writes go to a temporary file in the same folder and replace the old file atomically.
"""

from __future__ import annotations

import os
import stat

DIR_VAR = "IWGPLAN_CACHE_DIR"
OFF_VAR = "IWGPLAN_NO_CACHE"

try:  # the built-in BLAKE2, without loading OpenSSL as hashlib does (a few ms per run)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b


def disabled() -> bool:
    """``IWGPLAN_NO_CACHE`` set (and not 0): no cache is read or written."""
    return os.environ.get(OFF_VAR, "") not in ("", "0")


def digest(data: bytes) -> str:
    """How entries name bytes (plan bytes, payloads, keys): BLAKE2b, 20 bytes, in hex."""
    return blake2b(data, digest_size=20).hexdigest()


def stamp(path: str | None) -> str:
    """A file as a key sees it: its path, size and modification time (``-`` for none)."""
    if not path:
        return "-"
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}:?"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def folder() -> str:
    """``IWGPLAN_CACHE_DIR``, else the user's cache folder (platformdirs) for iwgplan."""
    explicit = os.environ.get(DIR_VAR)
    if explicit:
        return explicit
    try:
        import platformdirs  # type: ignore[import-not-found, unused-ignore]
    except ImportError:  # an environment installed before iwgplan needed it
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return os.path.join(base, "iwgplan")
    return str(platformdirs.user_cache_dir("iwgplan", appauthor=False))


def _ours(info: os.stat_result, others_may_write: int) -> bool:
    return info.st_uid == os.getuid() and not info.st_mode & others_may_write


def usable(place: str | os.PathLike[str]) -> bool:
    """Whether a cache folder may be used: a folder of ours that not everyone may write in."""
    try:
        info = os.stat(place)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _ours(info, stat.S_IWOTH)


_OPEN = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def read_entry(path: str | os.PathLike[str], limit: int | None, *, head: int | None = None) -> bytes | None:
    """An entry's bytes, or None when it is not ours to trust or is past ``limit`` (None: any
    size); ``head``: only its first bytes, as many as that."""
    if not usable(os.path.dirname(os.fspath(path)) or "."):
        return None
    fd = os.open(path, _OPEN)  # a link is refused (ELOOP); a FIFO opens without a writer
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _ours(info, stat.S_IWGRP | stat.S_IWOTH):
            return None
        if limit is not None and info.st_size > limit:
            return None
        if head is not None:
            return os.read(fd, head)
        chunks, left = [], (info.st_size if limit is None else limit) + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    blob = b"".join(chunks)
    return blob if limit is None or len(blob) <= limit else None


def write_entry(target: str | os.PathLike[str], blob: bytes) -> None:
    """Replace the entry ``target`` with ``blob`` atomically, in a folder of ours; any failure
    (read-only folder, full disk, another user's folder) is silently skipped."""
    import tempfile  # only when writing

    place = os.path.dirname(os.fspath(target)) or "."
    try:
        os.makedirs(place, mode=0o700, exist_ok=True)
        if not os.stat(place).st_mode & 0o222:
            return  # a folder made read-only is left alone, even by root (who could write there)
        if not usable(place):
            return  # another user's folder, or everyone's
        suffix = os.path.splitext(os.fspath(target))[1] or ".entry"
        fd, temp = tempfile.mkstemp(prefix=".tmp-", suffix=suffix, dir=place)
    except Exception:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(temp, target)
    except Exception:
        try:
            os.unlink(temp)
        except OSError:
            pass
