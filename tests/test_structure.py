"""`add`, `modify` and `move`: golden edits (LF and CRLF, comments, flow and block lists,
indentless lists, quoting kept) and a CLI test for each refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import SMALL
from tests.helpers.history_styles import HEAD

ORIGINAL = SMALL.read_text(encoding="utf-8")

STATEMENT_END = "            owners: [Côte d'Ivoire]\n"
KID_A = """\
              - id: kid-a
                number: a
                title: First kid
                status: 'planned'
"""
KID_B_END = "                    note: started   # kept\n"
LATE = """\
          - id: late
            title: "Türkiye: hosting"
            status: blocked
            due: 2026-01-15
            refs: [INF/TGE/W/7/Rev.3]
            history:
            - date: 2025-11-02
              status: blocked
              note: "waiting: funding"
"""


def _added(indent: int, lines: list[str]) -> str:
    history = ["history:", "  - date: 2026-01-05", "    status: planned", "    note: added"]
    pad = " " * indent
    return pad[:-2] + "- " + f"\n{pad}".join([*lines, *history]) + "\n"


CASES = {
    "add-after-last-sibling": (
        ["add", "--under", "fa", "--title", "Côte d'Ivoire: new point", "--owner", "Türkiye", "--due", "mc14"],
        [(LATE, LATE + _added(12, ["id: cote-d-ivoire", 'title: "Côte d\'Ivoire: new point"', "status: planned",
                                   "due: mc14", "owners: [Türkiye]"]))],
        "cote-d-ivoire: added under focus area fa on 2026-01-05\n",
    ),
    "add-after-a-sibling": (
        ["add", "--under", "fa", "--title", "Between", "--after", "statement", "--number", "2"],
        [(STATEMENT_END, STATEMENT_END + _added(12, ["id: between", 'number: "2"', "title: Between",
                                                     "status: planned"]))],
        "between: added under focus area fa on 2026-01-05\n",
    ),
    "add-sub-point-after-a-comment": (
        ["add", "--under", "parent", "--title", "Third kid", "--number", "c", "--id", "kid-c"],
        [(KID_B_END, KID_B_END + _added(16, ["id: kid-c", "number: c", "title: Third kid", "status: planned"]))],
        "kid-c: added under action point parent on 2026-01-05\n",
    ),
    "add-first-sub-point": (
        ["add", "--under", "statement", "--title", "Kid of statement", "--ref", "INF/TGE/W/7/Rev.3"],
        [(STATEMENT_END, STATEMENT_END + "            children:\n" + _added(16, [
            "id: kid-of-statement", "title: Kid of statement", "status: planned", "refs: [INF/TGE/W/7/Rev.3]"]))],
        "kid-of-statement: added under action point statement on 2026-01-05\n",
    ),
    "modify-due-slips-with-reason": (
        ["modify", "late", "--due", "2026-02-15", "--reason", "moved", "--clear", "refs"],
        [("            due: 2026-01-15\n            refs: [INF/TGE/W/7/Rev.3]\n", "            due: 2026-02-15\n"),
         ('              note: "waiting: funding"\n', '              note: "waiting: funding"\n'
          "            - date: 2026-01-05\n"
          '              note: "due 2026-01-15 → 2026-02-15: moved"\n')],
        "late: due 2026-01-15 → 2026-02-15: moved; refs cleared\n",
    ),
    "modify-title-owners-keeps-quoting-and-comment": (
        ["modify", "statement", "--title", "Joint statement: final", "--owner", "+Türkiye", "--number", "1"],
        [("            title: Joint statement\n", '            title: "Joint statement: final"\n'),
         ('            status: "planned"     # quoted on purpose\n',
          '            status: "planned"     # quoted on purpose\n            number: "1"\n'),
         (STATEMENT_END, "            owners: [Côte d'Ivoire, Türkiye]\n")],
        "statement: title set; number set; owners Côte d'Ivoire, Türkiye\n",
    ),
    "modify-block-owner-list": (
        ["modify", "kid-b", "--owner", "-A", "--owner", "C"],
        [("                owners:\n                  - A\n                  - B\n",
          "                owners:\n                  - B\n                  - C\n")],
        "kid-b: owners B, C\n",
    ),
    "move-sub-point-up-a-level": (
        ["move", "kid-a", "--under", "fa"],
        [(KID_A, ""), (LATE, LATE + "\n".join(line[4:] for line in KID_A.splitlines()) + "\n")],
        "kid-a: moved under focus area fa\n",
    ),
    "move-item-down-a-level": (
        ["move", "late", "--under", "parent", "--after", "kid-a"],
        [(LATE, ""), (KID_A, KID_A + "\n".join("    " + line for line in LATE.splitlines()) + "\n")],
        "late: moved under action point parent\n",
    ),
}  # fmt: skip
BLOCK_OWNERS = "                owners:\n                  - A\n                  - B\n"


def _swap(text: str, swaps: list[tuple[str, str]], nl: str) -> str:
    for before, after in swaps:
        before, after = before.replace("\n", nl), after.replace("\n", nl)
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    return text


def _original(name: str) -> str:
    if name == "modify-block-owner-list":
        kid_b = "                title: Second kid\n                status: in-progress\n"
        return ORIGINAL.replace(kid_b, kid_b + BLOCK_OWNERS)
    return ORIGINAL


@pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", list(CASES))
def test_golden(cli, small: Path, name: str, nl: str) -> None:
    args, swaps, said = CASES[name]
    original = _original(name).replace("\n", nl)
    small.write_bytes(original.encode("utf-8"))
    run = (
        cli(*args, "--date", "2026-01-05", "--plan", small)
        if args[0] != "move"
        else cli(*args, "--plan", small)
    )
    assert (run.code, run.out) == (0, said), run.err
    assert small.read_bytes().decode("utf-8") == _swap(original, swaps, nl)
    assert cli("validate", "--plan", small).code == 0


def test_dry_run_prints_the_diff(cli, small: Path) -> None:
    run = cli("add", "--under", "fa", "--title", "X", "--dry-run", "--plan", small)
    assert run.code == 0
    assert "+          - id: x\n+            title: X\n+            status: planned\n" in run.out
    assert "dry run: nothing was written" in run.err
    assert small.read_text(encoding="utf-8") == ORIGINAL


def test_added_item_is_not_replayed_before_its_day(cli, small: Path) -> None:
    assert cli("add", "--under", "fa", "--title", "New", "--date", "2026-01-05", "--plan", small).code == 0
    shown = cli("list", "--plan", small, "--as-of", "2026-01-04", "--format", "json").out
    assert "new" not in [r["id"] for r in json.loads(shown)["action_points"]]
    shown = cli("list", "--plan", small, "--as-of", "2026-01-05", "--format", "json").out
    assert "new" in [r["id"] for r in json.loads(shown)["action_points"]]


def test_generated_ids_are_unique(cli, small: Path) -> None:
    for _ in range(3):
        assert cli("add", "--under", "fa", "--title", "Joint statement", "--plan", small).code == 0
    ids = [r["id"] for r in json.loads(cli("list", "--plan", small, "--format", "json").out)["action_points"]]
    assert ids.count("joint-statement") == 1 and "joint-statement-2" in ids and "joint-statement-3" in ids


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["add", "--under", "nowhere", "--title", "X"], 1, "--under: no focus area, section or action point with id 'nowhere'"),
        (["add", "--under", "fa", "--title", "X", "--id", "statement"], 1, "--id: 'statement' is already used"),
        (["add", "--under", "fa", "--title", "X", "--id", "mc14"], 1, "--id: 'mc14' is already used"),
        (["add", "--under", "fa", "--title", "X", "--id", "Bad Id"], 2, "--id: 'Bad Id' must be lower-case"),
        (["add", "--under", "fa", "--title", "X", "--ref", "WT/L/9999"], 1, "--ref: 'WT/L/9999' is not listed"),
        (["add", "--under", "fa", "--title", "X", "--depends-on", "nope"], 1, "--depends-on: no action point with id 'nope'"),
        (["add", "--under", "fa", "--title", "X", "--due", "mc15"], 1, "--due: 'mc15' is neither a date nor a milestone id"),
        (["add", "--under", "fa", "--title", "X", "--due", "2026-13"], 2, "--due: '2026-13' is not a date"),
        (["add", "--under", "fa", "--title", "X", "--after", "kid-a"], 1, "--after: kid-a is not directly under focus area fa"),
        (["add", "--under", "fa", "--title", "   "], 2, "--title: give the action point's title"),
        (["add", "--under", "fa", "--title", "X", "--date", "2099-01-01"], 2, "is after today"),
        (["modify", "late", "--due", "2026-03"], 2, "--reason is required to change a due date (late is due 2026-01-15)"),
        (["modify", "late", "--clear", "due"], 2, "--reason is required"),
        (["modify", "late"], 2, "nothing to modify: late already reads so"),
        (["modify", "late", "--title", "Türkiye: hosting"], 2, "nothing to modify"),
        (["modify", "late", "--clear", "title"], 2, "--clear: 'title' cannot be cleared"),
        (["modify", "late", "--owner", "-Nobody"], 1, "--owners: 'Nobody' is not among them (none)"),
        (["modify", "late", "--ref", "+WT/L/9999"], 1, "--ref: 'WT/L/9999' is not listed"),
        (["modify", "late", "--depends-on", "+nope"], 1, "--depends-on: no action point with id 'nope'"),
        (["modify", "late", "--depends-on", "+late"], 1, "depends on itself"),
        (["modify", "nope", "--title", "X"], 1, "no action point with id 'nope'"),
        (["move", "parent", "--under", "kid-a"], 1, "cannot move parent under itself or one of its own sub-points"),
        (["move", "parent", "--under", "parent"], 1, "cannot move parent under itself"),
        (["move", "late", "--under", "nowhere"], 1, "--under: no focus area"),
        (["move", "late", "--under", "parent", "--after", "statement"], 1, "--after: statement is not directly under action point parent"),
    ],
)  # fmt: skip
def test_refusals(cli, small: Path, args: list[str], code: int, message: str) -> None:
    run = cli(*args, "--plan", small)
    assert run.code == code, (run.out, run.err)
    assert message in run.err
    assert small.read_text(encoding="utf-8") == ORIGINAL


NESTED = (
    HEAD
    + """\
          - id: top
            title: T
            status: planned
            children:
              - id: mid
                title: M
                status: planned
                children:
                  - id: first
                    title: A
                    status: planned
                  - id: last
                    title: B
                    status: planned
          # after the items
"""
)
MOVED = NESTED.replace(
    """                  - id: last
                    title: B
                    status: planned
""",
    "",
).replace(
    "          # after the items\n",
    "          - id: last\n            title: B\n            status: planned\n          # after the items\n",
)


@pytest.mark.parametrize("nl", ["\n", "\r\n"])
@pytest.mark.parametrize("where", [["--under", "f"], ["--under", "f", "--after", "top"]])
def test_moving_the_last_nested_point_to_the_end_of_the_list_around_it(
    cli, tmp_path: Path, nl: str, where: list[str]
) -> None:
    """Its lines end where the new ones go: the edit once failed with 'two edits overlap'
    (found by tests/test_structure_property.py)."""
    plan = tmp_path / "p.yaml"
    plan.write_bytes(NESTED.replace("\n", nl).encode())
    run = cli("move", "last", *where, "--plan", plan)
    assert (run.code, run.err) == (0, f"updated {plan}\n"), run.err
    assert plan.read_bytes() == MOVED.replace("\n", nl).encode()
