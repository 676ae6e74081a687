"""Remembered screens: the text `iwgplan status` printed, kept with the exact inputs that made
it, so that the same command line on the same plan bytes, on the same day, in the same terminal,
environment and install, prints that text again without computing it.

This is the way ruff answers an unchanged file with the diagnostics it cached for it, keyed by
the file's contents, the settings and the version: the answer is a function of its inputs, and
the key holds every input the command reads. For `status` (without ``--since``, which reads git)
those are:

- the command line as typed, the working folder, and every environment variable but the shell's
  own bookkeeping (``_``, ``OLDPWD``, ``SHLVL``): colour, width, language, pager, plan and cache
  settings, whatever a library reads;
- the terminal: whether each of stdin, stdout and stderr is one and its size, stdout's encoding;
- the day (``dates.today()``, the clock every command reads);
- the plan: the file read (resolved) and the digest of its bytes;
- the code: iwgplan's version, the size and modification time of every file of the package
  (modules, templates, catalogues), of every folder on ``sys.path`` (an install or upgrade of a
  library changes its folder), and Python's version.

A slot is kept per install, working folder and command line, and replaced when any of the rest
changes, so the cache holds at most one screen per command line used. An entry is used only
under the rules of the validated-plan cache (:mod:`iwgplan.files.cache`: our own folder and
file, a regular file, opened without following links, bounded) and when its payload matches its
digest; anything else is a miss, never an error. A screen is kept only when the command exited
0, wrote nothing to stderr, wrote its whole output through :func:`iwgplan.cli.output.page`
once, and the day did not change while it ran. ``--no-cache`` and ``IWGPLAN_NO_CACHE`` turn it
off with the other caches. `tests/test_memo.py` checks that a hit prints byte for byte what
the command prints, and that a change of each input misses.

This module imports nothing heavy: a hit runs on it, the cache folder's rules and digests
(:mod:`iwgplan.files.cache_files`), the plan limit's reader and the clock.
"""

from __future__ import annotations

import os
import sys

from iwgplan.files import cache_files
from iwgplan.files.cache_files import digest as _digest
from iwgplan.files.cache_files import disabled as _off
from iwgplan.files.cache_files import stamp as _stamp

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads the name)
if TYPE_CHECKING:
    from typing import Any

FORMAT = "1"
MAGIC = f"iwgplan-screen {FORMAT}\n".encode()
COMMANDS = frozenset({"status"})
UNKEYED = frozenset({"_", "OLDPWD", "SHLVL"})  # set by the shell for each command, read by none
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DISCOVERED = "-"  # the plan was found (no --plan): find it again on a hit


def _code() -> list[str]:
    """The code that makes a screen: every file of the package and every folder on sys.path."""
    parts = [sys.version, sys.executable, sys.prefix, _PACKAGE]
    folders = [_PACKAGE]
    while folders:
        here = folders.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError:
            parts.append(f"{here}:?")
            continue
        for entry in entries:
            if entry.name == "__pycache__":
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            else:
                parts.append(_stamp(entry.path))
    here = os.getcwd()  # `python -m` puts the working folder first: it is in the key as a path
    parts += [_stamp(p) for p in sys.path if p and p != here]
    return parts


def _terminal() -> list[str]:
    parts = []
    for fd in (0, 1, 2):
        try:
            tty = os.isatty(fd)
            size = os.get_terminal_size(fd) if tty else None
        except OSError:
            tty, size = False, None
        parts.append(f"{fd}:{tty}:{size.columns if size else '-'}x{size.lines if size else '-'}")
    out = sys.stdout
    parts.append(f"{getattr(out, 'encoding', None)}:{getattr(out, 'errors', None)}:{_isatty(out)}")
    return parts


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _day() -> str:
    """Today, from the clock every command reads (``dates.today()``, which tests pin). A process
    that has not loaded it yet (a hit) reads the local date as it does, without loading
    datetime; `tests/test_memo.py` checks that both give the same day."""
    dates = sys.modules.get("iwgplan.plan.dates")
    if dates is not None:
        return str(dates.today().isoformat())
    import time

    now = time.localtime()
    return f"{now.tm_year:04d}-{now.tm_mon:02d}-{now.tm_mday:02d}"


def slot(argv: list[str]) -> str:
    """The entry's file name: one per install, working folder and command line."""
    where = "\0".join([FORMAT, _PACKAGE, sys.prefix, os.getcwd(), *argv])
    return f"screen-{_digest(where.encode('utf-8', 'surrogateescape'))}"


def key(argv: list[str], plan: str, raw: bytes, day: str) -> str:
    env = [f"{k}={v}" for k, v in sorted(os.environ.items()) if k not in UNKEYED]
    parts = [FORMAT, *argv, "\0", os.getcwd(), *env, "\0", *_terminal(), day, "\0", *_code()]
    parts += [plan, _digest(raw)]
    return _digest("\0".join(parts).encode("utf-8", "surrogateescape"))


def _plan_bytes(given: str) -> tuple[str, bytes] | None:
    """The plan's identity (the resolved path, or the embedded default) and its bytes, found as
    the command finds them; None when the command would have more to say (a note on a plans/
    folder passed over) or anything is amiss."""
    from iwgplan.files.limits import MAX_BYTES, regular_file_bytes

    if given != DISCOVERED:
        return os.path.realpath(given), regular_file_bytes(given, MAX_BYTES + 1)
    from iwgplan.files import discover

    path = discover.find_plan_path(None)
    if discover.NOTES:
        return None
    if path is None:
        return "embedded:", discover.embedded_bytes()
    return os.path.realpath(path), regular_file_bytes(path, MAX_BYTES + 1)


def replay(argv: list[str]) -> int | None:
    """Print the screen remembered for this command line and return 0; None on a miss."""
    if not argv or argv[0] not in COMMANDS or _off():
        return None
    try:
        found = _lookup(argv)
    except Exception:  # anything amiss is a miss
        return None
    if found is None:
        return None
    text, pager = found
    _show(text, pager)
    return 0


def _lookup(argv: list[str]) -> tuple[str, bool] | None:
    blob = cache_files.read_entry(os.path.join(cache_files.folder(), slot(argv)), LIMIT)
    if blob is None:
        return None
    magic, header, payload = blob.split(b"\n", 2)
    if magic + b"\n" != MAGIC:
        return None
    want, payload_digest, given, pager = header.decode("ascii").split(" ")
    if payload_digest != _digest(payload):
        return None
    given = DISCOVERED if given == DISCOVERED else bytes.fromhex(given).decode("utf-8", "surrogateescape")
    plan = _plan_bytes(given)
    if plan is None or key(argv, *plan, _day()) != want:
        return None
    return payload.decode("utf-8"), pager == "1"


LIMIT = 64 * 1024 * 1024  # a screen is a summary: far less than this, whatever the plan


def _show(text: str, pager: bool) -> None:
    """What :func:`iwgplan.cli.output.page` does with the text: the pager only when it could
    run (a terminal the text would overflow), which needs the output module; else the bytes."""
    if pager and _isatty(sys.stdout):
        import shutil

        if text.count("\n") >= shutil.get_terminal_size().lines:
            from iwgplan.cli.output import page

            page(text, pager=True)
            return
    from iwgplan.cli.process import write_stdout

    write_stdout(text.encode("utf-8"))


class _Watch:
    """A stream that notes whether anything was written to it besides through page()."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.written = False

    def write(self, text: str) -> int:
        self.written = True
        return int(self._stream.write(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Recording:
    """One run of a command whose screen may be kept: :meth:`start` before it, :meth:`keep`
    after it with its exit code. It hears what the run gives :func:`iwgplan.cli.output.page`."""

    def __init__(self, argv: list[str], given: str, plan: str, raw: bytes) -> None:
        self.argv, self.given = argv, given
        self.day = _day()
        self.heard: list[tuple[str, bool]] = []
        self.want = key(argv, plan, raw, self.day)
        self.out, self.err = _Watch(sys.stdout), _Watch(sys.stderr)

    def hear(self, text: str, pager: bool) -> None:
        self.heard.append((text, pager))

    @classmethod
    def start(cls, argv: list[str], given: str, plan: str, raw: bytes) -> Recording | None:
        if not argv or argv[0] not in COMMANDS or _off():
            return None
        from iwgplan.cli.output import LISTENERS

        try:
            recording = cls(argv, given, plan, raw)
        except Exception:
            return None
        sys.stdout, sys.stderr = recording.out, recording.err
        LISTENERS.append(recording.hear)
        return recording

    def keep(self, code: int) -> None:
        from iwgplan.cli.output import LISTENERS

        if self.hear in LISTENERS:
            LISTENERS.remove(self.hear)
        if sys.stdout is self.out:
            sys.stdout = self.out._stream
        if sys.stderr is self.err:
            sys.stderr = self.err._stream
        if code != 0 or self.out.written or self.err.written or len(self.heard) != 1:
            return
        try:
            if _day() != self.day:  # midnight passed while it ran
                return
            _store(self)
        except Exception:  # a cache that cannot be written is skipped
            pass


def _store(recording: Recording) -> None:
    text, pager = recording.heard[0]
    payload = text.encode("utf-8")
    if len(payload) > LIMIT - 4096:
        return
    given = recording.given
    if given != DISCOVERED:
        given = given.encode("utf-8", "surrogateescape").hex()
    header = f"{recording.want} {_digest(payload)} {given} {int(pager)}\n".encode("ascii")
    cache_files.write_entry(
        os.path.join(cache_files.folder(), slot(recording.argv)), MAGIC + header + payload
    )
