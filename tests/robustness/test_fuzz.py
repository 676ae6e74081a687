"""Fuzzing: mutated plans never crash a command, never exit 3, and always say where."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from iwgplan.cli.app import app
from tests.helpers import SHIPPED
from tests.helpers.mutations import mutate, mutation

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` skips these in the inner loop

SHIPPED_TEXT = SHIPPED.read_bytes()
GENERATED = generate(40, seed=3).encode("utf-8")
LOCATED = re.compile(r"^.+:\d+:\d+: ", re.M)

COMMANDS = [
    ["validate"],
    ["status", "--as-of", "2026-06-01"],
    ["list"],
    ["show", "joint-statement"],
    ["report", "--as-of", "2026-06-01"],
    ["export", "--format", "ics", "--as-of", "2026-06-01"],
    ["export", "--format", "csv"],
]


def check_all(tmp_path: Path, data: bytes) -> None:
    plan = tmp_path / "fuzzed.yaml"
    plan.write_bytes(data)
    runner = CliRunner()
    for args in [*COMMANDS, ["diff", str(SHIPPED)]]:
        start = time.process_time()  # CPU time: the work done, whatever the machine's load
        result = runner.invoke(app, [*args, "--plan", str(plan)], catch_exceptions=False)
        elapsed = time.process_time() - start
        allowed = (0, 2) if args[0] == "diff" else (0, 1)
        assert result.exit_code in allowed, (args, result.exit_code, result.stderr[-2000:])
        assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr
        assert elapsed < 2.0, (args, elapsed)
        if result.exit_code and "problem" in result.stderr:
            problems = [ln for ln in result.stderr.split("\n") if ln and not ln.startswith("iwgplan:")]
            assert problems and all(LOCATED.match(ln) for ln in problems), result.stderr


@given(steps=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_shipped_plan(tmp_path_factory, steps) -> None:  # type: ignore[no-untyped-def]
    check_all(tmp_path_factory.mktemp("fuzz"), mutate(SHIPPED_TEXT, steps))


@given(steps=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_generated_plan(tmp_path_factory, steps) -> None:  # type: ignore[no-untyped-def]
    check_all(tmp_path_factory.mktemp("fuzz"), mutate(GENERATED, steps))


@given(data=st.binary(max_size=400))
def test_random_bytes(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    check_all(tmp_path_factory.mktemp("fuzz"), data)
