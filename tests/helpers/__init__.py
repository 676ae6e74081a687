"""What many test modules share: the project's paths, the suite's one day, a git runner.

Test modules import shared builders from here (or from a module of this package), never from
``conftest`` or from another test module.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "plans" / "workplan-2025-2026.yaml"
FIXTURES = ROOT / "tests" / "fixtures"
SMALL = FIXTURES / "small.yaml"
PYTHON = sys.executable
# The suite's one day. Every in-process command reads "today" from iwgplan.plan.dates.today,
# pinned to this by conftest's _clean_env, so a run that crosses midnight cannot write one date
# and expect another (it did: 23 failures in CI at 00:00).
TODAY = date.today()


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` and return what it printed; a failure raises."""
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout
