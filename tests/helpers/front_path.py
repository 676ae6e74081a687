"""The start-up path (`iwgplan.cli.front`) against the Typer app, on one plan and one command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from iwgplan.cli import front


def assert_same_as_typer(cli: Any, capsys: pytest.CaptureFixture[str], plan: Path, argv: list[str]) -> None:
    """A cache hit through the start-up path prints, says and exits as the Typer app does."""
    args = [*argv, "--plan", str(plan)]
    typer_run = cli(*args)  # also fills the cache
    capsys.readouterr()
    code = front.run(args)
    fast = capsys.readouterr()
    assert code is not None, "the start-up path handed a cached plan over"
    assert (code, fast.out, fast.err) == (typer_run.code, typer_run.out, typer_run.err)
