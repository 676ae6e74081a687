"""Golden edits: the exact text of the plan file after each command, LF, CRLF and no final newline."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SMALL

ORIGINAL = SMALL.read_text(encoding="utf-8")

STATEMENT_BEFORE = """\
            status: "planned"     # quoted on purpose
            due: mc14
            owners: [Côte d'Ivoire]
"""
STATEMENT_DONE = """\
            status: "done"     # quoted on purpose
            completed: 2026-03-27
            due: mc14
            owners: [Côte d'Ivoire]
            history:
              - date: 2026-03-27
                status: done
                note: "Adopted: by consensus"
            evidence:
              - ref: WT/MIN(26)/7
                title: Statement
                date: 2026-03-27
"""
PARENT_BEFORE = """\
            due: 2026-06
            history: []
"""
PARENT_NOTE = """\
            due: 2026-06
            history:
              - date: 2026-01-05
                note: "ça va #1"
"""
LATE_BEFORE = """\
            status: blocked
            due: 2026-01-15
            refs: [INF/TGE/W/7/Rev.3]
            history:
            - date: 2025-11-02
              status: blocked
              note: "waiting: funding"
"""
LATE_DROPPED = """\
            status: dropped
            due: 2026-01-15
            refs: [INF/TGE/W/7/Rev.3]
            history:
            - date: 2025-11-02
              status: blocked
              note: "waiting: funding"
            - date: 2026-02-01
              status: dropped
              note: moot
"""
KID_A_BEFORE = """\
                title: First kid
                status: 'planned'
"""
KID_A_STARTED = """\
                title: First kid
                status: 'in-progress'
                history:
                  - date: 2026-01-05
                    status: in-progress
"""

CASES = {
    "done": (
        [
            "done",
            "statement",
            "--date",
            "2026-03-27",
            "--note",
            "Adopted: by consensus",
            "--evidence",
            "WT/MIN(26)/7",
            "--evidence-title",
            "Statement",
        ],
        [(STATEMENT_BEFORE, STATEMENT_DONE)],
        "statement: planned → done on 2026-03-27\n",
    ),
    "start": (
        ["start", "kid-a", "--date", "2026-01-05"],
        [(KID_A_BEFORE, KID_A_STARTED)],
        "kid-a: planned → in-progress on 2026-01-05\n",
    ),
    "drop": (
        ["drop", "late", "--reason", "moot", "--date", "2026-02-01"],
        [(LATE_BEFORE, LATE_DROPPED)],
        "late: blocked → dropped on 2026-02-01 (moot)\n",
    ),
    "reopen": (
        ["reopen", "late", "--reason", "moot", "--date", "2026-02-01"],
        [(LATE_BEFORE, LATE_DROPPED.replace("dropped", "planned"))],
        "late: blocked → planned on 2026-02-01 (moot)\n",
    ),
    "block": (
        ["block", "statement", "--reason", "Türkiye asks for time", "--date", "2026-01-05"],
        [
            (
                STATEMENT_BEFORE,
                STATEMENT_BEFORE.replace('"planned"', '"blocked"')
                + "            history:\n              - date: 2026-01-05\n                status: blocked\n"
                "                note: Türkiye asks for time\n",
            )
        ],
        "statement: planned → blocked on 2026-01-05 (Türkiye asks for time)\n",
    ),
    "note": (
        ["note", "parent", "ça va #1", "--date", "2026-01-05"],
        [(PARENT_BEFORE, PARENT_NOTE)],
        "parent: note added on 2026-01-05\n",
    ),
}


def expected_text(original: str, swaps: list[tuple[str, str]], nl: str) -> str:
    text = original
    for before, after in swaps:
        before, after = before.replace("\n", nl), after.replace("\n", nl)
        assert text.count(before) == 1
        text = text.replace(before, after)
    return text


@pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", list(CASES))
def test_golden_edit(cli, small: Path, name: str, nl: str) -> None:
    args, swaps, said = CASES[name]
    original = ORIGINAL.replace("\n", nl)
    small.write_bytes(original.encode("utf-8"))
    run = cli(*args, "--plan", small)
    assert (run.code, run.out) == (0, said)
    assert run.err.endswith("updated " + str(small) + "\n") or "updated" in run.err
    assert small.read_bytes().decode("utf-8") == expected_text(original, swaps, nl)


def test_edit_at_end_of_file_without_final_newline(cli, small: Path) -> None:
    original = ORIGINAL.rstrip("\n")
    small.write_text(original, encoding="utf-8")
    assert cli("drop", "late", "--reason", "moot", "--date", "2026-02-01", "--plan", small).code == 0
    assert (
        small.read_text(encoding="utf-8")
        == expected_text(original + "\n", [(LATE_BEFORE, LATE_DROPPED)], "\n")[:-1]
    )


def test_bom_is_kept(cli, small: Path) -> None:
    small.write_bytes(b"\xef\xbb\xbf" + ORIGINAL.encode())
    assert cli("start", "kid-a", "--date", "2026-01-05", "--plan", small).code == 0
    assert (
        small.read_bytes()
        == b"\xef\xbb\xbf" + expected_text(ORIGINAL, [(KID_A_BEFORE, KID_A_STARTED)], "\n").encode()
    )


def test_with_children_marks_open_sub_points(cli, small: Path) -> None:
    refused = cli("done", "parent", "--plan", small)
    assert refused.code == 1
    assert "parent has open sub-points (kid-a, kid-b); mark them first or pass --with-children" in refused.err
    assert small.read_text(encoding="utf-8") == ORIGINAL
    run = cli("done", "parent", "--with-children", "--date", "2026-02-01", "--plan", small)
    assert run.out == (
        "kid-a: planned → done on 2026-02-01\nkid-b: in-progress → done on 2026-02-01\n"
        "parent: planned → done on 2026-02-01\n"
    )
    shown = cli("show", "parent", "--plan", small, "--format", "json").out
    assert '"children_done": "[2/2]"' in shown


def test_suggests_parent_when_last_child_done(cli, small: Path) -> None:
    cli("done", "kid-a", "--date", "2026-01-02", "--plan", small)
    run = cli("done", "kid-b", "--date", "2026-01-03", "--plan", small)
    assert "every sub-point of parent is now done; run `iwgplan done parent`" in run.err


def test_already_in_state_writes_nothing(cli, small: Path) -> None:
    before = small.stat().st_mtime_ns
    run = cli("start", "kid-b", "--plan", small)
    assert run.code == 0
    assert "kid-b is already in-progress; nothing to change" in run.err
    assert small.stat().st_mtime_ns == before and small.read_text(encoding="utf-8") == ORIGINAL


def test_dry_run_shows_diff_and_writes_nothing(cli, small: Path) -> None:
    run = cli("start", "kid-a", "--date", "2026-01-05", "--dry-run", "--plan", small)
    assert run.code == 0
    assert "-                status: 'planned'\n+                status: 'in-progress'\n" in run.out
    assert "dry run: nothing was written" in run.err
    assert small.read_text(encoding="utf-8") == ORIGINAL


def test_refuses_edit_that_makes_plan_invalid(cli, small: Path) -> None:
    run = cli("done", "statement", "--date", "2020-01-01", "--plan", small)
    assert run.code == 1
    assert "completed 2020-01-01 is before the plan's start (2025-09-01)" in run.err
    assert "nothing was written" in run.err
    assert small.read_text(encoding="utf-8") == ORIGINAL


def test_refuses_to_edit_invalid_plan(cli, small: Path) -> None:
    small.write_text(ORIGINAL.replace("due: mc14", "due: mc15"), encoding="utf-8")
    run = cli("start", "kid-a", "--plan", small)
    assert run.code == 1
    assert "due 'mc15' is neither a date nor a milestone id" in run.err
    assert "fix it before recording progress" in run.err


def test_refuses_embedded_default(cli) -> None:
    run = cli("done", "joint-statement")
    assert run.code == 1
    assert "run `iwgplan init`" in run.err


def test_unknown_id(cli, small: Path) -> None:
    run = cli("done", "statment", "--plan", small)
    assert (run.code, run.err) == (
        1,
        "iwgplan: no action point with id 'statment'; did you mean:\n  statement  Joint statement\n",
    )


def test_block_requires_reason(cli, small: Path) -> None:
    run = cli("block", "statement", "--plan", small)
    assert run.code == 2
    assert "Missing option '--reason'" in run.err
