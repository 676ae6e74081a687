"""Apply an Outcome to the plan file: lock, re-read, splice, check, write atomically."""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from iwgplan.atomic import locked, real_target, write_atomic
from iwgplan.discover import find_plan_path, shown_path
from iwgplan.edit import apply_changes, refuse_if_invalid
from iwgplan.errors import IwgplanError, PlanInvalid
from iwgplan.index import PlanIndex
from iwgplan.loading import check_text
from iwgplan.progress import Outcome
from iwgplan.source import decode, read_bytes


@dataclass(slots=True)
class Recorded:
    outcome: Outcome
    path: str
    diff: str = ""
    written: bool = False


def editable_path(explicit: Path | None) -> Path:
    path = find_plan_path(explicit)
    if path is None:
        raise IwgplanError(
            "no plan file found, so iwgplan would read its embedded default plan, which it"
            " cannot edit; run `iwgplan init` to copy it into plans/ and record progress there"
        )
    return path


def _check_writable(path: Path) -> None:
    target = real_target(path)
    any_write = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    for what, place in (
        ("file", target),
        ("folder", target.parent if str(target.parent) else Path(".")),
    ):
        try:
            mode = place.stat().st_mode
        except OSError:
            continue
        if not mode & any_write or not os.access(place, os.W_OK):
            raise IwgplanError(f"the plan {what} {place} is read-only; nothing was changed")


def record(explicit: Path | None, make: Callable[[PlanIndex], Outcome], *, dry_run: bool = False) -> Recorded:
    path = editable_path(explicit)
    shown = shown_path(path)
    with locked(path):
        text = decode(read_bytes(path, shown), shown)
        checked = check_text(text, shown)
        if checked.plan is None or checked.index is None:
            raise PlanInvalid(checked.result, what="plan (fix it before recording progress)")
        outcome = make(checked.index)
        done = Recorded(outcome, shown)
        if not outcome.changes:
            return done
        new_text = apply_changes(text, outcome.changes)
        refuse_if_invalid(new_text, shown)
        done.diff = "".join(
            difflib.unified_diff(
                text.splitlines(keepends=True), new_text.splitlines(keepends=True), shown, shown
            )
        )
        if dry_run:
            return done
        _check_writable(path)
        write_atomic(path, new_text.encode("utf-8"))
        done.written = True
    return done
