"""A real git repository with a plan in it, committed on chosen days, and the story the history
tests and the "History" page tell with it (``python -m tests.helpers.git_story DIR`` builds it).

Every git command runs as Ana Silva, with no system or global git configuration, so the commits
are the same on any machine, whoever runs the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import SMALL

GIT_IDENTITY = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    **{f"GIT_{who}_NAME": "Ana Silva" for who in ("AUTHOR", "COMMITTER")},
    **{f"GIT_{who}_EMAIL": "ana@example.org" for who in ("AUTHOR", "COMMITTER")},
}
START = 'status: "planned"     # quoted on purpose'


class Repo:
    """A git repository with a plan in plans/, committed with chosen dates."""

    def __init__(self, root: Path, name: str = "small.yaml") -> None:
        self.root = root
        (root / "plans").mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.plan = root / "plans" / name

    def git(self, *args: str, day: str | None = None) -> str:
        env = {**os.environ, **GIT_IDENTITY}
        if day is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
        done = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def commit(self, text: str, message: str, day: str) -> str:
        self.plan.write_text(text, encoding="utf-8")
        self.git("add", "-A")
        self.git("commit", "-qm", message, day=day)
        return self.git("rev-parse", "--short=7", "HEAD").strip()

    def edit(self, old: str, new: str, message: str, day: str) -> str:
        text = self.plan.read_text(encoding="utf-8")
        assert old in text, old
        return self.commit(text.replace(old, new, 1), message, day)

    def clean(self) -> bool:
        return self.git("status", "--porcelain") == ""


def build_story(root: Path) -> Repo:
    """Six commits: adopted, started, a slip, a comment-only edit, one done, a new item.

    The "History" page's example is this repository (python -m tests.helpers.git_story DIR).
    """
    repo = Repo(root)
    text = SMALL.read_text(encoding="utf-8")
    repo.commit(text, "Plan as adopted", "2025-09-12")
    repo.edit(START, "status: in-progress", "Start the statement", "2025-10-02")
    repo.edit("due: 2026-01-15", "due: 2026-03-01", "Hosting slips", "2025-11-02")
    repo.edit(
        "# the statement comes first", "# the statement comes first (reworded)", "Comment", "2025-11-03"
    )
    repo.edit(
        "                status: 'planned'",
        "                status: done\n                completed: 2025-11-05",
        "First kid done",
        "2025-11-05",
    )
    repo.edit(
        "          - id: late\n",
        "          - id: extra\n            title: An extra item\n            status: planned\n"
        "          - id: late\n",
        "Add an item",
        "2025-12-01",
    )
    return repo


if __name__ == "__main__":
    print(build_story(Path(sys.argv[1])).plan)
