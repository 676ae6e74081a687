"""The one transition table: which statuses each progress command accepts, and what it says.

Every command that changes a status (and `note`, which never does) looks its cell up here, by the
status the item had on the day of the change (see ``iwgplan.views.replay.status_on``), so that a
backdated entry is checked against the record of that day. The README prints this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from iwgplan.plan.status import Status


class Act(StrEnum):
    MOVE = "move"  # record the new status
    ALREADY = "already"  # nothing to change: said, exit 0, nothing written
    REFUSE = "refuse"  # exit 1 with the message, nothing written
    NOTE = "note"  # a history entry without a status


@dataclass(frozen=True, slots=True)
class Rule:
    act: Act
    message: str = ""  # for ALREADY and REFUSE; {id} and {status} are filled in
    forceable: bool = False  # `--force --reason` turns the refusal into a move

    def say(self, item_id: str, status: Status) -> str:
        return self.message.format(id=item_id, status=status.value)


COMMANDS = ("start", "block", "drop", "done", "reopen", "note")
TARGET = {
    "start": Status.IN_PROGRESS,
    "block": Status.BLOCKED,
    "drop": Status.DROPPED,
    "done": Status.DONE,
    "reopen": Status.PLANNED,  # or in-progress with --in-progress
}

_MOVE = Rule(Act.MOVE)
_ALREADY = Rule(Act.ALREADY, "{id} is already {status}; nothing to change")
_OPEN = Rule(Act.ALREADY, "{id} is already open ({status}); nothing to change")
_REOPEN = Rule(Act.REFUSE, "{id} is {status}; use `iwgplan reopen {id}` first")
_FORCE = Rule(
    Act.REFUSE,
    "{id} is {status}; use `iwgplan reopen {id}` first, or `--force --reason TEXT` to mark it done anyway",
    forceable=True,
)
_NOTE = Rule(Act.NOTE)

P, W, D, B, X = Status.PLANNED, Status.IN_PROGRESS, Status.DONE, Status.BLOCKED, Status.DROPPED

TABLE: dict[str, dict[Status, Rule]] = {
    "start": {P: _MOVE, W: _ALREADY, D: _REOPEN, B: _MOVE, X: _REOPEN},
    "block": {P: _MOVE, W: _MOVE, D: _REOPEN, B: _ALREADY, X: _REOPEN},
    "drop": {P: _MOVE, W: _MOVE, D: _REOPEN, B: _MOVE, X: _ALREADY},
    "done": {P: _MOVE, W: _MOVE, D: _ALREADY, B: _MOVE, X: _FORCE},
    "reopen": {P: _OPEN, W: _OPEN, D: _MOVE, B: _MOVE, X: _MOVE},
    "note": {P: _NOTE, W: _NOTE, D: _NOTE, B: _NOTE, X: _NOTE},
}


def rule(command: str, status: Status) -> Rule:
    return TABLE[command][status]


def _cell(command: str, status: Status) -> str:
    found = rule(command, status)
    if found.act is Act.MOVE:
        to = TARGET[command].value + (" (or in-progress)" if command == "reopen" else "")
        return f"→ {to}"
    if found.act is Act.NOTE:
        return "note added, status kept"
    if found.act is Act.ALREADY:
        return "nothing to change (exit 0)"
    if found.forceable:
        return "refused: `reopen` first, or `--force --reason`"
    return "refused: `reopen` first"


def markdown() -> str:
    """The table as the README prints it."""
    head = "| command | " + " | ".join(s.value for s in Status) + " |\n"
    head += "| --- |" + " --- |" * len(Status) + "\n"
    return head + "".join(f"| `{c}` | " + " | ".join(_cell(c, s) for s in Status) + " |\n" for c in COMMANDS)
