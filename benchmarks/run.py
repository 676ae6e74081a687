"""Benchmarks: whole-process wall time (median of N runs) and peak RSS of each command, and the
targets of issues 13 and 29, each a ratio of two rows measured side by side in one run.

    python benchmarks/run.py [--baseline DIR]   # full run; writes benchmarks/RESULTS.md
    python benchmarks/run.py --smoke            # CI: small plans, 1 run each; asserts no timings

--baseline DIR runs an earlier iwgplan source tree (DIR/src) as "before" next to this one, for
the targets that compare with it (for example `git archive cb8fcbb | tar -x -C /tmp/base`).
"warm" runs read a plan the validated-plan cache holds; "cold" runs bypass the cache
(IWGPLAN_NO_CACHE=1), as every run did before it existed. The "before" `status` rows run cold
too, whatever the tree: issue 13's targets compare with the code before the cache, and a
baseline that has one would otherwise be measured warm against this tree's cold run.

The Taskwarrior pairs (issue 29: `list` / `task list`, warm `status` / `task next`, `done ID` /
`task ID done`) run where `task` is installed (Debian's `taskwarrior`, which `.ci/run` installs);
elsewhere the run says why they are skipped and their targets read "not measured".
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import taskwarrior  # noqa: E402
from generate import generate, renamed_revision, revised_history, second_revision  # noqa: E402

SCHEMA = ROOT / "schemas" / "workplan.schema.json"
SHIPPED = ROOT / "plans" / "workplan-2025-2026.yaml"
AS_OF = "2026-11-28"


def _installed() -> list[str]:
    """The command a person types: the `iwgplan` script that pip installed beside this Python (it
    imports iwgplan.cli.main and calls it). `python -m iwgplan` only where there is none: it also
    pays for runpy and importlib.util (about 4 ms of each run, a fifth of a warm `status`)."""
    script = Path(sys.executable).parent / "iwgplan"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "iwgplan"]


IWGPLAN = _installed()


@dataclass
class Row:
    key: str
    name: str
    seconds: float
    rss_mb: float
    runs: int


@dataclass
class Bench:
    work: Path
    runs: int
    baseline: Path | None
    rows: dict[str, Row]

    def env(self, *, cold: bool = False, before: bool = False) -> dict[str, str]:
        env = {**os.environ, "NO_COLOR": "1", "IWGPLAN_CACHE_DIR": str(self.work / "cache")}
        env.pop("IWGPLAN_NO_CACHE", None)
        if cold:
            env["IWGPLAN_NO_CACHE"] = "1"
        if before and self.baseline is not None:
            env["PYTHONPATH"] = str(self.baseline / "src")
        return env

    def time(
        self,
        key: str,
        name: str,
        args: list[str],
        *,
        cold: bool = False,
        before: bool = False,
        setup: Callable[[], None] | None = None,
        runs: int | None = None,
        program: list[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> Row:
        cmd = [*(program or IWGPLAN), *args]
        env = env or self.env(cold=cold, before=before)
        count = runs or self.runs
        seconds, rss = measure(cmd, count, env, setup)
        row = Row(key, name, seconds, rss, count)
        self.rows[key] = row
        print(f"{name}: {seconds * 1000:.0f} ms, {rss:.0f} MB", flush=True)
        return row


@dataclass
class Side:
    """One command of a pair: its row's key and name, its command line, environment and setup."""

    key: str
    name: str
    cmd: list[str]
    env: dict[str, str]
    setup: Callable[[], None] | None = None


def pair(bench: Bench, *sides: Side, runs: int | None = None) -> None:
    """Commands timed in turns (one run of each, then again), so that the rows of a ratio see
    the machine as it is in the same seconds: on a shared machine a burst of load during one row
    and not the other moved a ratio by a quarter from one run to the next."""
    count = runs or bench.runs
    found: dict[str, tuple[list[float], list[float]]] = {side.key: ([], []) for side in sides}
    for _ in range(count):
        for side in sides:
            seconds, rss = measure(side.cmd, 1, side.env, side.setup)
            found[side.key][0].append(seconds)
            found[side.key][1].append(rss)
    for side in sides:
        times, peaks = found[side.key]
        row = Row(side.key, side.name, statistics.median(times), max(peaks), count)
        bench.rows[side.key] = row
        print(f"{side.name}: {row.seconds * 1000:.0f} ms, {row.rss_mb:.0f} MB", flush=True)


def measure(
    cmd: list[str], runs: int, env: dict[str, str], setup: Callable[[], None] | None
) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MB) of ``runs`` runs of a whole process."""
    times, peaks = [], []
    for _ in range(runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise SystemExit(f"benchmark command failed ({code}): {' '.join(cmd)}\n{stderr}")
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def check_jsonschema() -> list[str] | None:
    found = Path(sys.executable).parent / "check-jsonschema"
    if found.exists():
        return [str(found)]
    which = shutil.which("check-jsonschema")
    return [which] if which else None


def open_items(text: str, count: int) -> list[str]:
    """Top-level items without sub-points that are still planned, so `done` has work to do."""
    found = []
    for match in re.finditer(r"(?m)^ {10}- id: (i\d+)\n(?: {12}.*\n)*", text):
        block = match.group(0)
        if "status: planned" in block and "children:" not in block:
            found.append(match.group(1))
            if len(found) == count:
                return found
    raise SystemExit(f"fewer than {count} open items in the generated plan")


def warm_status(bench: Bench, args: list[str]) -> None:
    """Two untimed runs before a warm `status` row: the first fills the validated-plan cache,
    the second keeps the screen (iwgplan/cli/memo.py), as a user's earlier runs would have; so
    every timed run is warm, whatever the number of runs (the median of 2 at 95,000 items was
    the mean of a run that kept the screen and one that printed it)."""
    for _ in range(2):
        measure([*IWGPLAN, *args], 1, bench.env(), None)


def forget_screens(bench: Bench) -> Callable[[], None]:
    """A setup that removes the kept screens: the `status` rows "computed" time a warm run that
    reads the validated-plan cache and computes its screen (the kept screen's miss)."""

    def forget() -> None:
        for screen in (bench.work / "cache").glob("screen-*"):
            screen.unlink()

    return forget


def warm_up(plan: Path, reset: Callable[[], None], env: dict[str, str]) -> None:
    """One untimed `status` on the scratch plan before its `done` rows, as a user looks before
    recording: the scratch is another file than the plan the warm `status` rows read, so without
    it the first timed `done` would be a miss (which caches the bytes it read for the runs after
    it), and with the few runs of the 95,000-item row that run would be half the median."""
    reset()
    measure([*IWGPLAN, "status", "--plan", str(plan), "--as-of", AS_OF], 1, env, None)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def peers(bench: Bench, sizes: tuple[int, ...]) -> None:
    """iwgplan against Taskwarrior on the same items, each pair side by side in this run."""
    found, why = taskwarrior.available()
    if not found:
        print(f"Taskwarrior pairs skipped: {why}", flush=True)
        return
    for n in sizes:
        plan = write(bench.work / f"tw-{n}.yaml", generate(n, seed=1))
        peer = taskwarrior.Peer(bench.work / f"tw-{n}", plan, bench.env())
        task = [peer.program]
        status = ["status", "--plan", str(plan), "--as-of", AS_OF]
        warm_status(bench, status)
        pair(
            bench,
            Side(f"status.tw{n}", f"status, {n:,} items, warm", [*IWGPLAN, *status], bench.env()),
            Side(f"task.next.{n}", f"task next, {n:,} tasks", [*task, "next"], peer.env()),
        )
        computed = f"status, {n:,} items, warm, screen computed"
        bench.time(f"status.tw{n}.computed", computed, status, setup=forget_screens(bench))
        listing = [*IWGPLAN, "list", "--plan", str(plan), "--as-of", AS_OF]
        pair(
            bench,
            Side(f"list.tw{n}", f"list, {n:,} items, warm", listing, bench.env()),
            Side(f"task.list.{n}", f"task list, {n:,} tasks", [*task, "list"], peer.env()),
        )
        scratch, original = bench.work / f"tw-{n}-edit.yaml", plan.read_bytes()
        target = open_items(plan.read_text(encoding="utf-8"), 1)[0]

        def reset(scratch: Path = scratch, original: bytes = original) -> None:
            scratch.write_bytes(original)

        done = ["done", "--date", "2026-06-01", "--plan", str(scratch), target]
        warm_up(scratch, reset, bench.env())
        ident = peer.first_pending()
        pair(
            bench,
            Side(f"done.tw{n}", f"done, {n:,} items", [*IWGPLAN, *done], bench.env(), reset),
            Side(
                f"task.done.{n}",
                f"task {ident} done, {n:,} tasks",
                [*task, ident, "done"],
                peer.env(),
                peer.reset,
            ),
        )


def log_pair(bench: Bench, commits: int) -> None:
    """`log` over the history of a plan of ``commits`` commits (benchmarks/history.py's
    repository of realistic edits), rerun, against `git log -p` of the same file (issue 29)."""
    import history  # imports this module's measure(): only when the pair runs

    root = bench.work / "history"
    history.build(root, commits)
    plan = root / history.PLAN
    log = ["log", "--plan", str(plan)]
    measure([*IWGPLAN, *log], 1, bench.env(), None)  # a first run fills the cache
    gitlog = ["git", "-C", str(root), "log", "-p", "--", str(history.PLAN)]
    pair(
        bench,
        Side(
            "log.rerun",
            f"log, {commits} commits, a rerun",
            [*IWGPLAN, *log],
            bench.env(),
        ),
        Side("git.log", f"git log -p, {commits} commits", gitlog, bench.env()),
    )


def run(
    bench: Bench,
    *,
    items: int,
    big: int,
    groups: int,
    history: int,
    ids: int,
    peer: tuple[int, ...],
    commits: int,
) -> None:
    work, before = bench.work, bench.baseline is not None
    peers(bench, peer)
    log_pair(bench, commits)
    help_rows = [
        Side("help", "iwgplan --help", [*IWGPLAN, "--help"], bench.env()),
        Side("floor", "python -c pass (the floor)", [sys.executable, "-c", "pass"], bench.env()),
    ]
    if before:
        help_rows.append(
            Side("help.before", "iwgplan --help, before", [*IWGPLAN, "--help"], bench.env(before=True))
        )
    pair(bench, *help_rows)

    # The shipped plan: warm and cold status against check-jsonschema on the same file.
    shipped = ["status", "--plan", str(SHIPPED), "--as-of", AS_OF]
    peer = check_jsonschema()
    if peer:
        bench.time(
            "cjs.shipped",
            "check-jsonschema, shipped plan",
            ["--schemafile", str(SCHEMA), str(SHIPPED)],
            program=peer,
        )
    warm_status(bench, shipped)
    bench.time("status.shipped.warm", "status, shipped plan, warm", shipped)
    shipped_rows = [
        Side("status.shipped.cold", "status, shipped plan, cold", [*IWGPLAN, *shipped], bench.env(cold=True))
    ]
    if before:
        # The shipped plan is now schema_version 2, which the earlier tree cannot read: it reads
        # its own copy of the shipped plan (the same document with less provenance: 15.6 KB, not 19.9).
        assert bench.baseline is not None
        own = bench.baseline / "plans" / SHIPPED.name
        old = ["status", "--plan", str(own if own.exists() else SHIPPED), "--as-of", AS_OF]
        shipped_rows.append(
            Side(
                "status.shipped.before",
                "status, shipped plan, before, cold (its own copy)",
                [*IWGPLAN, *old],
                bench.env(before=True, cold=True),
            )
        )
    pair(bench, *shipped_rows)

    # N items, the usual shape.
    text = generate(items, seed=1)
    plan = write(work / "plan.yaml", text)
    rev2 = write(work / "plan-rev2.yaml", second_revision(text))
    bench.time("validate.n", f"validate, {items:,} items", ["validate", str(plan)])
    status = ["status", "--plan", str(plan), "--as-of", AS_OF]
    warm_status(bench, status)
    bench.time("status.n.warm", f"status, {items:,} items, warm", status)
    computed = f"status, {items:,} items, warm, screen computed"
    bench.time("status.n.computed", computed, status, setup=forget_screens(bench))
    bench.time("status.n.cold", f"status, {items:,} items, cold", status, cold=True)
    if before:
        bench.time(
            "status.n.before", f"status, {items:,} items, before, cold", status, before=True, cold=True
        )
    # `diff`: a first run parses the new side (the old one is cached by `status`) and caches it;
    # its own row, so that the rows after it each measure one thing: the median of N runs of
    # which the first alone was cold was a warm run at 10,000 items but, at 2 runs, the mean of
    # a cold and a warm one at 95,000 (the growth read 10.2x, where each kind grows 5 to 8x).
    diff = ["diff", str(plan), str(rev2), "--summary"]
    bench.time("diff.first.n", f"diff, two {items:,}-item revisions, a first run", diff, runs=1)
    bench.time("diff.n", f"diff, two {items:,}-item revisions", diff)
    measure([*IWGPLAN, *diff], 1, bench.env(), None)  # both sides cached
    bench.time("diff.n.warm", f"diff, two {items:,}-item revisions, both cached", diff)
    bench.time("list.n", f"list, {items:,} items, warm", ["list", "--plan", str(plan), "--as-of", AS_OF])

    # The report: Word against HTML on 1,000 items of the usual shape.
    report_plan = write(work / "report.yaml", generate(1000, seed=1)) if items != 1000 else plan
    for fmt in ("html", "docx"):
        out = str(work / f"report.{fmt}")
        args = ["report", "--format", fmt, "-o", out, "--plan", str(report_plan), "--as-of", AS_OF]
        bench.time(f"report.{fmt}", f"report --format {fmt}, 1,000 items", args)

    scratch, original = work / "edit.yaml", plan.read_bytes()
    targets = open_items(text, ids)

    def reset() -> None:
        scratch.write_bytes(original)

    done = ["done", "--date", "2026-06-01", "--plan", str(scratch)]
    warm_up(scratch, reset, bench.env())
    done_rows = [Side("done.n", f"done, {items:,} items", [*IWGPLAN, *done, targets[0]], bench.env(), reset)]
    done_rows.append(
        Side(
            "done.many",
            f"done with {ids} ids, {items:,} items",
            [*IWGPLAN, *done, *targets],
            bench.env(),
            reset,
        )
    )
    if before:
        done_rows.append(
            Side(
                "done.n.before",
                f"done, {items:,} items, before",
                [*IWGPLAN, *done, targets[0]],
                bench.env(before=True),
                reset,
            )
        )
    pair(bench, *done_rows)

    # Mass renames and a long history.
    renamed = write(work / "plan-renamed.yaml", renamed_revision(second_revision(text), 0.16))
    bench.time(
        "diff.renamed", f"diff, {items:,} items, renamed ids", ["diff", str(plan), str(renamed), "--summary"]
    )
    long_text = generate(items // 100 or 30, seed=1, history=history)
    long_plan = write(work / "long.yaml", long_text)
    long_rev2 = write(work / "long-rev2.yaml", revised_history(long_text))
    bench.time(
        "validate.history",
        f"validate, an item with {history:,} history entries",
        ["validate", str(long_rev2)],
    )
    bench.time(
        "diff.history",
        f"diff, {history:,} history entries revised",
        ["diff", str(long_plan), str(long_rev2), "--summary"],
    )

    # The big plan in many groups: every command's growth.
    big_text = generate(big, seed=1, groups=groups)
    big_plan = write(work / "big.yaml", big_text)
    big_rev2 = write(work / "big-rev2.yaml", second_revision(big_text))
    few = max(1, bench.runs // 2)
    bench.time(
        "validate.big", f"validate, {big:,} items in {groups} groups", ["validate", str(big_plan)], runs=few
    )
    big_status = ["status", "--plan", str(big_plan), "--as-of", AS_OF]
    bench.time("status.big.cold", f"status, {big:,} items, cold", big_status, cold=True, runs=few)
    warm_status(bench, big_status)
    bench.time("status.big.warm", f"status, {big:,} items, warm", big_status, runs=few)
    computed = f"status, {big:,} items, warm, screen computed"
    bench.time("status.big.computed", computed, big_status, setup=forget_screens(bench), runs=few)
    big_scratch, big_original = work / "big-edit.yaml", big_plan.read_bytes()
    big_target = open_items(big_text, 1)[0]

    def reset_big() -> None:
        big_scratch.write_bytes(big_original)

    big_done = ["done", "--date", "2026-06-01", "--plan", str(big_scratch), big_target]
    warm_up(big_scratch, reset_big, bench.env())
    bench.time("done.big", f"done, {big:,} items", big_done, setup=reset_big, runs=few)
    big_diff = ["diff", str(big_plan), str(big_rev2), "--summary"]
    bench.time("diff.first.big", f"diff, two {big:,}-item revisions, a first run", big_diff, runs=1)
    bench.time("diff.big", f"diff, two {big:,}-item revisions", big_diff, runs=few)
    # Every other command at the big size, for its peak RSS (issue 29: under 1 GB each).
    big_list = ["list", "--plan", str(big_plan), "--as-of", AS_OF]
    bench.time("list.big", f"list, {big:,} items, warm", big_list, runs=few)
    ics = ["export", "--format", "ics", "-o", str(work / "big.ics"), "--plan", str(big_plan)]
    bench.time("ics.big", f"export --format ics, {big:,} items", ics, runs=few)
    for fmt in ("html", "docx"):
        out = str(work / f"big-report.{fmt}")
        args = ["report", "--format", fmt, "-o", out, "--plan", str(big_plan), "--as-of", AS_OF]
        bench.time(f"report.{fmt}.big", f"report --format {fmt}, {big:,} items", args, runs=few)


@dataclass
class Target:
    what: str
    limit: str
    value: str
    met: bool | None  # None: not measured in this run


def ratio(rows: dict[str, Row], top: str, bottom: str) -> float | None:
    if top not in rows or bottom not in rows:
        return None
    return rows[top].seconds / rows[bottom].seconds


def targets(
    rows: dict[str, Row], items: int, big: int, ids: int, peer: tuple[int, ...], commits: int
) -> list[Target]:
    out = []

    def add(what: str, limit: float, top: str, bottom: str, *, at_most: bool = True) -> None:
        value = ratio(rows, top, bottom)
        if value is None:
            out.append(Target(what, f"≤ {limit}×", "not measured", None))
            return
        out.append(
            Target(what, f"≤ {limit}×", f"{value:.2f}×", value <= limit if at_most else value >= limit)
        )

    add("warm `status`, shipped plan / check-jsonschema", 0.35, "status.shipped.warm", "cjs.shipped")
    add("cold `status`, shipped plan / before", 1.0, "status.shipped.cold", "status.shipped.before")
    add(f"warm `status`, {items:,} items / before", 0.4, "status.n.warm", "status.n.before")
    add(f"`done`, {items:,} items / before", 1.0, "done.n", "done.n.before")
    rss = rows.get("done.n")
    out.append(
        Target(
            f"`done`, {items:,} items, peak RSS",
            "≤ 150 MB",
            f"{rss.rss_mb:.0f} MB" if rss else "not measured",
            rss.rss_mb <= 150 if rss else None,
        )
    )
    add(f"`done` with {ids} ids / one id", 1.4, "done.many", "done.n")
    add(f"`diff` of two {items:,}-item revisions, both cached / `validate`", 1.5, "diff.n.warm", "validate.n")
    for n in peer:
        add(f"warm `status` / `task next`, {n:,} items", 1.0, f"status.tw{n}", f"task.next.{n}")
    add(f"`list` / `task list`, {peer[-1]:,} items", 1.5, f"list.tw{peer[-1]}", f"task.list.{peer[-1]}")
    add(f"`done ID` / `task ID done`, {peer[-1]:,} items", 3.0, f"done.tw{peer[-1]}", f"task.done.{peer[-1]}")
    heavy = [r for k, r in rows.items() if k.endswith(".big")]
    top = max(heavy, key=lambda r: r.rss_mb) if heavy else None
    out.append(
        Target(
            f"every command at {big:,} items, peak RSS (largest: {top.name if top else '—'})",
            "< 1024 MB",
            f"{top.rss_mb:.0f} MB" if top else "not measured",
            top.rss_mb < 1024 if top else None,
        )
    )
    add(f"`log` over {commits} commits, a rerun / `git log -p`", 5.0, "log.rerun", "git.log")
    add("`diff` with renamed ids / `validate`", 4.0, "diff.renamed", "validate.n")
    add("`diff` of a long history / its `validate`", 3.0, "diff.history", "validate.history")
    for key, name in (
        ("validate", "validate"),
        ("status", "status (cold)"),
        ("status-warm", "status (warm)"),
        ("status-computed", "status (warm, screen computed)"),
        ("done", "done"),
        ("diff", "diff"),
        ("diff.first", "diff (a first run: one side parsed)"),
        ("list", "list (warm)"),
    ):
        small = {"status": "status.n.cold", "status-warm": "status.n.warm"}.get(key, f"{key}.n")
        large = {"status": "status.big.cold", "status-warm": "status.big.warm"}.get(key, f"{key}.big")
        if key == "status-computed":
            small, large = "status.n.computed", "status.big.computed"
        add(f"`{name}` growth, {items:,} → {big:,} items", 10.0, large, small)
    add("`--help` / `python -c pass`", 8.0, "help", "floor")
    add("`report --format docx` / `--format html`, 1,000 items", 5.0, "report.docx", "report.html")
    return out


def table(rows: dict[str, Row]) -> str:
    lines = ["| command | median wall | peak RSS | runs |", "|---|---:|---:|---:|"]
    lines += [
        f"| {r.name} | {r.seconds * 1000:.0f} ms | {r.rss_mb:.0f} MB | {r.runs} |" for r in rows.values()
    ]
    return "\n".join(lines) + "\n"


def target_table(found: list[Target]) -> str:
    lines = ["| target | limit | measured | met |", "|---|---|---:|---|"]
    mark = {True: "yes", False: "**no**", None: "—"}
    lines += [f"| {t.what} | {t.limit} | {t.value} | {mark[t.met]} |" for t in found]
    return "\n".join(lines) + "\n"


def versions(baseline: Path | None) -> str:
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
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {cpu}; load average at the end {load}\n"
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n"
        f"- Python {platform.python_version()}, iwgplan {iwgplan.__version__},"
        f" pydantic {pydantic.__version__}, PyYAML {yaml.__version__}"
        f" (libyaml: {yaml.__with_libyaml__}), {peer_version}, {taskwarrior.available()[1]}\n"
        f"- before: {baseline if baseline else 'not measured'}\n"
        f"- iwgplan run as: {' '.join(IWGPLAN)}\n"
    )


def compiled(*trees: Path | None) -> None:
    """Byte-compile the source trees timed, as an install does: with PYTHONDONTWRITEBYTECODE set
    (some shells and CI images set it) an editable checkout would otherwise compile every module
    from source on every timed run, and time the compiler, not the command."""
    for tree in trees:
        if tree is not None:
            src = tree / "src" if (tree / "src").is_dir() else tree
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="small plans, one run each; no RESULTS.md")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="an earlier iwgplan source tree to compare with")
    args = parser.parse_args()
    if args.smoke:
        sizes = {
            "items": 200,
            "big": 400,
            "groups": 8,
            "history": 50,
            "ids": 10,
            "peer": (100, 200),
            "commits": 12,
        }
        runs = 1
    else:
        sizes = {
            "items": 10_000,
            "big": 95_000,
            "groups": 950,
            "history": 4_000,
            "ids": 400,
            "peer": (1_000, 10_000),
            "commits": 500,
        }
        runs = max(args.runs, 3)
    compiled(ROOT / "src", args.baseline)
    with tempfile.TemporaryDirectory(prefix="iwgplan-bench-") as tmp:
        bench = Bench(Path(tmp), runs, args.baseline, {})
        run(bench, **sizes)
    found = targets(bench.rows, sizes["items"], sizes["big"], sizes["ids"], sizes["peer"], sizes["commits"])
    out = table(bench.rows) + "\n" + target_table(found)
    print(out, end="")
    if not args.smoke:
        text = (
            "# Benchmark results\n\nWritten by `python benchmarks/run.py --baseline DIR`: the median wall"
            f" time of each command as a whole process ({runs} runs; the {sizes['big']:,}-item rows"
            f" {max(1, runs // 2)}), and its peak RSS; then each target as a ratio of two rows of this"
            " one run. A child's peak RSS counts the runner's own pages at fork time, so readings"
            " near 37 MB are that floor, not the command.\n\n"
            f"{versions(args.baseline)}\n{out}"
        )
        results = HERE / "RESULTS.md"
        kept = results.read_text(encoding="utf-8") if results.exists() else ""
        mark = "\n<!-- history benchmark -->\n"  # benchmarks/history.py's section stays
        text += mark + kept.split(mark, 1)[1] if mark in kept else ""
        results.write_text(text, encoding="utf-8")
        print(f"wrote {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
