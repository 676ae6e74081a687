"""A command run on a real terminal (a pseudo-terminal), for the tests that need one: what a
person sees, colours, the pager, the one-screen layout."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios
from pathlib import Path


def on_a_pty(
    command: list[str],
    env: dict[str, str],
    *,
    cwd: Path | None = None,
    size: tuple[int, int] | None = None,
    every_stream: bool = False,
) -> tuple[int, bytes]:
    """The exit code and everything written to the terminal; ``size`` is (columns, lines);
    ``every_stream``: stdin and stderr are the terminal too (else stderr goes nowhere)."""
    leader, follower = pty.openpty()
    if size is not None:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    try:
        stdin = follower if every_stream else None
        stderr = follower if every_stream else subprocess.DEVNULL
        process = subprocess.Popen(command, stdin=stdin, stdout=follower, stderr=stderr, env=env, cwd=cwd)
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the pty closes when the child exits
                break
            if not chunk:
                break
            out += chunk
        return process.wait(timeout=120), out
    finally:
        os.close(leader)
