"""How much of a plan iwgplan reads: one number for every reader (a file, the start-up path, a
blob of the plan's history), in a module light enough for the start-up path to import."""

from __future__ import annotations

MAX_BYTES = 32 * 1024 * 1024


def too_big_words(size: str) -> str:
    """``the file is 34 MiB; plan files are limited to 32 MiB``."""
    return f"the file is {size}; plan files are limited to {MAX_BYTES // 2**20} MiB"
