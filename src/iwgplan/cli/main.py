"""The `iwgplan` process: the start-up path for a cached read-only command, else the Typer app;
then the exit, without the interpreter's teardown once output is flushed.

It imports nothing heavy itself, so that Ctrl-C while Typer, rich and pydantic are still being
imported exits 130 with one line, and a closed pipe (`iwgplan list | head`) exits 141 quietly.
"""

from __future__ import annotations

import gc
import io
import sys

from iwgplan.cli.process import (
    INTERRUPTED,
    catch_interrupts,
    exit_code,
    finish,
    ignore_interrupts,
    interrupted,
    pipe_closed,
    say_interrupted,
)


def main() -> None:
    # A short-lived process whose data are acyclic trees: the cyclic garbage collector would
    # only walk them again and again (a third of the time of an edit on a 10,000-item plan).
    gc.disable()
    catch_interrupts()
    _whole_writes()
    try:
        from iwgplan.cli import memo

        code = memo.replay(sys.argv[1:])
        if code is None:
            from iwgplan.cli import front

            code = front.run(sys.argv[1:])
        if code is None:
            code = full()
    except BrokenPipeError:
        code = pipe_closed()
    except BaseException as exc:
        if isinstance(exc, SystemExit) or not interrupted(exc):
            raise
        _done()
        code = say_interrupted()
    _done()
    finish(code)


def _whole_writes() -> None:
    """Under PYTHONUNBUFFERED stdout is a raw file, whose write may take only part of the data
    when the reader goes away, and ``print`` would drop the rest without a word. A buffered
    writer writes everything or raises BrokenPipeError."""
    raw = getattr(sys.stdout, "buffer", None)
    if isinstance(raw, io.FileIO):
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(raw),
            encoding=sys.stdout.encoding,
            errors=sys.stdout.errors,
            line_buffering=True,
        )


def _done() -> None:
    """The exit code is decided: a Ctrl-C from now on would only kill Python while it shuts down."""
    ignore_interrupts()


def full() -> int:
    """Run the Typer app (every command, --help, completion and every usage message)."""
    from iwgplan.cli.app import app

    try:
        app(prog_name="iwgplan")
    except SystemExit as exc:
        if exc.code == 1 and _pacified(sys.stdout):
            return pipe_closed()
        if exc.code == INTERRUPTED and interrupted(exc):  # Typer's own exit for a Ctrl-C is silent
            _done()
            return say_interrupted()
        return exit_code(exc.code)
    return 0


def _pacified(stream: object) -> bool:
    """Click (in Typer) meets a closed pipe outside our commands (``--help``, ``--version``) by
    wrapping stdout in a ``PacifyFlushWrapper`` and exiting 1; it is the same closed pipe."""
    return type(stream).__name__ == "PacifyFlushWrapper"
