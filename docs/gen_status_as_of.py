"""Write what `iwgplan status --as-of DATE` prints on the shipped plan into docs/status-as-of.md,
or check that the page shows it as printed.

    python docs/gen_status_as_of.py            # rewrite the generated blocks
    python docs/gen_status_as_of.py --check    # exit 1, naming the stale days

Only the text between ``<!-- status:DATE:start -->`` and ``<!-- status:DATE:end -->`` is
generated: the screen at 80 columns without colour, as it reads on that day (the tool's "today"
is set to the day shown), with the plan named by its path in the repository. The prose around the
blocks says what each screen means against the document; `tests/test_faithful.py` checks it
against the JSON output.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date
from pathlib import Path

PAGE = Path(__file__).resolve().parent / "status-as-of.md"
ROOT = PAGE.parent.parent
PLAN = "plans/workplan-2025-2026.yaml"
DAYS = [
    "2025-09-10",
    "2025-11-15",
    "2026-03-26",
    "2026-03-30",
    "2026-07-01",
    "2026-12-15",
    "2027-01-31",
    "2027-03-01",
]
BLOCK = re.compile(r"<!-- status:(?P<day>[0-9-]+):start -->\n(?P<body>.*?)<!-- status:(?P=day):end -->", re.S)


def screen(day: str) -> str:
    """`iwgplan status --as-of DAY` on the shipped plan, on that day, at 80 columns."""
    from typer.testing import CliRunner

    from iwgplan.cli.app import app
    from iwgplan.plan import dates

    real_today, here = dates.today, Path.cwd()
    dates.today = lambda: date.fromisoformat(day)  # type: ignore[assignment]
    os.chdir(ROOT)
    try:
        env = {"COLUMNS": "80", "LINES": "40", "NO_COLOR": "1", "TERM": "dumb", "IWGPLAN_PLAN": None}
        result = CliRunner().invoke(
            app, ["status", "--as-of", day, "--plan", PLAN, "--no-cache"], env=env, catch_exceptions=False
        )
    finally:
        dates.today = real_today  # type: ignore[method-assign]
        os.chdir(here)
    if result.exit_code != 0:
        raise SystemExit(f"gen_status_as_of: status --as-of {day} exited {result.exit_code}")
    lines = [line.rstrip() for line in result.stdout.strip("\n").splitlines()]
    return f"```text\n$ iwgplan status --as-of {day}\n" + "\n".join(lines) + "\n```\n"


def generate(page: str) -> tuple[str, list[str]]:
    """The page with every block rewritten, and the days that have no block."""
    found = {m["day"] for m in BLOCK.finditer(page)}
    missing = [d for d in DAYS if d not in found]
    new = BLOCK.sub(
        lambda m: f"<!-- status:{m['day']}:start -->\n{screen(m['day'])}<!-- status:{m['day']}:end -->", page
    )
    return new, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the page differs; write nothing")
    args = parser.parse_args(argv)
    page = PAGE.read_text(encoding="utf-8")
    new, missing = generate(page)
    if missing:
        print(f"{PAGE.name}: no block for {', '.join(missing)}", file=sys.stderr)
        return 1
    if args.check:
        stale = [
            m["day"] for m, n in zip(BLOCK.finditer(page), BLOCK.finditer(new), strict=True) if m[0] != n[0]
        ]
        if stale:
            print(
                f"{PAGE.name}: stale for {', '.join(stale)}; run `python docs/gen_status_as_of.py`",
                file=sys.stderr,
            )
            return 1
        return 0
    if new != page:
        PAGE.write_text(new, encoding="utf-8")
        print(f"gen_status_as_of: wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
