"""What a reporter gets: the plan, its index, where it was read from, and the as-of date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from iwgplan.i18n import gettext as _
from iwgplan.plan.index import Entry, PlanIndex

if TYPE_CHECKING:
    from iwgplan.plan.model import Plan


def as_of_words(recorded: bool) -> str:
    """How a header names its day: "as recorded on" D for a replay, else "as of" D."""
    return _("as recorded on") if recorded else _("as of")


def as_of_text(as_of: date, recorded: bool) -> str:
    return f"{as_of_words(recorded)} {as_of}"


@dataclass(frozen=True, slots=True)
class View:
    plan: Plan
    index: PlanIndex
    shown: str
    as_of: date
    recorded: bool = False  # replayed from the dated history (`--as-of`), not the file as it is

    @property
    def as_of_text(self) -> str:
        return as_of_text(self.as_of, self.recorded)


@dataclass(frozen=True, slots=True)
class Listing:
    view: View
    matched: list[Entry]
    keep: set[int]  # identities of matched entries and their ancestors, for the tree
