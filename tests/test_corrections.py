"""Corrections: backdated entries go in date order, future dates need --future, `amend` rewrites
one entry and keeps the correction as a note. Golden texts in LF and CRLF, block, indentless and
flow history lists, comments kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SMALL
from tests.helpers import TODAY as DAY

ORIGINAL = SMALL.read_text(encoding="utf-8")
TODAY = DAY.isoformat()

KID_B = """\
                history:
                  - date: 2025-10-01
                    status: in-progress
                    note: started   # kept
"""
LATE = """\
            history:
            - date: 2025-11-02
              status: blocked
              note: "waiting: funding"
"""
LATE_FLOW = """\
            history: [{date: 2025-11-02, status: blocked, note: "waiting: funding"}]
"""
LATE_FLOW_ITEMS = """\
            history:
              - {date: 2025-11-02, status: blocked, note: "waiting: funding"}
"""

CASES = {
    "note-before-block-entry": (
        "",
        ["note", "kid-b", "kick-off: call", "--date", "2025-09-20"],
        [(KID_B, KID_B.replace("                history:\n", "                history:\n"
                               "                  - date: 2025-09-20\n"
                               '                    note: "kick-off: call"\n'))],
        "kid-b: note added on 2025-09-20\n",
    ),
    "note-before-indentless-entry": (
        "",
        ["note", "late", "asked", "--date", "2025-10-01"],
        [(LATE, LATE.replace("            history:\n", "            history:\n"
                             "            - date: 2025-10-01\n              note: asked\n"))],
        "late: note added on 2025-10-01\n",
    ),
    "note-in-flow-list": (
        LATE_FLOW,
        ["note", "late", "asked", "--date", "2025-10-01"],
        [(LATE_FLOW, "            history: [{date: 2025-10-01, note: asked}, "
                     '{date: 2025-11-02, status: blocked, note: "waiting: funding"}]\n')],
        "late: note added on 2025-10-01\n",
    ),
    "note-in-list-of-flow-entries": (
        LATE_FLOW_ITEMS,
        ["note", "late", "asked", "--date", "2025-10-01"],
        [(LATE_FLOW_ITEMS, "            history:\n              - {date: 2025-10-01, note: asked}\n"
                           '              - {date: 2025-11-02, status: blocked, note: "waiting: funding"}\n')],
        "late: note added on 2025-10-01\n",
    ),
    "start-before-a-later-block": (
        "",
        ["start", "late", "--date", "2025-10-15"],
        [(LATE, LATE.replace("            history:\n", "            history:\n"
                             "            - date: 2025-10-15\n              status: in-progress\n"))],
        "late: planned → in-progress on 2025-10-15\n",
    ),
    "amend-last-date": (
        "",
        ["amend", "late", "--last", "--date", "2025-11-05", "--reason", "typo"],
        [(LATE, "            history:\n"
                "            - date: 2025-11-05\n              status: blocked\n"
                '              note: "waiting: funding"\n'
                f"            - date: {TODAY}\n"
                f'              note: "corrected on {TODAY}: entry 1 (2025-11-02, blocked: waiting: funding)'
                ' now reads (2025-11-05, blocked: waiting: funding): typo"\n')],
        "late: history entry 1 (2025-11-02, blocked: waiting: funding) now reads"
        " (2025-11-05, blocked: waiting: funding)\n",
    ),
    "amend-remove-only-status-entry": (
        "",
        ["amend", "kid-b", "--entry", "1", "--remove"],
        [("                status: in-progress\n                history:\n",
          "                status: planned\n                history:\n"),
         (KID_B.split("history:\n")[1],
          f"                  - date: {TODAY}\n"
          f'                    note: "corrected on {TODAY}: entry 1 (2025-10-01, in-progress: started) removed"\n')],
        "kid-b: history entry 1 (2025-10-01, in-progress: started) removed\n",
    ),
    "amend-flow-entry-status": (
        LATE_FLOW,
        ["amend", "late", "--entry", "1", "--status", "in-progress", "--note", ""],
        [("            status: blocked\n", "            status: in-progress\n"),
         (LATE_FLOW, "            history: [{date: 2025-11-02, status: in-progress}, "
                     f'{{date: {TODAY}, note: "corrected on {TODAY}: entry 1 (2025-11-02, blocked: waiting:'
                     ' funding) now reads (2025-11-02, in-progress)"}]\n')],
        "late: history entry 1 (2025-11-02, blocked: waiting: funding) now reads (2025-11-02, in-progress)\n",
    ),
}  # fmt: skip


def _swap(text: str, swaps: list[tuple[str, str]], nl: str) -> str:
    for before, after in swaps:
        before, after = before.replace("\n", nl), after.replace("\n", nl)
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    return text


@pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", list(CASES))
def test_golden_correction(cli, small: Path, name: str, nl: str) -> None:
    history, args, swaps, said = CASES[name]
    original = ORIGINAL if not history else ORIGINAL.replace(LATE, history)
    original = original.replace("\n", nl)
    small.write_bytes(original.encode("utf-8"))
    run = cli(*args, "--plan", small)
    assert (run.code, run.out) == (0, said), run.err
    assert small.read_bytes().decode("utf-8") == _swap(original, swaps, nl)


def test_backdated_status_before_a_later_one_keeps_the_status_and_says_so(cli, small: Path) -> None:
    run = cli("start", "late", "--date", "2025-10-15", "--plan", small)
    assert "late: a later entry (2025-11-02, blocked) still sets its status; it stays blocked" in run.err


@pytest.mark.parametrize("command", ["note", "done", "start", "block", "drop", "reopen", "amend"])
def test_future_date_is_refused_without_future(cli, small: Path, command: str) -> None:
    args = {
        "note": ["note", "statement", "x"],
        "done": ["done", "statement"],
        "start": ["start", "statement"],
        "block": ["block", "statement", "--reason", "r"],
        "drop": ["drop", "statement", "--reason", "r"],
        "reopen": ["reopen", "late", "--reason", "r"],
        "amend": ["amend", "late", "--last"],
    }[command]
    run = cli(*args, "--date", "2099-05-01", "--plan", small)
    assert run.code == 2
    assert f"--date 2099-05-01 is after today ({TODAY}); nothing was written" in run.err
    assert "Pass --future" in run.err
    assert small.read_text(encoding="utf-8") == ORIGINAL


def test_future_date_with_future_is_recorded(cli, small: Path) -> None:
    run = cli("note", "statement", "planned call", "--date", "2099-05-01", "--future", "--plan", small)
    assert run.code == 0
    assert "- date: 2099-05-01\n                note: planned call\n" in small.read_text(encoding="utf-8")


def test_typo_in_a_year_can_be_corrected(cli, small: Path) -> None:
    """The trap of the issue: a done dated in the future, then reopen refused. Now: amend."""
    assert cli("done", "statement", "--date", "2099-05-01", "--future", "--plan", small).code == 0
    run = cli(
        "amend",
        "statement",
        "--last",
        "--date",
        "2026-03-27",
        "--reason",
        "typo in the year",
        "--plan",
        small,
    )
    assert run.code == 0, run.err
    text = small.read_text(encoding="utf-8")
    assert "completed: 2026-03-27" in text and "2099-05-01" in text.split("corrected on")[1]
    assert "2099" not in text.split("corrected on")[0]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["amend", "statement", "--last"], 1, "statement has no history entries to amend"),
        (
            ["amend", "late", "--entry", "2"],
            2,
            "--entry: late has history entries 1 to 1; there is no entry 2",
        ),
        (["amend", "late"], 2, "give either --entry N or --last"),
        (["amend", "late", "--entry", "1", "--last"], 2, "give either --entry N or --last"),
        (["amend", "late", "--last"], 2, "nothing to amend: give --date, --status, --note or --remove"),
        (["amend", "late", "--last", "--date", "2025-11-02"], 2, "nothing to amend"),
        (["amend", "late", "--last", "--remove", "--date", "2025-11-03"], 2, "--remove takes no --date"),
        (["amend", "nope", "--last", "--note", "x"], 1, "no action point with id 'nope'"),
        (["amend", "late", "--last", "--date", "2020-01-01"], 1, "nothing was written"),
    ],
)
def test_amend_refusals(cli, small: Path, args: list[str], code: int, message: str) -> None:
    run = cli(*args, "--plan", small)
    assert run.code == code, run.err
    assert message in run.err
    assert small.read_text(encoding="utf-8") == ORIGINAL


def test_amend_dry_run(cli, small: Path) -> None:
    run = cli("amend", "late", "--last", "--note", "waiting for funds", "--dry-run", "--plan", small)
    assert run.code == 0
    assert '-              note: "waiting: funding"\n+              note: waiting for funds\n' in run.out
    assert small.read_text(encoding="utf-8") == ORIGINAL


def test_done_already_reached_later_suggests_amend(cli, small: Path) -> None:
    cli("done", "statement", "--date", "2026-03-27", "--plan", small)
    before = small.read_text(encoding="utf-8")
    run = cli("done", "statement", "--date", "2026-03-20", "--plan", small)
    assert run.code == 0
    assert "statement is already done; nothing to change" in run.err or "became done" in run.err
    assert small.read_text(encoding="utf-8") == before


def test_amend_refuses_an_entry_with_nothing_left(cli, small: Path) -> None:
    cli("note", "statement", "call", "--date", "2026-01-05", "--plan", small)
    before = small.read_text(encoding="utf-8")
    run = cli("amend", "statement", "--last", "--note", "", "--plan", small)
    assert run.code == 2
    assert "a history entry needs a status or a note; give --note TEXT or use --remove" in run.err
    assert small.read_text(encoding="utf-8") == before


def test_show_numbers_the_history_as_amend_counts_it(cli, small: Path) -> None:
    cli("note", "late", "later", "--date", "2025-12-01", "--plan", small)
    shown = cli("show", "late", "--plan", small).out
    assert "   1  2025-11-02  blocked  waiting: funding\n" in shown
    assert "   2  2025-12-01  later\n" in shown
    run = cli("amend", "late", "--entry", "2", "--note", "later on", "--plan", small)
    assert run.out == "late: history entry 2 (2025-12-01: later) now reads (2025-12-01: later on)\n"


def test_reopen_before_a_future_done_points_at_amend(cli, small: Path) -> None:
    """The trap of the issue: a done dated next year by mistake, then `reopen` today."""
    assert cli("done", "statement", "--date", "2099-05-01", "--future", "--plan", small).code == 0
    before = small.read_text(encoding="utf-8")
    run = cli("reopen", "statement", "--reason", "typo", "--plan", small)
    assert run.code == 0
    assert (
        f"statement is already open (planned); nothing to change (on {TODAY}); the history records"
        " done on 2099-05-01 (entry 1), which `iwgplan amend statement --entry 1` can correct"
    ) in run.err
    assert small.read_text(encoding="utf-8") == before
