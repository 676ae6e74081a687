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
from iwgplan.errors import FileResult
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
    return Target(line, entry.id)


def editor() -> list[str]:
    """$VISUAL, then $EDITOR, then vi, split as a shell would split it (but no shell runs it)."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
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
