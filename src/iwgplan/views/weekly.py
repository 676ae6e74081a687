"""Progress per week: the share of deliverables done, from git or from the file's own dates,
stepped onto the weeks of the plan's period (the report's chart and `export --by week`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from iwgplan.files.gitlog import Commit, GitHistory
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.status import Status
from iwgplan.views.steps import Loader, PlansOf, no_history, shown_at
from iwgplan.views.timeline import done_share, elapsed_fraction, rollup, share_units


@dataclass(frozen=True, slots=True)
class Week:
    start: date  # a Monday
    end: date  # the Sunday, or the as-of day for the last week
    done: float | None  # share of deliverables done by the end of the week; None before any record
    elapsed: float  # share of the plan's period elapsed by then
    commit: str | None = None  # the last commit by then, for a series from git


@dataclass(slots=True)
class Progress:
    weeks: list[Week]
    source: str  # "git", "file"
    start: date
    end: date
    as_of: date
    milestones: list[tuple[str, date]]
    note: str = ""
    titles: dict[str, str] = field(default_factory=dict)  # each milestone's title, by id, for the charts


def _week_ends(start: date, stop: date) -> Iterator[tuple[date, date]]:
    monday = start - timedelta(days=start.weekday())
    while monday <= stop:
        yield monday, min(monday + timedelta(days=6), stop)
        monday += timedelta(days=7)


def weekly(points: list[tuple[date, float, str | None]], index: PlanIndex, as_of: date) -> list[Week]:
    """Step a dated series of done shares onto the weeks of the plan's period, up to ``as_of``."""
    meta = index.plan.plan
    start, end = meta.period.start.first(), meta.period.end.last()
    ordered = sorted(points, key=lambda p: p[0])
    weeks, i, current, commit = [], 0, None, None
    for monday, sunday in _week_ends(start, min(as_of, end)):
        while i < len(ordered) and ordered[i][0] <= sunday:
            _, current, commit = ordered[i]
            i += 1
        weeks.append(Week(monday, sunday, current, elapsed_fraction(start, end, sunday), commit))
    return weeks


def done_day(entry: Entry) -> date | None:
    """When an item was done, from its `completed` date, its history, or its sub-points."""
    if rollup(entry) is not Status.DONE:
        return None
    if entry.item.completed is not None:
        return entry.item.completed
    for record in reversed(entry.item.history):
        if record.status is Status.DONE:
            return record.date
    days = [done_day(child) for child in entry.children]
    known = [d for d in days if d is not None]
    return max(known) if known and len(known) == len(days) else None


def file_points(index: PlanIndex, as_of: date) -> list[tuple[date, float, str | None]]:
    """A done-share series from the dates in the file: each item counts as done from its done day.

    An item done without a known day counts only from ``as_of``, the day the file describes.
    Every point counts what the last one (and the report's summary sentence) counts: the tiers'
    deliverables that are not dropped; standing duties, past business and possibilities never count.
    """
    counted = [e for e in share_units(index) if rollup(e) is not Status.DROPPED]
    if not counted:
        return []
    days = sorted(d for e in counted if (d := done_day(e)) is not None and d <= as_of)
    points: list[tuple[date, float, str | None]] = [(index.plan.plan.period.start.first(), 0.0, None)]
    points += [(day, n / len(counted), None) for n, day in enumerate(days, start=1)]
    points.append((as_of, done_share(index, as_of), None))
    return points


def progress(
    index: PlanIndex, as_of: date, git_points: list[tuple[date, float, str | None]] | None, note: str = ""
) -> Progress:
    """Progress per week from git, or from the file's dates when they say more (or git is absent)."""
    meta = index.plan.plan
    from_file = file_points(index, as_of)
    use_file = git_points is None or len({p[1] for p in from_file}) > len({p[1] for p in git_points})
    points = from_file if use_file or git_points is None else git_points
    milestones = sorted((m.id, m.begins.first()) for m in index.plan.milestones)
    return Progress(
        weekly(points, index, as_of),
        "file" if use_file else "git",
        meta.period.start.first(),
        meta.period.end.last(),
        as_of,
        sorted(milestones, key=lambda m: m[1]),
        note,
        {m.id: m.title for m in index.plan.milestones},
    )


def git_points(
    history: GitHistory, plans: Loader, as_of: date, until: str | None = None
) -> list[tuple[date, float, str | None]]:
    """The done share after each commit of the first-parent line, up to ``as_of``."""
    return week_points(history.commits(until=until, first_parent=True), plans, as_of)


def week_points(
    commits: Iterable[Commit], plans: Loader, as_of: date | None
) -> list[tuple[date, float, str | None]]:
    """The done share after the newest commit of each week whose plan loads.

    The weekly series keeps only the last point of a week, so the other commits of that week
    are never parsed: a busy week costs one parse, not one per commit.
    """
    weeks: dict[date, list[Commit]] = {}
    for commit in commits:  # newest first, in graph order; placed by the day each was committed
        day = commit.landed
        if commit.new_blob is not None and (as_of is None or day <= as_of):
            weeks.setdefault(day - timedelta(days=day.weekday()), []).append(commit)
    points: list[tuple[date, float, str | None]] = []
    for found_in in weeks.values():
        for commit in found_in:
            assert commit.new_blob is not None
            found = plans.get(commit.new_blob, shown_at(commit))
            if not isinstance(found, str):
                points.append((commit.landed, done_share(found, as_of or commit.landed), commit.short))
                break
    return points


def window_progress(whole: Progress, start: date) -> Progress:
    whole.weeks = [w for w in whole.weeks if w.end >= start]
    return whole


def report_progress(
    path: Path | None, shown: str, index: PlanIndex, as_of: date, rev: str | None, plans_of: PlansOf
) -> Progress:
    """Progress per week for the report: from git when the plan is kept there, else from the file."""
    reason = no_history(path, shown)
    if reason is not None or path is None:
        return progress(index, as_of, None, "no git history here")
    with GitHistory(path, shown) as history:
        head = history.resolve(rev, "--rev") if rev else None
        points = git_points(history, plans_of(history), as_of, head)
    points.append((as_of, done_share(index, as_of), None))
    return progress(index, as_of, points)
