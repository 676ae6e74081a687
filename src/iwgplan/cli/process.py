"""How the process ends: the exit codes of an interrupt and a closed pipe, and the exit itself.

Imported by the start-up path and by every command's error handler, so it imports nothing of
iwgplan's and nothing heavy.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads the name)
if TYPE_CHECKING:
    import signal
    from types import FrameType
else:
    try:  # the C module: `signal` wraps it in enums, and importing enum is a quarter of a 20 ms start
        import _signal as signal
    except ImportError:  # pragma: no cover - another Python
        import signal

INTERRUPTED = 130
PIPE_CLOSED = 141  # 128 + SIGPIPE: what a shell reports for `git log | head`

_interrupted = False


def catch_interrupts() -> None:
    """Remember a Ctrl-C as well as raising KeyboardInterrupt: Python may turn the exception
    into another on its way out (a ``RuntimeError`` when it lands in a class's ``__set_name__``
    during an import; a library's own wrapper), and the process must still exit 130."""
    signal.signal(signal.SIGINT, _on_interrupt)


def ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


_said = False


def say_interrupted() -> int:
    """Say once that the command was interrupted (its handler and the exit may both see it)."""
    global _said
    if not _said:
        _said = True
        print("iwgplan: interrupted", file=sys.stderr)
    return INTERRUPTED


def interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is, or came from, a Ctrl-C."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return _interrupted


def pipe_closed() -> int:
    """The reader of stdout went away (`iwgplan list | head`): stop writing, say nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the flush at exit cannot fail again
    except (OSError, ValueError):
        pass
    return PIPE_CLOSED


def write_stdout(raw: bytes) -> None:
    """Bytes to stdout, whole: after what the text layer holds, and in as many writes as a pipe
    takes (unbuffered, under PYTHONUNBUFFERED, a pipe may take only part of one)."""
    sys.stdout.flush()
    out, rest = sys.stdout.buffer, memoryview(raw)
    while rest:
        rest = rest[out.write(rest) or 0 :]
    out.flush()


def exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def finish(code: int) -> None:
    """Flush and leave: skipping the teardown of every module and object (40 ms, and 90 to
    220 ms after a 10,000-item plan). Locks and files are closed by then: every command
    releases them in its own `with` blocks before it returns."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = pipe_closed() if code == 0 else code
    except (OSError, ValueError):  # a closed stream: nothing more can be said
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)
