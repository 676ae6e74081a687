"""Validate plan files: every file's problems collected into one result per file."""

from __future__ import annotations

from pathlib import Path

from iwgplan.errors import FileResult, PlanInvalid
from iwgplan.files.discover import read_plan
from iwgplan.files.loading import check_text
from iwgplan.files.reading import read_text
from iwgplan.files.text import PlanText


def validate_source(source: PlanText) -> FileResult:
    return check_text(source.text, source.shown).result


def validate_path(path: Path) -> FileResult:
    shown = str(path)
    try:
        text = read_text(path, shown)
    except PlanInvalid as exc:
        return exc.result
    return check_text(text, shown).result


def validate_files(files: list[Path], plan: Path | None, rev: str | None) -> list[FileResult]:
    """Each file's problems; several files (or a folder) are also checked among themselves, and
    one plan file against the plans beside it (its carries, its period)."""
    from iwgplan.files.family import cross_check, family_of, read_family

    if files:
        paths = family_of(files)
        if len(paths) == 1:
            return [against_neighbours(paths[0], str(paths[0]))]
        members = read_family(paths)
        cross_check(members)
        return [m.result for m in members]
    try:
        source = read_plan(plan, rev)
    except PlanInvalid as exc:
        return [exc.result]
    if source.path is not None and source.rev is None:
        return [against_neighbours(source.path, source.shown)]
    return [validate_source(source)]


def against_neighbours(path: Path, shown: str) -> FileResult:
    """One plan file's problems, its carries read against the plans of its folder included.

    The plans beside it are read only when it carries items (``carried_from``): nothing else of
    one plan is checked against them (its id is its folder's first by its own lights, and
    overlapping periods are a check of the plans named together), so a plan that carries
    nothing costs no more to validate beside a hundred others than alone."""
    from iwgplan.files.carries import carried_entries
    from iwgplan.files.family import beside, cross_check, read_member

    first = read_member(path, shown)
    if first.index is None or not carried_entries(first):
        return first.result
    members = beside(path, shown, first)
    cross_check(members, overlaps=False)
    return members[0].result
