"""A plan's succession on a real git repository: the shipped plan tagged as issued, and a year
of progress with slips (with reasons), one added and one dropped item (tests/test_variance.py,
tests/test_succession.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SHIPPED, git

BASELINE_LINE = "  supersedes_note: probable, inferred from the symbol of this revision\n"


def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """No system or user git configuration; one author and committer."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Ana Silva")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "ana@example.org")


def issued_repo(root: Path, *, baseline: str | None = "issued") -> Path:
    """The shipped plan committed and tagged `issued`; the plan names the tag when asked."""
    (root / "plans").mkdir(parents=True)
    plan = root / "plans" / SHIPPED.name
    text = SHIPPED.read_text(encoding="utf-8")
    if baseline is not None:
        assert BASELINE_LINE in text
        text = text.replace(BASELINE_LINE, BASELINE_LINE + f"  baseline: {baseline}\n", 1)
    plan.write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Work Plan 2025-2026 as issued")
    git(root, "tag", "issued")
    return plan


def a_year_of_progress(cli, plan: Path) -> None:  # type: ignore[no-untyped-def]
    """Two slips of dates the document states, one of a date it does not, one add, one drop."""
    steps = [
        # report-back ends 2027-01-31; 2027-02 ends 2027-02-28: 28 days later.
        (
            "modify",
            "report-back-duty",
            "--due",
            "2027-02",
            "--reason",
            "the IWG meets in February",
            "--date",
            "2025-11-03",
        ),
        # the meeting of 3 July 2025 moved to 20 July 2025: 17 days later.
        (
            "modify",
            "agenda-process",
            "--due",
            "2025-07-20",
            "--reason",
            "the meeting moved",
            "--date",
            "2025-10-01",
        ),
        # mc14 is inferred: a move of its date has no slip to show.
        ("modify", "joint-statement", "--due", "2026-06", "--reason", "after MC14", "--date", "2025-12-01"),
        ("start", "msme-toolkit", "--date", "2025-10-15"),
        ("done", "compendium-2020", "--date", "2026-03-20"),
        ("drop", "hackathons", "--reason", "no funding in 2026", "--date", "2026-02-02"),
        (
            "add",
            "--under",
            "data",
            "--title",
            "Data portal",
            "--due",
            "2026-10",
            "--reason",
            "asked by Members at MC14",
            "--date",
            "2026-04-01",
        ),
    ]
    for step in steps:
        run = cli(*step, "--plan", plan)
        assert run.code == 0, (step, run.err)
