"""Filtering action points for `list` and the exports. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from iwgplan.plan.index import Entry, Group, PlanIndex
from iwgplan.views.timeline import effective_due, holds, is_overdue, rollup


@dataclass(slots=True)
class Filters:
    group: Group | None = None
    statuses: set[str] = field(default_factory=set)
    owner: str | None = None
    due_before: date | None = None
    overdue_on: date | None = None
    search: str | None = None

    def matches(self, entry: Entry, index: PlanIndex) -> bool:
        item = entry.item
        if self.group is not None and entry.group is not self.group:
            return False
        status = rollup(entry)
        if self.statuses and status.value not in self.statuses:
            return False
        if self.owner and not holds(item.owners, self.owner):
            return False
        if self.due_before is not None:
            due = effective_due(entry, index)
            if due is None or due >= self.due_before:
                return False
        if self.overdue_on is not None and not is_overdue(entry, index, self.overdue_on):
            return False
        if self.search:
            needle = self.search.casefold()
            text = f"{item.title}\n{item.description or ''}".casefold()
            if needle not in text:
                return False
        return True


def select(index: PlanIndex, filters: Filters) -> list[Entry]:
    return [entry for entry in index.entries if filters.matches(entry, index)]


def with_ancestors(entries: list[Entry]) -> set[int]:
    """ids (object identities) of the entries and of every parent above them, for a tree view."""
    keep: set[int] = set()
    for entry in entries:
        keep.add(id(entry))
        keep.update(id(parent) for parent in entry.ancestors())
    return keep
