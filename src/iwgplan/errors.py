"""One exception hierarchy; the CLI's single handler turns each into an exit code and a message."""

from __future__ import annotations

from dataclasses import dataclass, field

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a plan file, located where the file says it."""

    message: str
    loc: Loc = ()
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based

    @property
    def dotted(self) -> str:
        return dotted(self.loc)


def dotted(loc: Loc) -> str:
    """``('tiers', 1, 'focus_areas', 0)`` -> ``tiers[1].focus_areas[0]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass(slots=True)
class FileResult:
    """Every problem found in one file, collected before anything is reported."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing, not wrong: an older format

    @property
    def valid(self) -> bool:
        return not self.problems


class IwgplanError(Exception):
    """A user error: reported as a message without a traceback."""

    exit_code = 1


class UsageError(IwgplanError):
    exit_code = 2


class PlanInvalid(IwgplanError):
    """A plan file that cannot be used; carries every problem found in it."""

    def __init__(self, result: FileResult, what: str = "plan") -> None:
        self.result = result
        self.what = what
        super().__init__(f"{result.path}: the {what} is not valid")
