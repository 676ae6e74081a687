"""Editing the plan by hand, made safe: where to open the editor, and what the edit did.

People will still edit YAML by hand. `iwgplan edit ID` opens their editor at the item's line, then
validates the file and shows the diff; these are its plain parts (the CLI runs the editor).
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path

from iwgplan.edit.splice import unified_diff
from iwgplan.errors import FileResult, IwgplanError, PlanInvalid
from iwgplan.files.loading import check_text
from iwgplan.files.positions import Locator
from iwgplan.plan.index import resolve

# Editors that take `--goto FILE:LINE` rather than `+LINE FILE` (VS Code and its builds).
GOTO_EDITORS = {"code", "code-insiders", "codium", "vscodium", "cursor"}


@dataclass(slots=True)
class Target:
    """Where to open the editor: the item's first line, or the first problem of an invalid plan."""

    line: int
    item_id: str | None
    problems: FileResult | None = None
    closed: str | None = None  # the day the plan was closed (`iwgplan successor`), if it was


def locate(text: str, shown: str, wanted: str, *, exact: bool) -> Target:
    """The line of the item ``wanted`` names (a prefix unless ``exact``).

    A plan that is not valid cannot be searched by id; then the target is its first problem,
    which is where the person needs to be anyway.
    """
    checked = check_text(text, shown, keep_tree=True)
    if checked.index is None or checked.plan is None:
        lines = [p.line for p in checked.result.problems if p.line]
        return Target(min(lines, default=1), None, checked.result)
    entry = resolve(checked.index, wanted, exact=exact)
    line, _ = Locator(text, checked.root).position(entry.loc)
    closed = checked.plan.plan.closed
    return Target(line, entry.id, closed=str(closed) if closed is not None else None)


def editor() -> list[str]:
    """$VISUAL, then $EDITOR, then vi, split as a shell would split it (but no shell runs it).

    A value that cannot be split (an unbalanced quote) or that names no program is a user error.
    """
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                command = shlex.split(value)
            except ValueError as exc:
                raise IwgplanError(
                    f"${name} cannot be read as a command ({str(exc).lower()}): {value!r};"
                    f" set it to your editor's command, for example {name}=nano"
                ) from None
            if not command or not command[0].strip():
                raise IwgplanError(
                    f"${name} names no program: {value!r}; set it to your editor's command,"
                    f" for example {name}=nano"
                )
            return command
    return ["vi"]


def editor_command(command: list[str], path: Path, line: int) -> list[str]:
    """The editor opening ``path`` at ``line``: `+LINE FILE` (vi, vim, nano, emacs, micro ...)
    or `--goto FILE:LINE` (VS Code)."""
    name = Path(command[0]).name.removesuffix(".exe")
    if name in GOTO_EDITORS:
        return [*command, "--goto", f"{path}:{line}"]
    return [*command, f"+{line}", str(path)]


@dataclass(slots=True)
class Review:
    """What a hand edit did: the diff against the text before, and any problems it left."""

    diff: str
    result: FileResult

    @property
    def valid(self) -> bool:
        return self.result.valid


def review(before: str, after: str, shown: str) -> Review:
    return Review(unified_diff(before, after, shown), check_text(after, shown).result)


class ChangedMeanwhile(IwgplanError):
    """The plan changed on disk while the editor was open; the edit was kept aside."""


def write_back(path: Path, shown: str, opened: bytes, data: bytes) -> None:
    """Write what the editor saved to the plan, under the edit lock, if the plan still holds the
    bytes the editor was given; otherwise write nothing to it and keep the edit aside."""
    from iwgplan.files.atomic import locked, write_atomic
    from iwgplan.files.reading import read_bytes

    with locked(path):
        try:
            now: bytes | None = read_bytes(path, shown)
        except PlanInvalid:  # removed, or replaced by something that is not a plan
            now = None
        if now != opened:
            aside = keep_aside(path, data)
            raise ChangedMeanwhile(
                f"{shown} was changed by another program while your editor was open (a `done`"
                f" or another edit), so your edit was not written over it: {shown} keeps that"
                f" change and your edit is saved in {aside}; compare the two and edit again"
            )
        write_atomic(path, data)


def keep_aside(path: Path, data: bytes) -> Path:
    """Save ``data`` beside the plan as ``NAME.edited`` (``NAME.edited-2`` ...), never over a
    file; where the plan's folder cannot be written, in the temporary folder."""
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    for n in range(1, 1000):
        candidate = folder / (f"{path.name}.edited" + (f"-{n}" if n > 1 else ""))
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        except OSError:
            break
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return candidate
    fd, name = tempfile.mkstemp(prefix=f"{path.name}.edited-", suffix=".yaml")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return Path(name)
