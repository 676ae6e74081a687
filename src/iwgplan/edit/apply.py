"""Apply an Outcome to the plan file: lock, re-read, splice, check, write atomically."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iwgplan.edit import warm as warm_edit
from iwgplan.edit.progress import Outcome
from iwgplan.edit.splice import Refused, apply_changes, refuse_if_invalid, unified_diff
from iwgplan.errors import FileResult, IwgplanError, PlanInvalid, Problem
from iwgplan.files.atomic import locked, real_target, write_atomic
from iwgplan.files.discover import find_plan_path, shown_path
from iwgplan.files.loading import Checked, check_text
from iwgplan.files.positions import Locator
from iwgplan.files.reading import decode, read_bytes
from iwgplan.files.yaml_loader import Span


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


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = real_target(path).stat()
    except OSError:  # missing, or a symlink loop: reading it says which, with its path
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


@dataclass(frozen=True, slots=True)
class Source:
    """The text being edited with its node tree and data, for edits that move text (`move`)."""

    text: str
    root: Any
    data: Any


def _located(exc: Refused, text: str, root: Any, shown: str) -> PlanInvalid:
    line, column = Locator(text, root).position(exc.loc, at_key=True)
    problem = Problem(str(exc), exc.loc, line, column)
    return PlanInvalid(FileResult(shown, [problem]), what="edit (nothing was written)")


def closed_refusal(shown: str, closed: object) -> str:
    """Why an edit of a closed plan is refused, the same words for every command that edits."""
    return (
        f"{shown} was closed on {closed}, when its successor took over the items it left"
        " open: record progress in the successor, or pass --force to edit this closed plan"
        " (nothing was written)"
    )


def record(
    explicit: Path | None,
    make: Callable[..., Outcome],
    *,
    dry_run: bool = False,
    with_source: bool = False,
    force: bool = False,
    use_cache: bool = True,
) -> Recorded:
    """Lock, read and check the plan, ask ``make`` for the changes (with the Source if asked),
    splice, check again and write atomically. ``use_cache`` False (`--no-cache`): neither read
    nor write the validated-plan cache."""
    path = editable_path(explicit)
    shown = shown_path(path)
    with locked(path):
        before = _identity(path)
        raw = read_bytes(path, shown)
        text = decode(raw, shown)  # raw is text's UTF-8 to the byte: the cache's key, not encoded again
        # A plan the validated-plan cache holds for these bytes is indexed from it, and a
        # progress edit then changes the items' lines alone (edit/warm.py); otherwise, and
        # whenever that path declines, the text is parsed and checked whole.
        warm = warm_edit.lookup(path, text, raw) if use_cache and not with_source else None
        # Only edits that move text need the node tree; the others note where each entry with
        # an id stands, and compose, splice and parse again only the entries they change.
        spans: dict[int, Span] | None = None if with_source else {}
        checked = None
        if warm is not None:
            plan, index = warm.plan, warm.index
        else:
            checked = _checked(text, shown, with_source, spans)
            plan, index = checked.plan, checked.index
        closed = plan.plan.closed
        if closed is not None and not force:
            raise IwgplanError(closed_refusal(shown, closed))
        try:
            if with_source:
                assert checked is not None
                outcome = make(index, Source(text, checked.root, checked.data))
            else:
                outcome = make(index)
        except Refused as exc:
            raise _located(exc, text, checked.root if checked is not None else None, shown) from None
        done = Recorded(outcome, shown)
        if not outcome.changes:
            return done
        del plan, index
        miss = use_cache and warm is None and checked is not None and spans
        if miss and warm_edit.eligible(outcome.changes):
            # the bytes read are cached now, from the models just validated, and the edit is
            # then made as on a hit: no second validation of the whole plan
            assert checked is not None and spans
            warm = warm_edit.after_a_miss(path, text, checked.plan, checked.data, spans, raw)
        fast = warm_edit.edit(text, outcome.changes, warm) if warm is not None else None
        if fast is not None:
            new_text = fast.text
        else:
            warm, held = None, [checked]
            del checked
            new_text = _whole(text, shown, outcome, held, spans, with_source)
        if dry_run:
            done.diff = unified_diff(text, new_text, shown)
            return done
        _check_writable(path)
        if _identity(path) != before:
            raise IwgplanError(
                f"{shown} was changed or removed by another program while iwgplan was editing it;"
                " nothing was written, run the command again"
            )
        written = new_text.encode("utf-8")
        write_atomic(path, written)
        done.written = True
        warm_edit.store(warm, written, fast)
    return done


def _checked(text: str, shown: str, with_source: bool, spans: dict[int, Span] | None = None) -> Checked:
    checked = check_text(text, shown, keep_tree=with_source, spans=spans)
    if checked.plan is None or checked.index is None:
        raise PlanInvalid(checked.result, what="plan (fix it before recording progress)")
    return checked


def _whole(
    text: str,
    shown: str,
    outcome: Outcome,
    held: list[Checked | None],
    spans: dict[int, Span] | None,
    with_source: bool,
) -> str:
    """The edit through the whole text: splice, then check the result; the new text.
    ``held`` holds the checked plan (None after a cache hit: checked here), taken out of it."""
    checked = held.pop()
    if checked is None:
        checked = _checked(text, shown, with_source, spans)
    # Drop the models before splicing and the old data before the result's models are built.
    # The node tree (three quarters of the memory of a parse) is composed by the splicer and
    # freed before the result is parsed: one tree at a time. Edits that move text hand over
    # the tree they were given, which the splicer frees the same way.
    # The validated plan stays for the check of the result, which validates again only the
    # entries the edit changed (refuse_if_invalid); an edit through the whole text keeps it
    # only until it knows that nothing can be reused.
    data, tree, plan = checked.data, [checked.root] if with_source else None, checked.plan
    del checked
    edited = apply_changes(text, outcome.changes, tree=tree, data=data, spans=spans)
    kept = [(data, plan)]
    del tree, spans, data, plan
    refuse_if_invalid(edited, shown, kept)
    return edited.text
