"""What changed since a day or revision: the "Since ..." block of `status --since` and the
report, from git when the plan is committed there, else from the dated entries in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from iwgplan.errors import UsageError
from iwgplan.files.gitlog import Bound, Commit, GitHistory, HistoryError
from iwgplan.i18n import N_, current, day_words, long_day, ngettext, pgettext
from iwgplan.i18n import gettext as _
from iwgplan.plan import dates, meetings
from iwgplan.plan.index import PlanIndex
from iwgplan.plan.status import Status
from iwgplan.views.diff import ADDED, REMOVED, Change, diff_plans
from iwgplan.views.steps import Loader, PlansOf, no_history, shallow_note, shown_at
from iwgplan.views.timeline import done_share, reader_number, reason_for
from iwgplan.views.weekly import Progress, progress, week_points, window_progress


@dataclass(frozen=True, slots=True)
class Moved:
    """An action point whose status or due date changed in the window."""

    id: str
    title: str
    detail: str = ""  # a reason, or "2026-06 → 2026-09"
    days: int = 0
    number: str = ""  # the document's number of the item ("5.2(a)"), for the reports


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
    adopted: date | None = None  # the plan's first commit, when it lies inside the window: compared with it
    meeting: str | None = None  # "the meeting of 3 July 2025", when --since names a meeting
    points: list[tuple[date, float, str | None]] = field(default_factory=list)  # done share per commit

    @property
    def empty(self) -> bool:
        lists = [self.done, self.started, self.blocked, self.dropped, self.reopened]
        lists += [self.added, self.removed, self.slipped, self.earlier]
        return not any(lists) and self.revision is None


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


if TYPE_CHECKING:
    from iwgplan.views.context import View


def _row_word(key: str) -> str:
    """The status screen's word for a kind of change ("done", "started"), in the language; the
    words of :data:`ROWS` in English."""
    words = {
        "done": pgettext("since", "done"),
        "started": pgettext("since", "started"),
        "blocked": pgettext("since", "blocked"),
        "dropped": pgettext("since", "dropped"),
        "reopened": pgettext("since", "reopened"),
        "added": pgettext("since", "added"),
        "removed": pgettext("since", "removed"),
        "slipped": pgettext("since", "slipped"),
        "earlier": pgettext("since", "brought forward"),
        "revision": pgettext("since", "revision"),
    }
    return words[key]


def _moved(m: Moved) -> str:
    if m.days:
        # English as it always wrote it ("+1 days"): the other languages take the plural rule
        days = ngettext("{n} day", "{n} days", abs(m.days) if current() != "en" else 2)
        return f"{m.id} {days.format(n=f'{m.days:+d}')} ({m.detail})"
    return f"{m.id} ({m.detail})" if m.detail else m.id


def since_heading(since: Since) -> str:
    """The status screen's heading: "Since 2025-11-01 (4 commits, abc1234..def5678)"; when the
    plan was first committed inside the window, "(first commit 2025-11-10; 4 commits, ...)"."""
    head = _("Since {label}").format(label=since.label)
    if since.source == "git":
        span = f", {since.first}..{since.last}" if since.first and since.first != since.last else ""
        span = span or (f", {since.first}" if since.first else "")
        adopted = _("first commit {date}; ").format(date=since.adopted) if since.adopted else ""
        commits = ngettext("{n} commit", "{n} commits", since.commits).format(n=since.commits)
        head += f" ({adopted}{commits}{span})"
    return head


def since_lines(since: Since) -> list[tuple[str, str]]:
    """(label, text) pairs, one per kind of change, in a fixed order."""
    rows = []
    for key, _label in ROWS:
        found: list[Moved] = getattr(since, key)
        if found:
            names = [_moved(m) for m in found[:LIMIT]]
            names += ["… " + _("and {n} more").format(n=len(found) - LIMIT)] if len(found) > LIMIT else []
            rows.append((f"{_row_word(key)} ({len(found)})", ", ".join(names)))
    if since.revision:
        rows.append((_row_word("revision"), f"{since.revision[0]} → {since.revision[1]}"))
    return rows


# --- the same block in the circulated reports: no ids, hashes or commit counts ----------------------

REPORT_ROWS = {
    "done": N_("Done"),
    "started": N_("Started"),
    "blocked": N_("Blocked"),
    "dropped": N_("Dropped"),
    "reopened": N_("Reopened"),
    "added": N_("Added to the plan"),
    "removed": N_("Removed from the plan"),
    "slipped": N_("Due later"),
    "earlier": N_("Due earlier"),
}


def report_heading(since: Since) -> str:
    """ "Since 1 December 2026", "Since the meeting of 3 July 2025"; when the plan was first
    recorded inside the window, "(compared with the plan as first recorded, on 10 November 2025)"."""
    if since.meeting and since.day is not None:
        head = _("Since the meeting of {day}").format(day=long_day(since.day))
    elif since.meeting:
        head = _("Since {label}").format(label=since.meeting)
    elif since.day is not None:
        head = _("Since {day}").format(day=long_day(since.day))
    else:
        head = _("Since the plan was first recorded")
    if since.adopted is not None:
        head += _(" (compared with the plan as first recorded, on {day})").format(day=long_day(since.adopted))
    return head


def _named(m: Moved) -> str:
    name = f"{m.number} {m.title}" if m.number else m.title
    if m.days:
        old, _arrow, new = m.detail.partition(" → ")
        days = ngettext("{n} day", "{n} days", abs(m.days)).format(n=f"{m.days:+d}")
        return _("{name}: from {old} to {new} ({days})").format(name=name, old=old, new=new, days=days)
    return f"{name} ({m.detail})" if m.detail else name


def report_lines(since: Since) -> list[tuple[str, str]]:
    """(label, text) pairs for the reports: items by the document's number and title."""
    rows = []
    for key, label in REPORT_ROWS.items():
        found: list[Moved] = getattr(since, key)
        if found:
            names = [_named(m) for m in found[:LIMIT]]
            names += [_("and {n} more").format(n=len(found) - LIMIT)] if len(found) > LIMIT else []
            rows.append((f"{_(label)} ({len(found)})", "; ".join(names)))
    if since.revision:
        rows.append((_("Revision"), f"{since.revision[0]} → {since.revision[1]}"))
    return rows


def report_notes(since: Since) -> list[str]:
    """What the reports say of where the changes come from, in words (no tool, no git)."""
    if since.source == "file":
        return [_("Changes of status only, as the plan's dated entries record them.")]
    return []


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
        since.added = [Moved(e.id, e.item.title, number=reader_number(e)) for e in new.entries]
        return since
    meta_a, meta_b = old.plan.plan, new.plan.plan
    if (meta_a.revision, meta_a.date) != (meta_b.revision, meta_b.date):
        since.revision = (
            _("{revision} of {date}").format(revision=meta_a.revision_label, date=day_words(meta_a.date)),
            _("{revision} of {date}").format(revision=meta_b.revision_label, date=day_words(meta_b.date)),
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
    number = reader_number(entry) if entry else ""
    if change.kind == ADDED:
        since.added.append(Moved(ident, title, number=number))
    elif change.kind == REMOVED:
        since.removed.append(Moved(ident, title))
    elif change.field == "status" and entry is not None:
        bucket = _BY_STATUS[change.new]
        reason = reason_for(entry, Status(change.new)) if bucket in ("blocked", "dropped") else None
        getattr(since, bucket).append(Moved(ident, title, reason or "", number=number))
    elif change.field == "due" and change.extra.get("days"):
        days = change.extra["days"]
        moved = Moved(ident, title, f"{change.old} → {change.new}", days, number)
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
            getattr(since, bucket).append(
                Moved(entry.id, entry.item.title, detail, number=reader_number(entry))
            )
    return since


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
        if bound.day is not None and commit.landed < bound.day:  # by graph order, as log
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
        if window and window[-1].new_blob is not None:
            # the plan did not exist at the start of the window: compare with its first commit,
            # so that what was recorded after it (done, started, blocked) shows, not only "added"
            old = _plan_at(plans, window[-1], "new")
            since.adopted = window[-1].landed
    since.day = bound.day or (window[-1].landed if window else None)
    if old is not None and since.day is not None:
        since.points.append((since.day, done_share(old, since.day), None))
    since.points += week_points(window, plans, None)
    return since_from_plans(since, old, new)


def _plan_at(plans: Loader, commit: Commit | None, side: str) -> PlanIndex | None:
    if commit is None:
        return None
    blob = commit.new_blob if side == "new" else commit.old_blob
    if blob is None:
        return None
    found = plans.get(blob, shown_at(commit) if side == "new" else f"{commit.short}~:{commit.path}")
    if isinstance(found, str):
        raise HistoryError(f"the plan at the start of the window does not load: {found}")
    return found


def since_of(
    plan: Path | None, view: View, spec: str, rev: str | None, plans_of: PlansOf
) -> tuple[Since, Progress]:
    """``status --since SPEC`` for the plan that ``--plan`` names (or the one found), as shown."""
    from iwgplan.files.discover import find_plan_path, shown_path

    path = find_plan_path(plan)
    shown = shown_path(path) if path is not None else view.shown
    return since_for(path, shown, spec, view.index, view.as_of, plans_of, rev)


def since_for(
    path: Path | None,
    shown: str,
    spec: str,
    new: PlanIndex,
    as_of: date,
    plans_of: PlansOf,
    until: str | None = None,
) -> tuple[Since, Progress]:
    """``--since DATE|REF`` for the plan at ``path``: from git, or from the file's dated history.

    ``last-meeting`` and a meeting's id stand for the day of that meeting."""
    spec, meeting = meetings.since_spec(new.plan, spec, as_of)
    found = _since_for(path, shown, spec, new, as_of, plans_of, until)
    if meeting is not None:
        found[0].label = meeting
        found[0].meeting = meeting.rsplit(" (", 1)[0]  # without the meeting's id
    return found


def _since_for(
    path: Path | None,
    shown: str,
    spec: str,
    new: PlanIndex,
    as_of: date,
    plans_of: PlansOf,
    until: str | None = None,
) -> tuple[Since, Progress]:
    reason = no_history(path, shown)
    if reason is not None:
        if not _DAY.fullmatch(spec):
            raise HistoryError(f"--since {spec}: a revision needs git, but {reason}")
        start = _day(spec)
        since = since_from_file(new, start, spec)
        since.notes[0] = f"from the dated history entries in the file ({reason})"
        since.day = start
        return since, window_progress(progress(new, as_of, None), start)
    assert path is not None
    with GitHistory(path, shown) as history:
        bound = history.bound(spec, "--since")
        assert bound is not None
        if bound.day is not None and bound.day > dates.today():
            raise UsageError(f"--since {spec} is in the future (today is {dates.today()})")
        head = history.resolve(until, "--rev") if until else None
        since = since_from_git(history, plans_of(history), bound, new, head)
    points = [*since.points, (as_of, done_share(new, as_of), None)]
    start = since.day or as_of
    return since, window_progress(progress(new, as_of, points), start)


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day(spec: str) -> date:
    try:
        return date.fromisoformat(spec)
    except ValueError:
        raise UsageError(f"--since: {spec!r} is not a date; use YYYY-MM-DD") from None
