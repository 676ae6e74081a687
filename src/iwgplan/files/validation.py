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
    if files:
        return [validate_path(path) for path in files]
    try:
        source = read_plan(plan, rev)
    except PlanInvalid as exc:
        return [exc.result]
    return [validate_source(source)]
