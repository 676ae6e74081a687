"""`iwgplan log --id` follows an item across the move from one plan to the next (issue 28,
point 3): the item's commits in its plan, the line of the carry, then the commits of the item it
carries on in the plan before, on real git repositories."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import SMALL, git
from tests.helpers.git_story import Repo
from tests.helpers.succession import a_year_of_progress, git_identity, issued_repo

HEAD = re.compile(r"^[0-9a-f]{7}  \S+  Ana Silva  (.*)$")
CARRY = "carried from iwg-workplan-2025-2026#msme-toolkit into iwg-workplan-2027-2028#msme-kit on 2027-01-31"


def _story(out: str) -> list[str]:
    """The subjects of the commits and the lines of the carries, in the order shown."""
    return [
        m[1] if (m := HEAD.match(x)) else x
        for x in out.splitlines()
        if HEAD.match(x) or x.startswith("carried from ")
    ]


@pytest.fixture
def succession(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """The shipped plan as issued, a year of progress, its successor (the toolkit renamed
    msme-kit by the drafters), progress in the new plan: the repository's root."""
    git_identity(monkeypatch)
    root = tmp_path / "repo"
    old = issued_repo(root)
    a_year_of_progress(cli, old)
    git(root, "commit", "-qam", "A year of progress")
    run = cli("successor", "--plan", old, "--period", "2027-01..2028-12", "--date", "2027-01-31")
    assert run.code == 0, run.err
    new = root / "plans" / "workplan-2027-2028.yaml"
    text = new.read_text(encoding="utf-8")
    new.write_text(re.sub(r"(?m)^( +- id:) msme-toolkit$", r"\1 msme-kit", text), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Work Plan 2027-2028 started")
    assert cli("done", "msme-kit", "--date", "2027-03-01", "--future", "--plan", new).code == 0
    git(root, "commit", "-qam", "Toolkit done")
    monkeypatch.chdir(root)
    return root


def test_log_follows_an_item_into_the_plan_it_was_carried_from(cli, succession: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("log", "--id", "msme-kit")
    assert run.code == 0, run.err
    assert _story(run.out) == [
        "Toolkit done",
        "Work Plan 2027-2028 started",
        f"{CARRY} (plans/workplan-2025-2026.yaml)",
        "A year of progress",
        "Work Plan 2025-2026 as issued",
    ]
    new, old = run.out.split(CARRY)
    assert "~ msme-kit status: in-progress → done" in new and "msme-toolkit" not in new
    assert "~ msme-toolkit status: planned → in-progress" in old
    assert "+ action point msme-toolkit added" in old and "msme-kit" not in old
    # Other items' changes stay out of it.
    assert "report-back-duty" not in run.out and "hackathons" not in run.out

    # -n counts commits across the plans; the carry is shown when the story reaches it.
    assert _story(cli("log", "--id", "msme-kit", "-n", "2").out) == [
        "Toolkit done",
        "Work Plan 2027-2028 started",
    ]
    assert _story(cli("log", "--id", "msme-kit", "-n", "3").out)[2:] == [
        f"{CARRY} (plans/workplan-2025-2026.yaml)",
        "A year of progress",
    ]

    data = json.loads(cli("log", "--id", "msme-kit", "--format", "json").out)
    assert data["item"] == "iwg-workplan-2027-2028#msme-kit"
    assert [(c["subject"], c["item"]) for c in data["commits"]] == [
        ("Toolkit done", "iwg-workplan-2027-2028#msme-kit"),
        ("Work Plan 2027-2028 started", "iwg-workplan-2027-2028#msme-kit"),
        ("A year of progress", "iwg-workplan-2025-2026#msme-toolkit"),
        ("Work Plan 2025-2026 as issued", "iwg-workplan-2025-2026#msme-toolkit"),
    ]
    assert [c["path"] for c in data["commits"]] == ["plans/workplan-2027-2028.yaml"] * 2 + [
        "plans/workplan-2025-2026.yaml"
    ] * 2
    (carry,) = data["carries"]
    assert carry == {
        "from": "iwg-workplan-2025-2026#msme-toolkit",
        "into": "iwg-workplan-2027-2028#msme-kit",
        "date": "2027-01-31",
        "item": "iwg-workplan-2025-2026#msme-toolkit",
        "path": "plans/workplan-2025-2026.yaml",
        "problem": None,
        "line": f"{CARRY} (plans/workplan-2025-2026.yaml)",
    }

    md = cli("log", "--id", "msme-kit", "--format", "markdown").out
    assert f"- ***{CARRY} (plans/workplan-2025-2026.yaml)***" in md
    assert md.index("Toolkit done") < md.index(CARRY) < md.index("A year of progress")

    # An item the successor did not carry: its own plan's story only.
    alone = cli("log", "--id", "compendium-2020", "--plan", "plans/workplan-2025-2026.yaml")
    assert alone.code == 0 and "carried from" not in alone.out


def test_log_follows_an_item_through_two_carries(cli, succession: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli(
        "successor",
        "--plan",
        "plans/workplan-2027-2028.yaml",
        "--period",
        "2029-01..2030-12",
        "--date",
        "2029-01-15",
    )
    assert run.code == 0, run.err
    git(succession, "add", "-A")
    git(succession, "commit", "-qm", "Work Plan 2029-2030 started")
    third = "plans/workplan-2029-2030.yaml"
    # The done toolkit stayed behind; the joint statement, open since 2025, went on twice.
    story = cli("log", "--id", "joint-statement", "--plan", third)
    assert story.code == 0, story.err
    assert _story(story.out) == [
        "Work Plan 2029-2030 started",
        "carried from iwg-workplan-2027-2028#joint-statement into iwg-workplan-2029-2030#joint-statement"
        " on 2029-01-15 (plans/workplan-2027-2028.yaml)",
        "Work Plan 2027-2028 started",
        "carried from iwg-workplan-2025-2026#joint-statement into iwg-workplan-2027-2028#joint-statement"
        " on 2027-01-31 (plans/workplan-2025-2026.yaml)",
        "A year of progress",
        "Work Plan 2025-2026 as issued",
    ]
    # git's --follow takes the third plan, written in a commit that also closes the second and
    # much like it, for a copy of it: the third plan's own log begins where it was written.
    own = cli("log", "--plan", third)
    assert own.code == 0, own.err
    assert _story(own.out) == ["Work Plan 2029-2030 started"] and "plan file added" in own.out
    assert "renamed from" not in own.out
    data = json.loads(cli("log", "--id", "joint-statement", "--plan", third, "--format", "json").out)
    assert [c["into"] for c in data["carries"]] == [
        "iwg-workplan-2029-2030#joint-statement",
        "iwg-workplan-2027-2028#joint-statement",
    ]
    assert len(data["commits"]) == 4


# --- a carry the log cannot follow: said in one line, the rest shown, exit 0 -------------------

OLD_PERIOD = "  period: {start: 2025-09, end: 2026-12}\n"


def _pair(root: Path, carry: str, *, commit_old: bool = True) -> Repo:
    """plans/a.yaml (the small plan as `old`, started, then closed) and plans/b.yaml (`new`, its
    `statement` carried from ``carry``, then done), each change committed; ``commit_old``
    False: a.yaml is written beside b.yaml but never committed."""
    repo = Repo(root, "a.yaml")
    text = SMALL.read_text(encoding="utf-8").replace("  id: small-plan\n", "  id: old\n", 1)
    started = text.replace('status: "planned"     # quoted on purpose', "status: in-progress", 1)
    closed = started.replace(OLD_PERIOD, OLD_PERIOD + "  closed: 2026-12-31\n", 1)
    if commit_old:
        repo.commit(text, "Old plan adopted", "2025-09-12")
        repo.commit(started, "Old: started", "2025-10-02")
        repo.commit(closed, "Old plan closed", "2026-12-31")
    new = (
        started.replace("  id: old\n", "  id: new\n", 1)
        .replace("start: 2025-09, end: 2026-12", "start: 2025-09, end: 2028-12", 1)
        .replace("            due: mc14\n", f"            due: mc14\n            carried_from: {carry}\n", 1)
    )
    old = repo.plan
    repo.plan = root / "plans" / "b.yaml"
    repo.commit(new, "New plan", "2027-01-05")
    repo.edit(
        "status: in-progress", "status: done\n            completed: 2027-02-01", "New: done", "2027-02-01"
    )
    if not commit_old:
        old.write_text(closed, encoding="utf-8")
    return repo


@pytest.mark.parametrize(
    ("carry", "problem"),
    [
        # No plan of that id beside it: no day to tell (the item has no history of its own).
        ("elsewhere#statement", "no plan 'elsewhere' among the plans beside plans/b.yaml"),
        # The plan is there: the day it closed.
        ("old#no-such-item", "'old#no-such-item' names no item of plans/a.yaml"),
    ],
)
def test_a_carry_that_leads_nowhere_is_said_in_one_line(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, carry: str, problem: str
) -> None:  # type: ignore[no-untyped-def]
    _pair(tmp_path / "r", carry)
    monkeypatch.chdir(tmp_path / "r")
    run = cli("log", "--id", "statement", "--plan", "plans/b.yaml")
    assert run.code == 0, run.err
    on = " on 2026-12-31" if carry.startswith("old#") else ""
    line = f"carried from {carry} into new#statement{on}: {problem}; the earlier history is not shown"
    assert _story(run.out) == ["New: done", "New plan", line]
    data = json.loads(cli("log", "--id", "statement", "--plan", "plans/b.yaml", "--format", "json").out)
    assert [c["subject"] for c in data["commits"]] == ["New: done", "New plan"]
    assert data["carries"][0]["problem"] == problem and data["carries"][0]["path"] is None


def test_a_predecessor_file_gone_from_the_folder(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    repo = _pair(tmp_path / "r", "old#statement")
    repo.git("rm", "-q", "plans/a.yaml")
    repo.git("commit", "-qm", "Old plan archived", day="2027-03-01")
    monkeypatch.chdir(repo.root)
    run = cli("log", "--id", "statement", "--plan", "plans/b.yaml")
    assert run.code == 0, run.err
    assert _story(run.out)[-1] == (
        "carried from old#statement into new#statement: no plan 'old' among the plans"
        " beside plans/b.yaml; the earlier history is not shown"
    )


def test_a_predecessor_never_committed(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    repo = _pair(tmp_path / "r", "old#statement", commit_old=False)
    monkeypatch.chdir(repo.root)
    run = cli("log", "--id", "statement", "--plan", "plans/b.yaml")
    assert run.code == 0, run.err
    assert _story(run.out) == [
        "New: done",
        "New plan",
        "carried from old#statement into new#statement on 2026-12-31: plans/a.yaml has never been"
        " committed to git; the earlier history is not shown",
    ]


def test_a_carry_followed_between_two_small_plans(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The day of the carry is the earlier plan's close; its commits that do not touch the item
    (the close) are not listed."""
    repo = _pair(tmp_path / "r", "old#statement")
    monkeypatch.chdir(repo.root)
    run = cli("log", "--id", "STATEMENT", "--plan", "plans/b.yaml")
    assert run.code == 0, run.err
    assert _story(run.out) == [
        "New: done",
        "New plan",
        "carried from old#statement into new#statement on 2026-12-31 (plans/a.yaml)",
        "Old: started",
        "Old plan adopted",
    ]
