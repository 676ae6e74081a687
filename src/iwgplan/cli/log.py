"""`iwgplan log`: the plan's history from git, one entry per commit, with its semantic changes."""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from iwgplan.cli.common import (
    Fmt,
    FmtOpt,
    LangOpt,
    NoPagerOpt,
    PlanOpt,
    SinceOpt,
    State,
    console,
    handled,
    on_terminal,
)
from iwgplan.plan import dates

if TYPE_CHECKING:
    from iwgplan.files.gitlog import Bound, Commit, GitHistory
    from iwgplan.views.steps import CarryBack, Step

UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DATE|REF",
        help="Only what happened up to this day (inclusive) or revision.",
        show_default=False,
    ),
]


def open_history(plan: PlanOpt) -> tuple[GitHistory, str]:
    """The git history of the chosen plan; refused for the embedded default and uncommitted plans."""
    from iwgplan.files.discover import find_plan_path, shown_path
    from iwgplan.files.gitlog import GitHistory, HistoryError

    path = find_plan_path(plan)
    if path is None:
        raise HistoryError("the embedded default plan has no history; pass --plan with a plan kept in git")
    shown = shown_path(path)
    history = GitHistory(path, shown)
    if not history.has_head():
        raise HistoryError(f"the repository at {history.top} has no commits yet; commit {shown} first")
    if not history.committed():
        raise HistoryError(f"{shown} has never been committed to git; commit it first (git add, git commit)")
    return history, shown


def bounds(history: GitHistory, since: str | None, until: str | None) -> tuple[Bound | None, Bound | None]:
    """Check ``--since`` and ``--until``: known revisions, no day in the future, in order."""
    from iwgplan.errors import UsageError
    from iwgplan.files.gitlog import Bound

    start, stop = history.bound(since, "--since"), history.bound(until, "--until")
    today = dates.today()
    if start is not None and start.day is not None and start.day > today:
        raise UsageError(
            f"--since {start.text} is in the future (today is {today}); nothing has happened yet"
        )
    days: list[date | None] = []
    for b in (start, stop):
        if b is not None and b.sha is not None:
            shown = history.git("show", "-s", "--format=%cI", b.sha).stdout.decode().strip()
            days.append(_day_of(shown))
        else:
            days.append(b.day if b is not None else None)
    if days[0] and days[1] and days[0] > days[1]:
        raise UsageError(f"--since {since} ({days[0]}) is after --until {until} ({days[1]})")
    if stop is not None and stop.day is not None and stop.day > today:
        stop = Bound(stop.text)  # a day still to come: everything up to now
    return start, stop


def _day_of(shown: str) -> date | None:
    try:
        return date.fromisoformat(shown[:10])
    except ValueError:  # a date git could not read: no order to check
        return None


def span(
    history: GitHistory, start: Bound | None, stop: Bound | None
) -> tuple[str | None, str | None] | None:
    """The revisions between which ``--since``/``--until`` run (the newest, and the one before the
    window), or None when no commit is in it.

    A day is placed by graph order and committer dates, as `status --since` and the reports place
    it (GitHistory.landed_before), so that the three list the same commits: the window from a day
    holds what was committed on the first-parent line from that day on, and what it merged.
    """
    tip = stop.sha if stop is not None else None
    if stop is not None and stop.day is not None:
        last = history.landed_before(stop.day + timedelta(days=1))
        if last is None:
            return None
        tip = last.sha
    base = start.sha if start is not None else None
    if start is not None and start.day is not None:
        before = history.landed_before(start.day, tip)
        base = before.sha if before is not None else None
    return tip, base


def window(commits: Iterator[Commit], seen: list[Commit]) -> Iterator[Commit]:
    """The commits as read; the last one read is kept in ``seen``."""
    for commit in commits:
        seen[:] = [commit]
        yield commit


def log(
    *,
    since: SinceOpt = None,
    until: UntilOpt = None,
    item_id: Annotated[
        str | None, typer.Option("--id", help="Follow one action point through its life.", show_default=False)
    ] = None,
    max_count: Annotated[
        int | None,
        typer.Option(
            "-n", "--max-count", min=1, max=10**9, help="Show at most N commits.", show_default=False
        ),
    ] = None,
    changes: Annotated[bool, typer.Option("--changes", help="List every change of each commit.")] = False,
    changes_only: Annotated[
        bool, typer.Option("--changes-only", help="Hide commits that do not change the plan's content.")
    ] = False,
    fmt: FmtOpt = Fmt.text,
    plan: PlanOpt = None,
    no_pager: NoPagerOpt = False,
    lang: LangOpt = None,
) -> int:
    """Show the plan's history, newest first: each commit that changed it, with what it changed.

    Follows the plan across renames; a merge is compared with its first parent; a commit whose
    plan does not load is listed with the reason and skipped. With --id, follows the item
    through `carried_from` into the plans before it (beside this one), with a line at each carry.

    Example: iwgplan log --since 2026-10-01 --changes
    """
    from itertools import islice

    from iwgplan.cli.output import speak_for
    from iwgplan.files.blobs import Plans
    from iwgplan.render import history_out
    from iwgplan.views.steps import steps
    from iwgplan.views.translate import loader_in

    # the tool's words, and the plan's texts in the language (English marked); the commits as they are
    language = speak_for(lang, fmt)
    history, shown = open_history(plan)
    since, meeting = since_meeting(plan, since)
    if item_id is not None:
        return _log_item(history, shown, plan, item_id, (since, until, meeting), max_count, fmt)
    with history:
        start, stop = bounds(history, since, until)
        seen: list[Commit] = []
        ends = span(history, start, stop)
        commits = history.commits(until=ends[0], since=ends[1]) if ends is not None else iter(())
        plans = loader_in(Plans(history.blob, cached=not State.no_cache), language)
        walked: Iterator[Step] = steps(window(commits, seen), plans)
        if changes_only:
            walked = (s for s in walked if s.changes or s.event is not None)
        limited = islice(walked, max_count) if max_count else walked
        if fmt is Fmt.text:  # printed as walked: memory stays flat in the number of commits
            out = console()
            count = history_out.log_text(limited, out, changes=changes, notes=[], cut=on_terminal())
            notes = _notes(history, seen, count > 0, None, start, meeting)
            history_out.log_text([], out, changes=False, notes=notes)
            return 0
        chosen = list(limited)
        notes = _notes(history, seen, bool(chosen), None, start, meeting)
    if fmt is Fmt.json:
        print(history_out.log_json(shown, chosen, notes), end="")
    else:
        print(history_out.log_markdown(shown, chosen, changes=changes, notes=notes), end="")
    return 0


Window = tuple[str | None, str | None, str | None]  # --since, --until, and the meeting --since names


def _log_item(
    history: GitHistory,
    shown: str,
    plan: PlanOpt,
    item_id: str,
    window_of: Window,
    max_count: int | None,
    fmt: Fmt,
) -> int:
    """`log --id`: the item's commits, then, when it carries on an item of an earlier plan
    (`carried_from`), the line of the carry and that item's commits in its plan's file, and so
    on back to the first plan that had it."""
    from iwgplan.render import history_out
    from iwgplan.views.steps import CarryBack

    plan_id, carries = _carries(plan, item_id)
    notes: list[str] = []
    if plan_id is None:
        notes.append(f"{shown} does not load now, so a carried_from of {item_id!r} is not followed")
    first = f"{plan_id}#{item_id}" if plan_id else item_id
    story = _story(history, item_id, first, carries, window_of, notes)
    pieces: list[tuple[str, Step] | CarryBack] = []
    shown_steps = 0
    out = console() if fmt is Fmt.text else None
    try:
        for piece in story:
            if out is None:
                pieces.append(piece)
            elif isinstance(piece, CarryBack):
                history_out.carry_text(piece, out, cut=on_terminal())
            else:
                history_out.log_text([piece[1]], out, changes=True, notes=[], cut=on_terminal())
            if not isinstance(piece, CarryBack):
                shown_steps += 1
                if max_count and shown_steps >= max_count:
                    break
    finally:
        story.close()  # ends the walks of the histories still open
    if not shown_steps and not carries:
        _unknown(item_id, shown)
    since, _, meeting = window_of
    if meeting and since:
        notes.insert(0, f"since {meeting}: from {since}")
    if out is not None:
        history_out.log_text([], out, changes=False, notes=notes)
    elif fmt is Fmt.json:
        print(history_out.item_log_json(shown, first, pieces, notes), end="")
    else:
        print(history_out.item_log_markdown(shown, first, pieces, notes), end="")
    return 0


def _carries(plan: PlanOpt, item_id: str) -> tuple[str | None, list[CarryBack]]:
    """The plan's id as it is now (None when it does not load) and, when its item carries on
    an item of an earlier plan, the carries back through the plans beside it (read only then)."""
    from iwgplan.cli.output import load_view
    from iwgplan.errors import FileResult, IwgplanError
    from iwgplan.files.carries import Member, plans_in
    from iwgplan.files.discover import find_plan_path, shown_path
    from iwgplan.files.family import read_member
    from iwgplan.views.steps import carried_back

    try:
        view = load_view(plan, None)
    except IwgplanError:
        return None, []
    entry = view.index.by_id.get(item_id.lower())
    path = find_plan_path(plan)
    if entry is None or not entry.item.carried_from or path is None:
        return view.plan.plan.id, []
    here = Member(path, FileResult(view.shown), None, view.plan, view.index)
    others = [read_member(p, shown_path(p)) for p in plans_in(path.parent) if p.resolve() != path.resolve()]
    return carried_back([here, *others], item_id)


def _story(
    history: GitHistory,
    item_id: str,
    ref: str,
    carries: list[CarryBack],
    window_of: Window,
    notes: list[str],
) -> Generator[tuple[str, Step] | CarryBack, None, None]:
    """The item's steps in its plan's history, then each carry and the steps of the item it
    carries on in that plan's history, newest first; a history that cannot be read ends it."""
    from dataclasses import replace

    from iwgplan.files.gitlog import GitHistory, HistoryError

    yield from _item_steps(history, item_id, ref, window_of, notes)
    for carry in carries:
        if carry.problem is not None or carry.path is None or carry.shown is None:
            yield carry
            return
        try:
            earlier = GitHistory(carry.path, carry.shown)
            if not earlier.has_head() or not earlier.committed():
                raise HistoryError(f"{carry.shown} has never been committed to git")
        except HistoryError as exc:
            yield replace(carry, problem=str(exc).split(" (")[0])
            return
        yield carry
        assert carry.item_id is not None and carry.earlier is not None
        yield from _item_steps(earlier, carry.item_id, carry.earlier, window_of, notes)


def _item_steps(
    history: GitHistory, item_id: str, ref: str, window_of: Window, notes: list[str]
) -> Iterator[tuple[str, Step]]:
    from iwgplan import i18n
    from iwgplan.files.blobs import Plans
    from iwgplan.views.steps import shallow_note, steps
    from iwgplan.views.translate import loader_in

    since, until, _ = window_of
    with history:
        start, stop = bounds(history, since, until)
        seen: list[Commit] = []
        ends = span(history, start, stop)
        if ends is not None:
            commits = history.commits(until=ends[0], since=ends[1])
            plans = loader_in(Plans(history.blob, cached=not State.no_cache), i18n.current())
            walked = steps(window(commits, seen), plans)
            yield from ((ref, step) for step in _following(walked, item_id))
        note = shallow_note(history, seen[-1] if seen else None)
        if note:
            notes.append(note)


def _following(walked: Iterator[Step], item_id: str) -> Iterator[Step]:
    from iwgplan.views.steps import touches

    for step in walked:
        mine = touches(step, item_id)
        if mine:
            step.changes = mine
            yield step


def since_meeting(plan: PlanOpt, since: str | None) -> tuple[str | None, str | None]:
    """``--since last-meeting`` or ``--since MEETING_ID`` as the meeting's day (as `status` takes
    them), with the meeting's label; any other value as it is. A meeting's id wins over a git
    revision of the same name, as in `status`."""
    from iwgplan.cli.output import load_view
    from iwgplan.errors import IwgplanError
    from iwgplan.plan import meetings

    if since is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
        return since, None
    try:
        view = load_view(plan, None)
    except IwgplanError:
        if since.strip().lower() == meetings.LAST_MEETING:
            raise
        return since, None  # a revision: the plan as it is now need not load
    return meetings.since_spec(view.index.plan, since, dates.today())


def _notes(
    history: GitHistory,
    seen: list[Commit],
    any_chosen: bool,
    item_id: str | None,
    start: Bound | None,
    meeting: str | None = None,
) -> list[str]:
    from iwgplan.views.steps import shallow_note

    notes = [f"since {meeting}: from {start.text}"] if meeting and start else []
    note = shallow_note(history, seen[-1] if seen else None)
    if note:
        notes.append(note)
    if not any_chosen and item_id is None:
        since = f" since {meeting or start.text}" if start else ""
        notes.append(f"no commit changed the plan{since}")
    return notes


def _unknown(item_id: str, shown: str) -> None:
    from iwgplan.errors import IwgplanError

    raise IwgplanError(f"no change to an action point {item_id!r} in the history of {shown}")


def register(app: typer.Typer) -> None:
    app.command()(handled(log))
