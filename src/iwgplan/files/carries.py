"""Plans that carry items from one another, as data: which plan an item came from, and the
chain of carries back to the first plan that had it. No YAML here (the views use it): the plans
are read by :mod:`iwgplan.files.family`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from iwgplan.errors import FileResult
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.model import Plan


@dataclass(slots=True)
class Member:
    """One plan file of the family: its problems, and the plan when it is valid."""

    path: Path
    result: FileResult
    text: str | None = None
    plan: Plan | None = None
    index: PlanIndex | None = None

    @property
    def shown(self) -> str:
        return self.result.path

    @property
    def closed(self) -> bool:
        return self.plan is not None and self.plan.plan.closed is not None


def plans_in(folder: Path) -> list[Path]:
    """The plan files of a folder (``*.yaml`` and ``*.yml``), in name order."""
    found = [*folder.glob("*.yaml"), *folder.glob("*.yml")]
    return sorted(p for p in found if p.is_file())


def split(ref: str) -> tuple[str, str]:
    """``PLAN-ID#ITEM-ID`` → (plan id, item id), both as ids are compared: in any case."""
    plan_id, _, item_id = ref.partition("#")
    return plan_id.lower(), item_id.lower()


def by_plan_id(members: list[Member]) -> dict[str, Member]:
    """The valid plans by their id (the first, in order, of two that share one)."""
    out: dict[str, Member] = {}
    for m in members:
        if m.plan is not None:
            out.setdefault(m.plan.plan.id.lower(), m)
    return out


def carried_entries(member: Member) -> list[Entry]:
    assert member.index is not None
    return [e for e in member.index.entries if e.item.carried_from]


def chain(ref: str, plans: dict[str, Member]) -> list[tuple[Member, Entry]]:
    """The items an item's ``carried_from`` leads back to, nearest first; it stops at a plan or
    an item that is not there, and at the first item met twice (a cycle)."""
    out: list[tuple[Member, Entry]] = []
    seen: set[tuple[str, str]] = set()
    next_ref: str | None = ref
    while next_ref:
        key = split(next_ref)
        member = plans.get(key[0])
        if key in seen or member is None or member.index is None:
            break
        seen.add(key)
        entry = member.index.by_id.get(key[1])
        if entry is None:
            break
        out.append((member, entry))
        next_ref = entry.item.carried_from
    return out
