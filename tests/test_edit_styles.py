"""Every valid YAML style an item may be written in can be edited, byte-minimal, in LF, CRLF and CR.

Each case is an item's text before and after a command; the item is followed by a blank line
and a comment that belong to the next item, which must stay where they are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.item_styles import HEAD, ITEM, NEXT

NOTE = ["note", "a", "hello", "--date", "2026-01-02"]
DONE = ["done", "a", "--date", "2026-01-02"]
REOPEN = ["reopen", "a", "--reason", "why", "--date", "2026-01-02"]
ADDED = "            history:\n              - date: 2026-01-02\n                note: hello\n"

CASES = {
    "block scalar last (clip)": (
        NOTE,
        ITEM
        + "            status: planned\n            description: |\n              one\n\n              two\n",
        ITEM
        + "            status: planned\n            description: |\n              one\n\n              two\n"
        + ADDED,
    ),
    "block scalar last (keep)": (
        NOTE,
        ITEM + "            status: planned\n            description: |+\n              kept\n",
        # `|+` owns the blank line after it: the new key goes after that line
        ITEM
        + "            status: planned\n            description: |+\n              kept\n\n"
        + ADDED[:-1],
    ),
    "block scalar last (folded, strip)": (
        DONE,
        ITEM
        + "            status: planned\n            description: >-\n              folded\n              text\n",
        ITEM
        + "            status: done\n            completed: 2026-01-02\n"
        + "            description: >-\n              folded\n              text\n"
        + "            history:\n              - date: 2026-01-02\n                status: done\n",
    ),
    "history whose last note is a block scalar": (
        NOTE,
        ITEM
        + "            status: planned\n            history:\n              - date: 2025-10-01\n"
        + "                note: |\n                  first\n                  second\n",
        ITEM
        + "            status: planned\n            history:\n              - date: 2025-10-01\n"
        + "                note: |\n                  first\n                  second\n"
        + "              - date: 2026-01-02\n                note: hello\n",
    ),
    "history written `-   date:`": (
        NOTE,
        ITEM + "            status: planned\n            history:\n              -   date: 2025-10-01\n"
        "                  note: x\n",
        ITEM + "            status: planned\n            history:\n              -   date: 2025-10-01\n"
        "                  note: x\n              -   date: 2026-01-02\n                  note: hello\n",
    ),
    "flow history with a trailing comma": (
        NOTE,
        ITEM + "            status: planned\n            history: [{date: 2025-10-01, note: x},]\n",
        ITEM + "            status: planned\n"
        "            history: [{date: 2025-10-01, note: x}, {date: 2026-01-02, note: hello},]\n",
    ),
    "empty completed": (
        DONE,
        ITEM + "            status: planned\n            completed:\n",
        ITEM + "            status: done\n            completed: 2026-01-02\n"
        "            history:\n              - date: 2026-01-02\n                status: done\n",
    ),
    "completed on the dash line": (
        REOPEN,
        "          - completed: 2025-12-01\n            id: a\n            title: A\n            status: done\n",
        "          - id: a\n            title: A\n            status: planned\n            history:\n"
        "              - date: 2026-01-02\n                status: planned\n                note: why\n",
    ),
    "completed as the last key (reopen)": (
        REOPEN,
        ITEM + "            status: done\n            completed: 2025-12-01\n",
        ITEM + "            status: planned\n            history:\n"
        "              - date: 2026-01-02\n                status: planned\n                note: why\n",
    ),
    "completed as the last key with a comment (reopen --in-progress)": (
        [*REOPEN, "--in-progress"],
        ITEM + "            status: done  # finished\n            completed: 2025-12-01  # on time\n",
        ITEM + "            status: in-progress  # finished\n            history:\n"
        "              - date: 2026-01-02\n                status: in-progress\n                note: why\n",
    ),
    "due as the last key (modify --clear due --reason)": (
        ["modify", "a", "--clear", "due", "--reason", "why", "--date", "2026-01-02"],
        ITEM + "            status: planned\n            due: 2026-03\n",
        ITEM + "            status: planned\n            history:\n"
        '              - date: 2026-01-02\n                note: "due 2026-03 removed: why"\n',
    ),
    "a note with control characters": (
        ["note", "a", "bell\x07 esc\x1b[2J tab\t del\x7f", "--date", "2026-01-02"],
        ITEM + "            status: planned\n",
        ITEM + "            status: planned\n            history:\n              - date: 2026-01-02\n"
        '                note: "bell\\u0007 esc\\u001b[2J tab\\t del\\u007f"\n',
    ),
}


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("name", list(CASES))
def test_style_is_editable(cli, small: Path, name: str, nl: str) -> None:
    args, before, after = CASES[name]
    original = (HEAD + before + NEXT).replace("\n", nl)
    small.write_bytes(original.encode("utf-8"))
    run = cli(*args, "--plan", small)
    assert run.code == 0, run.err
    assert small.read_bytes().decode("utf-8") == (HEAD + after + NEXT).replace("\n", nl)


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_block_scalar_at_end_of_file_keeps_its_final_newline(cli, small: Path, nl: str) -> None:
    before = HEAD + ITEM + "            status: planned\n            description: |\n              last\n"
    small.write_bytes(before.replace("\n", nl).encode())
    assert cli(*NOTE, "--plan", small).code == 0
    assert small.read_bytes().decode() == (before + ADDED).replace("\n", nl)


def test_dash_line_key_with_a_comment_is_refused_with_its_line(cli, small: Path) -> None:
    text = HEAD + "          - completed: 2025-12-01\n            # why\n            id: a\n"
    text += "            title: A\n            status: done\n"
    small.write_text(text, encoding="utf-8")
    run = cli(*REOPEN, "--plan", small)
    assert run.code == 1
    assert "'completed' at line 17 is on the dash line and a comment follows it" in run.err
    assert small.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["note", "a", "caf\udce9"], "the note given is not valid UTF-8 (byte 0xe9 at character 4)"),
        (
            ["block", "a", "--reason", "\udcff\udcfe"],
            "the note given is not valid UTF-8 (byte 0xff at character 1)",
        ),
        (
            ["done", "a", "--evidence", "W/\udc80"],
            "the ref given is not valid UTF-8 (byte 0x80 at character 3)",
        ),
    ],
)
def test_argument_that_is_not_utf8_is_refused(cli, small: Path, args: list[str], what: str) -> None:
    text = HEAD + ITEM + "            status: planned\n"
    small.write_text(text, encoding="utf-8")
    run = cli(*args, "--plan", small)
    assert run.code == 1
    assert what in run.err
    assert small.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("final", [True, False], ids=["final-newline", "no-final-newline"])
def test_completed_last_at_end_of_file_reopens(cli, small: Path, nl: str, final: bool) -> None:
    before = HEAD + ITEM + "            status: done\n            completed: 2025-12-01\n"
    after = HEAD + ITEM + "            status: planned\n            history:\n"
    after += "              - date: 2026-01-02\n                status: planned\n                note: why\n"
    cut = slice(None) if final else slice(None, -1)
    small.write_bytes(before[cut].replace("\n", nl).encode())
    run = cli(*REOPEN, "--plan", small)
    assert run.code == 0, run.err
    assert small.read_bytes().decode() == after[cut].replace("\n", nl)
