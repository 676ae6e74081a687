"""A plan's text and where it came from: the working tree, a git revision or the package."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class PlanText:
    """The text of a plan and where it came from."""

    text: str
    shown: str  # how messages name it: a path, REV:path, or the embedded default
    path: Path | None = None  # the working-tree file; None for the embedded default
    rev: str | None = None

    @property
    def embedded(self) -> bool:
        return self.path is None and self.rev is None
