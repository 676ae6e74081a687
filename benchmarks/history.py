"""Benchmark of the plan's history (issue 14): a git repository of N commits of realistic edits of
the shipped plan, and the three targets measured side by side in one run.

    python benchmarks/history.py [--commits 500] [--runs 3] [--keep DIR]

The repository starts with the shipped plan ("Plan as adopted") and then, one commit each, makes
the edits a secretariat makes, through iwgplan's own commands run in this process: dated notes
(most commits), starts, deliverables done, due dates that slip (with a reason), one revision of
the plan half way, and reformatting commits that change only comments or blank lines (which
`log` shows as "no change to the plan"). Commit dates run from 2025-09-12 by 20 hours.

Measured, each as a whole process (median wall time of --runs runs, and peak RSS):
- `iwgplan log` over all commits (a rerun), against `iwgplan validate` of the plan, against
  `git log -p` alone (issue 29) and against `git log -p` plus one parse of each distinct blob
  of the plan (this file's --read-blobs mode: the least work any semantic log must do);
- `status --since DAY` (DAY the date of the commit 100 commits back) against plain `status`;
- `log --until REF` for REF 100, 250 and 500 commits in: peak RSS should not grow with N.

The figures go to benchmarks/RESULTS.md, in the section "History (issue 14)", which this script
replaces (run.py keeps it when it rewrites the rest).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import measure  # noqa: E402

SHIPPED = ROOT / "plans" / "workplan-2025-2026.yaml"
PLAN = Path("plans") / SHIPPED.name
FIRST = datetime(2025, 9, 12, 9, 0, tzinfo=UTC)
STEP = timedelta(hours=20)
MARK = "<!-- history benchmark -->"
NOTES = [
    "Discussed at the IWG meeting; delegations asked for a revised draft.",
    "Secretariat circulated a background note.",
    "Co-Chairs consulted delegations informally.",
    "Item raised at the Council for Trade in Goods.",
    "Draft shared with members for comments by the end of the month.",
]


def _git(root: Path, *args: str, when: datetime | None = None) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "IWG Secretariat",
        "GIT_AUTHOR_EMAIL": "secretariat@example.org",
        "GIT_COMMITTER_NAME": "IWG Secretariat",
        "GIT_COMMITTER_EMAIL": "secretariat@example.org",
    }
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {done.stderr}")
    return done.stdout


def _deliverables(plan: Path) -> list[tuple[str, str]]:
    """(id, status) of every deliverable, from `export --format json` run in this process."""
    import json

    rows = json.loads(_iwgplan("export", "--format", "json", "--plan", str(plan)))["action_points"]
    return [(r["id"], r["status"]) for r in rows if r.get("kind", "deliverable") == "deliverable"]


def _iwgplan(*args: str) -> str:
    from typer.testing import CliRunner

    from iwgplan.cli.app import app

    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(f"iwgplan {' '.join(args)}: exit {result.exit_code}: {result.stderr}")
    return result.stdout


def _reformat(text: str, n: int) -> str:
    """A commit that changes no data: a comment reworded, or a blank line added or removed."""
    if n % 2:
        pattern = r"(?m)^(# IWG Work Plan 2025-2026.*?)( \(reviewed \d+\))?$"
        return re.sub(pattern, rf"\1 (reviewed {n})", text, count=1)
    if "\n\nreferences:" in text:
        return text.replace("\n\nreferences:", "\n\n\nreferences:", 1)
    return text.replace("\n\n\nreferences:", "\n\nreferences:", 1)


def build(root: Path, commits: int, seed: int = 14) -> list[tuple[str, datetime]]:
    """The repository at ``root``: ``commits`` commits; returns (sha, date) oldest first."""
    rng = random.Random(seed)
    root.mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    plan = root / PLAN
    plan.parent.mkdir()
    shutil.copyfile(SHIPPED, plan)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Plan as adopted", when=FIRST)
    made = [(_git(root, "rev-parse", "HEAD").strip(), FIRST)]
    status = dict(_deliverables(plan))
    dues: dict[str, str] = {}
    for n in range(1, commits):
        when = FIRST + n * STEP
        day = when.date().isoformat()
        roll = rng.random()
        open_ = sorted(i for i, s in status.items() if s in ("planned", "in-progress"))
        planned = sorted(i for i, s in status.items() if s == "planned")
        started = sorted(i for i, s in status.items() if s == "in-progress")
        common = ["--date", day, "--plan", str(plan)]
        if n == commits // 2:
            _iwgplan("revise", *common)
            subject = "Revision of the work plan"
        elif roll < 0.12:
            plan.write_text(_reformat(plan.read_text(encoding="utf-8"), n), encoding="utf-8")
            subject = "Tidy comments and spacing"
        elif roll < 0.20 and planned:
            item = rng.choice(planned)
            _iwgplan("start", item, *common)
            status[item], subject = "in-progress", f"Start {item}"
        elif roll < 0.26 and (started or planned) and len(open_) > 3:
            item = rng.choice(started or planned)
            _iwgplan("done", item, "--with-children", *common)
            status, subject = dict(_deliverables(plan)), f"{item} done"  # its children are done too
        elif roll < 0.33 and open_:
            item = rng.choice(open_)
            due = (when.date() + timedelta(days=rng.choice([30, 45, 60, 90]))).strftime("%Y-%m")
            if dues.get(item) == due:  # already due then: a note instead
                _iwgplan("note", item, "Timing confirmed at the meeting.", *common)
                subject = f"Note on {item}"
            else:
                try:
                    _iwgplan(
                        "modify", item, "--due", due, "--reason", "Postponed to the next meeting", *common
                    )
                except SystemExit:  # the plan's own due date already reads so
                    _iwgplan("note", item, "Timing confirmed at the meeting.", *common)
                dues[item], subject = due, f"{item} slips to {due}"
        else:
            item = rng.choice(open_ or sorted(status))
            _iwgplan("note", item, rng.choice(NOTES), *common)
            subject = f"Note on {item}"
        _git(root, "add", "-A")
        _git(root, "commit", "-qm", subject, "--allow-empty", when=when)
        made.append((_git(root, "rev-parse", "HEAD").strip(), when))
    return made


def read_blobs(root: Path) -> None:
    """The baseline: `git log -p` of the plan, then one parse of each distinct blob it had."""
    from iwgplan.files.loading import check_text
    from iwgplan.files.reading import decode

    subprocess.run(
        ["git", "log", "-p", "--follow", "--", str(PLAN)], cwd=root, stdout=subprocess.DEVNULL, check=True
    )
    raw = subprocess.run(
        ["git", "log", "--format=", "--raw", "--no-abbrev", "--follow", "--", str(PLAN)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    blobs = list(dict.fromkeys(b for line in raw.splitlines() for b in line.split()[2:4] if set(b) != {"0"}))
    cat = subprocess.Popen(
        ["git", "cat-file", "--batch"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert cat.stdin is not None and cat.stdout is not None
    for blob in blobs:
        cat.stdin.write(f"{blob}\n".encode())
        cat.stdin.flush()
        size = int(cat.stdout.readline().split()[2])
        data = cat.stdout.read(size + 1)[:-1]
        check_text(decode(data, str(PLAN)), str(PLAN))
    cat.stdin.close()
    cat.wait()
    print(len(blobs))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--commits", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the repository here (reused when it exists)")
    parser.add_argument("--read-blobs", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read_blobs:
        read_blobs(args.read_blobs)
        return
    with tempfile.TemporaryDirectory(prefix="iwgplan-history-") as tmp:
        root = args.keep or Path(tmp) / "repo"
        if not (root / ".git").exists():
            build(root, args.commits)
        made = [
            (sha, datetime.fromisoformat(when))
            for sha, when in (
                line.split()
                for line in reversed(_git(root, "log", "--format=%H %cI", "--first-parent").splitlines())
            )
        ]
        report = measure_all(root, made, args.runs, Path(tmp))
    print(report, end="")
    write_results(report)


def measure_all(root: Path, made: list[tuple[str, datetime]], runs: int, tmp: Path) -> str:
    env = {**os.environ, "NO_COLOR": "1", "IWGPLAN_CACHE_DIR": str(tmp / "cache")}
    env.pop("IWGPLAN_NO_CACHE", None)
    me = [sys.executable, "-m", "iwgplan"]
    plan = ["--plan", str(root / PLAN)]
    as_of = ["--as-of", made[-1][1].date().isoformat()]
    back = made[-101][1].date().isoformat() if len(made) > 100 else made[0][1].date().isoformat()
    os.chdir(root)
    rows: list[tuple[str, float, float]] = []

    def row(name: str, cmd: list[str]) -> tuple[float, float]:
        seconds, rss = measure(cmd, runs, env, None)
        rows.append((name, seconds, rss))
        print(f"{name}: {seconds * 1000:.0f} ms, {rss:.0f} MB", flush=True)
        return seconds, rss

    n = len(made)
    subprocess.run([*me, "status", *plan], env=env, stdout=subprocess.DEVNULL, check=True)  # warm the cache
    validate = row("validate, the plan", [*me, "validate", str(root / PLAN)])
    base = row(
        f"git log -p + one parse per distinct blob ({n} commits)",
        [sys.executable, str(Path(__file__).resolve()), "--read-blobs", str(root)],
    )
    gitlog = row(f"git log -p ({n} commits)", ["git", "log", "-p", "--", str(PLAN)])
    subprocess.run([*me, "log", *plan], env=env, stdout=subprocess.DEVNULL, check=True)  # a first run
    log = row(f"log, {n} commits, a rerun", [*me, "log", *plan])
    status = row("status", [*me, "status", *as_of, "--no-pager", *plan])
    since = row(
        f"status --since {back} (100 commits back)",
        [*me, "status", "--since", back, *as_of, "--no-pager", *plan],
    )
    flat = []
    for k in (100, 250, n):
        if k <= n:
            flat.append(
                (k, row(f"log --until (first {k} commits)", [*me, "log", "--until", made[k - 1][0], *plan]))
            )
    table = "| command | median wall | peak RSS |\n|---|---:|---:|\n" + "".join(
        f"| {name} | {s * 1000:.0f} ms | {r:.0f} MB |\n" for name, s, r in rows
    )
    rss = ", ".join(f"{r:.0f} MB at {k}" for k, (_, r) in flat)
    targets = (
        "| target | limit | measured |\n|---|---|---|\n"
        f"| log over {n} commits / validate | ≤ 15× | {log[0] / validate[0]:.1f}× |\n"
        f"| log over {n} commits / git log -p + one parse per blob | ≤ 2× | {log[0] / base[0]:.2f}× |\n"
        f"| log over {n} commits, a rerun / git log -p | ≤ 5× | {log[0] / gitlog[0]:.2f}× |\n"
        f"| status --since 100 commits back / status | ≤ 3× | {since[0] / status[0]:.2f}× |\n"
        f"| log peak RSS by commits read | flat | {rss} |\n"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    head = (
        f"- {n} commits of the shipped plan ({_git(root, 'log', '-1', '--format=%cs')[:10]} last), "
        f"{runs} runs each; machine: {platform.machine()}, {os.cpu_count()} cores,"
        f" load average at the end {load}\n"
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; Python {platform.python_version()}\n\n"
    )
    return head + table + "\n" + targets


def write_results(report: str) -> None:
    path = HERE / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    text = text.split(f"\n{MARK}\n", 1)[0].rstrip("\n") + "\n"
    section = (
        f"\n{MARK}\n## History (issue 14)\n\nWritten by `python benchmarks/history.py`: a repository of"
        " realistic edits of the shipped plan (notes, starts, done, slips, a revision, reformatting"
        " commits), each command as a whole process.\n\n" + report
    )
    path.write_text(text + section, encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
