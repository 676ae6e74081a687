"""Benchmarks: whole-process wall time (median of N runs) and peak RSS of each command.

    python benchmarks/run.py            # full run: N = 100, 1,000, 10,000; writes benchmarks/RESULTS.md
    python benchmarks/run.py --smoke    # CI: N = 200, 1 run each; prints the table, asserts no timings

Compares `iwgplan validate` with check-jsonschema on the exported schema (the peer a CI user would
otherwise pick), and `iwgplan status` / `--help` with `python -c pass` (the floor).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate, second_revision  # noqa: E402

BIN = Path(sys.executable).parent
IWGPLAN = [str(BIN / "iwgplan")] if (BIN / "iwgplan").exists() else [sys.executable, "-m", "iwgplan"]
SCHEMA = ROOT / "schemas" / "workplan.schema.json"
SHIPPED = ROOT / "plans" / "workplan-2025-2026.yaml"


@dataclass
class Row:
    name: str
    seconds: float
    rss_mb: float
    runs: int
    note: str = ""


def measure(
    cmd: list[str], runs: int, *, setup: object = None, ok: tuple[int, ...] = (0,)
) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MB) of `runs` runs of a whole process."""
    times, peaks = [], []
    env = {**os.environ, "NO_COLOR": "1"}
    for _ in range(runs):
        if callable(setup):
            setup()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        proc.returncode = os.waitstatus_to_exitcode(status)
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        if proc.returncode not in ok:
            raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{stderr}")
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def check_jsonschema() -> list[str] | None:
    found = BIN / "check-jsonschema"
    if found.exists():
        return [str(found)]
    which = shutil.which("check-jsonschema")
    return [which] if which else None


def run(sizes: list[int], runs: int, work: Path) -> list[Row]:
    rows: list[Row] = []
    peer = check_jsonschema()
    files: dict[int, tuple[Path, Path]] = {}
    for n in sizes:
        text = generate(n, seed=1)
        first, second = work / f"plan-{n}.yaml", work / f"plan-{n}-rev2.yaml"
        first.write_text(text, encoding="utf-8")
        second.write_text(second_revision(text), encoding="utf-8")
        files[n] = (first, second)
        t, m = measure([*IWGPLAN, "validate", str(first)], runs)
        rows.append(Row(f"iwgplan validate, {n:,} items", t, m, runs))
        if peer:
            t2, m2 = measure([*peer, "--schemafile", str(SCHEMA), str(first)], runs)
            rows.append(
                Row(f"check-jsonschema, {n:,} items", t2, m2, runs, f"iwgplan is {t2 / t:.1f}x faster")
            )
    t, m = measure([sys.executable, "-c", "pass"], runs)
    rows.append(Row("python -c pass (the floor)", t, m, runs))
    t, m = measure([*IWGPLAN, "--help"], runs)
    rows.append(Row("iwgplan --help", t, m, runs))
    t, m = measure([*IWGPLAN, "status", "--plan", str(SHIPPED), "--as-of", "2026-11-28"], runs)
    rows.append(Row("iwgplan status, shipped plan", t, m, runs))
    if peer:
        t2, m2 = measure([*peer, "--schemafile", str(SCHEMA), str(SHIPPED)], runs)
        rows.append(Row("check-jsonschema, shipped plan", t2, m2, runs, f"status takes {t / t2:.0%} of it"))
    largest = max(sizes)
    first, second = files[largest]
    scratch = work / "edit.yaml"
    original = first.read_bytes()
    target = _open_item(original.decode("utf-8"))

    def reset() -> None:
        scratch.write_bytes(original)

    t, m = measure(
        [*IWGPLAN, "done", target, "--date", "2026-06-01", "--plan", str(scratch)], runs, setup=reset
    )
    rows.append(Row(f"iwgplan done, {largest:,} items", t, m, runs))
    t, m = measure([*IWGPLAN, "diff", str(first), str(second), "--summary"], runs)
    rows.append(Row(f"iwgplan diff, two {largest:,}-item revisions", t, m, runs))
    if len(sizes) > 1 and 1000 in sizes and 10000 in sizes:
        small = next(r for r in rows if r.name == "iwgplan validate, 1,000 items")
        big = next(r for r in rows if r.name == "iwgplan validate, 10,000 items")
        big.note = f"10k/1k time ratio {big.seconds / small.seconds:.1f}"
    return rows


def _open_item(text: str) -> str:
    """A top-level item without sub-points that is still planned, so `done` has work to do."""
    import re

    for match in re.finditer(r"(?m)^ {10}- id: (i\d+)\n(?: {12}.*\n)*", text):
        block = match.group(0)
        if "status: planned" in block and "children:" not in block:
            return match.group(1)
    raise SystemExit("no open item in the generated plan")


def table(rows: list[Row]) -> str:
    lines = ["| command | median wall | peak RSS | runs | note |", "|---|---:|---:|---:|---|"]
    lines += [
        f"| {r.name} | {r.seconds * 1000:.0f} ms | {r.rss_mb:.0f} MB | {r.runs} | {r.note} |" for r in rows
    ]
    return "\n".join(lines) + "\n"


def versions() -> str:
    import pydantic
    import yaml

    import iwgplan

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    peer = check_jsonschema()
    peer_version = (
        subprocess.run([*peer, "--version"], capture_output=True, text=True).stdout.strip()
        if peer
        else "absent"
    )
    return (
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {cpu}\n"
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n"
        f"- Python {platform.python_version()}, iwgplan {iwgplan.__version__},"
        f" pydantic {pydantic.__version__}, PyYAML {yaml.__version__}"
        f" (libyaml: {yaml.__with_libyaml__}), {peer_version}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="N = 200, one run each; no RESULTS.md")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sizes, runs = ([200], 1) if args.smoke else ([100, 1000, 10000], max(args.runs, 5))
    with tempfile.TemporaryDirectory(prefix="iwgplan-bench-") as tmp:
        rows = run(sizes, runs, Path(tmp))
    out = table(rows)
    print(out, end="")
    if not args.smoke:
        text = (
            "# Benchmark results\n\nWritten by `python benchmarks/run.py`: the median wall time of each"
            f" command as a whole process ({runs} runs), and its peak RSS. A child's peak RSS counts"
            " the runner's own pages at fork time, so readings near 37 MB are that floor, not the"
            f" command.\n\n{versions()}\n{out}"
        )
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
        print(f"wrote {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
