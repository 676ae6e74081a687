"""Dependency cycles: one problem per group of items caught in a loop, whatever its size."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SMALL

HEAD = SMALL.read_text(encoding="utf-8").split("tiers:\n")[0]


def plan_with(deps: dict[str, list[str]]) -> str:
    """A plan whose action points are ``deps``' keys, in order, each depending on its list."""
    lines = [
        "tiers:",
        "  - id: t",
        '    number: "1"',
        "    title: T",
        "    focus_areas:",
        "      - id: fa",
        "        title: F",
        "        action_points:",
    ]
    for ident, needs in deps.items():
        lines += [
            f"          - id: {ident}",
            f"            title: Item {ident}",
            "            status: planned",
        ]
        if needs:
            lines.append(f"            depends_on: [{', '.join(needs)}]")
    return HEAD + "\n".join(lines) + "\n"


def validate(cli, tmp_path: Path, deps: dict[str, list[str]]) -> list[str]:
    plan = tmp_path / "p.yaml"
    plan.write_text(plan_with(deps), encoding="utf-8")
    run = cli("validate", plan)
    return [line for line in run.err.splitlines() + run.out.splitlines() if "dependency cycle" in line]


@pytest.mark.parametrize(
    ("deps", "expected"),
    [
        (
            {"a": ["b"], "b": ["a"]},
            [
                "p.yaml:34:25: tiers[0].focus_areas[0].action_points[0].depends_on: dependency cycle: a -> b -> a"
            ],
        ),
        ({"a": ["b"], "b": ["c"], "c": ["a"]}, ["dependency cycle: a -> b -> c -> a"]),
        ({"a": ["b"], "b": [], "c": ["a", "b"]}, []),  # a diamond is no cycle
        ({"a": ["a"]}, []),  # depending on itself is its own problem
        # two loops sharing an item are one group, reported once, at the first item in the file
        (
            {"x": [], "a": ["b"], "b": ["a", "c"], "c": ["b"]},
            ["dependency cycle: a -> b -> a (3 items depend on each other in loops)"],
        ),
        # two separate loops: one problem each, in file order
        (
            {"a": ["b"], "b": ["a"], "c": ["d"], "d": ["c"]},
            ["dependency cycle: a -> b -> a", "dependency cycle: c -> d -> c"],
        ),
        # a long loop is shortened past four ids
        (
            {f"n{k}": [f"n{(k + 1) % 8}"] for k in range(8)},
            ["dependency cycle: n0 -> n1 -> n2 -> n3 -> … (4 more) -> n0"],
        ),
    ],
)
def test_each_loop_is_reported_once(cli, tmp_path: Path, deps, expected) -> None:
    found = validate(cli, tmp_path, deps)
    assert len(found) == len(expected)
    for line, want in zip(found, expected, strict=True):
        assert want in line


def test_ten_thousand_items_in_one_loop_with_shortcuts(tmp_path: Path) -> None:
    """One line for the whole loop: before, one problem per back edge with the whole path each
    printed 440 MB. The output's size is the test; memory stays linear in the plan."""
    n = 10_000
    deps = {f"i{k}": [f"i{(k + 1) % n}", f"i{(k + 7) % n}", f"i{(k * 31 + 5) % n}"] for k in range(n)}
    plan = tmp_path / "p.yaml"
    plan.write_text(plan_with(deps), encoding="utf-8")
    out, err = tmp_path / "out", tmp_path / "err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "iwgplan", "validate", str(plan)],
            stdout=stdout,
            stderr=stderr,
            env={"IWGPLAN_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
        )
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.returncode == 1
    text = out.read_text(encoding="utf-8") + err.read_text(encoding="utf-8")
    cycles = [line for line in text.splitlines() if "dependency cycle" in line]
    assert len(cycles) == 1, cycles[:3]
    assert "10,000 items depend on each other in loops" in cycles[0]
    assert len(text) < 2_000
    shown = r"action_points\[0\]\.depends_on: dependency cycle: i0( -> i\d+){3} -> … \(\d+ more\) -> i0 \("
    assert re.search(shown, cycles[0]), cycles[0]
    assert usage.ru_maxrss * 1024 < 600 * 2**20, f"{usage.ru_maxrss / 1024:.0f} MiB"  # was 630 MiB


def test_a_deep_chain_is_no_cycle_and_needs_no_recursion(cli, tmp_path: Path) -> None:
    deps = {f"i{k}": [f"i{k + 1}"] if k < 4_999 else [] for k in range(5_000)}
    assert validate(cli, tmp_path, deps) == []
