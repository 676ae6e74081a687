"""How much of a plan iwgplan reads: one number for every reader (a file, the start-up path, a
blob of the plan's history), in a module light enough for the start-up path to import."""

from __future__ import annotations

import os
import stat

MAX_BYTES = 32 * 1024 * 1024


def regular_file_bytes(path: str | os.PathLike[str], at_most: int) -> bytes:
    """The first ``at_most`` bytes of a regular file; anything else (a FIFO, a device, a socket)
    raises OSError, and is opened without waiting for a writer."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{os.fsdecode(path)} is not a regular file")
        chunks, left = [], at_most
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 22))):
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


def too_big_words(size: str) -> str:
    """``the file is 34 MiB; plan files are limited to 32 MiB``."""
    return f"the file is {size}; plan files are limited to {MAX_BYTES // 2**20} MiB"
