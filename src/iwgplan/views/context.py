"""What a reporter gets: the plan, its index, where it was read from, and the as-of date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.model import Plan


@dataclass(frozen=True, slots=True)
class View:
    plan: Plan
    index: PlanIndex
    shown: str
    as_of: date


@dataclass(frozen=True, slots=True)
class Listing:
    view: View
    matched: list[Entry]
    keep: set[int]  # identities of matched entries and their ancestors, for the tree
