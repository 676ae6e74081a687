"""Taskwarrior as a peer: the same plan's items imported into a private TASKDATA, for the pairs
`iwgplan list` / `task list`, warm `iwgplan status` / `task next` and `iwgplan done ID` /
`task ID done` (issue 29).

Taskwarrior is Debian's `taskwarrior` (2.6); `.ci/run`'s benchmark step installs it where apt is
available. Elsewhere `available()` says why the pairs are skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

STATUS = {"done": "completed", "dropped": "deleted"}
DUE_STAMP = "%Y%m%dT000000Z"


def program() -> str | None:
    return shutil.which("task")


def available() -> tuple[bool, str]:
    """Whether the pairs can run, and if not, why."""
    found = program()
    if found is None:
        return False, "taskwarrior is not installed (apt-get install taskwarrior)"
    done = subprocess.run([found, "--version"], capture_output=True, text=True)
    if done.returncode != 0:
        return False, f"`task --version` failed: {done.stderr.strip()}"
    return True, f"Taskwarrior {done.stdout.strip()}"


def tasks(export: dict[str, list[dict[str, object]]]) -> list[dict[str, object]]:
    """Taskwarrior's import records for the rows of `iwgplan export --format json`."""
    out: list[dict[str, object]] = []
    for row in export["action_points"]:
        task: dict[str, object] = {
            "description": f"{row['number']} {row['title']}",
            "status": STATUS.get(str(row["status"]), "pending"),
            "project": str(row["tier"]).replace(" ", "_"),
            "entry": "20250910T000000Z",
        }
        if row.get("due_date"):
            task["due"] = str(row["due_date"]).replace("-", "") + "T000000Z"
        if row["status"] == "in-progress":
            task["start"] = "20251001T000000Z"
        if row.get("completed"):
            task["end"] = str(row["completed"]).replace("-", "") + "T000000Z"
        elif task["status"] in ("completed", "deleted"):
            task["end"] = "20260101T000000Z"
        owners = row.get("owners") or []
        if owners:
            task["tags"] = [str(o).replace(" ", "_").replace("'", "") for o in owners]  # type: ignore[union-attr]
        out.append(task)
    return out


class Peer:
    """A private Taskwarrior (TASKDATA and TASKRC in ``home``) holding one plan's items."""

    def __init__(self, home: Path, plan: Path, env: dict[str, str]) -> None:
        self.home = home
        self.data = home / "data"
        self.pristine = home / "pristine"
        self.rc = home / "taskrc"
        home.mkdir(parents=True, exist_ok=True)
        self.rc.write_text(
            "data.location=" + str(self.data) + "\nconfirmation=off\nverbose=nothing\n"
            "color=off\ngc=on\nrecurrence=off\nhooks=off\nnews.version=2.6.2\n",
            encoding="utf-8",
        )
        export = subprocess.run(
            [sys.executable, "-m", "iwgplan", "export", "--format", "json", "--plan", str(plan)],
            capture_output=True,
            check=True,
            env=env,
        ).stdout
        records = json.dumps(tasks(json.loads(export)))
        self.data.mkdir()
        done = subprocess.run(
            [self.program, "import", "-"], input=records, capture_output=True, text=True, env=self.env()
        )
        if done.returncode != 0:
            raise SystemExit(f"task import failed: {done.stderr}")
        self.run("list")  # builds the working set (ids), as a user's first command would
        shutil.copytree(self.data, self.pristine)

    @property
    def program(self) -> str:
        found = program()
        assert found is not None
        return found

    def env(self) -> dict[str, str]:
        return {**os.environ, "TASKDATA": str(self.data), "TASKRC": str(self.rc), "NO_COLOR": "1"}

    def run(self, *args: str) -> str:
        return subprocess.run(
            [self.program, *args], capture_output=True, text=True, check=True, env=self.env()
        ).stdout

    def reset(self) -> None:
        """The data as imported, before a `task ID done`."""
        shutil.rmtree(self.data)
        shutil.copytree(self.pristine, self.data)

    def first_pending(self) -> str:
        """The working-set id of a pending task, for `task ID done`."""
        for line in self.run("rc.report.ids.filter=status:pending", "ids").split():
            return line.split("-")[0]
        raise SystemExit("no pending task in the imported data")
