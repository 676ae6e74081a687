"""Hostile YAML is rejected quickly, in bounded time and memory, and never runs code."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.hostile_yaml import CASES, billion_laughs

PROBE = """
import resource, subprocess, sys
done = subprocess.run(
    [sys.executable, "-m", "iwgplan", "validate", sys.argv[1]], capture_output=True, text=True, timeout=120
)
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(done.returncode, used.ru_utime + used.ru_stime, used.ru_maxrss)
print(done.stdout + done.stderr)
"""


def validate_bounded(path: Path) -> tuple[int, float, float, str]:
    """Exit code, CPU seconds, peak RSS in MB and output of `iwgplan validate` as its own process.

    CPU time, not wall time: the bound is on the work done, which a loaded machine does not change."""
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=True)
    first, rest = out.stdout.split("\n", 1)
    code, seconds, rss_kb = first.split()
    return int(code), float(seconds), int(rss_kb) / 1024, rest


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_rejected_fast_and_small(tmp_path: Path, name: str) -> None:
    text, message = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    code, seconds, rss_mb, output = validate_bounded(path)
    assert code == 1
    assert message in output
    assert "Traceback" not in output
    assert seconds < 2.0, f"{name} took {seconds:.2f} s"
    assert rss_mb < 150, f"{name} peaked at {rss_mb:.0f} MB"


def test_hundred_megabyte_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.write(b"schema_version: 1\n")
        handle.truncate(100 * 1024 * 1024)
    code, seconds, rss_mb, output = validate_bounded(path)
    assert code == 1
    assert f"{path}:1:1: the file is 100 MiB; plan files are limited to 32 MiB" in output
    assert seconds < 2.0 and rss_mb < 100


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
    ],
)
def test_code_tags_never_run(tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f"schema_version: 1\nplan: {payload.format(marker=marker)}\n", encoding="utf-8")
    for command in (
        ["validate", str(path)],
        ["status", "--plan", str(path)],
        ["report", "--plan", str(path)],
    ):
        done = subprocess.run([sys.executable, "-m", "iwgplan", *command], capture_output=True, text=True)
        assert done.returncode == 1, done.stderr
        assert "is not allowed in a plan file" in done.stdout + done.stderr
    assert not marker.exists()
    assert not os.path.exists("pwned")


def test_timing_of_alias_bomb_in_process() -> None:
    from iwgplan.files.yaml_loader import load_data

    start = time.process_time()
    data, problems = load_data(billion_laughs())
    assert data is None and problems and time.process_time() - start < 0.5
