"""Reading the plan's history for `status --since`, `report` and `export --by week`.

Chooses the source: git when the plan is committed there, else the dated entries in the file.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from iwgplan.errors import UsageError
from iwgplan.files.blobs import Plans
from iwgplan.files.gitlog import GitHistory, HistoryError
from iwgplan.plan import dates
from iwgplan.plan.index import PlanIndex

if TYPE_CHECKING:
    from iwgplan.views.context import View

from iwgplan.views.history import (
    Progress,
    Since,
    done_share,
    git_points,
    progress,
    since_from_file,
    since_from_git,
)


def since_of(plan: Path | None, view: View, spec: str, rev: str | None) -> tuple[Since, Progress]:
    """``status --since SPEC`` for the plan that ``--plan`` names (or the one found), as shown."""
    from iwgplan.files.discover import find_plan_path, shown_path

    path = find_plan_path(plan)
    shown = shown_path(path) if path is not None else view.shown
    return since_for(path, shown, spec, view.index, view.as_of, rev)


def since_for(
    path: Path | None, shown: str, spec: str, new: PlanIndex, as_of: date, until: str | None = None
) -> tuple[Since, Progress]:
    """``--since DATE|REF`` for the plan at ``path``: from git, or from the file's dated history."""
    reason = _no_history(path, shown)
    if reason is not None:
        if not _DAY.fullmatch(spec):
            raise HistoryError(f"--since {spec}: a revision needs git, but {reason}")
        start = _day(spec)
        since = since_from_file(new, start, spec)
        since.notes[0] = f"from the dated history entries in the file ({reason})"
        since.day = start
        return since, _window_progress(progress(new, as_of, None), start)
    assert path is not None
    with GitHistory(path, shown) as history:
        bound = history.bound(spec, "--since")
        assert bound is not None
        if bound.day is not None and bound.day > dates.today():
            raise UsageError(f"--since {spec} is in the future (today is {dates.today()})")
        head = history.resolve(until, "--rev") if until else None
        since = since_from_git(history, Plans(history.blob, cached=True), bound, new, head)
    points = [*since.points, (as_of, done_share(new, as_of), None)]
    start = since.day or as_of
    return since, _window_progress(progress(new, as_of, points), start)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(spec: str) -> date:
    try:
        return date.fromisoformat(spec)
    except ValueError:
        raise UsageError(f"--since: {spec!r} is not a date; use YYYY-MM-DD") from None


def _no_history(path: Path | None, shown: str) -> str | None:
    """Why the plan has no git history to read, or None when it has."""
    if path is None:
        return "the embedded default plan has no git history"
    try:
        with GitHistory(path, shown) as history:
            if not history.has_head() or not history.committed():
                return f"{shown} has never been committed to git"
    except HistoryError as exc:
        return str(exc).split(" (")[0]
    return None


def _window_progress(whole: Progress, start: date) -> Progress:
    whole.weeks = [w for w in whole.weeks if w.end >= start]
    return whole


def report_progress(
    path: Path | None, shown: str, index: PlanIndex, as_of: date, rev: str | None
) -> Progress:
    """Progress per week for the report: from git when the plan is kept there, else from the file."""
    reason = _no_history(path, shown)
    if reason is not None or path is None:
        return progress(index, as_of, None, "no git history here")
    with GitHistory(path, shown) as history:
        head = history.resolve(rev, "--rev") if rev else None
        points = git_points(history, Plans(history.blob, cached=True), as_of, head)
    points.append((as_of, done_share(index, as_of), None))
    return progress(index, as_of, points)
