"""The plan's story: semantic changes per commit, what changed since a day, progress per week.

Works over the commits and blobs that :mod:`iwgplan.files.gitlog` reads; holds at most a few
plans at a time (the two being compared and the one before), and parses each blob once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from iwgplan.files.gitlog import Bound, Commit, GitHistory, HistoryError
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.status import Status
from iwgplan.views.diff import ADDED, REMOVED, Change, diff_plans
from iwgplan.views.timeline import counted as is_counted
from iwgplan.views.timeline import done_fraction, elapsed_fraction, reason_for, rollup, summarize


def done_share(index: PlanIndex, as_of: date) -> float:
    """The share of deliverables done, as the status screen counts it."""
    return done_fraction(summarize(index, as_of, 0).counts)


class Loader(Protocol):
    """Blobs to plans (:class:`iwgplan.files.blobs.Plans`): a plan, or why it does not load."""

    def get(self, blob: str, shown: str) -> PlanIndex | str: ...


# --- one step per commit -----------------------------------------------------------------------


@dataclass(slots=True)
class Step:
    """A commit and what it did to the plan."""

    commit: Commit
    changes: list[Change] = field(default_factory=list)
    event: str | None = None  # "added", "deleted", "invalid"
    problem: str | None = None  # why the plan does not load: ":line:col: message", after its path
    compared_with: str | None = None  # the commit compared with, when not the parent
    items: int = 0  # action points in the plan after the commit
    share: float | None = None  # share done after the commit

    @property
    def notes(self) -> list[str]:
        c = self.commit
        out = []
        if c.merge:
            out.append(f"merge: compared with its first parent {c.parents[0][:7]}")
        if c.old_path is not None:
            out.append(f"renamed from {c.old_path}")
        if self.compared_with is not None:
            out.append(f"compared with {self.compared_with[:7]}, the last earlier commit whose plan loads")
        return out


def _shown(commit: Commit) -> str:
    return f"{commit.short}:{commit.path}"


def steps(commits: Iterable[Commit], plans: Loader, as_of: date | None = None) -> Iterator[Step]:
    """Each commit with its semantic changes, newest first; plans that do not load are skipped."""
    source = iter(commits)
    pending: deque[Commit] = deque()

    def following() -> Commit | None:
        return pending.popleft() if pending else next(source, None)

    while (commit := following()) is not None:
        if commit.new_blob is None:
            yield Step(commit, event="deleted")
            continue
        new = plans.get(commit.new_blob, _shown(commit))
        if isinstance(new, str):
            yield Step(commit, event="invalid", problem=new)
            continue
        step = Step(commit, items=len(new.entries), share=done_share(new, as_of or commit.day))
        if commit.old_blob is None:
            yield _added(step, new)
            continue
        old = plans.get(commit.old_blob, f"{commit.short}~:{commit.old_path or commit.path}")
        if isinstance(old, str):
            earlier = _last_loading(source, pending, plans)
            if earlier is None:
                yield _added(step, new)
                continue
            step.compared_with, old = earlier
        step.changes = diff_plans(old, new)
        yield step


def _added(step: Step, new: PlanIndex) -> Step:
    step.event = "added"
    step.changes = [
        Change(ADDED, "action_point", e.id, None, None, e.item.title, e.group.id) for e in new.entries
    ]
    return step


def _last_loading(
    source: Iterator[Commit], pending: deque[Commit], plans: Loader
) -> tuple[str, PlanIndex] | None:
    """Look further back for the newest earlier plan that loads; what was read is put back."""
    for commit in [*pending]:
        if commit.new_blob is not None:
            found = plans.get(commit.new_blob, _shown(commit))
            if not isinstance(found, str):
                return commit.sha, found
    for commit in source:
        pending.append(commit)
        if commit.new_blob is not None:
            found = plans.get(commit.new_blob, _shown(commit))
            if not isinstance(found, str):
                return commit.sha, found
    return None


def touches(step: Step, item_id: str) -> list[Change]:
    """The changes of a step that concern one action point."""
    key = item_id.lower()
    return [c for c in step.changes if c.entity == "action_point" and (c.id or "").lower() == key]


# --- since a day or a revision ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Moved:
    """An action point whose status or due date changed in the window."""

    id: str
    title: str
    detail: str = ""  # a reason, or "2026-06 → 2026-09"
    days: int = 0


@dataclass(slots=True)
class Since:
    """What happened to the plan since a day or revision: the status screen's first block."""

    label: str  # "2026-10-01" or "rev1 (abc1234)"
    source: str  # "git" or "file"
    commits: int = 0
    first: str | None = None  # short hash of the oldest and newest commit in the window
    last: str | None = None
    done: list[Moved] = field(default_factory=list)
    started: list[Moved] = field(default_factory=list)
    blocked: list[Moved] = field(default_factory=list)
    dropped: list[Moved] = field(default_factory=list)
    reopened: list[Moved] = field(default_factory=list)
    added: list[Moved] = field(default_factory=list)
    removed: list[Moved] = field(default_factory=list)
    slipped: list[Moved] = field(default_factory=list)
    earlier: list[Moved] = field(default_factory=list)
    revision: tuple[str, str] | None = None  # ("Original of 2025-09-10", "Rev.1 of 2026-02-15")
    notes: list[str] = field(default_factory=list)
    day: date | None = None  # the first day of the window
    points: list[tuple[date, float, str | None]] = field(default_factory=list)  # done share per commit

    @property
    def empty(self) -> bool:
        lists = [self.done, self.started, self.blocked, self.dropped, self.reopened]
        lists += [self.added, self.removed, self.slipped, self.earlier]
        return not any(lists) and self.revision is None


# --- the "Since ..." block in words (status, report) --------------------------------------------

LIMIT = 10  # ids listed per kind of change; JSON lists them all

ROWS = [
    ("done", "done"),
    ("started", "started"),
    ("blocked", "blocked"),
    ("dropped", "dropped"),
    ("reopened", "reopened"),
    ("added", "added"),
    ("removed", "removed"),
    ("slipped", "slipped"),
    ("earlier", "brought forward"),
]


def _moved(m: Moved) -> str:
    if m.days:
        return f"{m.id} {m.days:+d} days ({m.detail})"
    return f"{m.id} ({m.detail})" if m.detail else m.id


def since_heading(since: Since) -> str:
    head = f"Since {since.label}"
    if since.source == "git":
        span = f", {since.first}..{since.last}" if since.first and since.first != since.last else ""
        span = span or (f", {since.first}" if since.first else "")
        head += f" ({since.commits} commit{'s' * (since.commits != 1)}{span})"
    return head


def since_lines(since: Since) -> list[tuple[str, str]]:
    """(label, text) pairs, one per kind of change, in a fixed order."""
    rows = []
    for key, label in ROWS:
        found: list[Moved] = getattr(since, key)
        if found:
            names = [_moved(m) for m in found[:LIMIT]]
            names += [f"… and {len(found) - LIMIT} more"] if len(found) > LIMIT else []
            rows.append((f"{label} ({len(found)})", ", ".join(names)))
    if since.revision:
        rows.append(("revision", f"{since.revision[0]} → {since.revision[1]}"))
    return rows


_BY_STATUS = {
    Status.DONE.value: "done",
    Status.IN_PROGRESS.value: "started",
    Status.BLOCKED.value: "blocked",
    Status.DROPPED.value: "dropped",
    Status.PLANNED.value: "reopened",
}


def since_from_plans(since: Since, old: PlanIndex | None, new: PlanIndex) -> Since:
    """Fill ``since`` with the net change from the plan at the start of the window to ``new``."""
    if old is None:
        since.added = [Moved(e.id, e.item.title) for e in new.entries]
        return since
    meta_a, meta_b = old.plan.plan, new.plan.plan
    if (meta_a.revision, meta_a.date) != (meta_b.revision, meta_b.date):
        since.revision = (
            f"{meta_a.revision_label} of {meta_a.date}",
            f"{meta_b.revision_label} of {meta_b.date}",
        )
    for change in diff_plans(old, new):
        if change.entity != "action_point" or change.id is None:
            continue
        _file_change(since, change, new)
    return since


def _file_change(since: Since, change: Change, new: PlanIndex) -> None:
    ident = change.id or ""
    entry = new.by_id.get(ident.lower())
    title = entry.item.title if entry else str(change.old or "")
    if change.kind == ADDED:
        since.added.append(Moved(ident, title))
    elif change.kind == REMOVED:
        since.removed.append(Moved(ident, title))
    elif change.field == "status" and entry is not None:
        bucket = _BY_STATUS[change.new]
        reason = reason_for(entry, Status(change.new)) if bucket in ("blocked", "dropped") else None
        getattr(since, bucket).append(Moved(ident, title, reason or ""))
    elif change.field == "due" and change.extra.get("days"):
        days = change.extra["days"]
        moved = Moved(ident, title, f"{change.old} → {change.new}", days)
        (since.slipped if days > 0 else since.earlier).append(moved)


def since_from_file(index: PlanIndex, start: date, label: str) -> Since:
    """Without git: the status changes that the plan's dated history entries record since ``start``."""
    since = Since(label, "file")
    since.notes.append(
        "from the dated history entries in the file (git is not available for this plan),"
        " so additions, removals and slips are not known"
    )
    for entry in index.entries:
        recent = [h for h in entry.item.history if h.date >= start and h.status is not None]
        if recent and recent[-1].status is not None:
            last = recent[-1]
            assert last.status is not None
            bucket = _BY_STATUS[last.status.value]
            detail = (last.note or "") if bucket in ("blocked", "dropped") else ""
            getattr(since, bucket).append(Moved(entry.id, entry.item.title, detail))
    return since


# --- progress per week ----------------------------------------------------------------------


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
    Every point counts what the last one (and the status screen) counts: the deliverables that
    are not dropped; standing duties, past business and possibilities never count.
    """
    counted = [e for e in index.top_level() if is_counted(e) and rollup(e) is not Status.DROPPED]
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
    )


# --- reading from git -------------------------------------------------------------------------


def git_points(
    history: GitHistory, plans: Loader, as_of: date, until: str | None = None
) -> list[tuple[date, float, str | None]]:
    """The done share after each commit of the first-parent line, up to ``as_of``."""
    return _week_points(history.commits(until=until, first_parent=True), plans, as_of)


def shallow_note(history: GitHistory, oldest: Commit | None) -> str:
    """Say how far back a shallow clone's history goes, or nothing for a full clone."""
    cut = history.shallow()
    if not cut or oldest is None or oldest.sha not in cut:
        return ""
    return (
        f"shallow clone: the history goes back only to {oldest.day} ({oldest.short});"
        " run `git fetch --unshallow` for the rest"
    )


def since_from_git(
    history: GitHistory, plans: Loader, bound: Bound, new: PlanIndex, until: str | None = None
) -> Since:
    """The net change from the plan at the start of the window to ``new`` (the plan shown)."""
    label = bound.text if bound.sha is None else f"{bound.text} ({bound.sha[:7]})"
    since = Since(label, "git")
    window: list[Commit] = []
    before: Commit | None = None
    walk = history.commits(until=until, since=bound.sha, first_parent=True)
    for commit in walk:
        if bound.day is not None and commit.day < bound.day:
            before = commit
            break
        window.append(commit)
    history.close_log()
    if window:
        since.commits, since.first, since.last = len(window), window[-1].short, window[0].short
    old: PlanIndex | None = None
    if before is not None or (bound.sha is not None and not window):
        base = before or next(history.commits(until=until, first_parent=True), None)
        history.close_log()
        old = _plan_at(plans, base, "new")
    elif window and window[-1].old_blob is not None:
        old = _plan_at(plans, window[-1], "old")
    else:
        note = shallow_note(history, window[-1] if window else None)
        if note:
            raise HistoryError(f"{note}; the plan as it stood at {bound.text} is not in it")
    since.day = bound.day or (window[-1].day if window else None)
    if old is not None and since.day is not None:
        since.points.append((since.day, done_share(old, since.day), None))
    since.points += _week_points(window, plans, None)
    return since_from_plans(since, old, new)


def _week_points(
    commits: Iterable[Commit], plans: Loader, as_of: date | None
) -> list[tuple[date, float, str | None]]:
    """The done share after the newest commit of each week whose plan loads.

    The weekly series keeps only the last point of a week, so the other commits of that week
    are never parsed: a busy week costs one parse, not one per commit.
    """
    weeks: dict[date, list[Commit]] = {}
    for commit in commits:
        if commit.new_blob is not None and (as_of is None or commit.day <= as_of):
            weeks.setdefault(commit.day - timedelta(days=commit.day.weekday()), []).append(commit)
    points: list[tuple[date, float, str | None]] = []
    for found_in in weeks.values():
        for commit in sorted(found_in, key=lambda c: c.when, reverse=True):
            assert commit.new_blob is not None
            found = plans.get(commit.new_blob, _shown(commit))
            if not isinstance(found, str):
                points.append((commit.day, done_share(found, as_of or commit.day), commit.short))
                break
    return points


def _plan_at(plans: Loader, commit: Commit | None, side: str) -> PlanIndex | None:
    if commit is None:
        return None
    blob = commit.new_blob if side == "new" else commit.old_blob
    if blob is None:
        return None
    found = plans.get(blob, _shown(commit) if side == "new" else f"{commit.short}~:{commit.path}")
    if isinstance(found, str):
        raise HistoryError(f"the plan at the start of the window does not load: {found}")
    return found
