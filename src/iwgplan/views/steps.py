"""The plan's story commit by commit: what each commit did to the plan, for `log`.

Works over the commits and blobs that :mod:`iwgplan.files.gitlog` reads; holds at most a few
plans at a time (the two being compared and the one before), and parses each blob once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from iwgplan.files.gitlog import Commit, GitHistory, HistoryError
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.views.diff import ADDED, Change, diff_plans
from iwgplan.views.timeline import done_share

if TYPE_CHECKING:
    from iwgplan.files.carries import Member


class Loader(Protocol):
    """Blobs to plans (:class:`iwgplan.files.blobs.Plans`): a plan, or why it does not load."""

    def get(self, blob: str, shown: str) -> PlanIndex | str: ...


PlansOf = Callable[[GitHistory], Loader]  # how a command reads a history's blobs (files.blobs.cached_plans)


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


def shown_at(commit: Commit) -> str:
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
        new = plans.get(commit.new_blob, shown_at(commit))
        if isinstance(new, str):
            yield Step(commit, event="invalid", problem=new)
            continue
        step = Step(commit, items=len(new.entries), share=done_share(new, as_of or commit.landed))
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
            found = plans.get(commit.new_blob, shown_at(commit))
            if not isinstance(found, str):
                return commit.sha, found
    for commit in source:
        pending.append(commit)
        if commit.new_blob is not None:
            found = plans.get(commit.new_blob, shown_at(commit))
            if not isinstance(found, str):
                return commit.sha, found
    return None


def touches(step: Step, item_id: str) -> list[Change]:
    """The changes of a step that concern one action point."""
    key = item_id.lower()
    return [c for c in step.changes if c.entity == "action_point" and (c.id or "").lower() == key]


def shallow_note(history: GitHistory, oldest: Commit | None) -> str:
    """Say how far back a shallow clone's history goes, or nothing for a full clone."""
    cut = history.shallow()
    if not cut or oldest is None or oldest.sha not in cut:
        return ""
    return (
        f"shallow clone: the history goes back only to {oldest.day} ({oldest.short});"
        " run `git fetch --unshallow` for the rest"
    )


def no_history(path: Path | None, shown: str) -> str | None:
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


# --- `log --id` across the carry ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CarryBack:
    """Where an item's story moves into an earlier plan: ``into`` (PLAN#ITEM) carries on
    ``source`` (its ``carried_from``, as written) since ``day``; ``earlier`` is that item as its
    plan names it, in the file ``shown``. ``problem``: why the story stops here."""

    source: str
    into: str
    day: date | None
    path: Path | None = None
    shown: str | None = None
    earlier: str | None = None
    item_id: str | None = None
    problem: str | None = None


def carried_back(members: list[Member], item_id: str) -> tuple[str | None, list[CarryBack]]:
    """The id of the first plan of ``members`` (None when it does not load now), and the
    carries of its item ``item_id`` back through the others (the plans beside it,
    :func:`iwgplan.files.family.beside`), nearest first: each earlier plan is found by its id.
    The chain ends at an item that carries nothing, or with a problem: a plan not there, an item
    not in it, a cycle."""
    from iwgplan.files.carries import by_plan_id, split

    here = members[0]
    shown = here.shown
    if here.plan is None or here.index is None:
        return None, []
    plans = by_plan_id(members)
    out: list[CarryBack] = []
    member, entry = here, here.index.by_id.get(item_id.lower())
    seen: set[tuple[str, str]] = set()
    while entry is not None and entry.item.carried_from:
        assert member.plan is not None
        ref = entry.item.carried_from
        into = f"{member.plan.plan.id}#{entry.id}"
        seen.add((member.plan.plan.id.lower(), entry.id.lower()))
        plan_id, wanted = split(ref)
        source = plans.get(plan_id)
        moved = CarryBack(
            ref, into, _carry_day(entry, source.plan.plan.closed if source and source.plan else None)
        )
        if (plan_id, wanted) in seen:
            out.append(_stop(moved, f"{ref!r} is a cycle of carries"))
            break
        if source is None or source.index is None or source.plan is None:
            name = ref.partition("#")[0]
            out.append(_stop(moved, f"no plan {name!r} among the plans beside {shown}"))
            break
        found = source.index.by_id.get(wanted)
        if found is None:
            out.append(_stop(moved, f"{ref!r} names no item of {source.shown}"))
            break
        earlier = f"{source.plan.plan.id}#{found.id}"
        out.append(CarryBack(ref, into, moved.day, source.path, source.shown, earlier, found.id))
        member, entry = source, found
    return here.plan.plan.id, out


def _carry_day(entry: Entry, closed: date | None) -> date | None:
    """The day of a carry: the earlier plan's close (`successor` closes it on that day), else
    the first entry of the carrying item's history (`successor` writes one on that day)."""
    if closed is not None:
        return closed
    return entry.item.history[0].date if entry.item.history else None


def _stop(moved: CarryBack, problem: str) -> CarryBack:
    return CarryBack(moved.source, moved.into, moved.day, problem=problem)
