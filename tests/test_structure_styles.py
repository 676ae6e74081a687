"""The new commands on the styles of the hostile-input tests (`-   date:`, a flow list with a
trailing comma, block scalars, `|+` that owns the blank line after it), in LF, CRLF and CR."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import TODAY as DAY
from tests.helpers.item_styles import HEAD, ITEM, NEXT

TODAY = DAY.isoformat()
GAP = "            status: planned\n            history:\n              -   date: 2025-10-01\n                  note: x\n"
TRAILING = "            status: planned\n            history: [{date: 2025-10-01, note: x},]\n"
BLOCK_NOTE = (
    "            status: planned\n            history:\n              - date: 2025-10-01\n"
    "                note: |\n                  first\n                  second\n"
)
FOLDED = (
    "            status: planned\n            description: >-\n              folded\n              text\n"
)
KEEP = "            status: planned\n            description: |+\n              kept\n"
EARLY = ["note", "a", "early", "--date", "2025-09-20"]
AMEND = ["amend", "a", "--last", "--date", "2025-10-02"]
FIX = f'note: "corrected on {TODAY}: entry 1 (2025-10-01: x) now reads (2025-10-02: x)"'
NEW_B = "            children:\n              - id: a\n                title: A\n"

CASES = {
    "backdated note, `-   date:`": (
        EARLY, ITEM + GAP,
        ITEM + GAP.replace("history:\n", "history:\n              -   date: 2025-09-20\n                  note: early\n"),
    ),
    "backdated note, trailing comma": (
        EARLY, ITEM + TRAILING, ITEM + TRAILING.replace("[{", "[{date: 2025-09-20, note: early}, {"),
    ),
    "backdated note before a block-scalar note": (
        EARLY, ITEM + BLOCK_NOTE,
        ITEM + BLOCK_NOTE.replace("history:\n", "history:\n              - date: 2025-09-20\n                note: early\n"),
    ),
    "amend, `-   date:`": (
        AMEND, ITEM + GAP,
        ITEM + GAP.replace("2025-10-01", "2025-10-02") + f"              -   date: {TODAY}\n                  {FIX}\n",
    ),
    "amend, trailing comma": (
        AMEND, ITEM + TRAILING,
        ITEM + TRAILING.replace("[{date: 2025-10-01, note: x},]", f"[{{date: 2025-10-02, note: x}}, {{date: {TODAY}, {FIX}}},]"),
    ),
    "amend a block-scalar note": (
        ["amend", "a", "--last", "--note", "one"], ITEM + BLOCK_NOTE,
        ITEM + BLOCK_NOTE.replace("                note: |\n                  first\n                  second\n",
                                  "                note: one\n")
        + f"              - date: {TODAY}\n"
        + f'                note: "corrected on {TODAY}: entry 1 (2025-10-01: first second) now reads (2025-10-01: one)"\n',
    ),
    "modify a folded description": (
        ["modify", "a", "--description", "one line"], ITEM + FOLDED,
        ITEM + "            status: planned\n            description: one line\n",
    ),
    "move an item with a folded description": (
        ["move", "a", "--under", "b"], "", "",
    ),
    "move an item whose `|+` owns a blank line": (
        ["move", "a", "--under", "b"], "", "",
    ),
}  # fmt: skip


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("name", [n for n in CASES if not n.startswith("move")])
def test_style(cli, small: Path, name: str, nl: str) -> None:
    args, before, after = CASES[name]
    small.write_bytes((HEAD + before + NEXT).replace("\n", nl).encode("utf-8"))
    run = cli(*args, "--plan", small)
    assert run.code == 0, run.err
    assert small.read_bytes().decode("utf-8") == (HEAD + after + NEXT).replace("\n", nl)


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("body", [FOLDED, KEEP], ids=["folded", "keep"])
def test_move_carries_block_scalars(cli, small: Path, body: str, nl: str) -> None:
    small.write_bytes((HEAD + ITEM + body + NEXT).replace("\n", nl).encode("utf-8"))
    assert cli("move", "a", "--under", "b", "--plan", small).code == 0
    moved = NEW_B + "".join("    " + line + "\n" if line else "\n" for line in body.splitlines())
    kept_blank = "\n" if body is KEEP else ""
    rest = NEXT if body is KEEP else NEXT
    expected = HEAD + (rest[1:] if body is KEEP else rest) + moved + kept_blank
    assert small.read_bytes().decode("utf-8") == expected.replace("\n", nl)


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_add_after_a_block_scalar(cli, small: Path, nl: str) -> None:
    small.write_bytes((HEAD + ITEM + FOLDED + NEXT).replace("\n", nl).encode("utf-8"))
    run = cli(
        "add", "--under", "f", "--after", "a", "--title", "New", "--date", "2026-01-02", "--plan", small
    )
    assert run.code == 0, run.err
    added = (
        "          - id: new\n            title: New\n            status: planned\n            history:\n"
        "              - date: 2026-01-02\n                status: planned\n                note: added\n"
    )
    assert small.read_bytes().decode("utf-8") == (HEAD + ITEM + FOLDED + added + NEXT).replace("\n", nl)
