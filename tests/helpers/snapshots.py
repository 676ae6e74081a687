"""Snapshot files of what the browse commands print (tests/snapshots), and the day they show."""

from __future__ import annotations

import os

from tests.helpers import ROOT, SHIPPED

SNAPSHOTS = ROOT / "tests" / "snapshots"
AS_OF = "2026-03-30"  # the day the browse snapshots show


def snapshot(name: str, actual: str) -> None:
    """``actual`` must equal the snapshot ``name``; ``UPDATE_SNAPSHOTS=1`` rewrites it."""
    path = SNAPSHOTS / name
    actual = actual.replace(str(SHIPPED), "plans/workplan-2025-2026.yaml")
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
